// NOMS (reference §11.3 rules R0–R6), the Patchell and en bloc checks, LMNOP, ranked treatment
// options adjusted to the patient's context, and referrals by team role.

enum Citations {
    static let noms = "Laufer I, Rubin DG, Lis E, et al. The NOMS framework. Oncologist 2013;18(6):744–751"
    static let lmnop = "Paton GR, Frangou E, Fourney DR. Can J Neurol Sci 2011;38(3):396–403"
    static let patchell = "Patchell RA, et al. Lancet 2005;366:643–648"
    static let astro2017 = "Lutz S, et al. ASTRO guideline, Pract Radiat Oncol 2017;7:4–12"
    static let astro2024 = "Alcorn S, et al. ASTRO guideline, Pract Radiat Oncol 2024"
    static let sc24 = "Sahgal A, et al. SC.24, Lancet Oncol 2021;22:1023"
    static let scorad = "Hoskin PJ, et al. SCORAD III, JAMA 2019;322:2084–2094"
    static let esmoBone = "Coleman R, et al. ESMO bone health guideline, Ann Oncol 2020;31:1650"
    static let ng234 = "NICE NG234 (2023)"
    static let tomitaEnBloc = "Tomita 2001 Spine 26:298; Tokuhashi 2005 Spine 30:2186 (reference §11.3 R5)"
    static let augmentation = "Reference §12.4 (vertebral augmentation); Berenson J, et al. CAFE, Lancet Oncol 2011"
    static let transfusion = "Carson JL, et al. AABB red cell transfusion guidelines, JAMA 2023;330:1892"

    // Citations that combine two sources, joined once rather than at every assessment.
    static let ng234Dexamethasone = "\(ng234); ASTRO 2024: RT with dexamethasone over RT alone for MSCC"
    static let ng234Supportive = "\(ng234); reference §12.7"
    static let nomsAstro2017 = "\(noms); \(astro2017)"
    static let nomsMsccRegimens = "\(noms); ASTRO 2024 (MSCC regimens)"
    static let nomsAugmentation = "\(noms); \(augmentation)"
    static let fisherNoms = "Fisher 2010 Spine 35:E1221; \(noms)"
    static let nomsHybrid = "\(noms); Laufer I, et al. J Neurosurg Spine 2013"
    static let nomsSc24 = "\(noms); \(sc24)"
    static let astro2024Sc24 = "\(astro2024); \(sc24)"
}

/// A treatment option while the rules build the list.
struct Candidate {
    var code: TreatmentOption
    var priority: Int
    var order: Int
    var regimen: String?
    var alternativeRegimens: [String] = []
    var rationale: [Rationale] = []
    var contextNotes: [Text] = []
    var cautions: [Text] = []
}

/// The rules of one assessment, run once by `assess()`. A struct, not a class: every access to a
/// class's stored `var` was checked for exclusivity at run time (thread-local bookkeeping on each
/// of the rules' many reads and writes). Methods that only read are `mutating` too: called from a
/// mutating method, a non-mutating one was handed a copy of the whole struct (15 per assessment,
/// each retaining and releasing every member). Together: `assess()` 4.8 % fewer instructions.
struct ClinicalReasoning {
    let facts: CaseFacts
    let scoresBox: ScoresBox
    var scores: Scores { _read { yield scoresBox.scores } }
    let prognosis: PrognosisPanel
    let urgency: Urgency
    /// The case, read in place: a stored copy retained and released every member of it.
    var c: Case { _read { yield facts.c } }

    var warnings = [Text](capacity: 4)
    var rulesApplied = [Text](capacity: 4)
    /// Room for every option from the start: the list never regrows.
    var candidates = [Candidate](capacity: TreatmentOption.allCases.count)
    private(set) var noms: NomsAssessment!
    private(set) var patchell: CriteriaCheck!
    private(set) var enBloc: CriteriaCheck!
    private(set) var lmnop: Lmnop!

    // Derived once.
    var radiosensitivity: RadiosensitivityClass = .unclassified
    var indexLesion: SpinalLesion
    var mechanicalLesion: SpinalLesion?
    /// The lesions an open decompression operates on, with that operation (R3, R4): R2's fixation
    /// of such a lesion, or of one next to it, is part of that operation.
    var operatedLesions: [(lesion: SpinalLesion, operation: TreatmentOption)] = []
    var stabilisation: StabilisationNeed = .unknown
    var gated = false
    /// Open surgery is on the list but the patient avoids it or declined every operation on it.
    private(set) var surgeryOffByPatient = false
    /// SBRT's note that it follows R2's stabilisation, and the instability it quotes: restated
    /// when the patient's choice takes the stabilisation away (applyPreferences).
    var sbrtAfterStabilisation: (note: Text, sins: KnownInstability)?
    /// "histology <code>": a fact of three criteria, written once.
    let histologyFact: Text
    /// The totals the rules read, summed once (reading one through the shared scores copied the
    /// whole result, with every member retained and released, at each read).
    let tokuhashiTotal, tomitaTotal, nesmsTotal, radesTotal: Int?
    /// The SINS of the lesion that decides the mechanical arm (`mechanicalLesion`); nil when
    /// stability cannot be judged.
    private(set) var mechanicalSins: KnownInstability?
    /// R2 read lesion by lesion (SINS is lesion-specific, reference §1.5): every lesion whose SINS
    /// is known — its total, or, with items missing, a lower bound already 7 or more (safe side:
    /// a lesion known to be unstable is not hidden by missing data) — in the case's order.
    private(set) var mechanicalReadings: [MechanicalReading] = []
    /// R2's fixations, one per lesion, in the order they were added.
    private(set) var fixations: [Fixation] = []
    /// The highest SINS known for any lesion (SC.24's eligibility reads it).
    let highestSinsPoints: Int?
    /// The ESCC the NOMS pathway reads: the case's when every lesion is graded, or else a known
    /// high-grade compression, which no missing grade can make low-grade (reference §15.1: a
    /// missing item is never read as 0); nil when the grade that decides is not known.
    let nomsEscc: EpiduralCompressionGrade?

    enum StabilisationNeed {
        case required, favoured, consultOnly, none, unknown
        /// How much the need asks of the team: the lesion asking most decides the mechanical arm.
        var demand: Int {
            switch self { case .required: 3; case .favoured: 2; case .consultOnly: 1; case .none, .unknown: 0 }
        }
        var stabilises: Bool { self == .required || self == .favoured }
    }

    /// One lesion's R2 reading (reference §11.3): its SINS, and what that asks for.
    struct MechanicalReading {
        let sins: KnownInstability
        let lesion: SpinalLesion
        let need: StabilisationNeed

        init(sins: KnownInstability, lesion: SpinalLesion) {
            self.sins = sins
            self.lesion = lesion
            if sins.points >= 13 {
                need = .required
            } else if sins.points >= 7 {
                // An alignment not recorded is not a deformity.
                let deformity = lesion.alignment.map { $0 != .normal } ?? false
                need = lesion.pain == .mechanical || deformity ? .favoured : .consultOnly
            } else {
                need = .none
            }
        }

        /// True when this reading asks more of the team than `other`: a greater need, then a
        /// higher SINS, then an exact total before a lower bound, then the more cranial lesion
        /// (a total order: the result never depends on the order the lesions were entered in).
        func asksMore(than other: MechanicalReading) -> Bool {
            if need.demand != other.need.demand { return need.demand > other.need.demand }
            if sins.points != other.sins.points { return sins.points > other.sins.points }
            if sins.exact != other.sins.exact { return sins.exact }
            return lesion.starts(above: other.lesion)
        }
    }

    /// R2's fixation of one lesion, kept until R3 has run (see `mergeStabilisationIntoDecompression`).
    struct Fixation {
        let lesion: SpinalLesion
        let regimen: String
        let rationale: Rationale
        let priority: Int
    }

    /// An explanation text of this assessment, written into its arena.
    @inline(__always) mutating func phrase(_ p: consuming Phrase) -> Text { p.interpolation.text(in: facts.arena) }
    /// The texts joined by `separator`, as one text of this assessment.
    mutating func join(_ texts: [Text], _ separator: StaticString) -> Text { texts.joinedPhrase(separator: separator, in: facts.arena) }

    /// `totals` are read by the caller from the scores it holds.
    init(facts: CaseFacts, scoresBox: ScoresBox, totals: ScoreTotals, prognosis: PrognosisPanel, urgency: Urgency) {
        self.facts = facts
        self.scoresBox = scoresBox
        self.prognosis = prognosis
        self.urgency = urgency
        let lesions = facts.c.spine.lesions
        if let i = facts.esccLesionIndex {
            nomsEscc = facts.escc
            indexLesion = lesions[i]
        } else if let known = facts.highestKnownEscc, known.isHighGrade, let i = facts.highestKnownEsccIndex {
            nomsEscc = known
            indexLesion = lesions[i]
        } else {
            // The grade that decides is not known: R3 still reads bony retropulsion wherever it is
            // recorded (then the most cranial lesion), not whichever lesion was entered first.
            nomsEscc = nil
            var first = lesions[0]
            for lesion in lesions.dropFirst() where CaseFacts.readFirst(lesion, before: first) { first = lesion }
            indexLesion = first
        }
        var h: Phrase = "histology \(facts.histology.code)"
        histologyFact = h.interpolation.text(in: facts.arena)
        (tokuhashiTotal, tomitaTotal, nesmsTotal, radesTotal) = totals
        highestSinsPoints = scoresBox.scores.sins.knownInstability?.points
    }

    /// True when `nomsEscc` is a known high-grade compression with another lesion not graded.
    var esccFromGradedLesionsOnly: Bool { nomsEscc != nil && facts.escc == nil }
    var escc: EpiduralCompressionGrade? { nomsEscc }
    /// Symptomatic compression, which SBRT's evidence excludes (SC.24: "no neurologically
    /// symptomatic cord or cauda compression"; ASTRO 2024: "no neurological symptoms or signs",
    /// reference §12.2): without surgery it gets cEBRT's MSCC regimens (§12.1).
    var symptomaticCompression: Bool { facts.hasNeurologicalSymptomsOrSigns }
    var esccHigh: Bool { escc?.isHighGrade ?? false }
    var histologyName: String { facts.histology.code }

    // MARK: - Orchestration

    mutating func run() {
        readOncologic()
        readMechanical()
        let neurologic = neurologicArm()
        let systemic = systemicArm()
        patchell = patchellCheck()
        enBloc = enBlocCheck()

        buildOptions()
        applyContext()

        noms = NomsAssessment(neurologic: neurologic, oncologic: oncologicArm(), mechanical: mechanicalArm(),
                              systemic: systemic, rulesApplied: rulesApplied, citation: Citations.noms)
        lmnop = lmnopSummary()
        collectWarnings()
    }

    // MARK: - The four arms

    mutating func readOncologic() {
        if let override = c.primaryTumor.radiosensitivity {
            radiosensitivity = override == .sensitive ? .sensitive : .resistant
        } else {
            radiosensitivity = facts.histology.radiosensitivity
        }
    }

    /// R2 for every lesion; the lesion that asks most decides the mechanical arm, whatever the
    /// order the lesions were entered in. A lesion whose SINS is unknown leaves stability unknown
    /// unless another lesion already needs a surgical opinion (SINS 7 or more).
    mutating func readMechanical() {
        guard let perLesion = scores.sins.perLesion else { return }
        var unknown = false
        var best: MechanicalReading?
        let lesions = c.spine.lesions
        for i in perLesion.indices where i < lesions.count {
            let points = perLesion[i].scoredPoints
            let exact = perLesion[i].status == .computed
            guard exact || points >= 7 else { unknown = true; continue }
            let reading = MechanicalReading(sins: KnownInstability(points: points, lesion: lesions[i].name, exact: exact), lesion: lesions[i])
            mechanicalReadings.append(reading)
            if best.map({ reading.asksMore(than: $0) }) ?? true { best = reading }
        }
        guard let best, best.need.demand > 0 || !unknown else {
            stabilisation = .unknown
            return
        }
        mechanicalSins = best.sins
        mechanicalLesion = best.lesion
        stabilisation = best.need
    }

    mutating func neurologicArm() -> Finding {
        var facts = [Text](capacity: 5)
        let n = c.neurology
        guard let g = escc else {
            return Finding(code: "unknown", finding: "ESCC grade not recorded for every lesion: the neurologic arm cannot be decided",
                           facts: (scores.escc.missing ?? []).map { phrase("\($0)") })
        }
        facts.append(phrase("ESCC \(g.rawValue) at \(indexLesion.name) (\(EpiduralCompressionScale.definition(g)))"))
        if esccFromGradedLesionsOnly { facts.append("ESCC not recorded for every lesion: the known high-grade compression decides") }
        // Compression at another level is part of the neurological picture too (R3 decompresses
        // bone there); the arm is decided by the index lesion.
        for other in c.spine.lesions where (other.escc?.isHighGrade == true || other.bonyRetropulsion == true)
            && !isIndexLesion(other) {
            facts.append(phrase("also ESCC \(other.escc?.rawValue ?? "not recorded") at \(other.name)\(other.bonyRetropulsion == true ? " (bony retropulsion)" : "")"))
        }
        if let d = n.deficit { facts.append(phrase("deficit: \(Triage.text(d))")) }
        if let f = self.facts.frankel { facts.append(phrase("Frankel \(f.grade.rawValue)\(f.fromAsia ? " (from ASIA)" : "")")) }
        if let a = n.ambulation { facts.append(phrase("ambulation: \(Triage.text(a))")) }
        if n.bladderBowelDysfunction == true { facts.append("bladder or bowel dysfunction") }
        let deficit = (n.deficit.map { $0 != .none } ?? false) ? phrase(" with \(Triage.text(n.deficit!))") : ""
        if g.isHighGrade {
            return Finding(code: "high-grade", finding: phrase("high-grade ESCC (\(g.rawValue))\(deficit)"), facts: facts)
        }
        let grey = g.isGreyZone ? " (1c: grey zone, counted as low-grade)" : ""
        return Finding(code: "low-grade", finding: phrase("low-grade ESCC (\(g.rawValue))\(grey)\(deficit)"), facts: facts)
    }

    mutating func oncologicArm() -> Finding {
        let h = facts.histology
        var f = [Text](capacity: 4)
        f.append(phrase("histology: \(h.name) (\(h.code))"))
        if let o = c.primaryTumor.radiosensitivity {
            f.append(phrase("radiosensitivity given by the clinician: \(o.rawValue)"))
        } else {
            f.append(phrase("Laufer 2013 list: \(h.radiosensitivity.rawValue)"))
        }
        if h.code == "unknown-primary" {
            // histologies.md §: radioresistant until tissue is obtained, unless the clinician said otherwise.
            f.append(c.primaryTumor.radiosensitivity == nil ? "unknown primary: obtain tissue; treated as radioresistant until then (histologies.md §)"
                                                            : "unknown primary: obtain tissue; the clinician's radiosensitivity applies until then")
        }
        if h.systemicFirst { f.append("chemosensitive: systemic therapy may come first") }
        switch radiosensitivity {
        case .sensitive: return Finding(code: "sensitive", finding: "radiosensitive to conventional EBRT", facts: f)
        case .resistant:
            let assumed = h.code == "unknown-primary" && c.primaryTumor.radiosensitivity == nil ? " (assumed until histology is known)" : ""
            return Finding(code: "resistant", finding: phrase("radioresistant to conventional EBRT\(assumed)"), facts: f)
        case .unclassified:
            return Finding(code: "unclassified",
                           finding: "not classified by the NOMS list: give primaryTumor.radiosensitivity; both pathways are shown", facts: f)
        }
    }

    mutating func mechanicalArm() -> Finding {
        guard let sins = mechanicalSins, let lesion = mechanicalLesion else {
            return Finding(code: "unknown", finding: "SINS incomplete: mechanical stability cannot be judged",
                           facts: scores.sins.missing.map { phrase("\($0)") })
        }
        var f = [Text](capacity: 4)
        f.append(phrase("\(sins) at \(lesion.name) (\(sins.categoryWords))"))
        if let p = lesion.pain { f.append(phrase("pain: \(p.rawValue)")) }
        if let a = lesion.alignment { f.append(phrase("alignment: \(a.rawValue)")) }
        if scores.sins.status != .computed { f.append(phrase("SINS items missing: \(joined: scores.sins.missing, separator: ", ")")) }
        let s = sins
        switch stabilisation {
        case .required:
            return Finding(code: "unstable", finding: phrase("unstable (\(s)): stabilisation indicated irrespective of radiosensitivity"), facts: f)
        case .favoured:
            return Finding(code: "potentially-unstable",
                           finding: phrase("potentially unstable (\(s)): surgical consultation; stabilisation favoured (mechanical pain or deformity)"), facts: f)
        case .consultOnly:
            return Finding(code: "potentially-unstable",
                           finding: phrase("potentially unstable (\(s)): surgical consultation; observation/RT acceptable without mechanical pain or deformity"), facts: f)
        default:
            return Finding(code: "stable", finding: phrase("stable (\(s)): no stabilisation on mechanical grounds"), facts: f)
        }
    }

    mutating func systemicArm() -> Finding {
        var f = [Text](capacity: 5)
        f.append(phrase("expected survival ≥ 3 months: \(prognosis.survivalAtLeast3Months) (\(prognosis.survivalSource))"))
        let operable = c.systemic.medicallyOperable
        f.append(phrase("medically operable: \(operable.map { $0 ? "yes" : "no" } ?? "not recorded")"))
        if let k = c.performance.karnofsky { f.append(phrase("Karnofsky \(k)")) } else if let e = c.performance.ecog { f.append(phrase("ECOG \(e)")) }
        if let e = c.systemic.effectiveOptionsRemaining { f.append(phrase("effective systemic options remaining: \(e ? "yes" : "no")")) }
        if !c.comorbidities.isEmpty { f.append(phrase("comorbidities: \(joined: c.comorbidities, separator: ", ")")) }
        if operable == false {
            return Finding(code: "not-surgical-candidate", finding: "not a surgical candidate: medically inoperable", facts: f)
        }
        if prognosis.survivalShort {
            return Finding(code: "not-surgical-candidate", finding: "not a surgical candidate: expected survival < 3 months", facts: f)
        }
        if operable == nil || !prognosis.survivalEstablished {
            return Finding(code: "undetermined",
                           finding: "surgical candidacy undetermined: record medical operability and the clinician's survival estimate", facts: f)
        }
        return Finding(code: "surgical-candidate", finding: "able to tolerate surgery; expected survival ≥ 3 months", facts: f)
    }

    // MARK: - Checks

    mutating func patchellCheck() -> CriteriaCheck {
        let h = facts.histology
        let n = c.neurology
        var criteria = [Criterion](capacity: 8)
        criteria.append(Criterion(criterion: "tissue-proven cancer not of CNS or spinal origin",
                                  met: h.code == "unknown-primary" ? nil : true,
                                  fact: h.code == "unknown-primary" ? "primary unknown: tissue diagnosis needed" : histologyFact))
        criteria.append(Criterion(criterion: "radiographic spinal cord displacement (ESCC 2–3)",
                                  met: escc.map(\.isHighGrade), fact: escc.map { phrase("ESCC \($0.rawValue)") } ?? "ESCC not recorded"))
        let strict = facts.hasNeurologicalSymptomsOrSigns
        let pain = c.spine.lesions.contains { ($0.pain ?? .none) != .none } || c.symptoms.newBackPain == true || !c.symptoms.painFeatures.isEmpty
        criteria.append(Criterion(criterion: "at least one neurological sign or symptom (strict reading: pain alone does not count)",
                                  met: strict, fact: strict ? "neurological symptoms or signs recorded" : pain ? "pain only" : "none recorded"))
        // Areas of compression: lesions with ESCC 2–3 that share or adjoin levels count as one.
        var areas: [ClosedRange<Int>] = []
        for lesion in c.spine.lesions where lesion.escc?.isHighGrade == true {
            guard let lo = lesion.levels.min()?.rawValue, let hi = lesion.levels.max()?.rawValue else { continue }
            areas.append(lo...hi)
        }
        areas.sort { $0.lowerBound < $1.lowerBound }
        var compressive = 0
        var reach = Int.min
        for area in areas {
            if compressive == 0 || area.lowerBound > reach + 1 { compressive += 1 }
            reach = max(reach, area.upperBound)
        }
        criteria.append(Criterion(criterion: "a single area of compression (contiguous levels allowed)",
                                  met: compressive >= 2 ? false : facts.escc == nil ? nil : true,
                                  fact: phrase("\(compressive, "separate area", "separate areas") with ESCC 2–3")))
        criteria.append(Criterion(criterion: "expected survival ≥ 3 months",
                                  met: prognosis.survivalAtLeast3Months == "uncertain" ? nil : prognosis.survivalEstablished,
                                  fact: phrase("\(prognosis.survivalSource)")))
        // Patchell 2005 excluded "radiosensitive tumours (lymphomas, leukaemia, multiple myeloma and
        // germ-cell tumours)". A solitary plasmacytoma is the same plasma-cell tumour as myeloma and is
        // treated by radiotherapy alone (Soutar R, et al. Br J Haematol 2004;124:717–726): SpineBoard
        // reads it with myeloma, and says so.
        criteria.append(Criterion(criterion: "not a radiosensitive tumour (lymphoma, leukaemia, myeloma, germ-cell)",
                                  met: !h.patchellExcluded,
                                  fact: h.code == "plasmacytoma"
                                    ? "histology plasmacytoma: a plasma-cell tumour, read with myeloma (SpineBoard reading; radiotherapy is its definitive treatment)"
                                    : histologyFact))
        let paraplegic = (facts.frankel.map { $0.grade <= .b }) ?? (n.ambulation == .nonAmbulatory ? nil : false)
        let paraMet: Bool?
        let paraFact: Text
        switch paraplegic {
        case false?:
            paraMet = true
            paraFact = "not paraplegic"
        case true?:
            if let hours = n.hoursSinceLossOfAmbulation {
                paraMet = hours <= 48
                paraFact = phrase("paraplegic for \(hours) h")
            } else {
                paraMet = nil
                paraFact = "paraplegic; duration not recorded (neurology.hoursSinceLossOfAmbulation)"
            }
        case nil:
            paraMet = nil
            paraFact = "non-ambulatory; Frankel/ASIA not recorded"
        }
        criteria.append(Criterion(criterion: "not paraplegic for more than 48 hours", met: paraMet, fact: paraFact))
        criteria.append(Criterion(criterion: "medically fit for surgery", met: c.systemic.medicallyOperable,
                                  fact: c.systemic.medicallyOperable.map { $0 ? "medically operable" : "medically inoperable" } ?? "not recorded"))

        if escc.map({ !$0.isHighGrade }) ?? false {
            return CriteriaCheck(status: "not-applicable",
                                 summary: phrase("No spinal cord compression (ESCC \(escc!.rawValue)): the Patchell question does not arise."),
                                 criteria: criteria, citation: Citations.patchell)
        }
        let strictStatus = Self.status(criteria)
        // The broad reading counts pain as a symptom: criterion 3 met when there is pain.
        let broadStatus = Self.status(criteria, symptomMet: strict || pain)
        var summary: Text
        switch strictStatus {
        case "met": summary = "Patchell criteria met: direct decompressive surgery then RT is favoured over RT alone (ambulatory after treatment 84 % vs 57 %)."
        case "not-met":
            summary = phrase("Patchell criteria not met: the trial's evidence for surgery + RT does not apply. Not met: \(joined: criteria.lazy.filter { $0.met == false }.map(\.criterion), separator: "; ").")
        default:
            summary = phrase("Patchell criteria undetermined: record \(joined: criteria.lazy.filter { $0.met == nil }.map(\.criterion), separator: "; ").")
        }
        if strictStatus != broadStatus {
            summary = phrase("\(summary) Where pain alone is counted as a symptom (sources disagree), the criteria are \(broadStatus).")
        }
        return CriteriaCheck(status: strictStatus, summary: summary, criteria: criteria, citation: Citations.patchell)
    }

    /// `symptomMet` replaces the third Patchell criterion (a neurological sign or symptom) for
    /// the reading in which pain alone counts.
    static func status(_ criteria: [Criterion], symptomMet: Bool? = nil) -> String {
        var unknown = false
        for i in criteria.indices {
            let met = i == 2 && symptomMet != nil ? symptomMet : criteria[i].met
            if met == false { return "not-met" }
            if met == nil { unknown = true }
        }
        return unknown ? "undetermined" : "met"
    }

    mutating func enBlocCheck() -> CriteriaCheck {
        let h = facts.histology
        var criteria = [Criterion](capacity: 5)
        criteria.append(Criterion(criterion: "solitary spinal metastasis (one vertebra, no extraspinal focus)",
                                  met: facts.solitary,
                                  fact: phrase("\(facts.involvedCount, "involved vertebra", "involved vertebrae"); extraspinal foci: \(c.otherMetastases.extraspinalBoneCount.map(String.init) ?? "not recorded")")))
        let v = c.otherMetastases.visceral
        let visceralOK: Bool? = v.present.map { !$0 || v.treatable == true }
        criteria.append(Criterion(criterion: "no or controlled (treatable) visceral disease", met: visceralOK,
                                  fact: v.present.map { $0 ? phrase("visceral metastases, treatable: \(v.treatable == true ? "yes" : "no")") : "no visceral metastases" } ?? "not recorded"))
        // Long survival needs the computed instruments to agree: false if either computed score
        // falls short (Tomita 4–5 advises marginal or intralesional excision, not en bloc, whatever
        // Tokuhashi says), true if one establishes it and the other is not computed, else unknown.
        var longFacts = [Text](capacity: 2)
        var tomitaLong: Bool?
        var tokuhashiLong: Bool?
        if let t = tomitaTotal { longFacts.append(phrase("Tomita \(t)")); tomitaLong = t <= 3 }
        if let t = tokuhashiTotal {
            longFacts.append(phrase("Tokuhashi \(t)"))
            let majorFree = scores.tokuhashiRevised.items.first { $0.item == "majorOrganMetastases" }?.points == 2
            tokuhashiLong = t >= 12 || ((9...11).contains(t) && facts.involvedCount == 1 && majorFree)
        }
        let long: Bool? = tomitaLong == false || tokuhashiLong == false ? false
            : (tomitaLong == true || tokuhashiLong == true ? true : nil)
        criteria.append(Criterion(criterion: "long expected survival (Tomita 2–3; Tokuhashi 12–15, or 9–11 with a single lesion and no major-organ metastases; each computed score must agree)",
                                  met: long, fact: longFacts.isEmpty ? "survival scores incomplete" : join(longFacts, ", ")))
        criteria.append(Criterion(criterion: "favourable histology (e.g. renal cell, thyroid)", met: h.enBlocFavourable, fact: histologyFact))
        criteria.append(Criterion(criterion: "fit for major surgery with expected survival ≥ 3 months",
                                  met: c.systemic.medicallyOperable == false || prognosis.survivalShort ? false
                                    : (c.systemic.medicallyOperable == true && prognosis.survivalEstablished ? true : nil),
                                  fact: phrase("operable: \(c.systemic.medicallyOperable.map { $0 ? "yes" : "no" } ?? "not recorded"); survival ≥ 3 months: \(prognosis.survivalAtLeast3Months)")))
        let status = Self.status(criteria)
        let summary: Text
        switch status {
        case "met": summary = "En bloc candidate: discuss en bloc resection (e.g. total en bloc spondylectomy) at the MDT, usually after embolisation."
        case "not-met": summary = phrase("Not an en bloc candidate. Not met: \(joined: criteria.lazy.filter { $0.met == false }.map(\.criterion), separator: "; ").")
        default: summary = phrase("En bloc candidacy undetermined. Unknown: \(joined: criteria.lazy.filter { $0.met == nil }.map(\.criterion), separator: "; ").")
        }
        return CriteriaCheck(status: status, summary: summary, criteria: criteria, citation: Citations.tomitaEnBloc)
    }

    mutating func lmnopSummary() -> Lmnop {
        let levels = c.spine.involvedLevels  // describe() and the region list do not need them sorted
        // The distinct regions in alphabetical order of their names, without hashing them.
        let regions = VertebralLevel.Region.alphabetical.lazy.filter { r in levels.contains { $0.region == r } }
        let l = phrase("\(levels.count, "vertebra", "vertebrae") involved (\(VertebralLevel.describe(levels))); \(c.spine.lesions.count, "lesion", "lesions") characterised; region: \(joined: regions, separator: ", ")")
        var m = mechanicalSins.map { phrase("\($0) (\($0.categoryWords)) at \($0.lesion)") } ?? "SINS incomplete"
        if mechanicalSins?.exact == true, scores.sins.status != .computed { m = phrase("\(m); SINS incomplete for another lesion") }
        var n: Text
        if let g = facts.escc {
            n = phrase("ESCC \(g.rawValue)\(g.isHighGrade ? " (high-grade)" : "")")
        } else if let g = facts.highestKnownEscc {
            n = phrase("ESCC \(g.rawValue)\(g.isHighGrade ? " (high-grade)" : "") on a graded lesion; another lesion not graded")
        } else {
            n = "ESCC not recorded"
        }
        if let d = c.neurology.deficit { n = phrase("\(n); deficit \(Triage.text(d))") }
        if let f = facts.frankel { n = phrase("\(n); Frankel \(f.grade.rawValue)") }
        var o = radiosensitivity == .unclassified ? phrase("\(facts.histology.name): radiosensitivity to cEBRT not classified")
            : phrase("\(facts.histology.name): \(radiosensitivity.rawValue) to cEBRT")
        if let s = c.primaryTumor.status { o = phrase("\(o); primary \(s == .newlyDiagnosed ? "newly diagnosed" : s.rawValue)") }
        if facts.histology.systemicFirst { o = phrase("\(o); chemosensitive") }
        var p = [Text](capacity: 5)
        if let k = c.performance.karnofsky { p.append(phrase("Karnofsky \(k)")) } else if let e = c.performance.ecog { p.append(phrase("ECOG \(e)")) }
        p.append(phrase("survival ≥ 3 months: \(prognosis.survivalAtLeast3Months)"))
        if let op = c.systemic.medicallyOperable { p.append(op ? "medically operable" : "medically inoperable") }
        let prior = c.spine.lesions.lazy.filter { $0.priorRadiation != nil }.map(\.name)
        if !prior.isEmpty { p.append(phrase("prior RT at \(joined: prior, separator: ", ")")) }
        let active = c.systemic.currentTreatment.lazy.filter { $0 != .none }
        if !active.isEmpty { p.append(phrase("current systemic: \(joined: active.map { $0.name }, separator: ", ")")) }
        return Lmnop(levels: l, mechanical: m, neurology: n, oncology: o, patient: join(p, "; "), citation: Citations.lmnop)
    }

    // MARK: - Options

    mutating func add(_ code: TreatmentOption, priority: Int, regimen: String? = nil, alternatives: [String] = [],
                      _ rationale: Rationale) {
        if let i = index(of: code) {
            candidates[i].priority = min(candidates[i].priority, priority)
            if candidates[i].regimen == nil { candidates[i].regimen = regimen }
            // A regimen is never its own alternative (a second rule may list the one kept here).
            for a in alternatives where a != candidates[i].regimen && !candidates[i].alternativeRegimens.contains(a) {
                candidates[i].alternativeRegimens.append(a)
            }
            if !candidates[i].rationale.contains(rationale) { candidates[i].rationale.append(rationale) }
            return
        }
        candidates.append(Candidate(code: code, priority: priority, order: candidates.count, regimen: regimen,
                                    alternativeRegimens: alternatives, rationale: [rationale]))
    }

    /// Adds a context note to every option on the list whose code passes `test`.
    mutating func note(_ test: (TreatmentOption) -> Bool, _ text: Text) {
        for i in candidates.indices where test(candidates[i].code) && !candidates[i].contextNotes.contains(text) {
            candidates[i].contextNotes.append(text)
        }
    }

    mutating func note(_ code: TreatmentOption, _ text: Text) { note({ $0 == code }, text) }

    /// Adds a caution to every option on the list whose code passes `test` (a test rather than a
    /// list of codes, so that no array is built for each caution).
    mutating func caution(_ test: (TreatmentOption) -> Bool, _ text: Text) {
        for i in candidates.indices where test(candidates[i].code) && !candidates[i].cautions.contains(text) {
            candidates[i].cautions.append(text)
        }
    }

    mutating func caution(_ code: TreatmentOption, _ text: Text) { caution({ $0 == code }, text) }

    // Candidates are found by code through these helpers, which read only `code`: a closure over
    // the array (`contains`, `firstIndex(where:)`, `for … in`) copied every candidate, with its
    // arrays and strings, at each of the many lookups of a run.

    /// The position of the candidate whose code passes `test`.
    mutating func index(where test: (TreatmentOption) -> Bool) -> Int? {
        var i = 0
        while i < candidates.count {
            if test(candidates[i].code) { return i }
            i += 1
        }
        return nil
    }

    mutating func index(of code: TreatmentOption) -> Int? { index { $0 == code } }
    mutating func has(_ code: TreatmentOption) -> Bool { index(of: code) != nil }
    /// On the list and not declined by the patient (a declined option stays on the list, marked).
    mutating func offered(_ code: TreatmentOption) -> Bool { has(code) && !c.preferences.declines.contains(code) }
    var hasOpenSurgery: Bool { mutating get { index(where: \.isOpenSurgery) != nil } }

    static let anaemiaSurgicalCaution = Text("anaemia: check haemoglobin and cross-match before surgery; restrictive transfusion threshold 8 g/dL for spinal (orthopaedic) surgery or with cardiovascular disease, 7 g/dL otherwise (\(Citations.transfusion))")
    static let cebrtRegimens = ["8 Gy × 1", "20 Gy / 5", "24 Gy / 6", "30 Gy / 10"]
    static let sbrtRegimens = ["24 Gy / 2", "27 Gy / 3", "30 Gy / 5", "16–24 Gy × 1"]
    static let msccRegimens = ["8 Gy × 1", "16 Gy / 2", "30 Gy / 10", "20 Gy / 5"]
    /// ASTRO 2024 spine re-irradiation regimens (reference §12.1).
    static let reirradiationRegimens = ["8 Gy × 1", "20 Gy / 5", "24 Gy / 6", "20 Gy / 8"]
    static let postOperativeSbrt = "post-operative SBRT, e.g. 24 Gy / 2"
    /// The alternatives to the chosen cEBRT regimen (30 Gy / 10 for a long course, else 20 Gy / 5),
    /// indexed [high-grade ESCC][long course], filtered once rather than at every assessment.
    static let cebrtAlternatives: [[[String]]] = [false, true].map { high in
        [false, true].map { longCourse in
            (high ? msccRegimens : cebrtRegimens).filter { $0 != (longCourse ? "30 Gy / 10" : "20 Gy / 5") }
        }
    }

    var goodPerformance: Bool {
        if let k = c.performance.karnofsky { return k >= 70 }
        if let e = c.performance.ecog { return e <= 1 }
        return false
    }

    mutating func buildOptions() {
        let emergency = urgency.level == .emergency
        // R0: the MSCC pathway.
        if emergency {
            rulesApplied.append("R0 emergency: neurological symptoms or signs → MSCC pathway (coordinator now, dexamethasone 16 mg, whole-spine MRI ≤ 24 h, decision ≤ 24 h)")
            add(.dexamethasone, priority: 2, regimen: "16 mg oral (or parenteral equivalent) now, then 16 mg daily until surgery or RT; taper after",
                Rationale(rule: "NOMS R0 / NICE NG234 rec. 1.8", finding: "neurological symptoms or signs suggestive of MSCC",
                          citation: Citations.ng234Dexamethasone))
            // NG234 (reference §12.5): "Stop if MSCC is ruled out" — said where the imaging
            // recorded already shows no high-grade compression at any lesion.
            if let g = facts.escc, !g.isHighGrade {
                note(.dexamethasone, phrase("the imaging recorded shows no high-grade epidural compression (highest ESCC \(g.rawValue)): stop dexamethasone if whole-spine MRI rules out MSCC (NICE NG234, reference §12.5)"))
            }
        }

        // NG234 (reference §12.5): without neurological signs steroids are not routine, except in a
        // haematological malignancy, whose cord compression gets 16 mg and a haematology MDT.
        if facts.histology.isHaematological, let g = facts.highestKnownEscc, g.isHighGrade || emergency {
            if emergency {
                note(.dexamethasone, phrase("haematological malignancy (\(facts.histology.code)): discuss with the haematology MDT (\(Citations.ng234))"))
            } else {
                add(.dexamethasone, priority: 5, regimen: "16 mg oral (or parenteral equivalent) daily; discuss with the haematology MDT",
                    Rationale(rule: "NICE NG234 rec. 1.8 (haematological malignancy)",
                              finding: phrase("cord compression on imaging (ESCC \(g.rawValue)) in a haematological malignancy (\(facts.histology.code)): dexamethasone 16 mg and a haematology MDT discussion even without neurological signs"),
                              citation: Citations.ng234Dexamethasone))
            }
        }

        // R1: the systemic gate.
        let inoperable = c.systemic.medicallyOperable == false
        if inoperable || prognosis.survivalShort {
            gated = true
            let why = inoperable ? "medically inoperable" : "expected survival < 3 months"
            rulesApplied.append(phrase("R1 systemic gate: \(why) → no open surgery; cEBRT; palliative care"))
            let short = prognosis.survivalShort
            add(.cebrt, priority: 10, regimen: short ? "8 Gy × 1" : "20 Gy / 5",
                alternatives: short ? ["20 Gy / 5"] : ["30 Gy / 10", "8 Gy × 1"],
                Rationale(rule: "NOMS R1", finding: phrase("\(why): radiotherapy without open surgery\(short ? "; a single 8 Gy fraction suits short expected survival" : "")"),
                          // Cord compression: the regimens are ASTRO 2024's for MSCC (reference §12.1).
                          citation: esccHigh ? Citations.nomsMsccRegimens : Citations.nomsAstro2017))
            var orthoses: [(lesion: String, regimen: String)] = []
            for lesion in stabilisingReadings.map(\.lesion) {
                let barriers = cementBarriers(lesion, forSurgicalPatient: false)
                if barriers.isEmpty {
                    add(.cementAugmentation, priority: 12, regimen: "kyphoplasty or vertebroplasty", Rationale(
                        rule: "NOMS R1", finding: phrase("mechanical instability at \(lesion.name) in a non-surgical patient: painful pathological fracture without high-grade ESCC, neurological deficit, bony retropulsion, bilateral posterolateral disease, translation or a cervical level"),
                        citation: Citations.augmentation))
                    noteUngradedCement(lesion)
                } else {
                    let orthosis = Self.orthosis(for: lesion)
                    orthoses.append((lesion.name, orthosis))
                    add(.bracing, priority: 12, regimen: orthosis,
                        Rationale(rule: "NOMS R1", finding: phrase("mechanical instability at \(lesion.name) without open surgery; cement augmentation not appropriate (\(joined: barriers, separator: ", ")) → orthosis + analgesia"),
                                  citation: Citations.noms))
                    add(.analgesia, priority: 13, regimen: "WHO analgesic ladder; adjuvants for neuropathic pain",
                        Rationale(rule: "NOMS R1", finding: "non-operative management of instability", citation: Citations.ng234))
                }
            }
            if orthoses.count > 1, let b = index(of: .bracing) { candidates[b].regimen = Self.regimen(perLesion: orthoses) }
            add(.palliativeCare, priority: 18, Rationale(rule: "NOMS R1", finding: phrase("\(why): specialist palliative-care input"), citation: Citations.noms))
            // Radiotherapy for quality of life is recommended only with an anticipated life
            // expectancy of at least 4 weeks (ASTRO 2024, reference §12.1): below that, supportive
            // care comes first and RT is kept as an option to discuss.
            if c.systemic.clinicianSurvivalEstimateMonths == 0, let i = index(of: .cebrt) {
                candidates[i].priority = 19
                candidates[i].contextNotes.append("clinician estimate under 1 month: ASTRO 2024 recommends RT for quality of life only with an anticipated life expectancy of at least 4 weeks — supportive care first; discuss whether a single fraction is still worthwhile")
            }
        } else {
            mechanicalRules()
            neurologicOncologicRules()
            otherBonyCompressions()
            enBlocRule()
            modernisationRule()
        }
        mergeStabilisationIntoDecompression()
        // Scores alone do not close the R1 gate (see PrognosisAssessment), but where every survival
        // instrument predicts short survival the operation says so where the surgeon reads it.
        if !gated, !prognosis.survivalEstablished, !prognosis.readings.isEmpty, prognosis.readings.allSatisfy({ $0.tier == .short }) {
            note(\.isOpenSurgery, "every survival instrument computed predicts short survival and there is no clinician estimate: open surgery needs expected survival ≥ 3 months (NOMS R1) — record the estimate before offering it")
        }
        readSurgeryPreference()
        supportiveOptions()
    }

    /// Separation surgery and decompression already include instrumented stabilisation: R2's
    /// fixation of the lesion they operate on (or of one next to it) is folded into them rather
    /// than listed as a second operation (reference §16 V14: separation surgery, for an
    /// unclassified histology too). A fixation elsewhere in the spine stays an option of its own,
    /// with each lesion's regimen.
    mutating func mergeStabilisationIntoDecompression() {
        guard let s = index(of: .stabilization) else { return }
        var kept: [Fixation] = []
        var folded = false
        for f in fixations {
            // The operation at this lesion or next to it, if it is still on the list.
            guard let operated = operatedLesions.first(where: { f.lesion.adjoins($0.lesion) }),
                  let d = index(of: operated.operation) else { kept.append(f); continue }
            folded = true
            candidates[d].priority = min(candidates[d].priority, f.priority)
            let r = f.rationale
            candidates[d].rationale.append(Rationale(rule: r.rule, finding: phrase("\(r.finding) — provided by the instrumentation of this operation"), citation: r.citation))
            if candidates[d].code == .separationSurgery, radiosensitivity == .unclassified {
                note(.separationSurgery, "the stabilisation R2 requires stands whatever the radiosensitivity: if the tumour proves radiosensitive, stabilise with cEBRT rather than drop the operation")
            }
        }
        guard !kept.isEmpty else {
            candidates.remove(at: s)
            return
        }
        if folded {
            candidates[s].rationale = kept.map(\.rationale)
            candidates[s].priority = kept.map(\.priority).min()!
        }
        let entries = kept.sorted { $0.lesion.starts(above: $1.lesion) }.map { ($0.lesion.name, $0.regimen) }
        // Beside an operation that took over one fixation, the one left names its level: the
        // reader must not take it for the same level.
        candidates[s].regimen = folded ? entries.map { SpineCore.phrase("\($0.0): \($0.1)") }.joinedPhrase(separator: "; ")
                                       : Self.regimen(perLesion: entries)
    }

    /// The lesions R2 stabilises, the one asking most first.
    var stabilisingReadings: [MechanicalReading] {
        mechanicalReadings.filter { $0.need.stabilises }.sorted { $0.asksMore(than: $1) }
    }

    /// One option's regimen for several lesions: the regimen when they share it, else each
    /// lesion's own ("C5: cervical orthosis; L3: thoracolumbar orthosis").
    static func regimen(perLesion entries: [(lesion: String, regimen: String)]) -> String? {
        guard let first = entries.first else { return nil }
        if entries.allSatisfy({ $0.regimen == first.regimen }) { return first.regimen }
        return entries.map { SpineCore.phrase("\($0.lesion): \($0.regimen)") }.joinedPhrase(separator: "; ")
    }

    /// R2: stabilisation by SINS, for every lesion that needs it ("combine R2 and R3").
    mutating func mechanicalRules() {
        guard let sins = mechanicalSins, mechanicalLesion != nil else {
            rulesApplied.append("R2 mechanical: SINS incomplete, stabilisation not evaluated")
            return
        }
        switch stabilisation {
        case .required, .favoured:
            let stabilising = stabilisingReadings
            for reading in stabilising { stabilise(reading, naming: stabilising.count > 1) }
        case .consultOnly:
            // R2 also stabilises for mechanical radiculopathy, which the case cannot say: when a
            // radiculopathy is recorded, the rule names the question for the team.
            let radicular = c.neurology.deficit == .radiculopathy || c.symptoms.neuroSymptoms.contains(.radicularPain)
            let painUnknown = mechanicalLesion?.pain == nil
            rulesApplied.append(phrase("R2 mechanical: \(sins) (7–12) without mechanical pain or deformity → surgical consultation, no stabilisation required\(radicular ? "; radiculopathy recorded: stabilise if it is mechanical (worse on loading or movement)" : "")\(painUnknown ? "; pain not recorded: stabilisation is favoured if it is mechanical" : "")"))
        case .none:
            rulesApplied.append(phrase("R2 mechanical: \(sins) ≤ 6 → no stabilisation on mechanical grounds"))
        case .unknown:
            break
        }
    }

    /// R2's stabilisation of one lesion: cement augmentation where it suits, else fixation. With
    /// more than one lesion to stabilise, the rule line names the lesion.
    mutating func stabilise(_ reading: MechanicalReading, naming: Bool) {
        let sins = reading.sins, lesion = reading.lesion
        let required = reading.need == .required
        let at = naming ? phrase(" at \(lesion.name)") : ""
        rulesApplied.append(required ? phrase("R2 mechanical: \(sins)\(at) ≥ 13 → stabilisation required")
                                     : phrase("R2 mechanical: \(sins)\(at) (7–12) with mechanical pain or deformity → stabilisation favoured"))
        let barriers = cementBarriers(lesion, forSurgicalPatient: true)
        let finding = required ? phrase("\(sins) at \(lesion.name): unstable, stabilisation indicated irrespective of radiosensitivity")
                               : phrase("\(sins) at \(lesion.name) with \(lesion.pain == .mechanical ? "mechanical pain" : "deformity"): stabilisation favoured")
        if barriers.isEmpty {
            add(.cementAugmentation, priority: required ? 8 : 12, regimen: "kyphoplasty or vertebroplasty",
                Rationale(rule: "NOMS R2", finding: phrase("\(finding); painful pathological fracture, no high-grade ESCC, no neurological deficit, no bony retropulsion, no bilateral posterolateral disease, normal alignment, thoracolumbar level → percutaneous cement augmentation"),
                          citation: Citations.nomsAugmentation))
            noteUngradedCement(lesion)
        } else {
            let cervical = lesion.levels.contains { $0.region == .cervical }
            // C1–C2 is fixed from the occiput or across C1–C2 (reference §16 V07).
            let upperCervical = lesion.levels.contains { $0 == .c1 || $0 == .c2 }
            let fixation = Fixation(
                lesion: lesion,
                regimen: upperCervical ? "instrumented occipito-cervical or C1–C2 fixation"
                    : cervical ? "instrumented cervical fusion (anterior and/or posterior)" : "percutaneous or open pedicle-screw fixation",
                rationale: Rationale(rule: "NOMS R2", finding: phrase("\(finding); cement augmentation not suitable (\(joined: barriers, separator: ", "))"),
                                     citation: Citations.fisherNoms),
                priority: required ? 8 : 12)
            fixations.append(fixation)
            add(.stabilization, priority: fixation.priority, regimen: fixation.regimen, fixation.rationale)
        }
    }

    /// Cement needs no high-grade ESCC at the fractured lesion (reference §12.4): said when that
    /// lesion's grade is not recorded (another lesion's grade does not stand in for it).
    mutating func noteUngradedCement(_ lesion: SpinalLesion) {
        guard lesion.escc == nil else { return }
        note(.cementAugmentation, phrase("ESCC not recorded at \(lesion.name): confirm there is no high-grade compression there before augmentation (reference §12.4)"))
    }

    /// Why cement augmentation does not suit `lesion` (empty when it does). Reference §12.4: a
    /// painful pathological compression fracture without neurological deficit or high-grade ESCC,
    /// without significant retropulsion or posterior-element destruction; R1 adds no translation
    /// and, as the reference's worked examples read it (§16 V03, V08: "translation or cervical
    /// level"), no cervical level; R2 (a surgical patient, who has the alternative of fixation)
    /// normal alignment and a thoracolumbar level.
    mutating func cementBarriers(_ lesion: SpinalLesion, forSurgicalPatient: Bool) -> [Text] {
        var why = [Text](capacity: 4)
        if !lesion.isPainfulFracture { why.append("no painful pathological fracture") }
        if lesion.escc?.isHighGrade == true { why.append("high-grade ESCC") }
        if facts.hasNeurologicalDeficit { why.append("neurological deficit") }
        if lesion.bonyRetropulsion == true { why.append("bony retropulsion") }
        if lesion.posterolateral == .bilateral { why.append("bilateral posterolateral disease") }
        if forSurgicalPatient {
            if lesion.alignment != .normal { why.append("abnormal alignment") }
            if lesion.levels.contains(where: { $0.region == .cervical }) {
                why.append("cervical level")
            } else if !lesion.levels.allSatisfy(\.isThoracolumbar) {
                why.append("not a thoracolumbar level")
            }
        } else {
            if lesion.alignment == .subluxation { why.append("translation") }
            if lesion.levels.contains(where: { $0.region == .cervical }) { why.append("cervical level") }
        }
        return why
    }

    /// The orthosis for the lesion's region (one reaching the thoracic spine from the neck needs a
    /// cervicothoracic one).
    static func orthosis(for lesion: SpinalLesion) -> String {
        if lesion.levels.contains(where: { $0.region == .cervical }) {
            return lesion.levels.contains(where: { $0.region == .thoracic }) ? "cervicothoracic orthosis" : "cervical orthosis"
        }
        if lesion.levels.allSatisfy({ $0.region == .sacral }) { return "lumbosacral orthosis (limited support at the sacrum)" }
        return "thoracolumbar orthosis"
    }

    /// R3: neurologic × oncologic, with the Patchell evidence attached to decompression.
    mutating func neurologicOncologicRules() {
        let lesion = indexLesion
        let patchellMet = patchell.status == "met"
        if lesion.bonyRetropulsion == true {
            rulesApplied.append(phrase("R3: bony retropulsion at \(lesion.name) → decompression + stabilisation (RT cannot decompress bone)"))
            decompressBone(at: lesion, priority: 7)
            if patchellMet { patchellRationale(.decompressionStabilization) }
        }
        guard let g = escc else {
            rulesApplied.append("R3: ESCC not recorded → radiotherapy modality by histology only; record ESCC")
            radiotherapyByHistology(high: false, unknownGrade: true)
            return
        }
        if esccFromGradedLesionsOnly {
            rulesApplied.append(phrase("R3: ESCC \(g.rawValue) at \(lesion.name) is high-grade and another lesion is not graded → the high-grade pathway (a missing grade cannot lower it; record every lesion's ESCC)"))
        }
        // Once bone is being removed by decompression, the R3 chain stops there (if/elif): RT follows
        // surgery, so no separation surgery is added.
        radiotherapyByHistology(high: g.isHighGrade && lesion.bonyRetropulsion != true, unknownGrade: false,
                                afterDecompression: lesion.bonyRetropulsion == true)
        if g.isHighGrade, patchellMet, !has(.decompressionStabilization), !has(.separationSurgery) {
            rulesApplied.append("R4 Patchell: criteria met → direct decompression and stabilisation, then RT")
            operatedLesions.append((lesion, .decompressionStabilization))
            add(.decompressionStabilization, priority: 9, regimen: "direct decompression and stabilisation, then RT",
                Rationale(rule: Self.patchellRule, finding: "MSCC meeting the Patchell criteria", citation: Citations.patchell))
        }
        // R3's cEBRT is the radiotherapy-alone course; after an operation that Patchell's evidence
        // supports (R4's, or R3's for bone), the trial's course is said beside it (reference §12.3:
        // "RT in both arms was 30 Gy/10").
        if let d = index(of: .decompressionStabilization), candidates[d].rationale.contains(where: { $0.rule == Self.patchellRule }),
           let i = index(of: .cebrt), candidates[i].regimen != "30 Gy / 10" {
            note(.cebrt, Self.patchellCourseNote)
        }
        // R3 reads the index lesion; a high-grade compression by tumour in a separate area needs a
        // field or an operation of its own, which the options R3 gave do not say (bone elsewhere
        // is decompressed by otherBonyCompressions).
        let elsewhere = c.spine.lesions.filter { $0.escc?.isHighGrade == true && $0.bonyRetropulsion != true && !$0.adjoins(lesion) }
        if !elsewhere.isEmpty {
            note({ $0 == .separationSurgery || $0 == .cebrt || $0 == .sbrt },
                 phrase("high-grade compression also at \(joined: elsewhere.map(\.name), separator: ", "), apart from \(lesion.name): plan its treatment too (R3 read the index lesion)"))
        }
    }

    /// R3 reads the index lesion, but compression by bone elsewhere is not relieved by the
    /// radiotherapy that treats it: each other lesion whose compression is caused by retropulsed
    /// bone brings its own decompression (reference §11.3 R3, "combine" the arms).
    mutating func otherBonyCompressions() {
        for other in c.spine.lesions where other.bonyRetropulsion == true && !isIndexLesion(other) {
            rulesApplied.append(phrase("R3: bony retropulsion at \(other.name) (not the index lesion \(indexLesion.name)) → decompression + stabilisation there (RT cannot decompress bone)"))
            decompressBone(at: other, priority: 8)
        }
    }

    /// R3's decompression + stabilisation for compression by retropulsed bone at `lesion`, which
    /// radiotherapy cannot relieve; R2's fixation there becomes part of it.
    mutating func decompressBone(at lesion: SpinalLesion, priority: Int) {
        operatedLesions.append((lesion, .decompressionStabilization))
        add(.decompressionStabilization, priority: priority, regimen: "decompression and stabilisation, then radiotherapy",
            Rationale(rule: "NOMS R3", finding: phrase("compression at \(lesion.name) is caused by retropulsed bone, which radiotherapy cannot relieve"),
                      citation: Citations.noms))
    }

    /// The lesion R3 reads (lesions never share a level, so its levels identify it).
    mutating func isIndexLesion(_ lesion: SpinalLesion) -> Bool { lesion.levels.elementsEqual(indexLesion.levels) }

    /// Patchell's evidence on an operation R3 gave: it ranks it at R4's own priority (9), ahead of
    /// radiotherapy alone, as R4's decompression would (an unclassified histology's separation
    /// surgery otherwise tied with its "if radiosensitive" cEBRT and came second).
    /// The rule name of Patchell's rationale, by which a rule finds an operation it supports.
    static let patchellRule = "Patchell check (R4)"

    mutating func patchellRationale(_ code: TreatmentOption) {
        add(code, priority: 9, Rationale(rule: Self.patchellRule,
                                          finding: "criteria met: surgery + RT kept more patients walking (84 % vs 57 %) than RT alone",
                                          citation: Citations.patchell))
    }

    mutating func radiotherapyByHistology(high: Bool, unknownGrade: Bool, afterDecompression: Bool = false) {
        let h = facts.histology
        let name = h.code
        let gradeText = escc.map { phrase("ESCC \($0.rawValue) at \(indexLesion.name)") } ?? "ESCC unknown"
        // An unclassified histology shows both pathways (SpineBoard decision 2), each stated as
        // conditional rather than calling the tumour sensitive in one and resistant in the other.
        let unclassified = radiosensitivity == .unclassified
        let sensitiveText = unclassified ? phrase("if radiosensitive (\(name) is not classified)") : phrase("radiosensitive histology (\(name))")
        let resistantText = unclassified ? phrase("if radioresistant (\(name) is not classified)") : phrase("radioresistant histology (\(name))")
        let resistantRule = unclassified ? "R3 (if radioresistant)" : "R3"
        func sensitivePath(priority: Int) {
            let (longCourse, regimen, alternatives) = cebrtCourse(high: high)
            add(.cebrt, priority: priority, regimen: regimen, alternatives: alternatives,
                Rationale(rule: "NOMS R3", finding: phrase("\(sensitiveText), \(gradeText): conventional EBRT as definitive local treatment at any ESCC grade\(longCourse ? "; Rades ≥ 36 favours a longer course for durable control" : "")"),
                          citation: high ? Citations.nomsMsccRegimens : Citations.nomsAstro2017))
            if h.systemicFirst, c.systemic.effectiveOptionsRemaining != false {
                add(.systemicTherapy, priority: priority + 1, Rationale(
                    rule: "NOMS R3", finding: phrase("chemosensitive histology (\(name)): systemic therapy may be first-line"), citation: Citations.noms))
            }
        }
        func resistantPath(priority: Int) {
            if high {
                rulesApplied.append(phrase("\(resistantRule): radioresistant + high-grade ESCC → separation surgery then SBRT (hybrid therapy)"))
                operatedLesions.append((indexLesion, .separationSurgery))
                add(.separationSurgery, priority: priority - 1, regimen: "posterolateral circumferential decompression + pedicle-screw stabilisation",
                    Rationale(rule: "NOMS R3", finding: phrase("\(resistantText) with high-grade compression (\(gradeText)): create a margin around the cord for SBRT"),
                              citation: Citations.noms))
                if patchell.status == "met" { patchellRationale(.separationSurgery) }
                add(.sbrt, priority: priority, regimen: Self.postOperativeSbrt, alternatives: ["27 Gy / 3", "30 Gy / 5"],
                    Rationale(rule: "NOMS R3", finding: "hybrid therapy: stereotactic RT after separation surgery for durable control of a radioresistant tumour",
                              citation: Citations.nomsHybrid))
            } else {
                rulesApplied.append(afterDecompression ? phrase("\(resistantRule): radioresistant → SBRT after decompression")
                                                       : phrase("\(resistantRule): radioresistant + low-grade ESCC → SBRT"))
                let finding = afterDecompression
                    ? phrase("\(resistantText): stereotactic RT after the bony decompression")
                    : phrase("\(resistantText) with \(unknownGrade ? "ESCC not recorded" : "low-grade compression (\(gradeText))"): stereotactic RT; no decompression needed")
                add(.sbrt, priority: priority, regimen: afterDecompression ? Self.postOperativeSbrt : "24 Gy / 2",
                    alternatives: ["27 Gy / 3", "30 Gy / 5", "16–24 Gy × 1"],
                    Rationale(rule: "NOMS R3", finding: finding, citation: Citations.nomsSc24))
                if escc?.isGreyZone == true {
                    note(.sbrt, "ESCC 1c (grey zone): separation surgery before SBRT may be considered for a radioresistant tumour abutting the cord (SpineBoard decision 1)")
                }
                // "Combine R2 and R3" (reference §11.3): an unstable spine is stabilised first; SC.24,
                // SBRT's evidence for 24 Gy / 2, enrolled SINS < 12 (§12.2).
                if !afterDecompression {
                    if stabilisation.stabilises, let s = mechanicalSins, s.points >= 12 {
                        // The unstable lesion may not be the one R3 read: then the sequence holds where
                        // SBRT treats that lesion too.
                        let elsewhere = mechanicalLesion.map { !$0.adjoins(indexLesion) } ?? false
                        let text = elsewhere
                            ? phrase("\(s) at \(s.lesion) (not the lesion R3 read, \(indexLesion.name)): where SBRT treats \(s.lesion), it follows the stabilisation R2 asks for — SC.24 enrolled SINS < 12 (reference §11.3: combine R2 and R3; §12.2)")
                            : phrase("\(s) at \(s.lesion): SBRT follows the stabilisation R2 asks for — SC.24 enrolled SINS < 12 (reference §11.3: combine R2 and R3; §12.2)")
                        note(.sbrt, text)
                        sbrtAfterStabilisation = (text, s)
                    }
                    // R3 reads the grade; SBRT's evidence also reads the neurology (reference §12.2):
                    // SC.24 excluded neurologically symptomatic cord or cauda compression, and ASTRO
                    // 2024 prefers SBRT only without neurological symptoms or signs.
                    if symptomaticCompression {
                        note(.sbrt, phrase("neurological symptoms or signs with \(unknownGrade ? "no ESCC recorded" : "only low-grade compression recorded (\(gradeText))"): confirm on whole-spine MRI that no level compresses the cord or cauda before SBRT — SC.24 excluded neurologically symptomatic compression (reference §12.2)"))
                    }
                }
            }
        }
        switch radiosensitivity {
        case .sensitive:
            rulesApplied.append("R3: radiosensitive → cEBRT at any ESCC grade")
            sensitivePath(priority: 10)
        case .resistant:
            resistantPath(priority: 10)
        case .unclassified:
            rulesApplied.append("R3: radiosensitivity unclassified → both pathways shown until primaryTumor.radiosensitivity is given")
            sensitivePath(priority: 10)
            resistantPath(priority: 11)
            for code: TreatmentOption in [.cebrt, .sbrt, .separationSurgery] {
                note(code, phrase("pathway depends on radiosensitivity, which is not classified for this histology (\(name)): record primaryTumor.radiosensitivity"))
            }
        }
    }

    /// How durably cEBRT controls a tumour not known to be radiosensitive (NOMS, Laufer 2013): said
    /// wherever cEBRT stands in for surgery + RT or for SBRT.
    var cebrtDurability: StaticString {
        radiosensitivity == .unclassified ? "less durable if the tumour is radioresistant" : "less durable for a radioresistant tumour"
    }

    /// cEBRT's course where a rule chooses it for local control: 30 Gy / 10 when Rades ≥ 36 favours a
    /// longer course, else 20 Gy / 5; the alternatives are the MSCC regimens for high-grade ESCC.
    mutating func cebrtCourse(high: Bool) -> (longCourse: Bool, regimen: String, alternatives: [String]) {
        let longCourse = (radesTotal ?? 0) >= 36
        return (longCourse, longCourse ? "30 Gy / 10" : "20 Gy / 5", Self.cebrtAlternatives[high ? 1 : 0][longCourse ? 1 : 0])
    }

    /// R5: en bloc resection for the solitary, favourable, long-survival metastasis.
    mutating func enBlocRule() {
        guard enBloc.status == "met" else { return }
        rulesApplied.append("R5 en bloc: solitary, favourable histology, long expected survival → MDT discussion of en bloc resection")
        add(.enBlocResection, priority: 14, regimen: "e.g. total en bloc spondylectomy, after pre-operative embolisation",
            Rationale(rule: "NOMS R5", finding: enBloc.summary, citation: Citations.tomitaEnBloc))
    }

    /// R6: SBRT in preference to cEBRT for good-PS patients without surgical indication or neurology.
    mutating func modernisationRule() {
        guard radiosensitivity == .sensitive, has(.cebrt), urgency.level != .emergency, goodPerformance,
              !hasOpenSurgery else { return }
        rulesApplied.append("R6 modernisation: good performance status, no surgical indication, no neurology → SBRT may be preferred (conditional)")
        var finding: Text = "good performance status, no indication for surgery, no neurological symptoms: SBRT may be offered in preference to cEBRT even for radiosensitive histology (conditional recommendation)"
        var segments = 0
        for lesion in c.spine.lesions { segments = max(segments, lesion.levels.count) }
        if segments > 3 || (highestSinsPoints ?? 0) >= 12 { finding = phrase("\(finding); outside SC.24 eligibility (≤ 3 consecutive segments, SINS < 12)") }
        add(.sbrt, priority: 16, regimen: "24 Gy / 2", alternatives: ["27 Gy / 3", "30 Gy / 5"],
            Rationale(rule: "NOMS R6 (ASTRO 2024)", finding: finding, citation: Citations.astro2024Sc24))
        if facts.highestKnownEscc?.isHighGrade == true {
            // The cord's dose constraint is what limits SBRT against high-grade epidural disease
            // (the reason NOMS uses separation surgery): cEBRT stays the standard here.
            caution(.sbrt, "high-grade ESCC: the spinal-cord dose constraint limits the dose to the epidural disease; cEBRT remains the standard for a radiosensitive tumour")
        }
    }

    /// Supportive options: systemic therapy, bone health, analgesia, rehabilitation, palliative care.
    mutating func supportiveOptions() {
        let h = facts.histology
        let active = c.systemic.currentTreatment.lazy.filter { $0 != .none && $0 != .boneModifying }
        if c.systemic.effectiveOptionsRemaining != false, !gated || c.systemic.effectiveOptionsRemaining == true {
            let finding = h.code == "plasmacytoma" && active.isEmpty
                ? "solitary plasmacytoma: haematology to exclude myeloma and plan follow-up (radiotherapy treats the plasmacytoma itself)"
                : active.isEmpty
                ? phrase("metastatic \(h.name.lowercased()): medical oncology to set the systemic plan; it takes precedence and local treatment is timed around it")
                : phrase("continue current systemic therapy (\(joined: active.map { $0.name }, separator: ", ")); local treatment is timed around it")
            add(.systemicTherapy, priority: 20, Rationale(rule: "Primary cancer first", finding: finding, citation: Citations.noms))
        }
        let onBMA = c.systemic.currentTreatment.contains(.boneModifying)
        // ESMO (reference §12.6) covers breast, castration-resistant prostate, myeloma and solid
        // tumours; a solitary plasmacytoma is none of these, so no agent is proposed for it.
        let bmaHistology = !["lymphoma", "leukemia", "germ-cell", "plasmacytoma"].contains(h.code)
        let bmaIndicated = ["breast", "prostate", "myeloma"].contains(h.code) || prognosis.survivalEstablished
        if !onBMA, bmaHistology, bmaIndicated {
            let finding: Text = switch h.code {
            case "breast": "bone metastases from breast cancer [I, A]"
            case "prostate": "bone metastases from prostate cancer: [I, A] if castration-resistant (CRPC); castration-sensitive disease as other solid tumours with life expectancy ≥ 3 months [I, B] — confirm the castration status"
            case "myeloma": "myeloma bone disease [I, A]"
            default: "bone metastases with life expectancy ≥ 3 months [I, B]"
            }
            add(.boneModifyingAgent, priority: 25, regimen: "zoledronic acid 4 mg IV every 3–4 weeks (12-weekly accepted) or denosumab 120 mg SC every 4 weeks",
                Rationale(rule: "ESMO bone health", finding: finding, citation: Citations.esmoBone))
            // The agents' own risks (reference §12.6), for every patient offered one.
            caution(.boneModifyingAgent, "either agent: risk of osteonecrosis of the jaw (MRONJ) — check dental health before starting (reference §12.6)")
            caution(.boneModifyingAgent, "zoledronic acid: adjust to renal function (check it before each dose); denosumab: hypocalcaemia risk — give calcium and vitamin D, and plan any stop (rebound after stopping) (reference §12.6)")
        }
        let painful = c.spine.lesions.contains { ($0.pain ?? .none) != .none } || (c.symptoms.painScore ?? 0) > 0
            || c.symptoms.newBackPain == true || !c.symptoms.painFeatures.isEmpty
        if painful {
            add(.analgesia, priority: 22, regimen: "WHO analgesic ladder; adjuvants for neuropathic pain",
                Rationale(rule: "Supportive care", finding: phrase("spinal pain\(c.symptoms.painScore.map { " (NRS \($0)/10)" } ?? ""): individualised pain assessment"),
                          citation: Citations.ng234Supportive))
            if let s = c.symptoms.painScore, s >= 7, !has(.dexamethasone) {
                var cautions = ""
                if facts.histology.lymphomaPossible {
                    cautions += "; if lymphoma is possible, obtain tissue first (steroids can obscure the histology)"
                }
                if c.comorbidities.contains(.diabetes) { cautions += "; diabetes: steroid-induced hyperglycaemia — monitor glucose" }
                note(.analgesia, phrase("severe pain (NRS \(s)): NG234 allows steroids for severe pain even without neurological signs\(cautions) (reference §12.5)"))
            }
        }
        // A lesion found on staging that causes nothing (reference §16 V02): radiotherapy is a
        // choice, not a need, when it neither hurts, compresses the cord nor threatens stability.
        let asymptomatic = !painful && c.spine.lesions.allSatisfy { $0.pain == LesionPain.none }
            && !facts.hasNeurologicalSymptomsOrSigns && escc.map { !$0.isHighGrade } == true && stabilisation == .none
        if asymptomatic {
            // "Systemic therapy may suffice" only where systemic therapy is offered: not with no
            // effective options left, nor when the patient declined it.
            let systemicOffered = offered(.systemicTherapy)
            note({ $0.isRadiotherapy }, systemicOffered
                 ? "no pain, neurological symptom, high-grade compression or instability recorded: radiotherapy for this asymptomatic lesion is optional — systemic therapy may suffice (reference §16 V02)"
                 : "no pain, neurological symptom, high-grade compression or instability recorded: radiotherapy for this asymptomatic lesion is optional (reference §16 V02)")
        }
        let deficit = c.neurology.deficit.map { $0 != .none } ?? false
        let impairedWalking = c.neurology.ambulation.map { $0 != .independent } ?? false
        let surgical = hasOpenSurgery
        if deficit || impairedWalking || surgical {
            var why: [Text] = []
            if deficit { why.append("neurological deficit") }
            if impairedWalking { why.append(c.neurology.ambulation == .withAid ? "walking with an aid" : "not walking") }
            if surgical { why.append(surgeryOffByPatient ? "after spinal surgery, if it goes ahead" : "after spinal surgery") }
            add(.rehabilitation, priority: 24, regimen: "physiotherapy and occupational therapy; bladder and bowel programme; VTE prophylaxis if immobile",
                Rationale(rule: "Supportive care", finding: join(why, "; "), citation: "Reference §12.7"))
        }
        // Triggers for early palliative care are an implementation suggestion (reference §12.7 [M]).
        var triggers: [Text] = []
        if let t = tokuhashiTotal, t <= 8 { triggers.append(phrase("Tokuhashi \(t) (0–8)")) }
        if let t = tomitaTotal, t >= 8 { triggers.append(phrase("Tomita \(t) (8–10)")) }
        if let t = nesmsTotal, t <= 1 { triggers.append(phrase("NESMS \(t) (0–1)")) }
        if let t = radesTotal, t <= 30 { triggers.append(phrase("Rades \(t) (20–30)")) }
        if let k = c.performance.karnofsky {
            if k <= 40 { triggers.append(phrase("Karnofsky \(k) (≤ 40)")) }
        } else if let e = c.performance.ecog, e >= 3 {
            // ECOG 3–5 is Karnofsky 40 or less by the conventional mapping (reference §9.3).
            triggers.append(phrase("ECOG \(e) (Karnofsky \(PerformanceStatusScale.karnofskyText(PerformanceStatusScale.karnofskyRange(ecog: e))) ≤ 40)"))
        }
        if c.systemic.effectiveOptionsRemaining == false { triggers.append("no effective systemic options remaining") }
        if !triggers.isEmpty {
            add(.palliativeCare, priority: 26, Rationale(
                rule: "Supportive care", finding: phrase("early specialist palliative care: \(joined: triggers, separator: ", ") (thresholds are SpineBoard's suggestion, not a guideline)"),
                citation: "Reference §12.7"))
        }
        // Pre-operative embolisation for hypervascular tumours.
        if hasOpenSurgery, h.hypervascular != .no {
            add(.embolization, priority: 13, regimen: "pre-operative, typically 24–72 h before surgery",
                Rationale(rule: "Surgical adjunct", finding: h.hypervascular == .yes ? phrase("hypervascular histology (\(h.code))")
                            : phrase("\(h.code) is variably hypervascular: consider if angiography or imaging suggests it"),
                          citation: "Reference §12.4; histologies.md"))
        }
    }

    // MARK: - The patient's context

    /// Regimens that depend on the case rather than on the rule that chose the option: settled
    /// before the context notes, which quote the regimen. (Out of line: inlined, it changed how
    /// applyContext was optimised and cost 8 % of assess() without running.)
    @inline(never) mutating func adaptRadiotherapyToContext() {
        // SBRT planned after separation surgery is definitive when the patient avoids or declines
        // the operation (settled first: the notes below depend on the regimen): every operation,
        // or every one that SBRT would follow.
        var followed = 0, declinedFollowed = 0
        for i in candidates.indices where candidates[i].code == .separationSurgery || candidates[i].code == .decompressionStabilization {
            followed += 1
            if c.preferences.declines.contains(candidates[i].code) { declinedFollowed += 1 }
        }
        let operationOff = surgeryOffByPatient || (followed > 0 && declinedFollowed == followed)
        if operationOff, symptomaticCompression, let i = index(of: .sbrt), candidates[i].regimen == Self.postOperativeSbrt {
            // Without its operation, SBRT is not the radiotherapy for symptomatic compression (SC.24
            // and ASTRO 2024 exclude it; reference §12.1–12.2): the cEBRT below replaces it.
            candidates.remove(at: i)
        } else if operationOff, let i = index(of: .sbrt), candidates[i].regimen == Self.postOperativeSbrt {
            candidates[i].regimen = "24 Gy / 2"
            if !candidates[i].alternativeRegimens.contains("16–24 Gy × 1") { candidates[i].alternativeRegimens.append("16–24 Gy × 1") }
            candidates[i].contextNotes.append("without the operation it was to follow (the patient's choice): definitive rather than post-operative SBRT — agree the dose and the margin to the cord with radiation oncology")
        }
        // Symptomatic compression not treated surgically: cEBRT with an MSCC regimen (reference
        // §12.1), added before the context below so that it adapts it like any other cEBRT
        // (re-irradiation, fewer fractions, the systemic treatment's timing).
        if operationOff, followed > 0, symptomaticCompression, radiosensitivity != .sensitive {
            let who = c.preferences.priorities.contains(.avoidSurgery) ? "the patient wishes to avoid surgery" : "the patient declined the operation"
            let bone = c.spine.lesions.contains { $0.bonyRetropulsion == true } ? "; radiotherapy cannot relieve compression by bone (R3)" : ""
            add(.cebrt, priority: 10, regimen: "20 Gy / 5", alternatives: Self.cebrtAlternatives[1][0], Rationale(
                rule: "Patient preference", finding: phrase("\(who): radiotherapy alone for symptomatic compression not treated surgically — conventional EBRT with an MSCC regimen (SBRT's evidence excludes symptomatic compression: SC.24, ASTRO 2024); \(cebrtDurability)\(bone)"),
                citation: Citations.nomsMsccRegimens))
        }

        // Definitive SBRT declined with no conventional RT on the list (the radioresistant pathway,
        // or SBRT left without its operation): cEBRT is the remaining radiotherapy, as an orthosis
        // is for a declined operation (SpineBoard decision: the reference names no alternative to a
        // declined option). cEBRT relieves painful bone metastases whatever the histology (ASTRO
        // 2017) but controls a radioresistant tumour less durably (NOMS, Laufer 2013). Added here,
        // before the context below, so that it adapts like any other cEBRT. Post-operative SBRT
        // declined while its operation stands is left to the team.
        if c.preferences.declines.contains(.sbrt), !c.preferences.declines.contains(.cebrt), !has(.cebrt),
           radiosensitivity != .sensitive, let i = index(of: .sbrt), candidates[i].regimen != Self.postOperativeSbrt {
            let course = cebrtCourse(high: esccHigh)
            add(.cebrt, priority: candidates[i].priority, regimen: course.regimen, alternatives: course.alternatives, Rationale(
                rule: "Patient preference", finding: phrase("the patient declined SBRT: conventional EBRT is the remaining radiotherapy — it relieves painful bone metastases whatever the histology; local control is \(cebrtDurability)\(course.longCourse ? "; Rades ≥ 36 favours a longer course" : "")"),
                citation: esccHigh ? Citations.nomsMsccRegimens : Citations.nomsAstro2017))
        }

        // Post-operative SBRT declined while its operation stands: the operation loses the
        // radiotherapy it prepares for. The reference names no alternative, so no option is
        // added; the operation says so, for the team to settle with the patient.
        if c.preferences.declines.contains(.sbrt), let i = index(of: .sbrt), candidates[i].regimen == Self.postOperativeSbrt {
            let declines = c.preferences.declines
            note({ ($0 == .separationSurgery || $0 == .decompressionStabilization) && !declines.contains($0) },
                 phrase("the patient declined the SBRT this operation prepares for: agree with radiation oncology which radiotherapy follows it (conventional EBRT is \(cebrtDurability)), or whether to operate — the reference names no alternative (SpineBoard context rule)"))
        }

        // Re-irradiation of the lesion being treated: ASTRO 2024's spine re-irradiation regimens
        // (reference §12.1), the longer course kept as the longest of them.
        let retreated = indexLesion.priorRadiation != nil || mechanicalLesion?.priorRadiation != nil
        if retreated, let i = index(of: .cebrt), let chosen = candidates[i].regimen {
            if !Self.reirradiationRegimens.contains(chosen) {
                let replacement = chosen == "30 Gy / 10" ? "24 Gy / 6" : "20 Gy / 5"
                candidates[i].regimen = replacement
                candidates[i].contextNotes.append(phrase("re-irradiation: \(replacement) instead of \(chosen), which is not among ASTRO 2024's spine re-irradiation regimens"))
            }
            candidates[i].alternativeRegimens = Self.reirradiationRegimens.filter { $0 != candidates[i].regimen }
        }
    }

    mutating func applyContext() {
        adaptRadiotherapyToContext()

        // Why fewer fractions are favoured, joined once (three notes quote it) and written in place.
        var whyText = Phrase.Interpolation(literalCapacity: 0, interpolationCount: 0)
        var reasons = 0
        func reason(_ text: Text) {
            if reasons > 0 { whyText.appendLiteral(", ") }
            reasons += 1
            whyText.appendInterpolation(text)
        }
        if let f = c.social.financialConstraints, f != .none { reason(phrase("financial constraints (\(f.rawValue))")) }
        if c.social.travelBurden == .high { reason("high travel burden") }
        if c.preferences.priorities.contains(.fewestVisits) { reason("the patient prefers the fewest visits") }
        if c.preferences.priorities.contains(.stayHome) { reason("the patient prefers to stay at home") }
        let why: String? = reasons == 0 ? nil : whyText.string
        if let why, let i = index(of: .cebrt) {
            if candidates[i].regimen != "8 Gy × 1" {
                // SCORAD III's population: compression on imaging, or a deficit at cord level.
                let n = c.neurology
                let cordLevel = n.deficit == .myelopathy || n.deficit == .caudaEquina || n.bladderBowelDysfunction == true
                    || (facts.frankel.map { $0.grade != .e } ?? false)
                if esccHigh || cordLevel {
                    candidates[i].contextNotes.append(phrase("\(why): 8 Gy × 1 would need one visit; for MSCC it narrowly missed non-inferiority to 20 Gy / 5 for ambulation (SCORAD III: 69.3 % vs 72.7 %) — discuss (\(Citations.scorad))"))
                    candidates[i].alternativeRegimens.removeAll { $0 == "8 Gy × 1" }
                    candidates[i].alternativeRegimens.insert("8 Gy × 1", at: 0)
                } else {
                    let previous = candidates[i].regimen!
                    candidates[i].alternativeRegimens.removeAll { $0 == "8 Gy × 1" }
                    candidates[i].alternativeRegimens.insert(previous, at: 0)
                    candidates[i].regimen = "8 Gy × 1"
                    candidates[i].contextNotes.append(phrase("\(why): fewer fractions favoured; 8 Gy × 1 gives equivalent pain relief with more retreatment (\(Citations.astro2017))"))
                }
            }
        }
        if let why, let i = index(of: .sbrt), candidates[i].regimen != nil {
            if candidates[i].regimen == "24 Gy / 2" {
                // Single-fraction SRS (reference §12.2, institutional practice [M]) needs one visit.
                candidates[i].alternativeRegimens.removeAll { $0 == "16–24 Gy × 1" }
                candidates[i].alternativeRegimens.insert("16–24 Gy × 1", at: 0)
                candidates[i].contextNotes.append(phrase("\(why): SBRT 24 Gy / 2 needs two treatment visits; single-fraction SRS (16–24 Gy × 1, reference §12.2) needs one"))
            } else {
                note(.sbrt, phrase("\(why): SBRT 24 Gy / 2 needs two treatment visits"))
            }
        }

        // Limited family support: discharge planning and social work.
        if let support = c.social.familySupport, support != .strong {
            add(.rehabilitation, priority: 24, regimen: "physiotherapy and occupational therapy; discharge planning",
                Rationale(rule: "Patient context", finding: phrase("\(support == .none ? "no" : "limited") family support: rehabilitation and discharge planning, home adaptations, social-work referral"),
                          citation: "SpineBoard context rule"))
        }
        if let why {
            note(.rehabilitation, phrase("prefer a home-based or community programme (\(why))"))
        }

        // The primary cancer's treatment comes first. Each local treatment is told what to agree
        // with medical oncology: an operation, the agents that impair wound healing; radiotherapy,
        // its timing within the cycles.
        let active = c.systemic.currentTreatment.lazy.filter { $0 != .none && $0 != .boneModifying }
        if !active.isEmpty {
            let on = phrase("on \(joined: active.map { $0.name }, separator: ", ")")
            // An emergency is not timed around a cycle (R0: a surgical or RT decision within 24 h).
            if urgency.level == .emergency {
                let now: Text = phrase("\(on): the emergency is not delayed for the systemic treatment — tell medical oncology now")
                note({ $0.isOpenSurgery }, phrase("\(now) (hold agents that impair wound healing around the operation)"))
                note({ $0.isRadiotherapy }, phrase("\(now) (agree the next cycle around the radiotherapy)"))
                note(.cementAugmentation, now)
            } else {
                let first: Text = phrase("\(on): the systemic treatment takes precedence")
                note({ $0.isOpenSurgery }, phrase("\(first) — time the operation with medical oncology (hold agents that impair wound healing around surgery)"))
                note({ $0.isRadiotherapy }, phrase("\(first) — time the radiotherapy with medical oncology (agree it with the treatment cycles)"))
                note(.cementAugmentation, phrase("\(first) — time the procedure with medical oncology"))
            }
        }

        // Prior radiation at a treated lesion: re-irradiation.
        for lesion in c.spine.lesions {
            guard let prior = lesion.priorRadiation else { continue }
            let eqd2 = (prior.eqd2CordAlphaBeta2 * 10).rounded() / 10
            let doseText = PriorRadiation.doseText(prior.doseGy)
            let text = phrase("prior RT at \(lesion.name): \(doseText) Gy \(prior.fractions == 1 ? "×" : "/") \(prior.fractions)\(prior.on.map { " on \($0)" } ?? "") (prescription EQD2 \(eqd2) Gy at α/β = 2 Gy, not the cord dose): re-irradiation — check the cumulative spinal-cord dose")
            // ASTRO 2024's re-irradiation regimens are conventional ones (reference §12.1).
            note(.cebrt, phrase("\(text); ASTRO 2024 re-irradiation regimens 8 Gy × 1, 20 Gy / 5, 24 Gy / 6 or 20 Gy / 8"))
            note(.sbrt, text)
        }

        // Comorbidities: specific cautions; serious ones lower open surgery.
        let cm = c.comorbidities
        if has(.dexamethasone) {
            // PPI cover always; the diabetic's glucose caution follows below.
            caution(.dexamethasone, cm.contains(.diabetes) ? "give PPI cover (reference §12.5)" : "monitor blood glucose and give PPI cover (reference §12.5)")
            // Reference §12.5: steroids before biopsy can obscure lymphoma — said on the option too.
            if facts.histology.lymphomaPossible {
                caution(.dexamethasone, "lymphoma possible: obtain tissue first where it is safe to do so — steroids can obscure the histology (reference §12.5)")
            }
        }
        guard !cm.isEmpty else { return applyPreferences() }
        let surgical: (TreatmentOption) -> Bool = { $0.isOpenSurgery }
        let procedures: (TreatmentOption) -> Bool = { $0.isOpenSurgery || $0 == .cementAugmentation || $0 == .embolization }
        if cm.contains(.diabetes) {
            caution(.dexamethasone, "diabetes: steroid-induced hyperglycaemia — monitor capillary glucose and adjust diabetic treatment")
            caution(surgical, "diabetes: higher wound-infection risk; optimise glycaemic control")
        }
        if cm.contains(.hypertension) {
            caution(.dexamethasone, "hypertension: corticosteroids can raise blood pressure — monitor")
            caution(surgical, "hypertension: control blood pressure before surgery")
        }
        if cm.contains(.anemia) {
            caution(surgical, Self.anaemiaSurgicalCaution)
            caution(.embolization, "anaemia: embolisation reduces operative blood loss in hypervascular tumours")
        }
        if cm.contains(.renal) {
            caution(.boneModifyingAgent, "renal impairment: adjust zoledronic acid to creatinine clearance; denosumab needs no renal adjustment (reference §12.6)")
            caution(.analgesia, "renal impairment: avoid NSAIDs; adjust opioid choice and dose")
            caution(.embolization, "renal impairment: limit iodinated contrast")
            caution(surgical, "renal impairment: check renal function before surgery; avoid nephrotoxic drugs and limit contrast")
        }
        if cm.contains(.coagulopathy) {
            caution(procedures, "coagulopathy: correct clotting before any procedure")
            // NSAIDs impair platelet function: the analgesic plan avoids them, as for renal impairment.
            caution(.analgesia, "coagulopathy: avoid NSAIDs (they impair platelet function and add bleeding risk)")
        }
        if cm.contains(.other) {
            caution(surgical, "another comorbidity is recorded: weigh it in the fitness for surgery")
        }
        if cm.contains(.osteoporosis) {
            // Reference §12.6: "The osteoporosis doses … are not the oncology doses."
            caution(.boneModifyingAgent, "osteoporosis: an osteoporosis dose (denosumab 60 mg 6-monthly, zoledronic acid 5 mg yearly) is not the oncology dose — replace it, do not add to it (reference §12.6)")
            caution({ $0 == .stabilization || $0 == .separationSurgery || $0 == .decompressionStabilization }, "osteoporosis: poor screw purchase — consider cement-augmented screws and longer constructs")
        }
        if cm.contains(.hepatic) {
            caution(surgical, "hepatic disease: check coagulation and drug metabolism before surgery")
            caution(.analgesia, "hepatic disease: adjust paracetamol and opioid doses")
        }
        if cm.contains(.cardiac) { caution(surgical, "cardiac disease: pre-operative cardiac assessment; higher anaesthetic risk") }
        if cm.contains(.pulmonary) { caution(surgical, "pulmonary disease: pre-operative respiratory assessment; higher anaesthetic risk") }
        if cm.contains(.obesity) {
            caution(surgical, "obesity: higher wound and anaesthetic risk")
            caution(.bracing, "obesity: orthosis fit may be poor")
        }
        let serious = cm.filter { [.cardiac, .pulmonary, .coagulopathy, .hepatic, .renal].contains($0) }
        if !serious.isEmpty {
            let list = serious.map(\.rawValue).sorted().joinedPhrase(separator: ", ")
            for i in candidates.indices where candidates[i].code.isOpenSurgery {
                candidates[i].priority += 3
                candidates[i].contextNotes.append(phrase("ranked lower for comorbidities (\(list)) that raise the surgical risk: after the non-operative options where there are any; confirm fitness for surgery before offering it"))
            }
        }

        applyPreferences()
        // An orthosis the patient's preferences added (after the cautions above) gets its own.
        if cm.contains(.obesity) { caution(.bracing, "obesity: orthosis fit may be poor") }
    }

    static let patchellCourseNote: Text =
        "after the decompression Patchell's criteria support: the post-operative radiotherapy of Patchell 2005 was 30 Gy / 10 (reference §12.3)"

    /// The patient's stated preferences: avoiding surgery, named goals, declined options.
    mutating func applyPreferences() {
        // "avoid-surgery", or every operation on the list declined: the non-operative alternatives
        // are added; avoided operations rank after them, declined ones last (below); all stay visible.
        let avoids = c.preferences.priorities.contains(.avoidSurgery)
        if surgeryOffByPatient {
            let who = avoids ? "the patient wishes to avoid surgery" : "the patient declined surgery"
            if has(.separationSurgery) || has(.decompressionStabilization) {
                // Symptomatic compression already has its cEBRT (adaptRadiotherapyToContext).
                if !(symptomaticCompression && radiosensitivity != .sensitive) {
                    let modality: TreatmentOption = radiosensitivity == .sensitive ? .cebrt : .sbrt
                    add(modality, priority: 10, regimen: modality == .sbrt ? "24 Gy / 2" : "20 Gy / 5",
                        Rationale(rule: "Patient preference", finding: phrase("\(who): radiotherapy alone, less durable than surgery + RT for high-grade compression"),
                                  citation: Citations.noms))
                }
            }
            if has(.stabilization) || stabilisation == .required || stabilisation == .favoured {
                add(.bracing, priority: 12, regimen: mechanicalLesion.map(Self.orthosis(for:)) ?? "orthosis", Rationale(
                    rule: "Patient preference", finding: phrase("\(who): orthosis and analgesia for instability (less effective than stabilisation)"),
                    citation: Citations.noms))
            }
            // SBRT was to follow the stabilisation (R2 + R3); without an operation, and without a
            // cement augmentation the patient accepts, nothing stabilises the spine before it, and
            // SC.24's evidence (SINS < 12, reference §12.2) does not cover an unstable spine.
            if let after = sbrtAfterStabilisation, let i = index(of: .sbrt),
               let k = candidates[i].contextNotes.firstIndex(of: after.note),
               !offered(.cementAugmentation) {
                let s = after.sins
                candidates[i].contextNotes[k] = phrase("\(s) at \(s.lesion), and \(who): no stabilisation will precede SBRT — SC.24 enrolled SINS < 12, so SBRT on this unstable spine is outside its evidence; \(offered(.bracing) ? "the orthosis supports the spine meanwhile" : "discuss how the spine is supported") (reference §11.3 R2; §12.2)")
            }
            if avoids {
                for i in candidates.indices where candidates[i].code.isOpenSurgery {
                    candidates[i].priority += 100
                    candidates[i].contextNotes.append("the patient prefers to avoid surgery: non-operative alternatives are ranked first")
                }
            }
        }

        // The trial's post-operative course says nothing once the decompression is off.
        if surgeryOffByPatient || c.preferences.declines.contains(.decompressionStabilization), let i = index(of: .cebrt) {
            candidates[i].contextNotes.removeAll { $0 == Self.patchellCourseNote }
        }

        // Cement augmentation declined for a lesion that needs stabilising: the non-operative
        // alternative is an orthosis, as for a declined operation.
        if c.preferences.declines.contains(.cementAugmentation), has(.cementAugmentation), !has(.stabilization) {
            add(.bracing, priority: 12, regimen: mechanicalLesion.map(Self.orthosis(for:)) ?? "orthosis", Rationale(
                rule: "Patient preference", finding: "the patient declined cement augmentation: orthosis and analgesia for the painful fracture (less effective than augmentation)",
                citation: Citations.noms))
        }

        // Goals the patient named.
        for i in candidates.indices where !c.preferences.priorities.isEmpty {
            let served = goals(for: candidates[i].code)
            // In words: the note is read by clinicians, the codes are the input's.
            let named = c.preferences.priorities.lazy.compactMap { p -> String? in
                switch p {
                case .relievePain: served.contains(.painRelief) ? "relief of pain" : nil
                case .maintainFunction: served.contains(.neurologicalFunction) ? "keeping function" : nil
                case .prolongLife: served.contains(.tumorControl) ? "living longer" : nil
                default: nil
                }
            }
            if !named.isEmpty { candidates[i].contextNotes.append(phrase("serves the patient's priority: \(joined: named, separator: ", ")")) }
        }

        // Declined options stay visible, marked, and go last.
        for i in candidates.indices where !c.preferences.declines.isEmpty && c.preferences.declines.contains(candidates[i].code) {
            candidates[i].priority += Self.declinedOffset
            candidates[i].contextNotes.append("declined by the patient: kept visible for the team, not to be offered again without a new discussion")
        }

        // Pre-operative embolisation belongs to an operation: never ranked ahead of the first one,
        // and, when every operation is declined, just before the declined options (which stay last).
        if let e = index(of: .embolization) {
            var firstOperation = Int.max
            for i in candidates.indices where candidates[i].code.isOpenSurgery { firstOperation = min(firstOperation, candidates[i].priority) }
            if firstOperation != .max, candidates[e].priority < firstOperation {
                candidates[e].priority = min(firstOperation, Self.declinedOffset - 1)
            }
            if surgeryOffByPatient {
                candidates[e].contextNotes.append(avoids ? "only before an operation, which the patient wishes to avoid" : "only before an operation, which the patient declined")
            }
        }

        // Post-operative SBRT is the second step of hybrid therapy (reference §11.3 R3: separation
        // surgery "then SRS/SBRT"): never ranked ahead of the operation it follows, e.g. when
        // comorbidities lower the operation. (Without the operation it has become definitive SBRT.)
        if let s = index(of: .sbrt), candidates[s].regimen == Self.postOperativeSbrt,
           let o = index(where: { $0 == .separationSurgery || $0 == .decompressionStabilization }) {
            let operation = candidates[o]
            let after = operation.priority + (operation.order > candidates[s].order ? 1 : 0)
            if candidates[s].priority < after {
                candidates[s].priority = min(after, Self.declinedOffset - 1)
                candidates[s].contextNotes.append(phrase("ranked after the operation it follows: \(Self.title(operation.code))"))
            }
        }
    }

    /// Added to a declined option's priority: declined options rank after every other.
    static let declinedOffset = 1000

    /// Whether open surgery is on the list but the patient avoids it or has declined every
    /// operation on it. Settled once the rules have chosen the operations (no later step adds one).
    mutating func readSurgeryPreference() {
        let declines = c.preferences.declines
        var anyOperation = false
        var allDeclined = true
        var i = 0
        while i < candidates.count {
            let code = candidates[i].code
            if code.isOpenSurgery {
                anyOperation = true
                if !declines.contains(code) { allDeclined = false }
            }
            i += 1
        }
        surgeryOffByPatient = anyOperation && (allDeclined || c.preferences.priorities.contains(.avoidSurgery))
    }

    mutating func goals(for code: TreatmentOption) -> [TreatmentGoal] {
        let compression = esccHigh || facts.hasNeurologicalSymptomsOrSigns
        switch code {
        case .cebrt, .sbrt: return compression ? Goals.painNeuroTumor : Goals.painTumor
        case .separationSurgery: return Goals.neuroTumorPain
        case .decompressionStabilization: return Goals.neuroPain
        case .stabilization, .bracing: return Goals.painNeuro
        case .cementAugmentation, .analgesia: return Goals.pain
        case .enBlocResection: return Goals.tumorNeuro
        case .systemicTherapy: return Goals.tumorSupport
        case .dexamethasone: return Goals.neuroPain
        case .embolization: return Goals.support
        case .boneModifyingAgent, .palliativeCare: return Goals.painSupport
        case .rehabilitation: return Goals.neuroSupport
        }
    }

    /// The goal lists as constants, so ranking allocates none.
    enum Goals {
        static let painNeuroTumor: [TreatmentGoal] = [.painRelief, .neurologicalFunction, .tumorControl]
        static let painTumor: [TreatmentGoal] = [.painRelief, .tumorControl]
        static let neuroTumorPain: [TreatmentGoal] = [.neurologicalFunction, .tumorControl, .painRelief]
        static let neuroPain: [TreatmentGoal] = [.neurologicalFunction, .painRelief]
        static let painNeuro: [TreatmentGoal] = [.painRelief, .neurologicalFunction]
        static let pain: [TreatmentGoal] = [.painRelief]
        static let tumorNeuro: [TreatmentGoal] = [.tumorControl, .neurologicalFunction]
        static let tumorSupport: [TreatmentGoal] = [.tumorControl, .supportCancerTreatment]
        static let support: [TreatmentGoal] = [.supportCancerTreatment]
        static let painSupport: [TreatmentGoal] = [.painRelief, .supportCancerTreatment]
        static let neuroSupport: [TreatmentGoal] = [.neurologicalFunction, .supportCancerTreatment]
    }

    static func title(_ code: TreatmentOption) -> String {
        switch code {
        case .cebrt: "Conventional external-beam radiotherapy (cEBRT)"
        case .sbrt: "Stereotactic body radiotherapy (SBRT / SRS)"
        case .separationSurgery: "Separation surgery (hybrid therapy with SBRT)"
        case .decompressionStabilization: "Decompression and stabilisation"
        case .stabilization: "Stabilisation (instrumented fixation)"
        case .cementAugmentation: "Cement augmentation (kyphoplasty / vertebroplasty)"
        case .enBlocResection: "En bloc resection (MDT discussion)"
        case .systemicTherapy: "Systemic therapy (medical oncology)"
        case .dexamethasone: "Dexamethasone"
        case .embolization: "Pre-operative embolisation"
        case .bracing: "Orthosis (bracing)"
        case .boneModifyingAgent: "Bone-modifying agent"
        case .analgesia: "Analgesia"
        case .rehabilitation: "Rehabilitation (physiatry)"
        case .palliativeCare: "Specialist palliative care"
        }
    }

    mutating func rankedOptions() -> [TreatmentRecommendation] {
        // Sorts positions, not a copy of the candidates.
        let order = candidates.indices.sorted {
            (candidates[$0].priority, candidates[$0].order) < (candidates[$1].priority, candidates[$1].order)
        }
        return order.enumerated().map { rank, i in
            let cand = candidates[i]
            return TreatmentRecommendation(
                code: cand.code, rank: rank + 1, title: Self.title(cand.code), regimen: cand.regimen,
                alternativeRegimens: cand.alternativeRegimens, rationale: cand.rationale, goals: goals(for: cand.code),
                contextNotes: cand.contextNotes, cautions: cand.cautions,
                declined: c.preferences.declines.contains(cand.code))
        }
    }

    // MARK: - Referrals

    static let referralOrder = Referral.allCases

    mutating func referrals() -> [ReferralDetail] {
        // Every reason in one list, tagged with its referral; each referral's list is then made
        // at its final size, in the order of `Referral.allCases` (no list of lists regrowing).
        let all = Self.referralOrder
        var tagged = [(Referral, Text)](capacity: 16)
        func refer(_ r: Referral, _ why: Text) { tagged.append((r, why)) }
        if let s = scores.sins.knownInstability, s.points >= 7 {
            refer(.spineSurgery, s.exact ? phrase("\(s) ≥ 7 (Fisher 2010)") : phrase("\(s) ≥ 7 at \(s.lesion) (Fisher 2010)"))
        }
        if let g = facts.highestKnownEscc, g.isHighGrade { refer(.spineSurgery, phrase("high-grade epidural compression (ESCC \(g.rawValue))")) }
        if c.spine.lesions.contains(where: { $0.bonyRetropulsion == true }) { refer(.spineSurgery, "bony retropulsion") }
        // A referral is for what is offered: an option the patient declined stays on the list,
        // marked, "not to be offered again without a new discussion", and asks for no referral.
        let declines = c.preferences.declines
        let surgeryOffered = index(where: { $0.isOpenSurgery && !declines.contains($0) }) != nil
        if surgeryOffered && !tagged.contains(where: { $0.0 == .spineSurgery }) { refer(.spineSurgery, "surgical option on the list") }
        let cebrt = offered(.cebrt), sbrt = offered(.sbrt)
        if cebrt || sbrt { refer(.radiationOncology, phrase("radiotherapy option (\(cebrt && sbrt ? "cEBRT, SBRT" : cebrt ? "cEBRT" : "SBRT"))")) }
        refer(.medicalOncology, c.systemic.effectiveOptionsRemaining == false
              ? "no effective systemic options recorded: confirm, and plan the care that follows"
              : "systemic treatment plan and timing: the primary cancer's treatment takes precedence")
        if urgency.level != .routine { refer(.diagnosticRadiology, phrase("whole-spine MRI within \(urgency.level == .emergency ? "24 hours" : "1 week")")) }
        if scores.escc.status != "computed" || scores.sins.status != .computed { refer(.diagnosticRadiology, "complete the imaging items (ESCC, SINS)") }
        if facts.histology.code == "unknown-primary" {
            refer(.interventionalRadiology, "image-guided biopsy: unknown primary")
            refer(.diagnosticRadiology, "staging to find the primary")
        }
        if offered(.cementAugmentation) { refer(.interventionalRadiology, "cement augmentation") }
        if offered(.embolization) {
            refer(.interventionalRadiology, surgeryOffByPatient ? "pre-operative embolisation, if the operation goes ahead" : "pre-operative embolisation")
        }
        if offered(.rehabilitation) { refer(.physiatry, "rehabilitation") }
        if offered(.palliativeCare) { refer(.palliativeCare, "specialist palliative care") }
        if let f = c.social.familySupport, f != .strong { refer(.socialWork, f == .none ? "no family support" : "limited family support") }
        if let f = c.social.financialConstraints, f != .none { refer(.socialWork, phrase("financial constraints (\(f.rawValue))")) }
        if c.social.travelBurden == .high { refer(.socialWork, "high travel burden: transport and accommodation") }
        var details = [ReferralDetail](capacity: all.count)
        for r in all {
            var count = 0
            for i in tagged.indices where tagged[i].0 == r { count += 1 }
            guard count > 0 else { continue }
            var reasons = [Text](capacity: count)
            for i in tagged.indices where tagged[i].0 == r { reasons.append(tagged[i].1) }
            details.append(ReferralDetail(code: r, reasons: reasons))
        }
        return details
    }

    // MARK: - Warnings

    /// Every local treatment on the list declined: the plan left is systemic and supportive only.
    /// The declined options stay visible (case-format.md); the reference names no alternative, so
    /// SpineBoard asks the team to record the refusal and revisit it (SpineBoard context rule).
    mutating func declinedEveryLocalTreatmentWarning() {
        let declines = c.preferences.declines
        guard !declines.isEmpty else { return }
        var onList = [TreatmentOption](capacity: 7)  // the seven local treatments
        for code in TreatmentOption.allCases where code.isLocalTreatment && has(code) {
            guard declines.contains(code) else { return }
            onList.append(code)
        }
        guard !onList.isEmpty else { return }
        let stake: StaticString = esccHigh
            ? " — with high-grade epidural compression, walking and bladder and bowel function are at stake"
            : ""
        warnings.append(phrase("The patient declined every local treatment on the list (\(joined: onList, separator: ", ")): none remains planned. Record the informed refusal\(stake), keep the safety-net, and revisit the decision at each review (SpineBoard context rule)."))
    }

    mutating func collectWarnings() {
        if escc?.isGreyZone == true {
            warnings.append("ESCC 1c is treated as low-grade (SpineBoard decision 1): grey zone — separation surgery may be considered for radioresistant tumours.")
        }
        if radiosensitivity == .unclassified {
            warnings.append(phrase("\(facts.histology.name) is not on the NOMS radiosensitivity list: record primaryTumor.radiosensitivity; both radiotherapy pathways are shown."))
        }
        if facts.histology.code == "unknown-primary" {
            warnings.append(c.primaryTumor.radiosensitivity == nil
                ? "Unknown primary: obtain tissue; treated as radioresistant until then, and no Bauer \"no lung cancer\" point (SpineBoard decision 4)."
                : "Unknown primary: obtain tissue; the clinician's radiosensitivity applies until then, and no Bauer \"no lung cancer\" point (SpineBoard decision 4).")
        }
        if facts.histology.lymphomaPossible, has(.dexamethasone) {
            warnings.append("Steroids before biopsy can obscure lymphoma: obtain tissue first where it is safe to do so.")
        }
        if facts.histology.code == "lung-sclc" {
            warnings.append("Small-cell lung cancer is chemo- and radiosensitive in practice but not on the NOMS list.")
        }
        if c.systemic.clinicianSurvivalEstimateMonths == nil {
            warnings.append(prognosis.survivalAtLeast3Months == "uncertain"
                ? "No clinician survival estimate, and the scores do not settle it: expected survival ≥ 3 months is not determined; record systemic.clinicianSurvivalEstimateMonths."
                : phrase("No clinician survival estimate: expected survival ≥ 3 months (\(prognosis.survivalAtLeast3Months)) was read from the prognostic scores; record systemic.clinicianSurvivalEstimateMonths."))
        }
        if c.systemic.medicallyOperable == nil {
            warnings.append("Medical operability not recorded (systemic.medicallyOperable): surgical options assume fitness for surgery.")
        }
        if !gated, !prognosis.survivalEstablished, hasOpenSurgery {
            warnings.append("Open surgery requires expected survival ≥ 3 months, which is not established.")
        }
        declinedEveryLocalTreatmentWarning()
        if scores.tokuhashiRevised.approximate {
            warnings.append(phrase("Tokuhashi read from ECOG only: approximate (alternative total \(scores.tokuhashiRevised.alternativeTotal!))."))
        }
        if facts.frankel?.fromAsia == true {
            warnings.append("Frankel grade read from ASIA: approximate.")
        }
        // Difficulty walking is an MSCC symptom (NICE NG234, reference §13.2) when it is new; the
        // case's urgency rules read a loss of walking only with its time (case-format.md).
        if c.neurology.ambulation == .nonAmbulatory, c.neurology.hoursSinceLossOfAmbulation == nil, urgency.level != .emergency {
            warnings.append("Not walking, and when walking was lost is not recorded: if it is recent, treat as suspected MSCC now (NICE NG234: contact the MSCC coordinator immediately) and record neurology.hoursSinceLossOfAmbulation.")
        }
        let incomplete = [("SINS", scores.sins.status), ("revised Tokuhashi", scores.tokuhashiRevised.status),
                          ("Tomita", scores.tomita.status), ("modified Bauer", scores.bauerModified.status),
                          ("original Bauer", scores.bauerOriginal.status), ("NESMS", scores.nesms.status),
                          ("Rades", scores.rades.status)].filter { $0.1 == .incomplete }.map(\.0)
        if !incomplete.isEmpty || scores.escc.status != "computed" {
            warnings.append(phrase("Incomplete: \((incomplete + (scores.escc.status != "computed" ? ["ESCC"] : [])).joinedPhrase(separator: ", ")) — see each score's missing fields; nothing missing was counted as 0."))
        }
    }
}
