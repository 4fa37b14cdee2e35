// The case form's model: form fields are named by the case document's JSON paths
// (`spine.lesions[0].escc`), so a stored document flattens into the form, the form builds the
// document back, and the core's validation errors land next to the field they name.
import Foundation
import SpineCore

/// A JSON value to write, members in the order given.
indirect enum JSONOut {
    case object([(String, JSONOut)])
    case array([JSONOut])
    case string(String)
    /// Number text already checked to be valid JSON.
    case number(String)
    case bool(Bool)

    var text: String {
        switch self {
        case .object(let members):
            return "{" + members.map { "\(JSONOut.quote($0.0)):\($0.1.text)" }.joined(separator: ",") + "}"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .string(let s): return JSONOut.quote(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}

enum CaseFormModel {
    /// Flattens a JSON document into form values: object members by dotted path, arrays of
    /// scalars as repeated values, arrays of objects by index.
    static func flatten(_ value: JSONValue, path: String = "", into form: inout FormData) {
        switch value {
        case .null: break
        case .object(let members):
            for m in members { flatten(m.value, path: path.isEmpty ? m.key : "\(path).\(m.key)", into: &form) }
        case .array(let items):
            if items.allSatisfy({ if case .object = $0 { return false } else { return true } }) {
                form.set(path, all: items.compactMap(scalar))
            } else {
                for (i, item) in items.enumerated() { flatten(item, path: "\(path)[\(i)]", into: &form) }
            }
        default:
            if let s = scalar(value) { form.set(path, s) }
        }
    }

    static func scalar(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .number(let d, let isInteger): return isInteger ? String(Int(d)) : String(d)
        default: return nil
        }
    }

    static func form(fromDocument data: Data) -> FormData {
        var form = FormData()
        if let json = try? JSONParser.parse(Array(data)) { flatten(json, into: &form) }
        // A lesion's levels are one text field in the form ("T8, T9").
        for key in form.values.keys where key.hasPrefix("spine.lesions[") && key.hasSuffix("].levels") {
            form.set(key, form.all(key).joined(separator: ", "))
        }
        form.set("_lesions", String(lesionCount(form)))
        return form
    }

    /// How many lesion cards the form holds.
    static func lesionCount(_ form: FormData) -> Int {
        if let n = Int(form["_lesions"]), (1...40).contains(n) { return n }
        var highest = -1
        for key in form.values.keys where key.hasPrefix("spine.lesions[") {
            let digits = key.dropFirst("spine.lesions[".count).prefix { $0.isNumber }
            if let i = Int(digits) { highest = max(highest, i) }
        }
        return max(1, highest + 1)
    }

    // MARK: - Form → document

    static func document(from form: FormData) -> String { build(form).text }

    static func build(_ f: FormData) -> JSONOut {
        var doc: [(String, JSONOut)] = [("schemaVersion", .number("1"))]
        func add(_ members: inout [(String, JSONOut)], _ key: String, _ value: JSONOut?) {
            if let value { members.append((key, value)) }
        }
        func text(_ name: String) -> JSONOut? {
            let v = f[name].trimmingCharacters(in: .whitespacesAndNewlines)
            return v.isEmpty ? nil : .string(v)
        }
        func number(_ name: String) -> JSONOut? {
            let v = f[name].trimmingCharacters(in: .whitespaces)
            if v.isEmpty { return nil }
            // Only plain decimal text becomes a number; anything else goes as text so that the
            // core names the field and says what it expects.
            if v.wholeMatch(of: /-?[0-9]{1,9}(\.[0-9]{1,6})?/) != nil { return .number(v) }
            return .string(v)
        }
        func bool(_ name: String) -> JSONOut? {
            switch f[name] { case "true": .bool(true); case "false": .bool(false); default: nil }
        }
        func list(_ name: String) -> JSONOut { .array(f.all(name).filter { !$0.isEmpty }.map { .string($0) }) }
        func object(_ members: [(String, JSONOut)]) -> JSONOut? { members.isEmpty ? nil : .object(members) }

        var patient: [(String, JSONOut)] = []
        add(&patient, "id", text("patient.id") ?? .string(""))
        add(&patient, "name", text("patient.name"))
        add(&patient, "birthDate", text("patient.birthDate"))
        add(&patient, "sex", text("patient.sex"))
        doc.append(("patient", .object(patient)))
        add(&doc, "assessedOn", text("assessedOn"))

        var tumor: [(String, JSONOut)] = []
        add(&tumor, "histology", text("primaryTumor.histology") ?? .string(""))
        add(&tumor, "detail", text("primaryTumor.detail"))
        add(&tumor, "diagnosedOn", text("primaryTumor.diagnosedOn"))
        add(&tumor, "monthsFromDiagnosisToSpinalMetastasis", number("primaryTumor.monthsFromDiagnosisToSpinalMetastasis"))
        add(&tumor, "radiosensitivity", text("primaryTumor.radiosensitivity"))
        add(&tumor, "tomitaGrowth", text("primaryTumor.tomitaGrowth"))
        add(&tumor, "status", text("primaryTumor.status"))
        doc.append(("primaryTumor", .object(tumor)))

        var lesions: [JSONOut] = []
        for i in 0..<lesionCount(f) {
            let p = "spine.lesions[\(i)]"
            if f["\(p)._remove"] == "yes" { continue }
            // A stored document flattens a multi-level lesion into several values; a typed form has one text.
            var lesion: [(String, JSONOut)] = [("levels", .array(parseLevels(f.all("\(p).levels").joined(separator: " ")).map { .string($0) }))]
            for key in ["pain", "boneLesion", "alignment", "collapse", "posterolateral", "escc"] { add(&lesion, key, text("\(p).\(key)")) }
            add(&lesion, "bonyRetropulsion", bool("\(p).bonyRetropulsion"))
            var radiation: [(String, JSONOut)] = []
            add(&radiation, "doseGy", number("\(p).priorRadiation.doseGy"))
            add(&radiation, "fractions", number("\(p).priorRadiation.fractions"))
            add(&radiation, "on", text("\(p).priorRadiation.on"))
            add(&lesion, "priorRadiation", object(radiation))
            lesions.append(.object(lesion))
        }
        doc.append(("spine", .object([("involvedLevels", list("spine.involvedLevels")), ("lesions", .array(lesions))])))

        var visceral: [(String, JSONOut)] = []
        add(&visceral, "present", bool("otherMetastases.visceral.present"))
        visceral.append(("sites", list("otherMetastases.visceral.sites")))
        add(&visceral, "surgicallyRemovable", bool("otherMetastases.visceral.surgicallyRemovable"))
        add(&visceral, "treatable", bool("otherMetastases.visceral.treatable"))
        var other: [(String, JSONOut)] = []
        add(&other, "extraspinalBoneCount", number("otherMetastases.extraspinalBoneCount"))
        other.append(("visceral", .object(visceral)))
        doc.append(("otherMetastases", .object(other)))

        var neurology: [(String, JSONOut)] = []
        for key in ["frankel", "asia", "ambulation", "deficit"] { add(&neurology, key, text("neurology.\(key)")) }
        add(&neurology, "motorDeficitDays", number("neurology.motorDeficitDays"))
        add(&neurology, "hoursSinceLossOfAmbulation", number("neurology.hoursSinceLossOfAmbulation"))
        add(&neurology, "bladderBowelDysfunction", bool("neurology.bladderBowelDysfunction"))
        doc.append(("neurology", .object(neurology)))

        var performance: [(String, JSONOut)] = []
        add(&performance, "karnofsky", number("performance.karnofsky"))
        add(&performance, "ecog", number("performance.ecog"))
        doc.append(("performance", .object(performance)))

        if let value = number("labs.albumin.value") {
            doc.append(("labs", .object([("albumin", .object([("value", value), ("unit", text("labs.albumin.unit") ?? .string("g/dL"))]))])))
        }

        var systemic: [(String, JSONOut)] = [("currentTreatment", list("systemic.currentTreatment"))]
        add(&systemic, "effectiveOptionsRemaining", bool("systemic.effectiveOptionsRemaining"))
        add(&systemic, "medicallyOperable", bool("systemic.medicallyOperable"))
        add(&systemic, "clinicianSurvivalEstimateMonths", number("systemic.clinicianSurvivalEstimateMonths"))
        doc.append(("systemic", .object(systemic)))

        doc.append(("comorbidities", list("comorbidities")))

        var social: [(String, JSONOut)] = []
        for key in ["familySupport", "financialConstraints", "travelBurden"] { add(&social, key, text("social.\(key)")) }
        doc.append(("social", .object(social)))

        var preferences: [(String, JSONOut)] = [("priorities", list("preferences.priorities")), ("declines", list("preferences.declines"))]
        add(&preferences, "notes", text("preferences.notes"))
        doc.append(("preferences", .object(preferences)))

        var symptoms: [(String, JSONOut)] = []
        add(&symptoms, "newBackPain", bool("symptoms.newBackPain"))
        symptoms.append(("painFeatures", list("symptoms.painFeatures")))
        symptoms.append(("neuroSymptoms", list("symptoms.neuroSymptoms")))
        add(&symptoms, "painScore", number("symptoms.painScore"))
        doc.append(("symptoms", .object(symptoms)))
        return .object(doc)
    }

    /// "T11-T12", "T11–T12", "T4, T6" → level codes in order; unknown words are kept so the core
    /// reports them at their path.
    static func parseLevels(_ text: String) -> [String] {
        var out: [String] = []
        let words = text.uppercased().replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "—", with: "-")
            .split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" })
        for word in words {
            let parts = word.split(separator: "-").map(String.init)
            if parts.count == 2, let a = VertebralLevel(code: parts[0]), let b = VertebralLevel(code: parts[1]), a <= b {
                out += VertebralLevel.allCases.filter { $0 >= a && $0 <= b }.map(\.code)
            } else {
                out.append(String(word))
            }
        }
        return out
    }

    // MARK: - Differences between two documents

    struct Change: Sendable, Equatable {
        var field: String
        var before: String
        var after: String
    }

    /// Field-by-field differences, in the order of the form's sections.
    static func changes(from old: FormData, to new: FormData) -> [Change] {
        let keys = Set(old.values.keys).union(new.values.keys).filter { !$0.hasPrefix("_") && $0 != "schemaVersion" }
        return keys.sorted(by: FieldLabels.order).compactMap { key in
            let a = display(old.all(key)), b = display(new.all(key))
            return a == b ? nil : Change(field: key, before: a, after: b)
        }
    }

    static func display(_ values: [String]) -> String {
        let v = values.filter { !$0.isEmpty }
        return v.isEmpty ? "—" : v.joined(separator: ", ")
    }
}
