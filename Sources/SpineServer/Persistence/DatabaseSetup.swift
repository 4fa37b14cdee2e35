// Opens the configured database (SQLite file or PostgreSQL) and provides the one kind of write
// transaction the server uses: serialised with every other writer, in any process.
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

enum DatabaseSetup {
    /// Registers the database with Fluent. For SQLite the folder is created first.
    static func register(_ database: Configuration.Database, on app: Application) throws {
        switch database {
        case .sqlite(let path):
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // No SQL logging: bound values are patient data.
            app.databases.use(.sqlite(.file(url.path), dataEncoder: .init(), dataDecoder: .init(), sqlLogLevel: nil), as: .sqlite)
        case .postgres(let url, let searchPath):
            var config = try SQLPostgresConfiguration(url: url)
            if let searchPath { config.searchPath = [searchPath] }
            app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: 4,
                                        encodingContext: .default, decodingContext: .default, sqlLogLevel: .trace),
                              as: .psql)
        }
    }

    /// SQLite: write-ahead logging (persisted in the file) for concurrent readers and faster
    /// commits, and per connection a busy timeout (instead of sqlite-nio's spinning busy handler)
    /// and `synchronous=NORMAL`, which with WAL cannot corrupt the file and loses at most the last
    /// commits on power failure. Fluent keeps one SQLite connection per event loop, so each loop's
    /// connection is prepared here once.
    static func prepareSQLite(on app: Application, _ database: Configuration.Database) async throws {
        guard case .sqlite = database else { return }
        let sql = app.db as! any SQLDatabase
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        for loop in app.eventLoopGroup.makeIterator() {
            guard let db = app.databases.database(.sqlite, logger: app.logger, on: loop) else { continue }
            try await db.withConnection { conn in
                let sql = conn as! any SQLDatabase
                try await sql.raw("PRAGMA busy_timeout=5000").run()
                try await sql.raw("PRAGMA synchronous=NORMAL").run()
            }
        }
    }

    /// Answers whether the database is reachable (for /health).
    static func ping(_ db: any Database) async -> Bool {
        do {
            try await (db as! any SQLDatabase).raw("SELECT 1").run()
            return true
        } catch {
            return false
        }
    }
}

extension Database {
    var isPostgres: Bool { (self as? any SQLDatabase)?.dialect.name == "postgresql" }

    /// Runs `body` in a transaction that is serialised with every other such transaction, across
    /// processes: SQLite takes the write lock up front (`BEGIN IMMEDIATE`), PostgreSQL locks the
    /// audit chain's head row. Everything in it commits together or not at all.
    func serializedWrite<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        // SQLite: writers of this process queue here first, so they do not wait inside SQLite's busy
        // handler, whose growing sleeps (up to 100 ms) made the latency tail. Correctness does not
        // depend on it: other processes are still kept out by the database's own lock.
        guard !isPostgres else { return try await transactionLockedInDatabase(body) }
        await SQLiteWriteQueue.shared.lock()
        do {
            let result = try await transactionLockedInDatabase(body)
            await SQLiteWriteQueue.shared.unlock()
            return result
        } catch {
            await SQLiteWriteQueue.shared.unlock()
            throw error
        }
    }

    private func transactionLockedInDatabase<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await withConnection { conn in
            let sql = conn as! any SQLDatabase
            let postgres = conn.isPostgres
            try await sql.raw(postgres ? "BEGIN" : "BEGIN IMMEDIATE").run()
            do {
                if postgres {
                    try await sql.raw("SELECT last_seq FROM \(ident: AuditChain.headTable) WHERE id = 1 FOR UPDATE").run()
                }
                let result = try await body(conn)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}

/// True for a violated unique (or other) constraint, in either database.
func isConstraintViolation(_ error: any Error) -> Bool {
    (error as? any DatabaseError)?.isConstraintFailure ?? false
}

/// A first-come, first-served queue for this process's SQLite write transactions.
actor SQLiteWriteQueue {
    static let shared = SQLiteWriteQueue()
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        if !held {
            held = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func unlock() {
        if waiting.isEmpty { held = false } else { waiting.removeFirst().resume() }
    }
}
