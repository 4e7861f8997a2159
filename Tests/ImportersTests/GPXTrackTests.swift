import XCTest
@testable import Importers
@testable import StewardCore

/// GPX 1.1 (as Apple Health writes workout routes) and GPX 1.0 (older trackers).
final class GPXTrackTests: XCTestCase {
    static let gpx11 = """
    <?xml version="1.0" encoding="UTF-8"?>
    <gpx version="1.1" creator="Apple Health Export" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <metadata>
        <name>not the track name</name>
        <time>2024-03-01T18:50:00Z</time>
      </metadata>
      <wpt lat="10" lon="10"><name>A waypoint is not a visit</name></wpt>
      <trk>
        <name>Route 2024-03-01 6:00pm &amp; back</name>
        <trkseg>
          <trkpt lon="13.404954" lat="52.520008"><ele>34.1</ele><time>2024-03-01T17:00:42Z</time><extensions><speed>2.1</speed><hAcc>4.0</hAcc></extensions></trkpt>
          <trkpt lon="13.405100" lat="52.520100"><ele>34.2</ele><time>2024-03-01T17:00:47Z</time><extensions><speed>2.2</speed></extensions></trkpt>
          <trkpt lon="200.0" lat="52.5"><time>2024-03-01T17:00:52Z</time></trkpt>
          <trkpt lon="13.4052" lat="52.5202"><time>soon</time></trkpt>
        </trkseg>
      </trk>
    </gpx>
    """

    static let gpx10 = """
    <?xml version="1.0"?>
    <gpx version="1.0" creator="GPSBabel - http://www.gpsbabel.org" xmlns="http://www.topografix.com/GPX/1/0">
    <time>2005-05-21T11:18:34Z</time>
    <trk>
      <name>ACTIVE LOG</name>
      <trkseg>
      <trkpt lat="44.586548" lon="-71.441700">
        <ele>-0.5</ele>
        <time>2005-05-21T11:18:34Z</time>
        <course>110.3</course>
        <speed>0.1</speed>
      </trkpt>
      <trkpt lat="44.586551" lon="-71.441710">
        <time>2005-05-21T11:18:40Z</time>
      </trkpt>
      </trkseg>
    </trk>
    </gpx>
    """

    func testGPX11TrackPoints() throws {
        let result = try parseAtAllChunkSizes({ GPXTrackParser() }, Array(Self.gpx11.utf8))
        XCTAssertEqual(result.events.count, 3, "waypoints are not read; the out-of-range point is skipped")
        XCTAssertEqual(result.skipped, 1)
        let e = result.events
        XCTAssertTrue(e.allSatisfy { $0.source == "gpx.track" && $0.kind == .location })
        XCTAssertEqual(e[0].latitude, 52.520008)
        XCTAssertEqual(e[0].longitude, 13.404954)
        XCTAssertEqual(e[0].time?.iso8601, "2024-03-01T17:00:42Z")
        XCTAssertEqual(e[0].title, "Route 2024-03-01 6:00pm & back")
        XCTAssertEqual(e[0].position.line, 11)
        XCTAssertNil(e[2].time, "an unreadable time keeps the point, without a time")
        XCTAssertTrue(result.issues.contains { $0.contains("unreadable <time>") })
    }

    func testGPX10TrackPoints() throws {
        let result = try parseAtAllChunkSizes({ GPXTrackParser() }, Array(Self.gpx10.utf8))
        XCTAssertEqual(result.events.map(\.longitude), [-71.4417, -71.44171])
        XCTAssertEqual(result.events.map { $0.time?.iso8601 }, ["2005-05-21T11:18:34Z", "2005-05-21T11:18:40Z"])
        XCTAssertEqual(result.events.first?.title, "ACTIVE LOG")
    }

    func testTruncatedTrackAndDetection() throws {
        let cut = String(Self.gpx10.prefix(upTo: Self.gpx10.range(of: "<time>2005-05-21T11:18:40Z")!.lowerBound))
        let result = try parseAtAllChunkSizes({ GPXTrackParser() }, Array(cut.utf8))
        XCTAssertEqual(result.events.count, 1)
        XCTAssertEqual(result.skipped, 1)
        XCTAssertNotNil(GPXTrackImporter().detect(FileProbe(path: "x/route_1.gpx", head: Array(Self.gpx11.utf8), size: nil)))
        XCTAssertNil(GPXTrackImporter().detect(FileProbe(path: "x.gpx", head: Array("<kml></kml>".utf8), size: nil)))
        var parser = GPXTrackParser()
        XCTAssertThrowsError(try parser.parseAll(Array("<kml/>".utf8), into: EventCollector().sink))
    }
}
