/// Google Play Store in Takeout: `Google Play Store/Installs.json` (apps installed on each
/// device) and `Library.json` (everything acquired). Detected by the first entry's keys
/// (`install` with `firstInstallationTime`, `libraryDoc` with `acquisitionTime`), since Takeout
/// folder names are localized.
public struct GooglePlayImporter: Importer {
    public init() {}

    public var id: String { GooglePlayParser.source }
    public var title: String { "Google Play Store installs and library (Google Takeout JSON)" }
    public var howToRequest: String {
        """
        takeout.google.com → "Deselect all" → select "Google Play Store" → create export. steward \
        reads Takeout/Google Play Store/Installs.json (the apps installed on each device, with the \
        date of the first installation) and Library.json (the apps you acquired).
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "[") else { return nil }
        let first = head.prefix(8192)
        func has(_ key: String) -> Bool { GoogleMyActivityImporter.containsKey(key, in: first) }
        let installs = has("install") && has("firstInstallationTime")
        let library = has("libraryDoc") && has("acquisitionTime")
        guard (installs || library) && has("doc") else { return nil }
        let name = probe.fileName.lowercased()
        let named = name == "installs.json" || name == "library.json"
        return Detection(confidence: named ? 0.95 : 0.9,
                         reason: installs
                            ? "JSON array of Google Play installs (install.doc.title, firstInstallationTime)"
                            : "JSON array of the Google Play library (libraryDoc.doc.title, acquisitionTime)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { GooglePlayParser() }
}
