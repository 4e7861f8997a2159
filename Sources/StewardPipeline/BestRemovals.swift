import StewardCore
import Scoring

/// `steward what-if --best N`: the fewest attributes (or sources) whose records, removed, move
/// a model to each better tier it can reach (docs/scoring.md, "The way out"). Attributes are
/// taken away from the stored findings, so no input is read again; sources are taken away by
/// the stored records' counts per source or file (`StoredRecordRemoval`).
public enum BestRemovals {
    /// One way to a better tier.
    public struct Way: Sendable, Equatable {
        /// The attributes (or sources) to remove: attributes in the model's order of
        /// contributions, sources by name.
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
        search(findings: findings, model: model, limit: limit, units: AttributeRemoval())
    }

    /// The same search with sources as what is removed.
    public static func search(findings: [Finding], recordsBySource: [String: [String: Int]], models: [ScoringModel],
                              limit: Int) -> [Result] {
        let units = SourceRemoval(recordsBySource: recordsBySource)
        return models.map { search(findings: findings, model: $0, limit: max(1, limit), units: units) }
    }

    /// The same search with input files (paths as the scan stored them) as what is removed.
    public static func search(findings: [Finding], recordsByFile: [String: [String: Int]], models: [ScoringModel],
                              limit: Int) -> [Result] {
        let units = FileRemoval(recordsByFile: recordsByFile)
        return models.map { search(findings: findings, model: $0, limit: max(1, limit), units: units) }
    }

    static func search(findings: [Finding], model: ScoringModel, limit: Int, units: some RemovalUnits) -> Result {
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
        let candidates = units.candidates(harmByAttribute: cost, findings: findings).prefix(maximumCandidates).map { $0 }
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
                let (kept, records) = units.remove(removed, from: findings)
                let result = model.evaluate(kept)
                guard let reached = rank[result.tier], reached < currentRank else { continue }
                let attributes = subset.sorted { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }
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

/// What `BestRemovals` takes away: the candidates that can lower a model, and the findings
/// left (with the records taken) once a set of them is gone.
protocol RemovalUnits {
    /// Candidates, most harmful first, from each harmful attribute's cost.
    func candidates(harmByAttribute: [String: Int], findings: [Finding]) -> [String]
    func remove(_ removed: Set<String>, from findings: [Finding]) -> (kept: [Finding], records: Int)
}

/// Attributes: a finding goes whole.
struct AttributeRemoval: RemovalUnits {
    func candidates(harmByAttribute: [String: Int], findings: [Finding]) -> [String] {
        harmByAttribute.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
    }

    func remove(_ removed: Set<String>, from findings: [Finding]) -> (kept: [Finding], records: Int) {
        (findings.filter { !removed.contains($0.attribute) },
         findings.filter { removed.contains($0.attribute) }.reduce(0) { $0 + $1.count })
    }
}

/// Sources (importer ids) or input files (archive members as `a.zip!member`): a finding loses
/// the records each removed unit holds for it, by the stored records' counts, and goes when none
/// are left. A finding with no stored records (an analyzer's: home, income, late bills paired by
/// date) cannot be split: by source it goes only when every one of its sources is removed; which
/// files it read is not stored, so by file it stays whatever files go. The counts are the
/// scan's, not a re-read: an aggregate rule that needs several records may lose its finding
/// sooner than this says, which is why the command names `what-if --without` to check a way.
struct StoredRecordRemoval: RemovalUnits {
    /// Attribute → unit → stored records.
    let recordsByUnit: [String: [String: Int]]
    /// The units a finding itself names (its sources), or nil when findings do not name them.
    let unitsNamedBy: (Finding) -> [String]?

    func candidates(harmByAttribute: [String: Int], findings: [Finding]) -> [String] {
        var harm: [String: Int] = [:]
        for finding in findings {
            guard let cost = harmByAttribute[finding.attribute], cost > 0 else { continue }
            for unit in unitsNamedBy(finding) ?? Array((recordsByUnit[finding.attribute] ?? [:]).keys) {
                harm[unit, default: 0] += cost
            }
        }
        return harm.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
    }

    func remove(_ removed: Set<String>, from findings: [Finding]) -> (kept: [Finding], records: Int) {
        var kept: [Finding] = []
        var records = 0
        for finding in findings {
            let named = unitsNamedBy(finding)
            let allNamedRemoved = named.map { Set($0).isSubset(of: removed) } ?? false
            let byUnit = recordsByUnit[finding.attribute] ?? [:]
            guard !byUnit.isEmpty || named == nil else {
                if allNamedRemoved { records += finding.count } else { kept.append(finding) }
                continue
            }
            let taken = min(finding.count, removed.reduce(0) { $0 + (byUnit[$1] ?? 0) })
            records += taken
            guard finding.count - taken > 0, !allNamedRemoved else { continue }
            var left = finding
            left.count -= taken
            if named != nil { left.sources = finding.sources.filter { !removed.contains($0) } }
            kept.append(left)
        }
        return (kept, records)
    }
}

typealias SourceRemoval = StoredRecordRemoval
typealias FileRemoval = StoredRecordRemoval

extension StoredRecordRemoval {
    init(recordsBySource: [String: [String: Int]]) {
        self.init(recordsByUnit: recordsBySource, unitsNamedBy: { $0.sources })
    }

    init(recordsByFile: [String: [String: Int]]) {
        self.init(recordsByUnit: recordsByFile, unitsNamedBy: { _ in nil })
    }
}
