import StewardCore

/// A readable plain-text report for a terminal or a projector, in the order a person needs it:
/// a summary (each model's total, tier and the findings that decide it), the scores with their
/// contributions, the findings, then the evidence behind them, and last the files read and not
/// read. Every text from the report is sanitized (it may come from exports), lines are wrapped
/// to `width` display columns, and ANSI colour is added only when `color` is true. See
/// docs/architecture.md ("Reports").
public struct TerminalReporter: Reporter {
    public var color: Bool
    /// Evidence lines shown per finding (the report may hold more).
    public var evidenceLimit: Int
    /// Display columns to wrap at (`TerminalEnvironment` reads it from COLUMNS or the TTY).
    public var width: Int
    /// Problems listed per input file; the rest are counted (the JSON report has them all).
    public var problemLimit: Int

    public init(color: Bool, evidenceLimit: Int = 5, width: Int = TerminalEnvironment.defaultWidth, problemLimit: Int = 5) {
        self.color = color
        self.evidenceLimit = evidenceLimit
        self.width = width
        self.problemLimit = problemLimit
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
        summary(report, into: &out)
        scores(report, into: &out)
        findings(report, into: &out)
        evidence(report, into: &out)
        inputs(report, into: &out)
        overlaps(report, into: &out)
        notRead(report, into: &out)
        return out.lines.joined(separator: "\n") + "\n"
    }

    private func header(_ report: ScanReport, into out: inout Output) {
        out.line("steward report — scan \(report.scan.id)", style: .heading)
        out.line("started \(report.scan.started) · \(report.tool.name) \(report.tool.version) · rules \(report.tool.rules)",
                 style: .dim)
        out.line("paths: " + (report.scan.paths.isEmpty ? "(none)" : report.scan.paths.joined(separator: ", ")), hanging: 7)
    }

    /// The answer first: every model's result and what decides it, then what was read.
    private func summary(_ report: ScanReport, into out: inout Output) {
        out.blank()
        out.line("SUMMARY", style: .heading)
        for score in report.scores {
            let name = score.title.map { "\(score.model) — \($0)" } ?? score.model
            let tier = score.tierLabel.map { "\(score.tier) (\($0))" } ?? score.tier
            if let total = score.total {
                out.line("\(name): \(total), tier \(tier)", indent: 2, hanging: 6)
            } else {
                out.line("\(name): verdict \(tier)", indent: 2, hanging: 6, style: score.contributions.isEmpty ? .good : .bad)
            }
            let deciding = ScoreBreakdown.deciding(score)
            if deciding.isEmpty {
                out.line(score.total == nil ? "no stop factor found"
                         : "no finding moves it" + (score.base.map { ": the base of \($0) stands" } ?? ""),
                         indent: 4, hanging: 6, style: .dim)
            } else if score.total == nil {
                out.line("stopped by: " + deciding.map(\.attribute).joined(separator: ", "), indent: 4, hanging: 6)
            } else {
                // A no-break space keeps each attribute with its points when the line wraps.
                out.line("decided by: " + deciding.map { "\($0.attribute)\u{00A0}\(ScoreBreakdown.signed($0.delta ?? 0))" }
                    .joined(separator: ", "), indent: 4, hanging: 6)
            }
        }
        if report.scores.isEmpty { out.line("no scoring model was run", indent: 2) }
        let records = report.inputs.reduce(0) { $0 + $1.events }
        let errors = report.inputs.reduce(0) { $0 + $1.errors.count }
        let warnings = report.inputs.reduce(0) { $0 + $1.warnings.count }
        var read = "\(Plural.count(report.findings.count, "finding")) from \(Plural.count(report.inputs.count, "file")) read "
            + "(\(Plural.count(records, "record")))"
        if errors > 0 || warnings > 0 { read += "; \(Plural.count(errors, "error")), \(Plural.count(warnings, "warning"))" }
        if report.unrecognizedCount > 0 { read += "; \(Plural.count(report.unrecognizedCount, "file")) not recognized" }
        out.line(read, indent: 2, hanging: 4)
    }

    /// What was read once or counted once because the scan met it twice (docs/duplicates.md).
    private func overlaps(_ report: ScanReport, into out: inout Output) {
        for sentence in report.overlaps?.sentences(scanPaths: report.scan.paths) ?? [] {
            out.line("merged: " + sentence, indent: 2, hanging: 6, style: .dim)
        }
    }

    private func scores(_ report: ScanReport, into out: inout Output) {
        guard !report.scores.isEmpty else { return }
        out.blank()
        out.line("SCORES (\(report.scores.count))", style: .heading)
        for score in report.scores {
            out.blank()
            out.line(score.title.map { "\(score.model) — \($0)" } ?? score.model, indent: 2, style: .heading)
            let tier = score.tierLabel.map { "\(score.tier) (\($0))" } ?? score.tier
            if let total = score.total {
                out.line("total \(total) · tier \(tier)", indent: 4)
                if let base = score.base { out.line(ScoreBreakdown.equation(for: score, base: base), indent: 4, hanging: 6) }
            } else {
                out.line("verdict \(tier)", indent: 4, style: score.contributions.isEmpty ? .good : .bad)
            }
            if score.contributions.isEmpty {
                out.line("no contribution applied", indent: 4, style: .dim)
            }
            for contribution in score.contributions {
                let delta = contribution.delta.map(ScoreBreakdown.signed) ?? "stop"
                let style: Style = contribution.delta.map { $0 > 0 ? .good : .bad } ?? .bad
                out.line("\(delta)  \(contribution.attribute)  \(contribution.rule)  "
                    + "[\(contribution.basis.rawValue)]  \(contribution.source)", indent: 4, hanging: 10, style: style)
                if let reason = contribution.reason {
                    out.line(reason, indent: 10, style: .dim)
                }
            }
            let what = score.total == nil ? "What the verdict \(score.tier)" : "What tier \(score.tier)"
            if !score.benefits.isEmpty {
                out.line("\(what) brings:", indent: 4)
                for benefit in score.benefits { out.line("+ \(benefit)", indent: 6, hanging: 8, style: .good) }
            }
            if !score.consequences.isEmpty {
                out.line("\(what) costs:", indent: 4)
                for consequence in score.consequences { out.line("- \(consequence)", indent: 6, hanging: 8, style: .bad) }
            }
            if score.benefits.isEmpty && score.consequences.isEmpty {
                // Said out loud so a reader does not take a missing section for "no effect".
                out.line("\(what) brings or costs: none named by the model's sources", indent: 4, hanging: 6)
            }
            if !score.notes.isEmpty {
                out.line("notes:", indent: 4)
                for note in score.notes { out.line("- \(note)", indent: 6, hanging: 8, style: .dim) }
            }
            out.line(ScoreLevers.sentence(for: score), indent: 4, hanging: 6, style: .warning)
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
                + " · \(Plural.count(finding.count, "record"))"
            if let value = finding.value { head += " · value \(value)" }
            if finding.strength == .possible { head += " · (possible)" }
            out.line(head, indent: 2, hanging: 6, style: finding.sensitivity == .special || finding.sensitivity == .criminal ? .bad : .plain)
            if finding.strength == .possible { out.line(FindingStrength.confirmationHint, indent: 4, hanging: 6) }
            if finding.firstSeen != nil || finding.lastSeen != nil {
                out.line("seen \(finding.firstSeen ?? "?") → \(finding.lastSeen ?? "?")", indent: 4, hanging: 6)
            }
            out.line("rules: \(finding.rules.joined(separator: ", "))", indent: 4, hanging: 6, style: .dim)
            out.line("sources: \(finding.sources.joined(separator: ", "))", indent: 4, hanging: 6, style: .dim)
        }
    }

    /// The records behind each finding, in the findings' order; places in plain words.
    private func evidence(_ report: ScanReport, into out: inout Output) {
        guard !report.findings.isEmpty else { return }
        out.blank()
        out.line("EVIDENCE", style: .heading)
        for finding in TerminalReporter.sortedFindings(report.findings) {
            let shown = finding.evidence.prefix(max(0, evidenceLimit))
            out.line("\(finding.attribute) · \(Plural.count(finding.count, "record"))"
                + (shown.count < finding.count ? ", \(shown.isEmpty ? "none" : "\(shown.count)") shown" : ""), indent: 2, hanging: 6)
            for evidence in shown {
                out.line("\(evidence.path)  \(RecordPlace.plain(evidence.locator))  \(evidence.time ?? "-")  \(evidence.excerpt)",
                         indent: 4, hanging: 8)
            }
            let hidden = finding.count - shown.count
            if hidden > 0 {
                out.line("… \(hidden) more \(hidden == 1 ? "record" : "records") (steward explain \(finding.attribute))",
                         indent: 4, style: .dim)
            }
        }
    }

    private func inputs(_ report: ScanReport, into out: inout Output) {
        out.blank()
        out.line("FILES READ (\(report.inputs.count))", style: .heading)
        if report.inputs.isEmpty { out.line("no file could be read", indent: 2) }
        for input in report.inputs {
            var summary = "\(input.path)  \(input.source)  \(Plural.count(input.events, "record"))"
            if input.skipped > 0 { summary += ", \(input.skipped) skipped" }
            if !input.errors.isEmpty { summary += ", \(Plural.count(input.errors.count, "error"))" }
            if !input.warnings.isEmpty { summary += ", \(Plural.count(input.warnings.count, "warning"))" }
            out.line(summary, indent: 2, hanging: 6)
            for warning in input.warnings {
                out.line("warning: \(RecordPlace.plainMessage(warning))", indent: 4, hanging: 6, style: .warning)
            }
            for error in input.errors.prefix(problemLimit) {
                out.line("error: \(RecordPlace.plainMessage(error))", indent: 4, hanging: 6, style: .bad)
            }
            if input.errors.count > problemLimit {
                let more = input.errors.count - problemLimit
                out.line("… \(more) more \(more == 1 ? "problem" : "problems") (--format json lists them all)",
                         indent: 4, style: .dim)
            }
        }
    }

    private func notRead(_ report: ScanReport, into out: inout Output) {
        if !report.unrecognized.isEmpty {
            out.blank()
            out.line("FILES NOT RECOGNIZED (\(report.unrecognizedCount))", style: .heading)
            for item in report.unrecognized {
                out.line("\(item.path): \(item.reason)", indent: 2, hanging: 6, style: .dim)
            }
            if let more = UnreadSummary.more(report.unrecognizedCount, listed: report.unrecognized.count, totals: report.unreadTotals) {
                out.line(more, indent: 2, hanging: 6, style: .dim)
            }
        }
        if !report.knownFiles.isEmpty {
            out.blank()
            out.line("KNOWN FILES NOT READ (\(report.knownFileCount))", style: .heading)
            for item in report.knownFiles {
                out.line("\(item.path): \(item.reason)", indent: 2, hanging: 6, style: .dim)
            }
            if let more = UnreadSummary.more(report.knownFileCount, listed: report.knownFiles.count, totals: nil) {
                out.line(more, indent: 2, hanging: 6, style: .dim)
            }
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
