// Audit events from a request: who (user, role), which request, and the outcome of the action.
import Fluent
import Vapor

enum AuditOutcome {
    static let success = "success"
    static let denied = "denied"
    static let failure = "failure"
    static let notFound = "not-found"
    static let conflict = "conflict"
    static let preconditionFailed = "precondition-failed"
    static let preconditionRequired = "precondition-required"
    static let invalid = "invalid"
    static let rateLimited = "rate-limited"

    static func of(_ status: HTTPResponseStatus) -> String {
        switch status {
        case .forbidden: denied
        case .notFound: notFound
        case .conflict: conflict
        case .preconditionFailed: preconditionFailed
        case .preconditionRequired: preconditionRequired
        case .tooManyRequests: rateLimited
        case .unauthorized: failure
        default: status.code < 500 ? invalid : failure
        }
    }
}

extension Application {
    /// Appends events written on their own (not inside a write of patient data), committed before
    /// this returns: by the audit writer on SQLite, by the group commit on PostgreSQL.
    func appendAudit(_ events: [AuditEvent], at: Date) async throws {
        if let writer = spine.sqliteAuditWriter {
            try await writer.record(events, at: at)
        } else {
            try await spine.auditCommit.record(events, at: at, on: db)
        }
    }
}

extension Request {
    /// The event with the actor and request id filled in.
    func stamped(_ event: AuditEvent, user: AuthenticatedUser?) -> AuditEvent {
        var e = event
        if let user {
            e.actorID = user.id.uuidString
            e.actorUsername = user.username
            e.actorRole = user.role.rawValue
        }
        e.requestID = requestID
        return e
    }

    /// Appends one event, committed (with others waiting at the same time) before this returns.
    func audit(_ event: AuditEvent, user: AuthenticatedUser?) async throws {
        try await application.appendAudit([stamped(event, user: user)], at: now)
    }

    /// A meeting read: one event per patient its agenda shows (so the trail of a patient lists who
    /// saw them on a board), or one without a patient when the agenda is empty.
    func auditDisclosure(_ meeting: MeetingDetail, action: String, note: String, user: AuthenticatedUser) async throws {
        let events = meeting.agenda.isEmpty
            ? [AuditEvent(action: action, outcome: AuditOutcome.success, detail: note)]
            : meeting.agenda.map {
                AuditEvent(action: action, patientRecord: $0.patientId, caseID: $0.caseId, outcome: AuditOutcome.success, detail: note)
            }
        try await application.appendAudit(events.map { stamped($0, user: user) }, at: now)
    }

    /// Runs an action on patient data; when it fails with a client error, the failure is audited
    /// (successes are audited by the action itself, inside its own transaction).
    func auditingFailures<T>(action: String, user: AuthenticatedUser, caseID rawCaseID: String = "",
                             _ body: () async throws -> T) async throws -> T {
        // The id comes from the URL: recorded only if it is one (not the client's arbitrary text).
        let caseID = UUID(uuidString: rawCaseID) != nil ? rawCaseID : ""
        do {
            return try await body()
        } catch let problem as Problem {
            if problem.audited { throw problem }
            try await audit(AuditEvent(action: action, caseID: caseID, outcome: AuditOutcome.of(problem.status),
                                       detail: problem.status.code == 409 ? (problem.caseID.map { "existing case \($0)" } ?? "") : ""),
                            user: user)
            throw problem
        }
    }
}
