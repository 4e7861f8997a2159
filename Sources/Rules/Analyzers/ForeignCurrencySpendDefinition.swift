import StewardCore
import RuleFileReading

/// Settings of the `foreign_currency_spend` analyzer (`rules/analyzers/travel_abroad.yaml`):
/// payments in a currency other than their statement's dominant one suggest spending abroad.
struct ForeignCurrencySpendDefinition: AnalyzerDefinition {
    let id: String
    let file: String
    let line: Int
    let attribute: Attribute
    let confidence: Double
    let sources: [SourcePattern]
    /// Foreign-currency payments needed in the whole scan.
    let minTransactions: Int
    /// Merchant categories whose foreign-currency payments are usually made from home
    /// (digital goods, money transfers, crypto).
    let excludeMCC: MCCSet?
    let examples: [AnalyzerExample]

    var attributes: [String] { [attribute.id] }
    var exampleCount: Int { examples.count }
    var exampleEvents: [Event] { examples.flatMap(\.events) }

    static let kind = AnalyzerKind(name: "foreign_currency_spend") { node, attributes in
        try ForeignCurrencySpendDefinition(node: node, attributes: attributes)
    }

    init(node: YAMLNodeReader, attributes: [String: Attribute]) throws(RuleFileError) {
        let context = "foreign_currency_spend analyzer"
        let map = try node.mapping(allowed: ["analyzer", "id", "attribute", "confidence", "sources", "min_transactions",
                                             "exclude_mcc", "examples"], context: context)
        id = try map.required("id", in: node, context: context).string(context: "id")
        file = node.file
        line = node.line
        attribute = try AnalyzerSettings.attribute(try map.required("attribute", in: node, context: context), attributes)
        confidence = try AnalyzerSettings.confidence(try map.required("confidence", in: node, context: context))
        sources = try AnalyzerSettings.sources(map["sources"])
        minTransactions = try AnalyzerSettings.positiveInt(try map.required("min_transactions", in: node, context: context),
                                                           context: "min_transactions")
        excludeMCC = try AnalyzerSettings.mccSet(map["exclude_mcc"])
        examples = try AnalyzerExample.parseList(try map.required("examples", in: node, context: context))
    }

    func makeAnalyzer(ruleSet: RuleSet) -> any EventAnalyzer { ForeignCurrencySpendAnalyzer(definition: self) }

    func exampleFailures(ruleSet: RuleSet) -> [RuleExampleFailure] {
        AnalyzerExample.failures(of: examples, id: id, attribute: attribute.id, lexiconNames: [], ruleSet: ruleSet) {
            makeAnalyzer(ruleSet: $0)
        }
    }
}
