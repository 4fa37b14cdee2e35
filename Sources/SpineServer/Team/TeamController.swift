// The team's JSON API: care team and invitations, tumour-board meetings and agendas, specialist
// reviews, consensus decisions, tasks, follow-up visits, treatments delivered, the spine over time,
// and the reports. Every route on a case checks the care team (403, audited) and audits the access.
import Fluent
import Foundation
import SpineCore
import Vapor

struct TeamMemberInput: Content {
    var username: String?
    var role: String?
    var reason: String?
}

struct TeamMemberView: Content {
    var id: String
    var role: String
    var username: String?
    var status: String
    var reason: String
    var addedBy: String
    var since: String

    init(_ m: CareTeamMemberModel) {
        id = m.id?.uuidString ?? ""
        role = m.role
        username = m.username
        status = m.status
        reason = m.reason
        addedBy = m.addedBy
        since = ISOTimestamp.iso8601(m.createdAt)
    }
}

struct TeamView: Content {
    var caseId: String
    var members: [TeamMemberView]
    var invitations: [TeamMemberView]
}

struct InvitationView: Content {
    var caseId: String
    var role: String
    var reason: String
    var urgency: String
    var invitedAt: String
}

struct ScheduleInput: Content {
    /// A meeting id, "next" (the next planned meeting) or "ad-hoc" (a meeting now).
    var meeting: String
}

struct AgendaInput: Content { var caseId: String }
struct AttendeeInput: Content { var username: String }
struct TaskChangeInput: Content {
    var reason: String?
    var username: String?
}

struct TeamController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let c = routes.grouped("cases", ":caseId")
        c.get("team", use: team)
        c.post("team", use: addMember)
        c.post("team", "join", use: join)
        c.delete("team", ":memberId", use: removeMember)
        c.post("schedule", use: schedule)
        c.get("reviews", use: reviews)
        c.post("reviews", use: addReview)
        c.get("decisions", use: decisions)
        c.post("decisions", use: addDecision)
        c.get("tasks", use: caseTasks)
        c.get("follow-ups", use: followUps)
        c.post("follow-ups", use: addFollowUp)
        c.get("treatments", use: treatments)
        c.post("treatments", use: addTreatment)
        c.get("spine", use: spine)

        routes.get("invitations", use: invitations)
        routes.get("tasks", use: myTasks)
        routes.post("tasks", ":taskId", "complete", use: completeTask)
        routes.post("tasks", ":taskId", "cancel", use: cancelTask)
        routes.post("tasks", ":taskId", "assign", use: assignTask)
        routes.get("decisions", ":decisionId", use: decision)
        let m = routes.grouped("meetings")
        m.get(use: meetings)
        m.post(use: createMeeting)
        m.get(":meetingId", use: meeting)
        m.post(":meetingId", "attendees", use: addAttendee)
        m.post(":meetingId", "agenda", use: addToAgenda)
        routes.get("reports", "departures", use: departures)
        routes.get("reports", "urgency-clock", use: clockReport)
    }

    // MARK: - Helpers

    /// Runs `body` for a case the user may see, holding `permission`; failures are audited.
    func onCase(_ req: Request, _ permission: Permission, action: String,
                _ body: (AuthenticatedUser, UUID, CaseModel, PatientModel) async throws -> Response) async throws -> Response {
        let user = try await req.requireUser(permission, action: action)
        let rawID = req.parameters.get("caseId") ?? ""
        return try await req.auditingFailures(action: action, user: user, caseID: rawID) {
            let (head, patient) = try await req.requireCaseAccess(user, rawID: rawID, action: action)
            return try await body(user, try head.requireID(), head, patient)
        }
    }

    func audited(_ req: Request, _ user: AuthenticatedUser, _ action: String, _ patient: PatientModel, _ caseID: UUID, _ detail: String = "") async throws {
        try await req.audit(AuditEvent(action: action, patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                       outcome: AuditOutcome.success, detail: detail), user: user)
    }

    /// A read of one case's records: care-team check, the value, its audit event.
    func read<T: Encodable>(_ req: Request, action: String, _ fetch: @escaping (UUID) async throws -> T) async throws -> Response {
        try await onCase(req, .readPatients, action: action) { user, caseID, _, patient in
            let value = try await fetch(caseID)
            try await audited(req, user, action, patient, caseID)
            return try .json(encoding: value)
        }
    }

    /// A record added to a case by a service that validates and audits it: 201 with what was stored.
    func write<I: StrictJSONInput, T: Encodable>(_ req: Request, action: String, _ input: I.Type,
                                                 _ store: @escaping (I, UUID, AuthenticatedUser) async throws -> T) async throws -> Response {
        try await onCase(req, .writeCases, action: action) { user, caseID, _, _ in
            try .json(encoding: try await store(try req.decodeStrict(I.self), caseID, user), status: .created)
        }
    }

    // MARK: - Care team

    func team(req: Request) async throws -> Response {
        try await onCase(req, .readPatients, action: "team.read") { user, caseID, _, patient in
            let all = try await CareTeamMemberModel.query(on: req.db).filter(\.$caseID == caseID).sort(\.$createdAt).all()
            try await audited(req, user, "team.read", patient, caseID)
            return try .json(encoding: TeamView(caseId: caseID.uuidString, members: all.filter { $0.status == CareTeam.member }.map(TeamMemberView.init),
                                                invitations: all.filter { $0.status == CareTeam.invited }.map(TeamMemberView.init)))
        }
    }

    /// Adds a person (`username`) or invites a role (`role`). Care-team members and administrators
    /// may; an attendee of a meeting the case is on may read the case but not put anyone (themselves
    /// included) on its team (403, audited).
    func addMember(req: Request) async throws -> Response {
        let user = try await req.requireUser(.readPatients, action: "team.update")
        let rawID = req.parameters.get("caseId") ?? ""
        return try await req.auditingFailures(action: "team.update", user: user, caseID: rawID) {
            let (head, patient) = try await req.requireSharing(user, rawID: rawID, action: "team.update")
            let caseID = try head.requireID()
            let input = try req.decodeStrict(TeamMemberInput.self)
            let (member, created) = try await TeamActions.addMember(username: input.username, role: input.role, reason: input.reason,
                                                                    caseID: caseID, patient: patient, user: user, req: req)
            return try .json(encoding: TeamMemberView(member), status: created ? .created : .ok)
        }
    }

    /// Accepts the open invitation for the user's role. The user is not yet on the team, so the
    /// invitation itself is the permission.
    func join(req: Request) async throws -> Response {
        let user = try await req.requireUser(.writeCases, action: "team.join")
        let rawID = req.parameters.get("caseId") ?? ""
        return try await req.auditingFailures(action: "team.join", user: user, caseID: rawID) {
            let (_, member) = try await TeamActions.join(rawID: rawID, user: user, req: req)
            return try .json(encoding: TeamMemberView(member))
        }
    }

    /// Removes a member or an invitation: members and administrators only, like adding
    /// (`requireCaseAccess` applies `requireSharing` to `team.update`).
    func removeMember(req: Request) async throws -> Response {
        try await onCase(req, .readPatients, action: "team.update") { user, caseID, _, patient in
            try await TeamActions.remove(req.parameters.get("memberId"), caseID: caseID, patient: patient, user: user, req: req)
            return Response(status: .noContent)
        }
    }

    func invitations(req: Request) async throws -> Response {
        let user = try await req.requireUser(.writeCases, action: "invitations.list")
        let open = try await CareTeamMemberModel.query(on: req.db).filter(\.$role == user.role.rawValue)
            .filter(\.$status == CareTeam.invited).sort(\.$createdAt).limit(500).all()
        var out: [InvitationView] = []
        for i in open {
            guard let head = try await CaseModel.find(i.caseID, on: req.db) else { continue }
            out.append(InvitationView(caseId: i.caseID.uuidString, role: i.role, reason: i.reason, urgency: head.urgency,
                                      invitedAt: ISOTimestamp.iso8601(i.createdAt)))
        }
        out.sort { ($0.urgency == "emergency" ? 0 : $0.urgency == "urgent" ? 1 : 2, $0.invitedAt) < ($1.urgency == "emergency" ? 0 : $1.urgency == "urgent" ? 1 : 2, $1.invitedAt) }
        try await req.audit(AuditEvent(action: "invitations.list", outcome: AuditOutcome.success, detail: "\(out.count) open"), user: user)
        return try .json(encoding: ["items": out])
    }

    // MARK: - Meetings

    func schedule(req: Request) async throws -> Response {
        try await onCase(req, .writeCases, action: "case.schedule") { user, caseID, head, patient in
            let input = try req.decodeStrict(ScheduleInput.self)
            let target = try TeamActions.target(input.meeting)
            let event = req.stamped(AuditEvent(action: "case.schedule", patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                               outcome: AuditOutcome.success), user: user)
            let (meeting, item) = try await MeetingService.schedule(caseID: caseID, urgency: head.urgency, target: target, user: user,
                                                                    event: event, at: req.now, on: req.db)
            var body: [String: String] = ["meetingId": try meeting.requireID().uuidString, "agendaItemId": try item.requireID().uuidString,
                                          "startsAt": meeting.startsAt, "kind": meeting.kind]
            if head.urgency == "emergency" {
                body["warning"] = TeamActions.emergencyWarning
            }
            return try .json(encoding: body, status: .created)
        }
    }

    func meetings(req: Request) async throws -> Response {
        _ = try await req.requireUser(.readPatients, action: "meetings.list")
        return try .json(encoding: ["items": try await MeetingService.list(now: req.now, on: req.db)])
    }

    func createMeeting(req: Request) async throws -> Response {
        let user = try await req.requireUser(.writeCases, action: "meeting.create")
        return try await req.auditingFailures(action: "meeting.create", user: user) {
            let input = try req.decodeStrict(MeetingInput.self)
            let m = try await MeetingService.create(input, kind: "scheduled", user: user, at: req.now, on: req.db)
            try await req.audit(AuditEvent(action: "meeting.create", outcome: AuditOutcome.success, detail: "meeting \(try m.requireID())"), user: user)
            return try .json(encoding: try await MeetingService.detail(m, on: req.db), status: .created,
                             headers: ["Location": "/api/v1/meetings/\(try m.requireID())"])
        }
    }

    /// A meeting with its agenda: attendees and administrators only (the agenda names patients).
    func meeting(req: Request) async throws -> Response {
        let user = try await req.requireUser(.readPatients, action: "meeting.read")
        let rawID = req.parameters.get("meetingId") ?? ""
        return try await req.auditingFailures(action: "meeting.read", user: user) {
            let m = try await MeetingService.readable(rawID, by: user, on: req.db)
            let id = try m.requireID()
            let detail = try await MeetingService.detail(m, on: req.db)
            try await req.auditDisclosure(detail, action: "meeting.read", note: "meeting \(id)", user: user)
            return try .json(encoding: detail)
        }
    }

    func addAttendee(req: Request) async throws -> Response {
        let user = try await req.requireUser(.writeCases, action: "meeting.update")
        let rawID = req.parameters.get("meetingId") ?? ""
        return try await req.auditingFailures(action: "meeting.update", user: user) {
            let m = try await MeetingService.find(rawID, on: req.db)
            // Attendees see every case on the agenda: only the chair invites them (checked before the body is read).
            guard m.chairID == user.id else { throw Problem.forbidden("only the meeting's chair (\(m.chairUsername)) adds attendees") }
            try await MeetingService.invite(try req.decodeStrict(AttendeeInput.self).username, to: m, by: user, req: req)
            // The reply shows the agenda's patients: a read of each, as GET /meetings/{id} records it.
            let detail = try await MeetingService.detail(m, on: req.db)
            try await req.auditDisclosure(detail, action: "meeting.read", note: "meeting \(try m.requireID()) (reply to adding an attendee)", user: user)
            return try .json(encoding: detail)
        }
    }

    func addToAgenda(req: Request) async throws -> Response {
        let user = try await req.requireUser(.writeCases, action: "case.schedule")
        let rawID = req.parameters.get("meetingId") ?? ""
        return try await req.auditingFailures(action: "case.schedule", user: user) {
            let m = try await MeetingService.find(rawID, on: req.db)
            // The reply lists the whole agenda (other patients): only for the chair and attendees.
            let attends = try await MeetingService.isAttendee(user, try m.requireID(), on: req.db)
            guard m.chairID == user.id || attends else {
                throw Problem.forbidden("only the meeting's chair and attendees add to its agenda; use POST /api/v1/cases/{caseId}/schedule")
            }
            let input = try req.decodeStrict(AgendaInput.self)
            let (head, patient) = try await req.requireCaseAccess(user, rawID: input.caseId, action: "case.schedule")
            let caseID = try head.requireID()
            let event = req.stamped(AuditEvent(action: "case.schedule", patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                               outcome: AuditOutcome.success), user: user)
            _ = try await MeetingService.schedule(caseID: caseID, urgency: head.urgency, target: .meeting(try m.requireID()), user: user,
                                                  event: event, at: req.now, on: req.db)
            let detail = try await MeetingService.detail(m, on: req.db)
            try await req.auditDisclosure(detail, action: "meeting.read", note: "meeting \(try m.requireID()) (reply to scheduling)", user: user)
            return try .json(encoding: detail, status: .created)
        }
    }

    // MARK: - Reviews and decisions

    func reviews(req: Request) async throws -> Response {
        let all = (req.query["all"] as String?) == "true"
        return try await read(req, action: "reviews.read") { ["items": try await ReviewService.list(caseID: $0, latestOnly: !all, on: req.db)] }
    }

    func addReview(req: Request) async throws -> Response {
        try await write(req, action: "review.create", ReviewInput.self) { try await ReviewService.record($0, caseID: $1, user: $2, req: req) }
    }

    func decisions(req: Request) async throws -> Response {
        try await read(req, action: "decisions.read") { ["items": try await DecisionService.list(caseID: $0, on: req.db)] }
    }

    func addDecision(req: Request) async throws -> Response {
        try await onCase(req, .writeCases, action: "decision.create") { user, caseID, _, _ in
            let input = try req.decodeStrict(DecisionInput.self)
            let view = try await DecisionService.record(input, caseID: caseID, user: user, req: req)
            return try .json(encoding: view, status: .created, headers: ["Location": "/api/v1/decisions/\(view.id)"])
        }
    }

    /// A decision with exactly what it rested on: the case document and the assessment snapshot as shown.
    func decision(req: Request) async throws -> Response {
        let user = try await req.requireUser(.readPatients, action: "decision.read")
        let rawID = req.parameters.get("decisionId") ?? ""
        return try await req.auditingFailures(action: "decision.read", user: user) {
            guard let id = UUID(uuidString: rawID), let d = try await DecisionModel.find(id, on: req.db) else {
                throw Problem.notFound("no decision \(rawID.prefix(64))")
            }
            let (_, patient) = try await req.requireCaseAccess(user, rawID: d.caseID.uuidString, action: "decision.read")
            guard let snapshot = try await AssessmentSnapshotModel.find(d.assessmentID, on: req.db) else { throw Problem.notFound("snapshot missing") }
            let version = try await CaseVersionModel.query(on: req.db).filter(\.$caseHead.$id == d.caseID).filter(\.$version == d.caseVersion).first()
            try await audited(req, user, "decision.read", patient, d.caseID, "decision \(id)")
            var body = JSONObjectBuilder(capacity: snapshot.output.count + (version?.document.count ?? 0) + 2048)
            body.raw("decision", Array(try JSONEncoder.sortedAPI.encode(try DecisionService.view(d))))
            body.raw("case", Array(version?.document ?? Data("null".utf8)))
            body.raw("assessment", Array(snapshot.output))
            return .json(body.finished())
        }
    }

    // MARK: - Tasks

    func caseTasks(req: Request) async throws -> Response {
        let now = ISOTimestamp.iso8601(req.now)
        return try await read(req, action: "tasks.read") { ["items": try await TaskService.tasks(of: $0, on: req.db).map { TaskView($0, now: now) }] }
    }

    /// Open tasks on the user's cases for their role or assigned to them, soonest due first.
    func myTasks(req: Request) async throws -> Response {
        let user = try await req.requireUser(.writeCases, action: "tasks.list")
        let now = ISOTimestamp.iso8601(req.now)
        var query = TaskModel.query(on: req.db).filter(\.$status == TaskLedger.open)
            .group(.or) { $0.filter(\.$role == user.role.rawValue).filter(\.$assigneeUsername == user.username) }
        if let visible = CareTeam.visibleCondition(user, caseColumn: #""tasks"."case_id""#, at: req.now) { query = query.filter(.sql(embed: visible)) }
        let list = try await query.sort(\.$dueAt).limit(500).all().map { TaskView($0, now: now) }
        try await req.audit(AuditEvent(action: "tasks.list", outcome: AuditOutcome.success, detail: "\(list.count) open"), user: user)
        return try .json(encoding: ["items": list])
    }

    func completeTask(req: Request) async throws -> Response { try await changeTask(req) { _ in .complete } }

    func cancelTask(req: Request) async throws -> Response {
        try await changeTask(req) { input in
            let reason = (input?.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...500).contains(reason.count) else { throw Problem.invalid("a cancelled task needs its reason (1–500 characters)", path: "reason") }
            return .cancel(reason: reason)
        }
    }

    func assignTask(req: Request) async throws -> Response {
        try await changeTask(req) { input in
            guard let name = input?.username, !name.isEmpty else { throw Problem.invalid("username is required", path: "username") }
            return .assign(username: name)
        }
    }

    func changeTask(_ req: Request, _ change: (TaskChangeInput?) throws -> TaskService.Change) async throws -> Response {
        let user = try await req.requireUser(.writeCases, action: "task.update")
        let rawID = req.parameters.get("taskId") ?? ""
        return try await req.auditingFailures(action: "task.update", user: user) {
            let input: TaskChangeInput? = req.body.data == nil ? nil : try req.decodeStrict(TaskChangeInput.self)
            let t = try await TaskService.change(rawID, try change(input), user: user, req: req)
            return try .json(encoding: TaskView(t, now: ISOTimestamp.iso8601(req.now)))
        }
    }

    // MARK: - Follow-up, treatments, spine

    func followUps(req: Request) async throws -> Response {
        try await read(req, action: "follow-ups.read") { ["items": try await FollowUpService.list(caseID: $0, on: req.db)] }
    }

    func addFollowUp(req: Request) async throws -> Response {
        try await write(req, action: "follow-up.create", FollowUpInput.self) { try await FollowUpService.record($0, caseID: $1, user: $2, req: req) }
    }

    func treatments(req: Request) async throws -> Response {
        try await read(req, action: "treatments.read") {
            ["items": try await FollowUpService.treatments(caseID: $0, on: req.db).map(FollowUpService.treatmentView)]
        }
    }

    func addTreatment(req: Request) async throws -> Response {
        try await write(req, action: "treatment.create", TreatmentInput.self) { try await FollowUpService.recordTreatment($0, caseID: $1, user: $2, req: req) }
    }

    func spine(req: Request) async throws -> Response {
        try await read(req, action: "spine.read") { try await SpineHistoryService.history(caseID: $0, on: req.db) }
    }

    // MARK: - Reports

    func departures(req: Request) async throws -> Response {
        let user = try await req.requireUser(.readPatients, action: "report.departures")
        return try await req.auditingFailures(action: "report.departures", user: user) {
            let report = try await TeamReports.departures(try TeamReports.period(req), viewer: user, now: req.now, on: req.db)
            try await req.audit(AuditEvent(action: "report.departures", outcome: AuditOutcome.success, detail: "\(report.from)…\(report.to)"), user: user)
            return try .json(encoding: report)
        }
    }

    func clockReport(req: Request) async throws -> Response {
        let user = try await req.requireUser(.readPatients, action: "report.urgency-clock")
        return try await req.auditingFailures(action: "report.urgency-clock", user: user) {
            let report = try await TeamReports.clock(try TeamReports.period(req), viewer: user, now: req.now, on: req.db)
            try await req.audit(AuditEvent(action: "report.urgency-clock", outcome: AuditOutcome.success, detail: "\(report.from)…\(report.to)"), user: user)
            return try .json(encoding: report)
        }
    }
}
