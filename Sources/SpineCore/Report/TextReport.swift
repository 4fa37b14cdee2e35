// The plain-text assessment report for a terminal: urgency first, then every score with its
// items, the NOMS reasoning, the ranked options, referrals and warnings.

public enum TextReport {
    public static func render(_ a: Assessment, for c: Case) -> String {
        var out = ""
        func line(_ s: String = "") { out += s + "\n" }
        func heading(_ s: String) { line(); line(s); line(String(repeating: "─", count: s.count)) }

        line("SpineBoard assessment — \(a.disclaimer)")
        var who = "Patient \(c.patient.id)"
        if let name = c.patient.name, name.contains(where: { !$0.isWhitespace }) { who += " (\(name))" }
        line("\(who) · \(c.primaryTumor.entry.name) · assessed \(a.assessedOn) · rules \(a.rulesVersion)")

        heading("URGENCY: \(a.urgency.level.rawValue.uppercased())")
        for r in a.urgency.reasons { line("  • \(r)") }
        if !a.urgency.deadlines.isEmpty {
            line("  Deadlines:")
            for d in a.urgency.deadlines {
                line("    [\(pad(d.within, 11))] \(d.action) — by \(d.dueBy)")
                line("    \(String(repeating: " ", count: 13))\(d.citation)")
            }
        }
        line("  \(a.urgency.safetyNet)")
        line("  \(a.urgency.citation)")

        heading("SCORES")
        let s = a.scores
        score("SINS (spinal instability)", s.sins, into: &out, citation: false)
        // Every lesion in full when there are several, or when one is incomplete (its scored items
        // are then shown, and what is missing).
        if let per = s.sins.perLesion, per.count > 1 || s.sins.status != .computed {
            for p in per { score("  lesion \(p.lesion ?? "")", p, into: &out, citation: false, indent: "    ") }
        }
        line("      \(s.sins.citation)")
        if s.escc.status == "computed" {
            line("  ESCC (Bilsky): grade \(s.escc.grade!) at \(s.escc.lesion!) — \(s.escc.highGrade! ? "high-grade" : "low-grade"): \(s.escc.definition!)")
            if let n = s.escc.note { line("      note: \(n)") }
        } else {
            line("  ESCC (Bilsky): incomplete — missing \((s.escc.missing ?? []).joined(separator: ", "))")
        }
        line("      \(s.escc.citation)")
        score("Revised Tokuhashi 2005", s.tokuhashiRevised, into: &out)
        score("Tomita 2001", s.tomita, into: &out)
        score("Modified Bauer (Leithner 2008)", s.bauerModified, into: &out)
        score("Original Bauer 1995", s.bauerOriginal, into: &out)
        score("NESMS", s.nesms, into: &out)
        score("Rades 2008 survival (MSCC)", s.rades, into: &out)
        let ps = s.performanceStatus
        line("  Performance status: " + (ps.status == "computed"
            ? "Karnofsky \(ps.karnofsky.map(String.init) ?? ps.karnofskyRange ?? "?"), ECOG \(ps.ecog.map(String.init) ?? "?")\(ps.note.map { " (\($0))" } ?? "")"
            : "not recorded"))
        let ns = s.neurologicalStatus
        line("  Neurology: Frankel \(ns.frankel ?? "not recorded")\(ns.asia.map { ", ASIA \($0)" } ?? ""), ambulation \(ns.ambulation.map { Ambulation(rawValue: $0).map(Triage.text) ?? $0 } ?? "not recorded"), deficit \(ns.deficit.map { NeurologicalDeficit(rawValue: $0).map(Triage.text) ?? $0 } ?? "not recorded")\(ns.motorDeficitDays.map { ", motor deficit for \($0) days" } ?? "")\(ns.note.map { " (\($0))" } ?? "")")

        heading("PROGNOSIS")
        for r in a.prognosis.readings { line("  \(pad(r.instrument, 18)) \(pad(String(r.total), 3)) \(pad(r.tier.rawValue, 13)) \(r.reading)") }
        line("  \(a.prognosis.summary)")
        line("  Expected survival ≥ 3 months: \(a.prognosis.survivalAtLeast3Months) — \(a.prognosis.survivalSource)")
        for n in a.prognosis.notes { line("  note: \(n)") }

        heading("NOMS")
        for (letter, f) in [("N", a.noms.neurologic), ("O", a.noms.oncologic), ("M", a.noms.mechanical), ("S", a.noms.systemic)] {
            line("  \(letter)  \(f.finding)")
            for fact in f.facts { line("       · \(fact)") }
        }
        line("  Rules applied:")
        for r in a.noms.rulesApplied { line("    – \(r)") }
        line("  \(a.noms.citation)")
        for (name, check) in [("Patchell check", a.patchell), ("En bloc check", a.enBloc)] {
            line("  \(name): \(check.status) — \(check.summary)")
            for k in check.criteria {
                line("      [\(k.met.map { $0 ? "met" : "not met" } ?? "unknown")] \(k.criterion) — \(k.fact)")
            }
            line("      \(check.citation)")
        }
        line("  LMNOP: L \(a.lmnop.levels) | M \(a.lmnop.mechanical) | N \(a.lmnop.neurology) | O \(a.lmnop.oncology) | P \(a.lmnop.patient)")

        heading("OPTIONS (ranked)")
        for o in a.options {
            line("  \(o.rank). \(o.title)\(o.regimen.map { " — \($0)" } ?? "")\(o.declined ? "   [DECLINED by the patient]" : "")")
            if !o.alternativeRegimens.isEmpty { line("       alternatives: \(o.alternativeRegimens.joined(separator: "; "))") }
            line("       goals: \(o.goals.map(\.words).joined(separator: ", "))")
            for r in o.rationale { line("       why [\(r.rule)]: \(r.finding) (\(r.citation))") }
            for n in o.contextNotes { line("       context: \(n)") }
            for n in o.cautions { line("       caution: \(n)") }
        }

        heading("REFERRALS")
        for r in a.referralDetails { line("  \(pad(r.code.rawValue, 25)) \(r.reasons.joined(separator: "; "))") }

        if !a.warnings.isEmpty {
            heading("WARNINGS")
            for w in a.warnings { line("  ! \(w)") }
        }
        line()
        line(a.disclaimer)
        return out
    }

    /// One instrument: its total, band and interpretation, every item, notes and (unless the
    /// caller prints it after more lines) its citation; `indent` nests a per-lesion SINS.
    static func score(_ name: String, _ r: ScoreResult, into out: inout String, citation: Bool = true, indent: String = "") {
        switch r.status {
        case .computed:
            var head = "\(indent)  \(name): \(r.total!) (\(r.range.lowerBound)–\(r.range.upperBound))"
            if let c = r.category { head += " \(c)" }
            if let l = r.lesion, !name.hasSuffix(l) { head += " at \(l)" }
            out += head + "\n"
            if let i = r.interpretation { out += "\(indent)      → \(i)\n" }
        case .incomplete:
            out += "\(indent)  \(name): INCOMPLETE — missing \(r.missing.joined(separator: ", ")) (nothing counted as 0)\n"
        case .notApplicable:
            out += "\(indent)  \(name): not applicable — \(r.reason ?? "")\n"
        }
        for item in r.items {
            out += "\(indent)      \(pad(item.item, 28)) \(pad(item.input, 40)) \(item.points)\(item.note.map { "   (\($0))" } ?? "")\n"
        }
        if let alt = r.alternativeTotal { out += "\(indent)      approximate: alternative total \(alt)\n" }
        for n in r.notes { out += "\(indent)      note: \(n)\n" }
        if citation { out += "\(indent)      \(r.citation)\n" }
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
