import Foundation
import XCTest
import StewardCore
@testable import Rules
@testable import RuleFileReading

/// The location analyzers of rules/analyzers/location-*.yaml on the real rule set and data.
final class LocationAnalyzerTests: XCTestCase {
    static let loaded: Result<RuleSet, RuleFileError> = {
        do throws(RuleFileError) { return .success(try RuleSet.load(directory: RuleSetExamplesTests.rulesDirectory, findingValueText: englishFindingValues)) } catch { return .failure(error) }
    }()

    private func ruleSet() throws -> RuleSet { try Self.loaded.get() }

    private func places() throws -> LocationPlacesDefinition {
        try XCTUnwrap(try ruleSet().analyzers.first { $0.id == "mobility.places" } as? LocationPlacesDefinition)
    }

    private func lookup() throws -> CountryLookup {
        try XCTUnwrap(CountryLookup.shared(path: RuleSetExamplesTests.rulesDirectory + "/data/cities-country.csv"))
    }

    private func point(_ lat: Double, _ lon: Double, _ iso: String, record: Int, source: String = "google.location_records") -> Event {
        Event(source: source, kind: .location, time: Timestamp.parseISO8601(Array(iso.utf8))!, latitude: lat, longitude: lon,
              position: .record(record))
    }

    private func at(_ base: String, plusHours hours: Int) -> String {
        let t = Timestamp.parseISO8601(Array(base.utf8))!
        return Timestamp(epochSeconds: t.epochSeconds + Int64(hours) * 3600, utcOffsetSeconds: t.utcOffsetSeconds).iso8601
    }

    // MARK: country lookup

    func testCountryLookupAtBordersAndAcrossTheAntimeridian() throws {
        let lookup = try lookup()
        XCTAssertGreaterThan(lookup.placeCount, 140_000)
        XCTAssertEqual(lookup.skippedLines, 0)
        func country(_ lat: Double, _ lon: Double) -> String? { lookup.country(latitude: lat, longitude: lon, maximumKilometres: 150)?.code }
        // Strasbourg (FR) and Kehl (DE), 3 km apart across the Rhine.
        XCTAssertEqual(country(48.5830, 7.7450), "FR")
        XCTAssertEqual(country(48.5730, 7.8150), "DE")
        // Geneva (CH) and Annemasse (FR).
        XCTAssertEqual(country(46.2044, 6.1432), "CH")
        XCTAssertEqual(country(46.1934, 6.2340), "FR")
        // El Paso (US) and Ciudad Juárez (MX).
        XCTAssertEqual(country(31.7700, -106.4800), "US")
        XCTAssertEqual(country(31.7000, -106.4200), "MX")
        // Taveuni, Fiji, straddles 180°: points on both sides of the antimeridian are Fiji, and
        // the nearest town of a point at +179.99 may be at -179.9.
        XCTAssertEqual(country(-16.80, 179.99), "FJ")
        XCTAssertEqual(country(-16.80, -179.99), "FJ")
        XCTAssertEqual(country(-16.80, 180.0), "FJ")
        // Chukotka (RU) west of 180° and Unalaska in the Aleutians (US) east of it.
        XCTAssertEqual(country(64.73, 177.51), "RU")
        XCTAssertEqual(country(53.87, -166.53), "US")
        // Mid-Atlantic and the South Pole: no town within range.
        XCTAssertNil(country(45.0, -30.0))
        XCTAssertNil(country(-89.9, 0))
        XCTAssertNil(lookup.country(latitude: .nan, longitude: 0, maximumKilometres: 150))
    }

    func testCountryLookupFromInlineData() {
        let lookup = CountryLookup(csv: Array("# comment\nlat,lon,cc\n10,179.9,AA\n10,-179.8,BB\nbad line\n91,0,CC\n".utf8))
        XCTAssertEqual(lookup.placeCount, 2)
        XCTAssertEqual(lookup.skippedLines, 2)
        XCTAssertEqual(lookup.country(latitude: 10, longitude: -179.97, maximumKilometres: 100)?.code, "AA", "0.13° across 180° beats 0.17° east")
        XCTAssertEqual(lookup.country(latitude: 10, longitude: -179.84, maximumKilometres: 100)?.code, "BB")
        XCTAssertNil(lookup.country(latitude: 12, longitude: 0, maximumKilometres: 100))
    }

    func testGridWrapsAtTheAntimeridianAndClampsAtThePoles() {
        let grid = GeoGrid(cellDegrees: 0.005)
        let east = grid.key(latitude: 10, longitude: 179.999)!, west = grid.key(latitude: 10, longitude: -179.999)!
        XCTAssertEqual(grid.cellDistance(east, west), 1)
        XCTAssertTrue(grid.block(east).contains(west))
        XCTAssertEqual(grid.key(latitude: 10, longitude: 180), grid.key(latitude: 10, longitude: -180))
        XCTAssertNotNil(grid.key(latitude: 90, longitude: 0))
        XCTAssertNil(grid.key(latitude: 90.1, longitude: 0))
        XCTAssertEqual(grid.block(grid.key(latitude: 90, longitude: 0)!).count, 6, "no row beyond the pole")
        XCTAssertEqual(grid.groundSize(atLatitude: 0).northSouth, 556)
    }

    // MARK: local clock

    func testLocalClockUsesTheExportOffsetElseTheLongitude() {
        let utc = Timestamp.parseISO8601(Array("2024-05-01T23:30:00Z".utf8))!
        XCTAssertEqual(LocalClock.hourAndDay(utc, longitude: nil)?.hour, 23)
        XCTAssertEqual(LocalClock.hourAndDay(utc, longitude: 13.4)?.hour, 0, "Berlin: UTC+1 by longitude, past midnight")
        XCTAssertEqual(LocalClock.hourAndDay(utc, longitude: -118.2)?.hour, 15)
        let withOffset = Timestamp.parseISO8601(Array("2024-05-01T23:30:00+02:00".utf8))!
        XCTAssertEqual(LocalClock.hourAndDay(withOffset, longitude: -118.2)?.hour, 23, "a stated offset wins")
        XCTAssertNil(LocalClock.hourAndDay(Timestamp(year: 2024, month: 5, day: 1, dateOnly: true)!, longitude: 0))
        XCTAssertEqual(LocalClock.hourAndDay(Timestamp(epochSeconds: -1), longitude: nil)?.hour, 23, "before 1970")
    }

    // MARK: home and workplace

    func testHomeIsTheNightClusterAcrossMidnightAndWorkplaceIsDistinct() throws {
        let analyzer = LocationPlacesAnalyzer(definition: try places())
        var record = 0
        // Nights in Kreuzberg: 23:00 and 01:00 local (CET, offset stated), both sides of midnight.
        for day in 0..<20 {
            for hours in [0, 2] {
                var e = point(52.4990, 13.4030, at("2024-01-08T23:00:00+01:00", plusHours: day * 24 + hours), record: record)
                e.latitude! += Double(day % 3) * 0.0004
                analyzer.observe(e, path: "Records.json"); record += 1
            }
        }
        // Weekdays at Potsdamer Platz, 10:00 and 15:00; weekends elsewhere.
        for day in 0..<20 {
            for hours in [11, 16] {
                let iso = at("2024-01-08T00:00:00+01:00", plusHours: day * 24 + hours - 1)
                let weekend = (day % 7) >= 5
                analyzer.observe(point(weekend ? 52.5400 : 52.5200, weekend ? 13.3500 : 13.4050, iso, record: record), path: "Records.json")
                record += 1
            }
        }
        let findings = analyzer.findings(evidenceLimit: 5)
        let home = try XCTUnwrap(findings.first { $0.attribute == "mobility.home" })
        XCTAssertEqual(home.count, 40)
        XCTAssertTrue(home.englishValue!.hasPrefix("52.49"), home.englishValue!)
        XCTAssertTrue(home.englishValue!.contains("DE; 40 of 40 night records"), home.englishValue!)
        XCTAssertTrue(home.englishValue!.contains("re-identification: your location data has 80 distinct place-hour points"), home.englishValue!)
        XCTAssertTrue(home.englishValue!.contains("[GP09]"), "workplace known: the pair is quoted")
        XCTAssertEqual(home.evidence.count, 5)
        XCTAssertEqual(home.evidence.first?.time, "2024-01-08T23:00:00+01:00")
        XCTAssertEqual(home.firstSeen, "2024-01-08T23:00:00+01:00")
        let work = try XCTUnwrap(findings.first { $0.attribute == "mobility.workplace" })
        XCTAssertEqual(work.count, 30, "15 weekdays × 2")
        XCTAssertTrue(work.englishValue!.hasPrefix("52.52"), work.englishValue!)
        XCTAssertTrue(work.englishValue!.contains("km from home"))
        XCTAssertNil(findings.first { $0.attribute == "mobility.travel_abroad" })
    }

    func testUTCTimesAreReadOnTheLongitudeClock() throws {
        // Nights in Los Angeles written in UTC: 23:00 PST is 07:00Z. On the UTC clock these
        // would be mornings; on the longitude clock (UTC-8) they are nights.
        let analyzer = LocationPlacesAnalyzer(definition: try places())
        for day in 0..<12 { analyzer.observe(point(34.0900, -118.3300, at("2024-01-09T07:00:00Z", plusHours: day * 24), record: day), path: "r") }
        let home = try XCTUnwrap(analyzer.findings(evidenceLimit: 5).first { $0.attribute == "mobility.home" })
        XCTAssertEqual(home.count, 12)
        XCTAssertTrue(home.englishValue!.contains("US"), home.englishValue!)
    }

    func testMergeAcrossSessionsEqualsOneSession() throws {
        let definition = try places()
        let whole = LocationPlacesAnalyzer(definition: definition)
        let a = LocationPlacesAnalyzer(definition: definition), b = LocationPlacesAnalyzer(definition: definition)
        var events: [Event] = []
        for day in 0..<30 {
            events.append(point(48.8566, 2.3522, at("2024-02-01T23:30:00+01:00", plusHours: day * 24), record: events.count))
            events.append(point(48.8738, 2.2950, at("2024-02-01T10:30:00+01:00", plusHours: day * 24), record: events.count))
        }
        for day in 0..<4 { events.append(point(41.3874, 2.1686, at("2024-03-10T12:00:00+01:00", plusHours: day * 5), record: events.count)) }
        for (i, e) in events.enumerated() {
            whole.observe(e, path: "all")
            (i % 3 == 0 ? a : b).observe(e, path: "all")
        }
        a.merge(b)
        let merged = a.findings(evidenceLimit: 10), single = whole.findings(evidenceLimit: 10)
        XCTAssertEqual(merged.map(\.attribute), ["mobility.home", "mobility.workplace", "mobility.travel_abroad"])
        XCTAssertEqual(merged.map(\.count), single.map(\.count))
        XCTAssertEqual(merged.map(\.englishValue), single.map(\.englishValue))
        XCTAssertEqual(merged.map { $0.evidence.map(\.locator) }, single.map { $0.evidence.map(\.locator) })
        XCTAssertEqual(merged[2].englishValue?.hasPrefix("ES (4); home country FR"), true, merged[2].englishValue ?? "")
        XCTAssertEqual(merged[0].count, 30)
    }

    func testSessionsInAScanCombineWithRuleFindings() throws {
        let set = try ruleSet()
        let a = InferenceSession(ruleSet: set), b = InferenceSession(ruleSet: set)
        for day in 0..<12 {
            (day < 6 ? a : b).process(point(55.7558, 37.6173, at("2024-04-01T23:00:00+03:00", plusHours: day * 24), record: day), path: "tl.json")
        }
        XCTAssertNil(a.findings().first { $0.attribute == "mobility.home" }, "6 nights are below min_night_records")
        a.merge(b)
        let home = try XCTUnwrap(a.findings().first { $0.attribute == "mobility.home" })
        XCTAssertEqual(home.rules, ["mobility.places"])
        XCTAssertEqual(home.count, 12)
        XCTAssertTrue(home.englishValue!.contains("RU"), home.englishValue!)
    }

    // MARK: bounded memory

    func testMillionPointsKeepCellsBounded() throws {
        let base = try places()
        // A small cell budget shows lossy counting at work: a person's routine plus a long tail
        // of one-off places (a point every 30 s while travelling).
        var definition = base
        definition.maximumCells = 2_000
        let analyzer = LocationPlacesAnalyzer(definition: definition)
        let start = Timestamp.parseISO8601(Array("2023-01-02T00:00:00Z".utf8))!.epochSeconds
        var state: UInt64 = 42
        var nights = 0
        for i in 0..<1_000_000 {
            let t = start + Int64(i) * 30
            let hour = Int((t % 86_400) / 3600)
            let lat: Double, lon: Double
            if hour >= 22 || hour < 6 { lat = 51.5362; lon = -0.1030; nights += 1 }
            else if i % 10 == 0 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                lat = 50 + Double(state >> 40 & 0xFFFF) / 20_000; lon = -3 + Double(state >> 20 & 0xFFFF) / 20_000
            } else { lat = 51.5138; lon = -0.0886 }
            analyzer.observe(Event(source: "google.location_records", kind: .location, time: Timestamp(epochSeconds: t, utcOffsetSeconds: 0),
                                   latitude: lat, longitude: lon, position: .record(i)), path: "Records.json")
        }
        XCTAssertLessThanOrEqual(analyzer.cells.count, 2_000)
        XCTAssertGreaterThan(analyzer.droppedCells, 0)
        let findings = analyzer.findings(evidenceLimit: 20)
        let home = try XCTUnwrap(findings.first { $0.attribute == "mobility.home" })
        XCTAssertEqual(home.count, nights, "every night record, exactly counted")
        XCTAssertTrue(home.englishValue!.contains("at least:"), home.englishValue!)
        XCTAssertEqual(home.evidence.count, 20)
        XCTAssertNotNil(findings.first { $0.attribute == "mobility.workplace" })
        XCTAssertLessThanOrEqual(analyzer.placeHours.count, definition.maximumPlaceHours)
    }

    func testDistinctCountSketchEstimatesWithinItsStatedBoundAndMergesAsOneStream() {
        // The bound holds in 95 of 100 cases: twenty disjoint sets of keys, each key given
        // twice, at sizes around the classic estimator's weak spot (2.5 × 16,384) and beyond.
        for n in [1_000, 40_000, 50_000, 300_000] {
            var within = 0
            for set in 0..<UInt64(20) {
                var sketch = DistinctCountSketch()
                let first = set * 10_000_000
                for key in first..<first + UInt64(n) { sketch.insert(key); sketch.insert(key) }
                let error = abs(Double(sketch.estimate) - Double(n)) / Double(n)
                XCTAssertLessThanOrEqual(error, 2 * DistinctCountSketch.errorBound, "\(n) distinct keys estimated as \(sketch.estimate)")
                if error <= DistinctCountSketch.errorBound { within += 1 }
            }
            XCTAssertGreaterThanOrEqual(within, 18, "\(n) distinct keys: \(within) of 20 sets within the bound")
        }
        var whole = DistinctCountSketch(), first = DistinctCountSketch(), second = DistinctCountSketch()
        for key in 0..<UInt64(100_000) {
            whole.insert(key)
            if key % 3 == 0 { first.insert(key) } else { second.insert(key) }
        }
        first.merge(second)
        XCTAssertEqual(first, whole)
    }

    func testPlaceHoursBeyondTheExactBudgetAreEstimatedAndTheFindingSaysAbout() throws {
        var definition = try places()
        definition.maximumPlaceHours = 1_000
        let analyzer = LocationPlacesAnalyzer(definition: definition)
        let start = Timestamp.parseISO8601(Array("2023-01-02T00:00:00Z".utf8))!.epochSeconds
        // 20,000 hours: nights at home, every other hour in a cell of its own.
        for i in 0..<20_000 {
            let t = start + Int64(i) * 3600
            let hour = i % 24
            let night = hour >= 22 || hour < 6
            analyzer.observe(Event(source: "google.location_records", kind: .location, time: Timestamp(epochSeconds: t, utcOffsetSeconds: 0),
                                   latitude: night ? 51.5362 : 50 + Double(i % 400) * 0.01, longitude: night ? -0.1030 : -3 + Double(i / 400) * 0.01,
                                   position: .record(i)), path: "Records.json")
        }
        XCTAssertTrue(analyzer.placeHours.isEmpty, "the exact set is given up beyond the budget")
        XCTAssertLessThanOrEqual(abs(Double(analyzer.placeHourCount) - 20_000) / 20_000, DistinctCountSketch.errorBound)
        let home = try XCTUnwrap(analyzer.findings(evidenceLimit: 5).first { $0.attribute == "mobility.home" })
        let part = try XCTUnwrap(home.valueParts?.first { $0.key.hasPrefix("value.reidentification.points") })
        XCTAssertEqual(part.key, "value.reidentification.points_about")
        XCTAssertTrue(home.englishValue!.contains("has about "), home.englishValue!)
    }

    // MARK: night activity

    func testNightActivityCountsNightsOnTheLocalClockAndLeavesRuleRecordsToTheRule() throws {
        let set = try ruleSet()
        let definition = try XCTUnwrap(set.analyzers.first { $0.id == "mobility.night_activity.records" } as? LocationNightActivityDefinition)
        let a = definition.makeAnalyzer(ruleSet: set), b = definition.makeAnalyzer(ruleSet: set)
        // Where the phone sleeps: fixes at 02:00 local every night, which do not count.
        for day in 0..<10 { a.observe(point(35.73, 139.80, at("2024-06-01T17:00:00Z", plusHours: day * 24), record: 50 + day), path: "r") }
        // Out on three nights in Tokyo at 01:00 local written in UTC (16:00Z the day before).
        for day in 0..<3 { a.observe(point(35.68, 139.69, at("2024-06-01T16:00:00Z", plusHours: day * 24), record: day), path: "r") }
        // My Activity searches at night: the rule's records, not the analyzer's.
        for day in 0..<5 {
            b.observe(Event(source: "google.my_activity", kind: .search, time: Timestamp.parseISO8601(Array(at("2024-06-01T01:00:00Z", plusHours: day * 24).utf8)),
                            text: "insomnia", position: .record(100 + day)), path: "MyActivity.json")
        }
        XCTAssertTrue(a.findings(evidenceLimit: 5).isEmpty, "3 nights < 4")
        // A fourth night from another worker, a visit written with its local offset.
        b.observe(Event(source: "google.semantic_location", kind: .visit, time: Timestamp.parseISO8601(Array("2024-06-05T02:30:00+09:00".utf8)),
                        latitude: 35.66, longitude: 139.70, place: "Shibuya Crossing", position: .record(7)), path: "2024_JUNE.json")
        a.merge(b)
        let finding = try XCTUnwrap(a.findings(evidenceLimit: 5).first)
        XCTAssertEqual(finding.count, 4, "three nights out and a visit; the ten fixes where the phone sleeps do not count")
        XCTAssertTrue(finding.englishValue!.hasPrefix("4 nights with records between 0:00 and 5:00 local time; up to 4 nights within 30 days"), finding.englishValue!)
        XCTAssertTrue(finding.englishValue!.hasSuffix("location fixes where most nights are spent are not counted"), finding.englishValue!)
        XCTAssertEqual(finding.evidence.last?.excerpt, "Shibuya Crossing · 35.66000, 139.70000")
    }
}
