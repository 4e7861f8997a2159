/// YouTube channel subscriptions from Google Takeout (`subscriptions.csv`). Detected by
/// content: a three-column CSV whose first data row holds a channel id (`UC` + 22 characters)
/// and a youtube.com/channel URL, because the header and the folder names are localized.
public struct YouTubeSubscriptionsImporter: Importer {
    public init() {}

    public var id: String { YouTubeSubscriptionsParser.source }
    public var title: String { "YouTube subscriptions (Google Takeout CSV)" }
    public var howToRequest: String {
        """
        takeout.google.com → "Deselect all" → select "YouTube and YouTube Music" → "All YouTube data \
        included" → keep "subscriptions" → create export. steward reads \
        Takeout/YouTube and YouTube Music/subscriptions/subscriptions.csv.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard let firstBreak = head.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else {
            // Header only, no rows: a channel-free export can only be told by its name.
            return probe.fileName.lowercased() == "subscriptions.csv" && head.filter({ $0 == UInt8(ascii: ",") }).count == 2
                ? Detection(confidence: 0.55, reason: "three-column CSV named subscriptions.csv without rows") : nil
        }
        let header = head[head.startIndex..<firstBreak]
        guard header.count < 512, header.filter({ $0 == UInt8(ascii: ",") }).count == 2,
              !header.contains(UInt8(ascii: "<")) else { return nil }
        var rest = head[firstBreak...]
        while let b = rest.first, b == 0x0A || b == 0x0D { rest = rest.dropFirst() }
        let row = rest.prefix { $0 != 0x0A && $0 != 0x0D }
        let fields = row.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard fields.count >= 3,
              fields.contains(where: Self.isChannelId),
              fields.contains(where: { Self.isChannelURL($0) }) else { return nil }
        return Detection(confidence: 0.9, reason: "CSV rows of YouTube channel id, channel URL and title")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { YouTubeSubscriptionsParser() }

    /// `UC` followed by 22 base64url characters: how YouTube writes a channel id.
    static func isChannelId(_ field: ArraySlice<UInt8>) -> Bool {
        guard field.count == 24, field.starts(with: [UInt8(ascii: "U"), UInt8(ascii: "C")]) else { return false }
        return field.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
        }
    }

    static func isChannelURL(_ field: ArraySlice<UInt8>) -> Bool {
        for prefix in ["http://www.youtube.com/channel/", "https://www.youtube.com/channel/",
                       "http://youtube.com/channel/", "https://youtube.com/channel/"] where field.starts(with: prefix.utf8) {
            return true
        }
        return false
    }
}
