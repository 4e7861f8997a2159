import StewardCore
import Scoring

/// `steward what-if --best N`: the fewest attributes whose records, removed, move a model to
/// each better tier it can reach (docs/scoring.md, "The way out"). Attributes are taken away
/// from the stored findings, so no input is read again.
public enum BestRemovals {
    /// One way to a better tier.
    public struct Way: Sendable, Equatable {
        /// The attributes to remove, in the model's order of contributions.
        public var attributes: [String]
        /// Records those findings count.
        public var records: Int
        public var tier: String
        public var total: Int?
    }

    /// What the search found for one model.
    public struct Result: Sendable {
        public var model: String
        public var current: ScoreResult
        /// Per better tier reached (closest first), up to `limit` smallest ways.
        public var byTier: [(tier: String, ways: [Way])]
        /// Why nothing helps, when `byTier` is empty.
        public var noBetterTier: NoBetterTier?
        /// The same in English words.
        public var whyNot: String? { noBetterTier?.description }
    }

    /// Why no removal reaches a better tier; each case carries what a message needs, so the
    /// CLI can say it in any language (docs/i18n.md).
    public enum NoBetterTier: Sendable, Equatable, CustomStringConvertible {
        case alreadyBest(tier: String)
        case nothingLowers
        /// Every set of up to `tried` of these attributes was removed, and none was enough.
        case notEnough(tried: Int, candidates: [String])

        public var description: String {
            switch self {
            case .alreadyBest(let tier): return "already in the best tier, \(tier)"
            case .nothingLowers:
                return "nothing in these exports lowers it: a better tier needs points the exports do not show, and removing data cannot add them"
            case .notEnough(let tried, let candidates):
                return "removing up to \(tried) of \(candidates.joined(separator: ", ")) does not reach a better tier: what is left costs too little to matter, or a better tier needs points the exports do not show"
            }
        }
    }

    /// Attributes whose contributions lower a model (negative points or a stop factor) are the
    /// only ones whose removal can help; the search tries every set of up to `maximumSetSize` of
    /// the `maximumCandidates` that cost the most.
    public static let maximumCandidates = 12
    public static let maximumSetSize = 5

    public static func search(findings: [Finding], models: [ScoringModel], limit: Int) -> [Result] {
        models.map { model in search(findings: findings, model: model, limit: max(1, limit)) }
    }

    static func search(findings: [Finding], model: ScoringModel, limit: Int) -> Result {
        let current = model.evaluate(findings)
        // Tiers are listed highest total first; rank 0 is the best place to be, which is the
        // last tier on a scale where lower is better (risk points).
        let lowerIsBetter = model.scale?.lowerIsBetter ?? false
        let tiersBestFirst = lowerIsBetter ? Array(model.tiers.reversed()) : model.tiers
        let rank = Dictionary(uniqueKeysWithValues: tiersBestFirst.enumerated().map { ($0.element.name, $0.offset) })
        let currentRank = rank[current.tier] ?? 0
        // What each attribute costs now: the points its contributions moved the wrong way, or
        // a stop factor.
        var cost: [String: Int] = [:]
        for contribution in current.contributions {
            let harm = contribution.delta.map { lowerIsBetter ? $0 : -$0 } ?? 1
            if harm > 0 { cost[contribution.attribute, default: 0] += harm }
        }
        let candidates = cost.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(maximumCandidates).map(\.key)
        guard currentRank > 0 else {
            return Result(model: model.id, current: current, byTier: [], noBetterTier: .alreadyBest(tier: current.tier))
        }
        guard !candidates.isEmpty else {
            return Result(model: model.id, current: current, byTier: [], noBetterTier: .nothingLowers)
        }
        // An attribute's place is its first contribution's (several may read one attribute).
        let order = Dictionary(model.contributions.enumerated().map { ($0.element.attribute, $0.offset) }, uniquingKeysWith: min)
        var best: [Int: [Way]] = [:]
        for size in 1...min(maximumSetSize, candidates.count) {
            for subset in combinations(of: candidates, size: size) {
                let removed = Set(subset)
                let result = model.evaluate(findings.filter { !removed.contains($0.attribute) })
                guard let reached = rank[result.tier], reached < currentRank else { continue }
                let attributes = subset.sorted { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }
                let records = findings.filter { removed.contains($0.attribute) }.reduce(0) { $0 + $1.count }
                best[reached, default: []].append(Way(attributes: attributes, records: records, tier: result.tier, total: result.total))
            }
        }
        // A set that reaches a tier also reaches every tier below it: for each tier, the ways
        // that reach it or better, smallest first, then fewest records, then highest total.
        var byTier: [(tier: String, ways: [Way])] = []
        for reached in (0..<currentRank).reversed() {
            let ways = best.filter { $0.key <= reached }.flatMap(\.value)
                .sorted { ($0.attributes.count, $0.records, -($0.total ?? 0), $0.attributes.joined(separator: ","))
                    < ($1.attributes.count, $1.records, -($1.total ?? 0), $1.attributes.joined(separator: ",")) }
            guard !ways.isEmpty else { continue }
            byTier.append((tiersBestFirst[reached].name, Array(ways.prefix(limit))))
        }
        let whyNot: NoBetterTier? = byTier.isEmpty
            ? .notEnough(tried: min(maximumSetSize, candidates.count), candidates: candidates)
            : nil
        return Result(model: model.id, current: current, byTier: byTier, noBetterTier: whyNot)
    }

    /// Every `size`-element subset of `items`, in order.
    static func combinations(of items: [String], size: Int) -> [[String]] {
        guard size > 0 else { return [[]] }
        guard items.count >= size else { return [] }
        var result: [[String]] = []
        for (index, item) in items.enumerated() {
            for rest in combinations(of: Array(items[(index + 1)...]), size: size - 1) { result.append([item] + rest) }
        }
        return result
    }
}
