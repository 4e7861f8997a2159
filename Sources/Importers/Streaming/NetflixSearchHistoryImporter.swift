import Formats

/// Netflix's `SearchHistory.csv` from "Download your personal information" (in the zip's
/// CONTENT_INTERACTION folder): what each profile typed into Netflix's search. Detected by its
/// header (Profile Name, Query Typed, Utc Timestamp and Netflix's own columns), not by the name.
public struct NetflixSearchHistoryImporter: Importer {
    public init() {}

    public var id: String { NetflixSearchRowMapper.source }
    public var title: String { "Netflix search history (SearchHistory.csv)" }
    public var howToRequest: String {
        """
        netflix.com/account/getmyinfo (Account → Security & privacy → "Download your personal \
        information") → Submit request → confirm the e-mail; a download link arrives within \
        30 days. Scan the zip: steward reads CONTENT_INTERACTION/SearchHistory.csv (every query \
        typed into Netflix's search, with its time in UTC and the profile it was typed on).
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let names = probe.csvHeaderColumns() else { return nil }
        guard NetflixSearchRowMapper.required.allSatisfy(names.contains) else { return nil }
        let marks = ["displayed name", "is kids", "action", "section", "device", "country iso"].filter(names.contains).count
        guard marks >= 2 else { return nil }
        return Detection(confidence: probe.fileName.lowercased() == "searchhistory.csv" ? 0.95 : 0.9,
                         reason: "CSV with Netflix's search history columns (Profile Name, Query Typed, Displayed Name, Utc Timestamp)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        HeaderedCSVParser(mapper: NetflixSearchRowMapper())
    }
}
