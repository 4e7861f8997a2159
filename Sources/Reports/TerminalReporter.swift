import Localization
import StewardCore

/// A readable plain-text report for a terminal or a projector, in the order a person needs it:
/// a summary (each model's total, tier and the findings that decide it), the scores with their
/// contributions, the findings, then the evidence behind them, and last the files read and not
/// read. Every text from the report is sanitized (it may come from exports), lines are wrapped
/// to `width` display columns, and ANSI colour is added only when `color` is true. Every word
/// comes from `localizer` (docs/i18n.md); ids, paths, scores and quotations stay as they are.
/// See docs/architecture.md ("Reports").
public struct TerminalReporter: Reporter {
    public var color: Bool
    /// Evidence lines shown per finding (the report may hold more).
    public var evidenceLimit: Int
    /// Display columns to wrap at (`TerminalEnvironment` reads it from COLUMNS or the TTY).
    public var width: Int
    /// Problems listed per input file; the rest are counted (the JSON report has them all).
    public var problemLimit: Int
    /// The language of the report's words.
    public var localizer: Localizer

    public init(color: Bool, evidenceLimit: Int = 5, width: Int = TerminalEnvironment.defaultWidth, problemLimit: Int = 5,
                localizer: Localizer = .english) {
        self.localizer = localizer
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
        deletion(report, into: &out)
        evidence(report, into: &out)
        inputs(report, into: &out)
        overlaps(report, into: &out)
        coverage(report, into: &out)
        notRead(report, into: &out)
        return out.lines.joined(separator: "\n") + "\n"
    }

    private func header(_ report: ScanReport, into out: inout Output) {
        let t = localizer
        out.line(t("report.title", ["scan": report.scan.id]), style: .heading)
        out.line(t("report.started", ["started": t.date(report.scan.started), "tool": report.tool.name,
                                      "version": report.tool.version, "rules": report.tool.rules]), style: .dim)
        let paths = report.scan.paths.isEmpty ? t("report.paths.none") : report.scan.paths.joined(separator: ", ")
        // The continuation lines line up under the first path, whatever the label's width.
        let label = t("report.paths", ["paths": ""])
        out.line(t("report.paths", ["paths": paths]), hanging: TerminalText.width(label))
    }

    /// The answer first: every model's result and what decides it, then what was read.
    private func summary(_ report: ScanReport, into out: inout Output) {
        let t = localizer
        out.blank()
        out.line(t("report.summary.heading"), style: .heading)
        for score in report.scores {
            let name = t.heading(of: score)
            let tier = t.tierWithLabel(score)
            if let total = score.total {
                out.line(t("report.summary.points", ["name": name, "total": "\(total)", "tier": tier]), indent: 2, hanging: 6)
            } else {
                out.line(t("report.summary.verdict", ["name": name, "tier": tier]), indent: 2, hanging: 6,
                         style: score.contributions.isEmpty ? .good : .bad)
            }
            let deciding = ScoreBreakdown.deciding(score)
            if deciding.isEmpty {
                out.line(score.total == nil ? t("report.summary.no_stop_factor")
                         : score.base.map { t("report.summary.nothing_moves_base", ["base": "\($0)"]) } ?? t("report.summary.nothing_moves"),
                         indent: 4, hanging: 6, style: .dim)
            } else if score.total == nil {
                out.line(t("report.summary.stopped_by", ["attributes": t.list(deciding.map(\.attribute))]), indent: 4, hanging: 6)
            } else {
                // A no-break space keeps each attribute with its points when the line wraps.
                out.line(t("report.summary.decided_by", ["attributes": t.list(deciding.map {
                    "\($0.attribute)\u{00A0}\(ScoreBreakdown.signed($0.delta ?? 0))" })]), indent: 4, hanging: 6)
            }
        }
        if report.scores.isEmpty { out.line(t("report.summary.no_model"), indent: 2) }
        let records = report.inputs.reduce(0) { $0 + $1.events }
        let errors = report.inputs.reduce(0) { $0 + $1.errors.count }
        let warnings = report.inputs.reduce(0) { $0 + $1.warnings.count }
        var read = t("report.summary.read", ["findings": t.plural("count.findings", report.findings.count),
                                             "files": t.plural("count.files", report.inputs.count),
                                             "records": t.plural("count.records", records)])
        if errors > 0 || warnings > 0 {
            read += t("report.summary.problems", ["errors": t.plural("count.errors", errors),
                                                  "warnings": t.plural("count.warnings", warnings)])
        }
        if report.unrecognizedCount > 0 { read += t.plural("report.summary.not_recognized", report.unrecognizedCount) }
        out.line(read, indent: 2, hanging: 4)
        if let contacts = report.contacts {
            out.line(t.plural("report.summary.contacts", contacts.count), indent: 2, hanging: 4, style: .dim)
        }
    }

    /// What was read once or counted once because the scan met it twice (docs/duplicates.md).
    private func overlaps(_ report: ScanReport, into out: inout Output) {
        for sentence in OverlapSentences.sentences(report.overlaps, scanPaths: report.scan.paths, localizer: localizer) {
            out.line(localizer("report.merged", ["sentence": sentence]), indent: 2, hanging: 6, style: .dim)
        }
    }

    /// Which usual parts of each export were read and which were not there.
    private func coverage(_ report: ScanReport, into out: inout Output) {
        let sentences = CoverageSentences.sentences(report, localizer: localizer)
        guard !sentences.isEmpty else { return }
        out.blank()
        out.line(localizer("report.coverage.heading"), style: .heading)
        for sentence in sentences { out.line(sentence, indent: 2, hanging: 4) }
    }

    private func scores(_ report: ScanReport, into out: inout Output) {
        guard !report.scores.isEmpty else { return }
        let t = localizer
        out.blank()
        out.line(t("report.scores.heading", ["count": t.number(report.scores.count)]), style: .heading)
        for score in report.scores {
            out.blank()
            out.line(t.heading(of: score), indent: 2, style: .heading)
            let tier = t.tierWithLabel(score)
            if let total = score.total {
                out.line(t("report.scores.total", ["total": "\(total)", "tier": tier]), indent: 4)
                if let base = score.base { out.line(ScoreBreakdown.equation(for: score, base: base, localizer: t), indent: 4, hanging: 6) }
            } else {
                out.line(t("report.scores.verdict", ["tier": tier]), indent: 4, style: score.contributions.isEmpty ? .good : .bad)
            }
            if score.contributions.isEmpty {
                out.line(t("report.scores.no_contribution"), indent: 4, style: .dim)
            }
            for contribution in score.contributions {
                let delta = contribution.delta.map(ScoreBreakdown.signed) ?? t("report.scores.stop")
                let style: Style = contribution.delta.map { $0 > 0 ? .good : .bad } ?? .bad
                out.line("\(delta)  \(contribution.attribute)  \(contribution.rule)  "
                    + "[\(t.word(for: contribution.basis))]  \(t.source(of: contribution, in: score))", indent: 4, hanging: 10, style: style)
                if let reason = t.reason(of: contribution, in: score) {
                    out.line(reason, indent: 10, style: .dim)
                }
            }
            let verdict = score.total == nil
            let tierArgument = ["tier": score.tier]
            let benefits = t.benefits(of: score), consequences = t.consequences(of: score)
            if !benefits.isEmpty {
                out.line(t(verdict ? "report.scores.verdict_brings" : "report.scores.tier_brings", tierArgument), indent: 4)
                for benefit in benefits { out.line("+ \(benefit)", indent: 6, hanging: 8, style: .good) }
            }
            if !consequences.isEmpty {
                out.line(t(verdict ? "report.scores.verdict_costs" : "report.scores.tier_costs", tierArgument), indent: 4)
                for consequence in consequences { out.line("- \(consequence)", indent: 6, hanging: 8, style: .bad) }
            }
            if benefits.isEmpty && consequences.isEmpty {
                // Said out loud so a reader does not take a missing section for "no effect".
                out.line(t(verdict ? "report.scores.verdict_none" : "report.scores.tier_none", tierArgument), indent: 4, hanging: 6)
            }
            let notes = t.notes(of: score)
            if !notes.isEmpty {
                out.line(t("report.scores.notes"), indent: 4)
                for note in notes { out.line("- \(note)", indent: 6, hanging: 8, style: .dim) }
            }
            out.line(ScoreLevers.sentence(for: score, localizer: t), indent: 4, hanging: 6, style: .warning)
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
        let t = localizer
        out.blank()
        out.line(t("report.findings.heading", ["count": t.number(report.findings.count)]), style: .heading)
        if report.findings.isEmpty { out.line(t("report.findings.none"), indent: 2) }
        for finding in TerminalReporter.sortedFindings(report.findings) {
            var head = t("report.finding.head", ["attribute": finding.attribute, "title": t.title(of: finding),
                                                 "sensitivity": t.word(for: finding.sensitivity),
                                                 "confidence": t.number(finding.confidence, fractionDigits: 2),
                                                 "records": t.plural("count.records", finding.count)])
            if let value = t.value(of: finding) { head += t("report.finding.value", ["value": value]) }
            if finding.strength == .possible { head += t("report.finding.possible") }
            out.line(head, indent: 2, hanging: 6, style: finding.sensitivity == .special || finding.sensitivity == .criminal ? .bad : .plain)
            if finding.strength == .possible { out.line(t("report.finding.possible_hint"), indent: 4, hanging: 6) }
            if finding.firstSeen != nil || finding.lastSeen != nil {
                out.line(t("report.finding.seen", ["first": finding.firstSeen.map(t.date) ?? "?", "last": finding.lastSeen.map(t.date) ?? "?"]),
                         indent: 4, hanging: 6)
            }
            out.line(t("report.finding.rules", ["rules": finding.rules.joined(separator: ", ")]), indent: 4, hanging: 6, style: .dim)
            out.line(t("report.finding.sources", ["sources": finding.sources.joined(separator: ", ")]), indent: 4, hanging: 6, style: .dim)
        }
    }

    /// Per source the findings came from: which findings it feeds and how to delete or stop
    /// the data at the platform (docs/requests.md).
    private func deletion(_ report: ScanReport, into out: inout Output) {
        let entries = DeletionGuides.entries(for: report.findings, localizer: localizer)
        guard !entries.isEmpty else { return }
        let t = localizer
        out.blank()
        out.line(t("deletion.heading"), style: .heading)
        out.line(t("deletion.intro"), indent: 2, hanging: 2, style: .dim)
        for entry in entries {
            out.line(t("deletion.feeds", ["source": entry.sources.joined(separator: ", "), "findings": t.list(entry.findings)]),
                     indent: 2, hanging: 6)
            out.line(entry.guide ?? t("deletion.none"), indent: 4, hanging: 4)
        }
    }

    /// The records behind each finding, in the findings' order; places in plain words.
    private func evidence(_ report: ScanReport, into out: inout Output) {
        guard !report.findings.isEmpty else { return }
        let t = localizer
        out.blank()
        out.line(t("report.evidence.heading"), style: .heading)
        for finding in TerminalReporter.sortedFindings(report.findings) {
            let shown = finding.evidence.prefix(max(0, evidenceLimit))
            var head = t("report.evidence.head", ["attribute": finding.attribute, "records": t.plural("count.records", finding.count)])
            if shown.count < finding.count {
                head += shown.isEmpty ? t("report.evidence.none_shown") : t("report.evidence.shown", ["count": t.number(shown.count)])
            }
            out.line(head, indent: 2, hanging: 6)
            for evidence in shown {
                out.line("\(evidence.path)  \(RecordPlace.plain(evidence.locator, localizer: t))  \(evidence.time.map(t.date) ?? "-")  \(evidence.excerpt)",
                         indent: 4, hanging: 8)
            }
            let hidden = finding.count - shown.count
            if hidden > 0 {
                out.line(t.plural("report.evidence.more", hidden, ["attribute": finding.attribute]), indent: 4, style: .dim)
            }
        }
    }

    private func inputs(_ report: ScanReport, into out: inout Output) {
        let t = localizer
        out.blank()
        out.line(t("report.inputs.heading", ["count": t.number(report.inputs.count)]), style: .heading)
        if report.inputs.isEmpty { out.line(t("report.inputs.none"), indent: 2) }
        let comma = t("list.separator")
        for input in report.inputs {
            var summary = "\(input.path)  \(input.source)  \(t.plural("count.records", input.events))"
            if input.skipped > 0 { summary += t("report.inputs.skipped", ["count": t.number(input.skipped)]) }
            if !input.errors.isEmpty { summary += comma + t.plural("count.errors", input.errors.count) }
            if !input.warnings.isEmpty { summary += comma + t.plural("count.warnings", input.warnings.count) }
            out.line(summary, indent: 2, hanging: 6)
            for warning in input.warnings {
                out.line(t("report.inputs.warning", ["message": RecordPlace.message(warning, localizer: t)]),
                         indent: 4, hanging: 6, style: .warning)
            }
            for error in input.errors.prefix(problemLimit) {
                out.line(t("report.inputs.error", ["message": RecordPlace.message(error, localizer: t)]),
                         indent: 4, hanging: 6, style: .bad)
            }
            if input.errors.count > problemLimit {
                out.line(t.plural("report.inputs.more_problems", input.errors.count - problemLimit), indent: 4, style: .dim)
            }
        }
    }

    private func notRead(_ report: ScanReport, into out: inout Output) {
        if !report.unrecognized.isEmpty {
            out.blank()
            out.line(localizer("report.unrecognized.heading", ["count": localizer.number(report.unrecognizedCount)]), style: .heading)
            for item in report.unrecognized {
                out.line("\(item.path): \(RecordPlace.message(localizer.knownFileReason(item.reason), localizer: localizer))", indent: 2, hanging: 6, style: .dim)
            }
            if let more = UnreadSummary.more(report.unrecognizedCount, listed: report.unrecognized.count, totals: report.unreadTotals) {
                out.line(more, indent: 2, hanging: 6, style: .dim)
            }
        }
        if !report.knownFiles.isEmpty {
            out.blank()
            out.line(localizer("report.known.heading", ["count": localizer.number(report.knownFileCount)]), style: .heading)
            for item in report.knownFiles {
                out.line("\(item.path): \(localizer.knownFileReason(item.reason))", indent: 2, hanging: 6, style: .dim)
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
