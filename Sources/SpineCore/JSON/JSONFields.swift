// One description of each output type's JSON members serves two encoders: Foundation's
// JSONEncoder (through Encodable) and SpineBoard's direct byte writer, which is several times
// faster. Tests hold the two byte-for-byte equal (JSONEncoder with .sortedKeys and
// .withoutEscapingSlashes), so members must be visited in sorted key order.

/// A value whose members are listed by `visit`, in ascending key order.
public protocol JSONFields: Encodable {
    func visit<V: FieldVisitor>(_ v: inout V)
}

/// Receives the members of a `JSONFields` value. Nil optionals are omitted, like Foundation does.
public protocol FieldVisitor {
    mutating func field(_ key: String, _ value: String)
    mutating func field(_ key: String, _ value: Int)
    mutating func field(_ key: String, _ value: Bool)
    mutating func field(_ key: String, _ value: [String])
    mutating func field<T: JSONFields>(_ key: String, _ value: T)
    mutating func field<T: JSONFields>(_ key: String, _ value: [T])
}

extension FieldVisitor {
    public mutating func field(_ key: String, _ value: String?) { if let value { field(key, value) } }
    public mutating func field(_ key: String, _ value: Int?) { if let value { field(key, value) } }
    public mutating func field(_ key: String, _ value: Bool?) { if let value { field(key, value) } }
    public mutating func field(_ key: String, _ value: [String]?) { if let value { field(key, value) } }
    public mutating func field<T: JSONFields>(_ key: String, _ value: T?) { if let value { field(key, value) } }
    public mutating func field<T: JSONFields>(_ key: String, _ value: [T]?) { if let value { field(key, value) } }
    public mutating func field<E: RawRepresentable<String>>(_ key: String, _ value: E?) {
        if let value { field(key, value.rawValue) }
    }
    public mutating func field<E: RawRepresentable<String>>(_ key: String, _ value: [E]) {
        field(key, value.map(\.rawValue))
    }
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
    mutating func field(_ key: String, _ value: String) { run { try $0.encode(value, forKey: AnyCodingKey(key)) } }
    mutating func field(_ key: String, _ value: Int) { run { try $0.encode(value, forKey: AnyCodingKey(key)) } }
    mutating func field(_ key: String, _ value: Bool) { run { try $0.encode(value, forKey: AnyCodingKey(key)) } }
    mutating func field(_ key: String, _ value: [String]) { run { try $0.encode(value, forKey: AnyCodingKey(key)) } }
    mutating func field<T: JSONFields>(_ key: String, _ value: T) { run { try $0.encode(value, forKey: AnyCodingKey(key)) } }
    mutating func field<T: JSONFields>(_ key: String, _ value: [T]) { run { try $0.encode(value, forKey: AnyCodingKey(key)) } }
}

extension JSONFields {
    public func encode(to encoder: any Encoder) throws {
        var v = EncoderVisitor(container: encoder.container(keyedBy: AnyCodingKey.self))
        visit(&v)
        if let error = v.error { throw error }
    }

    /// Compact JSON bytes, identical to JSONEncoder with [.sortedKeys, .withoutEscapingSlashes].
    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter()
        w.bytes.reserveCapacity(4096)
        w.writeObject(self)
        return w.bytes
    }

    public func jsonString() -> String { String(decoding: jsonBytes(), as: UTF8.self) }
}

/// Writes compact JSON directly into a byte buffer.
public struct JSONWriter: FieldVisitor {
    public var bytes: [UInt8] = []
    var needsComma = false

    public init() {}

    public mutating func writeObject<T: JSONFields>(_ value: T) {
        bytes.append(UInt8(ascii: "{"))
        let saved = needsComma
        needsComma = false
        value.visit(&self)
        needsComma = saved
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func key(_ key: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                runStart = i + 1
                switch b {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func writeInt(_ value: Int) {
        if value == 0 { bytes.append(UInt8(ascii: "0")); return }
        var v = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            while v > 0 {
                buf[count] = UInt8(v % 10) + 48
                v /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(buf[i]) }
        }
    }

    public mutating func field(_ key: String, _ value: String) { self.key(key); writeString(value) }
    public mutating func field(_ key: String, _ value: Int) { self.key(key); writeInt(value) }
    public mutating func field(_ key: String, _ value: Bool) {
        self.key(key)
        bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }
    public mutating func field(_ key: String, _ value: [String]) {
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for (i, s) in value.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            writeString(s)
        }
        bytes.append(UInt8(ascii: "]"))
    }
    public mutating func field<T: JSONFields>(_ key: String, _ value: T) { self.key(key); writeObject(value) }
    public mutating func field<T: JSONFields>(_ key: String, _ value: [T]) {
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for (i, element) in value.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            writeObject(element)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
