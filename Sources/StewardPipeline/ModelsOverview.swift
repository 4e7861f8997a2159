import Foundation
import Reports
import Scoring

/// What `steward models` prints: every scoring model with its scale or verdict, its tiers, its
/// sources, and what each contribution reads, with its basis and source (docs/scoring.md).
/// Computed here, not in the CLI, so it is testable without a process.
public enum ModelsOverview {
    /// The terminal listing, one block per model in id order.
    public static func text(_ models: [ScoringModel]) -> String {
        var out: [String] = []
        for model in models.sorted(by: { $0.id < $1.id }) {
            out.append("\(model.id) — \(model.title)")
            out.append("  \(model.description.trimmingCharacters(in: .whitespacesAndNewlines))")
            if let scale = model.scale {
                var range = "points: base \(scale.base)"
                if let min = scale.min { range += ", lowest \(min)" }
                if let max = scale.max { range += ", highest \(max)" }
                out.append("  \(range)")
            } else {
                out.append("  verdict: pass, or stop when any factor is found")
            }
            out.append("  tiers:")
            for tier in model.tiers {
                let threshold = tier.threshold.map { " (\($0.text))" } ?? ""
                let label = tier.label.map { " — \($0)" } ?? ""
                out.append("    \(tier.name)\(threshold)\(label)")
            }
            out.append("  contributions (attribute, effect, basis, source):")
            for contribution in model.contributions {
                out.append("    \(contribution.id)  reads \(contribution.attribute)  \(effect(contribution))  [\(contribution.basis.rawValue)]")
                out.append("      \(contribution.source)")
            }
            out.append("  sources:")
            for source in model.sources {
                out.append("    [\(source.key)] \(source.citation)")
            }
            let illustrative = model.contributions.filter { $0.basis == .illustrative }.count
            out.append("  \(illustrative) of \(model.contributions.count) contributions are illustrative: no source publishes them as steward applies them.")
            out.append("")
        }
        // Model files can come from a folder the person passed with --rules: nothing in them
        // reaches the terminal unsanitized (control and bidi characters).
        return out.map(TerminalText.sanitize).joined(separator: "\n")
    }

    /// The same as JSON: an array of models in id order.
    public static func json(_ models: [ScoringModel]) throws -> String {
        let rows: [[String: Any]] = models.sorted(by: { $0.id < $1.id }).map { model in
            var row: [String: Any] = [
                "id": model.id, "title": model.title,
                "description": model.description.trimmingCharacters(in: .whitespacesAndNewlines),
                "kind": model.kind.rawValue,
                "tiers": model.tiers.map { tier -> [String: Any] in
                    var item: [String: Any] = ["name": tier.name, "benefits": tier.benefits, "consequences": tier.consequences]
                    if let threshold = tier.threshold { item["from"] = threshold.minimum }
                    if let label = tier.label { item["label"] = label }
                    return item
                },
                "contributions": model.contributions.map { c -> [String: Any] in
                    var item: [String: Any] = ["id": c.id, "attribute": c.attribute, "basis": c.basis.rawValue,
                                               "source": c.source, "reason": c.reason]
                    if let delta = c.delta { item["delta"] = delta }
                    if let per = c.per { item["per"] = per }
                    if let cap = c.cap { item["cap"] = cap }
                    if let factor = c.factor { item["factor"] = factor }
                    return item
                },
                "sources": Dictionary(uniqueKeysWithValues: model.sources.map { ($0.key, $0.citation) }),
                "notes": model.notes,
            ]
            if let scale = model.scale {
                var item: [String: Any] = ["base": scale.base]
                if let min = scale.min { item["min"] = min }
                if let max = scale.max { item["max"] = max }
                row["scale"] = item
            }
            return row
        }
        let data = try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// `-20`, `-20 per 2 records, at most 100`, or `stop factor: …`.
    static func effect(_ contribution: ModelContribution) -> String {
        guard let delta = contribution.delta else { return "stop factor: \(contribution.factor ?? contribution.attribute)" }
        var text = delta > 0 ? "+\(delta)" : "\(delta)"
        if let per = contribution.per { text += per == 1 ? " per record" : " per \(per) records" }
        if let cap = contribution.cap { text += ", at most \(cap)" }
        return text
    }
}
