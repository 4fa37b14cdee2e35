// Shared pieces of the team's pages: the care-team check every case page makes (the same as the
// API's), labelled form controls that show a service's field errors next to their fields and keep
// what was typed, the stored assessment snapshot read back as it was shown, and small formatters.
// The pages call the Team services; nothing here decides a clinical or access rule of its own.
import Fluent
import Foundation
import SpineCore
import Vapor

/// A case the signed-in user may see, checked like the API's routes (403 audited with the patient).
struct WebCaseAccess {
    var user: AuthenticatedUser
    var head: CaseModel
    var patient: PatientModel
    var caseID: UUID

    var name: String { patient.name ?? patient.recordNumber }

    static func require(_ req: Request, _ permission: Permission, action: String, rawID: String? = nil) async throws -> WebCaseAccess {
        let user = try req.requireWebUser()
        _ = try await req.requireUser(permission, action: action)
        let raw = rawID ?? req.parameters.get("caseId") ?? ""
        return try await req.auditingFailures(action: action, user: user, caseID: raw) {
            let (head, patient) = try await req.requireCaseAccess(user, rawID: raw, action: action)
            return WebCaseAccess(user: user, head: head, patient: patient, caseID: try head.requireID())
        }
    }

    /// Audits a successful read of this case (every page that shows patient data does).
    func audit(_ req: Request, _ action: String, _ detail: String) async throws {
        try await req.audit(AuditEvent(action: action, patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                       outcome: AuditOutcome.success, detail: detail), user: user)
    }

    /// Runs a write through a service; a refusal is audited like the API's (`auditingFailures`).
    func write<T>(_ req: Request, action: String, _ body: () async throws -> T) async throws -> T {
        try await req.auditingFailures(action: action, user: user, caseID: caseID.uuidString, body)
    }
}

/// The outcome of a refused form: the field errors (422) or a message (409 and other client errors).
struct FormRefusal: Error {
    var status: HTTPResponseStatus
    var errors: [CaseValidationError]
    var message: String

    /// A client error a form can show (validation, conflict); anything else is rethrown.
    static func from(_ error: any Error) throws -> FormRefusal {
        if let p = error as? Problem, [.unprocessableEntity, .conflict, .badRequest].contains(p.status) {
            return FormRefusal(status: p.status, errors: p.errors, message: p.detail ?? p.title)
        }
        if let r = error as? FormRefusal { return r }
        throw error
    }

    /// Parsing errors found before a service is called (a number that is not a number).
    static func invalid(_ errors: [CaseValidationError], title: String = "The form is not valid") -> Problem {
        Problem(status: .unprocessableEntity, type: Problem.kind("invalid-form"), title: title,
                detail: "\(errors.count) error\(errors.count == 1 ? "" : "s")", errors: errors)
    }
}

/// Labelled controls for one form on a page. `prefix` keeps ids unique when a page has several forms.
struct TeamForm {
    var prefix: String
    var values: FormData
    var errors: [CaseValidationError]
    /// Maps an error path to the field that shows it (default: drop trailing `[n]` indexes).
    var fieldOf: (String) -> String = TeamForm.stripIndex

    init(_ prefix: String, values: FormData = FormData(), errors: [CaseValidationError] = []) {
        self.prefix = prefix
        self.values = values
        self.errors = errors
    }

    static func stripIndex(_ path: String) -> String {
        var p = path
        while let m = p.firstMatch(of: /\[[0-9]+\]$/) { p.removeSubrange(m.range) }
        return p
    }

    func id(_ name: String) -> String {
        "\(prefix)-" + name.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }

    func errors(for name: String) -> [CaseValidationError] { errors.filter { fieldOf($0.path) == name } }

    /// The errors no field shows (document-level), plus every error as a linked list at the top.
    var summary: Html {
        guard !errors.isEmpty else { return .empty }
        let items: [Html] = errors.map { e in
            let field = fieldOf(e.path)
            return e.path.isEmpty ? "<li>\(e.message)</li>" : ##"<li><a href="#\##(id(field))">\##(e.path)</a>: \##(e.message)</li>"##
        }
        return """
        <div class="alert error" role="alert" id="error-summary" tabindex="-1"><h3>\(errors.count) thing\(errors.count == 1 ? "" : "s") to fix</h3><ul>\(items)</ul>
        <p>Nothing was saved; what you entered is kept.</p></div>
        """
    }

    func wrap(_ name: String, _ label: String, hint: String? = nil, _ control: (String, Html) -> Html) -> Html {
        let fid = id(name)
        let errs = errors(for: name)
        var described: [String] = []
        let hintHtml: Html = hint.map { described.append(fid + "-hint"); return #"<small class="hint" id="\#(fid)-hint">\#($0)</small>"# } ?? .empty
        var errorHtml: Html = .empty
        if !errs.isEmpty {
            described.append(fid + "-error")
            errorHtml = #"<small class="field-error" id="\#(fid)-error">\#(errs.map(\.message).joined(separator: "; "))</small>"#
        }
        var attrs = described.isEmpty ? "" : " aria-describedby=\"\(described.joined(separator: " "))\""
        if !errs.isEmpty { attrs += " aria-invalid=\"true\"" }
        return """
        <div class="field\(errs.isEmpty ? "" : " has-error")"><label for="\(fid)">\(label)</label>\(control(fid, Html(raw: attrs)))\(hintHtml)\(errorHtml)</div>
        """
    }

    func text(_ name: String, _ label: String, type: String = "text", hint: String? = nil, required: Bool = false, extra: String = "") -> Html {
        wrap(name, label, hint: hint) { fid, attrs in
            #"<input id="\#(fid)" name="\#(name)" type="\#(type)" value="\#(values[name])"\#(Html(raw: required ? " required" : ""))\#(Html(raw: extra))\#(attrs)>"#
        }
    }

    func number(_ name: String, _ label: String, hint: String? = nil) -> Html {
        text(name, label, hint: hint, extra: #" inputmode="decimal""#)
    }

    func textarea(_ name: String, _ label: String, hint: String? = nil, required: Bool = false, rows: Int = 3) -> Html {
        wrap(name, label, hint: hint) { fid, attrs in
            #"<textarea id="\#(fid)" name="\#(name)" rows="\#(rows)"\#(Html(raw: required ? " required" : ""))\#(attrs)>\#(values[name])</textarea>"#
        }
    }

    func select(_ name: String, _ label: String, options: [(String, String)], hint: String? = nil) -> Html {
        let current = values[name]
        let opts: [Html] = options.map { code, text in
            #"<option value="\#(code)"\#(Html(raw: code == current ? " selected" : ""))>\#(text)</option>"#
        }
        return wrap(name, label, hint: hint) { fid, attrs in #"<select id="\#(fid)" name="\#(name)"\#(attrs)>\#(opts)</select>"# }
    }

    func yesNo(_ name: String, _ label: String, empty: String = "— not given —") -> Html {
        select(name, label, options: [("", empty), ("true", "Yes"), ("false", "No")])
    }

    /// Checkboxes (`radio: true` for one choice) in a fieldset with a legend; errors under the legend.
    func choices(_ name: String, _ legend: String, options: [(String, Html)], radio: Bool = false, hint: String? = nil) -> Html {
        let chosen = Set(values.all(name))
        let gid = id(name)
        let errs = errors(for: name)
        let boxes: [Html] = options.map { code, text in
            let bid = "\(gid)-\(code.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined())"
            return #"<label class="check" for="\#(bid)"><input type="\#(radio ? "radio" : "checkbox")" id="\#(bid)" name="\#(name)" value="\#(code)"\#(Html(raw: chosen.contains(code) ? " checked" : ""))> \#(text)</label>"#
        }
        let errorHtml: Html = errs.isEmpty ? .empty : #"<small class="field-error" id="\#(gid)-error">\#(errs.map(\.message).joined(separator: "; "))</small>"#
        let hintHtml: Html = hint.map { #"<small class="hint">\#($0)</small>"# } ?? .empty
        return """
        <fieldset class="checks\(errs.isEmpty ? "" : " has-error")" id="\(gid)"><legend>\(legend)</legend>\(hintHtml)\(boxes)\(errorHtml)</fieldset>
        """
    }
}

/// Reading typed form values into a service's input, collecting parse errors by path.
struct FormReader {
    var form: FormData
    var errors: [CaseValidationError] = []

    init(_ form: FormData) { self.form = form }

    func string(_ name: String) -> String? {
        let v = form[name].trimmingCharacters(in: .whitespacesAndNewlines)
        return v.isEmpty ? nil : v
    }

    /// Free text as typed (kept verbatim apart from surrounding blanks); nil when empty.
    func text(_ name: String) -> String? { string(name) }

    mutating func int(_ name: String, path: String? = nil) -> Int? {
        guard let s = string(name) else { return nil }
        guard let n = Int(s) else { errors.append(CaseValidationError(path: path ?? name, message: "must be a whole number (got \"\(s.prefix(20))\")")); return nil }
        return n
    }

    mutating func double(_ name: String, path: String? = nil) -> Double? {
        guard let s = string(name) else { return nil }
        guard let d = Double(s.replacingOccurrences(of: ",", with: ".")), d.isFinite else {
            errors.append(CaseValidationError(path: path ?? name, message: "must be a number (got \"\(s.prefix(20))\")"))
            return nil
        }
        return d
    }

    func bool(_ name: String) -> Bool? {
        switch form[name] {
        case "true": true
        case "false": false
        default: nil
        }
    }
}

/// The stored assessment snapshot, read back exactly as it was shown (never recomputed).
struct SnapshotReader {
    struct Option {
        var code: String
        var rank: Int
        var title: String
        var regimen: String?
        var declined: Bool
        var goals: [String]
    }

    var json: [String: Any]

    init(_ output: Data) {
        json = ((try? JSONSerialization.jsonObject(with: output)) as? [String: Any]) ?? [:]
    }

    private func object(_ path: String...) -> [String: Any]? {
        var o: [String: Any]? = json
        for key in path { o = o?[key] as? [String: Any] }
        return o
    }

    var rulesVersion: String { json["rulesVersion"] as? String ?? "—" }
    var assessedOn: String { json["assessedOn"] as? String ?? "—" }
    var disclaimer: String { json["disclaimer"] as? String ?? Rules.disclaimer }
    var urgency: String { object("urgency")?["level"] as? String ?? "routine" }
    var urgencyReasons: [String] { object("urgency")?["reasons"] as? [String] ?? [] }
    var safetyNet: String? { object("urgency")?["safetyNet"] as? String }

    var sins: String {
        guard let s = object("scores", "sins") else { return "SINS —" }
        guard let total = s["total"] as? Int else { return "SINS not computed" }
        return "SINS \(total)" + ((s["category"] as? String).map { " (\($0))" } ?? "") + ((s["lesion"] as? String).map { " at \($0)" } ?? "")
    }

    var escc: String {
        guard let e = object("scores", "escc"), let grade = e["grade"] as? String else { return "ESCC not recorded" }
        return "ESCC \(grade)" + ((e["highGrade"] as? Bool) == true ? " (high grade)" : "") + ((e["lesion"] as? String).map { " at \($0)" } ?? "")
    }

    /// NOMS arm by arm: (letter, arm, finding).
    var noms: [(String, String, String)] {
        [("N", "Neurologic", "neurologic"), ("O", "Oncologic", "oncologic"), ("M", "Mechanical", "mechanical"), ("S", "Systemic", "systemic")]
            .compactMap { letter, name, key in
                (object("noms", key)?["finding"] as? String).map { (letter, name, $0) }
            }
    }

    var prognosis: String? { object("prognosis")?["summary"] as? String }

    var options: [Option] {
        ((json["options"] as? [[String: Any]]) ?? []).enumerated().map { i, o in
            let code = o["code"] as? String ?? ""
            return Option(code: code, rank: o["rank"] as? Int ?? i + 1, title: o["title"] as? String ?? OptionWords.titles[code] ?? code,
                          regimen: o["regimen"] as? String, declined: o["declined"] as? Bool ?? false, goals: o["goals"] as? [String] ?? [])
        }
    }
}

enum TeamWords {
    static let roleNames: [String: String] = [
        "spine-surgeon": "Spine surgeon", "radiation-oncologist": "Radiation oncologist", "medical-oncologist": "Medical oncologist",
        "diagnostic-radiologist": "Diagnostic radiologist", "interventional-radiologist": "Interventional radiologist",
        "physiatrist": "Physiatrist (rehabilitation)", "palliative-care": "Palliative care", "nurse-navigator": "Nurse navigator (coordinator)",
        "referring-clinician": "Referring clinician", "admin": "Administrator",
    ]

    static func role(_ code: String) -> String { roleNames[code] ?? code }
    static func option(_ code: String) -> String { OptionWords.titles[code] ?? code }
    static func goal(_ code: String) -> String { TreatmentGoal(rawValue: code).map(OptionWords.goal) ?? code }

    static func date(_ iso: String) -> Date? {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: iso) ?? ISO8601DateFormatter().date(from: iso)
    }

    /// `2026-11-28T09:00:00.000Z` → `2026-11-28 09:00 UTC`.
    static func time(_ iso: String) -> String {
        guard iso.count >= 16, iso.contains("T") else { return iso }
        return iso.prefix(16).replacingOccurrences(of: "T", with: " ") + " UTC"
    }

    static func time(_ date: Date) -> String { time(ISOTimestamp.iso8601(date)) }

    /// A checkbox or yes/no answer in words.
    static func yes(_ b: Bool) -> String { b ? "Yes" : "No" }

    static func overdueBy(_ dueAt: String, now: Date) -> String {
        guard let due = date(dueAt) else { return "overdue" }
        return Words.timeLeft(until: due, now: now)
    }
}
