// The worked vignettes V01–V20 of the clinical reference (§16), read at test time from
// shared/clinical/vignettes.json: each case is decoded, assessed, and compared with every key
// of its `expected` block. Per-item points for selected vignettes are copied from reference §16.2.
import Testing
@testable import SpineCore

@Suite("Worked vignettes V01–V20 (reference §16, vignettes.json)")
struct VignetteTests {
    static let ids = [
        "V01", "V02", "V03", "V04", "V05", "V06", "V07", "V08", "V09", "V10",
        "V11", "V12", "V13", "V14", "V15", "V16", "V17", "V18", "V19", "V20",
    ]

    /// Decodes and assesses one vignette's case (assessed on its own `assessedOn`, 2026-03-01).
    static func assessed(_ id: String) throws -> Assessment {
        let v = try TestCases.vignette(id)
        switch CaseDocument.decode(v.caseDocument, today: TestCases.today) {
        case .success(let c):
            return assess(c, today: TestCases.today)
        case .failure(let e):
            throw TestCases.VignetteFileError(description:
                "\(id) case document rejected: \(e.errors.map(\.description).joined(separator: "; "))")
        }
    }

    @Test("vignettes.json is found beside the package and holds exactly V01…V20")
    func fileHoldsTwentyVignettes() throws {
        let all = try TestCases.vignettes.get()
        #expect(all.keys.sorted() == Self.ids)
    }

    @Test("each vignette's assessment matches every key of its expected block", arguments: ids)
    func matchesExpected(id: String) throws {
        let v = try TestCases.vignette(id)
        let a = try Self.assessed(id)
        let s = a.scores
        #expect(!v.expected.keys.isEmpty, "\(id) has no expected results")
        for key in v.expected.keys {
            let expected = try #require(v.expected[key])
            switch key {
            case "sins": compare(s.sins, expected, "\(id) sins")
            case "tokuhashiRevised": compare(s.tokuhashiRevised, expected, "\(id) tokuhashiRevised")
            case "tomita": compare(s.tomita, expected, "\(id) tomita")
            case "bauerModified": compare(s.bauerModified, expected, "\(id) bauerModified")
            case "bauerOriginal": compare(s.bauerOriginal, expected, "\(id) bauerOriginal")
            case "nesms": compare(s.nesms, expected, "\(id) nesms")
            case "rades": compare(s.rades, expected, "\(id) rades")
            case "escc":
                for field in expected.keys {
                    switch field {
                    case "status": #expect(s.escc.status == expected[field]?.stringValue, "\(id) escc.status")
                    case "grade": #expect(s.escc.grade == expected[field]?.stringValue, "\(id) escc.grade")
                    case "highGrade": #expect(s.escc.highGrade == expected[field]?.boolValue, "\(id) escc.highGrade")
                    default: Issue.record("\(id): expected escc.\(field) is not checked by this test")
                    }
                }
            case "urgency":
                for field in expected.keys {
                    switch field {
                    case "level": #expect(a.urgency.level.rawValue == expected[field]?.stringValue, "\(id) urgency.level")
                    default: Issue.record("\(id): expected urgency.\(field) is not checked by this test")
                    }
                }
            default:
                Issue.record("\(id): expected key \(key) is not checked by this test")
            }
        }
    }

    /// Compares a score with its expected `status`, `total` and `category`.
    private func compare(_ r: ScoreResult, _ expected: JSONValue, _ label: String) {
        for field in expected.keys {
            switch field {
            case "status":
                #expect(r.status.rawValue == expected[field]?.stringValue, "\(label).status")
            case "total":
                #expect(r.total == expected[field]?.intValue, "\(label).total")
            case "category":
                #expect(r.category == expected[field]?.stringValue, "\(label).category")
            default:
                Issue.record("\(label): expected field \(field) is not checked by this test")
            }
        }
    }

    // MARK: - Per-item points, written out from reference §16.2

    /// Item points by instrument, in the reference's order.
    struct ItemTable: Sendable, CustomTestStringConvertible {
        var id: String
        /// location, pain, bone lesion, alignment, collapse, posterolateral
        var sins: [Int]
        /// general condition, extraspinal, vertebral body, major organ, primary, palsy
        var tokuhashi: [Int]
        /// primary growth, visceral, bone
        var tomita: [Int]
        /// no visceral, not lung, favourable primary, solitary
        var bauer: [Int]
        /// tumour type, other bone, visceral, interval, ambulatory, motor deficit (nil: not computed)
        var rades: [Int]?
        var testDescription: String { id }
    }

    static let itemTables: [ItemTable] = [
        ItemTable(id: "V01", sins: [1, 1, 2, 0, 0, 0], tokuhashi: [2, 2, 2, 2, 5, 2],
                  tomita: [1, 0, 1], bauer: [1, 1, 1, 1], rades: nil),
        ItemTable(id: "V03", sins: [3, 3, 2, 0, 2, 1], tokuhashi: [1, 1, 1, 0, 0, 1],
                  tomita: [4, 4, 2], bauer: [0, 0, 0, 0], rades: [3, 5, 2, 4, 7, 3]),
        ItemTable(id: "V04", sins: [3, 3, 2, 2, 2, 3], tokuhashi: [2, 2, 2, 1, 3, 2],
                  tomita: [2, 2, 1], bauer: [0, 1, 1, 1], rades: nil),
        ItemTable(id: "V07", sins: [3, 3, 2, 4, 1, 1], tokuhashi: [1, 1, 2, 0, 1, 2],
                  tomita: [4, 4, 2], bauer: [0, 0, 0, 0], rades: nil),
        ItemTable(id: "V13", sins: [1, 1, 0, 0, 0, 0], tokuhashi: [0, 0, 0, 2, 5, 0],
                  tomita: [1, 0, 2], bauer: [1, 1, 0, 0], rades: [7, 5, 7, 7, 3, 3]),
        ItemTable(id: "V17", sins: [3, 3, 2, 4, 3, 3], tokuhashi: [1, 2, 2, 1, 2, 1],
                  tomita: [4, 2, 1], bauer: [0, 1, 0, 1], rades: [4, 7, 2, 7, 7, 5]),
    ]

    static let sinsItems = ["location", "pain", "boneLesion", "alignment", "collapse", "posterolateral"]
    static let tokuhashiItems = ["generalCondition", "extraspinalBoneMetastases", "vertebralBodyMetastases",
                                 "majorOrganMetastases", "primarySite", "palsy"]
    static let tomitaItems = ["primaryGrowth", "visceralMetastases", "boneMetastases"]
    static let bauerItems = ["noVisceralMetastases", "noLungCancer", "favourablePrimary", "solitarySkeletalMetastasis"]
    static let radesItems = ["tumorType", "otherBoneMetastases", "visceralMetastases", "intervalToMSCC",
                             "ambulatoryBeforeRT", "timeDevelopingMotorDeficits"]

    /// The result's points keyed by item name, for the items named (nil where an item is absent).
    private func itemPoints(_ r: ScoreResult, _ names: [String]) -> [Int?] {
        names.map { name in r.items.first { $0.item == name }?.points }
    }

    @Test("per-item points match the vignette tables of reference §16.2", arguments: itemTables)
    func perItemPoints(_ t: ItemTable) throws {
        let s = try Self.assessed(t.id).scores
        #expect(s.sins.items.count == 6, "\(t.id) SINS has six items")
        #expect(itemPoints(s.sins, Self.sinsItems) == t.sins.map(Optional.some), "\(t.id) SINS items")
        #expect(s.sins.total == t.sins.reduce(0, +))
        #expect(s.tokuhashiRevised.items.count == 6, "\(t.id) Tokuhashi has six items")
        #expect(itemPoints(s.tokuhashiRevised, Self.tokuhashiItems) == t.tokuhashi.map(Optional.some), "\(t.id) Tokuhashi items")
        #expect(s.tokuhashiRevised.total == t.tokuhashi.reduce(0, +))
        #expect(itemPoints(s.tomita, Self.tomitaItems) == t.tomita.map(Optional.some), "\(t.id) Tomita items")
        #expect(itemPoints(s.bauerModified, Self.bauerItems) == t.bauer.map(Optional.some), "\(t.id) modified Bauer items")
        if let rades = t.rades {
            #expect(itemPoints(s.rades, Self.radesItems) == rades.map(Optional.some), "\(t.id) Rades items")
            #expect(s.rades.total == rades.reduce(0, +))
        } else {
            #expect(s.rades.status == .notApplicable, "\(t.id) Rades not computed without a motor deficit")
        }
    }
}
