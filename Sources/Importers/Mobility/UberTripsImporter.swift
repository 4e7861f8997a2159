import Formats
/// Uber's rider trip history from "Download your data": `Rider/trips_data*.csv`. Detected by
/// its header (the trip status and both ends' coordinates), not by the name.
public struct UberTripsImporter: Importer {
    public init() {}

    public var id: String { UberTripRowMapper.source }
    public var title: String { "Uber rider trips (Download your data, trips_data.csv)" }
    public var howToRequest: String {
        """
        myprivacy.uber.com → "Download your data" (or the Uber app → Account → Settings → \
        Privacy → Download your data) → request it; Uber e-mails a link when the file is ready, \
        usually within days. Scan the zip: steward reads Rider/trips_data*.csv (where and when \
        each ride began and ended).
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let names = probe.csvHeaderColumns() else { return nil }
        guard UberTripRowMapper.required.allSatisfy(names.contains) else { return nil }
        let marks = ["product type", "city", "fare amount", "fare currency", "begin trip address", "dropoff address"]
            .filter(names.contains).count
        guard marks >= 2 else { return nil }
        return Detection(confidence: probe.fileName.lowercased().hasPrefix("trips_data") ? 0.95 : 0.9,
                         reason: "CSV with Uber's trip columns (Trip or Order Status, Begin Trip Lat/Lng, Dropoff Lat/Lng)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        HeaderedCSVParser(mapper: UberTripRowMapper())
    }
}
