import StewardCore

/// Markdown for pasting into notes, issues or a workshop handout. Text from exports is escaped
/// so it cannot add links, images, HTML or table cells.
public struct MarkdownReporter: Reporter {
    public var evidenceLimit: Int

    public init(evidenceLimit: Int = 5) {
        self.evidenceLimit = evidenceLimit
    }

    public func render(_ report: ScanReport) -> String {
        var md = "# What a scorer could infer\n\n"
        md += "scan `\(code(report.scan.id))` · started \(esc(report.scan.started)) · \(esc(report.tool.name)) \(esc(report.tool.version)) · rules `\(code(report.tool.rules))`\n\n"
        md += "## Scores\n\n"
        if report.scores.isEmpty { md += "No scoring model was run.\n\n" }
        for score in report.scores {
            let tier = score.tierLabel.map { "\(score.tier) (\($0))" } ?? score.tier
            md += "### \(esc(score.title ?? score.model)) (`\(code(score.model))`)\n\n"
            md += score.total.map { "**\($0)** — tier **\(esc(tier))**\n\n" } ?? "verdict **\(esc(tier))**\n\n"
            if let base = score.base { md += "\(esc(ScoreBreakdown.equation(for: score, base: base)))\n\n" }
            if !score.contributions.isEmpty {
                md += "| points | attribute | rule | basis | source |\n|---|---|---|---|---|\n"
                for c in score.contributions {
                    let delta = c.delta.map { $0 > 0 ? "+\($0)" : "\($0)" } ?? "stop"
                    md += "| \(delta) | `\(code(c.attribute))` | `\(code(c.rule))` | \(c.basis.rawValue) | \(esc(c.source)) |\n"
                }
                md += "\n"
            }
            if !score.benefits.isEmpty {
                md += "What tier \(esc(score.tier)) brings:\n\n" + score.benefits.map { "- \(esc($0))\n" }.joined() + "\n"
            }
            if !score.consequences.isEmpty {
                md += "What tier \(esc(score.tier)) costs:\n\n" + score.consequences.map { "- \(esc($0))\n" }.joined() + "\n"
            }
            if score.benefits.isEmpty && score.consequences.isEmpty {
                md += "What tier \(esc(score.tier)) brings or costs: none named by the model's sources.\n\n"
            }
            md += "_\(esc(ScoreLevers.sentence(for: score)))_\n\n"
        }
        md += "## Findings (\(report.findings.count))\n\n"
        for finding in TerminalReporter.sortedFindings(report.findings) {
            md += "### \(esc(finding.title)) (`\(code(finding.attribute))`)\n\n"
            md += "\(finding.sensitivity.rawValue) · confidence \(TerminalReporter.decimal(finding.confidence)) · \(Plural.count(finding.count, "record"))"
            if let value = finding.value { md += " · value \(esc(value))" }
            if finding.strength == .possible { md += " · **(possible)**\n\n_\(esc(FindingStrength.confirmationHint))_" }
            md += "\n\n"
            for evidence in finding.evidence.prefix(evidenceLimit) {
                md += "- \(esc(evidence.time ?? "–")) — \(esc(evidence.excerpt)) (\(esc(evidence.path)), \(esc(RecordPlace.plain(evidence.locator))))\n"
            }
            let hidden = finding.count - min(finding.evidence.count, evidenceLimit)
            if hidden > 0 { md += "- … \(hidden) more (`steward explain \(code(finding.attribute))`)\n" }
            md += "\n"
        }
        md += "## Inputs (\(report.inputs.count))\n\n"
        for input in report.inputs {
            md += "- \(esc(input.path)) — `\(code(input.source))`, \(Plural.count(input.events, "record"))"
            if input.skipped > 0 { md += ", \(input.skipped) skipped" }
            md += "\n"
            for error in input.errors { md += "  - error: \(esc(error))\n" }
            for warning in input.warnings { md += "  - warning: \(esc(warning))\n" }
        }
        for sentence in report.overlaps?.sentences(scanPaths: report.scan.paths) ?? [] {
            md += "- merged: \(esc(sentence))\n"
        }
        if !report.unrecognized.isEmpty {
            md += "\nNot read:\n\n" + report.unrecognized.map { "- \(esc($0.path)): \(esc($0.reason))\n" }.joined()
            if let more = UnreadSummary.more(report.unrecognizedCount, listed: report.unrecognized.count, totals: report.unreadTotals) {
                md += "- \(esc(more))\n"
            }
        }
        if !report.knownFiles.isEmpty {
            md += "\nKnown files not read:\n\n" + report.knownFiles.map { "- \(esc($0.path)): \(esc($0.reason))\n" }.joined()
            if let more = UnreadSummary.more(report.knownFileCount, listed: report.knownFiles.count, totals: nil) {
                md += "- \(esc(more))\n"
            }
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
    /// Inside a code span only the backtick is special: it is dropped, as are control characters.
    private func code(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "`" && $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }))
    }
}
