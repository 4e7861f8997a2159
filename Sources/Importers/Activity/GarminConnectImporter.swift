import StewardCore

/// Garmin's account data export (`DI_CONNECT/…`): activity summaries, daily summaries (steps)
/// and sleep nights, each a JSON file recognized by its keys; the file name only raises the
/// confidence.
public struct GarminConnectImporter: Importer {
    public init() {}

    public var id: String { GarminConnectParser.source }
    public var title: String { "Garmin Connect data export (activities, daily steps, sleep)" }
    public var howToRequest: String {
        """
        garmin.com/account → Data Management → Export Your Data → Request Data Export; Garmin e-mails \
        a link to a zip within days. Scan the zip: steward reads DI_CONNECT/DI-Connect-Fitness/\
        *_summarizedActivities.json, DI-Connect-Aggregator/UDSFile_*.json (daily steps) and \
        DI-Connect-Wellness/*_sleepData.json; the original activity files in \
        DI-Connect-Uploaded-Files (.fit inside zips) are read by the FIT importer.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let kind = Self.kind(probe) else { return nil }
        let name = probe.fileName
        let named: Bool
        switch kind {
        case .activities: named = name.hasSuffix("summarizedActivities.json")
        case .dailySummaries: named = name.hasPrefix("UDSFile_")
        case .sleep: named = name.hasSuffix("sleepData.json")
        }
        return Detection(confidence: named ? 0.95 : 0.85, reason: "JSON with the keys of Garmin's data export (\(Self.describe(kind)))")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        GarminConnectParser(kind: Self.kind(probe) ?? .activities)
    }

    static func describe(_ kind: GarminConnectParser.Kind) -> String {
        switch kind {
        case .activities: return "summarizedActivitiesExport"
        case .dailySummaries: return "daily summaries with calendarDate and totalSteps"
        case .sleep: return "sleep nights with sleepStartTimestampGMT"
        }
    }

    static func kind(_ probe: FileProbe) -> GarminConnectParser.Kind? {
        let head = probe.trimmedHead.prefix(16 * 1024)
        guard head.first == UInt8(ascii: "[") else { return nil }
        if HealthHeadSearch.find("\"summarizedActivitiesExport\"", in: head) != nil { return .activities }
        if HealthHeadSearch.find("\"sleepStartTimestampGMT\"", in: head) != nil,
           HealthHeadSearch.find("\"calendarDate\"", in: head) != nil { return .sleep }
        if HealthHeadSearch.find("\"calendarDate\"", in: head) != nil,
           HealthHeadSearch.find("\"userProfilePK\"", in: head) != nil,
           HealthHeadSearch.find("\"totalSteps\"", in: head) != nil
            || HealthHeadSearch.find("\"wellnessStartTimeGmt\"", in: head) != nil { return .dailySummaries }
        return nil
    }
}
