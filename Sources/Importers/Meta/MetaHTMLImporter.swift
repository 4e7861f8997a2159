/// Facebook and Instagram downloads in HTML format. steward does not scrape them (their markup
/// changes with every redesign and carries no stable field names); it recognizes them so the
/// report says what to do instead of listing hundreds of unknown HTML files: request the
/// download again in JSON format. Parsing such a file ends at once with that message.
public struct MetaHTMLImporter: Importer {
    public init() {}

    public var id: String { "meta.html" }
    public var title: String { "Facebook / Instagram data download (HTML format)" }
    public var howToRequest: String {
        "Not read: in Download your information choose Format: JSON instead of HTML (see meta.facebook / meta.instagram)."
    }

    /// Folder names of Meta downloads (2020–2024 layouts) that an HTML file sits under.
    static let folderHints = [
        "messages/inbox/", "messages/e2ee_cutover/", "messages/archived_threads/", "your_facebook_activity/",
        "your_instagram_activity/", "ads_information/", "friends_and_followers/", "connections/followers_and_following/",
        "apps_and_websites_off_of_facebook/", "logged_information/", "personal_information/", "security_and_login_information/",
        "preferences/", "posts/", "comments_and_reactions/", "groups/", "pages/",
    ]
    /// Class names and strings Meta's HTML exporter writes into every page.
    static let markupHints = ["_a6-g", "_a706", "_2pin", "_3-96", "_2lek", "_a6-p", "facebook", "instagram"]

    public func detect(_ probe: FileProbe) -> Detection? {
        guard probe.trimmedHead.first == UInt8(ascii: "<") else { return nil }
        let head = probe.trimmedHead.prefix(16 * 1024)
        guard JSONHeadSniffer.containsASCII("<html", in: head) else { return nil }
        let path = probe.path.lowercased()
        let inMetaFolder = Self.folderHints.contains { path.contains($0) } || path.contains("facebook-") || path.contains("instagram-")
        let metaMarkup = Self.markupHints.contains { JSONHeadSniffer.containsASCII($0, in: head) }
        guard inMetaFolder && metaMarkup else { return nil }
        return Detection(confidence: 0.8, reason: "Facebook/Instagram download in HTML format")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { MetaHTMLExportParser() }
}
