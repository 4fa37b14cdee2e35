// The case document v1 (shared/clinical/case-format.md) as Swift values. A `Case` only exists
// after `CaseDocument.decode` has validated every field; optional fields stay optional so a
// missing input is never mistaken for a zero.

public struct Case: Sendable, Equatable, Encodable {
    public var schemaVersion: Int = 1
    public var patient: Patient
    /// Intervals are computed to this date; the caller supplies today when it is absent.
    public var assessedOn: CalendarDate?
    public var primaryTumor: PrimaryTumor
    public var spine: Spine
    public var otherMetastases: OtherMetastases = .init()
    public var neurology: Neurology = .init()
    public var performance: Performance = .init()
    public var labs: Labs = .init()
    public var systemic: Systemic = .init()
    public var comorbidities: [Comorbidity] = []
    public var social: Social = .init()
    public var preferences: Preferences = .init()
    public var symptoms: Symptoms = .init()

    public init(patient: Patient, primaryTumor: PrimaryTumor, spine: Spine) {
        self.patient = patient
        self.primaryTumor = primaryTumor
        self.spine = spine
    }
}

/// Identifying data: protected health information. Never logged.
public struct Patient: Sendable, Equatable, Encodable {
    public var id: String
    public var name: String?
    public var birthDate: CalendarDate?
    public var sex: Sex?
    public init(id: String) { self.id = id }
}

public struct PrimaryTumor: Sendable, Equatable, Encodable {
    /// A code from the histology catalogue (validated).
    public var histology: String
    public var detail: String?
    public var diagnosedOn: CalendarDate?
    public var monthsFromDiagnosisToSpinalMetastasis: Int?
    public var radiosensitivity: Radiosensitivity?
    public var tomitaGrowth: TomitaGrowth?
    public var status: TumorStatus?
    public init(histology: String) { self.histology = histology }

    /// The catalogue row; a code that did not come through validation reads as "other" rather
    /// than trapping (CaseDocument rejects unknown codes, so this only guards library callers).
    public var entry: HistologyEntry { HistologyCatalogue.entry(histology) ?? HistologyCatalogue.entry("other")! }
}

public struct Spine: Sendable, Equatable, Encodable {
    /// Every vertebra with metastasis, without duplicates.
    public var involvedLevels: [VertebralLevel]
    /// The lesions characterised for treatment (at least one).
    public var lesions: [SpinalLesion]
    public init(involvedLevels: [VertebralLevel], lesions: [SpinalLesion]) {
        self.involvedLevels = involvedLevels
        self.lesions = lesions
    }
}

public struct SpinalLesion: Sendable, Equatable, Encodable {
    public var levels: [VertebralLevel]
    public var pain: LesionPain?
    public var boneLesion: BoneLesionType?
    public var alignment: SpinalAlignment?
    public var collapse: VertebralCollapse?
    public var posterolateral: PosterolateralInvolvement?
    public var escc: EpiduralCompressionGrade?
    public var bonyRetropulsion: Bool?
    public var priorRadiation: PriorRadiation?
    public init(levels: [VertebralLevel]) { self.levels = levels }

    /// Display name of the lesion, e.g. `T11–T12`.
    public var name: String { VertebralLevel.describe(levels) }
    /// Painful pathological vertebral compression fracture (cement augmentation indication).
    public var isPainfulFracture: Bool {
        pain == .mechanical && (collapse == .over50 || collapse == .under50)
    }

    /// True when this lesion starts above `other` (the rules' order-independent tie-break).
    public func starts(above other: SpinalLesion) -> Bool {
        (levels.min()?.rawValue ?? 0) < (other.levels.min()?.rawValue ?? 0)
    }

    /// True when the two lesions share a level or lie next to each other.
    public func adjoins(_ other: SpinalLesion) -> Bool {
        levels.contains { x in other.levels.contains { y in abs(x.rawValue - y.rawValue) <= 1 } }
    }
}

public struct PriorRadiation: Sendable, Equatable, Encodable {
    public var doseGy: Double
    public var fractions: Int
    public var on: CalendarDate?
    public init(doseGy: Double, fractions: Int, on: CalendarDate? = nil) {
        self.doseGy = doseGy
        self.fractions = fractions
        self.on = on
    }

    /// The dose as written in a regimen: "8", "20", "7.5".
    public static func doseText(_ gy: Double) -> String { gy.rounded() == gy ? String(Int(gy)) : String(gy) }

    /// Equivalent dose in 2-Gy fractions for late-responding tissue (linear-quadratic model,
    /// α/β = 2 Gy for spinal cord): EQD2 = D × (d + α/β) / (2 + α/β).
    public var eqd2CordAlphaBeta2: Double {
        // The decoder requires 1–50 fractions; a course built in Swift with 0 is read as a single
        // fraction rather than dividing by zero (an infinite or NaN dose would reach the output).
        let perFraction = doseGy / Double(max(fractions, 1))
        return doseGy * (perFraction + 2) / 4
    }
}

public struct OtherMetastases: Sendable, Equatable, Encodable {
    public var extraspinalBoneCount: Int?
    public var visceral: Visceral = .init()
    public init() {}
}

public struct Visceral: Sendable, Equatable, Encodable {
    public var present: Bool?
    public var sites: [VisceralSite] = []
    /// Tokuhashi "removable" (surgically); required when present.
    public var surgicallyRemovable: Bool?
    /// Tomita "treatable" (any therapy); required when present.
    public var treatable: Bool?
    public init() {}
}

public struct Neurology: Sendable, Equatable, Encodable {
    public var frankel: NeurologicalGrade?
    public var asia: NeurologicalGrade?
    public var ambulation: Ambulation?
    public var deficit: NeurologicalDeficit?
    public var motorDeficitDays: Int?
    public var hoursSinceLossOfAmbulation: Int?
    public var bladderBowelDysfunction: Bool?
    public init() {}
}

public struct Performance: Sendable, Equatable, Encodable {
    /// Karnofsky 0–100 in tens.
    public var karnofsky: Int?
    /// ECOG 0–5.
    public var ecog: Int?
    public init() {}
}

public struct Labs: Sendable, Equatable, Encodable {
    public var albumin: Albumin?
    public init() {}
}

public struct Albumin: Sendable, Equatable, Encodable {
    public var value: Double
    public var unit: AlbuminUnit
    public init(value: Double, unit: AlbuminUnit) {
        self.value = value
        self.unit = unit
    }
    /// In g/dL (3.5 g/dL = 35 g/L).
    public var gramsPerDecilitre: Double { unit == .gramsPerDecilitre ? value : value / 10 }
}

public struct Systemic: Sendable, Equatable, Encodable {
    public var currentTreatment: [SystemicTreatment] = []
    public var effectiveOptionsRemaining: Bool?
    public var medicallyOperable: Bool?
    public var clinicianSurvivalEstimateMonths: Int?
    public init() {}

    /// On an active anticancer treatment other than bone-modifying agents.
    public var onActiveAnticancerTherapy: Bool {
        currentTreatment.contains { $0 != .none && $0 != .boneModifying }
    }
}

public struct Social: Sendable, Equatable, Encodable {
    public var familySupport: FamilySupport?
    public var financialConstraints: FinancialConstraints?
    public var travelBurden: TravelBurden?
    public init() {}
}

public struct Preferences: Sendable, Equatable, Encodable {
    public var priorities: [PatientPriority] = []
    public var declines: [TreatmentOption] = []
    public var notes: String?
    public init() {}
}

public struct Symptoms: Sendable, Equatable, Encodable {
    public var newBackPain: Bool?
    public var painFeatures: [PainFeature] = []
    public var neuroSymptoms: [NeuroSymptom] = []
    public var painScore: Int?
    public init() {}
}
