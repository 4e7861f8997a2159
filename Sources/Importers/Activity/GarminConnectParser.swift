import Foundation
import StewardCore
import Formats

/// Garmin's account data export (garmin.com/account → Data Management → Export Your Data),
/// `DI_CONNECT/…` in the zip (docs/formats/health.md, "Garmin Connect data export"). Three
/// kinds of JSON file are read:
///
/// - `DI-Connect-Fitness/<user>_0_summarizedActivities.json`:
///   `[{"summarizedActivitiesExport": [{"activityId", "name", "activityType": "running",
///   "startTimeGmt": <ms>, "duration": <ms>, "distance": <cm>, "startLatitude",
///   "startLongitude", …}]}]`. Each activity is a `.healthRecord` (`code` = the activity type in
///   words, `strength_training` → `strength training`) and, when it has a start position, a
///   `.location` fix there at its start.
/// - `DI-Connect-Aggregator/UDSFile_<from>_<to>.json` (user daily summaries):
///   `[{"calendarDate": "2024-03-01", "totalSteps": 15321, "userProfilePK", …}]`. Each day with
///   steps is one `.healthRecord` (`code` `steps`, the calendar day on the wearer's clock,
///   floating, `product` `Garmin (daily total)`), as Google Fit's daily totals are.
/// - `DI-Connect-Wellness/<from>_<to>_<user>_sleepData.json`: `[{"calendarDate",
///   "sleepStartTimestampGMT": "2024-03-01T22:40:00.0", "sleepEndTimestampGMT",
///   "deepSleepSeconds", "lightSleepSeconds", "remSleepSeconds", "awakeSleepSeconds", …}]`.
///   Each night is one `.healthRecord` (`code` `sleep`, `text` `asleep`) from the sleep start,
///   as long as its deep, light and REM seconds together (the file gives totals, not stretches).
public struct GarminConnectParser: ExportParser {
    public static let source = "garmin.connect"

    public enum Kind: Sendable { case activities, dailySummaries, sleep }

    let kind: Kind
    private var splitter = JSONArraySplitter()
    private var walker = JSONPathWalker(targets: [["summarizedActivitiesExport"]], maxElementBytes: 4 << 20)
    private var daysWithoutSteps = 0
    private var activitiesSeen = 0
    private var openingSkipped = false

    static let activityKeys: JSONKeySet = ["activityId", "name", "activityType", "sportType", "startTimeGmt", "duration",
                                            "elapsedDuration", "distance", "startLatitude", "startLongitude", "typeKey"]
    static let dayKeys: JSONKeySet = ["calendarDate", "totalSteps", "date"]
    static let sleepKeys: JSONKeySet = ["calendarDate", "sleepStartTimestampGMT", "sleepEndTimestampGMT",
                                         "deepSleepSeconds", "lightSleepSeconds", "remSleepSeconds"]

    public init(kind: Kind) {
        self.kind = kind
    }

    struct SkipReason: RecordSkipReason {
        let text: String
        init(_ text: String) { self.text = text }
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        switch kind {
        case .activities:
            var seen = activitiesSeen
            defer { activitiesSeen = seen }
            var chunk = chunk
            if !openingSkipped {
                // The export wraps its one object in an array (`[{"summarizedActivitiesExport": …}]`);
                // the walker matches key paths through objects only, so it reads from inside
                // that array. Its closing `]` is then passed over at depth 0.
                var at = 0
                while at < chunk.count, [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains(chunk[at]) { at += 1 }
                guard at < chunk.count else { return }
                openingSkipped = true
                if chunk[at] == UInt8(ascii: "[") { at += 1 }
                chunk = UnsafeRawBufferPointer(rebasing: chunk[at...])
            }
            walker.feed(chunk) { Self.activity($0, &seen, sink) }
        case .dailySummaries, .sleep:
            let kind = self.kind
            var days = daysWithoutSteps
            defer { daysWithoutSteps = days }
            try splitter.feed(chunk) { output throws(ParseError) in Self.element(output, kind, &days, sink) }
        }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        switch kind {
        case .activities:
            var seen = activitiesSeen
            defer { activitiesSeen = seen }
            walker.finish { Self.activity($0, &seen, sink) }
        case .dailySummaries, .sleep:
            let kind = self.kind
            var days = daysWithoutSteps
            defer { daysWithoutSteps = days }
            try splitter.finish { output throws(ParseError) in Self.element(output, kind, &days, sink) }
            if splitter.elementCount == 0 && !splitter.arrayClosed {
                throw ParseError(kind == .sleep ? "not a JSON array of Garmin sleep nights" : "not a JSON array of Garmin daily summaries")
            }
            if days > 0 { sink.warn("\(days) day(s) without a step count (watch not worn) were not read") }
        }
    }

    // MARK: activities

    private static func activity(_ output: JSONPathWalker.Output, _ seen: inout Int, _ sink: EventSink) {
        switch output {
        case .element(_, _, let index, let bytes):
            seen += 1
            let position = SourcePosition.record(index, pointer: "/0/summarizedActivitiesExport/\(index)")
            let value: JSONValue
            do {
                value = try JSONValueParser.parse(Array(bytes), onlyKeys: activityKeys)
            } catch {
                sink.skip(error.description, at: position); return
            }
            switch activityEvents(value, position) {
            case .success(let events): events.forEach(sink.emit)
            case .failure(let reason): sink.skip(reason.text, at: position)
            }
        case .skipped(_, _, let index, let reason):
            seen += 1
            sink.skip(reason, at: .record(index, pointer: "/0/summarizedActivitiesExport/\(index)"))
        case .value, .skippedValue:
            break
        }
    }

    static func activityEvents(_ value: JSONValue, _ position: SourcePosition) -> Result<[Event], SkipReason> {
        guard case .object = value else { return .failure(SkipReason("not an object")) }
        guard let startText = value["startTimeGmt"]?.numberText else { return .failure(SkipReason("no start time")) }
        let start: Timestamp
        do {
            start = try UntrustedTime.timestamp(floating: try CheckedNumber.decimal(startText, field: "startTimeGmt"),
                                                unit: .milliseconds, since: .unix1970, field: "startTimeGmt")
        } catch {
            return .failure(SkipReason(error.description))
        }
        // Older exports write the type as an object (`{"typeKey": "running"}`), newer as a string.
        let rawType = value["activityType"]?.stringValue ?? value["activityType"]?["typeKey"]?.stringValue
            ?? value["sportType"]?.stringValue?.lowercased()
        guard let rawType, !rawType.isEmpty else { return .failure(SkipReason("no activity type")) }
        let type = rawType.replacingOccurrences(of: "_", with: " ")
        let ms = (value["duration"] ?? value["elapsedDuration"])?.doubleValue
        let cm = value["distance"]?.doubleValue
        var events = [Workout.event(source: source, type: type, start: start, name: value["name"]?.stringValue,
                                    seconds: ms.flatMap { $0.isFinite && $0 > 0 && $0 < 1e10 ? Int64($0 / 1000) : nil },
                                    metres: cm.flatMap { $0.isFinite && $0 > 0 && $0 < 1e10 ? $0 / 100 : nil },
                                    product: "Garmin Connect", position: position)]
        if let lat = value["startLatitude"]?.doubleValue, let lon = value["startLongitude"]?.doubleValue,
           lat.isFinite, lon.isFinite, abs(lat) <= 90, abs(lon) <= 180, !(lat == 0 && lon == 0) {
            events.append(Event(source: source, kind: .location, time: start, title: "Start: " + type,
                                latitude: lat, longitude: lon, position: position))
        }
        return .success(events)
    }

    // MARK: daily summaries and sleep

    private static func element(_ output: JSONArraySplitter.Output, _ kind: Kind, _ daysWithoutSteps: inout Int, _ sink: EventSink) {
        JSONRecordDelivery.forEachValue(output, pointerPrefix: "", keys: kind == .sleep ? sleepKeys : dayKeys, into: sink) { value, _, position in
            let result = kind == .sleep ? night(value, position) : day(value, position)
            switch result {
            case .success(let event?): sink.emit(event)
            case .success(nil): daysWithoutSteps += 1
            case .failure(let reason): sink.skip(reason.text, at: position)
            }
        }
    }

    /// `2024-03-01`, or `{"date": "2024-03-01"}` as some exports nest it.
    static func calendarDate(_ value: JSONValue) -> String? {
        value["calendarDate"]?.stringValue ?? value["calendarDate"]?["date"]?.stringValue
    }

    static func day(_ value: JSONValue, _ position: SourcePosition) -> Result<Event?, SkipReason> {
        guard case .object = value else { return .failure(SkipReason("not an object")) }
        guard let dateText = calendarDate(value) else { return .failure(SkipReason("no calendarDate")) }
        guard let date = Timestamp.parseISO8601(Array(dateText.prefix(10).utf8)), date.dateOnly else {
            return .failure(SkipReason("unreadable date \(QuotedValue.describe(dateText))"))
        }
        guard let stepsText = value["totalSteps"]?.numberText else { return .success(nil) }
        let steps: Int64
        do { steps = try CheckedNumber.integer(rounding: try CheckedNumber.decimal(stepsText, field: "totalSteps"), field: "totalSteps") }
        catch { return .failure(SkipReason(error.description)) }
        // More than 200,000 steps in a day (about 150 km walked) is not a reading.
        guard steps >= 0, steps <= 200_000 else { return .failure(SkipReason("totalSteps is outside 0–200000")) }
        let midnight = Timestamp(epochSeconds: date.epochSeconds)
        return .success(Event(source: source, kind: .healthRecord, time: midnight,
                              endTime: Timestamp(epochSeconds: date.epochSeconds + 86_400),
                              text: "\(steps) steps", title: "Steps (day)", code: "steps",
                              product: "Garmin (daily total)", position: position, quantity: Double(steps), unit: "count"))
    }

    /// `2024-03-01T22:40:00.0` (GMT, no zone written) or epoch milliseconds.
    static func gmtTime(_ value: JSONValue?) -> Timestamp? {
        switch value {
        case .string(let text)?:
            var t = text
            if !t.hasSuffix("Z") && !t.contains("+") { t += "Z" }
            return Timestamp.parseISO8601(Array(t.utf8))
        case .number(let text)?:
            guard let ms = Double(text), ms.isFinite else { return nil }
            return try? UntrustedTime.timestamp(floating: ms, unit: .milliseconds, since: .unix1970, field: "sleepStartTimestampGMT")
        default:
            return nil
        }
    }

    static func night(_ value: JSONValue, _ position: SourcePosition) -> Result<Event?, SkipReason> {
        guard case .object = value else { return .failure(SkipReason("not an object")) }
        guard let start = gmtTime(value["sleepStartTimestampGMT"]) else { return .failure(SkipReason("no readable sleep start")) }
        var asleep = 0.0
        for key in ["deepSleepSeconds", "lightSleepSeconds", "remSleepSeconds"] {
            if let s = value[key]?.doubleValue, s.isFinite, s >= 0 { asleep += s }
        }
        guard asleep > 0, asleep <= 86_400 else { return .failure(SkipReason("no asleep time (deep, light and REM seconds)")) }
        let end = Timestamp(epochSeconds: start.epochSeconds + Int64(asleep), utcOffsetSeconds: start.utcOffsetSeconds)
        let minutes = Int64(asleep) / 60
        return .success(Event(source: source, kind: .healthRecord, time: start, endTime: end,
                              text: "asleep", title: "Sleep: \(minutes / 60) h \(minutes % 60) min asleep", code: "sleep",
                              product: "Garmin", position: position, quantity: asleep, unit: "s"))
    }
}
