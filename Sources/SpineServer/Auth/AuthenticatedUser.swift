// The signed-in user of a request, found from the bearer token by `TokenAuthMiddleware`.
import Fluent
import SQLKit
import Vapor

struct AuthenticatedUser: Sendable {
    var id: UUID
    var username: String
    var role: Role
    var tokenHash: String
}

extension Request {
    private struct UserKey: StorageKey { typealias Value = AuthenticatedUser }
    var authenticatedUser: AuthenticatedUser? {
        get { storage[UserKey.self] }
        set { storage[UserKey.self] = newValue }
    }

    /// The signed-in user, who must hold `permission` (403 otherwise; the refusal is audited).
    func requireUser(_ permission: Permission, action: String) async throws -> AuthenticatedUser {
        guard let user = authenticatedUser else { throw Problem.unauthenticated }
        guard user.role.permits(permission) else {
            // On a case's route the refusal names the case and its patient, as a care-team refusal
            // does, so the patient's trail shows it (the role is checked before the case is read).
            var event = AuditEvent(action: action, outcome: AuditOutcome.denied)
            if let raw = parameters.get("caseId"), let caseID = UUID(uuidString: raw),
               let head = try await CaseModel.query(on: db).filter(\.$id == caseID).with(\.$patient).first() {
                event.caseID = caseID.uuidString
                event.patientRecord = head.patient.recordNumber
            }
            try await audit(event, user: user)
            throw Problem.forbidden("the \(user.role.rawValue) role may not \(permission.description)")
        }
        return user
    }
}

extension Permission {
    var description: String {
        switch self {
        case .readPatients: "read patient data"
        case .writeCases: "create or change cases"
        case .assess: "run assessments"
        case .manageUsers: "manage user accounts"
        case .readAudit: "read the audit log"
        }
    }
}

/// Requires `Authorization: Bearer <token>` naming an unexpired token (401 otherwise).
struct TokenAuthMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = req.headers.bearerAuthorization, !bearer.token.isEmpty, bearer.token.count <= 128 else {
            throw Problem.unauthenticated
        }
        let tokenHash = Tokens.hash(bearer.token)
        // One indexed query, read as plain values: this runs on every request.
        let sql = req.db as! any SQLDatabase
        guard let row = try await sql.plainRows("""
                SELECT u.id AS id, u.username AS username, u.role AS role
                FROM \(ident: TokenModel.schema) t JOIN \(ident: UserModel.schema) u ON u.id = t.user_id
                WHERE t.token_hash = \(bind: tokenHash) AND t.expires_at > \(bind: req.now)
                """, reader: req.spine.sqliteReader).first,
              let userID = try? row.uuid("id"),
              let username = try? row.requireString("username"),
              let role = (try? row.requireString("role")).flatMap(Role.init(rawValue:))
        else {
            throw Problem.unauthenticated
        }
        req.authenticatedUser = AuthenticatedUser(id: userID, username: username, role: role, tokenHash: tokenHash)
        return try await next.respond(to: req)
    }
}
