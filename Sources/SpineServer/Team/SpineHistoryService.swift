// The spine over time, per vertebral level: what each case version recorded there (the lesion's
// SINS total from the stored assessment, its ESCC and collapse), the treatments delivered there
// (hardware included), and the radiation it has had with the cumulative dose and EQD2 for the
// spinal cord (α/β = 2 Gy, stated as such), so a re-irradiation or re-operation question is
// answered from the record.
import Fluent
import Foundation
import SpineCore
import Vapor

struct LevelHistory: Content {
    struct Observation: Content {
        var caseVersion: Int
        var recordedAt: String
        var lesion: String
        var sins: Int?
        var sinsCategory: String?
        var escc: String?
        var collapse: String?
        var priorRadiation: String?
    }
    struct Course: Content {
        var doseGy: Double
        var fractions: Int
        var on: String?
        var eqd2Gy: Double
        var source: String
    }
    var level: String
    var observations: [Observation]
    var treatments: [TreatmentView]
    var radiation: [Course]
    var cumulativeDoseGy: Double
    var cumulativeEQD2Gy: Double
    /// What the sums could not tell apart (an undated course recorded more than once).
    var doseNotes: [String]
}

struct SpineHistoryView: Content {
    var caseId: String
    var currentVersion: Int
    var levels: [LevelHistory]
    var eqd2Statement: String
    var disclaimer: String
}

enum SpineHistoryService {
    static func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }

    static func history(caseID: UUID, on db: any Database) async throws -> SpineHistoryView {
        guard let head = try await CaseModel.find(caseID, on: db) else { throw Problem.notFound("no case \(caseID)") }
        let versions = try await CaseVersionModel.query(on: db).filter(\.$caseHead.$id == caseID).sort(\.$version).all()
        let snapshots = try await AssessmentSnapshotModel.query(on: db).filter(\.$caseHead.$id == caseID).sort(\.$createdAt).all()
        var snapshotByVersion: [Int: Data] = [:]
        for s in snapshots { snapshotByVersion[s.caseVersion] = s.output }
        var observations: [VertebralLevel: [LevelHistory.Observation]] = [:]
        var courses: [RadiationCourse] = []
        for v in versions {
            let assessedOn = snapshots.first { $0.caseVersion == v.version }.flatMap { s -> String? in
                ((try? JSONSerialization.jsonObject(with: s.output)) as? [String: Any])?["assessedOn"] as? String
            } ?? head.assessedOn
            guard let recorded = StoredCase.value(of: v.document, assessedOn: assessedOn) else { continue }
            let perLesion = sinsPerLesion(snapshotByVersion[v.version])
            courses += SpineHistory.courses(in: recorded, source: "case version \(v.version)")
            for (i, lesion) in recorded.spine.lesions.enumerated() {
                let name = VertebralLevel.describe(lesion.levels)
                let sins = i < perLesion.count ? perLesion[i] : (nil, nil)
                let rt = lesion.priorRadiation.map { "\(Words.dose($0.doseGy)) Gy / \($0.fractions)\($0.on.map { " on \($0)" } ?? "")" }
                for level in lesion.levels {
                    observations[level, default: []].append(.init(
                        caseVersion: v.version, recordedAt: ISOTimestamp.iso8601(v.createdAt), lesion: name, sins: sins.0,
                        sinsCategory: sins.1, escc: lesion.escc?.rawValue, collapse: lesion.collapse?.rawValue, priorRadiation: rt))
                }
            }
        }
        let treatments = try await FollowUpService.treatments(caseID: caseID, on: db)
        var treatmentsByLevel: [VertebralLevel: [TreatmentView]] = [:]
        for t in treatments {
            let levels = t.levels.split(separator: ",").compactMap { VertebralLevel(code: String($0)) }
            let view = try FollowUpService.treatmentView(t)
            for l in levels { treatmentsByLevel[l, default: []].append(view) }
            if t.kind == "radiation", let d = t.doseGy, let n = t.fractions {
                courses.append(RadiationCourse(levels: levels, doseGy: d, fractions: n, on: CalendarDate(iso: t.givenOn),
                                               source: "delivered, recorded by \(t.authorUsername)"))
            }
        }
        let doses = Dictionary(uniqueKeysWithValues: SpineHistory.doses(courses).map { ($0.level, $0) })
        let levels = Set(observations.keys).union(treatmentsByLevel.keys).union(doses.keys).sorted()
        return SpineHistoryView(
            caseId: caseID.uuidString, currentVersion: head.currentVersion,
            levels: levels.map { level in
                let dose = doses[level]
                return LevelHistory(
                    level: level.code, observations: observations[level] ?? [], treatments: treatmentsByLevel[level] ?? [],
                    radiation: (dose?.courses ?? []).map {
                        .init(doseGy: $0.doseGy, fractions: $0.fractions, on: $0.on?.description, eqd2Gy: round1($0.eqd2CordAlphaBeta2), source: $0.source)
                    },
                    cumulativeDoseGy: round1(dose?.cumulativeDoseGy ?? 0), cumulativeEQD2Gy: round1(dose?.cumulativeEQD2Gy ?? 0),
                    doseNotes: dose?.notes ?? [])
            },
            eqd2Statement: SpineHistory.eqd2Statement, disclaimer: Rules.disclaimer)
    }

    /// Each lesion's SINS total and category as the stored assessment showed them.
    static func sinsPerLesion(_ output: Data?) -> [(Int?, String?)] {
        guard let output, let json = (try? JSONSerialization.jsonObject(with: output)) as? [String: Any],
              let sins = (json["scores"] as? [String: Any])?["sins"] as? [String: Any] else { return [] }
        let list = (sins["perLesion"] as? [[String: Any]]) ?? [sins]
        return list.map { ($0["total"] as? Int, $0["category"] as? String) }
    }
}
