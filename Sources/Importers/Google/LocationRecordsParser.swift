import StewardCore
import Formats

/// Google Takeout Location History "Records.json" (until 2024; called "Location History.json"
/// in older exports): `{"locations": [{"latitudeE7": 533690550, "longitudeE7": 836950010,
/// "accuracy": 150, "timestampMs": "1355581289460", "activity": […]}, …]}`. Exports from 2022
/// on write an ISO `"timestamp": "2012-12-15T14:21:29.460Z"` instead of `timestampMs`.
/// Every element is one raw position fix; the array is streamed with `JSONArraySplitter` and
/// its elements read by bytes (`LocationRecordFields`), so a multi-GB file costs a few MB.
public struct LocationRecordsParser: ExportParser {
    public static let source = "google.location_records"

    private var splitter = JSONArraySplitter(arrayPath: ["locations"], maxElementBytes: 4 << 20)

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        try splitter.feed(chunk) { output throws(ParseError) in Self.handle(output, into: sink) }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        try splitter.finish { output throws(ParseError) in Self.handle(output, into: sink) }
    }

    private static func handle(_ output: JSONArraySplitter.Output, into sink: EventSink) {
        switch output {
        case .element(let index, let bytes):
            let position = SourcePosition.element(index, of: "/locations")
            switch event(from: bytes, position: position) {
            case .success(let event): sink.emit(event)
            case .failure(let reason): sink.skip(reason.text, at: position)
            }
        case .skipped(let index, let reason):
            sink.skip(reason, at: .element(index, of: "/locations"))
        case .warning(let text):
            sink.warn(text)
        }
    }

    static func event(from bytes: UnsafeRawBufferPointer, position: SourcePosition) -> Result<Event, LocationSkipReason> {
        let fields: LocationRecordFields
        do {
            fields = try LocationRecordFields.read(bytes)
        } catch {
            return .failure(LocationSkipReason(error == .notAnObject ? "not an object" : "malformed JSON object"))
        }
        if let field = fields.unreadableNumber {
            return .failure(LocationSkipReason(UntrustedNumberError(field: field, value: nil, problem: .notAnInteger).description))
        }
        guard let latE7 = fields.latitudeE7, let lngE7 = fields.longitudeE7 else {
            return .failure(LocationSkipReason("no latitudeE7/longitudeE7"))
        }
        guard let coordinate = LocationCoordinate(latitudeE7: latE7, longitudeE7: lngE7) else {
            return .failure(LocationSkipReason("coordinates out of range (latitudeE7 \(latE7), longitudeE7 \(lngE7))"))
        }
        let time: Timestamp
        if let ms = fields.timestampMs {
            do {
                time = try UntrustedTime.timestamp(ms, unit: .milliseconds, since: .unix1970, field: "timestampMs")
            } catch {
                return .failure(LocationSkipReason(error.description))
            }
        } else if let iso = fields.timestamp, let parsed = Timestamp.parseISO8601(iso) {
            time = parsed
        } else {
            return .failure(LocationSkipReason(fields.timestamp == nil ? "no timestampMs or timestamp" : "unreadable timestamp"))
        }
        return .success(Event(source: source, kind: .location, time: time,
                              latitude: coordinate.latitude, longitude: coordinate.longitude, position: position))
    }
}

/// Why one location record was skipped, for `EventSink.skip`.
struct LocationSkipReason: RecordSkipReason {
    let text: String
    init(_ text: String) { self.text = text }
}
