/// LinkedIn "Get a copy of your data": Positions.csv, Connections.csv, messages.csv,
/// Inferences_about_you.csv, Ad_Targeting.csv, Education.csv and Job Applications.csv.
/// Recognized by the header row's columns (see `LinkedInCSVFile`).
public struct LinkedInCSVImporter: Importer {
    public init() {}

    public var id: String { LinkedInRowMapper.source }
    public var title: String { "LinkedIn data export (CSV)" }
    public var howToRequest: String {
        """
        linkedin.com → Me → Settings & Privacy → Data privacy → Get a copy of your data → "Download larger \
        data archive" (everything; the fast archive lacks inferences and ad targeting) → Request archive. \
        LinkedIn e-mails a link within about a day; scan the downloaded .zip (Positions.csv, \
        Connections.csv, messages.csv, Inferences_about_you.csv, Ad_Targeting.csv, Education.csv, \
        Jobs/Job Applications.csv).
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let file = LinkedInCSVFile.detect(head: probe.trimmedHead.prefix(16 * 1024)) else { return nil }
        return Detection(confidence: 0.9, reason: "LinkedIn \(file.rawValue) CSV (header \(file.requiredColumns.joined(separator: ", ")))")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        let file = LinkedInCSVFile.detect(head: probe.trimmedHead.prefix(16 * 1024)) ?? .positions
        return HeaderedCSVParser(mapper: LinkedInRowMapper(file: file))
    }
}
