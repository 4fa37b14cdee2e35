// SQLiteAuditWriter: events appended on their own thread form the chain, a failed batch writes
// nothing and is reported to its requests, and the write-ahead log is checkpointed.
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import SpineServer

@Suite("SQLite audit writer", .disabled(if: TestDatabase.isPostgres, "SQLite only: PostgreSQL uses the group commit"))
struct SQLiteAuditWriterTests {
    @Test func concurrentRequestsAreBatchedIntoOneChainInArrivalOrderPerRequest() async throws {
        try await withSpineApp(users: false) { t, _ in
            // MUT: 300 requests at once, some with several events (more than one batch of 256)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<300 {
                    group.addTask {
                        let events = (0..<(i % 3 + 1)).map {
                            AuditEvent(actorUsername: "u\(i)", action: "writer.test", requestID: "r\(i)", outcome: AuditOutcome.success, detail: "\($0)")
                        }
                        try await t.app.appendAudit(events, at: Date())
                    }
                }
                try await group.waitForAll()
            }
            // validation: all 600 events, one chain; a request's events are consecutive and in order
            let result = try await AuditChain.verify(on: t.app.db)
            #expect(result.isIntact, "\(result.problems)")
            let rows = try await AuditEventModel.query(on: t.app.db).filter(\.$action == "writer.test").sort(\.$seq).all()
            #expect(rows.count == 600)
            var position: [String: (seq: Int64, detail: String)] = [:]
            for row in rows {
                if let last = position[row.requestID] {
                    #expect(row.seq == last.seq + 1)
                    #expect(Int(row.detail) == Int(last.detail)! + 1)
                } else {
                    #expect(row.detail == "0")
                }
                position[row.requestID] = (row.seq, row.detail)
            }
        }
    }

    @Test func aFailedBatchWritesNothingReportsTheErrorAndTheNextBatchSucceeds() async throws {
        try await withSpineApp(users: false) { t, _ in
            let sql = t.app.db as! any SQLDatabase
            try await t.app.appendAudit([AuditEvent(action: "before", outcome: AuditOutcome.success)], at: Date())
            let before = try await AuditEventModel.query(on: t.app.db).count()
            // setup: a chain without its head cannot be appended to
            let head = try #require(try await sql.raw("SELECT last_seq, last_hash FROM audit_head WHERE id = 1").first())
            try await sql.raw("DELETE FROM audit_head").run()
            // MUT
            await #expect(throws: SQLiteAuditWriterError.self) {
                try await t.app.appendAudit([AuditEvent(action: "lost", outcome: AuditOutcome.success)], at: Date())
            }
            // validation: nothing written; once the head is back, appends go on and the chain holds
            #expect(try await AuditEventModel.query(on: t.app.db).count() == before)
            try await sql.raw("""
                INSERT INTO audit_head (id, last_seq, last_hash)
                VALUES (1, \(bind: try head.decode(column: "last_seq", as: Int64.self)), \(bind: try head.decode(column: "last_hash", as: String.self)))
                """).run()
            try await t.app.appendAudit([AuditEvent(action: "after", outcome: AuditOutcome.success)], at: Date())
            #expect(try await AuditEventModel.query(on: t.app.db).count() == before + 1)
            #expect(try await AuditChain.verify(on: t.app.db).isIntact)
        }
    }

    @Test func aReadWhoseEventCannotBeCommittedIsRefusedWith503() async throws {
        try await withSpineApp { t, tokens in
            let created = try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: Fixtures.caseJSON(record: "MRN-1"))
            let id = try #require(created.json["id"] as? String)
            try await (t.app.db as! any SQLDatabase).raw("DELETE FROM audit_head").run()
            // MUT
            let res = try await t.send(.GET, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon])
            // validation: no unaudited answer; a problem, not the case
            #expect(res.status == .serviceUnavailable)
            #expect(res.isProblem)
            #expect(res.json["case"] == nil)
        }
    }

    @Test func theWriteAheadLogIsCheckpointedAndReused() async throws {
        try await withSpineApp(users: false) { t, _ in
            guard case .sqlite(let path) = t.database.setting else { return }
            // MUT: one commit per event, enough to fill the log ten times over without checkpoints
            let e = AuditEvent(action: "wal.test", patientRecord: String(repeating: "p", count: 200), outcome: AuditOutcome.success)
            for _ in 0..<3_000 { try await t.app.appendAudit([e], at: Date()) }
            // validation: the log is restarted after each checkpoint instead of growing (1,000
            // pages of 4 KiB before a checkpoint, against about 40 MB of pages written). The
            // checkpointer is another thread: under the whole suite's load on two cores it lags,
            // and the log once reached 13.8 MB; 20 MB is still half of a log never reused.
            let wal = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0
            #expect(wal < 20 * 1024 * 1024, "write-ahead log of \(wal) bytes")
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "wal.test").count() == 3_000)
        }
    }
}

@Suite("Time-ordered ids")
struct TimeOrderedUUIDTests {
    @Test func versionSevenIdsSortByTimeAsTextAndAsBytes() {
        let start = Date(timeIntervalSince1970: 1_795_770_000)
        let ids = (0..<200).map { UUID.timeOrdered(start.addingTimeInterval(Double($0) * 0.0025)) }  // distinct milliseconds
        for id in ids {
            #expect(id.uuid.6 >> 4 == 7)
            #expect(id.uuid.8 >> 6 == 0b10)
        }
        // Stored as upper-case text (SQLite) or as a uuid (PostgreSQL): both orders follow time.
        let texts = ids.map(\.uuidString)
        #expect(texts == texts.sorted(), "not in time order")
        // The first 48 bits are the milliseconds since 1970 (1,795,770,000,000 = 0x01A21C3BA280).
        #expect(ids[0].uuidString.hasPrefix("01A21C3B-A280-7"))
    }
}
