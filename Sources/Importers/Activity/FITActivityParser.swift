import StewardCore
import Formats

/// FIT activity files (Garmin and other sport watches, bike computers; Strava's bulk export
/// keeps each uploaded original as `activities/<id>.fit.gz`), read with `FITReader`:
/// - `record` messages (global 20) with `position_lat`/`position_long` (fields 0 and 1, in
///   semicircles) become `.location` fixes at their time, as GPX track points do; records
///   without a position (indoor training, heart-rate samples) are no place and are passed over;
/// - `session` messages (18) become one `.healthRecord` each: `start_time` (field 2), `sport`
///   (5) as `code`, `total_elapsed_time` (7, ms) and `total_distance` (9, cm) in the text;
/// - when a file has no session, its `activity` message (34: `timestamp` is the end,
///   `total_timer_time` field 0 in ms) stands for one, with the sport of a `sport` message (12)
///   when there is one;
/// - the `activity` message's `local_timestamp` (field 5) minus its `timestamp` is the watch's
///   offset from UTC: the workouts of the file get it, so their hour is the hour on the wrist.
///   The message comes last in a file, so workouts wait for it (at most `pendingLimit`; a file
///   without one, or with an offset that is no time zone, keeps UTC). Location fixes keep UTC:
///   there are thousands of them per file.
/// Other messages (laps, device info, HRV, developer fields) are skipped by size.
/// docs/formats/health.md, "FIT activity files".
public struct FITActivityParser: ExportParser {
    public static let source = "fit.activity"

    private var reader = FITReader(messages: [0, 12, 18, 20, 34])
    private var fileType: Int64?
    private var sessions = 0
    private var sport: Int64?
    private var activity: FITReader.Message?
    /// Workouts read since the last `activity` message, waiting for its local time offset.
    private var pending: [Event] = []
    static let pendingLimit = 64

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        var reader = self.reader
        reader.feed(chunk) { handle($0, sink) }
        self.reader = reader
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        var reader = self.reader
        reader.finish { handle($0, sink) }
        self.reader = reader
        flush(offset: nil, sink)
        if sessions == 0, let activity { emitActivity(activity, sink) }
        if reader.filesRead == 0 && reader.gaveUp && sink.eventCount == 0 {
            throw ParseError("no FIT records could be read")
        }
    }

    private mutating func handle(_ output: FITReader.Output, _ sink: EventSink) {
        switch output {
        case .problem(let problem):
            sink.warn("byte \(problem.offset): \(problem.message)")
        case .message(let message):
            switch message.global {
            case 0: fileType = message.value(0)
            case 12: if sport == nil { sport = message.value(0) }
            case 18: emitSession(message, sink)
            case 20: emitRecord(message, sink)
            case 34:
                activity = message
                flush(offset: Self.localOffset(message, sink), sink)
            default: break
            }
        }
    }

    private func position(_ message: FITReader.Message) -> SourcePosition {
        SourcePosition(record: message.index)
    }

    /// A FIT time, or nil for "no time": values below 0x10000000 count seconds since the device
    /// was switched on (the FIT profile's `date_time` minimum), not a date.
    static func time(_ raw: UInt32?) -> Timestamp? {
        guard let raw, raw >= 0x1000_0000 else { return nil }
        return Timestamp(epochSeconds: Int64(raw) + FITReader.epochOffset, utcOffsetSeconds: 0)
    }

    private func emitRecord(_ message: FITReader.Message, _ sink: EventSink) {
        let lat = message.value(0), lon = message.value(1)
        if lat == nil && lon == nil { return }
        guard let lat, let lon else {
            sink.skip("record at byte \(message.offset) with only one of latitude and longitude", at: position(message)); return
        }
        let latitude = FITReader.degrees(semicircles: lat), longitude = FITReader.degrees(semicircles: lon)
        guard (-90...90).contains(latitude), (-180...180).contains(longitude) else {
            sink.skip("record at byte \(message.offset) with a position outside the globe", at: position(message)); return
        }
        guard let time = Self.time(message.timestamp) else {
            sink.skip("record at byte \(message.offset) without a date and time", at: position(message)); return
        }
        sink.emit(Event(source: Self.source, kind: .location, time: time, latitude: latitude, longitude: longitude,
                        position: position(message)))
    }

    private mutating func emitSession(_ message: FITReader.Message, _ sink: EventSink) {
        sessions += 1
        guard let start = Self.time(message.value(2).flatMap { UInt32(exactly: $0) } ?? message.timestamp) else {
            sink.skip("session at byte \(message.offset) without a start time", at: position(message)); return
        }
        let elapsedMs = message.value(7)
        let distanceCm = message.value(9)
        emitWorkout(start: start, elapsedMs: elapsedMs, distanceCm: distanceCm, sport: message.value(5) ?? sport,
                    message: message, sink)
    }

    private mutating func emitActivity(_ message: FITReader.Message, _ sink: EventSink) {
        guard let end = Self.time(message.timestamp) else {
            sink.skip("activity at byte \(message.offset) without a time", at: position(message)); return
        }
        let timerMs = message.value(0)
        let start = timerMs.map { Timestamp(epochSeconds: end.epochSeconds - $0 / 1000, utcOffsetSeconds: 0) } ?? end
        emitWorkout(start: start, elapsedMs: timerMs, distanceCm: nil, sport: sport, message: message, sink)
        flush(offset: Self.localOffset(message, nil), sink)
    }

    private mutating func emitWorkout(start: Timestamp, elapsedMs: Int64?, distanceCm: Int64?, sport: Int64?,
                                      message: FITReader.Message, _ sink: EventSink) {
        if pending.count >= Self.pendingLimit { flush(offset: nil, sink) }
        pending.append(Workout.event(source: Self.source, type: FITSport.name(sport), start: start,
                                     seconds: elapsedMs.flatMap { $0 > 0 ? $0 / 1000 : nil },
                                     metres: distanceCm.flatMap { $0 > 0 ? Double($0) / 100 : nil },
                                     product: fileType == nil || fileType == 4 ? "FIT activity" : "FIT file", position: position(message)))
    }

    /// Emits the waiting workouts, on the watch's clock when `offset` is known.
    private mutating func flush(offset: Int32?, _ sink: EventSink) {
        for var event in pending {
            if let offset {
                event.time?.utcOffsetSeconds = offset
                event.endTime?.utcOffsetSeconds = offset
            }
            sink.emit(event)
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// `local_timestamp` − `timestamp` of an `activity` message when it is a time zone's offset:
    /// within ±14 h and a whole number of quarter hours (watches write it to the second; a
    /// difference of a few seconds from the quarter is rounded off). Otherwise nil, with a
    /// warning when `sink` is given and the message had a local time.
    static func localOffset(_ message: FITReader.Message, _ sink: EventSink?) -> Int32? {
        guard let utc = time(message.timestamp), let localRaw = message.value(5),
              let local = time(UInt32(exactly: localRaw)) else { return nil }
        let difference = local.epochSeconds - utc.epochSeconds
        let quarters = (Double(difference) / 900).rounded()
        guard abs(difference) <= 14 * 3600, abs(Double(difference) - quarters * 900) <= 60 else {
            sink?.warn("activity at byte \(message.offset): local time \(difference) s from UTC is no time zone, not used")
            return nil
        }
        return Int32(quarters * 900)
    }
}

/// The FIT profile's `sport` values, written as words ("cross country skiing") so rules match
/// them like any other text.
enum FITSport {
    static func name(_ value: Int64?) -> String {
        guard let value else { return "generic" }
        if let name = names[value] { return name }
        return "sport \(value)"
    }

    static let names: [Int64: String] = [
        0: "generic", 1: "running", 2: "cycling", 3: "transition", 4: "fitness equipment", 5: "swimming",
        6: "basketball", 7: "soccer", 8: "tennis", 9: "american football", 10: "training", 11: "walking",
        12: "cross country skiing", 13: "alpine skiing", 14: "snowboarding", 15: "rowing", 16: "mountaineering",
        17: "hiking", 18: "multisport", 19: "paddling", 20: "flying", 21: "e-biking", 22: "motorcycling",
        23: "boating", 24: "driving", 25: "golf", 26: "hang gliding", 27: "horseback riding", 28: "hunting",
        29: "fishing", 30: "inline skating", 31: "rock climbing", 32: "sailing", 33: "ice skating",
        34: "sky diving", 35: "snowshoeing", 36: "snowmobiling", 37: "stand up paddleboarding", 38: "surfing",
        39: "wakeboarding", 40: "water skiing", 41: "kayaking", 42: "rafting", 43: "windsurfing",
        44: "kitesurfing", 45: "tactical", 46: "jumpmaster", 47: "boxing", 48: "floor climbing",
        49: "baseball", 53: "diving", 62: "hiit", 64: "racket", 65: "wheelchair push walk",
        66: "wheelchair push run", 67: "meditation", 69: "disc golf", 71: "cricket", 72: "rugby",
        73: "hockey", 74: "lacrosse", 75: "volleyball", 76: "water tubing", 77: "wakesurfing",
        80: "mixed martial arts", 82: "snorkeling", 83: "dance", 84: "jump rope",
    ]
}
