// The demo: one account per role and about a dozen realistic patients (the clinical vignettes,
// named), stored through the same code as the API. Case documents are data in Demo/Cases.
import Fluent
import Foundation
import NIOCore
import SpineCore
import Vapor

public enum DemoData {
    public struct Login: Sendable {
        public var username: String
        public var password: String
        public var role: Role
    }

    /// One login per role; the username is the role code. For demonstrations only.
    public static let logins: [Login] = Role.allCases.map { Login(username: $0.rawValue, password: "spineboard-demo", role: $0) }

    /// The demo case documents, in file-name order.
    public static func caseDocuments() throws -> [(name: String, bytes: [UInt8])] {
        guard let folder = Bundle.module.url(forResource: "Cases", withExtension: nil) else {
            throw DemoError("the demo case documents are missing from the SpineServer resources")
        }
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.map { ($0.deletingPathExtension().lastPathComponent, Array(try Data(contentsOf: $0))) }
    }

    /// Creates the demo accounts and patients, plus `synthetic` more patients (copies of the demo
    /// cases under new record numbers and names) for load tests. Returns the number of cases stored.
    @discardableResult
    public static func seed(_ app: Application, synthetic: Int = 0) async throws -> Int {
        let db = app.db
        let cost = min(app.spine.configuration.bcryptCost, 10)
        var author: AuthenticatedUser?
        for login in logins {
            let hash = try await app.threadPool.runIfActive { try Bcrypt.hash(login.password, cost: cost) }
            let user = try await UserAccounts.create(username: login.username, role: login.role.rawValue, passwordHash: hash, on: db)
            if login.role == .nurseNavigator {
                author = AuthenticatedUser(id: UUID(uuidString: user.id)!, username: user.username, role: .nurseNavigator, tokenHash: "")
            }
        }
        guard let author else { throw DemoError("no nurse-navigator account") }

        let today = app.spine.clock.today()
        let templates = try caseDocuments()
        var documents = templates.map(\.bytes)
        if synthetic > 0 {
            let texts = templates.map { String(decoding: $0.bytes, as: UTF8.self) }
            for i in 0..<synthetic {
                let template = texts[i % texts.count]
                let record = String(format: "SYN-%07d", i + 1)
                let text = template
                    .replacingOccurrences(of: #""id": "SB-"#, with: #""id": "\#(record)-SB-"#)
                    .replacingOccurrences(of: #""name": ""#, with: #""name": "Synthetic \#(i + 1) "#)
                documents.append(Array(text.utf8))
            }
        }

        let now = app.spine.clock.now()
        var stored = 0
        for batch in stride(from: 0, to: documents.count, by: 500) {
            let accepted = try documents[batch..<min(batch + 500, documents.count)].map { bytes in
                try AcceptedCase(ByteBuffer(bytes: bytes), today: today)
            }
            stored += try await db.serializedWrite { tx in
                var events: [AuditEvent] = []
                for a in accepted {
                    let caseID = try await CaseQueries.insertNewCase(a, author: author, at: now, on: tx)
                    events.append(AuditEvent(actorID: author.id.uuidString, actorUsername: author.username, actorRole: author.role.rawValue,
                                             action: "case.create", patientRecord: a.value.patient.id, caseID: caseID.uuidString,
                                             requestID: "demo-seed", outcome: AuditOutcome.success, detail: "version 1 (demo data)"))
                }
                try await AuditChain.append(events, at: now, on: tx)
                return accepted.count
            }
        }
        return stored
    }
}

struct DemoError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
