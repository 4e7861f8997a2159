import StewardCore
import RuleFileReading

/// One example of an analyzer settings file: a list of events that must (positive) or must
/// not (negative) produce the analyzer's finding, optionally with the expected `value`.
/// Example events use the same keys as rule examples (docs/rules.md, "Examples").
struct AnalyzerExample: Sendable {
    var isPositive: Bool
    var events: [Event]
    /// Expected `Finding.value` of a positive example, when the file states one.
    var value: String?
    var note: String?
    var file: String
    var line: Int

    static let exampleKeys: Set<String> = ["events", "note", "value"]
    static let eventKeys = ExampleEvent.keys

    /// Reads `examples: {positive: [...], negative: [...]}`; at least one of each is required,
    /// as for signal rules.
    static func parseList(_ node: YAMLNodeReader) throws(RuleFileError) -> [AnalyzerExample] {
        let map = try node.mapping(allowed: ["positive", "negative"], context: "examples")
        var result: [AnalyzerExample] = []
        for (key, isPositive) in [("positive", true), ("negative", false)] {
            guard let list = map[key] else { throw node.error("examples need at least one \(key) example") }
            let items = try list.sequence(context: "\(key) examples")
            guard !items.isEmpty else { throw list.error("examples need at least one \(key) example") }
            for item in items { result.append(try parse(item, isPositive: isPositive)) }
        }
        return result.sorted { $0.line < $1.line }
    }

    private static func parse(_ item: YAMLNodeReader, isPositive: Bool) throws(RuleFileError) -> AnalyzerExample {
        let map = try item.mapping(allowed: exampleKeys, context: "analyzer example")
        var events: [Event] = []
        for eventNode in try map.required("events", in: item, context: "analyzer example").sequence(context: "events") {
            events.append(try event(eventNode))
        }
        guard !events.isEmpty else { throw item.error("example events list is empty") }
        let value = try map["value"]?.string(context: "value")
        if value != nil && !isPositive { throw item.error("only positive examples can state a value") }
        return AnalyzerExample(isPositive: isPositive, events: events, value: value,
                               note: try map["note"]?.string(context: "note"), file: item.file, line: item.line)
    }

    /// An example event; its position is its line in the settings file, so a failure and the
    /// evidence both point there.
    static func event(_ node: YAMLNodeReader) throws(RuleFileError) -> Event {
        try ExampleEvent.read(node)
    }

    /// Runs the examples against fresh analyzers: once in one instance, and once with the
    /// events dealt round-robin to two instances that are then merged (as scan workers are),
    /// which must give the same finding.
    static func failures(of examples: [AnalyzerExample], id: String, attribute: String,
                         lexiconNames: [String], ruleSet: RuleSet,
                         make: (RuleSet) -> any EventAnalyzer) -> [RuleExampleFailure] {
        var failures: [RuleExampleFailure] = []
        let known = Set(ruleSet.automaton.groups)
        for name in lexiconNames where !known.contains(name) {
            // Kind loaders do not see the lexicon directory, so unknown names are caught here,
            // by the example run that `steward rules test` and the test suite do.
            let file = examples.first?.file ?? id
            failures.append(RuleExampleFailure(file: file, line: 1, message: "unknown lexicon '\(name)' in analyzer \(id)"))
        }
        for example in examples {
            let path = "\(example.file) example"
            let single = make(ruleSet)
            for event in example.events { single.observe(event, path: path) }
            let finding = single.findings(evidenceLimit: 20).first { $0.attribute == attribute && $0.rules.contains(id) }

            let left = make(ruleSet), right = make(ruleSet)
            for (i, event) in example.events.enumerated() { (i % 2 == 0 ? left : right).observe(event, path: path) }
            left.merge(right)
            let merged = left.findings(evidenceLimit: 20).first { $0.attribute == attribute && $0.rules.contains(id) }

            func fail(_ message: String) { failures.append(RuleExampleFailure(file: example.file, line: example.line, message: message)) }
            if finding?.count != merged?.count || finding?.valueParts != merged?.valueParts
                || finding?.evidence.map(\.locator) != merged?.evidence.map(\.locator) {
                fail("analyzer \(id) gives a different finding when the example's events are split across two sessions and merged")
                continue
            }
            if example.isPositive {
                guard let finding else { fail("positive example did not produce a finding of analyzer \(id)"); continue }
                let locators = Set(example.events.map { $0.position.description })
                if !finding.evidence.contains(where: { locators.contains($0.locator) }) {
                    fail("positive example of analyzer \(id) shows none of its events as evidence")
                }
                if let value = example.value, ruleSet.englishValue(of: finding) != value {
                    fail("analyzer \(id) gave value '\(ruleSet.englishValue(of: finding) ?? "nil")', example expects '\(value)'")
                }
            } else if finding != nil {
                fail("negative example produced a finding of analyzer \(id)")
            }
        }
        return failures
    }
}
