import Foundation
import StewardCore

/// Home, workplace and travel abroad from location points (`location`) and visits (`visit`)
/// of any source that gives coordinates and a time of day.
///
/// Memory is bounded by places, not points: each record adds to the counters of one grid cell
/// (`cell_degrees`), and the earliest few night and working-day records of each cell are kept
/// as evidence. Past `max_cells` cells the least-visited ones are dropped (lossy counting,
/// Manku & Motwani 2002): a cluster's count is then a lower bound, short by at most the
/// largest dropped cell's count per cell, and the finding says so. Country counts are kept
/// per country at observation time, so they stay exact.
///
/// - home: the 3 × 3 cell block with the most night records (local `night_hours`);
/// - workplace: the block with the most Monday–Friday `day_hours` records that does not
///   overlap home's block;
/// - travel abroad: records whose nearest listed town (GeoNames) is in another country than
///   home's (or, with no home, than the country with the most records).
/// The home finding's value also carries the re-identification measure of [dM13]/[GP09].
final class LocationPlacesAnalyzer: EventAnalyzer {
    let definition: LocationPlacesDefinition

    struct CellTally {
        var total: Int32 = 0
        var night: Int32 = 0
        var day: Int32 = 0
        var firstNight: Timestamp?
        var lastNight: Timestamp?
        var firstDay: Timestamp?
        var lastDay: Timestamp?
        var nightSample = LocationEvidenceSample()
        var daySample = LocationEvidenceSample()
    }

    struct CountryTally {
        var count = 0
        var first: Timestamp?
        var last: Timestamp?
        var sample = LocationEvidenceSample()
    }

    /// A spatio-temporal point as [dM13] counts them: one grid cell during one clock hour.
    struct PlaceHour: Hashable {
        var cell: Int64
        var hour: Int64

        /// The point as one sketch key.
        var key: UInt64 { DistinctCountSketch.mix(UInt64(bitPattern: cell)) ^ UInt64(bitPattern: hour) }
    }

    private(set) var cells: [Int64: CellTally] = [:]
    private(set) var countries: [String: CountryTally] = [:]
    /// Country of each cell seen (by its centre), so the lookup runs once per cell.
    private var cellCountry: [Int64: String] = [:]
    /// Distinct place-hour points, counted exactly up to `max_place_hours`; beyond, estimated
    /// in `placeHourSketch` (16 KB) and the set emptied: a widely spread Timeline.json held
    /// 436,368 of them, 25 MB as a set (docs/analyzers/location.md).
    private(set) var placeHours = Set<PlaceHour>()
    private(set) var placeHourSketch: DistinctCountSketch?
    private(set) var droppedCells = 0
    private(set) var droppedRecords = 0
    /// Largest total of a dropped cell: the most a cluster count can be short by, per cell.
    private(set) var dropThreshold: Int32 = 0
    private(set) var locatedRecords = 0
    private var sources = Set<String>()
    private var lastSource: String?
    private var lastCountryCell: Int64?
    private var lastCountry: String?
    private var lastPlaceHour: PlaceHour?
    private static let countrySampleLimit = 20

    init(definition: LocationPlacesDefinition) { self.definition = definition }

    func observe(_ event: Event, path: String) {
        guard event.kind == .location || event.kind == .visit, let lat = event.latitude, let lon = event.longitude,
              let time = event.time, let local = LocalClock.hourAndDay(time, longitude: lon),
              let key = definition.grid.key(latitude: lat, longitude: lon) else { return }
        locatedRecords += 1
        // Location records arrive in long runs from one file, one place and one hour: the
        // last source, cell country and place-hour are remembered so most records cost one
        // dictionary access (profiles showed 4–6 hash lookups per fix as a third of the scan).
        if event.source != lastSource {
            lastSource = event.source
            sources.insert(event.source)
        }
        let isNight = definition.nightHours.contains(hour: local.hour)
        let isWorkday = local.weekday <= 5 && definition.dayHours.contains(hour: local.hour)
        let limit = definition.evidencePerCell
        let rule = definition.id
        let before = cells.count
        Self.update(&cells[key, default: CellTally()], time: time, isNight: isNight, isWorkday: isWorkday,
                    event: event, path: path, rule: rule, limit: limit)
        let created = cells.count > before
        if let code = country(ofCell: key) {
            Self.update(&countries[code, default: CountryTally()], time: time, event: event, path: path, rule: rule)
        }
        let placeHour = PlaceHour(cell: key, hour: time.epochSeconds >= 0 ? time.epochSeconds / 3600 : (time.epochSeconds - 3599) / 3600)
        if placeHour != lastPlaceHour {
            lastPlaceHour = placeHour
            if placeHourSketch != nil {
                placeHourSketch!.insert(placeHour.key)
            } else {
                placeHours.insert(placeHour)
                if placeHours.count >= definition.maximumPlaceHours { estimatePlaceHoursFromNowOn() }
            }
        }
        if created && cells.count > definition.maximumCells { dropLeastVisitedCells() }
    }

    private static func update(_ tally: inout CellTally, time: Timestamp, isNight: Bool, isWorkday: Bool,
                               event: Event, path: String, rule: String, limit: Int) {
        tally.total += 1
        if isNight {
            tally.night += 1
            tally.firstNight = earlier(tally.firstNight, time)
            tally.lastNight = later(tally.lastNight, time)
            tally.nightSample.offer(event, path: path, rule: rule, limit: limit)
        }
        if isWorkday {
            tally.day += 1
            tally.firstDay = earlier(tally.firstDay, time)
            tally.lastDay = later(tally.lastDay, time)
            tally.daySample.offer(event, path: path, rule: rule, limit: limit)
        }
    }

    private static func update(_ tally: inout CountryTally, time: Timestamp, event: Event, path: String, rule: String) {
        tally.count += 1
        tally.first = earlier(tally.first, time)
        tally.last = later(tally.last, time)
        tally.sample.offer(event, path: path, rule: rule, limit: countrySampleLimit)
    }

    private func country(ofCell key: Int64) -> String? {
        if key == lastCountryCell { return lastCountry }
        let code = lookUpCountry(ofCell: key)
        lastCountryCell = key
        lastCountry = code
        return code
    }

    private func lookUpCountry(ofCell key: Int64) -> String? {
        if let known = cellCountry[key] { return known.isEmpty ? nil : known }
        guard let lookup = definition.countryLookup else { return nil }
        let center = definition.grid.center(key)
        let code = lookup.country(latitude: center.latitude, longitude: center.longitude,
                                  maximumKilometres: definition.maximumCityKilometres)?.code
        // The cache of cell countries is bounded like the cells: it is cleared with them.
        cellCountry[key] = code ?? ""
        return code
    }

    /// Drops the least-visited cells until a quarter of the budget is free again.
    private func dropLeastVisitedCells() {
        let target = definition.maximumCells * 3 / 4
        var threshold = dropThreshold
        while cells.count > target {
            threshold += 1
            let before = cells.count
            for (key, tally) in cells where tally.total <= threshold {
                droppedRecords += Int(tally.total)
                droppedCells += 1
                cells[key] = nil
                cellCountry[key] = nil
            }
            if cells.count != before { dropThreshold = threshold }
        }
        if cellCountry.count > definition.maximumCells * 2 { cellCountry = cellCountry.filter { cells[$0.key] != nil } }
    }

    func merge(_ other: any EventAnalyzer) {
        guard let other = other as? LocationPlacesAnalyzer else { return }
        let limit = definition.evidencePerCell
        for (key, theirs) in other.cells {
            var mine = cells[key] ?? CellTally()
            mine.total += theirs.total
            mine.night += theirs.night
            mine.day += theirs.day
            mine.firstNight = Self.earlier(mine.firstNight, theirs.firstNight)
            mine.lastNight = Self.later(mine.lastNight, theirs.lastNight)
            mine.firstDay = Self.earlier(mine.firstDay, theirs.firstDay)
            mine.lastDay = Self.later(mine.lastDay, theirs.lastDay)
            mine.nightSample.merge(theirs.nightSample, limit: limit)
            mine.daySample.merge(theirs.daySample, limit: limit)
            cells[key] = mine
        }
        for (code, theirs) in other.countries {
            var mine = countries[code] ?? CountryTally()
            mine.count += theirs.count
            mine.first = Self.earlier(mine.first, theirs.first)
            mine.last = Self.later(mine.last, theirs.last)
            mine.sample.merge(theirs.sample, limit: Self.countrySampleLimit)
            countries[code] = mine
        }
        for (key, code) in other.cellCountry where cellCountry[key] == nil { cellCountry[key] = code }
        if placeHourSketch == nil && other.placeHourSketch == nil {
            placeHours.formUnion(other.placeHours)
            if placeHours.count >= definition.maximumPlaceHours { estimatePlaceHoursFromNowOn() }
        } else {
            if placeHourSketch == nil { estimatePlaceHoursFromNowOn() }
            if let theirs = other.placeHourSketch {
                placeHourSketch!.merge(theirs)
            } else {
                for point in other.placeHours { placeHourSketch!.insert(point.key) }
            }
        }
        droppedCells += other.droppedCells
        droppedRecords += other.droppedRecords
        dropThreshold = max(dropThreshold, other.dropThreshold)
        locatedRecords += other.locatedRecords
        sources.formUnion(other.sources)
        if cells.count > definition.maximumCells { dropLeastVisitedCells() }
    }

    /// How many distinct place-hour points the records hold: exact, or the sketch's estimate.
    var placeHourCount: Int { placeHourSketch?.estimate ?? placeHours.count }

    /// Moves the exact set into a sketch and counts there from now on.
    private func estimatePlaceHoursFromNowOn() {
        var sketch = DistinctCountSketch()
        for point in placeHours { sketch.insert(point.key) }
        placeHourSketch = sketch
        placeHours = []
    }

    // MARK: findings

    struct Cluster {
        var center: Int64
        var count: Int
    }

    /// The block (cell + neighbours) with the highest count; ties go to the smaller key so the
    /// answer does not depend on dictionary order.
    func bestCluster(count: (CellTally) -> Int32, excludingNear avoid: Int64?) -> Cluster? {
        var best: Cluster?
        for (key, tally) in cells where count(tally) > 0 {
            if let avoid, definition.grid.cellDistance(key, avoid) < 3 { continue }
            var total = 0
            for neighbour in definition.grid.block(key) { if let t = cells[neighbour] { total += Int(count(t)) } }
            if best == nil || total > best!.count || (total == best!.count && key < best!.center) {
                best = Cluster(center: key, count: total)
            }
        }
        return best
    }

    func findings(evidenceLimit: Int) -> [Finding] {
        var result: [Finding] = []
        let homeCluster = bestCluster(count: { $0.night }, excludingNear: nil)
            .flatMap { $0.count >= definition.minimumNightRecords ? $0 : nil }
        let workCluster = bestCluster(count: { $0.day }, excludingNear: homeCluster?.center)
            .flatMap { $0.count >= definition.minimumDayRecords ? $0 : nil }
        let nightTotal = cells.values.reduce(0) { $0 + Int($1.night) }
        let dayTotal = cells.values.reduce(0) { $0 + Int($1.day) }

        if let home = homeCluster {
            let block = definition.grid.block(home.center).compactMap { cells[$0] }
            let value = describe(home.center, records: home.count, of: nightTotal, kind: "value.place.night_records")
                + reidentification(workplaceKnown: workCluster != nil)
            result.append(Finding(attribute: definition.home.id, title: definition.home.title,
                                  sensitivity: definition.home.sensitivity, confidence: definition.confidence[definition.home.id] ?? 0,
                                  count: home.count, firstSeen: block.compactMap(\.firstNight).min()?.iso8601,
                                  lastSeen: block.compactMap(\.lastNight).max()?.iso8601, rules: [definition.id],
                                  sources: sources.sorted(), evidence: LocationEvidenceSample.earliest(block.map(\.nightSample), limit: evidenceLimit),
                                  valueParts: value))
        }
        if let work = workCluster {
            let block = definition.grid.block(work.center).compactMap { cells[$0] }
            var value = describe(work.center, records: work.count, of: dayTotal, kind: "value.place.day_records")
            if let home = homeCluster {
                let a = definition.grid.center(home.center), b = definition.grid.center(work.center)
                value.append(FindingValuePart("value.place.from_home", [
                    "km": .decimal(GeoGrid.kilometres(a.latitude, a.longitude, b.latitude, b.longitude), fractionDigits: 1)]))
            }
            result.append(Finding(attribute: definition.workplace.id, title: definition.workplace.title,
                                  sensitivity: definition.workplace.sensitivity,
                                  confidence: definition.confidence[definition.workplace.id] ?? 0,
                                  count: work.count, firstSeen: block.compactMap(\.firstDay).min()?.iso8601,
                                  lastSeen: block.compactMap(\.lastDay).max()?.iso8601, rules: [definition.id],
                                  sources: sources.sorted(), evidence: LocationEvidenceSample.earliest(block.map(\.daySample), limit: evidenceLimit),
                                  valueParts: value))
        }
        if let travel = travelFinding(homeCluster: homeCluster, evidenceLimit: evidenceLimit) { result.append(travel) }
        return result
    }

    /// "51.505, -0.125 (3 × 3 cells of 0.005°, each ≈ 556 m × 347 m), GB; 40 of 52 night records"
    /// as parts; `recordsKey` names the kind of records counted.
    private func describe(_ key: Int64, records: Int, of total: Int, kind recordsKey: String) -> [FindingValuePart] {
        let center = definition.grid.center(key)
        let size = definition.grid.groundSize(atLatitude: center.latitude)
        let decimals = max(0, Int((-log10(definition.grid.cellDegrees)).rounded(.up)))
        // Coordinates keep the point as their decimal separator in every language: "51,505, -0,125"
        // would be ambiguous.
        let coordinates = String(format: "%.\(decimals)f, %.\(decimals)f", center.latitude, center.longitude)
        var parts = [FindingValuePart("value.place.center", [
            "coordinates": .text(coordinates), "cell": cellArgument,
            "northSouth": .integer(size.northSouth), "eastWest": .integer(size.eastWest)])]
        if let code = cellCountry[key], !code.isEmpty { parts.append(FindingValuePart("value.place.country", ["country": .text(code)])) }
        parts.append(FindingValuePart(recordsKey, ["records": .integer(records), "count": .integer(total)]))
        if droppedRecords > 0 {
            parts.append(FindingValuePart("value.place.dropped", ["records": .integer(droppedRecords), "count": .integer(droppedCells)]))
        }
        return parts
    }

    /// The uniqueness measure of "Unique in the Crowd" [dM13] applied to one person's data: how
    /// many distinct (cell, hour) points the export holds, against the 4 random points that
    /// singled out 95% of 1.5 M people; and the home/work pair anonymity of [GP09].
    /// The cell size in degrees, with as many decimals as it has (0.005).
    private var cellArgument: FindingValueArgument {
        .decimal(definition.grid.cellDegrees, fractionDigits: max(0, Int((-log10(definition.grid.cellDegrees)).rounded(.up))))
    }

    private func reidentification(workplaceKnown: Bool) -> [FindingValuePart] {
        var parts = [FindingValuePart(placeHourSketch != nil ? "value.reidentification.points_about" : "value.reidentification.points",
                                      ["count": .integer(placeHourCount), "cell": cellArgument])]
        if workplaceKnown { parts.append(FindingValuePart("value.reidentification.home_work")) }
        return parts
    }

    private func travelFinding(homeCluster: Cluster?, evidenceLimit: Int) -> Finding? {
        let homeCountry: String?
        if let home = homeCluster, let code = cellCountry[home.center], !code.isEmpty {
            homeCountry = code
        } else {
            homeCountry = countries.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key
        }
        guard let homeCountry else { return nil }
        let abroad = countries.filter { $0.key != homeCountry && $0.value.count >= definition.minimumRecordsAbroad }
            .sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
        guard !abroad.isEmpty else { return nil }
        let count = abroad.reduce(0) { $0 + $1.value.count }
        let value = [
            FindingValuePart("value.travel.countries", ["countries": .list(abroad.map {
                FindingValuePart("value.travel.country", ["country": .text($0.key), "count": .integer($0.value.count)])
            })]),
            FindingValuePart(homeCluster == nil ? "value.travel.home_most_records" : "value.travel.home", ["country": .text(homeCountry)]),
            FindingValuePart("value.travel.method"),
        ]
        return Finding(attribute: definition.travel.id, title: definition.travel.title, sensitivity: definition.travel.sensitivity,
                       confidence: definition.confidence[definition.travel.id] ?? 0, count: count,
                       firstSeen: abroad.compactMap(\.value.first).min()?.iso8601,
                       lastSeen: abroad.compactMap(\.value.last).max()?.iso8601,
                       rules: [definition.id], sources: sources.sorted(), evidence: LocationEvidenceSample.earliest(abroad.map(\.value.sample), limit: evidenceLimit),
                       valueParts: value)
    }

    static func earlier(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        guard let a else { return b }
        guard let b else { return a }
        return b < a ? b : a
    }

    static func later(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        guard let a else { return b }
        guard let b else { return a }
        return b > a ? b : a
    }
}
