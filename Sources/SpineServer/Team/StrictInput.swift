// Request bodies of the team routes are checked for unknown members before decoding, as the case
// document is: a misspelt field ("esc" for "escc") must be an error naming it, not silently dropped.
import Foundation
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
    /// Every unknown member, by path.
    func unknownMembers(of value: Any, path: String = "") -> [String] {
        guard case .object(let members) = self else { return [] }
        if let array = value as? [Any] {
            return array.enumerated().flatMap { unknownMembers(of: $0.element, path: "\(path)[\($0.offset)]") }
        }
        guard let object = value as? [String: Any] else { return [] }
        var found: [String] = []
        for (key, member) in object.sorted(by: { $0.key < $1.key }) {
            let memberPath = path.isEmpty ? key : "\(path).\(key)"
            guard let shape = members[key] else {
                if !members.keys.contains(key) { found.append(memberPath) }
                continue
            }
            found += shape?.unknownMembers(of: member, path: memberPath) ?? []
        }
        return found
    }
}

extension Request {
    /// Decodes a team request body, refusing unknown members (422, each named) like the case document.
    func decodeStrict<T: StrictJSONInput>(_ type: T.Type) throws -> T {
        let body = try jsonBody()
        if let json = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) {
            let unknown = T.shape.unknownMembers(of: json)
            if !unknown.isEmpty {
                throw Problem(status: .unprocessableEntity, type: Problem.kind("unknown-field"), title: "Unknown fields",
                              detail: "\(unknown.count) unknown field\(unknown.count == 1 ? "" : "s"); see errors[]",
                              errors: unknown.map { .init(path: $0, message: "unknown field; check its spelling against the API description") })
            }
        }
        return try decodeJSON(T.self)
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
        "visitDate": nil, "painScore": nil, "frankel": nil, "asia": nil, "ambulation": nil, "karnofsky": nil, "ecog": nil, "notes": nil,
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
