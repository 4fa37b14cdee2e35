// The command line's two outputs: the NDJSON batch (one result per line, in order, errors in
// place) and the terminal report (urgency first, every score with its items, the disclaimer).
import Foundation
@testable import SpineCore
import Testing

private let reportToday = CalendarDate(iso: "2026-03-01")!

/// The package's Examples folder, found from this file's path.
private func exampleBytes(_ name: String) throws -> [UInt8] {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        url.deleteLastPathComponent()
    }
    let file = url.appendingPathComponent("Examples").appendingPathComponent(name)
    return try #require(FileManager.default.contents(atPath: file.path).map(Array.init), "missing \(file.path)")
}

private func runBatch(_ text: String, flushThreshold: Int = 1 << 16) -> (lines: [JSONValue], batch: BatchAssessor) {
    var batch = BatchAssessor(today: reportToday)
    var out: [UInt8] = []
    batch.process(Array(text.utf8), flushThreshold: flushThreshold) { out += Array($0) }
    let lines = out.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { line in
        (try? JSONParser.parse(Array(line))) ?? .null
    }
    #expect(out.last == 0x0A, "every result ends with a newline")
    return (Array(lines), batch)
}

private func member(_ v: JSONValue, _ key: String) -> JSONValue? {
    guard case let .object(m) = v else { return nil }
    return m.first { $0.key == key }?.value
}

@Suite("Command-line outputs: NDJSON batch and terminal report")
struct ReportTests {
    @Test("NDJSON: one result per input line, in order, a bad line answered in place")
    func batchKeepsOrderAndReportsErrors() throws {
        let good = try exampleBytes("routine-breast-t8.json").filter { $0 != 0x0A && $0 != 0x0D }
        let goodLine = String(decoding: good, as: UTF8.self)
        let input = [goodLine, #"{"schemaVersion": 1, "patient": {"id": "X"}, "primaryTumor": {"histology": "brest"}, "spine": {"involvedLevels": ["T8"], "lesions": [{"levels": ["T8"]}]}}"#,
                     "not json", "", goodLine + "\r"].joined(separator: "\n") + "\n"
        // setup: a tiny flush threshold exercises the flushing path too
        let (lines, batch) = runBatch(input, flushThreshold: 16)
        // validation
        #expect(lines.count == 5)
        #expect(batch.assessed == 2)
        #expect(batch.rejected == 3)
        #expect(member(lines[0], "rulesVersion") == .string(Rules.version))
        #expect(member(lines[4], "rulesVersion") == .string(Rules.version), "a CRLF line is assessed")
        let error = try #require(member(lines[1], "error"))
        #expect(member(error, "path") == .string("primaryTumor.histology"))
        guard case let .string(message)? = member(error, "message") else { Issue.record("no message"); return }
        #expect(message.contains("breast"))
        #expect(member(try #require(member(lines[2], "error")), "path") == .string(""))
        guard case let .string(empty)? = member(try #require(member(lines[3], "error")), "message") else {
            Issue.record("no message for the empty line"); return
        }
        #expect(empty.contains("empty line"))
    }

    @Test("NDJSON: all errors of a line are listed, the first one also as `error`")
    func batchListsEveryError() throws {
        let line = #"{"schemaVersion": 1, "patient": {"id": "X"}, "primaryTumor": {"histology": "breast"}, "spine": {"involvedLevels": ["T8"], "lesions": [{"levels": ["T9"], "escc": "4"}]}, "performance": {"karnofsky": 85}}"#
        let (lines, _) = runBatch(line + "\n")
        guard case let .array(errors)? = member(lines[0], "errors") else { Issue.record("no errors array"); return }
        let paths = Set(errors.compactMap { member($0, "path") }.compactMap { v -> String? in
            if case let .string(s) = v { return s } else { return nil }
        })
        #expect(paths == ["spine.lesions[0].levels[0]", "spine.lesions[0].escc", "performance.karnofsky"])
        #expect(member(lines[0], "error") == errors.first)
    }

    @Test("NDJSON output equals the single-case JSON for the same case")
    func batchMatchesSingleAssessment() throws {
        let bytes = try exampleBytes("urgent-renal-c7-unstable.json")
        let c = try CaseDocument.decode(bytes, today: reportToday).get()
        let single = assess(c, today: reportToday).jsonBytes()
        var batch = BatchAssessor(today: reportToday)
        var out: [UInt8] = []
        batch.process(bytes.filter { $0 != 0x0A }) { out += Array($0) }
        #expect(out == single + [0x0A])
    }

    @Test("the terminal report puts urgency first and shows every score, its items and the disclaimer")
    func textReportIsComplete() throws {
        let c = try CaseDocument.decode(try exampleBytes("emergency-lung-t11-mscc.json"), today: reportToday).get()
        let a = assess(c, today: reportToday)
        let text = TextReport.render(a, for: c)
        let urgency = try #require(text.range(of: "URGENCY: EMERGENCY"))
        let scores = try #require(text.range(of: "SCORES"))
        #expect(urgency.lowerBound < scores.lowerBound, "urgency comes before the scores")
        for heading in ["SINS", "ESCC", "Revised Tokuhashi", "Tomita", "Modified Bauer", "Original Bauer", "NESMS",
                        "Rades", "PROGNOSIS", "NOMS", "Patchell", "En bloc", "LMNOP", "OPTIONS", "REFERRALS"] {
            #expect(text.contains(heading), "missing \(heading)")
        }
        for item in a.scores.sins.items { #expect(text.contains(item.item)) }
        for option in a.options { #expect(text.contains(option.title)) }
        for deadline in a.urgency.deadlines { #expect(text.contains(deadline.dueBy)) }
        #expect(text.hasSuffix(Rules.disclaimer + "\n"))
        #expect(text.contains("rules \(Rules.version)"))
    }

    @Test("the report says INCOMPLETE and lists the missing fields instead of counting them as 0")
    func textReportShowsIncomplete() throws {
        let doc = #"{"schemaVersion": 1, "patient": {"id": "X"}, "primaryTumor": {"histology": "myeloma"}, "spine": {"involvedLevels": ["T8"], "lesions": [{"levels": ["T8"], "escc": "0"}]}}"#
        let c = try CaseDocument.decode(Array(doc.utf8), today: reportToday).get()
        let text = TextReport.render(assess(c, today: reportToday), for: c)
        #expect(text.contains("SINS (spinal instability): INCOMPLETE — missing spine.lesions[0].pain"))
        #expect(text.contains("Tomita 2001: INCOMPLETE — missing primaryTumor.tomitaGrowth"))
        #expect(text.contains("Rades 2008 survival (MSCC): not applicable"))
        // The lesion's own block shows what it is missing, under the case's SINS.
        #expect(text.contains("    lesion T8: INCOMPLETE — missing spine.lesions[0].pain"))
    }

    @Test("the report prints each Patchell and en bloc criterion, every lesion's SINS, the prognosis notes and the urgency source")
    func textReportShowsCriteriaAndLesions() throws {
        let c = try CaseDocument.decode(try exampleBytes("myeloma-two-lesions-ecog.json"), today: reportToday).get()
        let a = assess(c, today: reportToday)
        let text = TextReport.render(a, for: c)
        for check in [a.patchell, a.enBloc] {
            for k in check.criteria {
                let mark = k.met.map { $0 ? "met" : "not met" } ?? "unknown"
                #expect(text.contains("[\(mark)] \(k.criterion) — \(k.fact)"), "missing criterion \(k.criterion)")
            }
        }
        let lesions = try #require(a.scores.sins.perLesion)
        #expect(lesions.count == 2)
        for l in lesions {
            #expect(text.contains("  lesion \(l.lesion!): \(l.total!) (0–18) \(l.category!)"))
        }
        for n in a.prognosis.notes { #expect(text.contains("note: \(n)")) }
        #expect(text.contains("  \(a.urgency.citation)\n"))
    }

    @Test("Sentences a clinician reads name instruments, goals and priorities in words, not codes")
    func sentencesUseWords() throws {
        // The renal example: its instruments differ by one tier; the patient's priorities are relieve-pain, prolong-life.
        let c = try CaseDocument.decode(try exampleBytes("urgent-renal-c7-unstable.json"), today: reportToday).get()
        let a = assess(c, today: reportToday)
        #expect(a.prognosis.summary == "The instruments differ by one tier: revised Tokuhashi long, Tomita intermediate, modified Bauer intermediate, NESMS long.")
        #expect(!a.prognosis.summary.contains("tokuhashiRevised") && !a.prognosis.summary.contains("bauerModified"))
        let notes = a.options.flatMap(\.contextNotes).filter { $0.hasPrefix("serves the patient's priority") }
        #expect(!notes.isEmpty && notes.allSatisfy { !$0.contains("relieve-pain") && !$0.contains("prolong-life") })
        #expect(notes.contains("serves the patient's priority: relief of pain, living longer"))
        let text = TextReport.render(a, for: c)
        #expect(text.contains("goals: pain relief, neurological function"))
        #expect(!text.contains("goals: pain-relief"))
    }

    @Test("Ambulation and deficit read in words in the NOMS facts and the report; the score items keep the code read")
    func neurologyInWords() throws {
        // The lung example walks with an aid, with myelopathy.
        var c = try CaseDocument.decode(try exampleBytes("emergency-lung-t11-mscc.json"), today: reportToday).get()
        c.neurology.deficit = .caudaEquina
        let a = assess(c, today: reportToday)
        #expect(a.noms.neurologic.finding == "high-grade ESCC (2) with cauda equina syndrome")
        #expect(a.noms.neurologic.facts.contains("ambulation: walks with an aid"))
        #expect(a.noms.neurologic.facts.contains("deficit: cauda equina syndrome"))
        #expect(a.scores.nesms.items.first { $0.item == "ambulation" }?.input == "withAid")
        let text = TextReport.render(a, for: c)
        #expect(text.contains("ambulation walks with an aid, deficit cauda equina syndrome"))
        #expect(!text.contains("ambulation: withAid") && !text.contains("ambulation withAid"))
    }
}
