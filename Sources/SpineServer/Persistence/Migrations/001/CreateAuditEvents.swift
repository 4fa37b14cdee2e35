// Migration 001: the audit hash chain and its head row (the last sequence number and hash),
// which every append locks so that appends from several processes form one chain.
import Fluent
import SQLKit

struct CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEventModel.schema)
            .id()
            .field("seq", .int64, .required)
            .field("occurred_at", .string, .required)
            .field("actor_id", .string, .required)
            .field("actor_username", .string, .required)
            .field("actor_role", .string, .required)
            .field("action", .string, .required)
            .field("patient_record", .string, .required)
            .field("case_id", .string, .required)
            .field("request_id", .string, .required)
            .field("outcome", .string, .required)
            .field("detail", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "seq")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "audit_events_patient_idx").on(AuditEventModel.schema)
            .column("patient_record").column("seq").run()
        try await database.schema(AuditChain.headTable)
            .field("id", .int, .identifier(auto: false))
            .field("last_seq", .int64, .required)
            .field("last_hash", .string, .required)
            .create()
        try await sql.insert(into: AuditChain.headTable)
            .columns("id", "last_seq", "last_hash")
            .values(SQLBind(1), SQLBind(Int64(0)), SQLBind(AuditChain.genesisHash))
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditChain.headTable).delete()
        try await database.schema(AuditEventModel.schema).delete()
    }
}
