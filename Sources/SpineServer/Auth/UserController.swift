// User management (admin only): list accounts and create them. The same rules serve the
// `spineboard user create` command.
import Fluent
import Vapor

struct UserController: RouteCollection {
    let maxBody: ByteCount

    func boot(routes: any RoutesBuilder) throws {
        let users = routes.grouped("users")
        users.get(use: list)
        users.on(.POST, body: .collect(maxSize: maxBody), use: create)
    }

    struct NewUser: Decodable {
        var username: String
        var role: String
        var password: String
    }

    struct UserList: Content { var items: [UserSummary] }

    func list(req: Request) async throws -> Response {
        let admin = try await req.requireUser(.manageUsers, action: "user.list")
        let users = try await UserAccounts.list(on: req.db)
        try await req.audit(AuditEvent(action: "user.list", outcome: AuditOutcome.success), user: admin)
        return try .json(encoding: UserList(items: users))
    }

    func create(req: Request) async throws -> Response {
        let admin = try await req.requireUser(.manageUsers, action: "user.create")
        let input = try req.decodeStrict(NewUser.self)
        let hash = try await UserAccounts.validatedPasswordHash(input.password) { try await req.password.async.hash($0) }
        let event = req.stamped(AuditEvent(action: "user.create", outcome: AuditOutcome.success, detail: "\(input.username) (\(input.role))"), user: admin)
        let now = req.now
        let created = try await UserAccounts.create(username: input.username, role: input.role, passwordHash: hash, on: req.db) { db in
            try await AuditChain.append([event], at: now, on: db)
        }
        return try .json(encoding: created, status: .created, headers: ["Location": "/api/v1/users/\(created.id)"])
    }
}

/// Account rules shared by the API and the command line.
public enum UserAccounts {
    static let usernamePattern = "lower-case letters, digits, '.', '_' or '-', 2 to 64 characters"

    static func normalisedUsername(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard (2...64).contains(name.count), name.allSatisfy(allowed.contains) else {
            throw Problem.invalid("username must be \(usernamePattern)", path: "username")
        }
        return name
    }

    static func validatedPasswordHash(_ password: String, hash: (String) async throws -> String) async throws -> String {
        if let problem = passwordProblem(password) { throw Problem.invalid(problem, path: "password") }
        return try await hash(password)
    }

    /// Why a text cannot be a password (nil when it can). bcrypt reads at most 72 bytes and stops
    /// at a NUL, so a longer password, or one with a NUL, would be checked only in part.
    static func passwordProblem(_ password: String) -> String? {
        if password.count < 10 { return "password must have at least 10 characters" }
        if password.utf8.count > 72 { return "password must be at most 72 bytes" }
        if password.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            return "password must not contain control characters"
        }
        return nil
    }

    /// Creates an account in a serialised transaction that may also append audit events.
    static func create(username raw: String, role rawRole: String, passwordHash: String, on db: any Database,
                       also: @escaping @Sendable (any Database) async throws -> Void = { _ in }) async throws -> UserSummary {
        let username = try normalisedUsername(raw)
        guard let role = Role(rawValue: rawRole) else {
            throw Problem.invalid("role must be one of: \(Role.codes) (got \"\(rawRole)\")", path: "role")
        }
        let user = UserModel(username: username, role: role, passwordHash: passwordHash)
        do {
            try await db.serializedWrite { tx in
                if try await UserModel.query(on: tx).filter(\.$username == username).first() != nil {
                    throw Problem(status: .conflict, type: Problem.kind("username-taken"), title: "Username taken",
                                  detail: "a user named \(username) already exists")
                }
                try await user.create(on: tx)
                try await also(tx)
            }
        } catch where isConstraintViolation(error) {
            throw Problem(status: .conflict, type: Problem.kind("username-taken"), title: "Username taken",
                          detail: "a user named \(username) already exists")
        }
        return UserSummary(id: try user.requireID().uuidString, username: username, role: role.rawValue, createdAt: user.createdAt)
    }

    static func list(on db: any Database) async throws -> [UserSummary] {
        try await UserModel.query(on: db).sort(\.$username).all().map {
            UserSummary(id: try $0.requireID().uuidString, username: $0.username, role: $0.role, createdAt: $0.createdAt)
        }
    }
}

extension UserAccounts {
    /// `spineboard user create`: validates and hashes like the API; the command line is audited as actor "cli".
    public static func createFromCommandLine(username: String, role: String, password: String, on app: Application) async throws -> (id: String, username: String, role: String) {
        do {
            let hash = try await validatedPasswordHash(password) { pw in
                try await app.threadPool.runIfActive { [cost = app.spine.configuration.bcryptCost] in try Bcrypt.hash(pw, cost: cost) }
            }
            let now = app.spine.clock.now()
            let summary = try await create(username: username, role: role, passwordHash: hash, on: app.db) { db in
                try await AuditChain.append([AuditEvent(actorUsername: "cli", action: "user.create", requestID: "cli",
                                                        outcome: AuditOutcome.success, detail: "\(username) (\(role))")], at: now, on: db)
            }
            return (summary.id, summary.username, summary.role)
        } catch let problem as Problem {
            throw CommandLineError(problem.detail ?? problem.title)
        }
    }

    public static func listAll(on app: Application) async throws -> [(id: String, username: String, role: String)] {
        try await list(on: app.db).map { ($0.id, $0.username, $0.role) }
    }
}

public struct CommandLineError: Error, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}
