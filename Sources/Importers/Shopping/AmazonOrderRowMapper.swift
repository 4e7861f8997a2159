import StewardCore
import Formats

/// The rows of Amazon's `Retail.OrderHistory.<n>.csv` (docs/formats/shopping.md): every field
/// quoted, one row per item, e.g. `"Amazon.com","111-2223334-5556667","2024-08-15T12:00:00Z",
/// "Not Applicable","USD","13.57","0","0","'-0.68'","12.89",…,"B000000000","New","1",…,
/// "Closed","Shipped",…,"<product name>",…`.
///
/// One `transaction` event per item bought: `text` = Product Name (what shopping rules read),
/// `counterparty` = Website (`Amazon.com`, `Amazon.de`), `amount` = Total Owed, negative (money
/// paid), with the Currency column, `quantity` = Quantity, `code` = ASIN, `time` = Order Date
/// (ISO 8601, UTC). Amazon writes some numbers as `'-0.68'` (quoted for spreadsheets) and
/// `Not Available` where a value is missing: an item without a readable total is kept without
/// an amount (the purchase happened) and the file says how many. Cancelled items are counted,
/// not emitted.
struct AmazonOrderRowMapper: CSVRowMapper {
    static let source = "amazon.orders"
    static let required = ["order id", "order date", "product name", "total owed"]
    var requiredColumns: [String] { Self.required }

    private var withoutAmount = 0
    private var cancelled = 0

    mutating func map(_ row: CSVRow, into sink: EventSink) {
        guard let dateText = row["order date"] else {
            sink.skip("no order date", at: row.position)
            return
        }
        guard let time = Timestamp.parseISO8601(dateText.utf8) else {
            sink.skip("unreadable order date \(QuotedValue.describe(dateText))", at: row.position)
            return
        }
        guard let product = row["product name"], !Self.isPlaceholder(product) else {
            sink.skip("no product name", at: row.position)
            return
        }
        if let status = row["order status"]?.lowercased(), status.hasPrefix("cancel") {
            cancelled += 1
            return
        }
        var amount: Money?
        if let owed = row["total owed"].map(Self.unquoted), !Self.isPlaceholder(owed), let parsed = CurrencyAmountText.parse(owed) {
            var money = parsed
            if money.units > 0 { money.units = -money.units }
            if let currency = row["currency"], currency.utf8.count == 3 { money.currency = currency.uppercased() }
            amount = money
        } else {
            withoutAmount += 1
        }
        let quantity = row["quantity"].flatMap { Double(Self.unquoted($0)) }.flatMap { $0.isFinite && $0 >= 0 && $0 < 1e6 ? $0 : nil }
        sink.emit(Event(source: Self.source, kind: .transaction, time: time, text: product,
                        counterparty: row["website"] ?? "Amazon", amount: amount,
                        code: row["asin"].flatMap { Self.isPlaceholder($0) ? nil : $0 }, product: "Amazon",
                        position: row.position, quantity: quantity))
    }

    mutating func finish(into sink: EventSink) {
        if withoutAmount > 0 {
            sink.warn("\(withoutAmount) item(s) without a readable total: kept as purchases without an amount")
        }
        if cancelled > 0 {
            sink.warn("\(cancelled) cancelled item(s) were not counted as purchases")
        }
    }

    /// `'-0.68'` → `-0.68`: Amazon quotes some numbers for spreadsheets.
    static func unquoted(_ text: String) -> String {
        var t = Substring(text)
        if t.hasPrefix("'") { t = t.dropFirst() }
        if t.hasSuffix("'") { t = t.dropLast() }
        return String(t)
    }

    /// Amazon's words for a missing value.
    static func isPlaceholder(_ text: String) -> Bool {
        let t = text.lowercased()
        return t == "not available" || t == "not applicable" || t == "n/a"
    }
}
