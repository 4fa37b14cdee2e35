// Urgency (reference §13, case-format.md): emergency / urgent / routine, each with its reasons
// and concrete deadlines, on the safe side of NICE NG234.

public enum Triage {
    static let ng234 = "NICE NG234 (2023), Spinal metastases and metastatic spinal cord compression"
    static let qs56 = "NICE QS56 (updated 2023)"
    // Deadline citations, joined once rather than at every assessment.
    static let ng234Dexamethasone = "\(ng234) rec. 1.8; reference §12.5"
    static let ng234Decision = "Reference §11.3 R0; \(ng234)"
    static let ng234Immobilise = "\(ng234); reference §12.7"
    static let qs56Imaging = "\(qs56); NICE CG75 (2008)"

    static func text(_ key: NeuroSymptom) -> String {
        switch key {
        case .limbWeakness: "limb weakness"
        case .numbness: "numbness or sensory loss"
        case .gaitDisturbance: "gait disturbance"
        case .sphincterDysfunction: "sphincter (bladder or bowel) dysfunction"
        case .radicularPain: "radicular pain"
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
        var neuroReasons: [String] = c.symptoms.neuroSymptoms.map { phrase("neurological symptom: \(text($0))") }
        if let d = c.neurology.deficit, d != .none { neuroReasons.append(phrase("neurological deficit recorded: \(d.rawValue)")) }
        if c.neurology.bladderBowelDysfunction == true { neuroReasons.append("bladder or bowel dysfunction") }
        if c.neurology.deficit == nil, let f = facts.frankel, f.grade != .e {
            neuroReasons.append(phrase("\(f.fromAsia ? "ASIA" : "Frankel") \(f.grade.rawValue) recorded: a neurological deficit"))
        }

        // Safe side: any lesion that is unstable or any known high-grade ESCC counts, even if
        // another lesion's data are incomplete.
        let maxKnownSins = (scores.sins.perLesion ?? [scores.sins]).compactMap(\.total).max()
        var urgentReasons: [String] = []
        if c.symptoms.newBackPain == true { urgentReasons.append("new back pain in a patient with cancer") }
        urgentReasons += c.symptoms.painFeatures.map { phrase("red-flag pain: \(text($0))") }
        if let s = maxKnownSins, s >= 13 { urgentReasons.append(phrase("imaging shows an unstable spine (SINS \(s) ≥ 13)")) }
        if let g = facts.highestKnownEscc, g.isHighGrade { urgentReasons.append(phrase("imaging shows high-grade epidural compression (ESCC \(g.rawValue))")) }

        let day0 = facts.assessedOn
        func deadline(_ action: String, hours: Int, citation: String) -> Deadline {
            let within = hours == 0 ? "immediately" : hours < 48 ? phrase("\(hours) hours") : hours % 168 == 0 ? phrase("\(hours / 168) week\(hours == 168 ? "" : "s")") : phrase("\(hours / 24) days")
            return Deadline(action: action, within: within, withinHours: hours,
                            dueBy: day0.adding(days: (hours + 23) / 24).description, citation: citation)
        }

        if !neuroReasons.isEmpty {
            var deadlines = [
                deadline("Contact the MSCC coordinator (oncological emergency)", hours: 0, citation: ng234),
                deadline("Dexamethasone 16 mg oral (or parenteral equivalent) as soon as possible, then 16 mg daily until surgery or radiotherapy; PPI cover and glucose monitoring", hours: 0,
                         citation: ng234Dexamethasone),
                deadline("Whole-spine MRI (sagittal T1/STIR and T2, axial through abnormalities; CT if MRI is contraindicated)", hours: 24, citation: ng234),
                deadline("Definitive surgical or radiotherapy decision", hours: 24, citation: ng234Decision),
            ]
            let unstable = (maxKnownSins ?? 0) >= 7 || c.spine.lesions.contains { $0.pain == .mechanical }
            if unstable {
                deadlines.insert(deadline("Immobilise (suspected spinal instability: mechanical pain or SINS ≥ 7) and seek expert spinal advice", hours: 0,
                                          citation: ng234Immobilise), at: 2)
            }
            return Urgency(level: .emergency, reasons: neuroReasons + urgentReasons, deadlines: deadlines,
                           safetyNet: "Treat as metastatic spinal cord compression until proven otherwise.",
                           citation: ng234)
        }
        if !urgentReasons.isEmpty {
            return Urgency(
                level: .urgent, reasons: urgentReasons,
                deadlines: [
                    deadline("Seek advice through the MSCC coordinator", hours: 24, citation: ng234),
                    deadline("Whole-spine MRI (if not already done) and a definitive treatment plan", hours: 168,
                             citation: qs56Imaging),
                ],
                safetyNet: "Escalate to emergency at once if any neurological symptom appears: limb weakness, numbness, difficulty walking, bladder or bowel dysfunction, radicular pain.",
                citation: ng234)
        }
        return Urgency(
            level: .routine, reasons: ["no neurological symptoms or signs, no red-flag spinal pain, no unstable spine or high-grade compression recorded"],
            deadlines: [],
            safetyNet: "Re-triage at once for new back pain or any neurological symptom (urgent within 24 h; emergency with neurological symptoms).",
            citation: ng234)
    }
}
