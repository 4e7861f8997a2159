/// Google Maps Timeline exported from the phone (2024+): Timeline.json (`semanticSegments`,
/// `rawSignals`) or the array-shaped location-history.json. Detected by content.
public struct TimelineImporter: Importer {
    public init() {}

    public var id: String { TimelineParser.source }
    public var title: String { "Google Maps Timeline (on-device export)" }
    public var howToRequest: String {
        """
        Since 2024 Timeline lives on the phone, not in Takeout. Android: Settings → Location → \
        Location services → Timeline → "Export Timeline data" → save Timeline.json. iPhone: Google Maps → \
        your profile picture → Settings → Personal content → "Export Timeline data" → save location-history.json. \
        steward reads either file (semantic segments: visits, activities, paths; raw position signals).
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        let nameHint = LocationTakeoutNames.timelineFiles.contains(probe.fileName.lowercased())
        if head.first == UInt8(ascii: "{") {
            let region = head.prefix(4 * 1024)
            guard GoogleMyActivityImporter.containsKey("semanticSegments", in: region)
                || GoogleMyActivityImporter.containsKey("rawSignals", in: region) else { return nil }
            return Detection(confidence: nameHint ? 0.95 : 0.9,
                             reason: "object with semanticSegments/rawSignals (on-device Timeline.json shape)")
        }
        guard head.first == UInt8(ascii: "[") else { return nil }
        // The array shape: the first segment has startTime and endTime and one of the segment kinds.
        let first = head.prefix(4 * 1024)
        guard GoogleMyActivityImporter.containsKey("startTime", in: first),
              GoogleMyActivityImporter.containsKey("endTime", in: first) else { return nil }
        let kinds = ["visit", "activity", "timelinePath", "timelineMemory"]
        guard kinds.contains(where: { GoogleMyActivityImporter.containsKey($0, in: first) }) else {
            return nameHint ? Detection(confidence: 0.4, reason: "array of startTime/endTime records without visit/activity/timelinePath") : nil
        }
        return Detection(confidence: nameHint ? 0.95 : 0.85,
                         reason: "array of startTime/endTime segments with visit/activity/timelinePath (location-history.json shape)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { TimelineParser() }
}
