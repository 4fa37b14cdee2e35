// NOMS (reference §11.3, rules R0–R6), triage (case-format.md "Urgency", reference §13),
// the patient's context, referrals and the invariants of every assessment.
//
// Each test builds its case in Swift from a complete, fit, routine baseline (below) and changes
// only what the rule under test reads, so a failure points at one rule branch.

import Foundation
import Testing
@testable import SpineCore

// MARK: - A private case builder (deliberately independent of Support/TestCases.swift)

fileprivate let reasoningToday = CalendarDate(iso: "2026-03-01")!

fileprivate func reasoningLesion(
    _ levels: [VertebralLevel] = [.t8],
    pain: LesionPain? = .occasional,
    bone: BoneLesionType? = .lytic,
    alignment: SpinalAlignment? = .normal,
    collapse: VertebralCollapse? = VertebralCollapse.none,
    posterolateral: PosterolateralInvolvement? = PosterolateralInvolvement.none,
    escc: EpiduralCompressionGrade? = .g0,
    retropulsion: Bool? = false,
    prior: PriorRadiation? = nil
) -> SpinalLesion {
    var l = SpinalLesion(levels: levels)
    l.pain = pain
    l.boneLesion = bone
    l.alignment = alignment
    l.collapse = collapse
    l.posterolateral = posterolateral
    l.escc = escc
    l.bonyRetropulsion = retropulsion
    l.priorRadiation = prior
    return l
}

/// A complete case for a fit patient with a painful, stable, non-compressive breast metastasis at T8
/// (SINS 4, ESCC 0, Karnofsky 90, operable, clinician survival estimate 24 months, no symptoms).
fileprivate func reasoningCase(
    histology: String = "breast",
    lesions: [SpinalLesion] = [reasoningLesion()],
    involved: [VertebralLevel]? = nil,
    _ configure: (inout Case) -> Void = { _ in }
) -> Case {
    var c = Case(patient: Patient(id: "REASONING-1"), primaryTumor: PrimaryTumor(histology: histology),
                 spine: Spine(involvedLevels: involved ?? lesions.flatMap(\.levels), lesions: lesions))
    c.primaryTumor.monthsFromDiagnosisToSpinalMetastasis = 36
    c.otherMetastases.extraspinalBoneCount = 0
    c.otherMetastases.visceral.present = false
    c.neurology.frankel = .e
    c.neurology.ambulation = .independent
    c.neurology.deficit = NeurologicalDeficit.none
    c.neurology.bladderBowelDysfunction = false
    c.performance.karnofsky = 90
    c.labs.albumin = Albumin(value: 4.1, unit: .gramsPerDecilitre)
    c.systemic.effectiveOptionsRemaining = true
    c.systemic.medicallyOperable = true
    c.systemic.clinicianSurvivalEstimateMonths = 24
    c.social.familySupport = .strong
    c.social.financialConstraints = FinancialConstraints.none
    c.social.travelBurden = .low
    c.symptoms.newBackPain = false
    c.symptoms.painScore = 2
    configure(&c)
    return c
}

/// Adds a myelopathy with a recent motor deficit (an emergency by case-format.md).
fileprivate func reasoningMyelopathy(_ c: inout Case, frankel: NeurologicalGrade = .d, days: Int = 2) {
    c.neurology.deficit = .myelopathy
    c.neurology.motorDeficitDays = days
    c.neurology.frankel = frankel
    c.neurology.ambulation = frankel <= .c ? .nonAmbulatory : .withAid
}

fileprivate func reasoningAssess(_ c: Case) -> Assessment { assess(c, today: reasoningToday) }

extension Assessment {
    fileprivate var reasoningCodes: [TreatmentOption] { options.map(\.code) }
    fileprivate func reasoningOption(_ code: TreatmentOption) -> TreatmentRecommendation? {
        options.first { $0.code == code }
    }
    fileprivate func reasoningRank(_ code: TreatmentOption) -> Int? { reasoningOption(code)?.rank }
    fileprivate var reasoningOpenSurgery: [TreatmentOption] { reasoningCodes.filter(\.isOpenSurgery) }
    fileprivate func reasoningRuleFired(_ prefix: String) -> Bool { noms.rulesApplied.contains { $0.hasPrefix(prefix) } }
}

/// The four open-surgery codes the systemic gate must remove.
fileprivate let reasoningOpenSurgeryCodes: [TreatmentOption] =
    [.separationSurgery, .decompressionStabilization, .stabilization, .enBlocResection]

// MARK: - Lesions used by several tests (SINS totals computed by hand from reference §1.1/§1.3)

/// T12 junctional 3 + mechanical 3 + lytic 2 + normal 0 + >50 % collapse 3 + unilateral 1 = 12:
/// a painful pathological fracture that qualifies for cement (no high-grade ESCC, no bilateral
/// posterolateral disease, normal alignment, thoracolumbar).
fileprivate func reasoningCementLesion(_ level: VertebralLevel = .t12, escc: EpiduralCompressionGrade = .g0) -> SpinalLesion {
    reasoningLesion([level], pain: .mechanical, bone: .lytic, alignment: .normal, collapse: .over50,
                    posterolateral: .unilateral, escc: escc)
}

/// T12 3 + mechanical 3 + lytic 2 + subluxation 4 + >50 % 3 + bilateral 3 = 18.
fileprivate func reasoningMaxSinsLesion(escc: EpiduralCompressionGrade = .g0) -> SpinalLesion {
    reasoningLesion([.t12], pain: .mechanical, bone: .lytic, alignment: .subluxation, collapse: .over50,
                    posterolateral: .bilateral, escc: escc)
}

// MARK: - R0 emergency

@Suite("Reasoning: NOMS R0 emergency")
struct ReasoningR0Tests {
    @Test("R0: a neurological deficit starts the MSCC pathway, dexamethasone first, 0 h and 24 h deadlines")
    func r0EmergencyDeficit() throws {
        let c = reasoningCase(lesions: [reasoningLesion(escc: .g2)]) {
            reasoningMyelopathy(&$0)
            $0.symptoms.neuroSymptoms = [.limbWeakness]
        }
        let a = reasoningAssess(c)
        #expect(a.urgency.level == .emergency)
        #expect(a.reasoningRuleFired("R0"))
        #expect(a.noms.rulesApplied.first?.hasPrefix("R0") == true, "R0 is evaluated first")
        let first = try #require(a.options.first)
        #expect(first.code == .dexamethasone)
        #expect(first.rank == 1)
        #expect(first.regimen?.contains("16 mg") == true)

        let coordinator = try #require(a.urgency.deadlines.first { $0.action.contains("MSCC coordinator") })
        #expect(coordinator.withinHours == 0)
        #expect(coordinator.dueBy == "2026-03-01")
        let mri = try #require(a.urgency.deadlines.first { $0.action.contains("MRI") })
        #expect(mri.withinHours == 24)
        #expect(mri.dueBy == "2026-03-02")
        // NG234 (reference §13.2): as soon as possible, always within 24 h; no plain X-ray.
        #expect(mri.action.hasPrefix("Whole-spine MRI as soon as possible"))
        #expect(mri.action.contains("plain X-ray cannot rule out MSCC"))
        let decision = try #require(a.urgency.deadlines.first { $0.action.contains("decision") })
        #expect(decision.withinHours == 24)
        let steroid = try #require(a.urgency.deadlines.first { $0.action.contains("Dexamethasone") })
        #expect(steroid.withinHours == 0)
    }

    @Test("R0: due-by dates count from assessedOn and roll over the year end")
    func r0EmergencyDueByFromAssessedOn() throws {
        let c = reasoningCase {
            $0.assessedOn = CalendarDate(iso: "2026-12-31")!
            $0.symptoms.neuroSymptoms = [.gaitDisturbance]
        }
        let a = reasoningAssess(c)
        #expect(a.urgency.level == .emergency)
        #expect(a.assessedOn == CalendarDate(iso: "2026-12-31")!)
        let coordinator = try #require(a.urgency.deadlines.first { $0.withinHours == 0 })
        #expect(coordinator.dueBy == "2026-12-31")
        let mri = try #require(a.urgency.deadlines.first { $0.action.contains("MRI") })
        #expect(mri.dueBy == "2027-01-01")
    }

    @Test("R0: immobilise at once when instability is suspected (SINS ≥ 7 or mechanical pain), not otherwise")
    func r0EmergencyImmobilisation() throws {
        let unstable = reasoningAssess(reasoningCase(lesions: [reasoningCementLesion(escc: .g2)]) { reasoningMyelopathy(&$0) })
        let immobilise = try #require(unstable.urgency.deadlines.first { $0.action.contains("Immobilise") })
        #expect(immobilise.withinHours == 0)
        let advice = try #require(unstable.urgency.deadlines.first { $0.action.hasPrefix("Expert spinal advice") })
        #expect(advice.withinHours == 24, "NG234: expert advice within 24 h (reference §12.7)")
        let stable = reasoningAssess(reasoningCase(lesions: [reasoningLesion(escc: .g2)]) { reasoningMyelopathy(&$0) })
        #expect(stable.scores.sins.total == 4)
        #expect(!stable.urgency.deadlines.contains { $0.action.contains("Immobilise") })
    }

    @Test("R0 applies inside the R1 gate: an inoperable patient with a deficit still gets dexamethasone first")
    func r0EmergencyWithinSystemicGate() throws {
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g3)]) {
            reasoningMyelopathy(&$0)
            $0.systemic.medicallyOperable = false
        })
        #expect(a.reasoningRuleFired("R0"))
        #expect(a.reasoningRuleFired("R1"))
        #expect(a.options.first?.code == .dexamethasone)
        #expect(a.reasoningOpenSurgery.isEmpty)
        #expect(a.patchell.status == "not-met", "medically unfit")
    }

    @Test("R0: dexamethasone is not offered without neurological symptoms or signs")
    func r0NoEmergencyNoDexamethasone() {
        let a = reasoningAssess(reasoningCase())
        #expect(!a.reasoningRuleFired("R0"))
        #expect(!a.reasoningCodes.contains(.dexamethasone))
    }
}

// MARK: - R1 systemic gate

@Suite("Reasoning: NOMS R1 systemic gate")
struct ReasoningR1Tests {
    @Test("R1 via medically inoperable: no open surgery, cEBRT 20 Gy / 5, palliative care")
    func r1GateMedicallyInoperable() throws {
        // Radioresistant, high-grade ESCC and SINS 18: without the gate this would be separation surgery.
        let c = reasoningCase(histology: "kidney", lesions: [reasoningMaxSinsLesion(escc: .g2)]) {
            $0.systemic.medicallyOperable = false
        }
        let a = reasoningAssess(c)
        #expect(a.reasoningRuleFired("R1"))
        for code in reasoningOpenSurgeryCodes {
            #expect(!a.reasoningCodes.contains(code), "open surgery \(code.rawValue) must not be offered")
        }
        let cebrt = try #require(a.reasoningOption(.cebrt))
        #expect(cebrt.regimen == "20 Gy / 5")
        #expect(a.reasoningCodes.contains(.palliativeCare))
        #expect(!a.reasoningCodes.contains(.sbrt), "R1 stops before R3: no SBRT or hybrid therapy")
        #expect(a.noms.systemic.code == "not-surgical-candidate")
        #expect(!a.reasoningRuleFired("R2"))
        #expect(!a.reasoningRuleFired("R3"))
    }

    @Test("R1 via survival < 3 months: cEBRT 8 Gy × 1, no open surgery")
    func r1GateShortSurvival() throws {
        let c = reasoningCase(histology: "lung-nsclc", lesions: [reasoningLesion(escc: .g3, retropulsion: true)]) {
            $0.systemic.clinicianSurvivalEstimateMonths = 2
        }
        let a = reasoningAssess(c)
        #expect(a.reasoningRuleFired("R1"))
        #expect(a.prognosis.survivalAtLeast3Months == "no")
        #expect(a.reasoningOpenSurgery.isEmpty)
        let cebrt = try #require(a.reasoningOption(.cebrt))
        #expect(cebrt.regimen == "8 Gy × 1")
        #expect(a.reasoningCodes.contains(.palliativeCare))
    }

    @Test("R1 with instability and an eligible painful fracture: cement augmentation, no orthosis")
    func r1InstabilityCementEligible() throws {
        // T12 3 + mechanical 3 + lytic 2 + deformity 2 + >50 % 3 + unilateral 1 = 14; ESCC 1b.
        let lesion = reasoningLesion([.t12], pain: .mechanical, bone: .lytic, alignment: .deformity, collapse: .over50,
                                     posterolateral: .unilateral, escc: .g1b)
        let a = reasoningAssess(reasoningCase(lesions: [lesion]) { $0.systemic.medicallyOperable = false })
        #expect(a.scores.sins.total == 14)
        #expect(a.reasoningRuleFired("R1"))
        #expect(a.reasoningCodes.contains(.cementAugmentation))
        #expect(!a.reasoningCodes.contains(.bracing))
        #expect(a.reasoningOpenSurgery.isEmpty)
        #expect(a.referrals.contains(.interventionalRadiology))
    }

    @Test("R1 with instability not eligible for cement (bilateral disease, high-grade ESCC): orthosis + analgesia")
    func r1InstabilityNotEligibleBracing() throws {
        let a = reasoningAssess(reasoningCase(lesions: [reasoningMaxSinsLesion(escc: .g2)]) {
            $0.systemic.medicallyOperable = false
        })
        #expect(a.scores.sins.total == 18)
        #expect(!a.reasoningCodes.contains(.cementAugmentation))
        let brace = try #require(a.reasoningOption(.bracing))
        #expect(brace.regimen == "thoracolumbar orthosis")
        #expect(a.reasoningCodes.contains(.analgesia))
        #expect(a.reasoningOpenSurgery.isEmpty)
    }

    @Test("R1 with translation (subluxation) only: cement is excluded, orthosis instead")
    func r1InstabilityTranslationBracing() throws {
        // T12 3 + mechanical 3 + lytic 2 + subluxation 4 + >50 % 3 + unilateral 1 = 16; ESCC 0.
        let lesion = reasoningLesion([.t12], pain: .mechanical, bone: .lytic, alignment: .subluxation, collapse: .over50,
                                     posterolateral: .unilateral, escc: .g0)
        let a = reasoningAssess(reasoningCase(lesions: [lesion]) { $0.systemic.clinicianSurvivalEstimateMonths = 1 })
        #expect(!a.reasoningCodes.contains(.cementAugmentation))
        #expect(a.reasoningCodes.contains(.bracing))
    }

    @Test("R1 with a cervical unstable lesion: cervical orthosis")
    func r1InstabilityCervicalOrthosis() throws {
        let lesion = reasoningLesion([.c2], pain: .mechanical, bone: .lytic, alignment: .subluxation, collapse: .over50,
                                     posterolateral: .bilateral, escc: .g1a)
        let a = reasoningAssess(reasoningCase(lesions: [lesion]) { $0.systemic.medicallyOperable = false })
        #expect(try #require(a.reasoningOption(.bracing)).regimen == "cervical orthosis")
    }
}

// MARK: - R2 mechanical

@Suite("Reasoning: NOMS R2 mechanical")
struct ReasoningR2Tests {
    @Test("R2 SINS ≥ 13: stabilisation required, irrespective of radiosensitivity")
    func r2SinsAtLeast13Stabilisation() throws {
        let a = reasoningAssess(reasoningCase(histology: "breast", lesions: [reasoningMaxSinsLesion()]))
        #expect(a.scores.sins.total == 18)
        #expect(a.noms.mechanical.code == "unstable")
        #expect(a.reasoningRuleFired("R2 mechanical: SINS 18 ≥ 13"))
        let s = try #require(a.reasoningOption(.stabilization))
        #expect(s.regimen?.contains("pedicle-screw") == true)
        #expect(!a.reasoningCodes.contains(.cementAugmentation), "subluxation and bilateral disease exclude cement")
        #expect(a.referrals.contains(.spineSurgery))
    }

    @Test("R2 SINS exactly 13 is unstable (band boundary)")
    func r2SinsExactly13() throws {
        // T12 3 + mechanical 3 + mixed 1 + deformity 2 + >50 % 3 + unilateral 1 = 13.
        let lesion = reasoningLesion([.t12], pain: .mechanical, bone: .mixed, alignment: .deformity, collapse: .over50,
                                     posterolateral: .unilateral)
        let a = reasoningAssess(reasoningCase(lesions: [lesion]))
        #expect(a.scores.sins.total == 13)
        #expect(a.scores.sins.category == "unstable")
        #expect(a.noms.mechanical.code == "unstable")
        #expect(a.reasoningCodes.contains(.stabilization), "deformity excludes cement: pedicle-screw fixation")
    }

    @Test("R2 cement modality: painful VCF, no high-grade ESCC, no bilateral disease, normal alignment, thoracolumbar")
    func r2CementAugmentationModality() throws {
        let a = reasoningAssess(reasoningCase(lesions: [reasoningCementLesion()]))
        #expect(a.scores.sins.total == 12)
        let cement = try #require(a.reasoningOption(.cementAugmentation))
        #expect(cement.rationale.contains { $0.rule == "NOMS R2" })
        #expect(!a.reasoningCodes.contains(.stabilization))
    }

    @Test("R2 cement is not chosen when the fractured lesion has high-grade ESCC")
    func r2CementExcludedByHighGradeEscc() {
        let a = reasoningAssess(reasoningCase(lesions: [reasoningCementLesion(escc: .g2)]))
        #expect(!a.reasoningCodes.contains(.cementAugmentation))
        #expect(a.reasoningCodes.contains(.stabilization) || a.reasoningCodes.contains(.decompressionStabilization)
                    || a.reasoningCodes.contains(.separationSurgery))
    }

    @Test("R2 cement is not chosen outside the thoracolumbar spine (sacrum)")
    func r2CementExcludedAtSacrum() {
        // S1 junctional 3 + mechanical 3 + lytic 2 + normal 0 + >50 % 3 + unilateral 1 = 12.
        let a = reasoningAssess(reasoningCase(lesions: [reasoningCementLesion(.s1)]))
        #expect(a.scores.sins.total == 12)
        #expect(!a.reasoningCodes.contains(.cementAugmentation))
        #expect(a.reasoningCodes.contains(.stabilization))
    }

    @Test("R2 SINS 7–12 with mechanical pain: stabilisation favoured")
    func r2Sins7to12MechanicalPainFavoured() throws {
        // T8 semi-rigid 1 + mechanical 3 + lytic 2 + normal 0 + no collapse >50 % involved 1 + unilateral 1 = 8.
        let lesion = reasoningLesion([.t8], pain: .mechanical, bone: .lytic, alignment: .normal,
                                     collapse: .noCollapseOver50Involved, posterolateral: .unilateral)
        let a = reasoningAssess(reasoningCase(lesions: [lesion]))
        #expect(a.scores.sins.total == 8)
        #expect(a.noms.mechanical.code == "potentially-unstable")
        #expect(a.noms.mechanical.finding.contains("favoured"))
        #expect(a.reasoningRuleFired("R2 mechanical: SINS 8 (7–12) with mechanical pain"))
        #expect(a.reasoningCodes.contains(.stabilization), "no painful fracture (no collapse): pedicle-screw fixation")
    }

    @Test("R2 SINS 7–12 with deformity but no mechanical pain: stabilisation favoured")
    func r2Sins7to12DeformityFavoured() {
        // T8 1 + occasional 1 + lytic 2 + deformity 2 + <50 % 2 + none 0 = 8.
        let lesion = reasoningLesion([.t8], pain: .occasional, bone: .lytic, alignment: .deformity, collapse: .under50)
        let a = reasoningAssess(reasoningCase(lesions: [lesion]))
        #expect(a.scores.sins.total == 8)
        #expect(a.noms.mechanical.finding.contains("favoured"))
        #expect(a.reasoningCodes.contains(.stabilization))
    }

    @Test("R2 SINS 7–12 without mechanical pain or deformity: consultation only, no stabilisation option")
    func r2Sins7to12NoMechanicalPainNoStabilisation() {
        // T12 3 + occasional 1 + lytic 2 + normal 0 + <50 % 2 + unilateral 1 = 9.
        let lesion = reasoningLesion([.t12], pain: .occasional, bone: .lytic, alignment: .normal, collapse: .under50,
                                     posterolateral: .unilateral)
        let a = reasoningAssess(reasoningCase(lesions: [lesion]))
        #expect(a.scores.sins.total == 9)
        #expect(a.noms.mechanical.code == "potentially-unstable")
        #expect(a.reasoningRuleFired("R2 mechanical: SINS 9 (7–12) without mechanical pain or deformity"))
        #expect(!a.reasoningCodes.contains(.stabilization))
        #expect(!a.reasoningCodes.contains(.cementAugmentation))
        #expect(a.referrals.contains(.spineSurgery), "SINS ≥ 7 still triggers the surgical consultation")
    }

    @Test("R2 SINS ≤ 6: no stabilisation on mechanical grounds")
    func r2SinsAtMost6None() {
        let a = reasoningAssess(reasoningCase())
        #expect(a.scores.sins.total == 4)
        #expect(a.noms.mechanical.code == "stable")
        #expect(a.reasoningRuleFired("R2 mechanical: SINS 4 ≤ 6"))
        #expect(!a.reasoningCodes.contains(.stabilization))
        #expect(!a.reasoningCodes.contains(.cementAugmentation))
        #expect(a.reasoningOpenSurgery.isEmpty)
    }

    @Test("R2 cervical stabilisation: instrumented fusion regimen")
    func r2CervicalInstrumentedFusion() throws {
        // C7 junctional 3 + mechanical 3 + lytic 2 + normal 0 + >50 % 3 + unilateral 1 = 12 (cement would
        // qualify but for the level).
        let a = reasoningAssess(reasoningCase(lesions: [reasoningCementLesion(.c7)]))
        #expect(a.scores.sins.total == 12)
        #expect(!a.reasoningCodes.contains(.cementAugmentation))
        let s = try #require(a.reasoningOption(.stabilization))
        #expect(s.regimen?.localizedLowercase.contains("cervical fusion") == true)
    }
}

// MARK: - R3 neurologic × oncologic

@Suite("Reasoning: NOMS R3 neurologic × oncologic")
struct ReasoningR3Tests {
    @Test("R3 bony retropulsion: decompression + stabilisation (RT cannot decompress bone)")
    func r3BonyRetropulsionDecompression() throws {
        let lesion = reasoningLesion(escc: .g2, retropulsion: true)
        let a = reasoningAssess(reasoningCase(histology: "breast", lesions: [lesion]))
        #expect(a.reasoningRuleFired("R3: bony retropulsion"))
        let d = try #require(a.reasoningOption(.decompressionStabilization))
        #expect(d.rationale.contains { $0.rule == "NOMS R3" })
        #expect(!a.reasoningCodes.contains(.separationSurgery))
        #expect(a.referrals.contains(.spineSurgery))
    }

    @Test("R3 bony retropulsion takes precedence (elif): a radioresistant tumour gets decompression, not also separation surgery")
    func r3BonyRetropulsionResistantNoSeparationSurgery() throws {
        // Reference §11.3 R3 is an if/elif chain: retropulsed bone → decompression + stabilisation;
        // the "radioresistant + high-grade → separation surgery" branch is not reached.
        let lesion = reasoningLesion(escc: .g2, retropulsion: true)
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [lesion]))
        #expect(a.reasoningCodes.contains(.decompressionStabilization))
        #expect(!a.reasoningCodes.contains(.separationSurgery), "two different open operations for one compressed level")
    }

    @Test("R3 bony retropulsion at a lesion other than the index lesion still brings decompression there")
    func r3BonyRetropulsionAtASecondLesion() throws {
        // L1 ESCC 3 (tumour) is the index lesion; T5–T6 ESCC 2 is compressed by retropulsed bone,
        // which the cEBRT given for L1 cannot relieve (found by the differential check's fuzz).
        let tumour = reasoningLesion([.l1], escc: .g3)
        let bone = reasoningLesion([.t5, .t6], escc: .g2, retropulsion: true)
        let a = reasoningAssess(reasoningCase(histology: "breast", lesions: [tumour, bone]))
        #expect(a.reasoningRuleFired("R3: bony retropulsion at T5–T6 (not the index lesion L1) → decompression + stabilisation there"))
        let d = try #require(a.reasoningOption(.decompressionStabilization))
        #expect(d.rationale.contains { $0.rule == "NOMS R3" && $0.finding.contains("compression at T5–T6 is caused by retropulsed bone") })
        #expect(a.reasoningCodes.contains(.cebrt), "the index lesion keeps its radiotherapy")
        #expect(a.noms.neurologic.facts.contains("also ESCC 2 at T5–T6 (bony retropulsion)"))
        #expect(!a.noms.rulesApplied.contains { $0.hasPrefix("R6") }, "a surgical indication: no R6 SBRT preference")
        #expect(a.referrals.contains(.spineSurgery))
    }

    @Test("R3 names the index lesion, and a separate high-grade compression by tumour is flagged on R3's options")
    func r3SeparateHighGradeArea() throws {
        // Colon (radioresistant): T9 ESCC 3 is the index lesion, T4 ESCC 2 is a separate area.
        let a = reasoningAssess(reasoningCase(histology: "colon", lesions: [reasoningLesion([.t4], escc: .g2), reasoningLesion([.t9], escc: .g3)]))
        let separation = try #require(a.reasoningOption(.separationSurgery))
        #expect(separation.rationale.contains { $0.finding.contains("high-grade compression (ESCC 3 at T9)") })
        let note: Text = "high-grade compression also at T4, apart from T9: plan its treatment too (R3 read the index lesion)"
        #expect(separation.contextNotes.contains(note))
        #expect(try #require(a.reasoningOption(.sbrt)).contextNotes.contains(note))
        #expect(a.noms.neurologic.facts.contains("also ESCC 2 at T4"))
        // A contiguous high-grade lesion is the same area: no note.
        let one = reasoningAssess(reasoningCase(histology: "colon", lesions: [reasoningLesion([.t8], escc: .g2), reasoningLesion([.t9], escc: .g3)]))
        #expect(!(try #require(one.reasoningOption(.separationSurgery))).contextNotes.contains { $0.contains("apart from") })
    }

    @Test("R3 radiosensitive + high-grade ESCC: cEBRT, no separation surgery")
    func r3SensitiveHighGradeCebrt() throws {
        let a = reasoningAssess(reasoningCase(histology: "breast", lesions: [reasoningLesion(escc: .g3)]))
        #expect(a.noms.oncologic.code == "sensitive")
        #expect(a.noms.neurologic.code == "high-grade")
        #expect(a.reasoningRuleFired("R3: radiosensitive"))
        let cebrt = try #require(a.reasoningOption(.cebrt))
        #expect(cebrt.regimen == "20 Gy / 5")
        #expect(!a.reasoningCodes.contains(.separationSurgery))
        #expect(!a.reasoningCodes.contains(.decompressionStabilization), "no neurological sign: Patchell does not apply")
    }

    @Test("R3 radiosensitive chemosensitive histology (lymphoma): systemic therapy may come first")
    func r3SensitiveSystemicFirst() throws {
        let a = reasoningAssess(reasoningCase(histology: "lymphoma", lesions: [reasoningLesion(escc: .g2)]))
        #expect(a.reasoningCodes.contains(.cebrt))
        let systemic = try #require(a.reasoningOption(.systemicTherapy))
        #expect(systemic.rationale.contains { $0.rule == "NOMS R3" })
        #expect(!a.reasoningCodes.contains(.separationSurgery))
    }

    @Test("R3 radioresistant + low-grade ESCC: SBRT 24 Gy / 2")
    func r3ResistantLowGradeSbrt() throws {
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g1b)]))
        #expect(a.noms.oncologic.code == "resistant")
        #expect(a.reasoningRuleFired("R3: radioresistant + low-grade ESCC"))
        let sbrt = try #require(a.reasoningOption(.sbrt))
        #expect(sbrt.regimen == "24 Gy / 2")
        #expect(!a.reasoningCodes.contains(.separationSurgery))
        #expect(!a.reasoningCodes.contains(.cebrt))
    }

    @Test("R3 radioresistant + high-grade ESCC: separation surgery ranked before SBRT (hybrid)")
    func r3ResistantHighGradeSeparationSurgery() throws {
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g2)]))
        #expect(a.reasoningRuleFired("R3: radioresistant + high-grade ESCC"))
        let surgery = try #require(a.reasoningRank(.separationSurgery))
        let sbrt = try #require(a.reasoningRank(.sbrt))
        #expect(surgery < sbrt)
        #expect(a.reasoningCodes.contains(.embolization), "renal cell carcinoma is hypervascular")
        #expect(a.referrals.contains(.spineSurgery))
    }

    @Test("R3 radiosensitivity unclassified: both cEBRT and SBRT shown, with a note and a warning")
    func r3UnclassifiedBothPathways() throws {
        let a = reasoningAssess(reasoningCase(histology: "bladder", lesions: [reasoningLesion(escc: .g1a)]))
        #expect(a.noms.oncologic.code == "unclassified")
        let cebrt = try #require(a.reasoningOption(.cebrt))
        let sbrt = try #require(a.reasoningOption(.sbrt))
        #expect(cebrt.contextNotes.contains { $0.contains("primaryTumor.radiosensitivity") })
        #expect(sbrt.contextNotes.contains("pathway depends on radiosensitivity, which is not classified for this histology (bladder): record primaryTumor.radiosensitivity"))
        #expect(a.warnings.contains { $0.contains("not on the NOMS radiosensitivity list") })
    }

    @Test("R3 clinician's radiosensitivity override decides the pathway for an unclassified histology")
    func r3UnclassifiedOverride() {
        let a = reasoningAssess(reasoningCase(histology: "bladder", lesions: [reasoningLesion(escc: .g1a)]) {
            $0.primaryTumor.radiosensitivity = .resistant
        })
        #expect(a.noms.oncologic.code == "resistant")
        #expect(a.reasoningCodes.contains(.sbrt))
        #expect(!a.reasoningCodes.contains(.cebrt))
        #expect(!a.warnings.contains { $0.contains("not on the NOMS radiosensitivity list") })
    }

    @Test("O: an unknown primary is radioresistant until tissue is obtained, unless the clinician says otherwise")
    func oncologicUnknownPrimaryOverride() {
        let plain = reasoningAssess(reasoningCase(histology: "unknown-primary", lesions: [reasoningLesion(escc: .g1a)]))
        #expect(plain.noms.oncologic.code == "resistant")
        #expect(plain.noms.oncologic.facts.contains("unknown primary: obtain tissue; treated as radioresistant until then (histologies.md §)"))
        let given = reasoningAssess(reasoningCase(histology: "unknown-primary", lesions: [reasoningLesion(escc: .g1a)]) {
            $0.primaryTumor.radiosensitivity = .sensitive
        })
        #expect(given.noms.oncologic.code == "sensitive")
        #expect(given.noms.oncologic.facts.contains("unknown primary: obtain tissue; the clinician's radiosensitivity applies until then"))
        #expect(!given.noms.oncologic.facts.contains { $0.contains("treated as radioresistant") }, "no fact contradicts the finding")
        #expect(!given.warnings.contains { $0.contains("treated as radioresistant") })
        #expect(given.warnings.contains { $0.hasPrefix("Unknown primary: obtain tissue; the clinician's radiosensitivity applies until then") })
    }

    @Test("R3 ESCC 1c: low-grade pathway with a grey-zone warning")
    func r3Escc1cLowGradeGreyZone() throws {
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g1c)]))
        #expect(a.noms.neurologic.code == "low-grade")
        #expect(a.scores.escc.highGrade == false)
        #expect(a.scores.escc.greyZone == true)
        #expect(a.warnings.contains { $0.contains("grey zone") && $0.contains("1c") })
        #expect(!a.reasoningCodes.contains(.separationSurgery))
        let sbrt = try #require(a.reasoningOption(.sbrt))
        #expect(sbrt.regimen == "24 Gy / 2")
    }

    @Test("R3 reads the most compressive lesion when there are several")
    func r3MostCompressiveLesion() {
        let lesions = [reasoningLesion([.t4], escc: .g0), reasoningLesion([.t8], escc: .g3)]
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: lesions))
        #expect(a.scores.escc.grade == "3")
        #expect(a.scores.escc.lesion == "T8")
        #expect(a.reasoningCodes.contains(.separationSurgery))
    }
}

// MARK: - R4 Patchell

@Suite("Reasoning: NOMS R4 Patchell check")
struct ReasoningR4Tests {
    /// Renal cell MSCC with a recent myelopathy, walking with an aid: every Patchell criterion holds.
    static func patchellCase(histology: String = "kidney", _ configure: (inout Case) -> Void = { _ in }) -> Case {
        reasoningCase(histology: histology, lesions: [reasoningLesion(escc: .g2)]) {
            reasoningMyelopathy(&$0)
            $0.systemic.clinicianSurvivalEstimateMonths = 12
            configure(&$0)
        }
    }

    @Test("R4 met: all criteria hold; the surgical option cites Patchell")
    func r4PatchellMet() throws {
        let a = reasoningAssess(Self.patchellCase())
        #expect(a.patchell.status == "met")
        #expect(a.patchell.criteria.allSatisfy { $0.met == true })
        #expect(a.patchell.summary.contains("84 %"))
        let surgical = a.options.filter(\.code.isOpenSurgery)
        #expect(surgical.contains { $0.rationale.contains { $0.rule.contains("Patchell") } })
    }

    @Test("R4 met for a radiosensitive solid tumour (breast) adds decompression + stabilisation")
    func r4PatchellMetBreastAddsDecompression() throws {
        let a = reasoningAssess(Self.patchellCase(histology: "breast"))
        #expect(a.patchell.status == "met")
        let d = try #require(a.reasoningOption(.decompressionStabilization))
        #expect(d.rationale.contains { $0.rule.contains("Patchell") })
        #expect(a.reasoningCodes.contains(.cebrt))
        #expect(a.reasoningRuleFired("R4 Patchell: criteria met → direct decompression and stabilisation"))
        // Rades ≥ 36 chose the long course, the trial's own: nothing to add.
        let long = try #require(a.reasoningOption(.cebrt))
        #expect(long.regimen == "30 Gy / 10")
        #expect(!long.contextNotes.contains { $0.contains("Patchell 2005") })
        // With visceral and other bone metastases (Rades < 36), R3's radiotherapy-alone course is
        // 20 Gy / 5, and the trial's post-operative course is said beside it (§12.3).
        let shorter = reasoningAssess(Self.patchellCase(histology: "breast") {
            $0.otherMetastases.visceral.present = true
            $0.otherMetastases.extraspinalBoneCount = 3
        })
        #expect(shorter.patchell.status == "met")
        let cebrt = try #require(shorter.reasoningOption(.cebrt))
        #expect(cebrt.regimen == "20 Gy / 5")
        #expect(cebrt.contextNotes.contains("after the decompression Patchell's criteria support: the post-operative radiotherapy of Patchell 2005 was 30 Gy / 10 (reference §12.3)"))
        // The decompression declined, or surgery avoided: the trial's post-operative course is not said.
        for preference in [{ (c: inout Case) in c.preferences.declines = [.decompressionStabilization] },
                           { (c: inout Case) in c.preferences.priorities = [.avoidSurgery] }] {
            let off = reasoningAssess(Self.patchellCase(histology: "breast") {
                $0.otherMetastases.visceral.present = true
                $0.otherMetastases.extraspinalBoneCount = 3
                preference(&$0)
            })
            #expect(off.reasoningOption(.decompressionStabilization) != nil, "kept visible")
            #expect(off.reasoningOption(.cebrt)?.contextNotes.contains { $0.contains("Patchell 2005") } == false)
        }
        // Not met (no neurological symptom): no operation, so no such note.
        let notMet = reasoningAssess(reasoningCase(histology: "breast", lesions: [reasoningLesion(escc: .g2)]) {
            $0.systemic.clinicianSurvivalEstimateMonths = 12
        })
        #expect(notMet.patchell.status != "met")
        #expect(notMet.reasoningOption(.cebrt)?.contextNotes.contains { $0.contains("Patchell 2005") } == false)
    }

    @Test("R4 not met for a radiosensitive histology excluded by Patchell (lymphoma)",
          arguments: ["lymphoma", "myeloma", "leukemia", "germ-cell"])
    func r4PatchellNotMetRadiosensitive(histology: String) throws {
        let a = reasoningAssess(Self.patchellCase(histology: histology))
        #expect(a.patchell.status == "not-met")
        let criterion = try #require(a.patchell.criteria.first { $0.criterion.contains("radiosensitive") })
        #expect(criterion.met == false)
        #expect(a.patchell.summary.hasPrefix("Patchell criteria not met: the trial's evidence for surgery + RT does not apply. Not met: "))
        #expect(a.patchell.summary.hasSuffix("not a radiosensitive tumour (lymphoma, leukaemia, myeloma, germ-cell)."))
        #expect(!a.reasoningCodes.contains(.decompressionStabilization))
    }

    @Test("R4 met for an unclassified histology ranks the operation ahead of radiotherapy alone")
    func r4PatchellMetUnclassifiedRanksSurgeryFirst() throws {
        // Bladder is not on the NOMS list: both pathways are shown; Patchell favours surgery + RT in either.
        let a = reasoningAssess(Self.patchellCase(histology: "bladder"))
        #expect(a.patchell.status == "met")
        let separation = try #require(a.reasoningOption(.separationSurgery))
        let cebrt = try #require(a.reasoningOption(.cebrt))
        #expect(separation.rationale.contains { $0.rule == "Patchell check (R4)" })
        #expect(separation.rank < cebrt.rank)
    }

    @Test("R4 reads a solitary plasmacytoma with myeloma, and says so")
    func r4PatchellPlasmacytomaReadWithMyeloma() throws {
        let a = reasoningAssess(Self.patchellCase(histology: "plasmacytoma"))
        #expect(a.patchell.status == "not-met")
        let criterion = try #require(a.patchell.criteria.first { $0.criterion.contains("radiosensitive") })
        #expect(criterion.met == false)
        #expect(criterion.fact.contains("plasma-cell tumour, read with myeloma (SpineBoard reading"))
    }

    @Test("R4, triage and the rules read a recorded loss of walking as a neurological sign alike")
    func r4LossOfAmbulationIsANeurologicalSign() throws {
        // Frankel E and no deficit recorded, but walking lost 30 h ago: NG234's "difficulty in walking".
        let lesion = reasoningLesion(pain: .mechanical, escc: .g2)
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [lesion]) {
            $0.systemic.clinicianSurvivalEstimateMonths = 12
            $0.neurology.ambulation = .nonAmbulatory
            $0.neurology.hoursSinceLossOfAmbulation = 30
        })
        #expect(a.urgency.level == .emergency)
        #expect(a.urgency.reasons.contains("loss of ambulation recorded (30 h ago)"))
        let neuro = try #require(a.patchell.criteria.first { $0.criterion.contains("neurological sign or symptom") })
        #expect(neuro.met == true)
        #expect(a.patchell.status == "met")
        // Without the hours, non-ambulatory alone is not read as a new sign (it may be long-standing).
        let b = reasoningAssess(reasoningCase(histology: "kidney", lesions: [lesion]) {
            $0.systemic.clinicianSurvivalEstimateMonths = 12
            $0.neurology.ambulation = .nonAmbulatory
        })
        #expect(b.urgency.level == .urgent)
        #expect(b.patchell.criteria.first { $0.criterion.contains("neurological sign or symptom") }?.met == false)
    }

    @Test("R4 not met for paraplegia > 48 h")
    func r4PatchellNotMetParaplegiaOver48h() throws {
        let a = reasoningAssess(Self.patchellCase {
            reasoningMyelopathy(&$0, frankel: .a, days: 4)
            $0.neurology.hoursSinceLossOfAmbulation = 72
        })
        #expect(a.patchell.status == "not-met")
        let criterion = try #require(a.patchell.criteria.first { $0.criterion.contains("48 hours") })
        #expect(criterion.met == false)
    }

    @Test("R4 paraplegia for exactly 48 h still qualifies")
    func r4PatchellParaplegia48hBoundary() throws {
        let a = reasoningAssess(Self.patchellCase {
            reasoningMyelopathy(&$0, frankel: .a, days: 2)
            $0.neurology.hoursSinceLossOfAmbulation = 48
        })
        let criterion = try #require(a.patchell.criteria.first { $0.criterion.contains("48 hours") })
        #expect(criterion.met == true)
        #expect(a.patchell.status == "met")
    }

    @Test("R4 undetermined when a paraplegic patient's hours since loss of ambulation are unknown")
    func r4PatchellUndeterminedHoursUnknown() throws {
        let a = reasoningAssess(Self.patchellCase {
            reasoningMyelopathy(&$0, frankel: .a, days: 4)
            $0.neurology.hoursSinceLossOfAmbulation = nil
        })
        #expect(a.patchell.status == "undetermined")
        let criterion = try #require(a.patchell.criteria.first { $0.criterion.contains("48 hours") })
        #expect(criterion.met == nil)
        #expect(a.patchell.summary.contains("undetermined"))
    }

    @Test("R4 not applicable when ESCC is low-grade", arguments: [EpiduralCompressionGrade.g0, .g1a, .g1b, .g1c])
    func r4PatchellNotApplicableLowGrade(grade: EpiduralCompressionGrade) {
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: grade)]) {
            reasoningMyelopathy(&$0)
        })
        #expect(a.patchell.status == "not-applicable")
    }

    @Test("R4 pain alone: strict reading not met, the summary states the pain-alone reading")
    func r4PatchellPainAloneReading() throws {
        let lesion = reasoningLesion(pain: .mechanical, escc: .g2)
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [lesion]) {
            $0.systemic.clinicianSurvivalEstimateMonths = 12
        })
        #expect(a.urgency.level == .urgent, "no neurological symptom: urgent, not emergency")
        #expect(a.patchell.status == "not-met")
        let neuro = try #require(a.patchell.criteria.first { $0.criterion.contains("neurological sign or symptom") })
        #expect(neuro.met == false)
        #expect(neuro.fact == "pain only")
        #expect(a.patchell.summary.contains("pain alone"))
        #expect(a.patchell.summary.hasSuffix("the criteria are met."))
    }

    @Test("R4 without pain or symptoms the summary does not offer the pain-alone reading")
    func r4PatchellNoPainNoAlternativeReading() {
        let lesion = reasoningLesion(pain: LesionPain.none, escc: .g2)
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [lesion]) { $0.symptoms.painScore = 0 })
        #expect(a.patchell.status == "not-met")
        #expect(!a.patchell.summary.contains("Where pain alone is counted"))
    }

    @Test("R4 not met with two separate areas of compression")
    func r4PatchellNotMetTwoAreas() throws {
        let lesions = [reasoningLesion([.t4], escc: .g2), reasoningLesion([.t9], escc: .g3)]
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: lesions) { reasoningMyelopathy(&$0) })
        #expect(a.patchell.status == "not-met")
        let single = try #require(a.patchell.criteria.first { $0.criterion.contains("single area") })
        #expect(single.met == false)
    }
}

// MARK: - R5 en bloc

@Suite("Reasoning: NOMS R5 en bloc")
struct ReasoningR5Tests {
    /// Vignette V09: follicular thyroid carcinoma, solitary S1 lesion, no visceral disease.
    static func v09(histology: String = "thyroid") -> Case {
        let lesion = reasoningLesion([.s1], pain: .mechanical, bone: .lytic, alignment: .normal,
                                     collapse: .noCollapseOver50Involved, posterolateral: PosterolateralInvolvement.none, escc: .g0)
        return reasoningCase(histology: histology, lesions: [lesion]) {
            $0.primaryTumor.monthsFromDiagnosisToSpinalMetastasis = 84
            $0.labs.albumin = Albumin(value: 4.3, unit: .gramsPerDecilitre)
            $0.systemic.clinicianSurvivalEstimateMonths = 60
        }
    }

    @Test("R5 en bloc met: V09 thyroid, solitary S1 (SINS 9, Tokuhashi 15, Tomita 2)")
    func r5EnBlocMetV09() throws {
        let a = reasoningAssess(Self.v09())
        #expect(a.scores.sins.total == 9)
        #expect(a.scores.tokuhashiRevised.total == 15)
        #expect(a.scores.tomita.total == 2)
        #expect(a.scores.bauerModified.total == 3)
        #expect(a.scores.bauerOriginal.total == 4)
        #expect(a.scores.nesms.total == 3)
        #expect(a.scores.rades.status == .notApplicable)
        #expect(a.enBloc.status == "met")
        #expect(a.reasoningRuleFired("R5"))
        let enBloc = try #require(a.reasoningOption(.enBlocResection))
        #expect(enBloc.regimen?.contains("spondylectomy") == true)
        // The rest of V09's recommendation: SBRT (radioresistant, low-grade) and pedicle-screw stabilisation.
        #expect(a.reasoningOption(.sbrt)?.regimen == "24 Gy / 2")
        #expect(a.reasoningCodes.contains(.stabilization))
        #expect(a.reasoningCodes.contains(.embolization), "thyroid is hypervascular")
    }

    @Test("R5 en bloc not met: the same solitary lesion from a breast primary")
    func r5EnBlocNotMetBreast() throws {
        let a = reasoningAssess(Self.v09(histology: "breast"))
        #expect(a.enBloc.status == "not-met")
        let histology = try #require(a.enBloc.criteria.first { $0.criterion.contains("histology") })
        #expect(histology.met == false)
        #expect(a.enBloc.summary == "Not an en bloc candidate. Not met: favourable histology (e.g. renal cell, thyroid).")
        #expect(!a.reasoningCodes.contains(.enBlocResection))
        #expect(!a.reasoningRuleFired("R5"))
    }

    @Test("R5 undetermined when operability is not recorded: the summary names what to record")
    func r5EnBlocUndetermined() throws {
        var c = Self.v09()
        c.systemic.medicallyOperable = nil
        let a = reasoningAssess(c)
        #expect(a.enBloc.status == "undetermined")
        #expect(a.enBloc.summary == "En bloc candidacy undetermined. Unknown: fit for major surgery with expected survival ≥ 3 months.")
        #expect(!a.reasoningCodes.contains(.enBlocResection))
    }

    /// A treatable adrenal metastasis: Tomita 1 + 2 + 1 = 4, which advises marginal or intralesional
    /// excision, not en bloc. The reference's own V04 (Tomita 5, Tokuhashi 12) has no en bloc.
    static func v09WithAdrenal() -> Case {
        var c = v09()
        c.otherMetastases.visceral.present = true
        c.otherMetastases.visceral.sites = [.adrenal]
        c.otherMetastases.visceral.surgicallyRemovable = true
        c.otherMetastases.visceral.treatable = true
        return c
    }

    @Test("R5 not met when a computed score contradicts long survival: Tomita 4 with Tokuhashi 15 (as V04)")
    func r5EnBlocNotMetWhenScoresDisagree() throws {
        let a = reasoningAssess(Self.v09WithAdrenal())
        #expect(a.scores.tomita.total == 4)
        #expect(a.scores.tokuhashiRevised.total == 15, "the adrenal is not a Tokuhashi major organ")
        let long = try #require(a.enBloc.criteria.first { $0.criterion.contains("long expected survival") })
        #expect(long.met == false)
        #expect(a.enBloc.status == "not-met")
        #expect(!a.reasoningCodes.contains(.enBlocResection))
    }

    @Test("R5 not met when Tomita contradicts and Tokuhashi is incomplete; met on Tomita 2 alone")
    func r5EnBlocWithOneScore() throws {
        var c = Self.v09WithAdrenal()
        c.performance.karnofsky = nil
        var a = reasoningAssess(c)
        #expect(a.scores.tokuhashiRevised.status == .incomplete)
        #expect(a.enBloc.criteria.first { $0.criterion.contains("long expected survival") }?.met == false)

        c = Self.v09()
        c.performance.karnofsky = nil
        a = reasoningAssess(c)
        #expect(a.scores.tomita.total == 2)
        #expect(a.enBloc.criteria.first { $0.criterion.contains("long expected survival") }?.met == true)
    }

    @Test("R5 en bloc not met for a thyroid metastasis that is not solitary")
    func r5EnBlocNotMetMultiple() {
        var c = Self.v09()
        c.otherMetastases.extraspinalBoneCount = 2
        let a = reasoningAssess(c)
        #expect(a.enBloc.status == "not-met")
        #expect(!a.reasoningCodes.contains(.enBlocResection))
    }
}

// MARK: - R6 modernisation

@Suite("Reasoning: NOMS R6 modernisation (ASTRO 2024)")
struct ReasoningR6Tests {
    @Test("R6: radiosensitive, good performance status, no surgery, no neurology → SBRT with an ASTRO 2024 rationale")
    func r6SbrtForRadiosensitiveGoodPS() throws {
        let a = reasoningAssess(reasoningCase(histology: "breast"))
        #expect(a.reasoningRuleFired("R6"))
        let sbrt = try #require(a.reasoningOption(.sbrt))
        #expect(sbrt.rationale.contains { $0.rule.contains("ASTRO 2024") || $0.citation.contains("ASTRO") && $0.citation.contains("2024") })
        #expect(a.reasoningCodes.contains(.cebrt))
    }

    @Test("R6 absent in an emergency")
    func r6AbsentWhenEmergency() {
        let a = reasoningAssess(reasoningCase(histology: "breast") { $0.symptoms.neuroSymptoms = [.numbness] })
        #expect(a.urgency.level == .emergency)
        #expect(!a.reasoningRuleFired("R6"))
        #expect(!a.reasoningCodes.contains(.sbrt))
    }

    @Test("R6 absent with poor performance status")
    func r6AbsentPoorPerformance() {
        let a = reasoningAssess(reasoningCase(histology: "breast") { $0.performance.karnofsky = 50 })
        #expect(!a.reasoningCodes.contains(.sbrt))
    }

    @Test("R6 absent when there is an indication for surgery")
    func r6AbsentWithSurgicalIndication() {
        let a = reasoningAssess(reasoningCase(histology: "breast", lesions: [reasoningMaxSinsLesion()]))
        #expect(a.reasoningCodes.contains(.stabilization))
        #expect(!a.reasoningRuleFired("R6"))
    }
}

// MARK: - Triage

@Suite("Reasoning: triage (case-format.md urgency)")
struct ReasoningTriageTests {
    @Test("each neurological symptom alone is an emergency", arguments: NeuroSymptom.allCases)
    func triageNeuroSymptomEmergency(symptom: NeuroSymptom) {
        let a = reasoningAssess(reasoningCase { $0.symptoms.neuroSymptoms = [symptom] })
        #expect(a.urgency.level == .emergency)
        #expect(!a.urgency.reasons.isEmpty)
    }

    @Test("each recorded deficit alone is an emergency",
          arguments: [NeurologicalDeficit.radiculopathy, .myelopathy, .caudaEquina])
    func triageDeficitEmergency(deficit: NeurologicalDeficit) {
        let a = reasoningAssess(reasoningCase {
            $0.neurology.deficit = deficit
            $0.neurology.motorDeficitDays = 3
            $0.neurology.frankel = .d
        })
        #expect(a.urgency.level == .emergency)
        #expect(a.urgency.reasons.contains("neurological deficit recorded: \(Triage.text(deficit))"))
    }

    @Test("bladder or bowel dysfunction alone is an emergency")
    func triageBladderBowelEmergency() {
        let a = reasoningAssess(reasoningCase { $0.neurology.bladderBowelDysfunction = true })
        #expect(a.urgency.level == .emergency)
    }

    @Test("a Frankel grade below E is a neurological sign: emergency even when the deficit field is left blank")
    func triageFrankelBelowEWithoutDeficitField() {
        // Valid document: `deficit` is optional and only "none" is forbidden with Frankel < E.
        let a = reasoningAssess(reasoningCase {
            $0.neurology.deficit = nil
            $0.neurology.frankel = .c
            $0.neurology.ambulation = .nonAmbulatory
        })
        #expect(a.urgency.level == .emergency)
    }

    @Test("new back pain alone is urgent, with 24 h and 1 week deadlines")
    func triageNewBackPainUrgent() throws {
        let a = reasoningAssess(reasoningCase { $0.symptoms.newBackPain = true })
        #expect(a.urgency.level == .urgent)
        let coordinator = try #require(a.urgency.deadlines.first { $0.action.contains("MSCC coordinator") })
        #expect(coordinator.withinHours == 24)
        #expect(coordinator.dueBy == "2026-03-02")
        let mri = try #require(a.urgency.deadlines.first { $0.action.contains("MRI") })
        #expect(mri.withinHours == 168)
        #expect(mri.dueBy == "2026-03-08")
        #expect(mri.action.contains("plain X-ray cannot rule out spinal metastases"), "NG234, reference §13.2")
    }

    @Test("each red-flag pain feature alone is urgent", arguments: PainFeature.allCases)
    func triagePainFeatureUrgent(feature: PainFeature) {
        let a = reasoningAssess(reasoningCase { $0.symptoms.painFeatures = [feature] })
        #expect(a.urgency.level == .urgent)
    }

    @Test("SINS 13 on imaging is urgent")
    func triageSins13Urgent() {
        let lesion = reasoningLesion([.t12], pain: .mechanical, bone: .mixed, alignment: .deformity, collapse: .over50,
                                     posterolateral: .unilateral)
        let a = reasoningAssess(reasoningCase(lesions: [lesion]))
        #expect(a.scores.sins.total == 13)
        #expect(a.urgency.level == .urgent)
    }

    @Test("SINS 12 alone is not urgent")
    func triageSins12NotUrgent() {
        // T12 3 + mechanical 3 + blastic 0 + deformity 2 + >50 % 3 + unilateral 1 = 12.
        let lesion = reasoningLesion([.t12], pain: .mechanical, bone: .blastic, alignment: .deformity, collapse: .over50,
                                     posterolateral: .unilateral)
        let a = reasoningAssess(reasoningCase(lesions: [lesion]))
        #expect(a.scores.sins.total == 12)
        #expect(a.urgency.level == .routine)
    }

    @Test("an unstable lesion counts even when another lesion's SINS is incomplete (safe side)")
    func triageUnstableLesionWithIncompleteOther() {
        let lesions = [reasoningMaxSinsLesion(), reasoningLesion([.t4], pain: nil)]
        let a = reasoningAssess(reasoningCase(lesions: lesions))
        #expect(a.scores.sins.status == .incomplete)
        #expect(a.urgency.level == .urgent)
    }

    @Test("ESCC 2 on imaging is urgent")
    func triageEscc2Urgent() {
        let a = reasoningAssess(reasoningCase(lesions: [reasoningLesion(escc: .g2)]))
        #expect(a.urgency.level == .urgent)
    }

    @Test("ESCC 1c alone is not urgent")
    func triageEscc1cNotUrgent() {
        let a = reasoningAssess(reasoningCase(lesions: [reasoningLesion(escc: .g1c)]))
        #expect(a.urgency.level == .routine)
    }

    @Test("no trigger: routine, no deadlines")
    func triageNoneRoutine() {
        let a = reasoningAssess(reasoningCase())
        #expect(a.urgency.level == .routine)
        #expect(a.urgency.deadlines.isEmpty)
        #expect(!a.urgency.safetyNet.isEmpty)
    }

    @Test("neurology outranks pain: both recorded gives emergency with every reason listed")
    func triageEmergencyKeepsUrgentReasons() {
        let a = reasoningAssess(reasoningCase {
            $0.symptoms.neuroSymptoms = [.radicularPain]
            $0.symptoms.newBackPain = true
        })
        #expect(a.urgency.level == .emergency)
        #expect(a.urgency.reasons.contains { $0.contains("radicular pain") })
        #expect(a.urgency.reasons.contains { $0.contains("new back pain") })
    }
}

// MARK: - The patient's context

@Suite("Reasoning: the patient's context")
struct ReasoningContextTests {
    @Test("financial constraints favour 8 Gy × 1 when ESCC is not high-grade",
          arguments: [FinancialConstraints.some, .severe])
    func contextFinancialConstraintsSingleFraction(level: FinancialConstraints) throws {
        let a = reasoningAssess(reasoningCase { $0.social.financialConstraints = level })
        let cebrt = try #require(a.reasoningOption(.cebrt))
        #expect(cebrt.regimen == "8 Gy × 1")
        #expect(cebrt.alternativeRegimens.contains("20 Gy / 5"))
        #expect(cebrt.contextNotes.contains { $0.contains("financial constraints") })
        #expect(a.referrals.contains(.socialWork))
    }

    @Test("high travel burden favours 8 Gy × 1 when ESCC is not high-grade")
    func contextTravelBurdenSingleFraction() throws {
        let a = reasoningAssess(reasoningCase { $0.social.travelBurden = .high })
        let cebrt = try #require(a.reasoningOption(.cebrt))
        #expect(cebrt.regimen == "8 Gy × 1")
        #expect(cebrt.contextNotes.contains { $0.contains("travel") })
    }

    @Test("with high-grade ESCC the regimen stays 20 Gy / 5 and a SCORAD note explains why")
    func contextFinancialConstraintsHighGradeScorad() throws {
        let a = reasoningAssess(reasoningCase(lesions: [reasoningLesion(escc: .g2)]) {
            $0.social.financialConstraints = .severe
        })
        let cebrt = try #require(a.reasoningOption(.cebrt))
        #expect(cebrt.regimen == "20 Gy / 5")
        #expect(cebrt.contextNotes.contains { $0.contains("SCORAD") })
        #expect(cebrt.alternativeRegimens.first == "8 Gy × 1")
    }

    @Test("limited family support adds rehabilitation and a social-work referral",
          arguments: [FamilySupport.limited, .none])
    func contextLimitedFamilySupport(support: FamilySupport) throws {
        let a = reasoningAssess(reasoningCase { $0.social.familySupport = support })
        #expect(a.reasoningCodes.contains(.rehabilitation))
        #expect(a.referrals.contains(.socialWork))
        #expect(a.referrals.contains(.physiatry))
    }

    @Test("strong family support and no constraints: no social-work referral")
    func contextStrongSupportNoSocialWork() {
        let a = reasoningAssess(reasoningCase())
        #expect(!a.referrals.contains(.socialWork))
    }

    @Test("diabetes: dexamethasone carries a hyperglycaemia caution")
    func contextDiabetesDexamethasoneCaution() throws {
        let a = reasoningAssess(reasoningCase {
            $0.symptoms.neuroSymptoms = [.limbWeakness]
            $0.comorbidities = [.diabetes]
        })
        let dex = try #require(a.reasoningOption(.dexamethasone))
        #expect(dex.cautions.contains { $0.contains("hyperglycaemia") })
    }

    @Test("anaemia: open surgery carries a transfusion caution")
    func contextAnemiaSurgeryCaution() throws {
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g2)]) {
            $0.comorbidities = [.anemia]
        })
        let surgery = try #require(a.reasoningOption(.separationSurgery))
        #expect(surgery.cautions.contains { $0.contains("transfusion threshold 8 g/dL for spinal (orthopaedic) surgery") })
        #expect(a.reasoningOption(.sbrt)?.cautions.contains { $0.contains("transfusion") } == false)
    }

    @Test("a declined option stays listed, marked declined, after every option not declined")
    func contextDeclinedOptionRankedLast() throws {
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g2)]) {
            $0.preferences.declines = [.separationSurgery, .systemicTherapy]
        })
        let declined = a.options.filter(\.declined)
        #expect(Set(declined.map(\.code)) == [.separationSurgery, .systemicTherapy])
        let maxAccepted = try #require(a.options.filter { !$0.declined }.map(\.rank).max())
        #expect(declined.allSatisfy { $0.rank > maxAccepted })
        #expect(declined.allSatisfy { $0.contextNotes.contains { $0.contains("declined") } })
    }

    @Test("every local treatment declined: a warning asks for the informed refusal and a review; one local treatment left: none")
    func contextEveryLocalTreatmentDeclinedWarns() throws {
        // Lymphoma with ESCC 3, neurologically intact: cEBRT (R3) and SBRT (R6) are the local
        // treatments. Declining both leaves systemic therapy, dexamethasone and supportive care.
        let declinedAll = reasoningAssess(reasoningCase(histology: "lymphoma", lesions: [reasoningLesion(escc: .g3)]) {
            $0.preferences.declines = [.cebrt, .sbrt]
        })
        #expect(declinedAll.reasoningOption(.cebrt)?.declined == true)
        #expect(declinedAll.reasoningOption(.sbrt)?.declined == true)
        let warning = try #require(declinedAll.warnings.first { $0.hasPrefix("The patient declined every local treatment") })
        #expect(warning.string == "The patient declined every local treatment on the list (cebrt, sbrt): none remains planned. Record the informed refusal — with high-grade epidural compression, walking and bladder and bowel function are at stake, keep the safety-net, and revisit the decision at each review (SpineBoard context rule).")

        // Solitary renal cell carcinoma, low-grade: SBRT (R3) and en bloc resection (R5); with
        // cEBRT declined too, none is offered instead. The warning names both, without the
        // compression clause.
        let both = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g1a)]) {
            $0.preferences.declines = [.sbrt, .cebrt, .enBlocResection]
        })
        let localCodes = both.options.map(\.code).filter(\.isLocalTreatment)
        #expect(localCodes == [.enBlocResection, .sbrt] || localCodes == [.sbrt, .enBlocResection])
        let second = try #require(both.warnings.first { $0.hasPrefix("The patient declined every local treatment") })
        #expect(!second.contains("epidural compression"))
        for code in localCodes { #expect(second.contains(code.rawValue)) }

        // One local treatment not declined (separation surgery stands, SBRT declined): no warning.
        let partly = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g2)]) {
            $0.preferences.declines = [.sbrt]
        })
        #expect(partly.reasoningOption(.separationSurgery)?.declined == false)
        #expect(!partly.warnings.contains { $0.hasPrefix("The patient declined every local treatment") })
    }

    @Test("declining an option the rules do not propose adds nothing")
    func contextDeclinedAbsentOptionNotAdded() {
        let a = reasoningAssess(reasoningCase { $0.preferences.declines = [.enBlocResection] })
        #expect(!a.reasoningCodes.contains(.enBlocResection))
        #expect(!a.options.contains { $0.declined })
    }

    @Test("avoid-surgery: every non-operative option ranks before every open-surgery option (embolisation, its adjunct, follows it)")
    func contextAvoidSurgeryRanksNonOperativeFirst() throws {
        // Radioresistant, high-grade ESCC, unstable: separation surgery (with stabilisation) on the list.
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningMaxSinsLesion(escc: .g2)]) {
            $0.preferences.priorities = [.avoidSurgery]
        })
        let open = a.options.filter(\.code.isOpenSurgery)
        let nonOperative = a.options.filter { !$0.code.isOpenSurgery && $0.code != .embolization }
        #expect(!open.isEmpty, "surgery is still shown")
        #expect(!nonOperative.isEmpty)
        let lastNonOperative = try #require(nonOperative.map(\.rank).max())
        let firstOpen = try #require(open.map(\.rank).min())
        #expect(lastNonOperative < firstOpen)
        #expect(a.reasoningCodes.contains(.sbrt), "radiotherapy alone is offered as the non-operative alternative")
        #expect(open.allSatisfy { $0.contextNotes.contains { $0.contains("avoid surgery") } })
    }

    @Test("avoid-surgery with a stand-alone stabilisation: orthosis offered as the non-operative alternative")
    func contextAvoidSurgeryStandaloneStabilisationBracing() throws {
        let a = reasoningAssess(reasoningCase(histology: "breast", lesions: [reasoningMaxSinsLesion()]) {
            $0.preferences.priorities = [.avoidSurgery]
        })
        let brace = try #require(a.reasoningOption(.bracing))
        let stabilisation = try #require(a.reasoningOption(.stabilization))
        #expect(brace.rank < stabilisation.rank)
    }

    @Test("avoid-surgery with an unstable spine: orthosis offered even when stabilisation is part of separation surgery")
    func contextAvoidSurgeryMergedStabilisationBracing() {
        // SINS 18 (stabilisation required) + radioresistant high-grade ESCC: the stabilisation is folded
        // into separation surgery. A patient who avoids surgery still needs a non-operative answer to the
        // instability (reference §12.4: orthosis for non-surgical candidates).
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningMaxSinsLesion(escc: .g2)]) {
            $0.preferences.priorities = [.avoidSurgery]
        })
        #expect(a.noms.mechanical.code == "unstable")
        #expect(a.reasoningCodes.contains(.bracing), "no non-operative option addresses the unstable spine")
    }

    @Test("active systemic therapy adds a precedence note to the radiotherapy options")
    func contextActiveSystemicTherapyNote() throws {
        let a = reasoningAssess(reasoningCase { $0.systemic.currentTreatment = [.hormonal] })
        for code in [TreatmentOption.cebrt, .sbrt] {
            let option = try #require(a.reasoningOption(code))
            #expect(option.contextNotes.contains(
                "on hormonal therapy: the systemic treatment takes precedence — time the radiotherapy with medical oncology (agree it with the treatment cycles)"),
                "\(code.rawValue)")
        }
        #expect(a.reasoningOption(.systemicTherapy)?.rationale.contains {
            $0.finding == "continue current systemic therapy (hormonal therapy); local treatment is timed around it" } == true)
        // An operation is told about wound healing; radiotherapy is not.
        let unstable = reasoningAssess(reasoningCase(lesions: [reasoningLesion(pain: .mechanical, alignment: .subluxation, collapse: .over50, posterolateral: .bilateral)]) {
            $0.systemic.currentTreatment = [.targeted, .immunotherapy]
        })
        let stabilisation = try #require(unstable.reasoningOption(.stabilization))
        #expect(stabilisation.contextNotes.contains(
            "on targeted therapy, immunotherapy: the systemic treatment takes precedence — time the operation with medical oncology (hold agents that impair wound healing around surgery)"))
        #expect(!unstable.options.contains { $0.code.isRadiotherapy && $0.contextNotes.contains { $0.contains("wound healing") } })
        #expect(!unstable.options.contains { !$0.code.isLocalTreatment && $0.contextNotes.contains { $0.contains("takes precedence") } })
    }

    @Test("bone-modifying agents alone are not an active anticancer therapy: no precedence note")
    func contextBoneModifyingOnlyNoPrecedenceNote() throws {
        let a = reasoningAssess(reasoningCase { $0.systemic.currentTreatment = [.boneModifying] })
        let cebrt = try #require(a.reasoningOption(.cebrt))
        #expect(!cebrt.contextNotes.contains { $0.contains("takes precedence") })
        #expect(!a.reasoningCodes.contains(.boneModifyingAgent), "already on a bone-modifying agent")
    }

    @Test("prior radiation: a re-irradiation note with EQD2 (20 Gy / 5 → 30 Gy at α/β 2)")
    func contextPriorRadiationEqd2() throws {
        let prior = PriorRadiation(doseGy: 20, fractions: 5, on: CalendarDate(iso: "2025-01-10")!)
        #expect(prior.eqd2CordAlphaBeta2 == 30)
        let a = reasoningAssess(reasoningCase(lesions: [reasoningLesion(prior: prior)]))
        let cebrt = try #require(a.reasoningOption(.cebrt))
        let note = try #require(cebrt.contextNotes.first { $0.contains("re-irradiation") })
        #expect(note.contains("EQD2 30.0 Gy") || note.contains("EQD2 30 Gy"))
        #expect(note.contains("20 Gy / 5"))
        #expect(note.contains("2025-01-10"))
    }

    @Test("EQD2 at α/β 2 for other schedules", arguments: [
        (8.0, 1, 20.0), (30.0, 10, 37.5), (24.0, 2, 84.0), (36.0, 18, 36.0),
    ])
    func contextEqd2Formula(dose: Double, fractions: Int, expected: Double) {
        // EQD2 = D × (d + α/β) / (2 + α/β), α/β = 2.
        #expect(abs(PriorRadiation(doseGy: dose, fractions: fractions).eqd2CordAlphaBeta2 - expected) < 1e-9)
    }
}

// MARK: - Referrals

@Suite("Reasoning: referrals")
struct ReasoningReferralTests {
    @Test("spine surgery referral at SINS ≥ 7")
    func referralSpineSurgerySinsAtLeast7() {
        // T8 1 + occasional 1 + lytic 2 + normal 0 + <50 % 2 + unilateral 1 = 7.
        let lesion = reasoningLesion([.t8], pain: .occasional, bone: .lytic, alignment: .normal, collapse: .under50,
                                     posterolateral: .unilateral)
        let a = reasoningAssess(reasoningCase(lesions: [lesion]))
        #expect(a.scores.sins.total == 7)
        #expect(a.referrals.contains(.spineSurgery))
    }

    @Test("no spine surgery referral at SINS 6 with ESCC 0")
    func referralNoSpineSurgerySins6() {
        // T8 1 + occasional 1 + lytic 2 + normal 0 + <50 % 2 + none 0 = 6.
        let lesion = reasoningLesion([.t8], pain: .occasional, bone: .lytic, alignment: .normal, collapse: .under50)
        let a = reasoningAssess(reasoningCase(lesions: [lesion]))
        #expect(a.scores.sins.total == 6)
        #expect(!a.referrals.contains(.spineSurgery))
        #expect(a.referrals.contains(.radiationOncology))
        #expect(a.referrals.contains(.medicalOncology))
    }

    @Test("spine surgery referral for high-grade ESCC even when SINS is low",
          arguments: [EpiduralCompressionGrade.g2, .g3])
    func referralSpineSurgeryHighGradeEscc(grade: EpiduralCompressionGrade) throws {
        let a = reasoningAssess(reasoningCase(lesions: [reasoningLesion(escc: grade)]))
        #expect(a.scores.sins.total == 4)
        let detail = try #require(a.referralDetails.first { $0.code == .spineSurgery })
        #expect(detail.reasons.contains { $0.contains("ESCC") })
    }

    @Test("spine surgery referral from a lesion with SINS ≥ 7 even when another lesion is incomplete")
    func referralSpineSurgeryPerLesion() {
        let lesions = [reasoningCementLesion(), reasoningLesion([.t4], collapse: nil)]
        let a = reasoningAssess(reasoningCase(lesions: lesions))
        #expect(a.scores.sins.status == .incomplete)
        #expect(a.referrals.contains(.spineSurgery))
    }

    @Test("referral codes are listed once each, in the catalogue order")
    func referralOrderAndUniqueness() {
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningMaxSinsLesion(escc: .g2)]) {
            $0.social.familySupport = .limited
            $0.symptoms.neuroSymptoms = [.limbWeakness]
        })
        let order = Referral.allCases
        let indices = a.referrals.map { order.firstIndex(of: $0)! }
        #expect(indices == indices.sorted())
        #expect(Set(a.referrals).count == a.referrals.count)
    }
}

// MARK: - Every assessment

@Suite("Reasoning: every assessment")
struct ReasoningInvariantTests {
    static let cases: [(String, Case)] = [
        ("baseline", reasoningCase()),
        ("emergency", reasoningCase(lesions: [reasoningLesion(escc: .g2)]) { reasoningMyelopathy(&$0) }),
        ("gated inoperable", reasoningCase(histology: "kidney", lesions: [reasoningMaxSinsLesion(escc: .g2)]) {
            $0.systemic.medicallyOperable = false
        }),
        ("gated short survival", reasoningCase { $0.systemic.clinicianSurvivalEstimateMonths = 1 }),
        ("resistant high-grade", reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g3)])),
        ("unclassified", reasoningCase(histology: "other", lesions: [reasoningLesion(escc: .g2)])),
        ("en bloc", ReasoningR5Tests.v09()),
        ("unknown primary", reasoningCase(histology: "unknown-primary")),
        ("everything declined", reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g2)]) {
            $0.preferences.declines = TreatmentOption.allCases
            $0.preferences.priorities = [.avoidSurgery, .fewestVisits]
            $0.comorbidities = Comorbidity.allCases
        }),
        ("sparse", {
            var c = Case(patient: Patient(id: "SPARSE"), primaryTumor: PrimaryTumor(histology: "other"),
                         spine: Spine(involvedLevels: [.l3], lesions: [SpinalLesion(levels: [.l3])]))
            c.assessedOn = nil
            return c
        }()),
    ]

    @Test("rules version, disclaimer and consecutive ranks", arguments: cases.indices)
    func everyAssessmentInvariants(index: Int) {
        let (name, c) = Self.cases[index]
        let a = reasoningAssess(c)
        #expect(!a.rulesVersion.isEmpty, "\(name)")
        #expect(a.rulesVersion == Rules.version)
        #expect(a.disclaimer == Rules.disclaimer)
        #expect(a.disclaimer.contains("not replace clinical judgment"))
        #expect(a.options.map(\.rank) == Array(1..<(a.options.count + 1)), "\(name): ranks are 1…n")
        #expect(!a.options.isEmpty, "\(name): there is always something to offer")
        #expect(Set(a.options.map(\.code)).count == a.options.count, "\(name): each option once")
        #expect(a.options.allSatisfy { !$0.rationale.isEmpty && !$0.goals.isEmpty }, "\(name): every option explains itself")
        #expect(a.noms.citation.contains("Laufer"))
    }

    @Test("the cases built in this file are valid case documents (they survive CaseDocument.decode)")
    func everyBuiltCaseIsValid() throws {
        let extra = reasoningCase {
            $0.neurology.deficit = nil
            $0.neurology.frankel = .c
            $0.neurology.ambulation = .nonAmbulatory
        }
        let encoder = JSONEncoder()
        for (name, c) in Self.cases + [("Frankel C, deficit blank", extra)] {
            let data = try encoder.encode(c)
            switch CaseDocument.decode([UInt8](data), today: reasoningToday) {
            case .success(let decoded): #expect(decoded == c, "\(name)")
            case .failure(let e): Issue.record("\(name): \(e.errors.map(\.description))")
            }
        }
    }

    @Test("a declined option is flagged exactly when the patient declined it")
    func everyDeclinedFlagMatchesPreferences() {
        for (name, c) in Self.cases {
            let a = reasoningAssess(c)
            for o in a.options {
                #expect(o.declined == c.preferences.declines.contains(o.code), "\(name): \(o.code.rawValue)")
            }
        }
    }
}

// MARK: - Clinical review of 2026-11-27 (reference §12.1–§12.6, §11.3 R1–R3, NG234)

@Suite("Reasoning: cement limits, steroids, re-irradiation, preferences (reference §12)")
struct ReasoningCatalogueTests {
    @Test("R2: a neurological deficit excludes cement (§12.4): pedicle-screw fixation, the reason named")
    func r2CementExcludedByDeficit() throws {
        let a = reasoningAssess(reasoningCase(lesions: [reasoningCementLesion()]) { reasoningMyelopathy(&$0) })
        #expect(!a.reasoningCodes.contains(.cementAugmentation))
        let fixation = try #require(a.reasoningOption(.stabilization))
        #expect(fixation.rationale.contains { $0.finding.contains("cement augmentation not suitable (neurological deficit)") })
    }

    @Test("R2: bony retropulsion excludes cement (§12.4), and decompression is added (R3)")
    func r2CementExcludedByRetropulsion() throws {
        var lesion = reasoningCementLesion()
        lesion.bonyRetropulsion = true
        let a = reasoningAssess(reasoningCase(lesions: [lesion]))
        #expect(!a.reasoningCodes.contains(.cementAugmentation))
        #expect(a.reasoningCodes.contains(.decompressionStabilization))
    }

    @Test("R2: the eligible painful fracture still gets cement, with the §12.4 conditions in its rationale")
    func r2CementEligible() throws {
        let cement = try #require(reasoningAssess(reasoningCase(lesions: [reasoningCementLesion()])).reasoningOption(.cementAugmentation))
        #expect(cement.rationale.contains { $0.finding.contains("no neurological deficit, no bony retropulsion") })
    }

    @Test("R1: cement has a regimen; a deficit turns it into orthosis + analgesia")
    func r1CementAndDeficit() throws {
        let gatedCement = reasoningCase(lesions: [reasoningCementLesion()]) { $0.systemic.clinicianSurvivalEstimateMonths = 2 }
        #expect(reasoningAssess(gatedCement).reasoningOption(.cementAugmentation)?.regimen == "kyphoplasty or vertebroplasty")
        let withDeficit = reasoningCase(lesions: [reasoningCementLesion()]) {
            $0.systemic.clinicianSurvivalEstimateMonths = 2
            reasoningMyelopathy(&$0)
        }
        let a = reasoningAssess(withDeficit)
        #expect(!a.reasoningCodes.contains(.cementAugmentation))
        let brace = try #require(a.reasoningOption(.bracing))
        #expect(brace.rationale.contains { $0.finding.contains("neurological deficit") })
    }

    @Test("R1: a sacral lesion gets a lumbosacral orthosis, not a thoracolumbar one")
    func r1SacralOrthosis() throws {
        // S1 junctional 3 + mechanical 3 + lytic 2 + normal 0 + no collapse 0 + none 0 = 8.
        let lesion = reasoningLesion([.s1], pain: .mechanical, collapse: VertebralCollapse.none)
        let a = reasoningAssess(reasoningCase(lesions: [lesion]) { $0.systemic.clinicianSurvivalEstimateMonths = 2 })
        #expect(a.scores.sins.total == 8)
        #expect(a.reasoningOption(.bracing)?.regimen == "lumbosacral orthosis (limited support at the sacrum)")
    }

    @Test("R1 with cord compression cites ASTRO 2024's MSCC regimens")
    func r1MsccCitation() throws {
        let a = reasoningAssess(reasoningCase(lesions: [reasoningLesion(escc: .g2)]) { $0.systemic.clinicianSurvivalEstimateMonths = 2 })
        let cebrt = try #require(a.reasoningOption(.cebrt))
        #expect(cebrt.rationale.contains { $0.rule == "NOMS R1" && $0.citation.contains("ASTRO 2024 (MSCC regimens)") })
    }

    @Test("R2 7–12 without mechanical pain: a recorded radiculopathy names the mechanical-radiculopathy question")
    func r2Radiculopathy() {
        // T12 3 + occasional 1 + lytic 2 + normal 0 + <50 % 2 + unilateral 1 = 9, no mechanical pain.
        let lesion = reasoningLesion([.t12], pain: .occasional, collapse: .under50, posterolateral: .unilateral)
        let a = reasoningAssess(reasoningCase(lesions: [lesion]) { $0.neurology.deficit = .radiculopathy })
        #expect(a.scores.sins.total == 9)
        #expect(a.noms.rulesApplied.contains { $0.hasPrefix("R2") && $0.contains("radiculopathy recorded: stabilise if it is mechanical") })
    }

    @Test("haematological malignancy with cord compression and no neurology: dexamethasone 16 mg, haematology MDT (NG234)")
    func haematologicalSteroids() throws {
        let myeloma = reasoningAssess(reasoningCase(histology: "myeloma", lesions: [reasoningLesion([.t5], escc: .g2)]))
        #expect(myeloma.urgency.level == .urgent)
        let dex = try #require(myeloma.reasoningOption(.dexamethasone))
        #expect(dex.regimen?.contains("haematology MDT") == true)
        #expect(dex.rationale.contains { $0.rule == "NICE NG234 rec. 1.8 (haematological malignancy)" })
        #expect(dex.cautions.contains { $0.contains("PPI") })

        let breast = reasoningAssess(reasoningCase(lesions: [reasoningLesion([.t5], escc: .g2)]))
        #expect(!breast.reasoningCodes.contains(.dexamethasone), "no routine steroids without neurology in a solid tumour")

        let lymphoma = reasoningAssess(reasoningCase(histology: "lymphoma", lesions: [reasoningLesion([.t5], escc: .g2)]) { reasoningMyelopathy(&$0) })
        #expect(lymphoma.reasoningOption(.dexamethasone)?.contextNotes.contains { $0.contains("haematology MDT") } == true)
        let dexDeadline = try #require(lymphoma.urgency.deadlines.first { $0.action.hasPrefix("Dexamethasone") })
        #expect(dexDeadline.action.contains("obtain tissue first"))
    }

    @Test("bone-modifying agents: prostate names castration resistance; a solitary plasmacytoma gets none")
    func boneModifyingAgents() throws {
        let prostate = try #require(reasoningAssess(reasoningCase(histology: "prostate")).reasoningOption(.boneModifyingAgent))
        #expect(prostate.rationale.contains { $0.finding.contains("[I, A] if castration-resistant (CRPC)") })
        #expect(!reasoningAssess(reasoningCase(histology: "plasmacytoma")).reasoningCodes.contains(.boneModifyingAgent))
        let myeloma = try #require(reasoningAssess(reasoningCase(histology: "myeloma")).reasoningOption(.boneModifyingAgent))
        #expect(myeloma.rationale.contains { $0.finding == "myeloma bone disease [I, A]" })
    }

    @Test("unclassified radiosensitivity: each pathway is stated as conditional, not as the tumour's class")
    func unclassifiedWording() throws {
        let a = reasoningAssess(reasoningCase(histology: "uterus", lesions: [reasoningLesion(escc: .g2)]))
        let cebrt = try #require(a.reasoningOption(.cebrt))
        #expect(cebrt.rationale.contains { $0.finding.hasPrefix("if radiosensitive (uterus is not classified)") })
        let separation = try #require(a.reasoningOption(.separationSurgery))
        #expect(separation.rationale.contains { $0.finding.hasPrefix("if radioresistant (uterus is not classified)") })
        #expect(a.noms.rulesApplied.contains { $0.hasPrefix("R3 (if radioresistant):") })
        #expect(!a.options.flatMap(\.rationale).contains { $0.finding.hasPrefix("radiosensitive histology") || $0.finding.hasPrefix("radioresistant histology") })
    }

    /// Renal cell at T8 with ESCC 2, fit: separation surgery, post-operative SBRT, embolisation.
    func renalCompression(_ configure: (inout Case) -> Void = { _ in }) -> Case {
        reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g2)], configure)
    }

    @Test("avoid-surgery: SBRT becomes definitive, embolisation never ranks above the operation it prepares")
    func avoidSurgery() throws {
        let planned = reasoningAssess(renalCompression())
        #expect(planned.reasoningOption(.sbrt)?.regimen == "post-operative SBRT, e.g. 24 Gy / 2")
        let a = reasoningAssess(renalCompression { $0.preferences.priorities = [.avoidSurgery] })
        let sbrt = try #require(a.reasoningOption(.sbrt))
        #expect(sbrt.regimen == "24 Gy / 2")
        #expect(sbrt.contextNotes.contains { $0.contains("definitive rather than post-operative SBRT") })
        let surgery = try #require(a.reasoningRank(.separationSurgery))
        let embolisation = try #require(a.reasoningOption(.embolization))
        #expect(embolisation.rank > surgery)
        #expect(embolisation.contextNotes.contains("only before an operation, which the patient wishes to avoid"))
    }

    @Test("every operation declined: the same non-operative plan, rationale naming the decline; rehabilitation only if surgery goes ahead")
    func surgeryDeclined() throws {
        let a = reasoningAssess(renalCompression {
            // Solitary renal T8 is also an en bloc candidate: every operation is declined.
            $0.preferences.declines = [.separationSurgery, .enBlocResection]
            $0.neurology.ambulation = .withAid
        })
        let sbrt = try #require(a.reasoningOption(.sbrt))
        #expect(sbrt.regimen == "24 Gy / 2")
        #expect(sbrt.rationale.contains { $0.rule == "Patient preference" && $0.finding.hasPrefix("the patient declined surgery") })
        #expect(a.reasoningOption(.separationSurgery)?.declined == true)
        // Embolisation, moot without an operation, ranks after every option still offered and
        // before the declined ones, which stay last.
        let embolisation = try #require(a.reasoningOption(.embolization))
        #expect(embolisation.rank == a.options.filter { !$0.declined }.count)
        #expect(embolisation.contextNotes.contains("only before an operation, which the patient declined"))
        let rehab = try #require(a.reasoningOption(.rehabilitation))
        #expect(rehab.rationale.contains { $0.finding.contains("after spinal surgery, if it goes ahead") })
    }

    @Test("re-irradiation of the treated lesion: regimens from ASTRO 2024's spine re-irradiation list")
    func reirradiation() throws {
        let prior = PriorRadiation(doseGy: 8, fractions: 1, on: nil)
        let a = reasoningAssess(reasoningCase(lesions: [reasoningLesion(prior: prior)]))
        let cebrt = try #require(a.reasoningOption(.cebrt))
        #expect(cebrt.regimen == "20 Gy / 5")
        #expect(cebrt.alternativeRegimens == ["8 Gy × 1", "24 Gy / 6", "20 Gy / 8"])

        // Rades 44 (≥ 36) would choose 30 Gy / 10, which is not a re-irradiation regimen.
        let long = reasoningCase(lesions: [reasoningLesion(prior: prior)]) {
            $0.neurology.deficit = .radiculopathy
            $0.neurology.motorDeficitDays = 20
        }
        #expect(reasoningAssess(long.with { $0.spine.lesions[0].priorRadiation = nil }).reasoningOption(.cebrt)?.regimen == "30 Gy / 10")
        let reirradiated = try #require(reasoningAssess(long).reasoningOption(.cebrt))
        #expect(reirradiated.regimen == "24 Gy / 6")
        #expect(reirradiated.contextNotes.contains("re-irradiation: 24 Gy / 6 instead of 30 Gy / 10, which is not among ASTRO 2024's spine re-irradiation regimens"))
        #expect(!reirradiated.alternativeRegimens.contains("30 Gy / 10"))
    }

    @Test("fewer visits favoured: SBRT offers single-fraction SRS first")
    func singleFractionSrs() throws {
        let a = reasoningAssess(reasoningCase(histology: "kidney") { $0.social.travelBurden = .high })
        let sbrt = try #require(a.reasoningOption(.sbrt))
        #expect(sbrt.regimen == "24 Gy / 2")
        #expect(sbrt.alternativeRegimens.first == "16–24 Gy × 1")
        #expect(sbrt.contextNotes.contains { $0.contains("single-fraction SRS (16–24 Gy × 1, reference §12.2) needs one") })
    }
}

@Suite("Reasoning: triage wording and loss of ambulation (NG234)")
struct ReasoningTriageWordingTests {
    @Test("cauda equina is named in words")
    func caudaEquinaText() {
        let a = reasoningAssess(reasoningCase(lesions: [reasoningLesion([.l3], escc: .g2)]) {
            $0.neurology.deficit = .caudaEquina
            $0.neurology.motorDeficitDays = 1
        })
        #expect(a.urgency.reasons.contains("neurological deficit recorded: cauda equina syndrome"))
    }

    @Test("a recorded loss of ambulation is an emergency even with deficit none")
    func lossOfAmbulation() {
        let a = reasoningAssess(reasoningCase {
            $0.neurology.ambulation = .nonAmbulatory
            $0.neurology.hoursSinceLossOfAmbulation = 12
        })
        #expect(a.urgency.level == .emergency)
        #expect(a.urgency.reasons == ["loss of ambulation recorded (12 h ago)"])
    }

    @Test("routine with mechanical lesion pain says it is scored, not that there is no red-flag pain")
    func routineMechanicalPain() throws {
        let a = reasoningAssess(reasoningCase(lesions: [reasoningLesion(pain: .mechanical)]))
        #expect(a.urgency.level == .routine)
        let reason = try #require(a.urgency.reasons.first)
        #expect(reason.contains("mechanical pain is scored at T8"))
        #expect(!reason.contains("no red-flag spinal pain"))
    }
}

extension Case {
    fileprivate func with(_ change: (inout Case) -> Void) -> Case {
        var c = self
        change(&c)
        return c
    }
}

@Suite("Reasoning: prognosis without a clinician estimate, and instability known despite missing items")
struct ReasoningSafeSideTests {
    /// NSCLC with untreatable liver metastases, three extraspinal foci, Karnofsky 60, albumin 3.0:
    /// Tokuhashi 5, Tomita 10, modified Bauer 0, NESMS 1 — every computed instrument short.
    func poorPrognosisCase(_ configure: (inout Case) -> Void = { _ in }) -> Case {
        reasoningCase(histology: "lung-nsclc", lesions: [reasoningLesion(escc: .g2)]) {
            $0.systemic.clinicianSurvivalEstimateMonths = nil
            $0.performance.karnofsky = 60
            $0.labs.albumin = Albumin(value: 3.0, unit: .gramsPerDecilitre)
            $0.otherMetastases.extraspinalBoneCount = 3
            $0.otherMetastases.visceral = TestCases.visceral([.liver], removable: false, treatable: false)
            configure(&$0)
        }
    }

    @Test("every instrument short but none says < 3 months: survival uncertain, the systemic gate stays open, flagged")
    func allShortIsUncertain() throws {
        let a = reasoningAssess(poorPrognosisCase())
        #expect(a.prognosis.readings.allSatisfy { $0.tier == .short })
        #expect(a.prognosis.survivalAtLeast3Months == "uncertain")
        #expect(a.prognosis.survivalSource.contains("none says < 3 months"))
        #expect(!a.reasoningRuleFired("R1"))
        #expect(a.noms.systemic.code == "undetermined")
        #expect(a.warnings.contains { $0.contains("Open surgery requires expected survival ≥ 3 months") })
        // The clinician's estimate still closes the gate.
        #expect(reasoningAssess(poorPrognosisCase { $0.systemic.clinicianSurvivalEstimateMonths = 2 }).reasoningRuleFired("R1"))
    }

    @Test("scores establish ≥ 3 months only when none reads short")
    func yesNeedsNoShortReading() {
        let fit = reasoningAssess(reasoningCase { $0.systemic.clinicianSurvivalEstimateMonths = nil })
        #expect(fit.prognosis.survivalAtLeast3Months == "yes")
        // Untreatable liver metastases: Tomita 1 + 4 + 1 = 6 (short) against Tokuhashi 13 (long).
        let mixed = reasoningAssess(reasoningCase {
            $0.systemic.clinicianSurvivalEstimateMonths = nil
            $0.otherMetastases.visceral = TestCases.visceral([.liver], removable: false, treatable: false)
        })
        #expect(mixed.scores.tomita.total == 6)
        #expect(mixed.prognosis.survivalAtLeast3Months == "uncertain")
    }

    @Test("modified Bauer 3–4 reads as middle-term (intermediate), as Tomita 4–5 with the same words")
    func bauerTier() throws {
        let a = reasoningAssess(reasoningCase())
        let bauer = try #require(a.prognosis.readings.first { $0.instrument == "bauerModified" })
        #expect(bauer.total == 4)
        #expect(bauer.tier == .intermediate)
    }

    @Test("ECOG 3–4 without Karnofsky triggers early palliative care (Karnofsky ≤ 40 by the mapping)")
    func ecogPalliativeTrigger() throws {
        let a = reasoningAssess(reasoningCase { $0.performance.karnofsky = nil; $0.performance.ecog = 4 })
        let palliative = try #require(a.reasoningOption(.palliativeCare))
        #expect(palliative.rationale.contains { $0.finding.contains("ECOG 4 (Karnofsky 10–20 ≤ 40)") })
    }

    /// T12 junctional 3 + lytic 2 + subluxation 4 + >50 % 3 + bilateral 3 = 15 without the pain item.
    func unstableWithoutPain() -> SpinalLesion {
        reasoningLesion([.t12], pain: nil, alignment: .subluxation, collapse: .over50, posterolateral: .bilateral)
    }

    @Test("a lesion at least SINS 15 with its pain missing: urgent, spine-surgery referral, stabilisation required")
    func lowerBoundCounts() throws {
        let a = reasoningAssess(reasoningCase(lesions: [unstableWithoutPain()]))
        #expect(a.scores.sins.status == .incomplete)
        #expect(a.urgency.level == .urgent)
        #expect(a.urgency.reasons.contains("imaging shows an unstable spine (SINS at least 15 (items missing) ≥ 13)"))
        let surgery = try #require(a.referralDetails.first { $0.code == .spineSurgery })
        #expect(surgery.reasons.contains("SINS at least 15 (items missing) ≥ 7 at T12 (Fisher 2010)"))
        #expect(a.noms.rulesApplied.contains("R2 mechanical: SINS at least 15 (items missing) ≥ 13 → stabilisation required"))
        #expect(a.reasoningCodes.contains(.stabilization))
        #expect(a.noms.mechanical.code == "unstable")
    }

    @Test("a lower bound under 7 leaves stability undetermined")
    func lowLowerBound() {
        let lesion = reasoningLesion([.t8], pain: nil)  // T8 1 + lytic 2 + 0 + 0 + 0 = 3 known
        let a = reasoningAssess(reasoningCase(lesions: [lesion]))
        #expect(a.noms.mechanical.code == "unknown")
        #expect(!a.referralDetails.contains { $0.code == .spineSurgery })
    }

    @Test("counts in the LMNOP, en bloc and Patchell texts take the noun's number")
    func countedNouns() throws {
        let one = reasoningAssess(reasoningCase(lesions: [reasoningLesion([.l2], pain: .mechanical)]))
        #expect(one.lmnop.levels.hasPrefix("1 vertebra involved (L2); 1 lesion characterised"))
        #expect(one.enBloc.criteria[0].fact.hasPrefix("1 involved vertebra;"))
        let two = reasoningAssess(reasoningCase(lesions: [reasoningLesion([.t5], pain: .mechanical), reasoningLesion([.l2], pain: .mechanical)]))
        #expect(two.lmnop.levels.hasPrefix("2 vertebrae involved (T5, L2); 2 lesions characterised"))
        #expect(two.enBloc.criteria[0].fact.hasPrefix("2 involved vertebrae;"))
        #expect(one.patchell.criteria.contains { $0.fact == "0 separate areas with ESCC 2–3" })
    }

    @Test("a complete unstable lesion is not hidden by another lesion's missing item")
    func otherLesionIncomplete() throws {
        let l2 = reasoningLesion([.l2], pain: .mechanical, alignment: .subluxation, collapse: .over50, posterolateral: .bilateral)
        let t5 = reasoningLesion([.t5], pain: nil)
        let a = reasoningAssess(reasoningCase(lesions: [t5, l2]))
        #expect(a.scores.sins.status == .incomplete)
        #expect(a.noms.mechanical.code == "unstable")
        #expect(a.noms.mechanical.facts.contains { $0.hasPrefix("SINS items missing: spine.lesions[0].pain") })
        #expect(a.lmnop.mechanical == "SINS 17 (unstable) at L2; SINS incomplete for another lesion")
        #expect(a.reasoningCodes.contains(.stabilization))
    }

    @Test("C1–C2 instability: occipito-cervical or C1–C2 fixation (reference V07)")
    func upperCervicalFixation() throws {
        // C2 junctional 3 + mechanical 3 + lytic 2 + subluxation 4 + none 0 + unilateral 1 = 13.
        let lesion = reasoningLesion([.c2], pain: .mechanical, alignment: .subluxation, posterolateral: .unilateral)
        let a = reasoningAssess(reasoningCase(lesions: [lesion]))
        #expect(a.reasoningOption(.stabilization)?.regimen == "instrumented occipito-cervical or C1–C2 fixation")
    }

    @Test("R6 SBRT against high-grade ESCC carries the cord-dose caution")
    func r6HighGradeCaution() throws {
        let a = reasoningAssess(reasoningCase(histology: "myeloma", lesions: [reasoningLesion([.t5], escc: .g2)]))
        let sbrt = try #require(a.reasoningOption(.sbrt))
        #expect(sbrt.cautions.contains { $0.hasPrefix("high-grade ESCC: the spinal-cord dose constraint") })
    }

    @Test("an asymptomatic, stable, non-compressive lesion: radiotherapy is marked optional (reference V02)")
    func asymptomaticLesion() throws {
        let quiet = reasoningCase(lesions: [reasoningLesion(pain: LesionPain.none)]) { $0.symptoms.painScore = 0 }
        let cebrt = try #require(reasoningAssess(quiet).reasoningOption(.cebrt))
        #expect(cebrt.contextNotes.contains("no pain, neurological symptom, high-grade compression or instability recorded: radiotherapy for this asymptomatic lesion is optional — systemic therapy may suffice (reference §16 V02)"))
        let painful = try #require(reasoningAssess(reasoningCase()).reasoningOption(.cebrt))
        #expect(!painful.contextNotes.contains { $0.contains("asymptomatic") })
        // No effective systemic options left, or systemic therapy declined: it is not said to suffice.
        let optional: Text = "no pain, neurological symptom, high-grade compression or instability recorded: radiotherapy for this asymptomatic lesion is optional (reference §16 V02)"
        let exhausted = reasoningCase(lesions: [reasoningLesion(pain: LesionPain.none)]) {
            $0.symptoms.painScore = 0
            $0.systemic.effectiveOptionsRemaining = false
        }
        #expect(try #require(reasoningAssess(exhausted).reasoningOption(.cebrt)).contextNotes.contains(optional))
        let declined = reasoningCase(lesions: [reasoningLesion(pain: LesionPain.none)]) {
            $0.symptoms.painScore = 0
            $0.preferences.declines = [.systemicTherapy]
        }
        #expect(try #require(reasoningAssess(declined).reasoningOption(.cebrt)).contextNotes.contains(optional))
    }

    @Test("LMNOP O says an unclassified histology is not classified")
    func lmnopUnclassified() {
        #expect(reasoningAssess(reasoningCase(histology: "uterus")).lmnop.oncology.hasPrefix("Uterine carcinoma (endometrium, cervix): radiosensitivity to cEBRT not classified"))
    }
}

// MARK: - Every lesion, a known high-grade ESCC, hybrid order (the clinical audit of 2026-11-27)

@Suite("Reasoning: every lesion's SINS, a known high-grade ESCC, the order of hybrid therapy")
struct ReasoningAuditTests {
    /// T12 junctional 3 + occasional 1 + lytic 2 + normal 0 + <50 % 2 + unilateral 1 = 9: a
    /// surgical consultation, no stabilisation (no mechanical pain, no deformity).
    static let quietT12 = reasoningLesion([.t12], pain: .occasional, bone: .lytic, alignment: .normal, collapse: .under50,
                                          posterolateral: .unilateral)
    /// T6 semi-rigid 1 + mechanical 3 + lytic 2 + normal 0 + <50 % 2 + none 0 = 8: a painful
    /// pathological fracture, stabilisation favoured, suited to cement.
    static let painfulT6 = reasoningLesion([.t6], pain: .mechanical, bone: .lytic, alignment: .normal, collapse: .under50,
                                           posterolateral: PosterolateralInvolvement.none)

    @Test("R2 reads every lesion: a lower-scoring lesion with mechanical pain is stabilised, in either order")
    func r2EveryLesion() throws {
        let forward = reasoningAssess(reasoningCase(lesions: [Self.quietT12, Self.painfulT6]))
        let backward = reasoningAssess(reasoningCase(lesions: [Self.painfulT6, Self.quietT12]))
        for a in [forward, backward] {
            #expect(a.scores.sins.total == 9, "the instrument still reports the highest-scoring lesion")
            #expect(a.scores.sins.lesion == "T12")
            let cement = try #require(a.reasoningOption(.cementAugmentation))
            #expect(cement.rationale.contains { $0.finding.hasPrefix("SINS 8 at T6 with mechanical pain: stabilisation favoured") })
            #expect(a.noms.mechanical.code == "potentially-unstable")
            #expect(a.noms.mechanical.finding.contains("stabilisation favoured"))
            #expect(a.reasoningRuleFired("R2 mechanical: SINS 8 (7–12) with mechanical pain or deformity → stabilisation favoured"))
        }
        #expect(forward.options == backward.options)
        // Alone, the quiet lesion needs no stabilisation (the control).
        let alone = reasoningAssess(reasoningCase(lesions: [Self.quietT12]))
        #expect(!alone.reasoningCodes.contains(.cementAugmentation) && !alone.reasoningCodes.contains(.stabilization))
    }

    @Test("R2 with two lesions to stabilise: each is named, cement for one and fixation for the other")
    func r2TwoLesionsStabilised() throws {
        // L1 junctional 3 + mechanical 3 + lytic 2 + deformity 2 + none 0 + unilateral 1 = 11: favoured, no fracture → fixation.
        let l1 = reasoningLesion([.l1], pain: .mechanical, bone: .lytic, alignment: .deformity, collapse: VertebralCollapse.none,
                                 posterolateral: .unilateral)
        let a = reasoningAssess(reasoningCase(lesions: [Self.painfulT6, l1]))
        #expect(a.reasoningRuleFired("R2 mechanical: SINS 11 at L1 (7–12)"))
        #expect(a.reasoningRuleFired("R2 mechanical: SINS 8 at T6 (7–12)"))
        #expect(try #require(a.reasoningOption(.stabilization)).rationale.contains { $0.finding.contains("at L1") })
        #expect(try #require(a.reasoningOption(.cementAugmentation)).rationale.contains { $0.finding.contains("at T6") })
        #expect(a.noms.mechanical.facts.first == "SINS 11 at L1 (potentially unstable)")
        #expect(a.lmnop.mechanical.hasPrefix("SINS 11 (potentially unstable) at L1"))
        let newly = reasoningAssess(reasoningCase {
            $0.primaryTumor.status = .newlyDiagnosed
            $0.systemic.currentTreatment = [.targeted, .boneModifying]
        })
        #expect(newly.lmnop.oncology.contains("; primary newly diagnosed"))
        #expect(newly.lmnop.patient.hasSuffix("current systemic: targeted therapy, bone-modifying agent"))
    }

    /// Renal cell (radioresistant): T6 ESCC 3, and an L3 lesion whose ESCC is not recorded.
    static func partlyGraded(_ configure: (inout Case) -> Void = { _ in }) -> Case {
        reasoningCase(histology: "kidney", lesions: [reasoningLesion([.t6], escc: .g3), reasoningLesion([.l3], escc: nil)], configure)
    }

    @Test("R3: a known ESCC 3 is high-grade even when another lesion is not graded (never read as low-grade)")
    func r3KnownHighGrade() throws {
        let a = reasoningAssess(Self.partlyGraded())
        #expect(a.scores.escc.status != "computed", "the instrument stays incomplete")
        #expect(a.noms.neurologic.code == "high-grade")
        #expect(a.noms.neurologic.facts.contains("ESCC not recorded for every lesion: the known high-grade compression decides"))
        #expect(a.reasoningRuleFired("R3: ESCC 3 at T6 is high-grade and another lesion is not graded"))
        #expect(a.reasoningRuleFired("R3: radioresistant + high-grade ESCC → separation surgery then SBRT"))
        #expect(!a.reasoningRuleFired("R3: radioresistant + low-grade ESCC"))
        let separation = try #require(a.reasoningRank(.separationSurgery))
        #expect(separation < (a.reasoningRank(.sbrt) ?? .max))
        #expect(try #require(a.reasoningOption(.sbrt)).regimen == "post-operative SBRT, e.g. 24 Gy / 2")
        // Patchell: one known area of compression, the other lesion unknown → undetermined, not met.
        let single = try #require(a.patchell.criteria.first { $0.criterion.hasPrefix("a single area") })
        #expect(single.met == nil)
        // Two known compressions: not a single area, whatever the ungraded lesion shows.
        let two = reasoningAssess(reasoningCase(histology: "kidney", lesions: [
            reasoningLesion([.t6], escc: .g3), reasoningLesion([.t10], escc: .g2), reasoningLesion([.l3], escc: nil)]))
        #expect(two.patchell.criteria.first { $0.criterion.hasPrefix("a single area") }?.met == false)
        // A known low grade with another lesion ungraded still decides nothing.
        let low = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion([.t6], escc: .g1a), reasoningLesion([.l3], escc: nil)]))
        #expect(low.noms.neurologic.code == "unknown")
        #expect(low.reasoningRuleFired("R3: ESCC not recorded"))
    }

    @Test("R2 fixation: provided by separation surgery at the lesion it operates on (V14), its own option elsewhere")
    func r2FixationFoldedOnlyAtTheOperatedLesion() throws {
        // T12 3 + mechanical 3 + lytic 2 + subluxation 4 + >50 % 3 + bilateral 3 = 18, ESCC 2; bladder is unclassified.
        let a = reasoningAssess(reasoningCase(histology: "bladder", lesions: [reasoningMaxSinsLesion(escc: .g2)]))
        #expect(!a.reasoningCodes.contains(.stabilization))
        let separation = try #require(a.reasoningOption(.separationSurgery))
        #expect(separation.rank == 1)
        #expect(separation.rationale.contains { $0.finding.hasSuffix("provided by the instrumentation of this operation") })
        #expect(separation.contextNotes.contains { $0.hasPrefix("the stabilisation R2 requires stands whatever the radiosensitivity") })
        // An unstable L3 away from the compressed T6: its own fixation, named, beside separation surgery at T6.
        // L3 mobile 2 + mechanical 3 + lytic 2 + subluxation 4 + >50 % 3 + bilateral 3 = 17.
        let l3 = reasoningLesion([.l3], pain: .mechanical, bone: .lytic, alignment: .subluxation, collapse: .over50, posterolateral: .bilateral)
        let two = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion([.t6], escc: .g3), l3]))
        let fixation = try #require(two.reasoningOption(.stabilization))
        #expect(fixation.rationale.count == 1 && fixation.rationale[0].finding.hasPrefix("SINS 17 at L3"))
        #expect(!(try #require(two.reasoningOption(.separationSurgery))).rationale.contains { $0.finding.contains("at L3") })
        // When the operation took over one fixation, the fixation left names its level.
        let c7 = reasoningLesion([.c7], pain: .mechanical, bone: .lytic, alignment: .subluxation, collapse: .over50, posterolateral: .bilateral)
        let folded = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningMaxSinsLesion(escc: .g2), c7]))
        #expect(try #require(folded.reasoningOption(.separationSurgery)).rationale.contains { $0.finding.hasSuffix("provided by the instrumentation of this operation") })
        #expect(try #require(folded.reasoningOption(.stabilization)).regimen?.hasPrefix("C7: ") == true)
        // Two operations: each takes over the fixation at its own lesion. T11 (colon, ESCC 2) gets
        // separation surgery; S1 is compressed by bone and gets decompression. T11 3 + 3 + 2 + 0 +
        // <50 % 2 + unilateral 1 = 11; S1 3 + 3 + 2 + 0 + 0 + 1 = 9, both with mechanical pain.
        let t11 = reasoningLesion([.t11], pain: .mechanical, collapse: .under50, posterolateral: .unilateral, escc: .g2)
        let s1 = reasoningLesion([.s1], pain: .mechanical, posterolateral: .unilateral, escc: .g0, retropulsion: true)
        let both = reasoningAssess(reasoningCase(histology: "colon", lesions: [t11, s1]))
        #expect(!both.reasoningCodes.contains(.stabilization))
        let hybrid = try #require(both.reasoningOption(.separationSurgery))
        let decompression = try #require(both.reasoningOption(.decompressionStabilization))
        #expect(hybrid.rationale.contains { $0.finding.hasPrefix("SINS 11 at T11") })
        #expect(!hybrid.rationale.contains { $0.finding.contains("at S1") })
        #expect(decompression.rationale.contains { $0.finding.hasPrefix("SINS 9 at S1") && $0.finding.hasSuffix("provided by the instrumentation of this operation") })
    }

    @Test("Fixation and orthoses of several lesions keep each lesion's regimen, whatever the order")
    func perLesionRegimens() throws {
        // C5 mobile 2 + mechanical 3 + lytic 2 + subluxation 4 + >50 % 3 + bilateral 3 = 17; L3 the same = 17.
        func unstable(_ level: VertebralLevel) -> SpinalLesion {
            reasoningLesion([level], pain: .mechanical, bone: .lytic, alignment: .subluxation, collapse: .over50, posterolateral: .bilateral)
        }
        let forward = reasoningAssess(reasoningCase(lesions: [unstable(.c5), unstable(.l3)]))
        let backward = reasoningAssess(reasoningCase(lesions: [unstable(.l3), unstable(.c5)]))
        #expect(forward.options == backward.options)
        #expect(forward.reasoningOption(.stabilization)?.regimen
                == "C5: instrumented cervical fusion (anterior and/or posterior); L3: percutaneous or open pedicle-screw fixation")
        let braced = reasoningAssess(reasoningCase(lesions: [unstable(.l3), unstable(.c5)]) { $0.systemic.medicallyOperable = false })
        #expect(braced.reasoningOption(.bracing)?.regimen == "C5: cervical orthosis; L3: thoracolumbar orthosis")
        // A lesion reaching from the neck into the thoracic spine: a cervicothoracic orthosis.
        let c7t1 = reasoningLesion([.c7, .t1], pain: .mechanical, bone: .lytic, alignment: .subluxation, collapse: .over50, posterolateral: .bilateral)
        let cervicothoracic = reasoningAssess(reasoningCase(lesions: [c7t1]) { $0.systemic.medicallyOperable = false })
        #expect(cervicothoracic.reasoningOption(.bracing)?.regimen == "cervicothoracic orthosis")
    }

    @Test("Cement at a lesion reads that lesion's ESCC: another lesion's compression is no barrier; an ungraded one is said")
    func cementReadsItsOwnLesion() throws {
        let l1 = reasoningLesion([.l1], pain: .mechanical, bone: .lytic, alignment: .normal, collapse: .under50,
                                 posterolateral: .unilateral, escc: nil)
        let a = reasoningAssess(reasoningCase(lesions: [reasoningLesion([.t6], escc: .g3), l1]))
        let cement = try #require(a.reasoningOption(.cementAugmentation))
        #expect(cement.rationale.contains { $0.finding.contains("at L1") })
        #expect(cement.contextNotes.contains("ESCC not recorded at L1: confirm there is no high-grade compression there before augmentation (reference §12.4)"))
    }

    @Test("Separation surgery declined alone: the SBRT that was to follow it becomes definitive and keeps its rank")
    func declinedSeparationSurgeryMakesSbrtDefinitive() throws {
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g3)]) {
            $0.preferences.declines = [.separationSurgery]
        })
        let sbrt = try #require(a.reasoningOption(.sbrt))
        #expect(sbrt.regimen == "24 Gy / 2")
        #expect(sbrt.rank < (a.reasoningRank(.separationSurgery) ?? .max))
        #expect(!sbrt.contextNotes.contains { $0.hasPrefix("ranked after the operation") })
    }

    @Test("Patchell: lesions with ESCC 2–3 at adjoining levels are one area of compression")
    func patchellContiguousLesionsOneArea() throws {
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion([.t5], escc: .g2), reasoningLesion([.t6], escc: .g2)]))
        #expect(a.patchell.criteria.first { $0.criterion.hasPrefix("a single area") }?.met == true)
        let apart = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion([.t5], escc: .g2), reasoningLesion([.t9], escc: .g2)]))
        #expect(apart.patchell.criteria.first { $0.criterion.hasPrefix("a single area") }?.met == false)
    }

    @Test("Hybrid therapy: comorbidities that lower separation surgery lower the post-operative SBRT with it")
    func hybridOrderWithComorbidity() throws {
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g3)]) {
            $0.comorbidities = [.cardiac]
        })
        let surgery = try #require(a.reasoningOption(.separationSurgery))
        let sbrt = try #require(a.reasoningOption(.sbrt))
        #expect(surgery.contextNotes.contains { $0.hasPrefix("ranked lower for comorbidities (cardiac)") })
        #expect(sbrt.regimen == "post-operative SBRT, e.g. 24 Gy / 2")
        #expect(surgery.rank < sbrt.rank)
        #expect(sbrt.contextNotes.contains("ranked after the operation it follows: Separation surgery (hybrid therapy with SBRT)"))
        // Without the comorbidity the order was already right, and nothing is said.
        let fit = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g3)]))
        #expect(try #require(fit.reasoningRank(.separationSurgery)) < (fit.reasoningRank(.sbrt) ?? .max))
        #expect(!(fit.reasoningOption(.sbrt)?.contextNotes.contains { $0.hasPrefix("ranked after the operation") } ?? true))
    }

    @Test("R1: no cement at a cervical level for a non-surgical patient (reference §16 V03, V08): orthosis")
    func r1CervicalCement() throws {
        // C5 mobile 2 + mechanical 3 + lytic 2 + normal 0 + <50 % 2 + unilateral 1 = 10: favoured.
        let c5 = reasoningLesion([.c5], pain: .mechanical, bone: .lytic, alignment: .normal, collapse: .under50, posterolateral: .unilateral)
        let a = reasoningAssess(reasoningCase(lesions: [c5]) { $0.systemic.medicallyOperable = false })
        #expect(!a.reasoningCodes.contains(.cementAugmentation))
        let brace = try #require(a.reasoningOption(.bracing))
        #expect(brace.regimen == "cervical orthosis")
        #expect(brace.rationale.contains { $0.finding.contains("cervical level") })
        // The same fracture at T12 is cemented.
        let t12 = reasoningLesion([.t12], pain: .mechanical, bone: .lytic, alignment: .normal, collapse: .under50, posterolateral: .unilateral)
        #expect(reasoningAssess(reasoningCase(lesions: [t12]) { $0.systemic.medicallyOperable = false }).reasoningCodes.contains(.cementAugmentation))
    }

    @Test("R0 dexamethasone says to stop if MRI rules out MSCC when the imaging recorded shows no high-grade compression")
    func dexamethasoneStopWhenRuledOut() throws {
        let noCompression = reasoningAssess(reasoningCase { $0.neurology.deficit = .radiculopathy })
        #expect(noCompression.urgency.level == .emergency)
        let dex = try #require(noCompression.reasoningOption(.dexamethasone))
        #expect(dex.contextNotes.contains { $0.contains("highest ESCC 0): stop dexamethasone if whole-spine MRI rules out MSCC") })
        let compression = reasoningAssess(reasoningCase(lesions: [reasoningLesion(escc: .g2)]) { $0.neurology.deficit = .radiculopathy })
        #expect(!(try #require(compression.reasoningOption(.dexamethasone))).contextNotes.contains { $0.contains("rules out MSCC") })
    }

    @Test("Not walking without a time of loss: routine by the urgency rules, with a warning to check for MSCC now")
    func nonAmbulatoryWithoutHours() throws {
        let a = reasoningAssess(reasoningCase {
            $0.neurology.frankel = nil
            $0.neurology.ambulation = .nonAmbulatory
        })
        #expect(a.urgency.level == .routine)
        #expect(a.warnings.contains { $0.hasPrefix("Not walking, and when walking was lost is not recorded") })
        let recent = reasoningAssess(reasoningCase {
            $0.neurology.frankel = nil
            $0.neurology.ambulation = .nonAmbulatory
            $0.neurology.hoursSinceLossOfAmbulation = 12
        })
        #expect(recent.urgency.level == .emergency)
        #expect(!recent.warnings.contains { $0.hasPrefix("Not walking") })
    }

    @Test("Solitary plasmacytoma is not 'systemic therapy first' (R3 names lymphoma, myeloma, germ-cell)")
    func plasmacytomaRadiotherapyFirst() throws {
        let plasmacytoma = reasoningAssess(reasoningCase(histology: "plasmacytoma"))
        // Systemic therapy stays on the list (the primary cancer first), but not as R3's first line.
        let firstLine = { (a: Assessment) in a.reasoningOption(.systemicTherapy)?.rationale.contains { $0.rule == "NOMS R3" } ?? false }
        #expect(!firstLine(plasmacytoma))
        #expect(!plasmacytoma.noms.oncologic.facts.contains("chemosensitive: systemic therapy may come first"))
        #expect(plasmacytoma.reasoningRank(.cebrt) == 1)
        let myeloma = reasoningAssess(reasoningCase(histology: "myeloma"))
        #expect(firstLine(myeloma))
        #expect(myeloma.noms.oncologic.facts.contains("chemosensitive: systemic therapy may come first"))
    }

    @Test("Every survival instrument short and no clinician estimate: the operation says so (the R1 gate stays open)")
    func shortSurvivalByScoresNotedOnSurgery() throws {
        // V03-like: lung, ESCC 3, Karnofsky 40, many metastases, no clinician estimate.
        let a = reasoningAssess(reasoningCase(histology: "lung-nsclc", lesions: [reasoningLesion(escc: .g3)]) {
            $0.systemic.clinicianSurvivalEstimateMonths = nil
            $0.performance.karnofsky = 40
            $0.neurology.ambulation = .withAid
            $0.labs.albumin = Albumin(value: 2.5, unit: .gramsPerDecilitre)
            $0.otherMetastases.extraspinalBoneCount = 6
            $0.otherMetastases.visceral.present = true
            $0.otherMetastases.visceral.sites = [.liver]
            $0.otherMetastases.visceral.surgicallyRemovable = false
            $0.primaryTumor.monthsFromDiagnosisToSpinalMetastasis = 2
        })
        #expect(a.prognosis.survivalAtLeast3Months == "uncertain")
        #expect(a.prognosis.readings.allSatisfy { $0.tier == SurvivalTier.short }, "\(a.prognosis.readings)")
        let surgery = try #require(a.options.first { $0.code.isOpenSurgery })
        #expect(surgery.contextNotes.contains { $0.hasPrefix("every survival instrument computed predicts short survival") })
        // With the clinician's estimate of 24 months nothing is said.
        let estimated = reasoningAssess(reasoningCase(histology: "lung-nsclc", lesions: [reasoningLesion(escc: .g3)]))
        #expect(!estimated.options.contains { $0.contextNotes.contains { $0.hasPrefix("every survival instrument") } })
    }

    @Test("Tied compressions: R3 reads the lesion whose compression is bone, whatever the order")
    func tiedCompressionReadsRetropulsion() throws {
        let retropulsed = reasoningLesion([.l2], escc: .g2, retropulsion: true)
        let soft = reasoningLesion([.t6], escc: .g2)
        let forward = reasoningAssess(reasoningCase(histology: "breast", lesions: [soft, retropulsed]))
        let backward = reasoningAssess(reasoningCase(histology: "breast", lesions: [retropulsed, soft]))
        for a in [forward, backward] {
            #expect(a.reasoningRuleFired("R3: bony retropulsion at L2 → decompression + stabilisation"))
            #expect(a.reasoningCodes.contains(.decompressionStabilization))
        }
        #expect(forward.options == backward.options)
        // ESCC not recorded anywhere: retropulsion is still read, at whichever lesion it is recorded.
        let ungraded = reasoningAssess(reasoningCase(histology: "breast", lesions: [
            reasoningLesion([.t6], escc: nil), reasoningLesion([.l2], escc: nil, retropulsion: true)]))
        #expect(ungraded.reasoningRuleFired("R3: bony retropulsion at L2"))
    }
}

// MARK: - The patient's context (the third clinical review of 2026-11-27)

@Suite("Reasoning: context after the third clinical review")
struct ReasoningContextReviewTests {
    /// Renal cell at T8 with ESCC 2 and a recent myelopathy: symptomatic compression.
    static func symptomaticRenal(_ configure: (inout Case) -> Void = { _ in }) -> Case {
        reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g2)]) {
            reasoningMyelopathy(&$0)
            configure(&$0)
        }
    }

    @Test("Symptomatic compression with surgery avoided: cEBRT with an MSCC regimen, not definitive SBRT (reference §12.1–12.2)")
    func avoidedSurgerySymptomaticGetsCebrt() throws {
        let a = reasoningAssess(Self.symptomaticRenal { $0.preferences.priorities = [.avoidSurgery] })
        let cebrt = try #require(a.reasoningOption(.cebrt))
        #expect(cebrt.regimen == "20 Gy / 5")
        #expect(cebrt.alternativeRegimens == ["8 Gy × 1", "16 Gy / 2", "30 Gy / 10"])
        #expect(cebrt.rationale.contains { $0.finding.contains("radiotherapy alone for symptomatic compression not treated surgically") })
        #expect(a.reasoningOption(.sbrt) == nil, "the hybrid's SBRT goes with its operation")
        #expect(a.referralDetails.first { $0.code == .radiationOncology }?.reasons == ["radiotherapy option (cEBRT)"])
        // Declining only the operation SBRT follows, with another operation still planned, does the same.
        // L3 mobile 2 + mechanical 3 + lytic 2 + subluxation 4 + >50 % 3 + bilateral 3 = 17.
        let l3 = reasoningLesion([.l3], pain: .mechanical, bone: .lytic, alignment: .subluxation, collapse: .over50, posterolateral: .bilateral)
        let partly = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g2), l3]) {
            reasoningMyelopathy(&$0)
            $0.preferences.declines = [.separationSurgery]
        })
        #expect(partly.reasoningCodes.contains(.stabilization))
        #expect(partly.reasoningOption(.sbrt) == nil)
        #expect(partly.reasoningOption(.cebrt)?.regimen == "20 Gy / 5")
        // The new cEBRT is adapted like any other: re-irradiation after a prior course.
        let prior = PriorRadiation(doseGy: 30, fractions: 10, on: nil)
        let retreated = reasoningAssess(reasoningCase(histology: "bladder", lesions: [reasoningLesion(escc: .g2, prior: prior)]) {
            reasoningMyelopathy(&$0)
            $0.preferences.priorities = [.avoidSurgery]
        })
        let re = try #require(retreated.reasoningOption(.cebrt))
        #expect(Self.reirradiation.contains(re.regimen ?? ""))
        #expect(re.alternativeRegimens.allSatisfy { Self.reirradiation.contains($0) })
        #expect(re.contextNotes.contains { $0.hasPrefix("prior RT at T8") })
        // Without symptoms the earlier plan stands: definitive SBRT (the trials' population).
        let asymptomatic = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g2)]) {
            $0.preferences.priorities = [.avoidSurgery]
        })
        #expect(asymptomatic.reasoningOption(.sbrt)?.regimen == "24 Gy / 2")
    }

    static let reirradiation = ["8 Gy × 1", "20 Gy / 5", "24 Gy / 6", "20 Gy / 8"]

    @Test("Fewer fractions with symptomatic compression: 8 Gy × 1 is discussed (SCORAD III), not substituted")
    func fewerFractionsSymptomatic() throws {
        let a = reasoningAssess(reasoningCase(lesions: [reasoningLesion(escc: .g1b)]) {
            reasoningMyelopathy(&$0)
            $0.social.financialConstraints = .severe
        })
        let cebrt = try #require(a.reasoningOption(.cebrt))
        #expect(cebrt.regimen != "8 Gy × 1")
        #expect(cebrt.contextNotes.contains { $0.contains("SCORAD III") })
        // A radiculopathy with no compression on imaging is not SCORAD's population: one fraction for pain.
        let radicular = reasoningAssess(reasoningCase {
            $0.neurology.deficit = .radiculopathy
            $0.social.financialConstraints = .severe
        })
        #expect(radicular.reasoningOption(.cebrt)?.regimen == "8 Gy × 1")
        // The cEBRT added when a symptomatic patient avoids surgery gets the SCORAD discussion too.
        let avoided = reasoningAssess(Self.symptomaticRenal {
            $0.preferences.priorities = [.avoidSurgery]
            $0.social.financialConstraints = .severe
        })
        #expect(avoided.reasoningOption(.cebrt)?.contextNotes.contains { $0.contains("SCORAD III") } == true)
    }

    @Test("A declined dexamethasone is an immediate discussion in the deadlines, not an order")
    func declinedDexamethasoneDeadline() throws {
        let a = reasoningAssess(Self.symptomaticRenal { $0.preferences.declines = [.dexamethasone] })
        #expect(a.urgency.deadlines.contains { $0.action.hasPrefix("Discuss dexamethasone again: the patient declined it") && $0.withinHours == 0 })
        #expect(!a.urgency.deadlines.contains { $0.action.hasPrefix("Dexamethasone 16 mg") })
        #expect(a.reasoningOption(.dexamethasone)?.declined == true)
    }

    @Test("An orthosis added for an avoided operation carries the obesity caution too")
    func obesityCautionOnPreferenceOrthosis() throws {
        let a = reasoningAssess(reasoningCase(lesions: [reasoningMaxSinsLesion()]) {
            $0.preferences.priorities = [.avoidSurgery]
            $0.comorbidities = [.obesity]
        })
        #expect(try #require(a.reasoningOption(.bracing)).cautions.contains("obesity: orthosis fit may be poor"))
    }

    @Test("Steroids for severe pain carry the lymphoma tissue-first and the diabetic glucose cautions")
    func severePainSteroidCautions() throws {
        let a = reasoningAssess(reasoningCase(histology: "lymphoma") {
            $0.symptoms.painScore = 8
            $0.comorbidities = [.diabetes]
        })
        let note = try #require(a.reasoningOption(.analgesia)?.contextNotes.first { $0.hasPrefix("severe pain (NRS 8)") })
        #expect(note.contains("obtain tissue first"))
        #expect(note.contains("steroid-induced hyperglycaemia"))
    }

    @Test("'Live as long as possible' is served by tumour control, not by supportive care")
    func prolongLifeOnlyTumourControl() throws {
        let a = reasoningAssess(reasoningCase { $0.preferences.priorities = [.prolongLife] })
        #expect(a.reasoningOption(.cebrt)?.contextNotes.contains("serves the patient's priority: living longer") == true)
        #expect(a.reasoningOption(.boneModifyingAgent)?.contextNotes.contains { $0.contains("living longer") } == false)
    }

    @Test("On systemic therapy in an emergency: the emergency is not delayed; no effective options: the referral says so")
    func systemicTherapyAndEmergency() throws {
        let a = reasoningAssess(Self.symptomaticRenal { $0.systemic.currentTreatment = [.chemotherapy] })
        let surgery = try #require(a.options.first { $0.code.isOpenSurgery })
        #expect(surgery.contextNotes.contains { $0.hasPrefix("on chemotherapy: the emergency is not delayed for the systemic treatment") })
        #expect(surgery.contextNotes.contains(
            "on chemotherapy: the emergency is not delayed for the systemic treatment — tell medical oncology now (hold agents that impair wound healing around the operation)"))
        #expect(!a.options.contains { $0.contextNotes.contains { $0.contains("takes precedence") } })
        let none = reasoningAssess(reasoningCase { $0.systemic.effectiveOptionsRemaining = false })
        #expect(none.referralDetails.first { $0.code == .medicalOncology }?.reasons == ["no effective systemic options recorded: confirm, and plan the care that follows"])
    }

    @Test("Renal impairment: a surgical caution, not only a lower rank")
    func renalSurgicalCaution() throws {
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g3)]) { $0.comorbidities = [.renal] })
        let surgery = try #require(a.reasoningOption(.separationSurgery))
        #expect(surgery.cautions.contains { $0.hasPrefix("renal impairment: check renal function before surgery") })
        #expect(surgery.contextNotes.contains { $0.contains("confirm fitness for surgery before offering it") })
    }

    @Test("Prior RT: the conventional re-irradiation regimens are on cEBRT, not on SBRT")
    func reirradiationListOnCebrtOnly() throws {
        let prior = PriorRadiation(doseGy: 8, fractions: 1, on: nil)
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(prior: prior)]))
        let sbrt = try #require(a.reasoningOption(.sbrt))
        #expect(sbrt.contextNotes.contains { $0.hasPrefix("prior RT at T8") && $0.hasSuffix("check the cumulative spinal-cord dose") })
        #expect(sbrt.contextNotes.contains { $0.hasPrefix("prior RT at T8: 8 Gy × 1 (prescription EQD2") }, "a single fraction reads × 1")
        #expect(!sbrt.contextNotes.contains { $0.contains("ASTRO 2024 re-irradiation regimens") })
    }

    @Test("Hypertension and 'other' caution surgery; osteoporosis says its doses are not the oncology doses (§12.6)")
    func comorbidityCautionsFilledIn() throws {
        let a = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g3)]) {
            $0.comorbidities = [.hypertension, .osteoporosis, .other]
        })
        let surgery = try #require(a.reasoningOption(.separationSurgery))
        #expect(surgery.cautions.contains("hypertension: control blood pressure before surgery"))
        #expect(surgery.cautions.contains("another comorbidity is recorded: weigh it in the fitness for surgery"))
        #expect(try #require(a.reasoningOption(.boneModifyingAgent)).cautions.contains { $0.hasPrefix("osteoporosis: an osteoporosis dose") })
    }

    @Test("Cement augmentation declined: an orthosis is offered instead, as for a declined operation")
    func declinedCementOffersOrthosis() throws {
        let t12 = reasoningLesion([.t12], pain: .mechanical, bone: .lytic, alignment: .normal, collapse: .under50, posterolateral: .unilateral)
        let offered = reasoningAssess(reasoningCase(lesions: [t12]))
        #expect(offered.reasoningCodes.contains(.cementAugmentation) && !offered.reasoningCodes.contains(.bracing))
        let declined = reasoningAssess(reasoningCase(lesions: [t12]) { $0.preferences.declines = [.cementAugmentation] })
        let brace = try #require(declined.reasoningOption(.bracing))
        #expect(brace.regimen == "thoracolumbar orthosis")
        #expect(brace.rank < (declined.reasoningRank(.cementAugmentation) ?? 0))
        #expect(declined.reasoningOption(.cementAugmentation)?.declined == true)
    }

    @Test("A regimen is never listed as its own alternative when a second rule adds the same option")
    func regimenNotItsOwnAlternative() throws {
        // Unclassified histology: R3's "if radiosensitive" cEBRT takes the long course (Rades 40 ≥ 36:
        // other 4 + no other bone 7 + no visceral 7 + 36 months 7 + walking with aid 7 + 20 days 8);
        // the avoided operation adds cEBRT again with the MSCC regimens, one of which is 30 Gy / 10.
        let a = reasoningAssess(reasoningCase(histology: "uterus", lesions: [reasoningLesion(escc: .g2)]) {
            reasoningMyelopathy(&$0, days: 20)
            $0.preferences.priorities = [.avoidSurgery]
        })
        #expect(a.scores.rades.total == 40)
        let cebrt = try #require(a.reasoningOption(.cebrt))
        #expect(cebrt.regimen == "30 Gy / 10")
        #expect(cebrt.alternativeRegimens == ["8 Gy × 1", "16 Gy / 2", "20 Gy / 5"])
        #expect(cebrt.rationale.map(\.rule) == ["NOMS R3", "Patient preference"])
    }

    @Test("SBRT with an unstable spine says it follows the stabilisation (R2 with R3; SC.24 enrolled SINS < 12)")
    func sbrtAfterStabilisationNote() throws {
        // C7 junctional 3 + mechanical 3 + lytic 2 + deformity 2 + >50 % 3 + bilateral 3 = 16.
        let c7 = reasoningLesion([.c7], pain: .mechanical, bone: .lytic, alignment: .deformity, collapse: .over50, posterolateral: .bilateral, escc: .g1a)
        let unstable = reasoningAssess(reasoningCase(histology: "kidney", lesions: [c7]))
        #expect(unstable.reasoningCodes.contains(.stabilization))
        let sbrt = try #require(unstable.reasoningOption(.sbrt))
        #expect(sbrt.contextNotes.contains("SINS 16 at C7: SBRT follows the stabilisation R2 asks for — SC.24 enrolled SINS < 12 (reference §11.3: combine R2 and R3; §12.2)"))
        // The unstable C7 is not the lesion R3 read (T10, ESCC 1b): the note says where the sequence holds.
        let apart = reasoningAssess(reasoningCase(histology: "kidney", lesions: [c7, reasoningLesion([.t10], escc: .g1b)]))
        #expect(try #require(apart.reasoningOption(.sbrt)).contextNotes.contains("SINS 16 at C7 (not the lesion R3 read, T10): where SBRT treats C7, it follows the stabilisation R2 asks for — SC.24 enrolled SINS < 12 (reference §11.3: combine R2 and R3; §12.2)"))
        // A stable lesion (SINS 4) gets no such note.
        let stable = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g1a)]))
        #expect(!(try #require(stable.reasoningOption(.sbrt))).contextNotes.contains { $0.contains("SC.24 enrolled SINS < 12") })
    }

    @Test("Without the stabilisation (the patient avoids or declines surgery) SBRT's note says nothing stabilises the spine first")
    func sbrtWithoutStabilisationNote() throws {
        let c7 = reasoningLesion([.c7], pain: .mechanical, bone: .lytic, alignment: .deformity, collapse: .over50, posterolateral: .bilateral, escc: .g1a)
        let after = "SINS 16 at C7: SBRT follows the stabilisation R2 asks for — SC.24 enrolled SINS < 12 (reference §11.3: combine R2 and R3; §12.2)"
        let avoided = reasoningAssess(reasoningCase(histology: "kidney", lesions: [c7]) { $0.preferences.priorities = [.avoidSurgery] })
        let sbrt = try #require(avoided.reasoningOption(.sbrt))
        #expect(!sbrt.contextNotes.contains(Text(after)))
        #expect(sbrt.contextNotes.contains("SINS 16 at C7, and the patient wishes to avoid surgery: no stabilisation will precede SBRT — SC.24 enrolled SINS < 12, so SBRT on this unstable spine is outside its evidence; the orthosis supports the spine meanwhile (reference §11.3 R2; §12.2)"))
        #expect(avoided.reasoningCodes.contains(.bracing))
        // Every operation declined (a solitary renal lesion also gets en bloc resection), and the
        // orthosis too: the note asks how the spine is supported.
        let declined = reasoningAssess(reasoningCase(histology: "kidney", lesions: [c7]) {
            $0.preferences.declines = TreatmentOption.allCases.filter(\.isOpenSurgery) + [.bracing]
        })
        #expect(try #require(declined.reasoningOption(.sbrt)).contextNotes.contains(
            "SINS 16 at C7, and the patient declined surgery: no stabilisation will precede SBRT — SC.24 enrolled SINS < 12, so SBRT on this unstable spine is outside its evidence; discuss how the spine is supported (reference §11.3 R2; §12.2)"))
        // Surgery accepted: the sequence note stays.
        let accepted = reasoningAssess(reasoningCase(histology: "kidney", lesions: [c7]))
        #expect(try #require(accepted.reasoningOption(.sbrt)).contextNotes.contains(Text(after)))
    }

    @Test("SBRT for low-grade compression with neurological signs says to confirm on MRI first (SC.24's eligibility, reference §12.2)")
    func symptomaticLowGradeSbrtNote() throws {
        let note = "neurological symptoms or signs with only low-grade compression recorded (ESCC 1a at T8): confirm on whole-spine MRI that no level compresses the cord or cauda before SBRT — SC.24 excluded neurologically symptomatic compression (reference §12.2)"
        let symptomatic = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g1a)]) { reasoningMyelopathy(&$0) })
        let sbrt = try #require(symptomatic.reasoningOption(.sbrt))
        #expect(sbrt.regimen == "24 Gy / 2", "R3 still decides the modality")
        #expect(sbrt.contextNotes.contains(Text(note)))
        let ungraded = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: nil)]) { reasoningMyelopathy(&$0) })
        #expect(try #require(ungraded.reasoningOption(.sbrt)).contextNotes.contains { $0.hasPrefix("neurological symptoms or signs with no ESCC recorded: confirm on whole-spine MRI") })
        let asymptomatic = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g1a)]))
        #expect(!(try #require(asymptomatic.reasoningOption(.sbrt))).contextNotes.contains { $0.hasPrefix("neurological symptoms or signs") })
    }

    @Test("SBRT declined with no conventional RT on the list: cEBRT takes its place, SBRT stays visible and declined")
    func declinedSbrtOffersCebrt() throws {
        // Renal (radioresistant) with low-grade compression: R3 gives SBRT alone.
        let renal = { (configure: @escaping (inout Case) -> Void) in
            reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g1a)], configure))
        }
        let offered = renal { _ in }
        #expect(offered.reasoningCodes.contains(.sbrt) && !offered.reasoningCodes.contains(.cebrt))
        let declined = renal { $0.preferences.declines = [.sbrt] }
        let cebrt = try #require(declined.reasoningOption(.cebrt))
        #expect(!cebrt.declined)
        #expect(cebrt.regimen == "20 Gy / 5")
        #expect(cebrt.alternativeRegimens == ["8 Gy × 1", "24 Gy / 6", "30 Gy / 10"])
        #expect(cebrt.rationale.map(\.rule) == ["Patient preference"])
        #expect(cebrt.rationale[0].finding == "the patient declined SBRT: conventional EBRT is the remaining radiotherapy — it relieves painful bone metastases whatever the histology; local control is less durable for a radioresistant tumour")
        #expect(cebrt.rationale[0].citation == Citations.nomsAstro2017)
        #expect(cebrt.rank < (declined.reasoningRank(.sbrt) ?? 0))
        #expect(declined.reasoningOption(.sbrt)?.declined == true)
        #expect(declined.referralDetails.first { $0.code == .radiationOncology }?.reasons == ["radiotherapy option (cEBRT)"],
                "the referral names what is offered, not the declined SBRT")
        // It adapts like any other cEBRT: fewer fractions for a high travel burden.
        let far = renal { $0.preferences.declines = [.sbrt]; $0.social.travelBurden = .high }
        #expect(far.reasoningOption(.cebrt)?.regimen == "8 Gy × 1")
        // Both declined: nothing is added in their place, and no radiotherapy referral is made.
        let both = renal { $0.preferences.declines = [.sbrt, .cebrt] }
        #expect(!both.reasoningCodes.contains(.cebrt))
        #expect(both.reasoningOption(.sbrt)?.declined == true)
        #expect(!both.referrals.contains(.radiationOncology))
        // Surgery avoided and its (now definitive) SBRT declined, asymptomatic high-grade compression:
        // cEBRT with the MSCC regimens.
        let avoided = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g2)]) {
            $0.preferences.priorities = [.avoidSurgery]
            $0.preferences.declines = [.sbrt]
        })
        let mscc = try #require(avoided.reasoningOption(.cebrt))
        #expect(mscc.alternativeRegimens == ["8 Gy × 1", "16 Gy / 2", "30 Gy / 10"])
        #expect(mscc.rationale[0].citation == Citations.nomsMsccRegimens)
        #expect(mscc.rank < (avoided.reasoningRank(.separationSurgery) ?? 0))
        // Post-operative SBRT declined while its operation stands: left to the team, and the
        // operation says that the radiotherapy it prepares for is declined.
        let postOperative = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g2)]) {
            $0.preferences.declines = [.sbrt]
        })
        #expect(postOperative.reasoningCodes.contains(.separationSurgery))
        #expect(!postOperative.reasoningCodes.contains(.cebrt))
        let prepared: Text = "the patient declined the SBRT this operation prepares for: agree with radiation oncology which radiotherapy follows it (conventional EBRT is less durable for a radioresistant tumour), or whether to operate — the reference names no alternative (SpineBoard context rule)"
        #expect(try #require(postOperative.reasoningOption(.separationSurgery)).contextNotes.contains(prepared))
        // SBRT accepted: no such note.
        let accepted = reasoningAssess(reasoningCase(histology: "kidney", lesions: [reasoningLesion(escc: .g2)]))
        #expect(!(try #require(accepted.reasoningOption(.separationSurgery))).contextNotes.contains(prepared))
    }

    @Test("Referrals are for what is offered: a declined option asks for none; embolisation is conditional when surgery is off")
    func referralsFollowDeclines() throws {
        // Renal C7, unstable (SINS 16), hypervascular: stabilisation, SBRT and pre-operative embolisation.
        let c7 = reasoningLesion([.c7], pain: .mechanical, bone: .lytic, alignment: .deformity, collapse: .over50, posterolateral: .bilateral, escc: .g1a)
        let all = reasoningAssess(reasoningCase(histology: "kidney", lesions: [c7]))
        #expect(all.referralDetails.first { $0.code == .interventionalRadiology }?.reasons == ["pre-operative embolisation"])
        let avoided = reasoningAssess(reasoningCase(histology: "kidney", lesions: [c7]) { $0.preferences.priorities = [.avoidSurgery] })
        #expect(avoided.referralDetails.first { $0.code == .interventionalRadiology }?.reasons == ["pre-operative embolisation, if the operation goes ahead"])
        #expect(avoided.referrals.contains(.spineSurgery), "SINS ≥ 7 still asks for a surgical opinion")
        // Embolisation and rehabilitation declined: no interventional radiology or physiatry referral.
        let declined = reasoningAssess(reasoningCase(histology: "kidney", lesions: [c7]) { $0.preferences.declines = [.embolization, .rehabilitation] })
        #expect(declined.reasoningOption(.embolization)?.declined == true)
        #expect(!declined.referrals.contains(.interventionalRadiology))
        #expect(!declined.referrals.contains(.physiatry))
    }

    @Test("The lymphoma tissue-first caution is on the dexamethasone option itself")
    func lymphomaCautionOnDexamethasone() throws {
        let a = reasoningAssess(Self.symptomaticRenal { _ in })
        #expect(!(try #require(a.reasoningOption(.dexamethasone))).cautions.contains { $0.hasPrefix("lymphoma possible") })
        let unknown = reasoningAssess(reasoningCase(histology: "unknown-primary", lesions: [reasoningLesion(escc: .g2)]) { reasoningMyelopathy(&$0) })
        #expect(try #require(unknown.reasoningOption(.dexamethasone)).cautions.contains { $0.hasPrefix("lymphoma possible: obtain tissue first") })
    }
}
