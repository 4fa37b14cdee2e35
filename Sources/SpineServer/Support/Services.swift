// What the application holds besides Vapor's own services: its configuration, a clock that tests
// can fix, and constants computed once at start. Nothing here is state two instances must share.
import Foundation
import SpineCore
import Vapor

/// The time source: live in production, fixed in tests.
public struct Clock: Sendable {
    public var now: @Sendable () -> Date
    public init(now: @escaping @Sendable () -> Date) { self.now = now }
    public static let live = Clock(now: { Date() })

    /// The calendar day (server time zone) that stands in for a case without `assessedOn`.
    public func today() -> CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: now())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

struct SpineServices: Sendable {
    var configuration: Configuration
    var clock: Clock
    /// A bcrypt hash of a random password at the configured cost: verified against when the
    /// username is unknown, so both failures take the same time.
    var decoyPasswordHash: String
    /// The OpenAPI document, serialised once.
    var openAPIDocument: ByteBuffer
    /// PostgreSQL: batches audit events written on their own (see AuditGroupCommit).
    var auditCommit = AuditGroupCommit()
    /// SQLite: appends audit events written on their own (see SQLiteAuditWriter).
    var sqliteAuditWriter: SQLiteAuditWriter?
    /// SQLite only: small indexed reads run in place with prepared statements (see SQLiteReader).
    var sqliteReader: SQLiteReader?
    /// Worklist pages still current (see WorklistCache); checked against the database on every read.
    var worklistCache: WorklistCache
}

extension Application {
    private struct ServicesKey: StorageKey { typealias Value = SpineServices }
    var spine: SpineServices {
        get {
            guard let services = storage[ServicesKey.self] else { fatalError("configure(_:_:) has not run") }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

extension Request {
    var spine: SpineServices { application.spine }
    var now: Date { application.spine.clock.now() }

    private struct RequestIDKey: StorageKey { typealias Value = String }
    /// The request id: the client's `X-Request-Id` if it is short and plain, else Vapor's own.
    var requestID: String {
        get { storage[RequestIDKey.self] ?? id }
        set { storage[RequestIDKey.self] = newValue }
    }
}
