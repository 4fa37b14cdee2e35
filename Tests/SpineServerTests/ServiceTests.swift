// /health, /openapi.json (it documents exactly the registered routes), the landing page, unknown
// routes, and the security headers every response carries.
import Foundation
import Testing
import VaporTesting
@testable import SpineServer

@Suite("Service routes")
struct ServiceTests {
    @Test func healthReportsTheDatabaseWithoutAuthentication() async throws {
        try await withSpineApp(users: false) { t, _ in
            // MUT
            let res = try await t.send(.GET, "/health")
            // validation
            #expect(res.status == .ok)
            #expect(res.json["status"] as? String == "ok")
            #expect(res.json["database"] as? String == "reachable")
            #expect(res.headers.first(name: "X-Request-Id") != nil)
            #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
        }
    }

    @Test func openAPIDocumentsEveryRegisteredRouteAndNothingElse() async throws {
        try await withSpineApp(users: false) { t, _ in
            let res = try await t.send(.GET, "/openapi.json")
            #expect(res.status == .ok)
            let doc = res.json
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, ops) in paths { for method in ops.keys { documented.insert("\(method.uppercased()) \(path)") } }
            let registered = Set(t.app.routes.all.filter { $0.userInfo["web"] == nil }.map { route in // web pages are not API
                "\(route.method.rawValue) /" + route.path.map { c -> String in
                    if case .parameter(let name) = c { return "{\(name)}" }
                    return c.description
                }.joined(separator: "/")
            })
            #expect(documented == registered)
            // Every protected operation documents 401; every body-taking one 413 and 415.
            for (path, ops) in paths {
                for (method, anyOp) in ops {
                    let op = try #require(anyOp as? [String: Any])
                    let responses = try #require(op["responses"] as? [String: Any])
                    let isPublic = (op["security"] as? [Any])?.isEmpty == true
                    if !isPublic { #expect(responses["401"] != nil, "\(method) \(path) lacks 401") }
                    if op["requestBody"] != nil {
                        #expect(responses["413"] != nil && responses["415"] != nil && responses["422"] != nil, "\(method) \(path)")
                    }
                }
            }
            let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])
            for name in ["Problem", "CaseDocument", "Assessment", "CaseRecord", "WorklistPage", "AuditPage"] {
                #expect(schemas[name] != nil, "schema \(name)")
            }
            // Every reference (schemas, shared problem responses) names something the document has.
            func references(in value: Any) -> [String] {
                if let object = value as? [String: Any] {
                    return (object["$ref"] as? String).map { [$0] } ?? object.values.flatMap(references)
                }
                return (value as? [Any])?.flatMap(references) ?? []
            }
            let refs = references(in: doc)
            #expect(refs.count > 100)
            for ref in Set(refs) {
                var node: Any? = doc
                for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] }
                #expect(ref.hasPrefix("#/") && node != nil, "\(ref) does not resolve")
            }
        }
    }

    @Test func landingPageIsHTML() async throws {
        try await withSpineApp(users: false) { t, _ in
            let res = try await t.send(.GET, "/")
            #expect(res.status == .ok)
            #expect(res.contentType.hasPrefix("text/html"))
            #expect(res.body.string.contains("/openapi.json"))
        }
    }

    @Test func unknownRouteIsAProblem() async throws {
        try await withSpineApp(users: false) { t, _ in
            let res = try await t.send(.GET, "/api/v1/nothing-here")
            #expect(res.status == .notFound)
            #expect(res.isProblem)
            #expect(res.json["status"] as? Int == 404)
        }
    }

    @Test func requestIDIsEchoedWhenPlainAndReplacedOtherwise() async throws {
        try await withSpineApp(users: false) { t, _ in
            let plain = try await t.send(.GET, "/health", headers: ["X-Request-Id": "abc-123"])
            #expect(plain.headers.first(name: "X-Request-Id") == "abc-123")
            let odd = try await t.send(.GET, "/health", headers: ["X-Request-Id": "<script>"])
            #expect(odd.headers.first(name: "X-Request-Id") != "<script>")
        }
    }
}
