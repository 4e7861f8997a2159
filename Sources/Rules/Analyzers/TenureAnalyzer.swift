import StewardCore

/// The running analysis: distinct finished positions and the short ones among them.
final class TenureAnalyzer: EventAnalyzer {
    private struct Tenure {
        var evidence: Evidence
        var start: Timestamp
        var source: String
    }

    let definition: TenureAnalyzerDefinition
    let attribute: Attribute?
    /// Company|title|start of every position seen: the same job in two downloads counts once.
    private var seen: Set<String> = []
    private var short: [String: Tenure] = [:]

    init(definition: TenureAnalyzerDefinition, attribute: Attribute?) {
        self.definition = definition
        self.attribute = attribute
    }

    func observe(_ event: Event, path: String) {
        guard event.kind == .position, let start = event.time else { return }
        let key = "\(event.counterparty ?? "")|\(event.title ?? "")|\(start.epochSeconds)"
        guard seen.insert(key).inserted, let end = event.endTime, end >= start else { return }
        let months = TenureAnalyzerDefinition.months(from: start, to: end)
        guard months < definition.maxTenureMonths else { return }
        let c = start.civil, e = end.civil
        let span = "\(c.year)-\(c.month < 10 ? "0" : "")\(c.month) – \(e.year)-\(e.month < 10 ? "0" : "")\(e.month)"
        let excerpt = [event.counterparty, event.title, "\(span) (\(months) month\(months == 1 ? "" : "s"))"]
            .compactMap { $0 }.joined(separator: " · ")
        short[key] = Tenure(evidence: Evidence(path: path, locator: event.position.description, time: start.iso8601,
                                               excerpt: excerpt, rule: definition.id),
                            start: start, source: event.source)
    }

    func merge(_ other: any EventAnalyzer) {
        guard let other = other as? TenureAnalyzer else { return }
        seen.formUnion(other.seen)
        short.merge(other.short) { mine, _ in mine }
    }

    func findings(evidenceLimit: Int) -> [Finding] {
        guard short.count >= definition.minShortTenures else { return [] }
        let ordered = short.values.sorted { ($0.start, $0.evidence.path, $0.evidence.locator) < ($1.start, $1.evidence.path, $1.evidence.locator) }
        let parts = [FindingValuePart("value.tenure.short", ["positions": .integer(ordered.count), "count": .integer(seen.count),
                                                             "months": .integer(definition.maxTenureMonths)])]
        return [Finding(attribute: definition.attribute, title: attribute?.title ?? definition.attribute,
                        sensitivity: attribute?.sensitivity ?? .behavioral, confidence: definition.confidence,
                        count: ordered.count, firstSeen: ordered.first?.start.iso8601, lastSeen: ordered.last?.start.iso8601,
                        rules: [definition.id], sources: Array(Set(ordered.map(\.source))).sorted(),
                        evidence: Array(ordered.prefix(evidenceLimit).map(\.evidence)),
                        valueParts: parts)]
    }
}
