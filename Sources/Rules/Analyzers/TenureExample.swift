import StewardCore
import RuleFileReading

/// One example of a tenure analyzer file: a list of positions
/// (`{company, title, start: 2021-03, end: 2021-11}`; no `end` = still in the job).
struct TenureExample: Sendable {
    let isPositive: Bool
    let line: Int
    let events: [Event]

    static func parseAll(_ node: YAMLNodeReader) throws(RuleFileError) -> [TenureExample] {
        let map = try node.mapping(allowed: ["positive", "negative"], context: "examples")
        var result: [TenureExample] = []
        for (key, isPositive) in [("positive", true), ("negative", false)] {
            guard let list = map[key] else { continue }
            for item in try list.sequence(context: "\(key) examples") {
                let example = try item.mapping(allowed: ["positions", "note"], context: "example")
                var events: [Event] = []
                for (i, position) in try example.required("positions", in: item, context: "example").sequence(context: "positions").enumerated() {
                    let fields = try position.mapping(allowed: ["company", "title", "start", "end"], context: "position")
                    let startNode = try fields.required("start", in: position, context: "position")
                    guard let start = monthDate(try startNode.string(context: "start")) else {
                        throw startNode.error("start must be YYYY-MM or YYYY-MM-DD")
                    }
                    var end: Timestamp?
                    if let endNode = fields["end"] {
                        guard let e = monthDate(try endNode.string(context: "end")) else { throw endNode.error("end must be YYYY-MM or YYYY-MM-DD") }
                        end = e
                    }
                    events.append(Event(source: "linkedin.csv", kind: .position, time: start, endTime: end,
                                        title: try fields["title"]?.string(context: "title"),
                                        counterparty: try fields.required("company", in: position, context: "position").string(context: "company"),
                                        position: SourcePosition(line: position.line, record: i)))
                }
                result.append(TenureExample(isPositive: isPositive, line: item.line, events: events))
            }
        }
        return result
    }

    private static func monthDate(_ text: String) -> Timestamp? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 || parts.count == 3 else { return nil }
        return Timestamp(year: parts[0], month: parts[1], day: parts.count == 3 ? parts[2] : 1, dateOnly: true)
    }
}
