/// Instagram "Download Your Information" in JSON format: messages, posts, comments, likes,
/// followers and following, searches, and the ads interests Instagram inferred. The labels
/// inside (`"Interesse"`, `"Name"`) are in the account's language; only positions are read.
public struct InstagramJSONImporter: Importer {
    public init() {}

    public var id: String { MetaPlatform.instagram.source }
    public var title: String { "Instagram data download (JSON)" }
    public var howToRequest: String {
        """
        Instagram → Settings → Accounts Center → Your information and permissions → Download your information \
        → Download or transfer information → choose the Instagram account → All available information (or \
        Messages, Content, Followers and following, Likes, Comments, Searches, Ads information) → Download to \
        device → Format: JSON (not HTML) → Create files. Scan the .zip as downloaded.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let found = MetaFileLayout.detect(probe), found.layout.platform == .instagram else { return nil }
        return Detection(confidence: 0.9, reason: found.reason)
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        MetaJSONParser(layout: MetaFileLayout.detect(probe)?.layout
                       ?? MetaFileLayout(kind: .post, arrayPath: [], list: "posts", platform: .instagram))
    }
}
