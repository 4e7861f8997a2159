import Localization
import StewardCore

/// A points model's total built up from its base: one row per contribution, each bar running
/// from the total before it to the total after it, labelled with the attribute's title and
/// the contribution's basis (docs/reports.md, "Waterfall"). Illustrative contributions are
/// drawn hatched: the direction has a source, the number does not.
enum WaterfallSVG {
    static let width = 640.0
    static let rowHeight = 22.0
    static let labelWidth = 280.0

    static func render(score: ScoreResult, t: Localizer) -> String {
        guard let base = score.base, let total = score.total else { return "" }
        let contributions = score.contributions.compactMap { c in c.delta.map { (c, $0) } }
        guard !contributions.isEmpty else { return "" }
        var running = base
        var rows: [(label: String, from: Int, to: Int, kind: String, tip: String)] = []
        rows.append((t("html.waterfall.base"), 0, base, "base", t("html.waterfall.base") + " " + t.number(base)))
        for (contribution, delta) in contributions {
            let before = running
            running += delta
            let title = t.attributeTitle(contribution.attribute)
            let basis = t("basis.\(contribution.basis.rawValue)")
            let kind = (delta >= 0 ? "up" : "down") + (contribution.basis == .illustrative ? " illustrative" : "")
            let signed = (delta > 0 ? "+" : "") + t.number(delta)
            rows.append(("\(title) · \(basis)", before, running, kind, "\(title): \(signed) (\(basis)) — \(contribution.source)"))
        }
        rows.append((t("html.waterfall.total"), 0, total, "total", t("html.waterfall.total") + " " + t.number(total)))
        let values = rows.flatMap { [$0.from, $0.to] }.filter { $0 != 0 } + [running]
        // The axis starts near the smallest total reached, not at zero: a 1,000-point base
        // would otherwise flatten every ±20 step into a hairline.
        let span = max(1, (values.max() ?? 1) - (values.min() ?? 0))
        let low = Double((values.min() ?? 0) - span / 4), high = Double((values.max() ?? 1) + span / 10)
        let left = labelWidth + 10, right = width - 50
        let x = { (value: Int) -> Double in left + (Double(value) - low) / max(1e-9, high - low) * (right - left) }
        let height = Double(rows.count) * rowHeight + 8
        var svg = "<svg class=\"waterfall\" viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\" role=\"img\" aria-label=\""
            + SVG.text(t("html.waterfall.aria", ["model": t.title(of: score) ?? score.model])) + "\">"
        // One hatch per direction: a pattern's colours are its own, not the bar's.
        svg += "<defs>" + ["up", "down"].map { direction in
            "<pattern id=\"hatch-\(direction)-\(SVG.text(score.model))\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"6\" height=\"6\" class=\"hatch-bg \(direction)\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"hatch-line \(direction)\"/></pattern>"
        }.joined() + "</defs>"
        for (index, row) in rows.enumerated() {
            let y = 4 + Double(index) * rowHeight
            let from = row.kind == "base" || row.kind == "total" ? x(Int(low.rounded(.up))) : x(row.from)
            let to = x(row.to)
            let x0 = min(from, to), barWidth = max(2, abs(to - from))
            svg += "<g class=\"row \(row.kind)\"><title>\(SVG.text(row.tip))</title>"
            svg += "<text x=\"\(SVG.n(labelWidth))\" y=\"\(SVG.n(y + 15))\" text-anchor=\"end\" class=\"label\">\(SVG.text(SVG.clipped(row.label, 40)))</text>"
            let direction = row.kind.hasPrefix("up") ? "up" : "down"
            let fill = row.kind.hasSuffix("illustrative") ? " style=\"fill:url(#hatch-\(direction)-\(SVG.text(score.model)))\"" : ""
            svg += "<rect x=\"\(SVG.n(x0))\" y=\"\(SVG.n(y + 3))\" width=\"\(SVG.n(barWidth))\" height=\"\(SVG.n(rowHeight - 6))\"\(fill)/>"
            let value = row.kind == "base" || row.kind == "total" ? t.number(row.to) : ((row.to - row.from > 0 ? "+" : "") + t.number(row.to - row.from))
            svg += "<text x=\"\(SVG.n(max(from, to) + 4))\" y=\"\(SVG.n(y + 15))\" class=\"value\">\(SVG.text(value))</text></g>"
        }
        return svg + "</svg>"
    }
}
