// The demo data: every document is valid, urgencies span emergency/urgent/routine, and the seed
// gives one working login per role.
import Fluent
import Foundation
import SpineCore
import Testing
import VaporTesting
@testable import SpineServer

@Suite("Demo data")
struct DemoTests {
    @Test func demoDocumentsAreValidAndSpanTheUrgencies() throws {
        let today = CalendarDate(year: 2026, month: 11, day: 27)!
        var levels: [String: Int] = [:]
        let documents = try DemoData.caseDocuments()
        #expect((10...16).contains(documents.count))
        var records = Set<String>()
        for d in documents {
            let c = try CaseDocument.decode(d.bytes, today: today).get()
            #expect(c.patient.name != nil && c.patient.birthDate != nil, "\(d.name)")
            records.insert(c.patient.id)
            levels[assess(c, today: today).urgency.level.rawValue, default: 0] += 1
        }
        #expect(records.count == documents.count)
        #expect(levels["emergency", default: 0] >= 3 && levels["urgent", default: 0] >= 3 && levels["routine", default: 0] >= 3, "\(levels)")
    }

    @Test func seedCreatesOneLoginPerRoleAndThePatients() async throws {
        try await withSpineApp(users: false) { t, _ in
            // MUT
            let stored = try await DemoData.seed(t.app, synthetic: 20)
            // validation
            let documents = try DemoData.caseDocuments()
            #expect(stored == documents.count + 20)
            #expect(try await UserModel.query(on: t.app.db).count() == Role.allCases.count)
            let token = try await t.login("nurse-navigator", DemoData.logins[0].password)
            let list = try await t.send(.GET, "/api/v1/patients?perPage=200", token: token)
            #expect(list.json["total"] as? Int == documents.count + 20)
            #expect(list.jsonArray.first?["urgency"] as? String == "emergency")
            // The team at work: a board tomorrow with three cases and two reviews, one decided case with tasks.
            #expect(try await MeetingModel.query(on: t.app.db).count() == 1)
            #expect(try await AgendaItemModel.query(on: t.app.db).count() == 3)
            #expect(try await ReviewModel.query(on: t.app.db).count() == 3)
            #expect(try await DecisionModel.query(on: t.app.db).count() == 1)
            #expect(try await TaskModel.query(on: t.app.db).filter(\.$origin == "decision").count() >= 2)
            let surgeon = try await t.login("spine-surgeon", DemoData.logins[0].password)
            #expect(try await t.send(.GET, "/api/v1/patients?perPage=200", token: surgeon).json["total"] as? Int == documents.count)
            let physiatrist = try await t.login("physiatrist", DemoData.logins[0].password)
            #expect(try await t.send(.GET, "/api/v1/invitations", token: physiatrist).jsonArray.count >= 3)
            _ = try await t.login("admin", DemoData.logins[0].password)
            #expect(try await AuditChain.verify(on: t.app.db).isIntact)
        }
    }
}
