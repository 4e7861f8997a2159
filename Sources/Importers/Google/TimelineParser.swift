import StewardCore
import Formats

/// Google Maps Timeline exported on the phone (2024+, after Google moved Timeline off its
/// servers), in either of its two shapes, told apart by the first byte:
///
/// - `{` — Timeline.json (Android "Export timeline data"): `{"semanticSegments": […],
///   "rawSignals": […], "userLocationProfile": {…}}`. Segments go through
///   `TimelineSegmentEvents`; each `rawSignals[]` element with a `position`
///   (`{"LatLng": "48.1°, 11.5°", "accuracyMeters": 5, "timestamp": "…"}`) is one `.location`;
///   signals holding only `activityRecord` or `wifiScan` carry no position and are not read.
///   The two arrays are split by two splitters fed the same bytes, so their order in the file
///   does not matter and memory stays bounded.
/// - `[` — location-history.json (iOS Google Maps export, older Android): a top-level array
///   of segments with `geo:` positions and numbers as strings.
public struct TimelineParser: ExportParser {
    public static let source = "google.timeline"

    private enum Shape { case unknown, object, array }
    private var shape = Shape.unknown
    private var segments = JSONArraySplitter(arrayPath: ["semanticSegments"])
    private var signals = JSONArraySplitter(arrayPath: ["rawSignals"])
    private var array = JSONArraySplitter()

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        if shape == .unknown {
            // Peek past a BOM and whitespace for the first byte; the splitters skip them again.
            for b in chunk {
                if b == 0xEF || b == 0xBB || b == 0xBF || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { continue }
                shape = b == UInt8(ascii: "[") ? .array : .object
                break
            }
        }
        switch shape {
        case .unknown:
            // Only whitespace so far: hand it on so the splitters' state stays in step.
            try segments.feed(chunk) { output throws(ParseError) in Self.handleSegment(output, "/semanticSegments", into: sink) }
            try signals.feed(chunk) { output throws(ParseError) in Self.handleSignal(output, into: sink) }
            try array.feed(chunk) { output throws(ParseError) in Self.handleSegment(output, "", into: sink) }
        case .object:
            try segments.feed(chunk) { output throws(ParseError) in Self.handleSegment(output, "/semanticSegments", into: sink) }
            try signals.feed(chunk) { output throws(ParseError) in Self.handleSignal(output, into: sink) }
        case .array:
            try array.feed(chunk) { output throws(ParseError) in Self.handleSegment(output, "", into: sink) }
        }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        switch shape {
        case .unknown:
            throw ParseError("empty file: expected a Timeline export")
        case .array:
            try array.finish { output throws(ParseError) in Self.handleSegment(output, "", into: sink) }
        case .object:
            // Either array may be missing (an export with no raw signals); both missing is an error.
            var missing: [ParseError] = []
            do {
                try segments.finish { output throws(ParseError) in Self.handleSegment(output, "/semanticSegments", into: sink) }
            } catch { missing.append(error) }
            do {
                try signals.finish { output throws(ParseError) in Self.handleSignal(output, into: sink) }
            } catch { missing.append(error) }
            if missing.count == 2 {
                throw ParseError("neither semanticSegments nor rawSignals found (file truncated or another layout)")
            }
        }
    }

    /// `arrayPointer`: "/semanticSegments" (Timeline.json) or "" (the iPhone file's top-level array).
    private static func handleSegment(_ output: JSONArraySplitter.Output, _ arrayPointer: String, into sink: EventSink) {
        JSONRecordDelivery.forEachValue(output, pointerPrefix: arrayPointer, keys: TimelineSegmentEvents.keysRead,
                                        into: sink) { value, index, position in
            if let reason = TimelineSegmentEvents.emit(value, source: source, index: index, pointer: position.pointer ?? "", into: sink) {
                sink.skip(reason.text, at: position)
            }
        }
    }

    private static func handleSignal(_ output: JSONArraySplitter.Output, into sink: EventSink) {
        JSONRecordDelivery.forEachValue(output, pointerPrefix: "/rawSignals", keys: ["position"], into: sink) { value, _, position in
            guard let fix = value["position"] else { return }
            guard let coordinate = TimelineSegmentEvents.coordinate(fix["LatLng"] ?? fix["latLng"]) else {
                sink.skip("position without a valid LatLng", at: position)
                return
            }
            guard let text = fix["timestamp"]?.stringValue, let time = Timestamp.parseISO8601(text.utf8) else {
                sink.skip("position without a readable timestamp", at: position)
                return
            }
            sink.emit(Event(source: source, kind: .location, time: time,
                            latitude: coordinate.latitude, longitude: coordinate.longitude, position: position))
        }
    }
}
