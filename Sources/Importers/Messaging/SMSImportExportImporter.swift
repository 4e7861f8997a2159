import StewardCore
import Formats

/// SMS Import / Export (tmo1/sms-ie, an open-source Android app; docs/formats/messaging.md):
/// its message export is a zip holding `messages.ndjson`, one JSON object per line, each
/// SMS or MMS row of Android's message tables with every column as a string; its call-log
/// export is a JSON array of the call log's rows, also as strings. Recognized by those
/// columns, not by the file names (the person chooses them).
public struct SMSImportExportImporter: Importer {
    public init() {}

    public var id: String { SMSImportExportParser.source }
    public var title: String { "SMS Import / Export (Android): messages.ndjson and call-log JSON" }
    public var howToRequest: String {
        """
        Android: install SMS Import / Export (F-Droid or GitHub: tmo1/sms-ie) → Export messages \
        (a zip holding messages.ndjson and the MMS attachments) and/or Export call log (a .json \
        file); copy them to the computer and scan the zip and the .json as they are.
        """
    }

    func kind(of probe: FileProbe) -> SMSImportExportParser.Kind? {
        let head = probe.trimmedHead
        if head.first == UInt8(ascii: "{") {
            // The first line is one whole row.
            let firstLine = head.prefix(while: { $0 != 0x0A && $0 != 0x0D })
            func has(_ key: String) -> Bool { GoogleMyActivityImporter.containsKey(key, in: firstLine) }
            guard has("thread_id") && has("date") else { return nil }
            let sms = has("address") && has("type") && (has("body") || has("protocol") || has("service_center"))
            let mms = has("msg_box") && (has("__parts") || has("m_type") || has("__sender_address"))
            return sms || mms ? .messages : nil
        }
        if head.first == UInt8(ascii: "[") {
            let first = head.prefix(8 * 1024)
            func has(_ key: String) -> Bool { GoogleMyActivityImporter.containsKey(key, in: first) }
            // Columns only Android's call log has, beside the number, date, duration and type.
            guard has("number") && has("date") && has("duration") && has("type") else { return nil }
            let androidColumns = ["countryiso", "presentation", "subscription_id", "geocoded_location", "numbertype", "new"]
            return androidColumns.filter(has).count >= 2 ? .calls : nil
        }
        return nil
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        switch kind(of: probe) {
        case .messages?:
            return Detection(confidence: probe.fileName.lowercased() == "messages.ndjson" ? 0.95 : 0.85,
                             reason: "JSON lines of Android SMS/MMS rows with thread_id (SMS Import / Export messages.ndjson)")
        case .calls?:
            return Detection(confidence: 0.85, reason: "JSON array of Android call-log rows (SMS Import / Export call log)")
        case nil:
            return nil
        }
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        SMSImportExportParser(kind: kind(of: probe) ?? .messages)
    }
}

/// Reads the two exports, streamed: `messages.ndjson` line by line, the call log one array
/// element at a time (memory: one row).
///
/// - SMS rows: `address`, `body`, `date` (epoch ms), `type` (1 received, 2 sent, 3 draft,
///   4 outbox, 5 failed, 6 queued), `__display_name` (the contact's name when the app found
///   one) → `message` events, `product` = `sms`.
/// - MMS rows: `date` (epoch **seconds**, as Android's MMS table keeps it), `msg_box` (1
///   received, 2 sent), `__sender_address` and `__recipient_addresses` (`address`,
///   `__display_name`), `__parts` (`ct`, `text`) → `message` events with the `text/plain`
///   parts' text, `product` = `mms`. The attachments beside them in the zip are never read.
/// - Call rows: `number`, `date` (ms), `duration` (s), `type` (1 incoming, 2 outgoing,
///   3 missed, 4 voicemail, 5 rejected, 6 blocked), `name`, `display_name` → `activity`
///   events, `product` = `call`, `code` = the call type, as SMS Backup & Restore's calls.
struct SMSImportExportParser: ExportParser {
    static let source = "android.sms_ie"
    // The skip message below names this limit.
    static let maxLineBytes = 8 << 20

    enum Kind { case messages, calls }

    let kind: Kind
    private var lines = LineSplitter(maxLineLength: SMSImportExportParser.maxLineBytes)
    private var array = JSONArraySplitter(maxElementBytes: 1 << 20)
    private var record = 0

    init(kind: Kind) { self.kind = kind }

    static let messageKeys: JSONKeySet = ["address", "body", "date", "type", "__display_name", "msg_box",
                                           "__sender_address", "__recipient_addresses", "__parts"]
    static let callKeys: JSONKeySet = ["number", "date", "duration", "type", "name", "display_name"]

    mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        switch kind {
        case .messages:
            var record = self.record
            try lines.feed(chunk) { line, number, cut throws(ParseError) in
                Self.line(line, number: number, cut: cut, record: &record, into: sink)
            }
            self.record = record
        case .calls:
            try array.feed(chunk) { output throws(ParseError) in Self.call(output, into: sink) }
        }
    }

    mutating func finish(into sink: EventSink) throws(ParseError) {
        switch kind {
        case .messages:
            var record = self.record
            try lines.finish { line, number, cut throws(ParseError) in
                Self.line(line, number: number, cut: cut, record: &record, into: sink)
            }
            self.record = record
        case .calls:
            try array.finish { output throws(ParseError) in Self.call(output, into: sink) }
        }
    }

    private static func line(_ line: ArraySlice<UInt8>, number: Int, cut: Bool, record: inout Int, into sink: EventSink) {
        guard line.contains(where: { !JSONPathWalker.isSpace($0) }) else { return }
        let position = SourcePosition(line: number, record: record)
        record += 1
        guard let value = JSONRecordDelivery.objectLine(line, cut: cut, keys: messageKeys, position: position,
                                                        tooLong: "line longer than 8 MiB: not read", into: sink) else { return }
        if value["msg_box"] != nil || value["__parts"] != nil {
            mms(value, position, into: sink)
        } else {
            sms(value, position, into: sink)
        }
    }

    /// Every column is written as a string; a number is accepted too.
    static func string(_ value: JSONValue?) -> String? {
        guard let value else { return nil }
        return (value.stringValue ?? value.numberText).flatMap { $0.isEmpty || $0 == "null" ? nil : $0 }
    }

    static func time(_ text: String?, unit: UntrustedTime.Unit, field: String, _ position: SourcePosition,
                     into sink: EventSink) -> Timestamp? {
        guard let text else {
            sink.skip("no date", at: position)
            return nil
        }
        do {
            return try UntrustedTime.timestamp(text: text, unit: unit, since: .unix1970, field: field)
        } catch {
            sink.skip(error.description, at: position)
            return nil
        }
    }

    private static func sms(_ value: JSONValue, _ position: SourcePosition, into sink: EventSink) {
        guard let time = time(string(value["date"]), unit: .milliseconds, field: "date", position, into: sink) else { return }
        // 2 sent, 3 draft, 4 outbox, 5 failed, 6 queued: all written by the phone's owner.
        let own: Set<String> = ["2", "3", "4", "5", "6"]
        sink.emit(Event(source: source, kind: .message, time: time, text: string(value["body"]),
                        counterparty: string(value["__display_name"]) ?? string(value["address"]), product: "sms",
                        authoredByOthers: !own.contains(string(value["type"]) ?? ""), position: position))
    }

    private static func mms(_ value: JSONValue, _ position: SourcePosition, into sink: EventSink) {
        // Android keeps MMS dates in seconds; a value in milliseconds (a restored or converted
        // row) is recognized by its magnitude.
        let raw = string(value["date"])
        let unit: UntrustedTime.Unit = (raw.flatMap { Int64($0) } ?? 0) > 100_000_000_000 ? .milliseconds : .seconds
        guard let time = time(raw, unit: unit, field: "date", position, into: sink) else { return }
        let sent = string(value["msg_box"]) == "2"
        func name(_ address: JSONValue?) -> String? { string(address?["__display_name"]) ?? string(address?["address"]) }
        let counterparty = sent ? value["__recipient_addresses"]?.arrayValue?.lazy.compactMap(name).first
                                : name(value["__sender_address"])
        let text = (value["__parts"]?.arrayValue ?? [])
            .filter { string($0["ct"]) == "text/plain" }
            .compactMap { string($0["text"]) }
            .joined(separator: "\n")
        sink.emit(Event(source: source, kind: .message, time: time, text: text.isEmpty ? nil : text,
                        counterparty: counterparty, product: "mms", authoredByOthers: !sent, position: position))
    }

    private static func call(_ output: JSONArraySplitter.Output, into sink: EventSink) {
        switch output {
        case .warning(let text):
            sink.warn(text)
        case .skipped(let index, let reason):
            sink.skip(reason, at: .record(index, pointer: "/\(index)"))
        case .element(let index, let bytes):
            let position = SourcePosition.record(index, pointer: "/\(index)")
            let value: JSONValue
            do {
                value = try JSONValueParser.parse(bytes, onlyKeys: callKeys)
            } catch {
                sink.skip(error.description, at: position)
                return
            }
            guard case .object = value else {
                sink.skip("not an object", at: position)
                return
            }
            guard let time = time(string(value["date"]), unit: .milliseconds, field: "date", position, into: sink) else { return }
            let types = ["1": "incoming", "2": "outgoing", "3": "missed", "4": "voicemail", "5": "rejected", "6": "blocked"]
            var event = Event(source: source, kind: .activity, time: time,
                              counterparty: string(value["display_name"]) ?? string(value["name"]) ?? string(value["number"]),
                              code: string(value["type"]).flatMap { types[$0] } ?? "call", product: "call", position: position)
            if let seconds = string(value["duration"]).flatMap({ Double($0) }), seconds >= 0, seconds < 86_400 * 7 {
                event.quantity = seconds
                event.unit = "s"
            }
            sink.emit(event)
        }
    }
}
