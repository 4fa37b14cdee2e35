// Server-generated SVG: a spine diagram marking involved levels and characterised lesions, and a
// visual scale for a score's category bands. Styled by classes from /static/app.css (CSP: no
// inline style), with a title and description for screen readers.
import SpineCore

enum Diagrams {
    /// The spine from C1 to S5: involved vertebrae filled, each lesion bracketed with its SINS and ESCC.
    static func spine(_ c: Case, _ a: Assessment) -> Html {
        let rowHeight = 19, top = 14, left = 54, bodyWidth = 64
        let involved = Set(c.spine.involvedLevels)
        let perLesion = a.scores.sins.perLesion ?? [a.scores.sins]
        var parts: [Html] = []
        var regionStart: VertebralLevel.Region?
        for level in VertebralLevel.allCases {
            let y = top + level.rawValue * rowHeight
            if level.region != regionStart {
                regionStart = level.region
                parts.append(#"<text x="4" y="\#(y + 13)" class="region-label">\#(level.region.rawValue.prefix(1).uppercased() + level.region.rawValue.dropFirst())</text>"#)
            }
            let width = level.region == .sacral ? bodyWidth - (level.rawValue - 24) * 8 : bodyWidth
            let x = left + (bodyWidth - width) / 2
            let cls = involved.contains(level) ? "vertebra involved" : "vertebra"
            parts.append(#"<rect x="\#(x)" y="\#(y)" width="\#(width)" height="\#(rowHeight - 4)" rx="4" class="\#(cls)"><title>\#(level.code)\#(involved.contains(level) ? " — involved" : "")</title></rect>"#)
            parts.append(#"<text x="\#(left + bodyWidth / 2)" y="\#(y + 12)" class="level-label\#(involved.contains(level) ? " on" : "")" text-anchor="middle">\#(level.code)</text>"#)
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

    static func fmt(_ d: Double) -> String { String(format: "%.1f", d) }
}
