import Formats

/// `activities.csv` of Strava's bulk export ("Download or Delete Your Account"). Detected by
/// its header (Activity ID, Activity Date, Activity Type and at least two more of Strava's
/// columns), not by the name.
public struct StravaActivitiesImporter: Importer {
    public init() {}

    public var id: String { StravaActivityRowMapper.source }
    public var title: String { "Strava bulk export (activities.csv)" }
    public var howToRequest: String {
        """
        strava.com → Settings → My Account → Download or Delete Your Account → Get Started → \
        Request Your Archive; Strava e-mails a link to export_<id>.zip, usually within hours. Scan \
        the zip: steward reads activities.csv (each activity's date, type and name) and the \
        routes in activities/ (.fit, .tcx, .gpx, each also as .gz).
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let names = probe.csvHeaderColumns(within: 8192) else { return nil }
        guard StravaActivityRowMapper.required.allSatisfy(names.contains) else { return nil }
        let marks = ["activity name", "elapsed time", "filename", "activity description", "relative effort", "commute", "activity gear"]
            .filter(names.contains).count
        guard marks >= 2 else { return nil }
        return Detection(confidence: probe.fileName.lowercased() == "activities.csv" ? 0.95 : 0.9,
                         reason: "CSV with Strava's activity columns (Activity ID, Activity Date, Activity Type)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        HeaderedCSVParser(mapper: StravaActivityRowMapper())
    }
}
