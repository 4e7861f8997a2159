import Foundation

/// Small helpers for the SVG the dossier draws inline: coordinates with one decimal (enough
/// at these sizes, and stable text for tests), escaped text.
enum SVG {
    static func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    static func text(_ value: String) -> String { HTMLReporter.escape(value) }

    /// Text cut to `limit` characters with an ellipsis, so a long label cannot run over a chart.
    static func clipped(_ value: String, _ limit: Int) -> String {
        value.count <= limit ? value : String(value.prefix(max(1, limit - 1))) + "…"
    }

    /// Colours from good to bad for `count` ordered steps (index 0 = best).
    static func tierColour(rank: Int, of count: Int) -> String {
        let palette = ["#1b7f3b", "#5a9e3a", "#9fb83a", "#d9b23a", "#e07b2c", "#c8432b", "#9e1b1b"]
        guard count > 1 else { return palette[0] }
        let position = Double(rank) / Double(count - 1) * Double(palette.count - 1)
        return palette[min(palette.count - 1, max(0, Int(position.rounded())))]
    }
}
