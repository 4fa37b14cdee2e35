// Bilsky epidural spinal cord compression (ESCC) grade of the case (reference §2).

public enum EpiduralCompressionScale {
    public static let citation = "Bilsky MH, Laufer I, Fourney DR, et al. J Neurosurg Spine 2010;13(3):324–328"

    static func definition(_ key: EpiduralCompressionGrade) -> String {
        switch key {
        case .g0: "bone-only disease"
        case .g1a: "epidural impingement without deformation of the thecal sac"
        case .g1b: "deformation of the thecal sac without spinal cord abutment"
        case .g1c: "deformation of the thecal sac with spinal cord abutment, without cord compression"
        case .g2: "spinal cord compression with CSF visible around the cord"
        case .g3: "spinal cord compression without CSF visible around the cord"
        }
    }

    /// The case's grade is the most severe across its lesions (case-format.md).
    public static func assess(_ facts: CaseFacts) -> EsccResult {
        var r = EsccResult(citation: citation)
        guard let grade = facts.escc, let index = facts.esccLesionIndex else {
            r.status = "incomplete"
            r.missing = facts.c.spine.lesions.indices.filter { facts.c.spine.lesions[$0].escc == nil }
                .map { phrase("spine.lesions[\($0)].escc") }
            return r
        }
        r.status = "computed"
        r.grade = grade.rawValue
        r.highGrade = grade.isHighGrade
        r.greyZone = grade.isGreyZone
        r.lesion = facts.c.spine.lesions[index].name
        r.definition = definition(grade)
        if grade.isGreyZone {
            r.note = "1c is counted as low-grade for the NOMS pathway (SpineBoard decision 1); grey zone: separation surgery may be considered for radioresistant tumours"
        }
        return r
    }
}

public struct EsccResult: Sendable, Equatable, JSONFields {
    public var status = "incomplete"
    public var grade: String?
    public var highGrade: Bool?
    public var greyZone: Bool?
    public var lesion: String?
    public var definition: String?
    public var note: String?
    public var missing: [String]?
    public var citation: String

    public func visit<V: FieldVisitor>(_ v: inout V) {
        v.field("citation", citation)
        v.field("definition", definition)
        v.field("grade", grade)
        v.field("greyZone", greyZone)
        v.field("highGrade", highGrade)
        v.field("lesion", lesion)
        v.field("missing", missing)
        v.field("note", note)
        v.field("status", status)
    }
}
