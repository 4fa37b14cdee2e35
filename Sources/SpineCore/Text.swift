#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The explanation texts of an assessment (findings, facts, cautions, notes, reasons). An
// assessment writes about ninety of them; as Strings each was an allocation, a UTF-8 check, a
// copy and, later, a release and a free — a fifth of assess() in callgrind. A `Text` is instead a
// range of one byte arena per assessment, written once by `phrase(…)` and read by the JSON
// writer, the text report and the web pages; a literal or an existing String is held as it is.

/// A piece of explanation text. Reads as its String. Equal when its UTF-8 bytes are equal, and
/// ordered by them (String's == and < also treat canonically equivalent forms, e.g. a precomposed
/// and a combining "é", as the same: a generated text's wording is always the same bytes).
public struct Text: @unchecked Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral, Encodable {
    /// Keeps the bytes alive: the arena they were written into; nil for a literal's static bytes.
    /// (Immutable once written, see TextArena: safe to share.)
    let owner: TextArena?
    let start: UnsafePointer<UInt8>?
    let count: Int

    init(owner: TextArena?, start: UnsafePointer<UInt8>?, count: Int) {
        self.owner = owner
        self.start = start
        self.count = count
    }

    public init(stringLiteral value: StaticString) {
        if value.hasPointerRepresentation {
            self.init(owner: nil, start: value.utf8CodeUnitCount == 0 ? nil : value.utf8Start, count: value.utf8CodeUnitCount)
        } else {
            self.init(value.description)  // a one-scalar literal comes as a scalar
        }
    }

    /// A copy of `string` (for texts that arrive as Strings, such as the fields a score lacks).
    public init(_ string: String) {
        var s = string
        let n = s.utf8.count
        self = n == 0 ? "" : s.withUTF8 { TextArena(capacity: n).text($0) }
    }

    /// The UTF-8 bytes, lent for the duration of `body`.
    @inline(__always) public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withExtendedLifetime(owner) { try body(UnsafeBufferPointer(start: start, count: count)) }
    }

    public var string: String { withUTF8 { String(decoding: $0, as: UTF8.self) } }
    public var description: String { string }
    public var isEmpty: Bool { count == 0 }

    public static func == (a: Text, b: Text) -> Bool {
        a.count == b.count && (a.start == b.start || a.withUTF8 { x in b.withUTF8 { y in memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } })
    }
    public func hash(into hasher: inout Hasher) { withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) } }
    /// Byte order, which for UTF-8 is Unicode scalar order.
    public static func < (a: Text, b: Text) -> Bool {
        a.withUTF8 { x in b.withUTF8 { y in x.lexicographicallyPrecedes(y) } }
    }

    public func contains<T: StringProtocol>(_ other: T) -> Bool { string.contains(other) }
    public func hasPrefix(_ prefix: String) -> Bool { string.hasPrefix(prefix) }
    public func hasSuffix(_ suffix: String) -> Bool { string.hasSuffix(suffix) }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(string)
    }
}

extension Sequence where Element == Text {
    /// The Strings joined, as `[String].joined(separator:)`.
    public func joined(separator: String = "") -> String { map(\.string).joined(separator: separator) }
    public var strings: [String] { map(\.string) }
}

/// The bytes of one assessment's texts. Written only while `assess()` runs, on its thread, before
/// the assessment is returned; read-only afterwards, so sharing it between threads is safe.
/// A byte a Text points into never moves: when the block is full, later texts go to a next arena.
final class TextArena: @unchecked Sendable {
    /// The block, its fill and size, and the arena that takes over once it is full. Behind a
    /// pointer: stored `var`s of a class are checked for exclusive access at run time on every use.
    private struct Block {
        let base: UnsafeMutablePointer<UInt8>
        var count: Int
        let capacity: Int
        var next: TextArena?
    }
    private let block: UnsafeMutablePointer<Block>

    /// 6 KB: an assessment's arena texts were 1.4–5.1 KB (median 2.6 KB) over 2,751 varied cases;
    /// a larger one continues in a next arena.
    init(capacity: Int = 6 * 1024) {
        block = .allocate(capacity: 1)
        block.initialize(to: Block(base: malloc(max(capacity, 1))!.assumingMemoryBound(to: UInt8.self), count: 0, capacity: capacity, next: nil))
    }

    deinit {
        free(block.pointee.base)
        block.deinitialize(count: 1)
        block.deallocate()
    }

    /// A copy of `bytes` as a Text of this arena (or of the one after it, once this is full).
    func text(_ bytes: UnsafeBufferPointer<UInt8>) -> Text {
        let n = bytes.count
        guard n > 0, let source = bytes.baseAddress else { return "" }
        if let next = block.pointee.next { return next.text(bytes) }
        let offset = block.pointee.count
        guard offset + n <= block.pointee.capacity else {
            let next = TextArena(capacity: max(n, 2 * block.pointee.capacity))
            block.pointee.next = next
            return next.text(bytes)
        }
        (block.pointee.base + offset).update(from: source, count: n)
        block.pointee.count = offset + n
        return Text(owner: self, start: block.pointee.base + offset, count: n)
    }

    /// The bytes in use, for tests and figures.
    var bytesUsed: Int { block.pointee.count + (block.pointee.next?.bytesUsed ?? 0) }
}
