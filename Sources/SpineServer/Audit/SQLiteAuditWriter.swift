// Audit events written on their own (every read of patient data writes one), on SQLite: a thread
// of its own appends them through one connection with its statements prepared once, a batch per
// transaction, and answers each request once its event is committed (no read is ever answered
// unaudited).
// Measured before: the audit commit was most of the latency of an audited read — at ~800 reads/s,
// p50 2.0 ms and p99 9–10 ms with the wait, 1.3 ms and 3 ms without it — because each batch went
// through an actor, a task, the write queue and sqlite-nio's thread pool, parsed a multi-row
// INSERT anew, and waited for SQLite's automatic checkpoint inside its commit (with the rest of
// the path made fast, the checkpoint alone still took p99 from 3 ms to 7–14 ms). Here another
// thread checkpoints beside the writer.
// Correctness does not depend on this process: the head is read inside `BEGIN IMMEDIATE`, which
// holds the database's write lock against every other writer, in this process or any other.
import Foundation
import Vapor
import VaporCSQLite

final class SQLiteAuditWriter: @unchecked Sendable {
    private struct Waiter {
        var events: [AuditEvent]
        var occurredAt: String
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let path: String
    private let thread = WorkerThread(name: "spineboard-audit-writer")
    private var condition: NSCondition { thread.condition }
    /// Guarded by `condition`.
    private var pending: [Waiter] = []
    private let checkpointer: Checkpointer
    /// Events per transaction at most, so one transaction stays short.
    static let maxBatch = 256
    /// SQLite's own default: checkpoint once the log holds this many pages.
    static let checkpointFrames: Int32 = 1000
    /// Should the checkpointer fall this far behind (the log is only restarted once it is all
    /// copied), the writer checkpoints itself, as SQLite's automatic checkpoint would.
    static let inlineCheckpointFrames: Int32 = 10 * checkpointFrames

    init(path: String) {
        self.path = path
        checkpointer = Checkpointer(path: path)
    }

    /// Appends `events` (stamped `at`) and returns once they are committed.
    func record(_ events: [AuditEvent], at: Date) async throws {
        guard !events.isEmpty else { return }
        let occurredAt = ISOTimestamp.iso8601(at)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            condition.lock()
            guard !thread.stopping else {
                condition.unlock()
                continuation.resume(throwing: SQLiteAuditWriterError(message: "the server is stopping"))
                return
            }
            pending.append(Waiter(events: events, occurredAt: occurredAt, continuation: continuation))
            // Started at the first event, after the migrations have created the tables.
            thread.startIfNeeded { [self] in run() }
            condition.signal()
            condition.unlock()
        }
    }

    /// Writes what is pending, then stops the thread (at shutdown).
    func stop() {
        thread.stop()
        checkpointer.stop()
    }

    private func run() {
        var connection: Connection?
        // Whether the checkpointer was asked to copy the log since it last restarted.
        var copying = false
        while true {
            condition.lock()
            while pending.isEmpty && !thread.stopping { condition.wait() }
            if pending.isEmpty {
                condition.unlock()
                break
            }
            // Whole requests, in arrival order, up to maxBatch events (a larger request alone).
            var taken = 0, events = 0
            while taken < pending.count, taken == 0 || events + pending[taken].events.count <= Self.maxBatch {
                events += pending[taken].events.count
                taken += 1
            }
            let batch = Array(pending[..<taken])
            pending.removeFirst(taken)
            condition.unlock()

            do {
                if connection == nil { connection = try Connection(path: path) }
                try connection!.append(batch.map { ($0.events, $0.occurredAt) })
                for w in batch { w.continuation.resume() }
            } catch {
                for w in batch { w.continuation.resume(throwing: error) }
                // Reopened for the next batch, in case the connection itself is what failed.
                connection?.close()
                connection = nil
            }
            // The log restarts only at a write that begins once all of it is copied, which the
            // checkpointer alone seldom achieves beside a busy writer: once it has copied the bulk,
            // the writer copies the few pages written meanwhile itself.
            if let connection, case let frames = connection.takeWALFrames(), frames > 0 {
                if frames >= Self.inlineCheckpointFrames || (copying && frames >= Self.checkpointFrames && checkpointer.isIdle) {
                    connection.checkpoint()
                    copying = false
                } else if frames >= Self.checkpointFrames {
                    if !copying { checkpointer.request() }
                    copying = true
                } else {
                    copying = false
                }
            }
        }
        connection?.close()
    }

    /// The writer's connection and its prepared statements; used by the writer thread only.
    private final class Connection {
        let handle: OpaquePointer
        private var statements: [OpaquePointer] = []
        private var begin: OpaquePointer!, head: OpaquePointer!, insert: OpaquePointer!, commit: OpaquePointer!, rollback: OpaquePointer!
        /// Frames in the write-ahead log after the last commit (set by the WAL hook), 0 when read.
        fileprivate var walFrames: Int32 = 0

        init(path: String) throws {
            handle = try SQLiteAuditWriter.open(path)
            do {
                begin = try prepare("BEGIN IMMEDIATE")
                head = try prepare("SELECT last_seq, last_hash FROM \"\(AuditChain.headTable)\" WHERE id = 1")
                insert = try prepare("""
                    INSERT INTO "\(AuditEventModel.schema)" (id, seq, occurred_at, actor_id, actor_username, actor_role, action,
                        patient_record, case_id, request_id, outcome, detail, previous_hash, hash)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                    """)
                commit = try prepare("COMMIT")
                rollback = try prepare("ROLLBACK")
            } catch {
                close()
                throw error
            }
            // Replaces the automatic checkpoint inside COMMIT (see the run loop).
            sqlite_nio_sqlite3_wal_hook(handle, { context, _, _, frames in
                Unmanaged<Connection>.fromOpaque(context!).takeUnretainedValue().walFrames = frames
                return SQLITE_OK
            }, Unmanaged.passUnretained(self).toOpaque())
        }

        private var message: String { SQLiteHandle.message(handle) }

        private func prepare(_ sql: String) throws -> OpaquePointer {
            let statement = try SQLiteHandle.prepare(sql, on: handle, error: SQLiteAuditWriterError.init)
            statements.append(statement)
            return statement
        }

        /// Runs a statement that returns no rows.
        private func run(_ statement: OpaquePointer) throws {
            defer { sqlite_nio_sqlite3_reset(statement) }
            guard sqlite_nio_sqlite3_step(statement) == SQLITE_DONE else { throw SQLiteAuditWriterError(message: message) }
        }

        /// Appends each request's events with its time, in order, in one transaction.
        func append(_ batch: [(events: [AuditEvent], occurredAt: String)]) throws {
            try run(begin)
            do {
                guard sqlite_nio_sqlite3_step(head) == SQLITE_ROW, let last = sqlite_nio_sqlite3_column_text(head, 1) else {
                    sqlite_nio_sqlite3_reset(head)
                    throw SQLiteAuditWriterError(message: AuditChainError.missingHead.description)
                }
                var seq = sqlite_nio_sqlite3_column_int64(head, 0)
                var previous = String(cString: last)
                sqlite_nio_sqlite3_reset(head)
                for (events, occurredAt) in batch {
                    for e in events {
                        seq += 1
                        let hash = AuditChain.hash(seq: seq, occurredAt: occurredAt, event: e, previousHash: previous)
                        let texts = [UUID.timeOrdered().uuidString, occurredAt, e.actorID, e.actorUsername, e.actorRole, e.action,
                                     e.patientRecord, e.caseID, e.requestID, e.outcome, e.detail, previous, hash]
                        defer { sqlite_nio_sqlite3_clear_bindings(insert) }
                        guard sqlite_nio_sqlite3_bind_int64(insert, 2, seq) == SQLITE_OK else { throw SQLiteAuditWriterError(message: message) }
                        for (i, text) in texts.enumerated() {
                            let index = Int32(i == 0 ? 1 : i + 2)
                            guard SQLiteHandle.bind(text, at: index, of: insert) == SQLITE_OK else {
                                throw SQLiteAuditWriterError(message: message)
                            }
                        }
                        try run(insert)
                        previous = hash
                    }
                }
                try run(commit)
            } catch {
                try? run(rollback)
                throw error
            }
        }

        func takeWALFrames() -> Int32 {
            defer { walFrames = 0 }
            return walFrames
        }

        func checkpoint() { SQLiteAuditWriter.checkpoint(handle) }

        func close() {
            sqlite_nio_sqlite3_wal_hook(handle, nil, nil)
            for s in statements { sqlite_nio_sqlite3_finalize(s) }
            statements.removeAll()
            sqlite_nio_sqlite3_close_v2(handle)
        }
    }

    /// Copies the write-ahead log into the database on a thread and connection of its own, when
    /// the writer asks, so that no request waits for it. A passive checkpoint never waits for
    /// readers or writers; the next write transaction restarts the log once all of it is copied.
    private final class Checkpointer: @unchecked Sendable {
        private let path: String
        private let thread = WorkerThread(name: "spineboard-checkpoint")
        private var condition: NSCondition { thread.condition }
        /// Guarded by `condition`.
        private var requested = false, running = false

        init(path: String) { self.path = path }

        func request() {
            condition.lock()
            defer { condition.unlock() }
            guard !thread.stopping else { return }
            requested = true
            thread.startIfNeeded { [self] in run() }
            condition.signal()
        }

        /// Neither asked nor copying.
        var isIdle: Bool {
            condition.lock()
            defer { condition.unlock() }
            return !requested && !running
        }

        func stop() { thread.stop() }

        private func run() {
            var handle: OpaquePointer?
            while true {
                condition.lock()
                while !requested && !thread.stopping { condition.wait() }
                let due = requested
                requested = false
                running = due
                condition.unlock()
                guard due else { break }
                if handle == nil { handle = try? SQLiteAuditWriter.open(path) }
                if let handle { SQLiteAuditWriter.checkpoint(handle) }
                condition.lock()
                running = false
                condition.unlock()
            }
            if let handle { sqlite_nio_sqlite3_close_v2(handle) }
        }
    }

    /// A connection for writing: synchronous=NORMAL as every other (WAL commits without fsync,
    /// the checkpoint syncs), and a busy handler that waits for another writer in short steps
    /// (these threads have nothing else to do; SQLite's default handler sleeps up to 100 ms at a
    /// time). It gives up after about 5 s.
    private static func open(_ path: String) throws -> OpaquePointer {
        let handle = try SQLiteHandle.open(path, pragmas: ["PRAGMA synchronous=NORMAL"], error: SQLiteAuditWriterError.init)
        sqlite_nio_sqlite3_busy_handler(handle, { _, attempts in
            if attempts >= 50_000 { return 0 }
            usleep(100)
            return 1
        }, nil)
        return handle
    }

    private static func checkpoint(_ handle: OpaquePointer) {
        sqlite_nio_sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
    }

    /// Writes what is pending and stops the writer when the application shuts down.
    struct Stopper: LifecycleHandler {
        let writer: SQLiteAuditWriter
        func shutdown(_ application: Application) { writer.stop() }
        func shutdownAsync(_ application: Application) async { writer.stop() }
    }
}

/// A thread of its own, started by its first job and stopped once: `stop` lets its loop see
/// `stopping` (under `condition`, which also guards its owner's state) and waits for it to end.
final class WorkerThread: @unchecked Sendable {
    let condition = NSCondition()
    private let name: String
    /// Guarded by `condition`.
    private var started = false
    private(set) var stopping = false
    private let finished = DispatchSemaphore(value: 0)

    init(name: String) { self.name = name }

    /// Starts `body` on the thread unless it was started before; call with `condition` locked.
    func startIfNeeded(_ body: @escaping @Sendable () -> Void) {
        guard !started else { return }
        started = true
        let thread = Thread { [finished] in
            body()
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    func stop() {
        condition.lock()
        stopping = true
        let wasStarted = started
        condition.broadcast()
        condition.unlock()
        if wasStarted { finished.wait() }
    }
}

/// The request is refused (503: it may be retried) because its audit event could not be committed.
struct SQLiteAuditWriterError: AbortError, CustomStringConvertible {
    var message: String
    var description: String { "the audit log could not be written: \(message)" }
    var status: HTTPResponseStatus { .serviceUnavailable }
    var reason: String { description }
}
