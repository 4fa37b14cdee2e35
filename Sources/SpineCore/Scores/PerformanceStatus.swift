// Karnofsky and ECOG performance status (reference §9): the measured scale is kept, and a
// conversion by the conventional mapping (§9.3) is made only when needed, and flagged.

public enum PerformanceStatusScale {
    public static let citation =
        "Karnofsky DA, Burchenal JH 1949; Oken MM, et al. Am J Clin Oncol 1982;5(6):649–655; conventional KPS↔ECOG mapping (reference §9.3)"

    /// Conventional mapping ECOG → Karnofsky range (reference §9.3).
    public static func karnofskyRange(ecog: Int) -> ClosedRange<Int> {
        switch ecog {
        case 0: 90...100
        case 1: 70...80
        case 2: 50...60
        case 3: 30...40
        case 4: 10...20
        default: 0...0
        }
    }

    /// "70–80", or "0" for the single value of ECOG 5.
    static func karnofskyText(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? phrase("\(range.lowerBound)") : phrase("\(range.lowerBound)–\(range.upperBound)")
    }

    /// Conventional mapping Karnofsky → ECOG (reference §9.3).
    public static func ecog(karnofsky: Int) -> Int {
        switch karnofsky {
        case 90...100: 0
        case 70...80: 1
        case 50...60: 2
        case 30...40: 3
        case 10...20: 4
        default: 5
        }
    }

    public static func assess(_ p: Performance) -> PerformanceStatusResult {
        var r = PerformanceStatusResult(citation: citation)
        if let k = p.karnofsky {
            r.karnofsky = k
            r.ecog = p.ecog ?? ecog(karnofsky: k)
            if p.ecog == nil { r.note = phrase("ECOG \(r.ecog!) read from Karnofsky \(k) by the conventional mapping") }
            r.status = "computed"
        } else if let e = p.ecog {
            r.ecog = e
            let range = karnofskyRange(ecog: e)
            r.karnofskyRange = karnofskyText(range)
            r.note = phrase("Karnofsky \(r.karnofskyRange!) read from ECOG \(e) by the conventional mapping (approximate)")
            r.status = "computed"
        } else {
            r.status = "incomplete"
            r.missing = ["performance.karnofsky"]
        }
        return r
    }
}

public struct PerformanceStatusResult: Sendable, Equatable, JSONFields {
    public var status = "incomplete"
    public var karnofsky: Int?
    /// When only ECOG was measured: the Karnofsky range it maps to.
    public var karnofskyRange: String?
    public var ecog: Int?
    public var note: String?
    public var missing: [String]?
    public var citation: String

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("citation", citation)
        v.field("ecog", ecog)
        v.field("karnofsky", karnofsky)
        v.field("karnofskyRange", karnofskyRange)
        v.field("missing", missing)
        v.field("note", note)
        v.field("status", status)
    }
}

/// Frankel grade and ASIA Impairment Scale (reference §10).
public enum NeurologicalGrading {
    public static let citation =
        "Frankel HL, et al. Paraplegia 1969;7(3):179–192; ASIA Impairment Scale (ISNCSCI); reference §10"

    public static func assess(_ facts: CaseFacts) -> NeurologicalStatusResult {
        let n = facts.c.neurology
        var r = NeurologicalStatusResult(citation: citation)
        r.frankel = n.frankel?.rawValue
        r.asia = n.asia?.rawValue
        if n.frankel == nil, let a = n.asia {
            r.frankel = a.rawValue
            r.frankelFromAsia = true
            r.note = phrase("Frankel \(a.rawValue) read from ASIA \(a.rawValue) (A→A … E→E); approximate, the C/D split differs")
        }
        r.ambulation = n.ambulation?.rawValue
        r.deficit = n.deficit?.rawValue
        r.motorDeficitDays = n.motorDeficitDays
        r.bladderBowelDysfunction = n.bladderBowelDysfunction
        return r
    }
}

public struct NeurologicalStatusResult: Sendable, Equatable, JSONFields {
    public var frankel: String?
    public var frankelFromAsia = false
    public var asia: String?
    public var ambulation: String?
    public var deficit: String?
    public var motorDeficitDays: Int?
    public var bladderBowelDysfunction: Bool?
    public var note: String?
    public var citation: String

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("ambulation", ambulation)
        v.field("asia", asia)
        v.field("bladderBowelDysfunction", bladderBowelDysfunction)
        v.field("citation", citation)
        v.field("deficit", deficit)
        v.field("frankel", frankel)
        if frankelFromAsia { v.field("frankelFromAsia", true) }
        v.field("motorDeficitDays", motorDeficitDays)
        v.field("note", note)
    }
}
