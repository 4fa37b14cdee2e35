// Reports for the team: decisions that departed from SpineBoard's top-ranked option (how the rules
// get better), and how often the urgency clock's deadlines were met over a period.
import Fluent
import Foundation
import SQLKit
import SpineCore
import Vapor

struct DepartureReport: Content {
    struct Entry: Content {
        var decisionId: String
        var caseId: String
        var decidedAt: String
        var decidedBy: String
        var rulesVersion: String
        var topRankedOption: String?
        var chosenOption: String
        var reason: String
    }
    var from: String
    var to: String
    var decisions: Int
    var departures: Int
    var share: Double?
    var entries: [Entry]
}

struct ClockReport: Content {
    struct Row: Content {
        var code: String
        var deadlines: Int
        var met: Int
        var late: Int
        var overdue: Int
        var pending: Int
        var cancelled: Int
        /// met ÷ (met + late + overdue): the deadlines that fell due, met in time.
        var shareMet: Double?
    }
    var from: String
    var to: String
    var clocks: Int
    var rows: [Row]
    var citation: String
}

enum TeamReports {
    /// `from`/`to` query dates (YYYY-MM-DD; default the last 90 days to today, `to` inclusive).
    static func period(_ req: Request) throws -> (from: CalendarDate, to: CalendarDate) {
        let today = req.spine.clock.today()
        func date(_ name: String, _ fallback: CalendarDate) throws -> CalendarDate {
            guard let raw: String = req.query[name] else { return fallback }
            guard let d = CalendarDate(iso: raw) else { throw Problem.invalid("\(name) must be a date, YYYY-MM-DD", path: name) }
            // The period ends before the next day, which must still be a four-digit year for the
            // stored timestamps to compare with it.
            guard d <= latest else { throw Problem.invalid("\(name) must be \(latest) or earlier", path: name) }
            return d
        }
        let to = try date("to", today)
        let from = try date("from", to.adding(days: -90))
        guard from <= to else { throw Problem.invalid("from must not be after to", path: "from") }
        return (from, to)
    }

    static let latest = CalendarDate(year: 9998, month: 12, day: 31)!

    static func bounds(_ p: (from: CalendarDate, to: CalendarDate)) -> (String, String) {
        ("\(p.from)T00:00:00.000Z", "\(p.to.adding(days: 1))T00:00:00.000Z")
    }

    static func departures(_ p: (from: CalendarDate, to: CalendarDate), viewer: AuthenticatedUser, now: Date, on db: any Database) async throws -> DepartureReport {
        let (lo, hi) = bounds(p)
        // The period is chosen in the query (decisions are stored with a timestamp, not ISO text).
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var decisions = try await DecisionModel.query(on: db)
            .filter(\.$createdAt >= iso.date(from: lo)!).filter(\.$createdAt < iso.date(from: hi)!)
            .sort(\.$createdAt).all()
        var visible: [UUID: Bool] = [:]
        var kept: [DecisionModel] = []
        for d in decisions {
            if visible[d.caseID] == nil { visible[d.caseID] = try await CareTeam.canAccess(viewer, caseID: d.caseID, at: now, on: db) }
            if visible[d.caseID] == true { kept.append(d) }
        }
        decisions = kept
        let entries = try decisions.filter(\.departs).map {
            DepartureReport.Entry(decisionId: try $0.requireID().uuidString, caseId: $0.caseID.uuidString, decidedAt: ISOTimestamp.iso8601($0.createdAt),
                                  decidedBy: $0.decidedBy, rulesVersion: $0.rulesVersion, topRankedOption: $0.topOption,
                                  chosenOption: $0.chosenOption, reason: $0.departureReason ?? "")
        }
        return DepartureReport(from: p.from.description, to: p.to.description, decisions: decisions.count, departures: entries.count,
                               share: decisions.isEmpty ? nil : Double(entries.count) / Double(decisions.count), entries: entries)
    }

    static func clock(_ p: (from: CalendarDate, to: CalendarDate), viewer: AuthenticatedUser, now: Date, on db: any Database) async throws -> ClockReport {
        let (lo, hi) = bounds(p)
        let sql = db as! any SQLDatabase
        var query: SQLQueryString = """
            SELECT t.code AS code, t.status AS status, t.due_at AS due_at, t.completed_at AS completed_at,
                   t.case_id AS case_id, t.clock_started_at AS started
            FROM \(ident: TaskModel.schema) t
            WHERE t.is_clock = \(bind: true) AND t.clock_started_at >= \(bind: lo) AND t.clock_started_at < \(bind: hi)
            """
        if let visible = CareTeam.visibleCondition(viewer, caseColumn: "t.case_id", at: now) { query = query + " AND " + visible }
        let rows = try await sql.raw(query).all()
        let nowText = ISOTimestamp.iso8601(now)
        var byCode: [String: ClockReport.Row] = [:]
        var clocks = Set<String>()
        for r in rows {
            let code = try r.decode(column: "code", as: String.self)
            let status = try r.decode(column: "status", as: String.self)
            let due = try r.decode(column: "due_at", as: String.self)
            let completed = try r.decode(column: "completed_at", as: String?.self)
            clocks.insert("\(try r.decode(column: "case_id", as: UUID.self)) \(try r.decode(column: "started", as: String?.self) ?? "")")
            var row = byCode[code] ?? .init(code: code, deadlines: 0, met: 0, late: 0, overdue: 0, pending: 0, cancelled: 0, shareMet: nil)
            row.deadlines += 1
            switch status {
            case TaskLedger.done: if (completed ?? "") <= due { row.met += 1 } else { row.late += 1 }
            case TaskLedger.cancelled: row.cancelled += 1
            default: if due < nowText { row.overdue += 1 } else { row.pending += 1 }
            }
            byCode[code] = row
        }
        let rowsOut = byCode.values.sorted { $0.code < $1.code }.map { r -> ClockReport.Row in
            var r = r
            let fell = r.met + r.late + r.overdue
            r.shareMet = fell == 0 ? nil : Double(r.met) / Double(fell)
            return r
        }
        return ClockReport(from: p.from.description, to: p.to.description, clocks: clocks.count, rows: rowsOut,
                           citation: "Deadlines of NICE NG234 (2023) and QS56 (2023), from the moment the red flag was recorded; \"immediately\" is tracked as within 1 hour")
    }
}
