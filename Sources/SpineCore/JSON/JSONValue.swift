// A small, strict JSON reader. The scanner writes a flat tape of nodes (`JSONTape`); the case
// document is validated field by field from the tape (no tree), so unknown fields, duplicate keys
// and wrong types can all be reported at once with their paths. `JSONParser` builds a `JSONValue`
// tree from the same tape for the other readers.
import Foundation

/// A parsed JSON value. Objects keep their members in document order.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number; `isInteger` is true for integer text (`90`) and for whole values written with a
    /// fraction or exponent (`90.0`, `9e1`), so an integer field accepts both and rejects `90.5`.
    case number(Double, isInteger: Bool)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a, _), .number(b, _)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The JSON type name used in error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// Where and why the text is not JSON.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var message: String
    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}

/// A member name in the duplicate set: equal exactly when `sameString` calls two names equal
/// (the same UTF-8 length and String equality), so a large object and a small one agree.
struct MemberName: Hashable {
    let name: String
    init(_ name: String) { self.name = name }
    static func == (a: Self, b: Self) -> Bool { a.name.utf8.count == b.name.utf8.count && a.name == b.name }
    func hash(into hasher: inout Hasher) {
        hasher.combine(name.utf8.count)
        hasher.combine(name)
    }
}

/// Parses UTF-8 JSON text (RFC 8259). Rejects duplicate object keys, trailing content and
/// nesting deeper than `maxDepth`, so hostile input cannot exhaust the stack.
public struct JSONParser {
    public static let maxDepth = 64
    /// Members of one object compared by scan before a set of their names takes over.
    static let linearMemberLimit: Int32 = 32

    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        let array = Array(bytes)
        return try array.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) -> JSONValue in
            let tape = try JSONTape.parse(buffer)
            return tape.value(at: 0)
        }
    }

    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

/// One value of a `JSONTape`, in document order. Containers are followed by their contents:
/// an array by its elements, an object by key, value, key, value …; `end` is the index just past
/// the container's last descendant, so a reader can skip it in one step.
struct JSONNode {
    enum Kind: UInt8 { case null, `false`, `true`, number, string, array, object }
    var kind: Kind
    /// number: the text is an integer (see `JSONValue.number`); string: `start`/`count` are the
    /// string's bytes in the input, all ASCII, with no escapes (otherwise `start` indexes `strings`).
    var flag: Bool
    /// Elements of an array, members of an object, bytes of an in-input string.
    var count: Int32
    /// string: byte offset in the input or index into `strings`; container: the index past its end.
    var start: Int
    /// number: the Double's bit pattern; in-input string: its first (up to) eight bytes, so most
    /// unequal strings are told apart without reading them.
    var bits: UInt64

    var typeName: String {
        switch kind {
        case .null: return "null"
        case .false, .true: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A parsed JSON document as a flat list of nodes (no tree, no per-value allocation): strings that
/// are plain ASCII stay in the input bytes; the others are decoded once into `strings`.
/// The parser behind `JSONParser` and `CaseDocument.decode`: one scanner, one set of syntax errors.
struct JSONTape {
    let storage: JSONNodeStorage
    var strings: [String] = []
    /// The input bytes; only valid while the buffer that was parsed is.
    var bytes: UnsafeBufferPointer<UInt8>

    static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONTape {
        // Node lengths are 32-bit: a larger input is refused here rather than overflowing them.
        guard buffer.count <= Int(Int32.max) else {
            throw JSONSyntaxError(offset: Int(Int32.max), message: "the input is larger than 2 GiB")
        }
        var parser = Reader(bytes: buffer)
        do throws(JSONSyntaxError) {
            // A UTF-8 byte-order mark (saved by some editors) is not content.
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { parser.index = 3 }
            parser.skipWhitespace()
            try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            guard parser.index == buffer.count else { throw parser.error("unexpected content after the JSON value") }
        } catch {
            parser.nodes.discard()
            throw error
        }
        return JSONTape(storage: parser.nodes.finish(), strings: parser.strings, bytes: buffer)
    }

    init(storage: JSONNodeStorage, strings: [String], bytes: UnsafeBufferPointer<UInt8>) {
        self.storage = storage
        self.strings = strings
        self.bytes = bytes
    }

    /// A tape holding an already-parsed value (its strings all in `strings`).
    init(_ value: JSONValue) {
        var nodes = JSONNodeWriter(capacity: 64)
        var strings: [String] = []
        JSONTape.append(value, to: &nodes, strings: &strings)
        self.init(storage: nodes.finish(), strings: strings, bytes: UnsafeBufferPointer(start: nil, count: 0))
    }

    private static func append(_ value: JSONValue, to nodes: inout JSONNodeWriter, strings: inout [String]) {
        switch value {
        case .null: nodes.append(JSONNode(kind: .null, flag: false, count: 0, start: 0, bits: 0))
        case .bool(let b): nodes.append(JSONNode(kind: b ? .true : .false, flag: false, count: 0, start: 0, bits: 0))
        case let .number(n, isInteger):
            nodes.append(JSONNode(kind: .number, flag: isInteger, count: 0, start: 0, bits: n.bitPattern))
        case .string(let s):
            nodes.append(JSONNode(kind: .string, flag: false, count: 0, start: strings.count, bits: 0))
            strings.append(s)
        case .array(let items):
            let at = nodes.count
            nodes.append(JSONNode(kind: .array, flag: false, count: Int32(items.count), start: 0, bits: 0))
            for item in items { append(item, to: &nodes, strings: &strings) }
            nodes.base[at].start = nodes.count
        case .object(let members):
            let at = nodes.count
            nodes.append(JSONNode(kind: .object, flag: false, count: Int32(members.count), start: 0, bits: 0))
            for m in members {
                nodes.append(JSONNode(kind: .string, flag: false, count: 0, start: strings.count, bits: 0))
                strings.append(m.key)
                append(m.value, to: &nodes, strings: &strings)
            }
            nodes.base[at].start = nodes.count
        }
    }

    // MARK: reading

    /// Reads the tape through raw pointers (no reference counting); valid only inside `body`.
    @inline(__always) func withView<R>(_ body: (JSONTapeView) -> R) -> R {
        withExtendedLifetime(storage) {
            strings.withUnsafeBufferPointer { s in
                body(JSONTapeView(nodes: UnsafeBufferPointer(start: storage.base, count: storage.count), bytes: bytes, strings: s))
            }
        }
    }

    @inline(__always) func next(_ i: Int) -> Int { withView { $0.next(i) } }
    func string(_ i: Int) -> String { withView { $0.string(i) } }

    /// The value at `i` as a `JSONValue` tree.
    func value(at i: Int) -> JSONValue {
        let n = storage.base[i]
        switch n.kind {
        case .null: return .null
        case .false: return .bool(false)
        case .true: return .bool(true)
        case .number: return .number(Double(bitPattern: n.bits), isInteger: n.flag)
        case .string: return .string(string(i))
        case .array:
            var elements: [JSONValue] = []
            elements.reserveCapacity(Int(n.count))
            var j = i + 1
            while j < n.start {
                elements.append(value(at: j))
                j = next(j)
            }
            return .array(elements)
        case .object:
            var members: [(key: String, value: JSONValue)] = []
            members.reserveCapacity(Int(n.count))
            var j = i + 1
            while j < n.start {
                members.append((string(j), value(at: j + 1)))
                j = next(j + 1)
            }
            return .object(members)
        }
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var nodes: JSONNodeWriter
        var strings: [String] = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            nodes = JSONNodeWriter(capacity: bytes.count / 8 + 8)
        }

        /// The nodes so far, for the duplicate-key check.
        func withView<R>(_ body: (JSONTapeView) -> R) -> R {
            strings.withUnsafeBufferPointer { s in
                body(JSONTapeView(nodes: UnsafeBufferPointer(start: nodes.base, count: nodes.count), bytes: bytes, strings: s))
            }
        }

        func error(_ message: String) -> JSONSyntaxError { JSONSyntaxError(offset: index, message: message) }

        @inline(__always) mutating func skipWhitespace() {
            while index < bytes.count {
                let b = bytes[index]
                if b > 0x20 { return }
                if b == 0x20 {
                    // One space before a token (after ':' or ','): the common case.
                    if index + 1 < bytes.count, bytes[index + 1] > 0x20 {
                        index += 1
                        return
                    }
                    // A run of spaces, up to eight at a time: XOR with spaces leaves the first
                    // other byte as the lowest nonzero one.
                    if index + 8 <= bytes.count {
                        let x = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self) ^ 0x2020_2020_2020_2020
                        index += x == 0 ? 8 : x.trailingZeroBitCount >> 3
                    } else {
                        index += 1
                    }
                    continue
                }
                guard b == 0x0A || b == 0x0D || b == 0x09 else { return }
                index += 1
            }
        }

        @inline(__always) mutating func append(_ kind: JSONNode.Kind, flag: Bool = false, count: Int32 = 0, start: Int = 0, bits: UInt64 = 0) {
            nodes.append(JSONNode(kind: kind, flag: flag, count: count, start: start, bits: bits))
        }

        mutating func parseValue(depth: Int) throws(JSONSyntaxError) {
            guard index < bytes.count else { throw error("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: "{"): try parseObject(depth: depth + 1)
            case UInt8(ascii: "["): try parseArray(depth: depth + 1)
            case UInt8(ascii: "\""): try parseString()
            case UInt8(ascii: "t"): try literal("true"); append(.true)
            case UInt8(ascii: "f"): try literal("false"); append(.false)
            case UInt8(ascii: "n"): try literal("null"); append(.null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber()
            default: throw error("unexpected character")
            }
        }

        @inline(__always) mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw error("unexpected end of input") }
            let start = word.utf8Start
            // true, false, null: the first four bytes in one comparison.
            if UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt32.self) == UnsafeRawPointer(start).loadUnaligned(as: UInt32.self),
               count == 4 || bytes[index + 4] == start[4] {
                index += count
                return
            }
            for offset in 0..<count where bytes[index + offset] != start[offset] {
                throw error("invalid literal")
            }
            index += count
        }

        mutating func parseObject(depth: Int) throws(JSONSyntaxError) {
            guard depth <= JSONParser.maxDepth else { throw error("nesting deeper than \(JSONParser.maxDepth)") }
            index += 1
            let at = nodes.count
            append(.object)
            var count: Int32 = 0
            defer {
                nodes.base[at].count = count
                nodes.base[at].start = nodes.count
            }
            // One bit per in-input key seen (by a hash of its length and first eight bytes): a key
            // whose bit is clear cannot repeat one of them. Decoded keys are always compared.
            var seen: UInt64 = 0
            var anyDecoded = false
            // Past a few dozen members the filter is full and each key would be compared with every
            // earlier one (quadratic: 80,000 keys took seconds); from then on the names go in a set.
            var names: Set<MemberName>?
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
                let keyOffset = index
                let keyNode = nodes.count
                try parseString()
                // Duplicate keys would make one of two values win silently.
                let key = nodes.base[keyNode]
                var mayRepeat = true
                if key.flag {
                    let bit: UInt64 = 1 << (((key.bits &+ UInt64(key.count)) &* 0x9E37_79B9_7F4A_7C15) >> 58)
                    mayRepeat = anyDecoded || seen & bit != 0
                    seen |= bit
                } else {
                    anyDecoded = true
                }
                let duplicate: Bool
                if names != nil {
                    duplicate = !names!.insert(MemberName(withView { $0.string(keyNode) })).inserted
                } else {
                    duplicate = mayRepeat && withView { view in
                        var j = at + 1
                        while j < keyNode {
                            if view.sameString(j, keyNode) { return true }
                            j = view.next(j + 1)
                        }
                        return false
                    }
                    if !duplicate, count >= JSONParser.linearMemberLimit {
                        names = withView { view in
                            var set = Set<MemberName>(minimumCapacity: 2 * Int(count))
                            var j = at + 1
                            while j <= keyNode {
                                set.insert(MemberName(view.string(j)))
                                j = j == keyNode ? j + 1 : view.next(j + 1)
                            }
                            return set
                        }
                    }
                }
                if duplicate {
                    throw JSONSyntaxError(offset: keyOffset, message: "duplicate member name \"\(withView { $0.string(keyNode) })\"")
                }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
                index += 1
                skipWhitespace()
                // Most values are strings: no detour through parseValue for them.
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") { try parseString() } else { try parseValue(depth: depth) }
                count += 1
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of input") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return }
                throw error("expected ',' or '}'")
            }
        }

        mutating func parseArray(depth: Int) throws(JSONSyntaxError) {
            guard depth <= JSONParser.maxDepth else { throw error("nesting deeper than \(JSONParser.maxDepth)") }
            index += 1
            let at = nodes.count
            append(.array)
            var count: Int32 = 0
            defer {
                nodes.base[at].count = count
                nodes.base[at].start = nodes.count
            }
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
            while true {
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") { try parseString() } else { try parseValue(depth: depth) }
                count += 1
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of input") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return }
                throw error("expected ',' or ']'")
            }
        }

        mutating func parseNumber() throws(JSONSyntaxError) {
            let start = index
            var isInteger = true
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, isDigit(bytes[index]) { throw error("leading zeros are not allowed") }
            } else {
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                isInteger = false
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                isInteger = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            // Fast path: short integers need no string conversion.
            if isInteger, index - start <= 15 {
                var value: Int64 = 0
                var negative = false
                for i in start..<index {
                    let b = bytes[i]
                    if b == UInt8(ascii: "-") { negative = true; continue }
                    value = value * 10 + Int64(b - UInt8(ascii: "0"))
                }
                append(.number, flag: true, bits: Double(negative ? -value : value).bitPattern)
                return
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let value = Double(text), value.isFinite else {
                throw JSONSyntaxError(offset: start, message: "number out of range")
            }
            // `90.0` and `9e1` are whole numbers too (some clients always write a fraction), as long
            // as the double holds the integer exactly (≤ 2^53).
            append(.number, flag: isInteger || (value.rounded() == value && abs(value) <= 9_007_199_254_740_992),
                   bits: value.bitPattern)
        }


        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

        /// Appends an ASCII string that is its own bytes in the input, or a decoded one.
        @inline(__always) mutating func appendString(inputAt start: Int, count: Int) {
            let prefix: UInt64
            if count < 8, start + 8 <= bytes.count {
                // Eight bytes are readable here (the closing quote at least follows): mask the extra.
                let w = UnsafeRawPointer(bytes.baseAddress! + start).loadUnaligned(as: UInt64.self)
                prefix = count == 0 ? 0 : w & (UInt64.max >> (64 - 8 * UInt64(count)))
            } else {
                prefix = JSONTapeView.prefix(bytes.baseAddress! + start, count)
            }
            append(.string, flag: true, count: Int32(count), start: start, bits: prefix)
        }

        mutating func appendString(_ s: String) {
            append(.string, flag: false, start: strings.count)
            strings.append(s)
        }

        /// A string at `index` (its opening quote). Short plain-ASCII strings without escapes, the
        /// usual case, are read here in one or two words; anything else by `parseStringInFull`.
        @inline(__always) mutating func parseString() throws(JSONSyntaxError) {
            let start = index + 1
            if start + 16 <= bytes.count, let base = bytes.baseAddress {
                let highs: UInt64 = 0x8080_8080_8080_8080
                let w = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
                let special = JSONBytes.quoteBackslashOrControl(w)
                if special != 0 {
                    let plain = special.trailingZeroBitCount >> 3
                    if base[start + plain] == UInt8(ascii: "\"") {
                        let text = plain == 0 ? 0 : w & (UInt64.max >> (64 - 8 * UInt64(plain)))
                        if text & highs == 0 {
                            index = start + plain + 1
                            append(.string, flag: true, count: Int32(plain), start: start, bits: text)
                            return
                        }
                    }
                } else if w & highs == 0 {
                    let w2 = UnsafeRawPointer(base + start + 8).loadUnaligned(as: UInt64.self)
                    let special2 = JSONBytes.quoteBackslashOrControl(w2)
                    if special2 != 0 {
                        let plain = special2.trailingZeroBitCount >> 3
                        if base[start + 8 + plain] == UInt8(ascii: "\"") {
                            let text = plain == 0 ? 0 : w2 & (UInt64.max >> (64 - 8 * UInt64(plain)))
                            if text & highs == 0 {
                                index = start + 8 + plain + 1
                                append(.string, flag: true, count: Int32(8 + plain), start: start, bits: w)
                                return
                            }
                        }
                    }
                }
            }
            try parseStringInFull()
        }

        @inline(never) mutating func parseStringInFull() throws(JSONSyntaxError) {
            index += 1
            let start = index
            var high: UInt8 = 0
            // Fast path: no escapes; ASCII needs no UTF-8 validation. Eight bytes at a time while
            // none ends the string, starts an escape or is a control character.
            if let base = bytes.baseAddress {
                var highBits: UInt64 = 0
                while index + 8 <= bytes.count {
                    let w = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    let special = JSONBytes.quoteBackslashOrControl(w)
                    if special != 0 {
                        // Skip the plain bytes before the first special one (usually the closing quote).
                        let plain = special.trailingZeroBitCount >> 3
                        if plain > 0 { highBits |= w & (UInt64.max >> (64 - 8 * UInt64(plain))) }
                        index += plain
                        break
                    }
                    highBits |= w
                    index += 8
                }
                if highBits & 0x8080_8080_8080_8080 != 0 { high = 0x80 }
            }
            while index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    index += 1
                    if high < 0x80 { appendString(inputAt: start, count: slice.count); return }
                    appendString(try validUTF8(slice, at: start))
                    return
                }
                high |= b
                if b == UInt8(ascii: "\\") { break }
                if b < 0x20 { throw error("control character in string") }
                index += 1
            }
            guard index < bytes.count else { throw error("unterminated string") }
            var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let b = bytes[index]
                switch b {
                case UInt8(ascii: "\""):
                    index += 1
                    appendString(try buffer.withUnsafeBufferPointer { p throws(JSONSyntaxError) in try validUTF8(p, at: start) })
                    return
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { throw error("unterminated string") }
                    let e = bytes[index]
                    index += 1
                    switch e {
                    case UInt8(ascii: "\""): buffer.append(0x22)
                    case UInt8(ascii: "\\"): buffer.append(0x5C)
                    case UInt8(ascii: "/"): buffer.append(0x2F)
                    case UInt8(ascii: "b"): buffer.append(0x08)
                    case UInt8(ascii: "f"): buffer.append(0x0C)
                    case UInt8(ascii: "n"): buffer.append(0x0A)
                    case UInt8(ascii: "r"): buffer.append(0x0D)
                    case UInt8(ascii: "t"): buffer.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800...0xDBFF).contains(scalar) {
                            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                                throw error("unpaired surrogate")
                            }
                            index += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(scalar) {
                            throw error("unpaired surrogate")
                        }
                        guard let s = Unicode.Scalar(scalar) else { throw error("invalid escape") }
                        buffer.append(contentsOf: Array(String(Character(s)).utf8))
                    default: throw error("invalid escape")
                    }
                default:
                    if b < 0x20 { throw error("control character in string") }
                    buffer.append(b)
                    index += 1
                }
            }
            throw error("unterminated string")
        }

        mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("invalid \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[index]
                let digit: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
                default: throw error("invalid \\u escape")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }

        func validUTF8(_ slice: UnsafeBufferPointer<UInt8>, at offset: Int) throws(JSONSyntaxError) -> String {
            guard let s = String(validating: slice, as: UTF8.self) else {
                throw JSONSyntaxError(offset: offset, message: "string is not valid UTF-8")
            }
            return s
        }
    }
}

/// A `JSONTape` seen through raw pointers, for reading it without reference counting.
struct JSONTapeView {
    let nodes: UnsafeBufferPointer<JSONNode>
    let bytes: UnsafeBufferPointer<UInt8>
    let strings: UnsafeBufferPointer<String>

    @inline(__always) subscript(_ i: Int) -> JSONNode { nodes[i] }

    /// The index just past the value at `i` (and its contents).
    @inline(__always) func next(_ i: Int) -> Int {
        let n = nodes[i]
        return n.kind == .array || n.kind == .object ? n.start : i + 1
    }

    /// The decoded text of the string node at `i`.
    func string(_ i: Int) -> String {
        let n = nodes[i]
        if n.flag { return String(decoding: UnsafeBufferPointer(rebasing: bytes[n.start..<n.start + Int(n.count)]), as: UTF8.self) }
        return strings[n.start]
    }

    /// The first (up to) eight bytes of `p[0..<count]`, little-endian, zero-padded.
    @inline(__always) static func prefix(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        if count >= 8 { return UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) }
        var w: UInt64 = 0
        for k in 0..<count { w |= UInt64(p[k]) << (8 * UInt64(k)) }
        return w
    }

    /// A key to look up, with its prefix worked out once.
    struct Key {
        let text: StaticString
        let count: Int
        let prefix: UInt64
        @inline(__always) init(_ text: StaticString) {
            self.text = text
            count = text.utf8CodeUnitCount
            prefix = JSONTapeView.prefix(text.utf8Start, count)
        }
    }

    /// Whether `a[8..<count]` equals `b[8..<count]` (count > 8), eight bytes at a time; the last
    /// word overlaps the one before it rather than reading past the end.
    @inline(__always) static func sameTail(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var k = 8
        while k + 8 < count {
            if ra.loadUnaligned(fromByteOffset: k, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: k, as: UInt64.self) { return false }
            k += 8
        }
        return ra.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == rb.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }

    /// Whether the string node at `i` is `key`, as `String ==` with equal UTF-8 lengths decides.
    @inline(__always) func stringEquals(_ i: Int, _ key: Key) -> Bool {
        let n = nodes[i]
        if n.flag {
            guard Int(n.count) == key.count, n.bits == key.prefix else { return false }
            if key.count <= 8 { return true }
            return JSONTapeView.sameTail(bytes.baseAddress! + n.start, key.text.utf8Start, key.count)
        }
        let s = strings[n.start]
        let k = key.text.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
        return s.utf8.count == k.utf8.count && s == k
    }

    /// `stringEquals` for a key whose prefix is not worked out yet (it is only when the lengths match).
    @inline(__always) func stringEquals(_ i: Int, _ key: StaticString) -> Bool {
        let n = nodes[i]
        if n.flag, Int(n.count) != key.utf8CodeUnitCount { return false }
        return stringEquals(i, Key(key))
    }

    /// Whether two string nodes are the same key (as `String ==` with equal UTF-8 lengths).
    @inline(__always) func sameString(_ i: Int, _ j: Int) -> Bool {
        let a = nodes[i], b = nodes[j]
        if a.flag && b.flag {
            guard a.count == b.count, a.bits == b.bits else { return false }
            if a.count <= 8 { return true }
            return JSONTapeView.sameTail(bytes.baseAddress! + a.start, bytes.baseAddress! + b.start, Int(a.count))
        }
        let s = string(i), t = string(j)
        return s.utf8.count == t.utf8.count && s == t
    }

    /// The bytes of an in-input (ASCII, unescaped) string node; nil for a decoded string or another kind.
    @inline(__always) func asciiBytes(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        let n = nodes[i]
        guard n.kind == .string, n.flag else { return nil }
        return UnsafeBufferPointer(rebasing: bytes[n.start..<n.start + Int(n.count)])
    }

    @inline(__always) func number(_ i: Int) -> Double { Double(bitPattern: nodes[i].bits) }
}

/// Owns a tape's nodes (one allocation, handed over from the writer).
final class JSONNodeStorage {
    let base: UnsafeMutablePointer<JSONNode>
    let count: Int

    init(base: UnsafeMutablePointer<JSONNode>, count: Int) {
        self.base = base
        self.count = count
    }

    deinit { base.deallocate() }
}

/// Appends nodes to raw memory, growing it by doubling: no uniqueness checks per node.
struct JSONNodeWriter {
    private(set) var base: UnsafeMutablePointer<JSONNode>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 8)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always) mutating func append(_ node: JSONNode) {
        if count == capacity { grow() }
        (base + count).initialize(to: node)
        count += 1
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<JSONNode>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    /// Hands the memory over to a storage object; the writer must not be used afterwards.
    func finish() -> JSONNodeStorage { JSONNodeStorage(base: base, count: count) }

    /// Frees the memory (after a syntax error); the writer must not be used afterwards.
    func discard() { base.deallocate() }
}
