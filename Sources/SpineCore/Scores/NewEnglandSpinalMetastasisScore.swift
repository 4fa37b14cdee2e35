// NESMS — New England Spinal Metastasis Score (reference §6): 0–3, higher is better.

public enum NewEnglandSpinalMetastasisScore {
    public static let citation =
        "Ghori AK, et al. Spine J 2015;15(11):2345–2350; Schoenfeld AJ, et al. Spine J 2016;16(4):482–490; prospective validation Schoenfeld AJ, et al. Spine J 2021;21(1):28–36"
    public static let range = 0...3
    /// No published treatment threshold: the interpretation is the validation's survival data.
    public static let bands: [ScoreBand] = [
        ScoreBand(range: 0...0, category: nil, interpretation: "Lowest group: highest 1-year mortality (worse than score 1)"),
        ScoreBand(range: 1...1, category: nil, interpretation: "Odds of death within 1 year 31.3× those of score 3 (Schoenfeld 2021)"),
        ScoreBand(range: 2...2, category: nil, interpretation: "Odds of death within 1 year 7.0× those of score 3 (Schoenfeld 2021)"),
        ScoreBand(range: 3...3, category: nil, interpretation: "Best group (reference for the odds ratios)"),
    ]
    /// Albumin at or above this is "normal" (3.5 g/dL = 35 g/L).
    public static let albuminThreshold = 3.5

    public static func score(_ facts: CaseFacts, modifiedBauer: ScoreResult) -> ScoreResult {
        var b = ScoreBuilder()
        if let bauer = modifiedBauer.total {
            b.add("modifiedBauer", input: phrase("modified Bauer \(bauer)"), points: bauer >= 3 ? 2 : 0,
                  note: "modified Bauer ≥ 3 scores 2 (threshold per SpineBoard decision 3)")
        } else {
            for m in modifiedBauer.missing { b.need(m) }
        }
        if let a = facts.c.neurology.ambulation {
            b.add("ambulation", input: a.rawValue, points: a == .independent ? 1 : 0,
                  note: a == .withAid ? "only independent ambulation scores (SpineBoard decision 3)" : nil)
        } else {
            b.need("neurology.ambulation")
        }
        if let albumin = facts.c.labs.albumin {
            let gdl = albumin.gramsPerDecilitre
            let perLitre = albumin.unit != .gramsPerDecilitre
            let unitText = perLitre ? phrase(" (= \(format(gdl, threshold: albuminThreshold)) g/dL)") : ""
            let shown = format(albumin.value, threshold: perLitre ? albuminThreshold * 10 : albuminThreshold)
            b.add("albumin", input: phrase("\(shown) \(albumin.unit.rawValue)\(unitText)"), points: gdl >= albuminThreshold ? 1 : 0,
                  note: "normal albumin ≥ 3.5 g/dL (35 g/L) scores 1")
        } else {
            b.need("labs.albumin")
        }
        var r = b.result(bands: bands, range: range, citation: citation, cap: 3)
        if r.status == .computed {
            let sum = r.items.reduce(0) { $0 + $1.points }
            if sum > 3 { r.notes.append(phrase("raw sum \(sum), capped at 3 (\"ceiling score of three\", Ghori 2015)")) }
        }
        return r
    }

    /// Two decimals at most, or as many more as it takes for the shown value to fall on the same
    /// side of `threshold` as the value scored (34.99 g/L is shown as 3.499 g/dL, not 3.5).
    static func format(_ x: Double, threshold: Double) -> String {
        var scale = 100.0
        for _ in 0..<5 {
            let rounded = (x * scale).rounded() / scale
            if (rounded >= threshold) == (x >= threshold) {
                return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
            }
            scale *= 10
        }
        return String(x)
    }
}
