// Text and TextArena: an assessment's explanation texts, written into one byte arena. They must
// read, compare and encode exactly as the Strings they replace.
import Foundation
@testable import SpineCore
import Testing

/// A value with text members, to compare the byte writer with JSONEncoder on them.
private struct Texts: JSONFields {
    var one: Text
    var list: [Text]
    func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("list", list)
        v.field("one", one)
    }
}

/// `phrase(…)` as the reasoning writes it, into `arena`.
private func text(_ p: Phrase, in arena: TextArena) -> Text {
    var p = p
    return p.interpolation.text(in: arena)
}

@Suite("Text: explanation texts in one arena per assessment")
struct TextTests {
    @Test func aPhraseReadsAsTheStringOfTheSameLiteral() {
        let arena = TextArena()
        let n = 7, level = "T11"
        let p: Phrase = "SINS \(n) at \(level): \("potentially-unstable") — ≥ 7 (Fisher 2010)"
        let text = text(p, in: arena)
        #expect(text.string == "SINS 7 at T11: potentially-unstable — ≥ 7 (Fisher 2010)")
        #expect(text.description == text.string)
        #expect(text.count == text.string.utf8.count)
    }

    @Test("A phrase longer than its inline buffer spills to the heap and still reads as the literal",
          arguments: [0, 1, 127, 128, 129, 300, 5000])
    func phrasesAroundTheInlineCapacity(length: Int) {
        let arena = TextArena()
        let head = String(repeating: "é", count: length / 2) + String(repeating: "x", count: length % 2)
        let p: Phrase = "\(head)|\(length)|\("tail")"
        let expected = "\(head)|\(length)|tail"
        #expect(text(p, in: arena).string == expected)
        #expect(p.string == expected)
    }

    @Test func equalWhenTheBytesAreEqualWhereverTheyLive() {
        let arena = TextArena()
        let fromArena = text("ESCC \("1c")", in: arena)
        let literal: Text = "ESCC 1c"
        let fromString = Text(String("ESCC 1c"))
        #expect(fromArena == literal)
        #expect(literal == fromString)
        #expect(fromArena.hashValue == literal.hashValue)
        #expect(Set([fromArena, literal, fromString]).count == 1)
        #expect(fromArena != "ESCC 1b")
        #expect(fromArena != "ESCC 1")
        #expect(("" as Text) == Text(""))
        #expect(("" as Text).isEmpty)
    }

    @Test func ordersAsStrings() {
        let words = ["b", "a", "ab", "é", "z", "", "aa"]
        let sorted = words.map { Text($0) }.sorted().strings
        #expect(sorted == words.sorted())
    }

    @Test func aFullArenaHandsOverWithoutMovingEarlierTexts() {
        let arena = TextArena(capacity: 16)
        var texts: [Text] = []
        var expected: [String] = []
        for i in 0..<200 {
            let s = String(repeating: "x", count: i % 37) + "#\(i)"
            texts.append(Array(s.utf8).withUnsafeBufferPointer { arena.text($0) })
            expected.append(s)
        }
        #expect(texts.strings == expected)
        #expect(arena.bytesUsed == expected.reduce(0) { $0 + $1.utf8.count })
    }

    @Test func textsOutliveTheirAssessmentsArena() {
        // The texts keep their arena alive: read after everything else is gone.
        var texts: [Text] = []
        do {
            let arena = TextArena()
            texts = (0..<3).map { text("fact \($0)", in: arena) }
        }
        #expect(texts.strings == ["fact 0", "fact 1", "fact 2"])
    }

    @Test func encodesByteForByteAsFoundationEncodesTheString() throws {
        let arena = TextArena()
        let awkward = "quote \" backslash \\ tab \t newline \n nul \u{0} slash / DEL \u{7F} é ≥ 😀"
        var p = Phrase.Interpolation(literalCapacity: 0, interpolationCount: 1)
        p.appendInterpolation(awkward)
        let value = Texts(one: p.text(in: arena), list: ["", "plain", Text(awkward), "x"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let foundation = try encoder.encode(value)
        #expect(value.jsonBytes() == Array(foundation))
        #expect(value.one.string == awkward)
    }

    @Test func anAssessmentsTextsShareOneArena() {
        let a = assess(TestCases.makeCase(), today: TestCases.today)
        let texts = a.warnings + a.noms.mechanical.facts + a.options.flatMap { $0.rationale.map(\.finding) }
        let owners = Set(texts.compactMap { $0.owner.map(ObjectIdentifier.init) })
        let strays = texts.filter { $0.owner != nil && $0.owner !== texts.first { $0.owner != nil }?.owner }
        #expect(owners.count == 1, "every phrase of one assessment lands in its arena: \(strays.strings)")
    }
}
