import Localization
import StewardCore

/// Markdown for pasting into notes, issues or a workshop handout. Text from exports is escaped
/// so it cannot add links, images, HTML or table cells. Words come from `localizer`
/// (docs/i18n.md). With a `DossierContext` it has the HTML dossier's sections as tables
/// (docs/reports.md, "Markdown"): every tier of each model, the ways out, months per finding,
/// the places rounded as the map rounds them, and the data inventory.
public struct MarkdownReporter: Reporter {
    public var evidenceLimit: Int
    public var localizer: Localizer
    public var context: DossierContext?

    public init(evidenceLimit: Int = 5, localizer: Localizer = .english, context: DossierContext? = nil) {
        self.evidenceLimit = evidenceLimit
        self.localizer = localizer
        self.context = context
    }

    public func render(_ report: ScanReport) -> String {
        let t = localizer
        var md = "# \(t("markdown.title"))\n\n"
        md += markdown(t("markdown.meta"), ["scan": "`\(code(report.scan.id))`", "started": esc(t.date(report.scan.started)),
                                            "tool": esc(report.tool.name), "version": esc(report.tool.version),
                                            "rules": "`\(code(report.tool.rules))`"]) + "\n\n"
        md += "## \(t("markdown.scores"))\n\n"
        if report.scores.isEmpty { md += "\(t("markdown.no_model"))\n\n" }
        for score in report.scores {
            let tier = t.tierWithLabel(score)
            md += "### \(esc(t.title(of: score) ?? score.model)) (`\(code(score.model))`)\n\n"
            md += score.total.map { markdown(t("markdown.total"), ["total": "**\($0)**", "tier": "**\(esc(tier))**"]) + "\n\n" }
                ?? markdown(t("markdown.verdict"), ["tier": "**\(esc(tier))**"]) + "\n\n"
            if let base = score.base { md += "\(esc(ScoreBreakdown.equation(for: score, base: base, localizer: t)))\n\n" }
            if !score.contributions.isEmpty {
                let columns = ["markdown.column.points", "markdown.column.attribute", "markdown.column.rule", "markdown.column.basis",
                               "markdown.column.source"].map { t($0) }
                md += "| " + columns.joined(separator: " | ") + " |\n|---|---|---|---|---|\n"
                for c in score.contributions {
                    let delta = c.delta.map { $0 > 0 ? "+\($0)" : "\($0)" } ?? t("report.scores.stop")
                    md += "| \(delta) | `\(code(c.attribute))` | `\(code(c.rule))` | \(t.word(for: c.basis)) | \(esc(t.source(of: c, in: score))) |\n"
                }
                md += "\n"
            }
            let benefits = t.benefits(of: score), consequences = t.consequences(of: score)
            if !benefits.isEmpty {
                md += "\(t("markdown.tier_brings", ["tier": esc(score.tier)]))\n\n" + benefits.map { "- \(esc($0))\n" }.joined() + "\n"
            }
            if !consequences.isEmpty {
                md += "\(t("markdown.tier_costs", ["tier": esc(score.tier)]))\n\n" + consequences.map { "- \(esc($0))\n" }.joined() + "\n"
            }
            if benefits.isEmpty && consequences.isEmpty {
                md += "\(t("markdown.tier_none", ["tier": esc(score.tier)]))\n\n"
            }
            md += tiersTable(score)
            md += "_\(esc(ScoreLevers.sentence(for: score, localizer: t)))_\n\n"
        }
        if let contacts = report.contacts { md += "_\(esc(t.plural("report.summary.contacts", contacts.count)))_\n\n" }
        md += waysOut(report) + timeline(report) + places(report)
        md += "## \(t("markdown.findings", ["count": t.number(report.findings.count)]))\n\n"
        for finding in TerminalReporter.sortedFindings(report.findings) {
            md += "### \(esc(t.title(of: finding))) (`\(code(finding.attribute))`)\n\n"
            // What the attribute means and how a scorer would read it (rules/attributes.yaml),
            // so a reader does not have to guess from the id.
            if let explanation = t.attributeExplanation(finding.attribute) { md += "_\(esc(explanation))_\n\n" }
            md += t("markdown.finding.meta", ["sensitivity": t.word(for: finding.sensitivity),
                                              "confidence": t.number(finding.confidence, fractionDigits: 2),
                                              "records": t.plural("count.records", finding.count)])
            if let value = t.value(of: finding) { md += t("markdown.finding.value", ["value": esc(value)]) }
            if finding.strength == .possible {
                md += " · **\(t("markdown.finding.possible"))**\n\n_\(esc(t("report.finding.possible_hint")))_"
            }
            md += "\n\n"
            for evidence in finding.evidence.prefix(evidenceLimit) {
                md += "- \(esc(evidence.time.map(t.date) ?? "–")) — \(esc(evidence.excerpt)) (\(esc(evidence.path)), \(esc(RecordPlace.plain(evidence.locator, localizer: t))))\n"
            }
            let hidden = finding.count - min(finding.evidence.count, evidenceLimit)
            if hidden > 0 { md += "- \(t("markdown.evidence.more", ["count": t.number(hidden)])) (`steward explain \(code(finding.attribute))`)\n" }
            md += "\n"
        }
        md += deletion(report)
        md += inventory(report)
        md += "## \(t("markdown.inputs", ["count": t.number(report.inputs.count)]))\n\n"
        for input in report.inputs {
            md += "- \(esc(input.path)) — `\(code(input.source))`, \(t.plural("count.records", input.events))"
            if input.skipped > 0 { md += t("markdown.inputs.skipped", ["count": t.number(input.skipped)]) }
            md += "\n"
            for error in input.errors { md += "  - \(t("markdown.inputs.error", ["message": esc(RecordPlace.message(error, localizer: t))]))\n" }
            for warning in input.warnings { md += "  - \(t("markdown.inputs.warning", ["message": esc(RecordPlace.message(warning, localizer: t))]))\n" }
        }
        for sentence in OverlapSentences.sentences(report.overlaps, scanPaths: report.scan.paths, localizer: t) {
            md += "- \(t("markdown.merged", ["sentence": esc(sentence)]))\n"
        }
        let coverage = CoverageSentences.sentences(report, localizer: t)
        if !coverage.isEmpty {
            md += "\n\(t("html.coverage.heading")):\n\n" + coverage.map { "- \(esc($0))\n" }.joined()
        }
        if !report.unrecognized.isEmpty {
            md += "\n\(t("markdown.not_read"))\n\n" + report.unrecognized.map { "- \(esc($0.path)): \(esc(RecordPlace.message($0.reason, localizer: t)))\n" }.joined()
            if let more = UnreadSummary.more(report.unrecognizedCount, listed: report.unrecognized.count, totals: report.unreadTotals) {
                md += "- \(esc(more))\n"
            }
        }
        if !report.knownFiles.isEmpty {
            md += "\n\(t("markdown.known_not_read"))\n\n" + report.knownFiles.map { "- \(esc($0.path)): \(esc(t.knownFileReason($0.reason)))\n" }.joined()
            if let more = UnreadSummary.more(report.knownFileCount, listed: report.knownFiles.count, totals: nil) {
                md += "- \(esc(more))\n"
            }
        }
        return md
    }

    // MARK: the dossier's sections as tables

    private func tiersTable(_ score: ScoreResult) -> String {
        let t = localizer
        guard let ladder = context?.ladders[score.model], !ladder.tiers.isEmpty else { return "" }
        var md = "| \(t("html.tiers.tier")) | \(t("html.tiers.from")) | \(t("html.tiers.brings_costs")) |\n|---|---|---|\n"
        for tier in ladder.tiers {
            let label = (t.tier(score.model, tier.name) ?? tier.label).map { " (\(esc($0)))" } ?? ""
            let name = esc(tier.name) + label
            let effects = tier.benefits.map { "\\+ " + esc(t.modelText(score.model, $0)) }
                + tier.consequences.map { "− " + esc(t.modelText(score.model, $0)) }
            md += "| \(tier.name == score.tier ? "**▶ \(name)**" : name) | \(tier.minimum.map { t.number($0) } ?? "–") | \(effects.joined(separator: "<br>")) |\n"
        }
        return md + "\n"
    }

    private func waysOut(_ report: ScanReport) -> String {
        let t = localizer
        guard let context, !context.waysOut.isEmpty else { return "" }
        var rows: [(ScoreResult, WayOut)] = []
        for score in report.scores {
            var seen = Set<WayOut>()
            for way in context.waysOut[score.model] ?? [] where seen.insert(way).inserted { rows.append((score, way)) }
        }
        var md = "## \(t("html.change.heading"))\n\n"
        guard !rows.isEmpty else { return md + "\(t("html.change.none"))\n\n" }
        rows.sort { ($1.1.tiersGained, $0.1.attributes.count, $0.0.model) < ($0.1.tiersGained, $1.1.attributes.count, $1.0.model) }
        md += "\(t("html.change.intro"))\n\n| \(t("html.change.remove")) | \(t("html.change.model")) | \(t("html.change.now")) | \(t("html.change.after")) |\n|---|---|---|---|\n"
        for (score, way) in rows {
            let titles = t.list(way.attributes.map { esc(t.attributeTitle($0)) })
            let now = (score.total.map { t.number($0) + " · " } ?? "") + esc(t.tierWithLabel(score))
            let after = (way.total.map { t.number($0) + " · " } ?? "") + esc(way.tier)
            md += "| \(titles) (\(t.plural("count.records", way.records))) | \(esc(t.title(of: score) ?? score.model)) | \(now) | **\(after)** |\n"
        }
        return md + "\n"
    }

    /// Per finding that counts by month: the first and last month with records, how many
    /// months had any, and the busiest one.
    private func timeline(_ report: ScanReport) -> String {
        let t = localizer
        let counted = report.findings.filter { !($0.months ?? [:]).isEmpty }
        guard context != nil, !counted.isEmpty else { return "" }
        var md = "## \(t("html.timeline.heading"))\n\n| \(t("markdown.timeline.finding")) | \(t("markdown.timeline.first")) | \(t("markdown.timeline.last")) | \(t("markdown.timeline.months")) | \(t("markdown.timeline.busiest")) |\n|---|---|---|---|---|\n"
        for finding in counted.sorted(by: { ($0.months!.keys.min()!, $0.attribute) < ($1.months!.keys.min()!, $1.attribute) }) {
            let months = finding.months!
            let busiest = months.max { ($0.value, $1.key) < ($1.value, $0.key) }!
            md += "| \(esc(t.title(of: finding))) | \(months.keys.min()!) | \(months.keys.max()!) | \(t.number(months.count)) | \(busiest.key) (\(t.plural("count.records", busiest.value))) |\n"
        }
        return md + "\n"
    }

    /// Places listed in the Markdown table, home and workplace first, then by records.
    static let placesListed = 20

    private func places(_ report: ScanReport) -> String {
        let t = localizer
        let places = PlacesMapSVG.places(in: report.findings)
        guard context != nil, !places.isEmpty else { return "" }
        var md = "## \(t("html.map.heading"))\n\n| \(t("markdown.places.kind")) | \(t("markdown.places.coordinates")) | \(t("html.nav.findings")) | \(t("html.inventory.records")) |\n|---|---|---|---|\n"
        let order = PlacesMapSVG.Category.allCases
        let sorted = places.sorted(by: { (order.firstIndex(of: $0.key.category)!, -$0.value.count, $0.key.latitude, $0.key.longitude) < (order.firstIndex(of: $1.key.category)!, -$1.value.count, $1.key.latitude, $1.key.longitude) })
        // The map draws every place; a table of hundreds of rounded points helps no reader.
        for (place, entry) in sorted.prefix(Self.placesListed) {
            let digits = PlacesMapSVG.precision(of: place.category) < 0.01 ? 3 : 2
            md += "| \(t("html.map.category.\(place.category.rawValue)")) | \(String(format: "%.\(digits)f, %.\(digits)f", place.latitude, place.longitude)) | \(esc(entry.titles.sorted().joined(separator: ", "))) | \(t.number(entry.count)) |\n"
        }
        if sorted.count > Self.placesListed {
            md += "\n\(t("markdown.places.more", ["count": t.number(sorted.count - Self.placesListed)]))\n"
        }
        return md + "\n\(t("html.map.precision"))\n\n"
    }

    /// Per source the findings came from: the findings it feeds and where to delete it.
    private func deletion(_ report: ScanReport) -> String {
        let t = localizer
        let entries = DeletionGuides.entries(for: report.findings, localizer: t)
        guard !entries.isEmpty else { return "" }
        var md = "## \(esc(t("html.deletion.heading")))\n\n\(esc(t("deletion.intro")))\n\n"
        for entry in entries {
            let sources = entry.sources.map { "`\(code($0))`" }.joined(separator: ", ")
            md += "- " + markdown(t("deletion.feeds"), ["source": sources, "findings": esc(t.list(entry.findings))])
                + "\n\n  \(esc(entry.guide ?? t("deletion.none")))\n"
        }
        return md + "\n"
    }

    private func inventory(_ report: ScanReport) -> String {
        let t = localizer
        guard context != nil, !report.inputs.isEmpty else { return "" }
        var md = "## \(t("html.inventory.heading"))\n\n| \(t("html.inventory.source")) | \(t("html.inventory.files")) | \(t("html.inventory.records")) | \(t("html.inventory.skipped")) | \(t("html.inventory.span")) | \(t("html.inventory.feeds")) |\n|---|---|---|---|---|---|\n"
        for entry in SourceInventory.of(report) {
            let fed = report.findings.filter { $0.sources.contains(entry.source) }.map { esc(t.title(of: $0)) }
            let span = entry.first.flatMap { first in entry.last.map { esc(t.date(first)) + " → " + esc(t.date($0)) } } ?? "–"
            md += "| `\(code(entry.source))` | \(t.number(entry.files)) | \(t.number(entry.records)) | \(t.number(entry.skipped)) | \(span) | \(fed.isEmpty ? "–" : t.list(fed)) |\n"
        }
        return md + "\n"
    }

    /// Backslash-escapes every Markdown punctuation character and drops control characters, so
    /// an excerpt stays literal text (no links, emphasis, HTML or table breaks).
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if "\\`*_{}[]()#+-.!|<>&~\"'".unicodeScalars.contains(scalar) {
                out += "\\"
                out.unicodeScalars.append(scalar)
            } else if scalar == "\n" || scalar == "\t" {
                out += " "
            } else if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || TerminalText.isInvisibleFormat(scalar) {
                continue
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private func esc(_ text: String) -> String { MarkdownReporter.escape(text) }

    /// A catalog template as Markdown: each `{name}` replaced by `values[name]`, which is
    /// Markdown already (escaped text, a code span, bold). Catalog texts are steward's own and
    /// written as Markdown-safe text; only what comes from a report is escaped.
    private func markdown(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            out += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
    /// Inside a code span only the backtick is special: it is dropped, as are control characters.
    private func code(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "`" && $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }))
    }
}
