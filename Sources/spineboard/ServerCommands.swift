// The server's commands: serve, demo, migrate, user create|list, audit verify. Configuration
// comes from the environment (SpineServer.Configuration); these only add command-line options.
import ArgumentParser
import Foundation
import Logging
import SpineServer
import class Vapor.Application
import struct Vapor.Environment

/// Loads the configuration (listing every problem) and starts structured logging, once.
enum ServerEnvironment {
    static func configuration() throws -> SpineServer.Configuration {
        do {
            return try SpineServer.Configuration.fromEnvironment()
        } catch let problems as SpineServer.Configuration.Problems {
            writeStderr(problems.description)
            throw ExitCode(78) // EX_CONFIG
        }
    }

    static func bootstrapLogging(_ level: Logger.Level) {
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
    }

    /// Vapor must not read our command line: it only serves.
    static let vaporEnvironment = Vapor.Environment(name: "production", arguments: ["spineboard"])

    static func describe(_ db: SpineServer.Configuration.Database) -> String {
        switch db {
        case .sqlite(let path): "SQLite \(path)"
        case .postgres: "PostgreSQL (DATABASE_URL)"
        }
    }

    /// Swift Concurrency runs on the event loops from here on (see `EventLoopExecutor`).
    static func adoptEventLoops(_ logger: Logger) async {
        let installed = await EventLoopExecutor.install()
        logger.notice("concurrency executor", metadata: ["event-loops": .stringConvertible(installed)])
    }

    static func serve(_ app: Application, hostname: String, port: Int) async throws {
        app.http.server.configuration.hostname = hostname
        app.http.server.configuration.port = port
        do {
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the SpineBoard service (database from DATABASE_URL; migrations run first).")

    @Option(name: .long, help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(name: .long, help: "Port to listen on.") var port = 8080

    func run() async throws {
        let config = try ServerEnvironment.configuration()
        ServerEnvironment.bootstrapLogging(config.logLevel)
        await ServerEnvironment.adoptEventLoops(Logger(label: "spineboard"))
        let app = try await buildApplication(config, environment: ServerEnvironment.vaporEnvironment)
        await upgradeRules(app)
        app.logger.notice("starting", metadata: ["database": .string(ServerEnvironment.describe(config.database)),
                                                 "address": .string("http://\(hostname):\(port)")])
        try await ServerEnvironment.serve(app, hostname: hostname, port: port)
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start SpineBoard with a fresh demo database: one login per role and a dozen patients.",
        discussion: "The demo database is recreated at every start. DATABASE_URL is ignored.")

    @Option(name: .long, help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(name: .long, help: "Port to listen on.") var port = 8080
    @Option(name: .long, help: "The demo SQLite file (deleted and recreated).") var database = "./data/demo.sqlite"
    @Option(name: .long, help: "Also store this many synthetic patients (for load tests).") var synthetic = 0

    func run() async throws {
        var config = try ServerEnvironment.configuration()
        config.database = .sqlite(path: database)
        if ProcessInfo.processInfo.environment["LOG_LEVEL"] == nil { config.logLevel = .warning }
        ServerEnvironment.bootstrapLogging(config.logLevel)
        await ServerEnvironment.adoptEventLoops(Logger(label: "spineboard"))
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }

        let app = try await buildApplication(config, environment: ServerEnvironment.vaporEnvironment)
        let stored: Int
        do {
            stored = try await DemoData.seed(app, synthetic: max(0, synthetic))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        let width = DemoData.logins.map(\.username.count).max() ?? 0
        print("""
        SpineBoard demo — decision support only; not for clinical use with this demo data.
        Database: \(database) (recreated, \(stored) cases)

        Demo logins (password for all: \(DemoData.logins[0].password)):
        \(DemoData.logins.map { "  " + $0.username.padding(toLength: width, withPad: " ", startingAt: 0) + "  (\($0.role.rawValue))" }.joined(separator: "\n"))

        Try:
          TOKEN=$(curl -s -X POST http://\(hostname):\(port)/api/v1/session -H 'Content-Type: application/json' \\
                  -d '{"username":"nurse-navigator","password":"\(DemoData.logins[0].password)"}' | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')
          curl -s http://\(hostname):\(port)/api/v1/patients -H "Authorization: Bearer $TOKEN"

        API description: http://\(hostname):\(port)/openapi.json
        Serving at http://\(hostname):\(port)  (Ctrl-C to stop)
        """)
        fflush(nil)
        try await ServerEnvironment.serve(app, hostname: hostname, port: port)
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply the database migrations (DATABASE_URL) and exit.")

    func run() async throws {
        let config = try ServerEnvironment.configuration()
        ServerEnvironment.bootstrapLogging(config.logLevel)
        let app = try await buildApplication(config, environment: ServerEnvironment.vaporEnvironment, migrate: false)
        do {
            try await app.autoMigrate()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        print("migrations applied: \(ServerEnvironment.describe(config.database))")
    }
}

/// Runs `body` with a migrated application that does not serve.
func withServerApplication<T>(_ body: (Application) async throws -> T) async throws -> T {
    var config = try ServerEnvironment.configuration()
    if ProcessInfo.processInfo.environment["LOG_LEVEL"] == nil { config.logLevel = .warning }
    ServerEnvironment.bootstrapLogging(config.logLevel)
    let app = try await buildApplication(config, environment: ServerEnvironment.vaporEnvironment)
    do {
        let result = try await body(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage user accounts.", subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account; the password is read from standard input (one line).")

        @Option(name: .long, help: "Lower-case letters, digits, '.', '_' or '-'.") var username: String
        @Option(name: .long, help: "One of: \(Role.codes).") var role: String

        func run() async throws {
            guard Role(rawValue: role) != nil else { throw ValidationError("--role must be one of: \(Role.codes)") }
            if isatty(0) != 0 { FileHandle.standardError.write(Data("Password (at least 10 characters): ".utf8)) }
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw ValidationError("no password on standard input")
            }
            let summary = try await withServerApplication { app in
                try await UserAccounts.createFromCommandLine(username: username, role: role, password: password, on: app)
            }
            print("created \(summary.username) (\(summary.role)) id \(summary.id)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")

        func run() async throws {
            let users = try await withServerApplication { app in try await UserAccounts.listAll(on: app) }
            for user in users { print("\(user.username)\t\(user.role)\t\(user.id)") }
            if users.isEmpty { print("(no users: create one with `spineboard user create --username NAME --role admin`)") }
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Audit log tools.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit hash chain: exits 1 if any event was altered or deleted.")

        func run() async throws {
            let result = try await withServerApplication { app in try await AuditChain.verify(on: app.db) }
            if result.isIntact {
                print("audit chain intact: \(result.eventCount) events")
            } else {
                print("AUDIT CHAIN BROKEN (\(result.eventCount) events read):")
                for p in result.problems { print("  - \(p)") }
                throw ExitCode(1)
            }
        }
    }
}
