// The team's reports as a page: decisions that departed from SpineBoard's top-ranked option (with
// their reasons: how the rules get better) and how often each urgency-clock deadline was met, over a
// period. The same TeamReports functions as GET /api/v1/reports/…; only the user's cases count.
import Foundation
import SpineCore
import Vapor

enum ReportPages {
    static func show(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        _ = try await req.requireUser(.readPatients, action: "report.departures")
        let period: (from: CalendarDate, to: CalendarDate)
        var error: Html = .empty
        do {
            period = try TeamReports.period(req)
        } catch let problem as Problem {
            error = #"<p class="alert error" role="alert">\#(problem.detail ?? problem.title)</p>"#
            let today = req.spine.clock.today()
            period = (today.adding(days: -90), today)
        }
        let departures = try await TeamReports.departures(period, viewer: user, now: req.now, on: req.db)
        let clock = try await TeamReports.clock(period, viewer: user, now: req.now, on: req.db)
        try await req.audit(AuditEvent(action: "report.departures", outcome: AuditOutcome.success, detail: "web reports \(departures.from)…\(departures.to)"), user: user)
        try await req.audit(AuditEvent(action: "report.urgency-clock", outcome: AuditOutcome.success, detail: "web reports \(clock.from)…\(clock.to)"), user: user)

        func percent(_ share: Double?) -> String { share.map { "\(Int(($0 * 100).rounded())) %" } ?? "—" }
        let clockRows: [Html] = clock.rows.map { r in
            "<tr><th scope=\"row\">\(label(r.code))</th><td>\(r.deadlines)</td><td>\(r.met)</td><td>\(r.late)</td><td>\(r.overdue)</td><td>\(r.pending)</td><td>\(r.cancelled)</td><td><strong>\(percent(r.shareMet))</strong></td></tr>"
        }
        let departureRows: [Html] = departures.entries.map { e in
            "<tr><td>\(String(e.decidedAt.prefix(10)))</td><td><a href=\"/cases/\(e.caseId)\">case</a></td><td>\(e.topRankedOption ?? "—")</td><td>\(e.chosenOption)</td><td>\(e.reason)</td><td>\(e.decidedBy)</td><td>\(e.rulesVersion)</td></tr>"
        }
        let clockTable: Html = clock.rows.isEmpty ? "<p>No urgency clock started in this period on your patients.</p>" : """
          <table><thead><tr><th scope="col">Deadline</th><th scope="col">Deadlines</th><th scope="col">Met</th><th scope="col">Late</th><th scope="col">Overdue</th><th scope="col">Not yet due</th><th scope="col">Cancelled</th><th scope="col">Share met</th></tr></thead>
          <tbody>\(clockRows)</tbody></table>
          """
        let departureTable: Html = departures.entries.isEmpty ? "<p>No departure in this period.</p>" : """
          <table><thead><tr><th scope="col">Date</th><th scope="col">Case</th><th scope="col">Top-ranked</th><th scope="col">Chosen</th><th scope="col">Reason</th><th scope="col">Decided by</th><th scope="col">Rules</th></tr></thead>
          <tbody>\(departureRows)</tbody></table>
          """
        let body: Html = """
        <div class="page-head"><h1>Reports</h1></div>
        \(error)
        <form method="get" action="/reports" class="card filters">
          <label>From <input type="date" name="from" value="\(departures.from)"></label>
          <label>To <input type="date" name="to" value="\(departures.to)"></label>
          <button type="submit" class="button">Show</button>
        </form>
        <section class="card" aria-labelledby="clock-h">
          <h2 id="clock-h">Urgency clock: deadlines met</h2>
          <p class="muted">Clocks started \(clock.from) to \(clock.to): \(clock.clocks). \(clock.citation).
          "Met" counts deadlines done in time out of those that fell due (met, late or overdue).</p>
          \(clockTable)
        </section>
        <section class="card" aria-labelledby="dep-h">
          <h2 id="dep-h">Decisions that departed from SpineBoard's top-ranked option</h2>
          <p class="muted">\(departures.departures) of \(departures.decisions) decisions (\(percent(departures.share))). Each reason is how the rules get better.</p>
          \(departureTable)
        </section>
        """
        return WebApp.html(Layout(title: "Reports", user: user, csrf: req.webCSRFToken).render(body))
    }

    static func label(_ code: String) -> String {
        switch code {
        case "clock.coordinator-contact": "MSCC coordinator contacted"
        case "clock.dexamethasone": "Dexamethasone started"
        case "clock.immobilisation": "Immobilised"
        case "clock.spinal-advice": "Expert spinal advice (24 h)"
        case "clock.mri": "Whole-spine MRI (24 h)"
        case "clock.mri-and-plan": "Whole-spine MRI and treatment plan (1 week)"
        case "clock.definitive-decision": "Definitive surgical or RT decision (24 h)"
        default: code
        }
    }
}
