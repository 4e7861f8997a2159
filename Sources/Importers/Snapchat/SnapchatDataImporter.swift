import StewardCore

/// Snapchat's "My Data" download (accounts.snapchat.com), its JSON files (docs/formats/social.md):
/// `json/location_history.json`, `json/chat_history.json`, `json/snap_history.json`,
/// `json/memories_history.json`, `json/user_profile.json` and `json/search_history.json`.
/// Each is one JSON object; they are told apart by the keys Snapchat writes (`Location History`, `Saved Media`,
/// `Interest Categories`, message objects with `Media Type` and `Created`), never by the
/// file name alone, which only separates chats from snaps (both hold the same objects).
public struct SnapchatDataImporter: Importer {
    public init() {}

    public var id: String { SnapchatDataParser.source }
    public var title: String { "Snapchat My Data download (location, chats, snaps, memories, interests)" }
    public var howToRequest: String {
        """
        accounts.snapchat.com → My Data (or in the app: Settings → My Data) → tick "Export JSON \
        Files" and the categories (at least Chat History, Location, Memories and User & Public \
        Profile) and a date range → Snapchat e-mails a link when the zip is ready (hours to days). \
        Scan the zip: steward reads json/location_history.json, chat_history.json, \
        snap_history.json, memories_history.json, user_profile.json and search_history.json.
        """
    }

    func kind(of probe: FileProbe) -> SnapchatDataParser.Kind? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "{") else { return nil }
        let first = head.prefix(64 * 1024)
        func has(_ key: String) -> Bool { GoogleMyActivityImporter.containsKey(key, in: first) }
        if has("Location History") || has("Areas you may have visited in the last two years") {
            // Both lists sit beside Snapchat's other location sections.
            let sections = ["Frequent Locations", "Latest Location", "Home, School & Work", "Daily Top Locations",
                            "Top Locations Per Six-Day Period", "Businesses and places you may have visited",
                            "Areas you may have visited in the last two years", "Location History"].filter(has).count
            if sections >= 2 || probe.fileName.lowercased() == "location_history.json" { return .location }
            return nil
        }
        if has("Saved Media") && has("Date") && has("Media Type") { return .memories }
        if has("Search Term") && has("Date and time (hourly)") { return .searches }
        if has("Interest Categories") || has("Content Categories") || has("Content Interests") {
            if has("Engagement") || has("App Profile") || has("Demographics") || has("Breakdown of Time Spent on App")
                || probe.fileName.lowercased() == "user_profile.json" { return .profile }
            return nil
        }
        if has("Media Type") && has("Created") && (has("From") || has("To")) {
            let name = probe.fileName.lowercased()
            let snaps = name.hasPrefix("snap_history") || has("Received Snap History") || has("Sent Snap History")
            return snaps ? .snaps : .chats
        }
        return nil
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let kind = kind(of: probe) else { return nil }
        switch kind {
        case .location:
            return Detection(confidence: 0.9, reason: "JSON object with Snapchat's Location History and area lists")
        case .memories:
            return Detection(confidence: 0.85, reason: "JSON object with Saved Media entries (Snapchat memories history)")
        case .profile:
            return Detection(confidence: 0.85, reason: "JSON object with Interest Categories and engagement (Snapchat user profile)")
        case .chats:
            return Detection(confidence: 0.85, reason: "JSON object of messages with From, Media Type and Created (Snapchat chat history)")
        case .snaps:
            return Detection(confidence: 0.85, reason: "JSON object of snaps with From, Media Type and Created (Snapchat snap history)")
        case .searches:
            return Detection(confidence: 0.85, reason: "JSON object of searches with Search Term and an hourly time (Snapchat search history)")
        }
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        SnapchatDataParser(kind: kind(of: probe) ?? .chats)
    }
}
