// The structured log line: valid JSON, keys sorted, every value escaped, one line.
import Foundation
import Logging
import Testing
@testable import SpineServer

@Suite("Structured log lines")
struct LogLineTests {
    func render(_ message: String, _ metadata: Logger.Metadata, error: (any Error)? = nil) -> [UInt8] {
        var event = LogEvent(level: .info, message: "\(message)", metadata: metadata, source: nil, file: "", function: "", line: 0)
        event.error = error
        return JSONLogHandler(label: "spineboard.test", level: .info).render(event)
    }

    @Test func isOneLineOfJSONWithSortedKeysAndEscapedValues() throws {
        let line = render("request", ["route": "/api/v1/cases/:caseId", "odd": "quote \" backslash \\ newline \n tab \t bell \u{07} é"])
        #expect(line.last == 0x0A)
        #expect(line.dropLast().contains(0x0A) == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: String])
        #expect(object["odd"] == "quote \" backslash \\ newline \n tab \t bell \u{07} é")
        #expect(object["message"] == "request")
        #expect(object["level"] == "info")
        #expect(object["label"] == "spineboard.test")
        #expect(object["route"] == "/api/v1/cases/:caseId")
        // Keys in sorted order, as before (readers diff and grep these lines).
        let text = String(decoding: line, as: UTF8.self)
        let keys = ["label", "level", "message", "odd", "route", "time"]
        let positions = keys.map { text.range(of: "\"\($0)\":")!.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test func anErrorIsLoggedByTypeOnly() throws {
        struct LeakyError: Error, CustomStringConvertible { var description: String { "patient Jane Doe" } }
        let line = String(decoding: render("failed", [:], error: LeakyError()), as: UTF8.self)
        #expect(line.contains("\"error-type\":\"LeakyError\""))
        #expect(!line.contains("Jane"))
    }

    @Test func theDatabaseStackWritesNeitherQueriesNorTheirValues() throws {
        // FluentKit logs "Running query" at debug with the bound values (a patient's name here).
        let handler = JSONLogHandler(label: "codes.vapor.application", level: .trace)
        let query = LogEvent(level: .debug, message: "Running query", metadata: ["input": "[name: Jane Doe]"], source: "FluentKit",
                             file: "", function: "", line: 0)
        #expect(handler.line(for: query) == nil)
        // A database warning is kept, without its metadata.
        let warning = LogEvent(level: .warning, message: "connection lost", metadata: ["sql": "SELECT … 'Jane Doe'"], source: "PostgresNIO",
                               file: "", function: "", line: 0)
        let line = String(decoding: try #require(handler.line(for: warning)), as: UTF8.self)
        #expect(line.contains("connection lost") && !line.contains("Jane"))
        // Below info, other libraries' lines are not written (Vapor's trace shows request heads with tokens).
        let head = LogEvent(level: .trace, message: "Decoded HTTP part", metadata: nil, source: "Vapor", file: "", function: "", line: 0)
        #expect(handler.line(for: head) == nil)
        // SpineBoard's own debug lines still pass at a debug level.
        let own = LogEvent(level: .debug, message: "request", metadata: ["route": "/health"], source: "SpineServer", file: "", function: "", line: 0)
        #expect(handler.line(for: own) != nil)
    }
}
