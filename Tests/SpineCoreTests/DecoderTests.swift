// The case-document decoder reads a flat tape of the JSON (not a tree): ASCII strings are compared
// in place by their first eight bytes and length, other strings are decoded. These tests pin the
// cases where that shortcut could differ from comparing decoded Strings: keys and codes longer
// than eight bytes, keys that differ only after eight bytes, escaped and non-ASCII spellings.
import Foundation
import SpineCore
import Testing

private let decoderToday = CalendarDate(iso: "2026-03-01")!

/// A small valid document; `patient` members come first so tests can add members after `id`.
private let minimalText = #"{"schemaVersion":1,"patient":{"id":"MRN-1"},"primaryTumor":{"histology":"breast"},"spine":{"involvedLevels":["T8"],"lesions":[{"levels":["T8"]}]}}"#

private func decodeErrors(_ text: String) -> [CaseValidationError]? {
    switch CaseDocument.decode(Array(text.utf8), today: decoderToday) {
    case .success: return nil
    case .failure(let e): return e.errors
    }
}

private func withPatientMembers(_ members: String) -> String {
    minimalText.replacingOccurrences(of: #""id":"MRN-1""#, with: #""id":"MRN-1","# + members)
}

@Suite("Case document decoder (tape)")
struct DecoderTests {
    struct DuplicateCase: Sendable, CustomTestStringConvertible {
        let members: String
        let duplicate: Bool
        var testDescription: String { members }
    }

    @Test("duplicate member names are found whatever their length and spelling", arguments: [
        DuplicateCase(members: #""abcdefghij":1,"abcdefghij":2"#, duplicate: true),
        DuplicateCase(members: #""abcdefghij":1,"abcdefghik":2"#, duplicate: false),
        DuplicateCase(members: #""abcdefgh":1,"abcdefgh":2"#, duplicate: true),
        DuplicateCase(members: #""abcdefgh":1,"abcdefgi":2"#, duplicate: false),
        DuplicateCase(members: #""abcdefghijklmnopqrstuvwxyz":1,"abcdefghijklmnopqrstuvwxyz":2"#, duplicate: true),
        DuplicateCase(members: #""abcdefghijklmnopqrstuvwxyz":1,"abcdefghijklmnopqrstuvwxyZ":2"#, duplicate: false),
        DuplicateCase(members: #""abcdefghijklmnop":1,"abcdefghijklmnoq":2"#, duplicate: false),
        DuplicateCase(members: #""":1,"":2"#, duplicate: true),
        DuplicateCase(members: #""a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"a":11"#, duplicate: true),
        DuplicateCase(members: #""abcdefghij":1,"abcdefghi\u006a":2"#, duplicate: true),
        DuplicateCase(members: #""abcdefghi\u006a":1,"abcdefghij":2"#, duplicate: true),
        DuplicateCase(members: #""é":1,"\u00e9":2"#, duplicate: true),
        // Canonically equivalent with the same UTF-8 length: String == says equal.
        DuplicateCase(members: #""a\u0301\u0323":1,"a\u0323\u0301":2"#, duplicate: true),
        // Canonically equivalent but of different lengths: not duplicates (as before).
        DuplicateCase(members: #""é":1,"e\u0301":2"#, duplicate: false),
    ])
    func duplicates(_ c: DuplicateCase) throws {
        let text = withPatientMembers(c.members)
        let errors = try #require(decodeErrors(text))
        let isDuplicate = errors.count == 1 && errors[0].path.isEmpty && errors[0].message.contains("duplicate member name")
        #expect(isDuplicate == c.duplicate, "\(errors)")
        // The tree parser agrees.
        var threw = false
        do { _ = try JSONParser.parse(text) } catch { threw = error.message.contains("duplicate") }
        #expect(threw == c.duplicate)
    }

    /// Past `JSONParser.linearMemberLimit` members the names go into a set; the answer must not
    /// change with the position of the repeat, and a huge object must not take quadratic time.
    @Test("duplicates in large objects: found at any position, with the same equality as small objects")
    func duplicatesInLargeObjects() throws {
        func object(_ names: [String]) -> [UInt8] {
            Array(("{" + names.enumerated().map { "\"\($0.element)\":\($0.offset)" }.joined(separator: ",") + "}").utf8)
        }
        func isDuplicate(_ names: [String]) -> Bool {
            do { _ = try JSONParser.parse(object(names)); return false } catch { return error.message.contains("duplicate") }
        }
        let many = (0..<100).map { "k\($0)" }
        #expect(!isDuplicate(many))
        for (first, second) in [(0, 31), (0, 32), (0, 33), (5, 99), (31, 32), (32, 33), (98, 99)] {
            var names = many
            names[second] = names[first]
            #expect(isDuplicate(names), "k\(first) repeated at \(second)")
        }
        // Escaped and canonically equivalent spellings after the switch, as in small objects.
        #expect(isDuplicate(many + [#"k\u0030"#]))
        #expect(isDuplicate(many + [#"a\u0301\u0323"#, #"a\u0323\u0301"#]))
        #expect(!isDuplicate(many + ["é", #"e\u0301"#]))
        // 80,000 members with the first repeated at the end (seconds before the set).
        let huge = (0..<80_000).map { "k\($0)" } + ["k0"]
        #expect(isDuplicate(huge))
    }

    @Test("an unknown member's name is shown in its path up to 64 characters")
    func longUnknownKeyIsShortened() throws {
        let key = String(repeating: "k", count: 100_000)
        let errors = try #require(decodeErrors(withPatientMembers(#""\#(key)":1"#)))
        #expect(errors.map(\.path) == ["patient." + String(repeating: "k", count: 64) + "…"])
    }

    @Test("a schema field spelled with escapes is that field; one differing after eight bytes is unknown")
    func escapedAndLongKeys() throws {
        // "\u0069d" is "id"; "n\u0061me" is "name".
        let escaped = minimalText.replacingOccurrences(of: #""id":"MRN-1""#, with: #""\u0069d":"MRN-1","n\u0061me":"Jo""#)
        let c = try CaseDocument.decode(Array(escaped.utf8), today: decoderToday).get()
        #expect(c.patient.id == "MRN-1" && c.patient.name == "Jo")

        let long = minimalText.replacingOccurrences(of: #""histology":"breast""#,
                                                    with: #""histology":"breast","monthsFromDiagnosisToSpinalMetastasiz":3"#)
        let errors = try #require(decodeErrors(long))
        #expect(errors.map(\.path) == ["primaryTumor.monthsFromDiagnosisToSpinalMetastasiz"])
        let right = long.replacingOccurrences(of: "Metastasiz", with: "Metastasis")
        #expect(try CaseDocument.decode(Array(right.utf8), today: decoderToday).get().primaryTumor.monthsFromDiagnosisToSpinalMetastasis == 3)
    }

    @Test("codes, levels and dates match whether written plainly or with escapes", arguments: [
        #""levels":["T\u0038"]"#, #""levels":["\u00548"]"#,
    ])
    func escapedLevels(_ levels: String) throws {
        let text = minimalText.replacingOccurrences(of: #""levels":["T8"]"#, with: levels)
        #expect(try CaseDocument.decode(Array(text.utf8), today: decoderToday).get().spine.lesions[0].levels == [.t8])
    }

    @Test("vertebral level codes are exactly C1…C7, T1…T12, L1…L5, S1…S5", arguments: [
        ("C1", true), ("C7", true), ("C8", false), ("T1", true), ("T9", true), ("T10", true), ("T12", true), ("T13", false),
        ("T0", false), ("T08", false), ("L5", true), ("L6", false), ("S1", true), ("S5", true), ("S6", false), ("S0", false),
        ("t8", false), ("T", false), ("T100", false), ("", false), ("X1", false), ("C10", false), ("L10", false), ("T1a", false),
        ("Ｔ8", false),
    ])
    func levelCodes(_ code: String, _ valid: Bool) {
        let text = minimalText.replacingOccurrences(of: #"["T8"]"#, with: #"["\#(code)"]"#)
        let errors = decodeErrors(text)
        #expect((errors == nil) == valid, "\(errors ?? [])")
        if valid { #expect(VertebralLevel(code: code) != nil) } else { #expect(VertebralLevel(code: code) == nil) }
    }

    @Test("dates are read exactly as CalendarDate(iso:) reads them", arguments: [
        "1968-04-02", "1968-4-02", "1968-02-30", "19a8-04-02", "1968-04-02 ", "1968/04/02", "2000-02-29", "1900-02-29",
        "1968-04-0\\u0032", "１968-04-02", "",
    ])
    func dates(_ iso: String) {
        let text = withPatientMembers(#""birthDate":"\#(iso)""#)
        let decodedISO = (try? JSONParser.parse(#""\#(iso)""#)).flatMap { v -> String? in
            if case let .string(s) = v { return s } else { return nil }
        } ?? ""
        let expected = CalendarDate(iso: decodedISO)
        switch CaseDocument.decode(Array(text.utf8), today: decoderToday) {
        case .success(let c): #expect(c.patient.birthDate == expected && expected != nil)
        case .failure(let e): #expect(expected == nil && e.errors.map(\.path) == ["patient.birthDate"])
        }
    }

    @Test("string limits and control characters: ASCII, escaped and non-ASCII text alike")
    func stringLimits() throws {
        func nameErrors(_ json: String) -> [String] {
            (decodeErrors(withPatientMembers(#""name":\#(json)"#) ) ?? []).map(\.message)
        }
        #expect(nameErrors(#""\#(String(repeating: "a", count: 200))""#).isEmpty)
        #expect(nameErrors(#""\#(String(repeating: "a", count: 201))""#) == ["must be at most 200 characters (got 201)"])
        #expect(nameErrors(#""\#(String(repeating: "é", count: 200))""#).isEmpty)
        #expect(nameErrors(#""\#(String(repeating: "é", count: 201))""#) == ["must be at most 200 characters (got 201)"])
        // A name is one line: no line break, tab, DEL, C1 control or line separator.
        for bad in [#""a\nb""#, #""a\tb""#, #""a\u0001b""#, #""a\rb""#, #""a\u007fb""#, "\"a\u{7F}b\"", #""a\u0085b""#, #""a\u2028b""#, #""a\u2029b""#] {
            #expect(nameErrors(bad) == ["must not contain control characters or line breaks"], "\(bad)")
        }
        // Free text keeps its line breaks and tabs, not other control characters.
        func detailErrors(_ json: String) -> [String] {
            (decodeErrors(minimalText.replacingOccurrences(of: #""histology":"#, with: #""detail":\#(json),"histology":"#)) ?? []).map(\.message)
        }
        #expect(detailErrors(#""line one\nline two\tend\u2028""#).isEmpty)
        #expect(detailErrors(#""a\u009bb""#) == ["must not contain control characters (line breaks and tabs are allowed)"])
        #expect(nameErrors(#""é\u00a0ü — 患者""#).isEmpty)
        // Whitespace-only ids are empty; an id starting with a space is not.
        for (id, empty) in [(#"" ""#, true), (#""\r\n""#, false), (#""\u00a0""#, true), (#"" x""#, false),
                            (#""x ""#, false), (#""é""#, false), (#""""#, true)] {
            let text = minimalText.replacingOccurrences(of: #""id":"MRN-1""#, with: #""id":\#(id)"#)
            let messages = (decodeErrors(text) ?? []).map(\.message)
            #expect(messages.contains("must not be empty") == empty, "\(id): \(messages)")
        }
    }

    @Test("codes: exact bytes, escapes, non-ASCII look-alikes and long codes")
    func codes() throws {
        func sex(_ json: String) -> Result<Sex?, CaseValidationErrors> {
            CaseDocument.decode(Array(withPatientMembers(#""sex":\#(json)"#).utf8), today: decoderToday).map(\.patient.sex)
        }
        #expect(try sex(#""female""#).get() == .female)
        #expect(try sex(#""fem\u0061le""#).get() == .female)
        for bad in [#""Female""#, #""femal""#, #""females""#, #""""#, #""femalé""#, #""female\u0000""#] {
            #expect(throws: CaseValidationErrors.self, "\(bad)") { try sex(bad).get() }
        }
        let longCode = minimalText.replacingOccurrences(of: #""levels":["T8"]"#, with: #""levels":["T8"],"collapse":"noCollapseOver50Involved""#)
        #expect(try CaseDocument.decode(Array(longCode.utf8), today: decoderToday).get().spine.lesions[0].collapse == .noCollapseOver50Involved)
        let nearly = longCode.replacingOccurrences(of: "Involved", with: "Involvex")
        #expect(decodeErrors(nearly)?.map(\.path) == ["spine.lesions[0].collapse"])
    }

    @Test("decoding a JSONValue tree gives the same result as decoding its bytes")
    func treeAndBytesAgree() throws {
        for text in [minimalText, withPatientMembers(#""sex":"x","name":1,"zzz":true"#),
                     minimalText.replacingOccurrences(of: #""T8""#, with: #""T\u0038""#)] {
            let tree = try JSONParser.parse(text)
            let fromTree = CaseDocument.decode(tree, today: decoderToday)
            let fromBytes = CaseDocument.decode(Array(text.utf8), today: decoderToday)
            #expect(fromTree == fromBytes)
        }
    }

    @Test("strings of every length up to 24 bytes read the same by the word-at-a-time and the full scanner",
          arguments: 0...24)
    func stringLengths(_ length: Int) throws {
        let plain = String((0..<length).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
        // Padding after the value keeps eight or sixteen bytes readable past the string (the fast
        // path); without it the string ends near the end of the buffer (the full scanner).
        for padding in ["", "                        "] {
            #expect(try JSONParser.parse("\"\(plain)\"" + padding) == .string(plain))
            #expect(try JSONParser.parse("[\"\(plain)\"]" + padding) == .array([.string(plain)]))
            // As a key: equal keys are duplicates, keys differing in their last byte are not.
            #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("{\"\(plain)\":1,\"\(plain)\":2}" + padding) }
            if length > 0 {
                let other = String(plain.dropLast()) + "Z"
                let parsed = try JSONParser.parse("{\"\(plain)\":1,\"\(other)\":2}" + padding)
                #expect(parsed == .object([(key: plain, value: .number(1, isInteger: true)), (key: other, value: .number(2, isInteger: true))]))
            }
            for position in 0..<max(length, 1) {
                var chars = Array(plain.unicodeScalars)
                if chars.isEmpty { chars = ["a"] }
                // An escape, a non-ASCII character and a control character at each position.
                var escaped = chars.map { String($0) }
                escaped[position] = "\\u00e9"
                var expected = chars.map { String($0) }
                expected[position] = "é"
                #expect(try JSONParser.parse("\"" + escaped.joined() + "\"" + padding) == .string(expected.joined()))
                #expect(try JSONParser.parse("\"" + expected.joined() + "\"" + padding) == .string(expected.joined()))
                var control = Array(chars.map { String($0) }.joined().utf8)
                control[position] = 0x01
                #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22] + control + [0x22] + Array(padding.utf8)) }
                var invalid = Array(chars.map { String($0) }.joined().utf8)
                invalid[position] = 0xFF
                #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22] + invalid + [0x22] + Array(padding.utf8)) }
            }
            // Unterminated.
            #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("\"" + plain + padding) }
        }
    }
}
