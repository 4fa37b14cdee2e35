// Shared test helpers: a date helper, a small valid `Case` built in Swift, and the worked
// vignettes of the clinical reference (shared/clinical/vignettes.json) read at test time.
import Foundation
@testable import SpineCore

/// A calendar date from `YYYY-MM-DD`; traps on a malformed literal (a bug in the test itself).
func day(_ iso: String) -> CalendarDate {
    guard let date = CalendarDate(iso: iso) else { preconditionFailure("not an ISO date: \(iso)") }
    return date
}

enum TestCases {
    /// The assessment date every vignette (and `makeCase`) uses.
    static let today = day("2026-03-01")

    /// A lesion with every SINS item and its ESCC recorded. Defaults: occasional pain (1), lytic (2),
    /// normal alignment (0), no collapse (0), no posterolateral involvement (0), ESCC 0, so its SINS
    /// is the location points + 3. Pass `nil` for an item to leave it unrecorded.
    static func lesion(
        _ levels: [VertebralLevel],
        pain: LesionPain? = .occasional,
        boneLesion: BoneLesionType? = .lytic,
        alignment: SpinalAlignment? = .normal,
        collapse: VertebralCollapse? = VertebralCollapse.none,
        posterolateral: PosterolateralInvolvement? = PosterolateralInvolvement.none,
        escc: EpiduralCompressionGrade? = .g0
    ) -> SpinalLesion {
        var l = SpinalLesion(levels: levels)
        l.pain = pain
        l.boneLesion = boneLesion
        l.alignment = alignment
        l.collapse = collapse
        l.posterolateral = posterolateral
        l.escc = escc
        l.bonyRetropulsion = false
        return l
    }

    /// Visceral metastases present at `sites`, with the Tokuhashi and Tomita readings.
    static func visceral(_ sites: [VisceralSite], removable: Bool, treatable: Bool) -> Visceral {
        var v = Visceral()
        v.present = true
        v.sites = sites
        v.surgicallyRemovable = removable
        v.treatable = treatable
        return v
    }

    /// A small valid case (it passes `CaseDocument` validation) with every scoring input recorded,
    /// so each instrument computes. Defaults (histology breast, one T8 lesion from `lesion`):
    /// no extraspinal or visceral metastases, Frankel E walking independently without a deficit,
    /// Karnofsky 90, albumin 4.0 g/dL, 24 months from diagnosis, assessed on `today`.
    /// `involvedLevels` defaults to the lesions' levels. Adjust anything else in `modify`.
    static func makeCase(
        histology: String = "breast",
        lesions: [SpinalLesion] = [lesion([.t8])],
        involvedLevels: [VertebralLevel]? = nil,
        _ modify: (inout Case) -> Void = { _ in }
    ) -> Case {
        precondition(HistologyCatalogue.entry(histology) != nil, "unknown histology code \(histology)")
        var primary = PrimaryTumor(histology: histology)
        primary.monthsFromDiagnosisToSpinalMetastasis = 24
        primary.status = .stable
        let involved = involvedLevels ?? lesions.flatMap(\.levels)
        var c = Case(patient: Patient(id: "TEST-0001"), primaryTumor: primary,
                     spine: Spine(involvedLevels: involved, lesions: lesions))
        c.assessedOn = today
        c.otherMetastases.extraspinalBoneCount = 0
        c.otherMetastases.visceral.present = false
        c.neurology.frankel = .e
        c.neurology.ambulation = .independent
        c.neurology.deficit = NeurologicalDeficit.none
        c.neurology.bladderBowelDysfunction = false
        c.performance.karnofsky = 90
        c.labs.albumin = Albumin(value: 4.0, unit: .gramsPerDecilitre)
        c.systemic.medicallyOperable = true
        c.systemic.clinicianSurvivalEstimateMonths = 12
        modify(&c)
        return c
    }

    // MARK: - Vignettes (reference §16, shared/clinical/vignettes.json)

    /// One worked vignette: its case document and the expected results, as parsed JSON.
    struct Vignette: Sendable {
        let id: String
        let title: String
        let caseDocument: JSONValue
        let expected: JSONValue
    }

    struct VignetteFileError: Error, CustomStringConvertible {
        let description: String
    }

    /// The package root: the nearest directory above this source file holding Package.swift.
    static let packageRoot: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir.deleteLastPathComponent()
        }
        preconditionFailure("no Package.swift above \(#filePath)")
    }()

    /// `<package root>/../shared/clinical/vignettes.json`.
    static var vignettesURL: URL {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/clinical/vignettes.json").standardizedFileURL
    }

    /// Every vignette by id, read and parsed once.
    static let vignettes: Result<[String: Vignette], VignetteFileError> = {
        let url = vignettesURL
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(VignetteFileError(description:
                "vignettes.json not found at \(url.path): the tests read the clinical reference's vignettes from ../shared/clinical/vignettes.json beside the package root \(packageRoot.path)"))
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse([UInt8](data))
        } catch {
            return .failure(VignetteFileError(description: "\(url.path) is not valid JSON: \(error)"))
        }
        guard case let .object(members) = root else {
            return .failure(VignetteFileError(description: "\(url.path): the top level must be an object keyed by vignette id"))
        }
        var result: [String: Vignette] = [:]
        for (id, value) in members {
            guard let document = value["case"], let expected = value["expected"] else {
                return .failure(VignetteFileError(description: "\(url.path): \(id) lacks \"case\" or \"expected\""))
            }
            result[id] = Vignette(id: id, title: value["title"]?.stringValue ?? "", caseDocument: document, expected: expected)
        }
        return .success(result)
    }()

    /// One vignette by id; throws a descriptive error if the file or the id is missing.
    static func vignette(_ id: String) throws -> Vignette {
        let all = try vignettes.get()
        guard let v = all[id] else {
            throw VignetteFileError(description: "\(vignettesURL.path) has no vignette \(id) (has: \(all.keys.sorted().joined(separator: ", ")))")
        }
        return v
    }
}

// MARK: - Reading parsed JSON in tests

extension JSONValue {
    /// The member `key` of an object (nil for other values or an absent member).
    subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }
    /// The member names of an object, in document order.
    var keys: [String] {
        guard case let .object(members) = self else { return [] }
        return members.map(\.key)
    }
    var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }
    var intValue: Int? {
        if case let .number(n, isInteger) = self, isInteger { return Int(n) }
        return nil
    }
    var boolValue: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }
}
