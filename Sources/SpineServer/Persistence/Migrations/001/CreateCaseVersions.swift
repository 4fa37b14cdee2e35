// Migration 001: append-only case versions; (case, version) is unique, which is also what makes
// a second writer of the same version fail.
import Fluent

struct CreateCaseVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseVersionModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("version", .int, .required)
            .field("document", .data, .required)
            .field("author_id", .uuid, .required)
            .field("author_username", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "case_id", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseVersionModel.schema).delete()
    }
}
