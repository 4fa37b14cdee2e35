// The decision form: the main option and additional options chosen from the stored assessment's
// ranked options (rank, regimen, declined marks), a regimen per option, the goals, dissent by name,
// the patient's preferences (required) and a departure reason, which `DecisionService` requires
// when the main option is not SpineBoard's top-ranked one. Used on its own page and inline in the
// tumour board's one-case-at-a-time view.
import Fluent
import Foundation
import SpineCore
import Vapor

enum DecisionPage {
    static func show(req: Request) async throws -> Response {
        let access = try await WebCaseAccess.require(req, .writeCases, action: "case.read")
        var form = FormData()
        if let m: String = req.query["meeting"], UUID(uuidString: m) != nil { form.set("meetingId", m) }
        return try await render(req, access, form: form, errors: [], message: nil, status: .ok)
    }

    static func submit(req: Request) async throws -> Response {
        let access = try await WebCaseAccess.require(req, .writeCases, action: "decision.create")
        let form = try WebForms.form(req)
        let (input, parseErrors, dissentRows) = decisionInput(form)
        do {
            _ = try await access.write(req, action: "decision.create") {
                guard parseErrors.isEmpty else { throw FormRefusal.invalid(parseErrors, title: "The decision is not valid") }
                return try await DecisionService.record(input, caseID: access.caseID, user: access.user, req: req)
            }
        } catch {
            var refusal = try FormRefusal.from(error)
            refusal.errors = fieldNames(refusal.errors, options: input.options.map(\.code), dissentRows: dissentRows)
            // A newer case version was recorded meanwhile: the form comes back on it (what was typed
            // is kept), so that the chair reviews the new findings and decides on them.
            var form = form
            if let problem = error as? Problem, problem.type == Problem.kind("stale-version") {
                form.set("caseVersion", String(access.head.currentVersion))
            }
            return try await render(req, access, form: form, errors: refusal.errors, message: refusal.message, status: refusal.status)
        }
        let back = form["return"].isEmpty ? "/cases/\(access.caseID.uuidString)#decision" : SignInPage.safeNext(form["return"])
        return WebApp.redirect(back)
    }

    /// The form's values as a `DecisionInput`; the dissent rows that were filled in.
    static func decisionInput(_ form: FormData) -> (DecisionInput, [CaseValidationError], [Int]) {
        let r = FormReader(form)
        var codes: [String] = []
        if let main = r.string("main") { codes.append(main) }
        for code in form.all("additional") where !code.isEmpty && !codes.contains(code) { codes.append(code) }
        let options = codes.map { ChosenOption(code: $0, regimen: r.string("regimen.\($0)")) }
        var dissent: [Dissent] = []
        var rows: [Int] = []
        for i in 0..<5 {
            let name = form["dissent[\(i)].username"].trimmingCharacters(in: .whitespaces)
            let reason = form["dissent[\(i)].reason"]
            if !name.isEmpty || !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                dissent.append(Dissent(username: name, reason: reason))
                rows.append(i)
            }
        }
        var errors: [CaseValidationError] = []
        for i in rows where form["dissent[\(i)].username"].trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(CaseValidationError(path: "dissent[\(i)].username", message: "name who dissents (a username)"))
        }
        let goals = form.all("goals").filter { !$0.isEmpty }
        let input = DecisionInput(caseVersion: Int(form["caseVersion"]) ?? 0, meetingId: r.string("meetingId"), options: options,
                                  goals: goals.isEmpty ? nil : goals, dissent: dissent.isEmpty ? nil : dissent,
                                  patientPreferences: form["patientPreferences"], departureReason: r.text("departureReason"), note: r.text("note"))
        return (input, errors, rows)
    }

    /// The service's error paths as the form's field names: `options[0].code` → `main`,
    /// `options[2].regimen` → `regimen.cebrt`, `dissent[0]` → the row it came from.
    static func fieldNames(_ errors: [CaseValidationError], options: [String], dissentRows: [Int]) -> [CaseValidationError] {
        let renamed = CaseTeamPanels.renameRows(errors, rows: dissentRows, prefix: "dissent")
        return renamed.map { e in
            var out = e
            if e.path == "options" { out.path = "main" }
            if let m = e.path.firstMatch(of: /^options\[([0-9]+)\]\.(code|regimen)$/), let k = Int(m.1), k < options.count {
                out.path = m.2 == "regimen" ? "regimen.\(options[k])" : (k == 0 ? "main" : "additional")
            }
            return out
        }
    }

    static func render(_ req: Request, _ access: WebCaseAccess, form: FormData, errors: [CaseValidationError], message: String?,
                       status: HTTPResponseStatus) async throws -> Response {
        let version = Int(form["caseVersion"]).flatMap { (1...access.head.currentVersion).contains($0) ? $0 : nil } ?? access.head.currentVersion
        guard let snapshot = try await AssessmentSnapshotModel.query(on: req.db).filter(\.$caseHead.$id == access.caseID)
            .filter(\.$caseVersion == version).sort(\.$createdAt, .descending).first() else {
            throw Problem.notFound("case \(access.caseID) has no assessment of version \(version)")
        }
        let reviews = try await ReviewService.list(caseID: access.caseID, latestOnly: true, on: req.db)
        let agenda = try await agendaMeetings(access.caseID, on: req.db)
        try await access.audit(req, "case.read", "version \(version) (web decision form)")
        let fixed = form["_fixedMeeting"] == "1" ? form["meetingId"] : nil
        let formHtml = self.form(access: access, output: snapshot.output, version: version, values: form, errors: errors, message: message,
                                 meetings: agenda, fixedMeeting: fixed, returnTo: form["return"].isEmpty ? nil : form["return"], csrf: req.webCSRFToken)
        let reader = SnapshotReader(snapshot.output)
        let reviewCards: [Html] = reviews.map(CaseTeamPanels.reviewCard)
        let body: Html = """
        <div class="page-head"><div><h1>Decision: \(access.name)</h1>
        <p class="muted">\(access.patient.recordNumber) · case version \(version) · assessment of \(reader.assessedOn) · rules \(reader.rulesVersion)</p></div>
        <a class="button" href="/cases/\(access.caseID.uuidString)">Back to the case</a></div>
        \(urgencyLine(access.head, reader: reader, version: version))
        \(formHtml)
        <section class="card" aria-labelledby="considered-h"><h2 id="considered-h">Reviews to consider</h2>
        \(reviewCards.isEmpty ? Html(raw: "<p class=\"muted\">No reviews yet.</p>") : Html(raw: reviewCards.joined().raw))</section>
        """
        return WebApp.html(Layout(title: "Decision · \(access.name)", user: access.user, csrf: req.webCSRFToken).render(body), status: status)
    }

    /// The urgency the team decides under: after a neurological deterioration at follow-up the case
    /// is an emergency whatever the snapshot says, and the snapshot's reading is named as the
    /// earlier one (it was made before the deterioration).
    static func urgencyLine(_ head: CaseModel, reader: SnapshotReader, version: Int) -> Html {
        let assessed = reader.urgencyReasons.first ?? ""
        guard let escalation = head.escalation else {
            return #"<p><span class="badge \#(reader.urgency)">\#(reader.urgency)</span> \#(assessed)</p>"#
        }
        return """
        <div class="banner emergency" role="alert"><p><span class="badge emergency">emergency</span> <strong>Neurology worse at follow-up:</strong> \(escalation)</p>
        <p>The options below come from the assessment of version \(version), made before the deterioration (it read \(reader.urgency): \(assessed)).
        Examine the patient and <a href="/cases/\(head.id?.uuidString ?? "")/edit">record a new case version</a> to assess the new findings.</p></div>
        """
    }

    /// The meetings whose agenda holds the case (for the optional meeting choice).
    static func agendaMeetings(_ caseID: UUID, on db: any Database) async throws -> [(String, String)] {
        var out: [(String, String)] = []
        for item in try await AgendaItemModel.query(on: db).filter(\.$caseID == caseID).sort(\.$createdAt).all() {
            if let m = try await MeetingModel.find(item.meetingID, on: db) {
                out.append((item.meetingID.uuidString, "\(m.title) — \(TeamWords.time(m.startsAt)) (\(item.status))"))
            }
        }
        return out
    }

    /// The form itself. `fixedMeeting`: the meeting id is hidden (the chair's meeting view).
    static func form(access: WebCaseAccess, output: Data, version: Int, values input: FormData, errors: [CaseValidationError],
                     message: String?, meetings: [(String, String)], fixedMeeting: String?, returnTo: String?, csrf: String?) -> Html {
        let reader = SnapshotReader(output)
        let options = reader.options
        let top = SnapshotFacts(output).topRanked
        var values = input
        let firstVisit = input["caseVersion"].isEmpty
        if firstVisit {
            if let top { values.set("main", top) }
            for o in options { if let reg = o.regimen { values.set("regimen.\(o.code)", reg) } }
        }
        let f = TeamForm("decision", values: values, errors: errors)
        let chosenMain = values["main"]
        let additional = Set(values.all("additional"))
        // Options SpineBoard did not rank can be chosen too (a departure, which needs its reason).
        let ranked = Set(options.map(\.code))
        let unranked = TreatmentOption.allCases.filter { !ranked.contains($0.rawValue) }.map {
            SnapshotReader.Option(code: $0.rawValue, rank: 0, title: TeamWords.option($0.rawValue), regimen: nil, declined: false, goals: [])
        }
        func row(_ o: SnapshotReader.Option) -> Html {
            let declined: Html = o.declined ? #" <span class="badge declined">declined by the patient</span>"# : .empty
            let topMark: Html = o.code == top ? #" <span class="badge top">top-ranked</span>"# : .empty
            let mainID = f.id("main-\(o.code)"), alsoID = f.id("additional-\(o.code)")
            return """
            <tr class="\(o.declined ? "is-declined" : "")\(o.rank == 0 ? " unranked" : "")"><td class="num">\(o.rank == 0 ? "—" : String(o.rank))</td>
            <th scope="row">\(o.title)\(topMark)\(declined)\(o.goals.isEmpty ? Html.empty : Html(raw: "<br><small class=\"muted\">Goals: \(Html.escape(o.goals.map(TeamWords.goal).joined(separator: ", ")))</small>"))</th>
            <td><input type="radio" id="\(mainID)" name="main" value="\(o.code)"\(Html(raw: chosenMain == o.code ? " checked" : ""))><label class="visually-hidden" for="\(mainID)">Main option: \(o.title)</label></td>
            <td><input type="checkbox" id="\(alsoID)" name="additional" value="\(o.code)"\(Html(raw: additional.contains(o.code) ? " checked" : ""))><label class="visually-hidden" for="\(alsoID)">Also: \(o.title)</label></td>
            <td>\(f.text("regimen.\(o.code)", "Regimen for \(o.title)"))</td></tr>
            """
        }
        let rows: [Html] = options.map(row)
        let otherRows: [Html] = unranked.map(row)
        let otherChosen = unranked.contains { $0.code == chosenMain || additional.contains($0.code) }
        let optionErrors = f.errors(for: "main") + f.errors(for: "additional")
        let optionErrorHtml: Html = optionErrors.isEmpty ? .empty
            : #"<p class="field-error" id="decision-main-error">\#(optionErrors.map(\.message).joined(separator: "; "))</p>"#
        let goals: [(String, Html)] = TreatmentGoal.allCases.map { ($0.rawValue, Html(raw: Html.escape(OptionWords.goal($0).prefix(1).uppercased() + OptionWords.goal($0).dropFirst()))) }
        let dissent: [Html] = (0..<2).map { i in
            """
            <div class="grid dissent-row">\(f.text("dissent[\(i)].username", "Dissenting member \(i + 1) (username)"))\(f.textarea("dissent[\(i)].reason", "Their reason", rows: 2))</div>
            """
        }
        let meeting: Html
        if let fixedMeeting {
            meeting = #"<input type="hidden" name="meetingId" value="\#(fixedMeeting)"><input type="hidden" name="_fixedMeeting" value="1">"#
        } else {
            meeting = f.select("meetingId", "Tumour board (optional)", options: [("", "— not at a meeting —")] + meetings)
        }
        let topTitle = options.first { $0.code == top }.map { "#\($0.rank) \($0.title)" } ?? "none"
        let alert: Html = (message != nil && errors.isEmpty) ? #"<p class="alert error" role="alert" id="error-summary" tabindex="-1">\#(message ?? "")</p>"# : .empty
        return """
        <form method="post" action="/cases/\(access.caseID.uuidString)/decide" class="card decision-form" id="decision-form" novalidate>\(WebForms.csrfField(csrf))
        <input type="hidden" name="caseVersion" value="\(version)">
        \(returnTo.map { Html(raw: "<input type=\"hidden\" name=\"return\" value=\"\(Html.escape($0))\">") } ?? .empty)
        <h2>Record the team's decision</h2>
        \(alert)\(f.summary)
        <fieldset class="options-choice\(optionErrors.isEmpty ? "" : " has-error")" id="decision-main"><legend>Options as SpineBoard ranked them (assessment of version \(version))</legend>
        <p class="hint">Choose one main option and any others. SpineBoard's top-ranked main option is \(topTitle); choosing another needs a reason below.</p>
        \(optionErrorHtml)
        <div class="table-wrap"><table class="decision-options"><thead><tr><th scope="col">Rank</th><th scope="col">Option</th><th scope="col">Main</th><th scope="col">Also</th><th scope="col">Regimen</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        <details\(Html(raw: otherChosen ? " open" : ""))><summary>Options SpineBoard did not rank (as the main option, a departure)</summary>
        <div class="table-wrap"><table class="decision-options"><thead><tr><th scope="col">Rank</th><th scope="col">Option</th><th scope="col">Main</th><th scope="col">Also</th><th scope="col">Regimen</th></tr></thead>
        <tbody>\(otherRows)</tbody></table></div></details></fieldset>
        \(f.choices("goals", "Goals of the treatment", options: goals, hint: "Leave empty to record the goals the chosen options serve in the assessment."))
        \(f.textarea("patientPreferences", "How the patient's preferences were taken into account (required)", required: true))
        \(f.textarea("departureReason", "Reason for departing from the top-ranked option", hint: "Required when the main option is not \(topTitle), or when the patient declined a chosen option."))
        <fieldset><legend>Dissent (optional)</legend>\(dissent)</fieldset>
        \(meeting)
        \(f.textarea("note", "Note (optional)"))
        <p><button type="submit" class="primary">Record the decision</button></p>
        <p class="disclaimer">\(Rules.disclaimer)</p>
        </form>
        """
    }
}
