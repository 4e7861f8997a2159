import XCTest
@testable import Importers
@testable import StewardCore
@testable import Archives

/// Every importer's numeric fields fed the extremes — Int64 min/max, ±1e300, NaN, ±inf,
/// 30-digit integers, negative durations, dates far outside 1900–2200 — in the importer's real
/// format: each bad value is a skipped record whose reason names the problem, the good records
/// beside it are still read, and nothing traps (a trap would end the test process).
final class HostileNumbersTests: XCTestCase {
    /// Detects `text` at `path` through the registry (so the real format is recognized), parses
    /// it at several chunk sizes, and checks the good records and the reported problems.
    private func assertBadRecordsReported(_ text: String, path: String, importer expectedImporter: String,
                                          goodRecords: Int, problems: [String],
                                          file: StaticString = #filePath, line: UInt = #line) throws {
        let probe = FileProbe(path: path, head: Array(text.utf8.prefix(FileProbe.headLength)), size: Int64(text.utf8.count))
        guard case .success(let found) = ImporterRegistry.detect(probe) else {
            return XCTFail("\(path) not recognized", file: file, line: line)
        }
        XCTAssertEqual(found.importer.id, expectedImporter, file: file, line: line)
        let result = try parseAtAllChunkSizes({ found.importer.makeParser(for: probe) }, Array(text.utf8), file: file, line: line)
        XCTAssertEqual(result.events.count, goodRecords, "good records still read: \(result.events.map(describe))", file: file, line: line)
        XCTAssertEqual(result.skipped, problems.count, "one skipped record per bad value: \(result.issues)", file: file, line: line)
        for problem in problems {
            XCTAssertTrue(result.issues.contains { $0.contains(problem) }, "no issue says '\(problem)': \(result.issues)",
                          file: file, line: line)
        }
    }

    func testTelegramDateUnixtimeExtremes() throws {
        func message(_ id: Int, _ unixtime: String, date: String = "2024-01-15T10:30:00") -> String {
            #"{"id": \#(id), "type": "message", "date": "\#(date)", "date_unixtime": \#(unixtime), "from": "Alice", "from_id": "user1", "text": "m\#(id)"}"#
        }
        let text = """
        {"name": "Alice", "type": "personal_chat", "id": 1, "messages": [
          \(message(1, "\"1705311000\"")),
          \(message(2, "\"-9223372036854775808\"")),
          \(message(3, "\"9223372036854775807\"")),
          \(message(4, "\"123456789012345678901234567890\"")),
          \(message(5, "1e300")),
          \(message(6, "\"NaN\"")),
          \(message(7, "\"-1e300\"")),
          {"id": 8, "type": "message", "date": "9999-12-31T23:59:59", "from": "Alice", "text": "far future"},
          {"id": 9, "type": "message", "date": "0001-01-01T00:00:00", "from": "Alice", "text": "year one"},
          \(message(10, "\"1705311060\""))
        ]}
        """
        try assertBadRecordsReported(text, path: "Telegram Desktop/ChatExport_2024-01-20/result.json",
                                     importer: "telegram.desktop", goodRecords: 2, problems: [
            "/messages/1): date_unixtime -9223372036854775808 is not a plausible date",
            "/messages/2): date_unixtime 9223372036854775807 is not a plausible date",
            "/messages/3): date_unixtime 123456789012345678901234567890 is not a whole number",
            "/messages/4): date_unixtime 1e300 is not a whole number",
            "/messages/5): date_unixtime NaN is not a whole number",
            "/messages/6): date_unixtime -1e300 is not a whole number",
            "/messages/7): time 9999-12-31T23:59:59 is not a plausible date",
            "/messages/8): time 0001-01-01T00:00:00 is not a plausible date",
        ])
    }

    func testLocationRecordsE7AndTimestampExtremes() throws {
        func fix(_ lat: String, _ lng: String, _ ms: String) -> String {
            #"{"latitudeE7": \#(lat), "longitudeE7": \#(lng), "accuracy": 20, "timestampMs": \#(ms)}"#
        }
        let text = """
        {"locations": [
          \(fix("525163400", "133777000", "\"1546300800000\"")),
          \(fix("9223372036854775807", "133777000", "\"1546300800000\"")),
          \(fix("-9223372036854775808", "133777000", "\"1546300800000\"")),
          \(fix("525163400", "123456789012345678901234567890", "\"1546300800000\"")),
          \(fix("1e300", "133777000", "\"1546300800000\"")),
          \(fix("525163400", "133777000", "\"-9223372036854775808\"")),
          \(fix("525163400", "133777000", "\"999999999999999999\"")),
          \(fix("525163400", "133777000", "\"NaN\"")),
          {"latitudeE7": 525163400, "longitudeE7": 133777000, "timestamp": "9999-01-01T00:00:00Z"},
          \(fix("525163400", "133777000", "\"1546300860000\""))
        ]}
        """
        try assertBadRecordsReported(text, path: "Takeout/Location History/Records.json", importer: "google.location_records",
                                     goodRecords: 2, problems: [
            "/locations/1): coordinates out of range (latitudeE7 9223372036854775807",
            "/locations/2): coordinates out of range (latitudeE7 -9223372036854775808",
            "/locations/3): longitudeE7 is not a whole number",
            "/locations/4): latitudeE7 is not a whole number",
            "/locations/5): timestampMs -9223372036854775808 is not a plausible date",
            "/locations/6): timestampMs 999999999999999999 is not a plausible date",
            "/locations/7): timestampMs is not a whole number",
            "/locations/8): time 9999-01-01T00:00:00Z is not a plausible date",
        ])
    }

    func testSemanticLocationTimestampAndE7Extremes() throws {
        func visit(_ ms: String, lat: String = "525163400") -> String {
            #"{"placeVisit": {"location": {"latitudeE7": \#(lat), "longitudeE7": 133777000, "name": "Somewhere"}, "duration": {"startTimestampMs": \#(ms), "endTimestampMs": "1546304400000"}}}"#
        }
        let text = """
        {"timelineObjects": [
          \(visit("\"1546300800000\"")),
          \(visit("\"-9223372036854775808\"")),
          \(visit("\"123456789012345678901234567890\"")),
          \(visit("1e300")),
          {"activitySegment": {"duration": {"startTimestamp": "0001-01-01T00:00:00Z"}, "activityType": "WALKING"}},
          \(visit("\"1546300860000\"", lat: "9223372036854775807"))
        ]}
        """
        try assertBadRecordsReported(text, path: "Takeout/Location History/Semantic Location History/2019/2019_JANUARY.json",
                                     importer: "google.semantic_location", goodRecords: 2, problems: [
            "placeVisit: startTimestampMs -9223372036854775808 is not a plausible date",
            "placeVisit: startTimestampMs 123456789012345678901234567890 is not a whole number",
            "placeVisit: startTimestampMs 1e300 is not a whole number",
            "time 0001-01-01T00:00:00Z is not a plausible date",
        ])
    }

    func testTimelineOffsetAndPathExtremes() throws {
        let text = """
        {"semanticSegments": [
          {"startTime": "2024-05-02T08:10:00.000Z", "endTime": "2024-05-02T09:00:00.000Z",
           "startTimeTimezoneUtcOffsetMinutes": -9223372036854775808,
           "visit": {"topCandidate": {"placeLocation": {"latLng": "48.1351253°, 11.5819806°"}}}},
          {"startTime": "2024-05-02T10:00:00.000Z", "endTime": "2024-05-02T11:00:00.000Z",
           "timelinePath": [
             {"point": "48.1°, 11.5°", "durationMinutesOffsetFromStartTime": "9223372036854775807"},
             {"point": "1e300°, 11.5°", "time": "2024-05-02T10:05:00.000Z"},
             {"point": "NaN°, 11.5°", "time": "2024-05-02T10:06:00.000Z"},
             {"point": "48.1°, 11.5°", "time": "9999-05-02T10:07:00.000Z"}
           ]},
          {"startTime": "0001-01-01T00:00:00.000Z", "endTime": "2024-05-02T11:00:00.000Z",
           "visit": {"topCandidate": {"placeLocation": {"latLng": "48.1°, 11.5°"}}}}
        ]}
        """
        try assertBadRecordsReported(text, path: "Timeline.json", importer: "google.timeline", goodRecords: 2, problems: [
            "/semanticSegments/1/timelinePath/1): path point without a valid position",
            "/semanticSegments/1/timelinePath/2): path point without a valid position",
            "/semanticSegments/1/timelinePath/3): time 9999-05-02T10:07:00Z is not a plausible date",
            "/semanticSegments/2): time 0001-01-01T00:00:00Z is not a plausible date",
        ])
    }

    func testChromeBrowserHistoryTimeUsecExtremes() throws {
        func visit(_ usec: String) -> String {
            #"{"favicon_url": "", "page_transition": "LINK", "title": "Page", "url": "https://example.org/", "client_id": "x", "time_usec": \#(usec)}"#
        }
        let text = """
        {"Browser History": [
          \(visit("1606820400000000")),
          \(visit("-9223372036854775808")),
          \(visit("9223372036854775807")),
          \(visit("123456789012345678901234567890")),
          \(visit("1e300")),
          \(visit("1606820460000000"))
        ]}
        """
        try assertBadRecordsReported(text, path: "Takeout/Chrome/BrowserHistory.json", importer: "google.chrome_history",
                                     goodRecords: 2, problems: [
            "time_usec -9223372036854775808 is not a plausible date",
            "time_usec 9223372036854775807 is not a plausible date",
            "/Browser History/3): time_usec is not an integer",  // 30 digits
            "/Browser History/4): time_usec is not an integer",  // 1e300
        ])
    }

    func testSpotifyExtendedHistoryDurationAndOfflineExtremes() throws {
        func play(_ ts: String, _ ms: String, offline: String? = nil) -> String {
            let offlinePart = offline.map { #""offline": true, "offline_timestamp": \#($0), "# } ?? ""
            return #"{"ts": "\#(ts)", "platform": "android", "ms_played": \#(ms), \#(offlinePart)"master_metadata_track_name": "Song", "master_metadata_album_artist_name": "Artist", "master_metadata_album_album_name": "Album", "spotify_track_uri": "spotify:track:1", "reason_end": "trackdone"}"#
        }
        let text = """
        [
          \(play("2024-04-20T18:15:22Z", "2385")),
          \(play("2024-04-20T18:16:22Z", "-1")),
          \(play("2024-04-20T18:17:22Z", "-9223372036854775808")),
          \(play("2024-04-20T18:18:22Z", "9223372036854775807")),
          \(play("2024-04-20T18:19:22Z", "123456789012345678901234567890")),
          \(play("2024-04-20T18:20:22Z", "1000", offline: "9223372036854775807")),
          \(play("9999-04-20T18:20:22Z", "1000")),
          \(play("2024-04-20T18:25:22Z", "219813"))
        ]
        """
        try assertBadRecordsReported(text, path: "Spotify Extended Streaming History/Streaming_History_Audio_2024.json",
                                     importer: "spotify.streaming", goodRecords: 2, problems: [
            "ms_played -1 is a negative duration",
            "ms_played -9223372036854775808 is a negative duration",
            "ms_played 9223372036854775807 is outside",
            "ms_played 123456789012345678901234567890 is not a whole number",
            "offline_timestamp 9223372036854775807 is not a plausible date",
            "ms_played -1 is not a plausible date",
        ])
    }

    func testSMSBackupDateExtremes() throws {
        func sms(_ date: String) -> String {
            #"<sms protocol="0" address="+15551234567" date="\#(date)" type="1" body="hi" read="1" contact_name="Bob" />"#
        }
        let text = """
        <?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
        <smses count="6">
          \(sms("1722772800123"))
          \(sms("-9223372036854775808"))
          \(sms("9223372036854775807"))
          \(sms("123456789012345678901234567890"))
          \(sms("NaN"))
          \(sms("1722772860000"))
        </smses>
        """
        try assertBadRecordsReported(text, path: "sms-20240804.xml", importer: "android.sms_backup", goodRecords: 2, problems: [
            "no readable date (-9223372036854775808)",
            "no readable date (9223372036854775807)",
            "no readable date (123456789012345678901234567890)",
            "no readable date (NaN)",
        ])
    }

    func testGPXCoordinateAndTimeExtremes() throws {
        let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <gpx version="1.1" creator="Apple Health Export" xmlns="http://www.topografix.com/GPX/1/1">
          <trk><name>Route</name><trkseg>
            <trkpt lon="13.404954" lat="52.520008"><time>2024-03-01T17:00:42Z</time></trkpt>
            <trkpt lon="1e300" lat="52.5"><time>2024-03-01T17:00:43Z</time></trkpt>
            <trkpt lon="13.4" lat="NaN"><time>2024-03-01T17:00:44Z</time></trkpt>
            <trkpt lon="-inf" lat="52.5"><time>2024-03-01T17:00:45Z</time></trkpt>
            <trkpt lon="13.4" lat="123456789012345678901234567890"><time>2024-03-01T17:00:46Z</time></trkpt>
            <trkpt lon="13.4" lat="52.5"><time>9999-03-01T17:00:47Z</time></trkpt>
            <trkpt lon="13.405100" lat="52.520100"><time>2024-03-01T17:00:48Z</time></trkpt>
          </trkseg></trk>
        </gpx>
        """
        let probe = FileProbe(path: "workout-routes/route_2024-03-01_6.00pm.gpx", head: Array(text.utf8), size: Int64(text.utf8.count))
        guard case .success(let found) = ImporterRegistry.detect(probe) else { return XCTFail("GPX not recognized") }
        let result = try parseAtAllChunkSizes({ found.importer.makeParser(for: probe) }, Array(text.utf8))
        XCTAssertEqual(result.events.count, 2, result.issues.description)
        XCTAssertEqual(result.skipped, 5, result.issues.description)
        XCTAssertTrue(result.issues.contains { $0.contains("9999-03-01T17:00:47Z is not a plausible date") }, result.issues.description)
    }

    func testAppleHealthValueAndDateExtremes() throws {
        func record(_ value: String, start: String = "2024-03-01 09:55:00 +0100", end: String = "2024-03-01 10:04:00 +0100") -> String {
            #"<Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" startDate="\#(start)" endDate="\#(end)" value="\#(value)"/>"#
        }
        let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <HealthData locale="en_US">
         <ExportDate value="2024-03-02 08:00:00 +0100"/>
         \(record("8432"))
         \(record("NaN"))
         \(record("inf"))
         \(record("-1e999"))
         \(record("12", start: "9999-03-01 09:55:00 +0100", end: "9999-03-01 10:04:00 +0100"))
         \(record("13", start: "0001-03-01 09:55:00 +0100"))
         \(record("1e300"))
        </HealthData>
        """
        let probe = FileProbe(path: "apple_health_export/export.xml", head: Array(text.utf8), size: Int64(text.utf8.count))
        guard case .success(let found) = ImporterRegistry.detect(probe) else { return XCTFail("export.xml not recognized") }
        let result = try parseAtAllChunkSizes({ found.importer.makeParser(for: probe) }, Array(text.utf8))
        let values = result.events.compactMap(\.quantity)
        XCTAssertTrue(values.allSatisfy(\.isFinite), "\(values)")
        XCTAssertTrue(result.issues.contains { $0.contains("9999-03-01T09:55:00+01:00 is not a plausible date") }, result.issues.description)
        XCTAssertTrue(result.issues.contains { $0.contains("0001-03-01T09:55:00+01:00 is not a plausible date") }, result.issues.description)
        XCTAssertTrue(result.events.contains { $0.quantity == 8432 }, "the good record is still read")
    }

    func testMetaMessageTimestampExtremes() throws {
        func message(_ ms: String) -> String { #"{"sender_name": "Ann", "timestamp_ms": \#(ms), "content": "hi", "type": "Generic"}"# }
        let text = """
        {"participants": [{"name": "Ann"}, {"name": "Me"}], "messages": [
          \(message("1596910928321")),
          \(message("9223372036854775807")),
          \(message("123456789012345678901234567890")),
          \(message("1e300")),
          \(message("1596910988321"))
        ], "title": "Ann", "thread_path": "inbox/ann_1"}
        """
        try assertBadRecordsReported(text, path: "messages/inbox/ann_1/message_1.json", importer: "meta.facebook",
                                     goodRecords: 2, problems: [
            "time 9223372036854775 s since 1970 is not a plausible date",
            "message without timestamp_ms",  // the 30-digit value
            "message without timestamp_ms",  // 1e300
        ])
    }

    func testBankCSVAmountExtremesAreBadRecords() throws {
        let text = """
        Date,Description,Amount,Currency
        2024-03-01,Coffee,-3.50,EUR
        2024-03-02,Huge,123456789012345678901234567890,EUR
        2024-03-03,Float,1e300,EUR
        2024-03-04,NaN,NaN,EUR
        9999-03-05,Future,-1.00,EUR
        2024-03-06,Rent,-900.00,EUR
        """
        let probe = FileProbe(path: "statement.csv", head: Array(text.utf8), size: Int64(text.utf8.count))
        guard case .success(let found) = ImporterRegistry.detect(probe) else { return XCTFail("CSV not recognized") }
        let result = try parseAtAllChunkSizes({ found.importer.makeParser(for: probe) }, Array(text.utf8))
        XCTAssertEqual(result.events.map { $0.amount?.decimalString }, ["-3.50", "-900.00"], result.issues.description)
        XCTAssertEqual(result.skipped, 4, result.issues.description)
        XCTAssertTrue(result.issues.contains { $0.contains("line 3") && $0.contains("amount") }, result.issues.description)
        XCTAssertTrue(result.issues.contains { $0.contains("line 6") && $0.contains("not a plausible date") }, result.issues.description)
    }

    func testMT940AmountWithThirtyDigitsIsABadRecord() throws {
        let text = """
        :20:STARTUMS
        :25:10020030/1234567
        :28C:00001/001
        :60F:C240301EUR1000,00
        :61:2403010301DR3,50NTRFNONREF
        :86:Coffee
        :61:2403020302DR123456789012345678901234567890,00NTRFNONREF
        :86:Huge
        :61:2403030303CR900,00NTRFNONREF
        :86:Salary
        :62F:C240303EUR1896,50
        -
        """
        let probe = FileProbe(path: "statement.sta", head: Array(text.utf8), size: Int64(text.utf8.count))
        guard case .success(let found) = ImporterRegistry.detect(probe) else { return XCTFail("MT940 not recognized") }
        let result = try parseAtAllChunkSizes({ found.importer.makeParser(for: probe) }, Array(text.utf8))
        XCTAssertEqual(result.events.compactMap { $0.amount?.decimalString }, ["-3.50", "900.00"], result.issues.description)
        XCTAssertEqual(result.skipped, 1, result.issues.description)
        XCTAssertTrue(result.issues.contains { $0.contains("amount too large") }, result.issues.description)
    }

    func testTarPaxSizeNearInt64MaxIsAnErrorNotATrap() throws {
        var reader = TarStreamReader()
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) { for (k, b) in text.utf8.enumerated() { header[offset + k] = b } }
        func octal(_ value: Int, width: Int) -> String {
            let digits = String(value, radix: 8)
            return String(repeating: "0", count: width - digits.count) + digits
        }
        let record = "28 size=9223372036854775807\n"
        put("PaxHeaders/x", at: 0)
        put("0000644\0", at: 100)
        put(octal(record.utf8.count, width: 11) + "\0", at: 124)
        put("00000000000\0", at: 136)
        header[156] = UInt8(ascii: "x")
        put("ustar\0", at: 257)
        put("00", at: 263)
        put("        ", at: 148)
        let sum = header.reduce(0) { $0 + Int($1) }
        put(octal(sum, width: 6) + "\0 ", at: 148)
        var body = Array(record.utf8)
        body += [UInt8](repeating: 0, count: 512 - body.count)
        let archive = header + body + [UInt8](repeating: 0, count: 1024)
        XCTAssertThrowsError(try archive.withUnsafeBytes { raw in try reader.feed(raw) { _ in } }) { error in
            XCTAssertTrue("\(error)".contains("pax size 9223372036854775807"), "\(error)")
        }
    }
}
