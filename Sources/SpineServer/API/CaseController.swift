// Cases: create, read, update with optimistic concurrency, and the version history. Each write
// stores the document exactly as accepted and the assessment snapshot made from it, and appends
// its audit event, in one serialised transaction.
import Fluent
import SpineCore
import Vapor

struct CaseController: RouteCollection {
    let maxBody: ByteCount

    func boot(routes: any RoutesBuilder) throws {
        let cases = routes.grouped("cases")
        cases.on(.POST, body: .collect(maxSize: maxBody), use: create)
        cases.get(":caseId", use: show)
        cases.on(.PUT, ":caseId", body: .collect(maxSize: maxBody), use: update)
        cases.get(":caseId", "versions", use: versions)
        cases.get(":caseId", "versions", ":version", use: version)
    }

    // MARK: - POST /cases

    func create(req: Request) async throws -> Response {
        let user = try await req.requireUser(.writeCases, action: "case.create")
        return try await req.auditingFailures(action: "case.create", user: user) {
            let accepted = try AcceptedCase(try req.jsonBody(), today: req.spine.clock.today())
            let record = accepted.value.patient.id
            let now = req.now
            let event = req.stamped(AuditEvent(action: "case.create", patientRecord: record, outcome: AuditOutcome.success,
                                               detail: "version 1"), user: user)
            let outcome = try await Self.storeNewCase(accepted, author: user, event: event, at: now, on: req.db)
            switch outcome {
            case .exists(let existing):
                // Where the case is only for its care team: someone outside it learns that the
                // record has a case (a second one must not be made) but not which, nor its id.
                guard try await CareTeam.canAccess(user, caseID: existing, at: req.now, on: req.db) else {
                    throw Problem(status: .conflict, type: Problem.kind("patient-has-case"), title: "This patient already has a case",
                                  detail: "a case exists for this record number and you are not on its care team; ask its care team to add you")
                }
                throw Problem(status: .conflict, type: Problem.kind("patient-has-case"), title: "This patient already has a case",
                              detail: "update the existing case with PUT /api/v1/cases/\(existing)",
                              caseID: existing.uuidString,
                              extraHeaders: ["Location": "/api/v1/cases/\(existing)"])
            case .created(let caseID):
                var body = JSONObjectBuilder(capacity: accepted.assessmentJSON.count + 96)
                body.string("id", caseID.uuidString)
                body.int("version", 1)
                body.raw("assessment", accepted.assessmentJSON)
                return .json(body.finished(), status: .created,
                             headers: ["Location": "/api/v1/cases/\(caseID)", "ETag": ETag.make(1)])
            }
        }
    }

    enum CreateOutcome: Sendable { case created(UUID), exists(UUID) }

    /// Stores a first case for a patient and its audit event in one serialised transaction, or
    /// records the refusal when the patient already has a case. Shared by the API and the web form.
    static func storeNewCase(_ accepted: AcceptedCase, author: AuthenticatedUser, event: AuditEvent, at now: Date,
                             on database: any Database) async throws -> CreateOutcome {
        let record = accepted.value.patient.id
        return try await database.serializedWrite { db in
            if let existing = try await CaseQueries.caseID(forRecord: record, on: db) {
                var refused = event
                refused.outcome = AuditOutcome.conflict
                refused.detail = "existing case \(existing)"
                refused.caseID = existing.uuidString
                try await AuditChain.append([refused], at: now, on: db)
                return .exists(existing)
            }
            let caseID = try await CaseQueries.insertNewCase(accepted, author: author, at: now, on: db)
            var created = event
            created.caseID = caseID.uuidString
            try await AuditChain.append([created], at: now, on: db)
            return .created(caseID)
        }
    }

    // MARK: - GET /cases/{id}

    func show(req: Request) async throws -> Response {
        let user = try await req.requireUser(.readPatients, action: "case.read")
        let rawID = req.parameters.get("caseId") ?? ""
        return try await req.auditingFailures(action: "case.read", user: user, caseID: rawID) {
            let (stored, record, allowed) = try await CaseQueries.latest(rawID, viewer: user, at: req.now, on: req.db, reader: req.spine.sqliteReader)
            guard allowed else { throw try await req.refuseCaseAccess(user, record: record, caseID: rawID, action: "case.read") }
            try await req.audit(AuditEvent(action: "case.read", patientRecord: record, caseID: rawID,
                                           outcome: AuditOutcome.success, detail: "version \(stored.version)"), user: user)
            return .json(CaseQueries.caseBody(UUID(uuidString: rawID)!, stored), headers: ["ETag": ETag.make(stored.version)])
        }
    }

    // MARK: - PUT /cases/{id}

    func update(req: Request) async throws -> Response {
        let user = try await req.requireUser(.writeCases, action: "case.update")
        let rawID = req.parameters.get("caseId") ?? ""
        return try await req.auditingFailures(action: "case.update", user: user, caseID: rawID) {
            let caseID = try await req.requireCaseAccess(user, rawID: rawID, action: "case.update").0.requireID()
            // The precondition must name a version; `*` would allow a blind overwrite of clinical data.
            guard let ifMatch = req.headers.first(name: .ifMatch), let expected = ETag.versions(in: ifMatch), !expected.isEmpty else {
                throw Problem(status: .preconditionRequired, type: Problem.kind("if-match-required"), title: "If-Match required",
                              detail: "send If-Match with the ETag from GET /api/v1/cases/\(caseID), so that no one's changes are overwritten")
            }
            let accepted = try AcceptedCase(try req.jsonBody(), today: req.spine.clock.today())
            let now = req.now
            let stamp = req.stamped(AuditEvent(action: "case.update", caseID: caseID.uuidString, outcome: AuditOutcome.success), user: user)
            // `?neurologyExamined=true`: the neurology was examined anew, even if unchanged (clears a follow-up escalation).
            let examined: String? = req.query["neurologyExamined"]
            guard examined == nil || examined == "true" || examined == "false" else {
                throw Problem.invalid("neurologyExamined must be true or false", path: "neurologyExamined")
            }
            let outcome = try await Self.storeNewVersion(accepted, of: caseID, expected: expected, author: user, event: stamp,
                                                         neurologyExamined: examined == "true", at: now, on: req.db)
            switch outcome {
            case .notFound:
                throw Problem.notFound("no case \(caseID)")
            case .stale(let current):
                throw Problem(status: .preconditionFailed, type: Problem.kind("stale-version"), title: "The case has changed",
                              detail: "your If-Match does not match the current version \(current); fetch it again and reapply your change",
                              extraHeaders: ["ETag": ETag.make(current)])
            case .otherPatient(let record):
                throw Problem.invalid("patient.id must stay \(record): a case belongs to one patient", path: "patient.id")
            case .updated(let version):
                var body = JSONObjectBuilder(capacity: accepted.assessmentJSON.count + 96)
                body.string("id", caseID.uuidString)
                body.int("version", version)
                body.raw("assessment", accepted.assessmentJSON)
                return .json(body.finished(), headers: ["ETag": ETag.make(version)])
            }
        }
    }

    enum UpdateOutcome: Sendable { case updated(Int), stale(Int), notFound, otherPatient(String) }

    /// Stores a new version of a case if its current version is one of `expected`, with its
    /// assessment snapshot, the worklist summary, the team's follow-up (invitations, urgency clock)
    /// and its audit event, in one serialised transaction. Shared by the API, the web form, reviews
    /// that correct the case and follow-up visits. `staleDetail`, when given, audits a refusal
    /// inside the transaction (callers that audit failures themselves leave it nil).
    static func storeNewVersion(_ accepted: AcceptedCase, of caseID: UUID, expected: Set<Int>, author: AuthenticatedUser,
                                event stamp: AuditEvent, staleDetail: String? = nil, neurologyExamined: Bool = false, at now: Date,
                                on database: any Database) async throws -> UpdateOutcome {
        try await database.serializedWrite { db in
            try await storeNewVersionInTransaction(accepted, of: caseID, expected: expected, author: author, event: stamp,
                                                   staleDetail: staleDetail, neurologyExamined: neurologyExamined, at: now, on: db)
        }
    }

    /// `storeNewVersion` for callers already inside `serializedWrite`.
    static func storeNewVersionInTransaction(_ accepted: AcceptedCase, of caseID: UUID, expected: Set<Int>, author: AuthenticatedUser,
                                             event stamp: AuditEvent, staleDetail: String? = nil, neurologyExamined: Bool = false,
                                             at now: Date, on db: any Database) async throws -> UpdateOutcome {
        guard let head = try await CaseModel.query(on: db).filter(\.$id == caseID).with(\.$patient).first() else {
            return .notFound
        }
        guard expected.contains(head.currentVersion) else {
            if let staleDetail {
                var refused = stamp
                refused.outcome = AuditOutcome.preconditionFailed
                refused.detail = staleDetail + ", current \(head.currentVersion)"
                try await AuditChain.append([refused], at: now, on: db)
            }
            return .stale(head.currentVersion)
        }
        guard accepted.value.patient.id == head.patient.recordNumber else { return .otherPatient(head.patient.recordNumber) }
        let previous = head.effectiveUrgency
        let next = head.currentVersion + 1
        // A deterioration recorded at follow-up stands until a version records the neurology anew:
        // changed findings, or the same ones confirmed on examination (`neurologyExamined`). An
        // edit that leaves the neurology as it was (say, of the preferences) does not clear it.
        let escalation = head.activeEscalation
        var neurologyRecordedAnew = true
        var neurologyWorse: [String] = []
        // The version before, read when it matters: to keep a follow-up's escalation, or to see
        // whether an emergency's neurology got worse (which restarts its clock).
        if (escalation != nil && !neurologyExamined) || (previous == .emergency && accepted.assessment.urgency.level == .emergency) {
            let earlier = try await CaseVersionModel.query(on: db).filter(\.$caseHead.$id == caseID)
                .filter(\.$version == head.currentVersion).first()
            let before = earlier.flatMap { StoredCase.value(of: $0.document, assessedOn: head.assessedOn) }
            if escalation != nil, !neurologyExamined { neurologyRecordedAnew = before?.neurology != accepted.value.neurology }
            if let before { neurologyWorse = NeurologicalStatus(accepted.value).worsening(since: NeurologicalStatus(before)) }
        }
        try await CaseQueries.insertVersion(next, of: caseID, accepted, author: author, at: now, on: db)
        head.currentVersion = next
        head.apply(accepted.assessment, at: now)
        if !neurologyRecordedAnew, let escalation { head.keep(escalation) }
        try await head.update(on: db)
        head.patient.update(from: accepted.value.patient)
        if head.patient.hasChanges { try await head.patient.update(on: db) }
        try await CaseWorkflow.afterNewVersion(caseID: caseID, version: next, assessment: accepted.assessment, previous: previous,
                                               neurologyWorse: neurologyWorse, author: author, at: now, on: db)
        var event = stamp
        event.patientRecord = head.patient.recordNumber
        if event.detail.isEmpty { event.detail = "version \(next)" } else { event.detail = "version \(next); " + event.detail }
        try await AuditChain.append([event], at: now, on: db)
        return .updated(next)
    }

    // MARK: - GET /cases/{id}/versions and /versions/{n}

    func versions(req: Request) async throws -> Response {
        let user = try await req.requireUser(.readPatients, action: "case.versions")
        let rawID = req.parameters.get("caseId") ?? ""
        return try await req.auditingFailures(action: "case.versions", user: user, caseID: rawID) {
            let (head, patient) = try await req.requireCaseAccess(user, rawID: rawID, action: "case.versions")
            let caseID = try head.requireID()
            let list = try await CaseQueries.versionList(of: caseID, on: req.db)
            try await req.audit(AuditEvent(action: "case.versions", patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                           outcome: AuditOutcome.success), user: user)
            return try .json(encoding: VersionList(id: caseID.uuidString, currentVersion: head.currentVersion, versions: list),
                             headers: ["ETag": ETag.make(head.currentVersion)])
        }
    }

    func version(req: Request) async throws -> Response {
        let user = try await req.requireUser(.readPatients, action: "case.version.read")
        let rawID = req.parameters.get("caseId") ?? ""
        return try await req.auditingFailures(action: "case.version.read", user: user, caseID: rawID) {
            let (head, patient) = try await req.requireCaseAccess(user, rawID: rawID, action: "case.version.read")
            let caseID = try head.requireID()
            guard let n = req.parameters.get("version").flatMap(Int.init), n >= 1, n <= head.currentVersion else {
                throw Problem.notFound("case \(caseID) has versions 1…\(head.currentVersion)")
            }
            let stored = try await CaseQueries.version(n, of: caseID, on: req.db)
            try await req.audit(AuditEvent(action: "case.version.read", patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                           outcome: AuditOutcome.success, detail: "version \(n)"), user: user)
            return .json(CaseQueries.caseBody(caseID, stored, withAuthor: true))
        }
    }
}

struct VersionList: Content {
    var id: String
    var currentVersion: Int
    var versions: [VersionSummary]
}

struct VersionSummary: Content {
    var version: Int
    var author: String
    var createdAt: Date
    var rulesVersion: String?
    var urgency: String?
}

/// Strong entity tags naming a case version: `"v3"`.
enum ETag {
    static func make(_ version: Int) -> String { "\"v\(version)\"" }

    /// The versions an If-Match header names; nil for `*` or nothing recognisable.
    static func versions(in header: String) -> Set<Int>? {
        var found = Set<Int>()
        for part in header.split(separator: ",") {
            let tag = part.trimmingCharacters(in: .whitespaces)
            guard tag.hasPrefix("\"v"), tag.hasSuffix("\""), tag.count > 3, let n = Int(tag.dropFirst(2).dropLast()) else { continue }
            found.insert(n)
        }
        // A tag that is not ours matches nothing, which is a stale precondition (412), not a missing one.
        if found.isEmpty, header.trimmingCharacters(in: .whitespaces) != "*", header.contains("\"") { return [0] }
        return found.isEmpty ? nil : found
    }
}

extension PatientModel {
    /// A new patient from the case document's identifying data.
    convenience init(_ p: SpineCore.Patient) {
        self.init()
        recordNumber = p.id
        name = p.name
        birthDate = p.birthDate?.description
        sex = p.sex?.rawValue
        searchText = Self.searchText(p)
    }

    /// Takes a new version's identifying data (the record number never changes); writes only what differs.
    func update(from p: SpineCore.Patient) {
        if name != p.name { name = p.name }
        let birth = p.birthDate?.description
        if birthDate != birth { birthDate = birth }
        if sex != p.sex?.rawValue { sex = p.sex?.rawValue }
        let search = Self.searchText(p)
        if searchText != search { searchText = search }
    }

    static func searchText(_ p: SpineCore.Patient) -> String { "\(p.id) \(p.name ?? "")".lowercased() }
}

extension CaseModel {
    /// The worklist summary of an assessment: urgency, the nearest deadline and the first option.
    func apply(_ a: Assessment, at now: Date) {
        summarise(a, at: now)
        // A new version is a new assessment of the neurology: it replaces a follow-up escalation.
        escalation = nil
    }

    /// The worklist summary of an assessment (a re-assessment under new rules keeps the escalation:
    /// it read the same neurology again).
    func summarise(_ a: Assessment, at now: Date) {
        urgency = a.urgency.level.rawValue
        urgencyRank = a.urgency.level.rank
        let nearest = a.urgency.deadlines.min { ($0.dueBy, $0.withinHours) < ($1.dueBy, $1.withinHours) }
        nextDue = nearest?.dueBy ?? "9999-12-31"
        nextDueHours = nearest?.withinHours ?? Int(Int32.max)
        nextAction = nearest?.action
        topOption = a.options.first { !$0.declined }?.code.rawValue
        assessedOn = a.assessedOn.description
        rulesVersion = a.rulesVersion
        updatedAt = now
    }

    /// What a follow-up escalation set on the worklist: kept across a new reading of the case that
    /// does not record the neurology anew (an edit of other fields, a rules re-assessment).
    struct Escalation {
        var text: String
        var urgencyRank: Int
        var nextDue: String
        var nextDueHours: Int
        var nextAction: String?
    }

    var activeEscalation: Escalation? {
        escalation.map { Escalation(text: $0, urgencyRank: urgencyRank, nextDue: nextDue, nextDueHours: nextDueHours, nextAction: nextAction) }
    }

    func keep(_ e: Escalation) {
        escalation = e.text
        urgency = UrgencyLevel.emergency.rawValue
        urgencyRank = e.urgencyRank
        (nextDue, nextDueHours, nextAction) = (e.nextDue, e.nextDueHours, e.nextAction)
    }

    /// The urgency the team must act on: the assessment's, or emergency after a neurological
    /// deterioration recorded at follow-up.
    var effectiveUrgency: UrgencyLevel { Self.effectiveUrgency(stored: urgency, escalation: escalation) }

    /// The same from a worklist row's columns.
    static func effectiveUrgency(stored: String, escalation: String?) -> UrgencyLevel {
        escalation != nil ? .emergency : (UrgencyLevel(rawValue: stored) ?? .routine)
    }
}
