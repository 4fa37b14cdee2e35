// The whole application assembled in one readable place: database, migrations, password hashing,
// middleware, and routes.
import Fluent
import SpineCore
import Vapor

/// Builds a ready application: configured, migrated, not yet serving.
public func buildApplication(_ configuration: Configuration, environment: Environment = .production,
                             clock: Clock = .live, migrate: Bool = true) async throws -> Application {
    let app = try await Application.make(environment)
    do {
        try await configure(app, configuration, clock: clock)
        if migrate { try await app.autoMigrate() }
        try await DatabaseSetup.prepareSQLite(on: app, configuration.database)
        return app
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

/// Before serving: cases assessed under other rules are assessed again (`RulesUpgrade`). The log
/// carries counts only. A failure leaves the cases not yet done on their old rules, and the
/// service starts anyway (the next start tries again): stored assessments stay readable.
public func upgradeRules(_ app: Application) async {
    do {
        let s = try await RulesUpgrade.run(on: app.db, at: app.spine.clock.now())
        guard s != RulesUpgrade.Summary() else { return }
        app.logger.notice("""
            rules \(Rules.version): \(s.reassessed) case(s) re-assessed (\(s.moreUrgent) more urgent, \(s.lessUrgent) less urgent); \
            \(s.noLongerValid) no longer valid, kept on their old rules (see the audit trail, action case.reassess)
            """)
    } catch {
        // The error's type only: its text may quote stored values.
        let reason = String(reflecting: type(of: error))
        app.logger.error("""
            rules \(Rules.version): re-assessment of stored cases stopped (\(reason)); \
            the cases not done keep their earlier assessment and are tried again at the next start
            """)
    }
}

public func configure(_ app: Application, _ configuration: Configuration, clock: Clock = .live) async throws {
    app.logger.logLevel = configuration.logLevel
    // SQLite calls and bcrypt block a thread-pool thread; a writer waiting for SQLite's lock must
    // never take the last thread the lock holder needs, so this application gets its own pool with
    // more threads than it has SQLite connections (one per event loop).
    app.threadPool = NIOThreadPool(numberOfThreads: max(8, 4 * System.coreCount))

    // Database
    try DatabaseSetup.register(configuration.database, on: app)
    registerMigrations(app)

    // Passwords: bcrypt, hashed and verified on the thread pool (`req.password.async`).
    app.passwords.use(.bcrypt(cost: configuration.bcryptCost))
    let decoy = try Bcrypt.hash(Tokens.generate(), cost: configuration.bcryptCost)

    var reader: SQLiteReader?
    var auditWriter: SQLiteAuditWriter?
    if case .sqlite(let path) = configuration.database {
        reader = SQLiteReader(path: URL(fileURLWithPath: path).path)
        app.lifecycle.use(SQLiteReader.Closer(reader: reader!))
        auditWriter = SQLiteAuditWriter(path: URL(fileURLWithPath: path).path)
        app.lifecycle.use(SQLiteAuditWriter.Stopper(writer: auditWriter!))
    }
    app.spine = SpineServices(configuration: configuration, clock: clock, decoyPasswordHash: decoy,
                              openAPIDocument: ByteBuffer(bytes: OpenAPIDocument.bytes), sqliteAuditWriter: auditWriter,
                              sqliteReader: reader,
                              worklistCache: WorklistCache(capacity: configuration.worklistCacheEntries, reader: reader))

    // HTTP: no request decompression (clients send plain JSON; the decompressor read every request
    // body, 5 % of the CPU of POST /assess) and no per-request swift-metrics bookkeeping (no
    // metrics backend is installed, so it measured nothing).
    app.http.server.configuration.requestDecompression = .disabled
    app.http.server.configuration.reportMetrics = false

    // Middleware, outermost first: request id + access log + security headers, then problem details.
    app.middleware = Middlewares()
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(ProblemMiddleware())
    app.routes.defaultMaxBodySize = ByteCount(value: configuration.maxBodyBytes)

    try routes(app, maxBody: ByteCount(value: configuration.maxBodyBytes))
}

/// Migrations in the order they were introduced; never edit one that has shipped, add a new one.
func registerMigrations(_ app: Application) {
    // 001: initial schema — accounts, tokens, login throttling, patients, versioned cases,
    // assessment snapshots and the audit hash chain.
    app.migrations.add(CreateUsers())
    app.migrations.add(CreateTokens())
    app.migrations.add(CreateLoginThrottles())
    app.migrations.add(CreatePatients())
    app.migrations.add(CreateCases())
    app.migrations.add(CreateCaseVersions())
    app.migrations.add(CreateAssessments())
    app.migrations.add(CreateAuditEvents())
    // 002: the worklist's sort order as one index.
    app.migrations.add(AddWorklistOrderIndex())
    // 003: the team at work — care teams, meetings, reviews, decisions, tasks, follow-up, treatments.
    app.migrations.add(CreateTeamworkTables())
    // 004: one active membership per person and case (the worklist counts memberships).
    app.migrations.add(AddOneMembershipIndex())
    // 005: the audit chain's head follows each event by a trigger (appends become one statement).
    app.migrations.add(AuditHeadFollowsEvents())
    // 006: a counter that every write to worklist data moves forward (the worklist cache's check).
    app.migrations.add(WorklistGenerationFollowsWrites())
}

func routes(_ app: Application, maxBody: ByteCount) throws {
    // The clinicians' web app (Sources/SpineServer/Web): GET / is its worklist, or sign-in when signed out.
    try WebApp.register(app)
    try app.register(collection: HealthController())
    app.get("openapi.json") { req in
        Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300"],
                 body: .init(buffer: req.spine.openAPIDocument))
    }

    let api = app.grouped("api", "v1")
    let session = SessionController(maxBody: maxBody)
    session.bootPublic(routes: api)

    let protected = api.grouped(TokenAuthMiddleware())
    session.bootProtected(routes: protected)
    try protected.register(collection: WorklistController())
    try protected.register(collection: CaseController(maxBody: maxBody))
    try protected.register(collection: AssessController(maxBody: maxBody))
    try protected.register(collection: UserController(maxBody: maxBody))
    try protected.register(collection: AuditController())
    try protected.register(collection: TeamController())
}
