import XCTest
import StewardCore
@testable import Importers

/// Google Play Store in Takeout as Google writes it (`Google Play Store/Installs.json`,
/// `Library.json`, `Purchase History.json`, `Order History.json`: one line, no spaces; values
/// invented).
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
    {"review":{"doc":{"documentType":"Android Apps","title":"Something"},"starRating":4}}]
    """

    static let purchases = """
    [{"purchaseHistory":{"invoicePrice":"€4.99","paymentMethodTitle":"Visa-1234","userLanguageCode":"en","userCountry":"IE","doc":{"documentType":"In App Item","title":"Tinder Gold (Tinder Dating App: Chat \\u0026 Date)"},"purchaseTime":"2024-03-01T21:14:02.118Z"}},\
    {"purchaseHistory":{"invoicePrice":"€9.99","userCountry":"IE","doc":{"documentType":"Android Apps","title":"Paddy Power Casino"},"purchaseTime":"2024-03-02T23:40:00.000Z"}},\
    {"purchaseHistory":{"invoicePrice":"€7.99","userCountry":"IE","doc":{"documentType":"Books","title":"The Gambler"},"purchaseTime":"2024-03-03T10:00:00.000Z"}},\
    {"purchaseHistory":{"invoicePrice":"€1.99","userCountry":"IE","doc":{"documentType":"In App Item"},"purchaseTime":"2024-03-04T10:00:00.000Z"}},\
    {"purchaseHistory":{"invoicePrice":"€2.99","userCountry":"IE","doc":{"documentType":"Subscription","title":"BetterHelp - Therapy"},"purchaseTime":"March 5"}}]
    """

    static let orders = """
    [{"orderHistory":{"orderId":"GPA.0000-1111-2222-33333","creationTime":"2024-04-01T20:05:00.000Z","billingInstrument":{"displayName":"Visa-1234"},"lineItem":[{"doc":{"documentType":"In App Item","title":"Hinge+ 1 month (Hinge Dating App: Match \\u0026 Date)"},"quantity":1},{"doc":{"documentType":"Movies","title":"A Film"},"quantity":1}],"totalPrice":"€19.98","renewalOrder":false}},\
    {"orderHistory":{"orderId":"GPA.0000-1111-2222-44444","creationTime":"2024-05-01T20:05:00.000Z","lineItem":[{"doc":{"documentType":"Android Apps","title":"Klarna | Shop now. Pay later."},"quantity":1},{"doc":{"documentType":"Subscription","title":"Calm - Sleep \\u0026 Meditation"},"quantity":1}],"totalPrice":"€0.00","renewalOrder":true}},\
    {"orderHistory":{"orderId":"GPA.0000-1111-2222-55555","creationTime":"2024-05-02T20:05:00.000Z","lineItem":[],"totalPrice":"€0.00"}}]
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
            XCTAssertEqual(r.sink.skippedCount, 1, "the review entry is none of the four kinds")
            XCTAssertTrue(r.sink.warnings.contains("1 item(s) that are not apps (books, films, …) were not read"), "\(r.sink.issues)")
        }
    }

    func testPurchasesAreTwoAppsWithTheirPurchaseTimeABookCountedAndTwoSkips() throws {
        for size in [1, 17, 64 * 1024] {
            let r = try parse(Self.purchases, path: "Takeout/Google Play Store/Purchase History.json", chunkSize: size)
            XCTAssertEqual(r.events.map(\.title), ["Tinder Gold (Tinder Dating App: Chat & Date)", "Paddy Power Casino"], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.code), ["purchase", "purchase"])
            XCTAssertEqual(r.events.map(\.kind), [.activity, .activity])
            XCTAssertEqual(r.events[0].time?.iso8601, "2024-03-01T21:14:02Z")
            XCTAssertFalse(r.events.contains { [$0.text, $0.title, $0.counterparty].contains { ($0 ?? "").contains("Visa") } }, "the payment method is not read")
            XCTAssertEqual(r.sink.skippedCount, 2, "chunk \(size): the item without a title and 'March 5'")
            XCTAssertTrue(r.sink.errors.contains("record 3 (/3): an app without a title"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("record 4 (/4): unreadable time (text, not quoted)"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.warnings.contains("1 item(s) that are not apps (books, films, …) were not read"), "\(r.sink.issues)")
        }
    }

    func testOrdersAreOneEventPerAppLineWithTheFilmCountedAndTheEmptyOrderSkipped() throws {
        for size in [1, 29, 64 * 1024] {
            let r = try parse(Self.orders, path: "Takeout/Google Play Store/Order History.json", chunkSize: size)
            XCTAssertEqual(r.events.map(\.title), ["Hinge+ 1 month (Hinge Dating App: Match & Date)", "Klarna | Shop now. Pay later.", "Calm - Sleep & Meditation"], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.code), ["order", "order", "order"])
            XCTAssertEqual(r.events.map { $0.time?.iso8601 }, ["2024-04-01T20:05:00Z", "2024-05-01T20:05:00Z", "2024-05-01T20:05:00Z"])
            XCTAssertEqual(r.events[1].position, r.events[2].position, "two lines of one order point at the same entry")
            XCTAssertEqual(r.sink.skippedCount, 1, "chunk \(size): the order without items")
            XCTAssertTrue(r.sink.errors.contains("record 2 (/2): an order without items"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.warnings.contains("1 item(s) that are not apps (books, films, …) were not read"), "\(r.sink.issues)")
        }
    }

    func testDetectedByTheFirstEntrysKeysUnderAnyName() {
        XCTAssertEqual(GooglePlayImporter().detect(FileProbe(path: "Installs.json", head: Array(Self.installs.utf8), size: nil))?.confidence, 0.95)
        XCTAssertEqual(GooglePlayImporter().detect(FileProbe(path: "Installationen.json", head: Array(Self.installs.utf8), size: nil))?.confidence, 0.9)
        XCTAssertEqual(GooglePlayImporter().detect(FileProbe(path: "Bibliothek.json", head: Array(Self.library.utf8), size: nil))?.confidence, 0.9)
        XCTAssertEqual(GooglePlayImporter().detect(FileProbe(path: "Purchase History.json", head: Array(Self.purchases.utf8), size: nil))?.confidence, 0.95)
        XCTAssertEqual(GooglePlayImporter().detect(FileProbe(path: "Kaufverlauf.json", head: Array(Self.purchases.utf8), size: nil))?.confidence, 0.9)
        XCTAssertEqual(GooglePlayImporter().detect(FileProbe(path: "Order History.json", head: Array(Self.orders.utf8), size: nil))?.confidence, 0.95)
        let devices = #"[{"device":{"mostRecentData":{"manufacturer":"Google"},"deviceRegistrationTime":"2023-01-01T00:00:00Z"}}]"#
        XCTAssertNil(GooglePlayImporter().detect(FileProbe(path: "Devices.json", head: Array(devices.utf8), size: nil)))
    }
}
