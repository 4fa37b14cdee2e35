// The audit trail: every read and write of patient data and every login leaves an event; the
// events form a hash chain that detects alteration and deletion; GET /audit is for admins.
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import SpineServer

@Suite("Audit")
struct AuditTests {
    @Test func readsWritesAndLoginsAreAuditedWithWhoWhatAndOutcome() async throws {
        try await withSpineApp(users: false) { t, _ in
            // setup
            _ = try await UserAccounts.create(username: "sam", role: "spine-surgeon", passwordHash: try Bcrypt.hash(TestContext.password, cost: 4), on: t.app.db)
            _ = try await t.send(.POST, "/api/v1/session", json: #"{"username":"sam","password":"wrong password"}"#)
            let token = try await t.login("sam")
            let doc = Fixtures.caseJSON(record: "MRN-AUD")
            let created = try await t.send(.POST, "/api/v1/cases", token: token, json: doc, headers: ["X-Request-Id": "req-create-1"])
            let id = try #require(created.json["id"] as? String)
            _ = try await t.send(.GET, "/api/v1/cases/\(id)", token: token)
            _ = try await t.send(.PUT, "/api/v1/cases/\(id)", token: token, json: doc, headers: ["If-Match": "\"v9\""])
            _ = try await t.send(.GET, "/api/v1/patients", token: token)
            // validation
            let events = try await AuditEventModel.query(on: t.app.db).sort(\.$seq).all()
            let summary = events.map { "\($0.action) \($0.outcome)" }
            #expect(summary == ["session.create failure", "session.create success", "case.create success", "case.read success",
                                "case.update precondition-failed", "patients.list success"])
            let create = events[2]
            #expect(create.actorUsername == "sam")
            #expect(create.actorRole == "spine-surgeon")
            #expect(create.patientRecord == "MRN-AUD")
            #expect(create.caseID == id)
            #expect(create.requestID == "req-create-1")
            #expect(create.occurredAt == "2026-11-27T09:00:00.000Z")
            #expect(events[3].patientRecord == "MRN-AUD")
            #expect(events[4].caseID == id)
            #expect(events[0].actorUsername == "sam" && events[0].actorRole == "spine-surgeon")
            #expect(events.map(\.seq) == Array(1...6))
            #expect(try await AuditChain.verify(on: t.app.db).isIntact)
        }
    }

    @Test func concurrentReadsAreEachAuditedThroughTheGroupCommit() async throws {
        try await withSpineApp { t, tokens in
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon],
                                                   json: Fixtures.caseJSON(record: "MRN-GC")).json["id"] as? String)
            // 40 reads at once: every one answered only after its event is committed, and the chain stays whole.
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for i in 0..<40 {
                    group.addTask {
                        try await t.send(.GET, "/api/v1/cases/\(id)", token: tokens[i % 2 == 0 ? .spineSurgeon : .physiatrist],
                                         headers: ["X-Request-Id": "gc-\(i)"]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .ok })
            let reads = try await AuditEventModel.query(on: t.app.db).filter(\.$action == "case.read").all()
            #expect(Set(reads.map(\.requestID)) == Set((0..<40).map { "gc-\($0)" }))
            #expect(reads.allSatisfy { $0.patientRecord == "MRN-GC" && $0.outcome == "success" })
            #expect(try await AuditChain.verify(on: t.app.db).isIntact)
        }
    }

    @Test func refusalsAreAuditedToo() async throws {
        try await withSpineApp { t, tokens in
            _ = try await t.send(.POST, "/api/v1/assess", token: tokens[.admin], json: "{}")
            _ = try await t.send(.GET, "/api/v1/cases/\(UUID())", token: tokens[.physiatrist])
            _ = try await t.send(.POST, "/api/v1/cases", token: tokens[.physiatrist], json: "{}")
            let events = try await AuditEventModel.query(on: t.app.db).filter(\.$action != "session.create").sort(\.$seq).all()
            #expect(events.map { "\($0.action) \($0.actorRole) \($0.outcome)" } ==
                    ["assess admin denied", "case.read physiatrist not-found", "case.create physiatrist invalid"])
        }
    }

    @Test func adminsReadTheAuditOfOnePatient() async throws {
        try await withSpineApp { t, tokens in
            let a = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: Fixtures.caseJSON(record: "MRN-A")).json["id"] as? String)
            _ = try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: Fixtures.caseJSON(record: "MRN-B"))
            _ = try await t.send(.GET, "/api/v1/cases/\(a)", token: tokens[.palliativeCare])
            // MUT
            let res = try await t.send(.GET, "/api/v1/audit?patient=MRN-A", token: tokens[.admin])
            // validation
            #expect(res.status == .ok)
            #expect(res.json["total"] as? Int == 2)
            #expect(res.jsonArray.map { "\($0["action"]!) \($0["actorUsername"]!)" } == ["case.create spine-surgeon", "case.read palliative-care"])
            #expect(res.jsonArray.allSatisfy { ($0["hash"] as? String)?.count == 64 && $0["patient"] as? String == "MRN-A" })
            let all = try await t.send(.GET, "/api/v1/audit?perPage=5&page=2", token: tokens[.admin])
            #expect(all.jsonArray.count == 5)
            #expect(all.jsonArray.first?["seq"] as? Int == 6)
            #expect(try await t.status(.GET, "/api/v1/audit?page=0", token: tokens[.admin]) == .unprocessableEntity)
            #expect(try await t.status(.GET, "/api/v1/audit?perPage=501", token: tokens[.admin]) == .unprocessableEntity)
            for role in Role.allCases where role != .admin {
                #expect(try await t.status(.GET, "/api/v1/audit?patient=MRN-A", token: tokens[role]) == .forbidden, "\(role)")
            }
            #expect(try await t.status(.GET, "/api/v1/audit?patient=MRN-A") == .unauthorized)
        }
    }

    /// A chain of a login, a case and reads, for tampering with.
    static func makeChain(_ t: TestContext, _ tokens: [Role: String]) async throws {
        let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: Fixtures.caseJSON(record: "MRN-T")).json["id"] as? String)
        for _ in 0..<3 { _ = try await t.send(.GET, "/api/v1/cases/\(id)", token: tokens[.nurseNavigator]) }
        let verification = try await AuditChain.verify(on: t.app.db)
        #expect(verification.isIntact, "\(verification.problems)")
        #expect(verification.eventCount == Role.allCases.count + 4)
    }

    @Test func anAlteredEventIsDetected() async throws {
        try await withSpineApp { t, tokens in
            try await Self.makeChain(t, tokens)
            // MUT: someone with database access hides a read
            try await (t.app.db as! any SQLDatabase).raw("UPDATE audit_events SET actor_username = 'someone-else' WHERE seq = 12").run()
            // validation
            let result = try await AuditChain.verify(on: t.app.db)
            #expect(!result.isIntact)
            #expect(result.problems.contains { $0.contains("event 12") && $0.contains("altered") })
        }
    }

    @Test func anAlteredEventWithARecomputedHashIsDetectedByTheNextLink() async throws {
        try await withSpineApp { t, tokens in
            try await Self.makeChain(t, tokens)
            let event = try #require(try await AuditEventModel.query(on: t.app.db).filter(\.$seq == 12).first())
            event.outcome = "denied"
            let fields = AuditEvent(actorID: event.actorID, actorUsername: event.actorUsername, actorRole: event.actorRole, action: event.action,
                                    patientRecord: event.patientRecord, caseID: event.caseID, requestID: event.requestID, outcome: event.outcome, detail: event.detail)
            event.hash = AuditChain.hash(seq: 12, occurredAt: event.occurredAt, event: fields, previousHash: event.previousHash)
            try await event.update(on: t.app.db)
            let result = try await AuditChain.verify(on: t.app.db)
            #expect(result.problems.contains { $0.contains("event 13") && $0.contains("link") })
        }
    }

    @Test func aDeletedEventIsDetected() async throws {
        try await withSpineApp { t, tokens in
            try await Self.makeChain(t, tokens)
            try await AuditEventModel.query(on: t.app.db).filter(\.$seq == 11).delete()
            let result = try await AuditChain.verify(on: t.app.db)
            #expect(result.problems.contains { $0.contains("event 11") && $0.contains("missing") })
        }
    }

    @Test func aDeletedLastEventIsDetected() async throws {
        try await withSpineApp { t, tokens in
            try await Self.makeChain(t, tokens)
            let last = try #require(try await AuditEventModel.query(on: t.app.db).sort(\.$seq, .descending).first())
            try await last.delete(on: t.app.db)
            let result = try await AuditChain.verify(on: t.app.db)
            #expect(result.problems.contains { $0.contains("head") })
        }
    }

    @Test func twoServerInstancesOnOneDatabaseWriteOneChain() async throws {
        try await withSpineApp { t, tokens in
            // setup: a second application on the same database (another process, in production)
            let second = try await TestSetup.app(on: t.database, clock: t.clock)
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: Fixtures.caseJSON(record: "MRN-2X")).json["id"] as? String)
            // MUT: both read concurrently, with the same token (tokens live in the database)
            try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for i in 0..<20 {
                    let app = i % 2 == 0 ? t.app : second
                    group.addTask {
                        var headers = HTTPHeaders()
                        headers.bearerAuthorization = BearerAuthorization(token: tokens[.nurseNavigator]!)
                        return try await app.testing().sendRequest(.GET, "/api/v1/cases/\(id)", headers: headers).status
                    }
                }
                for try await status in group { #expect(status == .ok) }
            }
            try await second.asyncShutdown()
            // validation
            let result = try await AuditChain.verify(on: t.app.db)
            #expect(result.isIntact, "\(result.problems)")
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "case.read").count() == 20)
        }
    }

    @Test func appendsOfTwoProcessesFormOneChain() async throws {
        try await withSpineApp { t, _ in
            // setup: two applications on one database, each appending events written on their own
            // through its own writer (SQLite: its audit writer; PostgreSQL: its group commit), as
            // two server processes would
            let second = try await TestSetup.app(on: t.database, clock: t.clock)
            // MUT
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (w, app) in [t.app, second].enumerated() {
                    for i in 0..<15 {
                        group.addTask {
                            let e = AuditEvent(action: "race.test", outcome: AuditOutcome.success, detail: "writer \(w) event \(i)")
                            try await app.appendAudit(i % 5 == 0 ? [e, e] : [e], at: Date())
                        }
                    }
                }
                try await group.waitForAll()
            }
            try await second.asyncShutdown()
            // validation: every event once, one unbroken chain, the head at its end
            let result = try await AuditChain.verify(on: t.app.db)
            #expect(result.isIntact, "\(result.problems)")
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "race.test").count() == 36)
        }
    }
}
