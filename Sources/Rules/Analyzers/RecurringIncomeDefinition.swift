import StewardCore
import RuleFileReading

/// Settings of the `recurring_income` analyzer (`rules/analyzers/income.yaml`): credits from
/// one payer arriving roughly monthly, at least `min_occurrences` times in a row, are taken as
/// income; the sum of each payer's typical (median) credit gives a monthly figure, reported as
/// a bracket of the file's per-currency table.
struct RecurringIncomeDefinition: AnalyzerDefinition {
    /// One currency's brackets: credits below `minimum` are ignored (interest, small refunds);
    /// the first band whose `below` exceeds the monthly figure names it. A band is said by its
    /// bounds ("under 1,000", "1,000–2,000", "6,000 or more" a month) in the report's language.
    struct BracketTable: Sendable {
        var minimum: Money
        /// Each band's exclusive upper bound, rising; the last band has none.
        var bands: [Money?]

        func band(for monthly: Money) -> FindingValuePart {
            let index = bands.firstIndex { $0.map { monthly.compare($0) < 0 } ?? true } ?? bands.count - 1
            let low = index > 0 ? bands[index - 1] : nil
            switch (low, bands[index]) {
            case (nil, let high?): return FindingValuePart("value.income.below", ["high": Self.amount(high)])
            case (let low?, let high?): return FindingValuePart("value.income.between", ["low": Self.amount(low), "high": Self.amount(high)])
            case (let low?, nil): return FindingValuePart("value.income.above", ["low": Self.amount(low)])
            case (nil, nil): return FindingValuePart("value.income.any")
            }
        }

        /// A bound as the reports write it: whole amounts without decimals.
        private static func amount(_ money: Money) -> FindingValueArgument {
            let whole = money.units(atScale: 0)
            if money.compare(Money(units: whole, scale: 0)) == 0 { return .integer(Int(whole)) }
            return .decimal(Double(money.decimalString) ?? 0, fractionDigits: 2)
        }
    }

    let id: String
    let file: String
    let line: Int
    let attribute: Attribute
    let confidence: Double
    let sources: [SourcePattern]
    let minOccurrences: Int
    /// Gap between consecutive credits that counts as "monthly", in days (inclusive).
    let minIntervalDays: Int
    let maxIntervalDays: Int
    /// Keyed by ISO 4217 code; `*` applies to credits with no currency or one without a table.
    let brackets: [String: BracketTable]
    /// Credits that are not pay even when they recur monthly: a benefit from an employment
    /// agency (unemployment, attributes.yaml), a transfer from one's own other account.
    let exclude: TransactionCondition?
    let examples: [AnalyzerExample]

    var attributes: [String] { [attribute.id] }
    var exampleCount: Int { examples.count }
    var exampleEvents: [Event] { examples.flatMap(\.events) }

    static let kind = AnalyzerKind(name: "recurring_income") { node, attributes in
        try RecurringIncomeDefinition(node: node, attributes: attributes)
    }

    init(node: YAMLNodeReader, attributes: [String: Attribute]) throws(RuleFileError) {
        let context = "recurring_income analyzer"
        let map = try node.mapping(allowed: ["analyzer", "id", "attribute", "title", "confidence", "sources", "min_occurrences",
                                             "interval_days", "brackets", "exclude", "examples"], context: context)
        id = try map.required("id", in: node, context: context).string(context: "id")
        file = node.file
        line = node.line
        attribute = try AnalyzerSettings.attribute(try map.required("attribute", in: node, context: context), attributes)
        confidence = try AnalyzerSettings.confidence(try map.required("confidence", in: node, context: context))
        sources = try AnalyzerSettings.sources(map["sources"])
        minOccurrences = try AnalyzerSettings.positiveInt(try map.required("min_occurrences", in: node, context: context),
                                                          context: "min_occurrences")
        let intervalNode = try map.required("interval_days", in: node, context: context)
        let interval = try intervalNode.mapping(allowed: ["min", "max"], context: "interval_days")
        minIntervalDays = try AnalyzerSettings.positiveInt(try interval.required("min", in: intervalNode, context: "interval_days"), context: "interval_days min")
        maxIntervalDays = try AnalyzerSettings.positiveInt(try interval.required("max", in: intervalNode, context: "interval_days"), context: "interval_days max")
        guard minIntervalDays <= maxIntervalDays else { throw intervalNode.error("interval_days min is above max") }

        let bracketsNode = try map.required("brackets", in: node, context: context)
        guard case .mapping(let raw) = bracketsNode.node else { throw bracketsNode.error("brackets must map currency codes to tables") }
        let currencies = raw.keys.compactMap { $0.string }
        var tables: [String: BracketTable] = [:]
        let tableNodes = try bracketsNode.mapping(allowed: Set(currencies), context: "brackets")
        for currency in currencies.sorted() {
            let tableNode = tableNodes[currency]!
            guard currency == "*" || (currency.count == 3 && currency.allSatisfy({ $0.isASCII && $0.isUppercase })) else {
                throw tableNode.error("bracket tables are keyed by ISO 4217 codes such as EUR, or '*', got '\(currency)'")
            }
            let table = try tableNode.mapping(allowed: ["minimum", "bands"], context: "bracket table \(currency)")
            let minimum = try table.required("minimum", in: tableNode, context: "bracket table \(currency)").decimal(context: "minimum")
            var bands: [Money?] = []
            let bandNodes = try table.required("bands", in: tableNode, context: "bracket table \(currency)").sequence(context: "bands")
            for (i, bandNode) in bandNodes.enumerated() {
                // A band has no label: the reports say it from its bounds, in their language.
                let band = try bandNode.mapping(allowed: ["below"], context: "band")
                let below = try band["below"].map { n throws(RuleFileError) in try n.decimal(context: "below") }
                if below == nil && i != bandNodes.count - 1 { throw bandNode.error("only the last band may omit 'below'") }
                if let below, let previous = bands.last ?? nil, below.compare(previous) <= 0 {
                    throw bandNode.error("bands must rise: \(below.decimalString) is not above \(previous.decimalString)")
                }
                bands.append(below)
            }
            guard !bands.isEmpty else { throw tableNode.error("bracket table \(currency) has no bands") }
            tables[currency] = BracketTable(minimum: minimum, bands: bands)
        }
        guard !tables.isEmpty else { throw bracketsNode.error("brackets need at least one currency table") }
        brackets = tables
        exclude = try map["exclude"].map { node throws(RuleFileError) in try TransactionCondition(node: node, context: "exclude") }
        examples = try AnalyzerExample.parseList(try map.required("examples", in: node, context: context))
    }

    func makeAnalyzer(ruleSet: RuleSet) -> any EventAnalyzer { RecurringIncomeAnalyzer(definition: self, automaton: ruleSet.automaton) }

    func exampleFailures(ruleSet: RuleSet) -> [RuleExampleFailure] {
        AnalyzerExample.failures(of: examples, id: id, attribute: attribute.id, lexiconNames: exclude?.lexicons ?? [], ruleSet: ruleSet) {
            makeAnalyzer(ruleSet: $0)
        }
    }

    /// The table for a currency, or the `*` table.
    func table(for currency: String?) -> (key: String, table: BracketTable)? {
        if let currency, let table = brackets[currency] { return (currency, table) }
        return brackets["*"].map { ("*", $0) }
    }
}
