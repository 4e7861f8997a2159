import Foundation
import StewardCore
import Formats

/// Garmin Training Center XML (`.tcx`; Strava's bulk export keeps uploads as
/// `activities/<id>.tcx.gz`): `<TrainingCenterDatabase><Activities><Activity Sport="Running">
/// <Id>start</Id><Lap StartTime=…><TotalTimeSeconds/><DistanceMeters/><Track><Trackpoint>
/// <Time/><Position><LatitudeDegrees/><LongitudeDegrees/></Position>…`.
/// Every trackpoint of an activity with a position becomes a `.location` fix (as a GPX track
/// point does; points without a position — indoor laps, heart-rate only — are passed over), and
/// every `<Activity>` one `.healthRecord` with its sport as `code`, its start (`<Id>`, else the
/// first lap's `StartTime`) and the laps' summed time and distance. Trackpoints of `<Courses>`
/// are planned routes, not where the person was: not read. docs/formats/health.md, "TCX".
public struct TCXActivityParser: ExportParser, MarkupTokenDriven {
    public static let source = "tcx.activity"

    var scanner = MarkupTokenizer(.xml, maxTagBytes: 64 * 1024, maxTextBytes: 64 * 1024)
    private var sawRoot = false
    private var depth = 0
    private var capture: Capture = .none
    private var captured: [UInt8] = []
    private var activity: Activity?
    private var point: Point?
    private var pointIndex = 0
    private var activityIndex = 0

    private enum Capture { case none, id, time, latitude, longitude, totalTime, distance }
    private struct Activity {
        var sport: String
        var line: Int
        var id: String?
        var lapStart: String?
        var seconds = 0.0
        var metres = 0.0
        var inLap = false
    }
    private struct Point {
        var line: Int
        var time: String?
        var latitude: String?
        var longitude: String?
    }

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        feedTokens(chunk, into: sink)
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        let open = finishTokens(into: sink)
        if let open, open.kind != .unclosedTag { open.report(to: sink, record: nil) }
        guard sawRoot else { throw ParseError("no <TrainingCenterDatabase> element: not a TCX file") }
        if let point {
            sink.skip("truncated: the file ends inside this trackpoint", at: SourcePosition(line: point.line, record: pointIndex))
        } else if activity != nil {
            sink.warn("truncated: the file ends inside an activity; its summary is missing", at: .line(scanner.line))
        }
    }

    private static let root = Array("TrainingCenterDatabase".utf8), activityTag = Array("Activity".utf8)
    private static let lap = Array("Lap".utf8), trackpoint = Array("Trackpoint".utf8), id = Array("Id".utf8)
    private static let time = Array("Time".utf8), latitude = Array("LatitudeDegrees".utf8)
    private static let longitude = Array("LongitudeDegrees".utf8), totalTime = Array("TotalTimeSeconds".utf8)
    private static let distance = Array("DistanceMeters".utf8)

    mutating func handle(_ token: MarkupTokenizer.Token, _ sink: EventSink) {
        switch token {
        case .doctype:
            break
        case .text where capture == .none:
            break
        case .problem(let problem):
            problem.report(to: sink)
        case .text(let raw):
            if captured.count + raw.count <= 256 { captured.append(contentsOf: raw) }
        case .start(let tag):
            start(tag, sink)
            if tag.selfClosing { end(tag.localName, sink) }
        case .end(let tag):
            end(tag.localName, sink)
        }
    }

    private mutating func begin(_ what: Capture) {
        capture = what
        captured.removeAll(keepingCapacity: true)
    }

    private mutating func start(_ tag: MarkupTag, _ sink: EventSink) {
        let name = tag.localName
        depth += 1
        if name.elementsEqual(Self.root) { sawRoot = true; return }
        if name.elementsEqual(Self.activityTag) {
            if let open = activity { emitActivity(open, sink) }
            activity = Activity(sport: tag.xmlValue("Sport")?.trimmingSpaces() ?? "", line: tag.line)
            return
        }
        guard activity != nil else { return }
        if name.elementsEqual(Self.lap) {
            activity?.inLap = true
            if activity?.lapStart == nil { activity?.lapStart = tag.xmlValue("StartTime") }
        } else if name.elementsEqual(Self.trackpoint) {
            if let open = point {
                sink.skip("trackpoint not closed before the next one", at: SourcePosition(line: open.line, record: pointIndex))
                pointIndex += 1
            }
            point = Point(line: tag.line)
        } else if point != nil {
            if name.elementsEqual(Self.time) { begin(.time) }
            else if name.elementsEqual(Self.latitude) { begin(.latitude) }
            else if name.elementsEqual(Self.longitude) { begin(.longitude) }
        } else if name.elementsEqual(Self.id) {
            begin(.id)
        } else if activity?.inLap == true, name.elementsEqual(Self.totalTime) {
            begin(.totalTime)
        } else if activity?.inLap == true, name.elementsEqual(Self.distance) {
            begin(.distance)
        }
    }

    private mutating func end(_ name: UnsafeBufferPointer<UInt8>, _ sink: EventSink) {
        defer { depth = max(0, depth - 1) }
        if capture != .none {
            let text = MarkupText.decodeXML(captured).trimmingSpacesAndLineBreaks()
            switch capture {
            case .id: activity?.id = text
            case .time: point?.time = text
            case .latitude: point?.latitude = text
            case .longitude: point?.longitude = text
            case .totalTime: if let v = Double(text), v.isFinite, v >= 0 { activity?.seconds += v }
            case .distance: if let v = Double(text), v.isFinite, v >= 0 { activity?.metres += v }
            case .none: break
            }
            capture = .none
        }
        if name.elementsEqual(Self.trackpoint), let open = point {
            point = nil
            emitPoint(open, sink)
        } else if name.elementsEqual(Self.lap) {
            activity?.inLap = false
        } else if name.elementsEqual(Self.activityTag), let open = activity {
            activity = nil
            emitActivity(open, sink)
        }
    }

    private mutating func emitPoint(_ point: Point, _ sink: EventSink) {
        let position = SourcePosition(line: point.line, record: pointIndex)
        pointIndex += 1
        if point.latitude == nil && point.longitude == nil { return }
        guard let lat = point.latitude.flatMap(Double.init), let lon = point.longitude.flatMap(Double.init),
              lat.isFinite, lon.isFinite, (-90...90).contains(lat), (-180...180).contains(lon) else {
            sink.skip("trackpoint without a valid latitude and longitude", at: position); return
        }
        guard let text = point.time, let time = Timestamp.parseISO8601(Array(text.utf8)) else {
            sink.skip("trackpoint without a readable <Time>", at: position); return
        }
        sink.emit(Event(source: Self.source, kind: .location, time: time, latitude: lat, longitude: lon, position: position))
    }

    private mutating func emitActivity(_ activity: Activity, _ sink: EventSink) {
        let position = SourcePosition(line: activity.line, record: activityIndex)
        activityIndex += 1
        guard let text = activity.id ?? activity.lapStart, let start = Timestamp.parseISO8601(Array(text.utf8))
                ?? activity.lapStart.flatMap({ Timestamp.parseISO8601(Array($0.utf8)) }) else {
            sink.skip("activity without a readable start time (<Id> or Lap StartTime)", at: position); return
        }
        let sport = activity.sport.isEmpty ? "Other" : activity.sport
        sink.emit(Workout.event(source: Self.source, type: sport, start: start,
                                seconds: activity.seconds > 0 && activity.seconds < 1e7 ? Int64(activity.seconds) : nil,
                                metres: activity.metres > 0 && activity.metres < 1e8 ? activity.metres : nil,
                                product: "TCX activity", position: position))
    }
}
