// Ids for rows that are only ever appended (audit events): version-7 UUIDs (RFC 9562, §5.7), whose
// first 48 bits are the Unix time in milliseconds, so a new id sorts after older ones and goes in
// at the end of the primary-key index instead of onto a random page of it. With random ids every
// audited read dirtied one more page of that index, which each WAL checkpoint then had to write.
import Foundation

extension UUID {
    /// A version-7 UUID for `date`: 48 bits of milliseconds, then the random bits of a new UUID.
    static func timeOrdered(_ date: Date = Date()) -> UUID {
        let ms = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        var u = UUID().uuid
        u.0 = UInt8(truncatingIfNeeded: ms >> 40)
        u.1 = UInt8(truncatingIfNeeded: ms >> 32)
        u.2 = UInt8(truncatingIfNeeded: ms >> 24)
        u.3 = UInt8(truncatingIfNeeded: ms >> 16)
        u.4 = UInt8(truncatingIfNeeded: ms >> 8)
        u.5 = UInt8(truncatingIfNeeded: ms)
        u.6 = 0x70 | (u.6 & 0x0F)  // version 7
        u.8 = 0x80 | (u.8 & 0x3F)  // variant 10
        return UUID(uuid: u)
    }
}
