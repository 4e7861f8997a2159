/// Everything that can be wrong in a scoring model file, with all messages in one place so
/// tests can assert them exactly. Each problem becomes a `RuleFileError` at a file and line.
enum ModelFileProblem {
    case fileTooLarge(limit: Int)
    case unreadable(reason: String)
    case unknownKind(String)
    case emptyText(key: String)
    case badSourceKey(String)
    case noSources
    case scaleOnVerdict
    case missingScale
    case badScaleBounds(min: Int, max: Int)
    case baseOutsideScale(base: Int)
    case noTiers
    case duplicateTier(String)
    case bothThresholdKeys(tier: String)
    case missingThreshold(tier: String)
    case lowestTierHasThreshold(tier: String)
    case thresholdsNotDescending(tier: String, previous: String)
    case thresholdOnVerdict(tier: String)
    case verdictTiers(found: [String])
    case duplicateContributionId(String)
    case badContributionId(String)
    case unknownAttribute(String, context: String)
    case badBasis(String)
    case sourceCitesNoKey(contribution: String, keys: [String])
    case badMinCount(Int)
    case badMinConfidence(Double)
    case deltaOnVerdict(contribution: String)
    case missingDelta(contribution: String)
    case zeroDelta(contribution: String)
    case factorOnPoints(contribution: String)
    case missingFactor(contribution: String)
    case badPer(Int)
    case capWithoutPer(contribution: String)
    case badCap(Int)
    case badExampleCount(Int)
    case exampleTotalOnVerdict
    case exampleMissingTotal
    case unknownExampleTier(String, known: [String])
    case unknownExampleContribution(String)
    case duplicateModelId(String, firstFile: String)
    case noModelFiles(directory: String)

    var message: String {
        switch self {
        case .fileTooLarge(let limit): return "model file is larger than \(limit) bytes"
        case .unreadable(let reason): return "cannot read model file: \(reason)"
        case .unknownKind(let kind): return "kind must be 'points' or 'verdict', got '\(kind)'"
        case .emptyText(let key): return "'\(key)' must not be empty"
        case .badSourceKey(let key):
            return "source key '\(key)' must be upper-case letters and digits (like SEED, YJ, NHC)"
        case .noSources: return "sources must name at least one citation"
        case .scaleOnVerdict: return "a verdict model has no scale: remove 'scale'"
        case .missingScale: return "a points model needs 'scale' with 'base'"
        case .badScaleBounds(let min, let max): return "scale min \(min) must be below max \(max)"
        case .baseOutsideScale(let base): return "scale base \(base) lies outside min…max"
        case .noTiers: return "tiers must list at least one tier"
        case .duplicateTier(let name): return "duplicate tier '\(name)'"
        case .bothThresholdKeys(let tier): return "tier '\(tier)' has both 'from' and 'above': use one"
        case .missingThreshold(let tier):
            return "tier '\(tier)' needs 'from' or 'above' (only the lowest tier has no threshold)"
        case .lowestTierHasThreshold(let tier):
            return "lowest tier '\(tier)' must not have a threshold: it takes every total below the tier above it"
        case .thresholdsNotDescending(let tier, let previous):
            return "tier '\(tier)' starts at or above tier '\(previous)': list tiers from highest to lowest"
        case .thresholdOnVerdict(let tier): return "verdict tier '\(tier)' must not have a threshold"
        case .verdictTiers(let found):
            return "a verdict model has exactly the tiers 'pass' and 'stop', found: \(found.joined(separator: ", "))"
        case .duplicateContributionId(let id): return "duplicate contribution id '\(id)'"
        case .badContributionId(let id):
            return "contribution id '\(id)' must be dotted lower-case words like 'citizen.blood_donation'"
        case .unknownAttribute(let id, let context): return "unknown attribute '\(id)' in \(context)"
        case .badBasis(let basis): return "basis must be one of documented, reported, illustrative, got '\(basis)'"
        case .sourceCitesNoKey(let contribution, let keys):
            return "source of contribution '\(contribution)' must cite one of the model's sources as "
                + keys.map { "[\($0)]" }.joined(separator: ", ")
        case .badMinCount(let n): return "min_count must be 1 or more, got \(n)"
        case .badMinConfidence(let c): return "min_confidence must be between 0 and 1, got \(c)"
        case .deltaOnVerdict(let c): return "contribution '\(c)' of a verdict model has no points: remove 'delta', 'per' and 'cap'"
        case .missingDelta(let c): return "contribution '\(c)' of a points model needs 'delta'"
        case .zeroDelta(let c): return "contribution '\(c)' has delta 0: it would change nothing"
        case .factorOnPoints(let c): return "contribution '\(c)': 'factor' is only for verdict models"
        case .missingFactor(let c): return "contribution '\(c)' of a verdict model needs 'factor' (the stop factor it stands for)"
        case .badPer(let n): return "per must be 1 or more, got \(n)"
        case .capWithoutPer(let c): return "contribution '\(c)' has 'cap' without 'per': a single delta needs no cap"
        case .badCap(let n): return "cap must be a positive number of points, got \(n)"
        case .badExampleCount(let n): return "example count must be 1 or more, got \(n)"
        case .exampleTotalOnVerdict: return "example of a verdict model has no total: remove 'total'"
        case .exampleMissingTotal: return "example of a points model needs 'total'"
        case .unknownExampleTier(let tier, let known):
            return "example expects unknown tier '\(tier)' (tiers: \(known.joined(separator: ", ")))"
        case .unknownExampleContribution(let id): return "example expects unknown contribution '\(id)'"
        case .duplicateModelId(let id, let firstFile): return "duplicate model id '\(id)' (first defined in \(firstFile))"
        case .noModelFiles(let directory): return "no model files (*.yaml) in \(directory)"
        }
    }
}
