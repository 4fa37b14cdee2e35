// The board summary: a printable one-page record of a decision for the medical record — the
// patient's identifiers, the date and meeting with its attendees, the case version and rules
// version it rested on, the assessment's key findings as the stored snapshot showed them (never
// recomputed), the chosen options with regimen and goals, the departure reason, dissent by name,
// the patient's preferences, the tasks it created and the reviews considered.
import Fluent
import Foundation
import SpineCore
import Vapor

enum BoardSummaryPage {
    static func show(req: Request) async throws -> Response {
        let access = try await WebCaseAccess.require(req, .readPatients, action: "decision.read")
        let rawID = req.parameters.get("decisionId") ?? ""
        let (d, snapshot) = try await req.auditingFailures(action: "decision.read", user: access.user, caseID: access.caseID.uuidString) {
            guard let id = UUID(uuidString: rawID), let d = try await DecisionModel.find(id, on: req.db), d.caseID == access.caseID else {
                throw Problem.notFound("no decision \(rawID.prefix(64)) on this case")
            }
            guard let snapshot = try await AssessmentSnapshotModel.find(d.assessmentID, on: req.db) else { throw Problem.notFound("snapshot missing") }
            return (d, snapshot)
        }
        let view = try DecisionService.view(d)
        var meeting: MeetingModel?
        var attendees: [MeetingAttendeeModel] = []
        if let mid = d.meetingID {
            meeting = try await MeetingModel.find(mid, on: req.db)
            attendees = try await MeetingAttendeeModel.query(on: req.db).filter(\.$meetingID == mid).sort(\.$username).all()
        }
        // The reviews as they stood when the decision was made: each author's latest revision by then.
        let before = try await ReviewService.list(caseID: access.caseID, latestOnly: false, on: req.db).filter { $0.createdAt <= view.decidedAt }
        var latest: [String: ReviewView] = [:]
        for r in before { latest[r.author] = r }
        let reviews = before.filter { latest[$0.author]?.id == $0.id }
        let tasks = try await TaskModel.query(on: req.db).filter(\.$caseID == access.caseID).filter(\.$origin == "decision").sort(\.$dueAt).all()
            .filter { abs($0.createdAt.timeIntervalSince(d.createdAt)) < 1 }
        try await access.audit(req, "decision.read", "decision \(view.id) (web board summary)")

        let s = SnapshotReader(snapshot.output)
        let p = access.patient
        let ids: [Html] = [
            ("Name", p.name ?? "—"), ("Record number", p.recordNumber), ("Date of birth", p.birthDate ?? "—"), ("Sex", p.sex.map(FieldLabels.code) ?? "—"),
        ].map { "<tr><th scope=\"row\">\($0.0)</th><td>\($0.1)</td></tr>" }
        let attendeeText = attendees.map { "\($0.username) (\(TeamWords.role($0.role)))" }.joined(separator: ", ")
        let basis: [Html] = [
            ("Decided", "\(TeamWords.time(view.decidedAt)) by \(view.decidedBy)"),
            ("Meeting", meeting.map { "\($0.title), \(TeamWords.time($0.startsAt)) (\($0.kind)); chaired by \($0.chairUsername)" } ?? "Not at a tumour board"),
            ("Attendees", meeting == nil ? "—" : attendeeText),
            ("Case version", "\(view.caseVersion)"),
            ("Rules version", view.rulesVersion),
            ("Assessment", "of \(s.assessedOn), snapshot \(view.assessmentId)"),
        ].map { "<tr><th scope=\"row\">\($0.0)</th><td>\($0.1)</td></tr>" }
        let reasons: [Html] = s.urgencyReasons.map { "<li>\($0)</li>" }
        let noms: [Html] = s.noms.map { "<li><strong>\($0.1)</strong>: \($0.2)</li>" }
        let ranked: [Html] = s.options.prefix(5).map { o in
            "<li>\(o.title)\(o.regimen.map { " — \($0)" } ?? "")\(o.declined ? " (declined by the patient)" : "")</li>"
        }
        let chosen: [Html] = view.options.enumerated().map { i, o in
            "<tr><td>\(i == 0 ? "Main" : "Also")</td><th scope=\"row\">\(TeamWords.option(o.code))</th><td>\(o.regimen ?? "—")</td></tr>"
        }
        let departure: Html = view.departsFromTopRanked
            ? "<p><strong>Departs from SpineBoard's top-ranked option</strong> (\(view.topRankedOption.map(TeamWords.option) ?? "none")). Reason: \(view.departureReason ?? "")</p>"
            : (view.departureReason.map { Html(raw: "<p>Note on a declined option: \(Html.escape($0))</p>") } ?? Html(raw: "<p>Follows SpineBoard's top-ranked option (\(Html.escape(view.topRankedOption.map(TeamWords.option) ?? "none"))).</p>"))
        let dissent: [Html] = view.dissent.map { "<li><strong>\($0.username)</strong>: \($0.reason)</li>" }
        let taskRows: [Html] = tasks.map { t in
            "<tr><td>\(t.title)</td><td>\(TeamWords.role(t.role))</td><td class=\"nowrap\">\(TeamWords.time(t.dueAt))</td><td>\(t.status)</td></tr>"
        }
        let reviewItems: [Html] = reviews.map { r in
            let facts = CaseTeamPanels.reviewFacts(r.review).map { "\($0.0): \($0.1)" }.joined(separator: "; ")
            return "<li><strong>\(TeamWords.role(r.role)), \(r.author)</strong> (version \(r.caseVersion), \(TeamWords.time(r.createdAt))): \(facts)</li>"
        }
        let body: Html = """
        <div class="page-head no-print"><p><a href="/cases/\(access.caseID.uuidString)#decision">Back to the case</a></p><button type="button" class="button" data-print>Print</button></div>
        <article class="board-summary">
        <header><h1>Tumour board decision</h1><p class="muted">SpineBoard record for the medical record · decision \(view.id)</p></header>
        <div class="summary-grid">
        <section aria-labelledby="bs-patient"><h2 id="bs-patient">Patient</h2><table class="compact">\(ids)</table></section>
        <section aria-labelledby="bs-basis"><h2 id="bs-basis">Decision and what it rested on</h2><table class="compact">\(basis)</table></section>
        </div>
        <section aria-labelledby="bs-findings"><h2 id="bs-findings">Key findings (the stored assessment, as shown)</h2>
        <p><strong>Urgency: \(s.urgency)</strong>\(s.safetyNet.map { " — \($0)" } ?? "")</p><ul>\(reasons)</ul>
        <p>\(s.sins) · \(s.escc)</p><ul>\(noms)</ul>
        \(s.prognosis.map { Html(raw: "<p>Prognosis: \(Html.escape($0))</p>") } ?? .empty)
        <p>Options as ranked:</p><ol>\(ranked)</ol></section>
        <section aria-labelledby="bs-chosen"><h2 id="bs-chosen">Chosen</h2>
        <table class="compact"><thead><tr><th scope="col"></th><th scope="col">Option</th><th scope="col">Regimen</th></tr></thead><tbody>\(chosen)</tbody></table>
        <p>Goals: \(view.goals.map(TeamWords.goal).joined(separator: ", "))</p>
        \(departure)
        \(dissent.isEmpty ? Html(raw: "<p><strong>Dissent:</strong> none recorded.</p>") : Html(raw: "<p><strong>Dissent:</strong></p><ul>\(dissent.joined().raw)</ul>"))
        <p><strong>The patient's preferences:</strong> \(view.patientPreferences)</p>
        \(view.note.map { Html(raw: "<p><strong>Note:</strong> \(Html.escape($0))</p>") } ?? .empty)</section>
        <section aria-labelledby="bs-tasks"><h2 id="bs-tasks">Tasks created</h2>
        \(taskRows.isEmpty ? Html(raw: "<p>None.</p>") : Html(raw: "<table class=\"compact\"><thead><tr><th scope=\"col\">Task</th><th scope=\"col\">Role</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th></tr></thead><tbody>\(taskRows.joined().raw)</tbody></table>"))</section>
        <section aria-labelledby="bs-reviews"><h2 id="bs-reviews">Reviews considered</h2>
        \(reviewItems.isEmpty ? Html(raw: "<p>None recorded before the decision.</p>") : Html(raw: "<ul>\(reviewItems.joined().raw)</ul>"))</section>
        <footer class="summary-foot"><p class="disclaimer"><strong>Decision support, not a substitute for clinical judgment.</strong> \(s.disclaimer)</p>
        <p class="muted">Rules version \(view.rulesVersion) · printed from SpineBoard</p></footer>
        </article>
        """
        return WebApp.html(Layout(title: "Board summary · \(access.name)", user: access.user, csrf: req.webCSRFToken, bodyClass: "board-summary-page").render(body))
    }
}
