import Localization
import StewardCore

/// A `Comparison` as terminal text, Markdown, a self-contained HTML page for a projector, or
/// JSON (docs/reports.md, "Comparing people"; the JSON shape in docs/report-contract.md).
public struct ComparisonReporter: Sendable {
    public let format: ReportFormat
    public let localizer: Localizer
    public let width: Int

    public init(format: ReportFormat, localizer: Localizer = .english, width: Int = 80) {
        self.format = format
        self.localizer = localizer
        self.width = width
    }

    public func render(_ comparison: Comparison) -> String {
        switch format {
        case .terminal: return terminal(comparison)
        case .markdown: return markdown(comparison)
        case .html: return html(comparison)
        case .json: return json(comparison)
        }
    }

    // MARK: words shared by the formats

    private var t: Localizer { localizer }

    private func modelTitle(_ comparison: Comparison, _ model: String) -> String {
        let score = comparison.cells.lazy.compactMap { $0[model]?.score }.first
        return score.flatMap { t.title(of: $0) } ?? model
    }

    /// "940 points, B (average)"; a verdict is its tier alone ("stop (stop factor found)").
    private func result(_ score: ScoreResult) -> String {
        guard let total = score.total else { return t.tierWithLabel(score) }
        return t.plural("count.points", total) + t("list.separator") + t.tierWithLabel(score)
    }

    private func total(_ score: ScoreResult) -> String {
        score.total.map { t.plural("count.points", $0) } ?? t("compare.verdict")
    }

    /// An attribute's title in this language; without the rules' texts (English), the title the
    /// person's scan gave its finding; else the id.
    private func attributeTitle(_ id: String, in report: ScanReport) -> String {
        let title = t.attributeTitle(id)
        guard title == id else { return title }
        return report.findings.first { $0.attribute == id }?.title ?? id
    }

    private func deciding(_ cell: Comparison.Cell, of person: Comparison.Person) -> String {
        guard !cell.deciding.isEmpty else { return t("compare.nothing_decides") }
        return cell.deciding.map { part in
            if part.rule == Comparison.ContactRule.rule {
                return t("compare.contact.part", ["name": part.reason ?? "", "points": "\(part.delta ?? 0)", "basis": t.word(for: part.basis)])
            }
            let effect = part.delta.map { $0 > 0 ? "+\($0)" : "\($0)" } ?? t("compare.stop_factor")
            return "\(attributeTitle(part.attribute, in: person.report)) \(effect) (\(t.word(for: part.basis)))"
        }.joined(separator: t("list.separator"))
    }

    /// The tiers the people reached under `model`, each once, with what it costs.
    private func tierCosts(_ comparison: Comparison, _ model: String) -> [(tier: String, costs: [String])] {
        var seen: [String] = []
        var result: [(String, [String])] = []
        for row in comparison.cells {
            guard let score = row[model]?.score, !seen.contains(score.tier) else { continue }
            seen.append(score.tier)
            result.append((t.tierWithLabel(score), t.consequences(of: score)))
        }
        return result
    }

    private func contactLines(_ comparison: Comparison) -> [String] {
        var lines = [t("compare.contact.explain", ["points": "\(Comparison.ContactRule.points)"])]
        if comparison.contactEffects.isEmpty { lines.append(t("compare.contact.none")) }
        for effect in comparison.contactEffects {
            lines.append(t("compare.contact.effect", ["person": effect.person, "contact": effect.contact, "points": "\(effect.points)"]))
        }
        return lines
    }

    private func disagreement(_ item: Comparison.Disagreement, _ comparison: Comparison) -> String {
        t("compare.disagreement", ["person": item.person, "better": modelTitle(comparison, item.better), "betterTier": item.betterTier,
                                   "worse": modelTitle(comparison, item.worse), "worseTier": item.worseTier])
    }

    // MARK: terminal

    private func terminal(_ comparison: Comparison) -> String {
        var lines: [String] = []
        func line(_ text: String, indent: Int = 0, hanging: Int? = nil) {
            lines += TerminalText.wrap(TerminalText.sanitize(text), width: width, indent: indent, hangingIndent: hanging ?? indent + 2)
        }
        line(t("compare.heading", ["people": t.plural("compare.count.people", comparison.people.count),
                                   "models": t.plural("compare.count.models", comparison.models.count)]))
        line(t("compare.illustrative"), indent: 2)
        for model in comparison.models {
            lines.append("")
            line("\(modelTitle(comparison, model)) (\(model))")
            for (index, person) in comparison.people.enumerated() {
                guard let cell = comparison.cells[index][model] else {
                    line(t("compare.not_scored", ["person": person.label]), indent: 2)
                    continue
                }
                line("\(person.label): \(result(cell.score))", indent: 2, hanging: 6)
                line(t("compare.decided_by", ["contributions": deciding(cell, of: person)]), indent: 6, hanging: 8)
            }
            for (tier, costs) in tierCosts(comparison, model) where !costs.isEmpty {
                line(t("compare.costs", ["tier": tier, "costs": costs.joined(separator: "; ")]), indent: 2, hanging: 6)
            }
        }
        lines.append("")
        line(t("compare.disagreements.heading"))
        if comparison.disagreements.isEmpty { line(t("compare.disagreements.none"), indent: 2) }
        for item in comparison.disagreements { line(disagreement(item, comparison), indent: 2, hanging: 4) }
        lines.append("")
        line(t("compare.contact.heading"))
        for text in contactLines(comparison) { line(text, indent: 2, hanging: 4) }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Markdown

    private func markdown(_ comparison: Comparison) -> String {
        let esc = MarkdownReporter.escape
        var md = "# \(esc(t("compare.heading", ["people": t.plural("compare.count.people", comparison.people.count), "models": t.plural("compare.count.models", comparison.models.count)])))\n\n"
        md += "_\(esc(t("compare.illustrative")))_\n\n"
        for model in comparison.models {
            md += "## \(esc(modelTitle(comparison, model))) (`\(model)`)\n\n"
            md += "| \(esc(t("compare.column.person"))) | \(esc(t("compare.column.result"))) | \(esc(t("compare.column.tier"))) | \(esc(t("compare.column.deciding"))) |\n|---|---|---|---|\n"
            for (index, person) in comparison.people.enumerated() {
                guard let cell = comparison.cells[index][model] else {
                    md += "| \(esc(person.label)) | – | – | \(esc(t("compare.not_scored_short"))) |\n"
                    continue
                }
                md += "| \(esc(person.label)) | \(esc(total(cell.score))) | \(esc(t.tierWithLabel(cell.score))) | \(esc(deciding(cell, of: person))) |\n"
            }
            md += "\n"
            for (tier, costs) in tierCosts(comparison, model) where !costs.isEmpty {
                md += "- \(esc(t("compare.costs", ["tier": tier, "costs": costs.joined(separator: "; ")])))\n"
            }
            md += "\n"
        }
        md += "## \(esc(t("compare.disagreements.heading")))\n\n"
        if comparison.disagreements.isEmpty { md += "\(esc(t("compare.disagreements.none")))\n" }
        for item in comparison.disagreements { md += "- \(esc(disagreement(item, comparison)))\n" }
        md += "\n## \(esc(t("compare.contact.heading")))\n\n"
        for text in contactLines(comparison) { md += "- \(esc(text))\n" }
        return md
    }

    // MARK: HTML

    /// Large type and one band per model, to be read from the back of a room; the dossier's
    /// stylesheet and script (projector mode, print), the same Content-Security-Policy.
    private func html(_ comparison: Comparison) -> String {
        let esc = HTMLReporter.escape
        let heading = t("compare.heading", ["people": t.plural("compare.count.people", comparison.people.count),
                                            "models": t.plural("compare.count.models", comparison.models.count)])
        var html = HTMLStyle.pageStart(language: t.language.rawValue, escapedTitle: esc(heading), extraCSS: """

            body.comparison{font-size:1.35rem}body.comparison table.compare{width:100%;border-collapse:collapse}
            table.compare td,table.compare th{padding:.45em .6em;border-bottom:1px solid #ccc;text-align:left;vertical-align:top}
            table.compare td.total{font-size:1.6em;font-weight:700;white-space:nowrap}table.compare td.tier{font-size:1.3em;font-weight:700}
            table.compare tr.worst td.tier{color:#a00}table.compare tr.best td.tier{color:#060}
            section.model,section.outcome{page-break-inside:avoid;break-inside:avoid;margin-bottom:1.5em}

            """, bodyClass: "comparison")
        html += """
            <header><h1>\(esc(heading))</h1><p class="note">\(esc(t("compare.illustrative")))</p>
            <p class="controls"><button type="button" id="projector">\(esc(t("html.control.projector")))</button> <button type="button" id="print">\(esc(t("html.control.print")))</button></p></header>

            """
        for model in comparison.models {
            html += "<section class=\"model\"><h2>\(esc(modelTitle(comparison, model))) <span class=\"id\">\(esc(model))</span></h2>\n"
            html += "<table class=\"compare\"><thead><tr><th>\(esc(t("compare.column.person")))</th><th>\(esc(t("compare.column.result")))</th><th>\(esc(t("compare.column.tier")))</th><th>\(esc(t("compare.column.deciding")))</th></tr></thead><tbody>\n"
            for (index, person) in comparison.people.enumerated() {
                guard let cell = comparison.cells[index][model] else {
                    html += "<tr><td>\(esc(person.label))</td><td>–</td><td>–</td><td>\(esc(t("compare.not_scored_short")))</td></tr>\n"
                    continue
                }
                let place = cell.position.map { $0 == 0 ? " class=\"worst\"" : ($0 == 1 ? " class=\"best\"" : "") } ?? ""
                html += "<tr\(place)><td>\(esc(person.label))</td><td class=\"total\">\(esc(total(cell.score)))</td>"
                    + "<td class=\"tier\">\(esc(t.tierWithLabel(cell.score)))</td><td>\(esc(deciding(cell, of: person)))</td></tr>\n"
            }
            html += "</tbody></table>\n"
            let costs = tierCosts(comparison, model).filter { !$0.costs.isEmpty }
            if !costs.isEmpty {
                html += "<ul class=\"costs\">" + costs.map { "<li>\(esc(t("compare.costs", ["tier": $0.tier, "costs": $0.costs.joined(separator: "; ")])))</li>" }.joined() + "</ul>\n"
            }
            html += "</section>\n"
        }
        html += "<section class=\"outcome\"><h2>\(esc(t("compare.disagreements.heading")))</h2>\n"
        html += comparison.disagreements.isEmpty ? "<p>\(esc(t("compare.disagreements.none")))</p>\n"
            : "<ul>" + comparison.disagreements.map { "<li>\(esc(disagreement($0, comparison)))</li>" }.joined() + "</ul>\n"
        html += "</section>\n<section class=\"outcome\"><h2>\(esc(t("compare.contact.heading")))</h2><ul>"
            + contactLines(comparison).map { "<li>\(esc($0))</li>" }.joined() + "</ul>\n"
        html += "</section>\n<footer><p>\(esc(t("html.footer.local")))</p></footer>\n<script>\(HTMLStyle.script)</script>\n</body>\n</html>\n"
        return html
    }

    // MARK: JSON

    /// `{"schema": "steward.comparison/1", "people": [{"label", "scan", "scores": [{"model",
    /// "total", "tier", "position", "deciding": [contribution…], "consequences"}]}],
    /// "disagreements": [{"person", "better", "betterTier", "worse", "worseTier"}]}` — English,
    /// like the scan report.
    private func json(_ comparison: Comparison) -> String {
        let people: [OrderedJSON] = comparison.people.enumerated().map { index, person in
            let scores: [OrderedJSON] = comparison.models.compactMap { model in
                guard let cell = comparison.cells[index][model] else { return nil }
                return .object([
                    ("model", .string(model)),
                    ("total", cell.score.total.map { .int($0) } ?? .null),
                    ("tier", .string(cell.score.tier)),
                    ("position", cell.position.map { .number($0) } ?? .null),
                    ("deciding", .array(cell.deciding.map { part in
                        .object([("rule", .string(part.rule)), ("attribute", .string(part.attribute)),
                                 ("delta", part.delta.map { .int($0) } ?? .null), ("basis", .string(part.basis.rawValue)),
                                 ("source", .string(part.source))])
                    })),
                    ("consequences", .array(cell.score.consequences.map { .string($0) })),
                ])
            }
            return .object([("label", .string(person.label)), ("scan", .string(person.report.scan.id)), ("scores", .array(scores))])
        }
        let disagreements: [OrderedJSON] = comparison.disagreements.map {
            .object([("person", .string($0.person)), ("better", .string($0.better)), ("betterTier", .string($0.betterTier)),
                     ("worse", .string($0.worse)), ("worseTier", .string($0.worseTier))])
        }
        let contacts: [OrderedJSON] = comparison.contactEffects.map {
            .object([("person", .string($0.person)), ("contact", .string($0.contact)), ("points", .int($0.points))])
        }
        return OrderedJSON.object([("schema", .string("steward.comparison/1")), ("people", .array(people)),
                                   ("disagreements", .array(disagreements)), ("contactRule", .array(contacts))]).rendered() + "\n"
    }
}
