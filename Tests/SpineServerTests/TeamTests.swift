// The multidisciplinary team through the API: care-team access (403 audited), invitations from
// referrals, meetings and agendas, specialist reviews (corrections become case versions),
// consensus decisions tied to their snapshot, tasks and the urgency clock, follow-up with
// neurological escalation, treatments and the spine over time, and the reports.
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import SpineServer
@testable import SpineCore

@Suite("Team: care team and access")
struct CareTeamAccessTests {
    @Test func onlyTheCareTeamSeesACaseAndARefusalIsAudited() async throws {
        try await withSpineApp(wholeTeam: false) { t, tokens in
            // v01 (routine): referrals radiation-oncology and medical-oncology become invitations.
            let created = try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: Fixtures.caseJSON("v01", record: "MRN-T1"))
            let id = try #require(created.json["id"] as? String)
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon]) == .ok)
            // Outside the team: every case route refuses, and each refusal is audited with the patient.
            for path in ["", "/versions", "/versions/1", "/team", "/reviews", "/decisions", "/tasks", "/follow-ups", "/treatments", "/spine"] {
                let res = try await t.send(.GET, "/api/v1/cases/\(id)\(path)", token: tokens[.physiatrist])
                #expect(res.status == .forbidden, "GET \(path)")
                #expect(res.isProblem && (res.json["type"] as? String)?.hasSuffix("not-on-care-team") == true)
            }
            let denied = try await AuditEventModel.query(on: t.app.db).filter(\.$outcome == "denied").all()
            #expect(denied.count == 10)
            #expect(denied.allSatisfy { $0.patientRecord == "MRN-T1" && $0.actorRole == "physiatrist" })
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.physiatrist], json: Fixtures.caseJSON("v01", record: "MRN-T1"),
                                       headers: ["If-Match": "\"v1\""]) == .forbidden)
            // The worklist shows only the user's cases; administrators see all.
            #expect(try await t.send(.GET, "/api/v1/patients", token: tokens[.physiatrist]).json["total"] as? Int == 0)
            #expect(try await t.send(.GET, "/api/v1/patients", token: tokens[.spineSurgeon]).json["total"] as? Int == 1)
            #expect(try await t.send(.GET, "/api/v1/patients", token: tokens[.admin]).json["total"] as? Int == 1)
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: tokens[.admin]) == .ok)
        }
    }

    @Test func referralsBecomeInvitationsThatARoleAccepts() async throws {
        try await withSpineApp(wholeTeam: false) { t, tokens in
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon],
                                                   json: Fixtures.caseJSON("v01", record: "MRN-T2")).json["id"] as? String)
            let team = try await t.send(.GET, "/api/v1/cases/\(id)/team", token: tokens[.spineSurgeon])
            let members = try #require(team.json["members"] as? [[String: Any]])
            #expect(members.map { $0["username"] as? String } == ["spine-surgeon"])
            let invited = (team.json["invitations"] as? [[String: Any]] ?? []).compactMap { $0["role"] as? String }
            #expect(invited == ["radiation-oncologist", "medical-oncologist"])
            // The radiation oncologist sees the invitation (no access to the record yet) and accepts it.
            let inbox = try await t.send(.GET, "/api/v1/invitations", token: tokens[.radiationOncologist])
            #expect(inbox.jsonArray.map { $0["caseId"] as? String } == [id])
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: tokens[.radiationOncologist]) == .forbidden)
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/team/join", token: tokens[.radiationOncologist]) == .ok)
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: tokens[.radiationOncologist]) == .ok)
            #expect(try await t.send(.GET, "/api/v1/invitations", token: tokens[.radiationOncologist]).jsonArray.isEmpty)
            // A role without an invitation cannot join itself.
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/team/join", token: tokens[.physiatrist]) == .forbidden)
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: tokens[.physiatrist]) == .forbidden)
        }
    }

    @Test func membersAddPeopleAndInviteRolesWithClearErrors() async throws {
        try await withSpineApp(wholeTeam: false) { t, tokens in
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon],
                                                   json: Fixtures.caseJSON("v01", record: "MRN-T3")).json["id"] as? String)
            let added = try await t.send(.POST, "/api/v1/cases/\(id)/team", token: tokens[.spineSurgeon], json: #"{"username":"physiatrist","reason":"rehabilitation"}"#)
            #expect(added.status == .created)
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: tokens[.physiatrist]) == .ok)
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/team", token: tokens[.spineSurgeon], json: #"{"role":"palliative-care"}"#) == .created)
            let twice = try await t.send(.POST, "/api/v1/cases/\(id)/team", token: tokens[.spineSurgeon], json: #"{"role":"palliative-care"}"#)
            #expect(twice.status == .conflict)
            for (body, path) in [(#"{"username":"nobody"}"#, "username"), (#"{"role":"surgeon"}"#, "role"), (#"{"role":"admin"}"#, "role"),
                                 (#"{"username":"physiatrist","role":"physiatrist"}"#, "role"), (#"{"username":"admin"}"#, "username")] {
                let res = try await t.send(.POST, "/api/v1/cases/\(id)/team", token: tokens[.spineSurgeon], json: body)
                #expect(res.status == .unprocessableEntity, "\(body)")
                #expect(res.errorPaths == [path], "\(body)")
            }
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/team", token: tokens[.spineSurgeon], json: "{", contentType: "application/json") == .badRequest)
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/team", token: tokens[.spineSurgeon], json: "x", contentType: "text/plain") == .unsupportedMediaType)
            // Outsiders cannot add themselves.
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/team", token: tokens[.medicalOncologist], json: #"{"username":"medical-oncologist"}"#) == .forbidden)
            // Removing: the last member stays.
            let team = try await t.send(.GET, "/api/v1/cases/\(id)/team", token: tokens[.spineSurgeon])
            let members = try #require(team.json["members"] as? [[String: Any]])
            let physiatrist = try #require(members.first { $0["username"] as? String == "physiatrist" }?["id"] as? String)
            let surgeon = try #require(members.first { $0["username"] as? String == "spine-surgeon" }?["id"] as? String)
            #expect(try await t.status(.DELETE, "/api/v1/cases/\(id)/team/\(physiatrist)", token: tokens[.spineSurgeon]) == .noContent)
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: tokens[.physiatrist]) == .forbidden)
            #expect(try await t.status(.DELETE, "/api/v1/cases/\(id)/team/\(surgeon)", token: tokens[.spineSurgeon]) == .conflict)
            #expect(try await AuditChain.verify(on: t.app.db).isIntact)
        }
    }

    @Test func unknownFieldsAreNamedNotDropped() async throws {
        try await withSpineApp { t, tokens in
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon],
                                                   json: Fixtures.caseJSON("v01", record: "MRN-U1")).json["id"] as? String)
            let review = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.diagnosticRadiologist],
                                          json: #"{"caseVersion":1,"lesions":[{"levels":["T8"],"esc":"2"}],"txt":"typo"}"#)
            #expect(review.status == .unprocessableEntity)
            #expect(review.errorPaths == ["lesions[0].esc", "txt"])
            let visit = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                         json: #"{"visitDate":"2026-11-27","patientReported":{"painNRS":2,"mobility":1,"selfCare":1,"usualActivities":1,"painDiscomfort":1,"anxietyDepression":1,"sleep":2}}"#)
            #expect(visit.errorPaths == ["patientReported.sleep"])
            #expect(try await ReviewModel.query(on: t.app.db).count() == 0)
            #expect(try await FollowUpModel.query(on: t.app.db).count() == 0)
            #expect(try await t.send(.POST, "/api/v1/cases/\(id)/team", token: tokens[.spineSurgeon], json: "{}").errorPaths == ["username"])
        }
    }

    @Test func everyTeamRouteNeedsAToken() async throws {
        try await withSpineApp { t, tokens in
            let id = UUID().uuidString
            let routes: [(HTTPMethod, String)] = [
                (.GET, "/api/v1/cases/\(id)/team"), (.POST, "/api/v1/cases/\(id)/team"), (.POST, "/api/v1/cases/\(id)/team/join"),
                (.DELETE, "/api/v1/cases/\(id)/team/\(id)"), (.POST, "/api/v1/cases/\(id)/schedule"), (.GET, "/api/v1/cases/\(id)/reviews"),
                (.POST, "/api/v1/cases/\(id)/reviews"), (.GET, "/api/v1/cases/\(id)/decisions"), (.POST, "/api/v1/cases/\(id)/decisions"),
                (.GET, "/api/v1/cases/\(id)/tasks"), (.GET, "/api/v1/cases/\(id)/follow-ups"), (.POST, "/api/v1/cases/\(id)/follow-ups"),
                (.GET, "/api/v1/cases/\(id)/treatments"), (.POST, "/api/v1/cases/\(id)/treatments"), (.GET, "/api/v1/cases/\(id)/spine"),
                (.GET, "/api/v1/invitations"), (.GET, "/api/v1/tasks"), (.POST, "/api/v1/tasks/\(id)/complete"),
                (.POST, "/api/v1/tasks/\(id)/cancel"), (.POST, "/api/v1/tasks/\(id)/assign"), (.GET, "/api/v1/decisions/\(id)"),
                (.GET, "/api/v1/meetings"), (.POST, "/api/v1/meetings"), (.GET, "/api/v1/meetings/\(id)"),
                (.POST, "/api/v1/meetings/\(id)/attendees"), (.POST, "/api/v1/meetings/\(id)/agenda"),
                (.GET, "/api/v1/reports/departures"), (.GET, "/api/v1/reports/urgency-clock"),
            ]
            for (method, path) in routes {
                #expect(try await t.status(method, path, json: "{}") == .unauthorized, "\(method) \(path)")
                // Unknown case, task, decision or meeting: 404 for a clinician, never 500.
                let status = try await t.status(method, path, token: tokens[.spineSurgeon], json: "{}")
                #expect(status.code < 500, "\(method) \(path): \(status)")
            }
            // Administrators change nothing clinical.
            for (method, path) in routes where method == .POST && !path.contains("/team") {
                #expect(try await t.status(method, path, token: tokens[.admin], json: "{}") == .forbidden, "\(method) \(path)")
            }
        }
    }
}

@Suite("Team: meetings, reviews and decisions")
struct BoardTests {
    static func meeting(_ t: TestContext, _ token: String?, title: String = "Spine board", at: String = "2026-11-30T16:00:00Z",
                        attendees: [String] = []) async throws -> String {
        let body = #"{"title":"\#(title)","startsAt":"\#(at)","attendees":[\#(attendees.map { "\"\($0)\"" }.joined(separator: ","))]}"#
        let res = try await t.send(.POST, "/api/v1/meetings", token: token, json: body)
        try #require(res.status == .created, "\(res.body.string)")
        return try #require(res.json["id"] as? String)
    }

    @Test func aMeetingsAttendeesSeeItsCasesAndEmergenciesAreFlagged() async throws {
        try await withSpineApp(wholeTeam: false) { t, tokens in
            let routine = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.nurseNavigator],
                                                        json: Fixtures.caseJSON("v01", record: "MRN-M1")).json["id"] as? String)
            let emergency = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.nurseNavigator],
                                                          json: Fixtures.caseJSON("v03", record: "MRN-M2")).json["id"] as? String)
            let bad = try await t.send(.POST, "/api/v1/meetings", token: tokens[.nurseNavigator], json: #"{"title":"","startsAt":"tomorrow","attendees":["ghost"]}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.errorPaths == ["title"])
            let badTime = try await t.send(.POST, "/api/v1/meetings", token: tokens[.nurseNavigator], json: #"{"title":"Board","startsAt":"tomorrow"}"#)
            #expect(badTime.errorPaths == ["startsAt"])
            let ghost = try await t.send(.POST, "/api/v1/meetings", token: tokens[.nurseNavigator], json: #"{"title":"Board","startsAt":"2026-11-30T16:00:00Z","attendees":["ghost"]}"#)
            #expect(ghost.errorPaths == ["attendees[0]"])
            // No meeting yet: "next" explains what to do.
            let none = try await t.send(.POST, "/api/v1/cases/\(routine)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"next"}"#)
            #expect(none.status == .unprocessableEntity && none.errorPaths == ["meeting"])

            let meeting = try await Self.meeting(t, tokens[.nurseNavigator], attendees: ["radiation-oncologist"])
            #expect(try await t.status(.POST, "/api/v1/cases/\(routine)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"next"}"#) == .created)
            #expect(try await t.status(.POST, "/api/v1/cases/\(routine)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"next"}"#) == .conflict)
            let flagged = try await t.send(.POST, "/api/v1/cases/\(emergency)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"\#(meeting)"}"#)
            #expect(flagged.status == .created)
            #expect((flagged.json["warning"] as? String)?.contains("do not wait") == true)
            #expect(try await t.send(.POST, "/api/v1/cases/\(routine)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"soon"}"#).errorPaths == ["meeting"])

            // The attendee sees the agenda and the cases on it; a non-attendee sees neither.
            let detail = try await t.send(.GET, "/api/v1/meetings/\(meeting)", token: tokens[.radiationOncologist])
            #expect(detail.status == .ok)
            let agenda = try #require(detail.json["agenda"] as? [[String: Any]])
            #expect(agenda.map { $0["patientId"] as? String } == ["MRN-M1", "MRN-M2"])
            #expect(agenda.map { $0["doNotWait"] as? Bool } == [false, true])
            #expect((detail.json["rolesMissing"] as? [String])?.contains("spine-surgeon") == true)
            #expect(try await t.status(.GET, "/api/v1/cases/\(routine)", token: tokens[.radiationOncologist]) == .ok)
            #expect(try await t.status(.GET, "/api/v1/meetings/\(meeting)", token: tokens[.physiatrist]) == .forbidden)
            #expect(try await t.status(.GET, "/api/v1/cases/\(routine)", token: tokens[.physiatrist]) == .forbidden)
            // The worklist counts the attendee's agenda cases, and a member's case on an agenda once.
            for (role, expected) in [(Role.radiationOncologist, 2), (.nurseNavigator, 2), (.physiatrist, 0)] {
                let list = try await t.send(.GET, "/api/v1/patients", token: tokens[role])
                #expect(list.json["total"] as? Int == expected, "\(role)")
                #expect((list.json["items"] as? [Any])?.count == expected, "\(role)")
                let emergencies = try await t.send(.GET, "/api/v1/patients?urgency=emergency", token: tokens[role])
                #expect(emergencies.json["total"] as? Int == (expected > 0 ? 1 : 0), "\(role)")
            }
            // An ad-hoc meeting now, with the care team attending.
            let adHoc = try await t.send(.POST, "/api/v1/cases/\(emergency)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"ad-hoc"}"#)
            #expect(adHoc.status == .created && adHoc.json["kind"] as? String == "ad-hoc")
            #expect(try await t.send(.GET, "/api/v1/meetings", token: tokens[.physiatrist]).jsonArray.count == 2)
            // Only the chair invites attendees (they see every case on the agenda); the agenda reply is for attendees.
            #expect(try await t.status(.POST, "/api/v1/meetings/\(meeting)/attendees", token: tokens[.radiationOncologist],
                                       json: #"{"username":"physiatrist"}"#) == .forbidden)
            #expect(try await t.send(.POST, "/api/v1/meetings/\(meeting)/attendees", token: tokens[.nurseNavigator],
                                     json: #"{"username":"admin"}"#).errorPaths == ["username"])
            let third = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon],
                                                      json: Fixtures.caseJSON("v02", record: "MRN-M3")).json["id"] as? String)
            #expect(try await t.status(.POST, "/api/v1/meetings/\(meeting)/agenda", token: tokens[.spineSurgeon], json: #"{"caseId":"\#(third)"}"#) == .forbidden)
            #expect(try await t.send(.POST, "/api/v1/meetings", token: tokens[.nurseNavigator],
                                     json: #"{"title":"Board","startsAt":"2026-12-01T16:00:00Z","attendees":["admin"]}"#).errorPaths == ["attendees[0]"])
            // A meeting that has taken place takes no more cases.
            let past = try await Self.meeting(t, tokens[.spineSurgeon], at: "2026-11-20T16:00:00Z")
            #expect(try await t.send(.POST, "/api/v1/cases/\(third)/schedule", token: tokens[.spineSurgeon], json: #"{"meeting":"\#(past)"}"#).errorPaths == ["meeting"])
        }
    }

    @Test func reviewsByRoleAndRadiologyCorrectionsMakeANewCaseVersion() async throws {
        try await withSpineApp { t, tokens in
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.nurseNavigator],
                                                   json: Fixtures.caseJSON("v01", record: "MRN-R1")).json["id"] as? String)
            // The surgeon's structured opinion.
            let surgeon = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.spineSurgeon],
                                           json: #"{"caseVersion":1,"operability":"operable","instabilityAgreed":true,"text":"Stable; RT first."}"#)
            #expect(surgeon.status == .created)
            #expect(surgeon.json["revision"] as? Int == 1 && surgeon.json["newCaseVersion"] == nil)
            // A field of another role, a bad code and a bad regimen: every error with its path.
            let wrong = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.spineSurgeon],
                                         json: #"{"caseVersion":1,"operability":"maybe","lesions":[{"levels":["T8"],"escc":"2"}]}"#)
            #expect(wrong.status == .unprocessableEntity)
            #expect(Set(wrong.errorPaths) == ["lesions", "operability"])
            let regimen = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.radiationOncologist],
                                           json: #"{"caseVersion":1,"proposedRegimen":{"doseGy":0,"fractions":51,"technique":"protons"}}"#)
            #expect(Set(regimen.errorPaths) == ["proposedRegimen.doseGy", "proposedRegimen.fractions", "proposedRegimen.technique"])
            // The radiologist corrects the ESCC: a new case version, reassessed (ESCC 2 is high grade: urgent).
            let radiology = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.diagnosticRadiologist],
                                             json: #"{"caseVersion":1,"levelsConfirmed":true,"lesions":[{"levels":["T8"],"escc":"2"}]}"#)
            #expect(radiology.status == .created, "\(radiology.body.string)")
            #expect(radiology.json["newCaseVersion"] as? Int == 2)
            let current = try await t.send(.GET, "/api/v1/cases/\(id)", token: tokens[.nurseNavigator])
            #expect(current.json["version"] as? Int == 2)
            let assessment = try #require(current.json["assessment"] as? [String: Any])
            #expect((assessment["urgency"] as? [String: Any])?["level"] as? String == "urgent")
            let versions = try await t.send(.GET, "/api/v1/cases/\(id)/versions", token: tokens[.nurseNavigator])
            #expect((versions.json["versions"] as? [[String: Any]])?.last?["author"] as? String == "diagnostic-radiologist")
            // A correction against an old version is refused (someone changed the case meanwhile).
            let stale = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.medicalOncologist],
                                         json: #"{"caseVersion":1,"expectedSurvivalMonths":18}"#)
            #expect(stale.status == .conflict)
            // A lesion that is not there is named.
            let missing = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.diagnosticRadiologist],
                                           json: #"{"caseVersion":2,"lesions":[{"levels":["L4"],"escc":"1a"}]}"#)
            #expect(missing.errorPaths == ["lesions[0].levels"])
            // The medical oncologist's survival estimate also feeds the assessment.
            let survival = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.medicalOncologist],
                                            json: #"{"caseVersion":2,"expectedSurvivalMonths":2,"systemicPlan":"Second-line chemotherapy after RT"}"#)
            #expect(survival.json["newCaseVersion"] as? Int == 3)
            let v3 = try await t.send(.GET, "/api/v1/cases/\(id)/versions/3", token: tokens[.nurseNavigator])
            #expect(((v3.json["case"] as? [String: Any])?["systemic"] as? [String: Any])?["clinicianSurvivalEstimateMonths"] as? Int == 2)
            // A second opinion by the surgeon is revision 2; the list shows the latest per author unless all=true.
            _ = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.spineSurgeon], json: #"{"caseVersion":3,"operability":"operable-high-risk"}"#)
            #expect(try await t.send(.GET, "/api/v1/cases/\(id)/reviews", token: tokens[.physiatrist]).jsonArray.count == 3)
            let all = try await t.send(.GET, "/api/v1/cases/\(id)/reviews?all=true", token: tokens[.physiatrist]).jsonArray
            #expect(all.count == 4)
            #expect(all.filter { $0["author"] as? String == "spine-surgeon" }.map { $0["revision"] as? Int } == [1, 2])
            #expect(try await AuditChain.verify(on: t.app.db).isIntact)
        }
    }

    @Test func aDecisionRestsOnItsSnapshotAndADepartureNeedsItsReason() async throws {
        try await withSpineApp { t, tokens in
            // v03: emergency MSCC; ranked dexamethasone (adjunct), then cebrt: the top main option is cebrt.
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.nurseNavigator],
                                                   json: Fixtures.caseJSON("v03", record: "MRN-D1")).json["id"] as? String)
            let meeting = try await Self.meeting(t, tokens[.nurseNavigator])
            _ = try await t.send(.POST, "/api/v1/meetings/\(meeting)/agenda", token: tokens[.nurseNavigator], json: #"{"caseId":"\#(id)"}"#)
            _ = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.spineSurgeon], json: #"{"caseVersion":1,"operability":"operable"}"#)
            let tasksBefore = try await TaskModel.query(on: t.app.db).count()
            // Departing without a reason: refused at the field, nothing written.
            let noReason = try await t.send(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.spineSurgeon], json: #"""
                {"caseVersion":1,"meetingId":"\#(meeting)","options":[{"code":"decompression-stabilization"},{"code":"dexamethasone"}],"patientPreferences":"Wants to walk again"}
                """#)
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.errorPaths == ["departureReason"])
            #expect(try await DecisionModel.query(on: t.app.db).count() == 0)
            #expect(try await TaskModel.query(on: t.app.db).count() == tasksBefore)
            let invalid = try await t.send(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.spineSurgeon],
                                           json: #"{"caseVersion":1,"options":[{"code":"laser"}],"goals":["cure"],"patientPreferences":" ","dissent":[{"username":"ghost","reason":""}]}"#)
            #expect(Set(invalid.errorPaths) == ["options[0].code", "goals[0]", "patientPreferences", "dissent[0].reason", "dissent[0].username"])
            // With the reason, dissent by name and the patient's preferences.
            let decided = try await t.send(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.spineSurgeon], json: #"""
                {"caseVersion":1,"meetingId":"\#(meeting)","options":[{"code":"decompression-stabilization"},{"code":"dexamethasone"},{"code":"cebrt","regimen":"20 Gy / 5"}],
                 "dissent":[{"username":"radiation-oncologist","reason":"Radiosensitive enough for RT alone"}],
                 "patientPreferences":"Wants to walk again; accepts surgery","departureReason":"Rapid deterioration within 24 h; surgery first (Patchell)"}
                """#)
            #expect(decided.status == .created, "\(decided.body.string)")
            #expect(decided.json["topRankedOption"] as? String == "cebrt")
            #expect(decided.json["departsFromTopRanked"] as? Bool == true)
            #expect(decided.json["rulesVersion"] as? String == Rules.version)
            #expect((decided.json["goals"] as? [String])?.contains("neurological-function") == true)
            // Traceable to the reviews it rested on.
            let considered = try #require(decided.json["reviewsConsidered"] as? [[String: Any]])
            #expect(considered.map { $0["author"] as? String } == ["spine-surgeon"])
            let decisionID = try #require(decided.json["id"] as? String)
            // Tasks: surgery booking, RT simulation, dexamethasone, systemic review — due in 24 h (emergency).
            let tasks = try await t.send(.GET, "/api/v1/cases/\(id)/tasks", token: tokens[.spineSurgeon]).jsonArray
            let fromDecision = tasks.filter { $0["origin"] as? String == "decision" }
            #expect(Set(fromDecision.compactMap { $0["code"] as? String }) ==
                    ["decision.surgery-booking", "decision.dexamethasone", "decision.rt-simulation", "decision.systemic-review"])
            #expect(fromDecision.allSatisfy { ($0["dueAt"] as? String)?.hasPrefix("2026-11-28T09:00") == true })
            // The clock's "definitive decision" deadline is met by the decision; the others stay open.
            let decisionClock = try #require(tasks.first { $0["code"] as? String == "clock.definitive-decision" })
            #expect(decisionClock["status"] as? String == "done")
            #expect((decisionClock["completedBy"] as? String)?.hasPrefix("decision \(decisionID) by spine-surgeon") == true)
            #expect(tasks.contains { $0["code"] as? String == "clock.mri" && $0["status"] as? String == "open" })
            // The agenda item is decided; the decision reads back with the exact case and snapshot.
            let agenda = try await t.send(.GET, "/api/v1/meetings/\(meeting)", token: tokens[.nurseNavigator]).json["agenda"] as? [[String: Any]]
            #expect(agenda?.first?["status"] as? String == "decided")
            // Later versions and rules do not change what the decision rested on.
            let doc = Fixtures.caseJSON("v03", record: "MRN-D1")
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon],
                                       json: Fixtures.edit(doc, #""karnofsky": 60"#, #""karnofsky": 50"#), headers: ["If-Match": "\"v1\""]) == .ok)
            let stored = try await AssessmentSnapshotModel.query(on: t.app.db).filter(\.$caseVersion == 1).first()
            let traced = try await t.send(.GET, "/api/v1/decisions/\(decisionID)", token: tokens[.physiatrist])
            #expect(traced.status == .ok)
            let tracedAssessment = try JSONSerialization.data(withJSONObject: traced.json["assessment"]!, options: [.sortedKeys])
            let storedAssessment = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: stored!.output), options: [.sortedKeys])
            #expect(tracedAssessment == storedAssessment)
            #expect(((traced.json["decision"] as? [String: Any])?["caseVersion"] as? Int) == 1)
            // The departures report lists it, with its reason.
            let report = try await t.send(.GET, "/api/v1/reports/departures", token: tokens[.nurseNavigator])
            #expect(report.json["decisions"] as? Int == 1 && report.json["departures"] as? Int == 1)
            let entry = (report.json["entries"] as? [[String: Any]])?.first
            #expect(entry?["chosenOption"] as? String == "decompression-stabilization")
            #expect((entry?["reason"] as? String)?.contains("Patchell") == true)
            #expect(try await t.send(.GET, "/api/v1/reports/departures?from=2026-13-01", token: tokens[.nurseNavigator]).errorPaths == ["from"])
            // Choosing the top-ranked option is not a departure.
            let second = try await t.send(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.radiationOncologist],
                                          json: #"{"caseVersion":2,"options":[{"code":"cebrt"}],"patientPreferences":"Agrees"}"#)
            #expect(second.status == .created && second.json["departsFromTopRanked"] as? Bool == false)
        }
    }
}

@Suite("Team: tasks, urgency clock and follow-up")
struct ClockTests {
    @Test func anEmergencyStartsTheClockAndOverdueClockTasksEscalate() async throws {
        try await withSpineApp { t, tokens in
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.referringClinician],
                                                   json: Fixtures.caseJSON("v03", record: "MRN-K1")).json["id"] as? String)
            let tasks = try await t.send(.GET, "/api/v1/cases/\(id)/tasks", token: tokens[.nurseNavigator]).jsonArray
            let clock = tasks.filter { $0["isClock"] as? Bool == true }
            #expect(clock.compactMap { $0["code"] as? String }.contains("clock.mri"))
            #expect(clock.allSatisfy { $0["clockStartedAt"] as? String == "2026-11-27T09:00:00.000Z" })
            let mri = try #require(clock.first { $0["code"] as? String == "clock.mri" })
            #expect(mri["dueAt"] as? String == "2026-11-28T09:00:00.000Z")
            let coordinator = try #require(clock.first { $0["code"] as? String == "clock.coordinator-contact" })
            // The coordinator is contacted in 20 minutes: met.
            t.clock.advance(20 * 60)
            let done = try await t.send(.POST, "/api/v1/tasks/\(coordinator["id"] as! String)/complete", token: tokens[.nurseNavigator])
            #expect(done.status == .ok && done.json["metDeadline"] as? Bool == true)
            #expect(try await t.status(.POST, "/api/v1/tasks/\(coordinator["id"] as! String)/complete", token: tokens[.nurseNavigator]) == .conflict)
            #expect(try await t.send(.POST, "/api/v1/tasks/\(mri["id"] as! String)/cancel", token: tokens[.nurseNavigator], json: "{}").errorPaths == ["reason"])
            // Two days later the MRI is overdue: at the top of the worklist, escalated to the coordinator.
            t.clock.advance(2 * 86_400)
            var tokens = tokens  // sessions expire; sign in again two days later
            for role in [Role.nurseNavigator, .diagnosticRadiologist] { tokens[role] = try await t.login(role.rawValue) }
            let worklist = try await t.send(.GET, "/api/v1/patients", token: tokens[.nurseNavigator])
            let overdue = try #require(worklist.json["overdue"] as? [[String: Any]], "\(worklist.status) \(worklist.body.string.prefix(600))")
            #expect(overdue.contains { $0["taskId"] as? String == mri["id"] as? String && $0["escalatedTo"] as? String == "nurse-navigator" })
            #expect((worklist.jsonArray.first?["openTasks"] as? Int ?? 0) >= 1)
            // My tasks: the radiologist's open MRI task.
            let mine = try await t.send(.GET, "/api/v1/tasks", token: tokens[.diagnosticRadiologist]).jsonArray
            #expect(mine.contains { $0["code"] as? String == "clock.mri" && $0["overdue"] as? Bool == true })
            // Done late, and the clock report counts met and late per deadline.
            #expect(try await t.send(.POST, "/api/v1/tasks/\(mri["id"] as! String)/complete", token: tokens[.diagnosticRadiologist]).json["metDeadline"] as? Bool == false)
            let report = try await t.send(.GET, "/api/v1/reports/urgency-clock?from=2026-11-01&to=2026-11-30", token: tokens[.nurseNavigator])
            let rows = try #require(report.json["rows"] as? [[String: Any]])
            let byCode = Dictionary(uniqueKeysWithValues: rows.map { ($0["code"] as! String, $0) })
            #expect(byCode["clock.coordinator-contact"]?["met"] as? Int == 1)
            #expect(byCode["clock.coordinator-contact"]?["shareMet"] as? Double == 1)
            #expect(byCode["clock.mri"]?["late"] as? Int == 1)
            #expect(byCode["clock.mri"]?["shareMet"] as? Double == 0)
            #expect(report.json["clocks"] as? Int == 1)
            // Assigning to a person.
            let dex = try #require(clock.first { $0["code"] as? String == "clock.dexamethasone" })
            #expect(try await t.send(.POST, "/api/v1/tasks/\(dex["id"] as! String)/assign", token: tokens[.nurseNavigator], json: #"{"username":"ghost"}"#).errorPaths == ["username"])
            #expect(try await t.send(.POST, "/api/v1/tasks/\(dex["id"] as! String)/assign", token: tokens[.nurseNavigator], json: #"{"username":"admin"}"#).errorPaths == ["username"])
            #expect(try await t.status(.POST, "/api/v1/tasks/\(coordinator["id"] as! String)/assign", token: tokens[.nurseNavigator],
                                       json: #"{"username":"medical-oncologist"}"#) == .conflict)
            #expect(try await t.send(.POST, "/api/v1/tasks/\(dex["id"] as! String)/assign", token: tokens[.nurseNavigator],
                                     json: #"{"username":"medical-oncologist"}"#).json["assignee"] as? String == "medical-oncologist")
        }
    }

    @Test func worseNeurologyAtFollowUpMakesTheCaseAnEmergencyAgain() async throws {
        try await withSpineApp { t, tokens in
            // v01: routine, Frankel E, independent.
            let doc = Fixtures.caseJSON("v01", record: "MRN-F1")
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.physiatrist], json: doc).json["id"] as? String)
            let bad = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist], json: #"""
                {"visitDate":"2027-01-01","painScore":11,"frankel":"F","patientReported":{"painNRS":3,"mobility":6,"selfCare":1,"usualActivities":1,"painDiscomfort":2,"anxietyDepression":0}}
                """#)
            #expect(bad.status == .unprocessableEntity)
            #expect(Set(bad.errorPaths) == ["visitDate", "painScore", "frankel", "patientReported.mobility", "patientReported.anxietyDepression"])
            #expect(try await FollowUpModel.query(on: t.app.db).count() == 0)
            let stable = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                          json: #"{"visitDate":"2026-11-20","painScore":2,"frankel":"E","ambulation":"independent","karnofsky":90}"#)
            #expect(stable.status == .created && stable.json["worsening"] == nil)
            let worse = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist], json: #"""
                {"visitDate":"2026-11-27","painScore":6,"frankel":"D","ambulation":"withAid","patientReported":{"painNRS":6,"mobility":3,"selfCare":2,"usualActivities":3,"painDiscomfort":3,"anxietyDepression":2}}
                """#)
            #expect(worse.status == .created)
            #expect((worse.json["worsening"] as? String)?.contains("Frankel grade fell from E to D") == true)
            let item = try #require(try await t.send(.GET, "/api/v1/patients", token: tokens[.physiatrist]).jsonArray.first)
            #expect(item["urgency"] as? String == "emergency")
            #expect((item["escalation"] as? String)?.contains("neurological deterioration") == true)
            let clock = try await t.send(.GET, "/api/v1/cases/\(id)/tasks", token: tokens[.physiatrist]).jsonArray.filter { $0["isClock"] as? Bool == true }
            #expect(clock.contains { $0["code"] as? String == "clock.mri" && $0["dueAt"] as? String == "2026-11-28T09:00:00.000Z" })
            #expect(try await t.send(.GET, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist]).jsonArray.count == 2)
            // A later visit with only a pain score, then the same Frankel D: nothing new got worse.
            t.clock.advance(3600)
            let clockTasks = try await TaskModel.query(on: t.app.db).filter(\.$isClock == true).count()
            for body in [#"{"visitDate":"2026-11-27","painScore":5}"#, #"{"visitDate":"2026-11-27","frankel":"D","ambulation":"withAid"}"#] {
                let same = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist], json: body)
                #expect(same.status == .created && same.json["worsening"] == nil, "\(body)")
            }
            #expect(try await TaskModel.query(on: t.app.db).filter(\.$isClock == true).count() == clockTasks)
            // The team examines and records a new case version: its assessment decides again.
            let examined = Fixtures.edit(Fixtures.edit(doc, #""frankel": "E""#, #""frankel": "D""#), #""deficit": "none""#, #""deficit": "radiculopathy""#)
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.physiatrist], json: examined, headers: ["If-Match": "\"v1\""]) == .ok)
            let after = try #require(try await t.send(.GET, "/api/v1/patients", token: tokens[.physiatrist]).jsonArray.first)
            #expect(after["escalation"] == nil)
            #expect(after["urgency"] as? String == "emergency")
        }
    }

    @Test func aFollowUpIsComparedWithTheCaseVersionRecordedSinceTheLastVisit() async throws {
        try await withSpineApp { t, tokens in
            // v01: routine, Frankel E, independent.
            let doc = Fixtures.caseJSON("v01", record: "MRN-F2")
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.physiatrist], json: doc).json["id"] as? String)
            let fell = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                        json: #"{"visitDate":"2026-11-20","frankel":"C","ambulation":"nonAmbulatory"}"#)
            #expect((fell.json["worsening"] as? String)?.contains("Frankel grade fell from E to C") == true)
            // The team examines: recovered (Frankel E again), recorded as a new version.
            t.clock.advance(3600)
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)?neurologyExamined=true", token: tokens[.physiatrist], json: doc,
                                       headers: ["If-Match": "\"v1\""]) == .ok)
            // Frankel D at the next visit is a new deficit since version 2 (E), not an improvement on the visit's C.
            t.clock.advance(3600)
            let again = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                         json: #"{"visitDate":"2026-11-27","frankel":"D","ambulation":"withAid"}"#)
            let worsening = try #require(again.json["worsening"] as? String)
            #expect(worsening.contains("Frankel grade fell from E to D") && worsening.hasSuffix("(since case version 2)"), "\(worsening)")
            // Frankel D then ASIA C only: the scales differ at the C/D split, so no deterioration is claimed.
            let asia = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                        json: #"{"visitDate":"2026-11-27","asia":"C"}"#)
            #expect(asia.status == .created && asia.json["worsening"] == nil, "\(asia.body.string)")
        }
    }

    @Test func aNewNeurologicalSymptomOrSphincterProblemAtFollowUpIsAnEmergency() async throws {
        try await withSpineApp { t, tokens in
            // v01: routine, no neurological symptoms, no bladder or bowel dysfunction.
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.physiatrist],
                                                   json: Fixtures.caseJSON("v01", record: "MRN-F4")).json["id"] as? String)
            let bad = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                       json: #"{"visitDate":"2026-11-20","neuroSymptoms":["numbness","tingling","numbness"]}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(Set(bad.errorPaths) == ["neuroSymptoms[1]", "neuroSymptoms[2]"])
            // Frankel still E, but new numbness and a new sphincter problem: NG234's emergency signs.
            let worse = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                         json: #"{"visitDate":"2026-11-20","frankel":"E","neuroSymptoms":["numbness"],"bladderBowelDysfunction":true}"#)
            #expect(worse.status == .created)
            let text = try #require(worse.json["worsening"] as? String)
            #expect(text.contains("new bladder or bowel dysfunction") && text.contains("new neurological symptom: numbness"), "\(text)")
            let item = try #require(try await t.send(.GET, "/api/v1/patients", token: tokens[.physiatrist]).jsonArray.first)
            #expect(item["urgency"] as? String == "emergency")
            // The same findings at the next visit are not new.
            t.clock.advance(3600)
            let same = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                        json: #"{"visitDate":"2026-11-27","neuroSymptoms":["numbness"],"bladderBowelDysfunction":true}"#)
            #expect(same.status == .created && same.json["worsening"] == nil, "\(same.body.string)")
            // Through the web form: check boxes and the yes/no choice.
            t.clock.advance(3600)
            let web = WebClient(t)
            try await web.signIn("physiatrist")
            let page = try await web.get("/cases/\(id)/follow-up")
            #expect(page.html.contains("name=\"neuroSymptoms\" value=\"radicular-pain\""))
            let posted = try await web.post("/cases/\(id)/follow-up", [("_csrf", WebClient.csrf(page.html)), ("visitDate", "2026-11-27"),
                                                                       ("neuroSymptoms", "numbness"), ("neuroSymptoms", "radicular-pain"),
                                                                       ("bladderBowelDysfunction", "true")])
            #expect(posted.status == .seeOther)
            let last = try #require(try await FollowUpModel.query(on: t.app.db).sort(\.$createdAt, .descending).first())
            #expect(last.worsening?.contains("new neurological symptom: radicular pain") == true)
            #expect(last.worsening?.contains("numbness") == false)
        }
    }

    @Test func worseNeurologyInANewVersionOfAnEmergencyRestartsItsClock() async throws {
        try await withSpineApp { t, tokens in
            // v03: an emergency (myelopathy, Frankel D): its clock starts with version 1.
            let doc = Fixtures.caseJSON("v03", record: "MRN-F3")
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: doc).json["id"] as? String)
            let first = try await TaskModel.query(on: t.app.db).filter(\.$isClock == true).filter(\.$status == TaskLedger.open).count()
            #expect(first > 0)
            // Version 2: Frankel B, not walking, bladder dysfunction — still an emergency, now worse.
            t.clock.advance(7200)
            let worse = Fixtures.edit(Fixtures.edit(Fixtures.edit(doc, #""frankel": "D""#, #""frankel": "B""#),
                                                    #""ambulation": "withAid""#, #""ambulation": "nonAmbulatory""#),
                                      #""bladderBowelDysfunction": false"#, #""bladderBowelDysfunction": true"#)
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon], json: worse, headers: ["If-Match": "\"v1\""]) == .ok)
            let clock = try await TaskModel.query(on: t.app.db).filter(\.$isClock == true).all()
            let superseded = clock.filter { $0.status == TaskLedger.cancelled }
            #expect(superseded.count == first)
            #expect(superseded.allSatisfy { ($0.completedBy ?? "").contains("Frankel grade fell from D to B") })
            let open = clock.filter { $0.status == TaskLedger.open }
            #expect(open.count == first)
            #expect(open.contains { $0.code == "clock.mri" && $0.dueAt == ISOTimestamp.iso8601(t.clock.now.addingTimeInterval(86_400)) })
            // Version 3 with the same findings: the running clock stays.
            t.clock.advance(3600)
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon], json: worse, headers: ["If-Match": "\"v2\""]) == .ok)
            #expect(try await TaskModel.query(on: t.app.db).filter(\.$isClock == true).filter(\.$status == TaskLedger.open).count() == first)
            #expect(try await TaskModel.query(on: t.app.db).filter(\.$isClock == true).count() == 2 * first)
        }
    }

    @Test func theSpineOverTimeAddsUpRadiationPerLevel() async throws {
        try await withSpineApp { t, tokens in
            let doc = Fixtures.edit(Fixtures.caseJSON("v01", record: "MRN-S1"), #""priorRadiation": null"#,
                                    #""priorRadiation": {"doseGy": 20, "fractions": 5, "on": "2025-01-10"}"#)
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.radiationOncologist], json: doc).json["id"] as? String)
            let bad = try await t.send(.POST, "/api/v1/cases/\(id)/treatments", token: tokens[.radiationOncologist],
                                       json: #"{"kind":"radiation","levels":["T8","X9"],"givenOn":"2030-01-01"}"#)
            #expect(Set(bad.errorPaths) == ["levels[1]", "givenOn", "doseGy", "fractions"])
            #expect(try await t.send(.POST, "/api/v1/cases/\(id)/treatments", token: tokens[.spineSurgeon],
                                     json: #"{"kind":"surgery","levels":["T8"],"givenOn":"2026-11-01","doseGy":8}"#).errorPaths == ["doseGy"])
            // The limits of a prior course in a case document: ≤ 30 Gy per fraction, 0.5–150 Gy, 1–50 fractions.
            let perFraction = try await t.send(.POST, "/api/v1/cases/\(id)/treatments", token: tokens[.radiationOncologist],
                                               json: #"{"kind":"radiation","levels":["T8"],"givenOn":"2026-11-20","doseGy":80,"fractions":1}"#)
            #expect(perFraction.errorPaths == ["doseGy"] && perFraction.body.string.contains("30 Gy per fraction"))
            #expect(try await t.send(.POST, "/api/v1/cases/\(id)/treatments", token: tokens[.radiationOncologist],
                                     json: #"{"kind":"radiation","levels":["T8"],"givenOn":"2026-11-20","doseGy":151,"fractions":51}"#).errorPaths.sorted() == ["doseGy", "fractions"])
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/treatments", token: tokens[.radiationOncologist],
                                       json: #"{"kind":"radiation","levels":["T8"],"givenOn":"2026-11-20","doseGy":8,"fractions":1,"detail":"SBRT boost"}"#) == .created)
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/treatments", token: tokens[.spineSurgeon],
                                       json: #"{"kind":"surgery","levels":["T7","T8","T9"],"givenOn":"2026-11-25","detail":"Posterior instrumentation T7–T9, titanium screws and rods"}"#) == .created)
            let spine = try await t.send(.GET, "/api/v1/cases/\(id)/spine", token: tokens[.physiatrist])
            #expect(spine.status == .ok)
            let levels = try #require(spine.json["levels"] as? [[String: Any]])
            #expect(levels.map { $0["level"] as? String } == ["T7", "T8", "T9"])
            let t8 = levels[1]
            // 20 Gy / 5 (EQD2 30) + 8 Gy / 1 (EQD2 20) at α/β = 2 Gy.
            #expect(t8["cumulativeDoseGy"] as? Double == 28)
            #expect(t8["cumulativeEQD2Gy"] as? Double == 50)
            #expect((t8["observations"] as? [[String: Any]])?.first?["sins"] as? Int != nil)
            #expect((t8["treatments"] as? [[String: Any]])?.count == 2)
            #expect(levels[0]["cumulativeEQD2Gy"] as? Double == 0)
            #expect((spine.json["eqd2Statement"] as? String)?.contains("α/β = 2 Gy") == true)
            #expect((t8["doseNotes"] as? [String]) == [])
        }
    }

    @Test func anUndatedCourseInTwoVersionsIsCountedOnceAndSaid() async throws {
        try await withSpineApp { t, tokens in
            let doc = Fixtures.edit(Fixtures.caseJSON("v01", record: "MRN-S2"), #""priorRadiation": null"#,
                                    #""priorRadiation": {"doseGy": 8, "fractions": 1}"#)
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.radiationOncologist], json: doc).json["id"] as? String)
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.radiationOncologist], json: doc,
                                       headers: ["If-Match": "\"v1\""]) == .ok)
            let spine = try await t.send(.GET, "/api/v1/cases/\(id)/spine", token: tokens[.radiationOncologist])
            let levels = try #require(spine.json["levels"] as? [[String: Any]])
            let irradiated = levels.filter { ($0["cumulativeDoseGy"] as? Double ?? 0) > 0 }
            #expect(!irradiated.isEmpty)
            for level in irradiated {
                // Once (8 Gy, EQD2 20), not twice, and the level says why.
                #expect(level["cumulativeDoseGy"] as? Double == 8 && level["cumulativeEQD2Gy"] as? Double == 20)
                #expect((level["doseNotes"] as? [String])?.first?.contains("without a date is recorded in case version 1, case version 2: counted once") == true)
            }
            let web = WebClient(t)
            try await web.signIn("radiation-oncologist")
            let page = try await web.get("/cases/\(id)/spine")
            #expect(page.status == .ok && page.html.contains("counted once; if it was given more than once"))
        }
    }
}
