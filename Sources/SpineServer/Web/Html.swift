// Safe-by-default HTML: every interpolated `String` is escaped; only `Html` values (built the same
// way) are inserted as markup. This is the one escaping helper every page uses.
import Foundation
import SpineCore

struct Html: ExpressibleByStringInterpolation, Sendable {
    var raw: String

    init(raw: String) { self.raw = raw }
    init(stringLiteral value: String) { raw = value }
    init(stringInterpolation: StringInterpolation) { raw = stringInterpolation.out }

    static let empty = Html(raw: "")

    struct StringInterpolation: StringInterpolationProtocol {
        var out = ""
        init(literalCapacity: Int, interpolationCount: Int) { out.reserveCapacity(literalCapacity + interpolationCount * 16) }
        mutating func appendLiteral(_ literal: String) { out += literal }
        /// Text: always escaped.
        mutating func appendInterpolation(_ text: String) { out += Html.escape(text) }
        mutating func appendInterpolation(_ text: String?) { out += Html.escape(text ?? "") }
        mutating func appendInterpolation(_ text: SpineCore.Text) { out += Html.escape(text.string) }
        mutating func appendInterpolation(_ number: Int) { out += String(number) }
        mutating func appendInterpolation(_ html: Html) { out += html.raw }
        mutating func appendInterpolation(_ parts: [Html]) { for p in parts { out += p.raw } }
    }

    /// Escapes text for element content and double- or single-quoted attribute values.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A query-string component (then escaped as text when interpolated into an attribute).
    static func query(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    static func join(_ parts: [Html], separator: Html = .empty) -> Html {
        Html(raw: parts.map(\.raw).joined(separator: separator.raw))
    }
}

extension Array where Element == Html {
    func joined(_ separator: Html = .empty) -> Html { Html.join(self, separator: separator) }
}
