// The audit log as a hash chain: every event stores the previous event's hash and its own hash
// over all its fields, so altering or deleting any event is detectable by `verify`.
import Crypto
import Fluent
import Foundation
import SQLKit

/// What happened, to whom, by whom. Strings only, so the hashed form is unambiguous.
public struct AuditEvent: Sendable, Equatable {
    public var actorID: String
    public var actorUsername: String
    public var actorRole: String
    public var action: String
    public var patientRecord: String
    public var caseID: String
    public var requestID: String
    public var outcome: String
    public var detail: String

    public init(actorID: String = "", actorUsername: String = "", actorRole: String = "", action: String,
                patientRecord: String = "", caseID: String = "", requestID: String = "", outcome: String, detail: String = "") {
        self.actorID = actorID
        self.actorUsername = actorUsername
        self.actorRole = actorRole
        self.action = action
        self.patientRecord = patientRecord
        self.caseID = caseID
        self.requestID = requestID
        self.outcome = outcome
        self.detail = detail
    }
}

public enum AuditChain {
    static let headTable = "audit_head"
    static let genesisHash = String(repeating: "0", count: 64)

    /// SHA-256 over the sequence number, time, every field and the previous hash, each
    /// length-prefixed so that no two different events serialise alike.
    static func hash(seq: Int64, occurredAt: String, event e: AuditEvent, previousHash: String) -> String {
        var text = ""
        for field in [String(seq), occurredAt, e.actorID, e.actorUsername, e.actorRole, e.action, e.patientRecord,
                      e.caseID, e.requestID, e.outcome, e.detail, previousHash] {
            text += "\(field.utf8.count):\(field);"
        }
        return SHA256.hash(data: Data(text.utf8)).hexString
    }

    /// Appends events inside a transaction already serialised by `Database.serializedWrite`.
    static func append(_ events: [AuditEvent], at now: Date, on db: any Database) async throws {
        let occurredAt = ISOTimestamp.iso8601(now)
        try await append(events.map { ($0, occurredAt) }, on: db)
    }

    /// Rows per multi-row INSERT: well inside both databases' bind limits (14 values a row).
    static let rowsPerInsert = 256

    /// Appends events, each with its own time: read the head, then one INSERT per `rowsPerInsert` events (the
    /// head row follows each inserted event by a trigger, migration 005). Inside a transaction
    /// serialised by `Database.serializedWrite` (SQLiteAuditWriter does the same with its own statements).
    static func append(_ events: [(event: AuditEvent, occurredAt: String)], on db: any Database) async throws {
        guard !events.isEmpty else { return }
        let sql = db as! any SQLDatabase
        guard let head = try await sql.raw("SELECT last_seq, last_hash FROM \(ident: headTable) WHERE id = 1").first() else {
            throw AuditChainError.missingHead
        }
        var seq = try head.decode(column: "last_seq", as: Int64.self)
        var previous = try head.decode(column: "last_hash", as: String.self)
        // Multi-row INSERTs, written without Fluent's model layer: its reflection over the model's properties was a tenth of
        // the CPU of every audited read under load.
        var start = 0
        while start < events.count {
            let end = min(events.count, start + rowsPerInsert)
            var insert = sql.insert(into: AuditEventModel.schema)
                .columns("id", "seq", "occurred_at", "actor_id", "actor_username", "actor_role", "action", "patient_record",
                         "case_id", "request_id", "outcome", "detail", "previous_hash", "hash")
            for (event, occurredAt) in events[start..<end] {
                seq += 1
                let hash = hash(seq: seq, occurredAt: occurredAt, event: event, previousHash: previous)
                insert = insert.values(SQLBind(UUID.timeOrdered()), SQLBind(seq), SQLBind(occurredAt), SQLBind(event.actorID),
                                       SQLBind(event.actorUsername), SQLBind(event.actorRole), SQLBind(event.action),
                                       SQLBind(event.patientRecord), SQLBind(event.caseID), SQLBind(event.requestID),
                                       SQLBind(event.outcome), SQLBind(event.detail), SQLBind(previous), SQLBind(hash))
                previous = hash
            }
            try await insert.run()
            start = end
        }
    }

    /// Appends events in their own serialised transaction.
    public static func record(_ events: [AuditEvent], at now: Date, on db: any Database) async throws {
        try await db.serializedWrite { tx in try await append(events, at: now, on: tx) }
    }

    /// The result of checking the whole chain.
    public struct Verification: Sendable {
        public var eventCount: Int
        public var problems: [String]
        public var isIntact: Bool { problems.isEmpty }
    }

    /// Recomputes every hash and link, in sequence order, and compares the end with the head row:
    /// an altered event breaks its own hash, a deleted one breaks the sequence or the next link,
    /// and a deleted last event no longer matches the head.
    public static func verify(on db: any Database, pageSize: Int = 2000) async throws -> Verification {
        var problems: [String] = []
        var expectedSeq: Int64 = 1
        var previous = genesisHash
        var count = 0
        func note(_ message: String) { if problems.count < 50 { problems.append(message) } }
        while true {
            let page = try await AuditEventModel.query(on: db)
                .filter(\.$seq >= expectedSeq).sort(\.$seq).limit(pageSize).all()
            for event in page {
                count += 1
                if event.seq != expectedSeq {
                    note("event \(expectedSeq)\(event.seq - expectedSeq > 1 ? "…\(event.seq - 1)" : "") is missing (deleted?)")
                }
                if event.previousHash != previous {
                    note("event \(event.seq): previous-hash link is broken (an earlier event was altered or deleted)")
                }
                let fields = AuditEvent(actorID: event.actorID, actorUsername: event.actorUsername, actorRole: event.actorRole,
                                        action: event.action, patientRecord: event.patientRecord, caseID: event.caseID,
                                        requestID: event.requestID, outcome: event.outcome, detail: event.detail)
                let recomputed = hash(seq: event.seq, occurredAt: event.occurredAt, event: fields, previousHash: event.previousHash)
                if recomputed != event.hash {
                    note("event \(event.seq): content does not match its hash (altered)")
                }
                previous = event.hash
                expectedSeq = event.seq + 1
            }
            if page.count < pageSize { break }
        }
        let sql = db as! any SQLDatabase
        if let head = try await sql.raw("SELECT last_seq, last_hash FROM \(ident: headTable) WHERE id = 1").first() {
            let lastSeq = try head.decode(column: "last_seq", as: Int64.self)
            let lastHash = try head.decode(column: "last_hash", as: String.self)
            if lastSeq != expectedSeq - 1 || lastHash != previous {
                note("the chain ends at event \(expectedSeq - 1) but the head records event \(lastSeq): events at the end were deleted or the head was altered")
            }
        } else {
            note("the chain head row is missing")
        }
        return Verification(eventCount: count, problems: problems)
    }
}

enum AuditChainError: Error, CustomStringConvertible {
    case missingHead
    var description: String { "the audit chain head row is missing: run migrations" }
}
