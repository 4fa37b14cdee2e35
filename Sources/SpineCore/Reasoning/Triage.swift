// Urgency (reference §13, case-format.md): emergency / urgent / routine, each with its reasons
// and concrete deadlines, on the safe side of NICE NG234.

public enum Triage {
    static let ng234 = "NICE NG234 (2023), Spinal metastases and metastatic spinal cord compression"
    static let qs56 = "NICE QS56 (updated 2023)"
    // Deadline citations, joined once rather than at every assessment.
    static let ng234Dexamethasone = "\(ng234) rec. 1.8; reference §12.5"
    static let ng234Decision = "Reference §11.3 R0; \(ng234)"
    static let ng234Immobilise = "\(ng234); reference §12.7"
    /// The 1-week MRI: its timing from QS56 and CG75, "not plain X-ray" from NG234 (reference §13.2).
    static let qs56Imaging = "\(qs56); NICE CG75 (2008); \(ng234) (plain X-ray)"
    static let dexamethasone = "Dexamethasone 16 mg oral (or parenteral equivalent) as soon as possible, then 16 mg daily until surgery or radiotherapy; PPI cover and glucose monitoring"
    static let dexamethasoneDeclined = "Discuss dexamethasone again: the patient declined it (NICE NG234: 16 mg as soon as possible for suspected MSCC)"
    static let dexamethasoneLymphoma = "\(dexamethasone); if lymphoma is possible, obtain tissue first where it is safe to do so (steroids can obscure the histology)"

    static func text(_ key: NeuroSymptom) -> String {
        switch key {
        case .limbWeakness: "limb weakness"
        case .numbness: "numbness or sensory loss"
        case .gaitDisturbance: "gait disturbance"
        case .sphincterDysfunction: "sphincter (bladder or bowel) dysfunction"
        case .radicularPain: "radicular pain"
        }
    }
    static func text(_ key: NeurologicalDeficit) -> String {
        switch key {
        case .none: "none"
        case .radiculopathy: "radiculopathy"
        case .myelopathy: "myelopathy"
        case .caudaEquina: "cauda equina syndrome"
        }
    }
    static func text(_ key: Ambulation) -> String {
        switch key {
        case .independent: "independent"
        case .withAid: "walks with an aid"
        case .nonAmbulatory: "not ambulatory"
        }
    }
    static func text(_ key: PainFeature) -> String {
        switch key {
        case .thoracicOrCervical: "thoracic or cervical spinal pain"
        case .progressive: "progressive spinal pain"
        case .unremitting: "severe unremitting spinal pain"
        case .mechanical: "mechanical spinal pain"
        case .strainAggravated: "spinal pain aggravated by straining"
        case .nocturnal: "nocturnal spinal pain preventing sleep"
        case .localizedTenderness: "localised spinal tenderness"
        case .claudication: "claudication"
        }
    }

    public static func assess(_ facts: CaseFacts, scores: Scores) -> Urgency {
        let c = facts.c
        // One list with room for every reason: the neurological reasons first, then the urgent
        // ones, which is the order an emergency reports them in.
        var reasons = [String](capacity: c.symptoms.neuroSymptoms.count + c.symptoms.painFeatures.count + 5)
        for s in c.symptoms.neuroSymptoms { reasons.append(phrase("neurological symptom: \(text(s))")) }
        if let d = c.neurology.deficit, d != .none { reasons.append(phrase("neurological deficit recorded: \(text(d))")) }
        if c.neurology.bladderBowelDysfunction == true { reasons.append("bladder or bowel dysfunction") }
        if c.neurology.deficit == nil, let f = facts.frankel, f.grade != .e {
            reasons.append(phrase("\(f.fromAsia ? "ASIA" : "Frankel") \(f.grade.rawValue) recorded: a neurological deficit"))
        }
        if facts.lossOfAmbulationRecorded, let h = c.neurology.hoursSinceLossOfAmbulation {
            reasons.append(phrase("loss of ambulation recorded (\(h) h ago)"))
        }
        // The items of facts.hasNeurologicalSymptomsOrSigns, each with its reason (a grade below E
        // is said only without a recorded deficit, which then says it). The one definition decides;
        // a sign it reads that no reason above names is still said, never dropped.
        let neurological = facts.hasNeurologicalSymptomsOrSigns
        if neurological && reasons.isEmpty { reasons.append("neurological symptoms or signs recorded") }

        // Safe side: any lesion that is unstable or any known high-grade ESCC counts, even if
        // another lesion's data are incomplete.
        let knownSins = scores.sins.knownInstability
        let urgentFrom = reasons.count
        if c.symptoms.newBackPain == true { reasons.append("new back pain in a patient with cancer") }
        for f in c.symptoms.painFeatures { reasons.append(phrase("red-flag pain: \(text(f))")) }
        if let s = knownSins, s.points >= 13 { reasons.append(phrase("imaging shows an unstable spine (\(s) ≥ 13)")) }
        if let g = facts.highestKnownEscc, g.isHighGrade { reasons.append(phrase("imaging shows high-grade epidural compression (ESCC \(g.rawValue))")) }
        let urgent = reasons.count > urgentFrom

        let day0 = facts.assessedOn
        func deadline(_ action: String, hours: Int, citation: String) -> Deadline {
            let within = hours == 0 ? "immediately" : hours < 48 ? phrase("\(hours) hours") : hours % 168 == 0 ? phrase("\(hours / 168) week\(hours == 168 ? "" : "s")") : phrase("\(hours / 24) days")
            return Deadline(action: action, within: within, withinHours: hours,
                            dueBy: day0.adding(days: (hours + 23) / 24).description, citation: citation)
        }

        if neurological {
            var deadlines = [Deadline](capacity: 5)
            deadlines.append(deadline("Contact the MSCC coordinator (oncological emergency)", hours: 0, citation: ng234))
            // Steroids before a biopsy can hide lymphoma (reference §12.5): said where it is possible.
            // A patient who declined steroids is asked again, not given them: the deadline says so.
            let declined = c.preferences.declines.contains(.dexamethasone)
            deadlines.append(deadline(declined ? dexamethasoneDeclined : facts.histology.lymphomaPossible ? dexamethasoneLymphoma : dexamethasone, hours: 0,
                                      citation: ng234Dexamethasone))
            let unstable = (knownSins?.points ?? 0) >= 7 || c.spine.lesions.contains { $0.pain == .mechanical }
            if unstable {
                // NG234 (reference §12.7): immobilise without delay; expert advice within 24 h, to
                // keep the immobilisation as short as possible. Two deadlines, two owners.
                deadlines.append(deadline("Immobilise (suspected spinal instability: mechanical pain or SINS ≥ 7)", hours: 0,
                                          citation: ng234Immobilise))
                deadlines.append(deadline("Expert spinal advice on the suspected instability, to keep the immobilisation as short as possible", hours: 24,
                                          citation: ng234Immobilise))
            }
            deadlines.append(deadline("Whole-spine MRI as soon as possible (sagittal T1/STIR and T2, axial through abnormalities; CT if MRI is contraindicated; plain X-ray cannot rule out MSCC)", hours: 24, citation: ng234))
            deadlines.append(deadline("Definitive surgical or radiotherapy decision", hours: 24, citation: ng234Decision))
            return Urgency(level: .emergency, reasons: reasons, deadlines: deadlines,
                           safetyNet: "Treat as metastatic spinal cord compression until proven otherwise.",
                           citation: ng234)
        }
        if urgent {
            // No neurological reason here: the list holds the urgent reasons only.
            return Urgency(
                level: .urgent, reasons: reasons,
                deadlines: [
                    deadline("Seek advice through the MSCC coordinator", hours: 24, citation: ng234),
                    deadline("Whole-spine MRI (if not already done; plain X-ray cannot rule out spinal metastases) and a definitive treatment plan", hours: 168,
                             citation: qs56Imaging),
                ],
                safetyNet: "Escalate to emergency at once if any neurological symptom appears: limb weakness, numbness, difficulty walking, bladder or bowel dysfunction, radicular pain.",
                citation: ng234)
        }
        // Mechanical pain scored for SINS is not a recorded red flag (case-format.md), but NG234
        // counts new mechanical pain as one: the reason says so rather than "no red-flag pain".
        let mechanical = c.spine.lesions.lazy.filter { $0.pain == .mechanical }.map(\.name)
        return Urgency(
            level: .routine,
            reasons: [mechanical.isEmpty ? "no neurological symptoms or signs, no red-flag spinal pain, no unstable spine or high-grade compression recorded"
                      : phrase("no neurological symptoms or signs, no red-flag pain feature (symptoms.painFeatures), no unstable spine or high-grade compression recorded; mechanical pain is scored at \(joined: mechanical, separator: ", "): if it is new, NG234 counts it as a red flag — record it and re-triage")],
            deadlines: [],
            safetyNet: "Re-triage at once for new back pain or any neurological symptom (urgent within 24 h; emergency with neurological symptoms).",
            citation: ng234)
    }
}
