// The patient summary: plain language for the patient and family (reading age about 12) — what
// is happening in the spine, the goals, the options the team is considering and what each
// involves, and the warning signs that mean seeking care at once. Prints cleanly.
import Fluent
import Foundation
import SpineCore
import Vapor

/// Plain words for treatment options, goals and referrals (wording only; the clinical choices
/// come from the core).
enum OptionWords {
    static let titles: [String: String] = [
        "cebrt": "Radiotherapy (conventional)", "sbrt": "Stereotactic radiotherapy", "separation-surgery": "Separation surgery",
        "decompression-stabilization": "Decompression and stabilisation", "stabilization": "Stabilisation",
        "cement-augmentation": "Cement augmentation", "en-bloc-resection": "En bloc resection", "systemic-therapy": "Systemic therapy",
        "dexamethasone": "Dexamethasone", "embolization": "Embolisation", "bracing": "Brace", "bone-modifying-agent": "Bone-strengthening medicine",
        "analgesia": "Pain medicine", "rehabilitation": "Rehabilitation", "palliative-care": "Palliative care",
    ]

    static let plain: [String: (String, String)] = [
        "cebrt": ("Radiotherapy", "Beams of radiation aimed at the spine to shrink the cancer and ease pain. It is given as a few short visits (often 1 to 5). It does not hurt while it is given."),
        "sbrt": ("Precise (stereotactic) radiotherapy", "A very precise, strong radiotherapy that spares the spinal cord. It needs careful planning scans, then 1 to 5 visits."),
        "separation-surgery": ("Surgery to free the spinal cord, then precise radiotherapy", "An operation removes the part of the tumour that presses on the spinal cord and fixes the spine with screws and rods. Precise radiotherapy follows a few weeks later. Recovery in hospital takes about a week or more."),
        "decompression-stabilization": ("Surgery to take pressure off the nerves and make the spine stable", "An operation removes what presses on the spinal cord or nerves and holds the spine with screws and rods. It means a stay in hospital and a period of recovery."),
        "stabilization": ("Surgery to make the spine stable", "An operation places screws and rods to hold the weak part of the spine, so it can carry weight without breaking further."),
        "cement-augmentation": ("Bone cement", "A small procedure through the skin: special cement is injected into a broken vertebra to strengthen it and ease pain. Most people go home the same or next day."),
        "en-bloc-resection": ("Removing the tumour in one piece", "A big operation that removes the whole tumour and the bone around it. It is only for a few people, and the team will discuss it carefully with you."),
        "systemic-therapy": ("Cancer medicines", "Medicines that treat the cancer all through the body, such as chemotherapy, hormone therapy, targeted therapy or immunotherapy."),
        "dexamethasone": ("Steroid tablets (dexamethasone)", "A strong steroid that reduces swelling around the spinal cord. It is usually started at once and the dose is then lowered."),
        "embolization": ("Blocking the tumour's blood supply before surgery", "A thin tube is passed through a blood vessel to block the vessels feeding the tumour, so there is less bleeding during surgery."),
        "bracing": ("A brace", "A firm support worn around the body to hold the spine steady and ease pain when moving."),
        "bone-modifying-agent": ("Bone-strengthening medicine", "A regular injection or drip that makes bones stronger and lowers the chance of new fractures."),
        "analgesia": ("Pain medicines", "Medicines to control pain, adjusted until the pain is manageable."),
        "rehabilitation": ("Rehabilitation", "Physiotherapists and other specialists help you move, walk and stay as independent as possible."),
        "palliative-care": ("Palliative care", "A team that focuses on comfort, symptoms and support for you and your family, alongside other treatment."),
    ]

    static func goal(_ g: TreatmentGoal) -> String {
        switch g {
        case .painRelief: "pain relief"
        case .neurologicalFunction: "nerve function"
        case .supportCancerTreatment: "support cancer treatment"
        case .tumorControl: "tumour control"
        }
    }

    static func plainGoal(_ g: TreatmentGoal) -> String {
        switch g {
        case .painRelief: "ease your pain"
        case .neurologicalFunction: "protect the nerves that let you walk, feel and control your bladder and bowel"
        case .supportCancerTreatment: "support the rest of your cancer care"
        case .tumorControl: "keep the cancer in the spine under control"
        }
    }

    static func referral(_ r: Referral) -> String {
        switch r {
        case .spineSurgery: "Spine surgery"
        case .radiationOncology: "Radiation oncology"
        case .medicalOncology: "Medical oncology"
        case .diagnosticRadiology: "Diagnostic radiology"
        case .interventionalRadiology: "Interventional radiology"
        case .physiatry: "Rehabilitation medicine (physiatry)"
        case .palliativeCare: "Palliative care"
        case .socialWork: "Social work"
        }
    }
}

enum PatientSummaryPage {
    static func show(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        let loaded = try await LoadedCase.load(req, user: user, detail: "web patient summary")
        // Only a decision on the version summarised: an earlier one was taken on other findings.
        let decision = try await DecisionService.list(caseID: loaded.caseID, on: req.db).last { $0.caseVersion == loaded.version.version }
        let page = Layout(title: "Summary for the patient", user: user, csrf: req.webCSRFToken, bodyClass: "summary-page")
            .render(view(loaded.stored.value, loaded.stored.assessment, caseID: loaded.caseID, decision: decision,
                         escalated: loaded.head.escalation != nil))
        return WebApp.html(page)
    }

    /// The team's decision in plain words, the main treatment first.
    static func decided(_ d: DecisionView?) -> Html {
        guard let d else { return .empty }
        let items: [Html] = d.options.enumerated().map { i, o in
            let (title, what) = OptionWords.plain[o.code] ?? (TeamWords.option(o.code), "")
            return "<li><h3>\(i == 0 && d.options.count > 1 ? "Main treatment: " : "")\(title)</h3><p>\(what)</p></li>"
        }
        let aims = d.goals.compactMap(TreatmentGoal.init(rawValue:)).map(OptionWords.plainGoal)
        return """
        <section class="decided"><h2>What the team decided with you</h2>
        <p>On \(String(d.decidedAt.prefix(10))), your care team agreed on this plan, taking into account what you told them matters to you:</p>
        <ol class="plain-options">\(items)</ol>
        \(aims.isEmpty ? Html.empty : Html(raw: "<p>It aims to \(Html.escape(aims.joined(separator: "; "))).</p>"))
        <p>Your doctors and nurses will go through the plan with you. You can always ask questions or change your mind: nothing happens without your agreement.</p></section>
        """
    }

    /// What the patient should know about how soon: a deterioration at follow-up first (the case is
    /// an emergency again whatever the assessment said), then the assessment's level; once the team
    /// has decided, the plan replaces the promise of one.
    static func urgencyText(_ level: UrgencyLevel, decided: Bool, escalated: Bool) -> Html {
        if escalated {
            return """
            <div class="banner emergency"><p><strong>Your care team needs to see you urgently.</strong> At your last check-up, your nerves were working less well than before \
            (for example the strength or feeling in your legs, or your walking). This can mean the spinal cord is being squeezed, so the team needs to examine you again straight away\
            \(decided ? ", and the plan below may change" : "").</p>
            <p><strong>If it gets worse — more weakness or numbness, more trouble walking, or problems with your bladder or bowel — call your care team or emergency services at once. Do not wait.</strong></p></div>
            """
        }
        switch (level, decided) {
        case (.emergency, false):
            return "<p class=\"banner emergency\"><strong>This is urgent.</strong> The team is treating this as an emergency and aims to decide on treatment within 24 hours.</p>"
        case (.emergency, true):
            return "<p class=\"banner emergency\"><strong>This is urgent.</strong> The team is treating this as an emergency and will start the plan below as soon as possible.</p>"
        case (.urgent, false):
            return "<p class=\"banner urgent\"><strong>This needs attention soon.</strong> The team aims to have a plan within about a week, sooner if anything changes.</p>"
        case (.urgent, true):
            return "<p class=\"banner urgent\"><strong>This needs attention soon.</strong> The team will start the plan below soon. Tell them at once if anything changes.</p>"
        case (.routine, false):
            return "<p class=\"banner routine\">This is not an emergency today. The team will plan treatment at a regular appointment.</p>"
        case (.routine, true):
            return "<p class=\"banner routine\">This is not an emergency today. The team will go through the plan below with you at a regular appointment.</p>"
        }
    }

    static func view(_ c: Case, _ a: Assessment, caseID: UUID, decision: DecisionView? = nil, escalated: Bool = false) -> Html {
        let name = c.patient.name ?? "you"
        let levels = Words.levels(c.spine.involvedLevels)
        let present = Set(c.spine.involvedLevels.map(\.region))
        let regions = [VertebralLevel.Region.cervical, .thoracic, .lumbar, .sacral].filter { present.contains($0) }
        let regionWords = regions.map { r -> String in
            switch r {
            case .cervical: "neck"
            case .thoracic: "middle of the back"
            case .lumbar: "lower back"
            case .sacral: "bottom of the spine"
            }
        }
        // What is known even when another lesion's item is missing (the case-level scores are then
        // incomplete): a graded compression, the highest SINS known to hold.
        let compressed = c.spine.lesions.filter { $0.escc?.isHighGrade == true }
        let highGrade = !compressed.isEmpty
        let unstable = (a.scores.sins.knownInstability?.points ?? 0) >= 7
        // Below L1 the canal holds the nerve roots (cauda equina), not the cord.
        let cordLevel = compressed.contains { $0.levels.contains { $0 <= .l1 } }
        var spine: [Html] = [
            "<p>\(diseaseWords(histology: c.primaryTumor.histology, place: "\(levels), in the \(regionWords.joined(separator: " and "))"))</p>",
        ]
        if highGrade && cordLevel {
            spine.append("<p>The scans show the tumour is <strong>pressing on the spinal cord</strong>. The spinal cord carries messages between the brain and the body, so this needs treatment soon to protect walking, feeling and bladder and bowel control.</p>")
        } else if highGrade {
            spine.append("<p>The scans show the tumour is <strong>pressing on the nerves</strong> in the lower spine. These nerves control the legs, the bladder and the bowel, so this needs treatment soon to protect walking, feeling and bladder and bowel control.</p>")
        } else if a.scores.escc.grade != nil {
            spine.append("<p>The scans show the tumour is not pressing hard on the spinal cord at the moment.</p>")
        }
        if unstable {
            spine.append("<p>The bone may be <strong>weakened</strong>, so the spine may not be fully stable. This can cause pain when you move, and it can affect which treatments are safest.</p>")
        }
        var urgency = urgencyText(a.urgency.level, decided: decision != nil, escalated: escalated)
        // Not walking, and when that began is not recorded: the assessment cannot call it an
        // emergency, but a recent loss of walking is one (NICE NG234).
        if c.neurology.ambulation == .nonAmbulatory, c.neurology.hoursSinceLossOfAmbulation == nil, a.urgency.level != .emergency, !escalated {
            urgency = Html(raw: urgency.raw + "<p class=\"banner urgent\"><strong>If you have only recently become unable to walk, tell your care team today or go to the emergency department.</strong> A recent loss of walking can be a sign that needs treatment at once.</p>")
        }
        let goals = Array(Set(a.options.filter { !$0.declined }.prefix(3).flatMap(\.goals))).sorted { $0.rawValue < $1.rawValue }
        let goalItems: [Html] = goals.map { "<li>to \(OptionWords.plainGoal($0))</li>" }
        let priorities: [Html] = c.preferences.priorities.map { "<li>\(FieldLabels.code($0.rawValue))</li>" }
        // Once decided, the options not chosen stay listed (the patient may ask about them), but no
        // longer as what the team is considering.
        let chosen = Set(decision?.options.map(\.code) ?? [])
        let listed = a.options.filter { !chosen.contains($0.code.rawValue) }
        let options: [Html] = listed.prefix(5).map { o in
            let (title, what) = OptionWords.plain[o.code.rawValue] ?? (o.title, "")
            let note: Html = o.declined ? " <em>(you told the team you do not want this; it is listed so you know it was considered)</em>" : .empty
            return "<li><h3>\(title)\(note)</h3><p>\(what)</p><p class=\"muted\">It aims to: \(o.goals.map(OptionWords.plainGoal).joined(separator: "; ")).</p></li>"
        }
        let optionsSection: Html
        if decision == nil {
            optionsSection = """
            <section><h2>The options your team is considering</h2><p>Your team will talk these through with you. Nothing happens without your agreement.</p><ol class="plain-options">\(options)</ol></section>
            """
        } else if options.isEmpty {
            optionsSection = .empty
        } else {
            optionsSection = """
            <section><h2>Other options the team looked at</h2><p>The team talked these through before deciding. You can ask about them at any time.</p><ol class="plain-options">\(options)</ol></section>
            """
        }
        return """
        <div class="page-head no-print"><p><a href="/cases/\(caseID.uuidString)">Back to the assessment</a></p><button type="button" class="button" data-print>Print</button></div>
        <article class="summary">
        <h1>Your spine: a summary for \(name) and family</h1>
        <p class="muted">Made from your record on \(a.assessedOn.description). Please ask us about anything that is not clear.</p>
        \(urgency)
        <section><h2>What is happening in your spine</h2>\(spine)</section>
        <section><h2>What treatment aims to do</h2><ul>\(goalItems)</ul>
        \(priorities.isEmpty ? Html.empty : Html(raw: "<p>You told us what matters most to you:</p><ul>\(priorities.joined().raw)</ul>"))</section>
        \(decided(decision))
        \(optionsSection)
        <section class="red-flags"><h2>When to get help straight away</h2>
        <p><strong>Call your care team or emergency services at once (do not wait until the next day)</strong> if you notice any of these:</p>
        <ul>
        <li>new weakness in your arms or legs, or your legs giving way</li>
        <li>new numbness or tingling, for example in your legs, or around your bottom or genitals</li>
        <li>trouble walking or keeping your balance</li>
        <li>problems passing urine, or losing control of your bladder or bowel</li>
        <li>back or neck pain that is new, getting worse quickly, or so bad it stops you sleeping</li>
        <li>pain that spreads like a band around your chest or tummy, or down an arm or leg</li>
        </ul>
        <p>These can be signs that the spinal cord is being squeezed. Quick treatment can protect your ability to walk.</p></section>
        <p class="disclaimer">This summary is produced automatically by a decision-support tool from what is in your record. Your care team will go through it with you. It does not replace talking with your doctors and nurses.</p>
        </article>
        """
    }

    /// The first sentence about the disease, in plain words. A solid cancer has spread to the spine
    /// from where it started (a spinal metastasis); a blood cancer (myeloma, lymphoma, leukaemia)
    /// grows in the bone and its marrow, so it affects the spine rather than spreading to it.
    static func diseaseWords(histology code: String, place: String) -> String {
        if HistologyCatalogue.entry(code)?.isHaematological == true {
            let disease = bloodCancers[code] ?? "This blood cancer"
            return "\(disease) affects the bones of the spine (\(place))."
        }
        let spread = "has spread to the bones of the spine (\(place)). This is called a spinal metastasis."
        if let site = primarySites[code] { return "The cancer that started in the \(site) \(spread)" }
        if let kind = cancerKinds[code] { return "The cancer (\(kind)) \(spread)" }
        if code == "unknown-primary" {
            return "The cancer \(spread) Where in the body it started is not yet known."
        }
        return "The cancer \(spread)"
    }

    /// Where each solid cancer starts, in plain words (the histology catalogue names the tumour,
    /// not the organ: "breast carcinoma" → "breast").
    static let primarySites: [String: String] = [
        "breast": "breast", "prostate": "prostate", "thyroid": "thyroid gland", "kidney": "kidney",
        "uterus": "womb (uterus or cervix)", "rectum": "back passage (rectum)", "colon": "bowel (colon)",
        "lung-nsclc": "lung", "lung-sclc": "lung", "liver": "liver", "gallbladder": "gallbladder or bile ducts",
        "stomach": "stomach", "esophagus": "food pipe (oesophagus)", "pancreas": "pancreas",
        "bladder": "bladder or urinary tract", "ovary": "ovary", "head-neck": "head or neck",
    ]

    /// Solid cancers named by their kind: they start in more than one kind of place.
    static let cancerKinds: [String: String] = [
        "neuroendocrine": "a neuroendocrine tumour", "osteosarcoma": "osteosarcoma, a bone cancer",
        "sarcoma": "a sarcoma, a cancer of the body's supporting tissues", "melanoma": "melanoma, a cancer of the pigment cells",
        "germ-cell": "a germ-cell tumour",
    ]

    /// Blood cancers (the catalogue's haematological entries), as the subject of a sentence.
    static let bloodCancers: [String: String] = [
        "myeloma": "Myeloma, a cancer of the plasma cells in the bone marrow,",
        "plasmacytoma": "A plasmacytoma, a growth of plasma cells (a kind of blood cell),",
        "lymphoma": "Lymphoma, a cancer of the white blood cells that fight infection,",
        "leukemia": "Leukaemia, a cancer of the blood-forming cells,",
    ]
}

/// The version history of a case: who saved each version, when, and what changed.
enum HistoryPage {
    static func show(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        _ = try await req.requireUser(.readPatients, action: "case.versions")
        let rawID = req.parameters.get("caseId") ?? ""
        let (head, patient) = try await req.auditingFailures(action: "case.versions", user: user, caseID: rawID) {
            try await req.requireCaseAccess(user, rawID: rawID, action: "case.versions")
        }
        let caseID = try head.requireID()
        let list = try await CaseQueries.versionList(of: caseID, on: req.db)
        let documents = try await CaseVersionModel.query(on: req.db).filter(\.$caseHead.$id == caseID).sort(\.$version).all()
        try await req.audit(AuditEvent(action: "case.versions", patientRecord: patient.recordNumber, caseID: caseID.uuidString,
                                       outcome: AuditOutcome.success, detail: "web history with changes"), user: user)
        let forms = documents.map { CaseFormModel.form(fromDocument: $0.document) }
        let entries: [Html] = list.reversed().map { v in
            let i = v.version - 1
            let changes: Html
            if i == 0 || i >= forms.count {
                changes = "<p class=\"muted\">First version.</p>"
            } else {
                let diff = CaseFormModel.changes(from: forms[i - 1], to: forms[i])
                let rows: [Html] = diff.map { "<tr><th scope=\"row\">\(FieldLabels.label($0.field))</th><td>\($0.before)</td><td>\($0.after)</td></tr>" }
                changes = diff.isEmpty ? "<p class=\"muted\">No field changed.</p>"
                    : "<table class=\"diff\"><thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Before</th><th scope=\"col\">After</th></tr></thead><tbody>\(rows)</tbody></table>"
            }
            return """
            <li class="card"><h2>Version \(v.version)\(v.version == head.currentVersion ? " (current)" : "")</h2>
            <p>Saved by <strong>\(v.author)</strong> on \(ISOTimestamp.iso8601(v.createdAt)) · urgency \(v.urgency ?? "—") · rules \(v.rulesVersion ?? "—") · <a href="/cases/\(caseID.uuidString)?version=\(v.version)">assessment of this version</a></p>
            \(changes)</li>
            """
        }
        let body: Html = """
        <div class="page-head"><h1>History: \(patient.name ?? patient.recordNumber)</h1><a class="button" href="/cases/\(caseID.uuidString)">Back to the assessment</a></div>
        <ol class="history">\(entries)</ol>
        """
        return WebApp.html(Layout(title: "History", user: user, csrf: req.webCSRFToken).render(body))
    }
}
