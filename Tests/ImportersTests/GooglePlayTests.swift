import XCTest
import StewardCore
@testable import Importers

/// Google Play Store in Takeout as Google writes it (`Google Play Store/Installs.json`,
/// `Library.json`: one line, no spaces; values invented).
final class GooglePlayTests: XCTestCase {
    static func install(_ title: String?, _ time: String) -> String {
        let doc = title.map { #"{"documentType":"Android Apps","title":"\#($0)"}"# } ?? #"{"documentType":"Android Apps"}"#
        return #"{"install":{"doc":\#(doc),"firstInstallationTime":"\#(time)","deviceAttribute":{"manufacturer":"Google","deviceDisplayName":"Google Pixel 7","model":"Pixel 7","carrier":"Example Mobile"},"lastUpdateTime":"2024-05-01T10:00:00.000Z"}}"#
    }

    static let installs = "[" + [
        install("Tinder Dating App: Chat \\u0026 Date", "2023-02-11T19:22:05.120Z"),
        install("Grindr - Gay Dating \\u0026 Chat", "2023-03-04T22:10:00.000Z"),
        install("bet365 - Sports Betting", "2024-01-20T23:40:00.000Z"),
        install("Maps", "last year"),
        install(nil, "2024-01-21T08:00:00.000Z"),
    ].joined(separator: ",") + "]"

    static let library = """
    [{"libraryDoc":{"doc":{"documentType":"Android Apps","title":"Klarna | Shop now. Pay later."},"acquisitionTime":"2024-02-02T12:00:00.000Z"}},\
    {"libraryDoc":{"doc":{"documentType":"Books","title":"The Gambler"},"acquisitionTime":"2022-01-01T00:00:00.000Z"}},\
    {"libraryDoc":{"doc":{"documentType":"Android Apps","title":"BetterHelp - Therapy"},"acquisitionTime":"2024-04-09T21:00:00.000Z"}},\
    {"purchaseHistory":{"doc":{"documentType":"Android Apps","title":"Something"}}}]
    """

    func parse(_ text: String, path: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "google.play", chunkSize: chunkSize)
    }

    func testInstallsAreThreeAppsWithTheirFirstInstallationAndTwoSkips() throws {
        for size in [1, 13, 64 * 1024] {
            let r = try parse(Self.installs, path: "Takeout/Google Play Store/Installs.json", chunkSize: size)
            XCTAssertEqual(r.events.map(\.title), ["Tinder Dating App: Chat & Date", "Grindr - Gay Dating & Chat", "bet365 - Sports Betting"], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.code), ["install", "install", "install"])
            XCTAssertEqual(r.events[0].time?.iso8601, "2023-02-11T19:22:05Z")
            XCTAssertEqual(r.events[0].kind, .activity)
            XCTAssertEqual(r.events[0].product, "Google Play")
            XCTAssertFalse(r.events.contains { ($0.text ?? "").contains("Pixel") || ($0.place ?? "").contains("Pixel") }, "the device is not read")
            XCTAssertEqual(r.sink.skippedCount, 2, "chunk \(size): 'last year' and the app without a title")
            XCTAssertTrue(r.sink.errors.contains("record 3 (/3): unreadable time (text, not quoted)"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("record 4 (/4): an app without a title"), "\(r.sink.issues)")
        }
    }

    func testLibraryReadsAppsOnlyAndCountsTheBook() throws {
        for size in [1, 64 * 1024] {
            let r = try parse(Self.library, path: "Takeout/Google Play Store/Library.json", chunkSize: size)
            XCTAssertEqual(r.events.map(\.title), ["Klarna | Shop now. Pay later.", "BetterHelp - Therapy"], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.code), ["library", "library"])
            XCTAssertEqual(r.events[1].time?.iso8601, "2024-04-09T21:00:00Z")
            XCTAssertEqual(r.sink.skippedCount, 1, "the purchase entry is neither kind")
            XCTAssertTrue(r.sink.warnings.contains("1 library item(s) that are not apps (books, films, …) were not read"), "\(r.sink.issues)")
        }
    }

    func testDetectedByTheFirstEntrysKeysUnderAnyName() {
        XCTAssertEqual(GooglePlayImporter().detect(FileProbe(path: "Installs.json", head: Array(Self.installs.utf8), size: nil))?.confidence, 0.95)
        XCTAssertEqual(GooglePlayImporter().detect(FileProbe(path: "Installationen.json", head: Array(Self.installs.utf8), size: nil))?.confidence, 0.9)
        XCTAssertEqual(GooglePlayImporter().detect(FileProbe(path: "Bibliothek.json", head: Array(Self.library.utf8), size: nil))?.confidence, 0.9)
        let devices = #"[{"device":{"mostRecentData":{"manufacturer":"Google"},"deviceRegistrationTime":"2023-01-01T00:00:00Z"}}]"#
        XCTAssertNil(GooglePlayImporter().detect(FileProbe(path: "Devices.json", head: Array(devices.utf8), size: nil)))
    }
}
