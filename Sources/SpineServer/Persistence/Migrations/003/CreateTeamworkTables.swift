// Migration 003: the multidisciplinary team at work — care teams, tumour-board meetings (attendees
// and agenda), specialist reviews, consensus decisions, tasks (urgency clock and decision
// follow-through), follow-up visits and treatments delivered; and on each case head, the
// summary the worklist needs (open tasks, the earliest due, a neurological escalation).
import Fluent
import SQLKit

struct CreateTeamworkTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema(CareTeamMemberModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("role", .string, .required)
            .field("user_id", .uuid)
            .field("username", .string)
            .field("status", .string, .required)
            .field("reason", .string, .required)
            .field("added_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        // (case, user, status) answers "is this user on this case's team?" with one index probe; without
        // it SQLite chose the (user, status) index and walked every case of a busy user.
        try await sql.create(index: "care_team_case_idx").on(CareTeamMemberModel.schema).column("case_id").column("user_id").column("status").run()
        try await sql.create(index: "care_team_user_idx").on(CareTeamMemberModel.schema).column("user_id").column("status").run()
        try await sql.create(index: "care_team_role_idx").on(CareTeamMemberModel.schema).column("role").column("status").run()

        try await database.schema(MeetingModel.schema)
            .id()
            .field("title", .string, .required)
            .field("starts_at", .string, .required)
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("chair_id", .uuid, .required)
            .field("chair_username", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.create(index: "meetings_starts_idx").on(MeetingModel.schema).column("starts_at").run()

        try await database.schema(MeetingAttendeeModel.schema)
            .id()
            .field("meeting_id", .uuid, .required, .references(MeetingModel.schema, "id"))
            .field("user_id", .uuid, .required)
            .field("username", .string, .required)
            .field("role", .string, .required)
            .unique(on: "meeting_id", "user_id")
            .create()
        try await sql.create(index: "attendees_user_idx").on(MeetingAttendeeModel.schema).column("user_id").run()

        try await database.schema(AgendaItemModel.schema)
            .id()
            .field("meeting_id", .uuid, .required, .references(MeetingModel.schema, "id"))
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("position", .int, .required)
            .field("urgency", .string, .required)
            .field("status", .string, .required)
            .field("added_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "meeting_id", "case_id")
            .create()
        try await sql.create(index: "agenda_case_idx").on(AgendaItemModel.schema).column("case_id").run()

        try await database.schema(ReviewModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("case_version", .int, .required)
            .field("revision", .int, .required)
            .field("author_id", .uuid, .required)
            .field("author_username", .string, .required)
            .field("role", .string, .required)
            .field("body", .data, .required)
            .field("new_case_version", .int)
            .field("created_at", .datetime, .required)
            .unique(on: "case_id", "author_id", "revision")
            .create()

        try await database.schema(DecisionModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("meeting_id", .uuid)
            .field("case_version", .int, .required)
            .field("assessment_id", .uuid, .required)
            .field("rules_version", .string, .required)
            .field("top_option", .string)
            .field("chosen_option", .string, .required)
            .field("departs", .bool, .required)
            .field("departure_reason", .string)
            .field("body", .data, .required)
            .field("decided_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.create(index: "decisions_case_idx").on(DecisionModel.schema).column("case_id").run()

        try await database.schema(TaskModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("role", .string, .required)
            .field("assignee_username", .string)
            .field("due_at", .string, .required)
            .field("is_clock", .bool, .required)
            .field("clock_started_at", .string)
            .field("source", .string, .required)
            .field("origin", .string, .required)
            .field("status", .string, .required)
            .field("completed_at", .string)
            .field("completed_by", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.create(index: "tasks_case_idx").on(TaskModel.schema).column("case_id").column("status").run()
        try await sql.create(index: "tasks_due_idx").on(TaskModel.schema).column("status").column("due_at").run()

        try await database.schema(FollowUpModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("visit_date", .string, .required)
            .field("body", .data, .required)
            .field("worsening", .string)
            .field("author_username", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.create(index: "follow_ups_case_idx").on(FollowUpModel.schema).column("case_id").run()

        try await database.schema(TreatmentModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("kind", .string, .required)
            .field("levels", .string, .required)
            .field("given_on", .string, .required)
            .field("dose_gy", .double)
            .field("fractions", .int)
            .field("detail", .string, .required)
            .field("author_username", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.create(index: "treatments_case_idx").on(TreatmentModel.schema).column("case_id").run()

        // SQLite adds one column per ALTER TABLE.
        try await database.schema(CaseModel.schema).field("open_tasks", .int, .required, .sql(.default(0))).update()
        try await database.schema(CaseModel.schema).field("escalation", .string).update()
    }

    func revert(on database: any Database) async throws {
        for schema in [TreatmentModel.schema, FollowUpModel.schema, TaskModel.schema, DecisionModel.schema, ReviewModel.schema,
                       AgendaItemModel.schema, MeetingAttendeeModel.schema, MeetingModel.schema, CareTeamMemberModel.schema] {
            try await database.schema(schema).delete()
        }
        try await database.schema(CaseModel.schema).deleteField("escalation").update()
        try await database.schema(CaseModel.schema).deleteField("open_tasks").update()
    }
}
