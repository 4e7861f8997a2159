/// TikTok "Download your data" in JSON format (`user_data.json` / `user_data_tiktok.json`).
/// Recognized by its section names: a top-level object whose first key is a TikTok section
/// and whose head holds one of TikTok's list names.
public struct TikTokUserDataImporter: Importer {
    public init() {}

    public var id: String { TikTokUserDataParser.source }
    public var title: String { "TikTok data download (JSON)" }
    public var howToRequest: String {
        """
        TikTok app → Profile → ☰ → Settings and privacy → Account → Download your data → choose \
        "All data" and file format JSON (not TXT) → Request data; when it is ready (days) download it \
        from the "Download data" tab. Scan the .zip (user_data.json or user_data_tiktok.json inside).
        """
    }

    static let sections: Set<String> = ["Activity", "Your Activity", "Ads and data", "App Settings", "Comment",
                                        "Direct Messages", "Direct Message", "Profile", "Tiktok Live", "TikTok Live", "Video"]
    static let listNames = ["ItemFavoriteList", "SearchList", "VideoList", "FansList", "ChatHistory", "CommentsList",
                            "Login History", "Tiktok Live", "TikTok Live", "Following List"]

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "{"), let key = JSONHeadSniffer.firstKey(in: head), Self.sections.contains(key) else { return nil }
        let window = head.prefix(FileProbe.headLength)
        guard Self.listNames.contains(where: { JSONHeadSniffer.containsKey($0, in: window) }) else {
            return probe.fileName.lowercased().hasPrefix("user_data")
                ? Detection(confidence: 0.6, reason: "TikTok-named JSON with section \"\(key)\"") : nil
        }
        return Detection(confidence: 0.9, reason: "TikTok user data (section \"\(key)\")")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { TikTokUserDataParser() }
}
