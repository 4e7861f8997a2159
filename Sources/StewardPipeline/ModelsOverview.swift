import Foundation
import Localization
import Reports
import Scoring

/// What `steward models` prints: every scoring model with its scale or verdict, its tiers, its
/// sources, and what each contribution reads, with its basis and source (docs/scoring.md).
/// Computed here, not in the CLI, so it is testable without a process.
public enum ModelsOverview {
    /// The terminal listing, one block per model in id order, in `t`'s language (sources are
    /// quotations and stay as they are).
    public static func text(_ models: [ScoringModel], localizer t: Localizer = .english) -> String {
        var out: [String] = []
        for model in models.sorted(by: { $0.id < $1.id }) {
            let title = t.language == .en ? model.title : t.modelName(model.id)
            let description = t.language == .en ? model.description : t.modelDescription(model.id) ?? model.description
            out.append("\(model.id) — \(title)")
            out.append("  \(description.trimmingCharacters(in: .whitespacesAndNewlines))")
            if let scale = model.scale {
                var range = t("models.points", ["base": "\(scale.base)"])
                if let min = scale.min { range += t("models.lowest", ["value": "\(min)"]) }
                if let max = scale.max { range += t("models.highest", ["value": "\(max)"]) }
                out.append("  \(range)")
            } else {
                out.append("  " + t("models.verdict"))
            }
            out.append("  " + t("models.tiers"))
            for tier in model.tiers {
                let threshold = tier.threshold.map { " (\(thresholdText($0, t)))" } ?? ""
                let label = (t.language == .en ? tier.label : t.tier(model.id, tier.name)).map { " — \($0)" } ?? ""
                out.append("    \(tier.name)\(threshold)\(label)")
            }
            out.append("  " + t("models.contributions"))
            for contribution in model.contributions {
                out.append("    " + t("models.reads", ["id": contribution.id, "attribute": contribution.attribute,
                                                      "effect": effect(contribution, t), "basis": t("basis.\(contribution.basis.rawValue)")]))
                let sourceKey = RuleTexts.contributionSourceKey(model: model.id, rule: contribution.id)
                out.append("      \(t.language == .en ? contribution.source : t.ruleTexts.translated[sourceKey] ?? contribution.source)")
            }
            out.append("  " + t("models.sources"))
            for source in model.sources {
                out.append("    [\(source.key)] \(source.citation)")
            }
            let illustrative = model.contributions.filter { $0.basis == .illustrative }.count
            out.append("  " + t("models.illustrative", ["count": t.number(illustrative), "total": t.number(model.contributions.count)]))
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
    static func effect(_ contribution: ModelContribution, _ t: Localizer = .english) -> String {
        guard let delta = contribution.delta else {
            return t("models.stop_factor", ["factor": contribution.factor ?? contribution.attribute])
        }
        var text = delta > 0 ? "+\(delta)" : "\(delta)"
        if let per = contribution.per { text += per == 1 ? t("models.per_record") : t("models.per_records", ["count": "\(per)"]) }
        if let cap = contribution.cap { text += t("models.at_most", ["value": "\(cap)"]) }
        return text
    }

    /// `from 1000`, `above 1050`, … in `t`'s language.
    static func thresholdText(_ threshold: ModelTier.Threshold, _ t: Localizer) -> String {
        switch threshold {
        case .from(let value): return t("models.threshold.from", ["value": "\(value)"])
        case .above(let value): return t("models.threshold.above", ["value": "\(value)"])
        }
    }
}
