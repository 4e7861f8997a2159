import StewardCore
import Formats

/// FIT activity files (`.fit`, and `.fit.gz` in Strava's bulk export, which the export reader
/// inflates). Detected by the FIT file header (`.FIT` at bytes 8–11 after a 12- or 14-byte
/// header size); the name only raises the confidence.
public struct FITActivityImporter: Importer {
    public init() {}

    public var id: String { FITActivityParser.source }
    public var title: String { "FIT activity file (Garmin and other sport watches, Strava export)" }
    public var howToRequest: String {
        """
        Strava: Settings → My Account → Download or Delete Your Account → Request Your Archive \
        (activities/*.fit.gz, *.tcx.gz, *.gpx.gz beside activities.csv). Garmin Connect: an activity → ⚙ → \
        Export Original (a .zip holding the .fit), or the watch's GARMIN/Activity folder over USB.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard FITReader.looksLikeFIT(probe.head) else { return nil }
        return Detection(confidence: probe.fileExtension == "fit" ? 0.95 : 0.9, reason: "FIT file header (.FIT)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { FITActivityParser() }
}
