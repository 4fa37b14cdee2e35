// A rules upgrade reaches the stored cases. Each case version keeps the snapshot it was assessed
// with, and the case's current version is assessed again under the rules this server runs, so
// that the worklist, the API (`GET /api/v1/cases/{id}` returns the newest snapshot) and the pages
// (which compute from the stored document) agree, and a case that the new rules find more urgent
// starts its clock. Runs at start-up, after the migrations; idempotent, and safe with several
// servers starting at once (each case is re-checked inside the serialised write).
import Fluent
import Foundation
import SpineCore
import Vapor

enum RulesUpgrade {
    struct Summary: Sendable, Equatable {
        /// Cases whose current version was assessed again.
        var reassessed = 0
        /// Of those, the ones the new rules find more (or less) urgent.
        var moreUrgent = 0
        var lessUrgent = 0
        /// Current versions that no longer pass validation: left on their old snapshot, audited.
        var noLongerValid = 0
    }

    /// The actor of the audit events: the server itself, not a person.
    static let actor = "spineboard"
    static let actorRole = "system"

    /// Re-assesses, under `Rules.version`, every case whose newest assessment came from other rules.
    static func run(on db: any Database, at now: Date, batchSize: Int = 100) async throws -> Summary {
        let stale = try await CaseModel.query(on: db).filter(\.$rulesVersion != Rules.version).field(\.$id).all()
            .compactMap(\.id)
        var total = Summary()
        for start in stride(from: 0, to: stale.count, by: batchSize) {
            let batch = Array(stale[start..<min(start + batchSize, stale.count)])
            let part = try await db.serializedWrite { tx in
                var summary = Summary()
                var events: [AuditEvent] = []
                for id in batch {
                    if let event = try await reassess(id, summary: &summary, at: now, on: tx) { events.append(event) }
                }
                try await AuditChain.append(events, at: now, on: tx)
                return summary
            }
            total.reassessed += part.reassessed
            total.moreUrgent += part.moreUrgent
            total.lessUrgent += part.lessUrgent
            total.noLongerValid += part.noLongerValid
        }
        return total
    }

    /// One case, inside the serialised write: its audit event, or nil when another server did it.
    private static func reassess(_ id: UUID, summary: inout Summary, at now: Date, on db: any Database) async throws -> AuditEvent? {
        guard let head = try await CaseModel.query(on: db).filter(\.$id == id).with(\.$patient).first(),
              head.rulesVersion != Rules.version,
              let version = try await CaseVersionModel.query(on: db).filter(\.$caseHead.$id == id)
                .filter(\.$version == head.currentVersion).first()
        else { return nil }
        // The facts are as of the day the version was assessed (ages, intervals, deadlines' dates).
        let assessedOn = CalendarDate(iso: head.assessedOn) ?? CalendarDate(year: 2026, month: 1, day: 1)!
        var event = AuditEvent(actorUsername: actor, actorRole: actorRole, action: "case.reassess",
                               patientRecord: head.patient.recordNumber, caseID: id.uuidString, requestID: "rules-upgrade",
                               outcome: AuditOutcome.success)
        let from = head.rulesVersion
        switch CaseDocument.decode(Array(version.document), today: assessedOn) {
        case .failure(let failure):
            // Only the field paths: the messages can quote what was entered.
            let paths = Set(failure.errors.map { $0.path.isEmpty ? "(document)" : $0.path }).sorted()
            summary.noLongerValid += 1
            event.outcome = AuditOutcome.invalid
            event.detail = "version \(head.currentVersion) no longer passes validation under rules \(Rules.version) "
                + "(\(paths.prefix(10).joined(separator: ", "))\(paths.count > 10 ? ", …" : "")); kept on rules \(from) until it is corrected"
            return event
        case .success(let value):
            let assessment = SpineCore.assess(value, today: assessedOn)
            let previous = head.effectiveUrgency
            // The version's snapshots, newest first (one read for both uses below).
            let snapshots = try await AssessmentSnapshotModel.query(on: db).filter(\.$caseHead.$id == id)
                .filter(\.$caseVersion == head.currentVersion).sort(\.$createdAt, .descending).all()
            // The assessment's level before: with a follow-up escalation the head shows the emergency
            // it set, so the level is read from the version's newest snapshot.
            let before = head.escalation != nil ? snapshots.first?.urgency ?? head.urgency : head.urgency
            let old = UrgencyLevel(rawValue: before) ?? .routine
            var reused = false
            if let earlier = snapshots.first(where: { $0.rulesVersion == Rules.version }) {
                // The server went back to rules it ran before: the snapshot those rules made of this
                // version becomes the newest again (the one every read takes), output unchanged, so a
                // decision made on it still reads what it was made on.
                earlier.createdAt = now
                try await earlier.update(on: db)
                reused = true
            } else {
                try await CaseQueries.insertSnapshot(assessment, json: assessment.jsonBytes(), of: id, version: head.currentVersion,
                                                     at: now, on: db)
            }
            let since = head.updatedAt
            let escalation = head.activeEscalation
            head.summarise(assessment, at: now)
            // A follow-up escalation keeps the case an emergency on the worklist, with its clock's deadline.
            if let escalation { head.keep(escalation) }
            // The worklist counts a deadline from the head's time: a re-reading starts a new clock
            // only when it raises the urgency; otherwise the running one keeps its time.
            let level = assessment.urgency.level
            if !(level < old) { head.updatedAt = since }
            try await head.update(on: db)
            try await CaseWorkflow.follow(assessment, caseID: id, previous: previous,
                                          source: "rules \(Rules.version) re-assessment of version \(head.currentVersion)",
                                          clockReason: "under rules \(Rules.version) (version \(head.currentVersion) re-assessed)",
                                          at: now, on: db)
            summary.reassessed += 1
            if level < old { summary.moreUrgent += 1 } else if old < level { summary.lessUrgent += 1 }
            event.detail = "version \(head.currentVersion): rules \(from) → \(Rules.version); urgency \(before) → \(level.rawValue)"
                + (reused ? "; the snapshot these rules made earlier is current again" : "")
                + (escalation != nil ? "; the follow-up escalation stands (emergency)" : "")
            return event
        }
    }
}
