import Formats
/// Wise's transaction history CSV (Transactions → Download → CSV, `transaction-history.csv`):
/// every transfer, card payment and top-up of all balances, amounts unsigned with a `Direction`
/// column. Detected by its header, not by the name; the older per-balance statement CSV is a
/// bank CSV layout (docs/formats/bank.md).
public struct WiseTransactionHistoryImporter: Importer {
    public init() {}

    public var id: String { WiseTransactionHistoryRowMapper.source }
    public var title: String { "Wise transaction history (CSV)" }
    public var howToRequest: String {
        """
        wise.com → Transactions (or Home → See all) → Download (the arrow icon) → choose the \
        period and CSV → Download. The file is transaction-history.csv and covers every balance.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let names = probe.csvHeaderColumns() else { return nil }
        guard WiseTransactionHistoryRowMapper.required.allSatisfy(names.contains) else { return nil }
        let marks = ["id", "status", "source currency", "target currency", "source name", "target name", "exchange rate"]
            .filter(names.contains).count
        guard marks >= 3 else { return nil }
        return Detection(confidence: 0.95, reason: "CSV with Wise's transaction history columns (Direction, Created on, Source/Target amount (after fees))")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        HeaderedCSVParser(mapper: WiseTransactionHistoryRowMapper())
    }
}
