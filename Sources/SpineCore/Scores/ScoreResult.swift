// What every instrument returns: its status, its items with the points each gave, the total
// derived from those items, the category band and the citation.

public enum ScoreStatus: String, Sendable {
    case computed, incomplete
    case notApplicable = "not-applicable"
}

/// One scored item: what was read from the case, the points it gave, and any convention applied.
public struct ScoreItem: Sendable, Equatable, JSONFields {
    public var item: String
    public var input: String
    public var points: Int
    public var note: String?

    public init(_ item: String, input: String, points: Int, note: String? = nil) {
        self.item = item
        self.input = input
        self.points = points
        self.note = note
    }

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("input", input)
        v.field("item", item)
        v.field("note", note)
        v.field("points", points)
    }
}

/// A band of totals with its category code and what the source says it means.
public struct ScoreBand: Sendable {
    public let range: ClosedRange<Int>
    public let category: String?
    public let interpretation: String
}

public struct ScoreResult: Sendable, Equatable, JSONFields {
    public var status: ScoreStatus
    public var items: [ScoreItem] = []
    /// The published maximum of the total where the instrument caps it (NESMS: 3).
    public var cap: Int?
    public var category: String?
    public var interpretation: String?
    public var missing: [String] = []
    public var reason: String?
    public var notes: [String] = []
    /// True when an input was converted and the total could differ by the conversion.
    public var approximate = false
    public var alternativeTotal: Int?
    public var range: ClosedRange<Int>
    public var citation: String
    /// SINS: the lesion this result describes, and every lesion's own result.
    public var lesion: String?
    public var perLesion: [ScoreResult]?

    public init(status: ScoreStatus, range: ClosedRange<Int>, citation: String) {
        self.status = status
        self.range = range
        self.citation = citation
    }

    /// The sum of the item points (capped where the instrument caps it); nil unless computed.
    public var total: Int? {
        // Inlined: called on a result read in place, an outlined getter copied the whole result
        // (retaining and releasing every member) for each call.
        @inline(__always) get {
            guard status == .computed else { return nil }
            let sum = scoredPoints
            if let cap { return min(sum, cap) }
            return sum
        }
    }

    /// The sum of the points of the items scored, uncapped: the total when computed, and a lower
    /// bound for SINS with items missing (a missing item can only add points).
    public var scoredPoints: Int {
        @inline(__always) get {
            var sum = 0
            for i in items.indices { sum += items[i].points }
            return sum
        }
    }

    static func computed(items: [ScoreItem], bands: [ScoreBand], range: ClosedRange<Int>, citation: String,
                         cap: Int? = nil, notes: [String] = []) -> ScoreResult {
        var r = ScoreResult(status: .computed, range: range, citation: citation)
        r.items = items
        r.cap = cap
        r.notes = notes
        let total = r.total!
        if let band = bands.first(where: { $0.range.contains(total) }) {
            r.category = band.category
            r.interpretation = band.interpretation
        }
        return r
    }

    static func incomplete(missing: [String], items: [ScoreItem] = [], range: ClosedRange<Int>, citation: String,
                           notes: [String] = []) -> ScoreResult {
        var r = ScoreResult(status: .incomplete, range: range, citation: citation)
        r.missing = missing
        r.items = items
        r.notes = notes
        return r
    }

    static func notApplicable(_ reason: String, range: ClosedRange<Int>, citation: String) -> ScoreResult {
        var r = ScoreResult(status: .notApplicable, range: range, citation: citation)
        r.reason = reason
        return r
    }

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("alternativeTotal", alternativeTotal)
        if approximate { v.field("approximate", true) }
        v.field("category", category)
        v.field("citation", citation)
        v.field("interpretation", interpretation)
        if status != .notApplicable { v.field("items", items) }
        v.field("lesion", lesion)
        v.field("maximum", range.upperBound)
        v.field("minimum", range.lowerBound)
        if status == .incomplete { v.field("missing", missing) }
        if !notes.isEmpty { v.field("notes", notes) }
        v.field("perLesion", perLesion)
        v.field("reason", reason)
        v.field("status", status.rawValue)
        v.field("total", total)
    }
}

/// Collects items and missing fields while an instrument reads the case.
struct ScoreBuilder {
    var items: [ScoreItem] = []
    var missing: [String] = []
    var notes: [String] = []

    /// Room for the items of the longest instruments (six: SINS, Tokuhashi, Rades), so that
    /// adding them does not regrow the array three times.
    init() { items.reserveCapacity(6) }

    mutating func add(_ item: String, input: String, points: Int, note: String? = nil) {
        items.append(ScoreItem(item, input: input, points: points, note: note))
    }
    mutating func need(_ path: String) {
        if !missing.contains(path) { missing.append(path) }
    }

    func result(bands: [ScoreBand], range: ClosedRange<Int>, citation: String, cap: Int? = nil) -> ScoreResult {
        if !missing.isEmpty {
            return .incomplete(missing: missing, items: items, range: range, citation: citation, notes: notes)
        }
        return .computed(items: items, bands: bands, range: range, citation: citation, cap: cap, notes: notes)
    }
}
