import Foundation
import StewardCore
import RuleFileReading

/// Settings of the `location.night_activity` analyzer (rules/analyzers/location-night-activity.yaml):
/// regular activity between midnight and 5 a.m. across all timed records — location points,
/// visits, searches, page views — counted per night.
///
/// Rules of the same attribute that are pure time filters (such as `mobility.night_activity.online`
/// for My Activity searches) already count their records; records such a rule admits are left
/// to it, so no record is counted twice when the rule's and the analyzer's findings combine.
public struct LocationNightActivityDefinition: AnalyzerDefinition {
    public let id: String
    public let file: String
    public let line: Int
    public let hours: HourWindow
    /// Distinct nights needed …
    public let minimumNights: Int
    /// … within this many days.
    public let windowDays: Int
    public let confidence: Double
    public let attribute: Attribute
    let examples: [LocationAnalyzerExample]

    public var attributes: [String] { [attribute.id] }
    public var exampleCount: Int { examples.count }

    /// `analyzer: location.night_activity`.
    public static let kind = AnalyzerKind(name: "location.night_activity") { node, attributes in
        try LocationNightActivityDefinition(node: node, attributes: attributes)
    }

    init(node: YAMLNodeReader, attributes: [String: Attribute]) throws(RuleFileError) {
        let map = try node.mapping(allowed: ["analyzer", "id", "hours", "nights", "within_days", "confidence", "examples"],
                                   context: "analyzer file")
        id = try map.required("id", in: node, context: "analyzer file").string(context: "id")
        file = node.file
        line = node.line
        hours = try LocationPlacesDefinition.hours(try map.required("hours", in: node, context: "analyzer file"))
        minimumNights = try LocationPlacesDefinition.positive(map, "nights", node)
        windowDays = try LocationPlacesDefinition.positive(map, "within_days", node)
        let confidenceNode = try map.required("confidence", in: node, context: "analyzer file")
        confidence = try confidenceNode.double(context: "confidence")
        guard (0...1).contains(confidence) else { throw confidenceNode.error("confidence must be between 0 and 1, got \(confidence)") }
        guard let found = attributes["mobility.night_activity"] else { throw node.error("unknown attribute 'mobility.night_activity'") }
        attribute = found
        examples = try LocationAnalyzerExample.parseAll(try map.required("examples", in: node, context: "analyzer file"),
                                                        attributes: [attribute.id])
    }

    public func makeAnalyzer(ruleSet: RuleSet) -> any EventAnalyzer {
        let timeRules = ruleSet.rules.filter {
            $0.attribute == attribute.id && $0.match.hours != nil && !$0.match.hasLexiconCondition
                && $0.match.mcc == nil && $0.match.amount == nil
        }.map(\.match)
        return LocationNightActivityAnalyzer(definition: self, timeRules: timeRules)
    }

    public func exampleFailures(ruleSet: RuleSet) -> [RuleExampleFailure] {
        examples.compactMap { example in
            example.failure(of: id, analyzer: makeAnalyzer(ruleSet: ruleSet), ruleSet: ruleSet).map {
                RuleExampleFailure(file: file, line: example.line, message: $0)
            }
        }
    }
}

/// Counts records per night (bounded by the days the data spans, not by its volume). The local
/// clock is the export's offset, or for records with a longitude and a UTC time the nautical
/// time zone of that longitude (`LocalClock`); records with neither are taken on UTC.
final class LocationNightActivityAnalyzer: EventAnalyzer {
    let definition: LocationNightActivityDefinition
    /// Pure time-window rules of the same attribute: records they admit are theirs.
    let timeRules: [RuleMatch]
    /// Records a person makes (searches, visits, messages, page views) per night, keyed by the
    /// day number of the evening the night begins.
    private(set) var recordsPerNight: [Int64: Int] = [:]
    /// Passive location fixes per night and place. A phone on the bedside table reports where
    /// it is all night: that says where the person sleeps, not that they are up. So fixes in
    /// the place where most night fixes fall (3 × 3 cells of `sleepGrid`) do not count, and
    /// fixes anywhere else (out at 2 a.m.) do.
    private(set) var fixesPerNight: [Int64: [Int64: Int]] = [:]
    private var fixCells: [Int64: FixCell] = [:]
    private var first: Timestamp?
    private var last: Timestamp?
    private var sources = Set<String>()
    private var sample = LocationEvidenceSample()
    private var coveredKinds: [String: [Bool]] = [:]
    private static let sampleLimit = 20
    /// ~1.1 km cells: the noise of a phone's fixes at home stays within a 3 × 3 block.
    static let sleepGrid = GeoGrid(cellDegrees: 0.01)
    /// Places tracked per night; beyond it fixes count as away (never the sleeping place).
    static let maximumCellsPerNight = 256
    static let overflowCell: Int64 = -1

    /// Night fixes of one place, with their own first/last and evidence sample.
    struct FixCell {
        var count = 0
        var first: Timestamp?
        var last: Timestamp?
        var sources = Set<String>()
        var sample = LocationEvidenceSample()
    }

    init(definition: LocationNightActivityDefinition, timeRules: [RuleMatch]) {
        self.definition = definition
        self.timeRules = timeRules
    }

    func observe(_ event: Event, path: String) {
        guard let time = event.time, let local = LocalClock.hourAndDay(time, longitude: event.longitude),
              definition.hours.contains(hour: local.hour) else { return }
        if coveredByRule(event, time: time) { return }
        // A night belongs to the evening it starts on: 23:30 and 02:00 the next morning are one night.
        let night = local.hour >= 12 ? local.day : local.day - 1
        if event.kind == .location, let lat = event.latitude, let lon = event.longitude,
           var cell = Self.sleepGrid.key(latitude: lat, longitude: lon) {
            if fixesPerNight[night]?[cell] == nil && (fixesPerNight[night]?.count ?? 0) >= Self.maximumCellsPerNight {
                cell = Self.overflowCell
            }
            fixesPerNight[night, default: [:]][cell, default: 0] += 1
            Self.add(event, time: time, path: path, rule: definition.id, to: &fixCells[cell, default: FixCell()])
            return
        }
        recordsPerNight[night, default: 0] += 1
        first = LocationPlacesAnalyzer.earlier(first, time)
        last = LocationPlacesAnalyzer.later(last, time)
        if !sources.contains(event.source) { sources.insert(event.source) }
        sample.offer(event, path: path, rule: definition.id, limit: Self.sampleLimit)
    }

    private static func add(_ event: Event, time: Timestamp, path: String, rule: String, to cell: inout FixCell) {
        cell.count += 1
        cell.first = LocationPlacesAnalyzer.earlier(cell.first, time)
        cell.last = LocationPlacesAnalyzer.later(cell.last, time)
        if !cell.sources.contains(event.source) { cell.sources.insert(event.source) }
        cell.sample.offer(event, path: path, rule: rule, limit: sampleLimit)
    }

    /// The block of cells where most night fixes fall (ties: the lowest cell, so merged and
    /// single sessions agree); empty when there are no fixes.
    func sleepingPlace() -> Set<Int64> {
        guard let home = fixCells.filter({ $0.key != Self.overflowCell })
            .max(by: { ($0.value.count, -$0.key) < ($1.value.count, -$1.key) })?.key else { return [] }
        return Set(Self.sleepGrid.block(home))
    }

    /// Records counted per night once fixes at the sleeping place are left out.
    func activePerNight() -> [Int64: Int] {
        let home = sleepingPlace()
        var result = recordsPerNight
        for (night, cells) in fixesPerNight {
            let away = cells.reduce(0) { $0 + (home.contains($1.key) ? 0 : $1.value) }
            if away > 0 { result[night, default: 0] += away }
        }
        return result
    }

    private func coveredByRule(_ event: Event, time: Timestamp) -> Bool {
        guard !timeRules.isEmpty, let hour = time.hourOfDay else { return false }
        let slot = EventKind.allCases.firstIndex(of: event.kind)!
        if coveredKinds[event.source] == nil {
            coveredKinds[event.source] = EventKind.allCases.map { kind in timeRules.contains { $0.admits(source: event.source, kind: kind) } }
        }
        guard coveredKinds[event.source]![slot] else { return false }
        return timeRules.contains { $0.admits(source: event.source, kind: event.kind) && $0.hours!.contains(hour: hour) }
    }

    func merge(_ other: any EventAnalyzer) {
        guard let other = other as? LocationNightActivityAnalyzer else { return }
        recordsPerNight.merge(other.recordsPerNight, uniquingKeysWith: +)
        for (night, cells) in other.fixesPerNight {
            fixesPerNight[night, default: [:]].merge(cells, uniquingKeysWith: +)
        }
        for (key, theirs) in other.fixCells {
            var mine = fixCells[key] ?? FixCell()
            mine.count += theirs.count
            mine.first = LocationPlacesAnalyzer.earlier(mine.first, theirs.first)
            mine.last = LocationPlacesAnalyzer.later(mine.last, theirs.last)
            mine.sources.formUnion(theirs.sources)
            mine.sample.merge(theirs.sample, limit: Self.sampleLimit)
            fixCells[key] = mine
        }
        first = LocationPlacesAnalyzer.earlier(first, other.first)
        last = LocationPlacesAnalyzer.later(last, other.last)
        sources.formUnion(other.sources)
        sample.merge(other.sample, limit: Self.sampleLimit)
    }

    /// Most distinct nights within any `within_days` window.
    func busiestWindow(_ perNight: [Int64: Int]) -> Int {
        let nights = perNight.keys.sorted()
        var best = 0, start = 0
        for end in nights.indices {
            while nights[end] - nights[start] >= Int64(definition.windowDays) { start += 1 }
            best = max(best, end - start + 1)
        }
        return best
    }

    func findings(evidenceLimit: Int) -> [Finding] {
        let active = activePerNight()
        let busiest = busiestWindow(active)
        guard busiest >= definition.minimumNights else { return [] }
        let home = sleepingPlace()
        var firstSeen = first, lastSeen = last
        var allSources = sources
        var samples = [sample]
        for (key, cell) in fixCells where !home.contains(key) {
            firstSeen = LocationPlacesAnalyzer.earlier(firstSeen, cell.first)
            lastSeen = LocationPlacesAnalyzer.later(lastSeen, cell.last)
            allSources.formUnion(cell.sources)
            samples.append(cell.sample)
        }
        let records = active.values.reduce(0, +)
        let perNight = active.values.sorted()
        let median = perNight[perNight.count / 2]
        var value = [
            FindingValuePart("value.night.nights", ["count": .integer(active.count),
                                                    "start": .text("\(definition.hours.start):00"), "end": .text("\(definition.hours.end):00")]),
            FindingValuePart("value.night.window", ["nights": .integer(busiest), "count": .integer(definition.windowDays)]),
            FindingValuePart("value.night.per_night", ["median": .integer(median), "most": .integer(perNight.last!)]),
        ]
        if !home.isEmpty { value.append(FindingValuePart("value.night.home_not_counted")) }
        return [Finding(attribute: definition.attribute.id, title: definition.attribute.title,
                        sensitivity: definition.attribute.sensitivity, confidence: definition.confidence, count: records,
                        firstSeen: firstSeen?.iso8601, lastSeen: lastSeen?.iso8601, rules: [definition.id],
                        sources: allSources.sorted(), evidence: Array(LocationEvidenceSample.earliest(samples, limit: Self.sampleLimit).prefix(evidenceLimit)),
                        valueParts: value)]
    }
}
