import Foundation
import StewardCore
import Rules
import Scoring
import Importers

/// `steward what-if`: how each score would change if some data were gone. An attribute or a
/// rule is removed from the stored findings; a source (`bank.ofx`, `google.*`) or a path needs
/// the inputs read again without those records, since counts per source are not stored. Names
/// are resolved first (`StoredScanNames`), so nothing unknown reaches this.
public enum WhatIf {
    /// One model's score before and after.
    public struct Change: Sendable {
        public var model: String
        public var before: ScoreResult
        public var after: ScoreResult
        /// Contributions that no longer apply, or apply with other points.
        public var lost: [Contribution]
    }

    /// What a `--without` value names.
    public enum Removal: Sendable, Equatable {
        case attribute(String)
        case rule(String)
        case source(String)
        /// An input path exactly as the scan reported it.
        case path(String)

        /// The removals a resolved name stands for: a path is the inputs read under it.
        public static func from(_ resolved: StoredScanNames.Resolved) -> [Removal] {
            switch resolved {
            case .attribute(let id): return [.attribute(id)]
            case .rule(let id, _): return [.rule(id)]
            case .source(let pattern, _): return [.source(pattern)]
            case .path(_, let inputs): return inputs.map { .path($0.path) }
            }
        }
    }

    /// Recomputes every model without the removed data. `report` is the stored scan; a rescan
    /// of its paths happens only when a source or path is removed.
    public static func evaluate(report: ScanReport, ruleset: Ruleset, without removals: [Removal],
                                jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                                importerSettings: ImporterSettings = ImporterSettings()) throws(StewardError) -> (findings: [Finding], changes: [Change]) {
        let removedAttributes = Set(removals.compactMap { if case .attribute(let a) = $0 { return a } else { return nil } })
        let sources = removals.compactMap { if case .source(let s) = $0 { return SourcePattern(s) } else { return nil } }
        let removedRules = Set(removals.compactMap { if case .rule(let r) = $0 { return r } else { return nil } })
        let paths = removals.compactMap { if case .path(let p) = $0 { return p } else { return nil } }
        var findings = report.findings
        if !sources.isEmpty || !paths.isEmpty {
            var options = ScanOptions(paths: report.scan.paths, rulesDirectory: ruleset.directory, databasePath: nil, jobs: jobs)
            options.excludedSources = sources
            // Input paths as the scan reported them: the rescan of the same paths reports them alike.
            options.importerSettings = importerSettings
            options.excludedPaths = paths
            do {
                findings = try ScanPipeline.run(options, ruleset: ruleset).findings
            } catch .noInputs, .nothingRead {
                // Relative scan paths are read from the current folder again.
                throw .usage("""
                    cannot read the inputs of scan \(report.scan.id) again (\(report.scan.paths.joined(separator: ", "))): \
                    were they moved, or was the scan run from another folder? Run what-if where you ran the scan.
                    """)
            }
        }
        findings.removeAll { removedAttributes.contains($0.attribute) }
        if !removedRules.isEmpty { findings = findings.compactMap { without(removedRules, $0) } }
        let changes = ruleset.models.map { model -> Change in
            let before = report.scores.first { $0.model == model.id } ?? model.evaluate(report.findings)
            let after = model.evaluate(findings)
            let kept = Set(after.contributions.map { "\($0.rule)|\($0.delta.map(String.init) ?? "stop")" })
            let lost = before.contributions.filter { !kept.contains("\($0.rule)|\($0.delta.map(String.init) ?? "stop")") }
            return Change(model: model.id, before: before, after: after, lost: lost)
        }
        return (findings, changes)
    }

    /// A finding as it would be without some of its rules; nil when no rule of it is left. Its
    /// count drops by the removed rules' records, but never below what a remaining rule matched
    /// alone (a record two rules matched is still counted through the other).
    static func without(_ rules: Set<String>, _ finding: Finding) -> Finding? {
        guard finding.rules.contains(where: rules.contains) else { return finding }
        var kept = finding
        kept.rules.removeAll(where: rules.contains)
        guard !kept.rules.isEmpty else { return nil }
        let removed = rules.reduce(0) { $0 + (finding.ruleCounts?[$1] ?? 0) }
        for rule in rules { kept.ruleCounts?[rule] = nil }
        kept.count = max(kept.ruleCounts?.values.max() ?? 1, finding.count - removed)
        kept.evidence.removeAll { rules.contains($0.rule) }
        return kept
    }
}
