// The urgency the pages show: a neurological escalation at follow-up on the worklist, the case page,
// the patient summary and the decision form; the worklist's countdown from the urgency clock's
// tasks (not restarted by a new version); the team's decision as the first option; and the patient
// summary's plain words for the disease and the decision.
import Fluent
import Foundation
import SpineCore
import Testing
import VaporTesting
@testable import SpineServer

@Suite("Web: effective urgency, the clock and decisions")
struct WebUrgencyTests {
    /// v01 (routine, Frankel E, walks independently) with Frankel D and walking with an aid at a
    /// follow-up visit: an emergency until a new case version is assessed.
    static func escalatedCase(_ t: TestContext, _ tokens: [Role: String], record: String) async throws -> String {
        let id = try await TeamWebTests.createCase(t, tokens[.physiatrist], "v01", record: record, name: "Esme Escalated")
        let worse = try await t.send(.POST, "/api/v1/cases/\(id)/follow-ups", token: tokens[.physiatrist],
                                     json: #"{"visitDate":"2026-11-27","painScore":6,"frankel":"D","ambulation":"withAid"}"#)
        try #require(worse.status == .created && worse.json["worsening"] is String, "\(worse.body.string)")
        return id
    }

    /// The worklist's row of one case, from its `<tr>` to its `</tr>`.
    static func row(_ html: String, _ caseID: String) throws -> String {
        let link = try #require(html.range(of: "href=\"/cases/\(caseID)\"", options: .caseInsensitive), "no worklist row for \(caseID)")
        let start = try #require(html.range(of: "<tr class=\"u-", options: .backwards, range: html.startIndex..<link.lowerBound))
        let end = html.range(of: "</tr>", range: link.upperBound..<html.endIndex)?.lowerBound ?? html.endIndex
        return String(html[start.lowerBound..<end])
    }

    // MARK: - A follow-up escalation on every page

    @Test func anEscalatedRowGivesTheEscalationAndTheClocksDeadline() async throws {
        try await withSpineApp { t, tokens in
            // setup
            let id = try await Self.escalatedCase(t, tokens, record: "MRN-X1")
            let web = WebClient(t)
            try await web.signIn("nurse-navigator")
            // MUT
            let row = try Self.row(try await web.get("/").html, id)
            // validation
            #expect(row.contains("<span class=\"badge emergency\">emergency</span>"))
            #expect(row.contains("<div class=\"reason\">neurological deterioration at follow-up on 2026-11-27"), "\(row)")
            #expect(!row.contains("no neurological symptoms") && !row.contains("no deadline"))
            // The escalation's clock: its immediate tasks are due an hour (the grace) after the visit.
            #expect(row.contains("Immediately: Contact the MSCC coordinator"))
            #expect(row.contains("1 h left"))
        }
    }

    @Test func anEscalationStaysAnEmergencyWhenARulesReassessmentRewritesTheUrgency() async throws {
        try await withSpineApp { t, tokens in
            // setup: the escalated case was assessed under other rules; the server re-assesses it.
            let id = try await Self.escalatedCase(t, tokens, record: "MRN-X2")
            let caseID = try #require(UUID(uuidString: id))
            try await CaseModel.query(on: t.app.db).filter(\.$id == caseID).set(\.$rulesVersion, to: "2026.11.2").update()
            let summary = try await RulesUpgrade.run(on: t.app.db, at: t.clock.now)
            #expect(summary.reassessed == 1)
            let event = try #require(try await AuditEventModel.query(on: t.app.db).filter(\.$action == "case.reassess").first())
            #expect(event.detail.contains("urgency routine → routine") && event.detail.hasSuffix("the follow-up escalation stands (emergency)"))
            let web = WebClient(t)
            try await web.signIn("nurse-navigator")
            // MUT
            let api = try await t.send(.GET, "/api/v1/patients", token: tokens[.nurseNavigator])
            let row = try Self.row(try await web.get("/").html, id)
            // validation
            let item = try #require(api.jsonArray.first { ($0["caseId"] as? String)?.lowercased() == id.lowercased() })
            #expect(item["urgency"] as? String == "emergency")
            #expect(row.contains("<span class=\"badge emergency\">emergency</span>") && !row.contains("badge routine"))
        }
    }

    @Test func theCasePageOpensWithTheEscalation() async throws {
        try await withSpineApp { t, tokens in
            // setup
            let id = try await Self.escalatedCase(t, tokens, record: "MRN-X3")
            let web = WebClient(t)
            try await web.signIn("spine-surgeon")
            // MUT
            let html = try await web.get("/cases/\(id)").html
            // validation: before the assessment's sections, and the first urgency badge is emergency.
            let escalation = try #require(html.range(of: "Neurology worse at follow-up"))
            let spine = try #require(html.range(of: "id=\"spine-h\""))
            #expect(escalation.lowerBound < spine.lowerBound)
            let emergency = try #require(html.range(of: "badge emergency"))
            #expect(html.range(of: "badge routine").map { emergency.lowerBound < $0.lowerBound } ?? true)
            #expect(html.components(separatedBy: "id=\"escalation-h\"").count == 2, "the escalation is shown once")
        }
    }

    @Test func thePatientSummaryAsksThePatientToComeUrgently() async throws {
        try await withSpineApp { t, tokens in
            // setup
            let id = try await Self.escalatedCase(t, tokens, record: "MRN-X4")
            let web = WebClient(t)
            try await web.signIn("nurse-navigator")
            // MUT
            let html = try await web.get("/cases/\(id)/summary").html
            // validation
            #expect(html.contains("Your care team needs to see you urgently."))
            #expect(html.contains("your nerves were working less well than before"))
            #expect(html.contains("If it gets worse"))
            #expect(!html.contains("This is not an emergency today"))
        }
    }

    @Test func theDecisionFormShowsTheEscalation() async throws {
        try await withSpineApp { t, tokens in
            // setup
            let id = try await Self.escalatedCase(t, tokens, record: "MRN-X5")
            let web = WebClient(t)
            try await web.signIn("spine-surgeon")
            // MUT
            let html = try await web.get("/cases/\(id)/decide").html
            // validation
            #expect(html.contains("<span class=\"badge emergency\">emergency</span> <strong>Neurology worse at follow-up:</strong> neurological deterioration"))
            #expect(!html.contains("badge routine"))
        }
    }

    // MARK: - The urgency clock's countdown

    @Test func aNewVersionDoesNotRestartTheCountdown() async throws {
        try await withSpineApp { t, tokens in
            // setup: v04 is urgent; its clock starts at creation (MSCC coordinator advice within 24 h).
            let doc = Fixtures.caseJSON("v04", record: "MRN-C1", name: "Clara Clock")
            let id = try await TeamWebTests.createCase(t, tokens[.spineSurgeon], "v04", record: "MRN-C1", name: "Clara Clock")
            t.clock.advance(10 * 3600)
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon],
                                       json: Fixtures.edit(doc, #""karnofsky": 80"#, #""karnofsky": 70"#), headers: ["If-Match": "\"v1\""]) == .ok)
            let web = WebClient(t)
            try await web.signIn("nurse-navigator")
            // MUT
            let row = try Self.row(try await web.get("/").html, id)
            // validation: 24 h from creation with 10 h gone, not a fresh 24 h from the save.
            #expect(row.contains("Seek advice through the MSCC coordinator"), "\(row)")
            #expect(row.contains("14 h left"))
            #expect(!row.contains("24 h left"))
            // The clock kept its tasks (the same level does not start a new one).
            let open = try await TaskModel.query(on: t.app.db).filter(\.$isClock == true).filter(\.$status == TaskLedger.open).count()
            #expect(open == 2)
        }
    }

    // MARK: - The team's decision

    /// v04 with a decision on version 1 for cement augmentation (a departure, with its reason).
    static func decidedCase(_ t: TestContext, _ tokens: [Role: String], record: String) async throws -> (id: String, doc: String) {
        let doc = Fixtures.caseJSON("v04", record: record, name: "Dora Decided")
        let id = try await TeamWebTests.createCase(t, tokens[.spineSurgeon], "v04", record: record, name: "Dora Decided")
        let decided = try await t.send(.POST, "/api/v1/cases/\(id)/decisions", token: tokens[.spineSurgeon], json: #"""
            {"caseVersion":1,"options":[{"code":"cement-augmentation"}],"patientPreferences":"Wants a small procedure","departureReason":"The patient prefers a small procedure first"}
            """#)
        try #require(decided.status == .created, "\(decided.body.string)")
        return (id, doc)
    }

    @Test func theWorklistShowsTheDecidedOptionOnTheCurrentVersion() async throws {
        try await withSpineApp { t, tokens in
            // setup
            let (id, doc) = try await Self.decidedCase(t, tokens, record: "MRN-D1")
            let stored = try #require(StoredCase(document: Data(doc.utf8), assessedOn: "2026-11-27"))
            let title = stored.assessment.options.first { $0.code.rawValue == "cement-augmentation" }?.title ?? TeamWords.option("cement-augmentation")
            let web = WebClient(t)
            try await web.signIn("nurse-navigator")
            // MUT
            let row = try Self.row(try await web.get("/").html, id)
            // validation
            #expect(row.contains("Decided:</span> \(Html.escape(title))"), "\(row)")
            // A new version is new findings: the decision on version 1 is no longer the plan shown.
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon],
                                       json: Fixtures.edit(doc, #""karnofsky": 80"#, #""karnofsky": 70"#), headers: ["If-Match": "\"v1\""]) == .ok)
            let after = try Self.row(try await web.get("/").html, id)
            #expect(!after.contains("Decided:"))
        }
    }

    @Test func thePatientSummaryTellsWhatWasDecided() async throws {
        try await withSpineApp { t, tokens in
            // setup
            let (id, doc) = try await Self.decidedCase(t, tokens, record: "MRN-D2")
            let web = WebClient(t)
            try await web.signIn("nurse-navigator")
            // MUT
            let html = try await web.get("/cases/\(id)/summary").html
            // validation
            #expect(html.contains("What the team decided with you"))
            #expect(html.contains("<h3>Bone cement</h3>"))
            #expect(!html.contains("The options your team is considering"))
            #expect(!html.contains("within about a week"))
            #expect(html.contains("This needs attention soon."))
            // On a new version the team has not decided yet.
            #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: tokens[.spineSurgeon],
                                       json: Fixtures.edit(doc, #""karnofsky": 80"#, #""karnofsky": 70"#), headers: ["If-Match": "\"v1\""]) == .ok)
            let next = try await web.get("/cases/\(id)/summary").html
            #expect(next.contains("The options your team is considering") && !next.contains("What the team decided"))
        }
    }

    // MARK: - The patient summary's words for the disease

    @Test func thePatientSummaryDescribesMyelomaAsADiseaseOfTheSpinesBones() async throws {
        try await withSpineApp { t, tokens in
            // setup: v05 is multiple myeloma.
            let id = try await TeamWebTests.createCase(t, tokens[.spineSurgeon], "v05", record: "MRN-M1")
            let web = WebClient(t)
            try await web.signIn("nurse-navigator")
            // MUT
            let html = try await web.get("/cases/\(id)/summary").html
            // validation
            #expect(html.contains("Myeloma, a cancer of the plasma cells in the bone marrow, affects the bones of the spine ("))
            #expect(!html.contains("started in") && !html.contains("spinal metastasis"))
        }
    }

    @Test func thePatientSummaryNamesWhereASolidCancerStarted() async throws {
        try await withSpineApp { t, tokens in
            // setup: v01 is breast carcinoma.
            let id = try await TeamWebTests.createCase(t, tokens[.spineSurgeon], "v01", record: "MRN-B1")
            let web = WebClient(t)
            try await web.signIn("nurse-navigator")
            // MUT
            let html = try await web.get("/cases/\(id)/summary").html
            // validation
            #expect(html.contains("The cancer that started in the breast has spread to the bones of the spine ("))
            #expect(!html.contains("breast carcinoma"))
            // Nobody has checked it yet: the page says how it was made.
            #expect(html.contains("produced automatically"))
            #expect(!html.contains("checked by your care team"))
        }
    }

    /// The patient summary of a case document (no server: the page's words from the case and its assessment).
    static func summary(_ json: String) throws -> String {
        let c = try CaseDocument.decode(Array(json.utf8), today: CalendarDate(iso: "2026-03-01")!).get()
        return PatientSummaryPage.view(c, assess(c, today: CalendarDate(iso: "2026-03-01")!), caseID: UUID()).raw
    }

    static func doc(histology: String = "kidney", lesions: String, neurology: String = #""frankel": "E", "ambulation": "independent", "deficit": "none""#) -> String {
        let levels = lesions.matches(of: /"levels": \["([A-Z][0-9])"\]/).map { "\"\($0.1)\"" }.joined(separator: ", ")
        return #"{"schemaVersion": 1, "patient": {"id": "MRN-PS"}, "primaryTumor": {"histology": "\#(histology)"}, "spine": {"involvedLevels": [\#(levels)], "lesions": [\#(lesions)]}, "neurology": {\#(neurology)}, "performance": {"karnofsky": 80}, "systemic": {"medicallyOperable": true, "clinicianSurvivalEstimateMonths": 12}}"#
    }

    @Test func thePatientSummarySaysWhatIsKnownWhenAnotherLesionIsIncomplete() throws {
        // ESCC 3 at T8, an L3 lesion without its grade: the case's ESCC is incomplete, the compression is known.
        let cord = try Self.summary(Self.doc(lesions: #"{"levels": ["T8"], "escc": "3", "pain": "mechanical"}, {"levels": ["L3"]}"#))
        #expect(cord.contains("pressing on the spinal cord"))
        // Below L1 it is the nerves (cauda equina), not the cord.
        let nerves = try Self.summary(Self.doc(lesions: #"{"levels": ["L3"], "escc": "2"}"#))
        #expect(nerves.contains("pressing on the nerves") && !nerves.contains("pressing on the spinal cord"))
        // A SINS of 17 at L3 known despite a missing item at T8: the weakened bone is said.
        let unstable = try Self.summary(Self.doc(lesions: #"{"levels": ["L3"], "pain": "mechanical", "boneLesion": "lytic", "alignment": "subluxation", "collapse": "over50", "posterolateral": "bilateral", "escc": "0"}, {"levels": ["T8"], "escc": "0"}"#))
        #expect(unstable.contains("The bone may be <strong>weakened</strong>"))
    }

    @Test func thePatientSummaryAsksAboutARecentLossOfWalking() throws {
        let html = try Self.summary(Self.doc(lesions: #"{"levels": ["T8"], "escc": "0"}"#, neurology: #""ambulation": "nonAmbulatory", "deficit": "none""#))
        #expect(html.contains("This is not an emergency today"))
        #expect(html.contains("If you have only recently become unable to walk, tell your care team today"))
        let walking = try Self.summary(Self.doc(lesions: #"{"levels": ["T8"], "escc": "0"}"#))
        #expect(!walking.contains("recently become unable to walk"))
    }

    @Test func thePatientSummaryListsTheSteroidWhenItIsAnOption() throws {
        // Lymphoma with cord compression and no neurology: dexamethasone with a haematology MDT (NG234).
        let html = try Self.summary(Self.doc(histology: "lymphoma", lesions: #"{"levels": ["T8"], "escc": "3"}"#))
        #expect(html.contains("Steroid tablets (dexamethasone)"))
        #expect(!html.contains("let you carry on with your cancer treatment"))
    }

    @Test(arguments: HistologyCatalogue.entries.map(\.code))
    func theDiseaseSentenceFitsEveryHistology(_ code: String) throws {
        // setup
        let entry = try #require(HistologyCatalogue.entry(code))
        // MUT
        let text = PatientSummaryPage.diseaseWords(histology: code, place: "T8, in the middle of the back")
        // validation
        #expect(!text.contains("carcinoma") && !text.contains("started in the \(entry.name.lowercased())"), "\(text)")
        if entry.isHaematological {
            #expect(text.contains("affects the bones of the spine (T8") && !text.hasPrefix("This blood cancer"), "\(text)")
            #expect(!text.contains("metastasis") && !text.contains("started in") && !text.contains("spread"), "\(text)")
        } else {
            #expect(text.contains("has spread to the bones of the spine (T8") && text.contains("spinal metastasis"), "\(text)")
        }
    }
}
