// The worklist: every patient's newest assessment, emergencies first, then by nearest deadline.
import Fluent
import Vapor

struct WorklistController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("patients", use: list)
    }

    func list(req: Request) async throws -> Response {
        let user = try await req.requireUser(.readPatients, action: "patients.list")
        return try await req.auditingFailures(action: "patients.list", user: user) {
            let query = try WorklistQuery(req.query)
            let page = try await query.run(on: req.db)
            try await req.audit(AuditEvent(action: "patients.list", outcome: AuditOutcome.success,
                                           detail: "page \(page.page), \(page.items.count) of \(page.total)"), user: user)
            return try .json(encoding: page)
        }
    }
}

/// `GET /patients` parameters, validated.
struct WorklistQuery: Sendable {
    var urgency: String?
    var text: String?
    var page = 1
    var perPage = 50

    static let maxPerPage = 200

    init(urgency: String? = nil, text: String? = nil, page: Int = 1, perPage: Int = 50) {
        self.urgency = urgency
        self.text = text
        self.page = page
        self.perPage = perPage
    }

    init(_ q: URLQueryContainer) throws {
        if let u: String = q["urgency"] {
            guard ["emergency", "urgent", "routine"].contains(u) else {
                throw Problem.invalid("urgency must be one of: emergency | urgent | routine (got \"\(u)\")", path: "urgency")
            }
            urgency = u
        }
        let rawText: String? = q["q"]
        if let text = rawText?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard text.count <= 200 else { throw Problem.invalid("q is longer than 200 characters", path: "q") }
            self.text = text.lowercased()
        }
        if let raw: String = q["page"] {
            guard let p = Int(raw), p >= 1, p <= 1_000_000 else { throw Problem.invalid("page must be a whole number ≥ 1", path: "page") }
            page = p
        }
        if let raw: String = q["perPage"] {
            guard let p = Int(raw), (1...Self.maxPerPage).contains(p) else {
                throw Problem.invalid("perPage must be a whole number in 1...\(Self.maxPerPage)", path: "perPage")
            }
            perPage = p
        }
    }

    func run(on db: any Database) async throws -> WorklistPage {
        var base = CaseModel.query(on: db)
            .join(PatientModel.self, on: \CaseModel.$patient.$id == \PatientModel.$id)
        if let urgency { base = base.filter(\.$urgency == urgency) }
        if let text { base = base.filter(PatientModel.self, \.$searchText ~~ text) }
        // Without a text filter the count needs no join.
        let total: Int
        if text == nil {
            var count = CaseModel.query(on: db)
            if let urgency { count = count.filter(\.$urgency == urgency) }
            total = try await count.count()
        } else {
            total = try await base.copy().count()
        }
        let rows = try await base
            .sort(\.$urgencyRank).sort(\.$nextDue).sort(\.$nextDueHours).sort(\.$updatedAt, .descending)
            .sort(\.$id) // a total order, so pages never overlap or skip
            .range(((page - 1) * perPage)..<(page * perPage))
            .all()
        let items = try rows.map { head -> WorklistItem in
            let p = try head.joined(PatientModel.self)
            return WorklistItem(
                caseId: try head.requireID().uuidString, version: head.currentVersion,
                patient: .init(id: p.recordNumber, name: p.name, birthDate: p.birthDate, sex: p.sex),
                urgency: head.urgency,
                nextDeadline: head.nextAction.map { .init(dueBy: head.nextDue, withinHours: head.nextDueHours, action: $0) },
                topOption: head.topOption, assessedOn: head.assessedOn, rulesVersion: head.rulesVersion, updatedAt: head.updatedAt)
        }
        return WorklistPage(items: items, page: page, perPage: perPage, total: total)
    }
}

struct WorklistPage: Content {
    var items: [WorklistItem]
    var page: Int
    var perPage: Int
    var total: Int
}

struct WorklistItem: Content {
    struct PatientSummary: Content {
        var id: String
        var name: String?
        var birthDate: String?
        var sex: String?
    }
    struct NextDeadline: Content {
        var dueBy: String
        var withinHours: Int
        var action: String
    }
    var caseId: String
    var version: Int
    var patient: PatientSummary
    var urgency: String
    var nextDeadline: NextDeadline?
    var topOption: String?
    var assessedOn: String
    var rulesVersion: String
    var updatedAt: Date
}
