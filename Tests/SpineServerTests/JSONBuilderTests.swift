// The hand-written JSON of the busiest responses equals what Foundation's encoder writes.
import Foundation
import Testing
@testable import SpineServer

@Suite("Hand-written JSON")
struct JSONBuilderTests {
    @Test func stringsAreEscapedAsRFC8259SaysAndReadBackUnchanged() throws {
        let samples = ["", "plain", "quote \" backslash \\ slash /", "line\nbreak\r\ttab", "\u{01}\u{1F}\u{7F}", "é ü 日本 🦴",
                       String(repeating: "long run of plain text ", count: 40) + "\"end"]
        for s in samples {
            var o = JSONObjectBuilder()
            o.string("k", s)
            let bytes = o.finished()
            let back = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String])
            #expect(back["k"] == s)
        }
        var o = JSONObjectBuilder()
        o.string("c", "\u{01}")
        #expect(String(decoding: o.finished(), as: UTF8.self) == #"{"c":"\u0001"}"#)
    }

    @Test func overdueTasksAreWrittenExactlyAsJSONEncoderWritesThem() throws {
        let tasks = [
            OverdueTask(taskId: "T1", caseId: "C1", patientId: "MRN-1", patientName: "Ada \"A\" Lovelace", title: "Whole-spine MRI",
                        role: "diagnostic-radiologist", dueAt: "2026-11-27T09:00:00.000Z", isClock: true, escalatedTo: "nurse-navigator"),
            OverdueTask(taskId: "T2", caseId: "C2", patientId: "MRN-2", patientName: nil, title: "Book surgery / RT",
                        role: "spine-surgeon", dueAt: "2026-11-28T09:00:00.000Z", isClock: false, escalatedTo: nil),
        ]
        #expect(OverdueTasks.json(tasks) == Array(try JSONEncoder.sortedAPI.encode(tasks)))
        #expect(OverdueTasks.json([]) == Array(try JSONEncoder.sortedAPI.encode([OverdueTask]())))
    }
}
