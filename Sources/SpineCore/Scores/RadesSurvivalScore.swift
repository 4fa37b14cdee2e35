// Rades 2008 survival score for metastatic spinal cord compression treated with RT (reference §8.1).

public enum RadesSurvivalScore {
    public static let citation = "Rades D, Dunst J, Schild SE. Cancer 2008;112(1):157–161"
    public static let range = 20...45
    public static let bands: [ScoreBand] = [
        ScoreBand(range: 20...25, category: "20-25", interpretation: "6-month overall survival ≈ 4 %"),
        ScoreBand(range: 26...30, category: "26-30", interpretation: "6-month overall survival ≈ 11 %"),
        ScoreBand(range: 31...35, category: "31-35", interpretation: "6-month overall survival ≈ 48 % (cut-off reconstructed)"),
        ScoreBand(range: 36...40, category: "36-40", interpretation: "6-month overall survival ≈ 87 % (unconfirmed in the sources read)"),
        ScoreBand(range: 41...45, category: "41-45", interpretation: "6-month overall survival ≈ 99 % (unconfirmed in the sources read)"),
    ]
    static let reconstructedNote =
        "item points reconstructed from the published construction rule (6-month survival % ÷ 10) and the 20–45 range; not read from the primary table (SpineBoard decision 5)"

    /// Time developing motor deficits: 0–7 days → 3 (0 scores as 1–7), 8–14 → 5, > 14 → 8.
    public static func motorDeficitPoints(days: Int) -> Int { days <= 7 ? 3 : days <= 14 ? 5 : 8 }
    /// Interval tumour diagnosis → MSCC: ≤ 15 months → 4, > 15 → 7. `extraDays` beyond whole
    /// months (an interval derived from dates) count: 15 months and 1 day is more than 15 months.
    public static func intervalPoints(months: Int, extraDays: Int = 0) -> Int {
        months < 15 || (months == 15 && extraDays == 0) ? 4 : 7
    }

    public static func score(_ facts: CaseFacts) -> ScoreResult {
        let c = facts.c
        guard let days = c.neurology.motorDeficitDays else {
            return .notApplicable(
                "no motor deficit recorded (neurology.motorDeficitDays): the item \"time developing motor deficits\" is undefined (SpineBoard decision 5)",
                range: range, citation: citation)
        }
        var b = ScoreBuilder()
        let type = facts.histology.rades
        b.add("tumorType", input: phrase("\(facts.histology.code) (\(type.rawValue))"), points: type.points)

        // Other bone metastases: an extraspinal focus, or an involved vertebra outside the most
        // compressive lesion (case-format.md). With two or more lesions one is always outside.
        let lesions = c.spine.lesions
        let outsideVertebra: Bool = lesions.count > 1 || facts.involvedCount > lesions[0].levels.count
        if outsideVertebra {
            b.add("otherBoneMetastases", input: "yes (other involved vertebrae)", points: 5)
        } else if let n = c.otherMetastases.extraspinalBoneCount {
            b.add("otherBoneMetastases", input: n > 0 ? phrase("yes (\(n) extraspinal foci)") : "no", points: n > 0 ? 5 : 7)
        } else {
            b.need("otherMetastases.extraspinalBoneCount")
        }

        switch facts.visceralPresent {
        case true?: b.add("visceralMetastases", input: "yes", points: 2)
        case false?: b.add("visceralMetastases", input: "no", points: 7)
        case nil: b.need("otherMetastases.visceral.present")
        }

        if let months = facts.intervalMonths {
            let days = facts.intervalExtraDays
            b.add("intervalToMSCC", input: days == 0 ? phrase("\(months) months") : phrase("\(months) months and \(days) days"),
                  points: intervalPoints(months: months, extraDays: days),
                  note: facts.intervalDerived ? "derived from primaryTumor.diagnosedOn to the assessment date" : nil)
        } else {
            b.need("primaryTumor.monthsFromDiagnosisToSpinalMetastasis")
        }

        if let a = c.neurology.ambulation {
            let ambulatory = a != .nonAmbulatory
            b.add("ambulatoryBeforeRT", input: a.rawValue, points: ambulatory ? 7 : 3,
                  note: a == .withAid ? "ambulatory includes walking with an aid" : nil)
        } else {
            b.need("neurology.ambulation")
        }

        b.add("timeDevelopingMotorDeficits", input: phrase("\(days) days"), points: motorDeficitPoints(days: days),
              note: days == 0 ? "0 days scores as 1–7 days" : nil)
        b.notes.append(reconstructedNote)
        return b.result(bands: bands, range: range, citation: citation)
    }
}
