// The coded vocabularies of the case document (case-format.md): each enum's raw values are the
// exact codes the document accepts, so decoding, validation messages and output share one list.

/// A closed vocabulary of string codes.
public protocol CodedValue: RawRepresentable<String>, CaseIterable, Sendable, Hashable, Codable {}

extension CodedValue {
    /// The allowed codes, for error messages: `a | b | c`.
    public static var allowedCodes: String { allCases.map(\.rawValue).joined(separator: " | ") }
}

public enum Sex: String, CodedValue { case female, male, other, unknown }

public enum TumorStatus: String, CodedValue {
    case newlyDiagnosed = "newly-diagnosed", responding, stable, progressing, unknown
}

/// NOMS oncologic arm: expected response to conventional external-beam RT.
public enum Radiosensitivity: String, CodedValue { case sensitive, resistant }

/// Tomita 2001 primary-tumour growth class.
public enum TomitaGrowth: String, CodedValue { case slow, moderate, rapid }

/// SINS pain item (Fisher 2010).
public enum LesionPain: String, CodedValue { case mechanical, occasional, none }
/// SINS bone-lesion item.
public enum BoneLesionType: String, CodedValue { case lytic, mixed, blastic }
/// SINS radiographic-alignment item.
public enum SpinalAlignment: String, CodedValue { case subluxation, deformity, normal }
/// SINS vertebral-body-collapse item.
public enum VertebralCollapse: String, CodedValue { case over50, under50, noCollapseOver50Involved, none }
/// SINS posterolateral-involvement item.
public enum PosterolateralInvolvement: String, CodedValue { case bilateral, unilateral, none }

/// Bilsky epidural spinal cord compression grade (ESCC), ordered by severity.
public enum EpiduralCompressionGrade: String, CodedValue, Comparable {
    case g0 = "0", g1a = "1a", g1b = "1b", g1c = "1c", g2 = "2", g3 = "3"

    var severity: Int {
        switch self { case .g0: 0; case .g1a: 1; case .g1b: 2; case .g1c: 3; case .g2: 4; case .g3: 5 }
    }
    public static func < (a: Self, b: Self) -> Bool { a.severity < b.severity }
    /// Grades 2–3 compress the cord (Bilsky 2010).
    public var isHighGrade: Bool { self == .g2 || self == .g3 }
    /// 1c abuts the cord without compressing it: the NOMS grey zone (SpineBoard decision 1).
    public var isGreyZone: Bool { self == .g1c }
}

public enum VisceralSite: String, CodedValue {
    case lung, liver, brain, kidney, adrenal, other
    /// Tokuhashi 2005 "major internal organs": lung, liver, kidney, brain (case-format.md).
    public var isTokuhashiMajorOrgan: Bool { self == .lung || self == .liver || self == .kidney || self == .brain }
}

/// Frankel grade (Frankel 1969) and ASIA Impairment Scale share letters A–E.
public enum NeurologicalGrade: String, CodedValue, Comparable {
    case a = "A", b = "B", c = "C", d = "D", e = "E"
    public static func < (l: Self, r: Self) -> Bool { l.rawValue < r.rawValue }
}

public enum Ambulation: String, CodedValue { case independent, withAid, nonAmbulatory }

public enum NeurologicalDeficit: String, CodedValue { case none, radiculopathy, myelopathy, caudaEquina }

public enum AlbuminUnit: String, CodedValue {
    case gramsPerDecilitre = "g/dL", gramsPerLitre = "g/L"
}

public enum SystemicTreatment: String, CodedValue {
    case none, chemotherapy, targeted, immunotherapy, hormonal
    case boneModifying = "bone-modifying"

    /// The therapy in words ("on hormonal therapy", not "on hormonal").
    public var name: String {
        switch self {
        case .none: "none"
        case .chemotherapy: "chemotherapy"
        case .targeted: "targeted therapy"
        case .immunotherapy: "immunotherapy"
        case .hormonal: "hormonal therapy"
        case .boneModifying: "bone-modifying agent"
        }
    }
}

public enum Comorbidity: String, CodedValue {
    case anemia, diabetes, hypertension, cardiac, pulmonary, renal, hepatic, coagulopathy, obesity, osteoporosis, other
}

public enum FamilySupport: String, CodedValue { case strong, limited, none }
public enum FinancialConstraints: String, CodedValue { case none, some, severe }
public enum TravelBurden: String, CodedValue { case low, high }

public enum PatientPriority: String, CodedValue {
    case relievePain = "relieve-pain", maintainFunction = "maintain-function", prolongLife = "prolong-life"
    case avoidSurgery = "avoid-surgery", fewestVisits = "fewest-visits", stayHome = "stay-home"
}

public enum PainFeature: String, CodedValue {
    case thoracicOrCervical = "thoracic-or-cervical", progressive, unremitting, mechanical
    case strainAggravated = "strain-aggravated", nocturnal, localizedTenderness = "localized-tenderness", claudication
}

public enum NeuroSymptom: String, CodedValue {
    case limbWeakness = "limb-weakness", numbness, gaitDisturbance = "gait-disturbance"
    case sphincterDysfunction = "sphincter-dysfunction", radicularPain = "radicular-pain"
}

/// Treatment option codes (case-format.md); also the codes a patient may decline.
public enum TreatmentOption: String, CodedValue {
    case cebrt, sbrt
    case separationSurgery = "separation-surgery"
    case decompressionStabilization = "decompression-stabilization"
    case stabilization
    case cementAugmentation = "cement-augmentation"
    case enBlocResection = "en-bloc-resection"
    case systemicTherapy = "systemic-therapy"
    case dexamethasone, embolization, bracing
    case boneModifyingAgent = "bone-modifying-agent"
    case analgesia, rehabilitation
    case palliativeCare = "palliative-care"

    /// Open operations: the ones the NOMS systemic gate and "avoid-surgery" act on.
    public var isOpenSurgery: Bool {
        switch self {
        case .separationSurgery, .decompressionStabilization, .stabilization, .enBlocResection: true
        default: false
        }
    }
    public var isRadiotherapy: Bool { self == .cebrt || self == .sbrt }
    /// Local treatments of the spine: radiotherapy, operations and cement augmentation (not the
    /// embolisation that only prepares an operation, nor the orthosis that replaces one).
    public var isLocalTreatment: Bool { isOpenSurgery || isRadiotherapy || self == .cementAugmentation }
}

/// The four treatment goals of the brief.
public enum TreatmentGoal: String, CodedValue {
    case painRelief = "pain-relief"
    case neurologicalFunction = "neurological-function"
    case supportCancerTreatment = "support-cancer-treatment"
    case tumorControl = "tumor-control"

    /// The goal in words, for reports a clinician reads (the brief's four aims of treatment).
    public var words: String {
        switch self {
        case .painRelief: "pain relief"
        case .neurologicalFunction: "neurological function"
        case .supportCancerTreatment: "supporting the cancer treatment"
        case .tumorControl: "tumour control"
        }
    }
}

/// Referral codes by team role (case-format.md).
public enum Referral: String, CodedValue {
    case spineSurgery = "spine-surgery", radiationOncology = "radiation-oncology", medicalOncology = "medical-oncology"
    case diagnosticRadiology = "diagnostic-radiology", interventionalRadiology = "interventional-radiology"
    case physiatry, palliativeCare = "palliative-care", socialWork = "social-work"
}
