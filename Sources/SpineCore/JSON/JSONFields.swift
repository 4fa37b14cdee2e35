// One description of each output type's JSON members serves two encoders: Foundation's
// JSONEncoder (through Encodable) and SpineBoard's direct byte writer, which is several times
// faster. Tests hold the two byte-for-byte equal (JSONEncoder with .sortedKeys and
// .withoutEscapingSlashes), so members must be visited in sorted key order.

/// A value whose members are listed by `visit`, in ascending key order.
public protocol JSONFields: Encodable {
    func visit<V: FieldVisitor>(_ v: inout V)
}

/// A member name. SpineBoard's names are all literals and stay StaticStrings, which the byte
/// writer copies as they are (a quarter of its time went into inspecting key Strings); a String
/// name is accepted too and written like any other string.
public struct FieldKey: ExpressibleByStringLiteral, Sendable {
    enum Name: Sendable {
        case literal(StaticString)
        case string(String)
    }
    let name: Name

    public init(stringLiteral value: StaticString) {
        // A one-scalar literal may come as a scalar rather than as UTF-8 bytes.
        name = value.hasPointerRepresentation ? .literal(value) : .string(value.description)
    }
    public init(_ string: String) { name = .string(string) }

    public var string: String {
        switch name {
        case .literal(let s): s.description
        case .string(let s): s
        }
    }
}

/// Receives the members of a `JSONFields` value. Nil optionals are omitted, like Foundation does.
public protocol FieldVisitor {
    mutating func field(_ key: FieldKey, _ value: String)
    mutating func field(_ key: FieldKey, _ value: Int)
    mutating func field(_ key: FieldKey, _ value: Bool)
    mutating func field(_ key: FieldKey, _ value: [String])
    mutating func field<T: JSONFields>(_ key: FieldKey, _ value: T)
    mutating func field<T: JSONFields>(_ key: FieldKey, _ value: [T])
    /// A list of codes (goals, referrals). A requirement with a default, so that the JSON writer
    /// can write the codes in place instead of through a new array of their raw values.
    mutating func field<E: RawRepresentable<String>>(_ key: FieldKey, _ value: [E])
    /// Explanation texts: requirements with defaults (as Strings), written from their bytes by
    /// the JSON writer.
    mutating func field(_ key: FieldKey, _ value: Text)
    mutating func field(_ key: FieldKey, _ value: [Text])
}

extension FieldVisitor {
    public mutating func field(_ key: FieldKey, _ value: String?) { if let value { field(key, value) } }
    public mutating func field(_ key: FieldKey, _ value: Int?) { if let value { field(key, value) } }
    public mutating func field(_ key: FieldKey, _ value: Bool?) { if let value { field(key, value) } }
    public mutating func field(_ key: FieldKey, _ value: [String]?) { if let value { field(key, value) } }
    public mutating func field<T: JSONFields>(_ key: FieldKey, _ value: T?) { if let value { field(key, value) } }
    public mutating func field<T: JSONFields>(_ key: FieldKey, _ value: [T]?) { if let value { field(key, value) } }
    public mutating func field<E: RawRepresentable<String>>(_ key: FieldKey, _ value: E?) {
        if let value { field(key, value.rawValue) }
    }
    public mutating func field<E: RawRepresentable<String>>(_ key: FieldKey, _ value: [E]) {
        field(key, value.map { $0.rawValue })
    }
    public mutating func field(_ key: FieldKey, _ value: Text) { field(key, value.string) }
    public mutating func field(_ key: FieldKey, _ value: [Text]) { field(key, value.strings) }

    // Members named by a String. Disfavoured so that a literal name stays a `FieldKey` literal
    // (a string literal would otherwise pick these, String being its default type).
    @_disfavoredOverload public mutating func field(_ key: String, _ value: String) { field(FieldKey(key), value) }
    @_disfavoredOverload public mutating func field(_ key: String, _ value: Int) { field(FieldKey(key), value) }
    @_disfavoredOverload public mutating func field(_ key: String, _ value: Bool) { field(FieldKey(key), value) }
    @_disfavoredOverload public mutating func field(_ key: String, _ value: [String]) { field(FieldKey(key), value) }
    @_disfavoredOverload public mutating func field<T: JSONFields>(_ key: String, _ value: T) { field(FieldKey(key), value) }
    @_disfavoredOverload public mutating func field<T: JSONFields>(_ key: String, _ value: [T]) { field(FieldKey(key), value) }
}

struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Feeds the members to a keyed encoding container (the Foundation path).
struct EncoderVisitor: FieldVisitor {
    var container: KeyedEncodingContainer<AnyCodingKey>
    var error: (any Error)?

    mutating func run(_ body: (inout KeyedEncodingContainer<AnyCodingKey>) throws -> Void) {
        guard error == nil else { return }
        do { try body(&container) } catch { self.error = error }
    }
    mutating func field(_ key: FieldKey, _ value: String) { run { try $0.encode(value, forKey: AnyCodingKey(key.string)) } }
    mutating func field(_ key: FieldKey, _ value: Int) { run { try $0.encode(value, forKey: AnyCodingKey(key.string)) } }
    mutating func field(_ key: FieldKey, _ value: Bool) { run { try $0.encode(value, forKey: AnyCodingKey(key.string)) } }
    mutating func field(_ key: FieldKey, _ value: [String]) { run { try $0.encode(value, forKey: AnyCodingKey(key.string)) } }
    mutating func field<T: JSONFields>(_ key: FieldKey, _ value: T) { run { try $0.encode(value, forKey: AnyCodingKey(key.string)) } }
    mutating func field<T: JSONFields>(_ key: FieldKey, _ value: [T]) { run { try $0.encode(value, forKey: AnyCodingKey(key.string)) } }
}

extension JSONFields {
    public func encode(to encoder: any Encoder) throws {
        var v = EncoderVisitor(container: encoder.container(keyedBy: AnyCodingKey.self))
        visit(&v)
        if let error = v.error { throw error }
    }

    /// Compact JSON bytes, identical to JSONEncoder with [.sortedKeys, .withoutEscapingSlashes].
    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter(capacity: 4096)
        w.writeObject(self)
        return w.bytes
    }

    public func jsonString() -> String { String(decoding: jsonBytes(), as: UTF8.self) }
}

/// Byte tests shared by the JSON reader and writer.
enum JSONBytes {
    /// The high bit of each byte of `w` that is a quote, a backslash or a control character: the
    /// bytes that end or need escaping in a JSON string. SWAR, eight bytes at once: bytes ≥ 0x80
    /// never match, and the lowest flag is exact (bytes above it may be flagged wrongly by borrows),
    /// so the word is nonzero exactly when such a byte is present.
    @inline(__always) static func quoteBackslashOrControl(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let control = (w &- ones &* 0x20) & ~w & highs
        let q = w ^ (ones &* 0x22), bs = w ^ (ones &* 0x5C)
        let quote = (q &- ones) & ~q & highs
        let backslash = (bs &- ones) & ~bs & highs
        return control | quote | backslash
    }

    /// True if any byte of the word is a quote, a backslash or a control character.
    @inline(__always) static func hasQuoteBackslashOrControl(_ w: UInt64) -> Bool { quoteBackslashOrControl(w) != 0 }
}

/// Growable raw byte storage: appends are a capacity check and a memcpy, with none of an
/// array's uniqueness checks (the writer's hot path).
final class ByteBuffer {
    var base: UnsafeMutablePointer<UInt8>
    var count = 0
    var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }
    deinit { base.deallocate() }

    @inline(__always) func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
    @inline(__always) func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }
    @inline(__always) func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        (base + count).update(from: p, count: n)
        count += n
    }
}

/// Writes compact JSON directly into a byte buffer.
public struct JSONWriter: FieldVisitor {
    let buffer: ByteBuffer
    var needsComma = false

    /// `capacity` is a first guess; the buffer grows as needed (an assessment is about 20 KiB).
    public init(capacity: Int = 1024) { buffer = ByteBuffer(capacity: capacity) }

    /// The bytes written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: buffer.base, count: buffer.count)) }
    public var count: Int { buffer.count }
    /// Lends the bytes written so far without copying them.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: buffer.base, count: buffer.count))
    }
    /// Forgets the bytes written (keeps the capacity).
    public mutating func reset() {
        buffer.count = 0
        needsComma = false
    }
    public mutating func appendRaw(_ byte: UInt8) { buffer.append(byte) }

    public mutating func writeObject<T: JSONFields>(_ value: T) {
        buffer.append(UInt8(ascii: "{"))
        let saved = needsComma
        needsComma = false
        value.visit(&self)
        needsComma = saved
        buffer.append(UInt8(ascii: "}"))
    }

    mutating func key(_ key: FieldKey) {
        switch key.name {
        case .literal(let name):
            // `,"name":` after one capacity check (literal names are plain ASCII identifiers).
            let n = name.utf8CodeUnitCount
            buffer.reserve(n + 4)
            var out = buffer.base + buffer.count
            if needsComma { out.pointee = UInt8(ascii: ","); out += 1 }
            out.pointee = UInt8(ascii: "\"")
            Self.copy(name.utf8Start, n, to: out + 1)
            out += n + 1
            out[0] = UInt8(ascii: "\"")
            out[1] = UInt8(ascii: ":")
            buffer.count = out + 2 - buffer.base
        case .string(let name):
            if needsComma { buffer.append(UInt8(ascii: ",")) }
            writeString(name)
            buffer.append(UInt8(ascii: ":"))
        }
        needsComma = true
    }

    public mutating func writeString(_ s: String) {
        let buffer = self.buffer
        // Literals and native strings lend their UTF-8 directly; small strings are copied first.
        if s.utf8.withContiguousStorageIfAvailable({ Self.writeQuoted($0, into: buffer) }) == nil {
            var copy = s
            copy.withUTF8 { Self.writeQuoted($0, into: buffer) }
        }
    }

    public mutating func writeText(_ t: Text) {
        let buffer = self.buffer
        t.withUTF8 { Self.writeQuoted($0, into: buffer) }
    }

    /// Copies `n` bytes; runs up to 16 bytes (keys, codes) without a call to memcpy.
    @inline(__always) static func copy(_ from: UnsafePointer<UInt8>, _ n: Int, to out: UnsafeMutablePointer<UInt8>) {
        if n >= 8 && n <= 16 {
            // Two overlapping eight-byte moves cover 8…16 bytes.
            let src = UnsafeRawPointer(from), dst = UnsafeMutableRawPointer(out)
            let head = src.loadUnaligned(as: UInt64.self), tail = src.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            dst.storeBytes(of: head, as: UInt64.self)
            dst.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 && n < 8 {
            // And two overlapping four-byte moves 4…7 bytes.
            let src = UnsafeRawPointer(from), dst = UnsafeMutableRawPointer(out)
            let head = src.loadUnaligned(as: UInt32.self), tail = src.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            dst.storeBytes(of: head, as: UInt32.self)
            dst.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
        } else if n < 4 {
            for i in 0..<n { out[i] = from[i] }
        } else {
            out.update(from: from, count: n)
        }
    }

    @inline(__always) static func needsEscape(_ w: UInt64) -> Bool { JSONBytes.hasQuoteBackslashOrControl(w) }

    @inline(__always) static func needsEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C }

    /// Writes `"…"` with JSON escaping: quote, backslash and U+0000–U+001F (as JSONEncoder does;
    /// slash and DEL stay raw).
    // Inlined into writeString: a call per string was a tenth of the writer's time.
    @inline(__always) static func writeQuoted(_ utf8: UnsafeBufferPointer<UInt8>, into buffer: ByteBuffer) {
        let count = utf8.count
        guard let base = utf8.baseAddress, count > 0 else {
            buffer.reserve(2)
            buffer.base[buffer.count] = UInt8(ascii: "\"")
            buffer.base[buffer.count + 1] = UInt8(ascii: "\"")
            buffer.count += 2
            return
        }
        // Most strings need no escaping. One capacity check for the worst case (every byte
        // escaped as \u00XX); then each clean eight-byte word is stored as it is checked, so a
        // string is read once and no memcpy call is made for it.
        buffer.reserve(count * 6 + 2)
        var out = buffer.base + buffer.count
        out.pointee = UInt8(ascii: "\"")
        out += 1
        let raw = UnsafeRawPointer(base)
        var clean = 0
        while clean + 8 <= count {
            let w = raw.loadUnaligned(fromByteOffset: clean, as: UInt64.self)
            if needsEscape(w) { break }
            UnsafeMutableRawPointer(out).storeBytes(of: w, as: UInt64.self)
            out += 8
            clean += 8
        }
        if clean + 8 > count, count >= 8, clean < count,
           !needsEscape(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) {
            // The last, overlapping word settles the tail.
            UnsafeMutableRawPointer(out - 8 + (count - clean))
                .storeBytes(of: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self), as: UInt64.self)
            out += count - clean
            clean = count
        }
        for i in clean..<count {
            let b = base[i]
            if !needsEscape(b) {
                out.pointee = b
                out += 1
                continue
            }
            out[0] = 0x5C
            switch b {
            case 0x22: out[1] = 0x22; out += 2
            case 0x5C: out[1] = 0x5C; out += 2
            case 0x0A: out[1] = UInt8(ascii: "n"); out += 2
            case 0x0D: out[1] = UInt8(ascii: "r"); out += 2
            case 0x09: out[1] = UInt8(ascii: "t"); out += 2
            case 0x08: out[1] = UInt8(ascii: "b"); out += 2
            case 0x0C: out[1] = UInt8(ascii: "f"); out += 2
            default:
                let hex: StaticString = "0123456789abcdef"
                out[1] = UInt8(ascii: "u"); out[2] = 0x30; out[3] = 0x30
                out[4] = hex.utf8Start[Int(b >> 4)]; out[5] = hex.utf8Start[Int(b & 0xF)]
                out += 6
            }
        }
        out.pointee = UInt8(ascii: "\"")
        buffer.count = out + 1 - buffer.base
    }

    mutating func writeInt(_ value: Int) {
        // At most a sign and 20 digits: one capacity check, then the digits written backwards
        // into place.
        buffer.reserve(21)
        var v = value.magnitude
        var length = 1
        var rest = v / 10
        while rest > 0 { length += 1; rest /= 10 }
        if value < 0 { length += 1 }
        let start = buffer.base + buffer.count
        var out = start + length
        repeat {
            out -= 1
            out.pointee = UInt8(truncatingIfNeeded: v % 10) + UInt8(ascii: "0")
            v /= 10
        } while v > 0
        if value < 0 { start.pointee = UInt8(ascii: "-") }
        buffer.count += length
    }

    public mutating func field(_ key: FieldKey, _ value: String) { self.key(key); writeString(value) }
    public mutating func field(_ key: FieldKey, _ value: Int) { self.key(key); writeInt(value) }
    public mutating func field(_ key: FieldKey, _ value: Bool) {
        self.key(key)
        let word: StaticString = value ? "true" : "false"
        buffer.append(word.utf8Start, word.utf8CodeUnitCount)
    }
    public mutating func field(_ key: FieldKey, _ value: [String]) { writeArray(key, value) { $0.writeString($1) } }
    public mutating func field(_ key: FieldKey, _ value: Text) { self.key(key); writeText(value) }
    public mutating func field(_ key: FieldKey, _ value: [Text]) { writeArray(key, value) { $0.writeText($1) } }

    /// `"key":[…]`, each element written by `write`.
    @inline(__always) mutating func writeArray<T>(_ key: FieldKey, _ value: [T], _ write: (inout Self, T) -> Void) {
        self.key(key)
        buffer.append(UInt8(ascii: "["))
        for i in value.indices {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            write(&self, value[i])
        }
        buffer.append(UInt8(ascii: "]"))
    }
    public mutating func field<T: JSONFields>(_ key: FieldKey, _ value: T) { self.key(key); writeObject(value) }
    public mutating func field<E: RawRepresentable<String>>(_ key: FieldKey, _ value: [E]) {
        self.key(key)
        buffer.append(UInt8(ascii: "["))
        for i in value.indices {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            writeString(value[i].rawValue)
        }
        buffer.append(UInt8(ascii: "]"))
    }
    public mutating func field<T: JSONFields>(_ key: FieldKey, _ value: [T]) {
        self.key(key)
        buffer.append(UInt8(ascii: "["))
        for i in value.indices {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            writeObject(value[i])
        }
        buffer.append(UInt8(ascii: "]"))
    }
}
