// Property-based tests over random valid case documents: published score ranges and bands,
// incomplete-never-counts-as-zero, SINS monotonicity, assess() totality, the fast JSON writer
// against Foundation's JSONEncoder, and the Case → JSON → CaseDocument.decode round trip.

import Foundation
import PropertyBased
import Testing
@testable import SpineCore

// MARK: - A generator of random valid cases

/// The date both `decode` and `assess` use for a missing `assessedOn`.
fileprivate let propertyToday = CalendarDate(iso: "2026-03-01")!

/// Draws the parts of a random case; every rule of CaseDocument's validator is respected.
fileprivate struct PropertyCaseDraw<R: RandomNumberGenerator> {
    var rng: R

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &rng)! }
    mutating func maybe<T>(_ p: Double = 0.75, _ make: (inout Self) -> T) -> T? { chance(p) ? make(&self) : nil }
    mutating func code<E: CodedValue>(_ type: E.Type) -> E { pick(Array(E.allCases)) }
    /// A duplicate-free list of codes, in random order, usually short.
    mutating func codes<E: CodedValue>(_ type: E.Type, max: Int? = nil) -> [E] {
        let all = Array(E.allCases).shuffled(using: &rng)
        let upper = Swift.min(max ?? all.count, all.count)
        let n = chance(0.4) ? 0 : int(1...Swift.max(1, upper))
        return Array(all.prefix(n))
    }
    mutating func date(from lower: CalendarDate, to upper: CalendarDate) -> CalendarDate {
        upper < lower ? upper : CalendarDate(dayNumber: int(lower.dayNumber...upper.dayNumber))
    }
    /// Strings that stress JSON encoding: slashes, quotes, backslashes, tabs, newlines, non-ASCII.
    static var strings: [String] {
        ["MRN-000123", "a/b/c", "quote \" and backslash \\", "tab\tand\nnewline", "Zoë Ångström", "患者 😀",
         "</script>", "x", "  padded  ", "\u{2028}line separator", "100 % sure; 3 < 5 > 1 & 2"]
    }
    /// The strings an identifier or a name may hold: no line breaks, tabs or line separators.
    static var singleLineStrings: [String] { strings.filter { !$0.contains { $0 == "\t" || $0 == "\n" || $0 == "\u{2028}" } } }

    mutating func lesion(_ levels: [VertebralLevel], birth: CalendarDate?, reference: CalendarDate) -> SpinalLesion {
        var l = SpinalLesion(levels: levels)
        l.pain = maybe(0.9) { $0.code(LesionPain.self) }
        l.boneLesion = maybe(0.9) { $0.code(BoneLesionType.self) }
        l.alignment = maybe(0.9) { $0.code(SpinalAlignment.self) }
        // C1 alone has no vertebral body: only "none" (or nothing) is valid.
        l.collapse = levels == [.c1] ? maybe(0.5) { _ in VertebralCollapse.none } : maybe(0.9) { $0.code(VertebralCollapse.self) }
        l.posterolateral = maybe(0.9) { $0.code(PosterolateralInvolvement.self) }
        l.escc = maybe(0.9) { $0.code(EpiduralCompressionGrade.self) }
        l.bonyRetropulsion = maybe(0.6) { $0.chance(0.2) }
        if chance(0.2) {
            let fractions = int(1...50)
            let maxDose = Swift.min(150.0, 30.0 * Double(fractions))
            // Whole, tenth and arbitrary-precision doses, to exercise number round trips.
            let raw = Double.random(in: 0.5...maxDose, using: &rng)
            let dose = pick([raw.rounded(), (raw * 10).rounded() / 10, raw]).clamped(to: 0.5...maxDose)
            let earliest = birth ?? reference.adding(days: -3650)
            let on = maybe(0.6) { $0.date(from: earliest, to: reference) }
            l.priorRadiation = PriorRadiation(doseGy: dose, fractions: fractions, on: on)
        }
        return l
    }

    /// 1–3 lesions on disjoint runs of contiguous levels (each run 1–3 vertebrae).
    mutating func lesionLevels() -> [[VertebralLevel]] {
        let all = VertebralLevel.allCases
        let wanted = int(1...3)
        var used = Set<VertebralLevel>()
        var runs: [[VertebralLevel]] = []
        var attempts = 0
        while runs.count < wanted && attempts < 50 {
            attempts += 1
            let length = pick([1, 1, 1, 2, 2, 3])
            let start = int(0...(all.count - length))
            let run = Array(all[start..<(start + length)])
            // Keep a gap of one level so two runs never read as one contiguous lesion by accident.
            let neighbours = Set(run.flatMap { l in [l.rawValue - 1, l.rawValue, l.rawValue + 1] }
                .compactMap { VertebralLevel(rawValue: $0) })
            if !neighbours.isDisjoint(with: used) { continue }
            used.formUnion(run)
            runs.append(chance(0.3) ? run.reversed() : run)
        }
        return runs
    }

    mutating func makeCase() -> Case {
        let assessedOn = maybe(0.6) { $0.date(from: CalendarDate(iso: "2018-01-01")!, to: propertyToday) }
        let reference = assessedOn ?? propertyToday

        var patient = Patient(id: pick(Self.singleLineStrings.filter { !$0.allSatisfy(\.isWhitespace) }))
        patient.name = maybe(0.5) { $0.pick(Self.singleLineStrings) }
        patient.birthDate = maybe(0.6) { $0.date(from: reference.adding(days: -365 * 100), to: reference.adding(days: -365 * 18)) }
        patient.sex = maybe { $0.code(Sex.self) }

        var tumor = PrimaryTumor(histology: pick(HistologyCatalogue.entries.map(\.code)))
        tumor.detail = maybe(0.3) { $0.pick(Self.strings) }
        tumor.diagnosedOn = maybe(0.5) { d in d.date(from: patient.birthDate ?? reference.adding(days: -365 * 30), to: reference) }
        tumor.monthsFromDiagnosisToSpinalMetastasis = maybe(0.6) { $0.chance(0.8) ? $0.int(0...120) : $0.int(0...1200) }
        // The interval to spinal metastasis cannot exceed diagnosis → assessment.
        if let d = tumor.diagnosedOn, let m = tumor.monthsFromDiagnosisToSpinalMetastasis {
            tumor.monthsFromDiagnosisToSpinalMetastasis = min(m, d.wholeMonths(until: reference))
        } else if let birth = patient.birthDate, let m = tumor.monthsFromDiagnosisToSpinalMetastasis {
            // Nor the patient's age.
            tumor.monthsFromDiagnosisToSpinalMetastasis = min(m, birth.wholeMonths(until: reference))
        }
        tumor.radiosensitivity = maybe(0.2) { $0.code(Radiosensitivity.self) }
        tumor.tomitaGrowth = maybe(0.2) { $0.code(TomitaGrowth.self) }
        tumor.status = maybe { $0.code(TumorStatus.self) }

        let runs = lesionLevels()
        let lesions = runs.map { lesion($0, birth: patient.birthDate, reference: reference) }
        var involved = Set(runs.flatMap { $0 })
        for _ in 0..<pick([0, 0, 1, 2, 4]) { involved.insert(pick(VertebralLevel.allCases)) }
        let spine = Spine(involvedLevels: Array(involved).shuffled(using: &rng), lesions: lesions)

        var c = Case(patient: patient, primaryTumor: tumor, spine: spine)
        c.assessedOn = assessedOn

        c.otherMetastases.extraspinalBoneCount = maybe(0.85) { $0.chance(0.9) ? $0.int(0...6) : $0.int(0...1000) }
        switch int(0...2) {
        case 0:
            c.otherMetastases.visceral.present = true
            c.otherMetastases.visceral.sites = codes(VisceralSite.self).nonEmpty(or: .liver)
            c.otherMetastases.visceral.surgicallyRemovable = chance(0.5)
            c.otherMetastases.visceral.treatable = chance(0.5)
        case 1:
            c.otherMetastases.visceral.present = false
        default:
            break  // not recorded
        }

        // Neurology: deficit none forbids a Frankel/ASIA below E; myelopathy and cauda equina need
        // motorDeficitDays; motorDeficitDays needs a deficit other than none; hours since loss of
        // ambulation only when ambulation is nonAmbulatory or unrecorded.
        var n = Neurology()
        n.deficit = maybe(0.8) { $0.chance(0.5) ? NeurologicalDeficit.none : $0.code(NeurologicalDeficit.self) }
        switch n.deficit {
        case NeurologicalDeficit.none?:
            n.frankel = maybe { _ in NeurologicalGrade.e }
            n.asia = maybe(0.3) { _ in NeurologicalGrade.e }
        default:
            n.frankel = maybe { $0.code(NeurologicalGrade.self) }
            // ASIA must agree with Frankel except for the C/D split.
            if let f = n.frankel {
                n.asia = maybe(0.3) { g in f == .c || f == .d ? (g.chance(0.5) ? .c : .d) : f }
            } else {
                n.asia = maybe(0.3) { $0.code(NeurologicalGrade.self) }
            }
        }
        switch n.deficit {
        case .myelopathy?, .caudaEquina?: n.motorDeficitDays = chance(0.9) ? int(0...30) : int(0...3650)
        case .radiculopathy?: n.motorDeficitDays = maybe(0.5) { $0.int(0...60) }
        default: n.motorDeficitDays = nil
        }
        // Frankel A–C cannot walk (reference §10.1).
        n.ambulation = (n.frankel.map { $0 < .d } ?? false) ? maybe { _ in Ambulation.nonAmbulatory } : maybe { $0.code(Ambulation.self) }
        if n.ambulation == nil || n.ambulation == .nonAmbulatory {
            n.hoursSinceLossOfAmbulation = maybe(0.5) { $0.chance(0.8) ? $0.int(0...240) : $0.int(0...87600) }
        }
        n.bladderBowelDysfunction = maybe { $0.chance(0.15) }
        c.neurology = n

        c.performance.karnofsky = maybe { $0.int(0...10) * 10 }
        // ECOG within one grade of the Karnofsky reading (published mappings differ by about one).
        if let k = c.performance.karnofsky {
            let mapped = PerformanceStatusScale.ecog(karnofsky: k)
            c.performance.ecog = maybe(0.4) { $0.int(max(0, mapped - 1)...min(5, mapped + 1)) }
        } else {
            c.performance.ecog = maybe(0.4) { $0.int(0...5) }
        }

        if chance(0.7) {
            let unit = code(AlbuminUnit.self)
            let range = unit == .gramsPerDecilitre ? CaseDocument.Limits.albuminGramsPerDecilitre : CaseDocument.Limits.albuminGramsPerLitre
            let raw = Double.random(in: range, using: &rng)
            c.labs.albumin = Albumin(value: pick([raw, (raw * 10).rounded() / 10]).clamped(to: range), unit: unit)
        }

        switch int(0...3) {
        case 0: c.systemic.currentTreatment = []
        case 1: c.systemic.currentTreatment = [.none]
        default: c.systemic.currentTreatment = codes(SystemicTreatment.self).filter { $0 != .none }
        }
        c.systemic.effectiveOptionsRemaining = maybe { $0.chance(0.7) }
        c.systemic.medicallyOperable = maybe { $0.chance(0.75) }
        c.systemic.clinicianSurvivalEstimateMonths = maybe(0.6) { $0.chance(0.9) ? $0.int(0...60) : $0.int(0...600) }

        c.comorbidities = codes(Comorbidity.self, max: 4)
        c.social.familySupport = maybe { $0.code(FamilySupport.self) }
        c.social.financialConstraints = maybe { $0.code(FinancialConstraints.self) }
        c.social.travelBurden = maybe { $0.code(TravelBurden.self) }
        c.preferences.priorities = codes(PatientPriority.self, max: 3)
        c.preferences.declines = chance(0.7) ? [] : codes(TreatmentOption.self, max: 4)
        c.preferences.notes = maybe(0.3) { $0.pick(Self.strings) }
        c.symptoms.newBackPain = maybe { $0.chance(0.3) }
        c.symptoms.painFeatures = chance(0.5) ? [] : codes(PainFeature.self, max: 3)
        c.symptoms.neuroSymptoms = chance(0.7) ? [] : codes(NeuroSymptom.self, max: 2)
        c.symptoms.painScore = maybe { $0.int(0...10) }
        return c
    }
}

extension Comparable {
    fileprivate func clamped(to r: ClosedRange<Self>) -> Self { Swift.min(Swift.max(self, r.lowerBound), r.upperBound) }
}

extension Array {
    fileprivate func nonEmpty(or fallback: Element) -> [Element] { isEmpty ? [fallback] : self }
}

/// PropertyBased generator of random valid cases.
fileprivate let propertyCaseGen = Generator<Case, Shrink.None<Case>> { rng in
    var draw = PropertyCaseDraw(rng: PropertyRNG(base: rng))
    let c = draw.makeCase()
    rng = draw.rng.base
    return c
}

/// Lets the library's existential generator drive the standard library's `random(in:using:)`.
fileprivate struct PropertyRNG: RandomNumberGenerator {
    var base: any SeededRandomNumberGenerator
    mutating func next() -> UInt64 { base.next() }
}

fileprivate let propertyCount = 400

// MARK: - Helpers

/// Every instrument result of an assessment with its published range and bands.
fileprivate func propertyInstruments(_ s: Scores) -> [(name: String, result: ScoreResult, range: ClosedRange<Int>, bands: [ScoreBand])] {
    var out: [(String, ScoreResult, ClosedRange<Int>, [ScoreBand])] = [
        ("SINS", s.sins, 0...18, SpinalInstabilityNeoplasticScore.bands),
        ("revised Tokuhashi", s.tokuhashiRevised, 0...15, RevisedTokuhashiScore.bands),
        ("Tomita", s.tomita, 2...10, TomitaScore.bands),
        ("modified Bauer", s.bauerModified, 0...4, ModifiedBauerScore.bands),
        ("original Bauer", s.bauerOriginal, 0...5, OriginalBauerScore.bands),
        ("NESMS", s.nesms, 0...3, NewEnglandSpinalMetastasisScore.bands),
        ("Rades 2008", s.rades, 20...45, RadesSurvivalScore.bands),
    ]
    for (i, lesion) in (s.sins.perLesion ?? []).enumerated() {
        out.append(("SINS lesion \(i)", lesion, 0...18, SpinalInstabilityNeoplasticScore.bands))
    }
    return out
}

/// The options of each SINS item in ascending points order.
fileprivate enum PropertySinsItem: CaseIterable, Sendable {
    case pain, boneLesion, alignment, collapse, posterolateral
    var optionCount: Int {
        switch self {
        case .pain, .boneLesion, .alignment, .posterolateral: 3
        case .collapse: 4
        }
    }
    /// Sets option `i` (0 = fewest points) on the lesion.
    func set(_ i: Int, on l: inout SpinalLesion) {
        switch self {
        case .pain: l.pain = [LesionPain.none, .occasional, .mechanical][i]
        case .boneLesion: l.boneLesion = [BoneLesionType.blastic, .mixed, .lytic][i]
        case .alignment: l.alignment = [SpinalAlignment.normal, .deformity, .subluxation][i]
        case .collapse: l.collapse = [VertebralCollapse.none, .noCollapseOver50Involved, .under50, .over50][i]
        case .posterolateral: l.posterolateral = [PosterolateralInvolvement.none, .unilateral, .bilateral][i]
        }
    }
}

// MARK: - Properties

@Suite("Property: random valid cases")
struct PropertyTests {
    @Test("every computed total lies in its published range and its band contains it")
    func propertyTotalsInRangeAndBand() async {
        await propertyCheck(count: propertyCount, input: propertyCaseGen) { c in
            let s = assess(c, today: propertyToday).scores
            for (name, r, range, bands) in propertyInstruments(s) {
                #expect(r.range == range, "\(name): declared range")
                guard let total = r.total else { continue }
                #expect(range.contains(total), "\(name): total \(total) outside \(range)")
                let band = bands.first { $0.range.contains(total) }
                #expect(band != nil, "\(name): no band contains \(total)")
                #expect(r.category == band?.category, "\(name): category for \(total)")
                #expect(r.interpretation == band?.interpretation, "\(name): interpretation for \(total)")
                #expect(r.items.allSatisfy { $0.points >= 0 }, "\(name): negative item points")
            }
            // The case's SINS is the highest-scoring lesion.
            if let total = s.sins.total {
                #expect(total == s.sins.perLesion?.compactMap(\.total).max(), "case SINS is the lesion maximum")
            }
        }
    }

    @Test("computed scores have no missing entries; incomplete ones list them and report no total")
    func propertyMissingIffIncomplete() async {
        await propertyCheck(count: propertyCount, input: propertyCaseGen) { c in
            let s = assess(c, today: propertyToday).scores
            for (name, r, _, _) in propertyInstruments(s) {
                switch r.status {
                case .computed:
                    #expect(r.missing.isEmpty, "\(name): computed with missing \(r.missing)")
                    #expect(r.total != nil, "\(name): computed without a total")
                case .incomplete:
                    #expect(!r.missing.isEmpty, "\(name): incomplete without missing fields")
                    #expect(r.total == nil, "\(name): incomplete but reports a total")
                    #expect(r.category == nil, "\(name): incomplete but reports a category")
                case .notApplicable:
                    #expect(r.total == nil, "\(name): not applicable but reports a total")
                    #expect(r.reason != nil, "\(name): not applicable without a reason")
                }
            }
            // ESCC: computed exactly when every lesion records a grade.
            let allGraded = c.spine.lesions.allSatisfy { $0.escc != nil }
            #expect((s.escc.status == "computed") == allGraded)
            if s.escc.status == "computed" {
                #expect(s.escc.missing == nil && s.escc.grade != nil)
            } else {
                #expect(s.escc.grade == nil && !(s.escc.missing ?? []).isEmpty)
            }
            // SINS: computed exactly when every lesion records every item (C1 alone needs no collapse).
            let sinsComplete = c.spine.lesions.allSatisfy { l in
                l.pain != nil && l.boneLesion != nil && l.alignment != nil && l.posterolateral != nil
                    && (l.collapse != nil || l.levels == [.c1])
            }
            #expect((s.sins.status == .computed) == sinsComplete)
            // Rades applies only with a motor deficit (motorDeficitDays given).
            #expect((s.rades.status == .notApplicable) == (c.neurology.motorDeficitDays == nil))
        }
    }

    @Test("SINS is monotone: raising one item's option never lowers the lesion total")
    func propertySinsMonotone() async {
        let gen = zip(propertyCaseGen, Gen<PropertySinsItem>.case, Gen.int(in: 0...3), Gen.int(in: 0...3))
        await propertyCheck(count: propertyCount, input: gen) { c, item, a, b in
            var lesion = c.spine.lesions[0]
            // Complete the lesion so both versions are computed.
            for other in PropertySinsItem.allCases where other != item {
                switch other {
                case .pain where lesion.pain == nil, .boneLesion where lesion.boneLesion == nil,
                     .alignment where lesion.alignment == nil, .collapse where lesion.collapse == nil,
                     .posterolateral where lesion.posterolateral == nil:
                    other.set(0, on: &lesion)
                default: break
                }
            }
            let low = min(a, b) % item.optionCount, high = max(a, b) % item.optionCount
            let (lo, hi) = (min(low, high), max(low, high))
            var lower = lesion, higher = lesion
            item.set(lo, on: &lower)
            item.set(hi, on: &higher)
            let t0 = SpinalInstabilityNeoplasticScore.score(lower, index: 0).total
            let t1 = SpinalInstabilityNeoplasticScore.score(higher, index: 0).total
            #expect(t0 != nil && t1 != nil)
            if let t0, let t1 {
                #expect(t0 <= t1, "\(item): option \(lo) gave \(t0), option \(hi) gave \(t1)")
                if lesion.levels != [.c1] || item != .collapse {
                    #expect(lo == hi ? t0 == t1 : t0 < t1, "\(item): each option step adds points")
                }
            }
        }
    }

    @Test("assess never traps and always yields ranks 1…n, an urgency level and the rules version")
    func propertyAssessTotal() async {
        await propertyCheck(count: propertyCount, input: propertyCaseGen) { c in
            let a = assess(c, today: propertyToday)
            #expect(a.options.map(\.rank) == Array(1..<(a.options.count + 1)))
            #expect(!a.options.isEmpty)
            #expect(Set(a.options.map(\.code)).count == a.options.count, "each option at most once")
            #expect([UrgencyLevel.emergency, .urgent, .routine].contains(a.urgency.level))
            #expect(!a.urgency.reasons.isEmpty)
            #expect(!a.rulesVersion.isEmpty)
            #expect(a.disclaimer.contains("not replace clinical judgment"))
            #expect(a.assessedOn == (c.assessedOn ?? propertyToday))
            // Declined options are flagged and come after every option the patient did not decline.
            for o in a.options { #expect(o.declined == c.preferences.declines.contains(o.code)) }
            if let firstDeclined = a.options.first(where: \.declined) {
                #expect(a.options.suffix(from: firstDeclined.rank - 1).allSatisfy { $0.declined })
            }
            // Urgency follows case-format.md.
            let neuro = !c.symptoms.neuroSymptoms.isEmpty || (c.neurology.deficit.map { $0 != .none } ?? false)
                || c.neurology.bladderBowelDysfunction == true
            if neuro { #expect(a.urgency.level == .emergency) }
            if a.urgency.level == .emergency { #expect(a.options.contains { $0.code == .dexamethasone }) }
            // The systemic gate removes every open operation.
            if c.systemic.medicallyOperable == false || (c.systemic.clinicianSurvivalEstimateMonths ?? 3) < 3 {
                #expect(!a.options.contains { $0.code.isOpenSurgery })
            }
            // The referral trigger of case-format.md.
            let maxSins = (a.scores.sins.perLesion ?? []).compactMap(\.total).max() ?? 0
            let high = c.spine.lesions.contains { $0.escc?.isHighGrade == true }
            if maxSins >= 7 || high { #expect(a.referrals.contains(.spineSurgery)) }
        }
    }

    @Test("the plan does not depend on the order the lesions were entered in")
    func propertyLesionOrderDoesNotMatter() async {
        await propertyCheck(count: propertyCount, input: propertyCaseGen) { c in
            guard c.spine.lesions.count > 1 else { return }
            var reversed = c
            reversed.spine.lesions.reverse()
            let a = assess(c, today: propertyToday), b = assess(reversed, today: propertyToday)
            // Options by code, rank, regimen and goals; the urgency; the arms' findings. (Texts that
            // name a field path, "spine.lesions[1].pain", follow the order and are not compared.)
            #expect(a.options.map { "\($0.code) \($0.rank) \($0.regimen ?? "") \($0.goals)" }
                    == b.options.map { "\($0.code) \($0.rank) \($0.regimen ?? "") \($0.goals)" })
            #expect(a.urgency.level == b.urgency.level)
            #expect(a.noms.mechanical.finding == b.noms.mechanical.finding)
            #expect(a.noms.neurologic.code == b.noms.neurologic.code)
            #expect(a.noms.oncologic.finding == b.noms.oncologic.finding)
            #expect(a.patchell.status == b.patchell.status)
        }
    }

    @Test("jsonBytes() equals JSONEncoder [.sortedKeys, .withoutEscapingSlashes] byte for byte")
    func propertyFastJsonMatchesFoundation() async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        await propertyCheck(count: propertyCount, input: propertyCaseGen) { c in
            let a = assess(c, today: propertyToday)
            let fast = a.jsonBytes()
            let foundation = try [UInt8](encoder.encode(a))
            #expect(fast == foundation, "first difference at byte \(zip(fast, foundation).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(fast.count, foundation.count))")
        }
    }

    @Test("round trip: JSONEncoder(Case) → CaseDocument.decode gives back an equal Case")
    func propertyCaseRoundTrip() async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        await propertyCheck(count: propertyCount, input: propertyCaseGen) { c in
            let data = try encoder.encode(c)
            switch CaseDocument.decode([UInt8](data), today: propertyToday) {
            case .success(let decoded):
                #expect(decoded == c)
            case .failure(let errors):
                Issue.record("a generated case was rejected: \(errors.errors.map(\.description)) — JSON: \(String(decoding: data, as: UTF8.self))")
            }
        }
    }

    @Test("the generator covers the interesting cases (so the properties are not vacuous)")
    func propertyGeneratorCoverage() {
        var draw = PropertyCaseDraw(rng: Xoshiro(seed: (1, 2, 3, 4)))
        var seen = Set<String>()
        for _ in 0..<600 {
            let c = draw.makeCase()
            let a = assess(c, today: propertyToday)
            seen.insert("urgency \(a.urgency.level.rawValue)")
            seen.insert("sins \(a.scores.sins.status.rawValue)")
            seen.insert("rades \(a.scores.rades.status.rawValue)")
            seen.insert("tokuhashi \(a.scores.tokuhashiRevised.status.rawValue)")
            seen.insert("lesions \(c.spine.lesions.count)")
            if a.options.contains(where: \.code.isOpenSurgery) { seen.insert("surgery") }
            if a.options.contains(where: \.declined) { seen.insert("declined") }
            if let t = a.scores.sins.total, t >= 13 { seen.insert("unstable") }
            if a.patchell.status == "met" { seen.insert("patchell met") }
        }
        for expected in ["urgency emergency", "urgency urgent", "urgency routine", "sins computed", "sins incomplete",
                         "rades computed", "rades not-applicable", "tokuhashi computed", "tokuhashi incomplete",
                         "lesions 1", "lesions 2", "lesions 3", "surgery", "declined", "unstable"] {
            #expect(seen.contains(expected), "generator never produced: \(expected)")
        }
    }
}
