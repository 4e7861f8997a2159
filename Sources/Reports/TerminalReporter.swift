import StewardCore

/// A readable plain-text summary for a terminal or a projector: header, inputs, unrecognized
/// files, findings with evidence, scores with contributions, consequences and what could be
/// changed. Every text from the report is sanitized (it may come from exports), lines are
/// wrapped at 100 columns, and ANSI colour is added only when `color` is true.
public struct TerminalReporter: Reporter {
    public var color: Bool
    /// Evidence lines shown per finding (the report may hold more).
    public var evidenceLimit: Int
    public var width: Int

    public init(color: Bool, evidenceLimit: Int = 5, width: Int = 100) {
        self.color = color
        self.evidenceLimit = evidenceLimit
        self.width = width
    }

    /// How a whole line is coloured. Colour is applied after wrapping so it never counts as width.
    private enum Style {
        case plain, heading, dim, good, bad, warning

        var ansi: String? {
            switch self {
            case .plain: return nil
            case .heading: return "\u{1B}[1m"
            case .dim: return "\u{1B}[2m"
            case .good: return "\u{1B}[32m"
            case .bad: return "\u{1B}[31m"
            case .warning: return "\u{1B}[33m"
            }
        }
    }

    private struct Output {
        let width: Int
        let color: Bool
        var lines: [String] = []

        mutating func line(_ text: String, indent: Int = 0, hanging: Int? = nil, style: Style = .plain) {
            for wrapped in TerminalText.wrap(TerminalText.sanitize(text), width: width, indent: indent,
                                             hangingIndent: hanging ?? indent + 2) {
                if color, let code = style.ansi, !wrapped.isEmpty {
                    lines.append(code + wrapped + "\u{1B}[0m")
                } else {
                    lines.append(wrapped)
                }
            }
        }

        mutating func blank() { lines.append("") }
    }

    public func render(_ report: ScanReport) -> String {
        var out = Output(width: width, color: color)
        header(report, into: &out)
        inputs(report, into: &out)
        overlaps(report, into: &out)
        unrecognized(report, into: &out)
        findings(report, into: &out)
        scores(report, into: &out)
        return out.lines.joined(separator: "\n") + "\n"
    }

    private func header(_ report: ScanReport, into out: inout Output) {
        out.line("steward report — scan \(report.scan.id)", style: .heading)
        out.line("started \(report.scan.started) · \(report.tool.name) \(report.tool.version) · rules \(report.tool.rules)",
                 style: .dim)
        out.line("paths: " + (report.scan.paths.isEmpty ? "(none)" : report.scan.paths.joined(separator: ", ")), hanging: 7)
    }

    private func inputs(_ report: ScanReport, into out: inout Output) {
        out.blank()
        out.line("INPUTS (\(report.inputs.count))", style: .heading)
        if report.inputs.isEmpty { out.line("no recognized input files", indent: 2) }
        for input in report.inputs {
            var summary = "\(input.path)  \(input.source)  \(input.events) events"
            if input.skipped > 0 { summary += "  \(input.skipped) skipped" }
            if !input.errors.isEmpty { summary += "  \(input.errors.count) \(input.errors.count == 1 ? "error" : "errors")" }
            out.line(summary, indent: 2, hanging: 6)
            for error in input.errors {
                out.line("error: \(input.path): \(error)", indent: 4, hanging: 6, style: .warning)
            }
        }
    }

    /// What was read once or counted once because the scan met it twice (docs/duplicates.md).
    private func overlaps(_ report: ScanReport, into out: inout Output) {
        for sentence in report.overlaps?.sentences(scanPaths: report.scan.paths) ?? [] {
            out.line("merged: " + sentence, indent: 2, hanging: 6, style: .dim)
        }
    }

    private func unrecognized(_ report: ScanReport, into out: inout Output) {
        guard !report.unrecognized.isEmpty else { return }
        out.blank()
        out.line("UNRECOGNIZED FILES (\(report.unrecognized.count))", style: .heading)
        for item in report.unrecognized {
            out.line("\(item.path): \(item.reason)", indent: 2, hanging: 6, style: .dim)
        }
    }

    /// Most sensitive first (GDPR Art. 9 special categories, then criminal, financial, …), then
    /// the most records, then by id so equal findings always print in the same order.
    static func sortedFindings(_ findings: [Finding]) -> [Finding] {
        let rank = Dictionary(uniqueKeysWithValues: Sensitivity.allCases.enumerated().map { ($1, $0) })
        return findings.sorted { a, b in
            let (ra, rb) = (rank[a.sensitivity] ?? 0, rank[b.sensitivity] ?? 0)
            if ra != rb { return ra < rb }
            if a.count != b.count { return a.count > b.count }
            return a.attribute < b.attribute
        }
    }

    private func findings(_ report: ScanReport, into out: inout Output) {
        out.blank()
        out.line("FINDINGS (\(report.findings.count))", style: .heading)
        if report.findings.isEmpty { out.line("nothing a scoring system could use was found", indent: 2) }
        for finding in TerminalReporter.sortedFindings(report.findings) {
            var head = "\(finding.attribute) · \(finding.title) · \(finding.sensitivity.rawValue)"
                + " · confidence \(TerminalReporter.decimal(finding.confidence))"
                + " · \(finding.count) \(finding.count == 1 ? "record" : "records")"
            if let value = finding.value { head += " · value \(value)" }
            out.line(head, indent: 2, hanging: 6, style: finding.sensitivity == .special || finding.sensitivity == .criminal ? .bad : .plain)
            if finding.firstSeen != nil || finding.lastSeen != nil {
                out.line("seen \(finding.firstSeen ?? "?") → \(finding.lastSeen ?? "?")", indent: 4, hanging: 6)
            }
            out.line("rules: \(finding.rules.joined(separator: ", "))", indent: 4, hanging: 6, style: .dim)
            out.line("sources: \(finding.sources.joined(separator: ", "))", indent: 4, hanging: 6, style: .dim)
            let shown = finding.evidence.prefix(max(0, evidenceLimit))
            for evidence in shown {
                out.line("\(evidence.path)  \(evidence.locator)  \(evidence.time ?? "-")  \(evidence.excerpt)",
                         indent: 4, hanging: 8)
            }
            let hidden = finding.count - shown.count
            if hidden > 0 {
                out.line("… \(hidden) more \(hidden == 1 ? "record" : "records") (steward explain \(finding.attribute))",
                         indent: 4, style: .dim)
            }
        }
    }

    private func scores(_ report: ScanReport, into out: inout Output) {
        out.blank()
        out.line("SCORES (\(report.scores.count))", style: .heading)
        if report.scores.isEmpty { out.line("no scoring model was run", indent: 2) }
        for score in report.scores {
            out.blank()
            out.line(score.title.map { "\(score.model) — \($0)" } ?? score.model, indent: 2, style: .heading)
            let tier = score.tierLabel.map { "\(score.tier) (\($0))" } ?? score.tier
            if let total = score.total {
                out.line("total \(total) · tier \(tier)", indent: 4)
            } else {
                out.line("verdict \(tier)", indent: 4, style: score.contributions.isEmpty ? .good : .bad)
            }
            if score.contributions.isEmpty {
                out.line("no contribution applied", indent: 4, style: .dim)
            }
            for contribution in score.contributions {
                let delta = contribution.delta.map { $0 > 0 ? "+\($0)" : "\($0)" } ?? "stop"
                let style: Style = contribution.delta.map { $0 > 0 ? .good : .bad } ?? .bad
                out.line("\(delta)  \(contribution.attribute)  \(contribution.rule)  "
                    + "[\(contribution.basis.rawValue)]  \(contribution.source)", indent: 4, hanging: 10, style: style)
                if let reason = contribution.reason {
                    out.line(reason, indent: 10, style: .dim)
                }
            }
            if score.consequences.isEmpty {
                // Said out loud so a reader does not take a missing section for "no effect".
                out.line("consequences of \(score.tier): none named by the model's sources", indent: 4)
            } else {
                out.line("consequences of \(score.tier):", indent: 4)
                for consequence in score.consequences { out.line("- \(consequence)", indent: 6, hanging: 8) }
            }
            if !score.notes.isEmpty {
                out.line("notes:", indent: 4)
                for note in score.notes { out.line("- \(note)", indent: 6, hanging: 8, style: .dim) }
            }
            out.line(ScoreLevers.sentence(for: score), indent: 4, hanging: 6, style: .warning)
        }
    }

    /// `0.90`: two decimals without Foundation's locale-dependent formatting.
    static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
