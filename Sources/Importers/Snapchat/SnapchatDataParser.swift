import StewardCore
import Formats

/// The JSON files of Snapchat's "My Data" download, streamed with `JSONPathWalker` (memory:
/// one list element). Times are written `2022-07-22 19:28:21 UTC` (older files
/// `2020/08/20 14:51:25 UTC`), always in UTC.
///
/// - `location_history.json`: `Location History` lists fixes, as objects
///   `{"Time": …, "Latitude, Longitude": "52.37 ± 14.86 meters, 4.89 ± 14.86 meters"}` (older)
///   or as pairs `["2024-03-02 14:00:00 UTC", "41.5, -81.6"]` (newer) → `location` events.
///   `Areas you may have visited in the last two years` lists `{"Time", "City", "Region",
///   "Postal Code"}` → `visit` events with the place named and no coordinates. The other
///   sections (home and work as Snapchat inferred them, top locations without times) are not
///   read: they have no time to place them and would double the fixes.
/// - `chat_history.json` and `snap_history.json`: lists of `{"From"/"To", "Media Type",
///   "Created", "Text"/"Content", "IsSender", "Conversation Title"}`, under
///   `Received Saved Chat History` / `Sent Saved Chat History` (older) or under each friend's
///   username or a group's id (newer) → `message` events. Who wrote it comes from the list's
///   name (older) or `IsSender` (newer); without either the message counts as another's.
/// - `memories_history.json`: `Saved Media` of `{"Date", "Media Type", "Location":
///   "Latitude, Longitude: 51.5, -0.12"}` → `photo` events (`0, 0` is no position).
/// - `user_profile.json`: `Interest Categories`, `Content Categories` (older) or
///   `Content Interests`: lists of the categories Snapchat assigned → `ad_interest` events.
/// - `search_history.json`: one list (under an empty key) of `{"Date and time (hourly)",
///   "Search Term", "Location"}` → `search` events, a term typed letter by letter counted once
///   (`SnapchatSearchFolder`).
struct SnapchatDataParser: ExportParser {
    static let source = "snapchat.data"

    enum Kind { case location, chats, snaps, memories, profile, searches }

    static let locationHistory = "Location History"
    static let homeSchoolWork = "Home, School & Work"
    static let areas = "Areas you may have visited in the last two years"
    static let interestLists = ["Interest Categories", "Content Categories", "Content Interests"]

    let kind: Kind
    private var walker: JSONPathWalker
    private let searches = SnapchatSearchFolder()

    init(kind: Kind) {
        self.kind = kind
        let targets: [[String]]
        switch kind {
        case .location: targets = [[Self.locationHistory], [Self.areas]]
        case .chats, .snaps: targets = [["*"]]
        case .memories: targets = [["Saved Media"]]
        case .profile: targets = Self.interestLists.map { [$0] }
        case .searches: targets = [["*"]]
        }
        let values: [[String]]
        switch kind {
        case .location: values = [[Self.homeSchoolWork, "*"]]
        case .profile: values = [["Demographics", "*"]]
        default: values = []
        }
        walker = JSONPathWalker(targets: targets, valueTargets: values, maxElementBytes: 4 << 20)
    }

    mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        let kind = self.kind, searches = self.searches
        walker.feed(chunk) { Self.handle($0, kind: kind, searches: searches, into: sink) }
    }

    mutating func finish(into sink: EventSink) throws(ParseError) {
        let kind = self.kind, searches = self.searches
        walker.finish { Self.handle($0, kind: kind, searches: searches, into: sink) }
        searches.finish(into: sink)
    }

    private static func handle(_ output: JSONPathWalker.Output, kind: Kind, searches: SnapchatSearchFolder, into sink: EventSink) {
        switch output {
        case .skippedValue(_, let keys, let reason):
            sink.skip(reason, at: SourcePosition(pointer: JSONPointer.path(keys)))
        case .value(_, let keys, let bytes):
            guard let label = keys.last, let value = (try? JSONValueParser.parse(Array(bytes)))?.stringValue else { return }
            let position = SourcePosition(pointer: JSONPointer.path(keys))
            if let event = kind == .profile ? demographic(label, value, position) : inferredPlace(label, value, position) {
                sink.emit(event)
            }
        case .skipped(_, let key, let index, let reason):
            sink.skip(reason, at: .record(index, pointer: JSONPointer.path([key]) + "/\(index)"))
        case .element(_, let key, let index, let bytes):
            let position = SourcePosition.record(index, pointer: JSONPointer.path([key]) + "/\(index)")
            let value: JSONValue
            do {
                value = try JSONValueParser.parse(Array(bytes))
            } catch {
                sink.skip(error.description, at: position)
                return
            }
            if kind == .searches {
                switch search(value, position) {
                case .success(let found): searches.add(found, into: sink)
                case .failure(let reason): sink.skip(reason.text, at: position)
                }
                return
            }
            let result: Result<Event, SkipReason>
            switch kind {
            case .location: result = key == areas ? area(value, position) : fix(value, position)
            case .chats, .snaps: result = message(value, list: key, isSnap: kind == .snaps, position)
            case .memories: result = memory(value, position)
            case .profile: result = interest(value, list: key, position)
            case .searches: return
            }
            switch result {
            case .success(let event): sink.emit(event)
            case .failure(let reason): sink.skip(reason.text, at: position)
            }
        }
    }

    struct SkipReason: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    // MARK: Records

    /// A fix: an object with `Time` and `Latitude, Longitude`, or a pair `[time, "lat, lon"]`.
    static func fix(_ value: JSONValue, _ position: SourcePosition) -> Result<Event, SkipReason> {
        let timeText: String?
        let positionText: String?
        if let pair = value.arrayValue {
            guard pair.count >= 2 else { return .failure(SkipReason("a location entry without a time and a position")) }
            timeText = pair[0].stringValue
            positionText = pair[1].stringValue
        } else if case .object = value {
            timeText = value["Time"]?.stringValue
            positionText = value["Latitude, Longitude"]?.stringValue
        } else {
            return .failure(SkipReason("a location entry without a time and a position"))
        }
        guard let timeText else { return .failure(SkipReason("no time")) }
        guard let time = parseTime(timeText) else { return .failure(SkipReason("unreadable time \(QuotedValue.describe(timeText))")) }
        guard let positionText, let (latitude, longitude) = coordinates(positionText) else {
            return .failure(SkipReason("no readable position"))
        }
        return .success(Event(source: source, kind: .location, time: time, latitude: latitude, longitude: longitude,
                              product: "location history", position: position))
    }

    /// An area: the city and region Snapchat placed the person in at that time (from the
    /// network address or the phone), without coordinates.
    static func area(_ value: JSONValue, _ position: SourcePosition) -> Result<Event, SkipReason> {
        guard case .object = value else { return .failure(SkipReason("not an object")) }
        guard let timeText = value["Time"]?.stringValue else { return .failure(SkipReason("no time")) }
        guard let time = parseTime(timeText) else { return .failure(SkipReason("unreadable time \(QuotedValue.describe(timeText))")) }
        let parts = ["City", "Region", "Postal Code"].compactMap { value[$0]?.stringValue }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { return .failure(SkipReason("an area without a city or region")) }
        return .success(Event(source: source, kind: .visit, time: time, place: parts.joined(separator: ", "),
                              product: "areas you may have visited", position: position))
    }

    static func message(_ value: JSONValue, list: String, isSnap: Bool, _ position: SourcePosition) -> Result<Event, SkipReason> {
        guard case .object = value else { return .failure(SkipReason("message is not an object")) }
        guard let created = value["Created"]?.stringValue else { return .failure(SkipReason("no date")) }
        guard let time = parseTime(created) else { return .failure(SkipReason("unreadable time \(QuotedValue.describe(created))")) }
        let from = value["From"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let to = value["To"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let conversation = value["Conversation Title"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let byPerson: Bool
        let counterparty: String?
        if list.hasPrefix("Received") {
            byPerson = false
            counterparty = from
        } else if list.hasPrefix("Sent") {
            byPerson = true
            counterparty = to
        } else {
            // Newer files: the list is one conversation, named by the friend's username or,
            // for a group, by an id with the group's name in `Conversation Title`.
            if case .bool(let sender)? = value["IsSender"] { byPerson = sender } else { byPerson = false }
            counterparty = byPerson ? (conversation ?? to ?? list) : (from ?? list)
        }
        let raw = (value["Text"] ?? value["Content"])?.stringValue ?? ""
        let mediaType = value["Media Type"]?.stringValue.map { $0.lowercased() }
        return .success(messageEvent(time: time, text: raw, mediaType: mediaType, isSnap: isSnap, byPerson: byPerson,
                                     counterparty: counterparty, conversation: conversation, position: position))
    }

    /// A chat message or snap as both formats give it. Snapchat escapes chat text once more than
    /// its file needs (`&amp;` written for `&`), so `text` is unescaped here; a snap's media type
    /// is its title, a message's non-text media type its code.
    static func messageEvent(time: Timestamp, text raw: String, mediaType: String?, isSnap: Bool, byPerson: Bool,
                             counterparty: String?, conversation: String?, position: SourcePosition) -> Event {
        let text = String(decoding: HTMLCharacterReference.decode(Array(raw.utf8)), as: UTF8.self)
        var event = Event(source: source, kind: .message, time: time, text: text.isEmpty || isSnap ? nil : text,
                          title: conversation, counterparty: counterparty, product: "Snapchat",
                          authoredByOthers: !byPerson, position: position)
        if isSnap {
            event.code = "snap"
            event.title = mediaType
        } else if let mediaType, mediaType != "text" {
            event.code = mediaType
        }
        return event
    }

    static func memory(_ value: JSONValue, _ position: SourcePosition) -> Result<Event, SkipReason> {
        guard case .object = value else { return .failure(SkipReason("not an object")) }
        guard let date = value["Date"]?.stringValue else { return .failure(SkipReason("no date")) }
        guard let time = parseTime(date) else { return .failure(SkipReason("unreadable date \(QuotedValue.describe(date))")) }
        var event = Event(source: source, kind: .photo, time: time, code: value["Media Type"]?.stringValue?.lowercased(),
                          product: "memories", position: position)
        if let location = value["Location"]?.stringValue, let (latitude, longitude) = coordinates(location),
           latitude != 0 || longitude != 0 {
            event.latitude = latitude
            event.longitude = longitude
        }
        return .success(event)
    }

    /// A category: a string, or (in case a list turns into objects) the object's first text.
    static func interest(_ value: JSONValue, list: String, _ position: SourcePosition) -> Result<Event, SkipReason> {
        let text = value.stringValue ?? value.objectMembers?.lazy.compactMap { $0.value.stringValue }.first
        guard let text, !text.isEmpty else { return .failure(SkipReason("a category without a name")) }
        return .success(Event(source: source, kind: .adInterest, text: text, counterparty: "Snapchat",
                              product: list.lowercased(), position: position))
    }

    static func search(_ value: JSONValue, _ position: SourcePosition) -> Result<SnapchatSearchFolder.Search, SkipReason> {
        guard case .object = value else { return .failure(SkipReason("not an object")) }
        guard let timeText = value["Date and time (hourly)"]?.stringValue else { return .failure(SkipReason("no time")) }
        guard let time = parseTime(timeText) else { return .failure(SkipReason("unreadable time \(QuotedValue.describe(timeText))")) }
        guard let term = value["Search Term"]?.stringValue, !term.isEmpty else { return .failure(SkipReason("a search without a term")) }
        return .success(.init(time: time, term: term, position: position))
    }

    /// Snapchat's own guesses, listed with the other platforms' inferences: its demographics
    /// for ads (`Cohort Age`, `Derived Ad Demographic`) → `ad_interest` "Cohort Age: …",
    /// product `demographics`. Empty values say nothing.
    static func demographic(_ label: String, _ value: String, _ position: SourcePosition) -> Event? {
        let label = trimmed(label, colon: true), value = trimmed(value, colon: false)
        guard !label.isEmpty, !value.isEmpty else { return nil }
        return Event(source: source, kind: .adInterest, text: "\(label): \(value)", counterparty: "Snapchat",
                     product: "demographics", position: position)
    }

    /// The home and work Snapchat inferred (`inferredHome`, `Inferred Home:`; older downloads
    /// `Home`, `Work`) → `ad_interest` "Inferred Home: lat … , long …", product `inferred home
    /// and work`. What the person declared (`userProvidedHome`, `Declared Home:`) and the school
    /// name are their own statements, not inferences, and are not read.
    static func inferredPlace(_ label: String, _ value: String, _ position: SourcePosition) -> Event? {
        let key = trimmed(label, colon: true).lowercased().filter { $0 != " " }
        let name: String
        switch key {
        case "inferredhome": name = "Inferred Home"
        case "inferredwork": name = "Inferred Work"
        case "inferredschool": name = "Inferred School"
        case "home": name = "Home"
        case "work": name = "Work"
        default: return nil
        }
        let value = trimmed(value, colon: false)
        guard !value.isEmpty else { return nil }
        return Event(source: source, kind: .adInterest, text: "\(name): \(value)", counterparty: "Snapchat",
                     product: "inferred home and work", position: position)
    }

    /// Without surrounding white space (and, for a label, the colon the HTML pages put after it).
    static func trimmed(_ text: String, colon: Bool) -> String {
        var s = Substring(text)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace || (colon && c == ":") { s = s.dropLast() }
        return String(s)
    }

    // MARK: Values

    /// `2022-07-22 19:28:21 UTC` or `2020/08/20 14:51:25 UTC` (the zone may be missing: the
    /// download writes UTC throughout).
    static func parseTime(_ text: String) -> Timestamp? {
        var s = Substring(text)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        if s.hasSuffix(" UTC") { s = s.dropLast(4) }
        let bytes = Array(s.utf8)
        guard bytes.count == 19, bytes[10] == 0x20, bytes[4] == bytes[7],
              bytes[4] == UInt8(ascii: "-") || bytes[4] == UInt8(ascii: "/"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard bytes[i] >= 0x30 && bytes[i] <= 0x39 else { return nil }
                n = n * 10 + Int(bytes[i] - 0x30)
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), day >= 1, day <= Timestamp.daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60 else { return nil }
        return Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second, utcOffsetSeconds: 0)
    }

    /// `51.5, -0.12`, `Latitude, Longitude: 51.5, -0.12` or `52.37 ± 14.86 meters, 4.89 ± 14.86
    /// meters`: the number at the start of each comma-separated half.
    static func coordinates(_ text: String) -> (Double, Double)? {
        var s = Substring(text)
        if let colon = s.lastIndex(of: ":") { s = s[s.index(after: colon)...] }
        let halves = s.split(separator: ",")
        guard halves.count == 2 else { return nil }
        func leadingNumber(_ part: Substring) -> Double? {
            let trimmed = part.drop(while: { $0 == " " })
            let number = trimmed.prefix(while: { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") })
            guard !number.isEmpty, number.count <= 24 else { return nil }
            return Double(number)
        }
        guard let latitude = leadingNumber(halves[0]), let longitude = leadingNumber(halves[1]),
              latitude.isFinite, longitude.isFinite, abs(latitude) <= 90, abs(longitude) <= 180 else { return nil }
        return (latitude, longitude)
    }
}

/// Snapchat's search history logs a search per letter typed (`bliss`, `blissa`, `blissaf` in
/// one hour, newest first): a term that extends or is extended by the one before it in the
/// same hour is one search, the longest. Holds one search back; the JSON and HTML readers
/// share it so both formats give the same events.
final class SnapchatSearchFolder {
    struct Search {
        let time: Timestamp
        let term: String
        let position: SourcePosition
    }

    private var held: Search?
    private(set) var folded = 0

    func add(_ search: Search, into sink: EventSink) {
        if let held, held.time == search.time {
            let a = held.term.lowercased(), b = search.term.lowercased()
            if a.hasPrefix(b) || b.hasPrefix(a) {
                folded += 1
                if b.count > a.count { self.held = search }
                return
            }
        }
        if let held { emit(held, into: sink) }
        held = search
    }

    func finish(into sink: EventSink) {
        if let held { emit(held, into: sink) }
        held = nil
        if folded > 0 {
            sink.warn("\(folded) search(es) typed letter by letter were counted once, as the longest term of the hour")
        }
    }

    private func emit(_ search: Search, into sink: EventSink) {
        sink.emit(Event(source: SnapchatDataParser.source, kind: .search, time: search.time, text: search.term,
                        product: "Snapchat", position: search.position))
    }
}
