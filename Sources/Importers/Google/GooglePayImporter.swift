import Formats
/// Google Pay / Google Wallet transactions from Takeout: `Google Pay/Google transactions/
/// transactions_<n>.csv` (what Google charged: Play, YouTube, Google One, purchases paid with
/// the Google Pay balance) and `Google Pay/Money sends and requests/Money sends and
/// requests.csv` (person-to-person payments). Detected by the header row's columns, because
/// file names carry numbers and folders are localized; the usual names only raise confidence.
public struct GooglePayImporter: Importer {
    public init() {}

    public var id: String { GooglePayRowMapper.source }
    public var title: String { "Google Pay / Google Wallet transactions (Google Takeout CSV)" }
    public var howToRequest: String {
        """
        takeout.google.com → "Deselect all" → select "Google Pay" (called "Google Wallet" in some \
        countries) → create export. steward reads Takeout/Google Pay/Google transactions/transactions_*.csv \
        and Money sends and requests/Money sends and requests.csv; the Google Pay activity under \
        My Activity is read by the My Activity importer.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let names = probe.csvHeaderColumns() else { return nil }
        guard GooglePayRowMapper.required.allSatisfy(names.contains) else { return nil }
        let charges = names.contains("product") && names.contains("payment method")
        let sends = names.contains("type") && names.contains("memo")
        guard charges || sends else { return nil }
        let lower = probe.fileName.lowercased()
        let named = lower.hasPrefix("transactions_") || lower.hasPrefix("money sends and requests")
        return Detection(confidence: named ? 0.95 : 0.9,
                         reason: charges
                            ? "CSV with Google Pay's transaction columns (Time, Transaction ID, Description, Product, Payment method, Status, Amount)"
                            : "CSV with Google Pay's money sends and requests columns (Time, Transaction ID, Description, Memo, Type, Status, Amount)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        HeaderedCSVParser(mapper: GooglePayRowMapper())
    }
}
