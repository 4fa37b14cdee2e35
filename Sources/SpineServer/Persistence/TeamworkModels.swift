// Fluent models of the team's work on a case (migration 003). Times that are compared across
// databases (task deadlines) are ISO 8601 text with milliseconds, UTC, so both databases sort and
// compare them the same way.
import Fluent
import Foundation

/// A care-team place on a case: a member (a user) or an invitation by role that a user of that
/// role accepts. Only members see the patient's data.
final class CareTeamMemberModel: Model, @unchecked Sendable {
    static let schema = "care_team_members"
    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "role") var role: String
    @OptionalField(key: "user_id") var userID: UUID?
    @OptionalField(key: "username") var username: String?
    /// `member` or `invited`.
    @Field(key: "status") var status: String
    /// Why they are on the team, e.g. "referral: spine-surgery (SINS 9)" or "created the case".
    @Field(key: "reason") var reason: String
    @Field(key: "added_by") var addedBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

final class MeetingModel: Model, @unchecked Sendable {
    static let schema = "meetings"
    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    /// ISO 8601 timestamp, UTC.
    @Field(key: "starts_at") var startsAt: String
    /// `scheduled` or `ad-hoc`.
    @Field(key: "kind") var kind: String
    /// `planned` or `closed`.
    @Field(key: "status") var status: String
    @Field(key: "chair_id") var chairID: UUID
    @Field(key: "chair_username") var chairUsername: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

final class MeetingAttendeeModel: Model, @unchecked Sendable {
    static let schema = "meeting_attendees"
    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "username") var username: String
    @Field(key: "role") var role: String

    init() {}
}

final class AgendaItemModel: Model, @unchecked Sendable {
    static let schema = "agenda_items"
    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingID: UUID
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "position") var position: Int
    /// The case's urgency when it was put on the agenda.
    @Field(key: "urgency") var urgency: String
    /// `pending` or `decided`.
    @Field(key: "status") var status: String
    @Field(key: "added_by") var addedBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// One revision of one specialist's review of a case. Never updated: a new opinion is a new revision.
final class ReviewModel: Model, @unchecked Sendable {
    static let schema = "reviews"
    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    /// The case version the reviewer read.
    @Field(key: "case_version") var caseVersion: Int
    @Field(key: "revision") var revision: Int
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "author_username") var authorUsername: String
    @Field(key: "role") var role: String
    /// The review as JSON (structured fields by role, and text).
    @Field(key: "body") var body: Data
    /// The case version this review's changes created (radiology corrections, the survival estimate).
    @OptionalField(key: "new_case_version") var newCaseVersion: Int?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A consensus decision, tied to the exact case version and assessment snapshot it rested on.
final class DecisionModel: Model, @unchecked Sendable {
    static let schema = "decisions"
    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @OptionalField(key: "meeting_id") var meetingID: UUID?
    @Field(key: "case_version") var caseVersion: Int
    @Field(key: "assessment_id") var assessmentID: UUID
    @Field(key: "rules_version") var rulesVersion: String
    /// SpineBoard's top-ranked option (not declined) in that snapshot.
    @OptionalField(key: "top_option") var topOption: String?
    @Field(key: "chosen_option") var chosenOption: String
    @Field(key: "departs") var departs: Bool
    @OptionalField(key: "departure_reason") var departureReason: String?
    @Field(key: "body") var body: Data
    @Field(key: "decided_by") var decidedBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

final class TaskModel: Model, @unchecked Sendable {
    static let schema = "tasks"
    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "code") var code: String
    @Field(key: "title") var title: String
    @Field(key: "role") var role: String
    @OptionalField(key: "assignee_username") var assigneeUsername: String?
    @Field(key: "due_at") var dueAt: String
    @Field(key: "is_clock") var isClock: Bool
    /// For clock tasks: when the red flag was recorded (the clock's start).
    @OptionalField(key: "clock_started_at") var clockStartedAt: String?
    @Field(key: "source") var source: String
    /// `urgency`, `decision` or `follow-up`.
    @Field(key: "origin") var origin: String
    /// `open`, `done` or `cancelled`.
    @Field(key: "status") var status: String
    @OptionalField(key: "completed_at") var completedAt: String?
    @OptionalField(key: "completed_by") var completedBy: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

final class FollowUpModel: Model, @unchecked Sendable {
    static let schema = "follow_ups"
    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "visit_date") var visitDate: String
    @Field(key: "body") var body: Data
    /// What got worse neurologically since the previous record, if anything.
    @OptionalField(key: "worsening") var worsening: String?
    @Field(key: "author_username") var authorUsername: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A treatment delivered: a radiotherapy course, an operation (with its hardware), cement, embolisation.
final class TreatmentModel: Model, @unchecked Sendable {
    static let schema = "treatments"
    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "kind") var kind: String
    /// Comma-separated levels, e.g. "T8,T9".
    @Field(key: "levels") var levels: String
    @Field(key: "given_on") var givenOn: String
    @OptionalField(key: "dose_gy") var doseGy: Double?
    @OptionalField(key: "fractions") var fractions: Int?
    /// Hardware or technique, free text.
    @Field(key: "detail") var detail: String
    @Field(key: "author_username") var authorUsername: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
