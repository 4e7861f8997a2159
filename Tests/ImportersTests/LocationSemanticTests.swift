import XCTest
@testable import Importers
@testable import StewardCore

final class LocationSemanticTests: XCTestCase {
    /// A month file as Takeout wrote them from 2021 on (ISO timestamps), with a BOM, a visit
    /// labelled as home, a visit known only by its centre, an activity segment, and the older
    /// `startTimestampMs` form; plus records steward must skip.
    let month = "\u{FEFF}" + """
    {
      "timelineObjects": [{
        "activitySegment": {
          "startLocation": { "latitudeE7": 481351253, "longitudeE7": 115819806 },
          "endLocation": { "latitudeE7": 481400000, "longitudeE7": 115700000 },
          "duration": { "startTimestamp": "2019-01-03T07:41:00.000Z", "endTimestamp": "2019-01-03T08:02:00.000Z" },
          "distance": 2345,
          "activityType": "IN_BUS",
          "confidence": "HIGH",
          "activities": [{ "activityType": "IN_BUS", "probability": 81.2 }],
          "waypointPath": { "waypoints": [{ "latE7": 481351253, "lngE7": 115819806 }] }
        }
      }, {
        "placeVisit": {
          "location": {
            "latitudeE7": 481400000, "longitudeE7": 115700000,
            "placeId": "ChIJ2V-Mo_l1nkcRfZixfUq4DAE",
            "address": "Sendlinger Str. 1, 80331 München, Deutschland",
            "name": "Praxis Dr. Beispiel <b>Psychotherapie</b>",
            "semanticType": "TYPE_WORK",
            "sourceInfo": { "deviceTag": 1 },
            "locationConfidence": 88.1
          },
          "duration": { "startTimestamp": "2019-01-03T08:02:00Z", "endTimestamp": "2019-01-03T09:00:00Z" },
          "placeConfidence": "HIGH_CONFIDENCE",
          "otherCandidateLocations": [{ "latitudeE7": 1, "longitudeE7": 2, "name": "Decoy" }]
        }
      }, {
        "placeVisit": {
          "location": { "placeId": "ChIJ", "address": "Hauptstraße 5, 10827 Berlin" },
          "duration": { "startTimestampMs": "1546560000000", "endTimestampMs": "1546563600000" },
          "centerLatE7": -524850000, "centerLngE7": -133500000
        }
      }, {
        "placeVisit": {
          "location": { "latitudeE7": 1, "longitudeE7": 2, "name": "No time" },
          "duration": {}
        }
      }, {
        "activitySegment": {
          "startLocation": { "latitudeE7": 1900000000, "longitudeE7": 2 },
          "duration": { "startTimestamp": "2019-01-05T00:00:00Z" },
          "activities": [{ "activityType": "WALKING", "probability": 0.0 }]
        }
      }, {
        "activitySegment": {
          "startLocation": {},
          "endLocation": {},
          "duration": { "startTimestamp": "2013-05-09T17:41:45.303Z" },
          "waypointPath": { "waypoints": [{ "latE7": 374859695, "lngE7": -1221462936 }], "source": "BACKFILLED" }
        }
      }, {
        "activitySegment": {
          "startLocation": {},
          "duration": {}
        }
      }, { "somethingNew": {} }]
    }
    """

    func testVisitsAndActivitySegments() throws {
        let result = try parseLocation({ SemanticLocationParser() }, month)
        XCTAssertEqual(result.lines, [
            "google.semantic_location | location | 2019-01-03T07:41:00Z | 48.1351253 | 11.5819806 | - | - | IN_BUS | record 0 (/timelineObjects/0)",
            "google.semantic_location | visit | 2019-01-03T08:02:00Z | 48.1400000 | 11.5700000 | Praxis Dr. Beispiel <b>Psychotherapie</b> | Sendlinger Str. 1, 80331 München, Deutschland | TYPE_WORK | record 1 (/timelineObjects/1)",
            "google.semantic_location | visit | 2019-01-04T00:00:00Z | -52.4850000 | -13.3500000 | Hauptstraße 5, 10827 Berlin | Hauptstraße 5, 10827 Berlin | - | record 2 (/timelineObjects/2)",
            "google.semantic_location | activity | 2019-01-05T00:00:00Z | - | - | - | - | WALKING | record 4 (/timelineObjects/4)",
            "google.semantic_location | location | 2013-05-09T17:41:45Z | 37.4859695 | -122.1462936 | - | - | - | record 5 (/timelineObjects/5)",
        ])
        XCTAssertEqual(result.skipped, 3)
        XCTAssertEqual(result.issues, [
            "record 3 (/timelineObjects/3): placeVisit without a readable duration start",
            "record 6 (/timelineObjects/6): activitySegment without a readable duration start",
            "record 7 (/timelineObjects/7): neither placeVisit nor activitySegment",
        ])
    }

    func testTruncatedMonthFile() throws {
        // Cut inside the last element: the seven before it are complete (five read, two skipped).
        let cut = String(month[..<month.range(of: "somethingNew")!.lowerBound])
        let result = try parseLocation({ SemanticLocationParser() }, cut)
        XCTAssertEqual(result.events.count, 5)
        XCTAssertTrue(result.issues.contains { $0.contains("truncated") })
    }

    func testInvalidUTF8InANameDoesNotLoseTheVisit() throws {
        var bytes = Array("{\"timelineObjects\":[{\"placeVisit\":{\"location\":{\"latitudeE7\":1,\"longitudeE7\":2,\"name\":\"Caf".utf8)
        bytes += [0xE9, 0xFF]
        bytes += Array("\"},\"duration\":{\"startTimestamp\":\"2019-01-01T00:00:00Z\"}}}]}".utf8)
        let result = try parseLocation({ SemanticLocationParser() }, bytes)
        XCTAssertEqual(result.events.count, 1)
        XCTAssertEqual(result.events[0].place?.hasPrefix("Caf"), true)
    }

    func testDetectionWithLocalizedMonthNamesAndFolders() {
        let importer = SemanticLocationImporter()
        for path in ["Takeout/Location History/Semantic Location History/2019/2019_JANUARY.json",
                     "Takeout/Standortverlauf/Semantic Location History/2019/2019_MÄRZ.json",
                     "Takeout/Historique des positions/Semantic Location History/2019/2019_FÉVRIER.json",
                     "Takeout/Historial de ubicaciones/Semantic Location History/2019/2019_ENERO.json",
                     "Takeout/История местоположений/Semantic Location History/2019/2019_ЯНВАРЬ.json"] {
            XCTAssertEqual(importer.detect(locationProbe(month, path: path))?.confidence, 0.95, path)
            XCTAssertEqual(detectedSource(month, path: path), "google.semantic_location", path)
        }
        XCTAssertEqual(importer.detect(locationProbe(month, path: "misc/export.json"))?.confidence, 0.9)
        XCTAssertTrue(LocationTakeoutNames.isMonthFileName("2013_MAY.json"))
        XCTAssertFalse(LocationTakeoutNames.isMonthFileName("2013_MAYBE.json"))
        XCTAssertFalse(LocationTakeoutNames.isMonthFileName("abcd_MAY.json"))
        XCTAssertNil(importer.detect(locationProbe("{\"locations\": [{\"latitudeE7\": 1}]}", path: "2019_JANUARY.json")))
        XCTAssertNil(importer.detect(locationProbe("[{\"timelineObjects\": 1}]", path: "2019_JANUARY.json")))
    }
}
