// GET /health (no authentication): is the service up, and can it reach its database?
import Fluent
import SpineCore
import Vapor

struct HealthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
    }

    struct Health: Content {
        var status: String
        var database: String
        var rulesVersion: String
    }

    func health(req: Request) async throws -> Response {
        let reachable = await DatabaseSetup.ping(req.db)
        return try .json(encoding: Health(status: reachable ? "ok" : "degraded", database: reachable ? "reachable" : "unreachable",
                                          rulesVersion: Rules.version),
                         status: reachable ? .ok : .serviceUnavailable)
    }
}
