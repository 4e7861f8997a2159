import Foundation
import XCTest
@testable import Importers
@testable import StewardCore

/// The SQLite importers' clock columns fed the extremes (Int64 min/max, ±1e300, ±inf): each
/// such row is a skipped record naming the value, the fixture's good rows are still read.
/// SQLite hands a REAL to an integer read saturated at the Int64 limits, so every extreme
/// arrives as one of those or as a float.
final class HostileSQLiteNumbersTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "/steward-sqlite-numbers-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func read(_ name: String, wal: Bool, _ statements: [String]) throws -> (ParsedInput, [Event]) {
        let path = dir + "/" + name
        SQLiteTestDatabase.write(path, wal: wal, checkpoint: wal, statements)
        let delegate = SQLiteTestDatabase.read(path)
        return (try XCTUnwrap(delegate.inputs.first), delegate.events.map(\.1))
    }

    private func assertMentions(_ input: ParsedInput, _ texts: [String], file: StaticString = #filePath, line: UInt = #line) {
        for text in texts {
            XCTAssertTrue(input.errors.contains { $0.contains(text) }, "no problem says '\(text)': \(input.errors)", file: file, line: line)
        }
    }

    func testChromeVisitTimeExtremes() throws {
        let (input, events) = try read("History", wal: false, BrowserHistoryTests.chrome + [
            "INSERT INTO visits (id, url, visit_time, transition) VALUES (20, 1, -9223372036854775808, 0)",
            "INSERT INTO visits (id, url, visit_time, transition) VALUES (21, 1, 9223372036854775807, 0)",
            "INSERT INTO visits (id, url, visit_time, transition) VALUES (22, 1, 1e300, 0)",
            "INSERT INTO visits (id, url, visit_time, transition) VALUES (23, 1, -9e999, 0)",
        ])
        XCTAssertEqual(input.events, 4, "the fixture's good visits")
        XCTAssertEqual(events.count, 4)
        XCTAssertEqual(input.skipped, 2 + 4, input.errors.description)
        assertMentions(input, ["/visits/20): visit time -9223372036854775808 is not a plausible date",
                               "/visits/21): visit time 9223372036854775807 is not a plausible date",
                               "/visits/22): visit time 9223372036854775807 is not a plausible date",
                               "/visits/23): visit time -9223372036854775808 is not a plausible date"])
    }

    func testFirefoxVisitDateExtremes() throws {
        let (input, _) = try read("places.sqlite", wal: true, BrowserHistoryTests.firefox + [
            "INSERT INTO moz_historyvisits VALUES (10, 0, 1, 9223372036854775807, 1, 0)",
            "INSERT INTO moz_historyvisits VALUES (11, 0, 1, -9223372036854775808, 1, 0)",
            "INSERT INTO moz_historyvisits VALUES (12, 0, 1, 1e300, 1, 0)",
        ])
        XCTAssertEqual(input.events, 2)
        XCTAssertEqual(input.skipped, 1 + 3, input.errors.description)
        assertMentions(input, ["/moz_historyvisits/10): visit time 9223372036854775807 is not a plausible date",
                               "/moz_historyvisits/11): visit time -9223372036854775808 is not a plausible date",
                               "/moz_historyvisits/12): visit time 9223372036854775807 is not a plausible date"])
    }

    func testSafariVisitTimeExtremes() throws {
        let (input, _) = try read("History.db", wal: true, BrowserHistoryTests.safari + [
            "INSERT INTO history_visits (id, history_item, visit_time, title) VALUES (10, 2, 1e300, 'huge')",
            "INSERT INTO history_visits (id, history_item, visit_time, title) VALUES (11, 2, 9e999, 'infinite')",
            "INSERT INTO history_visits (id, history_item, visit_time, title) VALUES (12, 2, 9223372036854775807, 'max')",
        ])
        XCTAssertEqual(input.events, 3)
        XCTAssertEqual(input.skipped, 1 + 3, input.errors.description)
        assertMentions(input, ["/history_visits/10): visit time", "/history_visits/11): visit time",
                               "/history_visits/12): visit time 9223372036854775807 is not a plausible date"])
    }

    func testWhatsAppMsgstoreTimestampExtremes() throws {
        let (input, events) = try read("msgstore.db", wal: true, WhatsAppMsgstoreTests.legacy + [
            "INSERT INTO messages VALUES (10, '15551234567@s.whatsapp.net', 0, 'B1', 0, 'max', 9223372036854775807, '0', NULL)",
            "INSERT INTO messages VALUES (11, '15551234567@s.whatsapp.net', 0, 'B2', 0, 'min', -9223372036854775808, '0', NULL)",
            "INSERT INTO messages VALUES (12, '15551234567@s.whatsapp.net', 0, 'B3', 0, 'huge', 1e300, '0', NULL)",
            "INSERT INTO messages VALUES (13, '15551234567@s.whatsapp.net', 0, 'B4', 0, 'year 9999', 253402300800000, '0', NULL)",
        ])
        XCTAssertEqual(input.events, 3)
        XCTAssertEqual(events.map { $0.text ?? "-" }, ["Are you coming?", "On my way", "-"])
        XCTAssertEqual(input.skipped, 1 + 4, input.errors.description)
        assertMentions(input, ["/messages/10): timestamp 9223372036854775807 is not a plausible date",
                               "/messages/11): no timestamp",
                               "/messages/12): timestamp 9223372036854775807 is not a plausible date",
                               "/messages/13): timestamp 253402300800000 is not a plausible date"])
    }
}
