// The spine over time: per vertebral level, every radiotherapy course recorded (in a case version's
// `priorRadiation` or as a course delivered and recorded in SpineBoard), with the cumulative
// physical dose and the cumulative EQD2 for the spinal cord (linear-quadratic model, α/β = 2 Gy).
// The EQD2 is of the prescription, not the cord dose of a plan: a planning system gives that.

/// One radiotherapy course to one or more levels.
public struct RadiationCourse: Sendable, Equatable {
    public var levels: [VertebralLevel]
    public var doseGy: Double
    public var fractions: Int
    public var on: CalendarDate?
    /// Where it was recorded, e.g. "case version 2" or "delivered (recorded 2026-11-27)".
    public var source: String

    public init(levels: [VertebralLevel], doseGy: Double, fractions: Int, on: CalendarDate?, source: String) {
        self.levels = levels
        self.doseGy = doseGy
        self.fractions = fractions
        self.on = on
        self.source = source
    }

    /// EQD2 = D × (d + α/β) / (2 + α/β), α/β = 2 Gy (spinal cord, late effects).
    public var eqd2CordAlphaBeta2: Double {
        PriorRadiation(doseGy: doseGy, fractions: fractions, on: on).eqd2CordAlphaBeta2
    }
}

/// One level's radiation record.
public struct LevelDose: Sendable, Equatable {
    public var level: VertebralLevel
    public var courses: [RadiationCourse]
    public var cumulativeDoseGy: Double
    public var cumulativeEQD2Gy: Double
    /// Undated courses of the same dose and fractions recorded more than once, counted once: a
    /// copy (a case version carries the previous one's prior radiation) or a second course, which
    /// the records cannot tell apart. Said, not assumed silently.
    public var notes: [String] = []
}

public enum SpineHistory {
    /// α/β = 2 Gy is the conventional value for late spinal-cord effects; the reference gives
    /// none, so the statement names the model and its limits wherever a figure is shown.
    public static let eqd2Statement = "EQD2 of the prescribed dose, linear-quadratic model with α/β = 2 Gy (spinal cord); not the cord dose of a plan, and less reliable at the high doses per fraction of SBRT"

    /// Cumulative dose per level. The same course seen twice (the same levels' dose, fractions and
    /// date, e.g. in two case versions, or recorded as delivered and then copied into the case) counts once.
    public static func doses(_ courses: [RadiationCourse]) -> [LevelDose] {
        // Each level's courses, each with every record it was seen in.
        var byLevel: [VertebralLevel: [(course: RadiationCourse, sources: [String])]] = [:]
        for course in courses {
            for level in course.levels {
                var seen = byLevel[level, default: []]
                if let i = seen.firstIndex(where: { $0.course.doseGy == course.doseGy && $0.course.fractions == course.fractions && $0.course.on == course.on }) {
                    if !seen[i].sources.contains(course.source) { seen[i].sources.append(course.source) }
                } else {
                    seen.append((course, [course.source]))
                }
                byLevel[level] = seen
            }
        }
        return byLevel.keys.sorted().map { level in
            let seen = byLevel[level]!
            let list = seen.map(\.course).sorted { ($0.on?.description ?? "") < ($1.on?.description ?? "") }
            return LevelDose(level: level, courses: list,
                             cumulativeDoseGy: list.reduce(0) { $0 + $1.doseGy },
                             cumulativeEQD2Gy: list.reduce(0) { $0 + $1.eqd2CordAlphaBeta2 },
                             notes: seen.filter { $0.course.on == nil && $0.sources.count > 1 }.map { r in
                                 "\(PriorRadiation.doseText(r.course.doseGy)) Gy / \(r.course.fractions) without a date is recorded in \(r.sources.joined(separator: ", ")): counted once; if it was given more than once the cumulative dose is higher (record the date of each course)"
                             })
        }
    }

    /// The radiation courses a case document records (each lesion's `priorRadiation`).
    public static func courses(in c: Case, source: String) -> [RadiationCourse] {
        c.spine.lesions.compactMap { lesion in
            lesion.priorRadiation.map {
                RadiationCourse(levels: lesion.levels, doseGy: $0.doseGy, fractions: $0.fractions, on: $0.on, source: source)
            }
        }
    }
}

/// Neurological status at a point in time, and whether a later one is worse.
public struct NeurologicalStatus: Sendable, Equatable {
    /// Each scale kept apart: Frankel and ASIA are compared like with like (reference §10.2: the
    /// A→A … E→E reading is approximate, "the C/D split differs").
    public var frankel: NeurologicalGrade?
    public var asia: NeurologicalGrade?
    public var ambulation: Ambulation?
    /// The deficit (a case document's; a follow-up visit does not record it), bladder or bowel
    /// dysfunction and NG234's neurological symptoms: nil when not recorded.
    public var deficit: NeurologicalDeficit?
    public var bladderBowelDysfunction: Bool?
    public var neuroSymptoms: [NeuroSymptom]?

    /// The grade shown when one is wanted: Frankel, else ASIA.
    public var grade: NeurologicalGrade? { frankel ?? asia }

    public init(frankel: NeurologicalGrade?, asia: NeurologicalGrade? = nil, ambulation: Ambulation?) {
        self.frankel = frankel
        self.asia = asia
        self.ambulation = ambulation
    }

    /// A Frankel grade (the scale most records use).
    public init(grade: NeurologicalGrade?, ambulation: Ambulation?) {
        self.init(frankel: grade, ambulation: ambulation)
    }

    public init(_ n: Neurology) {
        self.init(frankel: n.frankel, asia: n.asia, ambulation: n.ambulation)
        deficit = n.deficit
        bladderBowelDysfunction = n.bladderBowelDysfunction
    }

    /// A case's neurology with its neurological symptoms.
    public init(_ c: Case) {
        self.init(c.neurology)
        neuroSymptoms = c.symptoms.neuroSymptoms
    }

    static func rank(_ d: NeurologicalDeficit) -> Int {
        switch d {
        case .none: 0
        case .radiculopathy: 1
        case .myelopathy, .caudaEquina: 2
        }
    }

    static func rank(_ a: Ambulation) -> Int {
        switch a {
        case .independent: 2
        case .withAid: 1
        case .nonAmbulatory: 0
        }
    }

    /// What got worse from `before` to self (empty when nothing did or nothing is comparable).
    /// A fall of one Frankel/ASIA grade, or of ambulation, is a new neurological deficit: it makes
    /// the case an emergency again (NICE NG234: new neurological symptoms → MSCC pathway).
    public func worsening(since before: NeurologicalStatus) -> [String] { worsenings(since: before).map(\.text) }

    /// One thing that got worse: what kind of finding, and in words.
    public struct Worsening: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case grade, ambulation, deficit, bladderBowel
            case symptom(NeuroSymptom)
        }
        public var kind: Kind
        public var text: String
    }

    /// As `worsening(since:)`, each with its kind, so that callers act on the finding rather than
    /// on the wording of its message.
    public func worsenings(since before: NeurologicalStatus) -> [Worsening] {
        var found: [Worsening] = []
        var compared = false
        if let now = frankel, let then = before.frankel {
            compared = true
            if now < then { found.append(.init(kind: .grade, text: "Frankel grade fell from \(then.rawValue) to \(now.rawValue)")) }
        }
        if let now = asia, let then = before.asia {
            compared = true
            if now < then { found.append(.init(kind: .grade, text: "ASIA grade fell from \(then.rawValue) to \(now.rawValue)")) }
        }
        // Only across scales: a fall counts unless it is only across the C/D split, where the two
        // scales differ (Frankel D may be ASIA C).
        if !compared, let now = grade, let then = before.grade, now < then, !(then == .d && now == .c) {
            let scales = "\(frankel != nil ? "Frankel" : "ASIA") \(now.rawValue), earlier \(before.frankel != nil ? "Frankel" : "ASIA") \(then.rawValue)"
            found.append(.init(kind: .grade, text: "grade fell from \(then.rawValue) to \(now.rawValue) (\(scales))"))
        }
        if let now = ambulation, let then = before.ambulation, Self.rank(now) < Self.rank(then) {
            found.append(.init(kind: .ambulation, text: "ambulation fell from \(then.rawValue) to \(now.rawValue)"))
        }
        if let now = deficit, let then = before.deficit, Self.rank(now) > Self.rank(then) {
            found.append(.init(kind: .deficit, text: "deficit now \(now.rawValue) (was \(then.rawValue))"))
        }
        if bladderBowelDysfunction == true, before.bladderBowelDysfunction != true {
            found.append(.init(kind: .bladderBowel, text: "new bladder or bowel dysfunction"))
        }
        // NG234's symptoms (reference §13.2): one not recorded before is new.
        for s in neuroSymptoms ?? [] where !(before.neuroSymptoms ?? []).contains(s) {
            found.append(.init(kind: .symptom(s), text: "new neurological symptom: \(Triage.text(s))"))
        }
        return found
    }
}
