// Vertebral levels C1…S5 in anatomical order, with the SINS location class of each.

/// One vertebra, C1 to S5 (the coccyx is not scored by SINS and not accepted).
public enum VertebralLevel: Int, Sendable, Hashable, Comparable, CaseIterable, Codable {
    case c1, c2, c3, c4, c5, c6, c7
    case t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12
    case l1, l2, l3, l4, l5
    case s1, s2, s3, s4, s5

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    private static let codes: [String] = [
        "C1", "C2", "C3", "C4", "C5", "C6", "C7",
        "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12",
        "L1", "L2", "L3", "L4", "L5",
        "S1", "S2", "S3", "S4", "S5",
    ]
    private static let byCode: [String: VertebralLevel] = Dictionary(
        uniqueKeysWithValues: allCases.map { (codes[$0.rawValue], $0) })

    /// The code as written in the case document, e.g. `T12`.
    public var code: String { Self.codes[rawValue] }

    public init?(code: String) {
        guard let level = Self.byCode[code] else { return nil }
        self = level
    }

    public var region: Region {
        switch self {
        case .c1, .c2, .c3, .c4, .c5, .c6, .c7: .cervical
        case .t1, .t2, .t3, .t4, .t5, .t6, .t7, .t8, .t9, .t10, .t11, .t12: .thoracic
        case .l1, .l2, .l3, .l4, .l5: .lumbar
        case .s1, .s2, .s3, .s4, .s5: .sacral
        }
    }

    public enum Region: String, Sendable {
        case cervical, thoracic, lumbar, sacral
        /// In alphabetical order of the names (how reports list them).
        static let alphabetical: [Region] = [.cervical, .lumbar, .sacral, .thoracic]
    }

    /// Thoracic or lumbar: where percutaneous cement augmentation applies (reference §11.3 R2).
    public var isThoracolumbar: Bool { region == .thoracic || region == .lumbar }

    public init(from decoder: any Decoder) throws {
        let code = try decoder.singleValueContainer().decode(String.self)
        guard let level = VertebralLevel(code: code) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a level"))
        }
        self = level
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(code)
    }

    /// Codes joined for display: `T11–T12` for a contiguous run, else `T4, T6`.
    public static func describe(_ levels: [VertebralLevel]) -> String {
        if levels.count == 1 { return levels[0].code }
        guard var first = levels.first else { return "" }
        // The lowest and highest level decide a contiguous run without sorting a copy.
        var last = first
        for l in levels { first = min(first, l); last = max(last, l) }
        if last.rawValue - first.rawValue == levels.count - 1 { return phrase("\(first.code)–\(last.code)") }
        return levels.sorted().map(\.code).joinedPhrase(separator: ", ")
    }
}
