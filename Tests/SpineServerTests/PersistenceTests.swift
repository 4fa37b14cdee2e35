// Data survive a restart: a new application on the same database sees the cases, versions,
// tokens and audit chain of the old one.
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import SpineServer

@Suite("Persistence")
struct PersistenceTests {
    @Test func casesTokensAndTheAuditChainSurviveARestart() async throws {
        let db = try TestDatabase.fresh()
        let clock = TestClock()
        var token = ""
        var id = ""
        let doc = Fixtures.caseJSON("v05", record: "MRN-R")
        // setup: first run
        do {
            let app = try await TestSetup.app(on: db, clock: clock)
            let t = TestContext(app: app, clock: clock, database: db)
            do {
                _ = try await UserAccounts.create(username: "nina", role: "nurse-navigator", passwordHash: try Bcrypt.hash(TestContext.password, cost: 4), on: app.db)
                token = try await t.login("nina")
                id = try #require(try await t.send(.POST, "/api/v1/cases", token: token, json: doc).json["id"] as? String)
                #expect(try await t.status(.PUT, "/api/v1/cases/\(id)", token: token, json: doc, headers: ["If-Match": "\"v1\""]) == .ok)
            } catch {
                try? await app.asyncShutdown()
                await db.remove(using: nil)
                throw error
            }
            try await app.asyncShutdown()
        }
        // MUT: a new application on the same file / schema
        let app = try await TestSetup.app(on: db, clock: clock)
        let t = TestContext(app: app, clock: clock, database: db)
        do {
            // validation
            let res = try await t.send(.GET, "/api/v1/cases/\(id)", token: token)
            #expect(res.status == .ok)
            #expect(res.json["version"] as? Int == 2)
            #expect(res.body.string.contains(doc))
            #expect(try await t.send(.GET, "/api/v1/cases/\(id)/versions", token: token).json["currentVersion"] as? Int == 2)
            let verification = try await AuditChain.verify(on: app.db)
            #expect(verification.isIntact)
            #expect(verification.eventCount == 5) // login, create, update, read, versions
            if case .sqlite = db.setting {
                let mode = try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
                #expect(mode == "wal")
            }
        } catch {
            await db.remove(using: app)
            try? await app.asyncShutdown()
            throw error
        }
        await db.remove(using: app)
        try await app.asyncShutdown()
    }
}
