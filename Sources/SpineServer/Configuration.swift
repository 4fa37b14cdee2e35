// Everything the server reads from the environment, read in exactly one place; a bad value stops
// the start with a list of every problem.
import Foundation
import Logging

public struct Configuration: Sendable, Equatable {
    /// Where the data live.
    public enum Database: Sendable, Equatable {
        /// An embedded SQLite file (WAL journal); its folder is created when missing.
        case sqlite(path: String)
        /// A PostgreSQL server. `searchPath` (a schema) lets tests isolate themselves on one database.
        case postgres(url: String, searchPath: String? = nil)
    }

    public var database: Database
    /// How long a bearer token stays valid after login.
    public var tokenLifetime: TimeInterval
    /// Bcrypt work factor for new password hashes (4…31).
    public var bcryptCost: Int
    /// Failed logins allowed per username within `loginWindow` before further attempts get 429.
    public var loginAttemptLimit: Int
    public var loginWindow: TimeInterval
    /// Largest accepted request body.
    public var maxBodyBytes: Int
    public var logLevel: Logger.Level
    /// Worklist pages remembered per process (0: none); see WorklistCache.
    public var worklistCacheEntries: Int

    public static let defaultSQLitePath = "./data/spineboard.sqlite"

    public init(database: Database = .sqlite(path: Configuration.defaultSQLitePath),
                tokenLifetime: TimeInterval = 12 * 3600, bcryptCost: Int = 12,
                loginAttemptLimit: Int = 5, loginWindow: TimeInterval = 15 * 60,
                maxBodyBytes: Int = 1 << 20, logLevel: Logger.Level = .info, worklistCacheEntries: Int = 512) {
        self.database = database
        self.tokenLifetime = tokenLifetime
        self.bcryptCost = bcryptCost
        self.loginAttemptLimit = loginAttemptLimit
        self.loginWindow = loginWindow
        self.maxBodyBytes = maxBodyBytes
        self.logLevel = logLevel
        self.worklistCacheEntries = worklistCacheEntries
    }

    /// Every problem found in the environment, so an operator fixes them all at once.
    public struct Problems: Error, CustomStringConvertible {
        public var messages: [String]
        public var description: String {
            "invalid configuration:\n" + messages.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    /// The variables this server reads (documented in the README).
    public static let variables: [(name: String, meaning: String)] = [
        ("DATABASE_URL", "unset: SQLite file ./data/spineboard.sqlite; sqlite:///abs/path.sqlite; postgres://user:pass@host:port/db"),
        ("SPINEBOARD_TOKEN_TTL_MINUTES", "bearer token lifetime in minutes (default 720)"),
        ("SPINEBOARD_BCRYPT_COST", "bcrypt cost for new passwords, 4-31 (default 12)"),
        ("SPINEBOARD_LOGIN_ATTEMPTS", "failed logins per username per window before 429 (default 5)"),
        ("SPINEBOARD_LOGIN_WINDOW_MINUTES", "login rate-limit window in minutes (default 15)"),
        ("SPINEBOARD_MAX_BODY_KB", "largest request body in KiB (default 1024)"),
        ("SPINEBOARD_WORKLIST_CACHE_ENTRIES", "worklist pages remembered per process, 0-100000; 0 turns the cache off (default 512)"),
        ("LOG_LEVEL", "trace | debug | info | notice | warning | error | critical (default info)"),
    ]

    /// Reads the process environment (or the dictionary given, for tests).
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> Configuration {
        var config = Configuration()
        var problems: [String] = []

        if let url = env["DATABASE_URL"], !url.isEmpty {
            switch parseDatabaseURL(url) {
            case .success(let db): config.database = db
            case .failure(let message): problems.append("DATABASE_URL: \(message)")
            }
        }

        func integer(_ name: String, _ range: ClosedRange<Int>, apply: (Int) -> Void) {
            guard let text = env[name], !text.isEmpty else { return }
            guard let value = Int(text), range.contains(value) else {
                problems.append("\(name): must be a whole number in \(range.lowerBound)...\(range.upperBound) (got \"\(text)\")")
                return
            }
            apply(value)
        }
        integer("SPINEBOARD_TOKEN_TTL_MINUTES", 1...(60 * 24 * 30)) { config.tokenLifetime = TimeInterval($0 * 60) }
        integer("SPINEBOARD_BCRYPT_COST", 4...31) { config.bcryptCost = $0 }
        integer("SPINEBOARD_LOGIN_ATTEMPTS", 1...1000) { config.loginAttemptLimit = $0 }
        integer("SPINEBOARD_LOGIN_WINDOW_MINUTES", 1...(60 * 24)) { config.loginWindow = TimeInterval($0 * 60) }
        integer("SPINEBOARD_MAX_BODY_KB", 16...(64 * 1024)) { config.maxBodyBytes = $0 * 1024 }
        integer("SPINEBOARD_WORKLIST_CACHE_ENTRIES", 0...100_000) { config.worklistCacheEntries = $0 }

        if let text = env["LOG_LEVEL"], !text.isEmpty {
            if let level = Logger.Level(rawValue: text.lowercased()) { config.logLevel = level }
            else { problems.append("LOG_LEVEL: must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: " | ")) (got \"\(text)\")") }
        }

        if !problems.isEmpty { throw Problems(messages: problems) }
        return config
    }

    /// `sqlite:///absolute/path.sqlite` (or `sqlite://relative/path`), `postgres://…` / `postgresql://…`.
    static func parseDatabaseURL(_ url: String) -> Result<Database, ParseMessage> {
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard !path.isEmpty, path != "/" else { return .failure("a sqlite URL needs a file path, e.g. sqlite:///var/lib/spineboard/db.sqlite") }
            return .success(.sqlite(path: path))
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            guard let parsed = URL(string: url), parsed.host != nil, !parsed.path.isEmpty, parsed.path != "/" else {
                return .failure("expected postgres://user:password@host:port/database")
            }
            return .success(.postgres(url: url))
        }
        return .failure("must start with sqlite:// or postgres:// (the value is not shown: it may hold a password)")
    }

    struct ParseMessage: Error, ExpressibleByStringLiteral, CustomStringConvertible {
        var description: String
        init(stringLiteral value: String) { description = value }
    }
}
