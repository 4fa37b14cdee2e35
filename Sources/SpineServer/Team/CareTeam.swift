// Who may see a patient: the care team (members, not open invitations), the attendees of a
// tumour-board meeting the case is on the agenda of (until `agendaAccessDays` after the meeting),
// and administrators. Checked on every route and page that shows or changes a case; a refusal is
// audited. Who may share the case is narrower — change its care team, or put it on a meeting's
// agenda (which shows it to that meeting's attendees): its members and administrators. Seeing a
// case from a meeting's agenda is for that meeting, not a right to pass on.
import Fluent
import SQLKit
import SpineCore
import Vapor

enum CareTeam {
    /// In SQL, write it as a literal (`\(literal: member)`), not a bound value: the unique index
    /// care_team_one_membership_idx is partial (`WHERE status = 'member'`), and SQLite can only
    /// use it for a bound value by compiling the statement a second time once the value is bound
    /// (measured: 12–20 % of the CPU of computing a worklist page).
    static let member = "member"
    static let invited = "invited"

    /// The role a referral asks for (social work has no SpineBoard role: it becomes a task).
    static func role(for referral: Referral) -> Role? {
        switch referral {
        case .spineSurgery: .spineSurgeon
        case .radiationOncology: .radiationOncologist
        case .medicalOncology: .medicalOncologist
        case .diagnosticRadiology: .diagnosticRadiologist
        case .interventionalRadiology: .interventionalRadiologist
        case .physiatry: .physiatrist
        case .palliativeCare: .palliativeCare
        case .socialWork: nil
        }
    }

    /// How long after a meeting its attendees still see the cases on its agenda: long enough to
    /// write the reviews and the decision the board agreed; after that the case is the care team's
    /// (SpineBoard's choice: least privilege; a member can add a person who needs to stay).
    static let agendaAccessDays = 14

    /// The earliest meeting start whose agenda still gives its attendees access at `now`, as the
    /// ISO text meetings store (compared as text, as `nextMeeting` compares them).
    static func agendaAccessFrom(_ now: Date) -> String {
        ISOTimestamp.iso8601(now.addingTimeInterval(-Double(agendaAccessDays) * 86_400))
    }

    /// True when `user` may see the case at `now`.
    static func canAccess(_ user: AuthenticatedUser, caseID: UUID, at now: Date, on db: any Database) async throws -> Bool {
        if user.role == .admin { return true }
        let sql = db as! any SQLDatabase
        let row = try await sql.raw("""
            \(membership(user, caseID))
            UNION ALL
            SELECT 1 AS ok WHERE \(throughAgenda(user.id, case: "\(bind: caseID)", at: now))
            """).first()
        return row != nil
    }

    /// The SQL condition "`user` sees case `caseExpression` through the agenda of a meeting they
    /// attend, at `now`" — the one place the agenda's access and its window are written.
    static func throughAgenda(_ user: UUID, case caseExpression: SQLQueryString, at now: Date) -> SQLQueryString {
        """
        EXISTS (SELECT 1 FROM \(ident: AgendaItemModel.schema) ag
                JOIN \(ident: MeetingAttendeeModel.schema) att ON att.meeting_id = ag.meeting_id
                JOIN \(ident: MeetingModel.schema) mtg ON mtg.id = ag.meeting_id
                WHERE ag.case_id = \(caseExpression) AND att.user_id = \(bind: user)
                  AND mtg.starts_at >= \(bind: agendaAccessFrom(now)))
        """
    }

    /// True when `user` may share the case — change who is on its care team (add a person, invite
    /// a role, remove an entry) or put it on a meeting's agenda: a member, or an administrator (who
    /// manages care teams). Attending a meeting the case is on does not count: that access comes
    /// with the agenda and ends with it, whereas a membership an attendee gave themselves, or a
    /// meeting of their own the case was put on, would be theirs to keep and to pass on.
    static func canChangeTeam(_ user: AuthenticatedUser, caseID: UUID, on db: any Database) async throws -> Bool {
        if user.role == .admin { return true }
        return try await (db as! any SQLDatabase).raw(membership(user, caseID)).first() != nil
    }

    /// A row when `user` is a member of the case's care team: the part of `canAccess` that
    /// `canChangeTeam` is.
    private static func membership(_ user: AuthenticatedUser, _ caseID: UUID) -> SQLQueryString {
        """
        SELECT 1 AS ok FROM \(ident: CareTeamMemberModel.schema)
          WHERE case_id = \(bind: caseID) AND user_id = \(bind: user.id) AND status = \(literal: member)
        """
    }

    /// The audit actions that share the case (`team.update`: add, invite, remove; `case.schedule`:
    /// onto a meeting's agenda; the API and the pages alike), each with what the refusal says.
    /// `requireCaseAccess` holds them to `canChangeTeam`, so no route or page that shares the case
    /// can forget the stricter rule. Accepting an invitation (`team.join`) is not one of them: there
    /// the invitation for the user's role is the permission.
    static let sharingActions: [String: String] = [
        "team.update": "only the care team's members and administrators change the care team",
        "case.schedule": "only the care team's members and administrators put the case on a meeting's agenda (its attendees then see the case)",
    ]

    /// The SQL condition "case `column` is visible to `user` at `now`" for list queries (nil: no
    /// restriction). Correlated EXISTS probes, so that a list walks its own sort index and stops at
    /// the page's end (an IN-list made SQLite collect and sort every visible case first).
    static func visibleCondition(_ user: AuthenticatedUser, caseColumn: String, at now: Date) -> SQLQueryString? {
        if user.role == .admin { return nil }
        return """
            (EXISTS (SELECT 1 FROM \(ident: CareTeamMemberModel.schema) ctm
                     WHERE ctm.case_id = \(unsafeRaw: caseColumn) AND ctm.user_id = \(bind: user.id) AND ctm.status = \(literal: member))
             OR \(throughAgenda(user.id, case: "\(unsafeRaw: caseColumn)", at: now)))
            """
    }

    /// Adds a member (or turns an open invitation for their role into membership); no duplicate.
    @discardableResult
    static func addMember(caseID: UUID, userID: UUID, username: String, role: String, reason: String, addedBy: String,
                          at now: Date, on db: any Database) async throws -> CareTeamMemberModel {
        let existing = try await CareTeamMemberModel.query(on: db).filter(\.$caseID == caseID).all()
        if let same = existing.first(where: { $0.userID == userID }) { return same }
        if let invitation = existing.first(where: { $0.status == invited && $0.role == role }) {
            invitation.userID = userID
            invitation.username = username
            invitation.status = member
            try await invitation.update(on: db)
            return invitation
        }
        let m = CareTeamMemberModel()
        m.caseID = caseID
        m.role = role
        m.userID = userID
        m.username = username
        m.status = member
        m.reason = reason
        m.addedBy = addedBy
        m.createdAt = now
        try await m.create(on: db)
        return m
    }

    /// Invites a role unless the team already has a member or an invitation for it.
    static func invite(caseID: UUID, role: Role, reason: String, addedBy: String, at now: Date, on db: any Database) async throws -> Bool {
        let existing = try await CareTeamMemberModel.query(on: db).filter(\.$caseID == caseID).filter(\.$role == role.rawValue).count()
        guard existing == 0 else { return false }
        try await invitation(caseID: caseID, role: role, reason: reason, addedBy: addedBy, at: now).create(on: db)
        return true
    }

    static func invitation(caseID: UUID, role: Role, reason: String, addedBy: String, at now: Date) -> CareTeamMemberModel {
        let m = CareTeamMemberModel()
        m.caseID = caseID
        m.role = role.rawValue
        m.status = invited
        m.reason = reason
        m.addedBy = addedBy
        m.createdAt = now
        return m
    }
}

extension Request {
    /// The case head and patient, once the user is known to be allowed to see them: 404 for an
    /// unknown case, 403 (audited, with the patient's record) for a user outside the care team.
    /// For an action that shares the case (`CareTeam.sharingActions`), the user must be a member
    /// (or an administrator): see `requireSharing`.
    func requireCaseAccess(_ user: AuthenticatedUser, rawID: String, action: String) async throws -> (CaseModel, PatientModel) {
        if CareTeam.sharingActions[action] != nil { return try await requireSharing(user, rawID: rawID, action: action) }
        let (head, patient) = try await CaseQueries.head(rawID, on: db)
        let caseID = try head.requireID()
        guard try await CareTeam.canAccess(user, caseID: caseID, at: now, on: db) else {
            throw try await refuseCaseAccess(user, record: patient.recordNumber, caseID: caseID.uuidString, action: action)
        }
        return (head, patient)
    }

    /// The case head and patient, once the user is known to be allowed to share the case (change its
    /// care team, put it on an agenda): a member or an administrator. 404 for an unknown case; 403
    /// (audited, with the patient's record) otherwise — the usual refusal for someone who may not see
    /// the case, and a refusal that says why for an attendee of a meeting the case is on (who may
    /// read it, not pass it on).
    func requireSharing(_ user: AuthenticatedUser, rawID: String, action: String) async throws -> (CaseModel, PatientModel) {
        let (head, patient) = try await CaseQueries.head(rawID, on: db)
        let caseID = try head.requireID()
        guard try await CareTeam.canChangeTeam(user, caseID: caseID, on: db) else {
            guard try await CareTeam.canAccess(user, caseID: caseID, at: now, on: db) else {
                throw try await refuseCaseAccess(user, record: patient.recordNumber, caseID: caseID.uuidString, action: action)
            }
            try await audit(AuditEvent(action: action, patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                       outcome: AuditOutcome.denied, detail: "not a care-team member (sees the case from a tumour board's agenda)"),
                            user: user)
            throw Problem(status: .forbidden, type: Problem.kind("not-on-care-team"), title: "Not on this patient's care team",
                          detail: "\(CareTeam.sharingActions[action] ?? CareTeam.sharingActions["team.update"]!); seeing the case from a tumour board's agenda is not a right to share it: ask a member to add you, or accept an invitation for your role",
                          audited: true)
        }
        return (head, patient)
    }

    /// Audits a refusal by the care-team rule (with the patient's record) and returns the 403 to throw.
    func refuseCaseAccess(_ user: AuthenticatedUser, record: String, caseID: String, action: String) async throws -> Problem {
        try await audit(AuditEvent(action: action, patientRecord: record, caseID: caseID,
                                   outcome: AuditOutcome.denied, detail: "not on the care team"), user: user)
        return Problem(status: .forbidden, type: Problem.kind("not-on-care-team"), title: "Not on this patient's care team",
                       detail: "only the patient's care team, the attendees of a tumour board the case is on the agenda of (until \(CareTeam.agendaAccessDays) days after the meeting), and administrators may see this case; ask a team member to add you, or accept an invitation for your role",
                       audited: true)
    }
}
