import Formats

/// The App Store purchase and subscription histories of Apple's "Data and Privacy" download
/// (`Apple_Media_Services.zip`). Detected by their headers (Item Purchased Date or Subscription
/// Initiated Date, with Item Description and Content Type), not by the names.
public struct AppleMediaServicesImporter: Importer {
    public init() {}

    public var id: String { AppleMediaServicesRowMapper.source }
    public var title: String { "Apple Data and Privacy: App Store purchases and subscriptions (Apple Media Services CSVs)" }
    public var howToRequest: String {
        """
        privacy.apple.com → sign in → "Request a copy of your data" → tick "Apple Media Services \
        information" (App Store, iTunes Store, Apple Books, Apple Music…) → choose a file size → \
        Complete request; Apple e-mails when the download is ready (up to seven days). Scan the \
        zip: steward reads Stores Activity/…/Store Transaction Purchase and Free Apps History.csv \
        and Subscription History.csv.
        """
    }

    static func kind(_ probe: FileProbe) -> AppleMediaServicesRowMapper.Kind? {
        guard let names = probe.csvHeaderColumns(within: 8192, maxLineBytes: 8192) else { return nil }
        if AppleMediaServicesRowMapper.purchaseColumns.allSatisfy(names.contains) { return .purchases }
        if AppleMediaServicesRowMapper.subscriptionColumns.allSatisfy(names.contains) { return .subscriptions }
        return nil
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let kind = Self.kind(probe) else { return nil }
        return Detection(confidence: 0.9,
                         reason: kind == .purchases
                            ? "CSV with the App Store purchase history columns (Item Purchased Date, Content Type, Item Description)"
                            : "CSV with the App Store subscription history columns (Subscription Initiated Date, Content Type, Item Description)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        HeaderedCSVParser(mapper: AppleMediaServicesRowMapper(kind: Self.kind(probe) ?? .purchases))
    }
}
