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
        var demoCases: [UUID] = []
        for batch in stride(from: 0, to: documents.count, by: 500) {
            let accepted = try documents[batch..<min(batch + 500, documents.count)].map { bytes in
                try AcceptedCase(ByteBuffer(bytes: bytes), today: today)
            }
            let (count, ids) = try await db.serializedWrite { tx in
                var demoCases: [UUID] = []
                var events: [AuditEvent] = []
                for a in accepted {
                    let caseID = try await CaseQueries.insertNewCase(a, author: author, at: now, on: tx)
                    if a.value.patient.id.hasPrefix("SB-") { demoCases.append(caseID) }
                    events.append(AuditEvent(actorID: author.id.uuidString, actorUsername: author.username, actorRole: author.role.rawValue,
                                             action: "case.create", patientRecord: a.value.patient.id, caseID: caseID.uuidString,
                                             requestID: "demo-seed", outcome: AuditOutcome.success, detail: "version 1 (demo data)"))
                }
                try await AuditChain.append(events, at: now, on: tx)
                return (accepted.count, demoCases)
            }
            stored += count
            demoCases += ids
        }
        try await seedTeamwork(app, cases: demoCases)
        return stored
    }

    /// The team at work on the demo patients, through the same services as the API: the core
    /// specialists on every care team (other referred roles stay open invitations to accept), a
    /// tumour board tomorrow with three cases on its agenda and two reviews already recorded, and
    /// one decided case with its tasks.
    static func seedTeamwork(_ app: Application, cases: [UUID]) async throws {
        guard cases.count >= 4 else { return }
        let db = app.db
        var users: [Role: AuthenticatedUser] = [:]
        for u in try await UserModel.query(on: db).all() {
            if let role = Role(rawValue: u.role) { users[role] = AuthenticatedUser(id: try u.requireID(), username: u.username, role: role, tokenHash: "") }
        }
        let now = app.spine.clock.now()
        for caseID in cases {
            for role in [Role.spineSurgeon, .radiationOncologist, .medicalOncologist, .diagnosticRadiologist, .referringClinician] {
                guard let u = users[role] else { continue }
                try await CareTeam.addMember(caseID: caseID, userID: u.id, username: u.username, role: role.rawValue,
                                             reason: "demo care team", addedBy: "demo", at: now, on: db)
            }
        }
        guard let navigator = users[.nurseNavigator], let surgeon = users[.spineSurgeon], let radiologist = users[.diagnosticRadiologist],
              let oncologist = users[.radiationOncologist] else { return }
        let req = Request(application: app, method: .POST, url: "/demo", on: app.eventLoopGroup.any())
        req.requestID = "demo-seed"
        // Tomorrow's board, 16:00 UTC, chaired by the coordinator.
        var tomorrow = Calendar(identifier: .gregorian)
        tomorrow.timeZone = TimeZone(identifier: "UTC")!
        let start = tomorrow.date(bySettingHour: 16, minute: 0, second: 0, of: now.addingTimeInterval(86_400)) ?? now.addingTimeInterval(86_400)
        let meeting = try await MeetingService.create(
            MeetingInput(title: "Spine tumour board", startsAt: ISOTimestamp.iso8601(start),
                         attendees: [Role.spineSurgeon, .radiationOncologist, .medicalOncologist, .diagnosticRadiologist, .physiatrist]
                            .compactMap { users[$0]?.username }),
            kind: "scheduled", user: navigator, at: now, on: db)
        let meetingID = try meeting.requireID()
        // Urgent cases 5–7 (kidney, myeloma, unknown primary) go on the agenda.
        for caseID in cases[4..<min(7, cases.count)] {
            guard let head = try await CaseModel.find(caseID, on: db) else { continue }
            let event = req.stamped(AuditEvent(action: "case.schedule", caseID: caseID.uuidString, outcome: AuditOutcome.success), user: navigator)
            _ = try await MeetingService.schedule(caseID: caseID, urgency: head.urgency, target: .meeting(meetingID), user: navigator,
                                                  event: event, at: now, on: db)
        }
        let first = cases[4]
        _ = try await ReviewService.record(ReviewInput(caseVersion: 1, text: "Levels and ESCC confirmed on the whole-spine MRI.", levelsConfirmed: true),
                                           caseID: first, user: radiologist, req: req)
        _ = try await ReviewService.record(ReviewInput(caseVersion: 1, text: "Hypervascular renal metastasis: embolise before any open surgery.",
                                                       operability: "operable", instabilityAgreed: true, proposedOption: "stabilization"),
                                           caseID: first, user: surgeon, req: req)
        // A routine case decided earlier: SBRT-free conventional RT, as ranked.
        let decided = cases[min(8, cases.count - 1)]
        _ = try await ReviewService.record(ReviewInput(caseVersion: 1, text: "Single fraction is reasonable.",
                                                       proposedRegimen: ProposedRegimen(doseGy: 8, fractions: 1, technique: "cebrt")),
                                           caseID: decided, user: oncologist, req: req)
        _ = try await DecisionService.record(DecisionInput(caseVersion: 1, options: [ChosenOption(code: "cebrt", regimen: "8 Gy × 1")],
                                                           patientPreferences: "Prefers the fewest visits; lives 90 minutes away."),
                                             caseID: decided, user: oncologist, req: req)
    }
}

struct DemoError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
