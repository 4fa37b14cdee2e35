// Revised Tokuhashi score 2005 (reference §3): six items, 0–15; lower is worse.

public enum RevisedTokuhashiScore {
    public static let citation =
        "Tokuhashi Y, Matsuzaki H, Oda H, Oshima M, Ryu J. Spine 2005;30(19):2186–2191"
    public static let range = 0...15
    public static let bands: [ScoreBand] = [
        ScoreBand(range: 0...8, category: "under-6-months",
                  interpretation: "Predicted survival < 6 months: conservative treatment (palliative surgery if needed)"),
        ScoreBand(range: 9...11, category: "6-months-or-more",
                  interpretation: "Predicted survival ≥ 6 months: palliative surgery; excisional surgery if the spinal lesion is single and there are no metastases to major internal organs"),
        ScoreBand(range: 12...15, category: "12-months-or-more",
                  interpretation: "Predicted survival ≥ 1 year: excisional surgery"),
    ]

    /// General condition by Karnofsky: 10–40 → 0, 50–70 → 1, 80–100 → 2.
    public static func conditionPoints(karnofsky k: Int) -> Int {
        switch k {
        case 80...: 2
        case 50...79: 1
        default: 0
        }
    }
    /// Extraspinal bone metastasis foci: ≥3 → 0, 1–2 → 1, 0 → 2.
    public static func extraspinalPoints(_ n: Int) -> Int { n >= 3 ? 0 : n >= 1 ? 1 : 2 }
    /// Vertebral-body metastases: ≥3 → 0, 2 → 1, 1 → 2 (reference §3.4 chose ≥3/2/1).
    public static func vertebralPoints(_ n: Int) -> Int { n >= 3 ? 0 : n == 2 ? 1 : 2 }
    /// Palsy (Frankel): A, B → 0; C, D → 1; E → 2.
    public static func palsyPoints(_ g: NeurologicalGrade) -> Int {
        switch g { case .a, .b: 0; case .c, .d: 1; case .e: 2 }
    }

    public static func score(_ facts: CaseFacts) -> ScoreResult {
        let c = facts.c
        var b = ScoreBuilder()
        var alternativeDelta = 0
        /// The upper Karnofsky of the ECOG band, which gives the alternative total.
        var alternativeKarnofsky = 0

        if let k = c.performance.karnofsky {
            b.add("generalCondition", input: phrase("Karnofsky \(k)"), points: conditionPoints(karnofsky: k),
                  note: k == 0 ? "Karnofsky 0 lies below the table's 10–40 band and scores as poor" : nil)
        } else if let e = c.performance.ecog {
            let kps = PerformanceStatusScale.karnofskyRange(ecog: e)
            let low = conditionPoints(karnofsky: kps.lowerBound), high = conditionPoints(karnofsky: kps.upperBound)
            if low != high {
                alternativeDelta = high - low
                alternativeKarnofsky = kps.upperBound
                b.add("generalCondition", input: phrase("ECOG \(e)"), points: low,
                      note: phrase("only ECOG given: Karnofsky \(kps.lowerBound)–\(kps.upperBound) by the conventional mapping straddles two bands; the lower points are used (approximate)"))
            } else {
                b.add("generalCondition", input: phrase("ECOG \(e)"), points: low,
                      note: phrase("only ECOG given: read as Karnofsky \(PerformanceStatusScale.karnofskyText(kps)) by the conventional mapping"))
            }
        } else {
            b.need("performance.karnofsky")
        }

        if let n = c.otherMetastases.extraspinalBoneCount {
            b.add("extraspinalBoneMetastases", input: phrase("\(n, "focus", "foci")"), points: extraspinalPoints(n))
        } else {
            b.need("otherMetastases.extraspinalBoneCount")
        }

        b.add("vertebralBodyMetastases", input: phrase("\(facts.involvedCount, "vertebra", "vertebrae")"), points: vertebralPoints(facts.involvedCount))

        let visceral = c.otherMetastases.visceral
        switch visceral.present {
        case false?:
            b.add("majorOrganMetastases", input: "none", points: 2)
        case true?:
            let major = visceral.sites.filter(\.isTokuhashiMajorOrgan)
            if major.isEmpty {
                b.add("majorOrganMetastases", input: "none in lung, liver, kidney or brain", points: 2,
                      note: phrase("visceral sites (\(joined: visceral.sites, separator: ", ")) are not major internal organs for Tokuhashi"))
            } else if let removable = visceral.surgicallyRemovable {
                b.add("majorOrganMetastases", input: removable ? "removable" : "unremovable", points: removable ? 1 : 0)
            } else {
                b.need("otherMetastases.visceral.surgicallyRemovable")
            }
        case nil:
            b.need("otherMetastases.visceral.present")
        }

        let h = facts.histology
        b.add("primarySite", input: h.code, points: h.tokuhashiPoints,
              note: h.tokuhashiRow == "others"
                ? "not named in the 2005 table: scored as \"others\" (reference §3.4)"
                : phrase("table row: \(h.tokuhashiRow)"))

        if let (grade, fromAsia) = facts.frankel {
            b.add("palsy", input: phrase("Frankel \(grade.rawValue)"), points: palsyPoints(grade),
                  note: fromAsia ? phrase("read from ASIA \(grade.rawValue) (approximate)") : nil)
        } else {
            b.need("neurology.frankel")
        }

        var r = b.result(bands: bands, range: range, citation: citation)
        if r.status == .computed, alternativeDelta != 0 {
            r.approximate = true
            r.alternativeTotal = r.total! + alternativeDelta
            let altBand = bands.first { $0.range.contains(r.alternativeTotal!) }
            if altBand?.category != r.category {
                r.notes.append(phrase("with the higher Karnofsky reading (\(alternativeKarnofsky)) the total is \(r.alternativeTotal!) (\(altBand?.category ?? "")): the category depends on the conversion; record Karnofsky"))
            } else {
                r.notes.append(phrase("with the higher Karnofsky reading (\(alternativeKarnofsky)) the total is \(r.alternativeTotal!), in the same category"))
            }
        }
        if r.status == .computed, let total = r.total, (9...11).contains(total),
           facts.involvedCount == 1, (r.items.first { $0.item == "majorOrganMetastases" }?.points ?? 0) == 2 {
            r.notes.append("exception met: single spinal lesion and no major-organ metastases → excisional surgery may be considered")
        }
        return r
    }
}
