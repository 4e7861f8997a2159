import StewardCore

/// Settings of a `health.daily` analyzer file (rules/analyzers/health-*.yaml): health records
/// summed per local day, and a finding counting the days that reach `minPerDay`. The Hangzhou
/// health-score proposal [HZ] rewards whole days (15,000 steps in a day, 7.5 hours of sleep),
/// which no single record shows.
///
/// Two measures:
/// - `quantity`: the records' `quantity` (StepCount: steps) summed per local calendar day of
///   their start, **per device** (`Event.product`), and the day's value is the largest
///   device total. iPhone and Apple Watch both record the same walk, so summing every record
///   would double it; Health's own app picks one source per interval, which the export does
///   not record. The largest single-device total is a lower bound on the true count.
/// - `duration`: records whose category value (`Event.text`, e.g. `AsleepCore`) is in
///   `values`, as time intervals; overlapping intervals (Watch and a sleep app) are merged,
///   so a minute counts once, and each interval belongs to the night it starts in (local
///   clock shifted by 12 h: 23:30 on 1 March and 01:00 on 2 March are both the night of
///   1 March). `minPerDay` is then in hours.
public struct DailyHealthDefinition: AnalyzerDefinition {
    public enum Measure: String, Sendable { case quantity, duration }

    public let id: String
    public let file: String
    public let line: Int
    public let attribute: String
    public let confidence: Double
    public let measure: Measure
    public let sources: [SourcePattern]
    /// HealthKit type identifiers read (`Event.code`).
    public let recordTypes: Set<String>
    /// `duration` only: category values that count (`Asleep`, `AsleepCore`, …).
    public let values: Set<String>
    /// Threshold per day: a quantity, or hours for `duration`.
    public let minPerDay: Double
    /// Word for the unit in the finding's value ("steps", "h asleep").
    public let unitLabel: String
    let examples: [DailyHealthExample]

    public var attributes: [String] { [attribute] }
    public var exampleCount: Int { examples.count }

    /// The `health.daily` kind for `AnalyzerCatalog`.
    public static let kind = AnalyzerKind(name: "health.daily") { node, attributes in
        let context = "health.daily analyzer"
        let map = try node.mapping(allowed: ["analyzer", "id", "attribute", "confidence", "measure", "sources", "record_types",
                                             "values", "min_per_day", "unit_label", "basis", "source", "examples"], context: context)
        let attribute = try AnalyzerSettings.attribute(try map.required("attribute", in: node, context: context), attributes)
        let confidence = try AnalyzerSettings.confidence(try map.required("confidence", in: node, context: context))
        let measureNode = try map.required("measure", in: node, context: context)
        let measureText = try measureNode.string(context: "measure")
        guard let measure = Measure(rawValue: measureText) else {
            throw measureNode.error("measure must be quantity or duration, got '\(measureText)'")
        }
        let typesNode = try map.required("record_types", in: node, context: context)
        let types = try typesNode.strings(context: "record_types")
        guard !types.isEmpty else { throw typesNode.error("record_types needs at least one HealthKit type identifier") }
        var values: [String] = []
        if let valuesNode = map["values"] {
            guard measure == .duration else { throw valuesNode.error("values only apply to measure: duration") }
            values = try valuesNode.strings(context: "values")
        } else if measure == .duration {
            throw measureNode.error("measure: duration needs values (the category values that count, e.g. AsleepCore)")
        }
        let minNode = try map.required("min_per_day", in: node, context: context)
        let minPerDay = try minNode.double(context: "min_per_day")
        guard minPerDay > 0 else { throw minNode.error("min_per_day must be above 0, got \(minPerDay)") }
        let basisNode = try map.required("basis", in: node, context: context)
        let basis = try basisNode.string(context: "basis")
        guard ["documented", "reported", "illustrative"].contains(basis) else {
            throw basisNode.error("basis must be documented, reported or illustrative, got '\(basis)'")
        }
        let sourceNode = try map.required("source", in: node, context: context)
        guard try sourceNode.string(context: "source").contains("[") else { throw sourceNode.error("source must cite a key such as [HZ]") }
        let examplesNode = try map.required("examples", in: node, context: context)
        let examples = try DailyHealthExample.parseAll(examplesNode)
        guard examples.contains(where: \.isPositive), examples.contains(where: { !$0.isPositive }) else {
            throw examplesNode.error("a \(context) needs at least one positive and one negative example")
        }
        return DailyHealthDefinition(
            id: try map.required("id", in: node, context: context).string(context: "id"),
            file: node.file, line: node.line, attribute: attribute.id, confidence: confidence, measure: measure,
            sources: try AnalyzerSettings.sources(map["sources"]), recordTypes: Set(types), values: Set(values),
            minPerDay: minPerDay, unitLabel: try map["unit_label"]?.string(context: "unit_label") ?? (measure == .duration ? "h" : ""),
            examples: examples)
    }

    public func makeAnalyzer(ruleSet: RuleSet) -> any EventAnalyzer {
        DailyHealthAnalyzer(definition: self, attribute: ruleSet.attributes.first { $0.id == attribute })
    }

    /// Each example runs in one analyzer, and again dealt to two analyzers that are merged (as
    /// scan workers are): both must agree, and fire exactly when the example says so.
    public func exampleFailures(ruleSet: RuleSet) -> [RuleExampleFailure] {
        var failures: [RuleExampleFailure] = []
        for example in examples {
            let single = makeAnalyzer(ruleSet: ruleSet)
            for event in example.events { single.observe(event, path: "example") }
            let left = makeAnalyzer(ruleSet: ruleSet), right = makeAnalyzer(ruleSet: ruleSet)
            for (i, event) in example.events.enumerated() { (i % 2 == 0 ? left : right).observe(event, path: "example") }
            left.merge(right)
            let one = single.findings(evidenceLimit: 20).first, merged = left.findings(evidenceLimit: 20).first
            func fail(_ message: String) { failures.append(RuleExampleFailure(file: file, line: example.line, message: message)) }
            if one?.count != merged?.count || one?.valueParts != merged?.valueParts {
                fail("analyzer \(id) gives a different finding when the example's records are split across two sessions")
            } else if (one != nil) != example.isPositive {
                fail(example.isPositive ? "positive example did not fire analyzer \(id)" : "negative example fired analyzer \(id)")
            } else if let days = example.days, one?.count != days {
                fail("analyzer \(id) counted \(one?.count ?? 0) days, example expects \(days)")
            }
        }
        return failures
    }
}
