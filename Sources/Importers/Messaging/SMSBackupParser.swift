import StewardCore
import Formats

/// "SMS Backup & Restore" (SyncTech, Android) XML: `sms-<date>.xml` with
/// `<smses><sms …/><mms …><parts><part …/></parts><addrs><addr …/></addrs></mms></smses>` and
/// `calls-<date>.xml` with `<calls><call …/></calls>`. Everything is in attributes:
/// - `sms`: `address`, `date` (epoch ms), `type` (1 received, 2 sent, 3 draft, 4 outbox,
///   5 failed, 6 queued), `body`, `contact_name`, `readable_date` (newer app versions);
/// - `mms`: `date` (epoch ms), `msg_box` (1 received, 2 sent), `address`, `contact_name`; its
///   text is in `<part ct="text/plain" text="…"/>`;
/// - `call`: `number`, `duration` (s), `date` (epoch ms), `type` (1 incoming, 2 outgoing,
///   3 missed, 4 voicemail, 5 rejected, 6 blocked), `contact_name`.
/// Missing values are the literal string "null". SMS and MMS become `.message` events; calls
/// become `.activity` events with product "call" and the call type as code. Received
/// messages (and any of unknown type) are `authoredByOthers`.
///
/// Times: `date` is UTC; `readable_date`, when present, is the same instant on the phone's
/// clock, so the difference gives the UTC offset (needed for time-of-day inferences).
///
/// The same facts as written by Slight Backup (open source, `messages_export_<ms>.xml`,
/// `calllogs_export_<ms>.xml`; docs/formats/messaging.md): every column of Android's message
/// and call-log tables as an attribute, `<messages date= count=><message date= address= type=
/// read= status= …>body text</message>` — the body is the element's text, not an attribute —
/// and `<calls date= count=><call number= date= duration= type= name= …></call>`, where the
/// contact is `name`. Type numbers are Android's own in both apps.
public struct SMSBackupParser: ExportParser, MarkupTokenDriven {
    public static let source = "android.sms_backup"

    /// Everything is in attributes: text is not read; a value is cut at 64 KiB (MMS parts carry
    /// whole images in base64 attributes), a tag at 1 MiB.
    var scanner = Self.tokenizer()
    private let records = Records()
    /// The tokens are replayed to `records` on a second thread while this one tokenizes the
    /// file (`RecordReadingThread`): one thread doing both was what a backup's scan waited for.
    private var reading: RecordReadingThread<MarkupTokenNote>?
    private let readingBatchBytes: Int

    public init() { self.init(readingBatchBytes: recordReadingBatchBytes) }

    /// `readingBatchBytes`: token bytes handed to the reading thread at a time (tests pass a
    /// few bytes so that small inputs go through the thread).
    init(readingBatchBytes: Int) {
        self.readingBatchBytes = readingBatchBytes
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        _ = readingThread(into: sink)
        feedTokens(chunk, into: sink)
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        let reading = readingThread(into: sink)
        let open = finishTokens(into: sink)
        reading.settle()
        if let mms = records.openMMS {
            sink.skip("truncated: the file ends inside this MMS", at: SourcePosition(line: mms.line, record: records.recordIndex))
            records.openMMS = nil
        }
        if let message = records.openMessage {
            sink.skip("truncated: the file ends inside this message", at: SourcePosition(line: message.line, record: records.recordIndex))
            records.openMessage = nil
        }
        if !records.sawRoot { throw ParseError("no <smses>, <messages> or <calls> element: not an Android SMS or call log backup") }
        if let open {
            if open.kind == .unclosedTag { sink.warn("the file ends inside a tag: it is truncated") } else { open.report(to: sink) }
        }
    }

    public mutating func settle(into sink: EventSink) {
        reading?.settle()
    }

    private mutating func readingThread(into sink: EventSink) -> RecordReadingThread<MarkupTokenNote> {
        if let reading { return reading }
        let records = self.records
        let started = RecordReadingThread<MarkupTokenNote>(batchBytes: readingBatchBytes, replaying: { token in
            records.handle(token, sink)
        })
        reading = started
        return started
    }

    /// Text is read for Slight Backup's message bodies (SMS Backup & Restore has none between
    /// its elements but line breaks), cut at 64 KiB like attribute values.
    static func tokenizer() -> MarkupTokenizer {
        MarkupTokenizer(.xml, maxTagBytes: 1 << 20, maxValueBytes: 64 * 1024, maxTextBytes: 64 * 1024, collectText: true)
    }

    /// The feeding thread's side: every token goes to the reading thread.
    mutating func handle(_ token: MarkupTokenizer.Token, _ sink: EventSink) {
        reading?.add(token)
    }

    /// The records read from the tokens, on the reading thread (and, after `settle`, the
    /// feeding thread's again).
    private final class Records {
        var warnedDoctype = false
        var recordIndex = 0
        var openMMS: MMSRecord?
        var sawRoot = false
        /// A Slight Backup `<message>` whose body (its text) is being read.
        var openMessage: TextMessage?

        struct TextMessage {
            var line: Int
            var date: String?
            var type: String?
            var address: String?
            var body: [UInt8] = []
        }

        struct MMSRecord {
            var line: Int
            var date: String?
            var box: String?
            var address: String?
            var contact: String?
            var readableDate: String?
            var text: String?
        }

        func handle(_ token: MarkupTokenizer.Token, _ sink: EventSink) {
            switch token {
            case .text(let raw):
                if openMessage != nil, openMessage!.body.count + raw.count <= 64 * 1024 { openMessage!.body.append(contentsOf: raw) }
            case .doctype(let line, _):
                if !warnedDoctype { sink.warn("document type declaration skipped: its entities are not expanded", at: .line(line)) }
                warnedDoctype = true
            case .problem(let problem):
                problem.report(to: sink)
            case .end(let tag):
                if tag.name.elementsEqual("mms".utf8), let mms = openMMS {
                    openMMS = nil
                    emitMMS(mms, line: tag.line, sink)
                } else if tag.name.elementsEqual("message".utf8), let message = openMessage {
                    openMessage = nil
                    emitMessage(message, sink)
                }
            case .start(let tag):
                let name = tag.name, line = tag.line
                if name.elementsEqual("sms".utf8) {
                    emitSMS(tag, line: line, sink)
                } else if name.elementsEqual("call".utf8) {
                    emitCall(tag, line: line, sink)
                } else if name.elementsEqual("mms".utf8) {
                    var mms = MMSRecord(line: line)
                    tag.forEachAttribute { name, value in
                        switch SMSBackupParser.AttributeName(name) {
                        case .date: mms.date = SMSBackupParser.value(value)
                        case .messageBox: mms.box = SMSBackupParser.value(value)
                        case .address: mms.address = SMSBackupParser.value(value)
                        case .contactName: mms.contact = SMSBackupParser.value(value)
                        case .readableDate: mms.readableDate = SMSBackupParser.value(value)
                        default: break
                        }
                    }
                    if tag.selfClosing { emitMMS(mms, line: line, sink) } else { openMMS = mms }
                } else if name.elementsEqual("part".utf8), openMMS != nil {
                    var isText = false
                    var text: String?
                    tag.forEachAttribute { name, value in
                        if name.elementsEqual("ct".utf8) { isText = value.elementsEqual("text/plain".utf8) }
                        if name.elementsEqual("text".utf8) { text = SMSBackupParser.value(value) }
                    }
                    if isText, let text {
                        openMMS!.text = openMMS!.text.map { $0 + "\n" + text } ?? text
                    }
                } else if name.elementsEqual("message".utf8), sawRoot {
                    if let open = openMessage {
                        sink.skip("message not closed before the next one", at: SourcePosition(line: open.line, record: recordIndex))
                        recordIndex += 1
                    }
                    var message = TextMessage(line: line)
                    tag.forEachAttribute { name, value in
                        switch SMSBackupParser.AttributeName(name) {
                        case .date: message.date = SMSBackupParser.value(value)
                        case .type: message.type = SMSBackupParser.value(value)
                        case .address: message.address = SMSBackupParser.value(value)
                        default: break
                        }
                    }
                    if tag.selfClosing { emitMessage(message, sink) } else { openMessage = message }
                } else if name.elementsEqual("smses".utf8) || name.elementsEqual("calls".utf8) || name.elementsEqual("messages".utf8) {
                    sawRoot = true
                }
            }
        }

        private func nextPosition(line: Int) -> SourcePosition {
            defer { recordIndex += 1 }
            return SourcePosition(line: line, record: recordIndex)
        }

        private func emitSMS(_ tag: MarkupTag, line: Int, _ sink: EventSink) {
            let position = nextPosition(line: line)
            var date: String?, type: String?, address: String?, body: String?, contact: String?, readable: String?
            tag.forEachAttribute { name, value in
                switch SMSBackupParser.AttributeName(name) {
                case .date: date = SMSBackupParser.value(value)
                case .type: type = SMSBackupParser.value(value)
                case .address: address = SMSBackupParser.value(value)
                case .body: body = SMSBackupParser.value(value)
                case .contactName: contact = SMSBackupParser.value(value)
                case .readableDate: readable = SMSBackupParser.value(value)
                default: break
                }
            }
            guard let time = SMSBackupParser.time(epochMillis: date, readable: readable) else {
                sink.skip("no readable date (\(date.map { QuotedValue.numberOrDate($0) ?? "text, not quoted" } ?? "missing"))", at: position)
                return
            }
            sink.emit(Event(source: SMSBackupParser.source, kind: .message, time: time, text: body,
                            counterparty: SMSBackupParser.counterparty(contact: contact, address: address), product: "sms",
                            authoredByOthers: !SMSBackupParser.ownTypes.contains(type ?? ""), position: position))
        }

        /// A Slight Backup `<message>`: the same facts as an SMS Backup & Restore `<sms>`.
        private func emitMessage(_ message: TextMessage, _ sink: EventSink) {
            let position = nextPosition(line: message.line)
            guard let time = SMSBackupParser.time(epochMillis: message.date, readable: nil) else {
                sink.skip("no readable date (\(message.date.map { QuotedValue.numberOrDate($0) ?? "text, not quoted" } ?? "missing"))", at: position)
                return
            }
            let body = MarkupText.decodeXML(message.body)
            sink.emit(Event(source: SMSBackupParser.source, kind: .message, time: time, text: body.isEmpty ? nil : body,
                            counterparty: message.address, product: "sms",
                            authoredByOthers: !SMSBackupParser.ownTypes.contains(message.type ?? ""), position: position))
        }

        private func emitMMS(_ mms: MMSRecord, line: Int, _ sink: EventSink) {
            let position = nextPosition(line: mms.line)
            // MMS `date` is also epoch milliseconds (the app converts Android's seconds).
            guard let time = SMSBackupParser.time(epochMillis: mms.date, readable: mms.readableDate) else {
                sink.skip("no readable date (\(mms.date.map { QuotedValue.numberOrDate($0) ?? "text, not quoted" } ?? "missing"))", at: position)
                return
            }
            sink.emit(Event(source: SMSBackupParser.source, kind: .message, time: time, text: mms.text,
                            counterparty: SMSBackupParser.counterparty(contact: mms.contact, address: mms.address), product: "mms",
                            authoredByOthers: mms.box != "2", position: position))
        }

        private func emitCall(_ tag: MarkupTag, line: Int, _ sink: EventSink) {
            let position = nextPosition(line: line)
            var date: String?, type: String?, number: String?, contact: String?, readable: String?
            tag.forEachAttribute { name, value in
                switch SMSBackupParser.AttributeName(name) {
                case .date: date = SMSBackupParser.value(value)
                case .type: type = SMSBackupParser.value(value)
                case .number: number = SMSBackupParser.value(value)
                case .contactName: contact = SMSBackupParser.value(value)
                // Slight Backup writes the call log's own column: the cached contact name.
                case .name: if contact == nil { contact = SMSBackupParser.value(value) }
                case .readableDate: readable = SMSBackupParser.value(value)
                default: break
                }
            }
            guard let time = SMSBackupParser.time(epochMillis: date, readable: readable) else {
                sink.skip("no readable date (\(date.map { QuotedValue.numberOrDate($0) ?? "text, not quoted" } ?? "missing"))", at: position)
                return
            }
            sink.emit(Event(source: SMSBackupParser.source, kind: .activity, time: time,
                            counterparty: SMSBackupParser.counterparty(contact: contact, address: number),
                            code: type.flatMap { SMSBackupParser.callTypes[$0] } ?? "call", product: "call", position: position))
        }
    }

    /// Message types 2 sent, 3 draft, 4 outbox, 5 failed, 6 queued: all written by the phone's
    /// owner (built once, not per message).
    static let ownTypes: Set<String> = ["2", "3", "4", "5", "6"]
    /// Call-log types as the app writes them.
    static let callTypes = ["1": "incoming", "2": "outgoing", "3": "missed", "4": "voicemail", "5": "rejected", "6": "blocked"]

    /// The attributes the parser reads, recognised on their bytes: a `String` per attribute
    /// (about fifteen on every `<sms>`) and a switch over strings were the largest items of the
    /// parsing thread (docs/performance.md).
    enum AttributeName {
        case date, type, address, body, contactName, readableDate, number, name, messageBox

        init?(_ raw: UnsafeBufferPointer<UInt8>) {
            @inline(__always) func equals(_ word: StaticString) -> Bool {
                guard raw.count == word.utf8CodeUnitCount else { return false }
                let w = word.utf8Start
                for k in 0..<raw.count where raw[k] != w[k] { return false }
                return true
            }
            switch raw.count {
            case 4:
                if equals("date") { self = .date } else if equals("type") { self = .type }
                else if equals("body") { self = .body } else if equals("name") { self = .name } else { return nil }
            case 6: if equals("number") { self = .number } else { return nil }
            case 7:
                if equals("address") { self = .address } else if equals("msg_box") { self = .messageBox } else { return nil }
            case 12: if equals("contact_name") { self = .contactName } else { return nil }
            case 13: if equals("readable_date") { self = .readableDate } else { return nil }
            default: return nil
            }
        }
    }

    /// The attribute's decoded value; the app writes the literal "null" for a missing one.
    private static func value(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        if raw.isEmpty || (raw.count == 4 && raw.elementsEqual("null".utf8)) { return nil }
        return MarkupText.decodeXML(raw)
    }

    /// The contact's name when the phone knew it, else the number. "(Unknown)" is what the
    /// app writes for numbers not in the address book.
    static func counterparty(contact: String?, address: String?) -> String? {
        if let contact, contact != "(Unknown)" { return contact }
        return address
    }

    static func time(epochMillis: String?, readable: String?) -> Timestamp? {
        // 0 is how the app writes an unknown date; anything before 1970 is no phone's clock.
        guard let epochMillis,
              let instant = try? UntrustedTime.timestamp(text: epochMillis, unit: .milliseconds, since: .unix1970, field: "date"),
              instant.epochSeconds > 0 else { return nil }
        let seconds = instant.epochSeconds
        let offset = readable.flatMap { SMSReadableDate.utcOffset(readable: $0, epochSeconds: seconds) }
        // Without readable_date the instant is right but only known in UTC.
        return Timestamp(epochSeconds: seconds, utcOffsetSeconds: offset ?? 0)
    }
}
