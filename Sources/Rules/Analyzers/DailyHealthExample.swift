import StewardCore
import RuleFileReading

/// One example of a `health.daily` file: health records written as
/// `{type, start, end, value, device, source}` (value a number for quantities, a category value
/// such as `AsleepCore` for sleep; source `apple.health` unless given, so Fitbit and Google Fit
/// records can be shown beside Apple's), and optionally the number of `days` the finding must count.
struct DailyHealthExample: Sendable {
    let isPositive: Bool
    let line: Int
    let days: Int?
    let events: [Event]

    static func parseAll(_ node: YAMLNodeReader) throws(RuleFileError) -> [DailyHealthExample] {
        let map = try node.mapping(allowed: ["positive", "negative"], context: "examples")
        var result: [DailyHealthExample] = []
        for (key, isPositive) in [("positive", true), ("negative", false)] {
            guard let list = map[key] else { continue }
            for item in try list.sequence(context: "\(key) examples") {
                let example = try item.mapping(allowed: ["records", "days", "note"], context: "example")
                var days: Int?
                if let daysNode = example["days"] {
                    guard isPositive else { throw daysNode.error("only positive examples can state days") }
                    days = try AnalyzerSettings.positiveInt(daysNode, context: "days")
                }
                var events: [Event] = []
                for (i, record) in try example.required("records", in: item, context: "example").sequence(context: "records").enumerated() {
                    events.append(try event(record, index: i))
                }
                guard !events.isEmpty else { throw item.error("example records list is empty") }
                result.append(DailyHealthExample(isPositive: isPositive, line: item.line, days: days, events: events))
            }
        }
        return result
    }

    private static func event(_ node: YAMLNodeReader, index: Int) throws(RuleFileError) -> Event {
        let fields = try node.mapping(allowed: ["type", "start", "end", "value", "device", "source"], context: "record")
        func time(_ key: String) throws(RuleFileError) -> Timestamp {
            let timeNode = try fields.required(key, in: node, context: "record")
            let text = try timeNode.string(context: key)
            guard let t = Timestamp.parseISO8601(Array(text.utf8)), !t.dateOnly else {
                throw timeNode.error("\(key) must be an ISO 8601 time such as 2024-03-01T23:30:00+01:00, got '\(text)'")
            }
            return t
        }
        let start = try time("start"), end = try time("end")
        guard end >= start else { throw node.error("end is before start") }
        let value = try fields.required("value", in: node, context: "record").string(context: "value")
        let quantity = Double(value)
        return Event(source: try fields["source"]?.string(context: "source") ?? "apple.health", kind: .healthRecord, time: start, endTime: end,
                     text: quantity == nil ? value : value + " count",
                     code: try fields.required("type", in: node, context: "record").string(context: "type"),
                     product: try fields["device"]?.string(context: "device"),
                     position: SourcePosition(line: node.line, record: index), quantity: quantity)
    }
}
