// Shared test setup: a fresh application on a fresh, empty database for every test — a SQLite file
// in a scratch folder, or, when DATABASE_URL names PostgreSQL, a new schema on that database —
// with a clock the test controls. Tests therefore never depend on each other or on order.
import Fluent
import Foundation
import SQLKit
import Synchronization
import Testing
import VaporTesting
@testable import SpineServer

/// A clock tests move by hand. Starts on 2026-11-27 09:00 UTC.
final class TestClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_795_770_000)) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var clock: SpineServer.Clock { Clock(now: { [self] in now }) }
}

/// One test's database: where it is, and how to remove it afterwards.
struct TestDatabase: Sendable {
    let setting: SpineServer.Configuration.Database
    let schema: String?
    let folder: URL?

    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], url.hasPrefix("postgres") else { return nil }
        return url
    }
    static var isPostgres: Bool { postgresURL != nil }

    static func fresh() throws -> TestDatabase {
        if let url = postgresURL {
            let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            return TestDatabase(setting: .postgres(url: url, searchPath: schema), schema: schema, folder: nil)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spineboard-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return TestDatabase(setting: .sqlite(path: folder.appendingPathComponent("test.sqlite").path), schema: nil, folder: folder)
    }

    func remove(using app: Application?) async {
        if let schema, let app {
            try? await (app.db as! any SQLDatabase).raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
        }
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }
}

enum TestSetup {
    static func configuration(_ db: TestDatabase) -> SpineServer.Configuration {
        SpineServer.Configuration(database: db.setting, bcryptCost: 4, loginAttemptLimit: 5, loginWindow: 900,
                                  maxBodyBytes: 64 * 1024, logLevel: .warning)
    }

    /// An application on `db` (schema created and migrated), not yet serving.
    static func app(on db: TestDatabase, clock: TestClock) async throws -> Application {
        let app = try await buildApplication(configuration(db), environment: .testing, clock: clock.clock, migrate: false)
        do {
            if let schema = db.schema {
                try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
            }
            try await app.autoMigrate()
            return app
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

/// The per-test context: the app, its clock, and a signed-in token per role.
struct TestContext: Sendable {
    let app: Application
    let clock: TestClock
    let database: TestDatabase
    /// Suites about storage, validation and the pages (not about who may see a case) put every
    /// clinician on the care team of each case they create through `send`; the care-team suites
    /// turn this off and test access as it is.
    var wholeTeam = true

    static let password = "correct horse battery"

    /// Creates one account per role (username = role code) and signs each in.
    func seedUsers() async throws -> [Role: String] {
        for role in Role.allCases {
            _ = try await UserAccounts.create(username: role.rawValue, role: role.rawValue,
                                              passwordHash: try Bcrypt.hash(Self.password, cost: 4), on: app.db)
        }
        var tokens: [Role: String] = [:]
        for role in Role.allCases { tokens[role] = try await login(role.rawValue) }
        return tokens
    }

    func login(_ username: String, _ password: String = TestContext.password) async throws -> String {
        let res = try await send(.POST, "/api/v1/session", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
        try #require(res.status == .ok, "login \(username): \(res.status) \(res.body.string)")
        return try #require(res.json["token"] as? String)
    }

    /// The status alone (keeps `#expect` lines short).
    func status(_ method: HTTPMethod, _ path: String, token: String? = nil, json: String? = nil,
                contentType: String = "application/json", headers: HTTPHeaders = [:]) async throws -> HTTPStatus {
        try await send(method, path, token: token, json: json, contentType: contentType, headers: headers).status
    }

    func send(_ method: HTTPMethod, _ path: String, token: String? = nil, json: String? = nil,
              contentType: String = "application/json", headers extra: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var headers = extra
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        var body: ByteBuffer?
        if let json {
            headers.replaceOrAdd(name: .contentType, value: contentType)
            body = ByteBuffer(string: json)
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        if wholeTeam, method == .POST, path == "/api/v1/cases", response.status == .created,
           let id = (response.json["id"] as? String).flatMap(UUID.init(uuidString:)) {
            try await joinEveryClinician(to: id)
        }
        return response
    }

    /// Puts every clinical user on a case's care team.
    func joinEveryClinician(to caseID: UUID) async throws {
        for user in try await UserModel.query(on: app.db).filter(\.$role != Role.admin.rawValue).all() {
            try await CareTeam.addMember(caseID: caseID, userID: try user.requireID(), username: user.username, role: user.role,
                                         reason: "test setup", addedBy: "test", at: clock.now, on: app.db)
        }
    }
}

/// Runs `test` with a fresh application and database, and removes both afterwards.
func withSpineApp(users: Bool = true, wholeTeam: Bool = true, _ test: (TestContext, [Role: String]) async throws -> Void) async throws {
    let db = try TestDatabase.fresh()
    let clock = TestClock()
    let app: Application
    do {
        app = try await TestSetup.app(on: db, clock: clock)
    } catch {
        await db.remove(using: nil)
        throw error
    }
    var context = TestContext(app: app, clock: clock, database: db)
    context.wholeTeam = wholeTeam
    do {
        let tokens = users ? try await context.seedUsers() : [:]
        try await test(context, tokens)
        await db.remove(using: app)
        try await app.asyncShutdown()
    } catch {
        await db.remove(using: app)
        try? await app.asyncShutdown()
        throw error
    }
}

extension TestingHTTPResponse {
    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }
    var jsonArray: [[String: Any]] { (json["items"] as? [[String: Any]]) ?? [] }
    var contentType: String { headers.first(name: .contentType) ?? "" }
    var isProblem: Bool { contentType == "application/problem+json" }
    var errorPaths: [String] { ((json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String } }
}

/// Case documents for tests: the demo documents (valid by construction, checked in DemoTests),
/// under a chosen record number.
enum Fixtures {
    static let documents: [(name: String, text: String)] = {
        (try! DemoData.caseDocuments()).map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) }
    }()

    /// A demo document with `patient.id` replaced, by its position or its vignette (e.g. "v01").
    static func caseJSON(_ vignette: String = "v01", record: String, name: String? = nil) -> String {
        let text = documents.first { $0.name.contains("-\(vignette)-") }!.text
        var out = text.replacing(#/"id": "SB-\d+"/#, with: #""id": "\#(record)""#)
        if let name { out = out.replacing(#/"name": "[^"]*"/#, with: #""name": "\#(name)""#) }
        return out
    }

    /// The same document with one JSON text replaced (e.g. to change a field), checked to change something.
    static func edit(_ json: String, _ from: String, _ to: String) -> String {
        precondition(json.contains(from), "fixture does not contain \(from)")
        return json.replacingOccurrences(of: from, with: to)
    }
}
