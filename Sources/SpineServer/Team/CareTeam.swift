// Who may see a patient: the care team (members, not open invitations), the attendees of a
// tumour-board meeting the case is on the agenda of, and administrators. Checked on every route
// and page that shows or changes a case; a refusal is audited. Who may change the care team is
// narrower: its members and administrators (seeing a case from a meeting's agenda is read-only).
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

    /// True when `user` may see the case.
    static func canAccess(_ user: AuthenticatedUser, caseID: UUID, on db: any Database) async throws -> Bool {
        if user.role == .admin { return true }
        let sql = db as! any SQLDatabase
        let row = try await sql.raw("""
            \(membership(user, caseID))
            UNION ALL
            SELECT 1 AS ok FROM \(ident: AgendaItemModel.schema) a
              JOIN \(ident: MeetingAttendeeModel.schema) m ON m.meeting_id = a.meeting_id
              WHERE a.case_id = \(bind: caseID) AND m.user_id = \(bind: user.id)
            """).first()
        return row != nil
    }

    /// True when `user` may change who is on the case's care team (add a person, invite a role,
    /// remove an entry): a member, or an administrator (who manages care teams). Attending a meeting
    /// the case is on does not count: that access is read-only and comes with the agenda, whereas a
    /// membership an attendee gave themselves would be theirs to keep and to pass on.
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

    /// The audit actions that change the care team (`team.update`: add, invite, remove; the API and
    /// the pages alike). `requireCaseAccess` holds them to `canChangeTeam`, so no route or page that
    /// changes the team can forget the stricter rule. Accepting an invitation (`team.join`) is not
    /// one of them: there the invitation for the user's role is the permission.
    static let teamChangeActions: Set<String> = ["team.update"]

    /// The SQL condition "case `column` is visible to `user`" for list queries (nil: no restriction).
    /// Correlated EXISTS probes, so that a list walks its own sort index and stops at the page's
    /// end (an IN-list made SQLite collect and sort every visible case first).
    static func visibleCondition(_ user: AuthenticatedUser, caseColumn: String) -> SQLQueryString? {
        if user.role == .admin { return nil }
        return """
            (EXISTS (SELECT 1 FROM \(ident: CareTeamMemberModel.schema) ctm
                     WHERE ctm.case_id = \(unsafeRaw: caseColumn) AND ctm.user_id = \(bind: user.id) AND ctm.status = \(literal: member))
             OR EXISTS (SELECT 1 FROM \(ident: AgendaItemModel.schema) vai
                        JOIN \(ident: MeetingAttendeeModel.schema) vma ON vma.meeting_id = vai.meeting_id
                        WHERE vai.case_id = \(unsafeRaw: caseColumn) AND vma.user_id = \(bind: user.id)))
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
    /// For an action that changes the care team (`CareTeam.teamChangeActions`), the user must be a
    /// member (or an administrator): see `requireTeamChange`.
    func requireCaseAccess(_ user: AuthenticatedUser, rawID: String, action: String) async throws -> (CaseModel, PatientModel) {
        if CareTeam.teamChangeActions.contains(action) { return try await requireTeamChange(user, rawID: rawID, action: action) }
        let (head, patient) = try await CaseQueries.head(rawID, on: db)
        let caseID = try head.requireID()
        guard try await CareTeam.canAccess(user, caseID: caseID, on: db) else {
            throw try await refuseCaseAccess(user, record: patient.recordNumber, caseID: caseID.uuidString, action: action)
        }
        return (head, patient)
    }

    /// The case head and patient, once the user is known to be allowed to change the case's care
    /// team: a member or an administrator. 404 for an unknown case; 403 (audited, with the patient's
    /// record) otherwise — the usual refusal for someone who may not see the case, and a refusal
    /// that says why for an attendee of a meeting the case is on (who may read it, not join it).
    func requireTeamChange(_ user: AuthenticatedUser, rawID: String, action: String) async throws -> (CaseModel, PatientModel) {
        let (head, patient) = try await CaseQueries.head(rawID, on: db)
        let caseID = try head.requireID()
        guard try await CareTeam.canChangeTeam(user, caseID: caseID, on: db) else {
            guard try await CareTeam.canAccess(user, caseID: caseID, on: db) else {
                throw try await refuseCaseAccess(user, record: patient.recordNumber, caseID: caseID.uuidString, action: action)
            }
            try await audit(AuditEvent(action: action, patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                       outcome: AuditOutcome.denied, detail: "not a care-team member (sees the case from a tumour board's agenda)"),
                            user: user)
            throw Problem(status: .forbidden, type: Problem.kind("not-on-care-team"), title: "Not on this patient's care team",
                          detail: "only the care team's members and administrators change the care team; seeing the case from a tumour board's agenda is read-only: ask a member to add you, or accept an invitation for your role",
                          audited: true)
        }
        return (head, patient)
    }

    /// Audits a refusal by the care-team rule (with the patient's record) and returns the 403 to throw.
    func refuseCaseAccess(_ user: AuthenticatedUser, record: String, caseID: String, action: String) async throws -> Problem {
        try await audit(AuditEvent(action: action, patientRecord: record, caseID: caseID,
                                   outcome: AuditOutcome.denied, detail: "not on the care team"), user: user)
        return Problem(status: .forbidden, type: Problem.kind("not-on-care-team"), title: "Not on this patient's care team",
                       detail: "only the patient's care team, the attendees of a tumour board the case is scheduled at, and administrators may see this case; ask a team member to add you, or accept an invitation for your role",
                       audited: true)
    }
}
