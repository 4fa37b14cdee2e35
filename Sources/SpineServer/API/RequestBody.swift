// Reading request bodies: JSON media type (415 otherwise), present, and within the size limit
// (enforced by the route's body collection: 413).
import Foundation
import SpineCore
import Vapor

extension Request {
    func jsonBody() throws -> ByteBuffer {
        guard Self.isPlainJSON(headers.first(name: .contentType)) || Self.isJSON(headers.contentType) else {
            throw Problem(status: .unsupportedMediaType, type: Problem.kind("unsupported-media-type"),
                          title: "Unsupported media type", detail: "send the body as application/json")
        }
        guard let body = body.data, body.readableBytes > 0 else {
            throw Problem.badRequest("a JSON body is required")
        }
        // Route body collection enforces the limit on streamed bodies; this covers bodies that
        // arrived whole.
        guard body.readableBytes <= spine.configuration.maxBodyBytes else { throw Self.payloadTooLarge }
        return body
    }

    /// `application/json`, alone or with parameters, in any case: the common header, checked on its
    /// bytes (parsing it into a media type was 5 % of the CPU of POST /assess).
    static func isPlainJSON(_ value: String?) -> Bool {
        guard let value else { return false }
        let expected = "application/json".utf8
        let bytes = value.utf8
        guard bytes.count >= expected.count else { return false }
        var i = bytes.startIndex
        for e in expected {
            let b = bytes[i]
            guard b == e || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") && b + 32 == e) else { return false }
            i = bytes.index(after: i)
        }
        return i == bytes.endIndex || bytes[i] == UInt8(ascii: ";") || bytes[i] == UInt8(ascii: " ")
    }

    /// Any JSON media type (`application/json`, `application/*+json`), from the parsed header.
    static func isJSON(_ type: HTTPMediaType?) -> Bool {
        guard let type, type.type.lowercased() == "application" else { return false }
        return type.subType.lowercased() == "json" || type.subType.lowercased().hasSuffix("+json")
    }

    static let payloadTooLarge = Problem(status: .payloadTooLarge, type: Problem.kind("payload-too-large"), title: "Payload too large",
                                         detail: "the request body is larger than the limit")

    /// A small JSON body decoded with Codable (400 for malformed JSON or a wrong shape).
    func decodeJSON<T: Decodable>(_ type: T.Type) throws -> T {
        let body = try jsonBody()
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch let DecodingError.keyNotFound(key, context) {
            let path = Self.fieldPath(context.codingPath + [key])
            throw Problem.invalid("\(path) is required", path: path)
        } catch let DecodingError.typeMismatch(expected, context), let DecodingError.valueNotFound(expected, context) {
            guard !context.codingPath.isEmpty else { throw Problem.invalid("the body must be a JSON object", path: "") }
            let path = Self.fieldPath(context.codingPath)
            throw Problem.invalid("\(path) has the wrong type (expected \(Self.typeName(expected)))", path: path)
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            // Valid JSON whose value does not fit the field (3.5 or 1e400 for a whole number).
            let path = Self.fieldPath(context.codingPath)
            throw Problem.invalid("\(path) is out of range or not a whole number where one is needed", path: path)
        } catch {
            throw Problem.badRequest("the body is not valid JSON")
        }
    }

    /// `dissent[0].reason`: the path as the errors of the case document write it.
    static func fieldPath(_ keys: [any CodingKey]) -> String {
        var path = ""
        for key in keys {
            if let i = key.intValue { path += "[\(i)]" } else { path += path.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return path
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: type is any Collection.Type ? "an array" : "an object"
        }
    }
}

/// A case document that passed validation, with its assessment computed.
struct AcceptedCase: Sendable {
    var document: Data
    var value: Case
    var assessment: Assessment
    var assessmentJSON: [UInt8]

    /// Validates with the core; invalid JSON is 400, an invalid document 422, with every field path.
    init(_ body: ByteBuffer, today: CalendarDate) throws {
        switch CaseDocument.decode(body.readableBytesView, today: today) {
        case .success(let value):
            self.document = Data(body.readableBytesView)
            self.value = value
            self.assessment = SpineCore.assess(value, today: today)
            self.assessmentJSON = assessment.jsonBytes()
        case .failure(let failure):
            if failure.errors.count == 1, failure.errors[0].path.isEmpty, failure.errors[0].message.hasPrefix("invalid JSON") {
                throw Problem.badRequest("the body is not valid JSON", errors: failure.errors)
            }
            throw Problem.invalidCase(failure.errors)
        }
    }
}

/// Builds a JSON object byte by byte, so stored JSON (case documents, assessments) is embedded as
/// it is, never decoded and re-encoded.
struct JSONObjectBuilder {
    private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var first = true

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    private mutating func key(_ k: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        writeString(k)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func string(_ k: String, _ v: String) {
        key(k)
        writeString(v)
    }

    private mutating func writeString(_ s: String) { Self.appendString(s, to: &bytes) }

    /// A JSON string literal (RFC 8259 escaping): runs of plain bytes are copied whole, only quotes,
    /// backslashes and control characters are escaped. (Per byte, with a table allocated per
    /// string, this was the worklist page's largest cost after the database.)
    static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = string
        s.withUTF8 { u in
            var start = 0
            for i in 0..<u.count {
                let b = u[i]
                if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                out.append(UInt8(ascii: "\\"))
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(b)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    func hex(_ n: UInt8) -> UInt8 { n < 10 ? UInt8(ascii: "0") + n : UInt8(ascii: "a") + n - 10 }
                    out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex(b >> 4), hex(b & 0xF)])
                }
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    mutating func int(_ k: String, _ v: Int) {
        key(k)
        bytes.append(contentsOf: String(v).utf8)
    }

    mutating func bool(_ k: String, _ v: Bool) {
        key(k)
        bytes.append(contentsOf: (v ? "true" : "false").utf8)
    }

    /// Already-valid JSON (a leading UTF-8 byte order mark is dropped).
    mutating func raw<C: Collection<UInt8>>(_ k: String, _ json: C) {
        key(k)
        if json.starts(with: [0xEF, 0xBB, 0xBF]) { bytes += json.dropFirst(3) } else { bytes += json }
    }

    /// The object, closed; call once, last (the bytes are closed in place rather than copied).
    mutating func finished() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}

extension Response {
    static func json(_ bytes: [UInt8], status: HTTPResponseStatus = .ok, headers: HTTPHeaders = [:]) -> Response {
        var h = headers
        h.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        return Response(status: status, headers: h, body: .init(buffer: buffer))
    }

    static func json<T: Encodable>(encoding value: T, status: HTTPResponseStatus = .ok, headers: HTTPHeaders = [:]) throws -> Response {
        json(Array(try JSONEncoder.sorted.encode(value)), status: status, headers: headers)
    }
}
