import StewardCore
import Formats

/// The HTML pages of Snapchat's "My Data" download (docs/formats/social.md, "Snapchat My Data
/// in HTML"), streamed through `MarkupTokenizer` (no DOM; memory: one table row or one message).
/// Every page has the same frame — a `leftpanel` of links to the other pages and a
/// `rightpanel` with the page's `<h1>` — and writes its records either as table rows or, in a
/// conversation's subpage, as one block per message:
///
/// - `location_history.html`: sections named by `<h3>`; "Location history" is a table of
///   `Time | Latitude, Longitude` rows → `location` events; "Areas you may have visited in the
///   last two years" a table of `Time | Town/city | Region | Postcode` → `visit` events. The
///   other sections (latest location, inferred home and work, daily top locations, businesses)
///   are not read, as in the JSON variant.
/// - `memories_history.html`: `Date | Media Type | Location | (download)` → `photo` events.
/// - `search_history.html`: `Date and time (hourly) | Search term | Location` → `search`
///   events, a term typed letter by letter counted once (`SnapchatSearchFolder`).
/// - `user_profile.html`: "Interest categories" and "Content categories" sections, one
///   category per row → `ad_interest` events.
/// - Older `chat_history.html` / `snap_history.html`: sections "Received Saved Chat History",
///   "Sent Saved Chat History" (and Unsaved, and Snap History), each a table of
///   `From`/`To | Media Type | Created` rows, a chat's text in the one-cell row after it.
/// - Newer `chat_history/subpage_<friend>.html` and `snap_history/subpage_<friend>.html`: the
///   `<h1>` names the conversation ("Chat history with sam_k"); each message is a
///   `<div style="background…">` holding the sender (`<h4>`), the media type (`<span>`), the
///   text (`<p>`, saved chats only) and the time (`<h6>`). A one-to-one chat is named by the
///   friend's username, so a message whose sender is someone else is the person's own; a
///   group's subpage is named by an id (`subpage_<uuid>.html`) and its messages say not which
///   member is the person, so they count as others' (as JSON messages without `IsSender`).
///
/// Events are those of the JSON variant, with its source `snapchat.data`, so the same rules
/// read them and a download holding both formats counts each record once (docs/duplicates.md).
/// Positions: the line of the row or message and its index among the page's records.
public struct SnapchatHTMLParser: ExportParser {
    public enum Page: Equatable, Sendable {
        case location, memories, search, profile
        /// The older tables of chats or snaps, sections named Received/Sent.
        case messageTables(snaps: Bool)
        /// A conversation's subpage: the friend its file is named by, or a group's (named by an id).
        case conversation(snaps: Bool, friend: String?, isGroup: Bool)
    }

    private var tokenizer = MarkupTokenizer(.html, maxTagBytes: 64 * 1024, maxTextBytes: 256 * 1024)
    private let reader: SnapchatHTMLPageReader

    public init(page: Page) {
        reader = SnapchatHTMLPageReader(page: page)
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        let reader = self.reader
        tokenizer.feed(chunk) { reader.handle($0, into: sink) }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        let reader = self.reader
        // A page cut inside a tag keeps everything before the cut; the row or message the cut
        // falls in is reported, never read with half its values.
        let cut = tokenizer.finish { reader.handle($0, into: sink) }
        reader.finish(into: sink)
        if let cut { sink.warn(cut.description) }
        if tokenizer.droppedTags > 0 {
            sink.warn("\(tokenizer.droppedTags) tag(s) longer than \(tokenizer.maxTagBytes >> 10) KiB were dropped (broken markup)")
        }
        if tokenizer.truncatedTexts > 0 {
            sink.warn("\(tokenizer.truncatedTexts) text run(s) longer than \(tokenizer.maxTextBytes >> 10) KiB were cut")
        }
    }
}

/// Turns the token stream of one Snapchat page into records (see `SnapchatHTMLParser`).
final class SnapchatHTMLPageReader {
    private enum Section { case none, locationHistory, areas, homeSchoolWork, demographics, categories(String), received(String), sent(String), other }
    private enum Capture { case none, heading, cell, sender, type, text, time }

    /// Caps that bound memory on hostile input.
    static let maxCells = 16
    static let maxCellBytes = 64 * 1024

    private var page: SnapchatHTMLParser.Page
    private var section = Section.none
    private var capture = Capture.none
    private var buffer: [UInt8] = []
    private var inPanel = false

    private var cells: [[UInt8]] = []
    private var inRow = false
    private var rowHasData = false
    private var rowLine = 0
    private var records = 0

    /// An older-table message waiting for the one-cell row that may carry its text.
    private var pending: (cells: [String], line: Int, record: Int, received: Bool, list: String)?

    /// The message block of a conversation subpage being read.
    private var inMessage = false
    private var messageLine = 0
    private var sender: [UInt8] = []
    private var senderSeen = false
    private var mediaType: [UInt8] = []
    private var text: [UInt8] = []
    private var conversationTitle: String?

    private let searches = SnapchatSearchFolder()
    /// Cell and message texts cut at `maxCellBytes`.
    private var cutTexts = 0

    init(page: SnapchatHTMLParser.Page) { self.page = page }

    func handle(_ token: MarkupTokenizer.Token, into sink: EventSink) {
        switch token {
        case .start(let tag):
            if tag.isNamed("div") {
                if tag.hasClass("rightpanel") { inPanel = true; return }
                if case .conversation = page, inPanel, let style = tag.rawValue("style"),
                   style.starts(with: "background".utf8) {
                    finishMessage(into: sink)
                    inMessage = true
                    messageLine = tag.line
                    sender.removeAll(keepingCapacity: true)
                    mediaType.removeAll(keepingCapacity: true)
                    text.removeAll(keepingCapacity: true)
                    senderSeen = false
                }
                return
            }
            guard inPanel else { return }
            if tag.isNamed("h1") || tag.isNamed("h3") {
                finishRow(into: sink)
                flushPending(into: sink)
                begin(.heading)
            } else if tag.isNamed("tr") {
                finishRow(into: sink)
                inRow = true
                rowHasData = false
                rowLine = tag.line
                cells.removeAll(keepingCapacity: true)
            } else if tag.isNamed("td") || tag.isNamed("th") {
                guard inRow else { return }
                // Rows of header cells alone (`<th>`) name the columns.
                if tag.isNamed("td") { rowHasData = true }
                if cells.count < Self.maxCells {
                    cells.append([])
                    capture = .cell
                } else {
                    capture = .none
                }
            } else if inMessage {
                if tag.isNamed("h4") { begin(.sender) }
                else if tag.isNamed("span") && senderSeen && mediaType.isEmpty { begin(.type) }
                else if tag.isNamed("p") { begin(.text) }
                else if tag.isNamed("h6") { begin(.time) }
            }
        case .end(let tag):
            guard inPanel else { return }
            if tag.isNamed("h1") || tag.isNamed("h3") {
                let heading = finishCapture()
                if tag.isNamed("h1") { readTitle(heading) } else { section = Self.section(of: heading, page: page) }
            } else if tag.isNamed("td") || tag.isNamed("th") {
                capture = .none
            } else if tag.isNamed("tr") {
                finishRow(into: sink)
            } else if tag.isNamed("table") {
                finishRow(into: sink)
                flushPending(into: sink)
            } else if inMessage {
                if tag.isNamed("h4") && capture == .sender {
                    sender = Array(trimmed(finishCaptureBytes()).utf8)
                    senderSeen = true
                }
                else if tag.isNamed("span") && capture == .type { mediaType = Array(trimmed(finishCaptureBytes()).utf8) }
                else if tag.isNamed("p") && capture == .text { text = finishCaptureBytes() }
                else if tag.isNamed("h6") && capture == .time {
                    let time = trimmed(finishCaptureBytes())
                    emitMessage(time: time, into: sink)
                }
            }
        case .text(let bytes):
            switch capture {
            case .none: return
            case .cell:
                guard !cells.isEmpty else { return }
                let room = Self.maxCellBytes - cells[cells.count - 1].count
                if bytes.count > room { cutTexts += 1 }
                cells[cells.count - 1].append(contentsOf: bytes.prefix(max(0, room)))
            default:
                let room = Self.maxCellBytes - buffer.count
                if bytes.count > room { cutTexts += 1 }
                buffer.append(contentsOf: bytes.prefix(max(0, room)))
            }
        case .doctype, .problem:
            return
        }
    }

    func finish(into sink: EventSink) {
        if inRow {
            inRow = false
            // An open one-cell row is the text of the message before it, reported with it.
            if rowHasData && !(cells.count == 1 && pending != nil) {
                sink.skip("file ends inside a record (truncated?)", at: nextPosition(line: rowLine))
            }
        }
        // A whole page closes its tables, which delivers the last message: one still waiting
        // for its text row was cut off.
        if let held = pending {
            pending = nil
            sink.skip("file ends inside a record (truncated?)", at: SourcePosition(line: held.line, record: held.record))
        }
        if inMessage {
            inMessage = false
            sink.skip("truncated: the file ends inside this message", at: nextPosition(line: messageLine))
        }
        searches.finish(into: sink)
        if cutTexts > 0 {
            sink.warn("\(cutTexts) value(s) longer than \(Self.maxCellBytes >> 10) KiB were cut")
        }
        if records == 0 && !inPanel {
            sink.warn("no Snapchat page panel (div class=\"rightpanel\") found")
        }
    }

    // MARK: Headings

    private func begin(_ what: Capture) {
        capture = what
        buffer.removeAll(keepingCapacity: true)
    }

    private func finishCaptureBytes() -> [UInt8] {
        capture = .none
        return buffer
    }

    private func finishCapture() -> String { trimmed(finishCaptureBytes()) }

    private func trimmed(_ bytes: [UInt8]) -> String {
        SnapchatDataParser.trimmed(String(decoding: bytes, as: UTF8.self), colon: false)
    }

    /// A subpage's `<h1>` ("Chat history with sam_k") names the conversation: the friend when
    /// the file name did not, a group's title otherwise.
    private func readTitle(_ heading: String) {
        guard case .conversation(let snaps, let friend, let isGroup) = page,
              let with = heading.range(of: " with ") else { return }
        let name = SnapchatDataParser.trimmed(String(heading[with.upperBound...]), colon: false)
        guard !name.isEmpty else { return }
        if isGroup { conversationTitle = name } else if friend == nil { page = .conversation(snaps: snaps, friend: name, isGroup: false) }
    }

    private static func section(of heading: String, page: SnapchatHTMLParser.Page) -> Section {
        let h = heading.lowercased()
        switch page {
        case .location:
            if h == "location history" { return .locationHistory }
            if h.hasPrefix("areas you may have visited") { return .areas }
            if h.hasPrefix("home") && h.hasSuffix("work") { return .homeSchoolWork }  // "Home, school & work", older "Home & Work"
            return .other
        case .profile:
            if h == "interest categories" || h == "content categories" || h == "content interests" { return .categories(h) }
            if h == "demographics" { return .demographics }
            return .other
        case .messageTables:
            // The list names the JSON variant uses ("Received Saved Chat History").
            let list = heading.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
            if h.hasPrefix("received") { return .received(list) }
            if h.hasPrefix("sent") { return .sent(list) }
            return .other
        case .memories, .search, .conversation:
            return .other
        }
    }

    // MARK: Rows

    private func finishRow(into sink: EventSink) {
        guard inRow else { return }
        inRow = false
        capture = .none
        let values = cells.map { SnapchatDataParser.trimmed(String(decoding: $0, as: UTF8.self), colon: false) }
        // Label and value rows, both written as header cells (`Inferred Home:` | `lat …`).
        if values.count == 2, case .homeSchoolWork = section, let event = SnapchatDataParser.inferredPlace(values[0], values[1], nextPosition(line: rowLine)) {
            return sink.emit(event)
        }
        if values.count == 2, case .demographics = section, let event = SnapchatDataParser.demographic(values[0], values[1], nextPosition(line: rowLine)) {
            return sink.emit(event)
        }
        guard rowHasData else { return }
        switch (page, section) {
        case (.location, .locationHistory):
            let position = nextPosition(line: rowLine)
            guard values.count >= 2 else { return sink.skip("a location entry without a time and a position", at: position) }
            guard let time = readTime(values[0], at: position, into: sink) else { return }
            guard let (latitude, longitude) = SnapchatDataParser.coordinates(values[1]) else {
                return sink.skip("no readable position", at: position)
            }
            sink.emit(Event(source: SnapchatDataParser.source, kind: .location, time: time, latitude: latitude,
                            longitude: longitude, product: "location history", position: position))
        case (.location, .areas):
            let position = nextPosition(line: rowLine)
            guard let time = readTime(values.first ?? "", at: position, into: sink) else { return }
            let parts = values.dropFirst().prefix(3).filter { !$0.isEmpty }
            guard !parts.isEmpty else { return sink.skip("an area without a city or region", at: position) }
            sink.emit(Event(source: SnapchatDataParser.source, kind: .visit, time: time, place: parts.joined(separator: ", "),
                            product: "areas you may have visited", position: position))
        case (.memories, _):
            let position = nextPosition(line: rowLine)
            guard let time = readTime(values.first ?? "", at: position, into: sink) else { return }
            let mediaType = values.count > 1 && !values[1].isEmpty ? values[1].lowercased() : nil
            var event = Event(source: SnapchatDataParser.source, kind: .photo, time: time, code: mediaType,
                              product: "memories", position: position)
            if values.count > 2, let (latitude, longitude) = SnapchatDataParser.coordinates(values[2]),
               latitude != 0 || longitude != 0 {
                event.latitude = latitude
                event.longitude = longitude
            }
            sink.emit(event)
        case (.search, _):
            let position = nextPosition(line: rowLine)
            guard let time = readTime(values.first ?? "", at: position, into: sink) else { return }
            guard values.count > 1, !values[1].isEmpty else { return sink.skip("a search without a term", at: position) }
            searches.add(.init(time: time, term: values[1], position: position), into: sink)
        case (.profile, .categories(let list)):
            let position = nextPosition(line: rowLine)
            guard let name = values.first, !name.isEmpty else { return sink.skip("a category without a name", at: position) }
            sink.emit(Event(source: SnapchatDataParser.source, kind: .adInterest, text: name, counterparty: "Snapchat",
                            product: list, position: position))
        case (.messageTables, .received(let list)), (.messageTables, .sent(let list)):
            var received = false
            if case .received = section { received = true }
            if values.count >= 3 {
                flushPending(into: sink)
                pending = (Array(values.prefix(3)), rowLine, records, received, list)
                records += 1
            } else if values.count == 1, var held = pending {
                // The chat's text, in the row after it.
                held.cells.append(values[0])
                pending = nil
                emitTableMessage(held, into: sink)
            } else {
                sink.skip("a message row without its name, media type and time", at: nextPosition(line: rowLine))
            }
        default:
            return
        }
    }

    private func nextPosition(line: Int) -> SourcePosition {
        defer { records += 1 }
        return SourcePosition(line: line, record: records)
    }

    private func readTime(_ text: String, at position: SourcePosition, into sink: EventSink) -> Timestamp? {
        guard !text.isEmpty else {
            sink.skip("no time", at: position)
            return nil
        }
        guard let time = SnapchatDataParser.parseTime(text) else {
            sink.skip("unreadable time \(QuotedValue.describe(text))", at: position)
            return nil
        }
        return time
    }

    // MARK: Messages

    private var isSnapPage: Bool {
        switch page {
        case .messageTables(let snaps), .conversation(let snaps, _, _): return snaps
        default: return false
        }
    }

    private func flushPending(into sink: EventSink) {
        guard let held = pending else { return }
        pending = nil
        emitTableMessage(held, into: sink)
    }

    private func emitTableMessage(_ held: (cells: [String], line: Int, record: Int, received: Bool, list: String), into sink: EventSink) {
        let position = SourcePosition(line: held.line, record: held.record)
        guard let time = readTime(held.cells[2], at: position, into: sink) else { return }
        let name = held.cells[0].isEmpty ? nil : held.cells[0]
        emit(time: time, mediaType: held.cells[1], text: held.cells.count > 3 ? held.cells[3] : "",
             byPerson: !held.received, counterparty: name, title: nil, position: position, into: sink)
    }

    private func finishMessage(into sink: EventSink) {
        guard inMessage else { return }
        inMessage = false
        // A block that never reached its time.
        if !sender.isEmpty || !mediaType.isEmpty {
            sink.skip("a message without a time", at: nextPosition(line: messageLine))
        }
    }

    private func emitMessage(time timeText: String, into sink: EventSink) {
        guard inMessage else { return }
        inMessage = false
        let position = nextPosition(line: messageLine)
        guard let time = readTime(timeText, at: position, into: sink) else { return }
        guard case .conversation(_, let friend, let isGroup) = page else { return }
        let from = String(decoding: sender, as: UTF8.self)
        let byPerson: Bool
        let counterparty: String?
        if isGroup {
            byPerson = false
            counterparty = from.isEmpty ? conversationTitle : from
        } else {
            byPerson = !from.isEmpty && friend != nil && from != friend
            counterparty = friend ?? (from.isEmpty ? nil : from)
        }
        emit(time: time, mediaType: String(decoding: mediaType, as: UTF8.self), text: String(decoding: text, as: UTF8.self),
             byPerson: byPerson, counterparty: counterparty, title: isGroup ? conversationTitle : nil, position: position, into: sink)
    }

    /// The message as the JSON variant writes it (`SnapchatDataParser.message`).
    private func emit(time: Timestamp, mediaType rawType: String, text rawText: String, byPerson: Bool, counterparty: String?,
                      title: String?, position: SourcePosition, into sink: EventSink) {
        sink.emit(SnapchatDataParser.messageEvent(time: time, text: SnapchatDataParser.trimmed(rawText, colon: false),
                                                  mediaType: rawType.isEmpty ? nil : rawType.lowercased(), isSnap: isSnapPage,
                                                  byPerson: byPerson, counterparty: counterparty, conversation: title,
                                                  position: position))
    }
}
