// Item-by-item and band-by-band tests of every instrument against the clinical reference
// (shared/clinical/reference.md §1–§10, §17; histologies.md; case-format.md "How items are read").
// Every expected value below is copied from the reference, never computed from the code.
import Foundation
import Testing
@testable import SpineCore

// MARK: - Helpers

/// The points of the item named `name`, or nil if the result has no such item.
private func points(_ result: ScoreResult, _ name: String) -> Int? {
    result.items.first { $0.item == name }?.points
}

private func item(_ result: ScoreResult, _ name: String) -> ScoreItem? {
    result.items.first { $0.item == name }
}

private func facts(_ c: Case) -> CaseFacts { CaseFacts(c, today: TestCases.today) }

// MARK: - The test case builder itself

@Suite("Test support: the Swift-built case")
struct TestCaseBuilderTests {
    @Test("makeCase() is a valid case document: it survives encoding and CaseDocument validation unchanged")
    func baselineIsValid() throws {
        let c = TestCases.makeCase()
        let bytes = try JSONEncoder().encode(c)
        let decoded = CaseDocument.decode([UInt8](bytes), today: TestCases.today)
        switch decoded {
        case .success(let d): #expect(d == c)
        case .failure(let e): Issue.record("baseline case rejected: \(e.errors.map(\.description))")
        }
    }

    @Test("makeCase() computes every instrument (V01-like: SINS 4, Tokuhashi 15, Tomita 2, Bauer 4/5, NESMS 3)")
    func baselineScores() {
        let s = assess(TestCases.makeCase(), today: TestCases.today).scores
        #expect(s.sins.total == 4)
        #expect(s.tokuhashiRevised.total == 15)
        #expect(s.tomita.total == 2)
        #expect(s.bauerModified.total == 4)
        #expect(s.bauerOriginal.total == 5)
        #expect(s.nesms.total == 3)
        #expect(s.rades.status == .notApplicable)
    }
}

// MARK: - SINS (reference §1)

/// One lesion's SINS items, for parameterised tests.
struct SinsInput: Sendable, CustomTestStringConvertible {
    var level: [VertebralLevel]
    var pain: LesionPain
    var bone: BoneLesionType
    var alignment: SpinalAlignment
    var collapse: VertebralCollapse
    var posterolateral: PosterolateralInvolvement
    var total: Int
    var category: String
    var label: String

    var lesion: SpinalLesion {
        TestCases.lesion(level, pain: pain, boneLesion: bone, alignment: alignment, collapse: collapse,
                         posterolateral: posterolateral)
    }
    var testDescription: String { "\(label) → \(total) \(category)" }
}

@Suite("SINS (reference §1)")
struct SINSTests {
    typealias SINS = SpinalInstabilityNeoplasticScore

    /// Reference §1.3, written out level by level.
    static let locationTable: [(String, Int)] = [
        ("C1", 3), ("C2", 3),
        ("C3", 2), ("C4", 2), ("C5", 2), ("C6", 2),
        ("C7", 3), ("T1", 3), ("T2", 3),
        ("T3", 1), ("T4", 1), ("T5", 1), ("T6", 1), ("T7", 1), ("T8", 1), ("T9", 1), ("T10", 1),
        ("T11", 3), ("T12", 3), ("L1", 3),
        ("L2", 2), ("L3", 2), ("L4", 2),
        ("L5", 3), ("S1", 3),
        ("S2", 0), ("S3", 0), ("S4", 0), ("S5", 0),
    ]

    @Test("the location table covers every level C1…S5 exactly once")
    func locationTableIsComplete() {
        #expect(Self.locationTable.count == 29)
        #expect(Set(Self.locationTable.map(\.0)) == Set(VertebralLevel.allCases.map(\.code)))
    }

    @Test("location points by level (§1.3)", arguments: locationTable)
    func location(code: String, expected: Int) throws {
        let level = try #require(VertebralLevel(code: code))
        #expect(SINS.locationPoints(level).points == expected)
        // And as scored in a lesion at that level.
        let r = SINS.score(TestCases.lesion([level]), index: 0)
        #expect(points(r, "location") == expected)
    }

    @Test("pain: mechanical 3, occasional 1, pain-free 0",
          arguments: [(LesionPain.mechanical, 3), (LesionPain.occasional, 1), (LesionPain.none, 0)])
    func pain(_ pain: LesionPain, expected: Int) {
        #expect(SINS.points(pain) == expected)
        #expect(points(SINS.score(TestCases.lesion([.t8], pain: pain), index: 0), "pain") == expected)
    }

    @Test("bone lesion: lytic 2, mixed 1, blastic 0",
          arguments: [(BoneLesionType.lytic, 2), (BoneLesionType.mixed, 1), (BoneLesionType.blastic, 0)])
    func bone(_ bone: BoneLesionType, expected: Int) {
        #expect(SINS.points(bone) == expected)
        #expect(points(SINS.score(TestCases.lesion([.t8], boneLesion: bone), index: 0), "boneLesion") == expected)
    }

    @Test("alignment: subluxation 4, de novo deformity 2, normal 0",
          arguments: [(SpinalAlignment.subluxation, 4), (SpinalAlignment.deformity, 2), (SpinalAlignment.normal, 0)])
    func alignment(_ alignment: SpinalAlignment, expected: Int) {
        #expect(SINS.points(alignment) == expected)
        #expect(points(SINS.score(TestCases.lesion([.t8], alignment: alignment), index: 0), "alignment") == expected)
    }

    @Test("collapse: >50 % 3, <50 % 2, no collapse with >50 % involved 1, none 0",
          arguments: [(VertebralCollapse.over50, 3), (VertebralCollapse.under50, 2),
                      (VertebralCollapse.noCollapseOver50Involved, 1), (VertebralCollapse.none, 0)])
    func collapse(_ collapse: VertebralCollapse, expected: Int) {
        #expect(SINS.points(collapse) == expected)
        #expect(points(SINS.score(TestCases.lesion([.t8], collapse: collapse), index: 0), "collapse") == expected)
    }

    @Test("posterolateral: bilateral 3, unilateral 1, none 0",
          arguments: [(PosterolateralInvolvement.bilateral, 3), (PosterolateralInvolvement.unilateral, 1),
                      (PosterolateralInvolvement.none, 0)])
    func posterolateral(_ pl: PosterolateralInvolvement, expected: Int) {
        #expect(SINS.points(pl) == expected)
        #expect(points(SINS.score(TestCases.lesion([.t8], posterolateral: pl), index: 0), "posterolateral") == expected)
    }

    /// Lesions totalling each band edge: 0, 6 | 7, 12 | 13, 18 (§1.2, with §1.4: stable starts at 0).
    static let boundaries: [SinsInput] = [
        SinsInput(level: [.s2], pain: .none, bone: .blastic, alignment: .normal, collapse: .none, posterolateral: .none,
                  total: 0, category: "stable", label: "painless blastic S2"),
        SinsInput(level: [.l3], pain: .mechanical, bone: .mixed, alignment: .normal, collapse: .none, posterolateral: .none,
                  total: 6, category: "stable", label: "L3 mechanical mixed"),
        SinsInput(level: [.l3], pain: .mechanical, bone: .lytic, alignment: .normal, collapse: .none, posterolateral: .none,
                  total: 7, category: "potentially-unstable", label: "L3 mechanical lytic"),
        SinsInput(level: [.t12], pain: .mechanical, bone: .lytic, alignment: .deformity, collapse: .under50, posterolateral: .none,
                  total: 12, category: "potentially-unstable", label: "T12 mechanical lytic deformity <50 %"),
        SinsInput(level: [.t12], pain: .mechanical, bone: .lytic, alignment: .deformity, collapse: .under50, posterolateral: .unilateral,
                  total: 13, category: "unstable", label: "T12 … + unilateral"),
        SinsInput(level: [.l5], pain: .mechanical, bone: .lytic, alignment: .subluxation, collapse: .over50, posterolateral: .bilateral,
                  total: 18, category: "unstable", label: "L5 maximum"),
    ]

    @Test("category boundaries 0,6 | 7,12 | 13,18", arguments: boundaries)
    func categoryBoundaries(_ input: SinsInput) {
        let r = SINS.score(Spine(involvedLevels: input.level, lesions: [input.lesion]))
        #expect(r.status == .computed)
        #expect(r.total == input.total)
        #expect(r.category == input.category)
    }

    /// Reference §17.1: boundary tests from a public JS calculator suite.
    static let published: [SinsInput] = [
        SinsInput(level: [.c4], pain: .mechanical, bone: .mixed, alignment: .normal, collapse: .none, posterolateral: .none,
                  total: 6, category: "stable", label: "§17.1 mobile 2 + mechanical 3 + mixed 1"),
        SinsInput(level: [.c4], pain: .mechanical, bone: .lytic, alignment: .normal, collapse: .none, posterolateral: .none,
                  total: 7, category: "potentially-unstable", label: "§17.1 same with lytic"),
        SinsInput(level: [.c7], pain: .mechanical, bone: .lytic, alignment: .deformity, collapse: .under50, posterolateral: .none,
                  total: 12, category: "potentially-unstable", label: "§17.1 junctional + mechanical + lytic + deformity + <50 %"),
    ]

    @Test("§17.1 published boundary tests", arguments: published)
    func publishedBoundaries(_ input: SinsInput) {
        let r = SINS.score(input.lesion, index: 0)
        #expect(r.total == input.total)
        #expect(r.category == input.category)
    }

    @Test("a lesion spanning T10–T11 takes the higher location points (3) with a note")
    func spanningLesion() throws {
        let r = SINS.score(TestCases.lesion([.t10, .t11]), index: 0)
        let location = try #require(item(r, "location"))
        #expect(location.points == 3)
        let note = try #require(location.note)
        #expect(note.contains("higher"), "the note must flag the higher-points convention: \(note)")
        // A single semi-rigid level gets no such flag.
        let single = try #require(item(SINS.score(TestCases.lesion([.t10]), index: 0), "location"))
        #expect(single.points == 1)
        #expect(single.note?.contains("higher") != true)
    }

    @Test("C1 has no vertebral body: collapse scores 0 with a note, and is not required")
    func c1Collapse() throws {
        for collapse in [nil, VertebralCollapse.none] {
            let r = SINS.score(TestCases.lesion([.c1], collapse: collapse), index: 0)
            #expect(r.status == .computed)
            #expect(r.missing.isEmpty)
            let collapseItem = try #require(item(r, "collapse"))
            #expect(collapseItem.points == 0)
            #expect(collapseItem.note != nil)
            // location 3 + pain 1 + lytic 2
            #expect(r.total == 6)
        }
        // C2 (odontoid) has a body and is scored normally (§1.5).
        #expect(points(SINS.score(TestCases.lesion([.c2], collapse: .under50), index: 0), "collapse") == 2)
    }

    static let missingItems: [(String, SpinalLesion)] = [
        ("pain", TestCases.lesion([.t8], pain: nil)),
        ("boneLesion", TestCases.lesion([.t8], boneLesion: nil)),
        ("alignment", TestCases.lesion([.t8], alignment: nil)),
        ("collapse", TestCases.lesion([.t8], collapse: nil)),
        ("posterolateral", TestCases.lesion([.t8], posterolateral: nil)),
    ]

    @Test("a missing item makes SINS incomplete with its exact field path, never 0", arguments: missingItems)
    func missingItem(field: String, lesion: SpinalLesion) {
        let r = SINS.score(Spine(involvedLevels: [.t8], lesions: [lesion]))
        #expect(r.status == .incomplete)
        #expect(r.total == nil)
        #expect(r.missing == ["spine.lesions[0].\(field)"])
    }

    @Test("missing pain through assess(): incomplete with spine.lesions[0].pain")
    func missingPainInAssessment() {
        let c = TestCases.makeCase(lesions: [TestCases.lesion([.t8], pain: nil)])
        let sins = assess(c, today: TestCases.today).scores.sins
        #expect(sins.status == .incomplete)
        #expect(sins.missing == ["spine.lesions[0].pain"])
        #expect(sins.total == nil)
    }

    @Test("missing pain in a decoded case document: incomplete with spine.lesions[0].pain")
    func missingPainInDocument() throws {
        let text = """
        {"schemaVersion": 1, "patient": {"id": "P1"}, "primaryTumor": {"histology": "breast"},
         "spine": {"involvedLevels": ["T8"], "lesions": [{"levels": ["T8"], "boneLesion": "lytic",
           "alignment": "normal", "collapse": "none", "posterolateral": "none", "escc": "0"}]}}
        """
        let c = try CaseDocument.decode(Array(text.utf8), today: TestCases.today).get()
        let sins = assess(c, today: TestCases.today).scores.sins
        #expect(sins.status == .incomplete)
        #expect(sins.missing == ["spine.lesions[0].pain"])
    }

    @Test("a missing item in the second lesion names spine.lesions[1]")
    func missingInSecondLesion() {
        let spine = Spine(involvedLevels: [.t4, .l3],
                          lesions: [TestCases.lesion([.t4]), TestCases.lesion([.l3], posterolateral: nil)])
        let r = SINS.score(spine)
        #expect(r.status == .incomplete)
        #expect(r.missing == ["spine.lesions[1].posterolateral"])
    }

    @Test("several lesions: the highest-scoring is reported and perLesion keeps each", arguments: [false, true])
    func multipleLesions(highestFirst: Bool) throws {
        // T4: semi-rigid 1 + occasional 1 + lytic 2 = 4. T12: 3 + mechanical 3 + lytic 2 + <50 % 2 = 10.
        let low = TestCases.lesion([.t4])
        let high = TestCases.lesion([.t12], pain: .mechanical, collapse: .under50)
        let lesions = highestFirst ? [high, low] : [low, high]
        let r = SINS.score(Spine(involvedLevels: [.t4, .t12], lesions: lesions))
        #expect(r.status == .computed)
        #expect(r.total == 10)
        #expect(r.category == "potentially-unstable")
        #expect(r.lesion == "T12")
        let per = try #require(r.perLesion)
        #expect(per.count == 2)
        #expect(per.map(\.total) == (highestFirst ? [10, 4] : [4, 10]))
        #expect(per.map(\.lesion) == (highestFirst ? ["T12", "T4"] : ["T4", "T12"]))
    }
}

// MARK: - Reference §17.2: the valid positive case from the Julia model

@Suite("Reference §17.2 positive test: T12 lung")
struct PublishedPositiveTests {
    @Test("metastasis_t12_lung: SINS (3,3,2,2,2,1)=13 unstable, Tokuhashi (1,0,1,0,0,1)=3, Tomita (4,4,2)=10")
    func t12Lung() {
        let lesion = TestCases.lesion([.t12], pain: .mechanical, boneLesion: .lytic, alignment: .deformity,
                                      collapse: .under50, posterolateral: .unilateral, escc: .g1a)
        let c = TestCases.makeCase(histology: "lung-nsclc", lesions: [lesion], involvedLevels: [.t12, .l1]) { c in
            c.performance.karnofsky = 60                  // moderate → 1
            c.otherMetastases.extraspinalBoneCount = 3   // ≥3 → 0
            c.otherMetastases.visceral = TestCases.visceral([.liver], removable: false, treatable: false)
            c.neurology.frankel = .d                      // incomplete palsy → 1
            c.neurology.deficit = .radiculopathy
            c.neurology.ambulation = .withAid
        }
        let s = assess(c, today: TestCases.today).scores
        #expect(s.sins.items.map(\.points) == [3, 3, 2, 2, 2, 1])
        #expect(s.sins.total == 13)
        #expect(s.sins.category == "unstable")
        #expect(points(s.tokuhashiRevised, "generalCondition") == 1)
        #expect(points(s.tokuhashiRevised, "extraspinalBoneMetastases") == 0)
        #expect(points(s.tokuhashiRevised, "vertebralBodyMetastases") == 1)
        #expect(points(s.tokuhashiRevised, "majorOrganMetastases") == 0)
        #expect(points(s.tokuhashiRevised, "primarySite") == 0)
        #expect(points(s.tokuhashiRevised, "palsy") == 1)
        #expect(s.tokuhashiRevised.total == 3)
        #expect(s.tomita.items.map(\.points) == [4, 4, 2])
        #expect(s.tomita.total == 10)
    }
}

// MARK: - Revised Tokuhashi (reference §3)

@Suite("Revised Tokuhashi 2005 (reference §3)")
struct TokuhashiTests {
    typealias Tokuhashi = RevisedTokuhashiScore

    @Test("general condition: KPS 10–40 → 0, 50–70 → 1, 80–100 → 2",
          arguments: [(10, 0), (20, 0), (30, 0), (40, 0), (50, 1), (60, 1), (70, 1), (80, 2), (90, 2), (100, 2)])
    func generalCondition(kps: Int, expected: Int) {
        #expect(Tokuhashi.conditionPoints(karnofsky: kps) == expected)
        let c = TestCases.makeCase { $0.performance.karnofsky = kps }
        #expect(points(Tokuhashi.score(facts(c)), "generalCondition") == expected)
    }

    @Test("extraspinal bone metastasis foci: 0 → 2, 1–2 → 1, ≥3 → 0",
          arguments: [(0, 2), (1, 1), (2, 1), (3, 0), (7, 0)])
    func extraspinal(count: Int, expected: Int) {
        #expect(Tokuhashi.extraspinalPoints(count) == expected)
        let c = TestCases.makeCase { $0.otherMetastases.extraspinalBoneCount = count }
        #expect(points(Tokuhashi.score(facts(c)), "extraspinalBoneMetastases") == expected)
        #expect(Tokuhashi.score(facts(c)).items.first { $0.item == "extraspinalBoneMetastases" }?.input
                == (count == 1 ? "1 focus" : "\(count) foci"))
    }

    @Test("vertebral-body metastases (involved vertebrae): 1 → 2, 2 → 1, ≥3 → 0",
          arguments: [(1, 2), (2, 1), (3, 0), (4, 0)])
    func vertebral(count: Int, expected: Int) {
        #expect(Tokuhashi.vertebralPoints(count) == expected)
        let involved = Array([VertebralLevel.t8, .t4, .l2, .l4].prefix(count))
        let c = TestCases.makeCase(involvedLevels: involved)
        #expect(points(Tokuhashi.score(facts(c)), "vertebralBodyMetastases") == expected)
        #expect(Tokuhashi.score(facts(c)).items.first { $0.item == "vertebralBodyMetastases" }?.input
                == (count == 1 ? "1 vertebra" : "\(count) vertebrae"))
    }

    static let majorOrgan: [(String, Visceral?, Int)] = [
        ("none", nil, 2),
        ("removable liver", TestCases.visceral([.liver], removable: true, treatable: true), 1),
        ("unremovable lung + brain", TestCases.visceral([.lung, .brain], removable: false, treatable: false), 0),
        ("only adrenal (not a major organ)", TestCases.visceral([.adrenal], removable: false, treatable: false), 2),
    ]

    @Test("major internal organ metastases: none 2, removable 1, unremovable 0; adrenal only → 2",
          arguments: majorOrgan)
    func majorOrganMetastases(label: String, visceral: Visceral?, expected: Int) {
        let c = TestCases.makeCase { c in
            if let visceral { c.otherMetastases.visceral = visceral }
        }
        #expect(points(Tokuhashi.score(facts(c)), "majorOrganMetastases") == expected)
    }

    /// histologies.md, column "Tokuhashi 2005 primary (§3)", every row.
    static let primaryTable: [(String, Int)] = [
        ("breast", 5), ("prostate", 5), ("thyroid", 5), ("neuroendocrine", 5),
        ("kidney", 3), ("uterus", 3), ("rectum", 4), ("colon", 2),
        ("lung-nsclc", 0), ("lung-sclc", 0), ("liver", 1), ("gallbladder", 1),
        ("stomach", 0), ("esophagus", 0), ("pancreas", 0), ("bladder", 0),
        ("osteosarcoma", 0), ("sarcoma", 2), ("melanoma", 2), ("myeloma", 2),
        ("plasmacytoma", 2), ("lymphoma", 2), ("leukemia", 2), ("germ-cell", 2),
        ("ovary", 2), ("head-neck", 2), ("unknown-primary", 1), ("other", 2),
    ]

    @Test("the primary-site table covers exactly the histology catalogue")
    func primaryTableIsComplete() {
        #expect(Self.primaryTable.count == 28)
        #expect(Set(Self.primaryTable.map(\.0)) == Set(HistologyCatalogue.entries.map(\.code)))
    }

    @Test("primary site points per histologies.md", arguments: primaryTable)
    func primarySite(histology: String, expected: Int) {
        let c = TestCases.makeCase(histology: histology)
        #expect(points(Tokuhashi.score(facts(c)), "primarySite") == expected)
    }

    @Test("palsy: Frankel A, B → 0; C, D → 1; E → 2",
          arguments: [(NeurologicalGrade.a, 0), (NeurologicalGrade.b, 0), (NeurologicalGrade.c, 1),
                      (NeurologicalGrade.d, 1), (NeurologicalGrade.e, 2)])
    func palsy(grade: NeurologicalGrade, expected: Int) {
        #expect(Tokuhashi.palsyPoints(grade) == expected)
        let c = TestCases.makeCase { c in
            c.neurology.frankel = grade
            if grade != .e { c.neurology.deficit = .myelopathy; c.neurology.motorDeficitDays = 3 }
        }
        #expect(points(Tokuhashi.score(facts(c)), "palsy") == expected)
    }

    /// Totals 8 | 9 and 11 | 12 (§3.2). The 8 is the §17.1 boundary test:
    /// KPS good 2 + extraspinal 1–2 → 1 + 2 vertebrae → 1 + removable 1 + "other" 2 + Frankel C/D 1.
    static let bandCases: [(String, Case, Int, String)] = [
        ("§17.1 total 8", TestCases.makeCase(histology: "other", involvedLevels: [.t8, .t9]) { c in
            c.otherMetastases.extraspinalBoneCount = 1
            c.otherMetastases.visceral = TestCases.visceral([.lung], removable: true, treatable: true)
            c.neurology.frankel = .d
            c.neurology.deficit = .radiculopathy
        }, 8, "under-6-months"),
        ("total 9 (the same with Frankel E)", TestCases.makeCase(histology: "other", involvedLevels: [.t8, .t9]) { c in
            c.otherMetastases.extraspinalBoneCount = 1
            c.otherMetastases.visceral = TestCases.visceral([.lung], removable: true, treatable: true)
        }, 9, "6-months-or-more"),
        ("total 11: KPS 90, 0, 1, none, other, Frankel D", TestCases.makeCase(histology: "other") { c in
            c.neurology.frankel = .d
            c.neurology.deficit = .radiculopathy
        }, 11, "6-months-or-more"),
        ("total 12: the same with Frankel E", TestCases.makeCase(histology: "other"), 12, "12-months-or-more"),
    ]

    @Test("category boundaries 8 | 9 and 11 | 12", arguments: bandCases)
    func bands(label: String, c: Case, total: Int, category: String) {
        let r = Tokuhashi.score(facts(c))
        #expect(r.status == .computed)
        #expect(r.total == total)
        #expect(r.category == category)
    }

    @Test("ECOG only: ECOG 1 (KPS 70–80) takes the lower points, approximate, alternative total + 1")
    func ecogOne() throws {
        let c = TestCases.makeCase { $0.performance.karnofsky = nil; $0.performance.ecog = 1 }
        let r = Tokuhashi.score(facts(c))
        #expect(r.status == .computed)
        let condition = try #require(item(r, "generalCondition"))
        #expect(condition.points == 1)
        #expect(condition.note != nil)
        #expect(r.approximate == true)
        // 1 + 2 + 2 + 2 + 5 + 2 = 14; with KPS 80 it would be 15.
        #expect(r.total == 14)
        let total = try #require(r.total)
        #expect(r.alternativeTotal == total + 1)
        // The alternative comes from the higher Karnofsky of the band (80), not from another ECOG.
        #expect(r.notes.contains("with the higher Karnofsky reading (80) the total is 15, in the same category"))
    }

    @Test("ECOG 5 reads as Karnofsky 0, not a range 0–0")
    func ecogFive() throws {
        let c = TestCases.makeCase { $0.performance.karnofsky = nil; $0.performance.ecog = 5 }
        let condition = try #require(item(Tokuhashi.score(facts(c)), "generalCondition"))
        #expect(condition.points == 0)
        #expect(condition.note == "only ECOG given: read as Karnofsky 0 by the conventional mapping")
        #expect(PerformanceStatusScale.assess(c.performance).karnofskyRange == "0")
    }

    @Test("ECOG only, not straddling a band: ECOG 0 → 2, 2 → 1, 3 → 0, 4 → 0, not approximate",
          arguments: [(0, 2), (2, 1), (3, 0), (4, 0)])
    func ecogOther(ecog: Int, expected: Int) {
        let c = TestCases.makeCase { $0.performance.karnofsky = nil; $0.performance.ecog = ecog }
        let r = Tokuhashi.score(facts(c))
        #expect(points(r, "generalCondition") == expected)
        #expect(r.approximate == false)
        #expect(r.alternativeTotal == nil)
    }

    @Test("Karnofsky given: not approximate, no alternative total")
    func karnofskyNotApproximate() {
        let r = Tokuhashi.score(facts(TestCases.makeCase()))
        #expect(r.approximate == false)
        #expect(r.alternativeTotal == nil)
    }

    @Test("ASIA only: read as the same Frankel letter, with a note",
          arguments: [(NeurologicalGrade.a, 0), (NeurologicalGrade.c, 1), (NeurologicalGrade.d, 1), (NeurologicalGrade.e, 2)])
    func asiaOnly(asia: NeurologicalGrade, expected: Int) throws {
        let c = TestCases.makeCase { c in
            c.neurology.frankel = nil
            c.neurology.asia = asia
            if asia != .e { c.neurology.deficit = .myelopathy; c.neurology.motorDeficitDays = 2 }
        }
        let r = Tokuhashi.score(facts(c))
        #expect(r.status == .computed)
        let palsy = try #require(item(r, "palsy"))
        #expect(palsy.points == expected)
        #expect(palsy.note?.contains("ASIA") == true)
        // The neurological status panel shows the derived Frankel grade, flagged (§10.2).
        let status = assess(c, today: TestCases.today).scores.neurologicalStatus
        #expect(status.frankel == asia.rawValue)
        #expect(status.frankelFromAsia == true)
        #expect(status.note != nil)
    }

    @Test("neither Karnofsky nor ECOG: incomplete, listing performance.karnofsky")
    func missingPerformance() {
        let c = TestCases.makeCase { $0.performance = Performance() }
        let r = assess(c, today: TestCases.today).scores.tokuhashiRevised
        #expect(r.status == .incomplete)
        #expect(r.total == nil)
        #expect(r.missing == ["performance.karnofsky"])
    }
}

// MARK: - Tomita (reference §4)

@Suite("Tomita 2001 (reference §4)")
struct TomitaTests {
    @Test("primary growth: slow 1, moderate 2, rapid 4",
          arguments: [(TomitaGrowth.slow, 1), (TomitaGrowth.moderate, 2), (TomitaGrowth.rapid, 4)])
    func growth(_ growth: TomitaGrowth, expected: Int) {
        #expect(TomitaScore.points(growth) == expected)
    }

    static let visceralCases: [(String, Visceral?, Int)] = [
        ("none", nil, 0),
        ("treatable", TestCases.visceral([.lung], removable: false, treatable: true), 2),
        ("untreatable", TestCases.visceral([.liver], removable: false, treatable: false), 4),
    ]

    @Test("visceral metastases: none 0, treatable 2, untreatable 4", arguments: visceralCases)
    func visceral(label: String, visceral: Visceral?, expected: Int) {
        let c = TestCases.makeCase { c in if let visceral { c.otherMetastases.visceral = visceral } }
        #expect(points(TomitaScore.score(facts(c)), "visceralMetastases") == expected)
    }

    static let boneCases: [(String, [VertebralLevel], Int, Int)] = [
        ("one vertebra, no extraspinal focus: solitary", [.t8], 0, 1),
        ("two vertebrae: multiple", [.t8, .t9], 0, 2),
        ("one vertebra + one extraspinal focus: multiple", [.t8], 1, 2),
    ]

    @Test("bone metastases: solitary 1, multiple 2", arguments: boneCases)
    func bone(label: String, involved: [VertebralLevel], extraspinal: Int, expected: Int) {
        let c = TestCases.makeCase(lesions: [TestCases.lesion([.t8])], involvedLevels: involved) {
            $0.otherMetastases.extraspinalBoneCount = extraspinal
        }
        #expect(points(TomitaScore.score(facts(c)), "boneMetastases") == expected)
    }

    /// Totals on each side of 3 | 4, 5 | 6 and 7 | 8 (§4.2); 2, 3 and 4 are the §17.1 cases.
    /// (histology, visceral, involved vertebrae, total, category)
    static let bandCases: [(String, Visceral?, [VertebralLevel], Int, String)] = [
        ("breast", nil, [.t8], 2, "wide-or-marginal-excision"),                 // slow 1 + none 0 + solitary 1
        ("kidney", nil, [.t8], 3, "wide-or-marginal-excision"),                 // moderate 2 + 0 + 1
        ("kidney", nil, [.t8, .t9], 4, "marginal-or-intralesional-excision"),   // moderate 2 + 0 + multiple 2
        ("lung-nsclc", nil, [.t8], 5, "marginal-or-intralesional-excision"),    // rapid 4 + 0 + 1
        ("lung-nsclc", nil, [.t8, .t9], 6, "palliative-surgery"),               // 4 + 0 + 2
        ("lung-nsclc", TestCases.visceral([.lung], removable: false, treatable: true), [.t8], 7, "palliative-surgery"), // 4 + 2 + 1
        ("lung-nsclc", TestCases.visceral([.lung], removable: false, treatable: true), [.t8, .t9], 8, "supportive-care"), // 4 + 2 + 2
        ("lung-nsclc", TestCases.visceral([.liver], removable: false, treatable: false), [.t8, .t9], 10, "supportive-care"), // 4 + 4 + 2
    ]

    @Test("category boundaries 3 | 4, 5 | 6, 7 | 8", arguments: bandCases)
    func bands(histology: String, visceral: Visceral?, involved: [VertebralLevel], total: Int, category: String) {
        let c = TestCases.makeCase(histology: histology, involvedLevels: involved) { c in
            if let visceral { c.otherMetastases.visceral = visceral }
        }
        let r = TomitaScore.score(facts(c))
        #expect(r.status == .computed)
        #expect(r.total == total)
        #expect(r.category == category)
    }

    /// histologies.md, column "Tomita 2001 growth (§4)": nil = "—" (no growth class), and whether
    /// the class is a conventional assignment (†).
    static let growthTable: [(String, TomitaGrowth?, Bool)] = [
        ("breast", .slow, false), ("prostate", .slow, false), ("thyroid", .slow, false), ("neuroendocrine", .slow, true),
        ("kidney", .moderate, false), ("uterus", .moderate, false), ("rectum", .rapid, true), ("colon", .rapid, true),
        ("lung-nsclc", .rapid, false), ("lung-sclc", .rapid, false), ("liver", .rapid, false), ("gallbladder", .rapid, true),
        ("stomach", .rapid, false), ("esophagus", .rapid, true), ("pancreas", .rapid, true), ("bladder", .rapid, true),
        ("osteosarcoma", .rapid, true), ("sarcoma", .rapid, true), ("melanoma", .rapid, true), ("myeloma", nil, false),
        ("plasmacytoma", nil, false), ("lymphoma", nil, false), ("leukemia", nil, false), ("germ-cell", nil, false),
        ("ovary", nil, false), ("head-neck", nil, false), ("unknown-primary", .rapid, false), ("other", nil, false),
    ]

    @Test("the growth table covers exactly the histology catalogue")
    func growthTableIsComplete() {
        #expect(Set(Self.growthTable.map(\.0)) == Set(HistologyCatalogue.entries.map(\.code)))
    }

    @Test("growth points per histologies.md; † carries a convention note; — is incomplete", arguments: growthTable)
    func growthByHistology(histology: String, growth: TomitaGrowth?, conventional: Bool) throws {
        let r = TomitaScore.score(facts(TestCases.makeCase(histology: histology)))
        guard let growth else {
            #expect(r.status == .incomplete)
            #expect(r.total == nil)
            #expect(r.missing == ["primaryTumor.tomitaGrowth"])
            return
        }
        let expected = switch growth { case .slow: 1; case .moderate: 2; case .rapid: 4 }
        let g = try #require(item(r, "primaryGrowth"))
        #expect(g.points == expected)
        if conventional {
            #expect(g.note?.contains("convention") == true, "a † growth class must say it was assigned by convention")
        } else {
            #expect(g.note?.contains("convention") != true, "a printed growth class must not be flagged as a convention")
        }
    }

    @Test("myeloma has no growth class: incomplete with primaryTumor.tomitaGrowth")
    func myelomaIncomplete() {
        let r = assess(TestCases.makeCase(histology: "myeloma"), today: TestCases.today).scores.tomita
        #expect(r.status == .incomplete)
        #expect(r.missing == ["primaryTumor.tomitaGrowth"])
        #expect(r.total == nil)
    }

    @Test("primaryTumor.tomitaGrowth overrides the catalogue",
          arguments: [("myeloma", TomitaGrowth.moderate, 2), ("breast", TomitaGrowth.rapid, 4), ("lung-nsclc", TomitaGrowth.slow, 1)])
    func override(histology: String, growth: TomitaGrowth, expected: Int) {
        let c = TestCases.makeCase(histology: histology) { $0.primaryTumor.tomitaGrowth = growth }
        let r = TomitaScore.score(facts(c))
        #expect(r.status == .computed)
        #expect(points(r, "primaryGrowth") == expected)
        // + no visceral 0 + solitary 1
        #expect(r.total == expected + 1)
    }
}

// MARK: - Bauer (reference §5)

@Suite("Modified and original Bauer (reference §5)")
struct BauerTests {
    /// histologies.md: "lung primary (Bauer)" → the "no lung cancer" point, and "favourable primary".
    static let histologyTable: [(String, Int, Int)] = [
        ("breast", 1, 1), ("prostate", 1, 0), ("thyroid", 1, 0), ("neuroendocrine", 1, 0),
        ("kidney", 1, 1), ("uterus", 1, 0), ("rectum", 1, 0), ("colon", 1, 0),
        ("lung-nsclc", 0, 0), ("lung-sclc", 0, 0), ("liver", 1, 0), ("gallbladder", 1, 0),
        ("stomach", 1, 0), ("esophagus", 1, 0), ("pancreas", 1, 0), ("bladder", 1, 0),
        ("osteosarcoma", 1, 0), ("sarcoma", 1, 0), ("melanoma", 1, 0), ("myeloma", 1, 1),
        ("plasmacytoma", 1, 1), ("lymphoma", 1, 1), ("leukemia", 1, 0), ("germ-cell", 1, 0),
        ("ovary", 1, 0), ("head-neck", 1, 0), ("unknown-primary", 0, 0), ("other", 1, 0),
    ]

    @Test("the Bauer histology table covers exactly the histology catalogue")
    func tableIsComplete() {
        #expect(Set(Self.histologyTable.map(\.0)) == Set(HistologyCatalogue.entries.map(\.code)))
    }

    @Test("no-lung-cancer and favourable-primary points per histologies.md", arguments: histologyTable)
    func primaryFactors(histology: String, noLung: Int, favourable: Int) {
        let r = ModifiedBauerScore.score(facts(TestCases.makeCase(histology: histology)))
        #expect(points(r, "noLungCancer") == noLung)
        #expect(points(r, "favourablePrimary") == favourable)
    }

    @Test("unknown primary gets no 'no lung cancer' point, and says why")
    func unknownPrimary() throws {
        let r = ModifiedBauerScore.score(facts(TestCases.makeCase(histology: "unknown-primary")))
        let noLung = try #require(item(r, "noLungCancer"))
        #expect(noLung.points == 0)
        #expect(noLung.note != nil)
    }

    static let visceralCases: [(String, Visceral?, Int)] = [
        ("none", nil, 1),
        ("liver", TestCases.visceral([.liver], removable: true, treatable: true), 0),
        ("adrenal only (any visceral site counts for Bauer)", TestCases.visceral([.adrenal], removable: false, treatable: true), 0),
    ]

    @Test("no visceral metastases: 1, else 0", arguments: visceralCases)
    func visceral(label: String, visceral: Visceral?, expected: Int) {
        let c = TestCases.makeCase { c in if let visceral { c.otherMetastases.visceral = visceral } }
        #expect(points(ModifiedBauerScore.score(facts(c)), "noVisceralMetastases") == expected)
    }

    @Test("one solitary skeletal metastasis: 1; several vertebrae or an extraspinal focus: 0",
          arguments: [([VertebralLevel.t8], 0, 1), ([VertebralLevel.t8, .t9], 0, 0), ([VertebralLevel.t8], 2, 0)])
    func solitary(involved: [VertebralLevel], extraspinal: Int, expected: Int) {
        let c = TestCases.makeCase(involvedLevels: involved) { $0.otherMetastases.extraspinalBoneCount = extraspinal }
        #expect(points(ModifiedBauerScore.score(facts(c)), "solitarySkeletalMetastasis") == expected)
    }

    /// (histology, visceral present, involved vertebrae, total, category): 0–1 | 2 | 3–4 (§5.1).
    static let bandCases: [(String, Bool, [VertebralLevel], Int, String)] = [
        ("lung-nsclc", true, [.t8, .t9], 0, "supportive-care"),
        ("prostate", true, [.t8, .t9], 1, "supportive-care"),
        ("prostate", false, [.t8, .t9], 2, "posterior-palliative-surgery"),
        ("prostate", false, [.t8], 3, "anterior-posterior-surgery"),
        ("breast", false, [.t8], 4, "anterior-posterior-surgery"),
    ]

    @Test("modified Bauer bands 0–1 | 2 | 3–4", arguments: bandCases)
    func modifiedBands(histology: String, visceralPresent: Bool, involved: [VertebralLevel], total: Int, category: String) {
        let c = TestCases.makeCase(histology: histology, involvedLevels: involved) { c in
            if visceralPresent { c.otherMetastases.visceral = TestCases.visceral([.liver], removable: false, treatable: false) }
        }
        let r = ModifiedBauerScore.score(facts(c))
        #expect(r.status == .computed)
        #expect(r.total == total)
        #expect(r.category == category)
    }

    @Test("original Bauer adds 'no pathological fracture' only without collapse over or under 50 %",
          arguments: [(VertebralCollapse.over50, 0), (VertebralCollapse.under50, 0),
                      (VertebralCollapse.noCollapseOver50Involved, 1), (VertebralCollapse.none, 1)])
    func originalFracture(collapse: VertebralCollapse, expected: Int) {
        let c = TestCases.makeCase(lesions: [TestCases.lesion([.t8], collapse: collapse)])
        let modified = ModifiedBauerScore.score(facts(c))
        let original = OriginalBauerScore.score(facts(c))
        #expect(points(original, "noPathologicalFracture") == expected)
        #expect(modified.total == 4)
        #expect(original.total == 4 + expected)
    }

    @Test("original Bauer: a collapse in any lesion is a pathological fracture")
    func originalFractureInSecondLesion() {
        let c = TestCases.makeCase(lesions: [TestCases.lesion([.t4]), TestCases.lesion([.l2], collapse: .under50)])
        #expect(points(OriginalBauerScore.score(facts(c)), "noPathologicalFracture") == 0)
    }
}

// MARK: - NESMS (reference §6, SpineBoard decision 3)

@Suite("NESMS (reference §6)")
struct NESMSTests {
    private func nesms(_ c: Case) -> ScoreResult {
        let f = facts(c)
        return NewEnglandSpinalMetastasisScore.score(f, modifiedBauer: ModifiedBauerScore.score(f))
    }

    @Test("modified Bauer ≥3 → 2, else 0 (Bauer 2 vs 3)",
          arguments: [([VertebralLevel.t8, .t9], 2, 0), ([VertebralLevel.t8], 3, 2)])
    func bauerComponent(involved: [VertebralLevel], bauer: Int, expected: Int) {
        // prostate, no visceral metastases: 1 + 1 + 0 + (solitary T8 → 1; T8–T9 → 0)
        let c = TestCases.makeCase(histology: "prostate", involvedLevels: involved)
        #expect(ModifiedBauerScore.score(facts(c)).total == bauer)
        #expect(points(nesms(c), "modifiedBauer") == expected)
    }

    @Test("ambulation: independent 1, with aid 0, non-ambulatory 0",
          arguments: [(Ambulation.independent, 1), (Ambulation.withAid, 0), (Ambulation.nonAmbulatory, 0)])
    func ambulation(_ a: Ambulation, expected: Int) {
        let c = TestCases.makeCase { $0.neurology.ambulation = a }
        #expect(points(nesms(c), "ambulation") == expected)
    }

    @Test("albumin ≥3.5 g/dL (≥35 g/L) → 1",
          arguments: [(3.4, AlbuminUnit.gramsPerDecilitre, 0), (3.5, AlbuminUnit.gramsPerDecilitre, 1),
                      (34.0, AlbuminUnit.gramsPerLitre, 0), (35.0, AlbuminUnit.gramsPerLitre, 1)])
    func albumin(value: Double, unit: AlbuminUnit, expected: Int) {
        let c = TestCases.makeCase { $0.labs.albumin = Albumin(value: value, unit: unit) }
        #expect(points(nesms(c), "albumin") == expected)
    }

    /// Rounding for display never moves a value across the 3.5 g/dL threshold it was scored by.
    @Test("albumin as shown agrees with its point",
          arguments: [(34.99, AlbuminUnit.gramsPerLitre, "34.99 g/L (= 3.499 g/dL)", 0),
                      (3.4999, AlbuminUnit.gramsPerDecilitre, "3.4999 g/dL", 0),
                      (34.996, AlbuminUnit.gramsPerLitre, "34.996 g/L (= 3.4996 g/dL)", 0),
                      (3.504, AlbuminUnit.gramsPerDecilitre, "3.5 g/dL", 1),
                      (41, AlbuminUnit.gramsPerLitre, "41 g/L (= 4.1 g/dL)", 1),
                      (3.25, AlbuminUnit.gramsPerDecilitre, "3.25 g/dL", 0)])
    func albuminShown(value: Double, unit: AlbuminUnit, shown: String, expected: Int) throws {
        let c = TestCases.makeCase { $0.labs.albumin = Albumin(value: value, unit: unit) }
        let i = try #require(item(nesms(c), "albumin"))
        #expect(i.input == shown)
        #expect(i.points == expected)
    }

    @Test("capped at 3: raw sum 4 → 3")
    func cap() {
        // breast solitary T8: Bauer 4 → 2; independent → 1; albumin 4.0 → 1.
        let r = nesms(TestCases.makeCase())
        #expect(r.items.map(\.points).reduce(0, +) == 4)
        #expect(r.total == 3)
    }

    @Test("uncapped totals are the plain sum (Bauer 2, with aid, albumin 3.4 → 0; Bauer 3, independent, 3.4 → 3)")
    func plainSums() {
        let low = TestCases.makeCase(histology: "prostate", involvedLevels: [.t8, .t9]) {
            $0.neurology.ambulation = .withAid
            $0.labs.albumin = Albumin(value: 3.4, unit: .gramsPerDecilitre)
        }
        #expect(nesms(low).total == 0)
        let three = TestCases.makeCase(histology: "prostate") {
            $0.labs.albumin = Albumin(value: 3.4, unit: .gramsPerDecilitre)
        }
        #expect(nesms(three).total == 3)
    }

    @Test("missing albumin: incomplete with labs.albumin")
    func missingAlbumin() {
        let c = TestCases.makeCase { $0.labs.albumin = nil }
        let r = assess(c, today: TestCases.today).scores.nesms
        #expect(r.status == .incomplete)
        #expect(r.total == nil)
        #expect(r.missing == ["labs.albumin"])
    }
}

// MARK: - Rades 2008 (reference §8.1, case-format.md)

/// One Rades case: every item chosen, with its expected total and group.
struct RadesInput: Sendable, CustomTestStringConvertible {
    var histology: String
    var otherBone: Bool
    var visceral: Bool
    var months: Int
    var ambulation: Ambulation
    var days: Int
    var total: Int
    var category: String

    var c: Case {
        TestCases.makeCase(histology: histology) { c in
            c.otherMetastases.extraspinalBoneCount = otherBone ? 1 : 0
            if visceral { c.otherMetastases.visceral = TestCases.visceral([.liver], removable: false, treatable: false) }
            c.primaryTumor.monthsFromDiagnosisToSpinalMetastasis = months
            c.neurology.ambulation = ambulation
            c.neurology.frankel = ambulation == .nonAmbulatory ? .c : .d
            c.neurology.deficit = .myelopathy
            c.neurology.motorDeficitDays = days
        }
    }
    var testDescription: String { "\(histology) bone:\(otherBone) visceral:\(visceral) \(months) mo \(ambulation.rawValue) \(days) d → \(total)" }
}

@Suite("Rades 2008 survival score (reference §8.1)")
struct RadesTests {
    /// A case with a motor deficit, so Rades applies: breast, single T8 lesion, no other bone or
    /// visceral metastases, 24 months, walking independently, deficit for 10 days.
    private func deficitCase(histology: String = "breast", _ modify: (inout Case) -> Void = { _ in }) -> Case {
        TestCases.makeCase(histology: histology) { c in
            c.neurology.frankel = .d
            c.neurology.deficit = .myelopathy
            c.neurology.motorDeficitDays = 10
            modify(&c)
        }
    }

    private func rades(_ c: Case) -> ScoreResult { RadesSurvivalScore.score(facts(c)) }

    @Test("not applicable without neurology.motorDeficitDays")
    func notApplicable() {
        let r = assess(TestCases.makeCase(), today: TestCases.today).scores.rades
        #expect(r.status == .notApplicable)
        #expect(r.total == nil)
        #expect(r.reason != nil)
        // A radiculopathy without a recorded motor-deficit duration: still not applicable.
        let radic = TestCases.makeCase { $0.neurology.deficit = .radiculopathy }
        #expect(rades(radic).status == .notApplicable)
    }

    /// histologies.md, column "Rades 2008 tumour type (§8)", every row.
    static let tumourTable: [(String, Int)] = [
        ("breast", 8), ("prostate", 7), ("thyroid", 4), ("neuroendocrine", 4),
        ("kidney", 4), ("uterus", 4), ("rectum", 4), ("colon", 4),
        ("lung-nsclc", 3), ("lung-sclc", 3), ("liver", 4), ("gallbladder", 4),
        ("stomach", 4), ("esophagus", 4), ("pancreas", 4), ("bladder", 4),
        ("osteosarcoma", 4), ("sarcoma", 4), ("melanoma", 4), ("myeloma", 9),
        ("plasmacytoma", 9), ("lymphoma", 9), ("leukemia", 4), ("germ-cell", 4),
        ("ovary", 4), ("head-neck", 4), ("unknown-primary", 4), ("other", 4),
    ]

    @Test("the tumour-type table covers exactly the histology catalogue")
    func tumourTableIsComplete() {
        #expect(Set(Self.tumourTable.map(\.0)) == Set(HistologyCatalogue.entries.map(\.code)))
    }

    @Test("tumour type: breast 8, prostate 7, myeloma/lymphoma 9, lung 3, other 4", arguments: tumourTable)
    func tumourType(histology: String, expected: Int) {
        #expect(points(rades(deficitCase(histology: histology)), "tumorType") == expected)
    }

    @Test("other bone metastases: none → 7")
    func noOtherBone() {
        #expect(points(rades(deficitCase()), "otherBoneMetastases") == 7)
    }

    @Test("other bone metastases: an extraspinal focus → 5")
    func extraspinalFocus() {
        #expect(points(rades(deficitCase { $0.otherMetastases.extraspinalBoneCount = 1 }), "otherBoneMetastases") == 5)
    }

    @Test("other bone metastases: an involved vertebra outside the lesion → 5")
    func vertebraOutsideLesion() {
        let c = deficitCase { $0.spine.involvedLevels = [.t8, .l2] }
        #expect(points(rades(c), "otherBoneMetastases") == 5)
    }

    @Test("other bone metastases: a multi-level lesion holding every involved vertebra → 7")
    func multiLevelLesionOnly() {
        let c = deficitCase { $0.spine = Spine(involvedLevels: [.t8, .t9], lesions: [TestCases.lesion([.t8, .t9], escc: .g2)]) }
        #expect(points(rades(c), "otherBoneMetastases") == 7)
    }

    @Test("other bone metastases: a second lesion outside the most compressive one → 5")
    func secondLesion() {
        let c = deficitCase {
            $0.spine = Spine(involvedLevels: [.t4, .l2],
                             lesions: [TestCases.lesion([.t4], escc: .g0), TestCases.lesion([.l2], escc: .g3)])
        }
        #expect(points(rades(c), "otherBoneMetastases") == 5)
    }

    @Test("visceral metastases: yes 2, no 7", arguments: [(true, 2), (false, 7)])
    func visceral(present: Bool, expected: Int) {
        let c = deficitCase { c in
            if present { c.otherMetastases.visceral = TestCases.visceral([.brain], removable: false, treatable: true) }
        }
        #expect(points(rades(c), "visceralMetastases") == expected)
    }

    @Test("interval diagnosis → MSCC: ≤15 months 4, >15 months 7", arguments: [(0, 4), (15, 4), (16, 7), (96, 7)])
    func interval(months: Int, expected: Int) {
        #expect(RadesSurvivalScore.intervalPoints(months: months) == expected)
        let c = deficitCase { $0.primaryTumor.monthsFromDiagnosisToSpinalMetastasis = months }
        #expect(points(rades(c), "intervalToMSCC") == expected)
    }

    /// Exactly 15 months is "≤ 15"; any day beyond it is "> 15 months" (reference §8.1).
    @Test("interval derived from diagnosedOn to assessedOn 2026-03-01, days beyond whole months counted, flagged",
          arguments: [("2024-12-02", 4, "14 months and 27 days"), ("2024-12-01", 4, "15 months"),
                      ("2024-11-30", 7, "15 months and 1 days"), ("2024-11-10", 7, "15 months and 19 days"),
                      ("2024-11-02", 7, "15 months and 27 days"), ("2024-11-01", 7, "16 months")])
    func derivedInterval(diagnosedOn: String, expected: Int, input: String) throws {
        let c = deficitCase {
            $0.primaryTumor.monthsFromDiagnosisToSpinalMetastasis = nil
            $0.primaryTumor.diagnosedOn = day(diagnosedOn)
        }
        let i = try #require(item(rades(c), "intervalToMSCC"))
        #expect(i.points == expected)
        #expect(i.input == input)
        #expect(i.note != nil)
    }

    @Test("interval points with days beyond whole months",
          arguments: [(14, 30, 4), (15, 0, 4), (15, 1, 7), (16, 0, 7)])
    func intervalWithDays(months: Int, days: Int, expected: Int) {
        #expect(RadesSurvivalScore.intervalPoints(months: months, extraDays: days) == expected)
    }

    @Test("calendar months and days: clamped month ends, leap years, earlier dates")
    func monthsAndDays() {
        #expect(day("2025-01-31").adding(months: 1) == day("2025-02-28"))
        #expect(day("2024-01-31").adding(months: 1) == day("2024-02-29"))
        #expect(day("2024-11-30").adding(months: 15) == day("2026-02-28"))
        #expect(day("2025-12-15").adding(months: 2) == day("2026-02-15"))
        #expect(day("2024-11-10").monthsAndDays(until: day("2026-03-01")) == (15, 19))
        #expect(day("2025-01-31").monthsAndDays(until: day("2025-03-01")) == (1, 1))
        #expect(day("2025-01-31").monthsAndDays(until: day("2025-02-28")) == (0, 28))
        #expect(day("2026-03-01").monthsAndDays(until: day("2026-03-01")) == (0, 0))
        #expect(day("2026-03-02").monthsAndDays(until: day("2026-03-01")) == (0, 0))
    }

    @Test("interval derived to `today` when assessedOn is absent",
          arguments: [("2026-03-01", 7), ("2026-02-02", 7), ("2026-02-01", 4)])
    func derivedIntervalToToday(today: String, expected: Int) {
        let c = deficitCase {
            $0.assessedOn = nil
            $0.primaryTumor.monthsFromDiagnosisToSpinalMetastasis = nil
            $0.primaryTumor.diagnosedOn = day("2024-11-01")
        }
        let r = RadesSurvivalScore.score(CaseFacts(c, today: day(today)))
        #expect(points(r, "intervalToMSCC") == expected)
    }

    @Test("ambulatory before RT (with or without aid) 7, not ambulatory 3",
          arguments: [(Ambulation.independent, 7), (Ambulation.withAid, 7), (Ambulation.nonAmbulatory, 3)])
    func ambulatory(_ a: Ambulation, expected: Int) {
        #expect(points(rades(deficitCase { $0.neurology.ambulation = a }), "ambulatoryBeforeRT") == expected)
    }

    @Test("time developing motor deficits: 0 (as 1–7) and 1–7 → 3, 8–14 → 5, >14 → 8",
          arguments: [(0, 3), (1, 3), (7, 3), (8, 5), (14, 5), (15, 8), (60, 8)])
    func motorDays(days: Int, expected: Int) {
        #expect(RadesSurvivalScore.motorDeficitPoints(days: days) == expected)
        #expect(points(rades(deficitCase { $0.neurology.motorDeficitDays = days }), "timeDevelopingMotorDeficits") == expected)
    }

    @Test("0 days of motor deficit is scored as 1–7 days, with a note")
    func zeroDaysNote() throws {
        let i = try #require(item(rades(deficitCase { $0.neurology.motorDeficitDays = 0 }), "timeDevelopingMotorDeficits"))
        #expect(i.points == 3)
        #expect(i.note != nil)
    }

    /// Totals either side of every group edge, and the extremes 20 and 45 (§8.1).
    static let groupCases: [RadesInput] = [
        RadesInput(histology: "lung-nsclc", otherBone: true, visceral: true, months: 4, ambulation: .nonAmbulatory, days: 3,
                   total: 20, category: "20-25"),   // 3+5+2+4+3+3 (minimum)
        RadesInput(histology: "lung-nsclc", otherBone: true, visceral: true, months: 4, ambulation: .nonAmbulatory, days: 20,
                   total: 25, category: "20-25"),   // 3+5+2+4+3+8
        RadesInput(histology: "kidney", otherBone: true, visceral: true, months: 4, ambulation: .nonAmbulatory, days: 20,
                   total: 26, category: "26-30"),   // 4+5+2+4+3+8
        RadesInput(histology: "lung-nsclc", otherBone: false, visceral: true, months: 30, ambulation: .nonAmbulatory, days: 20,
                   total: 30, category: "26-30"),   // 3+7+2+7+3+8
        RadesInput(histology: "kidney", otherBone: false, visceral: true, months: 30, ambulation: .nonAmbulatory, days: 20,
                   total: 31, category: "31-35"),   // 4+7+2+7+3+8
        RadesInput(histology: "breast", otherBone: true, visceral: false, months: 4, ambulation: .nonAmbulatory, days: 20,
                   total: 35, category: "31-35"),   // 8+5+7+4+3+8
        RadesInput(histology: "myeloma", otherBone: true, visceral: false, months: 4, ambulation: .nonAmbulatory, days: 20,
                   total: 36, category: "36-40"),   // 9+5+7+4+3+8
        RadesInput(histology: "uterus", otherBone: false, visceral: false, months: 40, ambulation: .withAid, days: 20,
                   total: 40, category: "36-40"),   // 4+7+7+7+7+8
        RadesInput(histology: "prostate", otherBone: true, visceral: false, months: 40, ambulation: .independent, days: 20,
                   total: 41, category: "41-45"),   // 7+5+7+7+7+8
        RadesInput(histology: "lymphoma", otherBone: false, visceral: false, months: 16, ambulation: .independent, days: 15,
                   total: 45, category: "41-45"),   // 9+7+7+7+7+8 (maximum)
    ]

    @Test("group boundaries 25|26, 30|31, 35|36, 40|41; minimum 20 and maximum 45", arguments: groupCases)
    func groups(_ input: RadesInput) {
        let r = rades(input.c)
        #expect(r.status == .computed)
        #expect(r.total == input.total)
        #expect(r.category == input.category)
    }
}

// MARK: - Performance status (reference §9.3)

@Suite("Performance status conversions (reference §9.3)")
struct PerformanceStatusTests {
    @Test("ECOG → Karnofsky, conventional mapping",
          arguments: [(0, 90...100), (1, 70...80), (2, 50...60), (3, 30...40), (4, 10...20), (5, 0...0)])
    func ecogToKarnofsky(ecog: Int, expected: ClosedRange<Int>) {
        #expect(PerformanceStatusScale.karnofskyRange(ecog: ecog) == expected)
    }

    @Test("Karnofsky → ECOG, conventional mapping",
          arguments: [(100, 0), (90, 0), (80, 1), (70, 1), (60, 2), (50, 2), (40, 3), (30, 3), (20, 4), (10, 4), (0, 5)])
    func karnofskyToEcog(kps: Int, expected: Int) {
        #expect(PerformanceStatusScale.ecog(karnofsky: kps) == expected)
    }

    @Test("the panel keeps the measured scale and flags the converted one")
    func panel() {
        var kps = Performance()
        kps.karnofsky = 60
        let fromKps = PerformanceStatusScale.assess(kps)
        #expect(fromKps.karnofsky == 60)
        #expect(fromKps.ecog == 2)
        #expect(fromKps.note != nil)

        var ecog = Performance()
        ecog.ecog = 3
        let fromEcog = PerformanceStatusScale.assess(ecog)
        #expect(fromEcog.karnofsky == nil)
        #expect(fromEcog.ecog == 3)
        #expect(fromEcog.karnofskyRange?.contains("30") == true)
        #expect(fromEcog.karnofskyRange?.contains("40") == true)
        #expect(fromEcog.note != nil)

        #expect(PerformanceStatusScale.assess(Performance()).status == "incomplete")
    }
}
