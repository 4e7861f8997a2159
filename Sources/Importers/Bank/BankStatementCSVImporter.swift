import Foundation
import StewardCore

/// Bank statement CSV from any bank: recognized by its content (a header row with a date
/// and an amount column in one of five languages, or rows shaped like date … amount).
public struct BankStatementCSVImporter: Importer {
    public let id = BankStatementCSVParser.sourceID
    public let title = "Bank statement CSV"
    public let howToRequest = """
        In your online banking, open the account's transactions (Umsätze, Opérations, \
        Movimientos, Выписка), choose the period and export or download as CSV \
        (sometimes called "Excel/CSV" or "CSV-CAMT"). Several files for several accounts are fine. \
        App banks (Revolut, Monzo, N26, Wise, Starling, bunq) export a statement as CSV from the \
        app; budgeting apps (YNAB, Actual, Firefly III, GnuCash, Money Manager Ex) from their \
        Export menu.
        """

    /// The person's locale: one hint for the day/month order of dates such as 01/03/2025.
    let locale: BankCSVDateOrder.LocaleHint?

    /// `localeVariables`: `ImporterSettings.localeVariables` (none: no locale hint).
    public init(localeVariables: [String: String] = [:]) { self.locale = .from(environment: localeVariables) }

    init(locale: BankCSVDateOrder.LocaleHint?) { self.locale = locale }

    public func detect(_ probe: FileProbe) -> Detection? {
        let isComplete = probe.size.map { $0 <= Int64(probe.head.count) } ?? false
        guard case .success(let dialect) = BankCSVDialect.sniff(head: probe.head.prefix(BankCSVDialect.sniffLength),
                                                                 isComplete: isComplete) else { return nil }
        // PayPal's activity download is read by its own importer (bank.paypal).
        if PayPalActivityImporter.isPayPalActivity(dialect) { return nil }
        let delimiter = dialect.delimiter == 0x09 ? "TAB" : String(UnicodeScalar(dialect.delimiter))
        // Most rows must read as transactions: otherwise it is a text file with a few commas
        // (an accounting tool's rules file), reported once as a doubtful guess, not row by row.
        if dialect.rowsExamined > 0 && dialect.rowsFitting * 2 < dialect.rowsExamined {
            return Detection(confidence: 0.3, reason: "only \(dialect.rowsFitting) of \(dialect.rowsExamined) rows "
                + (dialect.isHeaderless ? "" : "below the header ") + "have a date and an amount")
        }
        if dialect.isHeaderless {
            return Detection(confidence: 0.6, reason: "headerless rows with a date and an amount column ('\(delimiter)'-separated)")
        }
        let names = [dialect.dateHeader, dialect.amountHeader].compactMap { $0 }.joined(separator: ", ")
        return Detection(confidence: 0.9, reason: "header row with date and amount columns (\(names)), '\(delimiter)'-separated")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { BankStatementCSVParser(locale: locale) }
}
