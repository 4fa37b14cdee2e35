// Signing in, shared by `POST /api/v1/session` and the web sign-in form: the same throttle, the
// same decoy bcrypt work for unknown users, the same token and the same audit events.
import Fluent
import Foundation
import Vapor

enum SignIn {
    enum Outcome {
        /// Wrong username or password (or a malformed attempt): one uniform answer.
        case invalid
        /// Too many recent failures for this username; retry after this many seconds.
        case rateLimited(retryAfter: Int)
        case signedIn(token: String, expiresAt: Date, user: UserModel, role: Role, userID: UUID)
    }

    /// Checks the credentials, records the attempt (audit, throttle) and on success stores a new
    /// token. `detail` marks the channel in the audit trail ("" for the API, "web" for pages).
    static func attempt(username rawUsername: String, password: String, detail: String, req: Request) async throws -> Outcome {
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        guard !username.isEmpty, username.count <= 64, !password.isEmpty, password.utf8.count <= 1024 else {
            return .invalid
        }
        let config = req.spine.configuration
        let now = req.now
        let attempt = AuditEvent(actorUsername: username, action: "session.create", outcome: AuditOutcome.failure, detail: detail)

        if let wait = try await LoginThrottle.retryAfter(username, limit: config.loginAttemptLimit, window: config.loginWindow,
                                                         now: now, on: req.db) {
            var event = attempt
            event.outcome = AuditOutcome.rateLimited
            try await req.audit(event, user: nil)
            return .rateLimited(retryAfter: wait)
        }

        let user = try await UserModel.query(on: req.db).filter(\.$username == username).first()
        // Always one bcrypt verification: against the user's hash, or a decoy of the same cost.
        let verified = try await req.password.async.verify(password, created: user?.passwordHash ?? req.spine.decoyPasswordHash)
        // bcrypt reads up to the first NUL and at most 72 bytes, so "<password>\0anything" or a
        // longer text starting with a 72-byte password would verify: never a password here. (The
        // other rules for new passwords are not applied: an older account may hold, say, a tab.)
        let possible = !password.utf8.contains(0) && password.utf8.count <= 72
        guard let user, verified, possible, let userID = user.id, let role = Role(rawValue: user.role) else {
            try await LoginThrottle.recordFailure(username, window: config.loginWindow, now: now, on: req.db)
            var event = attempt
            if let user, let id = user.id { event.actorID = id.uuidString; event.actorRole = user.role }
            try await req.audit(event, user: nil)
            return .invalid
        }

        let token = Tokens.generate()
        let expiresAt = now.addingTimeInterval(config.tokenLifetime)
        let signedIn = AuthenticatedUser(id: userID, username: user.username, role: role, tokenHash: Tokens.hash(token))
        let event = req.stamped(AuditEvent(action: "session.create", outcome: AuditOutcome.success, detail: detail), user: signedIn)
        try await req.db.serializedWrite { db in
            try await TokenModel(tokenHash: signedIn.tokenHash, userID: userID, expiresAt: expiresAt).create(on: db)
            try await LoginThrottleModel.query(on: db).filter(\.$id == username).delete()
            // Expired tokens are removed as people sign in, so the table does not grow without bound.
            try await TokenModel.query(on: db).filter(\.$expiresAt < now).delete()
            try await AuditChain.append([event], at: now, on: db)
        }
        return .signedIn(token: token, expiresAt: expiresAt, user: user, role: role, userID: userID)
    }

    /// Deletes the session's token and records the sign-out.
    static func signOut(_ user: AuthenticatedUser, detail: String, req: Request) async throws {
        let now = req.now
        let event = req.stamped(AuditEvent(action: "session.delete", outcome: AuditOutcome.success, detail: detail), user: user)
        try await req.db.serializedWrite { db in
            try await TokenModel.query(on: db).filter(\.$tokenHash == user.tokenHash).delete()
            try await AuditChain.append([event], at: now, on: db)
        }
    }
}
