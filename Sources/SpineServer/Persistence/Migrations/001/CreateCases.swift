// Migration 001: case heads (one per patient) with the worklist summary of the newest assessment.
import Fluent
import SQLKit

struct CreateCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseModel.schema)
            .id()
            .field("patient_id", .uuid, .required, .references(PatientModel.schema, "id"))
            .field("current_version", .int, .required)
            .field("urgency_rank", .int, .required)
            .field("urgency", .string, .required)
            .field("next_due", .string, .required)
            .field("next_due_hours", .int, .required)
            .field("next_action", .string)
            .field("top_option", .string)
            .field("assessed_on", .string, .required)
            .field("rules_version", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime, .required)
            .unique(on: "patient_id")
            .create()
        // The worklist's sort order, so a page of 10,000 cases is an index walk.
        try await (database as! any SQLDatabase)
            .create(index: "cases_worklist_idx").on(CaseModel.schema)
            .column("urgency_rank").column("next_due").column("next_due_hours")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseModel.schema).delete()
    }
}
