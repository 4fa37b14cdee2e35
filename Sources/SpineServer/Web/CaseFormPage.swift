// The case form (new and edit): every field of the case document, grouped as a clinician thinks.
// The core validates; its errors are shown next to their fields with everything typed kept.
// Editing carries the version it started from: a conflicting edit shows who changed what.
import Fluent
import Foundation
import SpineCore
import Vapor

enum CaseFormPage {
    // MARK: - Handlers

    static func new(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        _ = try await req.requireUser(.writeCases, action: "case.create")
        var form = FormData()
        form.set("_lesions", "1")
        return page(req, user: user, form: form, mode: .new, errors: [], notice: nil)
    }

    static func create(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        _ = try await req.requireUser(.writeCases, action: "case.create")
        var form = try WebForms.form(req)
        if let adjusted = lesionAction(&form) { return page(req, user: user, form: adjusted, mode: .new, errors: [], notice: nil) }
        let accepted: AcceptedCase
        switch validate(form, req: req) {
        case .failure(let failure):
            let errors = failure.errors
            try await req.audit(AuditEvent(action: "case.create", patientRecord: "", outcome: AuditOutcome.invalid,
                                           detail: "web form, \(errors.count) errors"), user: user)
            return page(req, user: user, form: form, mode: .new, errors: errors, notice: nil, status: .unprocessableEntity)
        case .success(let a): accepted = a
        }
        let record = accepted.value.patient.id
        let now = req.now
        let event = req.stamped(AuditEvent(action: "case.create", patientRecord: record, outcome: AuditOutcome.success,
                                           detail: "version 1"), user: user)
        let outcome = try await CaseController.storeNewCase(accepted, author: user, event: event, at: now, on: req.db)
        switch outcome {
        case .created(let id):
            return WebApp.redirect("/cases/\(id)")
        case .exists(let id):
            guard try await CareTeam.canAccess(user, caseID: id, at: req.now, on: req.db) else {
                let error = CaseValidationError(path: "patient.id", message: "this patient already has a case, and you are not on its care team")
                return page(req, user: user, form: form, mode: .new, errors: [error],
                            notice: #"<p class="alert error" role="alert">Record number \#(record) already has a case. Ask its care team to add you.</p>"#,
                            status: .conflict)
            }
            let error = CaseValidationError(path: "patient.id", message: "this patient already has a case: open it to edit")
            return page(req, user: user, form: form, mode: .new, errors: [error],
                        notice: #"<p class="alert error" role="alert">Record number \#(record) already has a case. <a href="/cases/\#(id.uuidString)">Open the existing case</a> and edit it there.</p>"#,
                        status: .conflict)
        }
    }

    static func edit(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        _ = try await req.requireUser(.writeCases, action: "case.read")
        let rawID = req.parameters.get("caseId") ?? ""
        let (head, patient) = try await req.requireCaseAccess(user, rawID: rawID, action: "case.read")
        let caseID = try head.requireID()
        let stored = try await CaseQueries.version(head.currentVersion, of: caseID, on: req.db)
        try await req.audit(AuditEvent(action: "case.read", patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                       outcome: AuditOutcome.success, detail: "version \(head.currentVersion) (web edit form)"), user: user)
        var form = CaseFormModel.form(fromDocument: stored.document)
        form.set("_version", String(head.currentVersion))
        // A version stored before a check was tightened opens with what now needs correcting.
        let errors = StoredCase.validationErrors(of: stored.document, assessedOn: head.assessedOn)
        var notices: [Html] = []
        if !errors.isEmpty {
            notices.append("<p class=\"alert error\" role=\"alert\">This version no longer passes validation under rules \(Rules.version); correct the fields marked below.</p>")
        }
        if let escalation = escalationNotice(head, examined: false) { notices.append(escalation) }
        return page(req, user: user, form: form, mode: .edit(caseID, head.currentVersion), errors: errors,
                    notice: notices.isEmpty ? nil : notices.joined())
    }

    /// A follow-up escalation stands until a version records the neurology anew: changed findings,
    /// or the same findings confirmed on examination (the box, which belongs to the case form).
    static func escalationNotice(_ head: CaseModel, examined: Bool) -> Html? {
        guard let escalation = head.escalation else { return nil }
        return """
            <div class="alert error" role="alert"><p><strong>\(escalation).</strong> The neurology below is from the current version, \
            not from that visit: record what you find on examination. The case stays an emergency until a version records the neurology anew.</p>
            <p><label><input type="checkbox" name="_neurologyExamined" form="case-form"\(examined ? Html(raw: " checked") : .empty)> \
            I examined the patient after that visit, and the neurology below is what I found (even if unchanged)</label></p></div>
            """
    }

    static func update(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        _ = try await req.requireUser(.writeCases, action: "case.update")
        let rawID = req.parameters.get("caseId") ?? ""
        let (head, patient) = try await req.requireCaseAccess(user, rawID: rawID, action: "case.update")
        let caseID = try head.requireID()
        var form = try WebForms.form(req)
        let examined = form["_neurologyExamined"] == "on"
        guard let base = Int(form["_version"]), base >= 1 else { throw Problem.badRequest("the form has no version; open the edit page again") }
        // The record number is the case's identity; it is not editable here.
        form.set("patient.id", patient.recordNumber)
        if let adjusted = lesionAction(&form) {
            return page(req, user: user, form: adjusted, mode: .edit(caseID, base), errors: [], notice: nil)
        }
        let accepted: AcceptedCase
        switch validate(form, req: req) {
        case .failure(let failure):
            let errors = failure.errors
            try await req.audit(AuditEvent(action: "case.update", patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                           outcome: AuditOutcome.invalid, detail: "web form, \(errors.count) errors"), user: user)
            return page(req, user: user, form: form, mode: .edit(caseID, base), errors: errors,
                        notice: escalationNotice(head, examined: examined), status: .unprocessableEntity)
        case .success(let a): accepted = a
        }
        let now = req.now
        let stamp = req.stamped(AuditEvent(action: "case.update", patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                           outcome: AuditOutcome.success), user: user)
        let outcome = try await CaseController.storeNewVersion(accepted, of: caseID, expected: [base], author: user, event: stamp,
                                                               staleDetail: "web form based on version \(base)", neurologyExamined: examined,
                                                               at: now, on: req.db)
        switch outcome {
        case .updated: return WebApp.redirect("/cases/\(caseID)")
        case .notFound, .otherPatient: throw Problem.notFound(CaseQueries.noCase(rawID))
        case .stale(let current):
            return try await conflict(req, user: user, caseID: caseID, base: base, current: current, form: form)
        }
    }

    /// Someone saved a newer version while this form was open: show who changed what (theirs and
    /// yours), keep what was typed, and let the user save again on top of the current version.
    static func conflict(_ req: Request, user: AuthenticatedUser, caseID: UUID, base: Int, current: Int, form: FormData) async throws -> Response {
        let baseVersion = try await CaseQueries.version(base, of: caseID, on: req.db)
        let currentVersion = try await CaseQueries.version(current, of: caseID, on: req.db)
        let list = try await CaseQueries.versionList(of: caseID, on: req.db)
        let authors = list.filter { $0.version > base }.map { "\($0.author) (version \($0.version), \(ISOTimestamp.iso8601($0.createdAt)))" }
        let baseForm = CaseFormModel.form(fromDocument: baseVersion.document)
        let theirs = CaseFormModel.changes(from: baseForm, to: CaseFormModel.form(fromDocument: currentVersion.document))
        let yoursForm = CaseFormModel.form(fromDocument: Data(CaseFormModel.document(from: form).utf8))
        let yours = CaseFormModel.changes(from: baseForm, to: yoursForm)
        let both = Set(theirs.map(\.field)).intersection(yours.map(\.field))
        func table(_ changes: [CaseFormModel.Change]) -> Html {
            if changes.isEmpty { return #"<p class="muted">No field changed.</p>"# }
            let rows: [Html] = changes.map { c in
                let flag: Html = both.contains(c.field) ? #" <strong class="badge urgent">changed by both</strong>"# : .empty
                return "<tr><th scope=\"row\">\(FieldLabels.label(c.field))\(flag)</th><td>\(c.before)</td><td>\(c.after)</td></tr>"
            }
            return "<table class=\"diff\"><thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Was (version \(base))</th><th scope=\"col\">Now</th></tr></thead><tbody>\(rows)</tbody></table>"
        }
        try await req.audit(AuditEvent(action: "case.read", patientRecord: form["patient.id"], caseID: caseID.uuidString,
                                       outcome: AuditOutcome.success, detail: "version \(current) (web edit conflict)"), user: user)
        let notice: Html = """
        <section class="alert conflict" role="alert" aria-labelledby="conflict-title" id="conflict">
        <h2 id="conflict-title">Someone else changed this case while you were editing</h2>
        <p>You started from version \(base). It is now version \(current), saved by \(authors.joined(separator: "; ")). Nothing of yours was saved and nothing of theirs was overwritten.</p>
        <h3>Their changes</h3>\(table(theirs))
        <h3>Your changes</h3>\(table(yours))
        <p>The form below holds your entries together with their changes to the fields you did not touch; where you both changed a field, your value is kept. Review it and save again to create version \(current + 1). <a href="/cases/\(caseID.uuidString)">Discard my changes and view the current case</a>.</p>
        </section>
        """
        // A three-way merge into the form: their changes to fields you did not touch are taken;
        // where you both changed a field, your value stays (and is flagged above).
        let currentForm = CaseFormModel.form(fromDocument: currentVersion.document)
        var merged = yoursForm
        for change in theirs where !both.contains(change.field) {
            merged.values[change.field] = currentForm.values[change.field]
        }
        merged.values["_lesions"] = nil
        merged.set("_lesions", String(CaseFormModel.lesionCount(merged)))
        merged.set("_version", String(current))
        return page(req, user: user, form: merged, mode: .edit(caseID, current), errors: [], notice: notice, status: .conflict)
    }

    /// "Add a lesion" and "remove" buttons re-show the form without saving.
    static func lesionAction(_ form: inout FormData) -> FormData? {
        let n = CaseFormModel.lesionCount(form)
        switch form["_action"] {
        case "add-lesion":
            form.set("_lesions", String(min(40, n + 1)))
            return form
        default:
            return nil
        }
    }

    static func validate(_ form: FormData, req: Request) -> Result<AcceptedCase, FormErrors> {
        let text = CaseFormModel.document(from: form)
        do {
            return .success(try AcceptedCase(ByteBuffer(string: text), today: req.spine.clock.today()))
        } catch let problem as Problem {
            return .failure(FormErrors(errors: problem.errors.isEmpty ? [CaseValidationError(path: "", message: problem.detail ?? problem.title)] : problem.errors))
        } catch {
            return .failure(FormErrors(errors: [CaseValidationError(path: "", message: "the form could not be read")]))
        }
    }

    // MARK: - View

    enum Mode {
        case new
        case edit(UUID, Int)
    }

    static func page(_ req: Request, user: AuthenticatedUser, form: FormData, mode: Mode, errors: [CaseValidationError],
                     notice: Html?, status: HTTPResponseStatus = .ok) -> Response {
        let title: String
        switch mode {
        case .new: title = "New case"
        case .edit: title = "Edit case \(form["patient.name"].isEmpty ? form["patient.id"] : form["patient.name"])"
        }
        let body = view(form: form, mode: mode, errors: errors, notice: notice, csrf: req.webCSRFToken, title: title)
        return WebApp.html(Layout(title: title, user: user, csrf: req.webCSRFToken).render(body), status: status)
    }

    static func view(form f: FormData, mode: Mode, errors: [CaseValidationError], notice: Html?, csrf: String?, title: String) -> Html {
        let r = FormRenderer(form: f, errors: errors)
        let action: String
        let isEdit: Bool
        switch mode {
        case .new: action = "/cases/new"; isEdit = false
        case .edit(let id, _): action = "/cases/\(id.uuidString)/edit"; isEdit = true
        }
        let summary: Html
        if errors.isEmpty {
            summary = .empty
        } else {
            let items: [Html] = errors.map { e in
                ##"<li><a href="#\##(FormRenderer.id(FormRenderer.fieldPath(e.path)))">\##(e.path.isEmpty ? "Document" : FieldLabels.label(FormRenderer.fieldPath(e.path)))</a>: \##(e.message)</li>"##
            }
            summary = """
            <section class="alert error error-summary" role="alert" aria-labelledby="error-title" tabindex="-1" id="error-summary">
            <h2 id="error-title">\(errors.count) thing\(errors.count == 1 ? "" : "s") to fix before saving</h2><ul>\(items)</ul>
            <p>Nothing was saved; everything you entered is kept.</p></section>
            """
        }
        let lesionCount = CaseFormModel.lesionCount(f)
        let lesions: [Html] = (0..<lesionCount).map { r.lesionCard($0) }
        let histologies = [("", "— choose —")] + HistologyCatalogue.entries.map { ($0.code, $0.name) }
        return """
        <h1>\(title)</h1>
        \(notice ?? .empty)
        \(summary)
        <form method="post" action="\(action)" class="case-form" id="case-form" novalidate>
        \(WebForms.csrfField(csrf))
        <input type="hidden" name="_version" value="\(f["_version"])">
        <input type="hidden" name="_lesions" value="\(lesionCount)">
        <fieldset class="card"><legend>Patient</legend>
        <div class="grid">
        \(r.text("patient.id", required: true, readonly: isEdit, hint: isEdit ? "The record number identifies the case and cannot change." : nil))
        \(r.text("patient.name"))
        \(r.text("patient.birthDate", type: "date"))
        \(r.select("patient.sex", codes: Sex.allCases.map(\.rawValue)))
        \(r.text("assessedOn", type: "date", hint: "Leave empty for today."))
        </div></fieldset>

        <fieldset class="card"><legend>Cancer and current treatment</legend>
        <div class="grid">
        \(r.select("primaryTumor.histology", options: histologies, required: true))
        \(r.text("primaryTumor.detail"))
        \(r.select("primaryTumor.status", codes: TumorStatus.allCases.map(\.rawValue)))
        \(r.text("primaryTumor.diagnosedOn", type: "date"))
        \(r.number("primaryTumor.monthsFromDiagnosisToSpinalMetastasis", hint: "Else derived from the diagnosis date."))
        \(r.select("primaryTumor.radiosensitivity", codes: Radiosensitivity.allCases.map(\.rawValue), hint: "Only to override the catalogue."))
        \(r.select("primaryTumor.tomitaGrowth", codes: TomitaGrowth.allCases.map(\.rawValue), hint: "Only to override the catalogue."))
        \(r.yesNo("systemic.effectiveOptionsRemaining"))
        \(r.yesNo("systemic.medicallyOperable", hint: "Fit for open surgery and anaesthesia."))
        \(r.number("systemic.clinicianSurvivalEstimateMonths", hint: "Takes precedence over the scores."))
        </div>
        \(r.checkboxes("systemic.currentTreatment", codes: SystemicTreatment.allCases.map(\.rawValue)))
        </fieldset>

        <fieldset class="card"><legend>Spine</legend>
        \(r.levelPicker("spine.involvedLevels"))
        <div class="lesions">\(lesions)</div>
        <p><button type="submit" name="_action" value="add-lesion" class="secondary">Add another lesion</button></p>
        </fieldset>

        <fieldset class="card"><legend>Other metastases</legend>
        <div class="grid">
        \(r.number("otherMetastases.extraspinalBoneCount"))
        \(r.yesNo("otherMetastases.visceral.present"))
        \(r.yesNo("otherMetastases.visceral.surgicallyRemovable", hint: "Required when visceral metastases are present."))
        \(r.yesNo("otherMetastases.visceral.treatable", hint: "Required when visceral metastases are present."))
        </div>
        \(r.checkboxes("otherMetastases.visceral.sites", codes: VisceralSite.allCases.map(\.rawValue)))
        </fieldset>

        <fieldset class="card"><legend>Neurology</legend>
        <div class="grid">
        \(r.select("neurology.frankel", codes: NeurologicalGrade.allCases.map(\.rawValue)))
        \(r.select("neurology.asia", codes: NeurologicalGrade.allCases.map(\.rawValue), hint: "Or give ASIA and Frankel is derived."))
        \(r.select("neurology.ambulation", codes: Ambulation.allCases.map(\.rawValue)))
        \(r.select("neurology.deficit", codes: NeurologicalDeficit.allCases.map(\.rawValue)))
        \(r.number("neurology.motorDeficitDays", hint: "Required for myelopathy and cauda equina."))
        \(r.number("neurology.hoursSinceLossOfAmbulation"))
        \(r.yesNo("neurology.bladderBowelDysfunction"))
        </div></fieldset>

        <fieldset class="card"><legend>Performance and labs</legend>
        <div class="grid">
        \(r.number("performance.karnofsky", step: "10"))
        \(r.number("performance.ecog"))
        \(r.number("labs.albumin.value", step: "any"))
        \(r.select("labs.albumin.unit", codes: AlbuminUnit.allCases.map(\.rawValue), allowEmpty: false))
        </div></fieldset>

        <fieldset class="card"><legend>Comorbidities</legend>
        \(r.checkboxes("comorbidities", codes: Comorbidity.allCases.map(\.rawValue)))
        </fieldset>

        <fieldset class="card"><legend>Family support, finances, travel</legend>
        <div class="grid">
        \(r.select("social.familySupport", codes: FamilySupport.allCases.map(\.rawValue)))
        \(r.select("social.financialConstraints", codes: FinancialConstraints.allCases.map(\.rawValue)))
        \(r.select("social.travelBurden", codes: TravelBurden.allCases.map(\.rawValue)))
        </div></fieldset>

        <fieldset class="card"><legend>The patient's priorities</legend>
        \(r.checkboxes("preferences.priorities", codes: PatientPriority.allCases.map(\.rawValue)))
        \(r.checkboxes("preferences.declines", codes: TreatmentOption.allCases.map(\.rawValue), labels: OptionWords.titles))
        \(r.textarea("preferences.notes"))
        </fieldset>

        <fieldset class="card"><legend>Symptoms</legend>
        <div class="grid">
        \(r.yesNo("symptoms.newBackPain"))
        \(r.number("symptoms.painScore"))
        </div>
        \(r.checkboxes("symptoms.painFeatures", codes: PainFeature.allCases.map(\.rawValue)))
        \(r.checkboxes("symptoms.neuroSymptoms", codes: NeuroSymptom.allCases.map(\.rawValue)))
        </fieldset>

        <p class="actions"><button type="submit" class="primary" name="_action" value="save">\(isEdit ? "Save a new version" : "Create case and assess")</button>
        <a href="\(isEdit ? action.replacingOccurrences(of: "/edit", with: "") : "/")">Cancel</a></p>
        </form>
        """
    }
}

/// Renders labelled inputs with their errors (`aria-describedby`, `aria-invalid`).
struct FormRenderer {
    var form: FormData
    var errors: [CaseValidationError]

    static func id(_ path: String) -> String {
        "f-" + path.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }

    /// The form field an error path belongs to: `spine.involvedLevels[2]` → `spine.involvedLevels`.
    static func fieldPath(_ path: String) -> String {
        var p = path
        while let m = p.firstMatch(of: /\[[0-9]+\]$/) { p.removeSubrange(m.range) }
        if p.hasPrefix("labs.albumin") && !p.hasSuffix(".unit") { return "labs.albumin.value" }
        if p.hasSuffix(".priorRadiation") { return p + ".doseGy" }
        if p == "spine" || p == "spine.lesions" { return "spine.involvedLevels" }
        return p
    }

    func errors(for name: String) -> [CaseValidationError] {
        errors.filter { FormRenderer.fieldPath($0.path) == name }
    }

    func wrap(_ name: String, hint: String?, _ control: (String, Html) -> Html) -> Html {
        let id = Self.id(name)
        let errs = errors(for: name)
        var described: [String] = []
        let hintHtml: Html = hint.map { described.append(id + "-hint"); return #"<small class="hint" id="\#(id)-hint">\#($0)</small>"# } ?? .empty
        let errorHtml: Html = errs.isEmpty ? .empty : {
            described.append(id + "-error")
            return #"<small class="field-error" id="\#(id)-error">\#(errs.map(\.message).joined(separator: "; "))</small>"#
        }()
        var attrs = described.isEmpty ? "" : " aria-describedby=\"\(described.joined(separator: " "))\""
        if !errs.isEmpty { attrs += " aria-invalid=\"true\"" }
        return """
        <div class="field\(errs.isEmpty ? "" : " has-error")"><label for="\(id)">\(FieldLabels.label(name))</label>\(control(id, Html(raw: attrs)))\(hintHtml)\(errorHtml)</div>
        """
    }

    func text(_ name: String, type: String = "text", required: Bool = false, readonly: Bool = false, hint: String? = nil) -> Html {
        wrap(name, hint: hint) { id, attrs in
            #"<input id="\#(id)" name="\#(name)" type="\#(type)" value="\#(form.all(name).joined(separator: ", "))"\#(Html(raw: required ? " required" : ""))\#(Html(raw: readonly ? " readonly" : ""))\#(attrs)>"#
        }
    }

    func number(_ name: String, step: String = "1", hint: String? = nil) -> Html {
        wrap(name, hint: hint) { id, attrs in
            #"<input id="\#(id)" name="\#(name)" type="text" inputmode="decimal" data-step="\#(step)" value="\#(form[name])"\#(attrs)>"#
        }
    }

    func textarea(_ name: String) -> Html {
        wrap(name, hint: nil) { id, attrs in #"<textarea id="\#(id)" name="\#(name)" rows="3"\#(attrs)>\#(form[name])</textarea>"# }
    }

    func select(_ name: String, codes: [String], allowEmpty: Bool = true, hint: String? = nil) -> Html {
        select(name, options: (allowEmpty ? [("", "— not recorded —")] : []) + codes.map { ($0, FieldLabels.code($0)) }, hint: hint)
    }

    func select(_ name: String, options: [(String, String)], required: Bool = false, hint: String? = nil) -> Html {
        let current = form[name]
        var opts: [Html] = options.map { code, label in
            #"<option value="\#(code)"\#(Html(raw: code == current ? " selected" : ""))>\#(label)</option>"#
        }
        // A value the list does not know (from an old document) is kept, so nothing is lost.
        if !current.isEmpty, !options.contains(where: { $0.0 == current }) {
            opts.append(#"<option value="\#(current)" selected>\#(current) (not a known code)</option>"#)
        }
        return wrap(name, hint: hint) { id, attrs in
            #"<select id="\#(id)" name="\#(name)"\#(Html(raw: required ? " required" : ""))\#(attrs)>\#(opts)</select>"#
        }
    }

    func yesNo(_ name: String, hint: String? = nil) -> Html {
        select(name, options: [("", "— not recorded —"), ("true", "Yes"), ("false", "No")], hint: hint)
    }

    func checkboxes(_ name: String, codes: [String], labels: [String: String] = [:], legend: String? = nil) -> Html {
        let chosen = Set(form.all(name))
        let id = Self.id(name)
        let errs = errors(for: name)
        let boxes: [Html] = codes.map { code in
            let boxID = "\(id)-\(Self.id(code))"
            return #"<label class="check" for="\#(boxID)"><input type="checkbox" id="\#(boxID)" name="\#(name)" value="\#(code)"\#(Html(raw: chosen.contains(code) ? " checked" : ""))> \#(labels[code] ?? FieldLabels.code(code))</label>"#
        }
        let errorHtml: Html = errs.isEmpty ? .empty : #"<small class="field-error">\#(errs.map(\.message).joined(separator: "; "))</small>"#
        return """
        <fieldset class="checks\(errs.isEmpty ? "" : " has-error")" id="\(id)"><legend>\(legend ?? FieldLabels.label(name))</legend>\(boxes)\(errorHtml)</fieldset>
        """
    }

    /// C1…S5 as checkboxes grouped by region: the involved levels.
    func levelPicker(_ name: String) -> Html {
        let chosen = Set(form.all(name))
        let id = Self.id(name)
        let errs = errors(for: name)
        let regionNames: [(String, VertebralLevel.Region)] = [("Cervical", .cervical), ("Thoracic", .thoracic), ("Lumbar", .lumbar), ("Sacral", .sacral)]
        let regions: [(String, [VertebralLevel])] = regionNames.map { label, region in
            (label, VertebralLevel.allCases.filter { $0.region == region })
        }
        let groups: [Html] = regions.map { label, levels in
            let boxes: [Html] = levels.map { level in
                let boxID = "\(id)-\(level.code)"
                return #"<label class="level" for="\#(boxID)"><input type="checkbox" id="\#(boxID)" name="\#(name)" value="\#(level.code)"\#(Html(raw: chosen.contains(level.code) ? " checked" : ""))><span>\#(level.code)</span></label>"#
            }
            return #"<div class="level-group" role="group" aria-label="\#(label)"><span class="region">\#(label)</span>\#(boxes)</div>"#
        }
        let errorHtml: Html = errs.isEmpty ? .empty : #"<small class="field-error">\#(errs.map { "\($0.path): \($0.message)" }.joined(separator: "; "))</small>"#
        return """
        <fieldset class="level-picker\(errs.isEmpty ? "" : " has-error")" id="\(id)"><legend>Involved levels (every vertebra with metastasis)</legend>\(groups)\(errorHtml)</fieldset>
        """
    }

    func lesionCard(_ i: Int) -> Html {
        let p = "spine.lesions[\(i)]"
        let removeID = Self.id("\(p)._remove")
        return """
        <fieldset class="card lesion" id="\(Self.id(p))"><legend>Lesion \(i + 1)</legend>
        <div class="grid">
        \(text("\(p).levels", hint: "Contiguous levels, e.g. T11-T12."))
        \(select("\(p).pain", codes: LesionPain.allCases.map(\.rawValue)))
        \(select("\(p).boneLesion", codes: BoneLesionType.allCases.map(\.rawValue)))
        \(select("\(p).alignment", codes: SpinalAlignment.allCases.map(\.rawValue)))
        \(select("\(p).collapse", codes: VertebralCollapse.allCases.map(\.rawValue)))
        \(select("\(p).posterolateral", codes: PosterolateralInvolvement.allCases.map(\.rawValue)))
        \(select("\(p).escc", codes: EpiduralCompressionGrade.allCases.map(\.rawValue)))
        \(yesNo("\(p).bonyRetropulsion"))
        \(number("\(p).priorRadiation.doseGy", step: "any"))
        \(number("\(p).priorRadiation.fractions"))
        \(text("\(p).priorRadiation.on", type: "date"))
        </div>
        <p><label class="check" for="\(removeID)"><input type="checkbox" id="\(removeID)" name="\(p)._remove" value="yes"> Remove this lesion when saving</label></p>
        </fieldset>
        """
    }
}

/// The core's validation errors for a submitted form.
struct FormErrors: Error {
    var errors: [CaseValidationError]
}
