// Tasks on a case: listing, completing, assigning; and the overdue list that heads every worklist
// (an overdue urgency-clock task is escalated to the coordinator, the nurse navigator).
import Fluent
import Foundation
import SQLKit
import SpineCore
import Vapor

struct TaskView: Content {
    var id: String
    var caseId: String
    var code: String
    var title: String
    var role: String
    var assignee: String?
    var dueAt: String
    var isClock: Bool
    var clockStartedAt: String?
    var source: String
    var origin: String
    var status: String
    var completedAt: String?
    var completedBy: String?
    /// Open and past due.
    var overdue: Bool
    /// Met its deadline (done by `dueAt`); nil while open or when cancelled.
    var metDeadline: Bool?

    init(_ t: TaskModel, now: String) {
        id = t.id?.uuidString ?? ""
        caseId = t.caseID.uuidString
        code = t.code
        title = t.title
        role = t.role
        assignee = t.assigneeUsername
        dueAt = t.dueAt
        isClock = t.isClock
        clockStartedAt = t.clockStartedAt
        source = t.source
        origin = t.origin
        status = t.status
        completedAt = t.completedAt
        completedBy = t.completedBy
        overdue = t.status == TaskLedger.open && t.dueAt < now
        metDeadline = t.status == TaskLedger.done ? (t.completedAt ?? "") <= t.dueAt : nil
    }
}

struct OverdueTask: Content {
    var taskId: String
    var caseId: String
    var patientId: String
    var patientName: String?
    var title: String
    var role: String
    var dueAt: String
    var isClock: Bool
    /// Overdue urgency-clock deadlines go to the coordinator.
    var escalatedTo: String?
}

enum OverdueTasks {
    static func list(for viewer: AuthenticatedUser?, now: Date, on db: any Database, limit: Int = 100) async throws -> [OverdueTask] {
        let sql = db as! any SQLDatabase
        var query: SQLQueryString = """
            SELECT t.id AS id, t.case_id AS case_id, t.title AS title, t.role AS role, t.due_at AS due_at, t.is_clock AS is_clock,
                   p.record_number AS record, p.name AS name
            FROM \(ident: TaskModel.schema) t
            JOIN \(ident: CaseModel.schema) c ON c.id = t.case_id
            JOIN \(ident: PatientModel.schema) p ON p.id = c.patient_id
            WHERE t.status = \(bind: TaskLedger.open) AND t.due_at < \(bind: ISOTimestamp.iso8601(now))
            """
        if let viewer, let visible = CareTeam.visibleCondition(viewer, caseColumn: "t.case_id", at: now) {
            query = query + " AND " + visible
        }
        query = query + " ORDER BY t.due_at, t.id LIMIT \(unsafeRaw: String(limit))"
        return try await sql.raw(query).all().map { row in
            let isClock = try row.decode(column: "is_clock", as: Bool.self)
            return OverdueTask(taskId: try row.decode(column: "id", as: UUID.self).uuidString,
                               caseId: try row.decode(column: "case_id", as: UUID.self).uuidString,
                               patientId: try row.decode(column: "record", as: String.self),
                               patientName: try row.decode(column: "name", as: String?.self),
                               title: try row.decode(column: "title", as: String.self),
                               role: try row.decode(column: "role", as: String.self),
                               dueAt: try row.decode(column: "due_at", as: String.self),
                               isClock: isClock, escalatedTo: isClock ? Role.nurseNavigator.rawValue : nil)
        }
    }

    /// The list as JSON, keys sorted as JSONEncoder.sortedAPI writes them (written directly: a
    /// busy coordinator's worklist carries up to 100 of these on every request).
    static func json(_ list: [OverdueTask]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(2 + list.count * 320)
        for (i, t) in list.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            var o = JSONObjectBuilder(capacity: 320)
            o.string("caseId", t.caseId)
            o.string("dueAt", t.dueAt)
            if let e = t.escalatedTo { o.string("escalatedTo", e) }
            o.bool("isClock", t.isClock)
            o.string("patientId", t.patientId)
            if let n = t.patientName { o.string("patientName", n) }
            o.string("role", t.role)
            o.string("taskId", t.taskId)
            o.string("title", t.title)
            out += o.finished()
        }
        out.append(UInt8(ascii: "]"))
        return out
    }
}

extension JSONEncoder {
    /// Sorted keys, no escaped slashes: the API's JSON style.
    static var sortedAPI: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }
}

enum TaskService {
    static func tasks(of caseID: UUID, on db: any Database) async throws -> [TaskModel] {
        try await TaskModel.query(on: db).filter(\.$caseID == caseID).sort(\.$dueAt).sort(\.$createdAt).all()
    }

    enum Change: Sendable {
        case complete
        case cancel(reason: String)
        case assign(username: String)
    }

    /// Completes, cancels or assigns a task on a case the user may see; audited in the same transaction.
    static func change(_ rawTaskID: String, _ change: Change, user: AuthenticatedUser, req: Request) async throws -> TaskModel {
        guard let taskID = UUID(uuidString: rawTaskID),
              let task = try await TaskModel.find(taskID, on: req.db) else { throw Problem.notFound("no task \(rawTaskID)") }
        let (_, patient) = try await req.requireCaseAccess(user, rawID: task.caseID.uuidString, action: "task.update")
        var assignee: UserModel?
        if case .assign(let username) = change {
            guard let found = try await UserModel.query(on: req.db).filter(\.$username == username).first() else {
                throw Problem.invalid("no user \(username.prefix(64))", path: "username")
            }
            // A task goes to someone who can see the patient: a clinician on the care team (or at its board).
            let person = AuthenticatedUser(id: try found.requireID(), username: found.username, role: Role(rawValue: found.role) ?? .admin, tokenHash: "")
            guard person.role != .admin, try await CareTeam.canAccess(person, caseID: task.caseID, at: req.now, on: req.db) else {
                throw Problem.invalid("\(found.username) is not on this patient's care team; add them to the team first", path: "username")
            }
            assignee = found
        }
        let assigned = assignee?.username
        let now = req.now
        let stamp = req.stamped(AuditEvent(action: "task.update", patientRecord: patient.recordNumber, caseID: task.caseID.uuidString,
                                           outcome: AuditOutcome.success), user: user)
        return try await req.db.serializedWrite { db in
            guard let t = try await TaskModel.find(taskID, on: db) else { throw Problem.notFound("no task \(rawTaskID)") }
            var detail: String
            switch change {
            case .complete, .cancel:
                guard t.status == TaskLedger.open else {
                    throw Problem(status: .conflict, type: Problem.kind("task-closed"), title: "The task is already closed",
                                  detail: "task \(rawTaskID) is \(t.status)")
                }
                if case .cancel(let reason) = change {
                    t.status = TaskLedger.cancelled
                    t.completedBy = "\(user.username): \(reason)"
                    detail = "cancelled \(t.code)"
                } else {
                    t.status = TaskLedger.done
                    t.completedBy = user.username
                    detail = "completed \(t.code)\(ISOTimestamp.iso8601(now) <= t.dueAt ? " on time" : " late")"
                }
                t.completedAt = ISOTimestamp.iso8601(now)
            case .assign:
                guard t.status == TaskLedger.open else {
                    throw Problem(status: .conflict, type: Problem.kind("task-closed"), title: "The task is already closed",
                                  detail: "task \(rawTaskID) is \(t.status)")
                }
                t.assigneeUsername = assigned
                detail = "assigned \(t.code) to \(assigned ?? "")"
            }
            try await t.update(on: db)
            try await TaskLedger.refreshCount(caseID: t.caseID, on: db)
            var event = stamp
            event.detail = detail
            try await AuditChain.append([event], at: now, on: db)
            return t
        }
    }
}
