// Comorbidity cautions and the steroid safety advice attached to dexamethasone.
@testable import SpineCore
import Testing

@Suite("Cautions on options")
struct CautionTests {
    /// An emergency (myelopathy) so that dexamethasone is offered.
    func emergencyCase(_ comorbidities: [Comorbidity]) -> Case {
        TestCases.makeCase(lesions: [TestCases.lesion([.t8], escc: .g2)]) { c in
            c.neurology.deficit = .myelopathy
            c.neurology.frankel = .d
            c.neurology.motorDeficitDays = 2
            c.comorbidities = comorbidities
        }
    }

    func dexamethasoneCautions(_ c: Case) throws -> [String] {
        let a = assess(c, today: TestCases.today)
        return try #require(a.options.first { $0.code == .dexamethasone }).cautions.strings
    }

    @Test("without comorbidities dexamethasone still carries glucose monitoring and PPI cover")
    func steroidSafetyWithoutComorbidities() throws {
        let cautions = try dexamethasoneCautions(emergencyCase([]))
        #expect(cautions.contains { $0.contains("PPI") && $0.contains("glucose") })
    }

    @Test("diabetes: PPI cover stays (reference §12.5), glucose advice becomes the hyperglycaemia caution; hypertension adds blood pressure")
    func steroidCautionsWithComorbidities() throws {
        let cautions = try dexamethasoneCautions(emergencyCase([.diabetes, .hypertension]))
        #expect(cautions.first == "give PPI cover (reference §12.5)")
        #expect(cautions.contains { $0.contains("hyperglycaemia") })
        #expect(cautions.contains { $0.contains("blood pressure") })
        #expect(cautions.filter { $0.contains("glucose") }.count == 1, "one glucose caution, the diabetic one")
    }

    @Test("coagulopathy cautions every procedure and NSAIDs; renal impairment cautions the bone-modifying agent and NSAIDs")
    func procedureCautions() throws {
        let c = TestCases.makeCase(histology: "kidney", lesions: [TestCases.lesion([.t8], escc: .g2)]) { c in
            c.comorbidities = [.coagulopathy, .renal]
            c.systemic.medicallyOperable = true
            c.systemic.clinicianSurvivalEstimateMonths = 24
        }
        let a = assess(c, today: TestCases.today)
        let separation = try #require(a.options.first { $0.code == .separationSurgery })
        #expect(separation.cautions.contains { $0.contains("coagulopathy") })
        #expect(separation.contextNotes.contains { $0.contains("ranked lower for comorbidities") })
        let bma = try #require(a.options.first { $0.code == .boneModifyingAgent })
        #expect(bma.cautions.contains("renal impairment: adjust zoledronic acid to creatinine clearance; denosumab needs no renal adjustment (reference §12.6)"))
        let analgesia = try #require(a.options.first { $0.code == .analgesia })
        #expect(analgesia.cautions.contains("coagulopathy: avoid NSAIDs (they impair platelet function and add bleeding risk)"))
        #expect(analgesia.cautions.contains("renal impairment: avoid NSAIDs; adjust opioid choice and dose"))
    }
}

@Suite("Bone-modifying agents: the agents' own risks (reference §12.6)")
struct BoneModifyingAgentCautionTests {
    @Test("every bone-modifying agent offered carries MRONJ, renal dosing, calcium and vitamin D and the stop plan; none without the option")
    func agentRisksOnEveryOffer() throws {
        // No comorbidity: the cautions belong to the agents, not to the patient's conditions.
        let a = assess(TestCases.makeCase(histology: "breast"), today: TestCases.today)
        let bma = try #require(a.options.first { $0.code == .boneModifyingAgent })
        #expect(bma.cautions.contains("either agent: risk of osteonecrosis of the jaw (MRONJ) — check dental health before starting (reference §12.6)"))
        #expect(bma.cautions.contains { $0.hasPrefix("zoledronic acid: adjust to renal function") && $0.contains("give calcium and vitamin D") && $0.contains("rebound after stopping") })
        #expect(bma.cautions.count == 2)

        // Already on an agent: no option, so no cautions for one.
        let on = assess(TestCases.makeCase(histology: "breast") { $0.systemic.currentTreatment = [.boneModifying] }, today: TestCases.today)
        #expect(!on.options.contains { $0.code == .boneModifyingAgent })
        #expect(!on.options.contains { $0.cautions.contains { $0.contains("MRONJ") } })
    }
}

@Suite("Library robustness")
struct LibraryRobustnessTests {
    @Test("a Case built in Swift with an unknown histology code is assessed as \"other\" instead of trapping")
    func unknownHistologyDoesNotTrap() {
        let c = TestCases.makeCase { $0.primaryTumor.histology = "not-a-code" }
        let a = assess(c, today: TestCases.today)
        #expect(a.scores.tokuhashiRevised.items.first { $0.item == "primarySite" }?.input == "other")
    }
}

@Suite("Life expectancy under four weeks")
struct ShortLifeExpectancyTests {
    @Test("an estimate under 1 month ranks palliative care before radiotherapy, with the ASTRO 2024 note")
    func supportiveCareFirst() throws {
        let c = TestCases.makeCase { $0.systemic.clinicianSurvivalEstimateMonths = 0 }
        let a = assess(c, today: TestCases.today)
        let rt = try #require(a.options.first { $0.code == .cebrt })
        let palliative = try #require(a.options.first { $0.code == .palliativeCare })
        #expect(palliative.rank < rt.rank)
        #expect(rt.regimen == "8 Gy × 1")
        #expect(rt.contextNotes.contains { $0.contains("4 weeks") })
    }

    @Test("an estimate of 2 months keeps radiotherapy ahead of palliative care")
    func radiotherapyFirstAtTwoMonths() throws {
        let a = assess(TestCases.makeCase { $0.systemic.clinicianSurvivalEstimateMonths = 2 }, today: TestCases.today)
        let rt = try #require(a.options.first { $0.code == .cebrt })
        let palliative = try #require(a.options.first { $0.code == .palliativeCare })
        #expect(rt.rank < palliative.rank)
        #expect(!rt.contextNotes.contains { $0.contains("4 weeks") })
    }
}
