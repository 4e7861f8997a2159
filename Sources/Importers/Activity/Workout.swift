import Foundation
import StewardCore

/// A recorded workout as every activity importer emits it (FIT, TCX, Strava's CSV, Garmin
/// Connect; docs/formats/health.md): one `.healthRecord` from its start, `title` "Activity:
/// <type>", `code` the type, `text` its name, duration and distance ("Evening run · 45 min ·
/// 10.25 km"), `quantity` the distance in metres. One place for the wording, so a rule reading
/// workouts meets them alike whichever export they came from, and the overlap check knows a
/// workout by its "Activity: " title and counts one listed by two files once (docs/duplicates.md).
enum Workout {
    /// `seconds` and `metres` as the caller read them (nil: not recorded); the end is the start
    /// plus `seconds`, on the start's clock.
    static func event(source: String, type: String, start: Timestamp, name: String? = nil, seconds: Int64?,
                      metres: Double?, product: String, position: SourcePosition) -> Event {
        var parts: [String] = []
        if let name, !name.isEmpty { parts.append(name) }
        var end: Timestamp?
        if let seconds {
            end = Timestamp(epochSeconds: start.epochSeconds + seconds, utcOffsetSeconds: start.utcOffsetSeconds)
            parts.append(seconds >= 3600 ? "\(seconds / 3600) h \(seconds % 3600 / 60) min" : "\(seconds / 60) min")
        }
        if let metres { parts.append(String(format: "%.2f km", metres / 1000)) }
        return Event(source: source, kind: .healthRecord, time: start, endTime: end,
                     text: parts.isEmpty ? nil : parts.joined(separator: " · "), title: "Activity: " + type,
                     code: type, product: product, position: position, quantity: metres, unit: metres == nil ? nil : "m")
    }
}
