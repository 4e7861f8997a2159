import StewardCore
import RuleFileReading

/// The example events of rule and analyzer files: a small mapping of `Event` fields
/// (docs/rules.md, "Examples"). One reader for both, so an example means the same everywhere.
enum ExampleEvent {
    static let keys: Set<String> = ["source", "kind", "time", "text", "title", "counterparty", "amount", "currency",
                                    "mcc", "place", "url", "product", "code", "note", "latitude", "longitude",
                                    "authored_by_others"]

    /// The event an example describes; its position is the example's line, so a failure and
    /// the evidence both point there.
    static func read(_ node: YAMLNodeReader) throws(RuleFileError) -> Event {
        let map = try node.mapping(allowed: keys, context: "example event")
        let source = try map.required("source", in: node, context: "example event").string(context: "source")
        let kindNode = try map.required("kind", in: node, context: "example event")
        let kindText = try kindNode.string(context: "kind")
        guard let kind = EventKind(rawValue: kindText) else {
            throw kindNode.error("unknown event kind '\(kindText)' (expected one of: \(EventKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var event = Event(source: source, kind: kind, position: .line(node.line))
        if let timeNode = map["time"] {
            let text = try timeNode.string(context: "time")
            guard let time = Timestamp.parseISO8601(Array(text.utf8)) else {
                throw timeNode.error("time must be ISO 8601 such as 2024-03-01 or 2024-03-01T23:15:00Z, got '\(text)'")
            }
            event.time = time
        }
        event.text = try map["text"]?.string(context: "text")
        event.title = try map["title"]?.string(context: "title")
        event.counterparty = try map["counterparty"]?.string(context: "counterparty")
        event.place = try map["place"]?.string(context: "place")
        event.url = try map["url"]?.string(context: "url")
        event.product = try map["product"]?.string(context: "product")
        event.code = try map["code"]?.string(context: "code")
        if let amountNode = map["amount"] {
            var amount = try amountNode.decimal(context: "amount")
            amount.currency = try map["currency"]?.string(context: "currency")
            event.amount = amount
        }
        if let node = map["latitude"] { event.latitude = try node.double(context: "latitude") }
        if let node = map["longitude"] { event.longitude = try node.double(context: "longitude") }
        if let node = map["authored_by_others"] { event.authoredByOthers = try node.bool(context: "authored_by_others") }
        if let mccNode = map["mcc"] {
            let code = try mccNode.int(context: "mcc")
            guard (0...9999).contains(code) else { throw mccNode.error("mcc must be 0–9999, got \(code)") }
            event.mcc = code
        }
        return event
    }
}
