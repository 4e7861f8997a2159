import StewardCore
import RuleFileReading

/// Settings of the `late_bills` analyzer (`rules/analyzers/late_bills.yaml`): a utility
/// payment followed within `window_days` by a fee, return or reminder that belongs to it.
struct LateBillDefinition: AnalyzerDefinition {
    let id: String
    let file: String
    let line: Int
    let attribute: Attribute
    let confidence: Double
    let sources: [SourcePattern]
    /// Days after the utility payment (inclusive) in which a fee still counts.
    let windowDays: Int
    let utility: TransactionCondition
    let fee: TransactionCondition
    /// Folded words that never name a payee (booking prefixes, fee and bill words), for the
    /// shared-word pairing.
    let ignoreWords: Set<String>
    /// Lexicons of the bank's own fees (a returned debit's): a fee that names no payee and
    /// hits one of them is not paired with the latest utility payment.
    let unnamedFeeUnless: [String]
    let examples: [AnalyzerExample]

    var attributes: [String] { [attribute.id] }
    var exampleCount: Int { examples.count }
    var exampleEvents: [Event] { examples.flatMap(\.events) }

    static let kind = AnalyzerKind(name: "late_bills") { node, attributes in
        try LateBillDefinition(node: node, attributes: attributes)
    }

    init(node: YAMLNodeReader, attributes: [String: Attribute]) throws(RuleFileError) {
        let context = "late_bills analyzer"
        let map = try node.mapping(allowed: ["analyzer", "id", "attribute", "confidence", "sources", "window_days",
                                             "utility", "fee", "ignore_words", "unnamed_fee_unless", "examples"], context: context)
        id = try map.required("id", in: node, context: context).string(context: "id")
        file = node.file
        line = node.line
        attribute = try AnalyzerSettings.attribute(try map.required("attribute", in: node, context: context), attributes)
        confidence = try AnalyzerSettings.confidence(try map.required("confidence", in: node, context: context))
        sources = try AnalyzerSettings.sources(map["sources"])
        windowDays = try AnalyzerSettings.positiveInt(try map.required("window_days", in: node, context: context), context: "window_days")
        utility = try TransactionCondition(node: try map.required("utility", in: node, context: context), context: "utility")
        fee = try TransactionCondition(node: try map.required("fee", in: node, context: context), context: "fee")
        var ignored: [String] = []
        if let node = map["ignore_words"] { ignored = try node.strings(context: "ignore_words") }
        ignoreWords = Set(ignored.map { String(decoding: TextFolder.fold($0), as: UTF8.self) })
        unnamedFeeUnless = try map["unnamed_fee_unless"]?.strings(context: "unnamed_fee_unless") ?? []
        examples = try AnalyzerExample.parseList(try map.required("examples", in: node, context: context))
    }

    func makeAnalyzer(ruleSet: RuleSet) -> any EventAnalyzer { LateBillAnalyzer(definition: self, automaton: ruleSet.automaton) }

    func exampleFailures(ruleSet: RuleSet) -> [RuleExampleFailure] {
        AnalyzerExample.failures(of: examples, id: id, attribute: attribute.id,
                                 lexiconNames: utility.lexicons + fee.lexicons + unnamedFeeUnless, ruleSet: ruleSet) { makeAnalyzer(ruleSet: $0) }
    }
}
