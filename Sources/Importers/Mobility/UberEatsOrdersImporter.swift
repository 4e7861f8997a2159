import Formats
/// Uber Eats' order history from Uber's "Download your data": `Eats/eats_order_details.csv`.
/// Detected by its header (order id and time, item name and at least two more of its columns),
/// not by the name.
public struct UberEatsOrdersImporter: Importer {
    public init() {}

    public var id: String { UberEatsOrderRowMapper.source }
    public var title: String { "Uber Eats orders (Download your data, eats_order_details.csv)" }
    public var howToRequest: String {
        """
        myprivacy.uber.com → "Download your data" (or the Uber Eats app → Account → Privacy → \
        Download your data) → request it; Uber e-mails a link when the file is ready, usually \
        within days. Scan the zip: steward reads Eats/eats_order_details.csv (every item ordered, \
        when, and its price).
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let names = probe.csvHeaderColumns() else { return nil }
        guard UberEatsOrderRowMapper.required.allSatisfy(names.contains) else { return nil }
        let marks = ["restaurant id", "order status", "item price", "order price", "customizations", "territory"]
            .filter(names.contains).count
        guard marks >= 2 else { return nil }
        return Detection(confidence: probe.fileName.lowercased().hasPrefix("eats_order_details") ? 0.95 : 0.9,
                         reason: "CSV with Uber Eats' order columns (Order ID, Order Time, Item Name, Item Price)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        HeaderedCSVParser(mapper: UberEatsOrderRowMapper())
    }
}
