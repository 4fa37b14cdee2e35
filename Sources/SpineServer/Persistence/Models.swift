// The Fluent models: one table each for users, API tokens, login throttles, patients, cases (the
// head of each case's version history), case versions, assessment snapshots and audit events.
import Fluent
import Foundation

/// A person who signs in. Passwords are bcrypt hashes; the role decides what they may do.
final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"
    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "role") var role: String
    @Field(key: "password_hash") var passwordHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
    init(id: UUID? = nil, username: String, role: Role, passwordHash: String) {
        self.id = id
        self.username = username
        self.role = role.rawValue
        self.passwordHash = passwordHash
    }
}

/// A bearer token: only its SHA-256 is stored, so a database leak yields no usable token.
final class TokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"
    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "expires_at") var expiresAt: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
    init(tokenHash: String, userID: UUID, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.expiresAt = expiresAt
    }
}

/// Failed logins per username (known or not, so the limit reveals nothing), kept in the database
/// so every server instance counts the same attempts.
final class LoginThrottleModel: Model, @unchecked Sendable {
    static let schema = "login_throttles"
    @ID(custom: "username", generatedBy: .user) var id: String?
    @Field(key: "failures") var failures: Int
    /// Unix seconds when the current window began.
    @Field(key: "window_started") var windowStarted: Int64

    init() {}
}

/// Identifying data of a patient: PHI. `recordNumber` is the case document's `patient.id`.
final class PatientModel: Model, @unchecked Sendable {
    static let schema = "patients"
    @ID(key: .id) var id: UUID?
    @Field(key: "record_number") var recordNumber: String
    @OptionalField(key: "name") var name: String?
    @OptionalField(key: "birth_date") var birthDate: String?
    @OptionalField(key: "sex") var sex: String?
    /// Lower-cased name and record number, for the worklist's `q=` filter.
    @Field(key: "search_text") var searchText: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// The head of one patient's case: which version is current, and a summary of its newest
/// assessment so the worklist is one indexed query.
final class CaseModel: Model, @unchecked Sendable {
    static let schema = "cases"
    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: PatientModel
    @Field(key: "current_version") var currentVersion: Int
    /// 0 emergency, 1 urgent, 2 routine: the worklist's first sort key.
    @Field(key: "urgency_rank") var urgencyRank: Int
    @Field(key: "urgency") var urgency: String
    /// The nearest deadline's date (ISO 8601), or "9999-12-31" when there is none, so that both
    /// databases sort the same way without NULL-ordering differences.
    @Field(key: "next_due") var nextDue: String
    @Field(key: "next_due_hours") var nextDueHours: Int
    @OptionalField(key: "next_action") var nextAction: String?
    @OptionalField(key: "top_option") var topOption: String?
    @Field(key: "assessed_on") var assessedOn: String
    @Field(key: "rules_version") var rulesVersion: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "updated_at") var updatedAt: Date
    /// Open tasks on the case (migration 003).
    @Field(key: "open_tasks") var openTasks: Int
    /// A neurological deterioration recorded at follow-up after the current version: the case is an
    /// emergency until a new case version is assessed (migration 003).
    @OptionalField(key: "escalation") var escalation: String?

    init() {}
}

/// One version of a case document, stored byte for byte as it was accepted. Never updated.
final class CaseVersionModel: Model, @unchecked Sendable {
    static let schema = "case_versions"
    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseHead: CaseModel
    @Field(key: "version") var version: Int
    @Field(key: "document") var document: Data
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "author_username") var authorUsername: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// An assessment as it was shown: the JSON output, the rules version and the case version it came from.
final class AssessmentSnapshotModel: Model, @unchecked Sendable {
    static let schema = "assessments"
    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseHead: CaseModel
    @Field(key: "case_version") var caseVersion: Int
    @Field(key: "rules_version") var rulesVersion: String
    @Field(key: "urgency") var urgency: String
    @Field(key: "output") var output: Data
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// One link of the audit hash chain. `hash` covers every other field and `previousHash`.
final class AuditEventModel: Model, @unchecked Sendable {
    static let schema = "audit_events"
    @ID(key: .id) var id: UUID?
    @Field(key: "seq") var seq: Int64
    /// ISO 8601 with milliseconds, UTC: text, so the hashed value is exactly what is stored.
    @Field(key: "occurred_at") var occurredAt: String
    @Field(key: "actor_id") var actorID: String
    @Field(key: "actor_username") var actorUsername: String
    @Field(key: "actor_role") var actorRole: String
    @Field(key: "action") var action: String
    @Field(key: "patient_record") var patientRecord: String
    @Field(key: "case_id") var caseID: String
    @Field(key: "request_id") var requestID: String
    @Field(key: "outcome") var outcome: String
    @Field(key: "detail") var detail: String
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}
}
