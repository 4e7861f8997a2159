import Foundation
import StewardCore
import Formats

/// Mailboxes in mbox form: Gmail's Takeout (`Takeout/Mail/All mail Including Spam and
/// Trash.mbox`, often many GB), Thunderbird's local folders, `mail`'s spool files. Messages
/// follow each other, each opened by a `From ` separator line after a blank line (or at the
/// start of the file); streamed line by line, one message's few headers and at most
/// `maxTextBytes` of its first text/plain part in memory (docs/formats/mail.md).
///
/// Read per message: `From` (name and address: the counterparty and the sender's domain),
/// `Subject`, `Date` (RFC 5322), Gmail's `X-Gmail-Labels`, and the MIME structure: the first
/// `text/plain` part that is not an attachment, undone from quoted-printable or base64 and
/// decoded from its charset, becomes the event's text (cut to `maxEventText` characters);
/// other parts are only walked past, attachments are never decoded — their file names are
/// listed. RFC 2047 encoded words in headers and names are decoded.
///
/// One `.message` event per message: `title` = subject, `counterparty` = "Name (domain)",
/// `product` = the sender's domain, `code` = the Gmail labels, `authoredByOthers` unless
/// labelled `Sent`. Messages labelled `Spam` are not read (nobody chose to receive them; one
/// warning counts them).
public struct MboxParser: ExportParser {
    public static let source = "mail.mbox"
    /// Raw bytes of a text part kept per message; beyond it the text is cut (and said so).
    static let maxTextBytes = 256 * 1024
    /// Header bytes kept per message or part (Received chains can be long; only a few are read).
    static let maxHeaderBytes = 64 * 1024
    static let maxEventText = 2000
    /// The longest header name a block keeps (`content-transfer-encoding`): longer names are
    /// passed over without building a string.
    static let longestWantedHeader = 25

    private var lines = LineSplitter(maxLineLength: 64 * 1024)
    private var state = State()
    /// Each message, its headers and text collected here, is decoded and becomes an event on a
    /// second thread (`RecordReadingThread`): collecting and decoding on one thread was what a
    /// mailbox's scan waited for.
    private var reading: RecordReadingThread<Message>?
    private let readingBatchBytes: Int

    public init() { self.init(readingBatchBytes: recordReadingBatchBytes) }

    /// `readingBatchBytes`: message bytes handed to the reading thread at a time (tests pass a
    /// few bytes so that small inputs go through the thread).
    init(readingBatchBytes: Int) {
        self.readingBatchBytes = readingBatchBytes
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        let reading = readingThread(into: sink)
        var state = self.state
        defer { self.state = state }
        try lines.feed(chunk) { line, number, _ throws(ParseError) in state.line(line, number, reading) }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        let reading = readingThread(into: sink)
        var state = self.state
        defer { self.state = state }
        try lines.finish { line, number, _ throws(ParseError) in state.line(line, number, reading) }
        state.finishMessage(reading)
        reading.settle()
        guard state.messageCount > 0 else { throw ParseError("no From separator line: not an mbox file") }
        if state.spam > 0 { sink.warn("\(state.spam) messages labelled Spam not read") }
    }

    public mutating func settle(into sink: EventSink) {
        reading?.settle()
    }

    private mutating func readingThread(into sink: EventSink) -> RecordReadingThread<Message> {
        if let reading { return reading }
        let started = RecordReadingThread<Message>(batchBytes: readingBatchBytes) { message, _ in message.emit(sink) }
        reading = started
        return started
    }

    struct State {
        var previousBlank = true
        var message: Message?
        var messageCount = 0
        var spam = 0

        private static let separator = Array("From ".utf8)

        mutating func line(_ line: ArraySlice<UInt8>, _ number: Int, _ reading: RecordReadingThread<Message>) {
            if previousBlank && line.starts(with: Self.separator) {
                finishMessage(reading)
                message = Message(position: SourcePosition(line: number, record: messageCount))
                messageCount += 1
                previousBlank = false
                return
            }
            previousBlank = line.isEmpty
            message?.take(line)
        }

        /// Hands the message collected so far to the reading thread, unless it is spam.
        mutating func finishMessage(_ reading: RecordReadingThread<Message>) {
            guard let message else { return }
            self.message = nil
            if message.isSpam { spam += 1; return }
            reading.add(note: message, weight: message.text.count + 1024)
        }
    }

    /// Header fields of one header block, unfolded; only `wanted` names are kept.
    struct HeaderBlock {
        let wanted: Set<String>
        var fields: [String: String] = [:]
        private var name: String?
        private var value: [UInt8] = []
        private var bytes = 0

        init(wanted: Set<String>) { self.wanted = wanted }

        mutating func take(_ line: ArraySlice<UInt8>) {
            bytes += line.count
            guard bytes <= MboxParser.maxHeaderBytes else { return }
            if let first = line.first, first == 0x20 || first == 0x09 {
                if name != nil { value.append(0x20); value.append(contentsOf: line.drop { $0 == 0x20 || $0 == 0x09 }) }
                return
            }
            commit()
            guard let colon = line.firstIndex(of: 0x3A) else { return }
            // The name, trimmed of spaces and tabs and lower-cased byte by byte: header names
            // are ASCII (RFC 5322), and Foundation's trimming per header line was a quarter of
            // a mailbox's profile (docs/performance.md, "Mail bodies").
            var nameBytes = line[line.startIndex..<colon]
            while let first = nameBytes.first, first == 0x20 || first == 0x09 { nameBytes.removeFirst() }
            while let last = nameBytes.last, last == 0x20 || last == 0x09 { nameBytes.removeLast() }
            guard nameBytes.count <= MboxParser.longestWantedHeader else { return }
            let n = String(decoding: nameBytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
            guard wanted.contains(n), fields[n] == nil else { return }
            name = n
            value = Array(line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 })
        }

        mutating func commit() {
            if let name {
                // Headers are ASCII by the standard; raw UTF-8 (RFC 6532) is read as such.
                fields[name] = TextDecoding.decode(value, as: TextDecoding.isValidUTF8(value) ? .utf8 : .windows1252)
            }
            name = nil
            value.removeAll(keepingCapacity: true)
        }
    }

    struct Message {
        enum Part {
            case headers(HeaderBlock)
            case text(encoding: String?, charset: String?)
            case skip
        }

        static let messageHeaders: Set<String> = ["from", "subject", "date", "x-gmail-labels", "content-type",
                                                 "content-transfer-encoding", "content-disposition"]
        static let partHeaders: Set<String> = ["content-type", "content-transfer-encoding", "content-disposition"]

        let position: SourcePosition
        var headers = HeaderBlock(wanted: messageHeaders)
        var inHeaders = true
        var boundaries: [[UInt8]] = []
        var part: Part = .skip
        var text: [UInt8] = []
        var textEncoding: String?
        var textCharset: String?
        var sawText = false
        var textCut = false
        var attachments: [String] = []

        init(position: SourcePosition) { self.position = position }

        var labels: [String] {
            (headers.fields["x-gmail-labels"] ?? "").split(separator: ",").map { $0.trimmingSpaces() }
                .filter { !$0.isEmpty }
        }
        var isSpam: Bool { labels.contains { $0.caseInsensitiveCompare("Spam") == .orderedSame } }

        mutating func take(_ line: ArraySlice<UInt8>) {
            if inHeaders {
                if !line.isEmpty { headers.take(line); return }
                headers.commit()
                inHeaders = false
                part = open(headers.fields)
                return
            }
            if !boundaries.isEmpty, line.count >= 2, line.first == 0x2D, line[line.startIndex + 1] == 0x2D {
                let rest = Array(line.dropFirst(2))
                let trimmed = Array(rest.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed())
                for k in boundaries.indices.reversed() {
                    let b = boundaries[k]
                    if trimmed == b {
                        endPart()
                        boundaries.removeSubrange((k + 1)...)
                        part = .headers(HeaderBlock(wanted: Self.partHeaders))
                        return
                    }
                    if trimmed.count == b.count + 2, trimmed.starts(with: b), trimmed.suffix(2) == [0x2D, 0x2D] {
                        endPart()
                        boundaries.removeSubrange(k...)
                        part = .skip
                        return
                    }
                }
            }
            switch part {
            case .headers(var block):
                if !line.isEmpty { block.take(line); part = .headers(block); return }
                block.commit()
                part = open(block.fields)
            case .text:
                guard text.count + line.count + 1 <= MboxParser.maxTextBytes else { textCut = true; return }
                text.append(contentsOf: line)
                text.append(0x0A)
            case .skip:
                return
            }
        }

        private mutating func endPart() {
            if case .text = part { sawText = true }
        }

        /// What to do with the body that follows these headers.
        private mutating func open(_ fields: [String: String]) -> Part {
            let contentType = fields["content-type"] ?? "text/plain"
            let type = contentType.split(separator: ";").first.map { $0.trimmingSpaces().lowercased() } ?? "text/plain"
            if type.hasPrefix("multipart/"), let boundary = MailHeaderText.parameter("boundary", in: contentType), !boundary.isEmpty {
                boundaries.append(Array(boundary.utf8))
                return .skip // the preamble
            }
            let disposition = fields["content-disposition"] ?? ""
            let fileName = MailHeaderText.parameter("filename", in: disposition) ?? MailHeaderText.parameter("name", in: contentType)
            if let fileName {
                if attachments.count < 50 { attachments.append(MailHeaderText.decodeWords(fileName)) }
                return .skip
            }
            guard type == "text/plain", !sawText, !disposition.lowercased().hasPrefix("attachment") else { return .skip }
            textEncoding = fields["content-transfer-encoding"]?.trimmingSpaces().lowercased()
            textCharset = MailHeaderText.parameter("charset", in: contentType)
            return .text(encoding: textEncoding, charset: textCharset)
        }

        func bodyText() -> String? {
            guard !text.isEmpty else { return nil }
            var bytes = text
            switch textEncoding {
            case "base64"?:
                let data = Data(base64Encoded: String(decoding: bytes, as: UTF8.self), options: .ignoreUnknownCharacters)
                bytes = data.map(Array.init) ?? []
            case "quoted-printable"?:
                bytes = MailHeaderText.quotedPrintable(bytes)
            default:
                break
            }
            let decoded = MailHeaderText.decode(bytes, charset: textCharset)
            return decoded.wordsOneSpaceApart(limit: MboxParser.maxEventText)
        }

        func emit(_ sink: EventSink) {
            if textCut { sink.warn("message longer than \(MboxParser.maxTextBytes) bytes: cut") }
            guard let dateText = headers.fields["date"] else { sink.skip("message without a Date header", at: position); return }
            guard let time = MailHeaderText.date(dateText) else {
                sink.skip("unreadable date \(QuotedValue.describe(dateText))", at: position); return
            }
            let (name, address) = headers.fields["from"].map(MailHeaderText.address) ?? (nil, nil)
            let domain = MailHeaderText.domain(address)
            let counterparty: String? = name.map { n in domain.map { "\(n) (\($0))" } ?? n } ?? domain ?? address
            var body = bodyText()
            if !attachments.isEmpty {
                let list = "Attachments: " + attachments.joined(separator: ", ")
                body = body.map { $0 + " · " + list } ?? list
            }
            let subject = headers.fields["subject"].map(MailHeaderText.decodeWords)
            let labels = self.labels
            sink.emit(Event(source: MboxParser.source, kind: .message, time: time, text: body,
                            title: subject?.isEmpty == false ? subject : nil, counterparty: counterparty,
                            code: labels.isEmpty ? nil : labels.joined(separator: ","), product: domain,
                            authoredByOthers: !labels.contains("Sent"), position: position))
        }
    }
}
