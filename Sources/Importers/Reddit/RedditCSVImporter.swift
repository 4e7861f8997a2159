/// Reddit's data request export (GDPR/CCPA): comments.csv, posts.csv and
/// subscribed_subreddits.csv, recognized by their header rows.
public struct RedditCSVImporter: Importer {
    public init() {}

    public var id: String { RedditRowMapper.source }
    public var title: String { "Reddit data request (CSV)" }
    public var howToRequest: String {
        """
        reddit.com/settings/data-request (logged in) → choose "GDPR" or "CCPA" as the legal basis → \
        "Request data"; Reddit sends a private message with a download link within about 30 days. \
        Scan the .zip (comments.csv, posts.csv, subscribed_subreddits.csv).
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let file = RedditCSVFile.detect(head: probe.trimmedHead.prefix(4096)) else { return nil }
        if file == .subscribedSubreddits && !probe.fileName.lowercased().contains("subreddit") {
            return Detection(confidence: 0.6, reason: "one-column CSV headed \"subreddit\" (Reddit subscriptions)")
        }
        return Detection(confidence: 0.9, reason: "Reddit \(file.rawValue) CSV")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        HeaderedCSVParser(mapper: RedditRowMapper(file: RedditCSVFile.detect(head: probe.trimmedHead.prefix(4096)) ?? .comments))
    }
}
