// Tumour-board meetings: the list with a form to create one, the chair's meeting view (attendees,
// the core roles missing, the agenda) and the one-case-at-a-time view that shows a case's key
// assessment from its stored snapshot, its reviews and the decision form for that meeting.
// Only a meeting's attendees (and administrators) see its agenda, as in the API.
import Fluent
import Foundation
import SpineCore
import Vapor

enum MeetingPages {
    // MARK: - Access

    /// The meeting and its detail, for an attendee or an administrator (403 otherwise, audited).
    static func requireMeeting(_ req: Request, user: AuthenticatedUser, auditRead: Bool) async throws -> (MeetingModel, MeetingDetail) {
        let rawID = req.parameters.get("meetingId") ?? ""
        return try await req.auditingFailures(action: "meeting.read", user: user) {
            let m = try await MeetingService.readable(rawID, by: user, on: req.db)
            let id = try m.requireID()
            let detail = try await MeetingService.detail(m, on: req.db)
            if auditRead { try await req.auditDisclosure(detail, action: "meeting.read", note: "meeting \(id) (web)", user: user) }
            return (m, detail)
        }
    }

    // MARK: - List and create

    static func list(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        _ = try await req.requireUser(.readPatients, action: "meetings.list")
        return try await renderList(req, user: user, form: FormData(), errors: [], status: .ok)
    }

    /// `2026-12-01T16:00` (a datetime-local field, read as UTC) → `2026-12-01T16:00:00Z`; other text as typed.
    static func normalizedStart(_ raw: String) -> String {
        let t = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "T")
        if t.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}/) != nil { return t + ":00Z" }
        if t.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}/) != nil { return t + "Z" }
        return t
    }

    static func usernames(_ raw: String) -> [String] {
        raw.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" || $0 == "\r" || $0 == ";" }).map(String.init)
    }

    static func create(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        _ = try await req.requireUser(.writeCases, action: "meeting.create")
        let form = try WebForms.form(req)
        let input = MeetingInput(title: form["title"], startsAt: normalizedStart(form["startsAt"]), attendees: usernames(form["attendees"]))
        do {
            let m = try await req.auditingFailures(action: "meeting.create", user: user) {
                let m = try await MeetingService.create(input, kind: "scheduled", user: user, at: req.now, on: req.db)
                try await req.audit(AuditEvent(action: "meeting.create", outcome: AuditOutcome.success, detail: "meeting \(try m.requireID())"), user: user)
                return m
            }
            return WebApp.redirect("/meetings/\(try m.requireID().uuidString)")
        } catch {
            let refusal = try FormRefusal.from(error)
            return try await renderList(req, user: user, form: form, errors: refusal.errors, status: refusal.status)
        }
    }

    static func renderList(_ req: Request, user: AuthenticatedUser, form: FormData, errors: [CaseValidationError], status: HTTPResponseStatus) async throws -> Response {
        let meetings = try await MeetingService.list(now: req.now, on: req.db)
        let rows: [Html] = meetings.map { m in
            """
            <tr><th scope="row"><a href="/meetings/\(m.id)">\(m.title)</a></th><td class="nowrap">\(TeamWords.time(m.startsAt))</td><td>\(m.kind)</td>
            <td>\(m.status)</td><td>\(m.chair)</td><td class="num">\(m.cases)</td><td class="num">\(m.attendees)</td></tr>
            """
        }
        var createForm: Html = .empty
        if user.role.permits(.writeCases) {
            let f = TeamForm("meeting", values: form, errors: errors)
            createForm = """
            <form method="post" action="/meetings" class="card inline-form" id="new-meeting">\(WebForms.csrfField(req.webCSRFToken))
            <h2>New tumour board</h2>\(f.summary)
            <div class="grid">
            \(f.text("title", "Title", required: true))
            \(f.text("startsAt", "Starts (UTC)", type: "datetime-local", hint: "Date and time in UTC, from a year ago to \(MeetingService.yearsAhead) years ahead.", required: true))
            \(f.text("attendees", "Attendees (usernames, separated by commas)", hint: "You chair the meeting and attend it."))
            </div>
            <p><button type="submit" class="primary">Create the meeting</button></p></form>
            """
        }
        let body: Html = """
        <div class="page-head"><h1>Tumour boards</h1></div>
        <p class="muted">Upcoming meetings and those of the last 30 days. Only a meeting's attendees see its agenda.</p>
        \(rows.isEmpty ? Html(raw: "<p class=\"empty\">No meetings.</p>") : Html(raw: """
        <div class="table-wrap"><table><caption class="visually-hidden">Meetings</caption><thead><tr><th scope="col">Meeting</th><th scope="col">Starts</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Chair</th><th scope="col">Cases</th><th scope="col">Attendees</th></tr></thead><tbody>\(rows.joined().raw)</tbody></table></div>
        """))
        \(createForm)
        """
        return WebApp.html(Layout(title: "Tumour boards", user: user, csrf: req.webCSRFToken).render(body), status: status)
    }

    // MARK: - The meeting

    static func show(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        _ = try await req.requireUser(.readPatients, action: "meeting.read")
        let (m, detail) = try await requireMeeting(req, user: user, auditRead: true)
        return WebApp.html(Layout(title: m.title, user: user, csrf: req.webCSRFToken).render(view(detail, chair: m.chairID == user.id, form: FormData(), errors: [], csrf: req.webCSRFToken)))
    }

    static func view(_ d: MeetingDetail, chair: Bool, form: FormData, errors: [CaseValidationError], csrf: String?) -> Html {
        let attendees: [Html] = d.attendees.map { "<tr><th scope=\"row\">\($0.username)</th><td>\(TeamWords.role($0.role))</td></tr>" }
        let missing: Html = d.rolesMissing.isEmpty ? #"<p class="ok-text">Every core role attends.</p>"#
            : #"<p class="alert" role="status"><strong>Roles missing:</strong> \#(d.rolesMissing.map(TeamWords.role).joined(separator: ", "))</p>"#
        let agenda: [Html] = d.agenda.enumerated().map { i, a in
            let warn: Html = a.doNotWait ? #"<br><span class="badge emergency">do not wait</span> <small>Emergency: decide within 24 h, not at the meeting</small>"# : .empty
            return """
            <tr class="u-\(a.urgencyNow)"><td class="num">\(i + 1)</td><th scope="row">\(a.patientName ?? a.patientId)<div class="muted">\(a.patientId)</div></th>
            <td><span class="badge \(a.urgencyNow)">\(a.urgencyNow)</span>\(warn)</td><td><span class="status \(a.status)">\(a.status)</span></td>
            <td><a class="button" href="/meetings/\(d.id)/cases/\(i + 1)">Discuss</a></td></tr>
            """
        }
        var addForm: Html = .empty
        if chair {
            let f = TeamForm("attendee", values: form, errors: errors)
            addForm = """
            <form method="post" action="/meetings/\(d.id)/attendees" class="inline-form">\(WebForms.csrfField(csrf))
            \(f.summary)\(f.text("username", "Add an attendee (username)", required: true))<p><button type="submit">Add</button></p></form>
            """
        }
        return """
        <div class="page-head"><div><h1>\(d.title)</h1><p class="muted">\(TeamWords.time(d.startsAt)) · \(d.kind) · \(d.status) · chaired by \(d.chair)</p></div>
        <a class="button" href="/meetings">All meetings</a></div>
        <div class="two-col">
        <section class="card" aria-labelledby="attendees-h"><h2 id="attendees-h">Attendees</h2>
        <table class="compact"><thead><tr><th scope="col">Attendee</th><th scope="col">Role</th></tr></thead><tbody>\(attendees)</tbody></table>
        \(missing)\(addForm)</section>
        <section class="card" aria-labelledby="agenda-h"><h2 id="agenda-h">Agenda</h2>
        \(agenda.isEmpty ? Html(raw: "<p class=\"muted\">No cases yet: schedule a case from its page.</p>") : Html(raw: """
        <table><thead><tr><th scope="col">#</th><th scope="col">Patient</th><th scope="col">Urgency</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Open</span></th></tr></thead><tbody>\(agenda.joined().raw)</tbody></table>
        """))
        \(d.agenda.isEmpty ? Html.empty : Html(raw: "<p><a class=\"button primary\" href=\"/meetings/\(d.id)/cases/1\">Start with case 1</a></p>"))
        </section></div>
        """
    }

    static func addAttendee(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        _ = try await req.requireUser(.writeCases, action: "meeting.update")
        let form = try WebForms.form(req)
        let rawID = req.parameters.get("meetingId") ?? ""
        let m = try await req.auditingFailures(action: "meeting.update", user: user) { try await MeetingService.find(rawID, on: req.db) }
        let id = try m.requireID()
        do {
            try await req.auditingFailures(action: "meeting.update", user: user) {
                try await MeetingService.invite(form["username"], to: m, by: user, req: req)
            }
        } catch {
            let refusal = try FormRefusal.from(error)
            let detail = try await MeetingService.detail(m, on: req.db)
            let page = view(detail, chair: true, form: form, errors: refusal.errors.map { var e = $0; e.path = "username"; return e }, csrf: req.webCSRFToken)
            return WebApp.html(Layout(title: m.title, user: user, csrf: req.webCSRFToken).render(page), status: refusal.status)
        }
        return WebApp.redirect("/meetings/\(id.uuidString)")
    }

    // MARK: - One case at a time

    static func caseView(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        _ = try await req.requireUser(.readPatients, action: "case.read")
        let (m, detail) = try await requireMeeting(req, user: user, auditRead: false)
        guard let n = req.parameters.get("n").flatMap(Int.init), n >= 1, n <= detail.agenda.count else {
            throw Problem.notFound("the agenda has \(detail.agenda.count) case\(detail.agenda.count == 1 ? "" : "s")")
        }
        let entry = detail.agenda[n - 1]
        let access = try await WebCaseAccess.require(req, .readPatients, action: "case.read", rawID: entry.caseId)
        let version = access.head.currentVersion
        let stored = try await CaseQueries.version(version, of: access.caseID, on: req.db)
        let reviews = try await ReviewService.list(caseID: access.caseID, latestOnly: true, on: req.db)
        let decisions = try await DecisionService.list(caseID: access.caseID, on: req.db)
        try await access.audit(req, "case.read", "version \(version) (web tumour board \(detail.id), case \(n))")
        let s = SnapshotReader(stored.assessment)
        let meetingID = detail.id
        let here = "/meetings/\(meetingID)/cases/\(n)"

        let reasons: [Html] = s.urgencyReasons.map { "<li>\($0)</li>" }
        let noms: [Html] = s.noms.map { "<li><span class=\"letter\">\($0.0)</span> <strong>\($0.1)</strong>: \($0.2)</li>" }
        let options: [Html] = s.options.prefix(5).map { o in
            "<li>\(o.title)\(o.regimen.map { Html(raw: " — <span class=\"regimen\">" + Html.escape($0) + "</span>") } ?? .empty)\(o.declined ? Html(raw: " <span class=\"badge declined\">declined by the patient</span>") : .empty)</li>"
        }
        let doNotWait: Html = entry.doNotWait ? #"<div class="alert error do-not-wait" role="alert"><strong>\#(TeamActions.emergencyWarning)</strong></div>"# : .empty
        let reviewCards: [Html] = reviews.map(CaseTeamPanels.reviewCard)
        let decided: [Html] = decisions.filter { $0.meetingId == meetingID }.map { CaseTeamPanels.decisionSummary($0, caseID: access.caseID.uuidString) }
        var decisionForm: Html = .empty
        if user.role.permits(.writeCases) {
            var values = FormData()
            values.set("meetingId", meetingID)
            decisionForm = DecisionPage.form(access: access, output: stored.assessment, version: version, values: values, errors: [], message: nil,
                                             meetings: [], fixedMeeting: meetingID, returnTo: here, csrf: req.webCSRFToken)
        }
        var pager: [Html] = []
        if n > 1 { pager.append(#"<a rel="prev" class="button" href="/meetings/\#(meetingID)/cases/\#(n - 1)">Previous case</a>"#) }
        pager.append(#"<a class="button" href="/meetings/\#(meetingID)">Agenda</a>"#)
        if n < detail.agenda.count { pager.append(#"<a rel="next" class="button primary" href="/meetings/\#(meetingID)/cases/\#(n + 1)">Next case</a>"#) }
        let body: Html = """
        <p class="muted">\(m.title) · \(TeamWords.time(m.startsAt)) · case \(n) of \(detail.agenda.count)</p>
        <div class="page-head"><div><h1>\(access.name)</h1><p class="muted">\(access.patient.recordNumber) · case version \(version) · assessment of \(s.assessedOn) · rules \(s.rulesVersion)</p></div>
        <nav class="actions" aria-label="Agenda">\(pager.joined(" "))</nav></div>
        \(doNotWait)
        <section class="banner \(s.urgency)" aria-labelledby="mu-h"><h2 id="mu-h"><span class="badge \(s.urgency)">\(s.urgency)</span> \(s.safetyNet ?? "")</h2><ul>\(reasons)</ul></section>
        <div class="two-col">
        <section class="card" aria-labelledby="key-h"><h2 id="key-h">Key findings</h2>
        <p><strong>\(s.sins)</strong><br><strong>\(s.escc)</strong></p>
        \(s.prognosis.map { Html(raw: "<p>" + Html.escape($0) + "</p>") } ?? .empty)
        <p><a href="/cases/\(access.caseID.uuidString)">Full assessment</a></p></section>
        <section class="card" aria-labelledby="mnoms-h"><h2 id="mnoms-h">NOMS</h2><ul class="noms-summary">\(noms)</ul>
        <h3>Top options</h3><ol>\(options)</ol></section>
        </div>
        <section class="card" aria-labelledby="mrev-h"><h2 id="mrev-h">Reviews</h2>
        \(reviewCards.isEmpty ? Html(raw: "<p class=\"muted\">No reviews yet.</p>") : Html(raw: "<div class=\"reviews\">\(reviewCards.joined().raw)</div>"))</section>
        \(decided.isEmpty ? Html.empty : Html(raw: "<section class=\"card\" aria-labelledby=\"mdec-h\"><h2 id=\"mdec-h\">Decided at this meeting</h2>\(decided.joined().raw)</section>"))
        \(decisionForm)
        <nav class="pager" aria-label="Agenda, again">\(pager.joined(" "))</nav>
        """
        return WebApp.html(Layout(title: "Tumour board · \(access.name)", user: user, csrf: req.webCSRFToken).render(body))
    }
}
