import XCTest
@testable import Importers
@testable import StewardCore

final class LocationTimelineTests: XCTestCase {
    /// Android's Timeline.json (2024+): local offsets in the times, degree strings, a
    /// timelinePath segment, an activity, raw signals of three kinds.
    let timeline = """
    {
      "semanticSegments": [
        {
          "startTime": "2024-05-02T08:10:00.000+02:00",
          "endTime": "2024-05-02T17:45:00.000+02:00",
          "startTimeTimezoneUtcOffsetMinutes": 120,
          "endTimeTimezoneUtcOffsetMinutes": 120,
          "visit": {
            "hierarchyLevel": 0,
            "probability": 0.91,
            "topCandidate": {
              "placeId": "ChIJ_work",
              "semanticType": "INFERRED_WORK",
              "probability": 0.88,
              "placeLocation": { "latLng": "48.1351253°, 11.5819806°" }
            }
          }
        },
        {
          "startTime": "2024-05-02T17:45:00.000+02:00",
          "endTime": "2024-05-02T18:05:00.000+02:00",
          "activity": {
            "start": { "latLng": "48.1351253°, 11.5819806°" },
            "end": { "latLng": "48.1500000°, 11.6000000°" },
            "distanceMeters": 2874.5,
            "probability": 0.97,
            "topCandidate": { "type": "IN_SUBWAY", "probability": 0.9 }
          }
        },
        {
          "startTime": "2024-05-02T16:00:00.000Z",
          "endTime": "2024-05-02T18:00:00.000Z",
          "startTimeTimezoneUtcOffsetMinutes": 120,
          "timelinePath": [
            { "point": "48.1400000°, 11.5900000°", "time": "2024-05-02T15:50:00.000Z" },
            { "point": "-33.8688000°, 151.2093000°", "time": "2024-05-02T17:52:00.000+02:00" },
            { "point": "not a place", "time": "2024-05-02T17:53:00.000+02:00" }
          ]
        },
        {
          "startTime": "2024-05-01T00:00:00.000+02:00",
          "endTime": "2024-05-03T00:00:00.000+02:00",
          "timelineMemory": { "trip": { "distanceFromOriginKms": 120, "destinations": [{ "identifier": { "placeId": "x" } }] } }
        },
        {
          "startTime": "2024-05-03T08:00:00.000+02:00",
          "endTime": "2024-05-03T09:00:00.000+02:00",
          "visit": { "topCandidate": { "semanticType": "HOME", "placeLocation": { "latLng": "123.0°, 11.0°" } } }
        }
      ],
      "rawSignals": [
        {
          "position": {
            "LatLng": "48.1351253°, 11.5819806°",
            "accuracyMeters": 13,
            "altitudeMeters": 519.2,
            "source": "WIFI",
            "timestamp": "2024-05-02T08:09:58.000+02:00"
          }
        },
        { "activityRecord": { "probableActivities": [{ "type": "STILL", "confidence": 0.97 }], "timestamp": "2024-05-02T08:10:00.000+02:00" } },
        { "wifiScan": { "deliveryTime": "2024-05-02T08:10:00.000+02:00", "devicesRecords": [{ "mac": 1, "rawRssi": -60 }] } },
        { "position": { "LatLng": "48.1°, 11.5°" } }
      ],
      "userLocationProfile": { "frequentPlaces": [{ "placeId": "ChIJ_home", "placeLocation": "48.2°, 11.6°", "label": "HOME" }] }
    }
    """

    func testTimelineJSON() throws {
        let result = try parseLocation({ TimelineParser() }, timeline, ordered: false)
        XCTAssertEqual(result.lines.sorted(), [
            "google.timeline | location | 2024-05-02T17:45:00+02:00 | 48.1351253 | 11.5819806 | - | - | IN_SUBWAY | record 1 (/semanticSegments/1)",
            "google.timeline | location | 2024-05-02T17:50:00+02:00 | 48.1400000 | 11.5900000 | - | - | - | record 2 (/semanticSegments/2/timelinePath/0)",
            "google.timeline | location | 2024-05-02T17:52:00+02:00 | -33.8688000 | 151.2093000 | - | - | - | record 2 (/semanticSegments/2/timelinePath/1)",
            "google.timeline | location | 2024-05-02T08:09:58+02:00 | 48.1351253 | 11.5819806 | - | - | - | record 0 (/rawSignals/0)",
            "google.timeline | visit | 2024-05-02T08:10:00+02:00 | 48.1351253 | 11.5819806 | - | - | INFERRED_WORK | record 0 (/semanticSegments/0)",
        ].sorted())
        XCTAssertEqual(result.skipped, 3)
        XCTAssertEqual(result.issues.sorted(), [
            "record 2 (/semanticSegments/2/timelinePath/2): path point without a valid position",
            "record 3 (/rawSignals/3): position without a readable timestamp",
            "record 4 (/semanticSegments/4): visit without a valid placeLocation",
        ].sorted())
    }

    /// The sample in the repository's own words: rawSignals before semanticSegments still works.
    func testArraysInEitherOrderAndOneMissing() throws {
        let reversed = """
        {"rawSignals": [{"position": {"LatLng": "1.5°, 2.5°", "timestamp": "2024-01-01T00:00:00Z"}}],
         "semanticSegments": [{"startTime": "2024-01-01T01:00:00Z", "visit": {"topCandidate": {"placeLocation": {"latLng": "1.5°, 2.5°"}}}}]}
        """
        XCTAssertEqual(try parseLocation({ TimelineParser() }, reversed, ordered: false).events.count, 2)
        let onlySegments = "{\"semanticSegments\": []}"
        XCTAssertEqual(try parseLocation({ TimelineParser() }, onlySegments).events.count, 0)
        var parser = TimelineParser()
        let collector = EventCollector()
        XCTAssertThrowsError(try parser.parseAll(Array("{\"userLocationProfile\": {}}".utf8), into: collector.sink))
    }

    /// The array shape (iOS Google Maps "Export Timeline data", location-history.json): geo
    /// URIs, numbers as strings, path times as minute offsets from the segment start.
    let locationHistoryArray = """
    [
      {
        "endTime": "2024-03-09T10:30:00.000-05:00",
        "startTime": "2024-03-09T09:00:00.000-05:00",
        "visit": {
          "hierarchyLevel": "0",
          "topCandidate": {
            "probability": "0.862",
            "semanticType": "Home",
            "placeID": "ChIJ_home",
            "placeLocation": "geo:40.712776,-74.005974"
          },
          "probability": "0.95"
        }
      },
      {
        "endTime": "2024-03-09T11:00:00.000-05:00",
        "startTime": "2024-03-09T10:30:00.000-05:00",
        "activity": {
          "probability": "0.99",
          "end": "geo:40.730610,-73.935242",
          "topCandidate": { "type": "walking", "probability": "0.88" },
          "distanceMeters": "1834.2",
          "start": "geo:40.712776,-74.005974"
        }
      },
      {
        "endTime": "2024-03-09T12:00:00.000-05:00",
        "startTime": "2024-03-09T10:00:00.000-05:00",
        "timelinePath": [
          { "point": "geo:40.720000,-74.000000", "durationMinutesOffsetFromStartTime": "12" },
          { "point": "geo:40.725000,-73.990000", "durationMinutesOffsetFromStartTime": "37" }
        ]
      },
      {
        "endTime": "2024-03-10T00:00:00.000-05:00",
        "startTime": "2024-03-09T00:00:00.000-05:00",
        "timelineMemory": { "destinations": [{ "identifier": "ChIJ" }], "distanceFromOriginKms": "3" }
      },
      { "endTime": "x", "startTime": "yesterday", "visit": {} }
    ]
    """

    func testLocationHistoryArray() throws {
        let result = try parseLocation({ TimelineParser() }, locationHistoryArray)
        XCTAssertEqual(result.lines, [
            "google.timeline | visit | 2024-03-09T09:00:00-05:00 | 40.7127760 | -74.0059740 | - | - | Home | record 0 (/0)",
            "google.timeline | location | 2024-03-09T10:30:00-05:00 | 40.7127760 | -74.0059740 | - | - | walking | record 1 (/1)",
            "google.timeline | location | 2024-03-09T10:12:00-05:00 | 40.7200000 | -74.0000000 | - | - | - | record 2 (/2/timelinePath/0)",
            "google.timeline | location | 2024-03-09T10:37:00-05:00 | 40.7250000 | -73.9900000 | - | - | - | record 2 (/2/timelinePath/1)",
        ])
        XCTAssertEqual(result.issues, ["record 4 (/4): no readable startTime"])
    }

    func testTruncatedTimeline() throws {
        let cut = String(timeline.prefix(timeline.count / 3))
        let result = try parseLocation({ TimelineParser() }, cut, ordered: false)
        XCTAssertEqual(result.events.count, 1)
        XCTAssertTrue(result.issues.contains { $0.contains("truncated") }, "\(result.issues)")
    }

    func testCoordinateNotations() {
        XCTAssertEqual(LocationCoordinate(text: "48.1351253°, 11.5819806°"), LocationCoordinate(latitude: 48.1351253, longitude: 11.5819806))
        XCTAssertEqual(LocationCoordinate(text: "-33.8688°,151.2093°"), LocationCoordinate(latitude: -33.8688, longitude: 151.2093))
        XCTAssertEqual(LocationCoordinate(text: "geo:40.7,-74.0;u=35"), LocationCoordinate(latitude: 40.7, longitude: -74.0))
        XCTAssertNil(LocationCoordinate(text: "91°, 0°"))
        XCTAssertNil(LocationCoordinate(text: "nan°, 0°"))
        XCTAssertNil(LocationCoordinate(text: "48.1"))
        XCTAssertNil(LocationCoordinate(text: "1e400, 0"))
        XCTAssertNil(LocationCoordinate(latitudeE7: 4_294_967_295, longitudeE7: 0))
        XCTAssertEqual(LocationCoordinate(latitudeE7: -338_688_000, longitudeE7: -1_800_000_000), LocationCoordinate(latitude: -33.8688, longitude: -180))
    }

    func testDetection() {
        XCTAssertEqual(detectedSource(timeline, path: "Download/Timeline.json"), "google.timeline")
        XCTAssertEqual(detectedSource(timeline, path: "whatever.json"), "google.timeline")
        XCTAssertEqual(detectedSource(locationHistoryArray, path: "location-history.json"), "google.timeline")
        XCTAssertEqual(detectedSource(locationHistoryArray, path: "renamed.json"), "google.timeline")
        // My Activity arrays and other arrays with times are not timelines.
        XCTAssertNil(TimelineImporter().detect(locationProbe("[{\"header\": \"Maps\", \"title\": \"Viewed area\", \"time\": \"2020-01-01T00:00:00Z\"}]", path: "location-history.json")))
        XCTAssertNil(TimelineImporter().detect(locationProbe("[{\"startTime\": \"2020\", \"endTime\": \"2021\", \"title\": \"meeting\"}]", path: "calendar.json")))
        XCTAssertNil(TimelineImporter().detect(locationProbe("{\"timelineObjects\": []}", path: "Timeline.json")))
    }
}
