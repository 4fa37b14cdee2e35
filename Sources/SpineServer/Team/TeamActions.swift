// Care-team and scheduling actions shared by the JSON API (TeamController) and the web pages:
// add a person or invite a role, accept an invitation, and read a scheduling target. Each write is
// audited in its own transaction.
import Fluent
import Foundation
import SpineCore
import Vapor

enum TeamActions {
    static let emergencyWarning = "Emergency: do not wait for the meeting. Contact the MSCC coordinator now; the surgical or radiotherapy decision is due within 24 h (NICE NG234)."

    /// Adds a person (`username`) or invites a role (`role`), audited in the same transaction.
    /// `created` is false when the person was already a member (nothing written).
    static func addMember(username: String?, role: String?, reason rawReason: String?, caseID: UUID, patient: PatientModel,
                          user: AuthenticatedUser, req: Request) async throws -> (member: CareTeamMemberModel, created: Bool) {
        // The reason is checked first, so that a request naming an existing member is refused for
        // the same bad reason as any other.
        let reason = (rawReason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count <= 500 else { throw Problem.invalid("reason must be at most 500 characters", path: "reason") }
        try EnteredText.check(["reason": reason])
        if let name = username, role == nil,
           let existing = try await CareTeamMemberModel.query(on: req.db).filter(\.$caseID == caseID).filter(\.$username == name)
            .filter(\.$status == CareTeam.member).first() {
            return (existing, false)
        }
        let now = req.now
        let event = req.stamped(AuditEvent(action: "team.update", patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                           outcome: AuditOutcome.success), user: user)
        switch (username, role) {
        case (let name?, nil):
            guard let added = try await UserModel.query(on: req.db).filter(\.$username == name).first() else {
                throw Problem.invalid("no user \(name.prefix(64))", path: "username")
            }
            guard added.role != Role.admin.rawValue else { throw Problem.invalid("an administrator is not a care-team member", path: "username") }
            let member = try await req.db.serializedWrite { db in
                let m = try await CareTeam.addMember(caseID: caseID, userID: try added.requireID(), username: added.username, role: added.role,
                                                     reason: reason.isEmpty ? "added by \(user.username)" : reason, addedBy: user.username,
                                                     at: now, on: db)
                var e = event
                e.detail = "member \(added.username) (\(added.role))"
                try await AuditChain.append([e], at: now, on: db)
                return m
            }
            return (member, true)
        case (nil, let code?):
            guard let role = Role(rawValue: code), role != .admin else {
                throw Problem.invalid("role must be a clinical role: \(Role.allCases.filter { $0 != .admin }.map(\.rawValue).joined(separator: " | "))", path: "role")
            }
            let created = try await req.db.serializedWrite { db in
                let ok = try await CareTeam.invite(caseID: caseID, role: role, reason: reason.isEmpty ? "invited by \(user.username)" : reason,
                                                   addedBy: user.username, at: now, on: db)
                if ok {
                    var e = event
                    e.detail = "invited role \(role.rawValue)"
                    try await AuditChain.append([e], at: now, on: db)
                }
                return ok
            }
            guard created else {
                throw Problem(status: .conflict, type: Problem.kind("role-on-team"), title: "The role is already on the team",
                              detail: "the care team already has a \(role.rawValue) or an open invitation for one")
            }
            guard let m = try await CareTeamMemberModel.query(on: req.db).filter(\.$caseID == caseID).filter(\.$role == role.rawValue)
                .filter(\.$status == CareTeam.invited).first() else { throw Problem.notFound("the invitation was removed meanwhile") }
            return (m, true)
        case (nil, nil):
            throw Problem.invalid("give username (add a person) or role (invite a role)", path: "username")
        default:
            throw Problem.invalid("give either username (add a person) or role (invite a role), not both", path: "role")
        }
    }

    /// Accepts the open invitation for the user's role. The user is not yet on the team, so the
    /// invitation itself is the permission (403 without one). Call inside `auditingFailures("team.join")`.
    static func join(rawID: String, user: AuthenticatedUser, req: Request) async throws -> (UUID, CareTeamMemberModel) {
        let (head, patient) = try await CaseQueries.head(rawID, on: req.db)
        let caseID = try head.requireID()
        let now = req.now
        let event = req.stamped(AuditEvent(action: "team.join", patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                           outcome: AuditOutcome.success, detail: "accepted the \(user.role.rawValue) invitation"), user: user)
        let member: CareTeamMemberModel? = try await req.db.serializedWrite { db in
            guard try await CareTeamMemberModel.query(on: db).filter(\.$caseID == caseID).filter(\.$role == user.role.rawValue)
                .filter(\.$status == CareTeam.invited).count() > 0 else { return nil }
            let m = try await CareTeam.addMember(caseID: caseID, userID: user.id, username: user.username, role: user.role.rawValue,
                                                 reason: "accepted the invitation", addedBy: user.username, at: now, on: db)
            try await AuditChain.append([event], at: now, on: db)
            return m
        }
        guard let member else {
            throw Problem(status: .forbidden, type: Problem.kind("no-invitation"), title: "No invitation for your role",
                          detail: "the case has no open invitation for a \(user.role.rawValue); ask a care-team member to add you")
        }
        return (caseID, member)
    }

    /// "next", "ad-hoc" or a meeting id, as `POST /api/v1/cases/{id}/schedule` reads it.
    static func target(_ raw: String) throws -> MeetingService.Target {
        switch raw {
        case "next": return .next
        case "ad-hoc": return .adHoc
        default:
            guard let id = UUID(uuidString: raw) else { throw Problem.invalid("meeting must be a meeting id, \"next\" or \"ad-hoc\"", path: "meeting") }
            return .meeting(id)
        }
    }

    /// Removes a member or an open invitation; the last member stays (409). Audited in the same transaction.
    static func remove(_ rawMemberID: String?, caseID: UUID, patient: PatientModel, user: AuthenticatedUser, req: Request) async throws {
        guard let memberID = rawMemberID.flatMap(UUID.init(uuidString:)),
              let m = try await CareTeamMemberModel.find(memberID, on: req.db), m.caseID == caseID else {
            throw Problem.notFound("no such care-team entry on this case")
        }
        let now = req.now
        let event = req.stamped(AuditEvent(action: "team.update", patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                           outcome: AuditOutcome.success, detail: "removed \(m.username ?? "invitation") (\(m.role))"), user: user)
        try await req.db.serializedWrite { db in
            let members = try await CareTeamMemberModel.query(on: db).filter(\.$caseID == caseID).filter(\.$status == CareTeam.member).count()
            if m.status == CareTeam.member && members <= 1 {
                throw Problem(status: .conflict, type: Problem.kind("last-member"), title: "The last member stays",
                              detail: "a case always has at least one care-team member; add the next one first")
            }
            try await m.delete(on: db)
            try await AuditChain.append([event], at: now, on: db)
        }
    }
}
