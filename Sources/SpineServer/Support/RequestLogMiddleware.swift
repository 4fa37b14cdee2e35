// The outermost middleware: assigns the request id, adds security headers, and writes one access
// log line per request with the route pattern (never the path's values or the query, which can
// hold names), status, duration and user id. Never patient data.
import Vapor

struct RequestLogMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let started = ContinuousClock.now
        if !Self.isPlainID(req.id) { req.requestID = UUID().uuidString }
        let response: Response
        do {
            response = try await next.respond(to: req)
        } catch {
            response = ProblemMiddleware.response(for: error, request: req)
        }
        let h = response.headers
        response.headers.replaceOrAdd(name: "X-Request-Id", value: req.requestID)
        if !h.contains(name: .cacheControl) { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        if !h.contains(name: "Content-Security-Policy") {
            response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'")
        }
        if req.application.logger.logLevel <= .info {
            let elapsed = ContinuousClock.now - started
            let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
            var metadata: Logger.Metadata = [
                "request-id": .string(req.requestID),
                "method": .string(req.method.rawValue),
                "route": .string(req.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "(no route)"),
                "status": .stringConvertible(response.status.code),
                "duration-us": .stringConvertible(micros),
            ]
            if let user = req.authenticatedUser { metadata["user-id"] = .string(user.id.uuidString) }
            req.application.logger.info("request", metadata: metadata)
        }
        return response
    }

    static func isPlainID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64 && id.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45 || b == 95 || b == 46
        }
    }
}
