// Migration 001: failed-login counters per username, shared by every server instance.
import Fluent

struct CreateLoginThrottles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginThrottleModel.schema)
            .field("username", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("window_started", .int64, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginThrottleModel.schema).delete()
    }
}
