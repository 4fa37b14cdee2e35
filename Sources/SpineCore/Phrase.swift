// `phrase("…\(x)…")`: the same String as `"…\(x)…"`, built several times faster. The explanation
// texts of an assessment are most of its cost, and String's own interpolation appends each piece
// through its general (grapheme- and capacity-aware) path, growing the storage as it goes. Here
// the literal pieces arrive as StaticString, every piece is copied as UTF-8 bytes into a buffer
// on the stack, and the String is made once at the end.

/// Builds the String of an interpolated literal; see `phrase(_:)`.
struct Phrase: ExpressibleByStringInterpolation {
    var interpolation: Interpolation
    var string: String { interpolation.string }

    init(stringLiteral value: StaticString) {
        var i = Interpolation(literalCapacity: 0, interpolationCount: 0)
        i.appendLiteral(value)
        interpolation = i
    }
    init(stringInterpolation: Interpolation) { interpolation = stringInterpolation }

    struct Interpolation: StringInterpolationProtocol {
        typealias StringLiteralType = StaticString
        typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
        /// 128 bytes: 91.5 % of an assessment's phrases fit (2,751 varied cases). The buffer is zeroed
        /// for every phrase, and zeroing 256 bytes cost more than the spills it saved: 128 made
        /// assess() 4 % and NDJSON 3 % faster in seven alternating runs; 64 gained no more.
        static let inlineCapacity = 128

        /// The bytes so far: in `inline` while they fit (no allocation), else all in `spill`.
        var inline: (Block, Block) = ((0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0))
        var count = 0
        var spill: [UInt8]?

        init(literalCapacity: Int, interpolationCount: Int) {}

        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
            let n = bytes.count
            if spill == nil, count + n <= Self.inlineCapacity {
                // Most pieces are a few bytes: copied inline, without a call to memcpy (4–5 % of
                // assess() in three alternating runs).
                withUnsafeMutableBytes(of: &inline) { raw in
                    JSONWriter.copy(source, n, to: (raw.baseAddress! + count).assumingMemoryBound(to: UInt8.self))
                }
                count += n
                return
            }
            if spill == nil {
                var heap: [UInt8] = []
                heap.reserveCapacity(2 * (count + n))
                withUnsafeBytes(of: &inline) { heap.append(contentsOf: $0.prefix(count)) }
                spill = heap
            }
            spill!.append(contentsOf: bytes)
            count += n
        }

        mutating func appendLiteral(_ literal: StaticString) {
            append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        }

        mutating func appendInterpolation(_ s: String) {
            if s.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
                var copy = s
                copy.withUTF8 { append($0) }
            }
        }

        mutating func appendInterpolation(_ s: StaticString) { appendLiteral(s) }

        mutating func appendInterpolation(_ t: Text) { t.withUTF8 { append($0) } }

        /// Each item written by `write`, `separator` between them. (A loop, not a lazy map with a
        /// key path: a key path in generic code is instantiated at run time on every call, 3.5 %
        /// of assess() in a profile.)
        @inline(__always) mutating func appendJoined<S: Sequence>(_ items: S, _ separator: StaticString,
                                                                  _ write: (inout Self, S.Element) -> Void) {
            var first = true
            for item in items {
                if !first { appendLiteral(separator) }
                first = false
                write(&self, item)
            }
        }

        /// `\(joined: texts, separator: "; ")` for explanation texts.
        mutating func appendInterpolation<S: Sequence>(joined items: S, separator: StaticString) where S.Element == Text {
            appendJoined(items, separator) { $0.appendInterpolation($1) }
        }

        /// Decimal digits, exactly as `Int.description`.
        mutating func appendInterpolation(_ n: Int) {
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for a sign and 20 digits
            withUnsafeMutableBytes(of: &digits) { raw in
                var v = n.magnitude
                var i = raw.count
                repeat {
                    i -= 1
                    raw[i] = UInt8(truncatingIfNeeded: v % 10) + UInt8(ascii: "0")
                    v /= 10
                } while v > 0
                if n < 0 {
                    i -= 1
                    raw[i] = UInt8(ascii: "-")
                }
                let used = UnsafeRawBufferPointer(rebasing: raw[i...])
                append(UnsafeBufferPointer(start: used.baseAddress!.assumingMemoryBound(to: UInt8.self), count: used.count))
            }
        }

        /// `\(3, "vertebra", "vertebrae")`: the count and the noun in its number ("1 vertebra",
        /// "0 vertebrae", "3 vertebrae"), for texts a clinician reads.
        mutating func appendInterpolation(_ n: Int, _ singular: StaticString, _ plural: StaticString) {
            appendInterpolation(n)
            appendLiteral(" ")
            appendLiteral(n == 1 ? singular : plural)
        }

        /// `\(joined: codes, separator: ", ")`: the codes' raw values joined, written in place, the
        /// same text as `codes.map(\.rawValue).joined(separator:)` without the array between.
        mutating func appendInterpolation<S: Sequence>(joined items: S, separator: StaticString)
        where S.Element: RawRepresentable, S.Element.RawValue == String {
            appendJoined(items, separator) { $0.appendInterpolation($1.rawValue) }
        }

        /// `\(joined: texts, separator: "; ")`: as `joined(separator:)`, written in place.
        mutating func appendInterpolation<S: Sequence>(joined items: S, separator: StaticString) where S.Element == String {
            appendJoined(items, separator) { $0.appendInterpolation($1) }
        }

        /// Anything else reads as in String's interpolation.
        mutating func appendInterpolation<T>(_ value: T) { appendInterpolation(String(describing: value)) }

        /// The bytes written into `arena`: no String, no allocation of its own, no UTF-8 check
        /// (every piece came from a StaticString, a String or a Text, all valid UTF-8). Mutating,
        /// with `phrase` consuming its Phrase: the inline buffer is read where it lies instead
        /// of copied to a temporary first (2 % of assess()).
        mutating func text(in arena: TextArena) -> Text {
            if let spill { return spill.withUnsafeBufferPointer { arena.text($0) } }
            let count = self.count
            return withUnsafeMutableBytes(of: &inline) { raw in
                arena.text(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
            }
        }

        var string: String {
            if let spill { return String(decoding: spill, as: UTF8.self) }
            return withUnsafeBytes(of: inline) { raw in
                String(decoding: UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count),
                       as: UTF8.self)
            }
        }
    }
}

/// The String of the interpolated literal `p`, identical to writing the literal as a String.
@inline(__always) func phrase(_ p: Phrase) -> String { p.string }

extension Array where Element == Text {
    /// The texts joined, as one text of `arena`.
    func joinedPhrase(separator: StaticString, in arena: TextArena) -> Text {
        if count == 1 { return self[0] }
        var out = Phrase.Interpolation(literalCapacity: 0, interpolationCount: 0)
        out.appendInterpolation(joined: self, separator: separator)
        return out.text(in: arena)
    }
}

extension Array where Element == String {
    /// The same String as `joined(separator:)`, assembled in one buffer (String's own join
    /// appends piece by piece, several times slower for the short lists of an assessment).
    func joinedPhrase(separator: StaticString) -> String {
        if count == 1 { return self[0] }
        var out = Phrase.Interpolation(literalCapacity: 0, interpolationCount: 0)
        out.appendInterpolation(joined: self, separator: separator)
        return out.string
    }
}
