// GET /audit (admin only): the audit events, optionally for one patient, oldest first, paginated.
import Fluent
import Vapor

struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: list)
    }

    struct EventBody: Content {
        var seq: Int64
        var occurredAt: String
        var actorId: String
        var actorUsername: String
        var actorRole: String
        var action: String
        var patient: String
        var caseId: String
        var requestId: String
        var outcome: String
        var detail: String
        var previousHash: String
        var hash: String
    }

    struct Page: Content {
        var items: [EventBody]
        var page: Int
        var perPage: Int
        var total: Int
    }

    func list(req: Request) async throws -> Response {
        let admin = try await req.requireUser(.readAudit, action: "audit.read")
        let patient: String? = req.query["patient"]
        var page = 1, perPage = 100
        if let raw: String = req.query["page"] {
            guard let p = Int(raw), (1...1_000_000).contains(p) else {
                throw Problem.invalid("page must be a whole number in 1...1000000", path: "page")
            }
            page = p
        }
        if let raw: String = req.query["perPage"] {
            guard let p = Int(raw), (1...500).contains(p) else { throw Problem.invalid("perPage must be a whole number in 1...500", path: "perPage") }
            perPage = p
        }
        var query = AuditEventModel.query(on: req.db)
        if let patient, !patient.isEmpty { query = query.filter(\.$patientRecord == patient) }
        let total = try await query.copy().count()
        let events = try await query.sort(\.$seq).range(((page - 1) * perPage)..<(page * perPage)).all()
        try await req.audit(AuditEvent(action: "audit.read", patientRecord: patient ?? "", outcome: AuditOutcome.success), user: admin)
        return try .json(encoding: Page(items: events.map {
            EventBody(seq: $0.seq, occurredAt: $0.occurredAt, actorId: $0.actorID, actorUsername: $0.actorUsername, actorRole: $0.actorRole,
                      action: $0.action, patient: $0.patientRecord, caseId: $0.caseID, requestId: $0.requestID, outcome: $0.outcome,
                      detail: $0.detail, previousHash: $0.previousHash, hash: $0.hash)
        }, page: page, perPage: perPage, total: total))
    }
}
