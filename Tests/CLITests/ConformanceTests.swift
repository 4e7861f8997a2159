import Foundation
import XCTest

/// Real export files from public projects' test suites (the sample corpus,
/// docs/architecture.md, "Sample exports") must be recognized and parsed with exact record counts. The samples are not
/// part of this repository; without them this test says it was skipped.
final class ConformanceTests: XCTestCase {
    static let samples = StewardProcess.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/samples").path

    /// Sample file → (importer id, exact record count), for the formats steward reads so far.
    static let expected: [String: (source: String, events: Int)] = [
        "ofx/checking.ofx": ("bank.ofx", 3),
        "ofx/suncorp.ofx": ("bank.ofx", 1),
        "bank-csv-eu/at-easybank/easybank-giro.csv": ("bank.csv", 10),
        // 6 records in !Type:Bank + 1 in !Type:Invst; the Class, Cat and Security lists are no transactions.
        "qif/test.qif": ("bank.qif", 7),
        // Two statements with two :61: lines each.
        "mt940/rabobank-iban.sta": ("bank.mt940", 4),
        // One Ntry with one TxDtls.
        "camt053/camt053.v2.minimal.xml": ("bank.camt053", 1),
        // 7 rows, of which 3 are "Bank Deposit to PP Account" funding rows (dropped: not income).
        "paypal-activity-csv/paypal-custom.csv": ("bank.paypal", 4),
        // 9 rows, 7 COMPLETED and 2 PENDING.
        "revolut-csv/2022-january.csv": ("bank.csv", 9),
        "google-my-activity-json/Search/My Activity.json": ("google.my_activity", 2),
        "google-youtube-watch-history-json/watch-history.json": ("google.my_activity", 2),
        // Messaging: counted by hand. iOS _chat.txt: 19 lines open a message (multi-line poll
        // and text continue them); Android: 9 headers, 2 of them system lines without a sender.
        "whatsapp-chat-txt/ios/_chat.txt": ("whatsapp.chat", 19),
        "whatsapp-chat-txt/android/test_mmddyyyy_12hrs.txt": ("whatsapp.chat", 7),
        "whatsapp-android-msgstore-db/msgstore.db": ("whatsapp.msgstore", 1),
        "telegram-desktop-json/personal_chat.json": ("telegram.desktop", 5),
        "android-sms-backup-xml/smsxml.txt": ("android.sms_backup", 4),
        // 3 locations[] fixes (ISO timestamp form).
        "google-location-history-records/records.json": ("google.location_records", 3),
        // 135 timelineObjects: 51 placeVisit + 84 activitySegment (48 with an empty startLocation:
        // 43 located by their first waypoint, 5 without any position → .activity).
        "google-semantic-location-history/2013/2013_MAY.json": ("google.semantic_location", 135),
        // 2 semanticSegments visits + 2 × 5 timelinePath points + 2 rawSignals positions.
        "google-timeline-ondevice-json/test-data.json": ("google.timeline", 14),
        "google-my-activity-html/MyActivity.html": ("google.my_activity_html", 3),
        "facebook-messenger-json/inbox/foobar_n5fd6gG50h/message_1.json": ("meta.facebook", 15),
        "facebook-friends-json/friends.json": ("meta.facebook", 9),
        "instagram-json/ads_interests.json": ("meta.instagram", 2),
        "twitter-archive/tweets.js": ("twitter.archive", 3),
        // 2 interests + 2 shows + 1 language + gender + age range; advertiser handles are not read.
        "twitter-archive/personalization.js": ("twitter.archive", 7),
        // 6 rows in visits (5 of url 37, 1 of url 119), one event per visit.
        "chrome-history-sqlite/chrome.sqlite": ("browser.chrome", 6),
        // 4 rows in moz_historyvisits (the 4 moz_places rows have visit_count 1, 3, 4, 1: older visits expired).
        "firefox-places-sqlite/firefox.sqlite": ("browser.firefox", 4),
        // 5 plays, all tracks.
        "spotify-extended-streaming-history/spotify_streaming_2023.json": ("spotify.streaming", 5),
        // 2 Records (BodyMassIndex, HeartRate) + 1 Workout + 2 ActivitySummary; Me, ExportDate,
        // MetadataEntry and WorkoutRoute are no records.
        "apple-health-export/apple_health_export/export.xml": ("apple.health", 5),
        // 3 <trkpt> in one <trkseg>.
        "apple-health-export/apple_health_export/workout-routes/route_2019-06-11_3.00pm.gpx": ("gpx.track", 3),
        // One photo with a GPS fix and a date.
        "exif-gps-jpeg/IMG_20180725_163423-tiny.jpg": ("photo.exif", 1),
    ]

    func testSamplesAreRecognizedWithExactCounts() throws {
        guard FileManager.default.fileExists(atPath: Self.samples) else {
            throw XCTSkip("skipped: \(Self.samples) is absent, so the conformance test over real sample exports did not run")
        }
        let home = try StewardProcess.makeTemporaryDirectory("conformance")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try StewardProcess.run(["scan", Self.samples, "--no-db", "--format", "json", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try StewardProcess.json(result.stdout)
        let inputs = try XCTUnwrap(report["inputs"] as? [[String: Any]])
        let unrecognized = try XCTUnwrap(report["unrecognized"] as? [[String: Any]])
        func relative(_ path: String) -> String { String(path.dropFirst(Self.samples.count + 1)) }
        let parsed = Dictionary(uniqueKeysWithValues: inputs.map { (relative($0["path"] as! String), $0) })
        for (file, want) in Self.expected {
            let input = try XCTUnwrap(parsed[file], "\(file) was not recognized")
            XCTAssertEqual(input["source"] as? String, want.source, file)
            XCTAssertEqual(input["events"] as? Int, want.events, file)
            XCTAssertEqual(input["skipped"] as? Int, 0, file)
        }
        // Nothing silently ignored: every sample file is either read or listed with a reason.
        let listed = Set(parsed.keys).union(unrecognized.compactMap { ($0["path"] as? String).map(relative) })
        let all = FileManager.default.enumerator(atPath: Self.samples)!.compactMap { $0 as? String }.filter { name in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: Self.samples + "/" + name, isDirectory: &isDir) && !isDir.boolValue
        }
        for file in all {
            XCTAssertTrue(listed.contains(file), "\(file) is neither read nor reported")
        }
        for entry in unrecognized {
            XCTAssertFalse((entry["reason"] as? String ?? "").isEmpty)
        }
        // Scanning never leaves files beside the inputs (e.g. SQLite -wal/-shm).
        XCTAssertFalse(all.contains { $0.hasSuffix("-wal") || $0.hasSuffix("-shm") })
    }
}
