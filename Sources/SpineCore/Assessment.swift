// The assessment: everything `assess(case)` returns. Its JSON members are a contract
// (case-format.md "Output"); every assessment carries the rules version and the disclaimer.

public enum Rules {
    /// Changes whenever a rule, table, threshold or wording of a recommendation changes.
    public static let version = "2026.11.29"
    public static let disclaimer =
        "Decision support only: SpineBoard does not replace clinical judgment. Every recommendation must be reviewed by the treating multidisciplinary team with the patient."
}

public struct Scores: Sendable, Equatable, JSONFields {
    public var sins: ScoreResult
    public var escc: EsccResult
    public var tokuhashiRevised: ScoreResult
    public var tomita: ScoreResult
    public var bauerModified: ScoreResult
    public var bauerOriginal: ScoreResult
    public var nesms: ScoreResult
    public var rades: ScoreResult
    public var performanceStatus: PerformanceStatusResult
    public var neurologicalStatus: NeurologicalStatusResult

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("bauerModified", bauerModified)
        v.field("bauerOriginal", bauerOriginal)
        v.field("escc", escc)
        v.field("nesms", nesms)
        v.field("neurologicalStatus", neurologicalStatus)
        v.field("performanceStatus", performanceStatus)
        v.field("rades", rades)
        v.field("sins", sins)
        v.field("tokuhashiRevised", tokuhashiRevised)
        v.field("tomita", tomita)
    }
}

/// One NOMS arm (or LMNOP letter): the finding and the facts that decided it.
public struct Finding: Sendable, Equatable, JSONFields {
    public var code: String
    public var finding: Text
    public var facts: [Text]

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("code", code)
        v.field("facts", facts)
        v.field("finding", finding)
    }
}

public struct NomsAssessment: Sendable, Equatable, JSONFields {
    public var neurologic: Finding
    public var oncologic: Finding
    public var mechanical: Finding
    public var systemic: Finding
    /// The rules of reference §11.3 that fired, in order, with what each concluded.
    public var rulesApplied: [Text]
    public var citation: String

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("citation", citation)
        v.field("mechanical", mechanical)
        v.field("neurologic", neurologic)
        v.field("oncologic", oncologic)
        v.field("rulesApplied", rulesApplied)
        v.field("systemic", systemic)
    }
}

/// One criterion of a check: met (true), not met (false) or unknown (nil), with the fact read.
public struct Criterion: Sendable, Equatable, JSONFields {
    public var criterion: String
    public var met: Bool?
    public var fact: Text

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("criterion", criterion)
        v.field("fact", fact)
        v.field("met", met.map { $0 ? "yes" : "no" } ?? "unknown")
    }
}

/// A criteria check (Patchell, en bloc): `met` | `not-met` | `undetermined` | `not-applicable`.
public struct CriteriaCheck: Sendable, Equatable, JSONFields {
    public var status: String
    public var summary: Text
    public var criteria: [Criterion]
    public var citation: String

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("citation", citation)
        v.field("criteria", criteria)
        v.field("status", status)
        v.field("summary", summary)
    }
}

public struct Lmnop: Sendable, Equatable, JSONFields {
    public var levels: Text
    public var mechanical: Text
    public var neurology: Text
    public var oncology: Text
    public var patient: Text
    public var citation: String

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("citation", citation)
        v.field("levels", levels)
        v.field("mechanical", mechanical)
        v.field("neurology", neurology)
        v.field("oncology", oncology)
        v.field("patient", patient)
    }
}

public enum UrgencyLevel: String, Sendable, Comparable {
    case emergency, urgent, routine
    /// The sort rank, emergencies first (the server stores it to order the worklist).
    public var rank: Int { self == .emergency ? 0 : self == .urgent ? 1 : 2 }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// A concrete deadline: what to do, within how many hours of the assessment, and by which date.
public struct Deadline: Sendable, Equatable, JSONFields {
    public var action: String
    public var within: String
    public var withinHours: Int
    public var dueBy: String
    public var citation: String

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("action", action)
        v.field("citation", citation)
        v.field("dueBy", dueBy)
        v.field("within", within)
        v.field("withinHours", withinHours)
    }
}

public struct Urgency: Sendable, Equatable, JSONFields {
    public var level: UrgencyLevel
    public var reasons: [String]
    public var deadlines: [Deadline]
    public var safetyNet: String
    public var citation: String

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("citation", citation)
        v.field("deadlines", deadlines)
        v.field("level", level.rawValue)
        v.field("reasons", reasons)
        v.field("safetyNet", safetyNet)
    }
}

/// Why an option is on the list: which rule, which finding, which source.
public struct Rationale: Sendable, Equatable, JSONFields {
    public var rule: String
    public var finding: Text
    public var citation: String

    public init(rule: String, finding: Text, citation: String) {
        self.rule = rule
        self.finding = finding
        self.citation = citation
    }

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("citation", citation)
        v.field("finding", finding)
        v.field("rule", rule)
    }
}

public struct TreatmentRecommendation: Sendable, Equatable, JSONFields {
    public var code: TreatmentOption
    public var rank: Int
    public var title: String
    public var regimen: String?
    public var alternativeRegimens: [String]
    public var rationale: [Rationale]
    public var goals: [TreatmentGoal]
    public var contextNotes: [Text]
    public var cautions: [Text]
    public var declined: Bool

    public func visit<V: FieldVisitor>(_ v: inout V) {
        if !alternativeRegimens.isEmpty { v.field("alternativeRegimens", alternativeRegimens) }
        v.field("cautions", cautions)
        v.field("code", code.rawValue)
        v.field("contextNotes", contextNotes)
        v.field("declined", declined)
        v.field("goals", goals)
        v.field("rank", rank)
        v.field("rationale", rationale)
        v.field("regimen", regimen)
        v.field("title", title)
    }
}

public struct ReferralDetail: Sendable, Equatable, JSONFields {
    public var code: Referral
    public var reasons: [Text]

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("code", code.rawValue)
        v.field("reasons", reasons)
    }
}

public struct Assessment: Sendable, Equatable, JSONFields {
    public var rulesVersion: String = Rules.version
    public var disclaimer: String = Rules.disclaimer
    public var assessedOn: CalendarDate
    public var scores: Scores {
        _read { yield scoresBox.scores }
        set { scoresBox = ScoresBox(newValue) }
    }
    /// The scores, shared with the clinical reasoning that read them: ten results copied by value
    /// retained (and later released) every member of each, twice per assessment.
    var scoresBox: ScoresBox
    public var prognosis: PrognosisPanel
    public var noms: NomsAssessment
    public var patchell: CriteriaCheck
    public var enBloc: CriteriaCheck
    public var lmnop: Lmnop
    public var urgency: Urgency
    public var options: [TreatmentRecommendation]
    public var referralDetails: [ReferralDetail]
    /// Conventions applied and data the team should add, in plain words.
    public var warnings: [Text]

    /// Referral codes, in the order of `referralDetails`.
    public var referrals: [Referral] { referralDetails.map(\.code) }

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("assessedOn", assessedOn.description)
        v.field("disclaimer", disclaimer)
        v.field("enBloc", enBloc)
        v.field("lmnop", lmnop)
        v.field("noms", noms)
        v.field("options", options)
        v.field("patchell", patchell)
        v.field("prognosis", prognosis)
        v.field("referralDetails", referralDetails)
        v.field("referrals", referrals)
        v.field("rulesVersion", rulesVersion)
        v.field("scores", scores)
        v.field("urgency", urgency)
        v.field("warnings", warnings)
    }
}

extension Assessment {
    /// Compact JSON, identical to JSONEncoder with [.sortedKeys, .withoutEscapingSlashes]. A
    /// concrete entry point, so the writer is specialised inside this module rather than run as
    /// unspecialised generic code from callers in other modules.
    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter(capacity: 32 * 1024)
        w.writeObject(self)
        return w.bytes
    }
}

/// The totals the clinical reasoning reads, summed once by `assess()` from the scores it holds.
typealias ScoreTotals = (tokuhashi: Int?, tomita: Int?, nesms: Int?, rades: Int?)

final class ScoresBox: Sendable, Equatable {
    let scores: Scores
    init(_ scores: Scores) { self.scores = scores }
    static func == (a: ScoresBox, b: ScoresBox) -> Bool { a === b || a.scores == b.scores }
}

/// The one entry point: a validated case in, a complete, explained assessment out.
/// Pure and deterministic: `today` stands in for a missing `assessedOn`.
public func assess(_ c: Case, today: CalendarDate) -> Assessment {
    let facts = CaseFacts(c, today: today)
    let bauerModified = ModifiedBauerScore.score(facts)
    let scores = Scores(
        sins: SpinalInstabilityNeoplasticScore.score(c.spine),
        escc: EpiduralCompressionScale.assess(facts),
        tokuhashiRevised: RevisedTokuhashiScore.score(facts),
        tomita: TomitaScore.score(facts),
        bauerModified: bauerModified,
        bauerOriginal: OriginalBauerScore.score(facts),
        nesms: NewEnglandSpinalMetastasisScore.score(facts, modifiedBauer: bauerModified),
        rades: RadesSurvivalScore.score(facts),
        performanceStatus: PerformanceStatusScale.assess(c.performance),
        neurologicalStatus: NeurologicalGrading.assess(facts))
    let prognosis = PrognosisAssessment.assess(facts, scores: scores)
    let urgency = Triage.assess(facts, scores: scores)
    let totals: ScoreTotals = (scores.tokuhashiRevised.total, scores.tomita.total, scores.nesms.total, scores.rades.total)
    let scoresBox = ScoresBox(scores)
    var reasoning = ClinicalReasoning(facts: facts, scoresBox: scoresBox, totals: totals, prognosis: prognosis, urgency: urgency)
    reasoning.run()
    return Assessment(
        assessedOn: facts.assessedOn, scoresBox: scoresBox, prognosis: prognosis, noms: reasoning.noms,
        patchell: reasoning.patchell, enBloc: reasoning.enBloc, lmnop: reasoning.lmnop, urgency: urgency,
        options: reasoning.rankedOptions(), referralDetails: reasoning.referrals(), warnings: reasoning.warnings)
}
