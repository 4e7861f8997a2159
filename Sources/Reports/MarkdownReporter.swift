import Localization
import StewardCore

/// Markdown for pasting into notes, issues or a workshop handout. Text from exports is escaped
/// so it cannot add links, images, HTML or table cells. Words come from `localizer`
/// (docs/i18n.md).
public struct MarkdownReporter: Reporter {
    public var evidenceLimit: Int
    public var localizer: Localizer

    public init(evidenceLimit: Int = 5, localizer: Localizer = .english) {
        self.evidenceLimit = evidenceLimit
        self.localizer = localizer
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
            md += "_\(esc(ScoreLevers.sentence(for: score, localizer: t)))_\n\n"
        }
        md += "## \(t("markdown.findings", ["count": t.number(report.findings.count)]))\n\n"
        for finding in TerminalReporter.sortedFindings(report.findings) {
            md += "### \(esc(t.title(of: finding))) (`\(code(finding.attribute))`)\n\n"
            md += t("markdown.finding.meta", ["sensitivity": t.word(for: finding.sensitivity),
                                              "confidence": t.number(finding.confidence, fractionDigits: 2),
                                              "records": t.plural("count.records", finding.count)])
            if let value = finding.value { md += t("markdown.finding.value", ["value": esc(value)]) }
            if finding.strength == .possible {
                md += " · **\(t("markdown.finding.possible"))**\n\n_\(esc(t("report.finding.possible_hint")))_"
            }
            md += "\n\n"
            for evidence in finding.evidence.prefix(evidenceLimit) {
                md += "- \(esc(evidence.time ?? "–")) — \(esc(evidence.excerpt)) (\(esc(evidence.path)), \(esc(RecordPlace.plain(evidence.locator, localizer: t))))\n"
            }
            let hidden = finding.count - min(finding.evidence.count, evidenceLimit)
            if hidden > 0 { md += "- \(t("markdown.evidence.more", ["count": t.number(hidden)])) (`steward explain \(code(finding.attribute))`)\n" }
            md += "\n"
        }
        md += "## \(t("markdown.inputs", ["count": t.number(report.inputs.count)]))\n\n"
        for input in report.inputs {
            md += "- \(esc(input.path)) — `\(code(input.source))`, \(t.plural("count.records", input.events))"
            if input.skipped > 0 { md += t("markdown.inputs.skipped", ["count": t.number(input.skipped)]) }
            md += "\n"
            for error in input.errors { md += "  - \(t("markdown.inputs.error", ["message": esc(error)]))\n" }
            for warning in input.warnings { md += "  - \(t("markdown.inputs.warning", ["message": esc(warning)]))\n" }
        }
        for sentence in OverlapSentences.sentences(report.overlaps, scanPaths: report.scan.paths, localizer: t) {
            md += "- \(t("markdown.merged", ["sentence": esc(sentence)]))\n"
        }
        if !report.unrecognized.isEmpty {
            md += "\n\(t("markdown.not_read"))\n\n" + report.unrecognized.map { "- \(esc($0.path)): \(esc($0.reason))\n" }.joined()
        }
        if !report.knownFiles.isEmpty {
            md += "\n\(t("markdown.known_not_read"))\n\n" + report.knownFiles.map { "- \(esc($0.path)): \(esc($0.reason))\n" }.joined()
        }
        return md
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
