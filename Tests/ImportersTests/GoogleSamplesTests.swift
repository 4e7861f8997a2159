import Foundation
import XCTest
import StewardCore
@testable import Importers

/// Runs the real Google sample exports of the sample corpus (outside the package, never
/// copied into it: docs/architecture.md, "Sample exports") through registry detection and the parser.
final class GoogleSamplesTests: XCTestCase {
    static let samples = SampleCorpus.root

    func parseViaRegistry(_ relativePath: String) throws -> (id: String, events: [Event], sink: EventSink) {
        let url = Self.samples.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("skipped: samples absent (\(url.path))")
        }
        let bytes = [UInt8](try Data(contentsOf: url))
        let probe = FileProbe(path: relativePath, head: Array(bytes.prefix(FileProbe.headLength)), size: Int64(bytes.count))
        guard case .success(let hit) = ImporterRegistry.detect(probe) else {
            XCTFail("\(relativePath) not recognized")
            return ("", [], EventSink { _ in })
        }
        let collector = EventCollector()
        var parser = hit.importer.makeParser(for: probe)
        try parser.parseAll(bytes, chunkSize: 5, into: collector.sink)
        return (hit.importer.id, collector.events, collector.sink)
    }

    func testSearchSample() throws {
        // 2 records by hand: one "Visited …", one "Searched for …" with locationInfos.
        let r = try parseViaRegistry("google-my-activity-json/Search/My Activity.json")
        XCTAssertEqual(r.id, "google.my_activity")
        XCTAssertEqual(r.events.count, 2)
        XCTAssertEqual(r.sink.skippedCount, 0)
        XCTAssertEqual(r.sink.issues, [])
        XCTAssertEqual(r.events.map(\.kind), [.pageView, .search])
        XCTAssertEqual(r.events[1].text, "\"myactivity\" google export")
        XCTAssertEqual(r.events[1].url, "https://www.google.com/search?q=%22myactivity%22+google+export")
        XCTAssertEqual(r.events[1].time?.iso8601, "2019-05-30T15:37:14Z")
    }

    func testYouTubeWatchHistorySample() throws {
        // 2 records by hand; the anonymised titles lost their "Watched " verb, the activity
        // control still marks them as watch history.
        let r = try parseViaRegistry("google-youtube-watch-history-json/watch-history.json")
        XCTAssertEqual(r.id, "google.my_activity")
        XCTAssertEqual(r.events.count, 2)
        XCTAssertEqual(r.sink.skippedCount, 0)
        XCTAssertEqual(r.events.map(\.kind), [.watch, .watch])
        XCTAssertEqual(r.events.map(\.counterparty), ["Channel 1", "Channel 2"])
        XCTAssertEqual(r.events.map(\.title), ["Video 1", "Video 2"])
    }
}
