// Validation of the case document v1 (shared/clinical/case-format.md) by `CaseDocument.decode`:
// a complete valid document is mutated one field at a time and every rejection must name the
// exact field path, with a message that says what is allowed. Codes are spelled here as the
// contract spells them (not read from the Swift enums), so a drift between the two is caught.
import Foundation
import SpineCore
import Testing

// MARK: - A JSON document the tests can edit by field path

/// A JSON tree written by the test itself, so every byte of the document is under control
/// (number text such as `2.5` or `40`, member order, nulls).
private indirect enum Doc: Sendable, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
    CustomStringConvertible
{
    struct Member: Sendable {
        var key: String
        var value: Doc
    }

    case null
    case bool(Bool)
    /// A number, as its JSON text.
    case number(String)
    case string(String)
    case array([Doc])
    case object([Member])

    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .number(String(value)) }
    init(floatLiteral value: Double) { self = .number("\(value)") }
    init(stringLiteral value: String) { self = .string(value) }
    init(arrayLiteral elements: Doc...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, Doc)...) { self = .object(elements.map { Member(key: $0.0, value: $0.1) }) }

    /// Compact JSON text.
    var json: String {
        switch self {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .number(text): return text
        case let .string(s): return Doc.quote(s)
        case let .array(items): return "[" + items.map(\.json).joined(separator: ",") + "]"
        case let .object(members):
            return "{" + members.map { Doc.quote($0.key) + ":" + $0.value.json }.joined(separator: ",") + "}"
        }
    }

    var description: String { json }
    var bytes: [UInt8] { Array(json.utf8) }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    enum Step {
        case key(String)
        case index(Int)
    }

    /// `spine.lesions[0].levels[1]` → key spine, key lesions, index 0, key levels, index 1.
    static func steps(_ path: String) -> [Step] {
        var steps: [Step] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                let name = rest[..<bracket]
                if !name.isEmpty { steps.append(.key(String(name))) }
                rest = rest[bracket...]
                while rest.first == "[", let close = rest.firstIndex(of: "]") {
                    steps.append(.index(Int(rest[rest.index(after: rest.startIndex)..<close])!))
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                steps.append(.key(String(rest)))
            }
        }
        return steps
    }

    /// This document with the value at `path` replaced (or added; missing or null containers on the
    /// way are created), or removed when `value` is nil.
    func replacing(_ path: String, with value: Doc?) -> Doc {
        replacing(Doc.steps(path)[...], with: value)
    }

    private func replacing(_ steps: ArraySlice<Step>, with value: Doc?) -> Doc {
        guard let step = steps.first else { return value ?? .null }
        let rest = steps.dropFirst()
        switch step {
        case let .key(key):
            var members: [Member]
            if case let .object(m) = self { members = m } else { members = [] }
            if let i = members.firstIndex(where: { $0.key == key }) {
                if rest.isEmpty, value == nil {
                    members.remove(at: i)
                } else {
                    members[i].value = members[i].value.replacing(rest, with: value)
                }
            } else if let value {
                members.append(Member(key: key, value: Doc.null.replacing(rest, with: value)))
            }
            return .object(members)
        case let .index(i):
            var items: [Doc]
            if case let .array(a) = self { items = a } else { items = [] }
            if i < items.count {
                if rest.isEmpty, value == nil {
                    items.remove(at: i)
                } else {
                    items[i] = items[i].replacing(rest, with: value)
                }
            } else if let value {
                precondition(i == items.count, "can only append at the end of an array")
                items.append(Doc.null.replacing(rest, with: value))
            }
            return .array(items)
        }
    }

    func applying(_ changes: [Change]) -> Doc {
        changes.reduce(self) { $0.replacing($1.path, with: $1.value) }
    }
}

/// One edit of a document: set `value` at `path`, or remove the member when `value` is nil.
private struct Change: Sendable, CustomStringConvertible {
    var path: String
    var value: Doc?
    var description: String { value.map { "\(path)=\($0.json)" } ?? "-\(path)" }
}

private func set(_ path: String, _ value: Doc) -> Change { Change(path: path, value: value) }
private func remove(_ path: String) -> Change { Change(path: path, value: nil) }

private func childPath(_ container: String, _ key: String) -> String { container.isEmpty ? key : container + "." + key }

// MARK: - Documents

private let assessmentDay = CalendarDate(iso: "2026-03-01")!

/// The example of case-format.md, complete.
private let base: Doc = [
    "schemaVersion": 1,
    "patient": ["id": "MRN-000123", "name": "Jane Roe", "birthDate": "1961-04-02", "sex": "female"],
    "assessedOn": "2026-03-01",
    "primaryTumor": [
        "histology": "breast",
        "detail": "HR+/HER2-",
        "diagnosedOn": "2019-05-01",
        "monthsFromDiagnosisToSpinalMetastasis": 60,
        "radiosensitivity": .null,
        "tomitaGrowth": .null,
        "status": "stable",
    ],
    "spine": [
        "involvedLevels": ["T8"],
        "lesions": [
            [
                "levels": ["T8"],
                "pain": "occasional",
                "boneLesion": "lytic",
                "alignment": "normal",
                "collapse": "none",
                "posterolateral": "none",
                "escc": "0",
                "bonyRetropulsion": false,
                "priorRadiation": .null,
            ],
        ],
    ],
    "otherMetastases": [
        "extraspinalBoneCount": 0,
        "visceral": ["present": false, "sites": [], "surgicallyRemovable": .null, "treatable": .null],
    ],
    "neurology": [
        "frankel": "E",
        "asia": .null,
        "ambulation": "independent",
        "deficit": "none",
        "motorDeficitDays": .null,
        "hoursSinceLossOfAmbulation": .null,
        "bladderBowelDysfunction": false,
    ],
    "performance": ["karnofsky": 90],
    "labs": ["albumin": ["value": 4.1, "unit": "g/dL"]],
    "systemic": [
        "currentTreatment": ["hormonal"],
        "effectiveOptionsRemaining": true,
        "medicallyOperable": true,
        "clinicianSurvivalEstimateMonths": 24,
    ],
    "comorbidities": ["hypertension"],
    "social": ["familySupport": "strong", "financialConstraints": "none", "travelBurden": "low"],
    "preferences": ["priorities": ["maintain-function"], "declines": [], "notes": ""],
    "symptoms": ["newBackPain": false, "painFeatures": [], "neuroSymptoms": [], "painScore": 3],
]

/// The example of case-format.md as text, comments removed.
private let exampleText = #"""
{
  "schemaVersion": 1,
  "patient": { "id": "MRN-000123", "name": "Jane Roe", "birthDate": "1961-04-02", "sex": "female" },
  "assessedOn": "2026-03-01",
  "primaryTumor": {
    "histology": "breast", "detail": "HR+/HER2-", "diagnosedOn": "2019-05-01",
    "monthsFromDiagnosisToSpinalMetastasis": 60, "radiosensitivity": null, "tomitaGrowth": null, "status": "stable"
  },
  "spine": {
    "involvedLevels": ["T8"],
    "lesions": [
      { "levels": ["T8"], "pain": "occasional", "boneLesion": "lytic", "alignment": "normal", "collapse": "none",
        "posterolateral": "none", "escc": "0", "bonyRetropulsion": false, "priorRadiation": null }
    ]
  },
  "otherMetastases": {
    "extraspinalBoneCount": 0,
    "visceral": { "present": false, "sites": [], "surgicallyRemovable": null, "treatable": null }
  },
  "neurology": {
    "frankel": "E", "asia": null, "ambulation": "independent", "deficit": "none", "motorDeficitDays": null,
    "hoursSinceLossOfAmbulation": null, "bladderBowelDysfunction": false
  },
  "performance": { "karnofsky": 90 },
  "labs": { "albumin": { "value": 4.1, "unit": "g/dL" } },
  "systemic": {
    "currentTreatment": ["hormonal"], "effectiveOptionsRemaining": true, "medicallyOperable": true,
    "clinicianSurvivalEstimateMonths": 24
  },
  "comorbidities": ["hypertension"],
  "social": { "familySupport": "strong", "financialConstraints": "none", "travelBurden": "low" },
  "preferences": { "priorities": ["maintain-function"], "declines": [], "notes": "" },
  "symptoms": { "newBackPain": false, "painFeatures": [], "neuroSymptoms": [], "painScore": 3 }
}
"""#

/// Only what case-format.md requires.
private let minimal: Doc = [
    "schemaVersion": 1,
    "patient": ["id": "MRN-1"],
    "primaryTumor": ["histology": "breast"],
    "spine": ["involvedLevels": ["T8"], "lesions": [["levels": ["T8"]]]],
]

/// A prior radiation course that passes validation, for edits inside it.
private let priorCourse: Doc = ["doseGy": 20, "fractions": 5, "on": "2025-01-10"]

/// Visceral metastases present and completely described.
private let visceralPresent: [Change] = [
    set("otherMetastases.visceral.present", true),
    set("otherMetastases.visceral.sites", ["lung"]),
    set("otherMetastases.visceral.surgicallyRemovable", false),
    set("otherMetastases.visceral.treatable", true),
]

// MARK: - Helpers

private func decode(_ doc: Doc, today: CalendarDate = assessmentDay) -> Result<Case, CaseValidationErrors> {
    CaseDocument.decode(doc.bytes, today: today)
}

/// The decoded case; records an issue listing the errors when the document is rejected.
private func accepted(_ doc: Doc, sourceLocation: SourceLocation = #_sourceLocation) -> Case? {
    switch decode(doc) {
    case let .success(c): return c
    case let .failure(e):
        Issue.record("expected the document to be accepted, got \(e.errors.map(\.description))", sourceLocation: sourceLocation)
        return nil
    }
}

/// The validation errors; records an issue when the document is accepted.
private func rejections(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> [CaseValidationError] {
    switch CaseDocument.decode(bytes, today: assessmentDay) {
    case .success:
        Issue.record("expected the document to be rejected: \(String(decoding: bytes, as: UTF8.self).prefix(300))",
                     sourceLocation: sourceLocation)
        return []
    case let .failure(e):
        return e.errors
    }
}

/// Asserts the document is rejected with exactly the errors at `paths` (in any order), and that
/// the error at the first path mentions each of `mentioning`.
private func expectRejected(
    _ doc: Doc, at paths: [String], mentioning: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
) {
    let errors = rejections(doc.bytes, sourceLocation: sourceLocation)
    #expect(errors.map(\.path).sorted() == paths.sorted(),
            "errors: \(errors.map(\.description))", sourceLocation: sourceLocation)
    guard let first = paths.first, let error = errors.first(where: { $0.path == first }) else { return }
    for word in mentioning {
        #expect(error.message.contains(word), "message at \(first) should mention \"\(word)\": \(error.message)",
                sourceLocation: sourceLocation)
    }
}

private func expectRejected(
    _ doc: Doc, at path: String, mentioning: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
) {
    expectRejected(doc, at: [path], mentioning: mentioning, sourceLocation: sourceLocation)
}

// MARK: - Vocabularies as case-format.md (and histologies.md) spell them

private let levelCodes = (1...7).map { "C\($0)" } + (1...12).map { "T\($0)" } + (1...5).map { "L\($0)" } + (1...5).map { "S\($0)" }
private let histologyCodes = [
    "breast", "prostate", "thyroid", "neuroendocrine", "kidney", "uterus", "rectum", "colon", "lung-nsclc", "lung-sclc",
    "liver", "gallbladder", "stomach", "esophagus", "pancreas", "bladder", "osteosarcoma", "sarcoma", "melanoma",
    "myeloma", "plasmacytoma", "lymphoma", "leukemia", "germ-cell", "ovary", "head-neck", "unknown-primary", "other",
]
private let treatmentOptionCodes = [
    "cebrt", "sbrt", "separation-surgery", "decompression-stabilization", "stabilization", "cement-augmentation",
    "en-bloc-resection", "systemic-therapy", "dexamethasone", "embolization", "bracing", "bone-modifying-agent",
    "analgesia", "rehabilitation", "palliative-care",
]

/// One coded field of the contract.
private struct CodedField: Sendable {
    /// Where the value is set; for a list field, the list.
    var path: String
    var isList = false
    var allowed: [String]
    var wrong: [String]
    /// Words the rejection message must contain; default: every allowed code.
    var mentions: [String]? = nil
    /// Edits that make the rest of the document consistent with this field being set.
    var setup: [Change] = []
    /// Extra edits needed for one particular allowed code.
    var setupFor: @Sendable (String) -> [Change] = { _ in [] }

    var errorPath: String { isList ? path + "[0]" : path }
    func value(_ code: String) -> Doc { isList ? .array([.string(code)]) : .string(code) }
}

private let codedFields: [CodedField] = [
    CodedField(path: "patient.sex", allowed: ["female", "male", "other", "unknown"], wrong: ["f", "Female", ""]),
    CodedField(path: "primaryTumor.histology", allowed: histologyCodes, wrong: ["lung", "Breast", "breast-cancer", "renal"]),
    CodedField(path: "primaryTumor.radiosensitivity", allowed: ["sensitive", "resistant"], wrong: ["intermediate", "Sensitive"]),
    CodedField(path: "primaryTumor.tomitaGrowth", allowed: ["slow", "moderate", "rapid"], wrong: ["fast", "medium"]),
    CodedField(path: "primaryTumor.status", allowed: ["newly-diagnosed", "responding", "stable", "progressing", "unknown"],
               wrong: ["newlyDiagnosed", "remission"]),
    CodedField(path: "spine.lesions[0].pain", allowed: ["mechanical", "occasional", "none"], wrong: ["severe", "Mechanical"]),
    CodedField(path: "spine.lesions[0].boneLesion", allowed: ["lytic", "mixed", "blastic"], wrong: ["osteolytic", "sclerotic"]),
    CodedField(path: "spine.lesions[0].alignment", allowed: ["subluxation", "deformity", "normal"], wrong: ["kyphosis", "translation"]),
    CodedField(path: "spine.lesions[0].collapse", allowed: ["over50", "under50", "noCollapseOver50Involved", "none"],
               wrong: ["over 50", "50", "over50%"]),
    CodedField(path: "spine.lesions[0].posterolateral", allowed: ["bilateral", "unilateral", "none"], wrong: ["left", "both"]),
    CodedField(path: "spine.lesions[0].escc", allowed: ["0", "1a", "1b", "1c", "2", "3"], wrong: ["4", "1d", "1A", "2a", "1"]),
    CodedField(path: "spine.involvedLevels", isList: true, allowed: levelCodes,
               wrong: ["T13", "Co1", "L6", "S6", "C0", "C8", "t8", "T 8", "T08", ""],
               mentions: ["C1", "C7", "T12", "L5", "S5"],
               setupFor: { code in [set("spine.lesions[0].levels", [.string(code)])] }),
    CodedField(path: "spine.lesions[0].levels", isList: true, allowed: levelCodes,
               wrong: ["T13", "Co1", "L6", "S6", "C0", "t8", ""],
               mentions: ["C1", "C7", "T12", "L5", "S5"],
               setupFor: { code in [set("spine.involvedLevels", [.string(code)])] }),
    CodedField(path: "otherMetastases.visceral.sites", isList: true,
               allowed: ["lung", "liver", "brain", "kidney", "adrenal", "other"],
               wrong: ["lymph-node", "lymph nodes", "bone", "Lung"], setup: visceralPresent),
    CodedField(path: "neurology.frankel", allowed: ["A", "B", "C", "D", "E"], wrong: ["F", "e", "0"],
               // Frankel A–C cannot walk: those grades come with nonAmbulatory.
               setupFor: { code in
                   [set("neurology.deficit", "radiculopathy")] + (["A", "B", "C"].contains(code) ? [set("neurology.ambulation", "nonAmbulatory")] : [])
               }),
    CodedField(path: "neurology.asia", allowed: ["A", "B", "C", "D", "E"], wrong: ["F", "a", "ASIA-A"],
               setup: [set("neurology.deficit", "radiculopathy"), set("neurology.frankel", .null)]),
    CodedField(path: "neurology.ambulation", allowed: ["independent", "withAid", "nonAmbulatory"],
               wrong: ["walking", "with-aid", "non-ambulatory"]),
    CodedField(path: "neurology.deficit", allowed: ["none", "radiculopathy", "myelopathy", "caudaEquina"],
               wrong: ["paraplegia", "cauda-equina", "None"],
               setupFor: { code in
                   code == "myelopathy" || code == "caudaEquina"
                       ? [set("neurology.frankel", "D"), set("neurology.motorDeficitDays", 2)] : []
               }),
    CodedField(path: "labs.albumin.unit", allowed: ["g/dL", "g/L"], wrong: ["mg/dL", "g/l", "g/100mL", "gdL"],
               setupFor: { code in code == "g/L" ? [set("labs.albumin.value", 41)] : [] }),
    CodedField(path: "systemic.currentTreatment", isList: true,
               allowed: ["none", "chemotherapy", "targeted", "immunotherapy", "hormonal", "bone-modifying"],
               wrong: ["radiotherapy", "bone-modifying-agent", "Hormonal"]),
    CodedField(path: "comorbidities", isList: true,
               allowed: ["anemia", "diabetes", "hypertension", "cardiac", "pulmonary", "renal", "hepatic", "coagulopathy",
                         "obesity", "osteoporosis", "other"],
               wrong: ["cancer", "Diabetes", "anaemia"]),
    CodedField(path: "social.familySupport", allowed: ["strong", "limited", "none"], wrong: ["weak", "good"]),
    CodedField(path: "social.financialConstraints", allowed: ["none", "some", "severe"], wrong: ["high", "moderate"]),
    CodedField(path: "social.travelBurden", allowed: ["low", "high"], wrong: ["medium", "far"]),
    CodedField(path: "preferences.priorities", isList: true,
               allowed: ["relieve-pain", "maintain-function", "prolong-life", "avoid-surgery", "fewest-visits", "stay-home"],
               wrong: ["cure", "relieve_pain", "relievePain"]),
    CodedField(path: "preferences.declines", isList: true, allowed: treatmentOptionCodes,
               wrong: ["surgery", "radiotherapy", "SBRT"]),
    CodedField(path: "symptoms.painFeatures", isList: true,
               allowed: ["thoracic-or-cervical", "progressive", "unremitting", "mechanical", "strain-aggravated", "nocturnal",
                         "localized-tenderness", "claudication"],
               wrong: ["thoracic", "night-pain", "localised-tenderness"]),
    CodedField(path: "symptoms.neuroSymptoms", isList: true,
               allowed: ["limb-weakness", "numbness", "gait-disturbance", "sphincter-dysfunction", "radicular-pain"],
               wrong: ["weakness", "incontinence", "tingling"]),
]

private struct CodeCase: Sendable, CustomTestStringConvertible {
    var field: CodedField
    var code: String
    var testDescription: String { "\(field.path) = \"\(code)\"" }
}

// MARK: - Tables of single-field cases

/// One edit (or a few) of the base document and the errors it must produce.
private struct Variant: Sendable, CustomTestStringConvertible {
    var name: String
    var changes: [Change]
    var paths: [String]
    var mentions: [String] = []
    var testDescription: String { name }

    init(_ name: String, _ changes: [Change], _ paths: [String], mentioning mentions: [String] = []) {
        self.name = name
        self.changes = changes
        self.paths = paths
        self.mentions = mentions
    }

    init(_ name: String, _ changes: [Change], _ path: String, mentioning mentions: [String] = []) {
        self.init(name, changes, [path], mentioning: mentions)
    }

    /// A single value at `path`, rejected at the same path.
    static func value(_ path: String, _ value: Doc, setup: [Change] = [], mentioning mentions: [String] = []) -> Variant {
        Variant("\(path) = \(value.json)", setup + [set(path, value)], path, mentioning: mentions)
    }
}

private struct UnknownFieldCase: Sendable, CustomTestStringConvertible {
    var container: String
    var key: String
    /// A field that is allowed in the container; the message must list it.
    var allowedExample: String
    var setup: [Change] = []
    var testDescription: String { childPath(container, key) }
}

private let unknownFieldCases: [UnknownFieldCase] = [
    UnknownFieldCase(container: "", key: "diagnosis", allowedExample: "schemaVersion"),
    UnknownFieldCase(container: "", key: "SchemaVersion", allowedExample: "primaryTumor"),
    UnknownFieldCase(container: "patient", key: "mrn", allowedExample: "birthDate"),
    UnknownFieldCase(container: "primaryTumor", key: "grade", allowedExample: "histology"),
    UnknownFieldCase(container: "spine", key: "levels", allowedExample: "involvedLevels"),
    UnknownFieldCase(container: "spine.lesions[0]", key: "escd", allowedExample: "escc"),
    UnknownFieldCase(container: "spine.lesions[0].priorRadiation", key: "dose", allowedExample: "doseGy",
                     setup: [set("spine.lesions[0].priorRadiation", priorCourse)]),
    UnknownFieldCase(container: "otherMetastases", key: "boneCount", allowedExample: "extraspinalBoneCount"),
    UnknownFieldCase(container: "otherMetastases.visceral", key: "count", allowedExample: "surgicallyRemovable"),
    UnknownFieldCase(container: "neurology", key: "frankelGrade", allowedExample: "frankel"),
    UnknownFieldCase(container: "performance", key: "kps", allowedExample: "karnofsky"),
    UnknownFieldCase(container: "labs", key: "ldh", allowedExample: "albumin"),
    UnknownFieldCase(container: "labs.albumin", key: "units", allowedExample: "unit"),
    UnknownFieldCase(container: "systemic", key: "line", allowedExample: "currentTreatment"),
    UnknownFieldCase(container: "social", key: "housing", allowedExample: "familySupport"),
    UnknownFieldCase(container: "preferences", key: "note", allowedExample: "notes"),
    UnknownFieldCase(container: "symptoms", key: "pain", allowedExample: "painScore"),
]

private let wrongTypeCases: [Variant] = [
    .value("schemaVersion", "1", mentioning: ["got a string"]),
    .value("patient", "MRN-000123", mentioning: ["object", "got a string"]),
    .value("patient.id", 123, mentioning: ["string", "got a number"]),
    .value("patient.name", ["Jane", "Roe"], mentioning: ["string", "got an array"]),
    .value("patient.sex", 1, mentioning: ["got a number", "female"]),
    .value("patient.birthDate", 19_610_402, mentioning: ["YYYY-MM-DD"]),
    .value("assessedOn", 20_260_301, mentioning: ["YYYY-MM-DD"]),
    .value("primaryTumor", ["breast"], mentioning: ["object", "got an array"]),
    .value("primaryTumor.histology", 5, mentioning: ["got a number"]),
    .value("primaryTumor.monthsFromDiagnosisToSpinalMetastasis", "60", mentioning: ["whole number", "got a string"]),
    .value("spine", ["T8"], mentioning: ["object", "got an array"]),
    .value("spine.involvedLevels", "T8", mentioning: ["array", "got a string"]),
    .value("spine.involvedLevels", ["first": "T8"], mentioning: ["array", "got an object"]),
    Variant("spine.involvedLevels = [8]", [set("spine.involvedLevels", [8])], "spine.involvedLevels[0]", mentioning: ["got a number"]),
    .value("spine.lesions", ["levels": ["T8"]], mentioning: ["array", "got an object"]),
    .value("spine.lesions[0]", "T8", mentioning: ["object", "got a string"]),
    .value("spine.lesions[0].levels", "T8", mentioning: ["array", "got a string"]),
    .value("spine.lesions[0].escc", 0, mentioning: ["got a number", "1a"]),
    .value("spine.lesions[0].escc", 2, mentioning: ["got a number"]),
    .value("spine.lesions[0].bonyRetropulsion", "no", mentioning: ["true or false", "got a string"]),
    .value("spine.lesions[0].priorRadiation", 20, mentioning: ["object", "got a number"]),
    .value("spine.lesions[0].priorRadiation.doseGy", "20", setup: [set("spine.lesions[0].priorRadiation", priorCourse)],
           mentioning: ["number", "got a string"]),
    .value("otherMetastases", [], mentioning: ["object", "got an array"]),
    .value("otherMetastases.extraspinalBoneCount", "0", mentioning: ["got a string"]),
    .value("otherMetastases.visceral.present", "false", mentioning: ["true or false", "got a string"]),
    .value("otherMetastases.visceral.sites", "lung", mentioning: ["array", "got a string"]),
    .value("neurology.frankel", 5, mentioning: ["got a number"]),
    .value("neurology.motorDeficitDays", "3", mentioning: ["got a string"]),
    .value("neurology.bladderBowelDysfunction", 0, mentioning: ["true or false", "got a number"]),
    .value("performance.karnofsky", "90", mentioning: ["whole number", "got a string"]),
    .value("performance.ecog", true, mentioning: ["got a boolean"]),
    .value("labs.albumin", 4.1, mentioning: ["object", "got a number"]),
    .value("labs.albumin.value", "4.1", mentioning: ["number", "got a string"]),
    .value("labs.albumin.unit", 1, mentioning: ["g/dL", "got a number"]),
    .value("systemic.currentTreatment", "hormonal", mentioning: ["array", "got a string"]),
    .value("systemic.medicallyOperable", "yes", mentioning: ["true or false", "got a string"]),
    .value("systemic.clinicianSurvivalEstimateMonths", "24", mentioning: ["got a string"]),
    .value("comorbidities", ["hypertension": true], mentioning: ["array", "got an object"]),
    .value("social", "strong", mentioning: ["object", "got a string"]),
    .value("social.travelBurden", false, mentioning: ["got a boolean"]),
    .value("preferences.priorities", "relieve-pain", mentioning: ["array", "got a string"]),
    .value("preferences.notes", 5, mentioning: ["string", "got a number"]),
    .value("symptoms.newBackPain", 1, mentioning: ["true or false", "got a number"]),
    .value("symptoms.painScore", "3", mentioning: ["whole number", "got a string"]),
]

private let outOfRangeCases: [Variant] = [
    .value("performance.karnofsky", 85, mentioning: ["10", "85"]),
    .value("performance.karnofsky", 95, mentioning: ["10"]),
    .value("performance.karnofsky", 110, mentioning: ["0", "100"]),
    .value("performance.karnofsky", -10, mentioning: ["0", "100"]),
    .value("performance.karnofsky", 90.5, mentioning: ["100"]),
    .value("performance.ecog", 6, mentioning: ["0", "5"]),
    .value("performance.ecog", -1, mentioning: ["0", "5"]),
    .value("performance.ecog", 1.5, mentioning: ["5"]),
    .value("symptoms.painScore", 11, mentioning: ["0", "10"]),
    .value("symptoms.painScore", 2.5, mentioning: ["0", "10"]),
    .value("symptoms.painScore", -1, mentioning: ["10"]),
    .value("labs.albumin.value", 40, mentioning: ["g/dL"]),
    .value("labs.albumin.value", 3.5, setup: [set("labs.albumin.unit", "g/L")], mentioning: ["g/L"]),
    .value("labs.albumin.value", 0, mentioning: ["g/dL"]),
    .value("labs.albumin.value", -4.1, mentioning: ["g/dL"]),
    .value("primaryTumor.monthsFromDiagnosisToSpinalMetastasis", -1, mentioning: ["0"]),
    .value("primaryTumor.monthsFromDiagnosisToSpinalMetastasis", 1.5, mentioning: ["whole number"]),
    .value("otherMetastases.extraspinalBoneCount", -1, mentioning: ["0"]),
    .value("otherMetastases.extraspinalBoneCount", 1.5, mentioning: ["whole number"]),
    .value("neurology.motorDeficitDays", -1, setup: [set("neurology.deficit", "myelopathy"), set("neurology.frankel", "D")],
           mentioning: ["0"]),
    .value("neurology.motorDeficitDays", 2.5, setup: [set("neurology.deficit", "myelopathy"), set("neurology.frankel", "D")],
           mentioning: ["whole number"]),
    .value("neurology.hoursSinceLossOfAmbulation", -1, setup: [set("neurology.ambulation", "nonAmbulatory")],
           mentioning: ["0"]),
    .value("systemic.clinicianSurvivalEstimateMonths", -1, mentioning: ["0"]),
    .value("spine.lesions[0].priorRadiation.doseGy", 0, setup: [set("spine.lesions[0].priorRadiation", priorCourse)],
           mentioning: ["Gy"]),
    .value("spine.lesions[0].priorRadiation.doseGy", -20, setup: [set("spine.lesions[0].priorRadiation", priorCourse)],
           mentioning: ["Gy"]),
    .value("spine.lesions[0].priorRadiation.fractions", 0, setup: [set("spine.lesions[0].priorRadiation", priorCourse)],
           mentioning: ["1"]),
    .value("spine.lesions[0].priorRadiation.fractions", 2.5, setup: [set("spine.lesions[0].priorRadiation", priorCourse)],
           mentioning: ["whole number"]),
    Variant("priorRadiation 40 Gy in 1 fraction", [set("spine.lesions[0].priorRadiation", ["doseGy": 40, "fractions": 1])],
            "spine.lesions[0].priorRadiation.doseGy", mentioning: ["30 Gy", "fraction"]),
    Variant("priorRadiation 62 Gy in 2 fractions", [set("spine.lesions[0].priorRadiation", ["doseGy": 62, "fractions": 2])],
            "spine.lesions[0].priorRadiation.doseGy", mentioning: ["30 Gy"]),
    .value("schemaVersion", 2, mentioning: ["1"]),
    .value("schemaVersion", 0, mentioning: ["1"]),
    .value("schemaVersion", 1.5),
    Variant("schemaVersion missing", [remove("schemaVersion")], "schemaVersion", mentioning: ["required"]),
    Variant("schemaVersion null", [set("schemaVersion", .null)], "schemaVersion", mentioning: ["required"]),
]

/// Values at the edges of each range, which must pass.
private let inRangeCases: [Variant] = [
    Variant("karnofsky 0", [set("performance.karnofsky", 0)], []),
    Variant("karnofsky 100", [set("performance.karnofsky", 100)], []),
    Variant("karnofsky 10", [set("performance.karnofsky", 10)], []),
    Variant("ecog 0", [set("performance", ["ecog": 0])], []),
    Variant("ecog 5", [set("performance", ["ecog": 5])], []),
    Variant("karnofsky and ecog", [set("performance", ["karnofsky": 70, "ecog": 1])], []),
    Variant("painScore 0", [set("symptoms.painScore", 0)], []),
    Variant("painScore 10", [set("symptoms.painScore", 10)], []),
    Variant("albumin 40 g/L", [set("labs.albumin", ["value": 40, "unit": "g/L"])], []),
    Variant("albumin 35 g/L", [set("labs.albumin", ["value": 35, "unit": "g/L"])], []),
    Variant("albumin 3.5 g/dL", [set("labs.albumin", ["value": 3.5, "unit": "g/dL"])], []),
    Variant("albumin 4 g/dL", [set("labs.albumin", ["value": 4, "unit": "g/dL"])], []),
    Variant("monthsFromDiagnosis 0", [set("primaryTumor.monthsFromDiagnosisToSpinalMetastasis", 0)], []),
    Variant("extraspinalBoneCount 3", [set("otherMetastases.extraspinalBoneCount", 3)], []),
    Variant("motorDeficitDays 0 with myelopathy",
            [set("neurology.deficit", "myelopathy"), set("neurology.frankel", "D"), set("neurology.motorDeficitDays", 0)], []),
    Variant("hoursSinceLossOfAmbulation 0 when nonAmbulatory",
            [set("neurology.ambulation", "nonAmbulatory"), set("neurology.hoursSinceLossOfAmbulation", 0)], []),
    Variant("clinicianSurvivalEstimateMonths 0", [set("systemic.clinicianSurvivalEstimateMonths", 0)], []),
    Variant("priorRadiation 30 Gy in 1 fraction", [set("spine.lesions[0].priorRadiation", ["doseGy": 30, "fractions": 1])], []),
    Variant("priorRadiation 8 Gy in 1 fraction", [set("spine.lesions[0].priorRadiation", ["doseGy": 8, "fractions": 1])], []),
    Variant("priorRadiation 24 Gy in 2 fractions, decimal dose",
            [set("spine.lesions[0].priorRadiation", ["doseGy": 24.0, "fractions": 2])], []),
]

private let crossFieldCases: [Variant] = [
    Variant("lesion level missing from involvedLevels",
            [set("spine.involvedLevels", ["T8"]), set("spine.lesions[0].levels", ["T9"])],
            "spine.lesions[0].levels[0]", mentioning: ["T9", "involvedLevels"]),
    Variant("second lesion level missing from involvedLevels",
            [set("spine.involvedLevels", ["T8"]), set("spine.lesions[0].levels", ["T8", "T9"])],
            "spine.lesions[0].levels[1]", mentioning: ["T9", "involvedLevels"]),
    Variant("a level in two lesions",
            [set("spine.involvedLevels", ["T8", "T9"]),
             set("spine.lesions", [["levels": ["T8"]], ["levels": ["T8", "T9"]]])],
            "spine.lesions[1].levels[0]", mentioning: ["T8", "spine.lesions[0]"]),
    Variant("non-contiguous lesion levels T4, T6",
            [set("spine.involvedLevels", ["T4", "T6"]), set("spine.lesions[0].levels", ["T4", "T6"])],
            "spine.lesions[0].levels", mentioning: ["contiguous", "T4", "T6"]),
    Variant("non-contiguous lesion levels across a junction L5, S2",
            [set("spine.involvedLevels", ["L5", "S2"]), set("spine.lesions[0].levels", ["L5", "S2"])],
            "spine.lesions[0].levels", mentioning: ["contiguous"]),
    Variant("duplicate involvedLevels",
            [set("spine.involvedLevels", ["T8", "T8"])], "spine.involvedLevels[1]", mentioning: ["T8"]),
    Variant("duplicate lesion levels",
            [set("spine.lesions[0].levels", ["T8", "T8"])], "spine.lesions[0].levels[1]", mentioning: ["T8"]),
    Variant("empty involvedLevels", [set("spine.involvedLevels", [])], "spine.involvedLevels", mentioning: ["at least one"]),
    Variant("empty lesions", [set("spine.lesions", [])], "spine.lesions", mentioning: ["at least one"]),
    Variant("empty lesion levels", [set("spine.lesions[0].levels", [])], "spine.lesions[0].levels", mentioning: ["at least one"]),
    Variant("visceral present false with sites",
            [set("otherMetastases.visceral.present", false), set("otherMetastases.visceral.sites", ["lung"])],
            "otherMetastases.visceral.sites", mentioning: ["present"]),
    Variant("visceral present true without surgicallyRemovable",
            visceralPresent + [remove("otherMetastases.visceral.surgicallyRemovable")],
            "otherMetastases.visceral.surgicallyRemovable", mentioning: ["required"]),
    Variant("visceral present true with surgicallyRemovable null",
            visceralPresent + [set("otherMetastases.visceral.surgicallyRemovable", .null)],
            "otherMetastases.visceral.surgicallyRemovable", mentioning: ["required"]),
    Variant("visceral present true without treatable",
            visceralPresent + [remove("otherMetastases.visceral.treatable")],
            "otherMetastases.visceral.treatable", mentioning: ["required"]),
    Variant("visceral present true with empty sites",
            visceralPresent + [set("otherMetastases.visceral.sites", [])],
            "otherMetastases.visceral.sites", mentioning: ["lung", "liver", "brain", "kidney", "adrenal", "other"]),
    Variant("visceral present true without sites",
            visceralPresent + [remove("otherMetastases.visceral.sites")],
            "otherMetastases.visceral.sites"),
    Variant("visceral present false with treatable set",
            [set("otherMetastases.visceral.present", false), set("otherMetastases.visceral.treatable", true)],
            "otherMetastases.visceral.treatable"),
    Variant("visceral present false with surgicallyRemovable set",
            [set("otherMetastases.visceral.present", false), set("otherMetastases.visceral.surgicallyRemovable", false)],
            "otherMetastases.visceral.surgicallyRemovable"),
    Variant("deficit myelopathy without motorDeficitDays",
            [set("neurology.deficit", "myelopathy"), set("neurology.frankel", "D")],
            "neurology.motorDeficitDays", mentioning: ["myelopathy"]),
    Variant("deficit caudaEquina without motorDeficitDays",
            [set("neurology.deficit", "caudaEquina"), set("neurology.frankel", "D"), remove("neurology.motorDeficitDays")],
            "neurology.motorDeficitDays", mentioning: ["caudaEquina"]),
    Variant("motorDeficitDays with deficit none",
            [set("neurology.deficit", "none"), set("neurology.motorDeficitDays", 5)],
            "neurology.motorDeficitDays", mentioning: ["none"]),
    Variant("hoursSinceLossOfAmbulation with ambulation independent",
            [set("neurology.ambulation", "independent"), set("neurology.hoursSinceLossOfAmbulation", 12)],
            "neurology.hoursSinceLossOfAmbulation", mentioning: ["nonAmbulatory"]),
    Variant("hoursSinceLossOfAmbulation with ambulation withAid",
            [set("neurology.ambulation", "withAid"), set("neurology.hoursSinceLossOfAmbulation", 12)],
            "neurology.hoursSinceLossOfAmbulation", mentioning: ["nonAmbulatory"]),
    Variant("deficit none with frankel C",
            [set("neurology.deficit", "none"), set("neurology.frankel", "C"), set("neurology.ambulation", "nonAmbulatory")],
            "neurology.deficit", mentioning: ["frankel", "C"]),
    Variant("deficit none with frankel A",
            [set("neurology.deficit", "none"), set("neurology.frankel", "A"), set("neurology.ambulation", "nonAmbulatory")],
            "neurology.deficit"),
    Variant("frankel C walking with an aid (C is motor useless, §10.1)",
            [set("neurology.deficit", "myelopathy"), set("neurology.frankel", "C"), set("neurology.motorDeficitDays", 3),
             set("neurology.ambulation", "withAid")],
            "neurology.ambulation", mentioning: ["withAid", "frankel is C", "cannot walk"]),
    Variant("frankel A walking independently",
            [set("neurology.deficit", "myelopathy"), set("neurology.frankel", "A"), set("neurology.motorDeficitDays", 3)],
            "neurology.ambulation", mentioning: ["independent", "frankel is A"]),
    Variant("months to spinal metastasis longer than the patient's age",
            [remove("primaryTumor.diagnosedOn"), set("patient.birthDate", "2000-03-01"),
             set("primaryTumor.monthsFromDiagnosisToSpinalMetastasis", 400)],
            "primaryTumor.monthsFromDiagnosisToSpinalMetastasis", mentioning: ["patient's age"]),
    Variant("visceral present invalid: one error, no follow-on errors about its dependants",
            visceralPresent + [set("otherMetastases.visceral.present", "yes")],
            "otherMetastases.visceral.present", mentioning: ["true or false"]),
    Variant("months to spinal metastasis longer than diagnosis to assessment",
            [set("primaryTumor.diagnosedOn", "2019-05-01"), set("primaryTumor.monthsFromDiagnosisToSpinalMetastasis", 100)],
            "primaryTumor.monthsFromDiagnosisToSpinalMetastasis", mentioning: ["82"]),
    Variant("Karnofsky 90 with ECOG 4", [set("performance.karnofsky", 90), set("performance.ecog", 4)],
            "performance.ecog", mentioning: ["Karnofsky 90"]),
    Variant("Frankel E with ASIA A", [set("neurology.frankel", "E"), set("neurology.asia", "A")],
            "neurology.asia", mentioning: ["Frankel E"]),
    Variant("deficit none with only asia D",
            [set("neurology.deficit", "none"), set("neurology.frankel", .null), set("neurology.asia", "D")],
            "neurology.deficit", mentioning: ["asia"]),
    Variant("currentTreatment none with hormonal",
            [set("systemic.currentTreatment", ["none", "hormonal"])], "systemic.currentTreatment", mentioning: ["none"]),
    Variant("currentTreatment hormonal with none",
            [set("systemic.currentTreatment", ["hormonal", "none"])], "systemic.currentTreatment", mentioning: ["none"]),
    Variant("duplicate comorbidities",
            [set("comorbidities", ["diabetes", "hypertension", "diabetes"])], "comorbidities[2]", mentioning: ["diabetes"]),
    Variant("duplicate visceral sites",
            visceralPresent + [set("otherMetastases.visceral.sites", ["lung", "lung"])], "otherMetastases.visceral.sites[1]"),
    Variant("duplicate priorities",
            [set("preferences.priorities", ["relieve-pain", "relieve-pain"])], "preferences.priorities[1]"),
    Variant("duplicate currentTreatment",
            [set("systemic.currentTreatment", ["hormonal", "hormonal"])], "systemic.currentTreatment[1]"),
    Variant("assessedOn after 9998-12-31 (its deadlines would not be four-digit dates)",
            [set("assessedOn", "9999-12-31"), remove("patient.birthDate"), remove("primaryTumor.diagnosedOn")], "assessedOn",
            mentioning: ["9998-12-31"]),
    Variant("birthDate after assessedOn",
            [set("patient.birthDate", "2026-03-02"), remove("primaryTumor.diagnosedOn")], "patient.birthDate",
            mentioning: ["2026-03-01"]),
    Variant("birthDate after today when assessedOn is absent",
            [remove("assessedOn"), set("patient.birthDate", "2026-03-02"), remove("primaryTumor.diagnosedOn")],
            "patient.birthDate", mentioning: ["2026-03-01"]),
    Variant("birthDate giving an age over 130 years",
            [set("patient.birthDate", "1880-01-01"), remove("primaryTumor.diagnosedOn")], "patient.birthDate",
            mentioning: ["130"]),
    Variant("diagnosedOn after assessedOn",
            [set("primaryTumor.diagnosedOn", "2026-03-02")], "primaryTumor.diagnosedOn", mentioning: ["2026-03-01"]),
    Variant("diagnosedOn before birthDate",
            [set("primaryTumor.diagnosedOn", "1960-01-01")], "primaryTumor.diagnosedOn", mentioning: ["birthDate"]),
    Variant("priorRadiation after assessedOn",
            [set("spine.lesions[0].priorRadiation", ["doseGy": 20, "fractions": 5, "on": "2026-04-01"])],
            "spine.lesions[0].priorRadiation.on"),
    Variant("impossible date 2026-02-30", [set("assessedOn", "2026-02-30")], "assessedOn", mentioning: ["YYYY-MM-DD"]),
    Variant("impossible date 1961-02-29 (not a leap year)", [set("patient.birthDate", "1961-02-29")], "patient.birthDate"),
    Variant("impossible month 2026-13-01", [set("primaryTumor.diagnosedOn", "2026-13-01")], "primaryTumor.diagnosedOn"),
    Variant("date without zero padding", [set("assessedOn", "2026-3-1")], "assessedOn"),
    Variant("date with a time", [set("assessedOn", "2026-03-01T00:00:00Z")], "assessedOn"),
    Variant("date in day/month/year order", [set("patient.birthDate", "02/04/1961")], "patient.birthDate"),
    Variant("C1-only lesion with collapse over50",
            [set("spine.involvedLevels", ["C1"]), set("spine.lesions[0].levels", ["C1"]),
             set("spine.lesions[0].collapse", "over50")],
            "spine.lesions[0].collapse", mentioning: ["C1"]),
    Variant("C1-only lesion with collapse under50",
            [set("spine.involvedLevels", ["C1"]), set("spine.lesions[0].levels", ["C1"]),
             set("spine.lesions[0].collapse", "under50")],
            "spine.lesions[0].collapse", mentioning: ["C1"]),
]

/// Consistent combinations next to the rules above, which must pass.
private let consistentCases: [Variant] = [
    Variant("two lesions, each level in involvedLevels once",
            [set("spine.involvedLevels", ["T8", "T11", "T12", "L1"]),
             set("spine.lesions", [["levels": ["T8"]], ["levels": ["T11", "T12", "L1"]]])], []),
    Variant("an involved level outside every lesion", [set("spine.involvedLevels", ["T8", "L3"])], []),
    Variant("contiguous across the cervicothoracic junction",
            [set("spine.involvedLevels", ["C7", "T1"]), set("spine.lesions[0].levels", ["C7", "T1"])], []),
    Variant("contiguous across the lumbosacral junction",
            [set("spine.involvedLevels", ["L5", "S1"]), set("spine.lesions[0].levels", ["L5", "S1"])], []),
    Variant("visceral present and fully described", visceralPresent, []),
    Variant("deficit radiculopathy without motorDeficitDays", [set("neurology.deficit", "radiculopathy")], []),
    Variant("deficit radiculopathy with motorDeficitDays",
            [set("neurology.deficit", "radiculopathy"), set("neurology.motorDeficitDays", 4)], []),
    Variant("deficit caudaEquina with motorDeficitDays",
            [set("neurology.deficit", "caudaEquina"), set("neurology.frankel", "C"), set("neurology.motorDeficitDays", 1),
             set("neurology.ambulation", "nonAmbulatory")], []),
    Variant("nonAmbulatory with hoursSinceLossOfAmbulation",
            [set("neurology.ambulation", "nonAmbulatory"), set("neurology.hoursSinceLossOfAmbulation", 30)], []),
    Variant("deficit none with frankel E and asia E", [set("neurology.asia", "E")], []),
    Variant("currentTreatment none alone", [set("systemic.currentTreatment", ["none"])], []),
    Variant("currentTreatment empty", [set("systemic.currentTreatment", [])], []),
    Variant("birthDate on assessedOn", [set("patient.birthDate", "2026-03-01"), remove("primaryTumor.diagnosedOn"),
                                         set("primaryTumor.monthsFromDiagnosisToSpinalMetastasis", 0)], []),
    Variant("months to spinal metastasis equal to the patient's age",
            [set("patient.birthDate", "2000-03-01"), remove("primaryTumor.diagnosedOn"),
             set("primaryTumor.monthsFromDiagnosisToSpinalMetastasis", 312)], []),
    Variant("Frankel D walking with an aid", [set("neurology.deficit", "myelopathy"), set("neurology.motorDeficitDays", 3),
                                              set("neurology.frankel", "D"), set("neurology.ambulation", "withAid")], []),
    Variant("diagnosedOn on assessedOn",
            [set("primaryTumor.diagnosedOn", "2026-03-01"), remove("primaryTumor.monthsFromDiagnosisToSpinalMetastasis")], []),
    Variant("leap day 2024-02-29",
            [set("primaryTumor.diagnosedOn", "2024-02-29"), remove("primaryTumor.monthsFromDiagnosisToSpinalMetastasis")], []),
    Variant("months to spinal metastasis equal to the whole interval",
            [set("primaryTumor.diagnosedOn", "2021-03-01"), set("primaryTumor.monthsFromDiagnosisToSpinalMetastasis", 60)], []),
    Variant("Karnofsky 90 with ECOG 1 (one grade apart, as published mappings differ)",
            [set("performance.ecog", 1)], []),
    Variant("Frankel C with ASIA D (the C/D split differs between the scales)",
            [set("neurology.deficit", "myelopathy"), set("neurology.motorDeficitDays", 3),
             set("neurology.frankel", "C"), set("neurology.asia", "D"), set("neurology.ambulation", "nonAmbulatory")], []),
    Variant("Karnofsky written as 90.0", [set("performance.karnofsky", 90.0)], []),
    Variant("C1-only lesion without collapse",
            [set("spine.involvedLevels", ["C1"]), set("spine.lesions[0].levels", ["C1"]),
             set("spine.lesions[0].collapse", "none")], []),
    Variant("C1–C2 lesion with collapse over50",
            [set("spine.involvedLevels", ["C1", "C2"]), set("spine.lesions[0].levels", ["C1", "C2"]),
             set("spine.lesions[0].collapse", "over50")], []),
]

// MARK: - Tests

@Suite("Case document validation")
struct ValidationTests {
    // MARK: 1. Valid documents

    @Test("the complete example of case-format.md decodes with every value read")
    func baseDocumentDecodes() throws {
        let c = try #require(accepted(base))
        #expect(c.schemaVersion == 1)
        #expect(c.patient.id == "MRN-000123")
        #expect(c.patient.name == "Jane Roe")
        #expect(c.patient.birthDate == CalendarDate(iso: "1961-04-02"))
        #expect(c.patient.sex == .female)
        #expect(c.assessedOn == CalendarDate(iso: "2026-03-01"))
        #expect(c.primaryTumor.histology == "breast")
        #expect(c.primaryTumor.detail == "HR+/HER2-")
        #expect(c.primaryTumor.diagnosedOn == CalendarDate(iso: "2019-05-01"))
        #expect(c.primaryTumor.monthsFromDiagnosisToSpinalMetastasis == 60)
        #expect(c.primaryTumor.radiosensitivity == nil)
        #expect(c.primaryTumor.tomitaGrowth == nil)
        #expect(c.primaryTumor.status == .stable)
        #expect(c.spine.involvedLevels == [.t8])
        #expect(c.spine.lesions.count == 1)
        let lesion = try #require(c.spine.lesions.first)
        #expect(lesion.levels == [.t8])
        #expect(lesion.pain == .occasional)
        #expect(lesion.boneLesion == .lytic)
        #expect(lesion.alignment == .normal)
        #expect(lesion.collapse == VertebralCollapse.none)
        #expect(lesion.posterolateral == PosterolateralInvolvement.none)
        #expect(lesion.escc == .g0)
        #expect(lesion.bonyRetropulsion == false)
        #expect(lesion.priorRadiation == nil)
        #expect(c.otherMetastases.extraspinalBoneCount == 0)
        #expect(c.otherMetastases.visceral.present == false)
        #expect(c.otherMetastases.visceral.sites.isEmpty)
        #expect(c.otherMetastases.visceral.surgicallyRemovable == nil)
        #expect(c.otherMetastases.visceral.treatable == nil)
        #expect(c.neurology.frankel == .e)
        #expect(c.neurology.asia == nil)
        #expect(c.neurology.ambulation == .independent)
        #expect(c.neurology.deficit == NeurologicalDeficit.none)
        #expect(c.neurology.motorDeficitDays == nil)
        #expect(c.neurology.hoursSinceLossOfAmbulation == nil)
        #expect(c.neurology.bladderBowelDysfunction == false)
        #expect(c.performance.karnofsky == 90)
        #expect(c.performance.ecog == nil)
        #expect(c.labs.albumin == Albumin(value: 4.1, unit: .gramsPerDecilitre))
        #expect(c.systemic.currentTreatment == [.hormonal])
        #expect(c.systemic.effectiveOptionsRemaining == true)
        #expect(c.systemic.medicallyOperable == true)
        #expect(c.systemic.clinicianSurvivalEstimateMonths == 24)
        #expect(c.comorbidities == [.hypertension])
        #expect(c.social.familySupport == .strong)
        #expect(c.social.financialConstraints == FinancialConstraints.none)
        #expect(c.social.travelBurden == .low)
        #expect(c.preferences.priorities == [.maintainFunction])
        #expect(c.preferences.declines.isEmpty)
        #expect(c.preferences.notes == "")
        #expect(c.symptoms.newBackPain == false)
        #expect(c.symptoms.painFeatures.isEmpty)
        #expect(c.symptoms.neuroSymptoms.isEmpty)
        #expect(c.symptoms.painScore == 3)
    }

    @Test("the example as formatted text (whitespace, newlines) decodes to the same case")
    func exampleTextDecodes() throws {
        let fromText = try CaseDocument.decode(Array(exampleText.utf8), today: assessmentDay).get()
        let fromDoc = try #require(accepted(base))
        #expect(fromText == fromDoc)
    }

    @Test("a minimal document decodes, and what it leaves out stays absent")
    func minimalDocumentDecodes() throws {
        let c = try #require(accepted(minimal))
        #expect(c.patient.id == "MRN-1")
        #expect(c.primaryTumor.histology == "breast")
        #expect(c.spine.involvedLevels == [.t8])
        #expect(c.spine.lesions == [SpinalLesion(levels: [.t8])])
        #expect(c.assessedOn == nil)
        #expect(c.patient.name == nil && c.patient.birthDate == nil && c.patient.sex == nil)
        #expect(c.primaryTumor.status == nil && c.primaryTumor.monthsFromDiagnosisToSpinalMetastasis == nil)
        #expect(c.otherMetastases == OtherMetastases())
        #expect(c.neurology == Neurology())
        #expect(c.performance.karnofsky == nil && c.performance.ecog == nil)
        #expect(c.labs.albumin == nil)
        #expect(c.systemic == Systemic())
        #expect(c.comorbidities.isEmpty)
        #expect(c.social == Social())
        #expect(c.preferences == Preferences())
        #expect(c.symptoms == Symptoms())
    }

    @Test("null optional fields are accepted as absent, at every level")
    func nullsAreAbsent() throws {
        let withNulls = minimal.applying([
            set("assessedOn", .null),
            set("patient.name", .null), set("patient.birthDate", .null), set("patient.sex", .null),
            set("primaryTumor.detail", .null), set("primaryTumor.diagnosedOn", .null),
            set("primaryTumor.monthsFromDiagnosisToSpinalMetastasis", .null),
            set("primaryTumor.radiosensitivity", .null), set("primaryTumor.tomitaGrowth", .null),
            set("primaryTumor.status", .null),
            set("spine.lesions[0].pain", .null), set("spine.lesions[0].boneLesion", .null),
            set("spine.lesions[0].alignment", .null), set("spine.lesions[0].collapse", .null),
            set("spine.lesions[0].posterolateral", .null), set("spine.lesions[0].escc", .null),
            set("spine.lesions[0].bonyRetropulsion", .null), set("spine.lesions[0].priorRadiation", .null),
            set("otherMetastases", ["extraspinalBoneCount": .null,
                                    "visceral": ["present": .null, "sites": .null, "surgicallyRemovable": .null, "treatable": .null]]),
            set("neurology", ["frankel": .null, "asia": .null, "ambulation": .null, "deficit": .null, "motorDeficitDays": .null,
                              "hoursSinceLossOfAmbulation": .null, "bladderBowelDysfunction": .null]),
            set("performance", ["karnofsky": .null, "ecog": .null]),
            set("labs", ["albumin": .null]),
            set("systemic", ["currentTreatment": .null, "effectiveOptionsRemaining": .null, "medicallyOperable": .null,
                             "clinicianSurvivalEstimateMonths": .null]),
            set("comorbidities", .null),
            set("social", ["familySupport": .null, "financialConstraints": .null, "travelBurden": .null]),
            set("preferences", ["priorities": .null, "declines": .null, "notes": .null]),
            set("symptoms", ["newBackPain": .null, "painFeatures": .null, "neuroSymptoms": .null, "painScore": .null]),
        ])
        let plain = try #require(accepted(minimal))
        let nulls = try #require(accepted(withNulls))
        #expect(nulls == plain)

        // Whole optional sections given as null.
        let nullSections = minimal.applying(["otherMetastases", "neurology", "performance", "labs", "systemic", "social",
                                             "preferences", "symptoms"].map { set($0, .null) })
        #expect(try #require(accepted(nullSections)) == plain)
    }

    @Test("a document with every optional field given decodes every value")
    func everyOptionalFieldDecodes() throws {
        let full = base.applying([
            set("primaryTumor.radiosensitivity", "resistant"),
            set("primaryTumor.tomitaGrowth", "rapid"),
            set("spine.involvedLevels", ["T8", "T11", "T12"]),
            set("spine.lesions[0].priorRadiation", priorCourse),
            set("spine.lesions[1]", ["levels": ["T11", "T12"], "pain": "mechanical", "boneLesion": "mixed",
                                     "alignment": "deformity", "collapse": "under50", "posterolateral": "bilateral",
                                     "escc": "1c", "bonyRetropulsion": true, "priorRadiation": .null]),
            set("otherMetastases.extraspinalBoneCount", 2),
            set("otherMetastases.visceral", ["present": true, "sites": ["liver", "adrenal"], "surgicallyRemovable": false,
                                             "treatable": true]),
            set("neurology", ["frankel": "D", "asia": "D", "ambulation": "nonAmbulatory", "deficit": "myelopathy",
                              "motorDeficitDays": 3, "hoursSinceLossOfAmbulation": 12, "bladderBowelDysfunction": true]),
            set("performance", ["karnofsky": 40, "ecog": 3]),
            set("labs.albumin", ["value": 31.5, "unit": "g/L"]),
            set("systemic.currentTreatment", ["chemotherapy", "bone-modifying"]),
            set("systemic.effectiveOptionsRemaining", false),
            set("comorbidities", ["diabetes", "renal"]),
            set("social", ["familySupport": "none", "financialConstraints": "severe", "travelBurden": "high"]),
            set("preferences", ["priorities": ["relieve-pain", "stay-home"], "declines": ["sbrt", "en-bloc-resection"],
                                "notes": "Prefers \"short\" visits\nline two"]),
            set("symptoms", ["newBackPain": true, "painFeatures": ["progressive", "nocturnal"],
                             "neuroSymptoms": ["limb-weakness"], "painScore": 7]),
        ])
        let c = try #require(accepted(full))
        #expect(c.primaryTumor.radiosensitivity == .resistant)
        #expect(c.primaryTumor.tomitaGrowth == .rapid)
        #expect(c.spine.involvedLevels == [.t8, .t11, .t12])
        #expect(c.spine.lesions.map(\.levels) == [[.t8], [.t11, .t12]])
        #expect(c.spine.lesions[0].priorRadiation == PriorRadiation(doseGy: 20, fractions: 5, on: CalendarDate(iso: "2025-01-10")))
        #expect(c.spine.lesions[1].escc == .g1c)
        #expect(c.spine.lesions[1].collapse == .under50)
        #expect(c.spine.lesions[1].bonyRetropulsion == true)
        #expect(c.otherMetastases.extraspinalBoneCount == 2)
        #expect(c.otherMetastases.visceral.sites == [.liver, .adrenal])
        #expect(c.otherMetastases.visceral.surgicallyRemovable == false)
        #expect(c.otherMetastases.visceral.treatable == true)
        #expect(c.neurology.asia == .d)
        #expect(c.neurology.deficit == .myelopathy)
        #expect(c.neurology.motorDeficitDays == 3)
        #expect(c.neurology.hoursSinceLossOfAmbulation == 12)
        #expect(c.performance.karnofsky == 40 && c.performance.ecog == 3)
        #expect(c.labs.albumin == Albumin(value: 31.5, unit: .gramsPerLitre))
        #expect(c.systemic.currentTreatment == [.chemotherapy, .boneModifying])
        #expect(c.comorbidities == [.diabetes, .renal])
        #expect(c.social.travelBurden == .high)
        #expect(c.preferences.declines == [.sbrt, .enBlocResection])
        #expect(c.preferences.notes == "Prefers \"short\" visits\nline two")
        #expect(c.symptoms.neuroSymptoms == [.limbWeakness])
        #expect(c.symptoms.painScore == 7)
    }

    @Test("the members of an object may come in any order")
    func memberOrderIsFree() throws {
        guard case let .object(members) = base else { Issue.record("base is an object"); return }
        let reversed = Doc.object(Array(members.reversed()))
        #expect(try #require(accepted(reversed)) == (try #require(accepted(base))))
    }

    // MARK: 2. Unknown fields

    @Test("an unknown field is rejected at its own path, listing the allowed fields", arguments: unknownFieldCases)
    private func unknownFieldRejected(_ c: UnknownFieldCase) {
        let path = childPath(c.container, c.key)
        expectRejected(base.applying(c.setup + [set(path, "x")]), at: path, mentioning: ["unknown", c.allowedExample])
    }

    @Test("an unknown field is rejected even when its value is null", arguments: unknownFieldCases)
    private func unknownNullFieldRejected(_ c: UnknownFieldCase) {
        let path = childPath(c.container, c.key)
        expectRejected(base.applying(c.setup + [set(path, .null)]), at: path, mentioning: ["unknown"])
    }

    @Test("unknown fields in a second lesion and in several places are all named")
    func severalUnknownFields() {
        let doc = base.applying([
            set("spine.involvedLevels", ["T8", "T10"]),
            set("spine.lesions[1]", ["levels": ["T10"], "sins": 9]),
            set("patient.mrn", "1"),
            set("patient.age", 64),
        ])
        expectRejected(doc, at: ["spine.lesions[1].sins", "patient.mrn", "patient.age"], mentioning: ["unknown"])
    }

    // MARK: 3. Codes and JSON types

    @Test("every coded field rejects a code outside the contract, naming the allowed codes",
          arguments: codedFields.flatMap { f in f.wrong.map { CodeCase(field: f, code: $0) } })
    private func wrongCodeRejected(_ c: CodeCase) {
        let doc = base.applying(c.field.setup + [set(c.field.path, c.field.value(c.code))])
        expectRejected(doc, at: c.field.errorPath, mentioning: (c.field.mentions ?? c.field.allowed) + ["\"\(c.code)\""])
    }

    @Test("every code the contract lists is accepted",
          arguments: codedFields.flatMap { f in f.allowed.map { CodeCase(field: f, code: $0) } })
    private func contractCodeAccepted(_ c: CodeCase) {
        let doc = base.applying(c.field.setup + c.field.setupFor(c.code) + [set(c.field.path, c.field.value(c.code))])
        _ = accepted(doc)
    }

    @Test("a wrong JSON type is rejected at the path of the field", arguments: wrongTypeCases)
    private func wrongTypeRejected(_ v: Variant) {
        expectRejected(base.applying(v.changes), at: v.paths, mentioning: v.mentions)
    }

    // MARK: 4. Ranges

    @Test("a value out of range is rejected at its path", arguments: outOfRangeCases)
    private func outOfRangeRejected(_ v: Variant) {
        expectRejected(base.applying(v.changes), at: v.paths, mentioning: v.mentions)
    }

    @Test("values at the edges of each range are accepted", arguments: inRangeCases)
    private func inRangeAccepted(_ v: Variant) {
        _ = accepted(base.applying(v.changes))
    }

    @Test("albumin keeps its unit: 40 g/L is accepted as 4.0 g/dL")
    func albuminInGramsPerLitre() throws {
        let c = try #require(accepted(base.replacing("labs.albumin", with: ["value": 40, "unit": "g/L"])))
        let albumin = try #require(c.labs.albumin)
        #expect(albumin.unit == .gramsPerLitre)
        #expect(albumin.value == 40)
        #expect(albumin.gramsPerDecilitre == 4.0)
    }

    // MARK: 5. Cross-field rules

    @Test("an inconsistent document is rejected at the path of the field at fault", arguments: crossFieldCases)
    private func crossFieldRuleEnforced(_ v: Variant) {
        expectRejected(base.applying(v.changes), at: v.paths, mentioning: v.mentions)
    }

    @Test("consistent combinations next to those rules are accepted", arguments: consistentCases)
    private func consistentCombinationAccepted(_ v: Variant) {
        _ = accepted(base.applying(v.changes))
    }

    @Test("assessedOn absent: today is the reference date; a date before today passes")
    func todayStandsInForAssessedOn() throws {
        let doc = base.applying([remove("assessedOn"), set("primaryTumor.diagnosedOn", "2026-02-28"),
                                 remove("primaryTumor.monthsFromDiagnosisToSpinalMetastasis")])
        let c = try #require(accepted(doc))
        #expect(c.assessedOn == nil)
        // The same document is rejected when today is earlier than the diagnosis.
        let earlier = try #require(CalendarDate(iso: "2026-02-01"))
        guard case let .failure(e) = decode(doc, today: earlier) else {
            Issue.record("diagnosedOn after today must be rejected when assessedOn is absent")
            return
        }
        #expect(e.errors.map(\.path) == ["primaryTumor.diagnosedOn"])
    }

    // MARK: 6. All errors at once

    @Test("a document with many independent errors reports every one of them")
    func allErrorsReportedAtOnce() {
        let doc = base.applying([
            set("schemaVersion", 2),
            remove("patient.id"),
            set("patient.sex", "f"),
            set("diagnosis", "breast"),
            set("primaryTumor.status", "remission"),
            set("spine.lesions[0].escc", "4"),
            set("otherMetastases.visceral.sites", ["lung"]),
            set("neurology.hoursSinceLossOfAmbulation", 12),
            set("performance.karnofsky", 85),
            set("labs.albumin.value", 40),
            set("comorbidities", ["diabetes", "diabetes"]),
            set("symptoms.neuroSymptoms", ["tingling"]),
            set("symptoms.painScore", 11),
        ])
        expectRejected(doc, at: [
            "schemaVersion", "patient.id", "patient.sex", "diagnosis", "primaryTumor.status", "spine.lesions[0].escc",
            "otherMetastases.visceral.sites", "neurology.hoursSinceLossOfAmbulation", "performance.karnofsky",
            "labs.albumin.value", "comorbidities[1]", "symptoms.neuroSymptoms[0]", "symptoms.painScore",
        ])
    }

    @Test("errors in different lesions are each reported with their lesion index")
    func errorsInSeveralLesions() {
        let doc = base.applying([
            set("spine.involvedLevels", ["T8", "T10", "L2"]),
            set("spine.lesions[0].escc", "4"),
            set("spine.lesions[1]", ["levels": ["T10"], "pain": "severe"]),
            set("spine.lesions[2]", ["levels": ["L3"], "collapse": "total"]),
        ])
        expectRejected(doc, at: [
            "spine.lesions[0].escc", "spine.lesions[1].pain", "spine.lesions[2].levels[0]", "spine.lesions[2].collapse",
        ])
    }

    @Test("the empty object reports every required member at once")
    func emptyObjectReportsEveryRequiredMember() {
        expectRejected(Doc.object([]), at: ["schemaVersion", "patient", "primaryTumor", "spine"], mentioning: ["required"])
    }

    // MARK: 7. Missing required fields

    @Test("a missing required field is named", arguments: [
        Variant("patient missing", [remove("patient")], "patient", mentioning: ["required"]),
        Variant("patient null", [set("patient", .null)], "patient", mentioning: ["required"]),
        Variant("patient.id missing", [remove("patient.id")], "patient.id", mentioning: ["required"]),
        Variant("patient.id null", [set("patient.id", .null)], "patient.id", mentioning: ["required"]),
        Variant("patient.id empty", [set("patient.id", "")], "patient.id", mentioning: ["empty"]),
        Variant("patient.id whitespace", [set("patient.id", "   ")], "patient.id", mentioning: ["empty"]),
        Variant("patient.id tab and newline", [set("patient.id", "\t\n")], "patient.id"),
        Variant("primaryTumor missing", [remove("primaryTumor")], "primaryTumor", mentioning: ["required"]),
        Variant("primaryTumor.histology missing", [remove("primaryTumor.histology")], "primaryTumor.histology",
                mentioning: ["required", "breast"]),
        Variant("primaryTumor.histology null", [set("primaryTumor.histology", .null)], "primaryTumor.histology",
                mentioning: ["required"]),
        Variant("spine missing", [remove("spine")], "spine", mentioning: ["required"]),
        Variant("spine.involvedLevels missing", [remove("spine.involvedLevels")], "spine.involvedLevels",
                mentioning: ["required"]),
        Variant("spine.lesions missing", [remove("spine.lesions")], "spine.lesions", mentioning: ["required"]),
        Variant("lesion levels missing", [remove("spine.lesions[0].levels")], "spine.lesions[0].levels",
                mentioning: ["required"]),
        Variant("lesion null", [set("spine.lesions[0]", .null)], "spine.lesions[0]"),
        Variant("albumin without unit", [remove("labs.albumin.unit")], "labs.albumin.unit", mentioning: ["g/dL", "g/L"]),
        Variant("albumin without value", [remove("labs.albumin.value")], "labs.albumin.value", mentioning: ["required"]),
        Variant("priorRadiation without fractions", [set("spine.lesions[0].priorRadiation", ["doseGy": 20])],
                "spine.lesions[0].priorRadiation.fractions", mentioning: ["required"]),
        Variant("priorRadiation without doseGy", [set("spine.lesions[0].priorRadiation", ["fractions": 5])],
                "spine.lesions[0].priorRadiation.doseGy", mentioning: ["required"]),
    ])
    private func missingRequiredField(_ v: Variant) {
        expectRejected(base.applying(v.changes), at: v.paths, mentioning: v.mentions)
    }

    @Test("a field longer than its limit, or with a control character, is rejected", arguments: [
        Variant("patient.id of 65 characters", [set("patient.id", .string(String(repeating: "9", count: 65)))], "patient.id",
                mentioning: ["64"]),
        Variant("patient.id with a NUL", [set("patient.id", "MRN\u{0}1")], "patient.id", mentioning: ["control"]),
        Variant("patient.name with an escape character", [set("patient.name", "Jane\u{1B}[31m")], "patient.name",
                mentioning: ["control"]),
        Variant("patient.name with DEL", [set("patient.name", "Jane\u{7F}Doe")], "patient.name", mentioning: ["control"]),
        Variant("patient.name with a C1 control (CSI)", [set("patient.name", "Jane\u{9B}31m")], "patient.name", mentioning: ["control"]),
        Variant("patient.name with a line break", [set("patient.name", "Jane\nURGENCY: ROUTINE")], "patient.name",
                mentioning: ["line breaks"]),
        Variant("patient.id with a tab", [set("patient.id", "MRN\t1")], "patient.id", mentioning: ["control"]),
        Variant("patient.id with a line separator", [set("patient.id", "MRN\u{2028}1")], "patient.id", mentioning: ["line breaks"]),
        Variant("primaryTumor.detail with DEL", [set("primaryTumor.detail", "a\u{7F}b")], "primaryTumor.detail", mentioning: ["control"]),
        Variant("patient.name with a right-to-left override", [set("patient.name", "Jane \u{202E}1202-30-10")], "patient.name",
                mentioning: ["control"]),
        Variant("patient.id with a bidi isolate", [set("patient.id", "MRN\u{2067}1")], "patient.id", mentioning: ["control"]),
        Variant("primaryTumor.detail with a left-to-right embedding", [set("primaryTumor.detail", "ER+\u{202A}x")], "primaryTumor.detail",
                mentioning: ["control"]),
    ])
    private func stringLimits(_ v: Variant) {
        expectRejected(base.applying(v.changes), at: v.paths, mentioning: v.mentions)
    }

    // MARK: 8. Not JSON, or not an object

    @Test("text that is not a JSON object yields one error for the whole document", arguments: [
        NotADocument("empty input", []),
        NotADocument("only whitespace", Array(" \n\t ".utf8)),
        NotADocument("truncated object", Array(#"{"schemaVersion": 1, "patient": {"id": "X""#.utf8)),
        NotADocument("truncated in a string", Array(#"{"schemaVersion": 1, "patient": {"id": "MR"#.utf8)),
        NotADocument("truncated half way", Array(base.bytes.prefix(base.bytes.count / 2))),
        NotADocument("trailing garbage", base.bytes + Array(" x".utf8)),
        NotADocument("a second object after the first", base.bytes + base.bytes),
        NotADocument("an extra closing brace", base.bytes + Array("}".utf8)),
        NotADocument("a JSON array at top level", Array("[\(base.json)]".utf8), mentioning: "object"),
        NotADocument("a JSON string at top level", Array(#""case""#.utf8), mentioning: "object"),
        NotADocument("a JSON number at top level", Array("1".utf8), mentioning: "object"),
        NotADocument("null at top level", Array("null".utf8), mentioning: "object"),
        NotADocument("duplicate keys at root", Array(#"{"schemaVersion":1,"schemaVersion":1}"#.utf8), mentioning: "duplicate"),
        NotADocument("duplicate keys in patient",
                     Array(base.json.replacingOccurrences(of: #""id":"MRN-000123""#, with: #""id":"A","id":"B""#).utf8),
                     mentioning: "duplicate"),
        NotADocument("duplicate keys spelled differently",
                     Array(base.json.replacingOccurrences(of: #""name":"Jane Roe""#, with: #""name":"A","n\u0061me":"B""#).utf8),
                     mentioning: "duplicate"),
        NotADocument("a single quote string", Array(#"{'schemaVersion': 1}"#.utf8)),
        NotADocument("a comment", Array(("// case\n" + base.json).utf8)),
        NotADocument("a trailing comma", Array(base.json.replacingOccurrences(of: #""painScore":3}"#, with: #""painScore":3,}"#).utf8)),
        NotADocument("invalid UTF-8 in a string (0xFF)", withInvalidBytes([0xFF]), mentioning: "UTF-8"),
        NotADocument("invalid UTF-8: overlong encoding of /", withInvalidBytes([0xC0, 0xAF]), mentioning: "UTF-8"),
        NotADocument("invalid UTF-8: encoded surrogate", withInvalidBytes([0xED, 0xA0, 0x80]), mentioning: "UTF-8"),
        NotADocument("invalid UTF-8: truncated sequence", withInvalidBytes([0xE2, 0x82]), mentioning: "UTF-8"),
        NotADocument("invalid UTF-8: beyond U+10FFFF", withInvalidBytes([0xF4, 0x90, 0x80, 0x80]), mentioning: "UTF-8"),
        NotADocument("invalid UTF-8 after an escape", withInvalidBytes(Array(#"\n"#.utf8) + [0xFF]), mentioning: "UTF-8"),
        NotADocument("invalid UTF-8 in a member name", Array(#"{"schemaVersion":1,""#.utf8) + [0xFE] + Array(#"":1}"#.utf8)),
        NotADocument("invalid UTF-8 outside strings", Array(#"{"schemaVersion":"#.utf8) + [0xFF] + Array("}".utf8)),
        NotADocument("a lone surrogate escape", Array(base.json.replacingOccurrences(of: "Jane Roe", with: #"Jane\ud800"#).utf8)),
        NotADocument("a raw control character in a string", Array(base.json.replacingOccurrences(of: "Jane Roe", with: "Jane\u{1}Roe").utf8)),
        NotADocument("NaN as a number", Array(base.json.replacingOccurrences(of: #""karnofsky":90"#, with: #""karnofsky":NaN"#).utf8)),
        NotADocument("a leading zero", Array(base.json.replacingOccurrences(of: #""karnofsky":90"#, with: #""karnofsky":090"#).utf8)),
        NotADocument("100-deep arrays", Array((String(repeating: "[", count: 100) + String(repeating: "]", count: 100)).utf8)),
        NotADocument("100-deep objects",
                     Array((String(repeating: #"{"a":"#, count: 100) + "1" + String(repeating: "}", count: 100)).utf8),
                     mentioning: "nesting"),
        NotADocument("100-deep nesting inside a field",
                     Array(base.json.replacingOccurrences(
                         of: #""Jane Roe""#,
                         with: String(repeating: "[", count: 100) + String(repeating: "]", count: 100)).utf8),
                     mentioning: "nesting"),
        NotADocument("100 000 unclosed brackets", Array(String(repeating: "[", count: 100_000).utf8)),
        NotADocument("100 000 unclosed objects", Array(String(repeating: #"{"a":"#, count: 100_000).utf8)),
    ])
    private func notADocument(_ c: NotADocument) {
        let errors = rejections(c.bytes)
        #expect(errors.count == 1, "errors: \(errors.map(\.description))")
        #expect(errors.allSatisfy { $0.path.isEmpty }, "errors: \(errors.map(\.description))")
        #expect(errors.allSatisfy { !$0.message.isEmpty })
        if let word = c.mentions {
            #expect(errors.contains { $0.message.contains(word) }, "should mention \(word): \(errors.map(\.message))")
        }
    }

    @Test("every strict prefix of a valid document is rejected as a whole, without trapping")
    func everyPrefixRejected() {
        let bytes = base.bytes
        var accepted = 0
        var withPath: [String] = []
        for length in 0..<bytes.count {
            switch CaseDocument.decode(bytes[..<length], today: assessmentDay) {
            case .success: accepted += 1
            case let .failure(e): if e.errors.count != 1 || !e.errors[0].path.isEmpty { withPath.append("\(length)") }
            }
        }
        #expect(accepted == 0)
        #expect(withPath.isEmpty, "prefix lengths with other than one whole-document error: \(withPath.prefix(10))")
    }

    @Test("random single-byte corruptions never trap, and every rejection carries errors")
    func randomCorruptionsNeverTrap() {
        var rng = SplitMix64(seed: 0x5EED_CA5E)
        let bytes = base.bytes
        var emptyRejections = 0
        for _ in 0..<3000 {
            var corrupted = bytes
            let position = Int(rng.next() % UInt64(bytes.count))
            corrupted[position] = UInt8(truncatingIfNeeded: rng.next())
            if case let .failure(e) = CaseDocument.decode(corrupted, today: assessmentDay), e.errors.isEmpty {
                emptyRejections += 1
            }
        }
        #expect(emptyRejections == 0)
    }
}

private struct NotADocument: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var mentions: String?
    init(_ name: String, _ bytes: [UInt8], mentioning mentions: String? = nil) {
        self.name = name
        self.bytes = bytes
        self.mentions = mentions
    }
    var testDescription: String { name }
}

/// The base document with `bytes` inside the patient's name.
private func withInvalidBytes(_ bytes: [UInt8]) -> [UInt8] {
    let marker = Array("Jane Roe".utf8)
    let text = base.bytes
    for i in 0...(text.count - marker.count) where Array(text[i..<(i + marker.count)]) == marker {
        return Array(text[..<i]) + Array("Jane".utf8) + bytes + Array(text[(i + marker.count)...])
    }
    preconditionFailure("marker not found")
}

/// A small deterministic generator, so a failing corruption can be reproduced.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
