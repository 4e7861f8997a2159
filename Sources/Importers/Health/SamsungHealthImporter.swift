import StewardCore
import Formats

/// Samsung Health's "Download personal data" folder: the daily step files and the sleep file.
/// Detected by the data-type line Samsung writes before each CSV's header
/// (`com.samsung.shealth.step_daily_trend,6315002,13`) and the header's columns; the folder's
/// other data types (heart rate, stress, weight, …) are not read.
public struct SamsungHealthImporter: Importer {
    public init() {}

    public var id: String { SamsungHealthRowMapper.source }
    public var title: String { "Samsung Health personal data download (daily steps and sleep CSVs)" }
    public var howToRequest: String {
        """
        Samsung Health app → ☰ or the three dots → Settings → "Download personal data" → \
        Download → sign in to your Samsung account. The phone writes a folder \
        (Internal storage/Download/Samsung Health/samsunghealth_<name>_<time>) of CSV files; copy it \
        to a computer and scan it. steward reads com.samsung.shealth.step_daily_trend, \
        com.samsung.shealth.tracker.pedometer_day_summary and com.samsung.shealth.sleep.
        """
    }

    /// The data type named by the file's first line, and the second line's column names.
    static func sniff(_ head: ArraySlice<UInt8>) -> (type: String, columns: Set<String>)? {
        guard let firstEnd = head.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return nil }
        let first = String(decoding: head[head.startIndex..<firstEnd], as: UTF8.self)
        let fields = first.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count >= 2, fields[0].hasPrefix("com.samsung."), fields[1].allSatisfy(\.isNumber), !fields[1].isEmpty else { return nil }
        var rest = head[firstEnd...]
        while let b = rest.first, b == 0x0A || b == 0x0D { rest = rest.dropFirst() }
        return (String(fields[0]), Set(CSVHeaderSniffer.firstLineColumns(rest.prefix(8192), maxLineBytes: 8192)))
    }

    static func kind(_ probe: FileProbe) -> SamsungHealthRowMapper.Kind? {
        guard let (type, columns) = sniff(probe.trimmedHead) else { return nil }
        let kind: SamsungHealthRowMapper.Kind
        switch type {
        case "com.samsung.shealth.step_daily_trend": kind = .stepTrend
        case "com.samsung.shealth.tracker.pedometer_day_summary": kind = .pedometerDay
        case "com.samsung.shealth.sleep":
            kind = .sleep(prefix: columns.contains("com.samsung.health.sleep.start_time") ? "com.samsung.health.sleep." : "")
        default: return nil
        }
        return SamsungHealthRowMapper(kind: kind).requiredColumns.allSatisfy(columns.contains) ? kind : nil
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard Self.kind(probe) != nil else { return nil }
        return Detection(confidence: 0.95,
                         reason: "CSV opening with Samsung Health's data-type line (com.samsung.shealth.…) and its step or sleep columns")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        HeaderedCSVParser(mapper: SamsungHealthRowMapper(kind: Self.kind(probe) ?? .stepTrend))
    }
}
