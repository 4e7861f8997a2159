import StewardCore
import Formats

/// The title of a Google Pay record in My Activity (`My Activity/Google Pay/`, or Takeout's
/// `Google Pay/My Activity/`): a payment written as a sentence, in English accounts
///
/// - `Paid ₹8.00 to <payee> using Bank Account XXXXXX0572`, `Paid ₹2000.00 using …` (no payee)
/// - `Sent ₹32.86 using Bank Account …`
/// - `Received ₹50.00`, `Received ₹4.00 from <payer>`
///
/// (real Indian UPI exports; docs/formats/google.md). Other titles (`Used Google Pay`,
/// `Added ₹1,000.00 to UPI Lite …`, `Requested …`) are not payments and stay activity.
struct GooglePayActivityTitle: Equatable {
    var amount: Money
    var counterparty: String?

    /// The payment a title states; nil when it states none. Money paid or sent is negative.
    static func parse(_ title: String) -> GooglePayActivityTitle? {
        let outgoing: Bool
        var rest: Substring
        if title.hasPrefix("Paid ") {
            outgoing = true
            rest = title.dropFirst(5)
        } else if title.hasPrefix("Sent ") {
            outgoing = true
            rest = title.dropFirst(5)
        } else if title.hasPrefix("Received ") {
            outgoing = false
            rest = title.dropFirst(9)
        } else {
            return nil
        }
        // The amount is one token: `₹1,234.50`, `$5.00`, `€12,40`, `USD 5.00` is not written.
        let amountEnd = rest.firstIndex(of: " ") ?? rest.endIndex
        guard var amount = CurrencyAmountText.parse(String(rest[..<amountEnd])) else { return nil }
        amount.units = outgoing ? -amount.units.magnitudeClamped : amount.units.magnitudeClamped
        rest = rest[amountEnd...].drop { $0 == " " }
        if let using = rest.range(of: " using ") { rest = rest[..<using.lowerBound] }
        else if rest.hasPrefix("using ") { rest = "" }
        var counterparty: String?
        for word in ["to ", "from "] where rest.hasPrefix(word) {
            let name = rest.dropFirst(word.count).trimmingSpaces
            counterparty = name.isEmpty ? nil : name
        }
        return GooglePayActivityTitle(amount: amount, counterparty: counterparty)
    }

    /// Statuses Google writes under "Details" for a payment that did not go through.
    static let failedStatuses: Set<String> = ["Failed", "Declined", "Cancelled", "Canceled", "Pending", "Expired", "Rejected"]
}

private extension Int64 {
    /// |x|, with Int64.min (never a real amount) kept at Int64.max.
    var magnitudeClamped: Int64 { self == .min ? .max : Swift.abs(self) }
}
