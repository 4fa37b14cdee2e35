// Errors as RFC 9457 problem details (application/problem+json), carrying the core's field paths.
import SpineCore
import Vapor

/// An error the client can act on. `errors` lists field paths from case validation.
struct Problem: AbortError, Sendable {
    var status: HTTPResponseStatus
    var type: String
    var title: String
    var detail: String?
    var errors: [CaseValidationError] = []
    /// For 409 on `POST /cases`: the case the patient already has.
    var caseID: String?
    var retryAfterSeconds: Int?
    var extraHeaders: HTTPHeaders = [:]
    /// Already written to the audit trail where it was raised (with more detail than the wrapper has).
    var audited = false

    var reason: String { detail ?? title }
    var headers: HTTPHeaders {
        var h = extraHeaders
        if let retryAfterSeconds { h.replaceOrAdd(name: .retryAfter, value: String(retryAfterSeconds)) }
        return h
    }

    static func kind(_ slug: String) -> String { "urn:spineboard:problem:\(slug)" }

    static func badRequest(_ detail: String, errors: [CaseValidationError] = []) -> Problem {
        Problem(status: .badRequest, type: kind("bad-request"), title: "Bad request", detail: detail, errors: errors)
    }
    static func invalidCase(_ errors: [CaseValidationError]) -> Problem {
        Problem(status: .unprocessableEntity, type: kind("invalid-case"), title: "The case document is not valid",
                detail: "\(errors.count) error\(errors.count == 1 ? "" : "s"); see errors[] for each field path", errors: errors)
    }
    static func invalid(_ detail: String, path: String) -> Problem {
        Problem(status: .unprocessableEntity, type: kind("invalid-request"), title: "The request is not valid",
                detail: detail, errors: [CaseValidationError(path: path, message: detail)])
    }
    static let unauthenticated = Problem(
        status: .unauthorized, type: kind("unauthenticated"), title: "Authentication required",
        detail: "send a valid, unexpired bearer token from POST /api/v1/session",
        extraHeaders: ["WWW-Authenticate": "Bearer realm=\"spineboard\""])
    static func forbidden(_ detail: String) -> Problem {
        Problem(status: .forbidden, type: kind("forbidden"), title: "Not allowed for your role", detail: detail)
    }
    static func notFound(_ detail: String) -> Problem {
        Problem(status: .notFound, type: kind("not-found"), title: "Not found", detail: detail)
    }
}

/// The JSON body of a problem.
struct ProblemBody: Content {
    var type: String
    var title: String
    var status: Int
    var detail: String?
    var instance: String?
    var requestId: String?
    var errors: [CaseValidationError]?
    var caseId: String?
}

/// Turns every error into problem details; 5xx are logged by type only (their text may echo input).
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            if WebErrorMiddleware.wantsPage(req) { return WebErrorMiddleware.page(for: error, req) }
            return Self.response(for: error, request: req)
        }
    }

    static func response(for error: any Error, request req: Request) -> Response {
        let problem: Problem
        switch error {
        case let p as Problem:
            problem = p
        case let abort as any AbortError:
            let status = abort.status
            if status.code >= 500 { req.logger.error("server error", metadata: ["error-type": "\(type(of: error))"]) }
            let detail: String? = status == .payloadTooLarge ? "the request body is larger than the limit" :
                status == .notFound ? "no such route" : status.code < 500 ? abort.reason : nil
            problem = Problem(status: status, type: Problem.kind(slug(status)), title: status.reasonPhrase, detail: detail,
                              extraHeaders: abort.headers)
        case is DecodingError:
            problem = .badRequest("the JSON body does not have the expected shape")
        default:
            req.logger.error("unhandled error", metadata: ["error-type": "\(type(of: error))"])
            problem = Problem(status: .internalServerError, type: Problem.kind("internal"), title: "Internal server error",
                              detail: "the request id identifies this failure in the server log")
        }
        let body = ProblemBody(type: problem.type, title: problem.title, status: Int(problem.status.code), detail: problem.detail,
                               instance: req.url.path, requestId: req.requestID,
                               errors: problem.errors.isEmpty ? nil : problem.errors, caseId: problem.caseID)
        var headers = problem.headers
        headers.remove(name: .contentType)
        headers.replaceOrAdd(name: .contentType, value: "application/problem+json")
        let response = Response(status: problem.status, headers: headers)
        do {
            response.body = .init(data: try JSONEncoder.sorted.encode(body))
        } catch {
            response.body = .init(string: "{\"status\":\(problem.status.code)}")
        }
        return response
    }

    static func slug(_ status: HTTPResponseStatus) -> String {
        status.reasonPhrase.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
    }
}

extension JSONEncoder {
    static let sorted: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }()
}
