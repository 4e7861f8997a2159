import StewardCore

/// The iPhone's App Privacy Report (`App_Privacy_Report_v4_<time>.ndjson`, iOS 15.2 and later):
/// which apps ran in the last seven days, what they accessed and which domains they contacted.
/// Detected by its first line's keys (`"type":"access"` with `accessor`, or
/// `"type":"networkActivity"` with `bundleID`), not by the name: AirDrop and Files rename it.
public struct AppPrivacyReportImporter: Importer {
    public init() {}

    public var id: String { AppPrivacyReportParser.source }
    public var title: String { "iPhone App Privacy Report (App_Privacy_Report_*.ndjson)" }
    public var howToRequest: String {
        """
        iPhone: Settings → Privacy & Security → App Privacy Report → Turn On App Privacy Report; \
        after a week of use, the same screen → the Share button (top right) → save the file \
        (App_Privacy_Report_v4_<time>.ndjson) to Files or AirDrop it to a computer. It never leaves \
        the phone unless you share it and covers only the last seven days.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "{") else { return nil }
        // The first line only: a report's lines are short and each names its type.
        let firstLine = head.prefix(while: { $0 != 0x0A && $0 != 0x0D }).prefix(8192)
        func has(_ text: String) -> Bool { ByteSearch.contains(firstLine, text) }
        let access = has("\"access\"") && has("\"accessor\"") && has("\"category\"")
        let network = has("\"networkActivity\"") && has("\"bundleID\"") && has("\"domain\"")
        guard (access || network) && has("\"timeStamp\"") && has("\"type\"") else { return nil }
        let named = probe.fileName.lowercased().hasPrefix("app_privacy_report")
        return Detection(confidence: named ? 0.95 : 0.9,
                         reason: "one JSON object a line with the App Privacy Report's keys (type access/networkActivity, timeStamp, accessor or bundleID)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { AppPrivacyReportParser() }
}
