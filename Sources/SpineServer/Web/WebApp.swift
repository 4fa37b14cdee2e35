// The clinicians' web app: registration of its routes and middleware, the page layout, security
// headers (a strict Content-Security-Policy: no inline script or style), and HTML error pages.
import Fluent
import SpineCore
import Vapor

enum WebApp {
    /// Registers every page. `GET /` is the worklist when signed in, else the sign-in page.
    static func register(_ app: Application) throws {
        let before = app.routes.all.count
        defer {
            // Pages are not part of the JSON API (OpenAPI); `GET /` stays documented as the entry point.
            for route in app.routes.all.dropFirst(before) where !(route.method == .GET && route.path.isEmpty) {
                route.userInfo["web"] = true
            }
        }
        app.get("static", "app.css") { _ in StaticAssets.response(StaticAssets.css, type: "text/css; charset=utf-8") }
        app.get("static", "app.js") { _ in StaticAssets.response(StaticAssets.javascript, type: "text/javascript; charset=utf-8") }
        app.get("static", "favicon.svg") { _ in StaticAssets.response(StaticAssets.favicon, type: "image/svg+xml") }

        let web = app.grouped(WebErrorMiddleware(), WebSessionMiddleware())
        let maxBody = ByteCount(value: app.spine.configuration.maxBodyBytes)
        web.get(use: WorklistView.show)
        web.get("signin", use: SignInPage.show)
        web.on(.POST, "signin", body: .collect(maxSize: "16kb"), use: SignInPage.submit)
        web.on(.POST, "signout", body: .collect(maxSize: "16kb"), use: SignInPage.signOut)
        web.get("cases", "new", use: CaseFormPage.new)
        web.on(.POST, "cases", "new", body: .collect(maxSize: maxBody), use: CaseFormPage.create)
        web.get("cases", ":caseId", use: AssessmentPage.show)
        web.get("cases", ":caseId", "edit", use: CaseFormPage.edit)
        web.on(.POST, "cases", ":caseId", "edit", body: .collect(maxSize: maxBody), use: CaseFormPage.update)
        web.get("cases", ":caseId", "history", use: HistoryPage.show)
        web.get("cases", ":caseId", "summary", use: PatientSummaryPage.show)
        // The team's pages (care team, tumour boards, reviews, decisions, tasks, follow-up, spine over time).
        let small: ByteCount = "64kb"
        web.on(.POST, "cases", ":caseId", "team", body: .collect(maxSize: small), use: CaseTeamPanels.addMember)
        web.on(.POST, "cases", ":caseId", "team", "join", body: .collect(maxSize: small), use: CaseTeamPanels.join)
        web.on(.POST, "cases", ":caseId", "team", ":memberId", "remove", body: .collect(maxSize: small), use: CaseTeamPanels.removeMember)
        web.on(.POST, "cases", ":caseId", "schedule", body: .collect(maxSize: small), use: CaseTeamPanels.schedule)
        web.on(.POST, "cases", ":caseId", "reviews", body: .collect(maxSize: maxBody), use: CaseTeamPanels.addReview)
        web.get("cases", ":caseId", "decide", use: DecisionPage.show)
        web.on(.POST, "cases", ":caseId", "decide", body: .collect(maxSize: maxBody), use: DecisionPage.submit)
        web.get("cases", ":caseId", "decisions", ":decisionId", "summary", use: BoardSummaryPage.show)
        web.get("cases", ":caseId", "follow-up", use: FollowUpPage.show)
        web.on(.POST, "cases", ":caseId", "follow-up", body: .collect(maxSize: maxBody), use: FollowUpPage.submit)
        web.get("cases", ":caseId", "spine", use: SpinePage.show)
        web.on(.POST, "cases", ":caseId", "spine", body: .collect(maxSize: small), use: SpinePage.submit)
        web.on(.POST, "tasks", ":taskId", "complete", body: .collect(maxSize: small), use: CaseTeamPanels.completeTask)
        web.on(.POST, "tasks", ":taskId", "update", body: .collect(maxSize: small), use: CaseTeamPanels.updateTask)
        web.get("meetings", use: MeetingPages.list)
        web.get("reports", use: ReportPages.show)
        web.on(.POST, "meetings", body: .collect(maxSize: small), use: MeetingPages.create)
        web.get("meetings", ":meetingId", use: MeetingPages.show)
        web.on(.POST, "meetings", ":meetingId", "attendees", body: .collect(maxSize: small), use: MeetingPages.addAttendee)
        web.get("meetings", ":meetingId", "cases", ":n", use: MeetingPages.caseView)
        web.get("admin", "users", use: AdminPages.users)
        web.on(.POST, "admin", "users", body: .collect(maxSize: "16kb"), use: AdminPages.createUser)
        web.get("admin", "audit", use: AdminPages.audit)
    }

    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        + "base-uri 'none'; frame-ancestors 'none'"

    /// An HTML response with the web app's security headers.
    static func html(_ body: Html, status: HTTPResponseStatus = .ok, headers extra: HTTPHeaders = [:]) -> Response {
        var headers = extra
        headers.replaceOrAdd(name: .contentType, value: "text/html; charset=utf-8")
        headers.replaceOrAdd(name: "Content-Security-Policy", value: contentSecurityPolicy)
        headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(string: body.raw))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: ["Location": location, "Content-Security-Policy": contentSecurityPolicy])
    }
}

/// The page frame: landmarks (header, nav, main, footer), a skip link, the signed-in user and
/// the sign-out form, and the disclaimer on every page.
struct Layout {
    var title: String
    var user: AuthenticatedUser?
    var csrf: String?
    var bodyClass = ""

    func render(_ content: Html) -> Html {
        let nav: Html
        if let user {
            var links: [Html] = []
            if user.role.permits(.readPatients) {
                links.append(#"<a href="/">Worklist</a>"#)
                links.append(#"<a href="/cases/new">New case</a>"#)
                links.append(#"<a href="/meetings">Tumour boards</a>"#)
                links.append(#"<a href="/reports">Reports</a>"#)
            }
            if user.role.permits(.manageUsers) {
                links.append(#"<a href="/admin/users">Users</a>"#)
                links.append(#"<a href="/admin/audit">Audit trail</a>"#)
            }
            nav = """
            <nav aria-label="Main">\(links.joined(" "))</nav>
            <form method="post" action="/signout" class="signout">\(WebForms.csrfField(csrf))
            <span class="who">\(user.username) <small>(\(user.role.rawValue))</small></span>
            <button type="submit" class="link">Sign out</button></form>
            """
        } else {
            nav = .empty
        }
        return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · SpineBoard</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/static/app.css">
        <script src="/static/app.js" defer></script>
        </head><body class="\(bodyClass)">
        <a class="skip" href="#main">Skip to content</a>
        <header class="top"><a class="brand" href="/">SpineBoard</a>\(nav)</header>
        <main id="main" tabindex="-1">
        \(content)
        </main>
        <footer class="foot"><p><strong>\(Rules.disclaimer)</strong></p>
        <p>Rules version \(Rules.version) · <a href="/openapi.json">JSON API (OpenAPI)</a></p></footer>
        </body></html>
        """
    }
}

/// Turns errors on web routes into HTML pages (the API keeps its problem+json).
struct WebErrorMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch let redirect as WebRedirect {
            return WebApp.redirect(redirect.location)
        } catch {
            return Self.page(for: error, req)
        }
    }

    /// A browser asking for a page outside the API (an unknown path, a mistyped link) gets the
    /// error as a page rather than problem+json.
    static func wantsPage(_ req: Request) -> Bool {
        !req.url.path.hasPrefix("/api/") && (req.headers.first(name: .accept)?.contains("text/html") ?? false)
    }

    /// The error as an HTML page with the layout, a message and the way back.
    static func page(for error: any Error, _ req: Request) -> Response {
        let status: HTTPResponseStatus
        let message: String
        switch error {
        case let p as Problem:
            status = p.status
            message = p.detail ?? p.title
        case let a as any AbortError:
            status = a.status
            message = a.status == .notFound ? "There is no page at this address." : a.reason
        default:
            status = .internalServerError
            message = "Something went wrong on the server. Nothing was saved."
            req.logger.error("web page failed", metadata: ["request-id": .string(req.requestID)])
        }
        let title = status == .forbidden ? "Not allowed" : status == .notFound ? "Not found" : "\(status.code) \(status.reasonPhrase)"
        // A stored case the current rules refuse: the way out is its edit form.
        let edit: Html = (error as? Problem).flatMap { p in
            p.type == Problem.kind("stored-case-no-longer-valid") ? p.caseID : nil
        }.map { #"<p><a class="button primary" href="/cases/\#($0)/edit">Edit the case</a></p>"# } ?? .empty
        let page = Layout(title: title, user: req.authenticatedUser, csrf: req.webCSRFToken).render("""
        <h1>\(title)</h1>
        <p class="error-text">\(message)</p>
        \(edit)
        <p><a href="/">Back to the worklist</a></p>
        """)
        return WebApp.html(page, status: status)
    }
}

/// Thrown to send the browser elsewhere (e.g. to sign in).
struct WebRedirect: Error {
    var location: String
}
