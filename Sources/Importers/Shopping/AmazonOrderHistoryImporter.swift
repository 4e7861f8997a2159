import Formats
/// Amazon order history from "Request My Data" (privacy central): `Retail.OrderHistory.<n>/
/// Retail.OrderHistory.<n>.csv`, one row per item shipped. Detected by the header row's
/// columns (Order ID, Order Date, Product Name, Total Owed, ASIN), because the zip's folder
/// names carry numbers and files get renamed.
public struct AmazonOrderHistoryImporter: Importer {
    public init() {}

    public var id: String { AmazonOrderRowMapper.source }
    public var title: String { "Amazon order history (Request My Data, Retail.OrderHistory CSV)" }
    public var howToRequest: String {
        """
        amazon.com (or your country's Amazon) → Account → "Request your data" (privacy central: \
        amazon.com/hz/privacy-central/data-requests/preview.html) → choose "Your Orders" → submit and \
        confirm the e-mail; a download link arrives within days. Scan the zip: steward reads \
        Your Orders/Retail.OrderHistory.*/Retail.OrderHistory.*.csv.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let names = probe.csvHeaderColumns(within: 8192, maxLineBytes: 8192) else { return nil }
        guard AmazonOrderRowMapper.required.allSatisfy(names.contains) else { return nil }
        let marks = ["asin", "currency", "order status", "website"].filter(names.contains).count
        guard marks >= 2 else { return nil }
        let named = probe.fileName.lowercased().hasPrefix("retail.orderhistory")
        return Detection(confidence: named ? 0.95 : 0.9,
                         reason: "CSV with Amazon's order history columns (Order ID, Order Date, Product Name, Total Owed)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        HeaderedCSVParser(mapper: AmazonOrderRowMapper())
    }
}
