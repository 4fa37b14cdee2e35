// The team workflow's access rules and input checks found wanting by the audits: "next" takes a
// meeting of the case's own care team, an attendee reads a case but cannot join its team, a
// meeting's start is a real date near today, reviews use the limits of a delivered course, refuse
// repeated lesions and empty revisions, decisions are on the current version, not repeated, with
// every error at once, and "ad-hoc" does not put a case on two agendas. The outsider is an account
// of its own, on no care team.
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import SpineServer
@testable import SpineCore

@Suite("Team: access and validation hardening")
struct TeamValidationTests {
    /// A clinician with an account of their own and no case: signs in and returns the token.
    static func outsider(_ t: TestContext, _ username: String = "outsider", role: Role = .spineSurgeon) async throws -> String {
        _ = try await UserAccounts.create(username: username, role: role.rawValue,
                                          passwordHash: try Bcrypt.hash(TestContext.password, cost: 4), on: t.app.db)
        return try await t.login(username)
    }

    @Test func codeListsNameTheBadOrRepeatedEntryInEachForm() {
        // One check serves a decision's goals, a visit's symptoms and a treatment's levels: each
        // error at its index, with the form's own wording.
        let today = CalendarDate(iso: "2026-11-27")!
        var visit = FollowUpInput(visitDate: "2026-11-20")
        visit.neuroSymptoms = ["numbness", "tingling", "numbness"]
        let symptoms = FollowUpService.validate(visit, today: today, bornOn: nil)
        #expect(symptoms.map(\.path) == ["neuroSymptoms[1]", "neuroSymptoms[2]"])
        #expect(symptoms.first?.message.hasPrefix("must be one of: limb-weakness | numbness") == true)
        #expect(symptoms.last?.message == "repeats numbness")
        let treatment = TreatmentInput(kind: "surgery", levels: ["T8", "X9", "T8"], givenOn: "2026-11-20")
        let levels = FollowUpService.validate(treatment, today: today, bornOn: nil)
        #expect(levels.map(\.path) == ["levels[1]", "levels[2]"])
        #expect(levels.map(\.message) == ["must be a level C1…C7, T1…T12, L1…L5, S1…S5", "repeats T8; list each level once"])
        var goals: [CaseValidationError] = []
        InputChecks.codeList(["pain-relief", "fame", "pain-relief"], "goals", isValid: { TreatmentGoal(rawValue: $0) != nil },
                             invalid: "must be a goal", repeatHint: "list each goal once") { goals.append(CaseValidationError(path: $0, message: $1)) }
        #expect(goals.map(\.message) == ["must be a goal", "repeats pain-relief; list each goal once"])
    }

    static func createCase(_ t: TestContext, _ token: String?, _ vignette: String, record: String) async throws -> String {
        let res = try await t.send(.POST, "/api/v1/cases", token: token, json: Fixtures.caseJSON(vignette, record: record))
        try #require(res.status == .created, "\(res.body.string)")
        return try #require(res.json["id"] as? String)
    }

    static func meeting(_ t: TestContext, _ token: String?, title: String, at: String, attendees: [String] = []) async throws -> String {
        try await BoardTests.meeting(t, token, title: title, at: at, attendees: attendees)
    }

    // MARK: - Defect 1a: "next"

    @Test func nextTakesAMeetingOfTheCasesCareTeamNotAnOutsidersEarlierOne() async throws {
        try await withSpineApp(wholeTeam: false) { t, tokens in
            let outsider = try await Self.outsider(t)
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v01", record: "MRN-NX1")
            let board = try await Self.meeting(t, tokens[.nurseNavigator], title: "Team board", at: "2026-12-03T16:00:00Z")
            // The outsider creates an earlier meeting, hoping to capture cases scheduled to "next".
            let trap = try await Self.meeting(t, outsider, title: "Trap board", at: "2026-11-28T16:00:00Z")
            let scheduled = try await t.send(.POST, "/api/v1/cases/\(id)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"next"}"#)
            #expect(scheduled.status == .created, "\(scheduled.body.string)")
            #expect(scheduled.json["meetingId"] as? String == board)
            #expect(scheduled.json["meetingId"] as? String != trap)
            // The outsider's meeting stays empty and the case stays out of reach.
            let trapDetail = try await t.send(.GET, "/api/v1/meetings/\(trap)", token: outsider)
            #expect(trapDetail.status == .ok && (trapDetail.json["agenda"] as? [Any])?.isEmpty == true)
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: outsider) == .forbidden)

            // A case whose care team (the surgeon alone) has no meeting: "next" says so, even with
            // other people's meetings coming up.
            let other = try await Self.createCase(t, tokens[.spineSurgeon], "v01", record: "MRN-NX2")
            let none = try await t.send(.POST, "/api/v1/cases/\(other)/schedule", token: tokens[.spineSurgeon], json: #"{"meeting":"next"}"#)
            #expect(none.status == .unprocessableEntity)
            #expect(none.errorPaths == ["meeting"])
            #expect(try await AgendaItemModel.query(on: t.app.db).count() == 1)
            // Listing a member as attendee does not make a meeting the team's: the chair lists
            // attendees without their consent, so this is the outsider's trap again.
            let listed = try await Self.meeting(t, outsider, title: "Listed board", at: "2026-11-29T16:00:00Z", attendees: ["spine-surgeon"])
            let stillNone = try await t.send(.POST, "/api/v1/cases/\(other)/schedule", token: tokens[.spineSurgeon], json: #"{"meeting":"next"}"#)
            #expect(stillNone.status == .unprocessableEntity)
            #expect(try await t.status(.GET, "/api/v1/cases/\(other)", token: outsider) == .forbidden)
            // The member may still choose that meeting by its id (their decision, not a capture).
            let chosen = try await t.send(.POST, "/api/v1/cases/\(other)/schedule", token: tokens[.spineSurgeon], json: #"{"meeting":"\#(listed)"}"#)
            #expect(chosen.status == .created)
            // A meeting the member chairs is the team's.
            let own = try await Self.meeting(t, tokens[.spineSurgeon], title: "Surgeon's board", at: "2026-11-30T16:00:00Z")
            let third = try await Self.createCase(t, tokens[.spineSurgeon], "v01", record: "MRN-NX3")
            let next = try await t.send(.POST, "/api/v1/cases/\(third)/schedule", token: tokens[.spineSurgeon], json: #"{"meeting":"next"}"#)
            #expect(next.status == .created)
            #expect(next.json["meetingId"] as? String == own)
        }
    }

    // MARK: - Defect 1b: joining the care team

    @Test func anAttendeeReadsTheCaseButNeitherJoinsNorChangesItsCareTeam() async throws {
        try await withSpineApp(wholeTeam: false) { t, tokens in
            let outsider = try await Self.outsider(t)
            // v01 (routine): the navigator creates it (a member); radiation and medical oncology are invited.
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v01", record: "MRN-AT1")
            let meeting = try await Self.meeting(t, tokens[.nurseNavigator], title: "Spine board", at: "2026-11-30T16:00:00Z", attendees: ["outsider"])
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"\#(meeting)"}"#) == .created)
            // The attendee reads the case (the agenda's read access)…
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: outsider) == .ok)
            let team = try await t.send(.GET, "/api/v1/cases/\(id)/team", token: tokens[.nurseNavigator])
            let navigatorEntry = try #require((team.json["members"] as? [[String: Any]])?.first?["id"] as? String)
            // …but adds no one (themselves included), invites no role and removes no one.
            let addSelf = try await t.send(.POST, "/api/v1/cases/\(id)/team", token: outsider, json: #"{"username":"outsider"}"#)
            #expect(addSelf.status == .forbidden)
            #expect((addSelf.json["type"] as? String)?.hasSuffix("not-on-care-team") == true)
            #expect((addSelf.json["detail"] as? String)?.contains("not a right to share it") == true)
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/team", token: outsider, json: #"{"role":"physiatrist"}"#) == .forbidden)
            #expect(try await t.status(.DELETE, "/api/v1/cases/\(id)/team/\(navigatorEntry)", token: outsider) == .forbidden)
            // Nor through the case page.
            let web = WebClient(t)
            try await web.signIn("outsider")
            let page = try await web.get("/cases/\(id)")
            #expect(page.status == .ok)
            let viaPage = try await web.post("/cases/\(id)/team", [("_csrf", WebClient.csrf(page.html)), ("mode", "person"), ("username", "outsider")])
            #expect(viaPage.status == .forbidden)
            // No invitation for the outsider's role: joining is refused too.
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/team/join", token: outsider) == .forbidden)
            // Nothing changed, and every refusal is audited once, with the patient.
            let entries = try await CareTeamMemberModel.query(on: t.app.db).all()
            #expect(!entries.contains { $0.username == "outsider" })
            #expect(!entries.contains { $0.role == Role.physiatrist.rawValue })
            #expect(entries.contains { $0.id?.uuidString == navigatorEntry })
            let denied = try await AuditEventModel.query(on: t.app.db).filter(\.$action == "team.update").filter(\.$outcome == "denied")
                .filter(\.$actorUsername == "outsider").all()
            #expect(denied.count == 4)
            #expect(denied.allSatisfy { $0.patientRecord == "MRN-AT1" })
            // Still read-only after the attempts.
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: outsider) == .ok)

            // Members, administrators and invitations work as before.
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/team", token: tokens[.nurseNavigator], json: #"{"username":"spine-surgeon"}"#) == .created)
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/team", token: tokens[.admin], json: #"{"username":"physiatrist"}"#) == .created)
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/team/join", token: tokens[.radiationOncologist]) == .ok)
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: tokens[.radiationOncologist]) == .ok)
            #expect(try await AuditChain.verify(on: t.app.db).isIntact)
        }
    }

    // MARK: - Sharing through an agenda

    @Test func anAttendeePutsTheCaseOnNoOtherMeeting() async throws {
        try await withSpineApp(wholeTeam: false) { t, tokens in
            let outsider = try await Self.outsider(t)
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v01", record: "MRN-SH1")
            let board = try await Self.meeting(t, tokens[.nurseNavigator], title: "Spine board", at: "2026-11-30T16:00:00Z", attendees: ["outsider"])
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"\#(board)"}"#) == .created)
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: outsider) == .ok)
            // The attendee's own meeting, with people of their choosing.
            let own = try await Self.meeting(t, outsider, title: "My board", at: "2026-11-29T16:00:00Z", attendees: ["physiatrist"])
            let byCase = try await t.send(.POST, "/api/v1/cases/\(id)/schedule", token: outsider, json: #"{"meeting":"\#(own)"}"#)
            #expect(byCase.status == .forbidden)
            #expect((byCase.json["type"] as? String)?.hasSuffix("not-on-care-team") == true)
            #expect((byCase.json["detail"] as? String)?.contains("put the case on a meeting's agenda") == true)
            #expect(try await t.status(.POST, "/api/v1/meetings/\(own)/agenda", token: outsider, json: #"{"caseId":"\#(id)"}"#) == .forbidden)
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/schedule", token: outsider, json: #"{"meeting":"ad-hoc"}"#) == .forbidden)
            // Nor through the case page, which offers no scheduling form to the attendee.
            let web = WebClient(t)
            try await web.signIn("outsider")
            let page = try await web.get("/cases/\(id)")
            #expect(page.status == .ok)
            #expect(!page.html.contains("action=\"/cases/\(id)/schedule\""))
            #expect(page.html.contains("Only the care team's members put the case on a meeting's agenda"))
            let viaPage = try await web.post("/cases/\(id)/schedule", [("_csrf", WebClient.csrf(page.html)), ("meeting", own)])
            #expect(viaPage.status == .forbidden)
            // Nothing was scheduled: one agenda entry (the board's), and no meeting was made ad hoc.
            #expect(try await AgendaItemModel.query(on: t.app.db).count() == 1)
            #expect(try await MeetingModel.query(on: t.app.db).count() == 2)
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: try await t.login("physiatrist")) == .forbidden)
            // Every refusal is audited with the patient.
            let denied = try await AuditEventModel.query(on: t.app.db).filter(\.$action == "case.schedule").filter(\.$outcome == "denied")
                .filter(\.$actorUsername == "outsider").all()
            #expect(denied.count == 4)
            #expect(denied.allSatisfy { $0.patientRecord == "MRN-SH1" })
            // A member still schedules it on any meeting, the attendee's included.
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"\#(own)"}"#) == .created)
        }
    }

    @Test func anAgendaShowsItsCasesUntilFourteenDaysAfterTheMeeting() async throws {
        try await withSpineApp(wholeTeam: false) { t, tokens in
            var outsider = try await Self.outsider(t)
            // The clock starts on 2026-11-27 09:00; the meeting is the next day at 16:00.
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v01", record: "MRN-EX1")
            let board = try await Self.meeting(t, tokens[.nurseNavigator], title: "Spine board", at: "2026-11-28T16:00:00Z", attendees: ["outsider"])
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"\#(board)"}"#) == .created)
            func worklistTotal() async throws -> Int? {
                try await t.send(.GET, "/api/v1/patients", token: outsider).json["total"] as? Int
            }
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: outsider) == .ok)
            #expect(try await worklistTotal() == 1)
            // 2026-12-12 15:00: an hour before the window ends (sessions have expired: sign in again).
            t.clock.advance(86_400 * 15 + 6 * 3600)
            outsider = try await t.login("outsider")
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: outsider) == .ok)
            #expect(try await worklistTotal() == 1)
            let web = WebClient(t)
            try await web.signIn("outsider")
            #expect(try await web.get("/meetings/\(board)/cases/1").status == .ok)
            // 2026-12-12 17:00: the window has ended; the worklist remembered its page, and retires it.
            t.clock.advance(2 * 3600)
            outsider = try await t.login("outsider")
            let late = try await t.send(.GET, "/api/v1/cases/\(id)", token: outsider)
            #expect(late.status == .forbidden, "\(late.status) \(late.body.string.prefix(300))")
            #expect(try await worklistTotal() == 0)
            #expect(try await web.get("/meetings/\(board)/cases/1").status == .forbidden)
            let list = try await t.send(.GET, "/api/v1/patients", token: outsider)
            #expect((list.json["items"] as? [Any])?.isEmpty == true)
            // The care team keeps the case.
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: try await t.login(Role.nurseNavigator.rawValue)) == .ok)
        }
    }

    // MARK: - Defect 2: a meeting's start

    @Test func aMeetingStartsOnADateThatExistsNearToday() async throws {
        try await withSpineApp { t, tokens in
            // Today is 2026-11-27 (the test clock): from 2025-11-27 to 2028-11-27.
            for startsAt in ["2026-02-30T16:00:00Z", "2026-11-31T16:00:00Z", "2027-02-29T10:00:00Z", "2026-12-01T24:00:00Z",
                             "2026-12-01T16:60:00Z", "2026-12-01T16:00:60Z", "2026-13-01T16:00:00Z", "2026-12-01T16:00:00+19:00",
                             "2062-11-30T16:00:00Z", "0026-11-30T16:00:00Z", "9999-12-31T23:59:59Z", "2025-11-01T16:00:00Z",
                             "2029-01-01T00:00:00Z", "2026-12-01", "2026-12-01T16:00:00"] {
                let res = try await t.send(.POST, "/api/v1/meetings", token: tokens[.nurseNavigator],
                                           json: #"{"title":"Board","startsAt":"\#(startsAt)"}"#)
                #expect(res.status == .unprocessableEntity, "\(startsAt): \(res.status)")
                #expect(res.errorPaths == ["startsAt"], "\(startsAt)")
            }
            #expect(try await MeetingModel.query(on: t.app.db).count() == 0)
            // Real dates within the bounds, in UTC as stored.
            for (startsAt, stored) in [("2028-02-29T16:00:00Z", "2028-02-29T16:00:00.000Z"), ("2026-12-01T17:00:00+01:00", "2026-12-01T16:00:00.000Z"),
                                       ("2026-12-01T16:00:00.5Z", "2026-12-01T16:00:00.500Z"), ("2026-06-01T16:00:00Z", "2026-06-01T16:00:00.000Z")] {
                let res = try await t.send(.POST, "/api/v1/meetings", token: tokens[.nurseNavigator],
                                           json: #"{"title":"Board","startsAt":"\#(startsAt)"}"#)
                #expect(res.status == .created, "\(startsAt): \(res.body.string)")
                #expect(res.json["startsAt"] as? String == stored, "\(startsAt)")
            }
            // The page's form: the error at its field.
            let web = WebClient(t)
            try await web.signIn("nurse-navigator")
            let csrf = WebClient.csrf(try await web.get("/meetings").html)
            let refused = try await web.post("/meetings", [("_csrf", csrf), ("title", "Board"), ("startsAt", "2026-02-30T16:00")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.html.contains("id=\"meeting-startsAt-error\""))
            #expect(try await MeetingModel.query(on: t.app.db).count() == 4)
        }
    }

    // MARK: - Defect 3: reviews

    @Test func aProposedRegimenHasTheLimitsOfADeliveredCourse() async throws {
        try await withSpineApp { t, tokens in
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v01", record: "MRN-RV1")
            let single = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.radiationOncologist],
                                          json: #"{"caseVersion":1,"proposedRegimen":{"doseGy":80,"fractions":1,"technique":"sbrt"}}"#)
            #expect(single.status == .unprocessableEntity)
            #expect(single.errorPaths == ["proposedRegimen.doseGy"])
            #expect(single.body.string.contains("30 Gy per fraction"))
            let over = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.radiationOncologist],
                                        json: #"{"caseVersion":1,"proposedRegimen":{"doseGy":151,"fractions":51,"technique":"cebrt"}}"#)
            #expect(Set(over.errorPaths) == ["proposedRegimen.doseGy", "proposedRegimen.fractions"])
            let tiny = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.radiationOncologist],
                                        json: #"{"caseVersion":1,"proposedRegimen":{"doseGy":0.4,"fractions":1,"technique":"cebrt"}}"#)
            #expect(tiny.errorPaths == ["proposedRegimen.doseGy"])
            #expect(try await ReviewModel.query(on: t.app.db).count() == 0)
            let sbrt = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.radiationOncologist],
                                        json: #"{"caseVersion":1,"proposedRegimen":{"doseGy":24,"fractions":3,"technique":"sbrt"}}"#)
            #expect(sbrt.status == .created, "\(sbrt.body.string)")
        }
    }

    @Test func aReviewCorrectsEachLesionOnce() async throws {
        try await withSpineApp { t, tokens in
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v01", record: "MRN-RV2")
            for (body, path) in [
                (#"{"caseVersion":1,"lesions":[{"levels":["T8"],"escc":"2"},{"levels":["T8"],"escc":"1a"}]}"#, "lesions[1].levels"),
                (#"{"caseVersion":1,"lesions":[{"levels":["T7","T8"],"escc":"2"},{"levels":["T8","T7"],"pain":"mechanical"}]}"#, "lesions[1].levels"),
                (#"{"caseVersion":1,"lesions":[{"levels":["T8","T8"],"escc":"2"}]}"#, "lesions[0].levels"),
            ] {
                let res = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.diagnosticRadiologist], json: body)
                #expect(res.status == .unprocessableEntity, "\(body)")
                #expect(res.errorPaths == [path], "\(body): \(res.body.string)")
            }
            // Nothing written: no review, no new case version.
            #expect(try await ReviewModel.query(on: t.app.db).count() == 0)
            #expect(try await t.send(.GET, "/api/v1/cases/\(id)", token: tokens[.nurseNavigator]).json["version"] as? Int == 1)
            // One correction of the lesion is fine.
            let once = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.diagnosticRadiologist],
                                        json: #"{"caseVersion":1,"lesions":[{"levels":["T8"],"escc":"2"}]}"#)
            #expect(once.status == .created && once.json["newCaseVersion"] as? Int == 2, "\(once.body.string)")
        }
    }

    @Test func aReviewThatRecordsNothingIsRefusedAndTheEarlierOneStays() async throws {
        try await withSpineApp { t, tokens in
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v01", record: "MRN-RV3")
            let first = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.radiationOncologist],
                                         json: #"{"caseVersion":1,"proposedRegimen":{"doseGy":8,"fractions":1,"technique":"cebrt"},"text":"Single fraction for pain."}"#)
            #expect(first.status == .created)
            for body in [#"{"caseVersion":1}"#, #"{"caseVersion":1,"text":"  \n "}"#, #"{"caseVersion":1,"text":"","priorRadiationNoted":" "}"#] {
                let empty = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.radiationOncologist], json: body)
                #expect(empty.status == .unprocessableEntity, "\(body)")
                #expect(Set(empty.errorPaths) == ["text", "priorRadiationNoted", "proposedRegimen"], "\(body): \(empty.body.string)")
            }
            // A role without structured fields is pointed at the text.
            let navigator = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.nurseNavigator], json: #"{"caseVersion":1}"#)
            #expect(navigator.errorPaths == ["text"])
            // The radiation oncologist's latest review is still the substantive one.
            let latest = try await t.send(.GET, "/api/v1/cases/\(id)/reviews", token: tokens[.nurseNavigator]).jsonArray
            #expect(latest.count == 1)
            let review = try #require(latest.first?["review"] as? [String: Any])
            #expect((review["proposedRegimen"] as? [String: Any])?["fractions"] as? Int == 1)
            #expect(try await ReviewModel.query(on: t.app.db).count() == 1)
            // A text alone is a review.
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.nurseNavigator],
                                       json: #"{"caseVersion":1,"text":"Transport arranged."}"#) == .created)
        }
    }

    // MARK: - Defect 4: decisions

    @Test func aDecisionReportsEveryErrorAtOnceAndRefusesRepeatedGoals() async throws {
        try await withSpineApp { t, tokens in
            // v03: the top-ranked main option is cebrt.
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v03", record: "MRN-DC1")
            let both = try await t.send(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.spineSurgeon],
                                        json: #"{"caseVersion":1,"options":[{"code":"decompression-stabilization"}],"patientPreferences":" "}"#)
            #expect(both.status == .unprocessableEntity)
            #expect(Set(both.errorPaths) == ["patientPreferences", "departureReason"], "\(both.body.string)")
            let more = try await t.send(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.spineSurgeon], json: #"""
                {"caseVersion":1,"options":[{"code":"decompression-stabilization"}],"patientPreferences":"",
                 "dissent":[{"username":"ghost","reason":"Would irradiate"}],"meetingId":"\#(UUID().uuidString)"}
                """#)
            #expect(Set(more.errorPaths) == ["patientPreferences", "departureReason", "dissent[0].username", "meetingId"], "\(more.body.string)")
            let goals = try await t.send(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.spineSurgeon],
                                         json: #"{"caseVersion":1,"options":[{"code":"cebrt"}],"goals":["pain-relief","tumor-control","pain-relief"],"patientPreferences":"Agrees"}"#)
            #expect(goals.status == .unprocessableEntity)
            #expect(goals.errorPaths == ["goals[2]"])
            #expect(try await DecisionModel.query(on: t.app.db).count() == 0)
        }
    }

    @Test func theSameDecisionTwiceIsRecordedOnce() async throws {
        try await withSpineApp { t, tokens in
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v03", record: "MRN-DC2")
            let decision = #"{"caseVersion":1,"options":[{"code":"cebrt","regimen":"8 Gy × 1"}],"goals":["pain-relief","neurological-function"],"patientPreferences":"Agrees"}"#
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.spineSurgeon], json: decision) == .created)
            let tasks = try await TaskModel.query(on: t.app.db).count()
            t.clock.advance(60)
            // Sent again, or with the goals in another order: the same decision.
            for body in [decision, Fixtures.edit(decision, #"["pain-relief","neurological-function"]"#, #"["neurological-function","pain-relief"]"#)] {
                let again = try await t.send(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.radiationOncologist], json: body)
                #expect(again.status == .conflict, "\(again.body.string)")
                #expect((again.json["type"] as? String)?.hasSuffix("duplicate-decision") == true)
            }
            #expect(try await DecisionModel.query(on: t.app.db).count() == 1)
            #expect(try await TaskModel.query(on: t.app.db).count() == tasks)
            // Another decision is recorded; after it, the first one again is a change of mind, not a repeat.
            let other = Fixtures.edit(decision, #"[{"code":"cebrt","regimen":"8 Gy × 1"}]"#, #"[{"code":"cebrt","regimen":"20 Gy / 5"},{"code":"dexamethasone"}]"#)
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.spineSurgeon], json: other) == .created)
            t.clock.advance(60)
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.spineSurgeon], json: decision) == .created)
            #expect(try await DecisionModel.query(on: t.app.db).count() == 3)
        }
    }

    @Test func aDecisionOnASupersededCaseVersionIsAConflict() async throws {
        try await withSpineApp { t, tokens in
            let doc = Fixtures.caseJSON("v03", record: "MRN-DC3")
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v03", record: "MRN-DC3")
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon],
                                       json: Fixtures.edit(doc, #""karnofsky": 60"#, #""karnofsky": 50"#), headers: ["If-Match": "\"v1\""]) == .ok)
            let stale = try await t.send(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.spineSurgeon],
                                         json: #"{"caseVersion":1,"options":[{"code":"cebrt"}],"patientPreferences":"Agrees"}"#)
            #expect(stale.status == .conflict)
            #expect((stale.json["type"] as? String)?.hasSuffix("stale-version") == true)
            let detail = try #require(stale.json["detail"] as? String)
            #expect(detail.contains("version 2") && detail.contains("reload"))
            let future = try await t.send(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.spineSurgeon],
                                          json: #"{"caseVersion":3,"options":[{"code":"cebrt"}],"patientPreferences":"Agrees"}"#)
            #expect(future.status == .unprocessableEntity && future.errorPaths == ["caseVersion"])
            // The decision form says so too.
            let web = WebClient(t)
            try await web.signIn("spine-surgeon")
            let form = try await web.get("/cases/\(id)/decide")
            let refused = try await web.post("/cases/\(id)/decide", [("_csrf", WebClient.csrf(form.html)), ("caseVersion", "1"), ("main", "cebrt"),
                                                                    ("patientPreferences", "Agrees")])
            #expect(refused.status == .conflict)
            #expect(refused.html.contains("reload the case"))
            #expect(try await DecisionModel.query(on: t.app.db).count() == 0)
            let current = try await t.send(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.spineSurgeon],
                                           json: #"{"caseVersion":2,"options":[{"code":"cebrt"}],"patientPreferences":"Agrees"}"#)
            #expect(current.status == .created, "\(current.body.string)")
        }
    }

    // MARK: - Defect 5: "ad-hoc" twice

    @Test func adHocTwiceIsAConflictNamingTheMeeting() async throws {
        try await withSpineApp { t, tokens in
            let routine = try await Self.createCase(t, tokens[.nurseNavigator], "v01", record: "MRN-AH1")
            let first = try await t.send(.POST, "/api/v1/cases/\(routine)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"ad-hoc"}"#)
            #expect(first.status == .created)
            let adHoc = try #require(first.json["meetingId"] as? String)
            let twice = try await t.send(.POST, "/api/v1/cases/\(routine)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"ad-hoc"}"#)
            #expect(twice.status == .conflict)
            #expect((twice.json["type"] as? String)?.hasSuffix("already-on-agenda") == true)
            #expect((twice.json["detail"] as? String)?.contains(adHoc) == true)
            #expect(try await MeetingModel.query(on: t.app.db).count() == 1)
            #expect(try await AgendaItemModel.query(on: t.app.db).count() == 1)
            // Waiting on a planned meeting: ad-hoc names it.
            let board = try await Self.meeting(t, tokens[.nurseNavigator], title: "Spine board", at: "2026-11-30T16:00:00Z")
            let other = try await Self.createCase(t, tokens[.nurseNavigator], "v01", record: "MRN-AH2")
            #expect(try await t.status(.POST, "/api/v1/cases/\(other)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"\#(board)"}"#) == .created)
            let waiting = try await t.send(.POST, "/api/v1/cases/\(other)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"ad-hoc"}"#)
            #expect(waiting.status == .conflict)
            #expect((waiting.json["detail"] as? String)?.contains("Spine board") == true)
            // An emergency does not wait for a meeting days away: ad-hoc once, then it is on one now.
            let emergency = try await Self.createCase(t, tokens[.nurseNavigator], "v03", record: "MRN-AH3")
            #expect(try await t.status(.POST, "/api/v1/cases/\(emergency)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"\#(board)"}"#) == .created)
            #expect(try await t.status(.POST, "/api/v1/cases/\(emergency)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"ad-hoc"}"#) == .created)
            let again = try await t.send(.POST, "/api/v1/cases/\(emergency)/schedule", token: tokens[.nurseNavigator], json: #"{"meeting":"ad-hoc"}"#)
            #expect(again.status == .conflict)
            #expect((again.json["detail"] as? String)?.contains("Ad-hoc tumour board") == true)
            #expect(try await MeetingModel.query(on: t.app.db).filter(\.$kind == "ad-hoc").count() == 2)
        }
    }

    @Test func aSurgeonsNotOperableReachesTheAssessment() async throws {
        try await withSpineApp { t, tokens in
            // v04: unstable (SINS 15), medically operable; stabilisation ranks first.
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v04", record: "MRN-OP1")
            let before = try await t.send(.GET, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon])
            let firstBefore = ((before.json["assessment"] as? [String: Any])?["options"] as? [[String: Any]])?.first?["code"] as? String
            #expect(firstBefore == "stabilization")
            // "Operable, high risk" leaves the case as it is (still operable): no new version.
            let highRisk = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.spineSurgeon],
                                            json: #"{"caseVersion":1,"operability":"operable-high-risk"}"#)
            #expect(highRisk.status == .created && highRisk.json["newCaseVersion"] == nil)
            let review = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.spineSurgeon],
                                          json: #"{"caseVersion":1,"operability":"not-operable","text":"Not fit for open surgery."}"#)
            #expect(review.status == .created, "\(review.body.string)")
            #expect(review.json["newCaseVersion"] as? Int == 2)
            let after = try await t.send(.GET, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon])
            #expect(((after.json["case"] as? [String: Any])?["systemic"] as? [String: Any])?["medicallyOperable"] as? Bool == false)
            let options = ((after.json["assessment"] as? [String: Any])?["options"] as? [[String: Any]]) ?? []
            #expect(options.first?["code"] as? String != "stabilization")
        }
    }
}
