import StewardCore

/// GPX tracks (any GPX 1.0/1.1 file; Apple Health's `workout-routes/*.gpx`). Detected by the
/// `<gpx` root in the head; a `.gpx` name only raises the confidence.
public struct GPXTrackImporter: Importer {
    public init() {}

    public var id: String { GPXTrackParser.source }
    public var title: String { "GPX track (workout routes, sport watches, trackers)" }
    public var howToRequest: String {
        """
        Apple Health: Export All Health Data writes workout-routes/*.gpx into export.zip. Strava: \
        Settings → My Account → Download or Delete Your Account (activities/*.gpx and *.gpx.gz; its .fit.gz and \
        .tcx.gz are read as FIT and TCX activity files). Garmin Connect: \
        an activity → ⚙ → Export to GPX. Most tracker apps offer "Export GPX".
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead.prefix(8 * 1024)
        guard head.first == UInt8(ascii: "<"), HealthHeadSearch.find("<gpx", in: head) != nil else { return nil }
        return Detection(confidence: probe.fileExtension == "gpx" ? 0.95 : 0.85, reason: "XML with a <gpx> root (GPX track)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { GPXTrackParser() }
}
