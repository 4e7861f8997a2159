import StewardCore
import Formats

/// Turns one Timeline segment into events. Both on-device export shapes share the segment
/// keys (`startTime`, `endTime`, `visit`, `activity`, `timelinePath`, `timelineMemory`) and
/// differ in how they write positions and path times:
///
/// | | Timeline.json (`semanticSegments[]`) | location-history.json (top-level array) |
/// |---|---|---|
/// | visit place | `topCandidate.placeLocation.latLng: "48.1°, 11.5°"` | `topCandidate.placeLocation: "geo:48.1,11.5"` |
/// | activity | `start.latLng`, `end.latLng`, `topCandidate.type` | `start: "geo:…"`, `end`, `topCandidate.type` |
/// | path point | `{"point": "48.1°, 11.5°", "time": "…"}` | `{"point": "geo:…", "durationMinutesOffsetFromStartTime": "12"}` |
///
/// Numbers are strings in the array shape ("0.93"). A visit becomes `.visit` (code =
/// semanticType such as `HOME`, `INFERRED_HOME`, `WORK`), an activity one `.location` at its
/// start (code = activity type), and each path point a `.location`. `timelineMemory` (trip
/// summaries) carries no position of its own and is not read.
enum TimelineSegmentEvents {
    static let keysRead: JSONKeySet = [
        "startTime", "endTime", "startTimeTimezoneUtcOffsetMinutes", "visit", "activity", "timelinePath",
    ]

    /// Emits the segment's events; returns why when it yields none although it should (no
    /// start time, no valid position), so the caller can report it as skipped.
    static func emit(_ segment: JSONValue, source: String, index: Int, pointer: String,
                     into sink: EventSink) -> LocationSkipReason? {
        guard case .object = segment else { return LocationSkipReason("not an object") }
        guard let startText = segment["startTime"]?.stringValue, var start = Timestamp.parseISO8601(startText.utf8) else {
            return LocationSkipReason("no readable startTime")
        }
        // Timeline.json states the local offset separately when its times are in UTC.
        if start.utcOffsetSeconds == 0 || start.utcOffsetSeconds == nil,
           let minutes = segment["startTimeTimezoneUtcOffsetMinutes"]?.int64Value,
           let offset = try? UntrustedTime.utcOffset(minutes: minutes, field: "startTimeTimezoneUtcOffsetMinutes") {
            start.utcOffsetSeconds = offset
        }
        let position = SourcePosition.record(index, pointer: pointer)
        var emitted = 0
        var problems: [String] = []
        if let visit = segment["visit"] {
            let candidate = visit["topCandidate"]
            if let coordinate = coordinate(candidate?["placeLocation"]) {
                sink.emit(Event(source: source, kind: .visit, time: start,
                                code: nonEmpty(candidate?["semanticType"]?.stringValue),
                                latitude: coordinate.latitude, longitude: coordinate.longitude, position: position))
                emitted += 1
            } else {
                problems.append("visit without a valid placeLocation")
            }
        }
        if let activity = segment["activity"] {
            if let coordinate = coordinate(activity["start"]) {
                sink.emit(Event(source: source, kind: .location, time: start,
                                code: nonEmpty(activity["topCandidate"]?["type"]?.stringValue),
                                latitude: coordinate.latitude, longitude: coordinate.longitude, position: position))
                emitted += 1
            } else {
                problems.append("activity without a valid start")
            }
        }
        if let path = segment["timelinePath"]?.arrayValue {
            // One text for the segment's path; each point's pointer is built only when read.
            let pathPointer = pointer + "/timelinePath"
            for (i, point) in path.enumerated() {
                let pointPosition = SourcePosition.record(index, element: i, of: pathPointer)
                guard let coordinate = coordinate(point["point"]) else {
                    sink.skip("path point without a valid position", at: pointPosition)
                    continue
                }
                var time = start
                if let text = point["time"]?.stringValue {
                    guard let parsed = Timestamp.parseISO8601(text.utf8) else {
                        sink.skip("path point with an unreadable time", at: pointPosition)
                        continue
                    }
                    time = Timestamp(epochSeconds: parsed.epochSeconds,
                                     utcOffsetSeconds: parsed.utcOffsetSeconds == 0 ? start.utcOffsetSeconds : parsed.utcOffsetSeconds)
                } else if let minutes = point["durationMinutesOffsetFromStartTime"]?.int64Value, minutes >= 0, minutes < 1_000_000 {
                    time.epochSeconds += minutes * 60
                }
                sink.emit(Event(source: source, kind: .location, time: time,
                                latitude: coordinate.latitude, longitude: coordinate.longitude, position: pointPosition))
                emitted += 1
            }
        }
        if emitted == 0 {
            if !problems.isEmpty { return LocationSkipReason(problems.joined(separator: "; ")) }
            if segment["timelinePath"] == nil && segment["visit"] == nil && segment["activity"] == nil {
                // timelineMemory segments: nothing located to report, nothing lost.
                return nil
            }
        } else {
            for problem in problems { sink.warn(problem, at: position) }
        }
        return nil
    }

    /// A position written as `"48.1°, 11.5°"`, `"geo:48.1,11.5"` or `{"latLng": "…"}`.
    static func coordinate(_ value: JSONValue?) -> LocationCoordinate? {
        guard let value else { return nil }
        if let text = value.stringValue { return LocationCoordinate(text: text) }
        if let text = (value["latLng"] ?? value["LatLng"])?.stringValue { return LocationCoordinate(text: text) }
        return nil
    }

    private static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }
}
