// The database queries behind the case routes, as static functions taking `on database:` so tests
// and commands can call them without HTTP.
import Fluent
import Foundation
import SQLKit
import SpineCore
import Vapor

enum CaseQueries {
    /// A stored version with its assessment snapshot, as stored.
    struct StoredVersion: Sendable {
        var version: Int
        var document: Data
        var assessment: Data
        var author: String
        var createdAt: Date
    }

    /// "no case <id>", with an id from a URL shown only as far as it could be one: the text is
    /// the client's, so it is neither echoed at length nor with control characters.
    static func noCase(_ rawID: String) -> String {
        UUID(uuidString: rawID) != nil ? "no case \(rawID)" : "no case with that id (a case id is a UUID)"
    }

    static func caseID(forRecord record: String, on db: any Database) async throws -> UUID? {
        guard let patient = try await PatientModel.query(on: db).filter(\.$recordNumber == record).first() else { return nil }
        return try await CaseModel.query(on: db).filter(\.$patient.$id == patient.requireID()).first()?.id
    }

    /// The case head and its patient (404 for an unknown or malformed id).
    static func head(_ rawID: String, on db: any Database) async throws -> (CaseModel, PatientModel) {
        guard let id = UUID(uuidString: rawID),
              let head = try await CaseModel.query(on: db)
                .join(PatientModel.self, on: \CaseModel.$patient.$id == \PatientModel.$id)
                .filter(\.$id == id).first()
        else { throw Problem.notFound(noCase(rawID)) }
        return (head, try head.joined(PatientModel.self))
    }

    /// A new patient, their case head and version 1; call inside `serializedWrite`.
    static func insertNewCase(_ accepted: AcceptedCase, author: AuthenticatedUser, at now: Date, on db: any Database) async throws -> UUID {
        let patient = PatientModel(accepted.value.patient)
        try await patient.create(on: db)
        let head = CaseModel()
        head.$patient.id = try patient.requireID()
        head.currentVersion = 1
        head.openTasks = 0
        head.apply(accepted.assessment, at: now)
        try await head.create(on: db)
        let caseID = try head.requireID()
        try await insertVersion(1, of: caseID, accepted, author: author, at: now, on: db)
        try await CaseWorkflow.afterNewVersion(caseID: caseID, version: 1, assessment: accepted.assessment, previous: nil,
                                               author: author, at: now, on: db)
        return caseID
    }

    static func insertVersion(_ version: Int, of caseID: UUID, _ accepted: AcceptedCase, author: AuthenticatedUser,
                              at now: Date, on db: any Database) async throws {
        let v = CaseVersionModel()
        v.$caseHead.id = caseID
        v.version = version
        v.document = accepted.document
        v.authorID = author.id
        v.authorUsername = author.username
        v.createdAt = now
        try await v.create(on: db)
        try await insertSnapshot(accepted.assessment, json: accepted.assessmentJSON, of: caseID, version: version, at: now, on: db)
    }

    /// The assessment of a case version as it is shown, under the rules that computed it.
    static func insertSnapshot(_ assessment: Assessment, json: [UInt8], of caseID: UUID, version: Int, at now: Date,
                               on db: any Database) async throws {
        let a = AssessmentSnapshotModel()
        a.$caseHead.id = caseID
        a.caseVersion = version
        a.rulesVersion = assessment.rulesVersion
        a.urgency = assessment.urgency.level.rawValue
        a.output = Data(json)
        a.createdAt = now
        try await a.create(on: db)
    }

    static func version(_ n: Int, of caseID: UUID, on db: any Database) async throws -> StoredVersion {
        async let versionRow = CaseVersionModel.query(on: db)
            .filter(\.$caseHead.$id == caseID).filter(\.$version == n).first()
        async let snapshotRow = AssessmentSnapshotModel.query(on: db)
            .filter(\.$caseHead.$id == caseID).filter(\.$caseVersion == n)
            .sort(\.$createdAt, .descending).first()
        guard let v = try await versionRow, let a = try await snapshotRow else {
            throw Problem.notFound("case \(caseID) has no version \(n)")
        }
        return StoredVersion(version: n, document: v.document, assessment: a.output, author: v.authorUsername, createdAt: v.createdAt)
    }

    /// The latest version of a case with its newest snapshot, the patient's record number and
    /// whether `viewer` may see it (the care-team rule), in one query — this is the busiest read of
    /// a case (404 for an unknown or malformed id).
    static func latest(_ rawID: String, viewer: AuthenticatedUser, at now: Date, on db: any Database,
                       reader: SQLiteReader? = nil) async throws -> (StoredVersion, record: String, allowed: Bool) {
        guard let id = UUID(uuidString: rawID) else { throw Problem.notFound(noCase(rawID)) }
        let sql = db as! any SQLDatabase
        // The membership status is a literal (see CareTeam.member), so that the plan, made without
        // bound values on the SQLite reader, can use the partial index.
        let allowed: SQLQueryString = viewer.role == .admin ? "1" : """
            CASE WHEN EXISTS (SELECT 1 FROM \(ident: CareTeamMemberModel.schema) m
                              WHERE m.case_id = c.id AND m.user_id = \(bind: viewer.id) AND m.status = \(literal: CareTeam.member))
                   OR \(CareTeam.throughAgenda(viewer.id, case: "c.id", at: now))
                 THEN 1 ELSE 0 END
            """
        guard let row = try await sql.plainRows("""
            SELECT c.current_version AS version, p.record_number AS record, v.document AS document, a.output AS output,
                   v.author_username AS author, v.created_at AS created_at, \(allowed) AS allowed
            FROM \(ident: CaseModel.schema) c
            JOIN \(ident: PatientModel.schema) p ON p.id = c.patient_id
            JOIN \(ident: CaseVersionModel.schema) v ON v.case_id = c.id AND v.version = c.current_version
            JOIN \(ident: AssessmentSnapshotModel.schema) a ON a.case_id = c.id AND a.case_version = c.current_version
            WHERE c.id = \(bind: id)
            ORDER BY a.created_at DESC LIMIT 1
            """, reader: reader).first else { throw Problem.notFound(noCase(rawID)) }
        let stored = StoredVersion(version: try row.int("version"), document: try row.data("document"),
                                   assessment: try row.data("output"), author: try row.requireString("author"),
                                   createdAt: try row.date("created_at"))
        return (stored, try row.requireString("record"), try row.int("allowed") == 1)
    }

    static func versionList(of caseID: UUID, on db: any Database) async throws -> [VersionSummary] {
        let versions = try await CaseVersionModel.query(on: db).filter(\.$caseHead.$id == caseID)
            .field(\.$version).field(\.$authorUsername).field(\.$createdAt)
            .sort(\.$version).all()
        let snapshots = try await AssessmentSnapshotModel.query(on: db).filter(\.$caseHead.$id == caseID)
            .field(\.$caseVersion).field(\.$rulesVersion).field(\.$urgency).field(\.$createdAt)
            .sort(\.$createdAt).all()
        var latest: [Int: AssessmentSnapshotModel] = [:]
        for s in snapshots { latest[s.caseVersion] = s }
        return versions.map {
            VersionSummary(version: $0.version, author: $0.authorUsername, createdAt: $0.createdAt,
                           rulesVersion: latest[$0.version]?.rulesVersion, urgency: latest[$0.version]?.urgency)
        }
    }

    /// `{id, version, case, assessment}` with the stored bytes embedded as they are.
    static func caseBody(_ caseID: UUID, _ stored: StoredVersion, withAuthor: Bool = false) -> [UInt8] {
        var body = JSONObjectBuilder(capacity: stored.document.count + stored.assessment.count + 160)
        body.string("id", caseID.uuidString)
        body.int("version", stored.version)
        if withAuthor {
            body.string("author", stored.author)
            body.string("createdAt", ISOTimestamp.iso8601(stored.createdAt))
        }
        body.raw("case", stored.document)
        body.raw("assessment", stored.assessment)
        return body.finished()
    }
}
