import Localization
import StewardCore

/// How a score came about, in the words every report uses: the base plus the contributions
/// (so a reader can add up the listed numbers and get the total), and the few attributes that
/// decide it.
public enum ScoreBreakdown {
    /// Sum of the listed contributions' points (stop factors count nothing).
    public static func contributionSum(_ score: ScoreResult) -> Int {
        score.contributions.reduce(0) { $0.addingReportingOverflow($1.delta ?? 0).partialValue }
    }

    /// `base 1000 + contributions (+140) = 1140`; when the scale clamps the sum, the clamp is
    /// said too: `base 50 + contributions (-76) = -26, the scale stops at 1`.
    public static func equation(for score: ScoreResult, base: Int, localizer t: Localizer = .english) -> String {
        let sum = contributionSum(score)
        let raw = base.addingReportingOverflow(sum).partialValue
        var arguments = ["base": "\(base)", "sum": signed(sum), "raw": "\(raw)"]
        if let total = score.total, total != raw {
            arguments["total"] = "\(total)"
            return t("report.scores.equation.clamped", arguments)
        }
        return t("report.scores.equation", arguments)
    }

    /// Up to `limit` attributes whose contributions move the score most (by absolute points;
    /// ties by attribute id), with their points; for a verdict, the stop factors found.
    public static func deciding(_ score: ScoreResult, limit: Int = 3) -> [(attribute: String, delta: Int?)] {
        if score.total == nil {
            var seen: [String] = []
            for c in score.contributions where !seen.contains(c.attribute) { seen.append(c.attribute) }
            return seen.prefix(limit).map { ($0, nil) }
        }
        var sums: [String: Int] = [:]
        for c in score.contributions { sums[c.attribute, default: 0] += c.delta ?? 0 }
        return sums.filter { $0.value != 0 }
            .sorted { abs($0.value) != abs($1.value) ? abs($0.value) > abs($1.value) : $0.key < $1.key }
            .prefix(limit)
            .map { ($0.key, $0.value) }
    }

    /// `+20`, `-5`, `0`.
    public static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }
}
