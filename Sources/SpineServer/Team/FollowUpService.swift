// Follow-up visits (pain, neurology, performance status and a short patient-reported outcome),
// treatments delivered (radiotherapy courses, operations with their hardware), and the spine over
// time built from them and from every case version.
import Fluent
import Foundation
import SpineCore
import Vapor

/// Patient-reported outcome: pain NRS and the five EQ-5D-style domains (1 = no problems … 5 = extreme/unable).
struct PatientReported: Content, Equatable {
    var painNRS: Int
    var mobility: Int
    var selfCare: Int
    var usualActivities: Int
    var painDiscomfort: Int
    var anxietyDepression: Int
}

struct FollowUpInput: Content, Equatable {
    var visitDate: String
    var painScore: Int?
    var frankel: String?
    var asia: String?
    var ambulation: String?
    /// NICE NG234's neurological symptoms found at the visit (the case document's codes).
    var neuroSymptoms: [String]?
    var bladderBowelDysfunction: Bool?
    var karnofsky: Int?
    var ecog: Int?
    var patientReported: PatientReported?
    var notes: String?
}

struct FollowUpView: Content {
    var id: String
    var visitDate: String
    var author: String
    var recordedAt: String
    var visit: FollowUpInput
    var worsening: String?
}

struct TreatmentInput: Content, Equatable {
    var kind: String
    var levels: [String]
    var givenOn: String
    var doseGy: Double?
    var fractions: Int?
    var detail: String?
}

struct TreatmentView: Content {
    var id: String
    var kind: String
    var levels: [String]
    var givenOn: String
    var doseGy: Double?
    var fractions: Int?
    var eqd2Gy: Double?
    var detail: String
    var author: String
}

enum FollowUpService {
    /// A date of the patient's care: a valid day, not in the future, and not before the patient was
    /// born (or, birth date unknown, before 1900), so a mistyped year cannot become a baseline.
    static func checkCareDate(_ raw: String, _ path: String, today: CalendarDate, bornOn: CalendarDate?,
                              _ err: (String, String) -> Void) {
        guard let d = CalendarDate(iso: raw) else { return err(path, "must be a date, YYYY-MM-DD") }
        if d > today { err(path, "must not be in the future (today is \(today))") }
        if let bornOn, d < bornOn { err(path, "must not be before the patient's birth date (\(bornOn))") }
        if bornOn == nil, d < earliestCareDate { err(path, "must be \(earliestCareDate) or later") }
    }

    static let earliestCareDate = CalendarDate(year: 1900, month: 1, day: 1)!

    static func validate(_ f: FollowUpInput, today: CalendarDate, bornOn: CalendarDate?) -> [CaseValidationError] {
        var errors: [CaseValidationError] = []
        func err(_ path: String, _ message: String) { errors.append(CaseValidationError(path: path, message: message)) }
        checkCareDate(f.visitDate, "visitDate", today: today, bornOn: bornOn, err)
        if let p = f.painScore, !(0...10).contains(p) { err("painScore", "must be a numeric rating 0–10") }
        if let g = f.frankel, NeurologicalGrade(rawValue: g) == nil { err("frankel", "must be one of: A | B | C | D | E") }
        if let g = f.asia, NeurologicalGrade(rawValue: g) == nil { err("asia", "must be one of: A | B | C | D | E") }
        if let a = f.ambulation, Ambulation(rawValue: a) == nil { err("ambulation", "must be one of: independent | withAid | nonAmbulatory") }
        if let k = f.karnofsky, !(0...100).contains(k) || k % 10 != 0 { err("karnofsky", "must be 0–100 in tens") }
        if let e = f.ecog, !(0...5).contains(e) { err("ecog", "must be 0–5") }
        // The case document's cross-checks (reference §10.1–10.2), so a visit cannot record what a
        // case cannot: walking is checked against Frankel only (ASIA C is defined by strength).
        for (member, message) in NeurologyConsistency.contradictions(frankel: f.frankel.flatMap(NeurologicalGrade.init(rawValue:)),
                                                                     asia: f.asia.flatMap(NeurologicalGrade.init(rawValue:)),
                                                                     ambulation: f.ambulation.flatMap(Ambulation.init(rawValue:))) {
            err(member, message)
        }
        if let pro = f.patientReported {
            if !(0...10).contains(pro.painNRS) { err("patientReported.painNRS", "must be 0–10") }
            for (name, v) in [("mobility", pro.mobility), ("selfCare", pro.selfCare), ("usualActivities", pro.usualActivities),
                              ("painDiscomfort", pro.painDiscomfort), ("anxietyDepression", pro.anxietyDepression)] where !(1...5).contains(v) {
                err("patientReported.\(name)", "must be 1 (no problems) to 5 (extreme problems or unable)")
            }
        }
        if let n = f.notes, n.count > 4000 { err("notes", "must be at most 4000 characters") }
        InputChecks.codeList(f.neuroSymptoms ?? [], "neuroSymptoms", isValid: { NeuroSymptom(rawValue: $0) != nil },
                             invalid: "must be one of: \(NeuroSymptom.allCases.map(\.rawValue).joined(separator: " | "))", err)
        if f.frankel == nil && f.asia == nil && f.ambulation == nil && f.painScore == nil && f.patientReported == nil
            && f.karnofsky == nil && f.ecog == nil && f.neuroSymptoms == nil && f.bladderBowelDysfunction == nil {
            err("", "record at least one finding: painScore, frankel/asia, ambulation, neuroSymptoms, bladderBowelDysfunction, karnofsky/ecog or patientReported")
        }
        return errors
    }

    static func status(_ f: FollowUpInput) -> NeurologicalStatus {
        var s = NeurologicalStatus(frankel: f.frankel.flatMap(NeurologicalGrade.init(rawValue:)), asia: f.asia.flatMap(NeurologicalGrade.init(rawValue:)),
                                   ambulation: f.ambulation.flatMap(Ambulation.init(rawValue:)))
        s.neuroSymptoms = f.neuroSymptoms.map { $0.compactMap(NeuroSymptom.init(rawValue:)) }
        s.bladderBowelDysfunction = f.bladderBowelDysfunction
        return s
    }

    /// Records a visit. Worse neurology than at the last record (the previous visit, else the
    /// current case version) makes the case an emergency again and starts a new urgency clock.
    static func record(_ input: FollowUpInput, caseID: UUID, user: AuthenticatedUser, req: Request) async throws -> FollowUpView {
        try EnteredText.check(input)
        let today = req.spine.clock.today()
        let (head, patient) = try await CaseQueries.head(caseID.uuidString, on: req.db)
        let errors = validate(input, today: today, bornOn: patient.birthDate.flatMap(CalendarDate.init(iso:)))
        guard errors.isEmpty else {
            throw Problem(status: .unprocessableEntity, type: Problem.kind("invalid-follow-up"), title: "The follow-up visit is not valid",
                          detail: "\(errors.count) error\(errors.count == 1 ? "" : "s"); see errors[]", errors: errors)
        }
        let current = try await CaseQueries.version(head.currentVersion, of: caseID, on: req.db)
        guard let recorded = StoredCase.value(of: current.document, assessedOn: head.assessedOn) else {
            throw Problem.notFound("case \(caseID) cannot be read")
        }
        // Baseline, finding by finding: the latest earlier visit recorded since the current case
        // version that recorded it, else the current case version (a new version records the
        // neurology anew: a visit before it is not compared with, in either direction).
        let earlier = try await FollowUpModel.query(on: req.db).filter(\.$caseID == caseID).sort(\.$visitDate, .descending)
            .sort(\.$createdAt, .descending).all()
            .filter { $0.visitDate <= input.visitDate && $0.createdAt >= current.createdAt }
            .compactMap { m in (try? JSONDecoder().decode(FollowUpInput.self, from: m.body)).map { (m.visitDate, status($0)) } }
        let fromCase = NeurologicalStatus(recorded)
        let frankelVisit = earlier.first { $0.1.frankel != nil }
        let asiaVisit = earlier.first { $0.1.asia != nil }
        let ambulationVisit = earlier.first { $0.1.ambulation != nil }
        let symptomsVisit = earlier.first { $0.1.neuroSymptoms != nil }
        let sphincterVisit = earlier.first { $0.1.bladderBowelDysfunction != nil }
        var baseline = NeurologicalStatus(frankel: frankelVisit?.1.frankel ?? fromCase.frankel, asia: asiaVisit?.1.asia ?? fromCase.asia,
                                          ambulation: ambulationVisit?.1.ambulation ?? fromCase.ambulation)
        baseline.neuroSymptoms = symptomsVisit?.1.neuroSymptoms ?? fromCase.neuroSymptoms
        baseline.bladderBowelDysfunction = sphincterVisit?.1.bladderBowelDysfunction ?? fromCase.bladderBowelDysfunction
        let sources = Set([frankelVisit, asiaVisit, ambulationVisit, symptomsVisit, sphincterVisit].map {
            $0.map { "the visit of \($0.0)" } ?? "case version \(head.currentVersion)"
        })
        let baselineName = sources.sorted().joined(separator: " and ")
        let found = status(input)
        let worse = found.worsenings(since: baseline)
        let worsening = worse.isEmpty ? nil : "neurological deterioration at follow-up on \(input.visitDate): \(worse.map(\.text).joined(separator: "; ")) (since \(baselineName))"
        // The emergency deadlines for the deterioration: the core's triage of the case with the new
        // neurological findings (not stored: the team records a new case version after examining).
        var plans: [CareTaskPlan] = []
        if worsening != nil {
            var c = recorded
            var symptoms = c.symptoms.neuroSymptoms
            for s in found.neuroSymptoms ?? [] where !symptoms.contains(s) { symptoms.append(s) }
            // A fallen grade is new weakness and a fall in walking a gait disturbance (NG234's
            // symptoms), so the triage of the case with the visit's findings is an emergency.
            if worse.contains(where: { $0.kind == .grade }) && !symptoms.contains(.limbWeakness) { symptoms.append(.limbWeakness) }
            if worse.contains(where: { $0.kind == .ambulation }) && !symptoms.contains(.gaitDisturbance) { symptoms.append(.gaitDisturbance) }
            c.symptoms.neuroSymptoms = symptoms
            if input.bladderBowelDysfunction == true { c.neurology.bladderBowelDysfunction = true }
            plans = CareTaskPlanner.clockTasks(SpineCore.assess(c, today: today).urgency)
        }
        let body = try JSONEncoder.sortedAPI.encode(input)
        let clockPlans = plans
        let now = req.now
        let event = req.stamped(AuditEvent(action: "follow-up.create", patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                           outcome: AuditOutcome.success, detail: worsening == nil ? "visit \(input.visitDate)" : "visit \(input.visitDate); neurological deterioration: emergency"),
                                user: user)
        return try await req.db.serializedWrite { db in
            let f = FollowUpModel()
            f.caseID = caseID
            f.visitDate = input.visitDate
            f.body = body
            f.worsening = worsening
            f.authorUsername = user.username
            f.createdAt = now
            try await f.create(on: db)
            if let worsening, let h = try await CaseModel.find(caseID, on: db) {
                h.escalation = worsening
                h.urgency = UrgencyLevel.emergency.rawValue
                h.urgencyRank = UrgencyLevel.emergency.rank
                // The worklist orders emergencies by their nearest deadline: the new clock's.
                if let first = clockPlans.min(by: { $0.dueInHours < $1.dueInHours }) {
                    h.nextDue = today.adding(days: first.dueInHours / 24).description
                    h.nextDueHours = first.dueInHours
                    h.nextAction = first.title
                }
                h.updatedAt = now
                try await h.update(on: db)
                try await CaseWorkflow.startClock(caseID: caseID, plans: clockPlans, reason: "neurological deterioration at follow-up", at: now, on: db)
                _ = try await CareTeam.invite(caseID: caseID, role: .nurseNavigator, reason: "MSCC coordinator: neurological deterioration (NICE NG234)",
                                              addedBy: "SpineBoard (follow-up)", at: now, on: db)
                try await TaskLedger.refreshCount(caseID: caseID, on: db)
            }
            try await AuditChain.append([event], at: now, on: db)
            return try view(f)
        }
    }

    static func view(_ f: FollowUpModel) throws -> FollowUpView {
        FollowUpView(id: try f.requireID().uuidString, visitDate: f.visitDate, author: f.authorUsername,
                     recordedAt: ISOTimestamp.iso8601(f.createdAt), visit: try JSONDecoder().decode(FollowUpInput.self, from: f.body),
                     worsening: f.worsening)
    }

    static func list(caseID: UUID, on db: any Database) async throws -> [FollowUpView] {
        try await FollowUpModel.query(on: db).filter(\.$caseID == caseID).sort(\.$visitDate).sort(\.$createdAt).all().map(view)
    }

    // MARK: - Treatments delivered

    static let treatmentKinds = ["radiation", "surgery", "cement-augmentation", "embolization"]

    static func validate(_ t: TreatmentInput, today: CalendarDate, bornOn: CalendarDate?) -> [CaseValidationError] {
        var errors: [CaseValidationError] = []
        func err(_ path: String, _ message: String) { errors.append(CaseValidationError(path: path, message: message)) }
        if !treatmentKinds.contains(t.kind) { err("kind", "must be one of: \(treatmentKinds.joined(separator: " | "))") }
        if t.levels.isEmpty || t.levels.count > 24 { err("levels", "must list 1–24 vertebral levels") }
        InputChecks.codeList(t.levels, "levels", isValid: { VertebralLevel(code: $0) != nil },
                             invalid: "must be a level C1…C7, T1…T12, L1…L5, S1…S5", repeatHint: "list each level once", err)
        checkCareDate(t.givenOn, "givenOn", today: today, bornOn: bornOn, err)
        if t.kind == "radiation" {
            // The same limits as a prior course in a case document, so that both paths accept the
            // same courses (and the EQD2 bookkeeping never sees 80 Gy in one fraction).
            let doses = CaseDocument.Limits.priorDoseGy, counts = CaseDocument.Limits.priorFractions
            let perFraction = CaseDocument.Limits.maxDosePerFractionGy
            if let d = t.doseGy {
                if !doses.contains(d) { err("doseGy", "must be a total dose from 0.5 to 150 Gy") }
            } else { err("doseGy", "a radiotherapy course needs its total dose in Gy") }
            if let n = t.fractions {
                if !counts.contains(n) { err("fractions", "must be 1–50") }
            } else { err("fractions", "a radiotherapy course needs its number of fractions") }
            if let d = t.doseGy, let n = t.fractions, doses.contains(d), counts.contains(n), d / Double(n) > perFraction {
                err("doseGy", "gives more than 30 Gy per fraction; check doseGy (total) and fractions")
            }
        } else if t.doseGy != nil || t.fractions != nil {
            err(t.doseGy != nil ? "doseGy" : "fractions", "only a radiotherapy course has a dose")
        }
        if let d = t.detail, d.count > 1000 { err("detail", "must be at most 1000 characters") }
        return errors
    }

    static func recordTreatment(_ input: TreatmentInput, caseID: UUID, user: AuthenticatedUser, req: Request) async throws -> TreatmentView {
        try EnteredText.check(input)
        let (_, patient) = try await CaseQueries.head(caseID.uuidString, on: req.db)
        let errors = validate(input, today: req.spine.clock.today(), bornOn: patient.birthDate.flatMap(CalendarDate.init(iso:)))
        guard errors.isEmpty else {
            throw Problem(status: .unprocessableEntity, type: Problem.kind("invalid-treatment"), title: "The treatment record is not valid",
                          detail: "\(errors.count) error\(errors.count == 1 ? "" : "s"); see errors[]", errors: errors)
        }
        let now = req.now
        let event = req.stamped(AuditEvent(action: "treatment.create", patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                           outcome: AuditOutcome.success, detail: "\(input.kind) \(input.levels.joined(separator: ","))"), user: user)
        return try await req.db.serializedWrite { db in
            let t = TreatmentModel()
            t.caseID = caseID
            t.kind = input.kind
            t.levels = input.levels.joined(separator: ",")
            t.givenOn = input.givenOn
            t.doseGy = input.doseGy
            t.fractions = input.fractions
            t.detail = input.detail ?? ""
            t.authorUsername = user.username
            t.createdAt = now
            try await t.create(on: db)
            try await AuditChain.append([event], at: now, on: db)
            return try treatmentView(t)
        }
    }

    static func treatmentView(_ t: TreatmentModel) throws -> TreatmentView {
        var eqd2: Double?
        if let d = t.doseGy, let n = t.fractions { eqd2 = (PriorRadiation(doseGy: d, fractions: n).eqd2CordAlphaBeta2 * 10).rounded() / 10 }
        return TreatmentView(id: try t.requireID().uuidString, kind: t.kind, levels: t.levels.split(separator: ",").map(String.init),
                             givenOn: t.givenOn, doseGy: t.doseGy, fractions: t.fractions, eqd2Gy: eqd2, detail: t.detail,
                             author: t.authorUsername)
    }

    static func treatments(caseID: UUID, on db: any Database) async throws -> [TreatmentModel] {
        try await TreatmentModel.query(on: db).filter(\.$caseID == caseID).sort(\.$givenOn).sort(\.$createdAt).all()
    }
}
