import Localization
import StewardCore

/// `steward diff`: what changed between two stored scans — findings that appeared, went away
/// or changed their count, and every score's total and tier.
public enum ScanDiff {
    public struct FindingChange: Sendable, Equatable {
        public var attribute: String
        public var before: Int?
        public var after: Int?
    }

    public struct ScoreChange: Sendable, Equatable {
        public var model: String
        public var before: (total: Int?, tier: String)?
        public var after: (total: Int?, tier: String)?
        public static func == (a: ScoreChange, b: ScoreChange) -> Bool {
            a.model == b.model && a.before?.total == b.before?.total && a.before?.tier == b.before?.tier
                && a.after?.total == b.after?.total && a.after?.tier == b.after?.tier
        }
    }

    public static func compare(_ old: ScanReport, _ new: ScanReport) -> (findings: [FindingChange], scores: [ScoreChange]) {
        let before = Dictionary(old.findings.map { ($0.attribute, $0.count) }, uniquingKeysWith: +)
        let after = Dictionary(new.findings.map { ($0.attribute, $0.count) }, uniquingKeysWith: +)
        let findings = Set(before.keys).union(after.keys).sorted().compactMap { attribute -> FindingChange? in
            before[attribute] == after[attribute] ? nil : FindingChange(attribute: attribute, before: before[attribute], after: after[attribute])
        }
        let models = Array(Set(old.scores.map(\.model)).union(new.scores.map(\.model))).sorted()
        let scores = models.map { model in
            ScoreChange(model: model,
                        before: old.scores.first { $0.model == model }.map { ($0.total, $0.tier) },
                        after: new.scores.first { $0.model == model }.map { ($0.total, $0.tier) })
        }
        return (findings, scores)
    }

    /// Plain lines for the terminal, in `t`'s language.
    public static func lines(_ old: ScanReport, _ new: ScanReport, localizer t: Localizer = .english) -> [String] {
        let result = compare(old, new)
        var out = [t("diff.title", ["old": old.scan.id, "new": new.scan.id]), "", t("diff.findings")]
        if result.findings.isEmpty { out.append("  " + t("diff.no_change")) }
        for change in result.findings {
            switch (change.before, change.after) {
            case (nil, let a?): out.append("  + " + t("diff.new", ["attribute": change.attribute, "records": t.plural("count.records", a)]))
            case (let b?, nil): out.append("  - " + t("diff.gone", ["attribute": change.attribute, "records": t.plural("count.records", b)]))
            case (let b?, let a?):
                out.append("  ~ " + t("diff.changed", ["attribute": change.attribute, "before": t.number(b),
                                                       "records": t.plural("count.records", a)]))
            default: break
            }
        }
        out += ["", t("diff.scores")]
        for score in result.scores {
            func show(_ value: (total: Int?, tier: String)?) -> String {
                guard let value else { return t("diff.not_run") }
                return value.total.map { "\($0) (\(value.tier))" } ?? value.tier
            }
            let marker = score.before?.total == score.after?.total && score.before?.tier == score.after?.tier ? "=" : "~"
            out.append("  \(marker) \(score.model): \(show(score.before)) → \(show(score.after))")
        }
        return out
    }
}
