// Bauer scores (reference §5): the modified score (Leithner 2008, 0–4) and the original
// (Bauer & Wedin 1995, 0–5, adds "no pathological fracture").

public enum ModifiedBauerScore {
    public static let citation =
        "Leithner A, Radl R, Gruber G, et al. Eur Spine J 2008;17(11):1488–1495 (modified from Bauer HC, Wedin R. Acta Orthop Scand 1995;66(2):143–146)"
    public static let range = 0...4
    public static let bands: [ScoreBand] = [
        ScoreBand(range: 0...1, category: "supportive-care", interpretation: "Supportive care, no surgery"),
        ScoreBand(range: 2...2, category: "posterior-palliative-surgery",
                  interpretation: "Short-term palliation: posterior (dorsal) surgery"),
        ScoreBand(range: 3...4, category: "anterior-posterior-surgery",
                  interpretation: "Middle-term local control: anterior-posterior (ventral-dorsal) surgery"),
    ]

    /// The four favourable factors, one point each.
    static func items(_ facts: CaseFacts, into b: inout ScoreBuilder) {
        switch facts.visceralPresent {
        case false?: b.add("noVisceralMetastases", input: "no visceral metastases", points: 1)
        case true?: b.add("noVisceralMetastases", input: "visceral metastases present", points: 0)
        case nil: b.need("otherMetastases.visceral.present")
        }
        let h = facts.histology
        switch h.lung {
        case .no: b.add("noLungCancer", input: h.code, points: 1)
        case .yes: b.add("noLungCancer", input: h.code, points: 0)
        case .notKnown:
            b.add("noLungCancer", input: h.code, points: 0,
                  note: "unknown primary is not known to be non-lung: no point (SpineBoard decision 4)")
        }
        b.add("favourablePrimary", input: h.code, points: h.bauerFavourable ? 1 : 0,
              note: "favourable: breast, kidney, lymphoma, multiple myeloma")
        if let solitary = facts.solitary {
            b.add("solitarySkeletalMetastasis", input: solitary ? "solitary" : "multiple", points: solitary ? 1 : 0)
        } else {
            b.need("otherMetastases.extraspinalBoneCount")
        }
    }

    public static func score(_ facts: CaseFacts) -> ScoreResult {
        var b = ScoreBuilder()
        items(facts, into: &b)
        return b.result(bands: bands, range: range, citation: citation)
    }
}

public enum OriginalBauerScore {
    public static let citation = "Bauer HC, Wedin R. Acta Orthop Scand 1995;66(2):143–146"
    public static let range = 0...5
    /// Groups as commonly reported; not confirmed in the primary paper (reference §0.5), so no
    /// category code is given, only the interpretation with that caveat.
    public static let bands: [ScoreBand] = [
        ScoreBand(range: 0...1, category: nil,
                  interpretation: "Commonly reported group (unconfirmed in the primary paper): supportive care, survival < 6 months"),
        ScoreBand(range: 2...3, category: nil,
                  interpretation: "Commonly reported group (unconfirmed in the primary paper): palliative surgery, 1-year survival ≈ 25 %"),
        ScoreBand(range: 4...5, category: nil,
                  interpretation: "Commonly reported group (unconfirmed in the primary paper): more extensive surgery, 1-year survival ≈ 50 %"),
    ]

    public static func score(_ facts: CaseFacts) -> ScoreResult {
        var b = ScoreBuilder()
        ModifiedBauerScore.items(facts, into: &b)
        // Pathological fracture = any lesion with collapse over or under 50 % (case-format.md).
        let lesions = facts.c.spine.lesions
        if let fractured = lesions.first(where: { $0.collapse == .over50 || $0.collapse == .under50 }) {
            b.add("noPathologicalFracture", input: phrase("vertebral collapse at \(fractured.name)"), points: 0,
                  note: "pathological fracture read as vertebral collapse (SpineBoard convention)")
        } else {
            let unknown = lesions.indices.filter { lesions[$0].collapse == nil && lesions[$0].levels != [.c1] }
            if unknown.isEmpty {
                b.add("noPathologicalFracture", input: "no vertebral collapse", points: 1,
                      note: "pathological fracture read as vertebral collapse (SpineBoard convention)")
            } else {
                for i in unknown { b.need(phrase("spine.lesions[\(i)].collapse")) }
            }
        }
        return b.result(bands: bands, range: range, citation: citation)
    }
}
