import StewardCore

/// The App Store files of Apple's "Data and Privacy" download (docs/formats/apple.md, "Apple
/// Media Services"), inside `Apple_Media_Services.zip` → `Stores Activity`:
///
/// - `Store Transaction Purchase and Free Apps History.csv`: `Item Purchased Date`
///   (`2024-05-01T20:15:08.820Z`), `Content Type` (`iOS and tvOS Apps`, `In-App Purchase`, …),
///   `Item Description` (the app or item as the store names it), `Invoice Item Total`, `Item
///   Reference Number`, …: everything acquired, free or paid.
/// - `Subscription History.csv`: `Subscription Initiated Date`, `Content Type`, `Item
///   Description` (the plan), `Container Description` (the app it belongs to), `Automatic
///   Renewal?`, …
///
/// One `activity` event per row: `title` = the app (Container Description for a subscription,
/// else Item Description: the name the app-name rules read), `text` = the item and its price
/// when paid, `code` = `purchase` or `subscription`, `product` = the Content Type, `time` = the
/// purchase or subscription date. Amounts are shown, not summed: the file gives them in the
/// store's currency format and no rule reads App Store spending yet.
struct AppleMediaServicesRowMapper: CSVRowMapper {
    static let source = "apple.media_services"

    enum Kind: Sendable { case purchases, subscriptions }
    static let purchaseColumns = ["item purchased date", "item description", "content type"]
    static let subscriptionColumns = ["subscription initiated date", "item description", "content type"]

    let kind: Kind
    var requiredColumns: [String] { kind == .purchases ? Self.purchaseColumns : Self.subscriptionColumns }

    mutating func map(_ row: CSVRow, into sink: EventSink) {
        let dateColumn = kind == .purchases ? "item purchased date" : "subscription initiated date"
        guard let item = row["item description"] else { return sink.skip("no item description", at: row.position) }
        var time: Timestamp?
        if let text = row[dateColumn] {
            guard let parsed = Timestamp.parseISO8601(text.utf8) else {
                return sink.skip("unreadable date \(QuotedValue.describe(text))", at: row.position)
            }
            time = parsed
        }
        switch kind {
        case .purchases:
            let price = row["invoice item total"].flatMap { Self.isFree($0) ? nil : $0 }
            sink.emit(Event(source: Self.source, kind: .activity, time: time,
                            text: price.map { "\(item) · \($0)" } ?? item, title: item, code: "purchase",
                            product: row["content type"], position: row.position))
        case .subscriptions:
            let app = row["container description"] ?? item
            var text = item
            if let renewal = row["automatic renewal?"] { text += renewal.lowercased() == "yes" ? " · renews" : " · ended" }
            sink.emit(Event(source: Self.source, kind: .activity, time: time, text: text, title: app,
                            code: "subscription", product: row["content type"], position: row.position))
        }
    }

    mutating func finish(into sink: EventSink) {}

    /// `0`, `0.00`, `£0.00`, `$0`, `0,00 €`, `Free`: nothing was paid.
    static func isFree(_ text: String) -> Bool {
        if text.lowercased() == "free" { return true }
        let digits = text.filter(\.isNumber)
        return !digits.isEmpty && digits.allSatisfy { $0 == "0" }
    }
}
