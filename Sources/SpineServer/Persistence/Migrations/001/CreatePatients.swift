// Migration 001: patients, one per local record number.
import Fluent

struct CreatePatients: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PatientModel.schema)
            .id()
            .field("record_number", .string, .required)
            .field("name", .string)
            .field("birth_date", .string)
            .field("sex", .string)
            .field("search_text", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "record_number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PatientModel.schema).delete()
    }
}
