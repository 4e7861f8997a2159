import StewardCore
import Formats

/// The rows of Uber Eats' order history in Uber's "Download your data" (docs/formats/rides.md,
/// "Uber Eats orders"): `Eats/eats_order_details.csv`, one row per item ordered, `Territory,
/// Restaurant ID,Order ID,Order Time,Order Status,Item Name,Customizations,Special Instructions,
/// Item Price,Order Price,Currency`, times as `2024-03-01 22:41:07 +0000 UTC` like the trips.
///
/// One `transaction` event per item: `text` = Item Name, with the Customizations after ` · `
/// (what the shopping rules read: a six-pack of beer, cigarettes, a pregnancy test delivered
/// from a pharmacy), `counterparty` = `Uber Eats` (the restaurant's name is in another file,
/// joined by an id steward does not hold), `amount` = Item Price, negative, in `Currency`,
/// `code` = Order ID, `time` = Order Time. Special Instructions (notes to the courier) are not
/// read. Orders that were cancelled, failed or never fulfilled delivered nothing: counted in one
/// warning, not emitted. An item without a readable price is kept without an amount (it was
/// ordered) and said once.
struct UberEatsOrderRowMapper: CSVRowMapper {
    static let source = "uber.eats"
    static let required = ["order id", "order time", "item name"]
    var requiredColumns: [String] { Self.required }

    private var notDelivered = 0
    private var withoutPrice = 0

    /// Whether a status says no food came: `canceled`, `cancelled_by_eater`, `failed`,
    /// `unfulfilled`, `rejected` (lower-cased). Any other status (`completed`, an empty cell)
    /// is read as delivered.
    static func isNotDelivered(_ status: String) -> Bool {
        status.hasPrefix("cancel") || status.hasPrefix("fail") || status.hasPrefix("unfulfil") || status.hasPrefix("reject")
    }

    mutating func map(_ row: CSVRow, into sink: EventSink) {
        guard let timeText = row["order time"] else { sink.skip("no order time", at: row.position); return }
        guard let time = UberTripRowMapper.parseTime(timeText) else {
            sink.skip("unreadable order time \(QuotedValue.describe(timeText))", at: row.position); return
        }
        guard let item = row["item name"] else { sink.skip("no item name", at: row.position); return }
        if let status = row["order status"]?.lowercased(), Self.isNotDelivered(status) {
            notDelivered += 1
            return
        }
        var text = item
        if let customizations = row["customizations"], !customizations.isEmpty { text += " · " + customizations }
        var amount: Money?
        if let price = row["item price"], var money = CurrencyAmountText.parse(price) {
            if money.units > 0 { money.units = -money.units }
            if let currency = row["currency"], currency.utf8.count == 3 { money.currency = currency.uppercased() }
            amount = money
        } else {
            withoutPrice += 1
        }
        sink.emit(Event(source: Self.source, kind: .transaction, time: time, text: text, counterparty: "Uber Eats",
                        amount: amount, code: row["order id"], product: "Uber Eats", position: row.position))
    }

    mutating func finish(into sink: EventSink) {
        if notDelivered > 0 {
            sink.warn("\(notDelivered) item(s) of cancelled or undelivered orders were not counted as purchases")
        }
        if withoutPrice > 0 {
            sink.warn("\(withoutPrice) item(s) without a readable price: kept as purchases without an amount")
        }
    }
}
