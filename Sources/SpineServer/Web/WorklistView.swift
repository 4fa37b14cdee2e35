// The worklist (home): patients emergency → urgent → routine, then nearest deadline, each row
// with its urgency, reason, time left, primary cancer, levels, SINS, ESCC and the first option.
import Fluent
import Foundation
import SpineCore
import Vapor

/// A stored case version read back into the core's values: the case and its assessment, computed
/// again by the pure core from the stored document on the stored assessment date (deterministic:
/// the same rules version gives the same assessment as the stored snapshot).
struct StoredCase: Sendable {
    var value: Case
    var assessment: Assessment
    var document: Data

    init?(document: Data, assessedOn: String) {
        guard let value = Self.value(of: document, assessedOn: assessedOn) else { return nil }
        self.value = value
        self.assessment = SpineCore.assess(value, today: Self.day(assessedOn))
        self.document = document
    }

    /// The stored document read back as the core's value, without assessing it (for callers that
    /// need the facts only).
    static func value(of document: Data, assessedOn: String) -> Case? {
        guard case .success(let value) = CaseDocument.decode(Array(document), today: day(assessedOn)) else { return nil }
        return value
    }

    /// Why a stored document does not read back (empty when it does).
    static func validationErrors(of document: Data, assessedOn: String) -> [CaseValidationError] {
        guard case .failure(let failure) = CaseDocument.decode(Array(document), today: day(assessedOn)) else { return [] }
        return failure.errors
    }

    private static func day(_ assessedOn: String) -> CalendarDate {
        CalendarDate(iso: assessedOn) ?? CalendarDate(year: 2026, month: 1, day: 1)!
    }
}

enum Words {
    static func histology(_ code: String) -> String { HistologyCatalogue.entry(code)?.name ?? code }

    static func levels(_ levels: [VertebralLevel]) -> String { VertebralLevel.describe(levels) }

    /// A dose in Gy without a needless ".0": 20 → "20", 7.5 → "7.5".
    static func dose(_ gy: Double) -> String { gy == gy.rounded() ? String(Int(gy)) : String(gy) }

    static func timeLeft(until due: Date, now: Date) -> String {
        let seconds = due.timeIntervalSince(now)
        let hours = Int((abs(seconds) / 3600).rounded(.down))
        let text = hours >= 48 ? "\(hours / 24) days" : hours >= 1 ? "\(hours) h" : "\(max(1, Int(abs(seconds) / 60))) min"
        return seconds >= 0 ? "\(text) left" : "overdue by \(text)"
    }
}

enum WorklistView {
    struct Row {
        var item: WorklistItem
        var stored: StoredCase?
        var due: Date?
        /// The urgency clock's earliest open task: when there is one, it is the row's deadline.
        var clock: UrgencyClock.Next? = nil
        /// The main option of the team's latest decision on the current version.
        var decided: String? = nil
    }

    static func show(req: Request) async throws -> Response {
        guard let user = req.authenticatedUser else { return SignInPage.render(req, username: "", next: "/", message: nil, status: .ok) }
        if !user.role.permits(.readPatients) { return WebApp.redirect("/admin/users") }
        _ = try await req.requireUser(.readPatients, action: "patients.list")
        let rawUrgency: String = req.query["urgency"] ?? ""
        let urgency = ["emergency", "urgent", "routine"].contains(rawUrgency) ? rawUrgency : nil
        let text = ((req.query["q"] as String?) ?? "").trimmingCharacters(in: .whitespaces)
        let pageNumber = max(1, min(1_000_000, Int((req.query["page"] as String?) ?? "") ?? 1))
        let query = WorklistQuery(urgency: urgency, text: text.isEmpty ? nil : String(text.prefix(200)).lowercased(),
                                  page: pageNumber, perPage: 50, viewer: user)
        let page = try await query.run(on: req.db, now: req.now)
        let rows = try await rowsWithDetails(page.items, on: req.db, now: req.now)
        let overdue = page.overdue
        let invitations = user.role.permits(.writeCases) ? try await invitations(for: user, on: req.db) : []
        try await req.audit(AuditEvent(action: "patients.list", outcome: AuditOutcome.success,
                                       detail: "web page \(page.page), \(page.items.count) of \(page.total); \(overdue.count) overdue tasks, \(invitations.count) invitations"
                                           + shownRecords(page.items.map(\.patient.id) + overdue.map(\.patientId))), user: user)
        let body = view(rows: rows, page: page, urgency: urgency, text: text, now: req.now,
                        overdue: overdue, invitations: invitations, csrf: req.webCSRFToken)
        return WebApp.html(Layout(title: "Worklist", user: user, csrf: req.webCSRFToken).render(body))
    }

    /// "; records A, B" for the audit event: the patients the page shows, rows and overdue tasks.
    static func shownRecords(_ ids: [String]) -> String {
        var seen = Set<String>()
        let unique = ids.filter { seen.insert($0).inserted }
        return unique.isEmpty ? "" : "; records " + unique.joined(separator: ", ")
    }

    static func rowsWithDetails(_ items: [WorklistItem], on db: any Database, now: Date) async throws -> [Row] {
        let ids = items.compactMap { UUID(uuidString: $0.caseId) }
        guard !ids.isEmpty else { return [] }
        let versions = try await CaseVersionModel.query(on: db).filter(\.$caseHead.$id ~~ ids).all()
        var documents: [String: Data] = [:]
        for v in versions {
            let key = "\(v.$caseHead.id.uuidString)#\(v.version)"
            documents[key] = v.document
        }
        // One query each for the page's clocks and decisions, not one per row.
        let clocks = try await UrgencyClock.next(of: ids, on: db)
        var decided: [String: String] = [:]
        for d in try await DecisionModel.query(on: db).filter(\.$caseID ~~ ids).sort(\.$createdAt).all() {
            decided["\(d.caseID.uuidString)#\(d.caseVersion)"] = d.chosenOption // the latest wins
        }
        return items.map { item in
            let stored = documents["\(item.caseId)#\(item.version)"].flatMap { StoredCase(document: $0, assessedOn: item.assessedOn) }
            let clock = UUID(uuidString: item.caseId).flatMap { clocks[$0] }
            // The clock's tasks keep their due times across new versions and re-assessments; the
            // head's time moves with every save, so it only dates a deadline no clock task holds.
            let due = clock?.due ?? item.nextDeadline.map { item.updatedAt.addingTimeInterval(Double($0.withinHours) * 3600) }
            return Row(item: item, stored: stored, due: due, clock: clock, decided: decided["\(item.caseId)#\(item.version)"])
        }
    }

    /// Open invitations for the user's role (as `GET /api/v1/invitations`), most urgent first,
    /// leaving out cases the user is already a member of.
    static func invitations(for user: AuthenticatedUser, on db: any Database) async throws -> [InvitationView] {
        let open = try await CareTeamMemberModel.query(on: db).filter(\.$role == user.role.rawValue)
            .filter(\.$status == CareTeam.invited).sort(\.$createdAt).limit(500).all()
        let mine = Set(try await CareTeamMemberModel.query(on: db).filter(\.$userID == user.id).filter(\.$status == CareTeam.member).all().map(\.caseID))
        var out: [InvitationView] = []
        for i in open where !mine.contains(i.caseID) {
            guard let head = try await CaseModel.find(i.caseID, on: db) else { continue }
            out.append(InvitationView(caseId: i.caseID.uuidString, role: i.role, reason: i.reason, urgency: head.effectiveUrgency.rawValue,
                                      invitedAt: ISOTimestamp.iso8601(i.createdAt)))
        }
        func rank(_ u: String) -> Int { u == "emergency" ? 0 : u == "urgent" ? 1 : 2 }
        return out.sorted { (rank($0.urgency), $0.invitedAt) < (rank($1.urgency), $1.invitedAt) }
    }

    static func overdueSection(_ overdue: [OverdueTask], now: Date) -> Html {
        let rows: [Html] = overdue.map { t in
            let escalated: Html = t.escalatedTo.map { " <span class=\"escalated\">escalated to the \(TeamWords.role($0).lowercased())</span>" } ?? .empty
            return """
            <tr class="overdue"><td><a class="patient" href="/cases/\(t.caseId)#tasks">\(t.patientName ?? t.patientId)</a><div class="muted">\(t.patientId)</div></td>
            <td>\(t.title)\(t.isClock ? Html(raw: " <span class=\"badge clock\">urgency clock</span>") : .empty)\(escalated)</td>
            <td>\(TeamWords.role(t.role))</td><td class="nowrap"><strong class="overdue-text">\(TeamWords.overdueBy(t.dueAt, now: now))</strong></td></tr>
            """
        }
        return """
        <section class="card overdue-list" aria-labelledby="overdue-h"><h2 id="overdue-h">Overdue\(overdue.isEmpty ? "" : " (\(overdue.count))")</h2>
        \(rows.isEmpty ? Html(raw: "<p class=\"muted\">Nothing is overdue on your patients.</p>") : Html(raw: """
        <div class="table-wrap"><table class="overdue-tasks"><caption class="visually-hidden">Overdue tasks, longest overdue first</caption><thead><tr><th scope="col">Patient</th><th scope="col">Task</th><th scope="col">Role</th><th scope="col">Overdue by</th></tr></thead><tbody>\(rows.joined().raw)</tbody></table></div>
        """))</section>
        """
    }

    static func invitationsSection(_ invitations: [InvitationView], csrf: String?) -> Html {
        guard !invitations.isEmpty else { return .empty }
        let items: [Html] = invitations.map { i in
            """
            <li><span class="badge \(i.urgency)">\(i.urgency)</span> \(i.reason) <span class="muted">(case \(String(i.caseId.prefix(8))), invited \(TeamWords.time(i.invitedAt)))</span>
            <form method="post" action="/cases/\(i.caseId)/team/join" class="inline">\(WebForms.csrfField(csrf))<button type="submit" aria-label="Join the care team (case \(String(i.caseId.prefix(8))))">Join</button></form></li>
            """
        }
        return """
        <section class="card invitations-list" aria-labelledby="inv-h"><h2 id="inv-h">Invitations for your role</h2>
        <p class="muted">Joining puts you on the patient's care team; you then see the case.</p><ul class="invitations">\(items)</ul></section>
        """
    }

    static func view(rows: [Row], page: WorklistPage, urgency: String?, text: String, now: Date,
                     overdue: [OverdueTask] = [], invitations: [InvitationView] = [], csrf: String? = nil) -> Html {
        let filters: [Html] = [("", "All"), ("emergency", "Emergency"), ("urgent", "Urgent"), ("routine", "Routine")].map { code, label in
            let selected = (urgency ?? "") == code ? " selected" : ""
            return #"<option value="\#(code)"\#(Html(raw: selected))>\#(label)</option>"#
        }
        let tableRows: [Html] = rows.map { row in
            let item = row.item
            let a = row.stored?.assessment
            let c = row.stored?.value
            // A follow-up escalation outranks the assessment it followed: its words, its clock.
            let urgency = CaseModel.effectiveUrgency(stored: item.urgency, escalation: item.escalation).rawValue
            let reason = item.escalation ?? a?.urgency.reasons.first ?? ""
            let deadline: Html
            if let clock = row.clock, let due = clock.due {
                let late: Html = due < now ? " overdue-text" : .empty
                deadline = #"<span class="due">\#(clock.title)</span> <strong class="left\#(late)">\#(Words.timeLeft(until: due, now: now))</strong>"#
            } else if item.escalation != nil {
                // The clock's tasks are done or cancelled; what remains is the new examination.
                deadline = #"<span class="due">Examine the patient and record a new case version</span>"#
            } else if let next = item.nextDeadline, let due = row.due {
                let when = next.withinHours == 0 ? "now" : Words.timeLeft(until: due, now: now)
                deadline = #"<span class="due">\#(next.action)</span> <strong class="left">\#(when)</strong>"#
            } else {
                deadline = #"<span class="muted">no deadline</span>"#
            }
            let sins = a?.scores.sins.total.map { "SINS \($0)" } ?? "SINS —"
            let escc = a?.scores.escc.grade.map { "ESCC \($0)" } ?? "ESCC —"
            let option: Html
            if let code = row.decided {
                let title = a?.options.first { $0.code.rawValue == code }?.title ?? TeamWords.option(code)
                option = #"<span class="status decided">Decided:</span> \#(title)"#
            } else {
                let top = a?.options.first { !$0.declined }?.title ?? item.topOption ?? "—"
                option = "\(top)"
            }
            let escalation: Html = item.escalation.map {
                Html(raw: " <span class=\"badge escalation\" title=\"\(Html.escape($0))\">neurology worse</span>")
            } ?? .empty
            let tasks: Html = item.openTasks > 0
                ? #"<a class="badge tasks" href="/cases/\#(item.caseId)#tasks">\#(item.openTasks) open task\#(item.openTasks == 1 ? "" : "s")</a>"# : .empty
            return """
            <tr class="u-\(urgency)">
            <td><span class="badge \(urgency)">\(urgency)</span>\(escalation)<div class="reason">\(reason)</div><div>\(deadline)</div></td>
            <td><a class="patient" href="/cases/\(item.caseId)">\(item.patient.name ?? item.patient.id)</a><div class="muted">\(item.patient.id)</div>\(tasks)</td>
            <td>\(c.map { Words.histology($0.primaryTumor.histology) } ?? "—")</td>
            <td>\(c.map { Words.levels($0.spine.involvedLevels) } ?? "—")</td>
            <td class="nowrap">\(sins)<br>\(escc)</td>
            <td>\(option)</td>
            </tr>
            """
        }
        let empty: Html = rows.isEmpty ? #"<p class="empty">No patients match. <a href="/cases/new">Start a new case</a>.</p>"# : .empty
        let pages = max(1, (page.total + page.perPage - 1) / page.perPage)
        var pager: [Html] = []
        let base = "/?urgency=\(Html.query(urgency ?? ""))&q=\(Html.query(text))&page="
        if page.page > 1 { pager.append(#"<a rel="prev" href="\#(base + String(page.page - 1))">Previous</a>"#) }
        if page.page < pages { pager.append(#"<a rel="next" href="\#(base + String(page.page + 1))">Next</a>"#) }
        return """
        <div class="page-head"><h1>Worklist</h1><a class="button primary" href="/cases/new">New case</a></div>
        \(overdueSection(overdue, now: now))
        \(invitationsSection(invitations, csrf: csrf))
        <form method="get" action="/" class="filters" role="search">
        <p><label for="q">Search name or record number</label><input id="q" name="q" type="search" value="\(text)"></p>
        <p><label for="urgency">Urgency</label><select id="urgency" name="urgency">\(filters)</select></p>
        <p><button type="submit">Filter</button></p>
        </form>
        <p class="muted">\(page.total) patient\(page.total == 1 ? "" : "s"), emergencies first, then the nearest deadline.</p>
        \(empty)
        <div class="table-wrap"><table class="worklist">
        <caption class="visually-hidden">Patients by urgency</caption>
        <thead><tr><th scope="col">Urgency</th><th scope="col">Patient</th><th scope="col">Primary cancer</th><th scope="col">Levels</th><th scope="col">Scores</th><th scope="col">First option</th></tr></thead>
        <tbody>\(tableRows)</tbody></table></div>
        <nav class="pager" aria-label="Pages">\(pager.joined(" "))<span class="muted">page \(page.page) of \(pages)</span></nav>
        """
    }
}

