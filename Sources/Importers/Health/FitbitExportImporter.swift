import StewardCore

/// Fitbit's account export, `steps-YYYY-MM-DD.json` and `sleep-YYYY-MM-DD.json` (see
/// `FitbitExportParser`). Minute files of every resource share one shape
/// (`[{"dateTime", "value"}]`: calories, distance, heart rate…), so a steps file is known by
/// its name *and* that shape; a sleep file by its sleep-log keys, named or renamed.
public struct FitbitExportImporter: Importer {
    public init() {}

    public var id: String { FitbitExportParser.source }
    public var title: String { "Fitbit data export (steps and sleep JSON)" }
    public var howToRequest: String {
        """
        Google Takeout (takeout.google.com) → select "Fitbit" → export; or, for accounts not yet \
        moved to Google, fitbit.com → Settings → Data Export → Request Data. Scan the zip: \
        steward reads Fitbit/Global Export Data/steps-*.json and sleep-*.json.
        """
    }

    enum NameKind { case steps, sleep }

    /// `steps-2024-03-01.json` → `.steps`; nil for other names.
    static func nameKind(_ fileName: String) -> NameKind? {
        let lower = fileName.lowercased()
        guard lower.hasSuffix(".json") else { return nil }
        let stem = lower.dropLast(5)
        for (prefix, kind) in [("steps-", NameKind.steps), ("sleep-", .sleep)] where stem.hasPrefix(prefix) {
            let date = stem.dropFirst(prefix.count)
            if date.count == 10, Timestamp.parseISO8601(Array(date.utf8))?.dateOnly == true { return kind }
        }
        return nil
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "[") else { return nil }
        let window = head.prefix(8192)
        func has(_ key: String) -> Bool { HealthHeadSearch.find("\"\(key)\"", in: window) != nil }
        let named = Self.nameKind(probe.fileName)
        if has("logId"), has("dateOfSleep"), has("levels") {
            return Detection(confidence: named == .sleep ? 0.95 : 0.85, reason: "JSON array of Fitbit sleep logs (logId, dateOfSleep, levels)")
        }
        if named == .steps, has("dateTime"), has("value") {
            return Detection(confidence: 0.95, reason: "Fitbit minute steps (steps-<date>.json with dateTime/value elements)")
        }
        if named == .steps, head.dropFirst().first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "]") {
            return Detection(confidence: 0.9, reason: "empty Fitbit steps file (steps-<date>.json)")
        }
        return nil
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        let sleepLog = HealthHeadSearch.find("\"logId\"", in: probe.trimmedHead.prefix(8192)) != nil
        return FitbitExportParser(resource: sleepLog || Self.nameKind(probe.fileName) != .steps ? .sleep : .steps)
    }
}
