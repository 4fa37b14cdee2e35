// Tumour-board meetings: date, chair, attendees by role, and an agenda of cases. Emergencies can be
// put on an agenda but are flagged: they are not to wait for a meeting (NICE NG234: definitive
// decision within 24 h). Attendees see the cases on their meeting's agenda (until
// `CareTeam.agendaAccessDays` after it), so only the case's care team puts it on one, and "next"
// only ever means a meeting that one of its members chairs.
import Fluent
import Foundation
import SQLKit
import SpineCore
import Vapor

struct MeetingInput: Content {
    var title: String
    var startsAt: String
    var attendees: [String]?
}

struct MeetingSummary: Content {
    var id: String
    var title: String
    var startsAt: String
    var kind: String
    var status: String
    var chair: String
    var cases: Int
    var attendees: Int
}

struct AgendaEntry: Content {
    var id: String
    var position: Int
    var caseId: String
    var patientId: String
    var patientName: String?
    var urgency: String
    var urgencyNow: String
    var status: String
    /// Emergencies do not wait for a meeting.
    var doNotWait: Bool
    var addedBy: String
}

struct MeetingDetail: Content {
    struct Attendee: Content {
        var username: String
        var role: String
    }
    var id: String
    var title: String
    var startsAt: String
    var kind: String
    var status: String
    var chair: String
    var attendees: [Attendee]
    var rolesMissing: [String]
    var agenda: [AgendaEntry]
    var disclaimer: String
}

enum MeetingService {
    static let coreRoles: [Role] = [.spineSurgeon, .radiationOncologist, .medicalOncologist, .diagnosticRadiologist]

    /// How far from the server's clock a meeting may start: a year back (a board recorded after it
    /// took place) and two years ahead (boards are planned weeks or months ahead; next year's series
    /// fits). Relative to the clock rather than fixed years, so that a mistyped year (2062 for
    /// 2026, 0026) is refused now and in ten years alike.
    static let yearsBack = 1
    static let yearsAhead = 2

    /// Parses `2026-12-01T16:00:00Z` (or with an offset, or with fractional seconds) into the stored
    /// UTC form. Strict: the date and time must exist as written. A lenient parser turned
    /// 2026-02-30 into 2026-03-02, so the instant is turned back into the calendar in the given
    /// offset and must give the same fields (the round trip); then it must lie within `yearsBack`
    /// before and `yearsAhead` after `now`.
    static func timestamp(_ text: String, path: String, now: Date) throws -> (Date, String) {
        let shown = text.prefix(40)
        guard text.count <= 40,
              let m = text.wholeMatch(of: /([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?([Zz]|[+-][0-9]{2}:?[0-9]{2})/) else {
            throw Problem.invalid("\(path) must be an ISO 8601 date and time with a zone, e.g. 2026-12-01T16:00:00Z (got \"\(shown)\")",
                                  path: path)
        }
        let fields = [m.1, m.2, m.3, m.4, m.5, m.6].map { Int($0) ?? -1 }
        let (year, month, day, hour, minute, second) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5])
        var offset = 0
        if m.8 != "Z" && m.8 != "z" {
            let digits = String(m.8.dropFirst().filter(\.isNumber))  // "+05:30" → "0530"
            let hours = Int(digits.prefix(2)) ?? 99, minutes = Int(digits.suffix(2)) ?? 99
            guard minutes < 60, hours * 60 + minutes <= 18 * 60 else {
                throw Problem.invalid("\(path) has a zone offset that does not exist (got \"\(shown)\")", path: path)
            }
            offset = (hours * 3600 + minutes * 60) * (m.8.hasPrefix("-") ? -1 : 1)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset) ?? calendar.timeZone
        let written = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        let units: Set<Calendar.Component> = [.year, .month, .day, .hour, .minute, .second]
        let impossible = Problem.invalid("\(path) is not a date and time that exists (got \"\(shown)\"); check the day of the month and the time",
                                         path: path)
        guard let whole = calendar.date(from: written) else { throw impossible }
        let back = calendar.dateComponents(units, from: whole)
        guard back.year == year, back.month == month, back.day == day, back.hour == hour, back.minute == minute, back.second == second else {
            throw impossible
        }
        let date = whole.addingTimeInterval(m.7.flatMap { Double("0.\($0)") } ?? 0)
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC") ?? utc.timeZone
        let earliest = utc.date(byAdding: .year, value: -yearsBack, to: now) ?? now
        let latest = utc.date(byAdding: .year, value: yearsAhead, to: now) ?? now
        guard date >= earliest, date <= latest else {
            throw Problem.invalid("\(path) must be from \(ISOTimestamp.iso8601(earliest).prefix(10)) to \(ISOTimestamp.iso8601(latest).prefix(10)) (at most \(yearsBack) year before and \(yearsAhead) years after today); check the year (got \"\(shown)\")",
                                  path: path)
        }
        return (date, ISOTimestamp.iso8601(date))
    }

    static func users(_ usernames: [String], path: String, on db: any Database) async throws -> [UserModel] {
        guard usernames.count <= 50 else { throw Problem.invalid("\(path) lists more than 50 people", path: path) }
        var found: [UserModel] = []
        for (i, name) in usernames.enumerated() {
            guard let u = try await UserModel.query(on: db).filter(\.$username == name).first() else {
                throw Problem.invalid("no user \"\(name.prefix(64))\"", path: "\(path)[\(i)]")
            }
            if !found.contains(where: { $0.id == u.id }) { found.append(u) }
        }
        return found
    }

    /// Creates a meeting chaired by `user`, who attends it.
    static func create(_ input: MeetingInput, kind: String, user: AuthenticatedUser, at now: Date,
                       on db: any Database) async throws -> MeetingModel {
        try EnteredText.check(input)
        let title = input.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(title.count) else { throw Problem.invalid("title must be 1–200 characters", path: "title") }
        let (_, startsAt) = try timestamp(input.startsAt, path: "startsAt", now: now)
        let attendees = try await users(input.attendees ?? [], path: "attendees", on: db)
        if let i = attendees.firstIndex(where: { $0.role == Role.admin.rawValue }) {
            throw Problem.invalid("an administrator does not attend tumour boards", path: "attendees[\(i)]")
        }
        return try await db.serializedWrite { tx in
            let m = MeetingModel()
            m.title = title
            m.startsAt = startsAt
            m.kind = kind
            m.status = "planned"
            m.chairID = user.id
            m.chairUsername = user.username
            m.createdAt = now
            try await m.create(on: tx)
            let meetingID = try m.requireID()
            try await addAttendee(meetingID, id: user.id, username: user.username, role: user.role.rawValue, on: tx)
            for a in attendees { try await addAttendee(meetingID, id: try a.requireID(), username: a.username, role: a.role, on: tx) }
            return m
        }
    }

    static func addAttendee(_ meetingID: UUID, id: UUID, username: String, role: String, on db: any Database) async throws {
        let exists = try await MeetingAttendeeModel.query(on: db).filter(\.$meetingID == meetingID).filter(\.$userID == id).count() > 0
        guard !exists else { return }
        let a = MeetingAttendeeModel()
        a.meetingID = meetingID
        a.userID = id
        a.username = username
        a.role = role
        try await a.create(on: db)
    }

    static func find(_ rawID: String, on db: any Database) async throws -> MeetingModel {
        guard let id = UUID(uuidString: rawID), let m = try await MeetingModel.find(id, on: db) else {
            throw Problem.notFound("no meeting \(rawID.prefix(64))")
        }
        return m
    }

    static func isAttendee(_ user: AuthenticatedUser, _ meetingID: UUID, on db: any Database) async throws -> Bool {
        try await MeetingAttendeeModel.query(on: db).filter(\.$meetingID == meetingID).filter(\.$userID == user.id).count() > 0
    }

    /// A meeting whose agenda (patients) `user` may read: attendees and administrators (403 otherwise).
    static func readable(_ rawID: String, by user: AuthenticatedUser, on db: any Database) async throws -> MeetingModel {
        let m = try await find(rawID, on: db)
        let attends = try await isAttendee(user, try m.requireID(), on: db)
        guard user.role == .admin || attends else {
            throw Problem.forbidden("only the meeting's attendees see its agenda; ask the chair (\(m.chairUsername)) to add you")
        }
        return m
    }

    /// The chair invites an attendee (who then sees every case on the agenda); audited.
    static func invite(_ username: String, to m: MeetingModel, by user: AuthenticatedUser, req: Request) async throws {
        guard m.chairID == user.id else { throw Problem.forbidden("only the meeting's chair (\(m.chairUsername)) adds attendees") }
        let added = try await users([username.trimmingCharacters(in: .whitespaces)], path: "username", on: req.db)[0]
        guard added.role != Role.admin.rawValue else { throw Problem.invalid("an administrator does not attend tumour boards", path: "username") }
        let id = try m.requireID()
        try await addAttendee(id, id: try added.requireID(), username: added.username, role: added.role, on: req.db)
        try await req.audit(AuditEvent(action: "meeting.update", outcome: AuditOutcome.success, detail: "meeting \(id): attendee \(added.username)"), user: user)
    }

    /// Upcoming and recent meetings (no patient data: titles, dates and counts).
    static func list(now: Date, on db: any Database) async throws -> [MeetingSummary] {
        let since = ISOTimestamp.iso8601(now.addingTimeInterval(-30 * 86_400))
        let meetings = try await MeetingModel.query(on: db).filter(\.$startsAt >= since).sort(\.$startsAt).limit(200).all()
        var out: [MeetingSummary] = []
        for m in meetings {
            let id = try m.requireID()
            out.append(MeetingSummary(
                id: id.uuidString, title: m.title, startsAt: m.startsAt, kind: m.kind, status: m.status, chair: m.chairUsername,
                cases: try await AgendaItemModel.query(on: db).filter(\.$meetingID == id).count(),
                attendees: try await MeetingAttendeeModel.query(on: db).filter(\.$meetingID == id).count()))
        }
        return out
    }

    static func detail(_ m: MeetingModel, on db: any Database) async throws -> MeetingDetail {
        let id = try m.requireID()
        let attendees = try await MeetingAttendeeModel.query(on: db).filter(\.$meetingID == id).sort(\.$username).all()
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT a.id AS id, a.position AS position, a.case_id AS case_id, a.urgency AS urgency, a.status AS status,
                   a.added_by AS added_by, c.urgency AS urgency_now, p.record_number AS record, p.name AS name
            FROM \(ident: AgendaItemModel.schema) a
            JOIN \(ident: CaseModel.schema) c ON c.id = a.case_id
            JOIN \(ident: PatientModel.schema) p ON p.id = c.patient_id
            WHERE a.meeting_id = \(bind: id)
            ORDER BY a.position
            """).all()
        let agenda = try rows.map { r in
            let now = try r.decode(column: "urgency_now", as: String.self)
            return AgendaEntry(id: try r.decode(column: "id", as: UUID.self).uuidString, position: try r.decode(column: "position", as: Int.self),
                               caseId: try r.decode(column: "case_id", as: UUID.self).uuidString,
                               patientId: try r.decode(column: "record", as: String.self),
                               patientName: try r.decode(column: "name", as: String?.self),
                               urgency: try r.decode(column: "urgency", as: String.self), urgencyNow: now,
                               status: try r.decode(column: "status", as: String.self), doNotWait: now == "emergency",
                               addedBy: try r.decode(column: "added_by", as: String.self))
        }
        let present = Set(attendees.map(\.role))
        return MeetingDetail(id: id.uuidString, title: m.title, startsAt: m.startsAt, kind: m.kind, status: m.status, chair: m.chairUsername,
                             attendees: attendees.map { .init(username: $0.username, role: $0.role) },
                             rolesMissing: coreRoles.map(\.rawValue).filter { !present.contains($0) },
                             agenda: agenda, disclaimer: Rules.disclaimer)
    }

    enum Target: Sendable { case meeting(UUID), next, adHoc }

    /// The meeting "next" means for a case: the soonest planned meeting from `now` on that a member
    /// of the case's care team created (chairs). Any clinician may create a meeting, and every
    /// attendee sees the cases on its agenda: were "next" the soonest meeting of anyone's, an
    /// outsider could create an earlier one and capture every case scheduled to "next". Attending
    /// does not count either: the chair lists the attendees, without their consent, so an outsider
    /// could list a member on a trap meeting. A member picks any other meeting by its id.
    static func nextMeeting(for caseID: UUID, from now: Date, on db: any Database) async throws -> MeetingModel? {
        let sql = db as! any SQLDatabase
        let row = try await sql.raw("""
            SELECT m.id AS id FROM \(ident: MeetingModel.schema) m
            WHERE m.status = \(bind: "planned") AND m.starts_at >= \(bind: ISOTimestamp.iso8601(now))
              AND EXISTS (SELECT 1 FROM \(ident: CareTeamMemberModel.schema) ch
                          WHERE ch.case_id = \(bind: caseID) AND ch.user_id = m.chair_id AND ch.status = \(literal: CareTeam.member))
            ORDER BY m.starts_at, m.id
            LIMIT 1
            """).first()
        guard let row else { return nil }
        return try await MeetingModel.find(try row.decode(column: "id", as: UUID.self), on: db)
    }

    /// The soonest planned meeting that can still take cases (see `schedule`) with the case waiting
    /// (pending) on its agenda; nil when there is none.
    static func waitingMeeting(for caseID: UUID, at now: Date, on db: any Database) async throws -> MeetingModel? {
        let earliest = ISOTimestamp.iso8601(now.addingTimeInterval(-86_400))
        var soonest: MeetingModel?
        for item in try await AgendaItemModel.query(on: db).filter(\.$caseID == caseID).filter(\.$status == "pending").all() {
            guard let m = try await MeetingModel.find(item.meetingID, on: db), m.status == "planned", m.startsAt >= earliest else { continue }
            if soonest.map({ m.startsAt < $0.startsAt }) ?? true { soonest = m }
        }
        return soonest
    }

    /// The conflict "the case is already on that meeting's agenda" (409), naming the meeting.
    static func alreadyOnAgenda(_ meeting: MeetingModel) -> Problem {
        Problem(status: .conflict, type: Problem.kind("already-on-agenda"), title: "Already on the agenda",
                detail: "the case is already on the agenda of \(meeting.title) (\(meeting.startsAt); meeting \(meeting.id?.uuidString ?? "?"))")
    }

    /// Puts a case on a meeting's agenda: a given meeting, the next planned one of the case's care
    /// team (`nextMeeting`), or a new ad-hoc meeting now (chaired by `user`, with the case's care team
    /// attending) unless the case is already waiting on a meeting (409; see the `.adHoc` case).
    static func schedule(caseID: UUID, urgency: String, target: Target, user: AuthenticatedUser, event: AuditEvent, at now: Date,
                         on db: any Database) async throws -> (MeetingModel, AgendaItemModel) {
        try await db.serializedWrite { tx in
            let meeting: MeetingModel
            switch target {
            case .meeting(let id):
                guard let m = try await MeetingModel.find(id, on: tx) else { throw Problem.invalid("no meeting \(id)", path: "meeting") }
                meeting = m
            case .next:
                guard let m = try await nextMeeting(for: caseID, from: now, on: tx) else {
                    throw Problem.invalid("no planned meeting that a member of this case's care team chairs is coming up: create one, choose a meeting, or use \"ad-hoc\"",
                                          path: "meeting")
                }
                meeting = m
            case .adHoc:
                // Asked twice, "ad-hoc" made two meetings with the case on both agendas. A case
                // already waiting on a meeting that can still take it is a conflict naming that
                // meeting; except an emergency whose meeting is more than 24 h away, which is not to
                // wait for it (NICE NG234): that is what the ad-hoc meeting is for.
                if let waiting = try await waitingMeeting(for: caseID, at: now, on: tx),
                   !(urgency == UrgencyLevel.emergency.rawValue && waiting.startsAt > ISOTimestamp.iso8601(now.addingTimeInterval(86_400))) {
                    throw alreadyOnAgenda(waiting)
                }
                let m = MeetingModel()
                m.title = "Ad-hoc tumour board"
                m.startsAt = ISOTimestamp.iso8601(now)
                m.kind = "ad-hoc"
                m.status = "planned"
                m.chairID = user.id
                m.chairUsername = user.username
                m.createdAt = now
                try await m.create(on: tx)
                let members = try await CareTeamMemberModel.query(on: tx).filter(\.$caseID == caseID).filter(\.$status == CareTeam.member).all()
                try await addAttendee(try m.requireID(), id: user.id, username: user.username, role: user.role.rawValue, on: tx)
                for member in members {
                    if let uid = member.userID, let name = member.username {
                        try await addAttendee(try m.requireID(), id: uid, username: name, role: member.role, on: tx)
                    }
                }
                meeting = m
            }
            guard meeting.status == "planned" else { throw Problem.invalid("the meeting is closed", path: "meeting") }
            // A meeting that took place more than a day ago can no longer take cases.
            guard meeting.startsAt >= ISOTimestamp.iso8601(now.addingTimeInterval(-86_400)) else {
                throw Problem.invalid("the meeting of \(meeting.startsAt) has taken place; choose a coming one, \"next\" or \"ad-hoc\"", path: "meeting")
            }
            let meetingID = try meeting.requireID()
            if try await AgendaItemModel.query(on: tx).filter(\.$meetingID == meetingID).filter(\.$caseID == caseID).count() > 0 {
                throw alreadyOnAgenda(meeting)
            }
            let position = try await AgendaItemModel.query(on: tx).filter(\.$meetingID == meetingID).count() + 1
            let item = AgendaItemModel()
            item.meetingID = meetingID
            item.caseID = caseID
            item.position = position
            item.urgency = urgency
            item.status = "pending"
            item.addedBy = user.username
            item.createdAt = now
            try await item.create(on: tx)
            var e = event
            e.detail = "on the agenda of meeting \(meetingID) (\(meeting.kind), \(meeting.startsAt))\(urgency == "emergency" ? "; emergency: not to wait for the meeting" : "")"
            try await AuditChain.append([e], at: now, on: tx)
            return (meeting, item)
        }
    }
}
