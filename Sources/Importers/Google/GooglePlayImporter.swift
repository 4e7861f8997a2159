/// Google Play Store in Takeout: `Google Play Store/Installs.json` (apps installed on each
/// device), `Library.json` (everything acquired), `Purchase History.json` and `Order
/// History.json` (apps, in-app items and subscriptions paid for). Detected by the first entry's
/// keys (`install` with `firstInstallationTime`, `libraryDoc` with `acquisitionTime`,
/// `purchaseHistory` with `purchaseTime`, `orderHistory` with `creationTime`), since Takeout
/// folder names are localized.
public struct GooglePlayImporter: Importer {
    public init() {}

    public var id: String { GooglePlayParser.source }
    public var title: String { "Google Play Store installs, library and purchases (Google Takeout JSON)" }
    public var howToRequest: String {
        """
        takeout.google.com → "Deselect all" → select "Google Play Store" → create export. steward \
        reads Takeout/Google Play Store/Installs.json (the apps installed on each device, with the \
        date of the first installation), Library.json (the apps you acquired), and Purchase \
        History.json and Order History.json (the apps, in-app items and subscriptions you paid for).
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "[") else { return nil }
        let first = head.prefix(8192)
        func has(_ key: String) -> Bool { GoogleMyActivityImporter.containsKey(key, in: first) }
        let installs = has("install") && has("firstInstallationTime")
        let library = has("libraryDoc") && has("acquisitionTime")
        let purchases = has("purchaseHistory") && has("purchaseTime")
        let orders = has("orderHistory") && has("creationTime") && has("lineItem")
        guard (installs || library || purchases || orders) && has("doc") else { return nil }
        let name = probe.fileName.lowercased()
        let named = ["installs.json", "library.json", "purchase history.json", "order history.json"].contains(name)
        let reason = installs ? "JSON array of Google Play installs (install.doc.title, firstInstallationTime)"
            : library ? "JSON array of the Google Play library (libraryDoc.doc.title, acquisitionTime)"
            : purchases ? "JSON array of Google Play purchases (purchaseHistory.doc.title, purchaseTime)"
            : "JSON array of Google Play orders (orderHistory.lineItem[].doc.title, creationTime)"
        return Detection(confidence: named ? 0.95 : 0.9, reason: reason)
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { GooglePlayParser() }
}
