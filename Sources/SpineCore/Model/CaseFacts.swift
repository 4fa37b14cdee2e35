// Facts derived once from a case and shared by every instrument and rule, so that each reading
// convention of case-format.md ("solitary", the case's ESCC, the interval…) lives in one place.

// A class: the facts are handed to every instrument and kept by the clinical reasoning, and a copy
// of the struct retained and released every member of the case it holds.
public final class CaseFacts: Sendable {
    public let c: Case
    /// Where this assessment's explanation texts are written (see Text).
    let arena = TextArena()
    public let histology: HistologyEntry
    /// The date intervals are computed to.
    public let assessedOn: CalendarDate
    /// Number of involved vertebrae (Tokuhashi "metastases in the vertebral body").
    public let involvedCount: Int
    /// Exactly one involved vertebra and no extraspinal focus (Tomita, Bauer); nil if unknown.
    public let solitary: Bool?
    /// The most severe ESCC across lesions, and the lesion carrying it; nil grade if any is missing.
    public let escc: EpiduralCompressionGrade?
    public let esccLesionIndex: Int?
    /// The most severe ESCC among the lesions that record one (for safe-side triage).
    public let highestKnownEscc: EpiduralCompressionGrade?
    /// The lesion with `highestKnownEscc` (see `readFirst` for ties).
    public let highestKnownEsccIndex: Int?
    public let visceralPresent: Bool?
    /// Months from primary diagnosis to spinal metastasis: given, else derived; nil if unknown.
    public let intervalMonths: Int?
    public let intervalDerived: Bool
    /// Days beyond `intervalMonths` when the interval was derived from dates (0 otherwise), so
    /// that 15 months and 19 days counts as more than 15 months (Rades).
    public let intervalExtraDays: Int

    public init(_ c: Case, today: CalendarDate) {
        self.c = c
        histology = c.primaryTumor.entry
        assessedOn = c.assessedOn ?? today
        involvedCount = c.spine.involvedLevels.count
        if involvedCount > 1 {
            solitary = false
        } else if let extra = c.otherMetastases.extraspinalBoneCount {
            solitary = extra == 0
        } else {
            solitary = nil
        }
        var worst: EpiduralCompressionGrade?
        var worstIndex: Int?
        var allKnown = true
        let lesions = c.spine.lesions
        for (i, lesion) in lesions.enumerated() {
            guard let g = lesion.escc else { allKnown = false; continue }
            // On a tie, the lesion whose compression is bone (R3 reads it), then the most cranial:
            // never the order the lesions were entered in.
            if worst == nil || g > worst! || (g == worst! && Self.readFirst(lesion, before: lesions[worstIndex!])) {
                worst = g
                worstIndex = i
            }
        }
        highestKnownEscc = worst
        highestKnownEsccIndex = worstIndex
        escc = allKnown ? worst : nil
        esccLesionIndex = allKnown ? worstIndex : nil
        visceralPresent = c.otherMetastases.visceral.present
        if let m = c.primaryTumor.monthsFromDiagnosisToSpinalMetastasis {
            intervalMonths = m
            intervalDerived = false
            intervalExtraDays = 0
        } else if let d = c.primaryTumor.diagnosedOn {
            (intervalMonths, intervalExtraDays) = d.monthsAndDays(until: c.assessedOn ?? today)
            intervalDerived = true
        } else {
            intervalMonths = nil
            intervalDerived = false
            intervalExtraDays = 0
        }
    }

    /// Frankel grade, or the ASIA grade read as Frankel (flagged by the caller).
    public var frankel: (grade: NeurologicalGrade, fromAsia: Bool)? {
        if let f = c.neurology.frankel { return (f, false) }
        if let a = c.neurology.asia { return (a, true) }
        return nil
    }

    /// A neurological deficit rather than a sensory symptom: a recorded deficit, Frankel/ASIA
    /// below E, bladder or bowel dysfunction, or weakness, gait or sphincter symptoms. Cement
    /// augmentation alone is for fractures "without neurological deficit" (reference §12.4).
    public var hasNeurologicalDeficit: Bool {
        (c.neurology.deficit.map { $0 != .none } ?? false)
            || (frankel.map { $0.grade != .e } ?? false)
            || c.neurology.bladderBowelDysfunction == true
            || lossOfAmbulationRecorded
            || c.symptoms.neuroSymptoms.contains { $0 == .limbWeakness || $0 == .gaitDisturbance || $0 == .sphincterDysfunction }
    }

    /// A motor or sensory deficit, bladder/bowel dysfunction or neurological symptoms recorded.
    /// A Frankel/ASIA grade below E is a recorded neurological sign too (reference §13), even
    /// when `deficit` was not filled in, and so is a recorded loss of walking: the safe side of
    /// NICE NG234. Triage, Patchell and the rules read this one definition.
    public var hasNeurologicalSymptomsOrSigns: Bool {
        !c.symptoms.neuroSymptoms.isEmpty
            || (c.neurology.deficit.map { $0 != .none } ?? false)
            || c.neurology.bladderBowelDysfunction == true
            || (frankel.map { $0.grade != .e } ?? false)
            || lossOfAmbulationRecorded
    }

    /// Non-ambulatory with the hours since walking was lost recorded: "difficulty in walking"
    /// (NICE NG234), a neurological sign whatever else is recorded.
    public var lossOfAmbulationRecorded: Bool {
        c.neurology.ambulation == .nonAmbulatory && c.neurology.hoursSinceLossOfAmbulation != nil
    }

    /// Of two lesions with the same grade, the one the rules read: bony retropulsion first, then
    /// the most cranial.
    static func readFirst(_ a: SpinalLesion, before b: SpinalLesion) -> Bool {
        let ra = a.bonyRetropulsion == true, rb = b.bonyRetropulsion == true
        if ra != rb { return ra }
        return a.starts(above: b)
    }
}
