import Localization
import StewardCore

/// A model's tiers as one horizontal ladder, best tier on the right, with a marker where the
/// person stands (docs/reports.md, "Summary band"). Verdict models get one box per verdict.
enum LadderSVG {
    static let width = 380.0
    static let height = 82.0

    static func render(score: ScoreResult, ladder: ScoreLadder, t: Localizer) -> String {
        let tiersBestLast = ladder.lowerIsBetter ? ladder.tiers : Array(ladder.tiers.reversed())
        guard !tiersBestLast.isEmpty else { return "" }
        var svg = "<svg class=\"ladder\" viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\" role=\"img\" aria-label=\""
            + SVG.text(t("html.ladder.aria", ["model": t.title(of: score) ?? score.model, "tier": t.tierWithLabel(score)])) + "\">"
        let left = 10.0, right = width - 10.0, top = 30.0, barHeight = 26.0
        let layout = Layout(ladder: ladder, tiersBestLast: tiersBestLast, total: score.total)
        let x = { (fraction: Double) -> Double in left + fraction * (right - left) }
        // Thresholds closer than a label's width (1,000 and 1,051) show only the first.
        var lastLabel = -Double.infinity
        for (index, span) in layout.spans.enumerated() {
            let x0 = x(span.from), x1 = x(span.to)
            let rank = tiersBestLast.count - 1 - index
            let current = span.tier.name == score.tier
            svg += "<rect x=\"\(SVG.n(x0))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(max(1, x1 - x0 - 1)))\" height=\"\(SVG.n(barHeight))\""
                + " fill=\"\(SVG.tierColour(rank: rank, of: tiersBestLast.count))\"\(current ? " class=\"current\"" : " opacity=\"0.55\"")>"
                + "<title>\(SVG.text(tierTitle(span.tier, t: t, model: score.model)))</title></rect>"
            if x1 - x0 > 18 {
                svg += "<text x=\"\(SVG.n((x0 + x1) / 2))\" y=\"\(SVG.n(top + barHeight / 2 + 5))\" text-anchor=\"middle\" class=\"tier-name\">"
                    + SVG.text(SVG.clipped(span.tier.name, Int((x1 - x0) / 7))) + "</text>"
            }
            if let boundary = span.leftBoundary, x0 - lastLabel >= 30 {
                lastLabel = x0
                svg += "<text x=\"\(SVG.n(x0))\" y=\"\(SVG.n(top + barHeight + 16))\" text-anchor=\"middle\" class=\"threshold\">\(SVG.text(t.number(boundary)))</text>"
            }
        }
        // Where the person stands: the total on a points scale, the middle of the tier otherwise.
        let position: Double
        if let total = score.total, let fraction = layout.fraction(of: total) {
            position = x(fraction)
        } else if let span = layout.spans.first(where: { $0.tier.name == score.tier }) {
            position = x((span.from + span.to) / 2)
        } else {
            return svg + "</svg>"
        }
        let label = score.total.map { t.number($0) } ?? score.tier
        svg += "<path d=\"M\(SVG.n(position - 8)) \(SVG.n(top - 14)) L\(SVG.n(position + 8)) \(SVG.n(top - 14)) L\(SVG.n(position)) \(SVG.n(top - 2)) Z\" class=\"marker\"/>"
        let anchor = position < 40 ? "start" : position > width - 40 ? "end" : "middle"
        svg += "<text x=\"\(SVG.n(position))\" y=\"\(SVG.n(top - 18))\" text-anchor=\"\(anchor)\" class=\"marker-label\">\(SVG.text(label))</text>"
        return svg + "</svg>"
    }

    /// Tier spans as fractions of the ladder's width, worst on the left, best on the right
    /// whichever way the scale counts; `leftBoundary` is the total where a span starts (shown
    /// under the ladder). Points models use the thresholds (and the scale's bounds, or room
    /// around the outermost thresholds and the total); verdicts get equal boxes.
    struct Layout {
        struct Span { var tier: ScoreLadder.Tier; var from: Double; var to: Double; var leftBoundary: Int? }
        var spans: [Span] = []
        private var low = 0.0, high = 1.0, mirrored = false, pointsScale = false

        init(ladder: ScoreLadder, tiersBestLast: [ScoreLadder.Tier], total: Int?) {
            let ascending = Array(ladder.tiers.reversed())
            let thresholds = ascending.compactMap(\.minimum).map(Double.init)
            guard !thresholds.isEmpty else {
                let count = Double(tiersBestLast.count)
                spans = tiersBestLast.enumerated().map {
                    Span(tier: $0.element, from: Double($0.offset) / count, to: Double($0.offset + 1) / count, leftBoundary: nil)
                }
                return
            }
            pointsScale = true
            mirrored = ladder.lowerIsBetter
            let step = thresholds.count > 1 ? (thresholds.last! - thresholds.first!) / Double(thresholds.count - 1) : 100
            low = ladder.minimum.map(Double.init) ?? (thresholds.first! - step)
            high = ladder.maximum.map(Double.init) ?? (thresholds.last! + step)
            if let total {
                low = min(low, Double(total))
                high = max(high, Double(total))
            }
            var ascendingSpans: [Span] = []
            for (index, tier) in ascending.enumerated() {
                let from = tier.minimum.map(Double.init) ?? low
                let to = index + 1 < ascending.count ? (ascending[index + 1].minimum.map(Double.init) ?? high) : high
                guard to > from else { continue }
                ascendingSpans.append(Span(tier: tier, from: from, to: to, leftBoundary: tier.minimum))
            }
            let width = max(1e-9, high - low)
            if mirrored {
                // Risk points: the lowest totals are best, so they go on the right.
                spans = ascendingSpans.reversed().map { span in
                    Span(tier: span.tier, from: (high - span.to) / width, to: (high - span.from) / width,
                         leftBoundary: span.to < high ? Int(span.to) : nil)
                }
            } else {
                spans = ascendingSpans.map { span in
                    Span(tier: span.tier, from: (span.from - low) / width, to: (span.to - low) / width,
                         leftBoundary: span.from > low ? span.leftBoundary : nil)
                }
            }
        }

        /// Where a total sits, as a fraction of the width; nil for verdict ladders.
        func fraction(of total: Int) -> Double? {
            guard pointsScale else { return nil }
            let value = min(max(Double(total), low), high)
            let fraction = (value - low) / max(1e-9, high - low)
            return mirrored ? 1 - fraction : fraction
        }
    }

    private static func tierTitle(_ tier: ScoreLadder.Tier, t: Localizer, model: String) -> String {
        var text = tier.name
        if let label = t.tier(model, tier.name) ?? tier.label { text += " (" + label + ")" }
        let costs = tier.consequences.map { t.modelText(model, $0) }
        if !costs.isEmpty { text += ": " + costs.joined(separator: "; ") }
        return text
    }
}
