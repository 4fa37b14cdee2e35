// Tomita score 2001 (reference §4): three items, 2–10, mapped to the surgical goal.

public enum TomitaScore {
    public static let citation =
        "Tomita K, Kawahara N, Kobayashi T, Yoshida A, Murakami H, Akamaru T. Spine 2001;26(3):298–306"
    public static let range = 2...10
    /// Non-overlapping bands (reference §4.2).
    public static let bands: [ScoreBand] = [
        ScoreBand(range: 2...3, category: "wide-or-marginal-excision",
                  interpretation: "Long-term local control: wide or marginal excision (e.g. total en bloc spondylectomy)"),
        ScoreBand(range: 4...5, category: "marginal-or-intralesional-excision",
                  interpretation: "Middle-term local control: marginal or intralesional excision"),
        ScoreBand(range: 6...7, category: "palliative-surgery", interpretation: "Short-term palliation: palliative surgery"),
        ScoreBand(range: 8...10, category: "supportive-care", interpretation: "Terminal care: supportive (non-operative) care"),
    ]

    /// Growth: slow 1, moderate 2, rapid 4 (4, not 3: the 2–10 range requires it, reference §0.3).
    public static func points(_ growth: TomitaGrowth) -> Int {
        switch growth { case .slow: 1; case .moderate: 2; case .rapid: 4 }
    }

    public static func score(_ facts: CaseFacts) -> ScoreResult {
        let c = facts.c
        var b = ScoreBuilder()
        let h = facts.histology
        if let override = c.primaryTumor.tomitaGrowth {
            b.add("primaryGrowth", input: override.rawValue, points: points(override),
                  note: "growth class given by the clinician (primaryTumor.tomitaGrowth)")
        } else if let growth = h.tomitaGrowth {
            b.add("primaryGrowth", input: growth.rawValue, points: points(growth),
                  note: h.tomitaByConvention
                    ? phrase("\(h.code) is not among Tomita 2001's printed examples: assigned \(growth.rawValue) by convention (histologies.md); override with primaryTumor.tomitaGrowth")
                    : nil)
        } else {
            b.need("primaryTumor.tomitaGrowth")
            b.notes.append(phrase("Tomita 2001 does not classify \(h.code) by growth rate; the clinician must give primaryTumor.tomitaGrowth"))
        }

        let visceral = c.otherMetastases.visceral
        switch visceral.present {
        case false?: b.add("visceralMetastases", input: "none", points: 0)
        case true?:
            if let treatable = visceral.treatable {
                b.add("visceralMetastases", input: treatable ? "treatable" : "untreatable", points: treatable ? 2 : 4)
            } else {
                b.need("otherMetastases.visceral.treatable")
            }
        case nil: b.need("otherMetastases.visceral.present")
        }

        if let solitary = facts.solitary {
            b.add("boneMetastases", input: solitary ? "solitary" : "multiple", points: solitary ? 1 : 2,
                  note: solitary ? "one involved vertebra and no extraspinal focus" : nil)
        } else {
            b.need("otherMetastases.extraspinalBoneCount")
        }
        return b.result(bands: bands, range: range, citation: citation)
    }
}
