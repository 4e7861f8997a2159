import StewardCore

/// Garmin Training Center XML activity files (`.tcx`, and `.tcx.gz` in Strava's bulk export).
/// Detected by the `<TrainingCenterDatabase` root in the head; the name only raises the
/// confidence.
public struct TCXActivityImporter: Importer {
    public init() {}

    public var id: String { TCXActivityParser.source }
    public var title: String { "TCX activity file (Garmin Training Center XML, Strava export)" }
    public var howToRequest: String {
        """
        Strava: Settings → My Account → Download or Delete Your Account → Request Your Archive \
        (activities/*.tcx.gz for activities uploaded as TCX). Garmin Connect: an activity → ⚙ → \
        Export to TCX.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead.prefix(8 * 1024)
        guard head.first == UInt8(ascii: "<"), HealthHeadSearch.find("<TrainingCenterDatabase", in: head) != nil else { return nil }
        return Detection(confidence: probe.fileExtension == "tcx" ? 0.95 : 0.85, reason: "XML with a <TrainingCenterDatabase> root (TCX activity)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { TCXActivityParser() }
}
