import StewardCore
import Formats

/// Google Takeout "Semantic Location History/<year>/<year>_<MONTH>.json" (2018–2024): one
/// file per month, `{"timelineObjects": [{"placeVisit": {…}} | {"activitySegment": {…}}, …]}`.
///
/// - `placeVisit.location` has `latitudeE7`/`longitudeE7`, `placeId`, `address`, `name` and,
///   for places the person labelled, `semanticType` (`TYPE_HOME`, `TYPE_WORK`);
///   `duration` has `startTimestamp`/`endTimestamp` (ISO, 2021+) or `startTimestampMs`
///   (string of epoch ms, earlier). A visit without location coordinates falls back to its
///   `centerLatE7`/`centerLngE7`. → `.visit`, place = name (or address), text = address,
///   code = semanticType.
/// - `activitySegment` has `startLocation`/`endLocation` (E7), `duration`, `activityType`
///   (`IN_PASSENGER_VEHICLE`, `WALKING`, …; older files only `activities[0].activityType`)
///   → one `.location` event at the start (or at the first waypoint when `startLocation` is
///   empty), code = activityType; a segment with no position at all → `.activity`.
/// Month files are small (KB to a few MB), so each element is built as a `JSONValue`, keeping
/// only these two members. Files may start with a UTF-8 BOM (the splitter skips it).
public struct SemanticLocationParser: ExportParser {
    public static let source = "google.semantic_location"

    private var splitter = JSONArraySplitter(arrayPath: ["timelineObjects"])
    static let keysRead: JSONKeySet = ["placeVisit", "activitySegment"]

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        try splitter.feed(chunk) { output throws(ParseError) in Self.handle(output, into: sink) }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        try splitter.finish { output throws(ParseError) in Self.handle(output, into: sink) }
    }

    private static func handle(_ output: JSONArraySplitter.Output, into sink: EventSink) {
        JSONRecordDelivery.deliver(output, pointerPrefix: "/timelineObjects", keys: keysRead, into: sink, map: event(from:position:))
    }

    static func event(from value: JSONValue, position: SourcePosition) -> Result<Event, LocationSkipReason> {
        if let visit = value["placeVisit"] {
            return placeVisit(visit, position: position)
        }
        if let segment = value["activitySegment"] {
            return activitySegment(segment, position: position)
        }
        return .failure(LocationSkipReason("neither placeVisit nor activitySegment"))
    }

    private static func placeVisit(_ visit: JSONValue, position: SourcePosition) -> Result<Event, LocationSkipReason> {
        let time: Timestamp
        switch startTime(of: visit["duration"], record: "placeVisit") {
        case .success(let start): time = start
        case .failure(let reason): return .failure(reason)
        }
        let location = visit["location"]
        let coordinate = e7Coordinate(location, lat: "latitudeE7", lng: "longitudeE7")
            ?? e7Coordinate(visit, lat: "centerLatE7", lng: "centerLngE7")
        let name = nonEmpty(location?["name"]?.stringValue)
        let address = nonEmpty(location?["address"]?.stringValue)
        guard coordinate != nil || name != nil || address != nil else {
            return .failure(LocationSkipReason("placeVisit without coordinates, name or address"))
        }
        return .success(Event(source: source, kind: .visit, time: time, text: address,
                              code: nonEmpty(location?["semanticType"]?.stringValue),
                              latitude: coordinate?.latitude, longitude: coordinate?.longitude,
                              place: name ?? address, position: position))
    }

    private static func activitySegment(_ segment: JSONValue, position: SourcePosition) -> Result<Event, LocationSkipReason> {
        let time: Timestamp
        switch startTime(of: segment["duration"], record: "activitySegment") {
        case .success(let start): time = start
        case .failure(let reason): return .failure(reason)
        }
        // Older segments (real 2013 data) have an empty `startLocation: {}`; their first
        // waypoint or raw-path point is where they began.
        let start = e7Coordinate(segment["startLocation"], lat: "latitudeE7", lng: "longitudeE7")
            ?? e7Coordinate(segment["waypointPath"]?["waypoints"]?[0], lat: "latE7", lng: "lngE7")
            ?? e7Coordinate(segment["simplifiedRawPath"]?["points"]?[0], lat: "latE7", lng: "lngE7")
        let activityType = nonEmpty(segment["activityType"]?.stringValue)
            ?? nonEmpty(segment["activities"]?[0]?["activityType"]?.stringValue)
        // A segment with no position at all still says the person was moving, and how, then:
        // it becomes an `.activity` rather than a lost record.
        return .success(Event(source: source, kind: start == nil ? .activity : .location, time: time,
                              code: activityType,
                              latitude: start?.latitude, longitude: start?.longitude, position: position))
    }

    /// `startTimestamp` (ISO) or `startTimestampMs` (epoch milliseconds as a string), or why
    /// the `record` (placeVisit, activitySegment) has no usable start.
    static func startTime(of duration: JSONValue?, record: String) -> Result<Timestamp, LocationSkipReason> {
        let missing = LocationSkipReason("\(record) without a readable duration start")
        guard let duration else { return .failure(missing) }
        if let iso = duration["startTimestamp"]?.stringValue {
            return Timestamp.parseISO8601(iso.utf8).map { .success($0) } ?? .failure(missing)
        }
        guard let msText = duration["startTimestampMs"]?.stringValue ?? duration["startTimestampMs"]?.numberText else {
            return .failure(missing)
        }
        do {
            return .success(try UntrustedTime.timestamp(text: msText, unit: .milliseconds, since: .unix1970,
                                                        field: "startTimestampMs"))
        } catch {
            return .failure(LocationSkipReason("\(record): \(error.description)"))
        }
    }

    private static func e7Coordinate(_ object: JSONValue?, lat: String, lng: String) -> LocationCoordinate? {
        guard let object, let latE7 = object[lat]?.int64Value, let lngE7 = object[lng]?.int64Value else { return nil }
        return LocationCoordinate(latitudeE7: latE7, longitudeE7: lngE7)
    }

    private static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }
}
