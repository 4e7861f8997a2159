/// Facebook "Download Your Information" in JSON format: messages, posts, comments, reactions,
/// friends, groups, pages, events, search history and ads information. Recognized by each
/// file's top-level key (see `MetaFileLayout`), not by its folder, which Meta renames.
public struct FacebookJSONImporter: Importer {
    public init() {}

    public var id: String { MetaPlatform.facebook.source }
    public var title: String { "Facebook data download (JSON)" }
    public var howToRequest: String {
        """
        Facebook → Settings & privacy → Settings → Accounts Center → Your information and permissions → \
        Download your information → Download or transfer information → choose the profile → All available \
        information (or pick Messages, Posts, Comments and reactions, Friends, Groups, Pages, Events, Search, \
        Ads information) → Download to device → Format: JSON (not HTML), Media quality: Low → Create files. \
        Scan the .zip as downloaded.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let found = MetaFileLayout.detect(probe), found.layout.platform == .facebook else { return nil }
        return Detection(confidence: 0.9, reason: found.reason)
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        MetaJSONParser(layout: MetaFileLayout.detect(probe)?.layout
                       ?? MetaFileLayout(kind: .post, arrayPath: [], list: "posts", platform: .facebook))
    }
}
