// POST/GET/PUT /cases and the version history: success, every 4xx, unauthenticated, wrong role.
import Fluent
import Foundation
import SpineCore
import Testing
import VaporTesting
@testable import SpineServer

@Suite("Cases")
struct CaseTests {
    @Test func createStoresTheDocumentAndReturnsItsAssessment() async throws {
        try await withSpineApp { t, tokens in
            // setup
            let doc = Fixtures.caseJSON("v03", record: "MRN-1", name: "Jane Roe")
            // MUT
            let res = try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: doc)
            // validation
            #expect(res.status == .created)
            let id = try #require(res.json["id"] as? String)
            #expect(res.headers.first(name: .location) == "/api/v1/cases/\(id)")
            #expect(res.headers.first(name: .eTag) == "\"v1\"")
            #expect(res.json["version"] as? Int == 1)
            let assessment = try #require(res.json["assessment"] as? [String: Any])
            #expect(assessment["rulesVersion"] as? String == Rules.version)
            #expect((assessment["urgency"] as? [String: Any])?["level"] as? String == "emergency")
            // The stored document is byte for byte what was sent, and the snapshot is what the core computes.
            let version = try #require(try await CaseVersionModel.query(on: t.app.db).first())
            #expect(version.document == Data(doc.utf8))
            #expect(version.authorUsername == "spine-surgeon")
            let snapshot = try #require(try await AssessmentSnapshotModel.query(on: t.app.db).first())
            let expected = try CaseDocument.decode(Array(doc.utf8), today: t.app.spine.clock.today()).get()
            #expect(snapshot.output == Data(assess(expected, today: t.app.spine.clock.today()).jsonBytes()))
            #expect(snapshot.caseVersion == 1)
            #expect(snapshot.rulesVersion == Rules.version)
        }
    }

    @Test func aSecondCaseForThePatientIsAConflictNamingTheFirst() async throws {
        try await withSpineApp { t, tokens in
            let first = try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: Fixtures.caseJSON(record: "MRN-1"))
            let id = try #require(first.json["id"] as? String)
            // MUT
            let second = try await t.send(.POST, "/api/v1/cases", token: tokens[.nurseNavigator], json: Fixtures.caseJSON("v05", record: "MRN-1"))
            // validation
            #expect(second.status == .conflict)
            #expect(second.isProblem)
            #expect(second.json["caseId"] as? String == id)
            #expect(second.headers.first(name: .location) == "/api/v1/cases/\(id)")
            #expect(try await CaseVersionModel.query(on: t.app.db).count() == 1)
        }
    }

    @Test func invalidDocumentsAre422WithTheCoresFieldPaths() async throws {
        try await withSpineApp { t, tokens in
            let bad = Fixtures.edit(Fixtures.edit(Fixtures.caseJSON(record: "MRN-1"), #""escc": "0""#, #""escc": "4""#),
                                    #""karnofsky": 90"#, #""karnofsky": 85"#)
            let res = try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: bad)
            #expect(res.status == .unprocessableEntity)
            #expect(res.isProblem)
            #expect(res.errorPaths.contains("spine.lesions[0].escc"))
            #expect(res.errorPaths.contains("performance.karnofsky"))
            #expect(try await PatientModel.query(on: t.app.db).count() == 0)
        }
    }

    @Test func otherBadBodies() async throws {
        try await withSpineApp { t, tokens in
            let token = tokens[.spineSurgeon]
            let notJSON = try await t.send(.POST, "/api/v1/cases", token: token, json: "{\"schemaVersion\": 1,")
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.isProblem)
            #expect(try await t.status(.POST, "/api/v1/cases", token: token, json: Fixtures.caseJSON(record: "MRN-1"), contentType: "text/plain") == .unsupportedMediaType)
            #expect(try await t.status(.POST, "/api/v1/cases", token: token) == .unsupportedMediaType)
            #expect(try await t.status(.POST, "/api/v1/cases", token: token, json: "") == .badRequest)
            let padded = Fixtures.caseJSON(record: "MRN-1") + String(repeating: " ", count: 70_000)
            #expect(try await t.status(.POST, "/api/v1/cases", token: token, json: padded) == .payloadTooLarge)
            let noteTooLong = #"{"schemaVersion": 1, "patient": 7}"#
            #expect(try await t.status(.POST, "/api/v1/cases", token: token, json: noteTooLong) == .unprocessableEntity)
            #expect(try await CaseModel.query(on: t.app.db).count() == 0)
        }
    }

    @Test func readingACaseReturnsTheLatestVersionExactlyAsStored() async throws {
        try await withSpineApp { t, tokens in
            let doc = Fixtures.caseJSON("v04", record: "MRN-7", name: "Ravi Example")
            let created = try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: doc)
            let id = try #require(created.json["id"] as? String)
            // MUT
            let res = try await t.send(.GET, "/api/v1/cases/\(id)", token: tokens[.radiationOncologist])
            // validation
            #expect(res.status == .ok)
            #expect(res.contentType.hasPrefix("application/json"))
            #expect(res.headers.first(name: .eTag) == "\"v1\"")
            #expect(res.json["id"] as? String == id)
            #expect(res.json["version"] as? Int == 1)
            let embedded = try #require(res.json["case"] as? [String: Any])
            let original = try #require(try JSONSerialization.jsonObject(with: Data(doc.utf8)) as? [String: Any])
            #expect(NSDictionary(dictionary: embedded).isEqual(to: original))
            #expect(res.body.string.contains(doc), "the document is embedded byte for byte")
            #expect((res.json["assessment"] as? [String: Any])?["rulesVersion"] as? String == Rules.version)
        }
    }

    @Test func unknownAndMalformedCaseIDsAre404() async throws {
        try await withSpineApp { t, tokens in
            for path in ["/api/v1/cases/\(UUID())", "/api/v1/cases/not-a-uuid", "/api/v1/cases/\(UUID())/versions", "/api/v1/cases/\(UUID())/versions/1"] {
                let res = try await t.send(.GET, path, token: tokens[.physiatrist])
                #expect(res.status == .notFound, "\(path)")
                #expect(res.isProblem)
            }
            #expect(try await t.status(.PUT, "/api/v1/cases/\(UUID())", token: tokens[.physiatrist], json: Fixtures.caseJSON(record: "X"),
                                       headers: ["If-Match": "\"v1\""]) == .notFound)
        }
    }

    @Test func updateWritesANewVersionWithANewETag() async throws {
        try await withSpineApp { t, tokens in
            let doc = Fixtures.caseJSON("v01", record: "MRN-2", name: "Ann Lee")
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.nurseNavigator], json: doc).json["id"] as? String)
            // The patient develops weakness: an emergency now, and a new name spelling.
            let changed = Fixtures.edit(Fixtures.edit(doc, #""neuroSymptoms": []"#, #""neuroSymptoms": ["limb-weakness"]"#),
                                        #""name": "Ann Lee""#, #""name": "Ann Lee-Smith""#)
            // MUT
            let res = try await t.send(.PUT, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon], json: changed, headers: ["If-Match": "\"v1\""])
            // validation
            #expect(res.status == .ok)
            #expect(res.headers.first(name: .eTag) == "\"v2\"")
            #expect(res.json["version"] as? Int == 2)
            #expect(((res.json["assessment"] as? [String: Any])?["urgency"] as? [String: Any])?["level"] as? String == "emergency")
            let read = try await t.send(.GET, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon])
            #expect(read.headers.first(name: .eTag) == "\"v2\"")
            #expect(read.body.string.contains(changed))
            let patient = try #require(try await PatientModel.query(on: t.app.db).first())
            #expect(patient.name == "Ann Lee-Smith")
            // Version 1 is still there, unchanged.
            let v1 = try await t.send(.GET, "/api/v1/cases/\(id)/versions/1", token: tokens[.spineSurgeon])
            #expect(v1.status == .ok)
            #expect(v1.body.string.contains(doc))
            #expect(v1.json["author"] as? String == "nurse-navigator")
        }
    }

    @Test func updatePreconditions() async throws {
        try await withSpineApp { t, tokens in
            let doc = Fixtures.caseJSON(record: "MRN-3")
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: doc).json["id"] as? String)
            let path = "/api/v1/cases/\(id)"
            let token = tokens[.spineSurgeon]
            let missing = try await t.send(.PUT, path, token: token, json: doc)
            #expect(missing.status == .preconditionRequired)
            #expect(missing.isProblem)
            #expect(try await t.status(.PUT, path, token: token, json: doc, headers: ["If-Match": "*"]) == .preconditionRequired)
            let stale = try await t.send(.PUT, path, token: token, json: doc, headers: ["If-Match": "\"v7\""])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.headers.first(name: .eTag) == "\"v1\"")
            #expect(try await t.status(.PUT, path, token: token, json: doc, headers: ["If-Match": "\"something-else\""]) == .preconditionFailed)
            // A list naming the current version matches.
            #expect(try await t.status(.PUT, path, token: token, json: doc, headers: ["If-Match": "\"v0\", \"v1\""]) == .ok)
            // Nothing was written by the refused requests.
            #expect(try await CaseVersionModel.query(on: t.app.db).count() == 2)
        }
    }

    @Test func updateRefusesBadBodiesAndAnotherPatient() async throws {
        try await withSpineApp { t, tokens in
            let doc = Fixtures.caseJSON(record: "MRN-4")
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: doc).json["id"] as? String)
            let path = "/api/v1/cases/\(id)"
            let token = tokens[.spineSurgeon]
            let match: HTTPHeaders = ["If-Match": "\"v1\""]
            let other = try await t.send(.PUT, path, token: token, json: Fixtures.caseJSON(record: "MRN-5"), headers: match)
            #expect(other.status == .unprocessableEntity)
            #expect(other.errorPaths == ["patient.id"])
            let invalid = try await t.send(.PUT, path, token: token, json: Fixtures.edit(doc, #""escc": "0""#, #""escc": "9""#), headers: match)
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.errorPaths == ["spine.lesions[0].escc"])
            #expect(try await t.status(.PUT, path, token: token, json: "nope", headers: match) == .badRequest)
            #expect(try await t.status(.PUT, path, token: token, json: doc, contentType: "application/xml", headers: match) == .unsupportedMediaType)
            #expect(try await t.status(.PUT, path, token: token, json: doc + String(repeating: " ", count: 70_000), headers: match) == .payloadTooLarge)
            #expect(try await CaseVersionModel.query(on: t.app.db).count() == 1)
        }
    }

    @Test func versionHistory() async throws {
        try await withSpineApp { t, tokens in
            let doc = Fixtures.caseJSON(record: "MRN-6")
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: doc).json["id"] as? String)
            t.clock.advance(60)
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.medicalOncologist], json: doc, headers: ["If-Match": "\"v1\""]) == .ok)
            // MUT
            let res = try await t.send(.GET, "/api/v1/cases/\(id)/versions", token: tokens[.palliativeCare])
            // validation
            #expect(res.status == .ok)
            #expect(res.json["currentVersion"] as? Int == 2)
            let versions = try #require(res.json["versions"] as? [[String: Any]])
            #expect(versions.map { $0["version"] as? Int } == [1, 2])
            #expect(versions.map { $0["author"] as? String } == ["spine-surgeon", "medical-oncologist"])
            #expect(versions.allSatisfy { $0["rulesVersion"] as? String == Rules.version })
            #expect((versions[1]["createdAt"] as? String)?.hasPrefix("2026-11-27T09:01:00") == true)
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)/versions/2", token: tokens[.palliativeCare]) == .ok)
            for n in ["0", "3", "x"] {
                #expect(try await t.status(.GET, "/api/v1/cases/\(id)/versions/\(n)", token: tokens[.palliativeCare]) == .notFound)
            }
        }
    }

    @Test func everyCaseRouteNeedsATokenAndOnlyCliniciansWrite() async throws {
        try await withSpineApp { t, tokens in
            let doc = Fixtures.caseJSON(record: "MRN-8")
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: doc).json["id"] as? String)
            let routes: [(HTTPMethod, String, String?)] = [
                (.POST, "/api/v1/cases", Fixtures.caseJSON(record: "MRN-9")), (.GET, "/api/v1/cases/\(id)", nil),
                (.PUT, "/api/v1/cases/\(id)", doc), (.GET, "/api/v1/cases/\(id)/versions", nil),
                (.GET, "/api/v1/cases/\(id)/versions/1", nil), (.GET, "/api/v1/patients", nil), (.POST, "/api/v1/assess", doc),
            ]
            for (method, path, body) in routes {
                let anonymous = try await t.send(method, path, json: body, headers: ["If-Match": "\"v1\""])
                #expect(anonymous.status == .unauthorized, "\(method) \(path)")
                // Administrators read every case (the care-team rule) but change none and run no assessment.
                let admin = try await t.send(method, path, token: tokens[.admin], json: body, headers: ["If-Match": "\"v1\""])
                if method == .GET {
                    #expect(admin.status == .ok, "\(method) \(path)")
                } else {
                    #expect(admin.status == .forbidden, "\(method) \(path)")
                    #expect(admin.isProblem)
                }
            }
            // Every clinical role on the care team may read.
            for role in Role.allCases where role != .admin {
                #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: tokens[role]) == .ok, "\(role)")
            }
            #expect(try await CaseVersionModel.query(on: t.app.db).count() == 1)
        }
    }
}
