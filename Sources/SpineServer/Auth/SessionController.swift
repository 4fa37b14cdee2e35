// Sessions: sign in with a username and password for a bearer token; sign out; who am I.
// A wrong username and a wrong password give the same answer after the same bcrypt work, and
// every attempt, failed or not, is audited.
import Fluent
import Vapor

struct SessionController {
    let maxBody: ByteCount

    func bootPublic(routes: any RoutesBuilder) {
        routes.on(.POST, "session", body: .collect(maxSize: maxBody), use: login)
    }

    func bootProtected(routes: any RoutesBuilder) {
        routes.get("session", use: current)
        routes.delete("session", use: logout)
    }

    struct Credentials: Decodable {
        var username: String
        var password: String
    }

    struct SessionToken: Content {
        var token: String
        var expiresAt: Date
        var user: UserSummary
    }

    static let invalidCredentials = Problem(
        status: .unauthorized, type: Problem.kind("invalid-credentials"), title: "Invalid username or password",
        detail: "the username or the password is wrong")

    func login(req: Request) async throws -> Response {
        let credentials = try req.decodeJSON(Credentials.self)
        switch try await SignIn.attempt(username: credentials.username, password: credentials.password, detail: "", req: req) {
        case .invalid:
            throw Self.invalidCredentials
        case .rateLimited(let wait):
            throw Problem(status: .tooManyRequests, type: Problem.kind("too-many-login-attempts"), title: "Too many login attempts",
                          detail: "try again later", retryAfterSeconds: wait)
        case let .signedIn(token, expiresAt, user, role, userID):
            return try .json(encoding: SessionToken(token: token, expiresAt: expiresAt,
                                                    user: UserSummary(id: userID.uuidString, username: user.username, role: role.rawValue, createdAt: user.createdAt)))
        }
    }

    func current(req: Request) async throws -> Response {
        guard let user = req.authenticatedUser else { throw Problem.unauthenticated }
        return try .json(encoding: UserSummary(id: user.id.uuidString, username: user.username, role: user.role.rawValue, createdAt: nil))
    }

    func logout(req: Request) async throws -> Response {
        guard let user = req.authenticatedUser else { throw Problem.unauthenticated }
        try await SignIn.signOut(user, detail: "", req: req)
        return Response(status: .noContent)
    }
}

struct UserSummary: Content {
    var id: String
    var username: String
    var role: String
    var createdAt: Date?
}
