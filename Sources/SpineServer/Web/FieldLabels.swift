// Clinicians' words for the case document's fields and codes, and the order fields are shown in.
import SpineCore

enum FieldLabels {
    /// Field paths in form order (lesion fields use index 0 as their pattern).
    static let fields: [(String, String)] = [
        ("patient.id", "Record number"), ("patient.name", "Name"), ("patient.birthDate", "Date of birth"), ("patient.sex", "Sex"),
        ("assessedOn", "Assessment date"),
        ("primaryTumor.histology", "Primary cancer"), ("primaryTumor.detail", "Details (receptors, mutations)"),
        ("primaryTumor.diagnosedOn", "Date of cancer diagnosis"),
        ("primaryTumor.monthsFromDiagnosisToSpinalMetastasis", "Months from diagnosis to spinal metastasis"),
        ("primaryTumor.status", "Cancer status"), ("primaryTumor.radiosensitivity", "Radiosensitivity (override)"),
        ("primaryTumor.tomitaGrowth", "Tomita growth (override)"),
        ("systemic.currentTreatment", "Current systemic treatment"), ("systemic.effectiveOptionsRemaining", "Effective systemic options remain"),
        ("systemic.medicallyOperable", "Medically operable"), ("systemic.clinicianSurvivalEstimateMonths", "Clinician's survival estimate (months)"),
        ("spine.involvedLevels", "Involved levels"),
        ("spine.lesions[0].levels", "Levels of this lesion"), ("spine.lesions[0].pain", "Pain"),
        ("spine.lesions[0].boneLesion", "Bone lesion"), ("spine.lesions[0].alignment", "Alignment"),
        ("spine.lesions[0].collapse", "Vertebral body collapse"), ("spine.lesions[0].posterolateral", "Posterolateral involvement"),
        ("spine.lesions[0].escc", "Epidural compression (ESCC, Bilsky)"), ("spine.lesions[0].bonyRetropulsion", "Compression by bony retropulsion"),
        ("spine.lesions[0].priorRadiation.doseGy", "Prior radiation dose (Gy)"),
        ("spine.lesions[0].priorRadiation.fractions", "Prior radiation fractions"), ("spine.lesions[0].priorRadiation.on", "Prior radiation date"),
        ("otherMetastases.extraspinalBoneCount", "Extraspinal bone metastases (number)"),
        ("otherMetastases.visceral.present", "Visceral metastases"), ("otherMetastases.visceral.sites", "Visceral sites"),
        ("otherMetastases.visceral.surgicallyRemovable", "Visceral metastases surgically removable"),
        ("otherMetastases.visceral.treatable", "Visceral metastases treatable"),
        ("neurology.frankel", "Frankel grade"), ("neurology.asia", "ASIA grade"), ("neurology.ambulation", "Walking"),
        ("neurology.deficit", "Neurological deficit"), ("neurology.motorDeficitDays", "Days since motor deficit began"),
        ("neurology.hoursSinceLossOfAmbulation", "Hours since walking was lost"),
        ("neurology.bladderBowelDysfunction", "Bladder or bowel dysfunction"),
        ("performance.karnofsky", "Karnofsky (0–100, in tens)"), ("performance.ecog", "ECOG (0–5)"),
        ("labs.albumin.value", "Albumin"), ("labs.albumin.unit", "Albumin unit"),
        ("comorbidities", "Comorbidities"),
        ("social.familySupport", "Family support"), ("social.financialConstraints", "Financial constraints"), ("social.travelBurden", "Travel burden"),
        ("preferences.priorities", "The patient's priorities"), ("preferences.declines", "Treatments the patient declines"),
        ("preferences.notes", "Notes on preferences"),
        ("symptoms.newBackPain", "New back pain"), ("symptoms.painFeatures", "Red-flag pain features"),
        ("symptoms.neuroSymptoms", "Neurological symptoms"), ("symptoms.painScore", "Pain score (0–10)"),
    ]

    private static let labels: [String: String] = Dictionary(uniqueKeysWithValues: fields)
    private static let rank: [String: Int] = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.0, $0) })

    /// The lesion index in a path, and the path with index 0 in its place.
    static func pattern(_ path: String) -> (String, Int) {
        guard let match = path.firstMatch(of: /spine\.lesions\[([0-9]+)\]/), let i = Int(match.1) else { return (path, -1) }
        return (path.replacingCharacters(in: match.range, with: "spine.lesions[0]"), i)
    }

    static func label(_ path: String) -> String {
        let (p, i) = pattern(path)
        guard let l = labels[p] else { return path }
        return i >= 0 ? "Lesion \(i + 1): \(l.prefix(1).lowercased() + l.dropFirst())" : l
    }

    /// Missing fields in clinicians' words, in form order ("Lesion 2: vertebral body collapse;
    /// Karnofsky (0–100, in tens)"): a score's `missing` list is the core's field paths.
    static func list(_ paths: [String]) -> String {
        paths.sorted(by: order).map(label).joined(separator: "; ")
    }

    static func order(_ a: String, _ b: String) -> Bool {
        let (pa, ia) = pattern(a), (pb, ib) = pattern(b)
        if ia != ib, ia >= 0, ib >= 0 { return ia < ib }
        return (rank[pa] ?? Int.max, a) < (rank[pb] ?? Int.max, b)
    }

    /// Plain words for codes (codes without an entry are shown as they are).
    static let codes: [String: String] = [
        "female": "Female", "male": "Male", "other": "Other", "unknown": "Unknown",
        "newly-diagnosed": "Newly diagnosed", "responding": "Responding", "stable": "Stable", "progressing": "Progressing",
        "sensitive": "Sensitive", "resistant": "Resistant", "slow": "Slow", "moderate": "Moderate", "rapid": "Rapid",
        "mechanical": "Mechanical (worse on movement or loading)", "occasional": "Occasional, not mechanical", "none": "None",
        "lytic": "Lytic", "mixed": "Mixed lytic/blastic", "blastic": "Blastic",
        "subluxation": "Subluxation or translation", "deformity": "De novo deformity (kyphosis, scoliosis)", "normal": "Normal",
        "over50": "More than 50 % collapse", "under50": "Less than 50 % collapse",
        "noCollapseOver50Involved": "No collapse, more than 50 % of the body involved",
        "bilateral": "Bilateral", "unilateral": "Unilateral",
        "0": "0 — bone only", "1a": "1a — epidural, no dural deformation", "1b": "1b — dural deformation, cord not abutted",
        "1c": "1c — cord abutted, not compressed", "2": "2 — cord compressed, CSF visible", "3": "3 — cord compressed, no CSF",
        "independent": "Walks independently", "withAid": "Walks with an aid", "nonAmbulatory": "Cannot walk",
        "radiculopathy": "Radiculopathy", "myelopathy": "Myelopathy", "caudaEquina": "Cauda equina",
        "chemotherapy": "Chemotherapy", "targeted": "Targeted therapy", "immunotherapy": "Immunotherapy",
        "hormonal": "Hormonal therapy", "bone-modifying": "Bone-modifying agent",
        "strong": "Strong", "limited": "Limited", "some": "Some", "severe": "Severe", "low": "Low", "high": "High (far from the centre)",
        "relieve-pain": "Relieve pain", "maintain-function": "Keep walking and independence", "prolong-life": "Live as long as possible",
        "avoid-surgery": "Avoid surgery", "fewest-visits": "Fewest hospital visits", "stay-home": "Stay at home",
        "thoracic-or-cervical": "Thoracic or cervical pain", "progressive": "Progressive", "unremitting": "Severe, unremitting",
        "strain-aggravated": "Worse on straining", "nocturnal": "At night, preventing sleep",
        "localized-tenderness": "Localised tenderness", "claudication": "Claudication",
        "limb-weakness": "Limb weakness", "numbness": "Numbness or sensory loss", "gait-disturbance": "Difficulty walking",
        "sphincter-dysfunction": "Bladder or bowel problems", "radicular-pain": "Radicular (nerve-root) pain",
        "emergency": "Emergency", "urgent": "Urgent", "routine": "Routine",
    ]

    static func code(_ c: String) -> String { codes[c] ?? c }
}
