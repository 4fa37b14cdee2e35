// The assessment page: urgency first, then the spine diagram, each score as a card with its
// items, points, category, scale and citation, the prognosis panel side by side, NOMS, ranked
// options, referrals, the rules version and the disclaimer.
import Fluent
import Foundation
import SpineCore
import Vapor

/// One case version loaded for a page, its read audited like `GET /api/v1/cases/{id}`.
struct LoadedCase {
    var caseID: UUID
    var head: CaseModel
    var patient: PatientModel
    var version: CaseQueries.StoredVersion
    var stored: StoredCase

    static func load(_ req: Request, user: AuthenticatedUser, detail: String) async throws -> LoadedCase {
        _ = try await req.requireUser(.readPatients, action: "case.read")
        let rawID = req.parameters.get("caseId") ?? ""
        return try await req.auditingFailures(action: "case.read", user: user, caseID: rawID) {
            let (head, patient) = try await req.requireCaseAccess(user, rawID: rawID, action: "case.read")
            let caseID = try head.requireID()
            var n = head.currentVersion
            if let raw: String = req.query["version"] {
                guard let v = Int(raw), v >= 1, v <= head.currentVersion else {
                    throw Problem.notFound("case \(caseID) has versions 1…\(head.currentVersion)")
                }
                n = v
            }
            let version = try await CaseQueries.version(n, of: caseID, on: req.db)
            let assessedOn = Self.assessedOn(version.assessment) ?? head.assessedOn
            guard let stored = StoredCase(document: version.document, assessedOn: assessedOn) else {
                // Stored when valid, refused by the rules this server runs (a tightened check):
                // the record stays as assessed, and the team is told what to correct.
                let errors = StoredCase.validationErrors(of: version.document, assessedOn: assessedOn)
                throw Problem(status: .conflict, type: Problem.kind("stored-case-no-longer-valid"), title: "The case needs correcting",
                              detail: "Version \(n) of this case no longer passes validation under rules \(Rules.version) "
                                  + "(\(Set(errors.map(\.path)).sorted().joined(separator: ", "))). Its recorded assessment is kept; "
                                  + "edit the case to correct these fields, and the new version is assessed.",
                              errors: errors, caseID: caseID.uuidString)
            }
            try await req.audit(AuditEvent(action: n == head.currentVersion ? "case.read" : "case.version.read",
                                           patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                           outcome: AuditOutcome.success, detail: "version \(n) (\(detail))"), user: user)
            return LoadedCase(caseID: caseID, head: head, patient: patient, version: version, stored: stored)
        }
    }

    /// The assessment date recorded in a stored snapshot.
    static func assessedOn(_ snapshot: Data) -> String? {
        guard case .object(let members)? = try? JSONParser.parse(Array(snapshot)),
              case .string(let s)? = members.first(where: { $0.key == "assessedOn" })?.value else { return nil }
        return s
    }

    var isCurrent: Bool { version.version == head.currentVersion }
}

enum AssessmentPage {
    static func show(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        return try await render(req, user: user, state: CasePanelState())
    }

    /// The case page with the team's panels; `state` carries a refused panel form back (with `status`).
    static func render(_ req: Request, user: AuthenticatedUser, state: CasePanelState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let loaded = try await LoadedCase.load(req, user: user, detail: "web assessment page")
        let team = try await CaseTeamPanels.render(req, user: user, loaded: loaded, state: state)
        let delivered = loaded.isCurrent ? try await FollowUpService.treatments(caseID: loaded.caseID, on: req.db) : []
        let body = view(loaded, team: team, unrecorded: unrecordedRadiation(delivered, in: loaded.stored.value))
        let name = loaded.stored.value.patient.name ?? loaded.patient.recordNumber
        return WebApp.html(Layout(title: "Assessment · \(name)", user: user, csrf: req.webCSRFToken).render(body), status: status)
    }

    /// Radiotherapy recorded as delivered (Spine over time) to a level of a lesion whose prior
    /// radiation in this case version does not hold that course: the assessment reads only the case
    /// document, so its re-irradiation cautions and regimens do not know about it.
    static func unrecordedRadiation(_ delivered: [TreatmentModel], in c: Case) -> [TreatmentModel] {
        delivered.filter { t in
            guard t.kind == "radiation", let dose = t.doseGy, let fractions = t.fractions else { return false }
            let levels = Set(t.levels.split(separator: ",").compactMap { VertebralLevel(code: String($0)) })
            let lesions = c.spine.lesions.filter { !levels.isDisjoint(with: $0.levels) }
            return !lesions.isEmpty && !lesions.contains { lesion in
                guard let prior = lesion.priorRadiation else { return false }
                return prior.doseGy == dose && prior.fractions == fractions && (prior.on == nil || prior.on?.description == t.givenOn)
            }
        }
    }

    static func unrecordedNotice(_ courses: [TreatmentModel], caseID: String) -> Html {
        guard !courses.isEmpty else { return .empty }
        let items: [Html] = courses.map { t in
            "<li>\(Words.dose(t.doseGy ?? 0)) Gy / \(t.fractions ?? 0) to \(Words.levels(t.levels.split(separator: ",").compactMap { VertebralLevel(code: String($0)) })) on \(t.givenOn) (recorded by \(t.authorUsername))</li>"
        }
        return """
        <section class="alert error" role="alert" aria-labelledby="unrecorded-rt-h"><h2 id="unrecorded-rt-h">Delivered radiotherapy not in this assessment</h2>
        <p>These courses were recorded as delivered to a treated lesion, but this case version's prior radiation does not include them, \
        so the options and cautions below do not account for them (re-irradiation, cumulative dose):</p><ul>\(items)</ul>
        <p><a href="/cases/\(caseID)/edit">Edit the case</a> and add the course under the lesion's prior radiation.</p></section>
        """
    }

    static func view(_ l: LoadedCase, team: Html = .empty, unrecorded: [TreatmentModel] = []) -> Html {
        let c = l.stored.value, a = l.stored.assessment
        let id = l.caseID.uuidString
        let versionNote: Html = l.isCurrent ? .empty
            : #"<p class="alert" role="status">You are looking at version \#(l.version.version) of \#(l.head.currentVersion). <a href="/cases/\#(id)">See the current version</a>.</p>"#
        return """
        \(header(c, l))
        \(versionNote)
        \(CaseTeamPanels.urgencyBanner(l))
        \(unrecordedNotice(unrecorded, caseID: id))
        <div class="two-col">
        <section class="card" aria-labelledby="spine-h"><h2 id="spine-h">Spine</h2>\(Diagrams.spine(c, a))
        <p class="muted">LMNOP — Levels: \(a.lmnop.levels). Mechanical: \(a.lmnop.mechanical). Neurology: \(a.lmnop.neurology). Oncology: \(a.lmnop.oncology). Patient: \(a.lmnop.patient). <span class="cite">\(a.lmnop.citation)</span></p></section>
        \(prognosis(a.prognosis))
        </div>
        \(noms(a))
        \(options(a.options))
        \(referrals(a.referralDetails))
        \(team)
        <section aria-labelledby="scores-h"><h2 id="scores-h">Scores</h2>
        <div class="cards">
        \(scoreCard("SINS — Spinal Instability Neoplastic Score", a.scores.sins, bands: SpinalInstabilityNeoplasticScore.bands, higherIsWorse: true))
        \(esccCard(a.scores.escc))
        \(scoreCard("Revised Tokuhashi", a.scores.tokuhashiRevised, bands: RevisedTokuhashiScore.bands, higherIsWorse: false))
        \(scoreCard("Tomita", a.scores.tomita, bands: TomitaScore.bands, higherIsWorse: true))
        \(scoreCard("Modified Bauer", a.scores.bauerModified, bands: ModifiedBauerScore.bands, higherIsWorse: false))
        \(scoreCard("Original Bauer", a.scores.bauerOriginal, bands: OriginalBauerScore.bands, higherIsWorse: false))
        \(scoreCard("NESMS — New England Spinal Metastasis Score", a.scores.nesms, bands: NewEnglandSpinalMetastasisScore.bands, higherIsWorse: false))
        \(scoreCard("Rades 2008 survival score", a.scores.rades, bands: RadesSurvivalScore.bands, higherIsWorse: false))
        \(statusCard(a.scores))
        </div></section>
        \(warnings(a.warnings))
        <section class="card rules"><p>Rules version <strong>\(a.rulesVersion)</strong> · assessed on \(a.assessedOn.description) · case version \(l.version.version) by \(l.version.author)</p>
        <p class="disclaimer"><strong>\(a.disclaimer)</strong></p></section>
        """
    }

    static func header(_ c: Case, _ l: LoadedCase) -> Html {
        let id = l.caseID.uuidString
        var facts: [String] = [c.patient.id]
        if let b = c.patient.birthDate { facts.append("born \(b.description)") }
        if let s = c.patient.sex { facts.append(FieldLabels.code(s.rawValue).lowercased()) }
        facts.append(Words.histology(c.primaryTumor.histology) + (c.primaryTumor.detail.map { " (\($0))" } ?? ""))
        facts.append("levels " + Words.levels(c.spine.involvedLevels))
        return """
        <div class="page-head"><div><h1>\(c.patient.name ?? c.patient.id)</h1><p class="muted">\(facts.joined(separator: " · "))</p></div>
        <nav class="actions no-print" aria-label="Case">
        <a class="button primary" href="/cases/\(id)/edit">Edit case</a>
        <a class="button" href="/cases/\(id)/summary">Patient summary</a>
        <a class="button" href="/cases/\(id)/history">History (\(l.head.currentVersion) version\(l.head.currentVersion == 1 ? "" : "s"))</a>
        <a class="button" href="/cases/\(id)/follow-up">Follow-up</a>
        <a class="button" href="/cases/\(id)/spine">Spine over time</a>
        <button type="button" class="button" data-print>Print</button>
        </nav></div>
        """
    }

    static func urgencyBanner(_ u: Urgency) -> Html {
        let reasons: [Html] = u.reasons.map { "<li>\($0)</li>" }
        let deadlines: [Html] = u.deadlines.map { d in
            "<tr><td>\(d.action)</td><td class=\"nowrap\"><strong>\(d.within)</strong></td><td class=\"nowrap\">\(d.dueBy)</td><td class=\"cite\">\(d.citation)</td></tr>"
        }
        let table: Html = deadlines.isEmpty ? .empty : """
        <table class="deadlines"><thead><tr><th scope="col">Action</th><th scope="col">Within</th><th scope="col">Due by</th><th scope="col">Source</th></tr></thead><tbody>\(deadlines)</tbody></table>
        """
        return """
        <section class="banner \(u.level.rawValue)" role="region" aria-labelledby="urgency-h">
        <h2 id="urgency-h"><span class="badge \(u.level.rawValue)">\(u.level.rawValue)</span> \(u.safetyNet)</h2>
        <ul>\(reasons)</ul>
        \(table)
        <p class="cite">\(u.citation)</p>
        </section>
        """
    }

    static let instrumentNames: [String: String] = [
        "tokuhashiRevised": "Revised Tokuhashi", "tomita": "Tomita", "bauerModified": "Modified Bauer", "nesms": "NESMS", "rades": "Rades 2008",
    ]

    static func prognosis(_ p: PrognosisPanel) -> Html {
        let rows: [Html] = p.readings.map { r in
            "<tr><th scope=\"row\">\(instrumentNames[r.instrument] ?? r.instrument)</th><td>\(r.total)</td><td>\(r.reading)</td><td><span class=\"tier \(r.tier.rawValue)\">\(r.tier.rawValue)</span></td></tr>"
        }
        let agreementText = ["agree": "The scores agree", "partly-agree": "The scores differ by one tier",
                             "disagree": "The scores disagree", "insufficient": "Too few scores to compare"][p.agreement] ?? p.agreement
        let notes: [Html] = p.notes.map { "<li>\($0)</li>" }
        return """
        <section class="card prognosis" aria-labelledby="prognosis-h"><h2 id="prognosis-h">Prognosis side by side</h2>
        <p class="agreement \(p.agreement)"><strong>\(agreementText).</strong> \(p.summary)</p>
        <table><thead><tr><th scope="col">Instrument</th><th scope="col">Total</th><th scope="col">Reading</th><th scope="col">Tier</th></tr></thead><tbody>\(rows)</tbody></table>
        <p>Expected survival of 3 months or more: <strong>\(p.survivalAtLeast3Months)</strong> — \(p.survivalSource)</p>
        <ul class="notes">\(notes)</ul></section>
        """
    }

    static func noms(_ a: Assessment) -> Html {
        func arm(_ letter: String, _ name: String, _ f: Finding) -> Html {
            let facts: [Html] = f.facts.map { "<li>\($0)</li>" }
            return "<div class=\"arm\"><h3><span class=\"letter\">\(letter)</span> \(name)</h3><p><strong>\(f.finding)</strong></p><ul>\(facts)</ul></div>"
        }
        func check(_ title: String, _ c: CriteriaCheck) -> Html {
            let criteria: [Html] = c.criteria.map { k in
                let mark = k.met.map { $0 ? "met" : "not met" } ?? "unknown"
                return "<li><span class=\"crit \(mark.replacingOccurrences(of: " ", with: "-"))\">\(mark)</span> \(k.criterion) — \(k.fact)</li>"
            }
            return "<details><summary>\(title): <strong>\(c.status)</strong> — \(c.summary)</summary><ul>\(criteria)</ul><p class=\"cite\">\(c.citation)</p></details>"
        }
        let rules: [Html] = a.noms.rulesApplied.map { "<li>\($0)</li>" }
        return """
        <section class="card" aria-labelledby="noms-h"><h2 id="noms-h">NOMS</h2>
        <div class="noms">\(arm("N", "Neurologic", a.noms.neurologic))\(arm("O", "Oncologic", a.noms.oncologic))\(arm("M", "Mechanical", a.noms.mechanical))\(arm("S", "Systemic", a.noms.systemic))</div>
        <details><summary>Rules applied (\(a.noms.rulesApplied.count))</summary><ol>\(rules)</ol></details>
        \(check("Patchell criteria", a.patchell))
        \(check("En bloc criteria", a.enBloc))
        <p class="cite">\(a.noms.citation)</p></section>
        """
    }

    static func options(_ options: [TreatmentRecommendation]) -> Html {
        let items: [Html] = options.map { o in
            let goals: [Html] = o.goals.map { "<span class=\"goal\">\(OptionWords.goal($0))</span>" }
            let why: [Html] = o.rationale.map { "<li><strong>\($0.rule)</strong>: \($0.finding) <span class=\"cite\">(\($0.citation))</span></li>" }
            let context: [Html] = o.contextNotes.map { "<li class=\"context\">\($0)</li>" }
            let cautions: [Html] = o.cautions.map { "<li class=\"caution\"><strong>Caution:</strong> \($0)</li>" }
            let alternatives: Html = o.alternativeRegimens.isEmpty ? .empty : "<p class=\"muted\">Alternatives: \(o.alternativeRegimens.joined(separator: "; "))</p>"
            let declined: Html = o.declined ? " <span class=\"badge declined\">declined by the patient</span>" : .empty
            return """
            <li class="option\(o.declined ? " is-declined" : "")"><h3>\(o.title)\(declined)</h3>
            \(o.regimen.map { Html(raw: "<p class=\"regimen\">\(Html.escape($0))</p>") } ?? .empty)
            \(alternatives)
            <p class="goals">Goals served: \(goals.joined(" "))</p>
            <ul class="why">\(why)\(context)\(cautions)</ul></li>
            """
        }
        return """
        <section class="card" aria-labelledby="options-h"><h2 id="options-h">Options, ranked</h2><ol class="options">\(items)</ol></section>
        """
    }

    static func referrals(_ r: [ReferralDetail]) -> Html {
        let items: [Html] = r.map { "<li><strong>\(OptionWords.referral($0.code))</strong>: \($0.reasons.joined(separator: "; "))</li>" }
        return "<section class=\"card\" aria-labelledby=\"referrals-h\"><h2 id=\"referrals-h\">Referrals</h2><ul>\(items)</ul></section>"
    }

    static func warnings(_ w: [Text]) -> Html {
        guard !w.isEmpty else { return .empty }
        let items: [Html] = w.map { "<li>\($0)</li>" }
        return "<section class=\"card warnings\" aria-labelledby=\"warnings-h\"><h2 id=\"warnings-h\">Data to add and conventions applied</h2><ul>\(items)</ul></section>"
    }

    static func scoreCard(_ name: String, _ r: ScoreResult, bands: [ScoreBand], higherIsWorse: Bool) -> Html {
        let headline: Html
        switch r.status {
        case .computed:
            headline = "<p class=\"total\"><strong>\(r.total ?? 0)</strong> <span class=\"muted\">of \(r.range.lowerBound)–\(r.range.upperBound)</span> \(r.category.map { Html(raw: "<span class=\"category\">\(Html.escape($0))</span>") } ?? .empty)\(r.lesion.map { Html(raw: " <span class=\"muted\">at \(Html.escape($0))</span>") } ?? .empty)</p>"
        case .incomplete:
            headline = "<p class=\"total incomplete\"><strong>Not computed</strong>: missing \(FieldLabels.list(r.missing)) (nothing counted as 0)</p>"
        case .notApplicable:
            headline = "<p class=\"total na\"><strong>Not applicable</strong>: \(r.reason ?? "")</p>"
        }
        let table = itemTable(r.items)
        let notes: [Html] = r.notes.map { "<li>\($0)</li>" }
        let alt: Html = r.alternativeTotal.map { "<p class=\"muted\">Approximate: the alternative total is \($0).</p>" } ?? .empty
        var perLesion: Html = .empty
        // Every lesion in full when there are several, or when one is incomplete: its scored items
        // (a lower bound, as the reasoning reads it) and what it is missing.
        if let lesions = r.perLesion, lesions.count > 1 || r.status == .incomplete {
            let blocks: [Html] = lesions.map { l in
                let head: Html = l.status == .computed
                    ? "\(l.total ?? 0) of \(l.range.lowerBound)–\(l.range.upperBound)\(l.category.map { " (\($0))" } ?? "")"
                    : "not computed: missing \(FieldLabels.list(l.missing)); the items scored so far give \(l.scoredPoints)"
                return "<section class=\"lesion\"><h4>\(l.lesion ?? "?"): \(head)</h4>\(itemTable(l.items))</section>"
            }
            perLesion = "<p>Each lesion:</p>\(blocks)"
        }
        return """
        <article class="card score"><h3>\(name)</h3>\(headline)
        \(Diagrams.scale(r, bands: bands, higherIsWorse: higherIsWorse, name: name))
        \(r.interpretation.map { Html(raw: "<p class=\"interpretation\">\(Html.escape($0))</p>") } ?? .empty)
        \(table)\(alt)\(perLesion)<ul class="notes">\(notes)</ul>
        <p class="cite">\(r.citation)</p></article>
        """
    }

    static func itemTable(_ items: [ScoreItem]) -> Html {
        let rows: [Html] = items.map { i in
            "<tr><td>\(i.item)</td><td>\(i.input)\(i.note.map { Html(raw: "<br><small class=\"muted\">\(Html.escape($0))</small>") } ?? .empty)</td><td class=\"num\">\(i.points)</td></tr>"
        }
        return rows.isEmpty ? .empty : "<table class=\"items\"><thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Read from the case</th><th scope=\"col\">Points</th></tr></thead><tbody>\(rows)</tbody></table>"
    }

    static func esccCard(_ e: EsccResult) -> Html {
        let grade = e.grade ?? "not recorded"
        return """
        <article class="card score"><h3>ESCC — Epidural spinal cord compression (Bilsky)</h3>
        <p class="total"><strong>\(grade)</strong> \(e.highGrade == true ? Html(raw: "<span class=\"category\">high grade</span>") : .empty)\(e.lesion.map { Html(raw: " <span class=\"muted\">at \(Html.escape($0))</span>") } ?? .empty)</p>
        \(e.definition.map { Html(raw: "<p class=\"interpretation\">\(Html.escape($0))</p>") } ?? .empty)
        \(e.note.map { Html(raw: "<p class=\"muted\">\(Html.escape($0))</p>") } ?? .empty)
        \(e.missing.map { Html(raw: "<p class=\"total incomplete\">Missing: \(Html.escape(FieldLabels.list($0)))</p>") } ?? .empty)
        <p class="cite">\(e.citation)</p></article>
        """
    }

    static func statusCard(_ s: Scores) -> Html {
        let p = s.performanceStatus, n = s.neurologicalStatus
        var lines: [Html] = []
        if let k = p.karnofsky { lines.append("<li>Karnofsky \(k)\(p.karnofskyRange.map { " (range \($0))" } ?? "")</li>") }
        if let e = p.ecog { lines.append("<li>ECOG \(e)</li>") }
        if let f = n.frankel { lines.append("<li>Frankel \(f)\(n.frankelFromAsia ? " (from ASIA)" : "")</li>") }
        if let asia = n.asia { lines.append("<li>ASIA \(asia)</li>") }
        if let amb = n.ambulation { lines.append("<li>\(FieldLabels.code(amb))</li>") }
        if let d = n.deficit { lines.append("<li>Deficit: \(FieldLabels.code(d))</li>") }
        if let days = n.motorDeficitDays { lines.append("<li>Motor deficit for \(days) days</li>") }
        if n.bladderBowelDysfunction == true { lines.append("<li>Bladder or bowel dysfunction</li>") }
        if p.status != "computed" {
            lines.append("<li class=\"incomplete\">Performance status not recorded: missing \(FieldLabels.list(p.missing ?? []))</li>")
        }
        let notes: [Html] = [p.note, n.note].compactMap { $0 }.map { "<li class=\"muted\">\($0)</li>" }
        return """
        <article class="card score"><h3>Performance and neurological status</h3><ul>\(lines)\(notes)</ul>
        <p class="cite">\(p.citation)</p><p class="cite">\(n.citation)</p></article>
        """
    }
}
