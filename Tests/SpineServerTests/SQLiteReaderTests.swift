// SQLiteReader: reads in place with prepared statements, seeing every commit, refusing writes.
import Fluent
import Foundation
import SQLiteNIO
import SQLKit
import Testing
import VaporTesting
@testable import SpineServer

@Suite("SQLite reader", .disabled(if: TestDatabase.isPostgres, "SQLite only: PostgreSQL reads go through its pool"))
struct SQLiteReaderTests {
    @Test func readsEveryColumnTypeAndSeesEachCommitAtOnce() async throws {
        try await withSpineApp(users: false) { t, _ in
            let reader = try #require(t.app.spine.sqliteReader)
            let sql = t.app.db as! any SQLDatabase
            try await sql.raw("CREATE TABLE reader_probe (i INTEGER, f REAL, s TEXT, b BLOB, n TEXT)").run()
            let select = "SELECT i, f, s, b, n FROM reader_probe WHERE i >= ? ORDER BY i"
            #expect(try reader.rows(select, [.integer(0)]).isEmpty)
            for i in 1...3 {
                try await sql.raw("INSERT INTO reader_probe VALUES (\(bind: i), 2.5, 'Zoë', x'00ff', NULL)").run()
                // The same prepared statement, run again, sees the row committed just now.
                #expect(try reader.rows(select, [.integer(0)]).count == i)
            }
            let row = try #require(try reader.rows(select, [.integer(3)]).first)
            #expect(try row.int("i") == 3)
            #expect(try row.string("s") == "Zoë")
            #expect(try row.data("b") == Data([0x00, 0xFF]))
            #expect(try row.string("n") == nil)
            #expect(throws: PlainRowError.self) { try row.int("missing") }
        }
    }

    @Test func theBusyReadsRunTheirPreparedStatementsWithoutReplanning() async throws {
        try await withSpineApp { t, tokens in
            let reader = try #require(t.app.spine.sqliteReader)
            let created = try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: Fixtures.caseJSON(record: "MRN-1"))
            let id = try #require(created.json["id"] as? String)
            // Token lookup, the case's latest version with its care-team check, the worklist's generation.
            for _ in 0..<3 {
                #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon]) == .ok)
                #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: tokens[.radiationOncologist]) == .ok)
                #expect(try await t.status(.GET, "/api/v1/patients", token: tokens[.nurseNavigator]) == .ok)
            }
            #expect(reader.reprepareCount() == 0)
        }
    }

    @Test func refusesWritesAndReportsBadSQL() async throws {
        try await withSpineApp(users: false) { t, _ in
            let reader = try #require(t.app.spine.sqliteReader)
            #expect(throws: SQLiteReaderError.self) { try reader.rows("DELETE FROM users", []) }
            #expect(throws: SQLiteReaderError.self) { try reader.rows("SELECT nothing FROM nowhere", []) }
            // A failed statement leaves the reader usable.
            #expect(try reader.rows("SELECT ? AS x", [.text("still here")]).first?.string("x") == "still here")
        }
    }
}

