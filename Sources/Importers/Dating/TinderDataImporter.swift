/// Tinder's data download: `data.json` in the myData zip. Detected by its keys (a `Usage`
/// object of daily counts such as `app_opens`, or a `Messages` list of matches with
/// `match_id`), never by the name alone: `data.json` is what many exports call a file.
public struct TinderDataImporter: Importer {
    public init() {}

    public var id: String { TinderDataParser.source }
    public var title: String { "Tinder data download (data.json)" }
    public var howToRequest: String {
        """
        account.gotinder.com/data (or in the app: Settings → Download My Data) → log in, confirm \
        the e-mail address → Tinder sends a download link within days (valid for a few days). \
        Scan the zip: steward reads data.json (daily usage counts and the messages you sent).
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "{") else { return nil }
        let first = head.prefix(64 * 1024)
        func has(_ key: String) -> Bool { GoogleMyActivityImporter.containsKey(key, in: first) }
        let counts = has("app_opens") || has("swipes_likes") || has("swipes_passes")
        let chats = has("match_id") && has("sent_date")
        guard counts || chats else { return nil }
        let sections = ["Usage", "Messages", "User", "Campaigns", "Experiences", "Photos", "Purchases", "Spotify"]
            .filter(has).count
        guard sections >= 2 || (chats && has("Messages")) || (counts && has("Usage")) else { return nil }
        return Detection(confidence: probe.fileName.lowercased() == "data.json" ? 0.95 : 0.9,
                         reason: "JSON object with Tinder's sections (Usage with app_opens and swipes, Messages with match_id)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { TinderDataParser() }
}
