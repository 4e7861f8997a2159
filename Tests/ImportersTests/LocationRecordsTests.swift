import XCTest
@testable import Importers
@testable import StewardCore

final class LocationRecordsTests: XCTestCase {
    /// Records.json in its real shapes: timestampMs strings (until 2022) next to ISO
    /// timestamps (2022+), negative E7 values, a nested activity[] with timestamps of its own
    /// placed before the record's own, and records steward must skip.
    let records = """
    {
      "locations" : [ {
        "latitudeE7" : 525163400,
        "longitudeE7" : 133777000,
        "accuracy" : 20,
        "activity" : [ {
          "timestampMs" : "1000",
          "activity" : [ { "type" : "STILL", "confidence" : 100 } ]
        } ],
        "timestampMs" : "1546300800123"
      }, {
        "latitudeE7" : -338688000,
        "longitudeE7" : 1512093000,
        "accuracy" : 12,
        "source" : "WIFI",
        "deviceTag" : -1184882232,
        "platformType" : "ANDROID",
        "timestamp" : "2022-03-01T10:00:00.5+11:00"
      }, {
        "latitudeE7" : 4294967295,
        "longitudeE7" : 133777000,
        "timestampMs" : "1546300800123"
      }, {
        "latitudeE7" : 525163400,
        "longitudeE7" : 133777000
      }, {
        "timestampMs" : 1600000000999,
        "longitudeE7" : -431729000,
        "latitudeE7" : -229068000,
        "velocity" : 3, "heading" : 270, "altitude" : 12, "verticalAccuracy" : 3
      }, "not an object", {
        "latitudeE7" : 1.5e7, "longitudeE7" : 0, "timestampMs" : "1"
      } ]
    }
    """

    func testReadsFixesInBothTimestampFormsAndSkipsBadOnes() throws {
        let result = try parseLocation({ LocationRecordsParser() }, records)
        XCTAssertEqual(result.lines, [
            "google.location_records | location | 2019-01-01T00:00:00Z | 52.5163400 | 13.3777000 | - | - | - | record 0 (/locations/0)",
            "google.location_records | location | 2022-03-01T10:00:00+11:00 | -33.8688000 | 151.2093000 | - | - | - | record 1 (/locations/1)",
            "google.location_records | location | 2020-09-13T12:26:40Z | -22.9068000 | -43.1729000 | - | - | - | record 4 (/locations/4)",
        ])
        XCTAssertEqual(result.skipped, 4)
        XCTAssertEqual(result.issues, [
            "record 2 (/locations/2): coordinates out of range (latitudeE7 4294967295, longitudeE7 133777000)",
            "record 3 (/locations/3): no timestampMs or timestamp",
            "record 5 (/locations/5): not an object",
            "record 6 (/locations/6): latitudeE7 is not a whole number within the 64-bit range",
        ])
    }

    /// Records read on their own thread (`RecordReadingThread`, here after every few bytes of
    /// elements) reach the sink as they would inline: the same events and issues in file order,
    /// whole, truncated or with a record nested too deep.
    func testRecordsReadOnTheirOwnThreadAreTheSameInTheSameOrder() throws {
        let cut = String(records[..<records.range(of: "4294967295")!.lowerBound])
        let deep = "{\"locations\": [{\"activity\": \(String(repeating: "[", count: 300) + String(repeating: "]", count: 300))}, "
            + "{\"latitudeE7\": 1, \"longitudeE7\": 2, \"timestampMs\": \"0\"}]}"
        for text in [records, cut, deep] {
            let inline = try parseLocation({ LocationRecordsParser() }, text)
            for batch in [1, 64, 300] {
                let threaded = try parseLocation({ LocationRecordsParser(readingBatchBytes: batch) }, text)
                XCTAssertEqual(threaded.lines, inline.lines, "batches of \(batch) bytes")
                XCTAssertEqual(threaded.issues, inline.issues, "batches of \(batch) bytes")
                XCTAssertEqual(threaded.skipped, inline.skipped, "batches of \(batch) bytes")
            }
        }
    }

    /// A reader that stops before `finish` (the file could not be read further) calls `settle`:
    /// every record split off until then has reached the sink when it returns.
    func testSettleDeliversEveryRecordSplitBeforeReadingStopped() throws {
        let head = Array(records.utf8.prefix(records.utf8.count - 60))
        var parser = LocationRecordsParser(readingBatchBytes: 1)
        let collector = EventCollector()
        try head.withUnsafeBytes { raw in try parser.feed(raw, into: collector.sink) }
        parser.settle(into: collector.sink)
        XCTAssertEqual(collector.events.count, 3)
        XCTAssertEqual(collector.sink.skippedCount, 3, "\(collector.sink.issues)")
    }

    func testPositionStringIsSpelledOut() throws {
        XCTAssertEqual(SourcePosition.record(3, pointer: "/locations/3").description, "record 3 (/locations/3)")
    }

    func testOlderLocationHistoryJSONWithBOMAndOtherTopLevelKeysFirst() throws {
        let text = "\u{FEFF}{\"version\": {\"locations\": 1}, \"locations\": [{\"timestampMs\": \"1262304000000\", \"latitudeE7\": 488566000, \"longitudeE7\": 23522000}]}"
        let result = try parseLocation({ LocationRecordsParser() }, text)
        XCTAssertEqual(result.lines, ["google.location_records | location | 2010-01-01T00:00:00Z | 48.8566000 | 2.3522000 | - | - | - | record 0 (/locations/0)"])
    }

    func testTruncatedFileKeepsWhatCameBeforeAndSaysSo() throws {
        // Cut inside the third record: the two before it are complete.
        let cut = String(records[..<records.range(of: "4294967295")!.lowerBound])
        let result = try parseLocation({ LocationRecordsParser() }, cut)
        XCTAssertEqual(result.events.count, 2)
        XCTAssertTrue(result.issues.contains { $0.contains("truncated") }, "\(result.issues)")
    }

    func testNotRecordsIsAFileLevelError() {
        var parser = LocationRecordsParser()
        let collector = EventCollector()
        XCTAssertThrowsError(try parser.parseAll(Array("[1,2]".utf8), into: collector.sink))
        var other = LocationRecordsParser()
        XCTAssertThrowsError(try other.parseAll(Array("{\"other\": []}".utf8), into: collector.sink))
    }

    func testDeeplyNestedAndOversizedRecordsAreSkippedNotFatal() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let text = "{\"locations\": [{\"activity\": \(deep)}, {\"latitudeE7\": 1, \"longitudeE7\": 2, \"timestampMs\": \"0\"}]}"
        let result = try parseLocation({ LocationRecordsParser() }, text)
        XCTAssertEqual(result.events.count, 1)
        XCTAssertEqual(result.skipped, 1)
        XCTAssertTrue(result.issues[0].hasPrefix("record 0 (/locations/0): nested deeper than"), "\(result.issues)")
    }

    func testEmptyLocationsArray() throws {
        let result = try parseLocation({ LocationRecordsParser() }, "{\"locations\": []}")
        XCTAssertEqual(result.events.count, 0)
        XCTAssertEqual(result.issues, [])
    }

    // MARK: - Detection

    func testDetectedByContentWhateverTheName() {
        XCTAssertEqual(detectedSource(records, path: "Takeout/Location History (Timeline)/Records.json"), "google.location_records")
        XCTAssertEqual(detectedSource(records, path: "Downloads/renamed.json"), "google.location_records")
        XCTAssertEqual(detectedSource(records, path: "Takeout/Standortverlauf/Standortverlauf.json"), "google.location_records")
        let importer = LocationRecordsImporter()
        let german = importer.detect(locationProbe(records, path: "Takeout/Standortverlauf/Records.json"))
        let renamed = importer.detect(locationProbe(records, path: "x.json"))
        XCTAssertGreaterThan(german!.confidence, renamed!.confidence)
    }

    func testEmptyExportOnlyRecognizedByItsLocalizedName() {
        let empty = "{\"locations\": []}"
        XCTAssertEqual(detectedSource(empty, path: "Takeout/История местоположений/Records.json"), "google.location_records")
        XCTAssertEqual(detectedSource(empty, path: "Takeout/Historial de ubicaciones/Historial de ubicaciones.json"), "google.location_records")
        XCTAssertNil(detectedSource(empty, path: "data/other.json"))
    }

    func testOtherJSONIsNotRecords() {
        XCTAssertNil(LocationRecordsImporter().detect(locationProbe("[{\"header\": \"Search\", \"title\": \"Searched for x\", \"time\": \"2020-01-01T00:00:00Z\"}]", path: "Records.json")))
        XCTAssertNil(LocationRecordsImporter().detect(locationProbe("{\"timelineObjects\": []}", path: "2019_JANUARY.json")))
        XCTAssertNil(LocationRecordsImporter().detect(locationProbe("{\"semanticSegments\": []}", path: "Timeline.json")))
        // A store-locator API dump with a "locations" key and other coordinates.
        XCTAssertNil(detectedSource("{\"locations\": [{\"lat\": 1.0, \"lng\": 2.0}]}", path: "stores.json"))
    }
}
