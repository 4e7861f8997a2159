import StewardCore
import Formats

/// Snapchat's "My Data" download in HTML, the format it writes unless "Export JSON Files" is
/// ticked (docs/formats/social.md): `html/location_history.html`, `memories_history.html`,
/// `search_history.html`, `user_profile.html`, and the chats and snaps, either as tables in
/// `chat_history.html` / `snap_history.html` (older) or one subpage per conversation under
/// `html/chat_history/` and `html/snap_history/` (newer). Detected by the frame every page has
/// (the `leftpanel` of links to the other pages, the `rightpanel` with the page); which page
/// it is comes from the page's `<h1>`, else from the file name. The other pages (friends,
/// account, ranking, …) are not claimed: their JSON twins are not read either.
public struct SnapchatHTMLImporter: Importer {
    public init() {}

    /// Importer id (events carry `snapchat.data`, as from the JSON variant).
    public var id: String { "snapchat.data_html" }
    public var title: String { "Snapchat My Data download in HTML (location, chats, snaps, memories, searches, interests)" }
    public var howToRequest: String {
        """
        accounts.snapchat.com → My Data (or in the app: Settings → My Data) → tick the categories \
        (at least Chat History, Location, Memories, Search History and User & Public Profile) and a \
        date range; leave "Export JSON Files" unticked for HTML, or tick it for JSON (steward reads \
        both; one download with both counts each record once) → Snapchat e-mails a link when the \
        zip is ready. Scan the zip: steward reads html/location_history.html, memories_history.html, \
        search_history.html, user_profile.html and the chat and snap pages.
        """
    }

    /// The page, from the `<h1>` in the head (English, as Snapchat writes it) or the file name.
    func page(of probe: FileProbe) -> SnapchatHTMLParser.Page? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "<"),
              ByteSearch.contains(head, "<div class=\"leftpanel\">"),
              ByteSearch.contains(head, "<div class=\"rightpanel\">"),
              ["chat_history.html", "memories_history.html", "location_history.html"].contains(where: { Self.links(head, to: $0) })
        else { return nil }
        let title = Self.heading(in: head)?.lowercased() ?? ""
        let name = probe.fileName.lowercased()
        let folder = probe.path.lowercased().split(separator: "/").dropLast().last.map(String.init) ?? ""
        if title == "location" || name == "location_history.html" { return .location }
        if title == "memories" || name == "memories_history.html" { return .memories }
        if title == "search history" || name == "search_history.html" { return .search }
        if title == "user profile" || name == "user_profile.html" { return .profile }
        if title.hasPrefix("chat history with ") || title.hasPrefix("snap history with ") || name.hasPrefix("subpage_") {
            let snaps = title.hasPrefix("snap history") || (!title.hasPrefix("chat history") && folder == "snap_history")
            // A group's subpage is named by its id, a friend's by the friend's username.
            let stem = String(probe.fileName.dropFirst("subpage_".count).dropLast(".html".count))
            let isGroup = Self.isUUID(stem)
            let friend = name.hasPrefix("subpage_") && name.hasSuffix(".html") && !isGroup && !stem.isEmpty ? stem : nil
            return .conversation(snaps: snaps, friend: friend, isGroup: isGroup)
        }
        if title.hasPrefix("chat history") || name == "chat_history.html" { return .messageTables(snaps: false) }
        if title.hasPrefix("snap history") || name == "snap_history.html" { return .messageTables(snaps: true) }
        return nil
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let page = page(of: probe) else { return nil }
        let what: String
        switch page {
        case .location: what = "location page"
        case .memories: what = "memories page"
        case .search: what = "search history page"
        case .profile: what = "user profile page"
        case .messageTables(let snaps): what = snaps ? "snap history page" : "chat history page"
        case .conversation(let snaps, _, _): what = snaps ? "snap history of one conversation" : "chat history of one conversation"
        }
        return Detection(confidence: 0.9, reason: "HTML page of Snapchat's My Data download (leftpanel and rightpanel frame): \(what)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        SnapchatHTMLParser(page: page(of: probe) ?? .location)
    }

    /// Whether the page links to `page`: quoted (newer downloads) or not (older ones write
    /// `<a href=chat_history.html>`).
    static func links(_ head: ArraySlice<UInt8>, to page: String) -> Bool {
        ByteSearch.contains(head, "href=\"\(page)\"") || ByteSearch.contains(head, "href=\(page)>")
            || ByteSearch.contains(head, "href='\(page)'")
    }

    /// The text of the first `<h1>` after the right panel opens, tags inside it dropped.
    static func heading(in head: ArraySlice<UInt8>) -> String? {
        guard let panel = ByteSearch.firstIndex(of: "<div class=\"rightpanel\">", in: head),
              let open = ByteSearch.firstIndex(of: "<h1>", in: head[panel...]),
              let close = ByteSearch.firstIndex(of: "</h1>", in: head[(open + 4)...]), close - open < 1024 else { return nil }
        var text: [UInt8] = []
        var inTag = false
        for byte in head[(open + 4)..<close] {
            if byte == UInt8(ascii: "<") { inTag = true } else if byte == UInt8(ascii: ">") { inTag = false } else if !inTag { text.append(byte) }
        }
        let decoded = String(decoding: HTMLCharacterReference.decode(text), as: UTF8.self)
        return decoded.wordsOneSpaceApart() ?? ""
    }

    /// `8-4-4-4-12` hexadecimal digits.
    static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
