// Request bodies of the team routes are checked for unknown members before decoding, as the case
// document is: a misspelt field ("esc" for "escc") must be an error naming it, not silently dropped.
import Foundation
import SpineCore
import Vapor

/// The members an object may have; a member's value may itself be an object (or array of objects) with its own shape.
indirect enum JSONShape: Sendable {
    case object([String: JSONShape?])

    static func keys(_ names: String...) -> JSONShape { .object(Dictionary(uniqueKeysWithValues: names.map { ($0, nil) })) }
}

protocol StrictJSONInput: Decodable {
    static var shape: JSONShape { get }
}

extension JSONShape {
    /// Free-text members, where line breaks and tabs are allowed (every other text is one line).
    static let multilineMembers: Set<String> = ["text", "notes", "patientPreferences", "departureReason", "note", "detail", "reason",
                                                "systemicPlan", "rehabilitationPlan", "goalsOfCare", "bracing"]

    /// Every unknown member, by path.
    func unknownMembers(of value: JSONValue, path: String = "", into unknown: inout [String]) {
        switch value {
        case .array(let items):
            for (i, item) in items.enumerated() { unknownMembers(of: item, path: "\(path)[\(i)]", into: &unknown) }
        case .object(let object):
            guard case .object(let members) = self else { return }
            for (key, member) in object {
                let memberPath = path.isEmpty ? key : "\(path).\(key)"
                guard let shape = members[key] else {
                    if !members.keys.contains(key) { unknown.append(memberPath) }
                    continue
                }
                shape?.unknownMembers(of: member, path: memberPath, into: &unknown)
            }
        default:
            return
        }
    }
}

enum InputChecks {
    /// A list of codes: each must pass `isValid` (else `invalid` at `path[i]`), and none may repeat
    /// an earlier one (`repeats X`, then `; repeatHint` when given).
    static func codeList(_ values: [String], _ path: String, isValid: (String) -> Bool, invalid: String,
                         repeatHint: String? = nil, _ err: (String, String) -> Void) {
        for (i, value) in values.enumerated() {
            if !isValid(value) {
                err("\(path)[\(i)]", invalid)
            } else if values[..<i].contains(value) {
                err("\(path)[\(i)]", "repeats \(value)" + (repeatHint.map { "; " + $0 } ?? ""))
            }
        }
    }
}

/// The same rule where an input arrives from a web form rather than a JSON body: the services
/// check what they are given, so both ways in refuse the same characters.
enum EnteredText {
    static func check<T: Encodable>(_ input: T) throws {
        guard let data = try? JSONEncoder().encode(input), let value = try? JSONParser.parse(Array(data)) else { return }
        let errors = errors(in: value)
        guard !errors.isEmpty else { return }
        throw refusal(errors)
    }

    /// Every text of a request body that the rule refuses, by path.
    static func errors(in value: JSONValue) -> [CaseValidationError] {
        var errors: [CaseValidationError] = []
        walk(value, path: "", multiline: false, into: &errors)
        return errors
    }

    static func refusal(_ errors: [CaseValidationError]) -> Problem {
        Problem(status: .unprocessableEntity, type: Problem.kind("invalid-request"), title: "The request is not valid",
                detail: "\(errors.count) field\(errors.count == 1 ? "" : "s") with characters that are not allowed; see errors[]",
                errors: errors)
    }

    /// Each member is free text or one line by its own name.
    private static func walk(_ value: JSONValue, path: String, multiline: Bool, into errors: inout [CaseValidationError]) {
        switch value {
        case .object(let members):
            for (key, member) in members {
                walk(member, path: path.isEmpty ? key : "\(path).\(key)", multiline: JSONShape.multilineMembers.contains(key), into: &errors)
            }
        case .array(let items):
            for (i, item) in items.enumerated() { walk(item, path: "\(path)[\(i)]", multiline: multiline, into: &errors) }
        case .string(let s):
            // The case document's rule (SpineCore `TextSafety`). A browser sends a textarea's line
            // breaks as CR LF: in free text they count as one.
            let text = multiline && s.contains("\r\n") ? s.replacingOccurrences(of: "\r\n", with: "\n") : s
            if TextSafety.refuses(text, multiline: multiline) {
                errors.append(CaseValidationError(path: path, message: TextSafety.message(multiline: multiline)))
            }
        default:
            return
        }
    }
}

extension Request {
    /// Decodes a team request body like the case document: the core's parser (duplicate member
    /// names refused), unknown members refused (422, each named), control characters refused in
    /// every text (line breaks only in free text), then the typed decoding.
    func decodeStrict<T: StrictJSONInput>(_ type: T.Type) throws -> T {
        let body = try jsonBody()
        let value: JSONValue
        do {
            value = try JSONParser.parse(body.readableBytesView)
        } catch {
            throw Problem.badRequest("the body is not valid JSON: \(error.message)")
        }
        guard case .object = value else { throw Problem.invalid("the body must be a JSON object", path: "") }
        var unknown: [String] = []
        T.shape.unknownMembers(of: value, into: &unknown)
        let text = EnteredText.errors(in: value)
        if !unknown.isEmpty {
            throw Problem(status: .unprocessableEntity, type: Problem.kind("unknown-field"), title: "Unknown fields",
                          detail: "\(unknown.count) unknown field\(unknown.count == 1 ? "" : "s"); see errors[]",
                          errors: unknown.map { .init(path: $0, message: "unknown field; check its spelling against the API description") }
                              + text)
        }
        if !text.isEmpty { throw EnteredText.refusal(text) }
        var huge: [String] = [], fractional: [String] = []
        Self.unusualNumbers(value, path: "", huge: &huge, fractional: &fractional)
        if !huge.isEmpty {
            throw Problem(status: .unprocessableEntity, type: Problem.kind("invalid-request"), title: "The request is not valid",
                          detail: "numbers out of range; see errors[]", errors: huge.map { .init(path: $0, message: "is out of range") })
        }
        do {
            return try decodeJSON(T.self)
        } catch let problem as Problem where problem.status == .badRequest && !fractional.isEmpty {
            // Foundation's decoder reports a fraction given for a whole number as invalid JSON,
            // without a path; the fractions in the body are the ones that can be at fault.
            throw Problem(status: .unprocessableEntity, type: Problem.kind("invalid-request"), title: "The request is not valid",
                          detail: "a fraction where a whole number is needed; see errors[]",
                          errors: fractional.map { .init(path: $0, message: "must be a whole number") })
        }
    }

    /// Numbers no field takes (beyond ±10^15, where a Double stops holding every whole number
    /// exactly) and numbers with a fraction, by path.
    static func unusualNumbers(_ value: JSONValue, path: String, huge: inout [String], fractional: inout [String]) {
        switch value {
        case .number(let x, let isInteger):
            if !x.isFinite || abs(x) > 1e15 { huge.append(path) } else if !isInteger { fractional.append(path) }
        case .array(let items):
            for (i, item) in items.enumerated() { unusualNumbers(item, path: "\(path)[\(i)]", huge: &huge, fractional: &fractional) }
        case .object(let members):
            for (key, member) in members {
                unusualNumbers(member, path: path.isEmpty ? key : "\(path).\(key)", huge: &huge, fractional: &fractional)
            }
        default:
            return
        }
    }
}

extension TeamMemberInput: StrictJSONInput { static let shape = JSONShape.keys("username", "role", "reason") }
extension ScheduleInput: StrictJSONInput { static let shape = JSONShape.keys("meeting") }
extension AgendaInput: StrictJSONInput { static let shape = JSONShape.keys("caseId") }
extension AttendeeInput: StrictJSONInput { static let shape = JSONShape.keys("username") }
extension TaskChangeInput: StrictJSONInput { static let shape = JSONShape.keys("reason", "username") }
extension MeetingInput: StrictJSONInput { static let shape = JSONShape.keys("title", "startsAt", "attendees") }
extension TreatmentInput: StrictJSONInput { static let shape = JSONShape.keys("kind", "levels", "givenOn", "doseGy", "fractions", "detail") }
extension FollowUpInput: StrictJSONInput {
    static let shape = JSONShape.object([
        "visitDate": nil, "painScore": nil, "frankel": nil, "asia": nil, "ambulation": nil, "neuroSymptoms": nil, "bladderBowelDysfunction": nil,
        "karnofsky": nil, "ecog": nil, "notes": nil,
        "patientReported": .keys("painNRS", "mobility", "selfCare", "usualActivities", "painDiscomfort", "anxietyDepression"),
    ])
}
extension ReviewInput: StrictJSONInput {
    static let shape = JSONShape.object([
        "caseVersion": nil, "text": nil, "levelsConfirmed": nil, "operability": nil, "instabilityAgreed": nil, "proposedOption": nil,
        "priorRadiationNoted": nil, "systemicPlan": nil, "expectedSurvivalMonths": nil, "embolizationAdvised": nil,
        "cementAugmentationCandidate": nil, "rehabilitationPlan": nil, "bracing": nil, "goalsOfCare": nil,
        "lesions": .keys("levels", "pain", "boneLesion", "alignment", "collapse", "posterolateral", "escc", "bonyRetropulsion"),
        "proposedRegimen": .keys("doseGy", "fractions", "technique"),
    ])
}
extension DecisionInput: StrictJSONInput {
    static let shape = JSONShape.object([
        "caseVersion": nil, "meetingId": nil, "goals": nil, "patientPreferences": nil, "departureReason": nil, "note": nil,
        "options": .keys("code", "regimen"), "dissent": .keys("username", "reason"),
    ])
}
extension UserController.NewUser: StrictJSONInput { static let shape = JSONShape.keys("username", "role", "password") }
