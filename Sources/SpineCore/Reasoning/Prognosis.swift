// The prognosis panel: the survival instruments side by side, whether they agree, and the
// NOMS systemic question "expected survival ≥ 3 months" (clinician first, scores second).

public enum SurvivalTier: String, Sendable, Comparable {
    case short, intermediate, long
    var rank: Int { self == .short ? 0 : self == .intermediate ? 1 : 2 }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

public struct PrognosisReading: Sendable, Equatable, JSONFields {
    public var instrument: String
    public var total: Int
    public var reading: String
    public var tier: SurvivalTier

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("instrument", instrument)
        v.field("reading", reading)
        v.field("tier", tier.rawValue)
        v.field("total", total)
    }
}

public struct PrognosisPanel: Sendable, Equatable, JSONFields {
    /// `yes` | `no` | `uncertain`.
    public var survivalAtLeast3Months: String
    public var survivalSource: String
    public var readings: [PrognosisReading]
    /// `agree` | `partly-agree` | `disagree` | `insufficient`.
    public var agreement: String
    public var summary: String
    public var notes: [String]

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("agreement", agreement)
        v.field("notes", notes)
        v.field("readings", readings)
        v.field("summary", summary)
        v.field("survivalAtLeast3Months", survivalAtLeast3Months)
        v.field("survivalSource", survivalSource)
    }

    public var survivalEstablished: Bool { survivalAtLeast3Months == "yes" }
    public var survivalShort: Bool { survivalAtLeast3Months == "no" }
}

enum PrognosisAssessment {
    /// Tiers used only to compare instruments side by side (SpineBoard's reading of each
    /// instrument's published bands; not a survival prediction of its own).
    static func readings(_ s: Scores) -> [PrognosisReading] {
        var out = [PrognosisReading](capacity: 5)
        if let t = s.tokuhashiRevised.total {
            let tier: SurvivalTier = t >= 12 ? .long : t >= 9 ? .intermediate : .short
            out.append(PrognosisReading(instrument: "tokuhashiRevised", total: t,
                                        reading: tier == .long ? "≥ 12 months" : tier == .intermediate ? "≥ 6 months" : "< 6 months", tier: tier))
        }
        if let t = s.tomita.total {
            let tier: SurvivalTier = t <= 3 ? .long : t <= 5 ? .intermediate : .short
            let reading = t <= 3 ? "long-term local control" : t <= 5 ? "middle-term local control" : t <= 7 ? "short-term palliation" : "terminal care"
            out.append(PrognosisReading(instrument: "tomita", total: t, reading: reading, tier: tier))
        }
        if let t = s.bauerModified.total {
            // Leithner 2008's words match Tomita's: 3–4 "middle-term local control" (as Tomita
            // 4–5), 2 "short-term palliation" (as Tomita 6–7), so the same tiers.
            let tier: SurvivalTier = t >= 3 ? .intermediate : .short
            let reading = t >= 3 ? "middle-term local control" : t == 2 ? "short-term palliation" : "supportive care"
            out.append(PrognosisReading(instrument: "bauerModified", total: t, reading: reading, tier: tier))
        }
        if let t = s.nesms.total {
            let tier: SurvivalTier = t == 3 ? .long : t == 2 ? .intermediate : .short
            out.append(PrognosisReading(instrument: "nesms", total: t,
                                        reading: t == 3 ? "best 1-year survival group" : t == 2 ? "intermediate 1-year survival" : "poor 1-year survival",
                                        tier: tier))
        }
        if let t = s.rades.total {
            let tier: SurvivalTier = t >= 36 ? .long : t >= 31 ? .intermediate : .short
            out.append(PrognosisReading(instrument: "rades", total: t, reading: s.rades.interpretation ?? "", tier: tier))
        }
        return out
    }

    static func assess(_ facts: CaseFacts, scores: Scores) -> PrognosisPanel {
        let readings = readings(scores)
        // Which of the three tiers occur (flags rather than a Set: no hashing).
        let hasShort = readings.contains { $0.tier == .short }
        let hasLong = readings.contains { $0.tier == .long }
        let distinctTiers = (hasShort ? 1 : 0) + (readings.contains { $0.tier == .intermediate } ? 1 : 0) + (hasLong ? 1 : 0)
        let agreement: String
        let summary: String
        if readings.count < 2 {
            agreement = "insufficient"
            summary = "Too few survival instruments could be computed to compare."
        } else if distinctTiers == 1 {
            agreement = "agree"
            summary = phrase("The survival instruments agree: \(readings[0].tier.rawValue) expected survival.")
        } else if hasShort && hasLong {
            agreement = "disagree"
            var text = Phrase.Interpolation(literalCapacity: 0, interpolationCount: 0)
            text.appendLiteral("The instruments disagree: ")
            text.appendReadings(readings, tier: .long)
            text.appendLiteral(" point to long survival but ")
            text.appendReadings(readings, tier: .short)
            text.appendLiteral(" to short survival. Weigh the clinician's estimate and current systemic options.")
            summary = text.string
        } else {
            agreement = "partly-agree"
            var text = Phrase.Interpolation(literalCapacity: 0, interpolationCount: 0)
            text.appendLiteral("The instruments differ by one tier: ")
            for (i, r) in readings.enumerated() {
                if i > 0 { text.appendLiteral(", ") }
                text.appendLiteral(PrognosisReading.name(r.instrument))
                text.appendLiteral(" ")
                text.appendInterpolation(r.tier.rawValue)
            }
            text.appendLiteral(".")
            summary = text.string
        }

        let survival: String
        let source: String
        if let months = facts.c.systemic.clinicianSurvivalEstimateMonths {
            survival = months >= 3 ? "yes" : "no"
            source = phrase("clinician estimate: \(months) months")
        } else if readings.isEmpty {
            survival = "uncertain"
            source = "no clinician estimate and no survival instrument computed: give systemic.clinicianSurvivalEstimateMonths"
        } else if readings.allSatisfy({ $0.tier == .short }) {
            // No instrument's band means "< 3 months": Tokuhashi 0–8 is "< 6 months", Tomita 6–7
            // and Tokuhashi 0–8 still allow palliative surgery. Scores alone never close the
            // NOMS systemic gate; the clinician's estimate does.
            survival = "uncertain"
            source = "no clinician estimate: every computed survival instrument predicts short survival (< 6 months or palliation only), but none says < 3 months: give systemic.clinicianSurvivalEstimateMonths"
        } else if !hasShort, hasLong || (scores.tokuhashiRevised.total ?? 0) >= 9 {
            // Every instrument at least intermediate and one long (or Tokuhashi ≥ 9, "≥ 6 months";
            // an ECOG-only Tokuhashi counts with its lower reading).
            survival = "yes"
            source = "no clinician estimate: read from the prognostic scores, none predicting short survival (flagged; give systemic.clinicianSurvivalEstimateMonths)"
        } else {
            survival = "uncertain"
            source = "no clinician estimate and the scores are indeterminate: give systemic.clinicianSurvivalEstimateMonths"
        }
        return PrognosisPanel(survivalAtLeast3Months: survival, survivalSource: source, readings: readings,
                              agreement: agreement, summary: summary, notes: Self.notes)
    }

    /// The panel's two notes, the same for every assessment: one shared array.
    static let notes = [
        "All legacy scores pre-date immunotherapy and targeted therapy; a clinician's estimate takes precedence (reference §15.1).",
        "Tiers (short / intermediate / long) are SpineBoard's reading of each instrument's published bands, for comparison only.",
    ]
}

extension Phrase.Interpolation {
    /// "instrument total (reading)" for each reading of `tier`, joined with ", ".
    mutating func appendReadings(_ readings: [PrognosisReading], tier: SurvivalTier) {
        var first = true
        for r in readings where r.tier == tier {
            if !first { appendLiteral(", ") }
            first = false
            appendLiteral(PrognosisReading.name(r.instrument))
            appendLiteral(" ")
            appendInterpolation(r.total)
            appendLiteral(" (")
            appendInterpolation(r.reading)
            appendLiteral(")")
        }
    }
}

extension PrognosisReading {
    /// The instrument as a sentence names it (the `instrument` member keeps its code).
    static func name(_ code: String) -> StaticString {
        switch code {
        case "tokuhashiRevised": "revised Tokuhashi"
        case "tomita": "Tomita"
        case "bauerModified": "modified Bauer"
        case "nesms": "NESMS"
        case "rades": "Rades"
        default: "score"
        }
    }
}
