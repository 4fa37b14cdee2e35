// The worklist: every patient's newest assessment, emergencies first, then by nearest deadline.
import Fluent
import Foundation
import SQLKit
import Vapor

struct WorklistController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("patients", use: list)
    }

    func list(req: Request) async throws -> Response {
        let user = try await req.requireUser(.readPatients, action: "patients.list")
        return try await req.auditingFailures(action: "patients.list", user: user) {
            var query = try WorklistQuery(req.query)
            query.viewer = user
            let body = try await query.json(on: req.db, now: req.now)
            try await req.audit(AuditEvent(action: "patients.list", outcome: AuditOutcome.success,
                                           detail: "page \(query.page)"), user: user)
            return .json(body)
        }
    }
}

/// `GET /patients` parameters, validated.
struct WorklistQuery: Sendable {
    var urgency: String?
    var text: String?
    var page = 1
    var perPage = 50
    /// Whose worklist: only the cases this user may see (all for administrators).
    var viewer: AuthenticatedUser?

    static let maxPerPage = 200

    init(urgency: String? = nil, text: String? = nil, page: Int = 1, perPage: Int = 50, viewer: AuthenticatedUser? = nil) {
        self.viewer = viewer
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

    /// One page of the worklist, read with one indexed query (plus a count) and written as JSON
    /// directly: this is the busiest read of the service.
    var visibility: SQLQueryString? { viewer.flatMap { CareTeam.visibleCondition($0, caseColumn: #""cases"."id""#) } }

    func json(on db: any Database, now: Date) async throws -> [UInt8] {
        let sql = db as! any SQLDatabase
        let cases = CaseModel.schema, patients = PatientModel.schema
        func c(_ name: String) -> SQLColumn { SQLColumn(name, table: cases) }
        func p(_ name: String) -> SQLColumn { SQLColumn(name, table: patients) }

        var select = sql.select()
            .column(SQLAlias(c("id"), as: SQLIdentifier("case_id")))
            .columns(c("current_version"), c("urgency"), c("next_due"), c("next_due_hours"), c("next_action"),
                     c("top_option"), c("assessed_on"), c("rules_version"), c("updated_at"), c("open_tasks"), c("escalation"),
                     p("record_number"), p("name"), p("birth_date"), p("sex"))
            .from(cases)
            .join(patients, on: c("patient_id"), .equal, p("id"))
        var count = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(cases)
        if let visibility {
            select = select.where(visibility)
            count = count.where(visibility)
        }
        if let urgency {
            select = select.where(c("urgency"), .equal, SQLBind(urgency))
            count = count.where(c("urgency"), .equal, SQLBind(urgency))
        }
        if let text {
            count = count.join(patients, on: c("patient_id"), .equal, p("id"))
            select = select.where(p("search_text"), .like, SQLBind("%\(text)%"))
            count = count.where(p("search_text"), .like, SQLBind("%\(text)%"))
        }
        let rows = try await select
            .orderBy(c("urgency_rank"), SQLDirection.ascending).orderBy(c("next_due"), SQLDirection.ascending)
            .orderBy(c("next_due_hours"), SQLDirection.ascending).orderBy(c("updated_at"), SQLDirection.descending)
            .orderBy(c("id"), SQLDirection.ascending) // a total order, so pages never overlap or skip
            .limit(perPage).offset((page - 1) * perPage)
            .all()
        let total = try await count.first()?.decode(column: "n", as: Int.self) ?? 0

        var items: [UInt8] = [UInt8(ascii: "[")]
        items.reserveCapacity(rows.count * 400)
        for (i, row) in rows.enumerated() {
            if i > 0 { items.append(UInt8(ascii: ",")) }
            var patient = JSONObjectBuilder(capacity: 128)
            patient.string("id", try row.decode(column: "record_number", as: String.self))
            if let v = try row.decode(column: "name", as: String?.self) { patient.string("name", v) }
            if let v = try row.decode(column: "birth_date", as: String?.self) { patient.string("birthDate", v) }
            if let v = try row.decode(column: "sex", as: String?.self) { patient.string("sex", v) }
            var item = JSONObjectBuilder(capacity: 512)
            item.string("caseId", try row.decode(column: "case_id", as: UUID.self).uuidString)
            item.int("version", try row.decode(column: "current_version", as: Int.self))
            item.raw("patient", patient.finished())
            item.string("urgency", try row.decode(column: "urgency", as: String.self))
            if let action = try row.decode(column: "next_action", as: String?.self) {
                var deadline = JSONObjectBuilder(capacity: 160)
                deadline.string("dueBy", try row.decode(column: "next_due", as: String.self))
                deadline.int("withinHours", try row.decode(column: "next_due_hours", as: Int.self))
                deadline.string("action", action)
                item.raw("nextDeadline", deadline.finished())
            }
            if let v = try row.decode(column: "top_option", as: String?.self) { item.string("topOption", v) }
            item.int("openTasks", try row.decode(column: "open_tasks", as: Int.self))
            if let v = try row.decode(column: "escalation", as: String?.self) { item.string("escalation", v) }
            item.string("assessedOn", try row.decode(column: "assessed_on", as: String.self))
            item.string("rulesVersion", try row.decode(column: "rules_version", as: String.self))
            item.string("updatedAt", ISOTimestamp.iso8601(try row.decode(column: "updated_at", as: Date.self)))
            items += item.finished()
        }
        items.append(UInt8(ascii: "]"))

        let overdue = try await OverdueTasks.list(for: viewer, now: now, on: db)
        var body = JSONObjectBuilder(capacity: items.count + 64)
        body.raw("overdue", try OverdueTasks.json(overdue))
        body.raw("items", items)
        body.int("page", page)
        body.int("perPage", perPage)
        body.int("total", total)
        return body.finished()
    }

    /// The same page as values (for the web pages).
    func run(on db: any Database, now: Date) async throws -> WorklistPage {
        var base = CaseModel.query(on: db)
            .join(PatientModel.self, on: \CaseModel.$patient.$id == \PatientModel.$id)
        if let visibility { base = base.filter(.sql(embed: visibility)) }
        if let urgency { base = base.filter(\.$urgency == urgency) }
        if let text { base = base.filter(PatientModel.self, \.$searchText ~~ text) }
        // Without a text filter the count needs no join.
        let total: Int
        if text == nil {
            var count = CaseModel.query(on: db)
            if let visibility { count = count.filter(.sql(embed: visibility)) }
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
                topOption: head.topOption, assessedOn: head.assessedOn, rulesVersion: head.rulesVersion, updatedAt: head.updatedAt,
                openTasks: head.openTasks, escalation: head.escalation)
        }
        return WorklistPage(overdue: try await OverdueTasks.list(for: viewer, now: now, on: db),
                            items: items, page: page, perPage: perPage, total: total)
    }
}

struct WorklistPage: Content {
    var overdue: [OverdueTask] = []
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
    var openTasks: Int
    var escalation: String?
}
