// NDJSON batch assessment: one case document per input line, one JSON result per output line in
// the same order; a bad line yields {"error": …} for that line and the rest go on.

import Foundation

/// The JSON written for a line that could not be assessed.
public struct LineError: Sendable, Equatable, JSONFields {
    public var error: CaseValidationError
    public var errors: [CaseValidationError]

    public init(errors: [CaseValidationError]) {
        self.error = errors.first ?? CaseValidationError(path: "", message: "invalid case document")
        self.errors = errors
    }

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("error", error)
        v.field("errors", errors)
    }
}

extension CaseValidationError: JSONFields {
    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("message", message)
        v.field("path", path)
    }
}

public struct BatchAssessor: Sendable {
    public let today: CalendarDate
    public private(set) var assessed = 0
    public private(set) var rejected = 0

    public init(today: CalendarDate) { self.today = today }

    /// Assesses one line (without its newline) and appends one JSON line to `out`.
    public mutating func process(line: UnsafeBufferPointer<UInt8>, into out: inout JSONWriter) {
        var end = line.count
        if end > 0, line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let body = UnsafeBufferPointer(rebasing: line[0..<end])
        let result: Result<Case, CaseValidationErrors>
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            result = .failure(CaseValidationErrors(errors: [CaseValidationError(path: "", message: "empty line: expected one case document")]))
        } else {
            result = CaseDocument.decode(body, today: today)
        }
        switch result {
        case .success(let c):
            assessed += 1
            out.writeObject(assess(c, today: today))
        case .failure(let e):
            rejected += 1
            out.writeObject(LineError(errors: e.errors))
        }
        out.appendRaw(UInt8(ascii: "\n"))
    }

    /// Splits `input` into lines and processes each, calling `flush` whenever the output
    /// buffer passes `flushThreshold` bytes (and once at the end).
    public mutating func process(_ input: [UInt8], flushThreshold: Int = 1 << 16, flush: (UnsafeBufferPointer<UInt8>) -> Void) {
        var out = JSONWriter(capacity: flushThreshold + 64 * 1024)
        input.withUnsafeBufferPointer { buf in
            var start = 0
            while start < buf.count {
                // memchr finds the newline many bytes at a time (a case is about 1.5 KB).
                let base = buf.baseAddress!
                var end = buf.count
                if let nl = memchr(base + start, 0x0A, buf.count - start) {
                    end = UnsafePointer(nl.assumingMemoryBound(to: UInt8.self)) - base
                }
                process(line: UnsafeBufferPointer(rebasing: buf[start..<end]), into: &out)
                if out.count >= flushThreshold {
                    out.withBytes(flush)
                    out.reset()
                }
                start = end + 1
            }
        }
        if out.count > 0 { out.withBytes(flush) }
    }
}
