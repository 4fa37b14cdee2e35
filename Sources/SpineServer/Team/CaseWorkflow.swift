// What happens in the team when a case version is stored: the author joins the care team, the
// assessment's referrals become invitations by role, and a red flag starts the urgency clock (its
// deadlines become tasks, due from the moment the flag was recorded). Runs inside the same
// serialised transaction as the version itself.
import Fluent
import Foundation
import SQLKit
import SpineCore
import Vapor

enum CaseWorkflow {
    /// Call after a new version is written. `previous` is the urgency the case had before (nil for a
    /// new case); `neurologyWorse` what the version records as worse than the one before, which
    /// restarts the clock of a case that was already an emergency (R0 applies at any time).
    static func afterNewVersion(caseID: UUID, version: Int, assessment: Assessment, previous: UrgencyLevel?,
                                neurologyWorse: [String] = [], author: AuthenticatedUser, at now: Date, on db: any Database) async throws {
        if version == 1 {
            try await CareTeam.addMember(caseID: caseID, userID: author.id, username: author.username, role: author.role.rawValue,
                                         reason: "created the case", addedBy: author.username, at: now, on: db)
        }
        try await follow(assessment, caseID: caseID, previous: previous, source: "assessment of version \(version)",
                         clockReason: neurologyWorse.isEmpty ? "from case version \(version)"
                            : "from case version \(version): \(neurologyWorse.joined(separator: "; "))",
                         restartClock: !neurologyWorse.isEmpty, at: now, on: db)
    }

    /// What a new assessment of a case sets going, whether it comes from a new version or from the
    /// same version re-assessed under new rules: referrals become invitations by role, a red flag
    /// brings in the MSCC coordinator, and a more urgent level starts the clock.
    static func follow(_ assessment: Assessment, caseID: UUID, previous: UrgencyLevel?, source: String, clockReason: String,
                       restartClock: Bool = false, at now: Date, on db: any Database) async throws {
        var invitations: [(role: Role, reason: String)] = assessment.referralDetails.compactMap { referral in
            CareTeam.role(for: referral.code).map { ($0, "referral: \(referral.code.rawValue) — \(referral.reasons.joined(separator: "; "))") }
        }
        let level = assessment.urgency.level
        if level != .routine {
            invitations.append((.nurseNavigator, "MSCC coordinator: the case is \(level.rawValue) (NICE NG234)"))
        }
        // One read of the roles the team has (members or invited), rather than one per referral: a
        // role already there is not invited again (as `CareTeam.invite`).
        var present = Set(try await CareTeamMemberModel.query(on: db).filter(\.$caseID == caseID).all().map(\.role))
        for (role, reason) in invitations where present.insert(role.rawValue).inserted {
            try await CareTeam.invitation(caseID: caseID, role: role, reason: reason, addedBy: "SpineBoard (\(source))", at: now).create(on: db)
        }
        // A more urgent level starts a new clock, as does worse neurology in an emergency; the same
        // or a lower level keeps the running one (its tasks are closed by people, not by a later
        // assessment). Only a clock changes the open tasks, so only then is their count refreshed.
        if level != .routine, level < (previous ?? .routine) || (restartClock && level == .emergency) {
            try await startClock(caseID: caseID, plans: CareTaskPlanner.clockTasks(assessment.urgency),
                                 reason: "\(level.rawValue) \(clockReason)", at: now, on: db)
            try await TaskLedger.refreshCount(caseID: caseID, on: db)
        }
    }

    /// Starts an urgency clock at `now`: open clock tasks of an earlier clock are superseded.
    static func startClock(caseID: UUID, plans: [CareTaskPlan], reason: String, at now: Date, on db: any Database) async throws {
        try await TaskLedger.closeClockTasks(caseID: caseID, as: TaskLedger.cancelled, by: "superseded: new clock (\(reason))", at: now, on: db)
        try await TaskLedger.create(plans, caseID: caseID, origin: "urgency", from: now, clockStartedAt: ISOTimestamp.iso8601(now), on: db)
    }
}

/// Tasks: creation from plans, completion, and the case head's open-task count.
enum TaskLedger {
    static let open = "open"
    static let done = "done"
    static let cancelled = "cancelled"

    /// Closes the case's open clock tasks (those with `code`, or all) as `status`, by `by`, at `now`.
    static func closeClockTasks(caseID: UUID, code: String? = nil, as status: String, by: String, at now: Date,
                                on db: any Database) async throws {
        var query = TaskModel.query(on: db).filter(\.$caseID == caseID).filter(\.$status == open).filter(\.$isClock == true)
        if let code { query = query.filter(\.$code == code) }
        for task in try await query.all() {
            task.status = status
            task.completedAt = ISOTimestamp.iso8601(now)
            task.completedBy = by
            try await task.update(on: db)
        }
    }

    static func create(_ plans: [CareTaskPlan], caseID: UUID, origin: String, from start: Date, clockStartedAt: String?,
                       on db: any Database) async throws {
        for plan in plans {
            let t = TaskModel()
            t.caseID = caseID
            t.code = plan.code
            t.title = plan.title
            t.role = plan.role
            t.dueAt = ISOTimestamp.iso8601(start.addingTimeInterval(TimeInterval(plan.dueInHours) * 3600))
            t.isClock = plan.isClock
            t.clockStartedAt = plan.isClock ? clockStartedAt : nil
            t.source = plan.source
            t.origin = origin
            t.status = open
            t.createdAt = start
            try await t.create(on: db)
        }
    }

    static func refreshCount(caseID: UUID, on db: any Database) async throws {
        let count = try await TaskModel.query(on: db).filter(\.$caseID == caseID).filter(\.$status == open).count()
        try await CaseModel.query(on: db).filter(\.$id == caseID).set(\.$openTasks, to: count).update()
    }
}
