// SINS — Spinal Instability Neoplastic Score (reference §1), scored per lesion.

/// SINS (Fisher 2010): six items, 0–18; ≥7 triggers a surgical referral.
public enum SpinalInstabilityNeoplasticScore {
    public static let citation =
        "Fisher CG, DiPaola CP, Ryken TC, et al. Spine 2010;35(22):E1221–E1229; validated by Fourney DR, et al. J Clin Oncol 2011;29(22):3072–3077"
    public static let range = 0...18

    /// Fisher 2010 categories (reference §1.2); the stable band starts at 0, not 1 (§1.4).
    public static let bands: [ScoreBand] = [
        ScoreBand(range: 0...6, category: "stable",
                  interpretation: "Stable: no surgical referral needed on instability grounds"),
        ScoreBand(range: 7...12, category: "potentially-unstable",
                  interpretation: "Indeterminate (potentially unstable): surgical consultation recommended"),
        ScoreBand(range: 13...18, category: "unstable",
                  interpretation: "Unstable: surgical consultation recommended; stabilisation usually indicated"),
    ]

    /// Location points by level (reference §1.3).
    public static func locationPoints(_ level: VertebralLevel) -> (points: Int, label: String) {
        switch level {
        case .c1, .c2: (3, "junctional (occiput–C2)")
        case .c3, .c4, .c5, .c6: (2, "mobile (C3–C6)")
        case .c7, .t1, .t2: (3, "junctional (C7–T2)")
        case .t3, .t4, .t5, .t6, .t7, .t8, .t9, .t10: (1, "semi-rigid (T3–T10)")
        case .t11, .t12, .l1: (3, "junctional (T11–L1)")
        case .l2, .l3, .l4: (2, "mobile (L2–L4)")
        case .l5, .s1: (3, "junctional (L5–S1)")
        case .s2, .s3, .s4, .s5: (0, "rigid (S2–S5)")
        }
    }

    public static func points(_ pain: LesionPain) -> Int {
        switch pain { case .mechanical: 3; case .occasional: 1; case .none: 0 }
    }
    public static func points(_ lesion: BoneLesionType) -> Int {
        switch lesion { case .lytic: 2; case .mixed: 1; case .blastic: 0 }
    }
    public static func points(_ alignment: SpinalAlignment) -> Int {
        switch alignment { case .subluxation: 4; case .deformity: 2; case .normal: 0 }
    }
    public static func points(_ collapse: VertebralCollapse) -> Int {
        switch collapse { case .over50: 3; case .under50: 2; case .noCollapseOver50Involved: 1; case .none: 0 }
    }
    public static func points(_ posterolateral: PosterolateralInvolvement) -> Int {
        switch posterolateral { case .bilateral: 3; case .unilateral: 1; case .none: 0 }
    }

    // Item labels as switches rather than dictionaries: no hashing per item.
    static func label(_ pain: LesionPain) -> String {
        switch pain { case .mechanical: "mechanical pain"; case .occasional: "occasional, not mechanical"; case .none: "pain-free lesion" }
    }
    static func label(_ lesion: BoneLesionType) -> String {
        switch lesion { case .lytic: "lytic"; case .mixed: "mixed lytic/blastic"; case .blastic: "blastic" }
    }
    static func label(_ alignment: SpinalAlignment) -> String {
        switch alignment { case .subluxation: "subluxation/translation"; case .deformity: "de novo deformity"; case .normal: "normal alignment" }
    }
    static func label(_ collapse: VertebralCollapse) -> String {
        switch collapse {
        case .over50: ">50 % collapse"
        case .under50: "<50 % collapse"
        case .noCollapseOver50Involved: "no collapse, >50 % of body involved"
        case .none: "none of the above"
        }
    }
    static func label(_ posterolateral: PosterolateralInvolvement) -> String {
        switch posterolateral { case .bilateral: "bilateral"; case .unilateral: "unilateral"; case .none: "none" }
    }

    /// Scores one lesion; `index` names its fields in `missing`.
    public static func score(_ lesion: SpinalLesion, index: Int) -> ScoreResult {
        var b = ScoreBuilder()
        let name = lesion.name
        // A missing item's field path, built only when an item is missing.
        func path(_ field: StaticString) -> String { phrase("spine.lesions[\(index)].\(field)") }
        // A lesion spanning two location classes takes the higher points (SpineBoard decision 7).
        var best: (points: Int, label: String)?
        var lowest = Int.max
        for level in lesion.levels {
            let l = locationPoints(level)
            if best == nil || l.points > best!.points { best = l }
            lowest = min(lowest, l.points)
        }
        if let best {
            b.add("location", input: name, points: best.points,
                  note: lowest != best.points
                    ? phrase("\(best.label); the lesion spans location classes and takes the higher points (SpineBoard convention)")
                    : best.label)
        }
        if let pain = lesion.pain { b.add("pain", input: label(pain), points: points(pain)) } else { b.need(path("pain")) }
        if let bone = lesion.boneLesion {
            b.add("boneLesion", input: label(bone), points: points(bone))
        } else { b.need(path("boneLesion")) }
        if let alignment = lesion.alignment {
            b.add("alignment", input: label(alignment), points: points(alignment))
        } else { b.need(path("alignment")) }
        if lesion.levels == [.c1] {
            // C1 has no vertebral body (reference §1.5).
            b.add("collapse", input: "C1 (no vertebral body)", points: 0,
                  note: "C1 has no vertebral body; collapse scores 0 (SpineBoard convention, reference §1.5)")
        } else if let collapse = lesion.collapse {
            b.add("collapse", input: label(collapse), points: points(collapse))
        } else { b.need(path("collapse")) }
        if let pl = lesion.posterolateral {
            b.add("posterolateral", input: label(pl), points: points(pl))
        } else { b.need(path("posterolateral")) }
        var result = b.result(bands: bands, range: range, citation: citation)
        result.lesion = name
        return result
    }

    /// The case's SINS: every lesion scored, the highest-scoring lesion reported (first on a tie).
    public static func score(_ spine: Spine) -> ScoreResult {
        let perLesion = spine.lesions.enumerated().map { score($1, index: $0) }
        let missing = perLesion.flatMap(\.missing)
        if !missing.isEmpty {
            var r = ScoreResult.incomplete(missing: missing, range: range, citation: citation)
            r.perLesion = perLesion
            return r
        }
        var best = perLesion[0]
        for r in perLesion.dropFirst() where r.total! > best.total! { best = r }
        best.perLesion = perLesion
        if perLesion.count > 1 {
            best.notes.append(phrase("highest-scoring of \(perLesion.count) lesions; each lesion's own score is in perLesion"))
        }
        return best
    }
}

/// The highest SINS known to hold for one lesion, for the safe-side rules (triage, the spine-surgery
/// referral, R2): the lesion's total, or, with items missing, the sum of the items scored, which a
/// missing item can only raise. An unstable lesion is not hidden by another lesion's missing data.
public struct KnownInstability: Sendable {
    public let points: Int
    public let lesion: String
    /// False when this lesion has items missing: `points` is then a lower bound.
    public let exact: Bool

    /// The SINS band of `points` (for a lower bound, the band it is at least in).
    public var category: String? {
        SpinalInstabilityNeoplasticScore.bands.first { $0.range.contains(points) }?.category
    }

    /// The band in words, for sentences: "stable", "potentially unstable", "unstable".
    public var categoryWords: String {
        category == "potentially-unstable" ? "potentially unstable" : category ?? ""
    }

    /// "SINS 15", or "SINS at least 9 (items missing)".
    public var text: String { phrase("\(self)") }
}

extension Phrase.Interpolation {
    /// `\(instability)` writes its `text` in place (rules quote it about five times per assessment).
    mutating func appendInterpolation(_ k: KnownInstability) {
        appendLiteral(k.exact ? "SINS " : "SINS at least ")
        appendInterpolation(k.points)
        if !k.exact { appendLiteral(" (items missing)") }
    }
}

extension ScoreResult {
    /// SINS: the lesion with the highest known score (an exact total before a lower bound of the
    /// same value, then the first); nil when no lesion has been scored.
    public var knownInstability: KnownInstability? {
        guard let perLesion else { return nil }
        var best: KnownInstability?
        for i in perLesion.indices {
            let points = perLesion[i].scoredPoints
            let exact = perLesion[i].status == .computed
            if let b = best, points < b.points || (points == b.points && (b.exact || !exact)) { continue }
            best = KnownInstability(points: points, lesion: perLesion[i].lesion ?? "", exact: exact)
        }
        return best
    }
}
