import BuiltInRules
import Reports
import Rules
import Scoring
import StewardCore
import RuleFileReading

/// What the HTML dossier needs besides the report (docs/reports.md): every model's ladder, the
/// ways to a better tier (`steward what-if --best`, worked out from the findings alone) and
/// the country outlines from the rules' data folder.
public enum DossierContextBuilder {
    /// The outline table, relative to the rules folder.
    public static let outlinesPath = "data/country-outlines.tsv"
    /// Ways shown per better tier and model.
    public static let waysPerTier = 1

    public static func build(report: ScanReport, models: [ScoringModel], files: RuleFiles) throws(StewardError) -> DossierContext {
        let used = models.filter { model in report.scores.contains { $0.model == model.id } }
        var ladders: [String: ScoreLadder] = [:]
        for model in used { ladders[model.id] = ladder(of: model) }
        var waysOut: [String: [WayOut]] = [:]
        for result in BestRemovals.search(findings: report.findings, models: used, limit: waysPerTier) {
            guard let model = used.first(where: { $0.id == result.model }) else { continue }
            let bestFirst = (model.scale?.lowerIsBetter ?? false) ? Array(model.tiers.reversed()) : model.tiers
            let rank = Dictionary(bestFirst.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
            let current = rank[result.current.tier] ?? 0
            waysOut[model.id] = result.byTier.flatMap { entry in
                entry.ways.map { way in
                    WayOut(attributes: way.attributes, records: way.records, tier: way.tier, total: way.total,
                           tiersGained: max(1, current - (rank[way.tier] ?? current)))
                }
            }
        }
        return DossierContext(ladders: ladders, waysOut: waysOut, outlines: try outlines(files))
    }

    /// Every model's ladder by model id (the comparison of several people places tiers on them).
    public static func ladders(_ models: [ScoringModel]) -> [String: ScoreLadder] {
        Dictionary(models.map { ($0.id, ladder(of: $0)) }, uniquingKeysWith: { first, _ in first })
    }

    static func ladder(of model: ScoringModel) -> ScoreLadder {
        ScoreLadder(minimum: model.scale?.min, maximum: model.scale?.max, base: model.scale?.base,
                    lowerIsBetter: model.scale?.lowerIsBetter ?? false,
                    tiers: model.tiers.map { tier in
                        ScoreLadder.Tier(name: tier.name, label: tier.label, minimum: tier.threshold?.minimum,
                                         benefits: tier.benefits, consequences: tier.consequences)
                    })
    }

    /// The rules folder's outline table, or the built-in one when a custom folder has none.
    static func outlines(_ files: RuleFiles) throws(StewardError) -> CountryOutlines {
        let source = files.contains(outlinesPath) ? files : BuiltInRuleSet.files
        guard let bytes = source.read(outlinesPath) else { return CountryOutlines(countries: []) }
        do throws(CountryOutlinesError) {
            return try CountryOutlines.parse(String(decoding: bytes, as: UTF8.self), file: source.display(outlinesPath))
        } catch {
            throw .ruleFile(RuleFileError(file: error.file, line: error.line, error.message))
        }
    }
}
