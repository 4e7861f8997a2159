import Foundation
import StewardCore
import Formats

/// GPX track files, 1.0 and 1.1 (Apple Health's `workout-routes/route_<date>.gpx`, sport
/// watches, phone trackers): `<trk><name>…</name><trkseg><trkpt lat= lon=><ele/><time>…Z</time>
/// </trkpt>…`. Every track point becomes a `.location` event with its time (ISO 8601, UTC in
/// practice) and the track's name as `title`. Waypoints (`<wpt>`) and planned routes
/// (`<rtept>`) are places someone marked, not where the person was: not read.
/// GPX 1.0 puts `<speed>`/`<course>` directly in `<trkpt>`, 1.1 (and Apple) in
/// `<extensions>`; neither is needed, so both versions read the same way.
public struct GPXTrackParser: ExportParser, MarkupTokenDriven {
    public static let source = "gpx.track"

    var scanner = MarkupTokenizer(.xml, maxTagBytes: 64 * 1024, maxTextBytes: 64 * 1024)
    private var sawRoot = false
    private var recordIndex = 0
    private var inTrack = false
    private var inPoint = false
    private var pointDepth = 0
    private var depth = 0
    private var capture: Capture = .none
    private var captured: [UInt8] = []
    private var trackName: String?
    private var point = Point()

    private enum Capture { case none, trackName, time }
    private struct Point {
        var latitude: Double?
        var longitude: Double?
        var time: String?
        var line = 0
    }

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        feedTokens(chunk, into: sink)
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        let open = finishTokens(into: sink)
        if let open, open.kind != .unclosedTag { open.report(to: sink, record: inPoint ? recordIndex : nil) }
        guard sawRoot else { throw ParseError("no <gpx> element: not a GPX file") }
        if inPoint {
            sink.skip("truncated: the file ends inside this track point", at: SourcePosition(line: point.line, record: recordIndex))
        } else if depth > 0 {
            sink.warn("truncated: the file ends before </gpx>; points after line \(scanner.line) are missing", at: .line(scanner.line))
        }
    }

    private static let gpx = Array("gpx".utf8), trk = Array("trk".utf8), trkpt = Array("trkpt".utf8)
    private static let name = Array("name".utf8), time = Array("time".utf8)

    mutating func handle(_ token: MarkupTokenizer.Token, _ sink: EventSink) {
        switch token {
        case .doctype:
            break
        case .text where capture == .none:
            break
        case .problem(let problem):
            problem.report(to: sink)
        case .text(let raw):
            if captured.count + raw.count <= 1024 { captured.append(contentsOf: raw) }
        case .start(let tag):
            start(tag, sink)
            if tag.selfClosing { end(tag.localName, sink) }
        case .end(let tag):
            end(tag.localName, sink)
        }
    }

    private mutating func start(_ tag: MarkupTag, _ sink: EventSink) {
        let name = tag.localName, line = tag.line
        depth += 1
        if name.elementsEqual(Self.gpx) { sawRoot = true }
        else if name.elementsEqual(Self.trk) { inTrack = true; trackName = nil }
        else if name.elementsEqual(Self.trkpt) {
            if inPoint { sink.skip("track point not closed before the next one", at: SourcePosition(line: point.line, record: recordIndex)); recordIndex += 1 }
            inPoint = true
            pointDepth = depth
            point = Point(latitude: Self.coordinate(tag.rawValue("lat")),
                          longitude: Self.coordinate(tag.rawValue("lon")),
                          time: nil, line: line)
        } else if name.elementsEqual(Self.time), inPoint, depth == pointDepth + 1 {
            capture = .time; captured.removeAll(keepingCapacity: true)
        } else if name.elementsEqual(Self.name), inTrack, !inPoint {
            capture = .trackName; captured.removeAll(keepingCapacity: true)
        }
    }

    private mutating func end(_ name: UnsafeBufferPointer<UInt8>, _ sink: EventSink) {
        defer { depth = max(0, depth - 1) }
        switch capture {
        case .time:
            if name.elementsEqual(Self.time) { point.time = MarkupText.decodeXML(captured); capture = .none }
        case .trackName:
            if name.elementsEqual(Self.name) {
                let text = MarkupText.decodeXML(captured).trimmingSpacesAndLineBreaks()
                trackName = text.isEmpty ? nil : text
                capture = .none
            }
        case .none: break
        }
        if name.elementsEqual(Self.trkpt), inPoint { inPoint = false; emitPoint(sink) }
        else if name.elementsEqual(Self.trk) { inTrack = false }
    }

    private mutating func emitPoint(_ sink: EventSink) {
        let position = SourcePosition(line: point.line, record: recordIndex)
        recordIndex += 1
        guard let lat = point.latitude, let lon = point.longitude, (-90...90).contains(lat), (-180...180).contains(lon) else {
            sink.skip("track point without a valid lat/lon", at: position); return
        }
        var time: Timestamp?
        if let text = point.time?.trimmingSpacesAndLineBreaks() {
            time = Timestamp.parseISO8601(Array(text.utf8))
            if time == nil { sink.warn("unreadable <time> \(QuotedValue.describe(text)): point kept without a time", at: position) }
        }
        sink.emit(Event(source: Self.source, kind: .location, time: time, title: trackName,
                        latitude: lat, longitude: lon, position: position))
    }

    private static func coordinate(_ raw: UnsafeBufferPointer<UInt8>?) -> Double? {
        guard let raw, !raw.isEmpty, raw.count <= 32 else { return nil }
        return Double(String(decoding: raw, as: UTF8.self).trimmingSpaces()).flatMap { $0.isFinite ? $0 : nil }
    }
}
