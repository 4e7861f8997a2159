import Formats

/// The comments a person wrote on YouTube, from Google Takeout (`comments.csv`). Detected by
/// the header (Comment Create Timestamp, Video ID, Comment Text), in either of the layouts
/// Takeout has used.
public struct YouTubeCommentsImporter: Importer {
    public init() {}

    public var id: String { YouTubeCommentsRowMapper.source }
    public var title: String { "YouTube comments (Google Takeout CSV)" }
    public var howToRequest: String {
        """
        takeout.google.com → "Deselect all" → select "YouTube and YouTube Music" → "All YouTube data \
        included" → keep "comments" → create export. steward reads \
        Takeout/YouTube and YouTube Music/comments/comments.csv (every comment you wrote, with its \
        time and video).
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let names = probe.csvHeaderColumns() else { return nil }
        guard YouTubeCommentsRowMapper.required.allSatisfy(names.contains), names.contains("comment id") else { return nil }
        return Detection(confidence: 0.9, reason: "CSV with YouTube's comment columns (Comment ID, Comment Create Timestamp, Video ID, Comment Text)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        HeaderedCSVParser(mapper: YouTubeCommentsRowMapper())
    }
}
