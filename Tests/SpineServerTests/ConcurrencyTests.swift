// Optimistic concurrency: two clinicians edit the same version; one wins, the other gets 412 and
// nothing of the winner's is lost.
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import SpineServer

@Suite("Optimistic concurrency")
struct ConcurrencyTests {
    @Test func twoWritersOfTheSameVersionOneWinsTheOtherGets412() async throws {
        try await withSpineApp { t, tokens in
            // setup
            let doc = Fixtures.caseJSON("v01", record: "MRN-C")
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.nurseNavigator], json: doc).json["id"] as? String)
            let surgeon = Fixtures.edit(doc, #""newBackPain": false"#, #""newBackPain": true"#)
            let oncologist = Fixtures.edit(doc, #""karnofsky": 90"#, #""karnofsky": 70"#)
            // MUT: both send If-Match "v1" at the same time
            async let a = t.send(.PUT, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon], json: surgeon, headers: ["If-Match": "\"v1\""])
            async let b = t.send(.PUT, "/api/v1/cases/\(id)", token: tokens[.radiationOncologist], json: oncologist, headers: ["If-Match": "\"v1\""])
            let (ra, rb) = try await (a, b)
            // validation
            let statuses = [ra.status, rb.status]
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .preconditionFailed }.count == 1, "\(statuses)")
            let winner = ra.status == .ok ? surgeon : oncologist
            let loser = ra.status == .ok ? rb : ra
            #expect(loser.isProblem)
            #expect(loser.headers.first(name: .eTag) == "\"v2\"")
            let versions = try await CaseVersionModel.query(on: t.app.db).sort(\.$version).all()
            #expect(versions.map(\.version) == [1, 2])
            #expect(versions[1].document == Data(winner.utf8))
            #expect(try await AssessmentSnapshotModel.query(on: t.app.db).count() == 2)
            let head = try #require(try await CaseModel.query(on: t.app.db).first())
            #expect(head.currentVersion == 2)
        }
    }

    @Test func theLoserRetriesOnTheNewVersionAndBothChangesSurvive() async throws {
        try await withSpineApp { t, tokens in
            let doc = Fixtures.caseJSON("v01", record: "MRN-D")
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.nurseNavigator], json: doc).json["id"] as? String)
            let first = Fixtures.edit(doc, #""karnofsky": 90"#, #""karnofsky": 70"#)
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon], json: first, headers: ["If-Match": "\"v1\""]) == .ok)
            // The second writer still holds v1.
            let second = Fixtures.edit(first, #""newBackPain": false"#, #""newBackPain": true"#)
            let stale = try await t.send(.PUT, "/api/v1/cases/\(id)", token: tokens[.physiatrist], json: second, headers: ["If-Match": "\"v1\""])
            #expect(stale.status == .preconditionFailed)
            #expect(try await CaseVersionModel.query(on: t.app.db).count() == 2)
            // MUT: re-read, reapply, retry with the new ETag.
            let current = try await t.send(.GET, "/api/v1/cases/\(id)", token: tokens[.physiatrist])
            let etag = try #require(current.headers.first(name: .eTag))
            let retried = try await t.send(.PUT, "/api/v1/cases/\(id)", token: tokens[.physiatrist], json: second, headers: ["If-Match": etag])
            #expect(retried.status == .ok)
            #expect(retried.json["version"] as? Int == 3)
            let versions = try await CaseVersionModel.query(on: t.app.db).sort(\.$version).all()
            #expect(versions.map { String(decoding: $0.document, as: UTF8.self) } == [doc, first, second])
        }
    }

    @Test func twoCreatesForTheSamePatientMakeOneCase() async throws {
        try await withSpineApp { t, tokens in
            async let a = t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: Fixtures.caseJSON("v01", record: "MRN-E"))
            async let b = t.send(.POST, "/api/v1/cases", token: tokens[.nurseNavigator], json: Fixtures.caseJSON("v02", record: "MRN-E"))
            let (ra, rb) = try await (a, b)
            #expect(Set([ra.status, rb.status]) == [.created, .conflict])
            #expect(try await CaseModel.query(on: t.app.db).count() == 1)
            #expect(try await PatientModel.query(on: t.app.db).count() == 1)
        }
    }
}
