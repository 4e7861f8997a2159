import StewardCore

/// Settings of a `work.tenures` analyzer file (rules/analyzers/work-job-hopping.yaml): job
/// tenures from `.position` records (start `time`, end `endTime`) and the finding "frequent job
/// changes" once at least `minShortTenures` finished positions lasted under
/// `maxTenureMonths`. No scoring system publishes these thresholds (Zhejiang 2019 names
/// "frequent job changes" without a number), so the file marks them illustrative.
public struct TenureAnalyzerDefinition: AnalyzerDefinition {
    public let id: String
    public let file: String
    public let line: Int
    public let attribute: String
    public let confidence: Double
    /// A finished position shorter than this many months (counted inclusively, month
    /// precision: Mar–Nov is 9 months) is a short tenure.
    public let maxTenureMonths: Int
    /// Short tenures needed for the finding.
    public let minShortTenures: Int
    let examples: [TenureExample]

    public var attributes: [String] { [attribute] }
    public var exampleCount: Int { examples.count }

    /// The `work.tenures` kind for `AnalyzerCatalog`.
    public static let kind = AnalyzerKind(name: "work.tenures") { node, attributes in
        let context = "work.tenures analyzer"
        let map = try node.mapping(allowed: ["analyzer", "id", "attribute", "confidence", "max_tenure_months",
                                             "min_short_tenures", "basis", "source", "examples"], context: context)
        let confidenceNode = try map.required("confidence", in: node, context: context)
        let confidence = try confidenceNode.double(context: "confidence")
        guard (0...1).contains(confidence) else { throw confidenceNode.error("confidence must be between 0 and 1") }
        let monthsNode = try map.required("max_tenure_months", in: node, context: context)
        let months = try monthsNode.int(context: "max_tenure_months")
        guard months >= 1 else { throw monthsNode.error("max_tenure_months must be at least 1") }
        let countNode = try map.required("min_short_tenures", in: node, context: context)
        let count = try countNode.int(context: "min_short_tenures")
        guard count >= 1 else { throw countNode.error("min_short_tenures must be at least 1") }
        let basisNode = try map.required("basis", in: node, context: context)
        let basis = try basisNode.string(context: "basis")
        guard ["documented", "reported", "illustrative"].contains(basis) else {
            throw basisNode.error("basis must be documented, reported or illustrative, got '\(basis)'")
        }
        _ = try map.required("source", in: node, context: context).string(context: "source")
        let examplesNode = try map.required("examples", in: node, context: context)
        let examples = try TenureExample.parseAll(examplesNode)
        guard examples.contains(where: \.isPositive), examples.contains(where: { !$0.isPositive }) else {
            throw examplesNode.error("a \(context) needs at least one positive and one negative example")
        }
        return TenureAnalyzerDefinition(
            id: try map.required("id", in: node, context: context).string(context: "id"),
            file: node.file, line: node.line,
            attribute: try map.required("attribute", in: node, context: context).string(context: "attribute"),
            confidence: confidence, maxTenureMonths: months, minShortTenures: count, examples: examples)
    }

    public func makeAnalyzer(ruleSet: RuleSet) -> any EventAnalyzer {
        TenureAnalyzer(definition: self, attribute: ruleSet.attributes.first { $0.id == attribute })
    }

    public func exampleFailures(ruleSet: RuleSet) -> [RuleExampleFailure] {
        var failures: [RuleExampleFailure] = []
        for example in examples {
            let analyzer = makeAnalyzer(ruleSet: ruleSet)
            for event in example.events { analyzer.observe(event, path: "example") }
            let fired = !analyzer.findings(evidenceLimit: 20).isEmpty
            if fired != example.isPositive {
                failures.append(RuleExampleFailure(file: file, line: example.line, message: example.isPositive
                    ? "positive example did not fire analyzer \(id)" : "negative example fired analyzer \(id)"))
            }
        }
        return failures
    }

    /// Whole months from `start` to `end`, counting both months (Mar 2021–Nov 2021 = 9).
    static func months(from start: Timestamp, to end: Timestamp) -> Int {
        let a = start.civil, b = end.civil
        return (b.year * 12 + b.month) - (a.year * 12 + a.month) + 1
    }
}
