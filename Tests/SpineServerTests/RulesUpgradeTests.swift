// A rules upgrade reaching stored cases: the current version is assessed again under the running
// rules (new snapshot, worklist summary, clock when more urgent, audit), nothing is lost, a second
// run does nothing, and a stored document the new rules refuse is kept, audited and shown with
// what to correct — never a server error.
import Fluent
import Foundation
import SpineCore
import Testing
import VaporTesting
@testable import SpineServer

@Suite("Rules upgrade")
struct RulesUpgradeTests {
    static let oldRules = "2026.11.2"

    /// Creates a case through the API and makes it look assessed under `oldRules` with `urgency`.
    static func caseFromOldRules(_ t: TestContext, token: String, vignette: String, record: String,
                                 urgency: UrgencyLevel) async throws -> UUID {
        let res = try await t.send(.POST, "/api/v1/cases", token: token, json: Fixtures.caseJSON(vignette, record: record))
        try #require(res.status == .created, "\(res.body.string)")
        let id = try #require((res.json["id"] as? String).flatMap(UUID.init(uuidString:)))
        try await CaseModel.query(on: t.app.db).filter(\.$id == id)
            .set(\.$rulesVersion, to: oldRules).set(\.$urgency, to: urgency.rawValue).set(\.$urgencyRank, to: urgency.rank).update()
        try await AssessmentSnapshotModel.query(on: t.app.db).filter(\.$caseHead.$id == id)
            .set(\.$rulesVersion, to: oldRules).set(\.$urgency, to: urgency.rawValue).update()
        return id
    }

    static func head(_ t: TestContext, _ id: UUID) async throws -> CaseModel {
        try #require(try await CaseModel.find(id, on: t.app.db))
    }

    @Test func aCaseTheNewRulesFindMoreUrgentIsReassessedAndStartsItsClock() async throws {
        try await withSpineApp { t, tokens in
            let token = tokens[.nurseNavigator]!
            // v04 is urgent under the running rules; pretend the old rules had it routine.
            let id = try await Self.caseFromOldRules(t, token: token, vignette: "v04", record: "RU-1", urgency: .routine)
            let clockBefore = try await TaskModel.query(on: t.app.db).filter(\.$caseID == id).filter(\.$isClock == true)
                .filter(\.$status == TaskLedger.open).count()
            #expect(clockBefore > 0) // the clock the case started when it was created
            t.clock.advance(3600)

            // MUT
            let summary = try await RulesUpgrade.run(on: t.app.db, at: t.clock.now)

            // validation
            #expect(summary == RulesUpgrade.Summary(reassessed: 1, moreUrgent: 1, lessUrgent: 0, noLongerValid: 0))
            let head = try await Self.head(t, id)
            #expect(head.rulesVersion == Rules.version)
            #expect(head.urgency == "urgent")
            #expect(head.urgencyRank == UrgencyLevel.urgent.rank)
            #expect(head.currentVersion == 1) // no new version: the same document, assessed again
            let snapshots = try await AssessmentSnapshotModel.query(on: t.app.db).filter(\.$caseHead.$id == id).all()
            #expect(Set(snapshots.map(\.rulesVersion)) == [Self.oldRules, Rules.version]) // the old one is kept
            // The API returns the newest snapshot, under the running rules.
            let res = try await t.send(.GET, "/api/v1/cases/\(id)", token: token)
            #expect((res.json["assessment"] as? [String: Any])?["rulesVersion"] as? String == Rules.version)
            // A new clock from now; the earlier clock's open tasks are superseded, naming the rules.
            let tasks = try await TaskModel.query(on: t.app.db).filter(\.$caseID == id).filter(\.$isClock == true).all()
            let superseded = tasks.filter { $0.status == TaskLedger.cancelled }
            #expect(superseded.count == clockBefore)
            #expect(superseded.allSatisfy { $0.completedBy?.contains("under rules \(Rules.version)") == true })
            #expect(tasks.filter { $0.status == TaskLedger.open }.count == clockBefore)
            #expect(try await Self.head(t, id).openTasks == tasks.filter { $0.status == TaskLedger.open }.count
                    + (try await TaskModel.query(on: t.app.db).filter(\.$caseID == id).filter(\.$isClock == false)
                        .filter(\.$status == TaskLedger.open).count()))
            // Audited as the system, with the record number and the change, and the chain holds.
            let events = try await AuditEventModel.query(on: t.app.db).filter(\.$action == "case.reassess").all()
            #expect(events.count == 1)
            #expect(events.first?.actorUsername == "spineboard" && events.first?.actorRole == "system")
            #expect(events.first?.patientRecord == "RU-1" && events.first?.caseID == id.uuidString)
            #expect(events.first?.outcome == AuditOutcome.success)
            #expect(events.first?.detail == "version 1: rules \(Self.oldRules) → \(Rules.version); urgency routine → urgent")
            #expect(try await AuditChain.verify(on: t.app.db).isIntact)
        }
    }

    @Test func aSecondRunAndCurrentCasesAreLeftAlone() async throws {
        try await withSpineApp { t, tokens in
            let token = tokens[.nurseNavigator]!
            _ = try await t.send(.POST, "/api/v1/cases", token: token, json: Fixtures.caseJSON("v01", record: "RU-CURRENT"))
            let id = try await Self.caseFromOldRules(t, token: token, vignette: "v01", record: "RU-2", urgency: .routine)
            let since = try await Self.head(t, id).updatedAt
            t.clock.advance(7200)
            let first = try await RulesUpgrade.run(on: t.app.db, at: t.clock.now)
            // Not more urgent: the worklist keeps counting from when the version was assessed.
            #expect(try await Self.head(t, id).updatedAt == since)
            #expect(first == RulesUpgrade.Summary(reassessed: 1, moreUrgent: 0, lessUrgent: 0, noLongerValid: 0))

            // MUT
            let second = try await RulesUpgrade.run(on: t.app.db, at: t.clock.now)

            // validation
            #expect(second == RulesUpgrade.Summary())
            #expect(try await AssessmentSnapshotModel.query(on: t.app.db).filter(\.$caseHead.$id == id).count() == 2)
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "case.reassess").count() == 1)
            // Same urgency: no clock for a routine case.
            #expect(try await TaskModel.query(on: t.app.db).filter(\.$caseID == id).filter(\.$isClock == true).count() == 0)
        }
    }

    @Test func goingBackToRulesRunBeforeMakesTheirSnapshotCurrentAgain() async throws {
        try await withSpineApp { t, tokens in
            let token = tokens[.nurseNavigator]!
            // Assessed under the running rules, then (say) under newer ones, and the server went back.
            let res = try await t.send(.POST, "/api/v1/cases", token: token, json: Fixtures.caseJSON("v01", record: "RU-5"))
            let id = try #require((res.json["id"] as? String).flatMap(UUID.init(uuidString:)))
            let original = try #require(try await AssessmentSnapshotModel.query(on: t.app.db).filter(\.$caseHead.$id == id).first())
            let newer = AssessmentSnapshotModel()
            newer.$caseHead.id = id
            newer.caseVersion = 1
            newer.rulesVersion = "2099.1.1"
            newer.urgency = "routine"
            newer.output = Data(#"{"rulesVersion":"2099.1.1"}"#.utf8)
            newer.createdAt = t.clock.now.addingTimeInterval(60)
            try await newer.create(on: t.app.db)
            try await CaseModel.query(on: t.app.db).filter(\.$id == id).set(\.$rulesVersion, to: "2099.1.1").update()
            t.clock.advance(3600)

            // MUT
            let summary = try await RulesUpgrade.run(on: t.app.db, at: t.clock.now)

            // validation: no second snapshot under the same rules (the unique key), the earlier one is read again.
            #expect(summary.reassessed == 1)
            let snapshots = try await AssessmentSnapshotModel.query(on: t.app.db).filter(\.$caseHead.$id == id).all()
            #expect(snapshots.count == 2)
            let current = try #require(snapshots.first { $0.rulesVersion == Rules.version })
            #expect(current.id == original.id && current.output == original.output)
            #expect(current.createdAt == t.clock.now)
            let read = try await t.send(.GET, "/api/v1/cases/\(id)", token: token)
            #expect((read.json["assessment"] as? [String: Any])?["rulesVersion"] as? String == Rules.version)
            let event = try #require(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "case.reassess").first())
            #expect(event.detail.hasSuffix("; the snapshot these rules made earlier is current again"))
            #expect(try await Self.head(t, id).rulesVersion == Rules.version)
        }
    }

    @Test func aLowerUrgencyKeepsTheRunningClockAndAFollowUpEscalationStays() async throws {
        try await withSpineApp { t, tokens in
            let token = tokens[.nurseNavigator]!
            // v04 is urgent now; pretend the old rules said emergency, and that follow-up escalated it.
            let id = try await Self.caseFromOldRules(t, token: token, vignette: "v04", record: "RU-3", urgency: .emergency)
            try await CaseModel.query(on: t.app.db).filter(\.$id == id).set(\.$escalation, to: "weaker legs at follow-up").update()
            let openBefore = try await TaskModel.query(on: t.app.db).filter(\.$caseID == id).filter(\.$status == TaskLedger.open).count()

            // MUT
            let summary = try await RulesUpgrade.run(on: t.app.db, at: t.clock.now)

            // validation
            #expect(summary.lessUrgent == 1 && summary.moreUrgent == 0)
            let head = try await Self.head(t, id)
            #expect(head.urgency == "emergency" && head.urgencyRank == 0) // the escalation still rules the worklist
            let snapshot = try await AssessmentSnapshotModel.query(on: t.app.db).filter(\.$caseHead.$id == id)
                .filter(\.$rulesVersion == Rules.version).first()
            #expect(snapshot?.urgency == "urgent") // while the assessment itself reads urgent
            // A re-reading of the same document is not a new neurological assessment.
            #expect(head.escalation == "weaker legs at follow-up")
            #expect(head.effectiveUrgency == .emergency)
            #expect(try await TaskModel.query(on: t.app.db).filter(\.$caseID == id).filter(\.$status == TaskLedger.open).count() == openBefore)
        }
    }

    @Test func aStoredDocumentTheNewRulesRefuseIsKeptAuditedAndShownWithWhatToCorrect() async throws {
        try await withSpineApp { t, tokens in
            let token = tokens[.nurseNavigator]!
            let id = try await Self.caseFromOldRules(t, token: token, vignette: "v01", record: "RU-4", urgency: .routine)
            // Stored before names had to be one line (rules 2026.11.5).
            let refused = Fixtures.caseJSON("v01", record: "RU-4", name: #"Ann\nLee"#)
            try await CaseVersionModel.query(on: t.app.db).filter(\.$caseHead.$id == id)
                .set(\.$document, to: Data(refused.utf8)).update()

            // MUT
            let summary = try await RulesUpgrade.run(on: t.app.db, at: t.clock.now)

            // validation: nothing written but the audit event, which names the field and not its value.
            #expect(summary == RulesUpgrade.Summary(reassessed: 0, moreUrgent: 0, lessUrgent: 0, noLongerValid: 1))
            let head = try await Self.head(t, id)
            #expect(head.rulesVersion == Self.oldRules)
            #expect(try await AssessmentSnapshotModel.query(on: t.app.db).filter(\.$caseHead.$id == id).count() == 1)
            let events = try await AuditEventModel.query(on: t.app.db).filter(\.$action == "case.reassess").all()
            #expect(events.count == 1)
            #expect(events.first?.outcome == AuditOutcome.invalid)
            #expect(events.first?.detail.contains("(patient.name); kept on rules \(Self.oldRules) until it is corrected") == true)
            #expect(events.first?.detail.contains("Ann") == false)
            #expect(try await AuditChain.verify(on: t.app.db).isIntact)

            // The assessment page: 409 with the field and the way out, not a server error.
            let web = WebClient(t)
            try await web.signIn("nurse-navigator")
            let page = try await web.get("/cases/\(id)")
            #expect(page.status == .conflict)
            #expect(page.html.contains("no longer passes validation under rules \(Rules.version) (patient.name)"))
            #expect(page.html.contains("href=\"/cases/\(id)/edit\""))
            // The edit form opens on what to correct.
            let form = try await web.get("/cases/\(id)/edit")
            #expect(form.status == .ok)
            #expect(form.html.contains("no longer passes validation under rules \(Rules.version)"))
            #expect(form.html.contains("href=\"#\(FormRenderer.id(FormRenderer.fieldPath("patient.name")))\""))
        }
    }
}
