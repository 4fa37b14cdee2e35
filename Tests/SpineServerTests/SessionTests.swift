// POST/GET/DELETE /session: tokens, uniform failures, rate limiting, expiry.
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import SpineServer

@Suite("Sessions")
struct SessionTests {
    @Test func loginReturnsATokenThatIsStoredOnlyAsAHash() async throws {
        try await withSpineApp(users: false) { t, _ in
            // setup
            _ = try await UserAccounts.create(username: "ann", role: "spine-surgeon", passwordHash: try Bcrypt.hash(TestContext.password, cost: 4), on: t.app.db)
            // MUT
            let res = try await t.send(.POST, "/api/v1/session", json: #"{"username":"Ann","password":"\#(TestContext.password)"}"#)
            // validation
            #expect(res.status == .ok)
            let token = try #require(res.json["token"] as? String)
            #expect(token.count >= 40)
            #expect((res.json["expiresAt"] as? String)?.hasPrefix("2026-11-27T21:00:00") == true)
            #expect((res.json["user"] as? [String: Any])?["role"] as? String == "spine-surgeon")
            let stored = try await TokenModel.query(on: t.app.db).all()
            #expect(stored.count == 1)
            #expect(stored[0].tokenHash == Tokens.hash(token))
            #expect(stored[0].tokenHash != token)
            let me = try await t.send(.GET, "/api/v1/session", token: token)
            #expect(me.status == .ok)
            #expect(me.json["username"] as? String == "ann")
        }
    }

    @Test func wrongPasswordAndUnknownUserGetTheSameAnswer() async throws {
        try await withSpineApp(users: false) { t, _ in
            _ = try await UserAccounts.create(username: "ann", role: "spine-surgeon", passwordHash: try Bcrypt.hash(TestContext.password, cost: 4), on: t.app.db)
            let wrong = try await t.send(.POST, "/api/v1/session", json: #"{"username":"ann","password":"not the password"}"#)
            let unknown = try await t.send(.POST, "/api/v1/session", json: #"{"username":"bob","password":"not the password"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.isProblem && unknown.isProblem)
            for key in ["type", "title", "detail", "status"] {
                #expect("\(wrong.json[key] ?? "")" == "\(unknown.json[key] ?? "")", "\(key) differs")
            }
        }
    }

    @Test func badLoginBodies() async throws {
        try await withSpineApp(users: false) { t, _ in
            #expect(try await t.status(.POST, "/api/v1/session", json: "{not json") == .badRequest)
            let missing = try await t.send(.POST, "/api/v1/session", json: #"{"username":"ann"}"#)
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.errorPaths == ["password"])
            #expect(try await t.status(.POST, "/api/v1/session", json: #"{"username":"a","password":"b"}"#, contentType: "text/plain") == .unsupportedMediaType)
            let huge = #"{"username":"ann","password":""# + String(repeating: "x", count: 70_000) + #""}"#
            #expect(try await t.status(.POST, "/api/v1/session", json: huge) == .payloadTooLarge)
        }
    }

    @Test func failedLoginsAreRateLimitedPerUsernameUntilTheWindowEnds() async throws {
        try await withSpineApp(users: false) { t, _ in
            _ = try await UserAccounts.create(username: "ann", role: "admin", passwordHash: try Bcrypt.hash(TestContext.password, cost: 4), on: t.app.db)
            for _ in 0..<5 {
                #expect(try await t.status(.POST, "/api/v1/session", json: #"{"username":"ann","password":"wrong-wrong"}"#) == .unauthorized)
            }
            // MUT: even the right password is refused now, with Retry-After
            let limited = try await t.send(.POST, "/api/v1/session", json: #"{"username":"ann","password":"\#(TestContext.password)"}"#)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers.first(name: .retryAfter).flatMap(Int.init).map { $0 > 0 && $0 <= 900 } == true)
            // Another username is not affected; an unknown one is limited the same way.
            _ = try await UserAccounts.create(username: "bob", role: "admin", passwordHash: try Bcrypt.hash(TestContext.password, cost: 4), on: t.app.db)
            #expect(try await t.status(.POST, "/api/v1/session", json: #"{"username":"bob","password":"\#(TestContext.password)"}"#) == .ok)
            for _ in 0..<5 { _ = try await t.send(.POST, "/api/v1/session", json: #"{"username":"ghost","password":"wrong-wrong"}"#) }
            #expect(try await t.status(.POST, "/api/v1/session", json: #"{"username":"ghost","password":"wrong-wrong"}"#) == .tooManyRequests)
            // After the window, ann may sign in again, which clears her counter.
            t.clock.advance(901)
            #expect(try await t.status(.POST, "/api/v1/session", json: #"{"username":"ann","password":"\#(TestContext.password)"}"#) == .ok)
            #expect(try await LoginThrottleModel.find("ann", on: t.app.db) == nil)
        }
    }

    @Test func logoutRevokesTheToken() async throws {
        try await withSpineApp { (t, tokens) async throws in
            let token = tokens[.nurseNavigator]!
            #expect(try await t.status(.GET, "/api/v1/session", token: token) == .ok)
            #expect(try await t.status(.DELETE, "/api/v1/session", token: token) == .noContent)
            #expect(try await t.status(.GET, "/api/v1/session", token: token) == .unauthorized)
            #expect(try await t.status(.DELETE, "/api/v1/session", token: token) == .unauthorized)
            // other sessions are untouched
            #expect(try await t.status(.GET, "/api/v1/session", token: tokens[.spineSurgeon]!) == .ok)
        }
    }

    @Test func tokensExpire() async throws {
        try await withSpineApp { t, tokens in
            let token = tokens[.spineSurgeon]!
            t.clock.advance(12 * 3600 - 1)
            #expect(try await t.status(.GET, "/api/v1/patients", token: token) == .ok)
            t.clock.advance(2)
            let res = try await t.send(.GET, "/api/v1/patients", token: token)
            #expect(res.status == .unauthorized)
            #expect(res.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
        }
    }

    @Test(arguments: ["", "Bearer ", "Bearer not-a-token", "Basic YWxhZGRpbjpvcGVuc2VzYW1l"])
    func protectedRoutesRejectMissingOrInvalidTokens(_ authorization: String) async throws {
        try await withSpineApp { t, _ in
            let headers: HTTPHeaders = authorization.isEmpty ? [:] : ["Authorization": authorization]
            for (method, path) in [(HTTPMethod.GET, "/api/v1/session"), (.DELETE, "/api/v1/session"), (.GET, "/api/v1/patients"),
                                   (.GET, "/api/v1/users"), (.GET, "/api/v1/audit")] {
                let res = try await t.send(method, path, headers: headers)
                #expect(res.status == .unauthorized, "\(method) \(path)")
                #expect(res.isProblem)
            }
        }
    }
}
