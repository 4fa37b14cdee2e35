// The tasks a case gives the team: from its urgency (the NICE NG234 / QS56 deadlines, which are
// the "urgency clock") and from the team's decision (what has to be booked for each chosen option).
// Pure: the server stores what this returns and tracks completion.

/// One thing somebody in the team has to do by a deadline.
public struct CareTaskPlan: Sendable, Equatable {
    /// Stable code: `clock.*` for urgency deadlines, `decision.*` for the decision's follow-through.
    public var code: String
    public var title: String
    /// The role the task is assigned to (a role code of DESIGN.md).
    public var role: String
    /// Hours from the start of the clock (the red flag) or from the decision.
    public var dueInHours: Int
    /// True for urgency-clock deadlines, whose compliance is reported.
    public var isClock: Bool
    public var source: String

    public init(code: String, title: String, role: String, dueInHours: Int, isClock: Bool, source: String) {
        self.code = code
        self.title = title
        self.role = role
        self.dueInHours = dueInHours
        self.isClock = isClock
        self.source = source
    }
}

public enum CareTaskPlanner {
    /// "Immediately" (0 h in NG234) is tracked as due within the first hour: SpineBoard's
    /// operational reading, so that a deadline can be met at all; the task title says "Immediately".
    public static let immediateGraceHours = 1

    /// Service defaults for the follow-through of a decision. These are not clinical rules from the
    /// reference: they are SpineBoard's defaults for booking, scaled to the case's urgency
    /// (emergency: within 24 h, as the NG234 surgical/RT decision; urgent: within 1 week, as QS56's
    /// treatment plan; routine: 2 weeks).
    public static func decisionHours(for level: UrgencyLevel) -> Int {
        switch level {
        case .emergency: 24
        case .urgent: 168
        case .routine: 336
        }
    }

    public static let serviceDefaultSource = "SpineBoard service default (booking deadline by urgency; not a clinical rule)"

    /// The urgency deadlines as clock tasks, each assigned to the role that owns it.
    public static func clockTasks(_ urgency: Urgency) -> [CareTaskPlan] {
        urgency.deadlines.map { d in
            let (code, role) = classify(d.action)
            return CareTaskPlan(code: code, title: d.withinHours == 0 ? "Immediately: " + d.action : d.action, role: role,
                                dueInHours: d.withinHours == 0 ? immediateGraceHours : d.withinHours,
                                isClock: true, source: d.citation)
        }
    }

    /// Which clock deadline an NG234 action is, and who owns it.
    static func classify(_ action: String) -> (code: String, role: String) {
        if action.contains("MSCC coordinator") { return ("clock.coordinator-contact", "nurse-navigator") }
        if action.hasPrefix("Dexamethasone") || action == Triage.dexamethasoneDeclined { return ("clock.dexamethasone", "referring-clinician") }
        if action.hasPrefix("Immobilise") { return ("clock.immobilisation", "referring-clinician") }
        if action.hasPrefix("Expert spinal advice") { return ("clock.spinal-advice", "spine-surgeon") }
        if action.hasPrefix("Whole-spine MRI") && action.contains("treatment plan") { return ("clock.mri-and-plan", "diagnostic-radiologist") }
        if action.hasPrefix("Whole-spine MRI") { return ("clock.mri", "diagnostic-radiologist") }
        if action.hasPrefix("Definitive") { return ("clock.definitive-decision", "nurse-navigator") }
        return ("clock.other", "nurse-navigator")
    }

    /// The follow-through of a decision: one task per service the chosen options need, plus the
    /// systemic-therapy review (the primary cancer's treatment takes precedence and must be timed
    /// around the spinal treatment) and social work when finances or family support call for it.
    public static func decisionTasks(options: [TreatmentOption], urgency: UrgencyLevel,
                                     social: Social?) -> [CareTaskPlan] {
        let hours = decisionHours(for: urgency)
        var tasks: [CareTaskPlan] = []
        func add(_ code: String, _ title: String, _ role: String, hours h: Int = hours, source: String = serviceDefaultSource) {
            guard !tasks.contains(where: { $0.code == code }) else { return }
            tasks.append(CareTaskPlan(code: code, title: title, role: role, dueInHours: h, isClock: false, source: source))
        }
        // One planning task for radiotherapy, naming each modality the decision chose.
        let modalities = [(TreatmentOption.cebrt, "conventional external-beam RT"), (.sbrt, "SBRT")].filter { options.contains($0.0) }.map(\.1)
        for option in options {
            switch option {
            case .cebrt, .sbrt:
                add("decision.rt-simulation", "Radiotherapy simulation and planning (\(modalities.joined(separator: " or ")))",
                    "radiation-oncologist")
            case .separationSurgery, .decompressionStabilization, .stabilization, .enBlocResection:
                add("decision.surgery-booking", "Book surgery: theatre slot, anaesthetic assessment, consent", "spine-surgeon")
            case .cementAugmentation:
                add("decision.cement-augmentation", "Book cement augmentation (vertebroplasty/kyphoplasty)", "interventional-radiologist")
            case .embolization:
                // Reference §12.4 (embolisation): typically within ~24–72 h before surgery.
                add("decision.embolization", "Pre-operative embolisation, 24–72 h before surgery", "interventional-radiologist",
                    source: "Reference §12.4, pre-operative embolisation (hypervascular tumours)")
            case .systemicTherapy, .boneModifyingAgent:
                break // covered by the systemic-therapy review below
            case .dexamethasone:
                add("decision.dexamethasone", "Dexamethasone: prescribe, with PPI cover and glucose monitoring; plan the taper", "referring-clinician")
            case .bracing:
                add("decision.bracing", "Brace fitting and instructions", "physiatrist")
            case .analgesia:
                add("decision.analgesia", "Analgesia plan", "referring-clinician")
            case .rehabilitation:
                add("decision.rehabilitation", "Rehabilitation plan and discharge planning", "physiatrist")
            case .palliativeCare:
                add("decision.palliative-care", "Palliative care consultation", "palliative-care")
            }
        }
        let boneAgent = options.contains(.boneModifyingAgent) ? "; start the bone-modifying agent (renal function, calcium, dental review)" : ""
        add("decision.systemic-review", "Systemic therapy review: timing around the spinal treatment\(boneAgent)", "medical-oncologist")
        if let social {
            var needs: [String] = []
            if let f = social.financialConstraints, f != .none { needs.append("financial constraints (\(f.rawValue))") }
            if let s = social.familySupport, s != .strong { needs.append("\(s == .none ? "no" : "limited") family support") }
            if social.travelBurden == .high { needs.append("high travel burden") }
            if !needs.isEmpty {
                add("decision.social-work", "Social work referral: \(needs.joined(separator: ", ")); transport and discharge planning",
                    "nurse-navigator")
            }
        }
        return tasks
    }
}

extension TreatmentOption {
    /// Supportive measures that accompany a definitive treatment rather than replace it
    /// (dexamethasone before RT or surgery, analgesia, a brace, a bone-modifying agent). A board
    /// decision's main option is compared with the top-ranked option that is not one of these.
    public var isAdjunct: Bool {
        switch self {
        case .dexamethasone, .analgesia, .bracing, .boneModifyingAgent: true
        default: false
        }
    }
}
