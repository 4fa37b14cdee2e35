// Browser sessions: the cookie carries a session token stored (as its SHA-256) in the same tokens
// table as the API's bearer tokens, so expiry, sign-out and multi-instance behaviour are the
// API's. The cookie is HttpOnly, SameSite=Strict, and Secure when the request came over TLS.
// Every form carries a CSRF token derived from the session (or, before sign-in, a cookie).
import Crypto
import Fluent
import Foundation
import Vapor

enum WebCookies {
    static let session = "sb_session"
    static let signInCSRF = "sb_signin"

    static func isTLS(_ req: Request) -> Bool {
        req.application.http.server.configuration.tlsConfiguration != nil
            || req.headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https"
    }

    static func cookie(_ value: String, expires: Date?, req: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, expires: expires, maxAge: nil, domain: nil, path: "/",
                          isSecure: isTLS(req), isHTTPOnly: true, sameSite: .strict)
    }

    static func expired(req: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, domain: nil, path: "/",
                          isSecure: isTLS(req), isHTTPOnly: true, sameSite: .strict)
    }
}

extension Request {
    private struct CSRFKey: StorageKey { typealias Value = String }
    /// The CSRF token of the signed-in session (nil when signed out).
    var webCSRFToken: String? {
        get { storage[CSRFKey.self] }
        set { storage[CSRFKey.self] = newValue }
    }

    /// The signed-in user, or a redirect to the sign-in page that comes back here.
    func requireWebUser() throws -> AuthenticatedUser {
        guard let user = authenticatedUser else {
            let next = url.path + (url.query.map { "?" + $0 } ?? "")
            throw WebRedirect(location: "/signin?next=" + Html.query(next))
        }
        return user
    }
}

/// Finds the session from the cookie (never requires one: pages decide).
struct WebSessionMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let raw = req.cookies[WebCookies.session]?.string, !raw.isEmpty, raw.count <= 128 {
            let tokenHash = Tokens.hash(raw)
            if let token = try await TokenModel.query(on: req.db)
                .join(UserModel.self, on: \TokenModel.$user.$id == \UserModel.$id)
                .filter(\.$tokenHash == tokenHash)
                .filter(\.$expiresAt > req.now)
                .first(),
                let user = try? token.joined(UserModel.self), let userID = user.id, let role = Role(rawValue: user.role) {
                req.authenticatedUser = AuthenticatedUser(id: userID, username: user.username, role: role, tokenHash: tokenHash)
                req.webCSRFToken = WebForms.csrf(forSession: tokenHash)
            }
        }
        return try await next.respond(to: req)
    }
}

/// Reading `application/x-www-form-urlencoded` bodies with repeated names (checkboxes) kept.
struct FormData: Sendable {
    var values: [String: [String]] = [:]

    init(_ values: [String: [String]] = [:]) { self.values = values }

    init(body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    static func decode(_ s: Substring) -> String {
        String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }

    subscript(_ name: String) -> String { values[name]?.first ?? "" }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    mutating func set(_ name: String, _ value: String) { values[name] = [value] }
    mutating func set(_ name: String, all: [String]) { values[name] = all }
}

enum WebForms {
    static func csrf(forSession tokenHash: String) -> String {
        String(SHA256.hash(data: Data("spineboard-csrf:\(tokenHash)".utf8)).hexString.prefix(40))
    }

    static func csrfField(_ token: String?) -> Html {
        guard let token else { return .empty }
        return #"<input type="hidden" name="_csrf" value="\#(token)">"#
    }

    /// The form of a signed-in POST, after checking its CSRF token (403 otherwise).
    static func form(_ req: Request) throws -> FormData {
        let form = try anyForm(req)
        guard let expected = req.webCSRFToken, constantTimeEqual(form["_csrf"], expected) else {
            throw Problem.forbidden("the form has expired or did not come from this site; reload the page and try again")
        }
        return form
    }

    static func anyForm(_ req: Request) throws -> FormData {
        guard let type = req.headers.contentType, type.type == "application", type.subType == "x-www-form-urlencoded" else {
            throw Problem(status: .unsupportedMediaType, type: Problem.kind("unsupported-media-type"),
                          title: "Unsupported media type", detail: "send the form as application/x-www-form-urlencoded")
        }
        guard let buffer = req.body.data else { return FormData() }
        return FormData(body: String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

/// Sign in and sign out. The same throttle, the same decoy bcrypt work, the same audit events as
/// `POST /api/v1/session`: both go through `SignIn`.
enum SignInPage {
    static func show(req: Request) async throws -> Response {
        if req.authenticatedUser != nil { return WebApp.redirect(safeNext(req.query["next"])) }
        return render(req, username: "", next: req.query["next"] ?? "/", message: nil, status: .ok)
    }

    static func render(_ req: Request, username: String, next: String, message: String?, status: HTTPResponseStatus,
                       headers: HTTPHeaders = [:]) -> Response {
        let token = Tokens.generate()
        let error: Html = message.map { #"<p class="alert error" role="alert" id="signin-error">\#($0)</p>"# } ?? .empty
        let page = Layout(title: "Sign in", user: nil, csrf: nil, bodyClass: "narrow").render("""
        <h1>Sign in to SpineBoard</h1>
        <p class="lead">Decision support for the multidisciplinary care of metastatic spinal tumours.</p>
        \(error)
        <form method="post" action="/signin" class="card signin">
        <input type="hidden" name="_csrf" value="\(token)">
        <input type="hidden" name="next" value="\(safeNext(next))">
        <p><label for="username">Username</label>
        <input id="username" name="username" autocomplete="username" required value="\(username)" autofocus></p>
        <p><label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit" class="primary">Sign in</button></p>
        </form>
        <p class="hint">Demo: every role code is a username (for example <code>spine-surgeon</code>, <code>nurse-navigator</code>, <code>admin</code>) with the password <code>spineboard-demo</code> when started with <code>spineboard demo</code>.</p>
        """)
        let response = WebApp.html(page, status: status, headers: headers)
        response.cookies[WebCookies.signInCSRF] = WebCookies.cookie(token, expires: nil, req: req)
        return response
    }

    /// Only local paths: never an open redirect. Browsers drop tabs and line breaks from a URL and
    /// read a backslash as a slash, so "/\t/evil.example" or "/\\evil.example" would leave the site:
    /// a path with a control character, a backslash or a leading "//" goes to the worklist instead.
    static func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\"),
              !raw.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return "/" }
        return raw
    }

    static func submit(req: Request) async throws -> Response {
        let form = try WebForms.anyForm(req)
        guard let cookie = req.cookies[WebCookies.signInCSRF]?.string, WebForms.constantTimeEqual(form["_csrf"], cookie) else {
            return render(req, username: form["username"], next: form["next"],
                          message: "The sign-in form had expired. Please sign in again.", status: .forbidden)
        }
        let username = form["username"].trimmingCharacters(in: .whitespaces).lowercased()
        let next = safeNext(form["next"])
        let token: String, expiresAt: Date, role: Role
        switch try await SignIn.attempt(username: form["username"], password: form["password"], detail: "web", req: req) {
        case .invalid:
            return render(req, username: username, next: next, message: "The username or the password is wrong.", status: .unauthorized)
        case .rateLimited(let wait):
            let minutes = max(1, (wait + 59) / 60)
            return render(req, username: username, next: next,
                          message: "Too many failed sign-ins for this username. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").",
                          status: .tooManyRequests, headers: ["Retry-After": String(wait)])
        case let .signedIn(t, e, _, r, _):
            (token, expiresAt, role) = (t, e, r)
        }
        let destination = role == .admin && next == "/" ? "/admin/users" : next
        let response = WebApp.redirect(destination)
        response.cookies[WebCookies.session] = WebCookies.cookie(token, expires: expiresAt, req: req)
        response.cookies[WebCookies.signInCSRF] = WebCookies.expired(req: req)
        return response
    }

    static func signOut(req: Request) async throws -> Response {
        guard let user = req.authenticatedUser else { return WebApp.redirect("/signin") }
        _ = try WebForms.form(req)
        try await SignIn.signOut(user, detail: "web", req: req)
        let response = WebApp.redirect("/signin")
        response.cookies[WebCookies.session] = WebCookies.expired(req: req)
        return response
    }
}
