// Structured logs: one JSON object per line on standard error (time, level, label, message and
// metadata). The server only ever logs ids, routes, status codes and timings.
import Foundation
import Logging

public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    let label: String

    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The database stack logs each query with its bound values (patient data) at debug and trace
    /// level, whatever SpineBoard's own setting: from these modules only warnings and errors are
    /// written, and without their metadata.
    static let databaseModules: Set<String> = ["SQLiteNIO", "PostgresNIO", "SQLKit", "FluentKit", "FluentSQL",
                                               "FluentSQLiteDriver", "FluentPostgresDriver", "SQLiteKit", "PostgresKit", "AsyncKit"]

    public func log(event: LogEvent) {
        guard let line = line(for: event) else { return }
        line.withUnsafeBytes { raw in _ = write(2, raw.baseAddress, raw.count) }
    }

    /// SpineBoard's own modules: their lines carry ids, routes, status codes and timings only.
    static let ownModules: Set<String> = ["SpineServer", "SpineCore", "spineboard"]

    /// The line written for an event, or nil when it is not written. Below info, other libraries
    /// write what they handle (Vapor and NIO at trace: request heads with query strings and bearer
    /// tokens), so only SpineBoard's own debug and trace lines pass.
    func line(for event: LogEvent) -> [UInt8]? {
        var event = event
        if Self.databaseModules.contains(event.source) {
            guard event.level >= .warning else { return nil }
            event.metadata = nil
        } else if event.level < .info, !Self.ownModules.contains(event.source) {
            return nil
        }
        return render(event)
    }

    /// One log line: a JSON object with sorted keys, ending in a newline.
    func render(_ event: LogEvent) -> [UInt8] {
        // Written by hand: JSONSerialization (a bridged dictionary per line) was 7 % of the server's
        // CPU at load, when every request writes its access line.
        var fields: [(key: String, value: String)] = []
        fields.reserveCapacity(metadata.count + (event.metadata?.count ?? 0) + 5)
        func put(_ key: String, _ value: String) {
            if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].value = value } else { fields.append((key, value)) }
        }
        for (k, v) in metadata { put(k, "\(v)") }
        for (k, v) in event.metadata ?? [:] { put(k, "\(v)") }
        put("time", ISOTimestamp.iso8601(Date()))
        put("level", event.level.rawValue)
        put("label", label)
        put("message", event.message.description)
        // The error's type only: its text may echo input.
        if let error = event.error { put("error-type", "\(type(of: error))") }
        fields.sort { $0.key < $1.key }
        var line: [UInt8] = [UInt8(ascii: "{")]
        line.reserveCapacity(256)
        for (i, field) in fields.enumerated() {
            if i > 0 { line.append(UInt8(ascii: ",")) }
            JSONObjectBuilder.appendString(field.key, to: &line)
            line.append(UInt8(ascii: ":"))
            JSONObjectBuilder.appendString(field.value, to: &line)
        }
        line.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
        return line
    }
}
