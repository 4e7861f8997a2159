import StewardCore
import Formats

/// Google Fit's "Daily activity metrics" CSVs from Takeout (see `GoogleFitDailyMetricsMapper`).
/// Known by the header: `Step count` beside `Start time`/`End time` (a day's intervals) or
/// `Date` (the summary), with at least two more of Google Fit's metric columns, so a bank or
/// pedometer CSV that merely has a steps column is not taken.
public struct GoogleFitImporter: Importer {
    public init() {}

    public var id: String { GoogleFitDailyMetricsMapper.source }
    public var title: String { "Google Fit daily activity metrics (Takeout CSV)" }
    public var howToRequest: String {
        """
        Google Takeout (takeout.google.com) → deselect all → select "Fit" → export. Scan the zip: \
        steward reads Takeout/Fit/Daily activity metrics/*.csv (one file per day and \
        Daily activity metrics.csv).
        """
    }

    static let metricColumns = ["move minutes count", "calories (kcal)", "distance (m)", "heart points", "heart minutes"]

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard let first = head.first, first != UInt8(ascii: "{"), first != UInt8(ascii: "["), first != UInt8(ascii: "<") else { return nil }
        let names = Set(CSVHeaderSniffer.firstLineColumns(head.prefix(8192), maxLineBytes: 8192))
        guard names.contains(GoogleFitDailyMetricsMapper.stepColumn),
              Self.metricColumns.filter(names.contains).count >= 2 else { return nil }
        let intervals = names.contains("start time") && names.contains("end time")
        guard intervals || names.contains("date") else { return nil }
        let inFolder = probe.path.lowercased().contains("daily activity metrics")
        return Detection(confidence: inFolder ? 0.95 : 0.85,
                         reason: intervals ? "CSV with Google Fit's interval columns (Start time, End time, Step count, Heart Points)"
                                           : "CSV with Google Fit's daily columns (Date, Step count, Heart Points)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        HeaderedCSVParser(mapper: GoogleFitDailyMetricsMapper(fileName: probe.fileName))
    }
}
