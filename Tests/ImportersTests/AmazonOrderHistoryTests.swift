import XCTest
import StewardCore
@testable import Importers

/// Amazon "Request My Data" order history (`Retail.OrderHistory.1.csv`) as Amazon writes it:
/// every field quoted, a BOM, CRLF, 28 columns (values invented).
final class AmazonOrderHistoryTests: XCTestCase {
    static let columns = ["Website", "Order ID", "Order Date", "Purchase Order Number", "Currency", "Unit Price",
                          "Unit Price Tax", "Shipping Charge", "Total Discounts", "Total Owed", "Shipment Item Subtotal",
                          "Shipment Item Subtotal Tax", "ASIN", "Product Condition", "Quantity", "Payment Instrument Type",
                          "Order Status", "Shipment Status", "Ship Date", "Shipping Option", "Shipping Address",
                          "Billing Address", "Carrier Name & Tracking Number", "Product Name", "Gift Message",
                          "Gift Sender Name", "Gift Recipient Contact Details", "Item Serial Number"]

    static func row(_ values: [String: String]) -> String {
        let defaults: [String: String] = [
            "Website": "Amazon.com", "Order ID": "111-0000000-0000001", "Purchase Order Number": "Not Applicable",
            "Currency": "USD", "Unit Price Tax": "0", "Shipping Charge": "0", "Total Discounts": "'0'",
            "Shipment Item Subtotal": "Not Available", "Shipment Item Subtotal Tax": "Not Available",
            "ASIN": "B000000001", "Product Condition": "New", "Quantity": "1", "Payment Instrument Type": "Visa - 4242",
            "Order Status": "Closed", "Shipment Status": "Shipped", "Ship Date": "2024-08-16T08:00:00Z",
            "Shipping Option": "std-us", "Shipping Address": "A Person 1 Example Street", "Billing Address": "A Person 1 Example Street",
            "Carrier Name & Tracking Number": "AMZN_US(TBA000000000001)", "Gift Message": "Not Available",
            "Gift Sender Name": "Not Available", "Gift Recipient Contact Details": "Not Available", "Item Serial Number": "Not Available",
        ]
        return columns.map { name in
            let value = values[name] ?? defaults[name] ?? ""
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    static let file: String = {
        var lines = [columns.map { "\"\($0)\"" }.joined(separator: ",")]
        lines.append(row(["Order Date": "2024-08-15T12:00:00Z", "Unit Price": "13.49", "Total Owed": "13.49", "Currency": "GBP",
                          "Website": "Amazon.co.uk", "Product Name": "Clearblue Digital Pregnancy Test with Weeks Indicator, 2 Tests"]))
        lines.append(row(["Order Date": "2024-08-15T12:00:00.799Z", "Unit Price": "29.99", "Total Discounts": "'-3.00'",
                          "Total Owed": "26.99", "Quantity": "2", "ASIN": "B000000002",
                          "Product Name": "Vape starter kit, \"pod\" system\nwith 2 cartridges"]))
        lines.append(row(["Order Date": "2024-09-01T09:30:00Z", "Unit Price": "Not Available", "Total Owed": "Not Available",
                          "Product Name": "Nintendo Switch game"]))
        lines.append(row(["Order Date": "2024-09-02T09:30:00Z", "Unit Price": "5.00", "Total Owed": "5.00",
                          "Order Status": "Cancelled", "Product Name": "Something never shipped"]))
        lines.append(row(["Order Date": "last week", "Unit Price": "5.00", "Total Owed": "5.00", "Product Name": "Private item"]))
        lines.append(row(["Order Date": "2024-09-03T09:30:00Z", "Unit Price": "5.00", "Total Owed": "5.00", "Product Name": "Not Available"]))
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }()

    func parse(_ text: String, path: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "amazon.orders", chunkSize: chunkSize)
    }

    func testItemsArePurchasesWithProductTextAmountAndCurrency() throws {
        for size in [1, 11, 64 * 1024] {
            let r = try parse(Self.file, path: "Your Orders/Retail.OrderHistory.1/Retail.OrderHistory.1.csv", chunkSize: size)
            XCTAssertEqual(r.events.count, 3, "chunk \(size)")
            let test = r.events[0]
            XCTAssertEqual(test.source, "amazon.orders")
            XCTAssertEqual(test.kind, .transaction)
            XCTAssertEqual(test.text, "Clearblue Digital Pregnancy Test with Weeks Indicator, 2 Tests")
            XCTAssertEqual(test.counterparty, "Amazon.co.uk")
            XCTAssertEqual(test.amount, Money(units: -1349, scale: 2, currency: "GBP"))
            XCTAssertEqual(test.time?.iso8601, "2024-08-15T12:00:00Z")
            XCTAssertEqual(test.code, "B000000001")
            XCTAssertEqual(test.position.line, 2)
            XCTAssertEqual(r.events[1].text, "Vape starter kit, \"pod\" system\nwith 2 cartridges")
            XCTAssertEqual(r.events[1].amount, Money(units: -2699, scale: 2, currency: "USD"))
            XCTAssertEqual(r.events[1].quantity, 2)
            XCTAssertEqual(r.events[2].text, "Nintendo Switch game")
            XCTAssertNil(r.events[2].amount, "Not Available: kept without an amount")
            XCTAssertEqual(r.sink.skippedCount, 2, "the unreadable date and the missing product name")
            XCTAssertTrue(r.sink.issues.contains("1 item(s) without a readable total: kept as purchases without an amount"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.issues.contains("1 cancelled item(s) were not counted as purchases"), "\(r.sink.issues)")
            XCTAssertFalse(r.sink.issues.contains { $0.contains("Private item") || $0.contains("last week") }, "\(r.sink.issues)")
        }
    }

    func testDetectionByHeaderNotName() {
        let head = Array(Self.file.utf8)
        XCTAssertEqual(AmazonOrderHistoryImporter().detect(FileProbe(path: "orders.csv", head: head, size: nil))?.confidence, 0.9)
        XCTAssertEqual(AmazonOrderHistoryImporter().detect(FileProbe(path: "Retail.OrderHistory.2.csv", head: head, size: nil))?.confidence, 0.95)
        let bank = "Date,Description,Amount\n2024-01-02,AMAZON.CO.UK*AB12,-13.49\n"
        XCTAssertNil(AmazonOrderHistoryImporter().detect(FileProbe(path: "Retail.OrderHistory.1.csv", head: Array(bank.utf8), size: nil)))
    }
}
