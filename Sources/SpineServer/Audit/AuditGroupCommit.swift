// Group commit for audit events that are written on their own (every read of patient data writes
// one), on PostgreSQL (SQLite has SQLiteAuditWriter). Requests that arrive while a batch is being
// written wait together and go into the next batch: one serialised transaction for many events
// instead of one each, which is what limited read throughput under load. Each request still
// returns only after its event is committed, so no read is ever answered unaudited. Nothing here is
// shared state between instances: the chain's head is read inside each transaction, as before.
import Fluent
import Foundation
import Vapor

actor AuditGroupCommit {
    private struct Waiter {
        var events: [AuditEvent]
        var at: Date
        var continuation: CheckedContinuation<Void, any Error>
    }

    private var pending: [Waiter] = []
    private var writing = false
    /// A batch is capped so one transaction stays short.
    private let maxBatch = 256

    /// Appends `events` (stamped `at`) and returns once they are committed.
    func record(_ events: [AuditEvent], at: Date, on db: any Database) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pending.append(Waiter(events: events, at: at, continuation: continuation))
            if !writing {
                writing = true
                Task { await self.drain(db) }
            }
        }
    }

    private func drain(_ db: any Database) async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            // Every waiter's events, in arrival order, as one INSERT.
            var work: [(event: AuditEvent, occurredAt: String)] = []
            for w in batch {
                let occurredAt = ISOTimestamp.iso8601(w.at)
                for e in w.events { work.append((e, occurredAt)) }
            }
            do {
                let events = work
                try await db.serializedWrite { tx in try await AuditChain.append(events, on: tx) }
                for w in batch { w.continuation.resume() }
            } catch {
                for w in batch { w.continuation.resume(throwing: error) }
            }
        }
        writing = false
    }
}
