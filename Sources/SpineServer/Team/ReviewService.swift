// Specialist reviews: each role records a structured opinion on a case version, plus free text.
// Reviews are append-only revisions per author. A diagnostic radiologist's corrections to levels,
// ESCC or SINS items, a medical oncologist's survival estimate and a spine surgeon's operability
// are inputs of the assessment: they become a new case version, stored in the same transaction as
// the review.
import Fluent
import Foundation
import SpineCore
import Vapor

struct LesionCorrection: Content, Equatable {
    /// The lesion's levels as recorded (identifies the lesion).
    var levels: [String]
    var pain: String?
    var boneLesion: String?
    var alignment: String?
    var collapse: String?
    var posterolateral: String?
    var escc: String?
    var bonyRetropulsion: Bool?
}

struct ProposedRegimen: Content, Equatable {
    var doseGy: Double
    var fractions: Int
    var technique: String
}

/// The review body. Which fields a review may carry depends on the author's role.
struct ReviewInput: Content, Equatable {
    var caseVersion: Int
    var text: String?
    // Diagnostic radiology
    var levelsConfirmed: Bool?
    var lesions: [LesionCorrection]?
    // Spine surgery
    var operability: String?
    var instabilityAgreed: Bool?
    var proposedOption: String?
    // Radiation oncology
    var proposedRegimen: ProposedRegimen?
    var priorRadiationNoted: String?
    // Medical oncology
    var systemicPlan: String?
    var expectedSurvivalMonths: Int?
    // Interventional radiology
    var embolizationAdvised: Bool?
    var cementAugmentationCandidate: Bool?
    // Physiatry
    var rehabilitationPlan: String?
    var bracing: Bool?
    // Palliative care
    var goalsOfCare: String?
}

struct ReviewView: Content {
    var id: String
    var caseVersion: Int
    var revision: Int
    var author: String
    var role: String
    var createdAt: String
    var newCaseVersion: Int?
    var review: ReviewInput
}

enum ReviewService {
    static let operability = ["operable", "operable-high-risk", "not-operable"]
    static let techniques = ["cebrt", "sbrt"]

    /// The fields each role may fill (besides caseVersion and text).
    static func allowedFields(_ role: Role) -> Set<String> {
        switch role {
        case .diagnosticRadiologist: ["levelsConfirmed", "lesions"]
        case .spineSurgeon: ["operability", "instabilityAgreed", "proposedOption"]
        case .radiationOncologist: ["proposedRegimen", "priorRadiationNoted"]
        case .medicalOncologist: ["systemicPlan", "expectedSurvivalMonths"]
        case .interventionalRadiologist: ["embolizationAdvised", "cementAugmentationCandidate"]
        case .physiatrist: ["rehabilitationPlan", "bracing"]
        case .palliativeCare: ["goalsOfCare"]
        case .nurseNavigator, .referringClinician, .admin: []
        }
    }

    static func presentFields(_ r: ReviewInput) -> [String] {
        var f: [String] = []
        if r.levelsConfirmed != nil { f.append("levelsConfirmed") }
        if r.lesions != nil { f.append("lesions") }
        if r.operability != nil { f.append("operability") }
        if r.instabilityAgreed != nil { f.append("instabilityAgreed") }
        if r.proposedOption != nil { f.append("proposedOption") }
        if r.proposedRegimen != nil { f.append("proposedRegimen") }
        if r.priorRadiationNoted != nil { f.append("priorRadiationNoted") }
        if r.systemicPlan != nil { f.append("systemicPlan") }
        if r.expectedSurvivalMonths != nil { f.append("expectedSurvivalMonths") }
        if r.embolizationAdvised != nil { f.append("embolizationAdvised") }
        if r.cementAugmentationCandidate != nil { f.append("cementAugmentationCandidate") }
        if r.rehabilitationPlan != nil { f.append("rehabilitationPlan") }
        if r.bracing != nil { f.append("bracing") }
        if r.goalsOfCare != nil { f.append("goalsOfCare") }
        return f
    }

    /// True when the review records nothing: no opinion in text (or only blanks) and none of the
    /// role's fields. Such a revision would become the author's latest and hide their earlier one.
    static func recordsNothing(_ r: ReviewInput) -> Bool {
        func blank(_ s: String?) -> Bool { s.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? true }
        let freeText: Set<String> = ["priorRadiationNoted", "systemicPlan", "rehabilitationPlan", "goalsOfCare"]
        return [r.text, r.priorRadiationNoted, r.systemicPlan, r.rehabilitationPlan, r.goalsOfCare].allSatisfy(blank)
            && presentFields(r).allSatisfy { freeText.contains($0) }
    }

    /// Every field error at once, each with its path.
    static func validate(_ r: ReviewInput, role: Role) -> [CaseValidationError] {
        var errors: [CaseValidationError] = []
        func err(_ path: String, _ message: String) { errors.append(CaseValidationError(path: path, message: message)) }
        let allowed = allowedFields(role)
        for field in presentFields(r) where !allowed.contains(field) {
            err(field, "a \(role.rawValue) review cannot set \(field)\(allowed.isEmpty ? "; write your opinion in text" : "; this role's fields: \(allowed.sorted().joined(separator: ", "))")")
        }
        if r.caseVersion < 1 { err("caseVersion", "must be a case version number ≥ 1") }
        if recordsNothing(r) {
            // Named at every field that could carry the review: the text and the role's own fields.
            let own = allowed.sorted()
            err("text", "the review records nothing: write your opinion\(own.isEmpty ? "" : ", or give one of your role's fields (\(own.joined(separator: ", ")))")")
            for field in own { err(field, "the review records nothing: give \(field), another of your role's fields, or your opinion in text") }
        }
        func textLimit(_ value: String?, _ path: String, _ limit: Int = 4000) {
            if let value, value.count > limit { err(path, "must be at most \(limit) characters") }
        }
        textLimit(r.text, "text")
        textLimit(r.priorRadiationNoted, "priorRadiationNoted")
        textLimit(r.systemicPlan, "systemicPlan")
        textLimit(r.rehabilitationPlan, "rehabilitationPlan")
        textLimit(r.goalsOfCare, "goalsOfCare")
        if let o = r.operability, !operability.contains(o) { err("operability", "must be one of: \(operability.joined(separator: " | ")) (got \"\(o.prefix(40))\")") }
        if let o = r.proposedOption, TreatmentOption(rawValue: o) == nil {
            err("proposedOption", "must be a treatment option code: \(TreatmentOption.allCases.map(\.rawValue).joined(separator: " | "))")
        }
        if let reg = r.proposedRegimen {
            // The limits of a course delivered (FollowUpService) and of a prior course in a case
            // document, so a proposal is one the team could record as given (80 Gy in 1 fraction was accepted).
            let doses = CaseDocument.Limits.priorDoseGy, counts = CaseDocument.Limits.priorFractions
            if !doses.contains(reg.doseGy) { err("proposedRegimen.doseGy", "must be a total dose from 0.5 to 150 Gy") }
            if !counts.contains(reg.fractions) { err("proposedRegimen.fractions", "must be 1–50") }
            if doses.contains(reg.doseGy), counts.contains(reg.fractions), reg.doseGy / Double(reg.fractions) > CaseDocument.Limits.maxDosePerFractionGy {
                err("proposedRegimen.doseGy", "gives more than 30 Gy per fraction; check doseGy (total) and fractions")
            }
            if !techniques.contains(reg.technique) { err("proposedRegimen.technique", "must be one of: cebrt | sbrt") }
        }
        if let m = r.expectedSurvivalMonths, !(0...240).contains(m) { err("expectedSurvivalMonths", "must be months, 0–240") }
        if let lesions = r.lesions {
            if lesions.isEmpty || lesions.count > 40 { err("lesions", "must list 1–40 lesion corrections") }
            // A lesion is identified by its set of levels (as `corrected` finds it); two corrections
            // of one lesion were both applied and the last silently won.
            var seen: [[VertebralLevel]: Int] = [:]
            for (i, l) in lesions.enumerated() {
                let p = "lesions[\(i)]"
                let levels = l.levels.compactMap(VertebralLevel.init(code:))
                if l.levels.isEmpty || levels.count != l.levels.count {
                    err("\(p).levels", "must be the lesion's levels as recorded, e.g. [\"T8\"]")
                } else if Set(levels).count != levels.count {
                    err("\(p).levels", "lists a level twice; give each of the lesion's levels once")
                } else if let first = seen[levels.sorted()] {
                    err("\(p).levels", "corrects the lesion at \(levels.sorted().map(\.code).joined(separator: ", ")) again (lesions[\(first)]); give one correction per lesion, with all its changes")
                } else {
                    seen[levels.sorted()] = i
                }
                func code<T: RawRepresentable & CaseIterable>(_ value: String?, _ type: T.Type, _ key: String) where T.RawValue == String {
                    if let value, T(rawValue: value) == nil {
                        err("\(p).\(key)", "must be one of: \(T.allCases.map(\.rawValue).joined(separator: " | ")) (got \"\(value.prefix(40))\")")
                    }
                }
                code(l.pain, LesionPain.self, "pain")
                code(l.boneLesion, BoneLesionType.self, "boneLesion")
                code(l.alignment, SpinalAlignment.self, "alignment")
                code(l.collapse, VertebralCollapse.self, "collapse")
                code(l.posterolateral, PosterolateralInvolvement.self, "posterolateral")
                code(l.escc, EpiduralCompressionGrade.self, "escc")
            }
        }
        return errors
    }

    /// The case document with the review's corrections applied, or nil when it changes nothing.
    static func corrected(_ document: Data, by r: ReviewInput) throws -> Data? {
        var form = CaseFormModel.form(fromDocument: document)
        let before = form.values
        if let months = r.expectedSurvivalMonths { form.set("systemic.clinicianSurvivalEstimateMonths", String(months)) }
        // The surgeon's judgement is the case's "medically operable" (NOMS S): a high-risk patient is
        // still operable (the risk is for the team to weigh), a patient not operable loses open surgery.
        if let o = r.operability { form.set("systemic.medicallyOperable", o == "not-operable" ? "false" : "true") }
        let count = CaseFormModel.lesionCount(form)
        for (i, fix) in (r.lesions ?? []).enumerated() {
            let wanted = fix.levels.compactMap(VertebralLevel.init(code:)).sorted()
            guard let k = (0..<count).first(where: {
                CaseFormModel.parseLevels(form["spine.lesions[\($0)].levels"]).compactMap(VertebralLevel.init(code:)).sorted() == wanted
            }) else {
                throw Problem.invalid("no lesion at \(fix.levels.joined(separator: ", ")) in this case version; a new lesion is added by editing the case",
                                      path: "lesions[\(i)].levels")
            }
            let p = "spine.lesions[\(k)]"
            if let v = fix.pain { form.set("\(p).pain", v) }
            if let v = fix.boneLesion { form.set("\(p).boneLesion", v) }
            if let v = fix.alignment { form.set("\(p).alignment", v) }
            if let v = fix.collapse { form.set("\(p).collapse", v) }
            if let v = fix.posterolateral { form.set("\(p).posterolateral", v) }
            if let v = fix.escc { form.set("\(p).escc", v) }
            if let v = fix.bonyRetropulsion { form.set("\(p).bonyRetropulsion", v ? "true" : "false") }
        }
        guard form.values != before else { return nil }
        return Data(CaseFormModel.document(from: form).utf8)
    }

    /// Records a review revision (and the case version its corrections make), audited, in one transaction.
    static func record(_ input: ReviewInput, caseID: UUID, user: AuthenticatedUser, req: Request) async throws -> ReviewView {
        try EnteredText.check(input)
        let errors = validate(input, role: user.role)
        guard errors.isEmpty else {
            throw Problem(status: .unprocessableEntity, type: Problem.kind("invalid-review"), title: "The review is not valid",
                          detail: "\(errors.count) error\(errors.count == 1 ? "" : "s"); see errors[]", errors: errors)
        }
        let (head, patient) = try await CaseQueries.head(caseID.uuidString, on: req.db)
        guard input.caseVersion <= head.currentVersion else {
            throw Problem.invalid("case \(caseID) has versions 1…\(head.currentVersion)", path: "caseVersion")
        }
        // Corrections are made to the version the reviewer read, which must still be the current one.
        var accepted: AcceptedCase?
        if input.lesions != nil || input.expectedSurvivalMonths != nil || input.operability != nil {
            guard input.caseVersion == head.currentVersion else {
                throw Problem(status: .conflict, type: Problem.kind("stale-version"), title: "The case has changed",
                              detail: "your review corrects version \(input.caseVersion) but the case is now at version \(head.currentVersion); read it again",
                              extraHeaders: ["ETag": ETag.make(head.currentVersion)])
            }
            let current = try await CaseQueries.version(head.currentVersion, of: caseID, on: req.db)
            if let doc = try corrected(current.document, by: input) {
                do {
                    accepted = try AcceptedCase(ByteBuffer(data: doc), today: req.spine.clock.today())
                } catch var problem as Problem {
                    problem.title = "The corrected case is not valid"
                    throw problem
                }
            }
        }
        let body = try JSONEncoder.sortedAPI.encode(input)
        let now = req.now
        let reviewEvent = req.stamped(AuditEvent(action: "review.create", patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                                 outcome: AuditOutcome.success), user: user)
        let versionEvent = req.stamped(AuditEvent(action: "case.update", patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                                  outcome: AuditOutcome.success, detail: "from the \(user.role.rawValue) review"), user: user)
        let pinned = head.currentVersion
        let correction = accepted
        return try await req.db.serializedWrite { db in
            var newVersion: Int?
            if let correction {
                switch try await CaseController.storeNewVersionInTransaction(correction, of: caseID, expected: [pinned], author: user,
                                                                             event: versionEvent, at: now, on: db) {
                case .updated(let v): newVersion = v
                case .stale(let current):
                    throw Problem(status: .conflict, type: Problem.kind("stale-version"), title: "The case has changed",
                                  detail: "the case moved to version \(current) while the review was saved; read it again")
                case .notFound, .otherPatient: throw Problem.notFound("no case \(caseID)")
                }
            }
            let revision = try await ReviewModel.query(on: db).filter(\.$caseID == caseID).filter(\.$authorID == user.id).count() + 1
            let r = ReviewModel()
            r.caseID = caseID
            r.caseVersion = input.caseVersion
            r.revision = revision
            r.authorID = user.id
            r.authorUsername = user.username
            r.role = user.role.rawValue
            r.body = body
            r.newCaseVersion = newVersion
            r.createdAt = now
            try await r.create(on: db)
            var event = reviewEvent
            event.detail = "revision \(revision) on version \(input.caseVersion)\(newVersion.map { "; made version \($0)" } ?? "")"
            try await AuditChain.append([event], at: now, on: db)
            return try view(r)
        }
    }

    static func view(_ r: ReviewModel) throws -> ReviewView {
        ReviewView(id: try r.requireID().uuidString, caseVersion: r.caseVersion, revision: r.revision, author: r.authorUsername,
                   role: r.role, createdAt: ISOTimestamp.iso8601(r.createdAt), newCaseVersion: r.newCaseVersion,
                   review: try JSONDecoder().decode(ReviewInput.self, from: r.body))
    }

    /// Every revision, oldest first; `latestOnly` keeps each author's newest.
    static func list(caseID: UUID, latestOnly: Bool, on db: any Database) async throws -> [ReviewView] {
        let all = try await ReviewModel.query(on: db).filter(\.$caseID == caseID).sort(\.$createdAt).sort(\.$revision).all()
        let views = try all.map(view)
        guard latestOnly else { return views }
        var newest: [String: ReviewView] = [:]
        for v in views { newest[v.author] = v }
        return views.filter { newest[$0.author]?.id == $0.id }
    }
}
