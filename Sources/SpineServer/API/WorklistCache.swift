// Remembered worklist pages. The worklist is the busiest read of the service (every clinician's
// start page, refreshed all day) and its data change far less often than it is read; a page costs
// several queries over every visible case. A remembered page is answered again only while
//   - the database's worklist generation (migration 006: moved by trigger on every write to the
//     tables a page reads) is the one it was computed at — so a write through any process of the
//     service, or straight into the database, retires it; and
//   - no open task has reached its due time since (the overdue list depends on the clock), and no
//     meeting has left the window in which its attendees see its agenda's cases (which changes
//     who sees what: `CareTeam.agendaAccessDays`).
// Nothing here needs to be shared between processes: a process that has not seen a page computes
// it. Each answer is still audited like any other read.
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

final class WorklistCache: Sendable {
    /// Who asks and what: the same page for the same person, role and filters.
    struct Key: Hashable, Sendable {
        var viewer: UUID?
        var role: String?
        var urgency: String?
        var text: String?
        var page: Int
        var perPage: Int

        init(_ q: WorklistQuery) {
            viewer = q.viewer?.id
            role = q.viewer?.role.rawValue
            urgency = q.urgency
            text = q.text
            page = q.page
            perPage = q.perPage
        }
    }

    private struct Entry {
        var generation: Int64
        /// The page is retired when this instant (ISO text, compared as the overdue query compares
        /// due times) is reached: the next open task falls due then.
        var validUntil: String?
        /// The earliest start, within the agenda-access window, of any meeting: the page is retired
        /// once the window's start passes it (its attendees then no longer see its cases).
        var agendaHorizon: String?
        var body: [UInt8]
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var hits = 0
        var misses = 0
    }

    /// At most this many pages are kept (0: the cache is off).
    let capacity: Int
    private let state = NIOLockedValueBox(State())

    /// Where the generation is read on SQLite (see SQLiteReader).
    let reader: SQLiteReader?

    init(capacity: Int, reader: SQLiteReader? = nil) {
        self.capacity = capacity
        self.reader = reader
    }

    var statistics: (hits: Int, misses: Int) { state.withLockedValue { ($0.hits, $0.misses) } }

    /// The page for `query` at `now`: remembered if still current, else computed by `compute` and
    /// remembered.
    func page(_ query: WorklistQuery, now: Date, on db: any Database,
              compute: () async throws -> [UInt8]) async throws -> [UInt8] {
        guard capacity > 0 else { return try await compute() }
        let sql = db as! any SQLDatabase
        let key = Key(query)
        let nowText = ISOTimestamp.iso8601(now)
        // The generation is read before the page: a write that lands in between makes the page newer
        // than its generation, which only retires it sooner.
        let generation = try await currentGeneration(on: sql)
        let hit: [UInt8]? = state.withLockedValue { s in
            guard let e = s.entries[key], e.generation == generation, e.validUntil.map({ nowText < $0 }) ?? true,
                  e.agendaHorizon.map({ CareTeam.agendaAccessFrom(now) <= $0 }) ?? true else {
                s.misses += 1
                return nil
            }
            s.hits += 1
            return e.body
        }
        if let hit { return hit }

        let validUntil = try await nextDue(after: nowText, on: sql)
        let agendaHorizon = try await earliestMeeting(from: CareTeam.agendaAccessFrom(now), on: sql)
        let body = try await compute()
        state.withLockedValue { s in
            if s.entries.count >= capacity {
                s.entries = s.entries.filter { $0.value.generation == generation }
                if s.entries.count >= capacity { s.entries.removeAll(keepingCapacity: true) }
            }
            s.entries[key] = Entry(generation: generation, validUntil: validUntil, agendaHorizon: agendaHorizon, body: body)
        }
        return body
    }

    private func currentGeneration(on sql: any SQLDatabase) async throws -> Int64 {
        let rows = try await sql.plainRows(
            SQLQueryString("SELECT generation FROM \(ident: WorklistGenerationFollowsWrites.table) WHERE id = 1"), reader: reader)
        guard let row = rows.first else { throw Abort(.internalServerError, reason: "worklist generation row missing") }
        return Int64(try row.int("generation"))
    }

    /// The earliest due time, at or after `nowText`, of any open task (visible or not: an earlier
    /// bound only retires a page sooner).
    private func nextDue(after nowText: String, on sql: any SQLDatabase) async throws -> String? {
        let rows = try await sql.plainRows(SQLQueryString("""
            SELECT MIN(due_at) AS next FROM \(ident: TaskModel.schema)
            WHERE status = \(bind: TaskLedger.open) AND due_at >= \(bind: nowText)
            """), reader: reader)
        return try rows.first?.string("next")
    }

    /// The earliest start, at or after `from`, of any meeting (with a case on its agenda or not: an
    /// earlier bound only retires a page sooner).
    private func earliestMeeting(from: String, on sql: any SQLDatabase) async throws -> String? {
        let rows = try await sql.plainRows(SQLQueryString("""
            SELECT MIN(starts_at) AS first FROM \(ident: MeetingModel.schema) WHERE starts_at >= \(bind: from)
            """), reader: reader)
        return try rows.first?.string("first")
    }
}
