// Consensus decisions: the chosen option(s) with regimen and the goals they serve, dissent by name,
// the patient's preferences acknowledged, tied to the exact case version and assessment snapshot
// shown. A decision that departs from SpineBoard's top-ranked option needs a reason, which is kept
// and reported: departures are how the rules get better.
import Fluent
import Foundation
import SQLKit
import SpineCore
import Vapor

struct ChosenOption: Content, Equatable {
    var code: String
    var regimen: String?
}

struct Dissent: Content, Equatable {
    var username: String
    var reason: String
}

struct DecisionInput: Content, Equatable {
    var caseVersion: Int
    var meetingId: String?
    var options: [ChosenOption]
    var goals: [String]?
    var dissent: [Dissent]?
    var patientPreferences: String
    var departureReason: String?
    var note: String?
}

/// A review the decision was taken with: each specialist's latest revision at that moment.
struct ReviewRef: Content, Equatable {
    var id: String
    var author: String
    var role: String
    var revision: Int
    var caseVersion: Int
}

/// What is stored for a decision: the request as completed (regimens, goals) and the reviews it rested on.
struct StoredDecision: Codable {
    var decision: DecisionInput
    var reviewsConsidered: [ReviewRef]
}

struct DecisionView: Content {
    var id: String
    var caseId: String
    var caseVersion: Int
    var assessmentId: String
    var rulesVersion: String
    var meetingId: String?
    var options: [ChosenOption]
    var goals: [String]
    var dissent: [Dissent]
    var patientPreferences: String
    var note: String?
    var topRankedOption: String?
    var departsFromTopRanked: Bool
    var departureReason: String?
    var decidedBy: String
    var decidedAt: String
    var reviewsConsidered: [ReviewRef]
    var disclaimer: String
}

/// What a stored assessment snapshot said, read back from its JSON as it was shown.
struct SnapshotFacts {
    struct Option { var code: String; var declined: Bool; var goals: [String]; var regimen: String? }
    var options: [Option]
    var urgency: String

    init(_ output: Data) {
        let json = (try? JSONSerialization.jsonObject(with: output)) as? [String: Any] ?? [:]
        options = ((json["options"] as? [[String: Any]]) ?? []).map {
            Option(code: $0["code"] as? String ?? "", declined: $0["declined"] as? Bool ?? false,
                   goals: $0["goals"] as? [String] ?? [], regimen: $0["regimen"] as? String)
        }
        urgency = ((json["urgency"] as? [String: Any])?["level"] as? String) ?? "routine"
    }

    /// SpineBoard's top-ranked main option: the first not declined that is not an adjunct
    /// (dexamethasone, analgesia, a brace or a bone-modifying agent accompany the main treatment);
    /// the first not declined when every option is an adjunct.
    var topRanked: String? {
        let open = options.filter { !$0.declined }
        return (open.first { !(TreatmentOption(rawValue: $0.code)?.isAdjunct ?? false) } ?? open.first)?.code
    }
}

enum DecisionService {
    static func validate(_ d: DecisionInput) -> [CaseValidationError] {
        var errors: [CaseValidationError] = []
        func err(_ path: String, _ message: String) { errors.append(CaseValidationError(path: path, message: message)) }
        if d.caseVersion < 1 { err("caseVersion", "must be a case version number ≥ 1") }
        if d.options.isEmpty || d.options.count > 10 { err("options", "must list 1–10 chosen options, the main one first") }
        for (i, o) in d.options.enumerated() {
            if TreatmentOption(rawValue: o.code) == nil {
                err("options[\(i)].code", "must be a treatment option code: \(TreatmentOption.allCases.map(\.rawValue).joined(separator: " | "))")
            }
            if let r = o.regimen, r.count > 200 { err("options[\(i)].regimen", "must be at most 200 characters") }
        }
        if Set(d.options.map(\.code)).count != d.options.count { err("options", "lists an option twice") }
        InputChecks.codeList(d.goals ?? [], "goals", isValid: { TreatmentGoal(rawValue: $0) != nil },
                             invalid: "must be one of: \(TreatmentGoal.allCases.map(\.rawValue).joined(separator: " | "))",
                             repeatHint: "list each goal once", err)
        let prefs = d.patientPreferences.trimmingCharacters(in: .whitespacesAndNewlines)
        if prefs.isEmpty { err("patientPreferences", "record how the patient's preferences were taken into account (required)") }
        if prefs.count > 2000 { err("patientPreferences", "must be at most 2000 characters") }
        for (i, x) in (d.dissent ?? []).enumerated() {
            if x.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { err("dissent[\(i)].reason", "a dissent needs its reason") }
            if x.reason.count > 2000 { err("dissent[\(i)].reason", "must be at most 2000 characters") }
        }
        if let r = d.departureReason, r.count > 2000 { err("departureReason", "must be at most 2000 characters") }
        if let n = d.note, n.count > 4000 { err("note", "must be at most 4000 characters") }
        if let m = d.meetingId, UUID(uuidString: m) == nil { err("meetingId", "must be a meeting id") }
        return errors
    }

    static func invalid(_ errors: [CaseValidationError]) -> Problem {
        Problem(status: .unprocessableEntity, type: Problem.kind("invalid-decision"), title: "The decision is not valid",
                detail: "\(errors.count) error\(errors.count == 1 ? "" : "s"); see errors[]", errors: errors)
    }

    /// 409 for a decision on a case version that is no longer the current one: its snapshot and
    /// board summary would contradict the reviews and assessment of the newer version.
    static func staleVersion(_ version: Int, current: Int) -> Problem {
        Problem(status: .conflict, type: Problem.kind("stale-version"), title: "The case has changed",
                detail: "the decision is on case version \(version) but the case is now at version \(current), whose assessment and reviews may differ: reload the case and decide on version \(current)",
                extraHeaders: ["ETag": ETag.make(current)])
    }

    /// Records a decision on the case's current version, audited, with its tasks, in one transaction.
    /// Every error of the request comes back at once (422): the field checks, then those that need
    /// the case's snapshot and the users. A superseded version is refused first (409: the form must be
    /// reloaded anyway), and so is the same decision twice (409).
    static func record(_ input: DecisionInput, caseID: UUID, user: AuthenticatedUser, req: Request) async throws -> DecisionView {
        try EnteredText.check(input)
        var errors = validate(input)
        let (head, patient) = try await CaseQueries.head(caseID.uuidString, on: req.db)
        let version = head.currentVersion
        if input.caseVersion > version {
            errors.append(CaseValidationError(path: "caseVersion", message: "case \(caseID) has versions 1…\(version)"))
        } else if input.caseVersion >= 1 && input.caseVersion < version {
            throw staleVersion(input.caseVersion, current: version)
        }
        // The snapshot of the version decided on (only the current one can be).
        var snapshotFound: AssessmentSnapshotModel?
        if input.caseVersion == version {
            snapshotFound = try await AssessmentSnapshotModel.query(on: req.db).filter(\.$caseHead.$id == caseID)
                .filter(\.$caseVersion == version).sort(\.$createdAt, .descending).first()
            if snapshotFound == nil { throw Problem.notFound("case \(caseID) has no assessment of version \(version)") }
        }
        let factsFound = snapshotFound.map { SnapshotFacts($0.output) }
        let top = factsFound?.topRanked
        let mainCode = input.options.first?.code
        let departs = mainCode != top
        let reason = input.departureReason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        // The departure rule needs the snapshot and a main option that is one (an unknown code is named at options[0].code).
        if let facts = factsFound, let chosen = mainCode, TreatmentOption(rawValue: chosen) != nil {
            if departs && reason.isEmpty {
                errors.append(CaseValidationError(path: "departureReason",
                                                  message: "the main option \(chosen) is not SpineBoard's top-ranked option (\(top ?? "none")) in the assessment of version \(version): give the reason"))
            }
            let declined = input.options.filter { o in facts.options.contains { $0.code == o.code && $0.declined } }.map(\.code)
            if !declined.isEmpty && reason.isEmpty && !departs {
                errors.append(CaseValidationError(path: "departureReason",
                                                  message: "the patient declined \(declined.joined(separator: ", ")): record why it is chosen all the same"))
            }
        }
        var dissenters: [String] = []
        for (i, d) in (input.dissent ?? []).enumerated() {
            if try await UserModel.query(on: req.db).filter(\.$username == d.username).count() == 0 {
                errors.append(CaseValidationError(path: "dissent[\(i)].username", message: "no user \(d.username.prefix(64))"))
            }
            dissenters.append(d.username)
        }
        var meetingID: UUID?
        if let raw = input.meetingId, let id = UUID(uuidString: raw) {
            if try await AgendaItemModel.query(on: req.db).filter(\.$meetingID == id).filter(\.$caseID == caseID).count() == 0 {
                errors.append(CaseValidationError(path: "meetingId", message: "the case is not on that meeting's agenda"))
            }
            meetingID = id
        }
        guard errors.isEmpty, let snapshot = snapshotFound, let facts = factsFound, let chosen = mainCode else { throw invalid(errors) }

        // The goals: as given, else those the chosen options serve in the snapshot.
        var goals = input.goals ?? []
        if goals.isEmpty {
            for o in input.options { for g in facts.options.first(where: { $0.code == o.code })?.goals ?? [] where !goals.contains(g) { goals.append(g) } }
        }
        let options = input.options.map { o in
            ChosenOption(code: o.code, regimen: o.regimen ?? facts.options.first { $0.code == o.code }?.regimen)
        }
        let stored = try await CaseQueries.version(version, of: caseID, on: req.db)
        let social = StoredCase.value(of: stored.document, assessedOn: head.assessedOn)?.social
        let plans = CareTaskPlanner.decisionTasks(options: options.compactMap { TreatmentOption(rawValue: $0.code) },
                                                  urgency: head.effectiveUrgency, social: social)
        let now = req.now
        var body = input
        body.options = options
        body.goals = goals
        let reviews = try await ReviewService.list(caseID: caseID, latestOnly: true, on: req.db).map {
            ReviewRef(id: $0.id, author: $0.author, role: $0.role, revision: $0.revision, caseVersion: $0.caseVersion)
        }
        let (meetingRef, storedBody, dissentNames) = (meetingID, StoredDecision(decision: body, reviewsConsidered: reviews), dissenters)
        let event = req.stamped(AuditEvent(action: "decision.create", patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                           outcome: AuditOutcome.success), user: user)
        return try await req.db.serializedWrite { db in
            // A version recorded since the checks above (a review's correction, an edit) supersedes
            // this one: read again where no other writer can move it.
            if let current = try await CaseModel.find(caseID, on: db)?.currentVersion, current != version {
                throw staleVersion(version, current: current)
            }
            // The same decision twice (a second click, a form sent again) made two decisions and
            // doubled the tasks. Refused when the latest decision on this version, at the same meeting
            // (or both at none), has the same options in the same order (with their regimens) and the
            // same goals. Checked in the transaction, so two submits at once cannot both pass; a
            // decision taken outside the board and confirmed at it is not a repeat.
            if let latest = try await DecisionModel.query(on: db).filter(\.$caseID == caseID).filter(\.$caseVersion == version)
                .sort(\.$createdAt, .descending).first(),
               latest.meetingID == meetingRef,
               let previous = try? JSONDecoder().decode(StoredDecision.self, from: latest.body).decision,
               previous.options == storedBody.decision.options, Set(previous.goals ?? []) == Set(storedBody.decision.goals ?? []) {
                throw Problem(status: .conflict, type: Problem.kind("duplicate-decision"), title: "Already decided",
                              detail: "this decision (\(storedBody.decision.options.map(\.code).joined(separator: "+"))) is already recorded on case version \(version): decision \(latest.id?.uuidString ?? "?") by \(latest.decidedBy) at \(ISOTimestamp.iso8601(latest.createdAt)); nothing was written")
            }
            let d = DecisionModel()
            d.caseID = caseID
            d.meetingID = meetingRef
            d.caseVersion = version
            d.assessmentID = try snapshot.requireID()
            d.rulesVersion = snapshot.rulesVersion
            d.topOption = top
            d.chosenOption = chosen
            d.departs = departs
            d.departureReason = reason.isEmpty ? nil : reason
            d.body = try JSONEncoder.sortedAPI.encode(storedBody)
            d.decidedBy = user.username
            d.createdAt = now
            try await d.create(on: db)
            if let meetingRef {
                try await AgendaItemModel.query(on: db).filter(\.$meetingID == meetingRef).filter(\.$caseID == caseID)
                    .set(\.$status, to: "decided").update()
            }
            // The decision is what the clock's "definitive decision" deadline asked for: it is met
            // now (it had stayed open, and later overdue, after the board decided).
            try await TaskLedger.closeClockTasks(caseID: caseID, code: "clock.definitive-decision", as: TaskLedger.done,
                                                 by: "decision \(try d.requireID()) by \(user.username)", at: now, on: db)
            try await TaskLedger.create(plans, caseID: caseID, origin: "decision", from: now, clockStartedAt: nil, on: db)
            try await TaskLedger.refreshCount(caseID: caseID, on: db)
            var e = event
            e.detail = "decision \(try d.requireID()) on version \(version): \(options.map(\.code).joined(separator: "+"))"
                + (departs ? "; departs from top-ranked \(top ?? "none")" : "") + (dissentNames.isEmpty ? "" : "; dissent: \(dissentNames.joined(separator: ", "))")
            try await AuditChain.append([e], at: now, on: db)
            return try view(d)
        }
    }

    static func view(_ d: DecisionModel) throws -> DecisionView {
        let stored = try JSONDecoder().decode(StoredDecision.self, from: d.body)
        let input = stored.decision
        return DecisionView(id: try d.requireID().uuidString, caseId: d.caseID.uuidString, caseVersion: d.caseVersion,
                            assessmentId: d.assessmentID.uuidString, rulesVersion: d.rulesVersion, meetingId: d.meetingID?.uuidString,
                            options: input.options, goals: input.goals ?? [], dissent: input.dissent ?? [],
                            patientPreferences: input.patientPreferences, note: input.note, topRankedOption: d.topOption,
                            departsFromTopRanked: d.departs, departureReason: d.departureReason, decidedBy: d.decidedBy,
                            decidedAt: ISOTimestamp.iso8601(d.createdAt), reviewsConsidered: stored.reviewsConsidered,
                            disclaimer: Rules.disclaimer)
    }

    static func list(caseID: UUID, on db: any Database) async throws -> [DecisionView] {
        try await DecisionModel.query(on: db).filter(\.$caseID == caseID).sort(\.$createdAt).all().map(view)
    }
}
