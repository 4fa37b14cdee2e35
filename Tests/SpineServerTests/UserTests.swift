// GET/POST /users (admin only) and the account rules shared with `spineboard user create`.
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import SpineServer

@Suite("Users")
struct UserTests {
    @Test func adminListsAndCreatesAccounts() async throws {
        try await withSpineApp { t, tokens in
            let list = try await t.send(.GET, "/api/v1/users", token: tokens[.admin])
            #expect(list.status == .ok)
            #expect(Set(list.jsonArray.map { $0["role"] as! String }) == Set(Role.allCases.map(\.rawValue)))
            #expect(list.jsonArray.allSatisfy { $0["passwordHash"] == nil })
            // MUT
            let created = try await t.send(.POST, "/api/v1/users", token: tokens[.admin],
                                           json: #"{"username":"Dr.Who","role":"physiatrist","password":"a long enough password"}"#)
            // validation
            #expect(created.status == .created)
            #expect(created.json["username"] as? String == "dr.who")
            #expect(created.json["role"] as? String == "physiatrist")
            #expect(created.headers.first(name: .location) == "/api/v1/users/\(created.json["id"] as? String ?? "")")
            let stored = try #require(try await UserModel.query(on: t.app.db).filter(\.$username == "dr.who").first())
            #expect(stored.passwordHash.hasPrefix("$2"))
            _ = try await t.login("dr.who", "a long enough password")
        }
    }

    @Test func accountRules() async throws {
        try await withSpineApp { t, tokens in
            let token = tokens[.admin]
            let duplicate = try await t.send(.POST, "/api/v1/users", token: token, json: #"{"username":"admin","role":"admin","password":"0123456789"}"#)
            #expect(duplicate.status == .conflict)
            let role = try await t.send(.POST, "/api/v1/users", token: token, json: #"{"username":"zed","role":"surgeon","password":"0123456789"}"#)
            #expect(role.status == .unprocessableEntity)
            #expect(role.errorPaths == ["role"])
            let short = try await t.send(.POST, "/api/v1/users", token: token, json: #"{"username":"zed","role":"admin","password":"short"}"#)
            #expect(short.errorPaths == ["password"])
            let name = try await t.send(.POST, "/api/v1/users", token: token, json: #"{"username":"z e d","role":"admin","password":"0123456789"}"#)
            #expect(name.errorPaths == ["username"])
            let long = try await t.send(.POST, "/api/v1/users", token: token,
                                        json: #"{"username":"zed","role":"admin","password":"\#(String(repeating: "p", count: 73))"}"#)
            #expect(long.errorPaths == ["password"])
            #expect(try await t.status(.POST, "/api/v1/users", token: token, json: #"{"username":"zed"#) == .badRequest)
            #expect(try await t.status(.POST, "/api/v1/users", token: token, json: #"{"username":"zed","role":"admin"}"#) == .unprocessableEntity)
            #expect(try await t.status(.POST, "/api/v1/users", token: token, json: #"{"username":1,"role":"admin","password":"0123456789"}"#) == .unprocessableEntity)
            #expect(try await t.status(.POST, "/api/v1/users", token: token, json: "{}", contentType: "text/csv") == .unsupportedMediaType)
            #expect(try await UserModel.query(on: t.app.db).count() == Role.allCases.count)
        }
    }

    @Test func onlyAdminsManageUsers() async throws {
        try await withSpineApp { t, tokens in
            for role in Role.allCases where role != .admin {
                let list = try await t.send(.GET, "/api/v1/users", token: tokens[role])
                #expect(list.status == .forbidden, "\(role)")
                #expect(list.isProblem)
                #expect(try await t.status(.POST, "/api/v1/users", token: tokens[role],
                                           json: #"{"username":"x\#(role.rawValue)","role":"admin","password":"0123456789"}"#) == .forbidden)
            }
            #expect(try await t.status(.GET, "/api/v1/users") == .unauthorized)
            #expect(try await t.status(.POST, "/api/v1/users", json: #"{"username":"evil","role":"admin","password":"0123456789"}"#) == .unauthorized)
            #expect(try await UserModel.query(on: t.app.db).count() == Role.allCases.count)
        }
    }
}
