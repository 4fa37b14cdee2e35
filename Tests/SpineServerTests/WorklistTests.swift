// GET /patients: newest assessment per patient, emergency → urgent → routine, nearest deadline
// first; urgency and q filters; pagination; bad parameters.
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import SpineServer

@Suite("Worklist")
struct WorklistTests {
    /// Stores the demo patients (4 emergency, 4 urgent, 5 routine).
    static func storeDemoCases(_ t: TestContext, token: String?) async throws {
        for (i, d) in Fixtures.documents.enumerated() {
            let res = try await t.send(.POST, "/api/v1/cases", token: token, json: d.text)
            try #require(res.status == .created, "\(d.name): \(res.body.string)")
            if i % 3 == 0 { t.clock.advance(1) }
        }
    }

    @Test func sortedByUrgencyThenNearestDeadline() async throws {
        try await withSpineApp { t, tokens in
            try await Self.storeDemoCases(t, token: tokens[.nurseNavigator])
            // MUT
            let res = try await t.send(.GET, "/api/v1/patients", token: tokens[.spineSurgeon])
            // validation
            #expect(res.status == .ok)
            #expect(res.json["total"] as? Int == Fixtures.documents.count)
            let items = res.jsonArray
            #expect(items.count == Fixtures.documents.count)
            let rank = ["emergency": 0, "urgent": 1, "routine": 2]
            let keys = items.map { item -> (Int, String, Int) in
                let d = item["nextDeadline"] as? [String: Any]
                return (rank[item["urgency"] as! String]!, d?["dueBy"] as? String ?? "9999-12-31", d?["withinHours"] as? Int ?? Int(Int32.max))
            }
            #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 })
            #expect(Set(items.map { $0["urgency"] as! String }) == ["emergency", "urgent", "routine"])
            let first = items[0]
            #expect((first["patient"] as? [String: Any])?["name"] != nil)
            #expect(first["caseId"] is String && first["topOption"] is String && first["version"] as? Int == 1)
        }
    }

    @Test func showsTheNewestAssessment() async throws {
        try await withSpineApp { t, tokens in
            let doc = Fixtures.caseJSON("v01", record: "MRN-W")
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: doc).json["id"] as? String)
            #expect(try await t.send(.GET, "/api/v1/patients", token: tokens[.spineSurgeon]).jsonArray.first?["urgency"] as? String == "routine")
            let worse = Fixtures.edit(doc, #""neuroSymptoms": []"#, #""neuroSymptoms": ["numbness"]"#)
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon], json: worse, headers: ["If-Match": "\"v1\""]) == .ok)
            let items = try await t.send(.GET, "/api/v1/patients", token: tokens[.spineSurgeon]).jsonArray
            #expect(items.count == 1)
            #expect(items.first?["urgency"] as? String == "emergency")
            #expect(items.first?["version"] as? Int == 2)
        }
    }

    @Test func filtersAndPages() async throws {
        try await withSpineApp { t, tokens in
            try await Self.storeDemoCases(t, token: tokens[.nurseNavigator])
            let token = tokens[.nurseNavigator]
            let emergencies = try await t.send(.GET, "/api/v1/patients?urgency=emergency", token: token)
            #expect(emergencies.json["total"] as? Int == 4)
            #expect(emergencies.jsonArray.allSatisfy { $0["urgency"] as? String == "emergency" })
            // q matches a name or a record number, case-insensitively, as a substring.
            let byName = try await t.send(.GET, "/api/v1/patients?q=OKAFOR", token: token).jsonArray
            #expect(byName.map { ($0["patient"] as? [String: Any])?["id"] as? String } == ["SB-10301"])
            let byRecord = try await t.send(.GET, "/api/v1/patients?q=sb-108", token: token).jsonArray
            #expect(byRecord.map { ($0["patient"] as? [String: Any])?["id"] as? String } == ["SB-10803"])
            #expect(try await t.send(.GET, "/api/v1/patients?q=nobody-like-this", token: token).json["total"] as? Int == 0)
            // Pages partition the list in order.
            let all = try await t.send(.GET, "/api/v1/patients", token: token).jsonArray.map { $0["caseId"] as! String }
            var paged: [String] = []
            for page in 1...3 {
                let res = try await t.send(.GET, "/api/v1/patients?perPage=5&page=\(page)", token: token)
                #expect(res.json["page"] as? Int == page)
                #expect(res.json["perPage"] as? Int == 5)
                paged += res.jsonArray.map { $0["caseId"] as! String }
            }
            #expect(paged == all)
            #expect(try await t.send(.GET, "/api/v1/patients?perPage=5&page=9", token: token).jsonArray.isEmpty)
        }
    }

    @Test(arguments: ["urgency=soon", "page=0", "page=x", "perPage=0", "perPage=201", "q=" + String(repeating: "a", count: 201)])
    func badParametersAre422(_ query: String) async throws {
        try await withSpineApp { t, tokens in
            let res = try await t.send(.GET, "/api/v1/patients?\(query)", token: tokens[.spineSurgeon])
            #expect(res.status == .unprocessableEntity)
            #expect(res.isProblem)
            #expect(res.errorPaths.count == 1)
        }
    }

    // MARK: - Remembered pages (WorklistCache): answered again only while nothing they show changed.

    @Test func aRepeatedReadIsRememberedAndIdentical() async throws {
        try await withSpineApp { t, tokens in
            try await Self.storeDemoCases(t, token: tokens[.nurseNavigator])
            let cache = t.app.spine.worklistCache
            let first = try await t.send(.GET, "/api/v1/patients", token: tokens[.nurseNavigator])
            let before = cache.statistics
            let second = try await t.send(.GET, "/api/v1/patients", token: tokens[.nurseNavigator])
            #expect(cache.statistics.hits == before.hits + 1)
            #expect(second.body == first.body)
            // Another person, filter or page is another page.
            _ = try await t.send(.GET, "/api/v1/patients", token: tokens[.spineSurgeon])
            _ = try await t.send(.GET, "/api/v1/patients?urgency=urgent", token: tokens[.nurseNavigator])
            #expect(cache.statistics.misses == before.misses + 2)
            // The remembered read is still audited.
            let audited = try await AuditEventModel.query(on: t.app.db).filter(\.$action == "patients.list").count()
            #expect(audited == 4)
        }
    }

    @Test func aWriteStraightIntoTheDatabaseRetiresThePage() async throws {
        try await withSpineApp { t, tokens in
            try await Self.storeDemoCases(t, token: tokens[.nurseNavigator])
            let token = tokens[.nurseNavigator]
            let record = try #require((try await t.send(.GET, "/api/v1/patients", token: token).jsonArray.first?["patient"] as? [String: Any])?["id"] as? String)
            // No code path of this process knows of this write: the trigger moves the generation.
            try await (t.app.db as! any SQLDatabase).raw("UPDATE patients SET name = 'Renamed, Patient' WHERE record_number = \(bind: record)").run()
            let after = try await t.send(.GET, "/api/v1/patients", token: token).jsonArray
            #expect((after.first?["patient"] as? [String: Any])?["name"] as? String == "Renamed, Patient")
        }
    }

    @Test func aWriteThroughAnotherProcessRetiresThePage() async throws {
        try await withSpineApp { t, tokens in
            let token = tokens[.nurseNavigator]
            _ = try await t.send(.POST, "/api/v1/cases", token: token, json: Fixtures.caseJSON("v01", record: "MRN-1"))
            #expect(try await t.send(.GET, "/api/v1/patients", token: token).json["total"] as? Int == 1)
            // setup: a second server process on the same database, with the same accounts
            let second = try await TestSetup.app(on: t.database, clock: t.clock)
            var other = TestContext(app: second, clock: t.clock, database: t.database)
            other.wholeTeam = true
            let res = try await other.send(.POST, "/api/v1/cases", token: token, json: Fixtures.caseJSON("v02", record: "MRN-2"))
            try await second.asyncShutdown()
            #expect(res.status == .created)
            // MUT: the first process answers with the second process's case
            let page = try await t.send(.GET, "/api/v1/patients", token: token)
            #expect(page.json["total"] as? Int == 2)
            #expect(Set(page.jsonArray.compactMap { ($0["patient"] as? [String: Any])?["id"] as? String }) == ["MRN-1", "MRN-2"])
        }
    }

    @Test func aTaskFallingDueRetiresThePage() async throws {
        try await withSpineApp { t, tokens in
            let token = tokens[.nurseNavigator]
            try await Self.storeDemoCases(t, token: token)
            let first = try await t.send(.GET, "/api/v1/patients", token: token)
            #expect((first.json["overdue"] as? [Any])?.isEmpty == true)
            #expect(try await t.send(.GET, "/api/v1/patients", token: token).body == first.body)
            // MUT: no write, only time: the emergencies' clock tasks fall due
            t.clock.advance(25 * 3600)
            let later = try await t.send(.GET, "/api/v1/patients", token: try await t.login(Role.nurseNavigator.rawValue))  // sessions expire
            #expect(later.status == .ok)
            #expect(((later.json["overdue"] as? [Any])?.count ?? 0) > 0)
        }
    }

    @Test func withTheCacheOffEveryReadIsComputed() async throws {
        try await withSpineApp { t, tokens in
            try await Self.storeDemoCases(t, token: tokens[.nurseNavigator])
            let off = WorklistCache(capacity: 0)
            var query = WorklistQuery()
            let nurse = try #require(try await UserModel.query(on: t.app.db).filter(\.$username == Role.nurseNavigator.rawValue).first())
            query.viewer = AuthenticatedUser(id: try nurse.requireID(), username: nurse.username, role: .nurseNavigator, tokenHash: "")
            var computed = 0
            for _ in 0..<2 {
                let body = try await off.page(query, now: t.clock.now, on: t.app.db) {
                    computed += 1
                    return try await query.json(on: t.app.db, now: t.clock.now)
                }
                #expect(!body.isEmpty)
            }
            #expect(computed == 2)
            #expect(off.statistics.hits == 0)
        }
    }
}

