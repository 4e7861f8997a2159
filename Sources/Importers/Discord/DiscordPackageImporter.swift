import Formats
/// Discord's data package: each channel's `messages.json` (or `messages.csv` in older
/// packages) and `Servers/index.json`. Messages are recognized by their columns (`ID`,
/// `Timestamp`, `Contents`); the server index, an object of id → name like the package's other
/// index files, only by its place in the `Servers` folder. The analytics files of `Activity`
/// (one JSON object per line) are read for the age and gender Discord's models predicted.
public struct DiscordPackageImporter: Importer {
    public init() {}

    public var id: String { DiscordPackage.source }
    public var title: String { "Discord data package (messages and servers)" }
    public var howToRequest: String {
        """
        Discord → User Settings → Data & Privacy → "Request all of my Data" (choose at least \
        Messages and Servers) → Discord e-mails a download link within 30 days. Scan the zip: \
        steward reads Messages/c*/messages.json (or messages.csv), Servers/index.json and the \
        age and gender Discord predicted, from Activity/analytics/events-*.json.
        """
    }

    enum Kind { case messagesJSON, messagesCSV, serverIndex, analyticsEvents }

    /// `…/activity/analytics/events-2024-00000-of-00001.json` (folder names in either case;
    /// `modeling` holds the same kind of lines in some packages).
    static func isAnalyticsEvents(_ probe: FileProbe) -> Bool {
        let parts = probe.path.lowercased().split(whereSeparator: { $0 == "/" || $0 == "!" })
        guard parts.count >= 3, let name = parts.last, name.hasPrefix("events"), name.hasSuffix(".json") else { return false }
        return ["analytics", "modeling"].contains(parts[parts.count - 2]) && parts[parts.count - 3] == "activity"
    }

    func kind(of probe: FileProbe) -> Kind? {
        let head = probe.trimmedHead
        let name = probe.fileName.lowercased()
        if head.first == UInt8(ascii: "{") {
            if Self.isAnalyticsEvents(probe) { return .analyticsEvents }
            let parts = probe.path.lowercased().split(whereSeparator: { $0 == "/" || $0 == "!" })
            guard name == "index.json", parts.count >= 2, parts[parts.count - 2] == "servers" else { return nil }
            return .serverIndex
        }
        if head.first == UInt8(ascii: "[") {
            let first = head.prefix(4096)
            func has(_ key: String) -> Bool { GoogleMyActivityImporter.containsKey(key, in: first) }
            // `[]`: a channel where every message was deleted, under its usual name.
            if head.count >= 2, head.dropFirst().first(where: { !JSONPathWalker.isSpace($0) }) == UInt8(ascii: "]") {
                return name == "messages.json" ? .messagesJSON : nil
            }
            return has("ID") && has("Timestamp") && has("Contents") ? .messagesJSON : nil
        }
        let columns = CSVHeaderSniffer.firstLineColumns(head.prefix(1024))
        return columns.count <= 5 && DiscordMessagesRowMapper.required.allSatisfy(columns.contains) ? .messagesCSV : nil
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let kind = kind(of: probe) else { return nil }
        let named = ["messages.json", "messages.csv", "index.json"].contains(probe.fileName.lowercased())
        switch kind {
        case .serverIndex:
            return Detection(confidence: 0.9, reason: "index.json in a Servers folder (Discord data package)")
        case .analyticsEvents:
            return Detection(confidence: 0.9, reason: "events-*.json of JSON lines in Activity/analytics (Discord data package)")
        case .messagesJSON:
            return Detection(confidence: named ? 0.95 : 0.85, reason: "JSON array of messages with ID, Timestamp, Contents (Discord data package)")
        case .messagesCSV:
            return Detection(confidence: named ? 0.9 : 0.75, reason: "CSV with ID, Timestamp, Contents, Attachments (older Discord data package)")
        }
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        let channel = DiscordPackage.channel(of: probe.path)
        switch kind(of: probe) {
        case .serverIndex: return DiscordServerIndexParser()
        case .analyticsEvents: return DiscordPredictionsParser()
        case .messagesCSV: return HeaderedCSVParser(mapper: DiscordMessagesRowMapper(channel: channel))
        default: return DiscordMessagesJSONParser(channel: channel)
        }
    }
}
