// Failed-login counting per username, in the database so that every instance sees the same count.
// Each change is one atomic statement (an upsert), safe under concurrent attempts.
import Fluent
import Foundation
import SQLKit

enum LoginThrottle {
    /// Seconds until the username may try again, or nil when it may try now.
    static func retryAfter(_ username: String, limit: Int, window: TimeInterval, now: Date, on db: any Database) async throws -> Int? {
        guard let row = try await LoginThrottleModel.find(username, on: db) else { return nil }
        let windowEnd = Double(row.windowStarted) + window
        guard row.failures >= limit, now.timeIntervalSince1970 < windowEnd else { return nil }
        return max(1, Int((windowEnd - now.timeIntervalSince1970).rounded(.up)))
    }

    /// Counts a failure: starts a new window when the last one has ended.
    static func recordFailure(_ username: String, window: TimeInterval, now: Date, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let nowSeconds = Int64(now.timeIntervalSince1970)
        let windowStartLimit = nowSeconds - Int64(window)
        try await sql.raw("""
            INSERT INTO \(ident: LoginThrottleModel.schema) (username, failures, window_started) VALUES (\(bind: username), 1, \(bind: nowSeconds))
            ON CONFLICT (username) DO UPDATE SET
              failures = CASE WHEN \(ident: LoginThrottleModel.schema).window_started <= \(bind: windowStartLimit) THEN 1
                              ELSE \(ident: LoginThrottleModel.schema).failures + 1 END,
              window_started = CASE WHEN \(ident: LoginThrottleModel.schema).window_started <= \(bind: windowStartLimit) THEN \(bind: nowSeconds)
                                    ELSE \(ident: LoginThrottleModel.schema).window_started END
            """).run()
    }

    static func reset(_ username: String, on db: any Database) async throws {
        try await LoginThrottleModel.query(on: db).filter(\.$id == username).delete()
    }
}
