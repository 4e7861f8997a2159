import StewardCore
import Formats

/// Google Takeout Location History "Records.json" (until 2024; called "Location History.json"
/// in older exports): `{"locations": [{"latitudeE7": 533690550, "longitudeE7": 836950010,
/// "accuracy": 150, "timestampMs": "1355581289460", "activity": […]}, …]}`. Exports from 2022
/// on write an ISO `"timestamp": "2012-12-15T14:21:29.460Z"` instead of `timestampMs`.
/// Every element is one raw position fix; the array is streamed with `JSONArraySplitter` and
/// its elements read by bytes (`LocationRecordFields`), so a multi-GB file costs a few MB.
/// The elements are read on a second thread while this one splits the file
/// (`RecordReadingThread`): one thread doing both was what a Takeout's scan waited for.
public struct LocationRecordsParser: ExportParser {
    public static let source = "google.location_records"

    private var splitter = JSONArraySplitter(arrayPath: ["locations"], maxElementBytes: 4 << 20)
    private var reading: RecordReadingThread<SplitterNote>?
    private let readingBatchBytes: Int

    public init() { self.init(readingBatchBytes: recordReadingBatchBytes) }

    /// `readingBatchBytes`: element bytes handed to the reading thread at a time (tests pass a
    /// few bytes so that small inputs go through the thread).
    init(readingBatchBytes: Int) {
        self.readingBatchBytes = readingBatchBytes
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        let reading = readingThread(into: sink)
        do throws(ParseError) {
            try splitter.feed(chunk) { output in reading.add(output) }
        } catch {
            reading.settle()
            throw error
        }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        let reading = readingThread(into: sink)
        defer { reading.settle() }
        try splitter.finish { output in reading.add(output) }
    }

    public mutating func settle(into sink: EventSink) {
        reading?.settle()
    }

    private mutating func readingThread(into sink: EventSink) -> RecordReadingThread<SplitterNote> {
        if let reading { return reading }
        let started = RecordReadingThread<SplitterNote>(batchBytes: readingBatchBytes, reading: { output in Self.handle(output, into: sink) })
        reading = started
        return started
    }

    private static func handle(_ output: JSONArraySplitter.Output, into sink: EventSink) {
        switch output {
        case .element(let index, let bytes):
            let position = SourcePosition.element(index, of: "/locations")
            // The event is built in the call that emits it: returned through a `Result` and
            // taken out again, its 352 bytes were copied twice more per fix (docs/performance.md,
            // "Records.json: fewer copies of each event").
            if let reason = emitEvent(from: bytes, position: position, into: sink) { sink.skip(reason.text, at: position) }
        case .skipped(let index, let reason):
            sink.skip(reason, at: .element(index, of: "/locations"))
        case .warning(let text):
            sink.warn(text)
        }
    }

    /// Emits the fix `bytes` holds, or returns why it cannot be read.
    static func emitEvent(from bytes: UnsafeRawBufferPointer, position: SourcePosition, into sink: EventSink) -> LocationSkipReason? {
        let fields: LocationRecordFields
        do {
            fields = try LocationRecordFields.read(bytes)
        } catch {
            return LocationSkipReason(error == .notAnObject ? "not an object" : "malformed JSON object")
        }
        if let field = fields.unreadableNumber {
            return LocationSkipReason(UntrustedNumberError(field: field, value: nil, problem: .notAnInteger).description)
        }
        guard let latE7 = fields.latitudeE7, let lngE7 = fields.longitudeE7 else {
            return LocationSkipReason("no latitudeE7/longitudeE7")
        }
        guard let coordinate = LocationCoordinate(latitudeE7: latE7, longitudeE7: lngE7) else {
            return LocationSkipReason("coordinates out of range (latitudeE7 \(latE7), longitudeE7 \(lngE7))")
        }
        let time: Timestamp
        if let ms = fields.timestampMs {
            do {
                time = try UntrustedTime.timestamp(ms, unit: .milliseconds, since: .unix1970, field: "timestampMs")
            } catch {
                return LocationSkipReason(error.description)
            }
        } else if let iso = fields.timestamp, let parsed = Timestamp.parseISO8601(iso) {
            time = parsed
        } else {
            return LocationSkipReason(fields.timestamp == nil ? "no timestampMs or timestamp" : "unreadable timestamp")
        }
        sink.emit(Event(source: source, kind: .location, time: time,
                        latitude: coordinate.latitude, longitude: coordinate.longitude, position: position))
        return nil
    }
}

/// Why one location record was skipped, for `EventSink.skip`.
struct LocationSkipReason: RecordSkipReason {
    let text: String
    init(_ text: String) { self.text = text }
}
