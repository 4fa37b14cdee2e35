// Server-generated SVG: a spine diagram marking involved levels and characterised lesions, and a
// visual scale for a score's category bands. Styled by classes from /static/app.css (CSP: no
// inline style), with a title and description for screen readers.
import SpineCore

enum Diagrams {
    /// The spine from C1 to S5: involved vertebrae filled, each lesion bracketed with its SINS and ESCC.
    static let rowHeight = 19, top = 14, left = 54, bodyWidth = 64

    /// Walks C1…S5 down the column: writes each region's label, then `vertebra` draws the level
    /// (its rectangle at x, y with the given width, its label and any marks).
    static func column(_ parts: inout [Html], _ vertebra: (_ level: VertebralLevel, _ x: Int, _ y: Int, _ width: Int) -> [Html]) {
        var regionStart: VertebralLevel.Region?
        for level in VertebralLevel.allCases {
            let y = top + level.rawValue * rowHeight
            if level.region != regionStart {
                regionStart = level.region
                parts.append(#"<text x="4" y="\#(y + 13)" class="region-label">\#(level.region.rawValue.prefix(1).uppercased() + level.region.rawValue.dropFirst())</text>"#)
            }
            // The sacrum narrows level by level.
            let width = level.region == .sacral ? bodyWidth - (level.rawValue - 24) * 8 : bodyWidth
            parts += vertebra(level, left + (bodyWidth - width) / 2, y, width)
        }
    }

    static func spine(_ c: Case, _ a: Assessment) -> Html {
        let involved = Set(c.spine.involvedLevels)
        let perLesion = a.scores.sins.perLesion ?? [a.scores.sins]
        var parts: [Html] = []
        column(&parts) { level, x, y, width in
            let cls = involved.contains(level) ? "vertebra involved" : "vertebra"
            return [#"<rect x="\#(x)" y="\#(y)" width="\#(width)" height="\#(rowHeight - 4)" rx="4" class="\#(cls)"><title>\#(level.code)\#(involved.contains(level) ? " — involved" : "")</title></rect>"#,
                    #"<text x="\#(left + bodyWidth / 2)" y="\#(y + 12)" class="level-label\#(involved.contains(level) ? " on" : "")" text-anchor="middle">\#(level.code)</text>"#]
        }
        for (i, lesion) in c.spine.lesions.enumerated() {
            guard let first = lesion.levels.min(), let last = lesion.levels.max() else { continue }
            let y1 = top + first.rawValue * rowHeight, y2 = top + last.rawValue * rowHeight + rowHeight - 4
            let x = left + bodyWidth + 10
            let grade = lesion.escc.map { "ESCC \($0.rawValue)" } ?? "ESCC ?"
            let sins = i < perLesion.count ? perLesion[i].total.map { "SINS \($0)" } ?? "SINS ?" : "SINS ?"
            let severity = (lesion.escc?.isHighGrade ?? false) || (i < perLesion.count && (perLesion[i].total ?? 0) >= 13) ? "severe"
                : (i < perLesion.count && (perLesion[i].total ?? 0) >= 7) || lesion.escc == .g1c ? "moderate" : "mild"
            parts.append(#"<path d="M\#(x) \#(y1) h8 V\#(y2) h-8" class="bracket \#(severity)"/>"#)
            parts.append(#"<text x="\#(x + 14)" y="\#((y1 + y2) / 2 + 4)" class="lesion-label \#(severity)">\#("Lesion \(i + 1) \(lesion.name): \(sins), \(grade)")</text>"#)
        }
        let height = top + VertebralLevel.allCases.count * rowHeight + 10
        let description = "Involved levels: \(VertebralLevel.describe(c.spine.involvedLevels)). "
            + c.spine.lesions.enumerated().map { "Lesion \($0.offset + 1) at \($0.element.name), ESCC \($0.element.escc?.rawValue ?? "not recorded")" }.joined(separator: "; ")
        return """
        <svg class="spine-diagram" viewBox="0 0 360 \(height)" width="360" height="\(height)" role="img" aria-labelledby="spine-title spine-desc" xmlns="http://www.w3.org/2000/svg">
        <title id="spine-title">Spine diagram</title><desc id="spine-desc">\(description)</desc>
        \(parts)
        </svg>
        """
    }

    /// A horizontal scale of a score's bands with a marker at the total. `higherIsWorse` colours
    /// the bands from green to red in the right direction.
    static func scale(_ result: ScoreResult, bands: [ScoreBand], higherIsWorse: Bool, name: String) -> Html {
        guard let total = result.total, !bands.isEmpty else { return .empty }
        let lo = result.range.lowerBound, hi = result.range.upperBound
        let span = Double(max(1, hi - lo + 1))
        let width = 300.0, x0 = 4.0
        var parts: [Html] = []
        for (i, band) in bands.enumerated() {
            let bx = x0 + Double(band.range.lowerBound - lo) / span * width
            let bw = Double(band.range.count) / span * width
            let tone = bands.count == 1 ? 0 : Int((Double(higherIsWorse ? i : bands.count - 1 - i) / Double(bands.count - 1) * 3).rounded())
            let label = band.range.count == 1 ? "\(band.range.lowerBound)" : "\(band.range.lowerBound)–\(band.range.upperBound)"
            let current = band.range.contains(total) ? " current" : ""
            parts.append(#"<rect x="\#(fmt(bx))" y="14" width="\#(fmt(bw - 1))" height="14" class="band tone-\#(tone)\#(current)"><title>\#(label): \#(band.category ?? band.interpretation)</title></rect>"#)
            parts.append(#"<text x="\#(fmt(bx + bw / 2))" y="42" text-anchor="middle" class="band-label">\#(label)</text>"#)
        }
        let mx = x0 + (Double(total - lo) + 0.5) / span * width
        parts.append(#"<path d="M\#(fmt(mx - 6)) 2 L\#(fmt(mx + 6)) 2 L\#(fmt(mx)) 12 Z" class="marker"/>"#)
        parts.append(#"<line x1="\#(fmt(mx))" y1="12" x2="\#(fmt(mx))" y2="30" class="marker-line"/>"#)
        return """
        <svg class="scale" viewBox="0 0 308 48" width="308" height="48" role="img" aria-label="\(name) \(total) on a scale from \(lo) to \(hi)\(result.category.map { ", category \($0)" } ?? "")" xmlns="http://www.w3.org/2000/svg">\(parts)</svg>
        """
    }

    /// One level on the dose diagram: its cumulative EQD2 and what was done there.
    struct LevelMark {
        var level: VertebralLevel
        var cumulativeEQD2: Double
        var cumulativeDose: Double
        /// Procedures delivered at the level (surgery, cement, embolisation), e.g. "surgery".
        var procedures: [String]
        var involved: Bool
    }

    /// Display bands for shading by cumulative EQD2 (not tolerance limits: those are a planner's judgement).
    static func doseBand(_ eqd2: Double) -> Int { eqd2 <= 0 ? 0 : eqd2 < 30 ? 1 : eqd2 < 45 ? 2 : 3 }

    /// The spine from C1 to S5 shaded by cumulative EQD2 (α/β = 2 Gy) of the radiation recorded at
    /// each level, with treated levels marked and labelled.
    static func spineDoses(_ marks: [LevelMark]) -> Html {
        let byLevel = Dictionary(marks.map { ($0.level, $0) }, uniquingKeysWith: { a, _ in a })
        var parts: [Html] = []
        column(&parts) { level, x, y, width in
            var parts: [Html] = []
            let mark = byLevel[level]
            let band = doseBand(mark?.cumulativeEQD2 ?? 0)
            let treated = !(mark?.procedures.isEmpty ?? true)
            let cls = "vertebra dose-\(band)\(mark?.involved == true ? " involved-outline" : "")\(treated ? " treated" : "")"
            let tip = mark.map { m in
                "\(level.code): cumulative \(Words.dose(m.cumulativeDose)) Gy, EQD2 \(Words.dose(m.cumulativeEQD2)) Gy" + (m.procedures.isEmpty ? "" : "; \(m.procedures.joined(separator: ", "))")
            } ?? level.code
            parts.append(#"<rect x="\#(x)" y="\#(y)" width="\#(width)" height="\#(rowHeight - 4)" rx="4" class="\#(cls)"><title>\#(tip)</title></rect>"#)
            parts.append(#"<text x="\#(left + bodyWidth / 2)" y="\#(y + 12)" class="level-label\#(band >= 2 ? " on" : "")" text-anchor="middle">\#(level.code)</text>"#)
            if let m = mark, m.cumulativeEQD2 > 0 || treated {
                var label: [String] = []
                if m.cumulativeEQD2 > 0 { label.append("EQD2 \(Words.dose(m.cumulativeEQD2)) Gy") }
                if treated { label.append(m.procedures.joined(separator: ", ")) }
                if treated { parts.append(#"<path d="M\#(left + bodyWidth + 4) \#(y + 2) l8 5.5 l-8 5.5 z" class="treated-mark"/>"#) }
                parts.append(#"<text x="\#(left + bodyWidth + 16)" y="\#(y + 12)" class="lesion-label">\#(label.joined(separator: " · "))</text>"#)
            }
            return parts
        }
        let height = top + VertebralLevel.allCases.count * rowHeight + 10
        let described = marks.filter { $0.cumulativeEQD2 > 0 || !$0.procedures.isEmpty }.map { m in
            "\(m.level.code): EQD2 \(Words.dose(m.cumulativeEQD2)) Gy\(m.procedures.isEmpty ? "" : ", " + m.procedures.joined(separator: ", "))"
        }
        return """
        <svg class="spine-diagram dose-diagram" viewBox="0 0 380 \(height)" width="380" height="\(height)" role="img" aria-labelledby="dose-title dose-desc" xmlns="http://www.w3.org/2000/svg">
        <title id="dose-title">Spine shaded by cumulative EQD2</title><desc id="dose-desc">\(described.isEmpty ? "No radiation or procedure recorded." : described.joined(separator: "; "))</desc>
        \(parts)
        </svg>
        """
    }

    /// One follow-up visit on the chart.
    struct VisitPoint {
        var date: String
        var painScore: Int?
        var painNRS: Int?
        /// Frankel (or ASIA) grade letter.
        var grade: String?
        var worse: String?
    }

    /// Pain (clinician's score and the patient's NRS, 0–10) and the Frankel/ASIA grade over time,
    /// one point per visit, with a visit where neurology worsened flagged.
    static func followUpChart(_ visits: [VisitPoint]) -> Html {
        let width = 640.0, left = 56.0, right = 20.0
        let painTop = 30.0, painHeight = 150.0, gradeTop = 230.0, gradeHeight = 100.0, axisY = 360.0
        let days: [Double] = visits.map { v in
            (TeamWords.date(v.date + "T00:00:00Z")?.timeIntervalSince1970 ?? 0) / 86_400
        }
        let lo = days.min() ?? 0, hi = days.max() ?? 0
        func x(_ i: Int) -> Double {
            hi > lo ? left + (days[i] - lo) / (hi - lo) * (width - left - right) : left + (width - left - right) / 2
        }
        func painY(_ v: Int) -> Double { painTop + painHeight - Double(v) / 10 * painHeight }
        let grades = ["A", "B", "C", "D", "E"]
        func gradeY(_ g: String) -> Double? {
            guard let k = grades.firstIndex(of: g) else { return nil }
            return gradeTop + gradeHeight - Double(k) / 4 * gradeHeight
        }
        var parts: [Html] = []
        // Axes and grid.
        parts.append(#"<text x="4" y="\#(fmt(painTop - 12))" class="chart-title">Pain (0–10)</text>"#)
        for v in [0, 5, 10] {
            parts.append(#"<line x1="\#(fmt(left))" y1="\#(fmt(painY(v)))" x2="\#(fmt(width - right))" y2="\#(fmt(painY(v)))" class="grid-line"/>"#)
            parts.append(#"<text x="\#(fmt(left - 8))" y="\#(fmt(painY(v) + 4))" text-anchor="end" class="axis-label">\#(v)</text>"#)
        }
        parts.append(#"<text x="4" y="\#(fmt(gradeTop - 12))" class="chart-title">Frankel / ASIA grade</text>"#)
        for g in grades {
            let y = gradeY(g) ?? 0
            parts.append(#"<line x1="\#(fmt(left))" y1="\#(fmt(y))" x2="\#(fmt(width - right))" y2="\#(fmt(y))" class="grid-line"/>"#)
            parts.append(#"<text x="\#(fmt(left - 8))" y="\#(fmt(y + 4))" text-anchor="end" class="axis-label">\#(g)</text>"#)
        }
        // Worsened visits first (under the series).
        for (i, v) in visits.enumerated() where v.worse != nil {
            parts.append(#"<line x1="\#(fmt(x(i)))" y1="\#(fmt(painTop - 4))" x2="\#(fmt(x(i)))" y2="\#(fmt(gradeTop + gradeHeight + 6))" class="worse-line"><title>\#(v.worse ?? "")</title></line>"#)
            parts.append(#"<text x="\#(fmt(x(i) + 4))" y="\#(fmt(gradeTop - 24))" class="worse-label">⚠ worse: emergency again</text>"#)
        }
        func series(_ points: [(Double, Double)], _ cls: String, _ label: String, square: Bool = false) {
            guard !points.isEmpty else { return }
            if points.count > 1 {
                parts.append(#"<polyline points="\#(points.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " "))" class="series \#(cls)"/>"#)
            }
            for p in points {
                if square {
                    parts.append(#"<rect x="\#(fmt(p.0 - 4))" y="\#(fmt(p.1 - 4))" width="8" height="8" class="point \#(cls)"><title>\#(label)</title></rect>"#)
                } else {
                    parts.append(#"<circle cx="\#(fmt(p.0))" cy="\#(fmt(p.1))" r="4.5" class="point \#(cls)"><title>\#(label)</title></circle>"#)
                }
            }
        }
        series(visits.enumerated().compactMap { i, v in v.painScore.map { (x(i), painY($0)) } }, "pain", "Pain score (clinician)")
        series(visits.enumerated().compactMap { i, v in v.painNRS.map { (x(i), painY($0)) } }, "nrs", "Pain NRS (patient-reported)", square: true)
        series(visits.enumerated().compactMap { i, v in v.grade.flatMap(gradeY).map { (x(i), $0) } }, "grade", "Frankel/ASIA grade")
        for (i, v) in visits.enumerated() {
            parts.append(#"<text x="\#(fmt(x(i)))" y="\#(fmt(axisY))" text-anchor="middle" class="axis-label">\#(String(v.date.dropFirst(5)))</text>"#)
        }
        // Legend.
        parts.append(#"<circle cx="\#(fmt(left + 10))" cy="\#(fmt(axisY + 24))" r="4.5" class="point pain"/><text x="\#(fmt(left + 20))" y="\#(fmt(axisY + 28))" class="axis-label">pain score (clinician)</text>"#)
        parts.append(#"<rect x="\#(fmt(left + 176))" y="\#(fmt(axisY + 20))" width="8" height="8" class="point nrs"/><text x="\#(fmt(left + 190))" y="\#(fmt(axisY + 28))" class="axis-label">pain NRS (patient)</text>"#)
        parts.append(#"<circle cx="\#(fmt(left + 336))" cy="\#(fmt(axisY + 24))" r="4.5" class="point grade"/><text x="\#(fmt(left + 346))" y="\#(fmt(axisY + 28))" class="axis-label">Frankel/ASIA</text>"#)
        let height = axisY + 40
        let worse = visits.filter { $0.worse != nil }.map(\.date)
        let description = visits.isEmpty ? "No visits recorded." :
            "\(visits.count) visit\(visits.count == 1 ? "" : "s") from \(visits.first!.date) to \(visits.last!.date). "
            + visits.map { v in "\(v.date): pain \(v.painScore.map(String.init) ?? "—"), NRS \(v.painNRS.map(String.init) ?? "—"), grade \(v.grade ?? "—")" }.joined(separator: "; ")
            + (worse.isEmpty ? "" : ". Neurology worse on \(worse.joined(separator: ", ")): the case is an emergency again.")
        return """
        <svg class="chart follow-up-chart" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" role="img" aria-labelledby="fu-title fu-desc" xmlns="http://www.w3.org/2000/svg">
        <title id="fu-title">Pain and neurological grade over time</title><desc id="fu-desc">\(description)</desc>
        \(parts)
        </svg>
        """
    }

    static func fmt(_ d: Double) -> String { String(format: "%.1f", d) }
}
