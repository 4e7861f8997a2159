import XCTest
import StewardCore
@testable import Importers

/// Uber Eats' `Eats/eats_order_details.csv` from Uber's "Download your data", in its real
/// layout: one row per item, eleven columns, times as `2024-03-01 22:41:07 +0000 UTC`, the
/// order's price repeated on each of its items (values invented).
final class UberEatsOrdersTests: XCTestCase {
    static let header = "Territory,Restaurant ID,Order ID,Order Time,Order Status,Item Name,Customizations,Special Instructions,Item Price,Order Price,Currency"
    static let file = [
        header,
        #"London,8f3c1d2e-0000-4000-8000-000000000001,a1b2c3d4-1111-4000-8000-000000000001,2024-03-01 22:41:07 +0000 UTC,completed,Margherita Pizza,"Extra basil, Add: Peroni 330ml",Ring the bell twice,12.50,16.00,GBP"#,
        #"London,8f3c1d2e-0000-4000-8000-000000000001,a1b2c3d4-1111-4000-8000-000000000001,2024-03-01 22:41:07 +0000 UTC,completed,Garlic Bread,,,3.50,16.00,GBP"#,
        #"London,8f3c1d2e-0000-4000-8000-000000000002,a1b2c3d4-1111-4000-8000-000000000002,2024-03-02 23:55:00 +0000 UTC,completed,Heineken Lager 6 x 330ml,,,9.49,24.99,GBP"#,
        #"London,8f3c1d2e-0000-4000-8000-000000000002,a1b2c3d4-1111-4000-8000-000000000002,2024-03-02 23:55:00 +0000 UTC,completed,Marlboro Gold Cigarettes 20s,,,15.50,24.99,GBP"#,
        #"London,8f3c1d2e-0000-4000-8000-000000000003,a1b2c3d4-1111-4000-8000-000000000003,2024-03-03 12:00:00 +0000 UTC,canceled,Chicken Katsu Curry,,,10.95,10.95,GBP"#,
        #"London,8f3c1d2e-0000-4000-8000-000000000004,a1b2c3d4-1111-4000-8000-000000000004,2024-03-04 19:00:00 +0000 UTC,completed,Clearblue Rapid Detection Pregnancy Test x1,,,,8.99,GBP"#,
        #"London,8f3c1d2e-0000-4000-8000-000000000004,a1b2c3d4-1111-4000-8000-000000000005,last tuesday,completed,Water 500ml,,,0.99,0.99,GBP"#,
    ].joined(separator: "\n") + "\n"

    func parse(_ text: String, path: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "uber.eats", chunkSize: chunkSize)
    }

    func testDeliveredItemsArePurchasesAndCancelledOrdersAreCounted() throws {
        for size in [1, 29, 64 * 1024] {
            let r = try parse(Self.file, path: "Uber Data/Eats/eats_order_details.csv", chunkSize: size)
            XCTAssertEqual(r.events.count, 5, "chunk \(size)")
            XCTAssertEqual(r.events.map { $0.text ?? "" }, [
                "Margherita Pizza · Extra basil, Add: Peroni 330ml", "Garlic Bread", "Heineken Lager 6 x 330ml",
                "Marlboro Gold Cigarettes 20s", "Clearblue Rapid Detection Pregnancy Test x1",
            ])
            XCTAssertTrue(r.events.allSatisfy { $0.kind == .transaction && $0.source == "uber.eats" && $0.counterparty == "Uber Eats" })
            XCTAssertEqual(r.events[0].time?.iso8601, "2024-03-01T22:41:07Z")
            XCTAssertEqual(r.events[0].amount, Money(units: -1250, scale: 2, currency: "GBP"), "the item's price, not the order's")
            XCTAssertEqual(r.events[0].code, "a1b2c3d4-1111-4000-8000-000000000001")
            XCTAssertEqual(r.events[0].position.line, 2)
            XCTAssertNil(r.events[4].amount, "an item without a price is still an item ordered")
            XCTAssertFalse(r.events.contains { ($0.text ?? "").contains("Ring the bell") }, "notes to the courier are not read")
            XCTAssertEqual(r.sink.skippedCount, 1, "chunk \(size): the row whose time is 'last tuesday'")
            XCTAssertTrue(r.sink.errors.contains { $0.hasPrefix("line 8") && $0.contains("unreadable order time") }, "\(r.sink.issues)")
            XCTAssertTrue(r.sink.warnings.contains("1 item(s) of cancelled or undelivered orders were not counted as purchases"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.warnings.contains("1 item(s) without a readable price: kept as purchases without an amount"), "\(r.sink.issues)")
        }
    }

    func testStatusesThatDeliveredNothing() {
        for status in ["canceled", "cancelled_by_eater", "failed", "unfulfilled", "rejected"] {
            XCTAssertTrue(UberEatsOrderRowMapper.isNotDelivered(status), status)
        }
        for status in ["completed", ""] { XCTAssertFalse(UberEatsOrderRowMapper.isNotDelivered(status), status) }
    }

    func testDetectedByTheOrderColumnsNotByNameAndNotTakenForTrips() {
        let head = Array(Self.file.utf8)
        XCTAssertEqual(UberEatsOrdersImporter().detect(FileProbe(path: "eats_order_details.csv", head: head, size: nil))?.confidence, 0.95)
        XCTAssertEqual(UberEatsOrdersImporter().detect(FileProbe(path: "orders.csv", head: head, size: nil))?.confidence, 0.9)
        XCTAssertNil(UberTripsImporter().detect(FileProbe(path: "eats_order_details.csv", head: head, size: nil)))
        XCTAssertNil(UberEatsOrdersImporter().detect(FileProbe(path: "trips_data-0.csv", head: Array(UberTripsTests.file.utf8), size: nil)))
        let restaurants = "Restaurant ID,Restaurant Name\n8f3c1d2e-0000-4000-8000-000000000001,Pizza Pilgrims\n"
        XCTAssertNil(UberEatsOrdersImporter().detect(FileProbe(path: "eats_restaurant_names.csv", head: Array(restaurants.utf8), size: nil)))
    }
}
