// Follow-up: the visit form (pain, neurology, performance status and the patient-reported
// outcome), the timeline of visits and a chart over time, with a visit where neurology worsened
// flagged (`FollowUpService` makes the case an emergency again). The spine over time: per level,
// what each case version recorded, the treatments delivered, and the radiation with cumulative dose
// and EQD2 (α/β = 2 Gy, prescription dose), on a diagram; and the form to record a treatment.
import Fluent
import Foundation
import SpineCore
import Vapor

enum FollowUpPage {
    static let domains: [(String, String)] = [
        ("mobility", "Mobility"), ("selfCare", "Self-care"), ("usualActivities", "Usual activities"),
        ("painDiscomfort", "Pain or discomfort"), ("anxietyDepression", "Anxiety or depression"),
    ]
    static let levels: [(String, String)] = [("1", "1 — no problems"), ("2", "2 — slight"), ("3", "3 — moderate"), ("4", "4 — severe"), ("5", "5 — extreme or unable")]

    static func show(req: Request) async throws -> Response {
        let access = try await WebCaseAccess.require(req, .readPatients, action: "follow-ups.read")
        var form = FormData()
        form.set("visitDate", req.spine.clock.today().description)
        return try await render(req, access, form: form, errors: [], status: .ok)
    }

    /// The form's values as a `FollowUpInput`, with parse errors by path.
    static func input(_ form: FormData) -> (FollowUpInput, [CaseValidationError]) {
        var r = FormReader(form)
        var input = FollowUpInput(visitDate: form["visitDate"].trimmingCharacters(in: .whitespaces))
        input.painScore = r.int("painScore")
        input.frankel = r.string("frankel")
        input.asia = r.string("asia")
        input.ambulation = r.string("ambulation")
        let symptoms = form.all("neuroSymptoms").filter { !$0.isEmpty }
        input.neuroSymptoms = symptoms.isEmpty ? nil : symptoms
        input.bladderBowelDysfunction = r.bool("bladderBowelDysfunction")
        input.karnofsky = r.int("karnofsky")
        input.ecog = r.int("ecog")
        input.notes = r.text("notes")
        let names = ["painNRS"] + domains.map(\.0)
        let given = names.filter { r.string("patientReported.\($0)") != nil }
        if !given.isEmpty {
            var values: [String: Int] = [:]
            for n in names { values[n] = r.int("patientReported.\(n)") }
            if given.count < names.count {
                for n in names where r.string("patientReported.\(n)") == nil {
                    r.errors.append(CaseValidationError(path: "patientReported.\(n)", message: "answer every question of the patient-reported outcome, or none"))
                }
            } else if let nrs = values["painNRS"], let m = values["mobility"], let s = values["selfCare"],
                      let u = values["usualActivities"], let p = values["painDiscomfort"], let a = values["anxietyDepression"] {
                input.patientReported = PatientReported(painNRS: nrs, mobility: m, selfCare: s, usualActivities: u, painDiscomfort: p, anxietyDepression: a)
            }
        }
        return (input, r.errors)
    }

    static func submit(req: Request) async throws -> Response {
        let access = try await WebCaseAccess.require(req, .writeCases, action: "follow-up.create")
        let form = try WebForms.form(req)
        let (input, parseErrors) = self.input(form)
        do {
            _ = try await access.write(req, action: "follow-up.create") {
                guard parseErrors.isEmpty else { throw FormRefusal.invalid(parseErrors, title: "The follow-up visit is not valid") }
                return try await FollowUpService.record(input, caseID: access.caseID, user: access.user, req: req)
            }
        } catch {
            let refusal = try FormRefusal.from(error)
            return try await render(req, access, form: form, errors: refusal.errors, status: refusal.status)
        }
        return WebApp.redirect("/cases/\(access.caseID.uuidString)/follow-up#timeline")
    }

    static func render(_ req: Request, _ access: WebCaseAccess, form: FormData, errors: [CaseValidationError], status: HTTPResponseStatus) async throws -> Response {
        let visits = try await FollowUpService.list(caseID: access.caseID, on: req.db)
        try await access.audit(req, "follow-ups.read", "web follow-up page, \(visits.count) visit\(visits.count == 1 ? "" : "s")")
        let id = access.caseID.uuidString
        let points = visits.map { v in
            Diagrams.VisitPoint(date: v.visitDate, painScore: v.visit.painScore, painNRS: v.visit.patientReported?.painNRS,
                                grade: v.visit.frankel ?? v.visit.asia, worse: v.worsening)
        }
        let rows: [Html] = visits.reversed().map { v in
            let f = v.visit
            let pro: Html = f.patientReported.map { p in
                "NRS \(p.painNRS); mobility \(p.mobility), self-care \(p.selfCare), activities \(p.usualActivities), pain/discomfort \(p.painDiscomfort), anxiety/depression \(p.anxietyDepression)"
            } ?? "—"
            let flag: Html = v.worsening.map {
                Html(raw: "<div class=\"worse-flag\" role=\"note\"><strong>⚠ Neurology worse: the case is an emergency again.</strong> \(Html.escape($0))</div>")
            } ?? .empty
            let grade = [f.frankel.map { "Frankel \($0)" }, f.asia.map { "ASIA \($0)" }].compactMap { $0 }.joined(separator: ", ")
            let performance = [f.karnofsky.map { "KPS \($0)" }, f.ecog.map { "ECOG \($0)" }].compactMap { $0 }.joined(separator: ", ")
            return """
            <tr class="\(v.worsening == nil ? "" : "worsened")"><th scope="row" class="nowrap">\(v.visitDate)</th><td class="num">\(f.painScore.map(String.init) ?? "—")</td>
            <td>\(grade.isEmpty ? "—" : grade)</td><td>\(f.ambulation.map(FieldLabels.code) ?? "—")</td><td>\(performance.isEmpty ? "—" : performance)</td>
            <td>\(pro)</td><td>\(f.notes ?? "")\(flag)</td><td>\(v.author)</td></tr>
            """
        }
        var formHtml: Html = .empty
        if access.user.role.permits(.writeCases) {
            let f = TeamForm("fu", values: form, errors: errors)
            let grades = [("", "— not examined —")] + ["A", "B", "C", "D", "E"].map { ($0, $0) }
            let prSelects: [Html] = domains.map { f.select("patientReported.\($0.0)", $0.1, options: [("", "—")] + levels) }
            formHtml = """
            <form method="post" action="/cases/\(id)/follow-up" class="card inline-form" id="visit-form" novalidate>\(WebForms.csrfField(req.webCSRFToken))
            <h2>Record a visit</h2>\(f.summary)
            <div class="grid">
            \(f.text("visitDate", "Visit date", type: "date", required: true))
            \(f.number("painScore", "Pain score (0–10, clinician)"))
            \(f.select("frankel", "Frankel grade", options: grades))
            \(f.select("asia", "ASIA grade", options: grades))
            \(f.select("ambulation", "Walking", options: [("", "— not examined —"), ("independent", "Walks independently"), ("withAid", "Walks with an aid"), ("nonAmbulatory", "Cannot walk")]))
            \(f.select("bladderBowelDysfunction", "Bladder or bowel dysfunction", options: [("", "— not examined —"), ("true", "Yes"), ("false", "No")]))
            \(f.number("karnofsky", "Karnofsky (0–100, in tens)"))
            \(f.number("ecog", "ECOG (0–5)"))
            </div>
            \(FormRenderer(form: form, errors: errors).checkboxes("neuroSymptoms", codes: NeuroSymptom.allCases.map(\.rawValue),
                                                               legend: "Neurological symptoms found at this visit"))
            <fieldset><legend>Patient-reported outcome (answer all or none)</legend>
            <div class="grid">\(f.number("patientReported.painNRS", "Pain NRS (0–10)"))\(prSelects)</div></fieldset>
            \(f.textarea("notes", "Notes"))
            <p class="hint">A Frankel/ASIA grade or walking worse than at the last record, a neurological symptom not recorded before, or new bladder or bowel dysfunction makes the case an emergency again and starts a new urgency clock.</p>
            <p><button type="submit" class="primary">Record the visit</button></p></form>
            """
        }
        let escalation: Html = access.head.escalation.map {
            Html(raw: "<p class=\"alert error\" role=\"alert\"><strong>Emergency again:</strong> \(Html.escape($0))</p>")
        } ?? .empty
        let body: Html = """
        <div class="page-head"><div><h1>Follow-up: \(access.name)</h1><p class="muted">\(access.patient.recordNumber)</p></div>
        <a class="button" href="/cases/\(id)">Back to the case</a></div>
        \(escalation)
        <section class="card" aria-labelledby="chart-h"><h2 id="chart-h">Over time</h2>
        \(visits.isEmpty ? Html(raw: "<p class=\"muted\">No visits yet.</p>") : Diagrams.followUpChart(points))</section>
        <section class="card" id="timeline" aria-labelledby="timeline-h"><h2 id="timeline-h">Visits</h2>
        \(rows.isEmpty ? Html(raw: "<p class=\"muted\">No visits recorded.</p>") : Html(raw: """
        <div class="table-wrap"><table><caption class="visually-hidden">Follow-up visits, newest first</caption><thead><tr><th scope="col">Date</th><th scope="col">Pain</th><th scope="col">Neurology</th><th scope="col">Walking</th><th scope="col">Performance</th><th scope="col">Patient-reported (1 = no problems … 5 = extreme)</th><th scope="col">Notes</th><th scope="col">By</th></tr></thead><tbody>\(rows.joined().raw)</tbody></table></div>
        """))</section>
        \(formHtml)
        """
        return WebApp.html(Layout(title: "Follow-up · \(access.name)", user: access.user, csrf: req.webCSRFToken).render(body), status: status)
    }
}

enum SpinePage {
    static let eqd2Note = "(α/β = 2 Gy, prescription dose, not the cord dose of a plan)"

    static func show(req: Request) async throws -> Response {
        let access = try await WebCaseAccess.require(req, .readPatients, action: "spine.read")
        var form = FormData()
        form.set("givenOn", req.spine.clock.today().description)
        return try await render(req, access, form: form, errors: [], status: .ok)
    }

    static func submit(req: Request) async throws -> Response {
        let access = try await WebCaseAccess.require(req, .writeCases, action: "treatment.create")
        let form = try WebForms.form(req)
        var r = FormReader(form)
        let input = TreatmentInput(kind: form["kind"], levels: CaseFormModel.parseLevels(form["levels"]), givenOn: form["givenOn"].trimmingCharacters(in: .whitespaces),
                                   doseGy: r.double("doseGy"), fractions: r.int("fractions"), detail: r.text("detail"))
        let parseErrors = r.errors
        do {
            _ = try await access.write(req, action: "treatment.create") {
                guard parseErrors.isEmpty else { throw FormRefusal.invalid(parseErrors, title: "The treatment record is not valid") }
                return try await FollowUpService.recordTreatment(input, caseID: access.caseID, user: access.user, req: req)
            }
        } catch {
            let refusal = try FormRefusal.from(error)
            return try await render(req, access, form: form, errors: refusal.errors, status: refusal.status)
        }
        return WebApp.redirect("/cases/\(access.caseID.uuidString)/spine")
    }

    static func render(_ req: Request, _ access: WebCaseAccess, form: FormData, errors: [CaseValidationError], status: HTTPResponseStatus) async throws -> Response {
        let view = try await SpineHistoryService.history(caseID: access.caseID, on: req.db)
        try await access.audit(req, "spine.read", "web spine over time, \(view.levels.count) level\(view.levels.count == 1 ? "" : "s")")
        let id = access.caseID.uuidString
        let current = Set(view.levels.filter { $0.observations.contains { $0.caseVersion == view.currentVersion } }.map(\.level))
        let marks: [Diagrams.LevelMark] = view.levels.compactMap { l in
            guard let level = VertebralLevel(code: l.level) else { return nil }
            return .init(level: level, cumulativeEQD2: l.cumulativeEQD2Gy, cumulativeDose: l.cumulativeDoseGy,
                         procedures: l.treatments.filter { $0.kind != "radiation" }.map(\.kind), involved: current.contains(l.level))
        }
        let rows: [Html] = view.levels.map { l in
            let observations: [Html] = l.observations.map { o in
                let facts = [o.sins.map { "SINS \($0)" + (o.sinsCategory.map { " (\($0))" } ?? "") }, o.escc.map { "ESCC \($0)" },
                             o.collapse.map { "collapse: " + FieldLabels.code($0).lowercased() }, o.priorRadiation.map { "prior RT \($0)" }].compactMap { $0 }
                return "<li>v\(o.caseVersion) (\(TeamWords.time(o.recordedAt)), lesion \(o.lesion)): \(facts.isEmpty ? "—" : facts.joined(separator: ", "))</li>"
            }
            let treatments: [Html] = l.treatments.map { t in
                let dose = t.doseGy.map { "\(Words.dose($0)) Gy / \(t.fractions ?? 0)" + (t.eqd2Gy.map { " (EQD2 \(Words.dose($0)) Gy)" } ?? "") } ?? ""
                return "<li>\(t.givenOn) <strong>\(t.kind)</strong> \(dose)\(t.detail.isEmpty ? "" : " — \(t.detail)") <span class=\"muted\">(\(t.author))</span></li>"
            }
            let courses: [Html] = l.radiation.map { c in
                "<li>\(Words.dose(c.doseGy)) Gy / \(c.fractions)\(c.on.map { " on \($0)" } ?? "") → EQD2 \(Words.dose(c.eqd2Gy)) Gy <span class=\"muted\">(\(c.source))</span></li>"
            } + l.doseNotes.map { "<li class=\"caution\"><strong>Counted once:</strong> \($0)</li>" }
            return """
            <tr><th scope="row">\(l.level)</th><td><ul class="tight">\(observations)</ul></td><td><ul class="tight">\(treatments)</ul></td>
            <td><ul class="tight">\(courses)</ul></td><td class="num nowrap">\(Words.dose(l.cumulativeDoseGy)) Gy</td><td class="num nowrap"><strong>\(Words.dose(l.cumulativeEQD2Gy)) Gy</strong></td></tr>
            """
        }
        var formHtml: Html = .empty
        if access.user.role.permits(.writeCases) {
            let f = TeamForm("tx", values: form, errors: errors)
            formHtml = """
            <form method="post" action="/cases/\(id)/spine" class="card inline-form" id="treatment-form" novalidate>\(WebForms.csrfField(req.webCSRFToken))
            <h2>Record a treatment delivered</h2>\(f.summary)
            <div class="grid">
            \(f.select("kind", "Treatment", options: [("", "— choose —"), ("radiation", "Radiotherapy course"), ("surgery", "Surgery"), ("cement-augmentation", "Cement augmentation"), ("embolization", "Embolisation")]))
            \(f.text("levels", "Levels", hint: "e.g. T11-T12 or T4, T6", required: true))
            \(f.text("givenOn", "Given on", type: "date", required: true))
            \(f.number("doseGy", "Total dose (Gy, radiotherapy only)"))
            \(f.number("fractions", "Fractions (radiotherapy only)"))
            \(f.text("detail", "Hardware or technique", hint: "e.g. pedicle screws T10–L1, rods; SBRT"))
            </div>
            <p><button type="submit" class="primary">Record the treatment</button></p></form>
            """
        }
        let body: Html = """
        <div class="page-head"><div><h1>Spine over time: \(access.name)</h1><p class="muted">\(access.patient.recordNumber) · case version \(view.currentVersion)</p></div>
        <a class="button" href="/cases/\(id)">Back to the case</a></div>
        <div class="two-col">
        <section class="card" aria-labelledby="dose-h"><h2 id="dose-h">Radiation and procedures by level</h2>\(Diagrams.spineDoses(marks))
        <p class="legend"><span class="swatch dose-1"></span> EQD2 under 30 Gy <span class="swatch dose-2"></span> 30–45 Gy <span class="swatch dose-3"></span> 45 Gy or more (display bands, not tolerance limits) · ▶ procedure</p>
        <p class="muted">Cumulative EQD2 \(eqd2Note). \(view.eqd2Statement).</p></section>
        \(formHtml)
        </div>
        <section class="card" aria-labelledby="levels-h"><h2 id="levels-h">Each level</h2>
        \(rows.isEmpty ? Html(raw: "<p class=\"muted\">Nothing recorded.</p>") : Html(raw: """
        <div class="table-wrap"><table><caption class="visually-hidden">The spine over time, level by level</caption><thead><tr><th scope="col">Level</th><th scope="col">Case versions</th><th scope="col">Treatments delivered</th><th scope="col">Radiation courses</th><th scope="col">Cumulative dose</th><th scope="col">Cumulative EQD2 <small>\(Html.escape(eqd2Note))</small></th></tr></thead><tbody>\(rows.joined().raw)</tbody></table></div>
        """))</section>
        """
        return WebApp.html(Layout(title: "Spine over time · \(access.name)", user: access.user, csrf: req.webCSRFToken).render(body), status: status)
    }
}
