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
        let username = credentials.username.trimmingCharacters(in: .whitespaces).lowercased()
        guard !username.isEmpty, username.count <= 64, !credentials.password.isEmpty, credentials.password.utf8.count <= 1024 else {
            throw Self.invalidCredentials
        }
        let config = req.spine.configuration
        let now = req.now
        let attempt = AuditEvent(actorUsername: username, action: "session.create", outcome: AuditOutcome.failure)

        if let wait = try await LoginThrottle.retryAfter(username, limit: config.loginAttemptLimit, window: config.loginWindow,
                                                         now: now, on: req.db) {
            var event = attempt
            event.outcome = AuditOutcome.rateLimited
            try await req.audit(event, user: nil)
            throw Problem(status: .tooManyRequests, type: Problem.kind("too-many-login-attempts"), title: "Too many login attempts",
                          detail: "try again later", retryAfterSeconds: wait)
        }

        let user = try await UserModel.query(on: req.db).filter(\.$username == username).first()
        // Always one bcrypt verification: against the user's hash, or a decoy of the same cost.
        let verified = try await req.password.async.verify(credentials.password, created: user?.passwordHash ?? req.spine.decoyPasswordHash)
        guard let user, verified, let userID = user.id, let role = Role(rawValue: user.role) else {
            try await LoginThrottle.recordFailure(username, window: config.loginWindow, now: now, on: req.db)
            var event = attempt
            if let user, let id = user.id { event.actorID = id.uuidString; event.actorRole = user.role }
            try await req.audit(event, user: nil)
            throw Self.invalidCredentials
        }

        let token = Tokens.generate()
        let expiresAt = now.addingTimeInterval(config.tokenLifetime)
        let signedIn = AuthenticatedUser(id: userID, username: user.username, role: role, tokenHash: Tokens.hash(token))
        let event = req.stamped(AuditEvent(action: "session.create", outcome: AuditOutcome.success), user: signedIn)
        try await req.db.serializedWrite { db in
            try await TokenModel(tokenHash: signedIn.tokenHash, userID: userID, expiresAt: expiresAt).create(on: db)
            try await LoginThrottleModel.query(on: db).filter(\.$id == username).delete()
            // Expired tokens are removed as people sign in, so the table does not grow without bound.
            try await TokenModel.query(on: db).filter(\.$expiresAt < now).delete()
            try await AuditChain.append([event], at: now, on: db)
        }
        return try .json(encoding: SessionToken(token: token, expiresAt: expiresAt,
                                                user: UserSummary(id: userID.uuidString, username: user.username, role: role.rawValue, createdAt: user.createdAt)))
    }

    func current(req: Request) async throws -> Response {
        guard let user = req.authenticatedUser else { throw Problem.unauthenticated }
        return try .json(encoding: UserSummary(id: user.id.uuidString, username: user.username, role: user.role.rawValue, createdAt: nil))
    }

    func logout(req: Request) async throws -> Response {
        guard let user = req.authenticatedUser else { throw Problem.unauthenticated }
        let now = req.now
        let event = req.stamped(AuditEvent(action: "session.delete", outcome: AuditOutcome.success), user: user)
        try await req.db.serializedWrite { db in
            try await TokenModel.query(on: db).filter(\.$tokenHash == user.tokenHash).delete()
            try await AuditChain.append([event], at: now, on: db)
        }
        return Response(status: .noContent)
    }
}

struct UserSummary: Content {
    var id: String
    var username: String
    var role: String
    var createdAt: Date?
}
