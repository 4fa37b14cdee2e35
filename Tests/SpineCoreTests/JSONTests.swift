// The strict JSON reader (`JSONParser`) and the direct JSON writer (`JSONWriter`, `jsonBytes()`),
// which must produce exactly the bytes of Foundation's JSONEncoder with
// [.sortedKeys, .withoutEscapingSlashes].
import Foundation
import SpineCore
import Testing

// MARK: - Parser cases

private struct NumberCase: Sendable, CustomTestStringConvertible {
    var text: String
    var value: Double
    var isInteger: Bool
    init(_ text: String, _ value: Double, integer: Bool) {
        self.text = text
        self.value = value
        isInteger = integer
    }
    var testDescription: String { text }
}

private let numberCases: [NumberCase] = [
    NumberCase("0", 0, integer: true),
    NumberCase("-0", 0, integer: true),
    NumberCase("7", 7, integer: true),
    NumberCase("90", 90, integer: true),
    NumberCase("100", 100, integer: true),
    NumberCase("-17", -17, integer: true),
    NumberCase("123456789012345", 123_456_789_012_345, integer: true),
    NumberCase("-12345678901234", -12_345_678_901_234, integer: true),
    NumberCase("1234567890123456", 1_234_567_890_123_456, integer: true),
    NumberCase("9007199254740993", 9_007_199_254_740_992, integer: true),
    NumberCase("-9223372036854775808", -9_223_372_036_854_775_808, integer: true),
    NumberCase("12345678901234567890", 12_345_678_901_234_567_890, integer: true),
    NumberCase("90.5", 90.5, integer: false),
    NumberCase("-0.25", -0.25, integer: false),
    NumberCase("0.1", 0.1, integer: false),
    NumberCase("4.1", 4.1, integer: false),
    NumberCase("2.5", 2.5, integer: false),
    // A fraction or an exponent in the source text makes the number non-integer, whatever its value.
    NumberCase("90.0", 90, integer: true),  // a whole value, whatever its spelling
    NumberCase("1e2", 100, integer: true),  // a whole value, whatever its spelling
    NumberCase("1E2", 100, integer: true),  // a whole value, whatever its spelling
    NumberCase("2.5e+1", 25, integer: true),  // a whole value, whatever its spelling
    NumberCase("1e-2", 0.01, integer: false),
    NumberCase("-1.5E-3", -0.0015, integer: false),
    NumberCase("6.02214076e23", 6.022_140_76e23, integer: false),
    NumberCase("1.7976931348623157e308", .greatestFiniteMagnitude, integer: false),
    NumberCase("5e-324", .leastNonzeroMagnitude, integer: false),
]

private struct StringCase: Sendable, CustomTestStringConvertible {
    var json: String
    var value: String
    init(_ json: String, _ value: String) {
        self.json = json
        self.value = value
    }
    var testDescription: String { json }
}

private let stringCases: [StringCase] = [
    StringCase(#""""#, ""),
    StringCase(#""plain""#, "plain"),
    StringCase(#""a\nb""#, "a\nb"),
    StringCase(#""a\tb""#, "a\tb"),
    StringCase(#""say \"hi\"""#, "say \"hi\""),
    StringCase(#""back\\slash""#, "back\\slash"),
    StringCase(#""a\/b""#, "a/b"),
    StringCase(#""a/b""#, "a/b"),
    StringCase(#""\b\f\r""#, "\u{8}\u{C}\r"),
    StringCase(#""caf\u00e9""#, "café"),
    StringCase(#""caf\u00E9""#, "café"),
    StringCase(#""café""#, "café"),
    StringCase(#""\ud83d\ude00""#, "😀"),
    StringCase(#""\uD83D\uDE00""#, "😀"),
    StringCase(#""x\ud83d\ude00y\n""#, "x😀y\n"),
    StringCase(#""😀""#, "😀"),
    StringCase(#""\u0000""#, "\u{0}"),
    StringCase(#""\u001f""#, "\u{1F}"),
    StringCase(#""\u2028\u2029""#, "\u{2028}\u{2029}"),
    StringCase(#""\uffff""#, "\u{FFFF}"),
    StringCase("\"\u{7F}\"", "\u{7F}"),
    StringCase(#""\udbff\udfff""#, "\u{10FFFF}"),
]

private let rejectedTexts: [String] = [
    // Surrogates that do not pair.
    #""\ud83d""#, #""\ud83dx""#, #""\ud83d\u0041""#, #""\ude00""#, #""\ude00\ud83d""#, #""\ud83d\n""#, #""\ud83d\ud83d""#,
    // Control characters must be escaped.
    "\"a\u{1}b\"", "\"a\nb\"", "\"a\tb\"", "\"\u{0}\"", "\"\u{1F}\"",
    // Bad escapes and unterminated strings.
    #""\x41""#, #""\u12""#, #""\u12G4""#, #""\U00e9""#, #""\'""#, #""abc"#, #""abc\"#, "'abc'",
    // Numbers.
    "01", "-01", "00", "1.", ".5", "-", "+1", "1e", "1e+", "--1", "1.e3", "0x1F", "1_000", "- 1",
    "NaN", "nan", "Infinity", "-Infinity", "1e400", "-1e400",
    // Literals.
    "tru", "nul", "fals", "True", "NULL", "truex", "nulll", "undefined",
    // Structure.
    "", " ", "[", "]", "{", "}", "[1,]", "[,1]", "[1 2]", "1 2", #"{"a":1,}"#, "{a:1}", #"{"a" 1}"#, #"{"a":}"#,
    #"{"a":1}}"#, "[1]]", #"{"a":1,"a":2}"#, #"{"a":{"b":1,"b":1}}"#, #"{"a":1,"\u0061":2}"#, "/* c */ 1", "[1] // c",
    #"{1:2}"#, "[\"a\":1]",
]

// MARK: - Writer probes

/// One string member.
private struct StringProbe: JSONFields {
    var text: String
    func visit<V: FieldVisitor>(_ v: inout V) { v.field("text", text) }
}

/// One member whose name is the string under test.
private struct KeyProbe: JSONFields {
    var key: String
    func visit<V: FieldVisitor>(_ v: inout V) { v.field(key, 1) }
}

private struct IntProbe: JSONFields {
    var n: Int
    func visit<V: FieldVisitor>(_ v: inout V) { v.field("n", n) }
}

private struct Empty: JSONFields {
    func visit<V: FieldVisitor>(_ v: inout V) {}
}

private struct Leaf: JSONFields {
    var code: String
    var rank: Int?
    func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("code", code)
        v.field("rank", rank)
    }
}

/// Every kind of member, keys in ascending order (byte order, as .sortedKeys sorts them).
private struct Everything: JSONFields {
    var flag: Bool
    var grade: EpiduralCompressionGrade?
    var items: [Leaf]
    var missing: String?
    var nested: Leaf?
    var none: Leaf?
    var number: Int
    var sexes: [Sex]
    var tags: [String]
    var text: String
    func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("Zulu", "upper case sorts first")
        v.field("aB", 1)
        v.field("aa", 2)
        v.field("empty", Empty())
        v.field("flag", flag)
        v.field("grade", grade)
        v.field("items", items)
        v.field("missing", missing)
        v.field("nested", nested)
        v.field("none", none)
        v.field("number", number)
        v.field("sexes", sexes)
        v.field("tags", tags)
        v.field("text", text)
        v.field("yes", true)
    }
}

private func foundationBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode(value))
}

private func expectSameBytes<T: JSONFields>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let ours = value.jsonBytes()
    let theirs = try foundationBytes(value)
    #expect(ours == theirs, "JSONWriter: \(String(decoding: ours, as: UTF8.self))\nJSONEncoder: \(String(decoding: theirs, as: UTF8.self))",
            sourceLocation: sourceLocation)
}

private struct TrickyString: Sendable, CustomTestStringConvertible {
    var value: String
    var testDescription: String { value.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F || $0.value > 0x7E
        ? "U+" + String($0.value, radix: 16, uppercase: true) : String($0) }.joined() }
}

private let trickyStrings: [TrickyString] = (
    (0..<0x20).map { String(Character(Unicode.Scalar(UInt8($0)))) } + [
        String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }),
        "", "plain", "\"", "\\", "/", "</script>", "a\"b\\c/d\u{1}e\n", "\r\n", "\\n", "\\u0000",
        "é", "e\u{301}", "😀", "👩‍⚕️", "\u{2028}", "\u{2029}", "\u{7F}", "\u{80}", "\u{FEFF}", "\u{FFFF}", "\u{10FFFF}",
        "Jane \"JR\" Roe\t/\\ café 😀\u{2028}\u{7F}\u{0}",
        String(repeating: "long \u{1}\"é ", count: 500),
    ]
).map { TrickyString(value: $0) }

private let integers: [Int] = [
    Int.min, Int.min + 1, Int.max, Int.max - 1, 0, -1, 1, 9, 10, -10, 99, 100, 1_234_567_890,
    Int(Int32.max) + 1, Int(Int32.min) - 1, 9_007_199_254_740_993, -9_007_199_254_740_993,
]

// MARK: - Tests

@Suite("JSON reader and writer")
struct JSONTests {
    // MARK: Parser: numbers

    @Test("numbers parse to their value, with integer text told apart", arguments: numberCases)
    private func numberParses(_ c: NumberCase) throws {
        let value = try JSONParser.parse(c.text)
        guard case let .number(n, isInteger) = value else {
            Issue.record("\(c.text) parsed as \(value)")
            return
        }
        #expect(n == c.value)
        #expect(n == Double(c.text), "the value is the correctly rounded Double of the text")
        #expect(isInteger == c.isInteger)
        // Inside an array and an object the same.
        #expect(try JSONParser.parse("[\(c.text)]") == .array([.number(c.value, isInteger: c.isInteger)]))
        guard case let .object(members) = try JSONParser.parse(#"{"n": \#(c.text) }"#),
              case let .number(inner, innerInteger) = members.first?.value else {
            Issue.record("not parsed in an object")
            return
        }
        #expect(inner == c.value && innerInteger == c.isInteger)
    }

    @Test("90 is an integer, 90.5 is not")
    func integerFlag() throws {
        #expect(try JSONParser.parse("90") == .number(90, isInteger: true))
        guard case .number(_, true) = try JSONParser.parse("90") else {
            Issue.record("90 must be flagged integer")
            return
        }
        guard case .number(_, false) = try JSONParser.parse("90.5") else {
            Issue.record("90.5 must not be flagged integer")
            return
        }
    }

    @Test("numbers round-trip through their shortest text")
    func numbersRoundTrip() throws {
        for n in [0.1, 4.1, 2.5, -0.0015, 1e-7, 123_456.789, .pi, 6.022e23, 1e300, -2.2250738585072014e-308] {
            guard case let .number(parsed, _) = try JSONParser.parse("\(n)") else {
                Issue.record("\(n) did not parse as a number")
                continue
            }
            #expect(parsed == n, "\(n)")
        }
    }

    // MARK: Parser: strings

    @Test("strings with escapes decode to their characters", arguments: stringCases)
    private func stringParses(_ c: StringCase) throws {
        #expect(try JSONParser.parse(c.json) == .string(c.value))
        // As a member name too.
        #expect(try JSONParser.parse("{\(c.json):true}") == .object([(key: c.value, value: .bool(true))]))
    }

    @Test("invalid UTF-8 in a string is rejected", arguments: [
        [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ] as [[UInt8]])
    func invalidUTF8Rejected(_ bad: [UInt8]) {
        for bytes in [[0x22] + bad + [0x22], [0x22, 0x61] + bad + [0x5C, 0x6E, 0x22], [0x22, 0x5C, 0x6E] + bad + [0x22]] {
            #expect(throws: JSONSyntaxError.self, "\(bytes)") { try JSONParser.parse(bytes) }
        }
    }

    @Test("valid UTF-8 bytes decode as they are")
    func validUTF8Accepted() throws {
        let text = "é€😀\u{10FFFF}"
        #expect(try JSONParser.parse([0x22] + Array(text.utf8) + [0x22]) == .string(text))
    }

    // MARK: Parser: rejections

    @Test("text that is not strict JSON is rejected with a syntax error", arguments: rejectedTexts)
    func rejected(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
    }

    @Test("the error says where: its byte offset and a message")
    func errorOffset() {
        func failure(_ text: String) -> JSONSyntaxError? {
            do {
                _ = try JSONParser.parse(text)
                return nil
            } catch {
                return error
            }
        }
        #expect(failure("[1,x]")?.offset == 3)
        #expect(failure("[1] x")?.offset == 4)
        #expect(failure(#"{"a":1,"a":2}"#)?.offset == 7)
        #expect(failure(#"{"a":1,"a":2}"#)?.message.contains("duplicate") == true)
        #expect(failure("01")?.message.contains("leading zero") == true)
        #expect(failure(#"["\ud83d"]"#)?.message.contains("surrogate") == true)
        let e = failure("[1,x]")
        #expect(e?.description.contains("3") == true)
        #expect(e?.description.contains("JSON") == true)
    }

    @Test("literals, whitespace and member order")
    func literalsAndStructure() throws {
        #expect(try JSONParser.parse("true") == .bool(true))
        #expect(try JSONParser.parse("false") == .bool(false))
        #expect(try JSONParser.parse("null") == .null)
        #expect(try JSONParser.parse(" \t\r\n[ 1 ,\n2 ]\n ") == .array([.number(1, isInteger: true), .number(2, isInteger: true)]))
        #expect(try JSONParser.parse("[]") == .array([]))
        #expect(try JSONParser.parse("{}") == .object([]))
        let parsed = try JSONParser.parse(#"{"b":1,"a":[true,false,null],"c":{"d":"e"}}"#)
        let expected = JSONValue.object([
            (key: "b", value: .number(1, isInteger: true)),
            (key: "a", value: .array([.bool(true), .bool(false), .null])),
            (key: "c", value: .object([(key: "d", value: .string("e"))])),
        ])
        #expect(parsed == expected)
        guard case let .object(members) = parsed else { return }
        #expect(members.map(\.key) == ["b", "a", "c"], "members keep document order")
        // Equality of objects is ordered.
        #expect(try JSONParser.parse(#"{"a":1,"b":2}"#) != JSONParser.parse(#"{"b":2,"a":1}"#))
    }

    @Test("nesting: maxDepth levels parse, one more and 100 levels are rejected, 100 000 never trap")
    func nestingDepth() throws {
        let depth = JSONParser.maxDepth
        #expect(depth < 100)
        func arrays(_ n: Int) -> String { String(repeating: "[", count: n) + String(repeating: "]", count: n) }
        func objects(_ n: Int) -> String { String(repeating: #"{"a":"#, count: n) + "0" + String(repeating: "}", count: n) }
        _ = try JSONParser.parse(arrays(depth))
        _ = try JSONParser.parse(objects(depth))
        _ = try JSONParser.parse("[" + objects(depth - 1) + "]")
        for text in [arrays(depth + 1), objects(depth + 1), arrays(100), objects(100), "[" + objects(depth) + "]",
                     String(repeating: "[", count: 100_000), String(repeating: #"{"a":"#, count: 100_000),
                     arrays(100_000)] {
            #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
        }
    }

    // MARK: Writer

    @Test("string escaping is byte-identical to JSONEncoder", arguments: trickyStrings)
    private func stringEscaping(_ s: TrickyString) throws {
        try expectSameBytes(StringProbe(text: s.value))
        try expectSameBytes(KeyProbe(key: s.value))
    }

    @Test("the writer's strings parse back to the same text", arguments: trickyStrings)
    private func stringRoundTrip(_ s: TrickyString) throws {
        let parsed = try JSONParser.parse(StringProbe(text: s.value).jsonBytes())
        #expect(parsed == .object([(key: "text", value: .string(s.value))]))
    }

    @Test("the writer escapes exactly: quote, backslash, and U+0000–U+001F; slash and U+007F stay raw")
    func escapingRules() {
        #expect(StringProbe(text: "\"\\/\u{7F}\u{2028}é").jsonString() == "{\"text\":\"\\\"\\\\/\u{7F}\u{2028}é\"}")
        #expect(StringProbe(text: "\u{8}\u{9}\u{A}\u{C}\u{D}").jsonString() == #"{"text":"\b\t\n\f\r"}"#)
        #expect(StringProbe(text: "\u{0}\u{1}\u{B}\u{1F}").jsonString() == #"{"text":"\u0000\u0001\u000b\u001f"}"#)
    }

    @Test("strings of every length 0–40 with an escaped byte at every position are byte-identical to JSONEncoder")
    func escapesAtEveryPosition() throws {
        // The writer copies clean eight-byte words as it checks them and settles the tail with
        // one overlapping word: every length and every position of the byte to escape (first,
        // inside a word, across a word boundary, in the overlapping tail, last) is covered.
        let plain = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN".utf8)
        for length in 0...40 {
            try expectSameBytes(StringProbe(text: String(decoding: plain.prefix(length), as: UTF8.self)))
            for special in ["\"", "\\", "\n", "\u{1}", "\u{1F}", "é", "–"] where length > 0 {
                for position in 0..<length {
                    var bytes = Array(plain.prefix(length))
                    bytes.replaceSubrange(position...position, with: Array(special.utf8))
                    try expectSameBytes(StringProbe(text: String(decoding: bytes, as: UTF8.self)))
                }
            }
        }
    }

    @Test("integers are byte-identical to JSONEncoder", arguments: integers)
    func integerOutput(_ n: Int) throws {
        try expectSameBytes(IntProbe(n: n))
        #expect(IntProbe(n: n).jsonString() == #"{"n":\#(n)}"#)
        guard case let .object(members) = try JSONParser.parse(IntProbe(n: n).jsonBytes()),
              case let .number(parsed, isInteger) = members.first?.value else {
            Issue.record("the output does not parse back")
            return
        }
        #expect(parsed == Double(n) && isInteger)
    }

    @Test("every member kind, nested objects, arrays and omitted nils are byte-identical to JSONEncoder")
    func everyMemberKind() throws {
        let full = Everything(
            flag: false, grade: .g1c,
            items: [Leaf(code: "cebrt", rank: 1), Leaf(code: "a\"b", rank: nil), Leaf(code: "", rank: Int.min)],
            missing: nil, nested: Leaf(code: "sbrt", rank: 2), none: nil, number: -42,
            sexes: [.female, .unknown], tags: ["x", "", "é\n", "/"], text: "T11–T12")
        try expectSameBytes(full)
        let sparse = Everything(flag: true, grade: nil, items: [], missing: nil, nested: nil, none: nil, number: 0,
                                sexes: [], tags: [], text: "")
        try expectSameBytes(sparse)
        #expect(sparse.jsonString() == #"{"Zulu":"upper case sorts first","aB":1,"aa":2,"empty":{},"flag":true,"items":[],"number":0,"sexes":[],"tags":[],"text":"","yes":true}"#)
        try expectSameBytes(Empty())
        #expect(Empty().jsonString() == "{}")
    }

    @Test("a writer reused for several objects separates members correctly")
    func writerReuse() {
        var w = JSONWriter()
        w.writeObject(Leaf(code: "a", rank: 1))
        w.writeObject(Leaf(code: "b", rank: nil))
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"code":"a","rank":1}{"code":"b"}"#)
    }
}
