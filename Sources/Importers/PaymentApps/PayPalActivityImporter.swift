import StewardCore
import Formats

/// PayPal's activity download (docs/formats/payment-apps.md, "PayPal"): a CSV read by the bank
/// statement parser, with its `Gross`, `Fee` and `Net` columns. It gets a source of its own,
/// `bank.paypal`, because it is a wallet's list of purchases: a payment PayPal took from the
/// person's bank account or card is booked again on that statement as "PAYPAL *SHOP", and
/// `PaymentMirrors` counts the two as one payment only when it can tell which side is which.
public struct PayPalActivityImporter: Importer {
    public static let sourceID = "bank.paypal"

    public let id = PayPalActivityImporter.sourceID
    public let title = "PayPal activity download (CSV)"
    public let howToRequest = """
        On paypal.com: Activity → Statements (or Reports) → Activity download, choose "All \
        transactions" (or "Balance affecting"), the period and CSV, then Create report and \
        download it when it is ready. Several files for several periods are fine.
        """

    /// The person's locale: one hint for the day/month order of dates such as 01/03/2025.
    let locale: BankCSVDateOrder.LocaleHint?

    /// `localeVariables`: `ImporterSettings.localeVariables` (none: no locale hint).
    public init(localeVariables: [String: String] = [:]) { self.locale = .from(environment: localeVariables) }

    /// Whether a bank CSV dialect has PayPal's amount columns: a net amount beside a fee (the
    /// gross is read as the amount). No bank statement steward reads has both.
    static func isPayPalActivity(_ dialect: BankCSVDialect) -> Bool {
        !dialect.isHeaderless && dialect.columns[.net] != nil && dialect.columns[.fee] != nil
    }

    /// PayPal's net column ("Net", "Netto", "Net amount") has the letters "net" in its name: a
    /// head without them, in any case, cannot be PayPal's, and the full dialect sniff that the
    /// bank CSV importer already runs on every text file is not repeated for it. UTF-16 heads,
    /// whose letters are not single bytes, are always sniffed.
    static func mayNameANetColumn(_ head: ArraySlice<UInt8>) -> Bool {
        if TextDecoding.hasUTF16BOM(head) { return true }
        var i = head.startIndex
        while i + 2 < head.endIndex {
            if head[i] | 0x20 == UInt8(ascii: "n"), head[i + 1] | 0x20 == UInt8(ascii: "e"), head[i + 2] | 0x20 == UInt8(ascii: "t") { return true }
            i += 1
        }
        return false
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        // Asked of every file a scan sniffs: markup and JSON (a GPX track, a Messenger thread)
        // are no CSV, and are passed over before the byte loop of `mayNameANetColumn`.
        if let first = probe.trimmedHead.first, first == UInt8(ascii: "<") || first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return nil
        }
        guard Self.mayNameANetColumn(probe.head.prefix(BankCSVDialect.sniffLength)) else { return nil }
        let isComplete = probe.size.map { $0 <= Int64(probe.head.count) } ?? false
        guard case .success(let dialect) = BankCSVDialect.sniff(head: probe.head.prefix(BankCSVDialect.sniffLength),
                                                                 isComplete: isComplete),
              Self.isPayPalActivity(dialect),
              dialect.rowsExamined == 0 || dialect.rowsFitting * 2 >= dialect.rowsExamined else { return nil }
        let names = [dialect.dateHeader, dialect.amountHeader].compactMap { $0 }.joined(separator: ", ")
        return Detection(confidence: 0.95, reason: "PayPal activity header (\(names), with fee and net columns)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        BankStatementCSVParser(locale: locale, source: Self.sourceID)
    }
}
