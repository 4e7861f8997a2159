import StewardCore
import RuleFileReading

/// Settings of the `card_points` analyzer (`rules/analyzers/card-points.yaml`): how many
/// distinct shop-and-day points (merchant × calendar day) a person's own card payments expose,
/// the quantity of "Unique in the shopping mall" [dM15] (docs/analyzers/card_points.md).
struct CardPointsDefinition: AnalyzerDefinition {
    let id: String
    let file: String
    let line: Int
    let attribute: Attribute
    let confidence: Double
    let sources: [SourcePattern]
    /// What makes a debit a card payment at a shop: a card booking phrase (whose words are
    /// also taken out of the merchant name), a merchant category code, a card transaction code.
    let card: TransactionCondition
    /// Sources whose every debit is a payment to a merchant (payment-app bills).
    let merchantSources: [SourcePattern]
    /// Debits that are not shop visits even when they look like one: card bill repayments,
    /// moves between one's own accounts, cash machines.
    let exclude: TransactionCondition?
    /// Folded words that introduce a booking date ("on", "am", "le"): dropped from the end of a
    /// merchant name that stops at a word with digits. A list, not a set: the few words are
    /// compared with the key's last word in place, where a set lookup needed an array per
    /// card payment.
    let dateWords: [[UInt8]]
    /// Fewer distinct points than this: no finding ([dM15] reports its figure for 4).
    let minimumPoints: Int
    /// The most distinct points (and shops) kept; past it the counts are lower bounds.
    let maximumPoints: Int
    let examples: [AnalyzerExample]

    var attributes: [String] { [attribute.id] }
    var exampleCount: Int { examples.count }
    var exampleEvents: [Event] { examples.flatMap(\.events) }

    static let kind = AnalyzerKind(name: "card_points") { node, attributes in
        try CardPointsDefinition(node: node, attributes: attributes)
    }

    init(node: YAMLNodeReader, attributes: [String: Attribute]) throws(RuleFileError) {
        let context = "card_points analyzer"
        let map = try node.mapping(allowed: ["analyzer", "id", "attribute", "confidence", "sources", "card", "merchant_sources",
                                             "exclude", "date_words", "min_points", "max_points", "examples"], context: context)
        id = try map.required("id", in: node, context: context).string(context: "id")
        file = node.file
        line = node.line
        attribute = try AnalyzerSettings.attribute(try map.required("attribute", in: node, context: context), attributes)
        confidence = try AnalyzerSettings.confidence(try map.required("confidence", in: node, context: context))
        sources = try AnalyzerSettings.sources(map["sources"])
        card = try TransactionCondition(node: try map.required("card", in: node, context: context), context: "card")
        merchantSources = try AnalyzerSettings.sources(map["merchant_sources"])
        exclude = try map["exclude"].map { node throws(RuleFileError) in try TransactionCondition(node: node, context: "exclude") }
        dateWords = Array(Set(try (map["date_words"]?.strings(context: "date_words") ?? []).map { TextFolder.fold($0) }))
        minimumPoints = try AnalyzerSettings.positiveInt(try map.required("min_points", in: node, context: context), context: "min_points")
        let maximumNode = try map.required("max_points", in: node, context: context)
        maximumPoints = try AnalyzerSettings.positiveInt(maximumNode, context: "max_points")
        guard maximumPoints >= minimumPoints else { throw maximumNode.error("max_points must be at least min_points") }
        examples = try AnalyzerExample.parseList(try map.required("examples", in: node, context: context))
    }

    func makeAnalyzer(ruleSet: RuleSet) -> any EventAnalyzer { CardPointsAnalyzer(definition: self, automaton: ruleSet.automaton) }

    func exampleFailures(ruleSet: RuleSet) -> [RuleExampleFailure] {
        AnalyzerExample.failures(of: examples, id: id, attribute: attribute.id,
                                 lexiconNames: card.lexicons + (exclude?.lexicons ?? []), ruleSet: ruleSet) {
            makeAnalyzer(ruleSet: $0)
        }
    }
}
