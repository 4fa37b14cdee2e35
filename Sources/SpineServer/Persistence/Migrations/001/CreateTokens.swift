// Migration 001: hashed bearer tokens with their expiry.
import Fluent

struct CreateTokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TokenModel.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TokenModel.schema).delete()
    }
}
