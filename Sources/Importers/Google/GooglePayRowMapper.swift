import StewardCore
import Formats

/// The rows of Google Pay's Takeout CSVs (docs/formats/google.md, "Google Pay"):
///
/// - `transactions_<n>.csv`: `Time,Transaction ID,Description,Product,Payment method,Status,Amount`
///   — what Google charged (`"Nov 23, 2025, 3:13 PM",GPA.…,YouTube Premium,YouTube,Visa •••• 4242,Complete,USD 15.87`);
/// - `Money sends and requests.csv`: `Time,Transaction ID,Description,Memo,Type,Status,Amount`
///   — money sent to and received from people (`Sent to …`, `Received from …`), and requests.
///
/// One `transaction` event per payment that happened: `counterparty` = Description (the
/// merchant, app or subscription; the person for sends), `text` = the memo of a send,
/// `product` = Product, `amount` = Amount with its currency, negative for money paid out
/// (charges and sends), positive for money received. Times are local wall-clock times
/// without a zone, as written. Rows whose status says no money moved (declined, failed,
/// cancelled, unpaid requests) and requests themselves are counted and not emitted.
struct GooglePayRowMapper: CSVRowMapper {
    static let source = "google.pay"
    static let required = ["time", "transaction id", "description", "status", "amount"]
    var requiredColumns: [String] { Self.required }

    private var warnedNoZone = false
    private var notMoved = 0
    private var requests = 0

    /// Statuses (lower-cased) under which no money moved.
    static let notMovedStatuses: Set<String> = [
        "declined", "failed", "cancelled", "canceled", "unpaid", "expired", "rejected", "pending",
    ]

    mutating func map(_ row: CSVRow, into sink: EventSink) {
        guard let timeText = row["time"] else {
            sink.skip("no time", at: row.position)
            return
        }
        guard let parsed = MyActivityHTMLTimestamp.parse(MyActivityHTMLBlockReader.normalizedText(Array(timeText.utf8))) else {
            sink.skip("unreadable time \(QuotedValue.describe(timeText))", at: row.position)
            return
        }
        guard let amountText = row["amount"] else {
            sink.skip("no amount", at: row.position)
            return
        }
        guard var amount = CurrencyAmountText.parse(amountText) else {
            sink.skip("unreadable amount \(QuotedValue.describe(amountText))", at: row.position)
            return
        }
        let status = row["status"]?.lowercased() ?? ""
        let type = row["type"]?.lowercased() ?? ""
        if type.hasPrefix("request") || (row.columns["type"] != nil && type.isEmpty && status == "unpaid") {
            requests += 1
            return
        }
        if Self.notMovedStatuses.contains(status) {
            notMoved += 1
            return
        }
        let received = type.hasPrefix("received") || (type.isEmpty && row["description"]?.lowercased().hasPrefix("received from") == true)
        if !received && amount.units > 0 { amount.units = -amount.units }
        if received && amount.units < 0 { amount.units = -amount.units }
        if parsed.noZone && !warnedNoZone {
            warnedNoZone = true
            sink.warn("Google Pay writes times without a time zone: they are read as local wall-clock times", at: row.position)
        }
        sink.emit(Event(source: Self.source, kind: .transaction, time: parsed.timestamp, text: row["memo"],
                        counterparty: row["description"], amount: amount, product: row["product"] ?? "Google Pay",
                        position: row.position))
    }

    mutating func finish(into sink: EventSink) {
        if notMoved > 0 {
            sink.warn("\(notMoved) row(s) with a status under which no money moved (declined, failed, cancelled, pending) were not counted as transactions")
        }
        if requests > 0 {
            sink.warn("\(requests) money request(s) were not counted as transactions")
        }
    }
}
