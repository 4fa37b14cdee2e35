// The worklist: every patient's newest assessment, emergencies first, then by nearest deadline.
import Fluent
import Foundation
import SQLKit
import SpineCore
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
            let now = req.now
            let body = try await req.spine.worklistCache.page(query, now: now, on: req.db) {
                try await query.json(on: req.db, now: now)
            }
            try await req.audit(AuditEvent(action: "patients.list", outcome: AuditOutcome.success,
                                           detail: "page \(query.page)" + WorklistQuery.recordsShown(in: body)), user: user)
            return .json(body)
        }
    }
}

/// `GET /patients` parameters, validated.
struct WorklistQuery: Sendable {
    /// "; records A, B": the patients a worklist page showed, for its audit event (the page is
    /// served from bytes, possibly cached, so they are read back from it).
    static func recordsShown(in page: [UInt8]) -> String {
        guard case .object(let root)? = try? JSONParser.parse(page) else { return "" }
        func member(_ value: JSONValue?, _ key: String) -> JSONValue? {
            guard case .object(let members)? = value else { return nil }
            return members.first(where: { $0.key == key })?.value
        }
        func list(_ key: String) -> [JSONValue] {
            guard case .array(let values)? = member(.object(root), key) else { return [] }
            return values
        }
        // The rows, then the overdue tasks (which can name patients not on the page).
        var records: [String] = []
        for item in list("items") { if case .string(let id)? = member(member(item, "patient"), "id") { records.append(id) } }
        for task in list("overdue") { if case .string(let id)? = member(task, "patientId") { records.append(id) } }
        return WorklistView.shownRecords(records)
    }

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
            guard !TextSafety.refuses(text, multiline: false) else { throw Problem.invalid("q \(TextSafety.message(multiline: false))", path: "q") }
            self.text = text.lowercased()
        }
        if let raw: String = q["page"] {
            guard let p = Int(raw), p >= 1, p <= 1_000_000 else { throw Problem.invalid("page must be a whole number in 1...1000000", path: "page") }
            page = p
        }
        if let raw: String = q["perPage"] {
            guard let p = Int(raw), (1...Self.maxPerPage).contains(p) else {
                throw Problem.invalid("perPage must be a whole number in 1...\(Self.maxPerPage)", path: "perPage")
            }
            perPage = p
        }
    }

    /// The stored rank of the urgency filter.
    var urgencyRank: Int? { urgency.flatMap(UrgencyLevel.init(rawValue:))?.rank }

    func visibility(at now: Date) -> SQLQueryString? {
        viewer.flatMap { CareTeam.visibleCondition($0, caseColumn: #""cases"."id""#, at: now) }
    }

    /// One page of the worklist, read with one indexed query that also carries the count, and
    /// written as JSON directly: this is the busiest read of the service.
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
            // The count rides along as an uncorrelated subquery (computed once): one statement, not two.
            .column(SQLAlias(totalExpression(on: sql, at: now), as: SQLIdentifier("total")))
            .from(cases)
            .join(patients, on: c("patient_id"), .equal, p("id"))
        select = filtered(select, at: now)
        let rows = try await sql.plainRows(select
            .orderBy(c("urgency_rank"), SQLDirection.ascending).orderBy(c("next_due"), SQLDirection.ascending)
            .orderBy(c("next_due_hours"), SQLDirection.ascending).orderBy(c("updated_at"), SQLDirection.descending)
            .orderBy(c("id"), SQLDirection.ascending) // a total order, so pages never overlap or skip
            .limit(perPage).offset((page - 1) * perPage))
        let total: Int
        if let first = rows.first { total = try first.int("total") } else { total = try await self.total(on: sql, at: now) }

        var items: [UInt8] = [UInt8(ascii: "[")]
        items.reserveCapacity(rows.count * 400)
        for (i, row) in rows.enumerated() {
            if i > 0 { items.append(UInt8(ascii: ",")) }
            var patient = JSONObjectBuilder(capacity: 128)
            patient.string("id", try row.requireString("record_number"))
            if let v = try row.string("name") { patient.string("name", v) }
            if let v = try row.string("birth_date") { patient.string("birthDate", v) }
            if let v = try row.string("sex") { patient.string("sex", v) }
            var item = JSONObjectBuilder(capacity: 512)
            item.string("caseId", try row.uuidString("case_id"))
            item.int("version", try row.int("current_version"))
            item.raw("patient", patient.finished())
            // The urgency to act on: a follow-up escalation is an emergency whatever the stored
            // assessment (a rules re-assessment rewrites `urgency` but keeps the escalation).
            let escalation = try row.string("escalation")
            item.string("urgency", CaseModel.effectiveUrgency(stored: try row.requireString("urgency"), escalation: escalation).rawValue)
            if let action = try row.string("next_action") {
                var deadline = JSONObjectBuilder(capacity: 160)
                deadline.string("dueBy", try row.requireString("next_due"))
                deadline.int("withinHours", try row.int("next_due_hours"))
                deadline.string("action", action)
                item.raw("nextDeadline", deadline.finished())
            }
            if let v = try row.string("top_option") { item.string("topOption", v) }
            item.int("openTasks", try row.int("open_tasks"))
            if let escalation { item.string("escalation", escalation) }
            item.string("assessedOn", try row.requireString("assessed_on"))
            item.string("rulesVersion", try row.requireString("rules_version"))
            item.string("updatedAt", ISOTimestamp.iso8601(try row.date("updated_at")))
            items += item.finished()
        }
        items.append(UInt8(ascii: "]"))

        let overdue = try await OverdueTasks.list(for: viewer, now: now, on: db)
        var body = JSONObjectBuilder(capacity: items.count + 64)
        body.raw("overdue", OverdueTasks.json(overdue))
        body.raw("items", items)
        body.int("page", page)
        body.int("perPage", perPage)
        body.int("total", total)
        return body.finished()
    }

    /// The visibility, urgency and text filters, applied to a query over cases.
    func filtered(_ query: SQLSelectBuilder, at now: Date) -> SQLSelectBuilder {
        var q = query
        if let visibility = visibility(at: now) { q = q.where(visibility) }
        // By rank, the first column of the worklist's index: the page and the count read only that
        // urgency's part of it.
        if let urgencyRank { q = q.where(SQLColumn("urgency_rank", table: CaseModel.schema), .equal, SQLBind(urgencyRank)) }
        if let text {
            // Matched literally: "%" and "_" are LIKE's wildcards, so they (and the escape) are escaped.
            let literal = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            q = q.where(SQLQueryString("\(ident: PatientModel.schema).\(ident: "search_text") LIKE \(bind: "%\(literal)%") ESCAPE '\\'"))
        }
        return q
    }

    /// The number of cases on this worklist, as a scalar SQL expression. Unfiltered, it is counted
    /// from indexes alone: a clinician's memberships (one row per case and person, which a unique
    /// index guarantees) plus the cases seen only through a meeting they attend. Counting through
    /// the visibility test instead probes the care team of every stored case (measured: about
    /// 7 ms for 10,000 cases, against 0.5 ms here).
    func totalExpression(on sql: any SQLDatabase, at now: Date) -> any SQLExpression {
        guard text == nil, urgency == nil else {
            var count = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all)).from(CaseModel.schema)
            if text != nil {
                count = count.join(PatientModel.schema, on: SQLColumn("patient_id", table: CaseModel.schema), .equal,
                                   SQLColumn("id", table: PatientModel.schema))
            }
            return SQLGroupExpression(filtered(count, at: now).query)
        }
        guard let viewer, viewer.role != .admin else {
            return SQLQueryString("(SELECT COUNT(*) FROM \(ident: CaseModel.schema))")
        }
        let member = CareTeam.member
        return SQLQueryString("""
            ((SELECT COUNT(*) FROM \(ident: CareTeamMemberModel.schema)
              WHERE user_id = \(bind: viewer.id) AND status = \(literal: member))
             + (SELECT COUNT(DISTINCT ai.case_id) FROM \(ident: AgendaItemModel.schema) ai
                JOIN \(ident: MeetingAttendeeModel.schema) ma ON ma.meeting_id = ai.meeting_id
                JOIN \(ident: MeetingModel.schema) mt ON mt.id = ai.meeting_id
                WHERE ma.user_id = \(bind: viewer.id) AND mt.starts_at >= \(bind: CareTeam.agendaAccessFrom(now))
                  AND NOT EXISTS (SELECT 1 FROM \(ident: CareTeamMemberModel.schema) m
                                  WHERE m.case_id = ai.case_id AND m.user_id = \(bind: viewer.id) AND m.status = \(literal: member))))
            """)
    }

    /// The number of cases on this worklist.
    func total(on sql: any SQLDatabase, at now: Date) async throws -> Int {
        try await sql.select().column(SQLAlias(totalExpression(on: sql, at: now), as: SQLIdentifier("n")))
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The same page as values (for the web pages).
    func run(on db: any Database, now: Date) async throws -> WorklistPage {
        var base = CaseModel.query(on: db)
            .join(PatientModel.self, on: \CaseModel.$patient.$id == \PatientModel.$id)
        if let visibility = visibility(at: now) { base = base.filter(.sql(embed: visibility)) }
        if let urgencyRank { base = base.filter(\.$urgencyRank == urgencyRank) }
        if let text { base = base.filter(PatientModel.self, \.$searchText ~~ text) }
        let total = try await self.total(on: db as! any SQLDatabase, at: now)
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
                urgency: head.effectiveUrgency.rawValue,
                nextDeadline: head.nextAction.map { .init(dueBy: head.nextDue, withinHours: head.nextDueHours, action: $0) },
                topOption: head.topOption, assessedOn: head.assessedOn, rulesVersion: head.rulesVersion, updatedAt: head.updatedAt,
                openTasks: head.openTasks, escalation: head.escalation)
        }
        return WorklistPage(overdue: try await OverdueTasks.list(for: viewer, now: now, on: db),
                            items: items, page: page, perPage: perPage, total: total)
    }
}

/// The urgency clock's next deadline on each case: its earliest open clock task. The clock runs
/// from the red flag, so neither a new case version nor a re-assessment restarts it (its tasks keep
/// their due times); the pages count down from here, not from the case's last update.
enum UrgencyClock {
    struct Next: Sendable {
        var title: String
        /// ISO 8601, as the task stores it.
        var dueAt: String
        var due: Date?
    }

    /// The earliest open clock task of each of `caseIDs` (none for a case without one), read for
    /// the whole page in one query.
    static func next(of caseIDs: [UUID], on db: any Database) async throws -> [UUID: Next] {
        guard !caseIDs.isEmpty else { return [:] }
        // `due_at` is fixed-width UTC text, so its order is the order in time.
        let open = try await TaskModel.query(on: db).filter(\.$caseID ~~ caseIDs).filter(\.$isClock == true)
            .filter(\.$status == TaskLedger.open).sort(\.$dueAt).sort(\.$code).all()
        var out: [UUID: Next] = [:]
        for task in open where out[task.caseID] == nil {
            out[task.caseID] = Next(title: task.title, dueAt: task.dueAt, due: TeamWords.date(task.dueAt))
        }
        return out
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
