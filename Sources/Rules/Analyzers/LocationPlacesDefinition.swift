import Foundation
import StewardCore
import RuleFileReading

/// Settings of the `location.places` analyzer (rules/analyzers/location-places.yaml): home,
/// workplace and travel abroad from location points and visits. Every number is a setting
/// with its basis in the file; see docs/analyzers/location.md.
public struct LocationPlacesDefinition: AnalyzerDefinition {
    public let id: String
    public let file: String
    public let line: Int
    public let grid: GeoGrid
    /// Local hours counted as night (home) and as working day (workplace, Monday–Friday).
    public let nightHours: HourWindow
    public let dayHours: HourWindow
    public let minimumNightRecords: Int
    public let minimumDayRecords: Int
    /// Records in one foreign country needed before it is reported (GPS glitches, flights over).
    public let minimumRecordsAbroad: Int
    /// The country table (`countries:`, a path inside the rule set) and the rule set it is in.
    public let countriesFile: String?
    let ruleFiles: RuleFiles?
    public let maximumCityKilometres: Double
    /// Cells kept before the least-visited are dropped (lossy counting keeps memory bounded).
    public internal(set) var maximumCells: Int
    public let evidencePerCell: Int
    /// Distinct (cell, hour) points counted exactly up to this many, then reported as "at least".
    public internal(set) var maximumPlaceHours: Int
    public let confidence: [String: Double]
    public let home: Attribute
    public let workplace: Attribute
    public let travel: Attribute
    let examples: [LocationAnalyzerExample]

    public var attributes: [String] { [home.id, workplace.id, travel.id] }
    public var exampleCount: Int { examples.count }

    /// `analyzer: location.places`.
    public static let kind = AnalyzerKind(name: "location.places") { node, attributes in
        try LocationPlacesDefinition(node: node, attributes: attributes)
    }

    static let keys: Set<String> = ["analyzer", "id", "cell_degrees", "night_hours", "day_hours", "min_night_records",
                                    "min_day_records", "min_records_abroad", "countries", "max_city_distance_km",
                                    "max_cells", "evidence_per_cell", "max_place_hours", "confidence", "examples"]

    init(node: YAMLNodeReader, attributes: [String: Attribute]) throws(RuleFileError) {
        let map = try node.mapping(allowed: Self.keys, context: "analyzer file")
        id = try map.required("id", in: node, context: "analyzer file").string(context: "id")
        file = node.file
        line = node.line
        let cellNode = try map.required("cell_degrees", in: node, context: "analyzer file")
        let cell = try cellNode.double(context: "cell_degrees")
        guard cell >= 0.0005 && cell <= 1 else { throw cellNode.error("cell_degrees must be between 0.0005 and 1, got \(cell)") }
        grid = GeoGrid(cellDegrees: cell)
        nightHours = try Self.hours(try map.required("night_hours", in: node, context: "analyzer file"))
        dayHours = try Self.hours(try map.required("day_hours", in: node, context: "analyzer file"))
        minimumNightRecords = try Self.positive(map, "min_night_records", node)
        minimumDayRecords = try Self.positive(map, "min_day_records", node)
        minimumRecordsAbroad = try Self.positive(map, "min_records_abroad", node)
        maximumCells = try Self.positive(map, "max_cells", node)
        evidencePerCell = try Self.positive(map, "evidence_per_cell", node)
        maximumPlaceHours = try Self.positive(map, "max_place_hours", node)
        let kmNode = try map.required("max_city_distance_km", in: node, context: "analyzer file")
        maximumCityKilometres = try kmNode.double(context: "max_city_distance_km")
        guard maximumCityKilometres > 0 else { throw kmNode.error("max_city_distance_km must be positive") }
        if let countriesNode = map["countries"] {
            let relative = try countriesNode.string(context: "countries")
            guard let files = node.ruleFiles else { throw countriesNode.error("countries: the rules directory is unknown") }
            guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
                throw countriesNode.error("countries must be a path inside the rules directory, got '\(relative)'")
            }
            guard files.contains(relative) else {
                throw countriesNode.error("countries: cannot read '\(relative)' in the rules directory")
            }
            countriesFile = relative
            ruleFiles = files
        } else {
            countriesFile = nil
            ruleFiles = nil
        }
        func attribute(_ id: String) throws(RuleFileError) -> Attribute {
            guard let found = attributes[id] else { throw node.error("unknown attribute '\(id)'") }
            return found
        }
        home = try attribute("mobility.home")
        workplace = try attribute("mobility.workplace")
        travel = try attribute("mobility.travel_abroad")
        let confidenceNode = try map.required("confidence", in: node, context: "analyzer file")
        var confidence: [String: Double] = [:]
        for (key, value) in try confidenceNode.mapping(allowed: [home.id, workplace.id, travel.id], context: "confidence") {
            let number = try value.double(context: "confidence of \(key)")
            guard (0...1).contains(number) else { throw value.error("confidence must be between 0 and 1, got \(number)") }
            confidence[key] = number
        }
        guard confidence.count == 3 else { throw confidenceNode.error("confidence needs a value for each of \(home.id), \(workplace.id), \(travel.id)") }
        self.confidence = confidence
        examples = try LocationAnalyzerExample.parseAll(try map.required("examples", in: node, context: "analyzer file"),
                                                        attributes: [home.id, workplace.id, travel.id])
    }

    static func positive(_ map: [String: YAMLNodeReader], _ key: String, _ node: YAMLNodeReader) throws(RuleFileError) -> Int {
        let valueNode = try map.required(key, in: node, context: "analyzer file")
        let value = try valueNode.int(context: key)
        guard value >= 1 else { throw valueNode.error("\(key) must be at least 1, got \(value)") }
        return value
    }

    /// `22-6`: local hours in [22, 6), wrapping midnight.
    static func hours(_ node: YAMLNodeReader) throws(RuleFileError) -> HourWindow {
        let text = try node.string(context: "hours")
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let start = parts[0], let end = parts[1], (0...23).contains(start), (0...24).contains(end), start != end % 24 else {
            throw node.error("hours must be 'start-end' with whole hours 0–24, start ≠ end, e.g. 22-6; got '\(text)'")
        }
        return HourWindow(start: start, end: end % 24)
    }

    /// The country lookup, read on first use (nil when the file names none).
    var countryLookup: CountryLookup? {
        guard let countriesFile, let ruleFiles else { return nil }
        return CountryLookup.shared(file: countriesFile, in: ruleFiles)
    }

    public func makeAnalyzer(ruleSet: RuleSet) -> any EventAnalyzer { LocationPlacesAnalyzer(definition: self) }

    public func exampleFailures(ruleSet: RuleSet) -> [RuleExampleFailure] {
        examples.compactMap { example in
            example.failure(of: id, analyzer: makeAnalyzer(ruleSet: ruleSet), ruleSet: ruleSet).map {
                RuleExampleFailure(file: file, line: example.line, message: $0)
            }
        }
    }
}
