// Migration 001: assessment snapshots, one per case version and rules version.
import Fluent

struct CreateAssessments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AssessmentSnapshotModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("case_version", .int, .required)
            .field("rules_version", .string, .required)
            .field("urgency", .string, .required)
            .field("output", .data, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "case_id", "case_version", "rules_version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AssessmentSnapshotModel.schema).delete()
    }
}
