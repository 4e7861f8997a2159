import Localization
import StewardCore

/// What a person could delete or redact to change a score: the attributes whose contributions
/// cost the most points (points models) or that stop the verdict (verdict models).
public enum ScoreLevers {
    /// One attribute and the points its contributions remove (nil for stop factors).
    public struct Lever: Sendable, Hashable {
        public var attribute: String
        public var delta: Int?
    }

    /// Up to `limit` attributes, largest deduction first (ties by attribute id). For a verdict
    /// every contributing attribute is a lever, since each one alone gives `stop`.
    public static func levers(for score: ScoreResult, limit: Int = 3) -> [Lever] {
        if score.total == nil {
            var seen: [String] = []
            for contribution in score.contributions where !seen.contains(contribution.attribute) {
                seen.append(contribution.attribute)
            }
            return seen.map { Lever(attribute: $0, delta: nil) }
        }
        var sums: [String: Int] = [:]
        for contribution in score.contributions {
            guard let delta = contribution.delta, delta < 0 else { continue }
            sums[contribution.attribute, default: 0] += delta
        }
        return sums.sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }
            .prefix(limit)
            .map { Lever(attribute: $0.key, delta: $0.value) }
    }

    /// One plain-language line: "what you could change: …". Attribute ids stay ids: they are
    /// what `steward explain` and `what-if --without` take.
    public static func sentence(for score: ScoreResult, limit: Int = 3, localizer t: Localizer = .english) -> String {
        let levers = levers(for: score, limit: limit)
        guard !levers.isEmpty else {
            return score.total == nil ? t("report.levers.no_stop") : t("report.levers.no_loss")
        }
        if score.total == nil {
            return t("report.levers.verdict", ["attributes": t.list(levers.map(\.attribute))])
        }
        let listed = t.list(levers.map { "\($0.attribute) (\($0.delta ?? 0))" })
        let points = levers.reduce(0) { $0 - ($1.delta ?? 0) }
        return t("report.levers.points", ["levers": listed, "points": t.plural("count.points", points)])
    }
}
