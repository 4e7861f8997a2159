import StewardCore
import Formats

/// Signal Desktop chats as written by signal-export (`sigexport`, carderne/signal-export), the
/// community tool that decrypts Signal Desktop's SQLCipher database with the key the desktop
/// app keeps and writes one folder per chat: `chat.md`, `index.html` and `data.json`
/// (docs/formats/messaging.md). steward reads `data.json`: one JSON object per line,
/// `{"date": "2019-05-29T15:04:12", "sender": "Me", "body": "How is everyone?  ", "quote": "",
/// "sticker": "", "reactions": [], "attachments": [{"name", "path"}], "deleted": false, …}`.
/// Recognized by those keys on the first line; the chat is named by the folder.
public struct SignalExportImporter: Importer {
    public init() {}

    public var id: String { SignalExportParser.source }
    public var title: String { "Signal Desktop chats exported with signal-export (data.json)" }
    public var howToRequest: String {
        """
        Signal has no export of its own and keeps Signal Desktop's database encrypted. On the \
        computer where Signal Desktop is linked, install signal-export (pip install \
        signal-export) and run `sigexport ~/signal-chats` (it reads the key Signal Desktop \
        stores; on recent versions follow its README for the keychain step). Scan the output \
        folder: steward reads each chat's data.json.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "{") else { return nil }
        let firstLine = head.prefix(while: { $0 != 0x0A && $0 != 0x0D })
        func has(_ key: String) -> Bool { GoogleMyActivityImporter.containsKey(key, in: firstLine) }
        guard ["date", "sender", "body", "quote", "reactions", "attachments"].allSatisfy(has) else { return nil }
        return Detection(confidence: probe.fileName.lowercased() == "data.json" ? 0.95 : 0.85,
                         reason: "JSON lines with date, sender, body, quote, reactions and attachments (signal-export data.json)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        SignalExportParser(chat: SignalExportParser.chat(of: probe.path))
    }
}

/// One `data.json`, line by line (memory: one line).
/// - `sender` "Me" → the person's message; any other name (the contact, or the member of a
///   group) → another's. sigexport names the person "Me" in every chat.
/// - `date`: the exporting computer's local time without an offset (sigexport converts
///   Signal's epoch milliseconds with the local zone), so it is kept as wall-clock time.
/// - `body` ends in two spaces sigexport adds for Markdown line breaks: trimmed. Calls are
///   written as body text ("Missed voice call", "Outgoing video call (accepted, 1m 5s)"):
///   they become messages without text with `code` = `call`. `quote` (the message replied
///   to, usually another's words) and reactions are not read; deleted messages are skipped.
struct SignalExportParser: ExportParser {
    static let source = "signal.sigexport"
    // The skip message below names this limit.
    static let maxLineBytes = 1 << 20

    let chat: String?
    private var lines = LineSplitter(maxLineLength: SignalExportParser.maxLineBytes)
    private var record = 0

    init(chat: String?) { self.chat = chat }

    /// The chat's folder: `…/<chat>/data.json`.
    static func chat(of path: String) -> String? {
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "!" })
        return parts.count >= 2 ? String(parts[parts.count - 2]) : nil
    }

    static let keys: JSONKeySet = ["date", "sender", "body", "attachments", "deleted", "sticker"]

    mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        var record = self.record
        let chat = self.chat
        try lines.feed(chunk) { line, number, cut throws(ParseError) in
            Self.line(line, number: number, cut: cut, chat: chat, record: &record, into: sink)
        }
        self.record = record
    }

    mutating func finish(into sink: EventSink) throws(ParseError) {
        var record = self.record
        let chat = self.chat
        try lines.finish { line, number, cut throws(ParseError) in
            Self.line(line, number: number, cut: cut, chat: chat, record: &record, into: sink)
        }
        self.record = record
    }

    private static func line(_ line: ArraySlice<UInt8>, number: Int, cut: Bool, chat: String?, record: inout Int,
                             into sink: EventSink) {
        guard line.contains(where: { !JSONPathWalker.isSpace($0) }) else { return }
        let position = SourcePosition(line: number, record: record)
        record += 1
        guard let value = JSONRecordDelivery.objectLine(line, cut: cut, keys: keys, position: position,
                                                        tooLong: "line longer than 1 MiB: not read", into: sink) else { return }
        if case .bool(true)? = value["deleted"] { return }
        guard let date = value["date"]?.stringValue else {
            sink.skip("no date", at: position)
            return
        }
        guard let time = Timestamp.parseISO8601(date.utf8), !time.dateOnly else {
            sink.skip("unreadable date \(QuotedValue.describe(date))", at: position)
            return
        }
        let sender = value["sender"]?.stringValue
        let byPerson = sender == "Me"
        let body = Self.trimmingTrailingSpaces(value["body"]?.stringValue ?? "")
        var event = Event(source: source, kind: .message, time: time, text: body.isEmpty ? nil : String(body),
                          title: chat, counterparty: byPerson ? chat : (sender == "No-Sender" ? chat : sender),
                          product: "Signal", authoredByOthers: !byPerson, position: position)
        if isCallNotice(body) {
            event.text = nil
            event.code = "call"
        } else if let attachments = value["attachments"]?.arrayValue, !attachments.isEmpty {
            event.code = "attachment"
        } else if let sticker = value["sticker"]?.stringValue, !sticker.isEmpty, body.isEmpty {
            event.code = "sticker"
        }
        sink.emit(event)
    }

    /// `text` without the spaces and line feeds it ends with, found by bytes: walking back by
    /// characters (`last`, `dropLast`) was a tenth of reading a Signal export. A final CR LF is
    /// one character, not a line feed, and stays, as it did.
    static func trimmingTrailingSpaces(_ text: String) -> Substring {
        let bytes = text.utf8
        var end = bytes.endIndex
        while end > bytes.startIndex {
            let before = bytes.index(before: end)
            let byte = bytes[before]
            if byte == 0x20 { end = before; continue }
            if byte == 0x0A, before == bytes.startIndex || bytes[bytes.index(before: before)] != 0x0D { end = before; continue }
            break
        }
        return text[..<end]
    }

    /// sigexport's call lines: "Incoming call", "Outgoing voice call (accepted, 1m 5s)",
    /// "Missed video call", "Outgoing voice call (unanswered)", "Incoming voice call (declined)".
    static func isCallNotice(_ body: Substring) -> Bool {
        // Most messages are not: one byte says so before any splitting.
        guard let first = body.utf8.first, first == UInt8(ascii: "I") || first == UInt8(ascii: "O") || first == UInt8(ascii: "M") else {
            return false
        }
        let words = body.split(separator: " ", maxSplits: 3)
        guard words.count >= 2, ["Incoming", "Outgoing", "Missed"].contains(words[0]) else { return false }
        if words[1] == "call" { return words.count == 2 || words[2].hasPrefix("(") }
        guard words.count >= 3, ["voice", "video"].contains(words[1]), words[2] == "call" else { return false }
        return words.count == 3 || words[3].hasPrefix("(")
    }
}
