// Defects found by auditing the running service, each pinned by the request that showed it: a
// crash on a page number, a password check that bcrypt cut short, dates and findings a case
// document would refuse, duplicate members, control characters, paths in errors and in the audit
// trail, what a refused user learns, an escalation lost to an unrelated edit, redirects, report
// bounds, and database logging.
import Fluent
import Foundation
import SpineCore
import Testing
import VaporTesting
@testable import SpineServer

@Suite("Hardening")
struct HardeningTests {
    @Test func anAuditPageBeyondTheLimitIsRefusedAndTheServiceStaysUp() async throws {
        try await withSpineApp { t, tokens in
            // Before: (page - 1) * perPage overflowed and the process trapped.
            let res = try await t.send(.GET, "/api/v1/audit?page=100000000000000000", token: tokens[.admin])
            #expect(res.status == .unprocessableEntity && res.errorPaths == ["page"])
            #expect(try await t.status(.GET, "/api/v1/audit?page=1000000", token: tokens[.admin]) == .ok)
            #expect(try await t.status(.GET, "/health") == .ok)
        }
    }

    @Test func aPasswordIsCheckedWholeNeverUpToANul() async throws {
        try await withSpineApp { t, tokens in
            // bcrypt stops at NUL: a password of NULs, or the right one followed by NUL and anything, verified.
            let nuls = try await t.send(.POST, "/api/v1/users", token: tokens[.admin],
                                        json: #"{"username":"newdoc","role":"spine-surgeon","password":"\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"}"#)
            #expect(nuls.status == .unprocessableEntity && nuls.errorPaths == ["password"])
            let suffixed = try await t.send(.POST, "/api/v1/session",
                                            json: #"{"username":"spine-surgeon","password":"\#(TestContext.password)\u0000anything"}"#)
            #expect(suffixed.status == .unauthorized)
            #expect(try await t.status(.POST, "/api/v1/session",
                                       json: #"{"username":"spine-surgeon","password":"\#(TestContext.password)"}"#) == .ok)
            // An unknown member of a new account is an error, not dropped.
            let extra = try await t.send(.POST, "/api/v1/users", token: tokens[.admin],
                                         json: #"{"username":"newdoc","role":"spine-surgeon","password":"long enough pw","email":"x@y"}"#)
            #expect(extra.status == .unprocessableEntity && extra.errorPaths == ["email"])
        }
    }

    @Test func followUpAndTreatmentDatesAndFindingsFollowTheCaseDocumentsRules() async throws {
        try await withSpineApp { t, tokens in
            // v01's patient was born on 1968-03-25.
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.physiatrist],
                                                   json: Fixtures.caseJSON("v01", record: "H-1")).json["id"] as? String)
            let early = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                         json: #"{"visitDate":"1026-11-20","frankel":"C","ambulation":"nonAmbulatory"}"#)
            #expect(early.status == .unprocessableEntity && early.errorPaths == ["visitDate"])
            let walking = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                           json: #"{"visitDate":"2026-11-20","frankel":"A","ambulation":"independent","asia":"E"}"#)
            #expect(walking.status == .unprocessableEntity && Set(walking.errorPaths) == ["ambulation", "asia"])
            #expect(try await FollowUpModel.query(on: t.app.db).count() == 0)
            #expect(try await CaseModel.query(on: t.app.db).first()?.escalation == nil)
            let course = try await t.send(.POST, "/api/v1/cases/\(id)/treatments", token: tokens[.radiationOncologist],
                                          json: #"{"kind":"radiation","levels":["T8","T8"],"givenOn":"0001-01-01","doseGy":8,"fractions":1}"#)
            #expect(course.status == .unprocessableEntity && Set(course.errorPaths) == ["levels[1]", "givenOn"])
            #expect(try await TreatmentModel.query(on: t.app.db).count() == 0)
        }
    }

    @Test func teamBodiesRefuseDuplicateMembersAndControlCharactersAndNameTheField() async throws {
        try await withSpineApp { t, tokens in
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.physiatrist],
                                                   json: Fixtures.caseJSON("v01", record: "H-2")).json["id"] as? String)
            let twice = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                         json: #"{"visitDate":"2026-11-02","painScore":9,"painScore":1}"#)
            #expect(twice.status == .badRequest && (twice.json["detail"] as? String)?.contains("painScore") == true)
            let control = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                           json: #"{"visitDate":"2026-11-02","painScore":3,"notes":"a\u0000\u001b[2J"}"#)
            #expect(control.status == .unprocessableEntity && control.errorPaths == ["notes"])
            let lines = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                         json: #"{"visitDate":"2026-11-02","painScore":3,"notes":"first line\nsecond line"}"#)
            #expect(lines.status == .created) // free text keeps its line breaks
            let bidi = try await t.send(.POST, "/api/v1/meetings", token: tokens[.nurseNavigator],
                                        json: #"{"title":"Board \u202eevil","startsAt":"2026-11-30T16:00:00Z"}"#)
            #expect(bidi.status == .unprocessableEntity && bidi.errorPaths == ["title"])
            // A number that does not fit, and a member missing inside an object, by their full paths.
            let fraction = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                            json: #"{"visitDate":"2026-11-02","painScore":3.5}"#)
            #expect(fraction.status == .unprocessableEntity && fraction.errorPaths == ["painScore"], "\(fraction.body.string)")
            let huge = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                        json: #"{"visitDate":"2026-11-02","painScore":99999999999999999999}"#)
            #expect(huge.status == .unprocessableEntity && huge.errorPaths == ["painScore"], "\(huge.body.string)")
            let nested = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.radiationOncologist],
                                          json: #"{"caseVersion":1,"proposedRegimen":{"doseGy":8,"fractions":1}}"#)
            #expect(nested.status == .unprocessableEntity && nested.errorPaths == ["proposedRegimen.technique"])
            let array = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist], json: "[]")
            #expect(array.status == .unprocessableEntity && (array.json["detail"] as? String)?.contains("JSON object") == true)
        }
    }

    @Test func aCaseIdFromTheURLIsAuditedAndEchoedOnlyIfItIsOne() async throws {
        try await withSpineApp { t, tokens in
            let res = try await t.send(.GET, "/api/v1/cases/ab%0A%1Bcd\(String(repeating: "Z", count: 300))/team", token: tokens[.physiatrist])
            #expect(res.status == .notFound)
            #expect((res.json["detail"] as? String)?.contains("ZZZ") == false)
            let events = try await AuditEventModel.query(on: t.app.db).filter(\.$outcome == AuditOutcome.notFound).all()
            #expect(!events.isEmpty && events.allSatisfy { $0.caseID.isEmpty })
        }
    }

    @Test func someoneOutsideTheCareTeamLearnsThatARecordHasACaseButNotWhich() async throws {
        try await withSpineApp(wholeTeam: false) { t, tokens in
            let doc = Fixtures.caseJSON("v01", record: "H-3")
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: doc).json["id"] as? String)
            let outsider = try await t.send(.POST, "/api/v1/cases", token: tokens[.physiatrist], json: doc)
            #expect(outsider.status == .conflict)
            #expect(outsider.json["caseId"] == nil && outsider.headers.first(name: .location) == nil)
            #expect(!outsider.body.string.contains(id))
            let member = try await t.send(.POST, "/api/v1/cases", token: tokens[.spineSurgeon], json: doc)
            #expect(member.status == .conflict && member.json["caseId"] as? String == id)
        }
    }

    @Test func anEditThatLeavesTheNeurologyAsItWasKeepsTheFollowUpEscalation() async throws {
        try await withSpineApp { t, tokens in
            let doc = Fixtures.caseJSON("v01", record: "H-4")
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.physiatrist], json: doc).json["id"] as? String)
            let worse = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                         json: #"{"visitDate":"2026-11-27","frankel":"D","ambulation":"withAid"}"#)
            #expect(worse.status == .created && worse.json["worsening"] != nil)
            // Only the survival estimate changes: the deterioration still stands.
            let painOnly = Fixtures.edit(doc, #""clinicianSurvivalEstimateMonths": 12"#, #""clinicianSurvivalEstimateMonths": 18"#)
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.physiatrist], json: painOnly, headers: ["If-Match": "\"v1\""]) == .ok)
            let head = try #require(try await CaseModel.query(on: t.app.db).first())
            #expect(head.escalation != nil && head.effectiveUrgency == .emergency)
            // The worklist still orders it as an emergency due now (the clock's first deadline).
            #expect(head.urgency == "emergency" && head.urgencyRank == 0 && head.nextDue == "2026-11-27")
            #expect(head.nextAction?.contains("Contact the MSCC coordinator") == true)
            // The edit form says so.
            let web = WebClient(t)
            try await web.signIn("physiatrist")
            let form = try await web.get("/cases/\(id)/edit")
            #expect(form.html.contains("The case stays an emergency until a version records the neurology anew"))
            // A version that records the examination (Frankel D) replaces it.
            let examined = Fixtures.edit(Fixtures.edit(painOnly, #""frankel": "E""#, #""frankel": "D""#), #""deficit": "none""#, #""deficit": "radiculopathy""#)
            let put = try await t.send(.PUT, "/api/v1/cases/\(id)", token: tokens[.physiatrist], json: examined, headers: ["If-Match": "\"v2\""])
            #expect(put.status == .ok, "\(put.body.string)")
            #expect(try await CaseModel.query(on: t.app.db).first()?.escalation == nil)
        }
    }

    @Test func aReExaminationThatFindsTheEarlierNeurologyClearsTheEscalationWhenSaidSo() async throws {
        try await withSpineApp { t, tokens in
            let doc = Fixtures.caseJSON("v01", record: "H-11")
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.physiatrist], json: doc).json["id"] as? String)
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                       json: #"{"visitDate":"2026-11-27","frankel":"D","ambulation":"withAid"}"#) == .created)
            // Examined again: Frankel E and walking, as in version 1. Without the flag it stands; with it, it clears.
            let bad = try await t.send(.PUT, "/api/v1/cases/\(id)?neurologyExamined=maybe", token: tokens[.physiatrist], json: doc,
                                       headers: ["If-Match": "\"v1\""])
            #expect(bad.status == .unprocessableEntity && bad.errorPaths == ["neurologyExamined"])
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.physiatrist], json: doc, headers: ["If-Match": "\"v1\""]) == .ok)
            #expect(try await CaseModel.query(on: t.app.db).first()?.escalation != nil)
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)?neurologyExamined=true", token: tokens[.physiatrist], json: doc,
                                       headers: ["If-Match": "\"v2\""]) == .ok)
            let head = try #require(try await CaseModel.query(on: t.app.db).first())
            #expect(head.escalation == nil && head.effectiveUrgency == .routine)
            // The web form's box does the same.
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                       json: #"{"visitDate":"2026-11-27","frankel":"C","ambulation":"nonAmbulatory"}"#) == .created)
            let web = WebClient(t)
            try await web.signIn("physiatrist")
            let form = try await web.get("/cases/\(id)/edit")
            #expect(form.html.contains(#"name="_neurologyExamined" form="case-form""#))
            var fields = WebClient.formFields(doc, csrf: WebClient.csrf(form.html), version: 3)
            fields.append(("_neurologyExamined", "on"))
            let saved = try await web.post("/cases/\(id)/edit", fields)
            #expect(saved.status == .seeOther, "\(saved.html.prefix(400))")
            #expect(try await CaseModel.query(on: t.app.db).first()?.escalation == nil)
        }
    }

    @Test func aRedirectTargetIsAPathOnThisSiteOrTheWorklist() {
        for raw in ["/\t/evil.example", "/\\evil.example", "//evil.example", "/\n/evil", "/x\u{7F}", "https://evil.example", "", "/a\\b"] {
            #expect(SignInPage.safeNext(raw) == "/", "\(raw.debugDescription)")
        }
        #expect(SignInPage.safeNext("/cases/abc?version=2#tasks") == "/cases/abc?version=2#tasks")
    }

    @Test func aReportPeriodEndsWhereTimestampsCanFollowIt() async throws {
        try await withSpineApp { t, tokens in
            let far = try await t.send(.GET, "/api/v1/reports/urgency-clock?from=2026-01-01&to=9999-12-31", token: tokens[.nurseNavigator])
            #expect(far.status == .unprocessableEntity && far.errorPaths == ["to"])
            #expect(try await t.status(.GET, "/api/v1/reports/urgency-clock?from=2026-01-01&to=9998-12-31", token: tokens[.nurseNavigator]) == .ok)
        }
    }

    @Test func deliveredRadiotherapyTheCaseDoesNotHoldIsFlaggedOnTheAssessmentPage() async throws {
        try await withSpineApp { t, tokens in
            let doc = Fixtures.caseJSON("v01", record: "H-5") // one lesion at T8, no prior radiation
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.radiationOncologist], json: doc).json["id"] as? String)
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/treatments", token: tokens[.radiationOncologist],
                                       json: #"{"kind":"radiation","levels":["T7","T8","T9"],"givenOn":"2026-10-01","doseGy":20,"fractions":5}"#) == .created)
            let web = WebClient(t)
            try await web.signIn("radiation-oncologist")
            let page = try await web.get("/cases/\(id)")
            #expect(page.html.contains("Delivered radiotherapy not in this assessment"))
            #expect(page.html.contains("20 Gy / 5 to T7–T9 on 2026-10-01"))
            // Once the case records the course, the assessment reads it and the notice goes.
            let recorded = Fixtures.edit(doc, #""priorRadiation": null"#, #""priorRadiation": {"doseGy": 20, "fractions": 5, "on": "2026-10-01"}"#)
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.radiationOncologist], json: recorded, headers: ["If-Match": "\"v1\""]) == .ok)
            #expect(!(try await web.get("/cases/\(id)")).html.contains("Delivered radiotherapy not in this assessment"))
        }
    }

    @Test func theWorklistSearchMatchesItsTextLiterally() async throws {
        try await withSpineApp { t, tokens in
            _ = try await t.send(.POST, "/api/v1/cases", token: tokens[.physiatrist], json: Fixtures.caseJSON("v01", record: "H-6", name: "Ann Lee"))
            _ = try await t.send(.POST, "/api/v1/cases", token: tokens[.physiatrist], json: Fixtures.caseJSON("v04", record: "H_7", name: "Bob 100% Fit"))
            func total(_ q: String) async throws -> Int? {
                try await t.send(.GET, "/api/v1/patients?q=\(q)", token: tokens[.physiatrist]).json["total"] as? Int
            }
            #expect(try await total("%25") == 1)   // "%" only in Bob's name, not a wildcard
            #expect(try await total("_") == 1)     // "_" only in H_7
            #expect(try await total("ann") == 1)
            #expect(try await total("a%25e") == 0) // not "a, anything, e"
            let nul = try await t.send(.GET, "/api/v1/patients?q=%00zz", token: tokens[.physiatrist])
            #expect(nul.status == .unprocessableEntity && nul.errorPaths == ["q"])
        }
    }

    @Test func readsThatShowSeveralPatientsNameThemInTheAuditTrail() async throws {
        try await withSpineApp { t, tokens in
            let token = tokens[.nurseNavigator]!
            let first = try #require(try await t.send(.POST, "/api/v1/cases", token: token, json: Fixtures.caseJSON("v01", record: "H-8")).json["id"] as? String)
            let second = try #require(try await t.send(.POST, "/api/v1/cases", token: token, json: Fixtures.caseJSON("v04", record: "H-9")).json["id"] as? String)
            let meeting = try await BoardTests.meeting(t, token)
            for id in [first, second] {
                #expect(try await t.status(.POST, "/api/v1/cases/\(id)/schedule", token: token, json: #"{"meeting":"\#(meeting)"}"#) == .created)
            }
            #expect(try await t.status(.GET, "/api/v1/meetings/\(meeting)", token: token) == .ok)
            let reads = try await AuditEventModel.query(on: t.app.db).filter(\.$action == "meeting.read").all()
            #expect(Set(reads.map(\.patientRecord)) == ["H-8", "H-9"])
            #expect(try await t.status(.GET, "/api/v1/patients", token: token) == .ok)
            let list = try #require(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "patients.list").first())
            #expect(list.detail.contains("records") && list.detail.contains("H-8") && list.detail.contains("H-9"))
        }
    }

    @Test func anAttendeeSeesTheCareTeamWithoutFormsThatWouldBeRefused() async throws {
        try await withSpineApp(wholeTeam: false) { t, tokens in
            let token = tokens[.nurseNavigator]!
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: token, json: Fixtures.caseJSON("v01", record: "H-10")).json["id"] as? String)
            let meeting = try await BoardTests.meeting(t, token, attendees: ["physiatrist"])
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/schedule", token: token, json: #"{"meeting":"\#(meeting)"}"#) == .created)
            let web = WebClient(t)
            try await web.signIn("physiatrist")
            let page = try await web.get("/cases/\(id)")
            #expect(page.status == .ok)
            #expect(page.html.contains("only its care team can change the team"))
            #expect(!page.html.contains("Add to the team"))
            let member = WebClient(t)
            try await member.signIn("nurse-navigator")
            #expect(try await member.get("/cases/\(id)").html.contains("Add to the team"))
        }
    }

    @Test func webFormsRefuseTheCharactersTheAPIRefuses() async throws {
        try await withSpineApp { t, _ in
            let web = WebClient(t)
            try await web.signIn("nurse-navigator")
            let csrf = WebClient.csrf(try await web.get("/meetings").html)
            let refused = try await web.post("/meetings", [("_csrf", csrf), ("title", "Board \u{202E}evil"), ("startsAt", "2026-11-30T16:00")])
            #expect(refused.status == .unprocessableEntity)
            #expect(try await MeetingModel.query(on: t.app.db).count() == 0)
            // A textarea's CR LF line breaks are line breaks, not control characters.
            #expect(throws: Never.self) { try EnteredText.check(FollowUpInput(visitDate: "2026-11-27", notes: "one\r\ntwo")) }
        }
    }

    @Test func anOlderAccountsPasswordWithATabStillSignsIn() async throws {
        try await withSpineApp(users: false) { t, _ in
            // Allowed when it was set; only a NUL or more than 72 bytes can never verify.
            _ = try await UserAccounts.create(username: "legacy", role: "physiatrist",
                                              passwordHash: try Bcrypt.hash("legacy\tpassword1", cost: 4), on: t.app.db)
            #expect(try await t.status(.POST, "/api/v1/session", json: #"{"username":"legacy","password":"legacy\tpassword1"}"#) == .ok)
        }
    }

    @Test func aFollowUpTakesWhatACaseDocumentTakes() async throws {
        try await withSpineApp { t, tokens in
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.physiatrist],
                                                   json: Fixtures.caseJSON("v01", record: "H-12")).json["id"] as? String)
            // ASIA C is defined by strength, not walking: some walk with aids (the case document accepts it too).
            let asiaC = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                         json: #"{"visitDate":"2026-11-27","asia":"C","ambulation":"withAid"}"#)
            #expect(asiaC.status == .created, "\(asiaC.body.string)")
        }
    }

    @Test func aBrowserAtAnUnknownAddressGetsAPageAndTheAPIAProblem() async throws {
        try await withSpineApp { t, _ in
            let page = try await t.send(.GET, "/tasks/abc/complete", headers: ["Accept": "text/html,application/xhtml+xml"])
            #expect(page.status == .notFound && page.contentType.hasPrefix("text/html"))
            #expect(page.body.string.contains("There is no page at this address") && page.body.string.contains(Rules.disclaimer))
            let api = try await t.send(.GET, "/api/v1/nothing", headers: ["Accept": "text/html"])
            #expect(api.status == .notFound && api.isProblem)
            #expect(try await t.send(.GET, "/no-such-page").isProblem) // no browser: problem+json as before
        }
    }

    @Test func aRoleRefusalOnACaseRouteNamesTheCaseAndItsPatient() async throws {
        try await withSpineApp { t, tokens in
            let id = try #require(try await t.send(.POST, "/api/v1/cases", token: tokens[.nurseNavigator],
                                                   json: Fixtures.caseJSON("v01", record: "H-13")).json["id"] as? String)
            // The administrator may not change clinical records.
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.admin], json: Fixtures.caseJSON("v01", record: "H-13"),
                                       headers: ["If-Match": "\"v1\""]) == .forbidden)
            let refusal = try #require(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "case.update")
                .filter(\.$outcome == AuditOutcome.denied).first())
            #expect(refusal.patientRecord == "H-13" && refusal.caseID.lowercased() == id.lowercased())
        }
    }
}
