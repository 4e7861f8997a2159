import StewardCore
import Formats

/// WhatsApp "Export chat" text (`WhatsApp Chat with X.txt`, or `_chat.txt` inside the
/// with-media zip), iOS and Android layouts (see `WhatsAppChatLine`). A message runs from its
/// header line to the next header line, so multi-line messages keep their line breaks; lines
/// before the first header are ignored with a warning. Android system lines (no `Name:`, e.g.
/// "You were added") are not messages and yield no event. Times are the phone's local clock
/// with no offset written, so they are kept as local times (`utcOffsetSeconds` nil).
///
/// Day/month order: a file uses one order throughout, but only a date with a number above 12
/// shows which. Messages with undecidable dates wait in a bounded queue until one decides;
/// if none does within `maxUndecidedMessages` (or by the end), the order follows the clock:
/// 12-hour clocks go with month first (US), 24-hour clocks with day first, and a warning says
/// so.
///
/// The export does not say who exported it. A message counts as the person's own only when
/// its sender is one of `ownerNames` (from STEWARD_OWNER_NAME); all others are
/// `authoredByOthers` — counted, never quoted.
public struct WhatsAppChatParser: ExportParser {
    public static let source = "whatsapp.chat"
    public static let maxMessageBytes = 64 * 1024
    public static let maxUndecidedMessages = 4096

    private struct PendingMessage {
        var header: WhatsAppChatLine
        var line: Int
        var sender: String
        var text: [UInt8]
        var truncated = false
    }

    private let ownerNames: Set<String>
    private var lines = LineSplitter(maxLineLength: WhatsAppChatParser.maxMessageBytes)
    private var current: PendingMessage?
    private var undecided: [PendingMessage] = []
    private var dayFirst: Bool?
    private var sawTwelveHourClock = false
    private var recordIndex = 0
    private var warnedOrphanLines = false

    /// `ownerNames`: sender names that are the person running steward (exact match).
    public init(ownerNames: Set<String> = []) {
        self.ownerNames = ownerNames
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        // The splitter is moved out while it calls back into `self` (exclusive access), and
        // left unshared so its line buffer is not copied.
        var splitter = lines
        lines = LineSplitter(maxLineLength: 1)
        defer { lines = splitter }
        try splitter.feed(chunk) { line, number, _ throws(ParseError) in handle(line, number, sink) }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        var splitter = lines
        lines = LineSplitter(maxLineLength: 1)
        defer { lines = splitter }
        try splitter.finish { line, number, _ throws(ParseError) in handle(line, number, sink) }
        if let message = current { finalize(message, sink) }
        current = nil
        if !undecided.isEmpty { decideByDefault(sink) }
    }

    private mutating func handle(_ line: ArraySlice<UInt8>, _ number: Int, _ sink: EventSink) {
        guard let header = WhatsAppChatLine.parse(line) else {
            if current != nil {
                appendContinuation(line)
            } else if !line.isEmpty && !warnedOrphanLines {
                warnedOrphanLines = true
                sink.warn("text before the first message ignored", at: .line(number))
            }
            return
        }
        if let message = current { finalize(message, sink) }
        current = nil
        if header.meridiem == .am || header.meridiem == .pm { sawTwelveHourClock = true }
        if !header.yearFirst && dayFirst == nil {
            if header.first > 12 && header.second <= 12 { decide(dayFirst: true, sink) }
            else if header.second > 12 && header.first <= 12 { decide(dayFirst: false, sink) }
        }
        let body = line[header.bodyStart...]
        guard let colon = body.firstIndex(of: UInt8(ascii: ":")), !body[body.startIndex..<colon].contains(UInt8(ascii: "\"")) else {
            // A system line ("You were added", "+1 555 created group …"): not a message.
            return
        }
        var textStart = colon + 1
        if textStart < body.endIndex && body[textStart] == 0x20 { textStart += 1 }
        textStart = WhatsAppChatLine.skipMarks(body, from: textStart)
        let sender = String(decoding: body[body.startIndex..<colon], as: UTF8.self)
        current = PendingMessage(header: header, line: number, sender: sender, text: Array(body[textStart...]))
    }

    private mutating func appendContinuation(_ line: ArraySlice<UInt8>) {
        guard current != nil else { return }
        if current!.text.count + 1 + line.count > Self.maxMessageBytes {
            current!.truncated = true
            return
        }
        current!.text.append(0x0A)
        current!.text.append(contentsOf: line)
    }

    private mutating func finalize(_ message: PendingMessage, _ sink: EventSink) {
        if message.header.yearFirst || dayFirst != nil {
            emit(message, sink)
            return
        }
        let h = message.header
        if h.first > 12 && h.second > 12 {
            emit(message, sink) // reports the impossible date
            return
        }
        undecided.append(message)
        if undecided.count >= Self.maxUndecidedMessages { decideByDefault(sink) }
    }

    private mutating func decide(dayFirst: Bool, _ sink: EventSink) {
        self.dayFirst = dayFirst
        let waiting = undecided
        undecided = []
        for message in waiting { emit(message, sink) }
    }

    private mutating func decideByDefault(_ sink: EventSink) {
        let dayFirst = !sawTwelveHourClock
        sink.warn("no date in the file shows whether it is day/month or month/day: read as \(dayFirst ? "day/month" : "month/day") because of its \(sawTwelveHourClock ? "12" : "24")-hour clock")
        decide(dayFirst: dayFirst, sink)
    }

    private mutating func emit(_ message: PendingMessage, _ sink: EventSink) {
        let position = SourcePosition(line: message.line, record: recordIndex)
        recordIndex += 1
        let h = message.header
        var year: Int, month: Int, day: Int
        if h.yearFirst {
            (year, month, day) = (h.first, h.second, h.third)
        } else {
            year = h.thirdDigits == 2 ? 2000 + h.third : h.third
            (day, month) = (dayFirst ?? true) ? (h.first, h.second) : (h.second, h.first)
        }
        guard let hour = h.hour24 else {
            sink.skip(h.meridiem == .unknown ? "unknown AM/PM marker" : "impossible hour \(h.hour)", at: position)
            return
        }
        guard let time = Timestamp(year: year, month: month, day: day, hour: hour, minute: h.minute, second: h.secondOfMinute) else {
            sink.skip("impossible date \(h.first)/\(h.second)/\(h.third)", at: position)
            return
        }
        if message.truncated { sink.warn("message longer than \(Self.maxMessageBytes) bytes: cut", at: position) }
        var event = Event(source: Self.source, kind: .message, time: time, counterparty: message.sender,
                          authoredByOthers: !ownerNames.contains(message.sender), position: position)
        if let attachment = WhatsAppAttachment.recognize(message.text[...]) {
            event.code = "attachment"
            event.title = attachment
        } else if !message.text.isEmpty {
            event.text = String(decoding: message.text, as: UTF8.self)
        }
        sink.emit(event)
    }
}
