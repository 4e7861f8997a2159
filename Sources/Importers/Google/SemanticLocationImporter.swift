import StewardCore

/// Google Takeout Semantic Location History month files. Detected by content (an object
/// with `timelineObjects`); the "2019_JANUARY.json" naming (month names localized) and the
/// location folder names only raise the confidence.
public struct SemanticLocationImporter: Importer {
    public init() {}

    public var id: String { SemanticLocationParser.source }
    public var title: String { "Google Semantic Location History (month files)" }
    public var howToRequest: String {
        """
        takeout.google.com → "Deselect all" → select "Location History (Timeline)" → create export. \
        steward reads every Takeout/Location History (Timeline)/Semantic Location History/<year>/<year>_<MONTH>.json \
        (month names are localized, e.g. 2019_JANUAR.json, 2019_ENERO.json). Since 2024 Google keeps Timeline \
        on the phone only; use the phone's "Export timeline data" (google.timeline) for newer data.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "{") else { return nil }
        guard GoogleMyActivityImporter.containsKey("timelineObjects", in: head.prefix(4 * 1024)) else { return nil }
        let nameHint = LocationTakeoutNames.isMonthFileName(probe.fileName) || LocationTakeoutNames.isInLocationFolder(probe.path)
        return nameHint
            ? Detection(confidence: 0.95, reason: "\"timelineObjects\" month file named \(probe.fileName)")
            : Detection(confidence: 0.9, reason: "object with a \"timelineObjects\" array (Semantic Location History shape)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { SemanticLocationParser() }

    /// The month (UTC) the file's first visit or trip starts in: Takeout writes one file per
    /// month, so two files of different months hold different visits, while two downloads of one
    /// month start with the same record (docs/duplicates.md). Both timestamp forms give the same
    /// month, so an older download in milliseconds meets a newer one in ISO form.
    public func overlapPart(_ probe: FileProbe) -> String? {
        let head = probe.trimmedHead
        let start: Timestamp?
        if let iso = JSONHeadProbe.firstString(of: "startTimestamp", in: head) {
            start = Timestamp.parseISO8601(iso.utf8)
        } else if let ms = JSONHeadProbe.firstString(of: "startTimestampMs", in: head), let value = Int64(ms) {
            start = Timestamp(epochSeconds: value / 1000)
        } else {
            start = nil
        }
        guard let start else { return nil }
        let month = Timestamp(epochSeconds: start.epochSeconds, utcOffsetSeconds: 0).civil
        return "\(month.year)-\(month.month)"
    }
}
