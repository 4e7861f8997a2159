import XCTest
import StewardCore
@testable import Importers

/// The iPhone's App Privacy Report as iOS writes it: one compact JSON object a line, access
/// lines in pairs (intervalBegin, intervalEnd) and one networkActivity line per app and domain
/// with the week's hit count (keys as Apple's developer documentation lists them; values
/// invented).
final class AppPrivacyReportTests: XCTestCase {
    static let file = """
    {"accessor":{"identifierType":"bundleID","identifier":"com.cardify.tinder"},"category":"location","identifier":"0B0E4C1A-5E7B-4C55-9E1B-2D6F0C1A2B01","kind":"intervalBegin","timeStamp":"2024-06-03T21:14:02.331+02:00","type":"access"}
    {"accessor":{"identifierType":"bundleID","identifier":"com.cardify.tinder"},"category":"location","identifier":"0B0E4C1A-5E7B-4C55-9E1B-2D6F0C1A2B01","kind":"intervalEnd","timeStamp":"2024-06-03T21:14:09.004+02:00","type":"access"}
    {"domain":"api.gotinder.com","firstTimeStamp":"2024-06-01T08:00:00Z","context":"","timeStamp":"2024-06-03T19:20:00Z","domainType":2,"initiatedType":"AppInitiated","hits":40,"type":"networkActivity","domainOwner":"","bundleID":"com.cardify.tinder"}
    {"domain":"app-measurement.com","firstTimeStamp":"2024-06-01T08:00:05Z","context":"","timeStamp":"2024-06-03T19:20:04Z","domainType":1,"initiatedType":"AppInitiated","hits":6,"type":"networkActivity","domainOwner":"Google LLC","bundleID":"com.cardify.tinder"}
    {"domain":"www.bet365.com","firstTimeStamp":"2024-06-02T22:40:00Z","context":"bet365.com","timeStamp":"2024-06-02T23:55:00Z","domainType":2,"initiatedType":"NonAppInitiated","hits":25,"type":"networkActivity","domainOwner":"","bundleID":"com.apple.mobilesafari"}
    {"domain":"www.google-analytics.com","firstTimeStamp":"2024-06-02T22:40:01Z","context":"bet365.com","timeStamp":"2024-06-02T23:55:01Z","domainType":1,"initiatedType":"NonAppInitiated","hits":3,"type":"networkActivity","domainOwner":"Google LLC","bundleID":"com.apple.mobilesafari"}
    {"accessor":{"identifierType":"bundleID","identifier":"com.example.notes"},"category":"contacts","identifier":"7F1D2E3C-0000-4A4A-8B8B-111122223333","kind":"intervalBegin","timeStamp":"2024-06-04T10:00:00.000+02:00","type":"access"}
    {"category":"photos","identifier":"7F1D2E3C-0000-4A4A-8B8B-111122223334","kind":"intervalBegin","timeStamp":"2024-06-04T10:00:00.000+02:00","type":"access"}
    {"domain":"example.net","firstTimeStamp":"2024-06-01T08:00:00Z","context":"","timeStamp":"yesterday","domainType":2,"initiatedType":"AppInitiated","hits":1,"type":"networkActivity","domainOwner":"","bundleID":"com.example.notes"}
    garbage
    {"type":"somethingNew","timeStamp":"2024-06-04T10:00:00Z"}


    """

    func parse(_ text: String, path: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "apple.app_privacy_report", chunkSize: chunkSize)
    }

    func testThreeAppsAndOneBrowsedSiteAreFourEventsWithThreeBadLinesSkippedAndOneUnknownTypeCounted() throws {
        for size in [1, 29, 64 * 1024] {
            let r = try parse(Self.file, path: "Files/App_Privacy_Report_v4_2024-06-04T10_05_00.ndjson", chunkSize: size)
            XCTAssertEqual(r.events.map(\.kind), [.pageView, .activity, .activity, .activity], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.title), [nil, "com.cardify.tinder", "com.apple.mobilesafari", "com.example.notes"])
            XCTAssertEqual(r.events[0].url, "bet365.com", "the website opened, not each domain it loaded")
            XCTAssertEqual(r.events[0].product, "com.apple.mobilesafari")
            XCTAssertEqual(r.events[0].quantity, 25)
            XCTAssertEqual(r.events[0].position.line, 5)
            let tinder = r.events[1]
            XCTAssertEqual(tinder.code, "app")
            XCTAssertEqual(tinder.position.line, 1)
            XCTAssertEqual(tinder.quantity, 46)
            XCTAssertEqual(tinder.time?.iso8601, "2024-06-01T08:00:00Z")
            XCTAssertEqual(tinder.endTime?.iso8601, "2024-06-03T19:20:04Z", "the latest of its access and network times")
            XCTAssertEqual(tinder.text, "46 connections to 2 domains, 1 of them classed as tracking (app-measurement.com); began using location 1×")
            XCTAssertEqual(r.events[2].text, "28 connections to 2 domains, 1 of them classed as tracking (www.google-analytics.com)")
            XCTAssertEqual(r.events[3].text, "began using contacts 1×")
            XCTAssertEqual(r.sink.skippedCount, 3, "chunk \(size): no accessor, 'yesterday', garbage")
            XCTAssertTrue(r.sink.errors.contains("line 8: an access without the app that made it"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("line 9: unreadable time (text, not quoted)"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("line 10: not an object"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.warnings.contains("1 line(s) of a type other than access and networkActivity were not read"), "\(r.sink.issues)")
        }
    }

    func testDetectedByTheFirstLinesKeysNotByName() {
        let head = Array(Self.file.utf8)
        XCTAssertEqual(AppPrivacyReportImporter().detect(FileProbe(path: "App_Privacy_Report_v4_2024.ndjson", head: head, size: nil))?.confidence, 0.95)
        XCTAssertEqual(AppPrivacyReportImporter().detect(FileProbe(path: "report.json", head: head, size: nil))?.confidence, 0.9)
        let discord = #"{"event_type":"launch","type":"access","timeStamp":"2024-01-01T00:00:00Z"}"# + "\n"
        XCTAssertNil(AppPrivacyReportImporter().detect(FileProbe(path: "events-2024-00000-of-00001.json", head: Array(discord.utf8), size: nil)),
                     "a type of access without an accessor and category is not this report")
    }

    func testAFileWithoutAnyJSONObjectLineIsRejected() {
        var parser = AppPrivacyReportParser()
        let collector = EventCollector()
        XCTAssertThrowsError(try parser.parseAll(Array("just text\n".utf8), into: collector.sink))
    }
}
