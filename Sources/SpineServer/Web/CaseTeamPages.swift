// The team's panels on the case page (care team, tumour board, reviews, decisions, tasks) and the
// forms they post: add a person or invite a role, join by invitation (from the worklist), put the
// case on a meeting's agenda, record a review, complete a task. Every write goes through the same
// Team service as the JSON API; a refused form is shown again with its errors and what was typed.
import Fluent
import Foundation
import SpineCore
import Vapor

/// The care-team writes whose rules live in `TeamController` (add a member or invite a role; join
/// by invitation), factored so the pages and the API can share one implementation.
/// What a refused panel form sends back to the case page.
struct CasePanelState {
    /// `team-person`, `team-role`, `schedule` or `review`.
    var form: String?
    var values = FormData()
    var errors: [CaseValidationError] = []
    var message: String?

    func values(for name: String) -> FormData { form == name ? values : FormData() }
    func errors(for name: String) -> [CaseValidationError] { form == name ? errors : [] }
    func alert(for name: String) -> Html {
        guard form == name, let message, errors.isEmpty else { return .empty }
        return #"<p class="alert error" role="alert" id="error-summary" tabindex="-1">\#(message)</p>"#
    }
}

enum CaseTeamPanels {
    // MARK: - Rendering

    static func render(_ req: Request, user: AuthenticatedUser, loaded: LoadedCase, state: CasePanelState) async throws -> Html {
        guard loaded.isCurrent else {
            return #"<section class="card"><p>The care team, reviews, decisions and tasks are on <a href="/cases/\#(loaded.caseID.uuidString)">the current version</a>.</p></section>"#
        }
        let db = req.db
        let caseID = loaded.caseID
        let id = caseID.uuidString
        let canWrite = user.role.permits(.writeCases)
        let team = try await CareTeamMemberModel.query(on: db).filter(\.$caseID == caseID).sort(\.$createdAt).all()
        let agenda = try await AgendaItemModel.query(on: db).filter(\.$caseID == caseID).sort(\.$createdAt).all()
        var meetings: [UUID: MeetingModel] = [:]
        for item in agenda where meetings[item.meetingID] == nil { meetings[item.meetingID] = try await MeetingModel.find(item.meetingID, on: db) }
        let earliest = ISOTimestamp.iso8601(req.now.addingTimeInterval(-86_400))
        let upcoming = try await MeetingService.list(now: req.now, on: db).filter { $0.status == "planned" && $0.startsAt >= earliest }
        let reviews = try await ReviewService.list(caseID: caseID, latestOnly: true, on: db)
        let decisions = try await DecisionService.list(caseID: caseID, on: db)
        let tasks = try await TaskService.tasks(of: caseID, on: db).map { TaskView($0, now: ISOTimestamp.iso8601(req.now)) }
        let emergency = loaded.head.effectiveUrgency == .emergency
        let canChange = try await CareTeam.canChangeTeam(user, caseID: caseID, on: db)
        let csrf = req.webCSRFToken
        let back = "/cases/\(id)"
        return """
        <nav class="card panel-nav no-print" aria-label="Team work on this case"><a href="#team">Care team</a> <a href="#board">Tumour board</a>
        <a href="#reviews">Reviews</a> <a href="#decision">Decision</a> <a href="#tasks">Tasks</a>
        <a href="/cases/\(id)/follow-up">Follow-up</a> <a href="/cases/\(id)/spine">Spine over time</a></nav>
        \(teamPanel(team, caseID: id, canWrite: canWrite, canChange: canChange, state: state, csrf: csrf))
        \(boardPanel(agenda, meetings: meetings, upcoming: upcoming, emergency: emergency, caseID: id, canWrite: canWrite, canShare: canChange,
                    state: state, csrf: csrf))
        \(reviewsPanel(reviews, user: user, loaded: loaded, state: state, csrf: csrf))
        \(decisionsPanel(decisions, caseID: id, canWrite: canWrite))
        \(tasksPanel(tasks, now: req.now, canWrite: canWrite, back: back + "#tasks", csrf: csrf))
        """
    }

    static func escalation(_ head: CaseModel) -> Html {
        guard let e = head.escalation else { return .empty }
        let id = head.id?.uuidString ?? ""
        return """
        <section class="banner emergency" role="alert" aria-labelledby="escalation-h"><h2 id="escalation-h"><span class="badge emergency">emergency</span> Neurology worse at follow-up</h2>
        <p>\(e)</p><p>The case is an emergency again until a new case version is assessed. <a href="/cases/\(id)/edit">Record the new findings</a>.
        A new urgency clock started at the follow-up: <a href="/cases/\(id)#tasks">its tasks</a>.</p></section>
        """
    }

    /// The top of the case page: the urgency the team must act on. A neurological deterioration at
    /// follow-up comes first, because it makes the case an emergency whatever the assessment below
    /// it says; the assessment's own reading follows, folded and marked as the earlier one.
    static func urgencyBanner(_ l: LoadedCase) -> Html {
        let u = l.stored.assessment.urgency
        let assessed = AssessmentPage.urgencyBanner(u)
        guard l.head.escalation != nil else { return assessed }
        return """
        \(escalation(l.head))
        <details class="card"><summary>Before the deterioration, the assessment of version \(l.version.version) read: \(u.level.rawValue)</summary>
        \(assessed)</details>
        """
    }

    /// `canChange`: the user may change the team (a member or an administrator); someone who sees the
    /// case through a board's agenda gets no forms that would be refused.
    static func teamPanel(_ all: [CareTeamMemberModel], caseID: String, canWrite writeCases: Bool, canChange: Bool, state: CasePanelState,
                          csrf: String?) -> Html {
        let canWrite = writeCases && canChange
        let members = all.filter { $0.status == CareTeam.member }
        let invitations = all.filter { $0.status == CareTeam.invited }
        func remove(_ m: CareTeamMemberModel, _ what: String) -> Html {
            guard canWrite, let id = m.id?.uuidString else { return .empty }
            return """
            <form method="post" action="/cases/\(caseID)/team/\(id)/remove" class="inline">\(WebForms.csrfField(csrf))\
            <button type="submit" class="link-button" aria-label="Remove \(what)">Remove</button></form>
            """
        }
        let memberRows: [Html] = members.map { m in
            "<tr><th scope=\"row\">\(m.username ?? "—")</th><td>\(TeamWords.role(m.role))</td><td>\(m.reason)</td><td class=\"nowrap\">\(TeamWords.time(m.createdAt))</td><td>\(members.count > 1 ? remove(m, m.username ?? m.role) : .empty)</td></tr>"
        }
        let invitationRows: [Html] = invitations.map { m in
            "<li><strong>\(TeamWords.role(m.role))</strong> — \(m.reason) <span class=\"muted\">(since \(TeamWords.time(m.createdAt)), by \(m.addedBy))</span> \(remove(m, "the \(m.role) invitation"))</li>"
        }
        var forms: Html = writeCases && !canChange
            ? "<p class=\"muted\">You see this case through a tumour board's agenda: only its care team can change the team.</p>" : .empty
        if canWrite {
            let person = TeamForm("team-person", values: state.values(for: "team-person"), errors: state.errors(for: "team-person"))
            let role = TeamForm("team-role", values: state.values(for: "team-role"), errors: state.errors(for: "team-role"))
            let roles = [("", "— choose a role —")] + Role.allCases.filter { $0 != .admin }.map { ($0.rawValue, TeamWords.role($0.rawValue)) }
            forms = """
            <div class="two-forms">
            <form method="post" action="/cases/\(caseID)/team" class="inline-form">\(WebForms.csrfField(csrf))<input type="hidden" name="mode" value="person">
            <h3>Add a person</h3>\(state.alert(for: "team-person"))\(person.summary)
            \(person.text("username", "Username", required: true))\(person.text("reason", "Why (optional)"))
            <p><button type="submit">Add to the team</button></p></form>
            <form method="post" action="/cases/\(caseID)/team" class="inline-form">\(WebForms.csrfField(csrf))<input type="hidden" name="mode" value="role">
            <h3>Invite a role</h3>\(state.alert(for: "team-role"))\(role.summary)
            \(role.select("role", "Role", options: roles, hint: "Anyone with the role can accept the invitation from their worklist."))\(role.text("reason", "Why (optional)"))
            <p><button type="submit">Invite</button></p></form>
            </div>
            """
        }
        return """
        <section class="card" id="team" aria-labelledby="team-h"><h2 id="team-h">Care team</h2>
        <table class="compact"><caption class="visually-hidden">Members of the care team</caption>
        <thead><tr><th scope="col">Member</th><th scope="col">Role</th><th scope="col">Why</th><th scope="col">Since</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>\(memberRows)</tbody></table>
        <h3>Open invitations by role</h3>
        \(invitationRows.isEmpty ? Html(raw: "<p class=\"muted\">None.</p>") : Html(raw: "<ul class=\"invitations\">\(invitationRows.joined().raw)</ul>"))
        \(forms)
        </section>
        """
    }

    static func boardPanel(_ agenda: [AgendaItemModel], meetings: [UUID: MeetingModel], upcoming: [MeetingSummary], emergency: Bool,
                           caseID: String, canWrite: Bool, canShare: Bool, state: CasePanelState, csrf: String?) -> Html {
        let warning: Html = emergency
            ? #"<div class="alert error do-not-wait" role="alert"><strong>\#(TeamActions.emergencyWarning)</strong></div>"# : .empty
        let entries: [Html] = agenda.compactMap { item in
            guard let m = meetings[item.meetingID] else { return nil }
            let mid = item.meetingID.uuidString
            return "<li><a href=\"/meetings/\(mid)/cases/\(item.position)\">\(m.title)</a> — \(TeamWords.time(m.startsAt)) (\(m.kind)) · <span class=\"status \(item.status)\">\(item.status)</span></li>"
        }
        var form: Html = .empty
        if canWrite && !canShare {
            // Seen from a board's agenda: the case is not this user's to put on other meetings.
            form = #"<p class="muted">Only the care team's members put the case on a meeting's agenda.</p>"#
        } else if canWrite {
            let f = TeamForm("schedule", values: state.values(for: "schedule"), errors: state.errors(for: "schedule"))
            var options: [(String, String)] = [("next", "The next planned meeting"), ("ad-hoc", "An ad-hoc meeting now (the care team attends)")]
            options += upcoming.map { ($0.id, "\($0.title) — \(TeamWords.time($0.startsAt)) (\($0.cases) case\($0.cases == 1 ? "" : "s"))") }
            form = """
            <form method="post" action="/cases/\(caseID)/schedule" class="inline-form">\(WebForms.csrfField(csrf))
            \(state.alert(for: "schedule"))\(f.summary)
            \(f.select("meeting", "Meeting", options: options))
            <p><button type="submit">Put on the agenda</button> <a href="/meetings">All meetings</a></p></form>
            """
        }
        return """
        <section class="card" id="board" aria-labelledby="board-h"><h2 id="board-h">Schedule for tumour board</h2>
        \(warning)
        \(entries.isEmpty ? Html(raw: "<p class=\"muted\">Not on a meeting's agenda.</p>") : Html(raw: "<ul>\(entries.joined().raw)</ul>"))
        \(form)
        </section>
        """
    }

    // MARK: Reviews

    static func reviewFacts(_ r: ReviewInput) -> [(String, String)] {
        var out: [(String, String)] = []
        if let b = r.levelsConfirmed { out.append(("Levels confirmed", TeamWords.yes(b))) }
        for l in r.lesions ?? [] {
            var parts: [String] = []
            if let v = l.escc { parts.append("ESCC \(v)") }
            if let v = l.collapse { parts.append("collapse: \(FieldLabels.code(v).lowercased())") }
            if let v = l.alignment { parts.append("alignment: \(FieldLabels.code(v).lowercased())") }
            if let v = l.posterolateral { parts.append("posterolateral: \(FieldLabels.code(v).lowercased())") }
            if let v = l.pain { parts.append("pain: \(FieldLabels.code(v).lowercased())") }
            if let v = l.boneLesion { parts.append("bone lesion: \(FieldLabels.code(v).lowercased())") }
            if let v = l.bonyRetropulsion { parts.append("bony retropulsion: \(TeamWords.yes(v).lowercased())") }
            out.append(("Correction at \(l.levels.joined(separator: "–"))", parts.joined(separator: "; ")))
        }
        if let v = r.operability { out.append(("Operability", ["operable": "Operable", "operable-high-risk": "Operable, high risk", "not-operable": "Not operable"][v] ?? v)) }
        if let b = r.instabilityAgreed { out.append(("Agrees with the stability reading (SINS)", TeamWords.yes(b))) }
        if let v = r.proposedOption { out.append(("Proposed option", TeamWords.option(v))) }
        if let g = r.proposedRegimen {
            out.append(("Proposed regimen", "\(Words.dose(g.doseGy)) Gy in \(g.fractions) fraction\(g.fractions == 1 ? "" : "s") (\(g.technique == "sbrt" ? "SBRT" : "conventional EBRT"))"))
        }
        if let v = r.priorRadiationNoted { out.append(("Prior radiation noted", v)) }
        if let v = r.systemicPlan { out.append(("Systemic plan", v)) }
        if let v = r.expectedSurvivalMonths { out.append(("Expected survival", "\(v) month\(v == 1 ? "" : "s")")) }
        if let b = r.embolizationAdvised { out.append(("Pre-operative embolisation advised", TeamWords.yes(b))) }
        if let b = r.cementAugmentationCandidate { out.append(("Candidate for cement augmentation", TeamWords.yes(b))) }
        if let v = r.rehabilitationPlan { out.append(("Rehabilitation plan", v)) }
        if let b = r.bracing { out.append(("Brace advised", TeamWords.yes(b))) }
        if let v = r.goalsOfCare { out.append(("Goals of care", v)) }
        if let v = r.text { out.append(("Opinion", v)) }
        return out
    }

    static func reviewCard(_ v: ReviewView) -> Html {
        let facts: [Html] = reviewFacts(v.review).map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }
        let made: Html = v.newCaseVersion.map { "<p class=\"muted\">Its corrections made case version \($0).</p>" } ?? .empty
        return """
        <article class="review"><h3>\(TeamWords.role(v.role)) — \(v.author)</h3>
        <p class="muted">On case version \(v.caseVersion) · revision \(v.revision) · \(TeamWords.time(v.createdAt))</p>
        <dl class="facts">\(facts)</dl>\(made)</article>
        """
    }

    static func reviewsPanel(_ reviews: [ReviewView], user: AuthenticatedUser, loaded: LoadedCase, state: CasePanelState, csrf: String?) -> Html {
        let cards: [Html] = reviews.map(reviewCard)
        var form: Html = .empty
        if user.role.permits(.writeCases) {
            let lesions = loaded.stored.value.spine.lesions.map { ($0.name, $0.levels.map(\.code)) }
            form = reviewForm(role: user.role, caseID: loaded.caseID.uuidString, version: loaded.head.currentVersion, lesions: lesions,
                              form: TeamForm("review", values: state.values(for: "review"), errors: state.errors(for: "review")),
                              alert: state.alert(for: "review"), csrf: csrf)
        }
        return """
        <section class="card" id="reviews" aria-labelledby="reviews-h"><h2 id="reviews-h">Reviews</h2>
        \(cards.isEmpty ? Html(raw: "<p class=\"muted\">No specialist has reviewed the case yet.</p>") : Html(raw: "<div class=\"reviews\">\(cards.joined().raw)</div>"))
        \(form)
        </section>
        """
    }

    static func reviewForm(role: Role, caseID: String, version: Int, lesions: [(String, [String])], form f: TeamForm, alert: Html, csrf: String?) -> Html {
        let allowed = ReviewService.allowedFields(role)
        func codes(_ all: [String]) -> [(String, String)] { [("", "— no change —")] + all.map { ($0, FieldLabels.code($0)) } }
        var parts: [Html] = []
        if allowed.contains("levelsConfirmed") { parts.append(f.yesNo("levelsConfirmed", "Levels confirmed on imaging")) }
        if allowed.contains("lesions") {
            for (i, lesion) in lesions.enumerated() {
                let p = "lesions[\(i)]"
                parts.append("""
                <fieldset class="lesion-fix"><legend>Correct lesion \(i + 1) at \(lesion.0) (leave unchanged if right)</legend>
                <input type="hidden" name="\(p).levels" value="\(lesion.1.joined(separator: ","))"><div class="grid">
                \(f.select("\(p).escc", "ESCC (Bilsky)", options: codes(EpiduralCompressionGrade.allCases.map(\.rawValue))))
                \(f.select("\(p).collapse", "Vertebral body collapse", options: codes(VertebralCollapse.allCases.map(\.rawValue))))
                \(f.select("\(p).alignment", "Alignment", options: codes(SpinalAlignment.allCases.map(\.rawValue))))
                \(f.select("\(p).posterolateral", "Posterolateral involvement", options: codes(PosterolateralInvolvement.allCases.map(\.rawValue))))
                \(f.select("\(p).boneLesion", "Bone lesion", options: codes(BoneLesionType.allCases.map(\.rawValue))))
                \(f.select("\(p).pain", "Pain", options: codes(LesionPain.allCases.map(\.rawValue))))
                </div></fieldset>
                """)
            }
        }
        if allowed.contains("operability") {
            parts.append(f.select("operability", "Operability", options: [("", "— not given —"), ("operable", "Operable"),
                                                                            ("operable-high-risk", "Operable, high risk"), ("not-operable", "Not operable")]))
        }
        if allowed.contains("instabilityAgreed") { parts.append(f.yesNo("instabilityAgreed", "Agrees with the stability reading (SINS)")) }
        if allowed.contains("proposedOption") {
            parts.append(f.select("proposedOption", "Proposed option",
                                  options: [("", "— not given —")] + TreatmentOption.allCases.map { ($0.rawValue, TeamWords.option($0.rawValue)) }))
        }
        if allowed.contains("proposedRegimen") {
            parts.append(f.number("proposedRegimen.doseGy", "Proposed total dose (Gy)"))
            parts.append(f.number("proposedRegimen.fractions", "Fractions"))
            parts.append(f.select("proposedRegimen.technique", "Technique", options: [("", "— not given —"), ("cebrt", "Conventional EBRT"), ("sbrt", "SBRT")]))
        }
        if allowed.contains("priorRadiationNoted") { parts.append(f.text("priorRadiationNoted", "Prior radiation noted")) }
        if allowed.contains("systemicPlan") { parts.append(f.textarea("systemicPlan", "Systemic plan")) }
        if allowed.contains("expectedSurvivalMonths") {
            parts.append(f.number("expectedSurvivalMonths", "Expected survival (months)", hint: "Feeds the assessment: saving it makes a new case version."))
        }
        if allowed.contains("embolizationAdvised") { parts.append(f.yesNo("embolizationAdvised", "Pre-operative embolisation advised")) }
        if allowed.contains("cementAugmentationCandidate") { parts.append(f.yesNo("cementAugmentationCandidate", "Candidate for cement augmentation")) }
        if allowed.contains("rehabilitationPlan") { parts.append(f.textarea("rehabilitationPlan", "Rehabilitation plan")) }
        if allowed.contains("bracing") { parts.append(f.yesNo("bracing", "Brace advised")) }
        if allowed.contains("goalsOfCare") { parts.append(f.textarea("goalsOfCare", "Goals of care")) }
        parts.append(f.textarea("text", "Opinion (free text)", rows: 4))
        let note: Html = allowed.contains("lesions")
            ? #"<p class="hint">Corrections to a lesion make a new case version, assessed again.</p>"# : .empty
        return """
        <form method="post" action="/cases/\(caseID)/reviews" class="inline-form review-form">\(WebForms.csrfField(csrf))
        <input type="hidden" name="caseVersion" value="\(version)">
        <h3>Your review as \(TeamWords.role(role.rawValue).lowercased()) (case version \(version))</h3>
        \(alert)\(f.summary)\(note)
        \(parts)
        <p><button type="submit" class="primary">Record the review</button></p></form>
        """
    }

    /// The review form's values as a `ReviewInput`, with parse errors; every field present is sent
    /// (the service refuses a field the role may not set).
    static func reviewInput(_ form: FormData) -> (ReviewInput, [CaseValidationError], [Int]) {
        var r = FormReader(form)
        var input = ReviewInput(caseVersion: Int(form["caseVersion"]) ?? 0)
        input.text = r.text("text")
        input.levelsConfirmed = r.bool("levelsConfirmed")
        input.operability = r.string("operability")
        input.instabilityAgreed = r.bool("instabilityAgreed")
        input.proposedOption = r.string("proposedOption")
        input.priorRadiationNoted = r.text("priorRadiationNoted")
        input.systemicPlan = r.text("systemicPlan")
        input.expectedSurvivalMonths = r.int("expectedSurvivalMonths")
        input.embolizationAdvised = r.bool("embolizationAdvised")
        input.cementAugmentationCandidate = r.bool("cementAugmentationCandidate")
        input.rehabilitationPlan = r.text("rehabilitationPlan")
        input.bracing = r.bool("bracing")
        input.goalsOfCare = r.text("goalsOfCare")
        let dose = r.double("proposedRegimen.doseGy"), fractions = r.int("proposedRegimen.fractions")
        let technique = r.string("proposedRegimen.technique")
        if dose != nil || fractions != nil || technique != nil {
            if let dose, let fractions, let technique {
                input.proposedRegimen = ProposedRegimen(doseGy: dose, fractions: fractions, technique: technique)
            } else if r.errors.isEmpty {
                for (name, missing) in [("doseGy", dose == nil), ("fractions", fractions == nil), ("technique", technique == nil)] where missing {
                    r.errors.append(CaseValidationError(path: "proposedRegimen.\(name)", message: "a proposed regimen needs its dose, fractions and technique"))
                }
            }
        }
        // Lesion corrections: only the lesions with a change; error paths name the form's row.
        var lesions: [LesionCorrection] = []
        var rows: [Int] = []
        var i = 0
        while !form["lesions[\(i)].levels"].isEmpty, i < 40 {
            let p = "lesions[\(i)]"
            let fix = LesionCorrection(levels: form["\(p).levels"].split(separator: ",").map(String.init),
                                       pain: r.string("\(p).pain"), boneLesion: r.string("\(p).boneLesion"), alignment: r.string("\(p).alignment"),
                                       collapse: r.string("\(p).collapse"), posterolateral: r.string("\(p).posterolateral"), escc: r.string("\(p).escc"),
                                       bonyRetropulsion: r.bool("\(p).bonyRetropulsion"))
            if [fix.pain, fix.boneLesion, fix.alignment, fix.collapse, fix.posterolateral, fix.escc].contains(where: { $0 != nil }) || fix.bonyRetropulsion != nil {
                lesions.append(fix)
                rows.append(i)
            }
            i += 1
        }
        if !lesions.isEmpty { input.lesions = lesions }
        return (input, r.errors, rows)
    }

    /// Error paths of a list built from some form rows, renamed to the rows (`lesions[0]` → `lesions[2]`).
    static func renameRows(_ errors: [CaseValidationError], rows: [Int], prefix: String) -> [CaseValidationError] {
        errors.map { e in
            guard let m = e.path.firstMatch(of: /^([a-zA-Z]+)\[([0-9]+)\]/), String(m.1) == prefix, let k = Int(m.2), k < rows.count else { return e }
            var out = e
            out.path = "\(prefix)[\(rows[k])]" + e.path[m.range.upperBound...]
            return out
        }
    }

    // MARK: Decisions and tasks

    static func decisionSummary(_ d: DecisionView, caseID: String) -> Html {
        let options: [Html] = d.options.enumerated().map { i, o in
            "<li>\(i == 0 ? Html(raw: "<strong>Main:</strong> ") : .empty)\(TeamWords.option(o.code))\(o.regimen.map { Html(raw: " — " + Html.escape($0)) } ?? .empty)</li>"
        }
        let departure: Html = d.departsFromTopRanked
            ? "<p class=\"departure\"><strong>Departs from SpineBoard's top-ranked option</strong> (\(d.topRankedOption.map(TeamWords.option) ?? "none")): \(d.departureReason ?? "")</p>"
            : .empty
        let dissent: [Html] = d.dissent.map { "<li>\($0.username): \($0.reason)</li>" }
        return """
        <article class="decision"><h3>Decided \(TeamWords.time(d.decidedAt)) by \(d.decidedBy)</h3>
        <p class="muted">On case version \(d.caseVersion) · rules \(d.rulesVersion)\(d.meetingId == nil ? "" : " · at a tumour board")</p>
        <ol class="chosen">\(options)</ol>
        <p>Goals: \(d.goals.map(TeamWords.goal).joined(separator: ", "))</p>
        \(departure)
        \(dissent.isEmpty ? Html.empty : Html(raw: "<p>Dissent:</p><ul>\(dissent.joined().raw)</ul>"))
        <p>Patient's preferences: \(d.patientPreferences)</p>
        <p><a href="/cases/\(caseID)/decisions/\(d.id)/summary">Board summary (printable record)</a></p></article>
        """
    }

    static func decisionsPanel(_ decisions: [DecisionView], caseID: String, canWrite: Bool) -> Html {
        let list: [Html] = decisions.reversed().map { decisionSummary($0, caseID: caseID) }
        let link: Html = canWrite ? #"<p><a class="button primary" href="/cases/\#(caseID)/decide">Record a decision</a></p>"# : .empty
        return """
        <section class="card" id="decision" aria-labelledby="decision-h"><h2 id="decision-h">Decision</h2>
        \(list.isEmpty ? Html(raw: "<p class=\"muted\">No decision recorded yet.</p>") : Html(raw: list.joined().raw))
        \(link)
        </section>
        """
    }

    static func taskRow(_ t: TaskView, now: Date, canWrite: Bool, back: String, csrf: String?, showCase: Html = .empty) -> Html {
        let due: Html = t.overdue
            ? "<strong class=\"overdue-text\">\(TeamWords.overdueBy(t.dueAt, now: now))</strong><br><span class=\"muted\">due \(TeamWords.time(t.dueAt))</span>"
            : "\(TeamWords.time(t.dueAt))<br><span class=\"muted\">\(TeamWords.overdueBy(t.dueAt, now: now))</span>"
        let clock: Html = t.isClock ? " <span class=\"badge clock\">urgency clock</span>" : .empty
        let escalated: Html = t.isClock && t.overdue ? "<br><span class=\"escalated\">escalated to the nurse navigator</span>" : .empty
        let action: Html = canWrite ? """
            <form method="post" action="/tasks/\(t.id)/complete" class="inline">\(WebForms.csrfField(csrf))<input type="hidden" name="return" value="\(back)">
            <button type="submit" aria-label="Complete: \(t.title)">Complete</button></form>
            <details class="task-more"><summary>Assign or cancel</summary>
            <form method="post" action="/tasks/\(t.id)/update">\(WebForms.csrfField(csrf))<input type="hidden" name="return" value="\(back)">
            <input type="hidden" name="action" value="assign"><label>Assign to (username) <input name="username" autocomplete="off"></label>
            <button type="submit">Assign</button></form>
            <form method="post" action="/tasks/\(t.id)/update">\(WebForms.csrfField(csrf))<input type="hidden" name="return" value="\(back)">
            <input type="hidden" name="action" value="cancel"><label>Reason for cancelling <input name="reason"></label>
            <button type="submit">Cancel the task</button></form>
            </details>
            """ : .empty
        return """
        <tr class="\(t.overdue ? "overdue" : "")">\(showCase)<td>\(t.title)\(clock)<br><small class="cite">\(t.source)</small></td>
        <td>\(TeamWords.role(t.role))\(t.assignee.map { Html(raw: "<br><span class=\"muted\">" + Html.escape($0) + "</span>") } ?? .empty)</td>
        <td>\(due)\(escalated)</td><td>\(action)</td></tr>
        """
    }

    static func tasksPanel(_ tasks: [TaskView], now: Date, canWrite: Bool, back: String, csrf: String?) -> Html {
        let open = tasks.filter { $0.status == TaskLedger.open }
        let closed = tasks.filter { $0.status != TaskLedger.open }
        let openRows: [Html] = open.map { taskRow($0, now: now, canWrite: canWrite, back: back, csrf: csrf) }
        let closedRows: [Html] = closed.map { t in
            let outcome: String
            if t.status == TaskLedger.cancelled { outcome = "cancelled" } else { outcome = t.metDeadline == true ? "on time" : "late" }
            return "<tr><td>\(t.title)</td><td>\(t.completedBy ?? "—")</td><td class=\"nowrap\">\(t.completedAt.map(TeamWords.time) ?? "—")</td><td><span class=\"outcome \(outcome.replacingOccurrences(of: " ", with: "-"))\">\(outcome)</span></td></tr>"
        }
        return """
        <section class="card" id="tasks" aria-labelledby="tasks-h"><h2 id="tasks-h">Tasks</h2>
        \(openRows.isEmpty ? Html(raw: "<p class=\"muted\">No open tasks.</p>") : Html(raw: """
        <table class="tasks"><caption>Open tasks, soonest due first</caption><thead><tr><th scope="col">Task</th><th scope="col">For</th><th scope="col">Due</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead><tbody>\(openRows.joined().raw)</tbody></table>
        """))
        \(closedRows.isEmpty ? Html.empty : Html(raw: """
        <details><summary>Done and cancelled (\(closed.count))</summary><table class="tasks"><thead><tr><th scope="col">Task</th><th scope="col">By</th><th scope="col">When</th><th scope="col">Deadline</th></tr></thead><tbody>\(closedRows.joined().raw)</tbody></table></details>
        """))
        </section>
        """
    }

    // MARK: - Handlers

    /// Shows the case page again with a refused panel form (its errors, what was typed, the status).
    static func refused(_ req: Request, _ access: WebCaseAccess, form: String, values: FormData, _ refusal: FormRefusal) async throws -> Response {
        let state = CasePanelState(form: form, values: values, errors: refusal.errors, message: refusal.message)
        return try await AssessmentPage.render(req, user: access.user, state: state, status: refusal.status)
    }

    static func addMember(req: Request) async throws -> Response {
        let access = try await WebCaseAccess.require(req, .readPatients, action: "team.update")
        let form = try WebForms.form(req)
        let person = form["mode"] != "role"
        do {
            _ = try await access.write(req, action: "team.update") {
                try await TeamActions.addMember(username: person ? FormReader(form).string("username") ?? "" : nil,
                                                role: person ? nil : FormReader(form).string("role") ?? "",
                                                reason: form["reason"], caseID: access.caseID, patient: access.patient, user: access.user, req: req)
            }
        } catch {
            return try await refused(req, access, form: person ? "team-person" : "team-role", values: form, try FormRefusal.from(error))
        }
        return WebApp.redirect("/cases/\(access.caseID.uuidString)#team")
    }

    static func removeMember(req: Request) async throws -> Response {
        let access = try await WebCaseAccess.require(req, .readPatients, action: "team.update")
        _ = try WebForms.form(req)
        do {
            try await access.write(req, action: "team.update") {
                try await TeamActions.remove(req.parameters.get("memberId"), caseID: access.caseID, patient: access.patient, user: access.user, req: req)
            }
        } catch {
            return try await refused(req, access, form: "team-person", values: FormData(), try FormRefusal.from(error))
        }
        // Removing oneself ends one's access: back to the worklist then.
        let stillIn = try await CareTeam.canAccess(access.user, caseID: access.caseID, at: req.now, on: req.db)
        return WebApp.redirect(stillIn ? "/cases/\(access.caseID.uuidString)#team" : "/")
    }

    /// Accepts the invitation for the user's role (from the worklist: the user cannot see the case yet).
    static func join(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        _ = try await req.requireUser(.writeCases, action: "team.join")
        _ = try WebForms.form(req)
        let rawID = req.parameters.get("caseId") ?? ""
        let (caseID, _) = try await req.auditingFailures(action: "team.join", user: user, caseID: rawID) {
            try await TeamActions.join(rawID: rawID, user: user, req: req)
        }
        return WebApp.redirect("/cases/\(caseID.uuidString)")
    }

    static func schedule(req: Request) async throws -> Response {
        let access = try await WebCaseAccess.require(req, .writeCases, action: "case.schedule")
        let form = try WebForms.form(req)
        do {
            _ = try await access.write(req, action: "case.schedule") {
                let event = req.stamped(AuditEvent(action: "case.schedule", patientRecord: access.patient.recordNumber, caseID: access.caseID.uuidString,
                                                   outcome: AuditOutcome.success), user: access.user)
                return try await MeetingService.schedule(caseID: access.caseID, urgency: access.head.urgency, target: try TeamActions.target(form["meeting"]),
                                                         user: access.user, event: event, at: req.now, on: req.db)
            }
        } catch {
            return try await refused(req, access, form: "schedule", values: form, try FormRefusal.from(error))
        }
        return WebApp.redirect("/cases/\(access.caseID.uuidString)#board")
    }

    static func addReview(req: Request) async throws -> Response {
        let access = try await WebCaseAccess.require(req, .writeCases, action: "review.create")
        let form = try WebForms.form(req)
        let (input, parseErrors, rows) = reviewInput(form)
        do {
            _ = try await access.write(req, action: "review.create") {
                guard parseErrors.isEmpty else { throw FormRefusal.invalid(parseErrors, title: "The review is not valid") }
                return try await ReviewService.record(input, caseID: access.caseID, user: access.user, req: req)
            }
        } catch {
            var refusal = try FormRefusal.from(error)
            refusal.errors = renameRows(refusal.errors, rows: rows, prefix: "lesions")
            return try await refused(req, access, form: "review", values: form, refusal)
        }
        return WebApp.redirect("/cases/\(access.caseID.uuidString)#reviews")
    }

    static func completeTask(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        _ = try await req.requireUser(.writeCases, action: "task.update")
        let form = try WebForms.form(req)
        let rawID = req.parameters.get("taskId") ?? ""
        let task = try await req.auditingFailures(action: "task.update", user: user) {
            try await TaskService.change(rawID, .complete, user: user, req: req)
        }
        let back = SignInPage.safeNext(form["return"])
        return WebApp.redirect(back == "/" && form["return"].isEmpty ? "/cases/\(task.caseID.uuidString)#tasks" : back)
    }

    /// Assigns a task to a person on the care team, or cancels it with a reason (TaskService, as the API).
    static func updateTask(req: Request) async throws -> Response {
        let user = try req.requireWebUser()
        _ = try await req.requireUser(.writeCases, action: "task.update")
        let form = try WebForms.form(req)
        let rawID = req.parameters.get("taskId") ?? ""
        let back = SignInPage.safeNext(form["return"])
        do {
            let task = try await req.auditingFailures(action: "task.update", user: user) {
                switch form["action"] {
                case "assign":
                    let name = form["username"].trimmingCharacters(in: .whitespaces)
                    guard !name.isEmpty else { throw Problem.invalid("username is required", path: "username") }
                    return try await TaskService.change(rawID, .assign(username: name), user: user, req: req)
                case "cancel":
                    let reason = form["reason"].trimmingCharacters(in: .whitespacesAndNewlines)
                    guard (1...500).contains(reason.count) else { throw Problem.invalid("a cancelled task needs its reason (1–500 characters)", path: "reason") }
                    return try await TaskService.change(rawID, .cancel(reason: reason), user: user, req: req)
                default:
                    throw Problem.badRequest("unknown task action")
                }
            }
            return WebApp.redirect(back == "/" && form["return"].isEmpty ? "/cases/\(task.caseID.uuidString)#tasks" : back)
        } catch {
            // The refusal, in words, with the way back (nothing was written).
            let refusal = try FormRefusal.from(error)
            let messages: [Html] = (refusal.errors.isEmpty ? [refusal.message] : refusal.errors.map(\.message)).map { "<li>\($0)</li>" }
            let body: Html = """
            <div class="page-head"><h1>The task was not changed</h1></div>
            <div class="alert error" role="alert"><ul>\(messages)</ul></div>
            <p><a class="button" href="\(back)">Back</a></p>
            """
            return WebApp.html(Layout(title: "Task not changed", user: user, csrf: req.webCSRFToken).render(body), status: refusal.status)
        }
    }
}
