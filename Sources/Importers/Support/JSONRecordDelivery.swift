import StewardCore
import Formats

/// Why one record of a JSON export could not become an event (shown with its position).
protocol RecordSkipReason: Error {
    var text: String { get }
}

/// The common path from a `JSONArraySplitter` output to the sink, for importers whose records
/// are array elements: each element is parsed (building only `keys`), mapped to an event or
/// skipped with its position; splitter problems are reported the same way.
enum JSONRecordDelivery {
    /// `pointerPrefix` is the JSON pointer of the array (`""` for a top-level array,
    /// `"/Browser History"`), so positions read `record 3 (/Browser History/3)`. Each parsed
    /// element goes to `body` with its index and position; `body` emits or skips as it needs
    /// (one element may hold several records, or none).
    static func forEachValue(_ output: JSONArraySplitter.Output, pointerPrefix: String, keys: JSONKeySet?,
                             into sink: EventSink, _ body: (JSONValue, Int, SourcePosition) -> Void) {
        switch output {
        case .element(let index, let bytes):
            let position = SourcePosition.element(index, of: pointerPrefix)
            let value: JSONValue
            do {
                value = try JSONValueParser.parse(bytes, onlyKeys: keys)
            } catch {
                sink.skip(error.description, at: position)
                return
            }
            body(value, index, position)
        case .skipped(let index, let reason):
            sink.skip(reason, at: .element(index, of: pointerPrefix))
        case .warning(let text):
            sink.warn(text)
        }
    }

    /// The one-record-per-element case: each element maps to an event or to a skip reason.
    static func deliver<Reason: RecordSkipReason>(_ output: JSONArraySplitter.Output, pointerPrefix: String, keys: JSONKeySet?,
                                                  into sink: EventSink,
                                                  map: (JSONValue, SourcePosition) -> Result<Event, Reason>) {
        forEachValue(output, pointerPrefix: pointerPrefix, keys: keys, into: sink) { value, _, position in
            switch map(value, position) {
            case .success(let event): sink.emit(event)
            case .failure(let reason): sink.skip(reason.text, at: position)
            }
        }
    }

    /// One line of a newline-delimited JSON file (one object per line: SMS Import / Export,
    /// signal-export, the App Privacy Report) as an object, or nil after skipping it at
    /// `position`: a line the splitter cut at its length limit (`tooLong` says which), a syntax
    /// error, or a value that is not an object. Callers pass blank lines over before.
    static func objectLine(_ line: ArraySlice<UInt8>, cut: Bool, keys: JSONKeySet? = nil, position: SourcePosition,
                           tooLong: String, into sink: EventSink) -> JSONValue? {
        if cut {
            sink.skip(tooLong, at: position)
            return nil
        }
        let parsed: Result<JSONValue, JSONValueParser.SyntaxError> = line.withUnsafeBytes { raw in
            do throws(JSONValueParser.SyntaxError) { return .success(try JSONValueParser.parse(raw, onlyKeys: keys)) }
            catch { return .failure(error) }
        }
        switch parsed {
        case .success(let value):
            guard case .object = value else {
                sink.skip("not an object", at: position)
                return nil
            }
            return value
        case .failure(let error):
            sink.skip(error.description, at: position)
            return nil
        }
    }
}
