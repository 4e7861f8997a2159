/// Google Takeout Location History raw fixes (Records.json / "Location History.json").
/// Detected by content: an object whose first key region holds `"locations"` and E7
/// coordinates; localized folder and file names only raise the confidence.
public struct LocationRecordsImporter: Importer {
    public init() {}

    public var id: String { LocationRecordsParser.source }
    public var title: String { "Google Location History records (Records.json)" }
    public var howToRequest: String {
        """
        takeout.google.com → "Deselect all" → select "Location History (Timeline)" → create export. \
        steward reads Takeout/Location History (Timeline)/Records.json (older exports: \
        Location History/Location History.json; localized folders such as Standortverlauf, \
        Historique des positions, Historial de ubicaciones, История местоположений). Since 2024 \
        Google keeps Timeline on the phone only: exports made after that come from the phone \
        (see google.timeline), and Takeout may no longer offer this file.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "{") else { return nil }
        let nameHint = LocationTakeoutNames.recordsFiles.contains(probe.fileName.lowercased())
            || LocationTakeoutNames.isInLocationFolder(probe.path)
        let region = head.prefix(8 * 1024)
        guard GoogleMyActivityImporter.containsKey("locations", in: region) else { return nil }
        let hasFix = GoogleMyActivityImporter.containsKey("latitudeE7", in: region)
            || GoogleMyActivityImporter.containsKey("timestampMs", in: region)
        if hasFix {
            return nameHint
                ? Detection(confidence: 0.95, reason: "\"locations\" array of E7 position fixes named \(probe.fileName)")
                : Detection(confidence: 0.9, reason: "object with a \"locations\" array of E7 position fixes (Records.json shape)")
        }
        return nameHint
            ? Detection(confidence: 0.6, reason: "\"locations\" object named like a Location History file, no fixes in the head")
            : Detection(confidence: 0.3, reason: "object with \"locations\" but no latitudeE7 in the head")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { LocationRecordsParser() }
}
