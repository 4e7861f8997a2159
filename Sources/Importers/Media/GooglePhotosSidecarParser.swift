import StewardCore
import Formats

/// One Google Photos sidecar (docs/formats/photos.md): a small JSON object such as
/// `{"title": "IMG_20190601_101500.jpg", "creationTime": {"timestamp": "1559384400", …},
///   "photoTakenTime": {"timestamp": "1559376900", "formatted": "Jun 1, 2019, 8:15:00 AM UTC"},
///   "geoData": {"latitude": 48.8584, "longitude": 2.2945, "altitude": 35.0, …},
///   "geoDataExif": {…}, "people": [{"name": …}], "url": …, "googlePhotosOrigin": {…}}`.
///
/// One `.photo` event, as the Exif reader makes for the photo itself: `time` =
/// `photoTakenTime.timestamp` (seconds since 1970, UTC), `latitude`/`longitude` from
/// `geoDataExif` (the camera's GPS), else `geoData` (Google's estimate, also for videos and
/// edited copies); 0,0 means "no position". Names of the people tagged are not read. The
/// object is buffered up to `maxBytes` (a sidecar is a few KiB); a larger file is refused.
public struct GooglePhotosSidecarParser: ExportParser {
    public static let source = "google.photos_sidecar"
    public static let maxBytes = 1 << 20

    private var buffer: [UInt8] = []
    private var tooLarge = false

    static let keysRead: JSONKeySet = ["photoTakenTime", "geoData", "geoDataExif"]

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        guard !tooLarge else { return }
        guard buffer.count + chunk.count <= Self.maxBytes else {
            tooLarge = true
            buffer = []
            return
        }
        buffer.append(contentsOf: chunk)
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        if tooLarge { throw ParseError("sidecar larger than \(Self.maxBytes >> 20) MiB: not read") }
        let value: JSONValue
        do { value = try JSONValueParser.parse(buffer, maxDepth: 32, onlyKeys: Self.keysRead) } catch {
            throw ParseError(error.description)
        }
        buffer = []
        let position = SourcePosition(record: 0)
        switch Self.event(from: value, position: position) {
        case .success(let event): sink.emit(event)
        case .failure(let reason): sink.skip(reason.text, at: position)
        }
    }

    struct SkipReason: RecordSkipReason, Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    static func event(from value: JSONValue, position: SourcePosition) -> Result<Event, SkipReason> {
        guard case .object = value else { return .failure(SkipReason("not an object")) }
        var time: Timestamp?
        if let taken = value["photoTakenTime"], let raw = taken["timestamp"], raw != .null {
            guard let text = raw.stringValue ?? (raw.int64Value.map { String($0) }) else {
                return .failure(SkipReason("photoTakenTime.timestamp is not a number"))
            }
            do { time = try UntrustedTime.timestamp(text: text, unit: .seconds, since: .unix1970, field: "photoTakenTime.timestamp") }
            catch { return .failure(SkipReason(error.description)) }
            // Google writes 0 for "unknown".
            if time?.epochSeconds == 0 { time = nil }
        }
        var place: (Double, Double)?
        do throws(SkipReason) {
            place = try coordinates(value["geoDataExif"], field: "geoDataExif")
            if place == nil { place = try coordinates(value["geoData"], field: "geoData") }
        } catch {
            return .failure(error)
        }
        guard time != nil || place != nil else {
            return .failure(SkipReason("sidecar has neither a time taken nor a position"))
        }
        var text: String?
        if let (lat, lon) = place { text = "GPS \(ExifPhotoParser.fixed(lat)), \(ExifPhotoParser.fixed(lon))" }
        return .success(Event(source: source, kind: .photo, time: time, text: text, title: "Photo",
                              latitude: place?.0, longitude: place?.1, product: "Google Photos", position: position))
    }

    /// Latitude and longitude of a `geoData` object; nil when absent or 0,0 (no position).
    static func coordinates(_ geo: JSONValue?, field: String) throws(SkipReason) -> (Double, Double)? {
        guard let geo, case .object = geo else { return nil }
        guard let lat = geo["latitude"]?.doubleValue, let lon = geo["longitude"]?.doubleValue else { return nil }
        guard lat.isFinite, lon.isFinite, (-90...90).contains(lat), (-180...180).contains(lon) else {
            throw SkipReason("\(field) holds a position outside the globe")
        }
        if lat == 0 && lon == 0 { return nil }
        return (lat, lon)
    }
}
