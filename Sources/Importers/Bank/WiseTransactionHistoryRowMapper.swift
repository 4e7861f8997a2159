import StewardCore
import Formats

/// The rows of Wise's transaction history (docs/formats/bank.md, "Wise transaction history"):
/// `ID,Status,Direction,Created on,Finished on,Source fee amount,Source fee currency,Target fee
/// amount,Target fee currency,Source name,Source amount (after fees),Source currency,Target
/// name,Target amount (after fees),Target currency,Exchange rate,Reference,Batch,Created by,
/// Category,Note`. Amounts are unsigned; `Direction` says which way the money went.
///
/// One `transaction` per row that moved money:
/// - `OUT`: what left the person's balance, `Source amount (after fees)` plus `Source fee
///   amount`, negative, in `Source currency`; `counterparty` = Target name (the merchant of a
///   card payment, the recipient of a transfer).
/// - `IN`: what arrived, `Target amount (after fees)`, positive, in `Target currency`;
///   `counterparty` = Source name.
/// - `NEUTRAL` rows move money between the person's own balances (a conversion): not read,
///   counted in one warning, so a conversion is neither spending nor income.
/// `time` = Created on (Wise writes no zone: read as the export's local clock), `text` =
/// Reference, `code` = Category. Rows `CANCELLED` or `REFUNDED` moved no money in the end: not
/// read, counted in one warning. A card payment Wise paid from two balances is two rows with
/// one ID: both are read, as together they are the payment.
struct WiseTransactionHistoryRowMapper: CSVRowMapper {
    static let source = "bank.wise"
    static let required = ["direction", "created on", "source amount (after fees)", "target amount (after fees)"]
    var requiredColumns: [String] { Self.required }

    private var noMoneyMoved = 0
    private var betweenOwnBalances = 0

    mutating func map(_ row: CSVRow, into sink: EventSink) {
        if let status = row["status"]?.uppercased(), status == "CANCELLED" || status == "REFUNDED" {
            noMoneyMoved += 1
            return
        }
        guard let created = row["created on"] else { sink.skip("no date", at: row.position); return }
        guard let time = Timestamp.parseISO8601(created.utf8) else {
            sink.skip("unreadable date \(QuotedValue.describe(created))", at: row.position); return
        }
        let direction = row["direction"]?.uppercased() ?? ""
        let side: (amount: String, fee: String?, currency: String, counterparty: String, sign: Int64)
        switch direction {
        case "OUT": side = ("source amount (after fees)", "source fee amount", "source currency", "target name", -1)
        case "IN": side = ("target amount (after fees)", nil, "target currency", "source name", 1)
        case "NEUTRAL":
            betweenOwnBalances += 1
            return
        default:
            sink.skip("unknown direction \(QuotedValue.describe(direction))", at: row.position); return
        }
        guard let amountText = row[side.amount] else { sink.skip("no amount", at: row.position); return }
        guard let amount = Money.parse(amountText, decimalSeparator: UInt8(ascii: ".")) else {
            sink.skip("unreadable amount \(QuotedValue.describe(amountText))", at: row.position); return
        }
        guard amount.units != .min else { sink.skip("unreadable amount \(QuotedValue.describe(amountText))", at: row.position); return }
        var scale = amount.scale
        var units = abs(amount.units)
        if let feeColumn = side.fee, let feeText = row[feeColumn],
           let fee = Money.parse(feeText, decimalSeparator: UInt8(ascii: ".")), fee.units != 0 {
            // The fee is charged on top of what was sent: both left the balance.
            scale = max(amount.scale, fee.scale)
            // Rescaling holds values at the 64-bit limits, where abs() would trap.
            let sent = amount.units(atScale: scale), charged = fee.units(atScale: scale)
            guard sent != .max, sent != .min, charged != .max, charged != .min,
                  let total = try? CheckedNumber.sum(abs(sent), abs(charged), field: "Source fee amount") else {
                sink.skip("amount and fee too large to add", at: row.position); return
            }
            units = total
        }
        var money = Money(units: side.sign * units, scale: scale)
        if let currency = row[side.currency], currency.utf8.count == 3 { money.currency = currency.uppercased() }
        sink.emit(Event(source: Self.source, kind: .transaction, time: time, text: row["reference"],
                        counterparty: row[side.counterparty], amount: money, code: row["category"], position: row.position))
    }

    mutating func finish(into sink: EventSink) {
        if noMoneyMoved > 0 {
            sink.warn("\(noMoneyMoved) cancelled or refunded row(s) moved no money and were not read")
        }
        if betweenOwnBalances > 0 {
            sink.warn("\(betweenOwnBalances) conversion(s) between your own balances were not read")
        }
    }
}
