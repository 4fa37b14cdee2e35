// The team's web pages, rendered in process: the case page's panels (care team, tumour board,
// reviews, decisions, tasks), the decision form, meetings, the worklist's overdue tasks and
// invitations, follow-up with its chart, the spine over time and the board summary — each behind
// the care-team check (403, audited), each write through the Team services with errors at fields.
import Fluent
import Foundation
import SpineCore
import Testing
import VaporTesting
@testable import SpineServer

@Suite("Web: the team's pages")
struct TeamWebTests {
    static func createCase(_ t: TestContext, _ token: String?, _ vignette: String, record: String, name: String? = nil) async throws -> String {
        let res = try await t.send(.POST, "/api/v1/cases", token: token, json: Fixtures.caseJSON(vignette, record: record, name: name))
        try #require(res.status == .created, "\(res.body.string)")
        return try #require(res.json["id"] as? String)
    }

    static func meeting(_ t: TestContext, _ token: String?, attendees: [String] = []) async throws -> String {
        let body = #"{"title":"Spine board","startsAt":"2026-11-30T16:00:00Z","attendees":[\#(attendees.map { "\"\($0)\"" }.joined(separator: ","))]}"#
        let res = try await t.send(.POST, "/api/v1/meetings", token: token, json: body)
        try #require(res.status == .created, "\(res.body.string)")
        return try #require(res.json["id"] as? String)
    }

    @Test func everyTeamPageRendersForATeamMemberWithTheDisclaimer() async throws {
        try await withSpineApp { t, tokens in
            let evil = "<script>alert('x')</script>"
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v03", record: "MRN-W1", name: "Wanda Web")
            let meeting = try await Self.meeting(t, tokens[.nurseNavigator], attendees: ["spine-surgeon"])
            #expect(try await t.status(.POST, "/api/v1/meetings/\(meeting)/agenda", token: tokens[.nurseNavigator], json: #"{"caseId":"\#(id)"}"#) == .created)
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.spineSurgeon],
                                       json: #"{"caseVersion":1,"operability":"operable","text":"\#(evil)"}"#) == .created)
            let decided = try await t.send(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.spineSurgeon],
                                           json: #"{"caseVersion":1,"meetingId":"\#(meeting)","options":[{"code":"cebrt"}],"patientPreferences":"\#(evil)"}"#)
            let decision = try #require(decided.json["id"] as? String, "\(decided.body.string)")
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.spineSurgeon],
                                       json: #"{"visitDate":"2026-11-27","painScore":6,"frankel":"D"}"#) == .created)
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/treatments", token: tokens[.radiationOncologist],
                                       json: #"{"kind":"radiation","levels":["T11","T12"],"givenOn":"2026-11-27","doseGy":20,"fractions":5}"#) == .created)
            let web = WebClient(t)
            try await web.signIn("spine-surgeon")
            let pages: [(String, [String])] = [
                ("/cases/\(id)", ["Care team", "Schedule for tumour board", "do not wait for the meeting", "Reviews", "Operable", "Decision", "Tasks",
                                  "Board summary", "/cases/\(id)/follow-up", "/cases/\(id)/spine"]),
                ("/cases/\(id)/decide", ["Record the team's decision", "top-ranked", "name=\"patientPreferences\""]),
                ("/meetings", ["Spine board", "New tumour board"]),
                ("/meetings/\(meeting)", ["Agenda", "Wanda Web", "do not wait", "Roles missing"]),
                ("/meetings/\(meeting)/cases/1", ["Key findings", "SINS", "ESCC", "NOMS", "Top options", "Decided at this meeting",
                                                  "name=\"meetingId\" value=\"\(meeting)\""]),
                ("/cases/\(id)/follow-up", ["<svg class=\"chart follow-up-chart\"", "Record a visit"]),
                ("/cases/\(id)/spine", ["dose-diagram", "α/β = 2 Gy", "EQD2 30 Gy", "Record a treatment delivered"]),
                ("/cases/\(id)/decisions/\(decision)/summary", ["Tumour board decision", Rules.version, "Spine board", "Tasks created"]),
                ("/cases/\(id)/summary", ["What the team decided", "Radiotherapy"]),
                ("/", ["Overdue", "open task"]),
            ]
            for (path, texts) in pages {
                let res = try await web.get(path)
                #expect(res.status == .ok, "\(path): \(res.status)")
                #expect(res.html.contains(Rules.disclaimer), "\(path) shows the disclaimer")
                #expect(!res.html.contains("<script>alert"), "\(path) escapes user text")
                for text in texts { #expect(res.html.contains(text), "\(path) shows \(text)") }
            }
            // Reads are audited.
            for action in ["case.read", "follow-ups.read", "spine.read", "decision.read", "meeting.read"] {
                #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == action).filter(\.$actorUsername == "spine-surgeon")
                    .filter(\.$outcome == "success").count() >= 1, "\(action) audited")
            }
        }
    }

    @Test func someoneOutsideTheCareTeamIsRefusedEveryPageAndEachAttemptIsAudited() async throws {
        try await withSpineApp(wholeTeam: false) { t, tokens in
            let id = try await Self.createCase(t, tokens[.spineSurgeon], "v03", record: "MRN-W2")
            let decided = try await t.send(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.spineSurgeon],
                                           json: #"{"caseVersion":1,"options":[{"code":"cebrt"}],"patientPreferences":"Agrees"}"#)
            let decision = try #require(decided.json["id"] as? String)
            let meeting = try await Self.meeting(t, tokens[.spineSurgeon])
            let web = WebClient(t)
            try await web.signIn("physiatrist")
            let paths = ["/cases/\(id)", "/cases/\(id)/decide", "/cases/\(id)/follow-up", "/cases/\(id)/spine", "/cases/\(id)/decisions/\(decision)/summary"]
            for path in paths {
                let res = try await web.get(path)
                #expect(res.status == .forbidden, "\(path)")
                #expect(res.html.contains("Not allowed") && res.html.contains(Rules.disclaimer), "\(path) is an HTML refusal")
            }
            let csrf = WebClient.csrf(try await web.get("/").html)
            for (path, form) in [("/cases/\(id)/reviews", [("caseVersion", "1"), ("text", "hello")]),
                                 ("/cases/\(id)/decide", [("caseVersion", "1"), ("main", "cebrt"), ("patientPreferences", "x")]),
                                 ("/cases/\(id)/follow-up", [("visitDate", "2026-11-27"), ("painScore", "3")]),
                                 ("/cases/\(id)/team", [("mode", "person"), ("username", "physiatrist")])] {
                let res = try await web.post(path, [("_csrf", csrf)] + form)
                #expect(res.status == .forbidden, "POST \(path)")
            }
            let denied = try await AuditEventModel.query(on: t.app.db).filter(\.$outcome == "denied").filter(\.$actorUsername == "physiatrist").all()
            #expect(denied.filter { $0.patientRecord == "MRN-W2" }.count == paths.count + 4)
            // The meeting's agenda is for its attendees.
            #expect(try await web.get("/meetings/\(meeting)").status == .forbidden)
            #expect(try await web.get("/meetings/\(meeting)/cases/1").status == .forbidden)
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "meeting.read").filter(\.$outcome == "denied").count() == 2)
            // Nothing was written.
            #expect(try await ReviewModel.query(on: t.app.db).count() == 0)
            #expect(try await FollowUpModel.query(on: t.app.db).count() == 0)
            #expect(try await DecisionModel.query(on: t.app.db).count() == 1)
        }
    }

    @Test func theReviewFormShowsOnlyTheRolesFieldsAndKeepsWhatWasTyped() async throws {
        try await withSpineApp { t, tokens in
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v01", record: "MRN-W3")
            let fieldsByRole: [(String, Set<String>)] = [
                ("spine-surgeon", ["operability", "instabilityAgreed", "proposedOption"]),
                ("radiation-oncologist", ["proposedRegimen.doseGy", "proposedRegimen.fractions", "proposedRegimen.technique", "priorRadiationNoted"]),
                ("diagnostic-radiologist", ["levelsConfirmed", "lesions[0].escc", "lesions[0].collapse"]),
                ("medical-oncologist", ["systemicPlan", "expectedSurvivalMonths"]),
                ("nurse-navigator", []),
            ]
            let all = Set(fieldsByRole.flatMap(\.1))
            for (username, fields) in fieldsByRole {
                let web = WebClient(t)
                try await web.signIn(username)
                let page = try await web.get("/cases/\(id)")
                let form = try #require(page.html.firstMatch(of: /<form method="post" action="\/cases\/[^"]+\/reviews"[\s\S]*?<\/form>/)).0
                #expect(form.contains("name=\"text\""), "\(username): free text")
                for f in all { #expect(form.contains("name=\"\(f)\"") == fields.contains(f), "\(username): \(f)") }
                // Every visible control has a label.
                for m in form.matches(of: /<(?:input|select|textarea) id="([^"]+)"/) { #expect(form.contains("for=\"\(m.1)\""), "label for \(m.1)") }
            }
            // A surgeon's review through the form.
            let surgeon = WebClient(t)
            try await surgeon.signIn("spine-surgeon")
            let csrf = WebClient.csrf(try await surgeon.get("/cases/\(id)").html)
            let saved = try await surgeon.post("/cases/\(id)/reviews", [("_csrf", csrf), ("caseVersion", "1"), ("operability", "operable-high-risk"),
                                                                        ("instabilityAgreed", "true"), ("text", "RT first")])
            #expect(saved.status == .seeOther)
            #expect(try await surgeon.get("/cases/\(id)").html.contains("Operable, high risk"))
            // A field of another role (a forged form) is refused by the service, and a bad regimen is shown at its fields.
            let forged = try await surgeon.post("/cases/\(id)/reviews", [("_csrf", csrf), ("caseVersion", "1"), ("goalsOfCare", "comfort")])
            #expect(forged.status == .unprocessableEntity && forged.html.contains("cannot set goalsOfCare"))
            let oncologist = WebClient(t)
            try await oncologist.signIn("radiation-oncologist")
            let oncCSRF = WebClient.csrf(try await oncologist.get("/cases/\(id)").html)
            let bad = try await oncologist.post("/cases/\(id)/reviews", [("_csrf", oncCSRF), ("caseVersion", "1"), ("proposedRegimen.doseGy", "8"),
                                                                          ("proposedRegimen.fractions", "51"), ("proposedRegimen.technique", "cebrt"), ("text", "Kept text")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.html.contains(#"id="review-proposedRegimen-fractions" name="proposedRegimen.fractions" type="text" value="51" inputmode="decimal" aria-describedby="review-proposedRegimen-fractions-error" aria-invalid="true""#))
            #expect(bad.html.contains("id=\"review-proposedRegimen-fractions-error\""))
            #expect(bad.html.contains(">Kept text</textarea>"))
            #expect(try await ReviewModel.query(on: t.app.db).count() == 1)
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "review.create").filter(\.$outcome == "invalid").count() == 2)
            // A radiologist's correction makes a new case version.
            let radiologist = WebClient(t)
            try await radiologist.signIn("diagnostic-radiologist")
            let page = try await radiologist.get("/cases/\(id)")
            let fixed = try await radiologist.post("/cases/\(id)/reviews", [("_csrf", WebClient.csrf(page.html)), ("caseVersion", "1"), ("levelsConfirmed", "true"),
                                                                             ("lesions[0].levels", "T8"), ("lesions[0].escc", "2")])
            #expect(fixed.status == .seeOther, "\(fixed.html.prefix(3000))")
            #expect(try await CaseModel.query(on: t.app.db).first()?.currentVersion == 2)
        }
    }

    @Test func aDecisionThatDepartsWithoutAReasonShowsTheErrorAtTheFieldAndWritesNothing() async throws {
        try await withSpineApp { t, tokens in
            // v03: the top-ranked main option is cebrt.
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v03", record: "MRN-W4")
            let web = WebClient(t)
            try await web.signIn("spine-surgeon")
            let form = try await web.get("/cases/\(id)/decide")
            #expect(form.status == .ok)
            #expect(form.html.contains(#"name="main" value="cebrt" checked"#), "the top-ranked option is preselected")
            let tasksBefore = try await TaskModel.query(on: t.app.db).count()
            let fields: [(String, String)] = [("_csrf", WebClient.csrf(form.html)), ("caseVersion", "1"), ("main", "palliative-care"),
                                              ("additional", "dexamethasone"), ("regimen.dexamethasone", "16 mg"), ("goals", "neurological-function"),
                                              ("patientPreferences", "Wants to walk again"), ("dissent[0].username", "radiation-oncologist"),
                                              ("dissent[0].reason", "RT alone is enough")]
            // MUT
            let refused = try await web.post("/cases/\(id)/decide", fields)
            // validation
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.html.contains(#"<textarea id="decision-departureReason" name="departureReason" rows="3" aria-describedby="decision-departureReason-hint decision-departureReason-error" aria-invalid="true">"#))
            #expect(refused.html.contains("id=\"decision-departureReason-error\""))
            #expect(refused.html.contains("is not SpineBoard&#39;s top-ranked option"))
            #expect(refused.html.contains(">Wants to walk again</textarea>") && refused.html.contains(#"name="main" value="palliative-care" checked"#))
            #expect(refused.html.contains("value=\"RT alone is enough\"") || refused.html.contains(">RT alone is enough</textarea>"))
            #expect(try await DecisionModel.query(on: t.app.db).count() == 0)
            #expect(try await TaskModel.query(on: t.app.db).count() == tasksBefore)
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "decision.create").filter(\.$outcome == "invalid").count() == 1)
            // A dissent without its reason is named at its row.
            let noReason = try await web.post("/cases/\(id)/decide", fields.map { $0.0 == "dissent[0].reason" ? ("dissent[1].reason", "") : $0 }
                + [("dissent[1].username", "medical-oncologist"), ("dissent[1].reason", "")] + [("departureReason", "Fast deterioration")])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.html.contains("id=\"decision-dissent-0--reason-error\""))
            // With the reason: recorded, with its tasks.
            let saved = try await web.post("/cases/\(id)/decide", fields + [("departureReason", "Rapid deterioration; surgery first")])
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == "/cases/\(id)#decision")
            let d = try #require(try await DecisionModel.query(on: t.app.db).first())
            #expect(d.departs && d.chosenOption == "palliative-care")
            #expect(try await TaskModel.query(on: t.app.db).filter(\.$origin == "decision").count() >= 2)
            let page = try await web.get("/cases/\(id)")
            #expect(page.html.contains("Palliative care consultation") && page.html.contains("Departs from SpineBoard"))
            // An option SpineBoard did not rank can be the main option too (a departure, with its reason).
            let surgery = try await web.post("/cases/\(id)/decide", fields.map { $0.0 == "main" ? ("main", "decompression-stabilization") : $0 }
                + [("departureReason", "Rapid deterioration; surgery first (Patchell)")])
            #expect(surgery.status == .seeOther)
            #expect(try await DecisionModel.query(on: t.app.db).filter(\.$chosenOption == "decompression-stabilization").count() == 1)
        }
    }

    @Test func followUpShowsAnSVGChartFlagsWorseNeurologyAndRefusesBadInputAtTheField() async throws {
        try await withSpineApp { t, tokens in
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v01", record: "MRN-W5")
            let web = WebClient(t)
            try await web.signIn("physiatrist")
            let page = try await web.get("/cases/\(id)/follow-up")
            #expect(page.status == .ok && page.html.contains("No visits yet"))
            let csrf = WebClient.csrf(page.html)
            // MUT: invalid input.
            let bad = try await web.post("/cases/\(id)/follow-up", [("_csrf", csrf), ("visitDate", "2026-11-27"), ("painScore", "11"), ("karnofsky", "75"),
                                                                   ("notes", "kept note")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.html.contains(#"id="fu-painScore" name="painScore" type="text" value="11" inputmode="decimal" aria-describedby="fu-painScore-error" aria-invalid="true""#))
            #expect(bad.html.contains("id=\"fu-karnofsky-error\"") && bad.html.contains(">kept note</textarea>"))
            let notNumber = try await web.post("/cases/\(id)/follow-up", [("_csrf", csrf), ("visitDate", "2026-11-27"), ("painScore", "a lot")])
            #expect(notNumber.status == .unprocessableEntity && notNumber.html.contains("id=\"fu-painScore-error\""))
            let partial = try await web.post("/cases/\(id)/follow-up", [("_csrf", csrf), ("visitDate", "2026-11-27"), ("patientReported.painNRS", "4")])
            #expect(partial.status == .unprocessableEntity && partial.html.contains("id=\"fu-patientReported-mobility-error\""))
            #expect(try await FollowUpModel.query(on: t.app.db).count() == 0)
            // Two visits; the second with worse neurology.
            let first = try await web.post("/cases/\(id)/follow-up", [("_csrf", csrf), ("visitDate", "2026-11-20"), ("painScore", "5"), ("frankel", "E"),
                                                                     ("patientReported.painNRS", "6"), ("patientReported.mobility", "2"), ("patientReported.selfCare", "1"),
                                                                     ("patientReported.usualActivities", "2"), ("patientReported.painDiscomfort", "3"),
                                                                     ("patientReported.anxietyDepression", "2")])
            #expect(first.status == .seeOther)
            let second = try await web.post("/cases/\(id)/follow-up", [("_csrf", csrf), ("visitDate", "2026-11-27"), ("painScore", "7"), ("frankel", "C")])
            #expect(second.status == .seeOther)
            let timeline = try await web.get("/cases/\(id)/follow-up")
            let svg = try #require(timeline.html.firstMatch(of: /<svg class="chart follow-up-chart"[\s\S]*?<\/svg>/)).0
            #expect(svg.contains("role=\"img\"") && svg.contains("<polyline") && svg.contains("class=\"worse-line\""))
            #expect(svg.contains("Neurology worse on 2026-11-27"))
            #expect(timeline.html.contains("the case is an emergency again"))
            #expect(try await CaseModel.query(on: t.app.db).first()?.urgency == "emergency")
            #expect(try await web.get("/").html.contains("neurology worse"))
        }
    }

    @Test func theBoardSummaryIsAPrintableRecordWithTheRulesVersionAndTheDisclaimer() async throws {
        try await withSpineApp { t, tokens in
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v03", record: "MRN-W6", name: "Bo Summary")
            _ = try await t.send(.POST, "/api/v1/cases/\(id)/reviews", token: tokens[.radiationOncologist],
                                 json: #"{"caseVersion":1,"proposedRegimen":{"doseGy":20,"fractions":5,"technique":"cebrt"}}"#)
            let web = WebClient(t)
            try await web.signIn("radiation-oncologist")
            let form = try await web.get("/cases/\(id)/decide")
            let saved = try await web.post("/cases/\(id)/decide", [("_csrf", WebClient.csrf(form.html)), ("caseVersion", "1"), ("main", "cebrt"),
                                                                  ("regimen.cebrt", "20 Gy / 5"), ("additional", "dexamethasone"),
                                                                  ("patientPreferences", "Prefers few visits"), ("dissent[0].username", "spine-surgeon"),
                                                                  ("dissent[0].reason", "Would operate first")])
            #expect(saved.status == .seeOther)
            let d = try #require(try await DecisionModel.query(on: t.app.db).first())
            // MUT
            let res = try await web.get("/cases/\(id)/decisions/\(try d.requireID())/summary")
            // validation
            #expect(res.status == .ok)
            let html = res.html
            for text in ["Bo Summary", "MRN-W6", "Rules version", d.rulesVersion, "Case version", "20 Gy / 5", "Dexamethasone", "spine-surgeon", "Would operate first",
                         "Prefers few visits", "Tasks created", "Radiotherapy simulation", "Reviews considered", "20 Gy in 5 fractions",
                         "Decision support, not a substitute for clinical judgment", "Not at a tumour board", "board-summary-page"] {
                #expect(html.contains(text), "the summary shows \(text)")
            }
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "decision.read").filter(\.$patientRecord == "MRN-W6").count() == 1)
            // Another case's decision id on this case is not found.
            let other = try await Self.createCase(t, tokens[.nurseNavigator], "v01", record: "MRN-W7")
            #expect(try await web.get("/cases/\(other)/decisions/\(try d.requireID())/summary").status == .notFound)
            // The print stylesheet has the summary's print rules.
            #expect(try await web.get("/static/app.css").html.contains("body.board-summary-page"))
        }
    }

    @Test func aMeetingIsCreatedTheCaseScheduledAndDecidedOneCaseAtATime() async throws {
        try await withSpineApp { t, tokens in
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v03", record: "MRN-W8")
            let web = WebClient(t)
            try await web.signIn("nurse-navigator")
            let list = try await web.get("/meetings")
            let csrf = WebClient.csrf(list.html)
            let bad = try await web.post("/meetings", [("_csrf", csrf), ("title", ""), ("startsAt", "2026-11-30T16:00"), ("attendees", "ghost")])
            #expect(bad.status == .unprocessableEntity && bad.html.contains("id=\"meeting-title-error\""))
            let ghost = try await web.post("/meetings", [("_csrf", csrf), ("title", "Board"), ("startsAt", "2026-11-30T16:00"), ("attendees", "spine-surgeon, ghost")])
            #expect(ghost.status == .unprocessableEntity && ghost.html.contains("id=\"meeting-attendees-error\"") && ghost.html.contains("value=\"spine-surgeon, ghost\""))
            let created = try await web.post("/meetings", [("_csrf", csrf), ("title", "Thursday board"), ("startsAt", "2026-11-30T16:00"),
                                                          ("attendees", "spine-surgeon, radiation-oncologist")])
            #expect(created.status == .seeOther)
            let meeting = try #require(try await MeetingModel.query(on: t.app.db).first())
            #expect(meeting.startsAt.hasPrefix("2026-11-30T16:00:00"))
            let mid = try meeting.requireID().uuidString
            // Scheduled from the case page; an emergency shows the warning, twice is a conflict shown on the page.
            let casePage = try await web.get("/cases/\(id)")
            #expect(casePage.html.contains("Emergency: do not wait for the meeting"))
            let scheduled = try await web.post("/cases/\(id)/schedule", [("_csrf", csrf), ("meeting", mid)])
            #expect(scheduled.status == .seeOther)
            let twice = try await web.post("/cases/\(id)/schedule", [("_csrf", csrf), ("meeting", mid)])
            #expect(twice.status == .conflict && twice.html.contains("already on the agenda"))
            // The chair's view, then the case.
            let detail = try await web.get("/meetings/\(mid)")
            #expect(detail.html.contains("MRN-W8") && detail.html.contains("/meetings/\(mid)/cases/1") && detail.html.contains("Roles missing"))
            let one = try await web.get("/meetings/\(mid)/cases/1")
            #expect(one.status == .ok && one.html.contains("name=\"return\" value=\"/meetings/\(mid)/cases/1\""))
            #expect(try await web.get("/meetings/\(mid)/cases/2").status == .notFound)
            let decided = try await web.post("/cases/\(id)/decide", [("_csrf", csrf), ("caseVersion", "1"), ("meetingId", mid), ("_fixedMeeting", "1"),
                                                                    ("return", "/meetings/\(mid)/cases/1"), ("main", "cebrt"), ("patientPreferences", "Agrees")])
            #expect(decided.status == .seeOther && decided.headers.first(name: .location) == "/meetings/\(mid)/cases/1")
            #expect(try await AgendaItemModel.query(on: t.app.db).first()?.status == "decided")
            #expect(try await web.get("/meetings/\(mid)/cases/1").html.contains("Decided at this meeting"))
            // Tasks from the decision appear on the case page and can be completed there.
            let withTasks = try await web.get("/cases/\(id)")
            #expect(withTasks.html.contains("Radiotherapy simulation"))
            let task = try #require(try await TaskModel.query(on: t.app.db).filter(\.$code == "decision.rt-simulation").first())
            let done = try await web.post("/tasks/\(try task.requireID())/complete", [("_csrf", csrf), ("return", "/cases/\(id)#tasks")])
            #expect(done.status == .seeOther && done.headers.first(name: .location) == "/cases/\(id)#tasks")
            #expect(try await TaskModel.find(task.requireID(), on: t.app.db)?.status == "done")
            #expect(try await web.get("/cases/\(id)").html.contains("on time"))
        }
    }

    @Test func theWorklistListsOverdueTasksEscalationsAndInvitationsToJoin() async throws {
        try await withSpineApp(wholeTeam: false) { t, tokens in
            _ = try await Self.createCase(t, tokens[.nurseNavigator], "v03", record: "MRN-W9", name: "Olive Overdue")
            let routine = try await Self.createCase(t, tokens[.spineSurgeon], "v01", record: "MRN-W10")
            t.clock.advance(2 * 3600)
            let navigator = WebClient(t)
            try await navigator.signIn("nurse-navigator")
            let home = try await navigator.get("/")
            let overdue = try #require(home.html.firstMatch(of: /<section class="card overdue-list"[\s\S]*?<\/section>/)).0
            #expect(overdue.contains("Olive Overdue") && overdue.contains("overdue by") && overdue.contains("escalated to the nurse navigator"))
            #expect(!overdue.contains("MRN-W10"))
            #expect(home.html.contains("open tasks"))
            // The radiation oncologist is invited to the routine case (a referral) and joins from the worklist.
            let oncologist = WebClient(t)
            try await oncologist.signIn("radiation-oncologist")
            #expect(try await oncologist.get("/cases/\(routine)").status == .forbidden)
            let inbox = try await oncologist.get("/")
            #expect(inbox.html.contains("Invitations for your role") && inbox.html.contains("/cases/\(routine)/team/join"))
            let joined = try await oncologist.post("/cases/\(routine)/team/join", [("_csrf", WebClient.csrf(inbox.html))])
            #expect(joined.status == .seeOther && joined.headers.first(name: .location) == "/cases/\(routine)")
            #expect(try await oncologist.get("/cases/\(routine)").status == .ok)
            #expect(!(try await oncologist.get("/").html.contains("/cases/\(routine)/team/join")))
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "team.join").filter(\.$outcome == "success").count() == 1)
            // A role without an invitation cannot join.
            let physiatrist = WebClient(t)
            try await physiatrist.signIn("physiatrist")
            let refused = try await physiatrist.post("/cases/\(routine)/team/join", [("_csrf", WebClient.csrf(try await physiatrist.get("/").html))])
            #expect(refused.status == .forbidden)
            // A member adds a person and invites a role from the case page; an unknown user is shown at the field.
            let surgeon = WebClient(t)
            try await surgeon.signIn("spine-surgeon")
            let csrf = WebClient.csrf(try await surgeon.get("/cases/\(routine)").html)
            let ghost = try await surgeon.post("/cases/\(routine)/team", [("_csrf", csrf), ("mode", "person"), ("username", "ghost")])
            #expect(ghost.status == .unprocessableEntity && ghost.html.contains("id=\"team-person-username-error\"") && ghost.html.contains("value=\"ghost\""))
            #expect(try await surgeon.post("/cases/\(routine)/team", [("_csrf", csrf), ("mode", "person"), ("username", "physiatrist")]).status == .seeOther)
            #expect(try await physiatrist.get("/cases/\(routine)").status == .ok)
            #expect(try await surgeon.post("/cases/\(routine)/team", [("_csrf", csrf), ("mode", "role"), ("role", "palliative-care")]).status == .seeOther)
            let again = try await surgeon.post("/cases/\(routine)/team", [("_csrf", csrf), ("mode", "role"), ("role", "palliative-care")])
            #expect(again.status == .conflict && again.html.contains("already has a palliative-care"))
        }
    }

    @Test func theReportsPageShowsClockComplianceAndDeparturesWithReasons() async throws {
        try await withSpineApp(wholeTeam: false) { t, tokens in
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v03", record: "MRN-REP")
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/team", token: tokens[.nurseNavigator], json: #"{"username":"spine-surgeon"}"#) == .created)
            let tasks = try await t.send(.GET, "/api/v1/cases/\(id)/tasks", token: tokens[.nurseNavigator]).jsonArray
            let contact = try #require(tasks.first { $0["code"] as? String == "clock.coordinator-contact" }?["id"] as? String)
            #expect(try await t.status(.POST, "/api/v1/tasks/\(contact)/complete", token: tokens[.nurseNavigator]) == .ok)
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.spineSurgeon], json: #"""
                {"caseVersion":1,"options":[{"code":"decompression-stabilization"}],"patientPreferences":"Wants surgery","departureReason":"Young, <b>fit</b>, rapid deficit"}
                """#) == .created)
            let web = WebClient(t)
            try await web.signIn("nurse-navigator")
            let page = try await web.get("/reports?from=2026-11-01&to=2026-11-30")
            #expect(page.status == .ok)
            for text in ["MSCC coordinator contacted", "100 %", "decompression-stabilization", "Young, &lt;b&gt;fit&lt;/b&gt;, rapid deficit", "1 of 1 decisions"] {
                #expect(page.html.contains(text), "reports page shows \(text)")
            }
            #expect(try await web.get("/reports?from=nonsense").html.contains("from must be a date"))
            // Someone with none of these patients sees no row of them.
            let outsider = WebClient(t)
            try await outsider.signIn("palliative-care")
            #expect(!(try await outsider.get("/reports?from=2026-11-01&to=2026-11-30").html.contains("decompression-stabilization")))
        }
    }

    @Test func aTaskIsAssignedOrCancelledFromThePageWithItsReason() async throws {
        try await withSpineApp { t, tokens in
            let id = try await Self.createCase(t, tokens[.nurseNavigator], "v03", record: "MRN-TK")
            let tasks = try await t.send(.GET, "/api/v1/cases/\(id)/tasks", token: tokens[.nurseNavigator]).jsonArray
            let mri = try #require(tasks.first { $0["code"] as? String == "clock.mri" }?["id"] as? String)
            let web = WebClient(t)
            try await web.signIn("nurse-navigator")
            let page = try await web.get("/cases/\(id)")
            #expect(page.html.contains("/tasks/\(mri)/update"))
            let csrf = WebClient.csrf(page.html)
            let noReason = try await web.post("/tasks/\(mri)/update", [("_csrf", csrf), ("action", "cancel"), ("reason", " "), ("return", "/cases/\(id)")])
            #expect(noReason.status == .unprocessableEntity && noReason.html.contains("needs its reason"))
            let ghost = try await web.post("/tasks/\(mri)/update", [("_csrf", csrf), ("action", "assign"), ("username", "ghost"), ("return", "/cases/\(id)")])
            #expect(ghost.status == .unprocessableEntity && ghost.html.contains("no user ghost"))
            let assigned = try await web.post("/tasks/\(mri)/update", [("_csrf", csrf), ("action", "assign"), ("username", "diagnostic-radiologist"), ("return", "/cases/\(id)")])
            #expect(assigned.status == .seeOther)
            let cancelled = try await web.post("/tasks/\(mri)/update", [("_csrf", csrf), ("action", "cancel"), ("reason", "MRI done elsewhere this morning"), ("return", "/cases/\(id)")])
            #expect(cancelled.status == .seeOther)
            let stored = try #require(try await TaskModel.find(UUID(uuidString: mri)!, on: t.app.db))
            #expect(stored.status == "cancelled" && stored.assigneeUsername == "diagnostic-radiologist")
            #expect(stored.completedBy == "nurse-navigator: MRI done elsewhere this morning")
        }
    }

    @Test func aMemberIsRemovedFromThePageButTheLastOneStays() async throws {
        try await withSpineApp(wholeTeam: false) { t, tokens in
            let id = try await Self.createCase(t, tokens[.spineSurgeon], "v01", record: "MRN-RM")
            #expect(try await t.status(.POST, "/api/v1/cases/\(id)/team", token: tokens[.spineSurgeon], json: #"{"username":"physiatrist"}"#) == .created)
            let web = WebClient(t)
            try await web.signIn("spine-surgeon")
            let page = try await web.get("/cases/\(id)")
            let physiatrist = try #require(try await CareTeamMemberModel.query(on: t.app.db).filter(\.$username == "physiatrist").first()?.id)
            let surgeon = try #require(try await CareTeamMemberModel.query(on: t.app.db).filter(\.$username == "spine-surgeon").first()?.id)
            #expect(page.html.contains("/team/\(physiatrist.uuidString)/remove"))
            let csrf = WebClient.csrf(page.html)
            #expect(try await web.post("/cases/\(id)/team/\(physiatrist.uuidString)/remove", [("_csrf", csrf)]).status == .seeOther)
            #expect(try await t.status(.GET, "/api/v1/cases/\(id)", token: tokens[.physiatrist]) == .forbidden)
            let last = try await web.post("/cases/\(id)/team/\(surgeon.uuidString)/remove", [("_csrf", csrf)])
            #expect(last.status == .conflict && last.html.contains("at least one care-team member"))
            #expect(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "team.update").filter(\.$detail == "removed physiatrist (physiatrist)").count() == 1)
        }
    }
}
