import Formats

/// Netflix's `Ratings.csv` from "Download your personal information" (in the zip's
/// CONTENT_INTERACTION folder): every thumbs up, thumbs down and old star rating a profile gave a
/// title. Detected by its header (Profile Name, Title Name, Thumbs Value, Event Utc Ts and
/// Netflix's own columns), not by the name.
public struct NetflixRatingsImporter: Importer {
    public init() {}

    public var id: String { NetflixRatingsRowMapper.source }
    public var title: String { "Netflix ratings (Ratings.csv)" }
    public var howToRequest: String {
        """
        netflix.com/account/getmyinfo (Account → Security & privacy → "Download your personal \
        information") → Submit request → confirm the e-mail; a download link arrives within \
        30 days. Scan the zip: steward reads CONTENT_INTERACTION/Ratings.csv (every title a \
        profile rated, thumbs or stars, with the minute in UTC).
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let names = probe.csvHeaderColumns() else { return nil }
        guard NetflixRatingsRowMapper.required.allSatisfy(names.contains) else { return nil }
        let marks = ["rating type", "star value", "device model", "region view date"].filter(names.contains).count
        guard marks >= 2 else { return nil }
        return Detection(confidence: probe.fileName.lowercased() == "ratings.csv" ? 0.95 : 0.9,
                         reason: "CSV with Netflix's rating columns (Profile Name, Title Name, Thumbs Value, Event Utc Ts)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        HeaderedCSVParser(mapper: NetflixRatingsRowMapper())
    }
}
