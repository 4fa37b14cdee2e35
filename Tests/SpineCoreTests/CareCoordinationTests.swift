// The team's pure logic: tasks from the urgency clock and from a decision, cumulative radiation
// dose and EQD2 per level, and neurological worsening between two records.
import Testing
@testable import SpineCore

@Suite("Care coordination")
struct CareCoordinationTests {
    // MARK: - Urgency clock

    @Test func anEmergencyClockHasTheNG234DeadlinesEachOwnedByARole() {
        let c = TestCases.makeCase { $0.symptoms.neuroSymptoms = [.limbWeakness] }
        let plans = CareTaskPlanner.clockTasks(assess(c, today: TestCases.today).urgency)
        #expect(plans.map(\.code) == ["clock.coordinator-contact", "clock.dexamethasone", "clock.mri", "clock.definitive-decision"])
        #expect(plans.map(\.role) == ["nurse-navigator", "referring-clinician", "diagnostic-radiologist", "nurse-navigator"])
        // "Immediately" is tracked within the first hour; MRI and the decision within 24 h (NG234).
        #expect(plans.map(\.dueInHours) == [1, 1, 24, 24])
        #expect(plans.allSatisfy { $0.isClock && $0.source.contains("NG234") })
    }

    @Test func immediateDeadlinesSayImmediatelyInTheTaskTitle() {
        let c = TestCases.makeCase { $0.symptoms.neuroSymptoms = [.limbWeakness] }
        let plans = CareTaskPlanner.clockTasks(assess(c, today: TestCases.today).urgency)
        #expect(plans.filter { $0.dueInHours == CareTaskPlanner.immediateGraceHours }.allSatisfy { $0.title.hasPrefix("Immediately: ") })
        #expect(plans.filter { $0.dueInHours == 24 }.allSatisfy { !$0.title.hasPrefix("Immediately") })
    }

    @Test func oneRadiotherapyTaskNamesEveryModalityChosen() throws {
        let both = CareTaskPlanner.decisionTasks(options: [.cebrt, .sbrt], urgency: .urgent, social: nil)
        let rt = try #require(both.first { $0.code == "decision.rt-simulation" })
        #expect(rt.title == "Radiotherapy simulation and planning (conventional external-beam RT or SBRT)")
        #expect(both.filter { $0.code == "decision.rt-simulation" }.count == 1)
    }

    @Test func aCourseWithZeroFractionsIsReadAsOneRatherThanDividingByZero() {
        #expect(PriorRadiation(doseGy: 8, fractions: 0).eqd2CordAlphaBeta2 == PriorRadiation(doseGy: 8, fractions: 1).eqd2CordAlphaBeta2)
        #expect(PriorRadiation(doseGy: 8, fractions: 0).eqd2CordAlphaBeta2.isFinite)
    }

    @Test func suspectedInstabilityAddsImmobilisationToTheEmergencyClock() {
        let c = TestCases.makeCase(lesions: [TestCases.lesion([.t8], pain: .mechanical)]) { $0.symptoms.neuroSymptoms = [.numbness] }
        let plans = CareTaskPlanner.clockTasks(assess(c, today: TestCases.today).urgency)
        // NG234: immobilise without delay (the treating team), expert spinal advice within 24 h.
        #expect(plans.contains { $0.code == "clock.immobilisation" && $0.role == "referring-clinician" && $0.dueInHours == 1 })
        #expect(plans.contains { $0.code == "clock.spinal-advice" && $0.role == "spine-surgeon" && $0.dueInHours == 24 })
    }

    @Test func anUrgentClockHasCoordinatorIn24HoursAndMRIAndPlanInAWeek() {
        let c = TestCases.makeCase { $0.symptoms.newBackPain = true }
        let plans = CareTaskPlanner.clockTasks(assess(c, today: TestCases.today).urgency)
        #expect(plans.map(\.code) == ["clock.coordinator-contact", "clock.mri-and-plan"])
        #expect(plans.map(\.dueInHours) == [24, 168])
    }

    @Test func aRoutineCaseHasNoClock() {
        #expect(CareTaskPlanner.clockTasks(assess(TestCases.makeCase(), today: TestCases.today).urgency).isEmpty)
    }

    @Test func everyTriageDeadlineIsClassified() {
        // Any deadline the triage can emit must map to a known clock code (never "clock.other").
        let cases = [
            TestCases.makeCase { $0.symptoms.neuroSymptoms = [.limbWeakness] },
            TestCases.makeCase(lesions: [TestCases.lesion([.l2], pain: .mechanical)]) { $0.neurology.deficit = .caudaEquina; $0.neurology.motorDeficitDays = 2 },
            TestCases.makeCase { $0.symptoms.painFeatures = [.nocturnal] },
            // A patient who declined dexamethasone: the deadline is a discussion, owned as the steroid is.
            TestCases.makeCase { $0.symptoms.neuroSymptoms = [.limbWeakness]; $0.preferences.declines = [.dexamethasone] },
        ]
        for c in cases {
            for plan in CareTaskPlanner.clockTasks(assess(c, today: TestCases.today).urgency) {
                #expect(plan.code != "clock.other", "\(plan.title)")
            }
        }
    }

    // MARK: - Decision tasks

    @Test(arguments: [(UrgencyLevel.emergency, 24), (.urgent, 168), (.routine, 336)])
    func decisionTasksAreDueByUrgency(level: UrgencyLevel, hours: Int) {
        let tasks = CareTaskPlanner.decisionTasks(options: [.cebrt], urgency: level, social: nil)
        #expect(tasks.map(\.code) == ["decision.rt-simulation", "decision.systemic-review"])
        #expect(tasks.allSatisfy { $0.dueInHours == hours && !$0.isClock })
    }

    @Test func surgeryWithEmbolisationAndRehabilitationBooksEachService() {
        let tasks = CareTaskPlanner.decisionTasks(options: [.separationSurgery, .embolization, .sbrt, .rehabilitation, .boneModifyingAgent],
                                                  urgency: .urgent, social: nil)
        #expect(tasks.map(\.code) == ["decision.surgery-booking", "decision.embolization", "decision.rt-simulation",
                                      "decision.rehabilitation", "decision.systemic-review"])
        #expect(tasks.map(\.role) == ["spine-surgeon", "interventional-radiologist", "radiation-oncologist", "physiatrist", "medical-oncologist"])
        #expect(tasks.last!.title.contains("bone-modifying agent"))
        #expect(tasks.first { $0.code == "decision.rt-simulation" }!.title.contains("SBRT"))
    }

    @Test func financesOrLimitedSupportAddSocialWork() {
        var social = Social()
        social.familySupport = .strong
        social.financialConstraints = FinancialConstraints.none
        social.travelBurden = .low
        #expect(!CareTaskPlanner.decisionTasks(options: [.cebrt], urgency: .routine, social: social).contains { $0.code == "decision.social-work" })
        social.familySupport = .limited
        social.financialConstraints = .severe
        let task = CareTaskPlanner.decisionTasks(options: [.cebrt], urgency: .routine, social: social).first { $0.code == "decision.social-work" }
        #expect(task?.title.contains("financial constraints (severe)") == true)
        #expect(task?.title.contains("limited family support") == true)
    }

    // MARK: - Radiation over time

    @Test func eqd2AtAlphaBeta2() {
        // 8 Gy × 1: 8 × (8 + 2) / 4 = 20; 20 Gy / 5: 20 × (4 + 2) / 4 = 30; 30 Gy / 10: 30 × 5 / 4 = 37.5.
        #expect(RadiationCourse(levels: [.t8], doseGy: 8, fractions: 1, on: nil, source: "").eqd2CordAlphaBeta2 == 20)
        #expect(RadiationCourse(levels: [.t8], doseGy: 20, fractions: 5, on: nil, source: "").eqd2CordAlphaBeta2 == 30)
        #expect(RadiationCourse(levels: [.t8], doseGy: 30, fractions: 10, on: nil, source: "").eqd2CordAlphaBeta2 == 37.5)
    }

    @Test func cumulativeDosePerLevelCountsEachCourseOnce() {
        let first = RadiationCourse(levels: [.t8, .t9], doseGy: 20, fractions: 5, on: day("2025-01-10"), source: "case version 1")
        let same = RadiationCourse(levels: [.t8, .t9], doseGy: 20, fractions: 5, on: day("2025-01-10"), source: "case version 2")
        let second = RadiationCourse(levels: [.t9], doseGy: 8, fractions: 1, on: day("2026-02-01"), source: "delivered")
        let doses = SpineHistory.doses([second, first, same])
        #expect(doses.map(\.level) == [.t8, .t9])
        #expect(doses[0].cumulativeDoseGy == 20 && doses[0].cumulativeEQD2Gy == 30)
        #expect(doses[1].cumulativeDoseGy == 28 && doses[1].cumulativeEQD2Gy == 50)
        #expect(doses[1].courses.map(\.on) == [day("2025-01-10"), day("2026-02-01")])
        // Dated courses seen twice are one course: nothing to say.
        #expect(doses.allSatisfy { $0.notes.isEmpty })
    }

    @Test func undatedRepeatedCourseIsCountedOnceAndSaid() {
        // An undated 8 Gy × 1 in two case versions may be a copy or a second course: counted once,
        // and the level says so (it had been merged silently, under-counting a real second course).
        let v1 = RadiationCourse(levels: [.t8], doseGy: 8, fractions: 1, on: nil, source: "case version 1")
        let v2 = RadiationCourse(levels: [.t8], doseGy: 8, fractions: 1, on: nil, source: "case version 2")
        let v3 = RadiationCourse(levels: [.t8], doseGy: 8, fractions: 1, on: nil, source: "case version 3")
        let other = RadiationCourse(levels: [.t8], doseGy: 20, fractions: 5, on: nil, source: "case version 3")
        let doses = SpineHistory.doses([v1, v2, v3, other])
        #expect(doses.count == 1)
        #expect(doses[0].cumulativeDoseGy == 28 && doses[0].cumulativeEQD2Gy == 50)
        #expect(doses[0].notes == ["8 Gy / 1 without a date is recorded in case version 1, case version 2, case version 3: counted once; if it was given more than once the cumulative dose is higher (record the date of each course)"])
        // Recorded once: no note.
        #expect(SpineHistory.doses([v1, other])[0].notes.isEmpty)
    }

    @Test func coursesComeFromEachLesionsPriorRadiation() {
        var irradiated = TestCases.lesion([.l1])
        irradiated.priorRadiation = PriorRadiation(doseGy: 8, fractions: 1, on: day("2025-06-01"))
        let c = TestCases.makeCase(lesions: [TestCases.lesion([.t8]), irradiated])
        let courses = SpineHistory.courses(in: c, source: "case version 1")
        #expect(courses.count == 1)
        #expect(courses[0].levels == [.l1] && courses[0].doseGy == 8 && courses[0].source == "case version 1")
    }

    // MARK: - Neurological worsening

    @Test func aFallInGradeOrAmbulationIsAWorsening() {
        let before = NeurologicalStatus(grade: .e, ambulation: .independent)
        #expect(NeurologicalStatus(grade: .e, ambulation: .independent).worsening(since: before).isEmpty)
        #expect(NeurologicalStatus(grade: .d, ambulation: .independent).worsening(since: before) == ["Frankel grade fell from E to D"])
        #expect(NeurologicalStatus(grade: .e, ambulation: .withAid).worsening(since: before) == ["ambulation fell from independent to withAid"])
        #expect(NeurologicalStatus(grade: .c, ambulation: .nonAmbulatory).worsening(since: before).count == 2)
        // Each with its kind, which the follow-up acts on (not the wording).
        #expect(NeurologicalStatus(grade: .c, ambulation: .nonAmbulatory).worsenings(since: before).map(\.kind) == [.grade, .ambulation])
        var symptomatic = NeurologicalStatus(grade: .e, ambulation: .independent)
        symptomatic.neuroSymptoms = [.numbness]
        symptomatic.bladderBowelDysfunction = true
        #expect(symptomatic.worsenings(since: before).map(\.kind) == [.bladderBowel, .symptom(.numbness)])
        // Improvement, or nothing recorded to compare, is not a worsening.
        #expect(NeurologicalStatus(grade: .e, ambulation: .independent).worsening(since: .init(grade: .d, ambulation: .withAid)).isEmpty)
        #expect(NeurologicalStatus(grade: nil, ambulation: nil).worsening(since: before).isEmpty)
    }

    @Test func frankelAndAsiaAreComparedLikeWithLike() {
        // The same scale on both sides decides: an ASIA fall with Frankel unchanged is a worsening.
        let both = NeurologicalStatus(frankel: .d, asia: .d, ambulation: nil)
        #expect(NeurologicalStatus(frankel: .d, asia: .c, ambulation: nil).worsening(since: both) == ["ASIA grade fell from D to C"])
        // Across scales only: Frankel D then ASIA C is the C/D split where the scales differ (§10.2).
        let frankelD = NeurologicalStatus(frankel: .d, ambulation: nil)
        #expect(NeurologicalStatus(frankel: nil, asia: .c, ambulation: nil).worsening(since: frankelD).isEmpty)
        // Any other fall across scales counts, and says which scales it compared.
        #expect(NeurologicalStatus(frankel: nil, asia: .b, ambulation: nil).worsening(since: frankelD) == ["grade fell from D to B (ASIA B, earlier Frankel D)"])
    }

    @Test func aNewDeficitOrBladderDysfunctionInACaseVersionIsAWorsening() {
        var before = Neurology()
        before.deficit = .radiculopathy
        before.bladderBowelDysfunction = false
        var after = before
        after.deficit = .myelopathy
        after.bladderBowelDysfunction = true
        #expect(NeurologicalStatus(after).worsening(since: NeurologicalStatus(before))
                == ["deficit now myelopathy (was radiculopathy)", "new bladder or bowel dysfunction"])
        #expect(NeurologicalStatus(before).worsening(since: NeurologicalStatus(after)).isEmpty)
    }
}
