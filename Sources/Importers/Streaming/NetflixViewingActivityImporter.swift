import Formats
/// Netflix's `ViewingActivity.csv` from "Download your personal information" (in the zip's
/// CONTENT_INTERACTION folder). Detected by its header (Profile Name, Start Time, Duration,
/// Title and Netflix's own columns), not by the name.
public struct NetflixViewingActivityImporter: Importer {
    public init() {}

    public var id: String { NetflixViewingRowMapper.source }
    public var title: String { "Netflix viewing activity (ViewingActivity.csv)" }
    public var howToRequest: String {
        """
        netflix.com/account/getmyinfo (Account → Security & privacy → "Download your personal \
        information") → Submit request → confirm the e-mail; a download link arrives within \
        30 days. Scan the zip: steward reads CONTENT_INTERACTION/ViewingActivity.csv (every \
        viewing with its start time in UTC, its length and the profile it was on).
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let names = probe.csvHeaderColumns() else { return nil }
        guard NetflixViewingRowMapper.required.allSatisfy(names.contains) else { return nil }
        let marks = ["supplemental video type", "device type", "bookmark", "latest bookmark", "attributes"].filter(names.contains).count
        guard marks >= 2 else { return nil }
        return Detection(confidence: probe.fileName.lowercased() == "viewingactivity.csv" ? 0.95 : 0.9,
                         reason: "CSV with Netflix's viewing activity columns (Profile Name, Start Time, Duration, Title, Supplemental Video Type)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        HeaderedCSVParser(mapper: NetflixViewingRowMapper())
    }
}
