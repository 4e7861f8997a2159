import StewardCore
import RuleFileReading

/// Examples of a location analyzer's settings file. Location inferences need many records (a
/// home is many nights), so an example event may stand for a series: `repeat: 14` copies it
/// 14 times, `every_hours: 24` apart. A positive example names what must be found
/// (`expect: {mobility.home: "51.50"}`: a finding of that attribute from this analyzer whose
/// value contains the text and whose evidence shows one of the example's records); a negative
/// one names what must not be (`absent: [mobility.workplace]`).
struct LocationAnalyzerExample: Sendable {
    var isPositive: Bool
    var events: [Event]
    var expect: [(attribute: String, valueContains: String)]
    var absent: [String]
    var line: Int

    static let keys: Set<String> = ["note", "events", "expect", "absent"]
    static let eventKeys: Set<String> = ["source", "kind", "time", "text", "title", "place", "latitude", "longitude",
                                         "repeat", "every_hours", "note"]

    /// Parses `examples: {positive: [...], negative: [...]}`; attributes must be among `attributes`.
    static func parseAll(_ node: YAMLNodeReader, attributes: Set<String>) throws(RuleFileError) -> [LocationAnalyzerExample] {
        let map = try node.mapping(allowed: ["positive", "negative"], context: "examples")
        var result: [LocationAnalyzerExample] = []
        for (key, isPositive) in [("positive", true), ("negative", false)] {
            for item in try map[key]?.sequence(context: "\(key) examples") ?? [] {
                result.append(try parse(item, isPositive: isPositive, attributes: attributes))
            }
        }
        guard result.contains(where: \.isPositive), result.contains(where: { !$0.isPositive }) else {
            throw node.error("an analyzer needs at least one positive and one negative example")
        }
        return result.sorted { $0.line < $1.line }
    }

    private static func parse(_ item: YAMLNodeReader, isPositive: Bool, attributes: Set<String>) throws(RuleFileError) -> LocationAnalyzerExample {
        let map = try item.mapping(allowed: keys, context: "example")
        var events: [Event] = []
        for eventNode in try map.required("events", in: item, context: "example").sequence(context: "events") {
            events += try series(eventNode)
        }
        guard !events.isEmpty else { throw item.error("example events list is empty") }
        var expect: [(String, String)] = []
        if let expectNode = map["expect"] {
            guard case .mapping(let raw) = expectNode.node else { throw expectNode.error("expect must map attribute ids to value text") }
            for (key, value) in raw {
                let attribute = key.string ?? ""
                guard attributes.contains(attribute) else {
                    throw expectNode.error("expect: '\(attribute)' is not an attribute of this analyzer (expected one of: \(attributes.sorted().joined(separator: ", ")))")
                }
                expect.append((attribute, try YAMLNodeReader(node: value, file: item.file).string(context: "expected value")))
            }
        }
        let absent = try map["absent"]?.strings(context: "absent") ?? []
        for attribute in absent where !attributes.contains(attribute) {
            throw item.error("absent: '\(attribute)' is not an attribute of this analyzer")
        }
        if isPositive && expect.isEmpty { throw item.error("a positive example needs 'expect'") }
        if !isPositive && absent.isEmpty { throw item.error("a negative example needs 'absent'") }
        return LocationAnalyzerExample(isPositive: isPositive, events: events, expect: expect, absent: absent, line: item.line)
    }

    private static func series(_ node: YAMLNodeReader) throws(RuleFileError) -> [Event] {
        let map = try node.mapping(allowed: eventKeys, context: "example event")
        let source = try map.required("source", in: node, context: "example event").string(context: "source")
        let kindNode = try map.required("kind", in: node, context: "example event")
        let kindText = try kindNode.string(context: "kind")
        guard let kind = EventKind(rawValue: kindText) else {
            throw kindNode.error("unknown event kind '\(kindText)' (expected one of: \(EventKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var event = Event(source: source, kind: kind)
        if let timeNode = map["time"] {
            let text = try timeNode.string(context: "time")
            guard let time = Timestamp.parseISO8601(Array(text.utf8)) else {
                throw timeNode.error("time must be ISO 8601 such as 2024-03-01T23:15:00Z, got '\(text)'")
            }
            event.time = time
        }
        event.text = try map["text"]?.string(context: "text")
        event.title = try map["title"]?.string(context: "title")
        event.place = try map["place"]?.string(context: "place")
        event.latitude = try map["latitude"]?.double(context: "latitude")
        event.longitude = try map["longitude"]?.double(context: "longitude")
        let count = try map["repeat"]?.int(context: "repeat") ?? 1
        guard (1...10_000).contains(count) else { throw node.error("repeat must be 1–10000, got \(count)") }
        let everyHours = try map["every_hours"]?.double(context: "every_hours") ?? 24
        guard everyHours > 0 else { throw node.error("every_hours must be positive") }
        var result: [Event] = []
        for i in 0..<count {
            var copy = event
            copy.position = SourcePosition(line: node.line, record: count > 1 ? i : nil)
            if let time = event.time { copy.time?.epochSeconds = time.epochSeconds + Int64((Double(i) * everyHours * 3600).rounded()) }
            result.append(copy)
        }
        return result
    }

    /// Runs the example through a fresh analyzer; nil when it behaves as written, else why not.
    func failure(of analyzerId: String, analyzer: any EventAnalyzer, ruleSet: RuleSet) -> String? {
        for event in events { analyzer.observe(event, path: "example") }
        let findings = analyzer.findings(evidenceLimit: 20)
        let locators = Set(events.map { $0.position.description })
        for (attribute, text) in expect {
            guard let finding = findings.first(where: { $0.attribute == attribute && $0.rules.contains(analyzerId) }) else {
                return "positive example found no \(attribute)"
            }
            let value = ruleSet.englishValue(of: finding) ?? ""
            guard value.contains(text) else {
                return "positive example: \(attribute) value '\(value)' does not contain '\(text)'"
            }
            guard finding.evidence.contains(where: { locators.contains($0.locator) }) else {
                return "positive example: \(attribute) shows none of the example's records as evidence"
            }
        }
        for attribute in absent where findings.contains(where: { $0.attribute == attribute }) {
            return "negative example found \(attribute)"
        }
        return nil
    }
}
