// Administration: user accounts and roles, and the audit trail for a patient. Admin only; the
// same rules (UserAccounts) and audit events as the API.
import Fluent
import Foundation
import Vapor

enum AdminPages {
    static func users(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        let admin = try await req.requireUser(.manageUsers, action: "user.list")
        let list = try await UserAccounts.list(on: req.db)
        try await req.audit(AuditEvent(action: "user.list", outcome: AuditOutcome.success, detail: "web"), user: admin)
        return usersPage(req, user: user, list: list, form: FormData(), message: nil, status: .ok)
    }

    static func createUser(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        let admin = try await req.requireUser(.manageUsers, action: "user.create")
        let form = try WebForms.form(req)
        do {
            let hash = try await UserAccounts.validatedPasswordHash(form["password"]) { try await req.password.async.hash($0) }
            let event = req.stamped(AuditEvent(action: "user.create", outcome: AuditOutcome.success,
                                               detail: "\(form["username"]) (\(form["role"])) web"), user: admin)
            let now = req.now
            _ = try await UserAccounts.create(username: form["username"], role: form["role"], passwordHash: hash, on: req.db) { db in
                try await AuditChain.append([event], at: now, on: db)
            }
            return WebApp.redirect("/admin/users?created=" + Html.query(form["username"].lowercased()))
        } catch let problem as Problem {
            try await req.audit(AuditEvent(action: "user.create", outcome: AuditOutcome.of(problem.status), detail: "web"), user: admin)
            let list = try await UserAccounts.list(on: req.db)
            var kept = form
            kept.set("password", "")
            return usersPage(req, user: user, list: list, form: kept, message: problem.detail ?? problem.title, status: problem.status)
        }
    }

    static func usersPage(_ req: Request, user: AuthenticatedUser, list: [UserSummary], form: FormData, message: String?,
                          status: HTTPResponseStatus) -> Response {
        let rows: [Html] = list.map { u in
            "<tr><td>\(u.username)</td><td>\(u.role)</td><td>\(u.createdAt.map(ISOTimestamp.iso8601) ?? "—")</td></tr>"
        }
        let roles: [Html] = Role.allCases.map { r in
            "<option value=\"\(r.rawValue)\"\(Html(raw: form["role"] == r.rawValue ? " selected" : ""))>\(r.rawValue)</option>"
        }
        let created: String? = req.query["created"]
        let notice: Html = message.map { "<p class=\"alert error\" role=\"alert\">\($0)</p>" }
            ?? created.map { "<p class=\"alert ok\" role=\"status\">Account \($0) created.</p>" } ?? .empty
        let body: Html = """
        <h1>Users and roles</h1>
        \(notice)
        <div class="table-wrap"><table><thead><tr><th scope="col">Username</th><th scope="col">Role</th><th scope="col">Created</th></tr></thead><tbody>\(rows)</tbody></table></div>
        <form method="post" action="/admin/users" class="card">
        <h2>New account</h2>
        \(WebForms.csrfField(req.webCSRFToken))
        <div class="grid">
        <div class="field"><label for="new-username">Username</label><input id="new-username" name="username" value="\(form["username"])" autocomplete="off" aria-describedby="new-username-hint"><small class="hint" id="new-username-hint">\(UserAccounts.usernamePattern)</small></div>
        <div class="field"><label for="new-role">Role</label><select id="new-role" name="role">\(roles)</select></div>
        <div class="field"><label for="new-password">Password</label><input id="new-password" name="password" type="password" autocomplete="new-password" aria-describedby="new-password-hint"><small class="hint" id="new-password-hint">At least 10 characters, at most 72 bytes.</small></div>
        </div>
        <p><button type="submit" class="primary">Create account</button></p>
        </form>
        """
        return WebApp.html(Layout(title: "Users", user: user, csrf: req.webCSRFToken).render(body), status: status)
    }

    static func audit(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        let admin = try await req.requireUser(.readAudit, action: "audit.read")
        let patient = ((req.query["patient"] as String?) ?? "").trimmingCharacters(in: .whitespaces)
        let page = max(1, Int((req.query["page"] as String?) ?? "") ?? 1)
        let perPage = 100
        var query = AuditEventModel.query(on: req.db)
        if !patient.isEmpty { query = query.filter(\.$patientRecord == patient) }
        let total = try await query.copy().count()
        let events = try await query.sort(\.$seq, .descending).range(((page - 1) * perPage)..<(page * perPage)).all()
        try await req.audit(AuditEvent(action: "audit.read", patientRecord: patient, outcome: AuditOutcome.success, detail: "web"), user: admin)
        let rows: [Html] = events.map { e in
            "<tr class=\"o-\(e.outcome)\"><td class=\"num\">\(Int(e.seq))</td><td class=\"nowrap\">\(e.occurredAt)</td><td>\(e.actorUsername)<br><small class=\"muted\">\(e.actorRole)</small></td><td>\(e.action)</td><td>\(e.patientRecord)</td><td>\(e.outcome)</td><td>\(e.detail)</td></tr>"
        }
        let pages = max(1, (total + perPage - 1) / perPage)
        var pager: [Html] = []
        let base = "/admin/audit?patient=\(Html.query(patient))&page="
        if page > 1 { pager.append("<a rel=\"prev\" href=\"\(base + String(page - 1))\">Newer</a>") }
        if page < pages { pager.append("<a rel=\"next\" href=\"\(base + String(page + 1))\">Older</a>") }
        let body: Html = """
        <h1>Audit trail</h1>
        <form method="get" action="/admin/audit" class="filters" role="search">
        <p><label for="patient">Patient record number</label><input id="patient" name="patient" value="\(patient)"></p>
        <p><button type="submit">Show</button></p></form>
        <p class="muted">\(total) event\(total == 1 ? "" : "s")\(patient.isEmpty ? "" : " for \(patient)"), newest first. Every read and write of patient data, every refusal and every sign-in is recorded in a hash chain (<code>spineboard audit verify</code>).</p>
        <div class="table-wrap"><table class="audit"><thead><tr><th scope="col">#</th><th scope="col">Time (UTC)</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Patient</th><th scope="col">Outcome</th><th scope="col">Detail</th></tr></thead><tbody>\(rows)</tbody></table></div>
        <nav class="pager" aria-label="Pages">\(pager.joined(" "))<span class="muted">page \(page) of \(pages)</span></nav>
        """
        return WebApp.html(Layout(title: "Audit trail", user: user, csrf: req.webCSRFToken).render(body))
    }
}
