// The web app's pages, rendered in process: sign-in and sessions (cookies, CSRF, throttling),
// worklist, case form (errors, conflicts), assessment, patient summary, history, admin — and the
// escaping of every user-supplied string on every page that shows it.
import Fluent
import Foundation
import SpineCore
import Testing
import VaporTesting
@testable import SpineServer

/// A browser stand-in: keeps cookies and sends forms.
final class WebClient: @unchecked Sendable {
    let t: TestContext
    var cookies: [String: String] = [:]
    init(_ t: TestContext) { self.t = t }

    func request(_ method: HTTPMethod, _ path: String, form: [(String, String)]? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        var body: ByteBuffer?
        if let form {
            headers.add(name: .contentType, value: "application/x-www-form-urlencoded")
            body = ByteBuffer(string: form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&"))
        }
        let res = try await t.app.testing().sendRequest(method, path, headers: headers, body: body)
        for header in res.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { cookies[pair[0]] = pair[1].isEmpty ? nil : pair[1] }
            if header.contains("Max-Age=0") || header.contains("1970") { cookies[pair[0]] = nil }
        }
        return res
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed)!
    }

    func get(_ path: String) async throws -> TestingHTTPResponse { try await request(.GET, path) }
    func post(_ path: String, _ form: [(String, String)]) async throws -> TestingHTTPResponse { try await request(.POST, path, form: form) }

    @discardableResult
    func signIn(_ username: String, password: String = TestContext.password) async throws -> TestingHTTPResponse {
        _ = try await get("/signin")
        return try await post("/signin", [("_csrf", cookies[WebCookies.signInCSRF] ?? ""), ("username", username), ("password", password), ("next", "/")])
    }

    /// The CSRF token in a page's forms.
    static func csrf(_ html: String) -> String {
        guard let m = html.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/) else { return "" }
        return String(m.1)
    }

    /// A case document as the form's fields, with the page's CSRF token.
    static func formFields(_ json: String, csrf: String, version: Int? = nil) -> [(String, String)] {
        let form = CaseFormModel.form(fromDocument: Data(json.utf8))
        var fields: [(String, String)] = [("_csrf", csrf), ("_action", "save")]
        if let version { fields.append(("_version", String(version))) }
        for (k, values) in form.values.sorted(by: { $0.key < $1.key }) {
            if k.hasSuffix(".levels") { fields.append((k, values.joined(separator: ", "))); continue }
            for v in values { fields.append((k, v)) }
        }
        return fields
    }
}

extension TestingHTTPResponse {
    var html: String { body.string }
}

@Suite("Web pages")
struct WebTests {
    @Test func escapingCoversEveryCharacterThatMatters() {
        #expect(Html.escape(#"<a href="x" onclick='y'>&"#) == "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;")
        let name = "<b>&\"'"
        let html: Html = "<p title=\"\(name)\">\(name)</p>"
        #expect(html.raw == "<p title=\"&lt;b&gt;&amp;&quot;&#39;\">&lt;b&gt;&amp;&quot;&#39;</p>")
    }

    @Test func signedOutHomeIsTheSignInPageWithStrictSecurityHeaders() async throws {
        try await withSpineApp(users: false) { t, _ in
            let web = WebClient(t)
            let res = try await web.get("/")
            #expect(res.status == .ok)
            #expect(res.contentType.hasPrefix("text/html"))
            #expect(res.html.contains("<form method=\"post\" action=\"/signin\""))
            #expect(res.html.contains("/openapi.json"))
            let csp = res.headers.first(name: "Content-Security-Policy") ?? ""
            #expect(csp.contains("script-src 'self'") && csp.contains("style-src 'self'") && !csp.contains("unsafe-inline"))
            #expect(!res.html.contains("<script>") && !res.html.contains(" style=") && !res.html.contains(" onclick="))
            #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
            let css = try await web.get("/static/app.css")
            #expect(css.status == .ok && css.contentType.hasPrefix("text/css") && css.html.contains("@media print"))
            let js = try await web.get("/static/app.js")
            #expect(js.status == .ok && js.contentType.hasPrefix("text/javascript"))
            // A page that needs a session sends the browser to sign in and back.
            let protected = try await web.get("/cases/new")
            #expect(protected.status == .seeOther)
            #expect(protected.headers.first(name: .location) == "/signin?next=%2Fcases%2Fnew")
        }
    }

    @Test func signInSetsAStrictHttpOnlySessionCookieAndSignOutRevokesIt() async throws {
        try await withSpineApp { t, _ in
            let web = WebClient(t)
            // MUT
            let res = try await web.signIn("spine-surgeon")
            // validation
            #expect(res.status == .seeOther)
            let cookie = try #require(res.headers[.setCookie].first { $0.hasPrefix("sb_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains("Secure"))
            let home = try await web.get("/")
            #expect(home.status == .ok && home.html.contains("<h1>Worklist</h1>"))
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "session.create").filter(\.$outcome == "success").count() >= 1)
            // Sign-out needs the CSRF token.
            let stale = try await web.post("/signout", [("_csrf", "nope")])
            #expect(stale.status == .forbidden)
            let out = try await web.post("/signout", [("_csrf", WebClient.csrf(home.html))])
            #expect(out.status == .seeOther)
            #expect(web.cookies[WebCookies.session] == nil)
            #expect(try await TokenModel.query(on: t.app.db).count() == Role.allCases.count) // only the API tokens of the seed remain
        }
    }

    @Test func wrongPasswordsAreThrottledLikeTheAPI() async throws {
        try await withSpineApp { t, _ in
            let web = WebClient(t)
            for _ in 0..<5 {
                let res = try await web.signIn("physiatrist", password: "wrong password!")
                #expect(res.status == .unauthorized)
                #expect(res.html.contains("The username or the password is wrong."))
            }
            let limited = try await web.signIn("physiatrist")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers.first(name: .retryAfter) != nil)
            // The API sees the same counter.
            #expect(try await t.status(.POST, "/api/v1/session", json: #"{"username":"physiatrist","password":"\#(TestContext.password)"}"#) == .tooManyRequests)
            // A form without the sign-in cookie's token is refused.
            let forged = try await WebClient(t).post("/signin", [("username", "admin"), ("password", TestContext.password)])
            #expect(forged.status == .forbidden)
        }
    }

    @Test func worklistShowsPatientsMostUrgentFirstWithScoresAndIsAudited() async throws {
        try await withSpineApp { t, tokens in
            for (v, record) in [("v01", "MRN-R"), ("v03", "MRN-E"), ("v04", "MRN-U")] {
                _ = try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: Fixtures.caseJSON(v, record: record, name: "Patient \(record)"))
            }
            let web = WebClient(t)
            try await web.signIn("nurse-navigator")
            // MUT
            let res = try await web.get("/")
            // validation
            let html = res.html
            let e = try #require(html.range(of: "MRN-E")), u = try #require(html.range(of: "MRN-U")), r = try #require(html.range(of: "MRN-R"))
            #expect(e.lowerBound < u.lowerBound && u.lowerBound < r.lowerBound)
            #expect(html.contains("SINS ") && html.contains("ESCC ") && html.contains("badge emergency"))
            let filtered = try await web.get("/?urgency=routine")
            #expect(filtered.html.contains("MRN-R") && !filtered.html.contains("MRN-E"))
            let searched = try await web.get("/?q=mrn-u")
            #expect(searched.html.contains("MRN-U") && !searched.html.contains("MRN-R"))
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "patients.list").filter(\.$actorUsername == "nurse-navigator").count() == 3)
        }
    }

    @Test func aCaseCreatedThroughTheFormIsStoredAssessedAndShown() async throws {
        try await withSpineApp { t, _ in
            let web = WebClient(t)
            try await web.signIn("spine-surgeon")
            let form = try await web.get("/cases/new")
            #expect(form.status == .ok)
            // Every input has a label.
            let ids = form.html.matches(of: /<(?:input|select|textarea)[^>]*\sid="([^"]+)"/).map { String($0.1) }
            #expect(ids.count > 120)
            for id in ids { #expect(form.html.contains("for=\"\(id)\""), "label for \(id)") }
            // MUT
            let doc = Fixtures.caseJSON("v03", record: "MRN-FORM", name: "Form Patient")
            let res = try await web.post("/cases/new", WebClient.formFields(doc, csrf: WebClient.csrf(form.html)))
            // validation
            #expect(res.status == .seeOther, "\(res.html.prefix(2000))")
            let location = try #require(res.headers.first(name: .location))
            let stored = try #require(try await CaseVersionModel.query(on: t.app.db).first())
            // The form rebuilt the same case the document describes.
            let expected = try CaseDocument.decode(Array(doc.utf8), today: t.app.spine.clock.today()).get()
            let actual = try CaseDocument.decode(Array(stored.document), today: t.app.spine.clock.today()).get()
            #expect(actual == expected)
            let page = try await web.get(location)
            #expect(page.status == .ok)
            for text in ["banner emergency", "spine-diagram", "Prognosis side by side", "NOMS", "Options, ranked", "Referrals",
                         "Revised Tokuhashi", Rules.version, Rules.disclaimer, "svg class=\"scale\""] {
                #expect(page.html.contains(text), "assessment page shows \(text)")
            }
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "case.create").filter(\.$outcome == "success").count() == 1)
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "case.read").filter(\.$patientRecord == "MRN-FORM").count() == 1)
        }
    }

    @Test func validationErrorsAppearNextToTheirFieldsAndNothingIsLost() async throws {
        try await withSpineApp { t, _ in
            let web = WebClient(t)
            try await web.signIn("spine-surgeon")
            let form = try await web.get("/cases/new")
            var fields = WebClient.formFields(Fixtures.caseJSON("v01", record: "MRN-BAD", name: "Kept Name"), csrf: WebClient.csrf(form.html))
            fields = fields.map { $0.0 == "performance.karnofsky" ? ($0.0, "85") : $0.0 == "spine.lesions[0].levels" ? ($0.0, "T8, X9") : $0 }
            // MUT
            let res = try await web.post("/cases/new", fields)
            // validation
            #expect(res.status == .unprocessableEntity)
            #expect(res.html.contains("id=\"error-summary\""))
            #expect(res.html.contains(#"id="f-performance-karnofsky" name="performance.karnofsky" type="text" inputmode="decimal" data-step="10" value="85" aria-describedby="f-performance-karnofsky-error" aria-invalid="true""#))
            #expect(res.html.contains("f-spine-lesions-0--levels-error"))
            #expect(res.html.contains("value=\"Kept Name\""))
            #expect(try await CaseVersionModel.query(on: t.app.db).count() == 0)
            // CSRF is required.
            let forged = try await web.post("/cases/new", fields.filter { $0.0 != "_csrf" })
            #expect(forged.status == .forbidden)
        }
    }

    @Test func aConflictingEditShowsWhoChangedWhatAndOverwritesNothing() async throws {
        try await withSpineApp { t, tokens in
            let created = try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: Fixtures.caseJSON("v01", record: "MRN-C", name: "Conflict Case"))
            let id = try #require(created.json["id"] as? String)
            let alice = WebClient(t), bob = WebClient(t)
            try await alice.signIn("radiation-oncologist")
            try await bob.signIn("medical-oncologist")
            let aliceForm = try await alice.get("/cases/\(id)/edit")
            let bobForm = try await bob.get("/cases/\(id)/edit")
            #expect(aliceForm.html.contains("name=\"_version\" value=\"1\""))
            let doc = Fixtures.caseJSON("v01", record: "MRN-C", name: "Conflict Case")
            let aliceSave = try await alice.post("/cases/\(id)/edit",
                                                 WebClient.formFields(Fixtures.edit(doc, #""karnofsky": 90"#, #""karnofsky": 70"#), csrf: WebClient.csrf(aliceForm.html), version: 1))
            #expect(aliceSave.status == .seeOther)
            // MUT
            let bobSave = try await bob.post("/cases/\(id)/edit",
                                             WebClient.formFields(Fixtures.edit(doc, #""clinicianSurvivalEstimateMonths": 12"#, #""clinicianSurvivalEstimateMonths": 4"#),
                                                                  csrf: WebClient.csrf(bobForm.html), version: 1))
            // validation
            #expect(bobSave.status == .conflict)
            let html = bobSave.html
            #expect(html.contains("Someone else changed this case"))
            #expect(html.contains("radiation-oncologist (version 2"))
            #expect(html.contains("Karnofsky (0–100, in tens)</th><td>90</td><td>70</td>"))
            #expect(html.contains("Clinician&#39;s survival estimate (months)</th><td>12</td><td>4</td>"))
            #expect(html.contains("name=\"_version\" value=\"2\""))
            #expect(html.contains("value=\"4\""))
            // Their change to a field Bob did not touch is merged into his form.
            #expect(html.contains(#"name="performance.karnofsky" type="text" inputmode="decimal" data-step="10" value="70""#))
            #expect(try await CaseVersionModel.query(on: t.app.db).count() == 2)
            // Saving again on top of version 2 works, and the history shows both changes.
            let again = try await bob.post("/cases/\(id)/edit",
                                           WebClient.formFields(Fixtures.edit(Fixtures.edit(doc, #""clinicianSurvivalEstimateMonths": 12"#, #""clinicianSurvivalEstimateMonths": 4"#), #""karnofsky": 90"#, #""karnofsky": 70"#),
                                                                csrf: WebClient.csrf(html), version: 2))
            #expect(again.status == .seeOther)
            let history = try await bob.get("/cases/\(id)/history")
            #expect(history.html.contains("Version 3 (current)") && history.html.contains("medical-oncologist"))
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "case.update").filter(\.$outcome == "precondition-failed").count() == 1)
        }
    }

    @Test func everyUserSuppliedStringIsEscapedOnEveryPage() async throws {
        try await withSpineApp { t, tokens in
            let evil = "<script>alert('x')</script>&'"
            let escaped = Html.escape(evil)
            let doc = Fixtures.edit(Fixtures.caseJSON("v01", record: "MRN-<i>", name: evil), #""status": "stable""#,
                                    #""status": "stable", "detail": "\#(evil)""#)
            let created = try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: doc)
            #expect(created.status == .created, "\(created.body.string)")
            let id = try #require(created.json["id"] as? String)
            let web = WebClient(t)
            try await web.signIn("palliative-care")
            for path in ["/", "/?q=%3Cscript%3E", "/cases/\(id)", "/cases/\(id)/edit", "/cases/\(id)/summary", "/cases/\(id)/history"] {
                let res = try await web.get(path)
                #expect(res.status == .ok, "\(path)")
                #expect(!res.html.contains("<script>alert"), "raw script on \(path)")
                #expect(!res.html.contains("<i>"), "raw record number on \(path)")
            }
            #expect(try await web.get("/cases/\(id)").html.contains(escaped))
            #expect(try await web.get("/cases/\(id)/edit").html.contains("value=\"\(escaped)\""))
            let admin = WebClient(t)
            try await admin.signIn("admin")
            let audit = try await admin.get("/admin/audit?patient=MRN-%3Ci%3E")
            #expect(audit.status == .ok && audit.html.contains("MRN-&lt;i&gt;") && !audit.html.contains("<i>"))
            let users = try await admin.get("/admin/users")
            let bad = try await admin.post("/admin/users", [("_csrf", WebClient.csrf(users.html)), ("username", "<b>x"), ("role", "admin"), ("password", "long enough password")])
            #expect(bad.status == .unprocessableEntity && bad.html.contains("value=\"&lt;b&gt;x\"") && !bad.html.contains("<b>x"))
        }
    }

    /// Several lesions, one with an item missing: each lesion is shown with its own items, and the
    /// incomplete one with what it is missing and the points scored so far (a lower bound).
    @Test func theAssessmentPageShowsEveryLesionsSinsItems() async throws {
        try await withSpineApp { t, tokens in
            let doc = #"{"schemaVersion": 1, "patient": {"id": "MRN-LESIONS"}, "primaryTumor": {"histology": "myeloma"}, "spine": {"involvedLevels": ["T5", "L2"], "lesions": [{"levels": ["T5"], "pain": "mechanical", "boneLesion": "lytic", "alignment": "normal", "collapse": "none", "posterolateral": "none", "escc": "2"}, {"levels": ["L2"], "pain": "mechanical", "boneLesion": "lytic", "alignment": "normal", "posterolateral": "unilateral", "escc": "0"}]}}"#
            let created = try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: doc)
            #expect(created.status == .created, "\(created.body.string)")
            let id = try #require(created.json["id"] as? String)
            let web = WebClient(t)
            try await web.signIn("spine-surgeon")
            let html = try await web.get("/cases/\(id)").html
            #expect(html.contains("Each lesion:"))
            // T5: semi-rigid 1 + mechanical 3 + lytic 2 = 6, complete; L2: mobile 2 + 3 + 2 + unilateral 1 = 8 so far.
            #expect(html.contains("<h4>T5: 6 of 0–18 (stable)</h4>"))
            #expect(html.contains("<h4>L2: not computed: missing Lesion 2: vertebral body collapse; the items scored so far give 8</h4>"))
            #expect(html.components(separatedBy: "<table class=\"items\">").count - 1 >= 2, "each lesion has its item table")
            #expect(html.contains("<strong>Caution:</strong>") || !html.contains("class=\"caution\""))
        }
    }

    @Test func patientSummaryIsPlainAndNamesTheRedFlags() async throws {
        try await withSpineApp { t, tokens in
            let created = try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: Fixtures.caseJSON("v03", record: "MRN-S", name: "Sam Plain"))
            let id = try #require(created.json["id"] as? String)
            let web = WebClient(t)
            try await web.signIn("nurse-navigator")
            let res = try await web.get("/cases/\(id)/summary")
            #expect(res.status == .ok)
            for text in ["summary for Sam Plain", "What is happening in your spine", "When to get help straight away", "problems passing urine", "This is urgent."] {
                #expect(res.html.contains(text), "summary shows \(text)")
            }
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "case.read").filter(\.$patientRecord == "MRN-S").count() == 1)
        }
    }

    @Test func rolesDecideWhatEachPageShows() async throws {
        try await withSpineApp { t, tokens in
            let created = try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: Fixtures.caseJSON("v01", record: "MRN-A"))
            let id = try #require(created.json["id"] as? String)
            let admin = WebClient(t)
            let signedIn = try await admin.signIn("admin")
            #expect(signedIn.headers.first(name: .location) == "/admin/users")
            #expect(try await admin.get("/admin/users").html.contains("spine-surgeon"))
            // Administrators may read a case (the care-team rule) but not edit it.
            #expect(try await admin.get("/cases/\(id)").status == .ok)
            #expect(try await admin.get("/cases/\(id)/edit").status == .forbidden)
            #expect(try await admin.get("/admin/audit?patient=MRN-A").html.contains("case.create"))
            let clinician = WebClient(t)
            try await clinician.signIn("physiatrist")
            #expect(try await clinician.get("/admin/users").status == .forbidden)
            #expect(try await clinician.get("/admin/audit").status == .forbidden)
            #expect(try await clinician.get("/cases/not-a-case").status == .notFound)
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "case.read").filter(\.$outcome == "denied").count() == 1)
        }
    }
}
