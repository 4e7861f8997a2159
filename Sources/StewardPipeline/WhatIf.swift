import Foundation
import StewardCore
import Rules
import Scoring
import Importers

/// `steward what-if`: how each score would change if some data were gone. An attribute is
/// removed from the stored findings; a source (`bank.ofx`, `google.*`) or a path needs the
/// inputs read again without those records, since counts per source are not stored.
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
        case source(String)
        case path(String)
    }

    /// Attribute ids are known from the taxonomy; importer ids and globs look like `x.y`/`x.*`;
    /// anything else is a path.
    public static func classify(_ text: String, attributes: Set<String>, sources: Set<String>) -> Removal {
        if attributes.contains(text) { return .attribute(text) }
        if sources.contains(text) || text.hasSuffix(".*") { return .source(text) }
        return .path(text)
    }

    /// Recomputes every model without the removed data. `report` is the stored scan; a rescan
    /// of its paths happens only when a source or path is removed.
    public static func evaluate(report: ScanReport, ruleset: Ruleset, without removals: [Removal],
                                jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                                importerSettings: ImporterSettings = ImporterSettings()) throws(StewardError) -> (findings: [Finding], changes: [Change]) {
        let removedAttributes = Set(removals.compactMap { if case .attribute(let a) = $0 { return a } else { return nil } })
        let sources = removals.compactMap { if case .source(let s) = $0 { return SourcePattern(s) } else { return nil } }
        let paths = removals.compactMap { if case .path(let p) = $0 { return URL(fileURLWithPath: p).standardizedFileURL.path } else { return nil } }
        var findings = report.findings
        if !sources.isEmpty || !paths.isEmpty {
            var options = ScanOptions(paths: report.scan.paths, rulesDirectory: ruleset.directory, databasePath: nil, jobs: jobs)
            options.excludedSources = sources
            options.importerSettings = importerSettings
            // Reports show paths as given; exclusions compare both forms.
            options.excludedPaths = paths + removals.compactMap { if case .path(let p) = $0 { return p } else { return nil } }
            findings = try ScanPipeline.run(options, ruleset: ruleset).findings
        }
        findings.removeAll { removedAttributes.contains($0.attribute) }
        let changes = ruleset.models.map { model -> Change in
            let before = report.scores.first { $0.model == model.id } ?? model.evaluate(report.findings)
            let after = model.evaluate(findings)
            let kept = Set(after.contributions.map { "\($0.rule)|\($0.delta.map(String.init) ?? "stop")" })
            let lost = before.contributions.filter { !kept.contains("\($0.rule)|\($0.delta.map(String.init) ?? "stop")") }
            return Change(model: model.id, before: before, after: after, lost: lost)
        }
        return (findings, changes)
    }
}
