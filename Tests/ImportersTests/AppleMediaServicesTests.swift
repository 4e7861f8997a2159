import XCTest
import StewardCore
@testable import Importers

/// The App Store histories of Apple's Data and Privacy download as Apple writes them: CSVs with
/// a header row, ISO dates in UTC with milliseconds, prices in the store's currency format
/// (column lists as other projects' parsers of the real download read them; values invented).
final class AppleMediaServicesTests: XCTestCase {
    static let purchases = """
    Item Purchased Date,Content Type,Item Description,Seller,Container Description,Invoice Item Total,Item Reference Number,Device Details
    2023-05-03T20:15:08.820Z,iOS and tvOS Apps,Tinder Dating App: Date & Chat,Match Group LLC,,£0.00,1000000001,iPhone 13
    2024-01-20T23:40:00.000Z,iOS and tvOS Apps,bet365 - Sports Betting,Hillside (Technology) Ltd,,Free,1000000002,iPhone 13
    2024-02-02T12:00:00.000Z,In-App Purchase,"Coins, 1,000",Example Games Ltd,Example Puzzle,£4.99,1000000003,iPhone 13
    ,iOS and tvOS Apps,Calm,Calm.com Inc.,,£0.00,1000000004,iPhone 13
    2024-02-03T12:00:00.000Z,iOS and tvOS Apps,,Example Ltd,,£0.00,1000000005,iPhone 13
    last week,iOS and tvOS Apps,Maps Plus,Example Ltd,,£0.00,1000000006,iPhone 13

    """

    static let subscriptions = """
    Subscription Initiated Date,Content Type,Item Description,Container Description,Automatic Renewal?,Item Reference Number
    2023-05-04T08:00:00.000Z,In-App Subscription,Tinder Gold,Tinder Dating App: Date & Chat,Yes,2000000001
    2022-01-01T08:00:00.000Z,Apple Music Subscription,Apple Music Individual,,No,2000000002

    """

    func parse(_ text: String, path: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "apple.media_services", chunkSize: chunkSize)
    }

    func testPurchaseHistoryIsFourAcquisitionsWithPricesOnlyWhenPaidAndTwoBadRowsSkipped() throws {
        for size in [1, 37, 64 * 1024] {
            let r = try parse(Self.purchases, path: "Apple_Media_Services/Stores Activity/Other Customer Activity/Store Transaction Purchase and Free Apps History.csv", chunkSize: size)
            XCTAssertEqual(r.events.map(\.title), ["Tinder Dating App: Date & Chat", "bet365 - Sports Betting", "Coins, 1,000", "Calm"], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.text), ["Tinder Dating App: Date & Chat", "bet365 - Sports Betting", "Coins, 1,000 · £4.99", "Calm"])
            XCTAssertEqual(r.events.map(\.product), ["iOS and tvOS Apps", "iOS and tvOS Apps", "In-App Purchase", "iOS and tvOS Apps"])
            XCTAssertEqual(r.events[0].time?.iso8601, "2023-05-03T20:15:08Z")
            XCTAssertNil(r.events[3].time, "a row without a date is kept, undated")
            XCTAssertEqual(r.sink.skippedCount, 2, "chunk \(size)")
            XCTAssertTrue(r.sink.errors.contains("line 6 record 4: no item description"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("line 7 record 5: unreadable date (text, not quoted)"), "\(r.sink.issues)")
        }
    }

    func testSubscriptionHistoryNamesTheAppAndThePlan() throws {
        let r = try parse(Self.subscriptions, path: "Subscription History.csv", chunkSize: 64 * 1024)
        XCTAssertEqual(r.events.map(\.title), ["Tinder Dating App: Date & Chat", "Apple Music Individual"])
        XCTAssertEqual(r.events.map(\.text), ["Tinder Gold · renews", "Apple Music Individual · ended"])
        XCTAssertEqual(r.events.map(\.code), ["subscription", "subscription"])
        XCTAssertEqual(r.sink.skippedCount, 0)
    }

    func testFreeMeansNothingWasPaid() {
        XCTAssertTrue(AppleMediaServicesRowMapper.isFree("£0.00"))
        XCTAssertTrue(AppleMediaServicesRowMapper.isFree("0,00 €"))
        XCTAssertTrue(AppleMediaServicesRowMapper.isFree("Free"))
        XCTAssertFalse(AppleMediaServicesRowMapper.isFree("$0.99"))
        XCTAssertFalse(AppleMediaServicesRowMapper.isFree("n/a"))
    }
}
