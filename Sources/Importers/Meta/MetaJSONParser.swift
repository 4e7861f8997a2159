import StewardCore
import Formats

/// Streams one Facebook or Instagram "Download Your Information" JSON file (its layout found
/// by `MetaFileLayout.detect`): the records' array is split element by element
/// (`JSONArraySplitter`), each element parsed on its own and mapped by `MetaRecordMapper`.
///
/// Message threads (`{"participants": [{"name"}], "messages": [{"sender_name", "timestamp_ms",
/// "content"}]}`, and the 2024 end-to-end-encrypted export's `senderName`/`timestamp`/`text`)
/// are read with a second splitter over `participants`, and messages are attributed by
/// `ConversationOwnerGuess`: everyone but the owner is a third party (`authoredByOthers`).
public struct MetaJSONParser: ExportParser {
    public let layout: MetaFileLayout
    private var splitter: JSONArraySplitter
    private var participantSplitter: JSONArraySplitter?
    private var owner = ConversationOwnerGuess()

    public init(layout: MetaFileLayout) {
        self.layout = layout
        self.splitter = JSONArraySplitter(arrayPath: layout.arrayPath)
        if layout.kind == .thread { participantSplitter = JSONArraySplitter(arrayPath: ["participants"]) }
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        if participantSplitter != nil, !participantSplitter!.arrayClosed {
            var names: [String] = []
            try participantSplitter!.feed(chunk) { output throws(ParseError) in Self.collectParticipant(output, into: &names) }
            owner.participants += names
        }
        let layout = self.layout
        // Moved out, not copied: a copy would share the held-back messages with `self.owner`,
        // and the first one added would copy them all, once per chunk.
        var owner = ConversationOwnerGuess()
        swap(&owner, &self.owner)
        let pointerBase = splitter.pointer(forElement: 0).dropLast(2)
        try splitter.feed(chunk) { output throws(ParseError) in
            Self.handle(output, layout: layout, pointerBase: pointerBase, owner: &owner, into: sink)
        }
        self.owner = owner
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        let layout = self.layout
        var owner = ConversationOwnerGuess()
        swap(&owner, &self.owner)
        let pointerBase = splitter.pointer(forElement: 0).dropLast(2)
        try splitter.finish { output throws(ParseError) in
            Self.handle(output, layout: layout, pointerBase: pointerBase, owner: &owner, into: sink)
        }
        owner.flush(into: sink)
        self.owner = owner
        if splitter.elementCount == 0 && !splitter.arrayClosed {
            throw ParseError("no \(layout.arrayPath.isEmpty ? "top-level array" : "\"\(layout.arrayPath.joined(separator: "/"))\" array") found")
        }
    }

    /// The members of a message that are read; reactions, share previews and the rest are
    /// skipped by a byte scan without building them.
    static let messageKeys: JSONKeySet = ["sender_name", "senderName", "timestamp_ms", "timestamp", "content", "text",
                                           "photos", "videos", "audio_files", "gifs", "files", "sticker", "share", "media"]

    private static func collectParticipant(_ output: JSONArraySplitter.Output, into names: inout [String]) {
        guard case .element(_, let bytes) = output,
              let value = try? JSONValueParser.parse(bytes),
              let name = MetaRecordMapper.text(value["name"]) else { return }
        names.append(name)
    }

    private static func handle(_ output: JSONArraySplitter.Output, layout: MetaFileLayout, pointerBase: Substring,
                               owner: inout ConversationOwnerGuess, into sink: EventSink) {
        JSONRecordDelivery.forEachValue(output, pointerPrefix: String(pointerBase),
                                        keys: layout.kind == .thread ? messageKeys : nil, into: sink) { value, _, position in
            if layout.kind == .thread {
                message(value, layout: layout, position: position, owner: &owner, into: sink)
                return
            }
            if layout.labelValues {
                labelValueRecords(value, layout: layout, position: position, into: sink)
                return
            }
            switch MetaRecordMapper.event(from: value, layout: layout, position: position) {
            case .success(let event): sink.emit(event)
            case .failure(let reason): sink.skip(reason.text, at: position)
            }
        }
    }

    /// One `label_values` entry: each value of its `vec` (a string `value`, or the first value
    /// of a `dict` of label/value pairs) is one record, positioned at `…/vec/<j>`; an entry with
    /// a plain `value` is one record itself.
    private static func labelValueRecords(_ value: JSONValue, layout: MetaFileLayout, position: SourcePosition, into sink: EventSink) {
        let base = position.pointer ?? ""
        var items: [(JSONValue, SourcePosition)] = []
        if let vec = value["vec"]?.arrayValue {
            for (j, item) in vec.enumerated() {
                let itemPosition = SourcePosition.record(position.record ?? 0, pointer: "\(base)/vec/\(j)")
                if let text = item["value"], case .string = text {
                    items.append((text, itemPosition))
                } else if let pairs = item["dict"]?.arrayValue,
                          let first = pairs.lazy.compactMap({ pair -> JSONValue? in
                              guard let v = pair["value"], case .string(let s) = v, !s.isEmpty else { return nil }
                              return v
                          }).first {
                    items.append((first, itemPosition))
                } else {
                    sink.skip("\(layout.list) entry without a value", at: itemPosition)
                }
            }
        } else if let text = value["value"], case .string = text {
            items.append((text, position))
        } else {
            sink.skip("\(layout.list) label without vec or value", at: position)
            return
        }
        for (item, itemPosition) in items {
            switch MetaRecordMapper.event(from: item, layout: layout, position: itemPosition) {
            case .success(let event): sink.emit(event)
            case .failure(let reason): sink.skip(reason.text, at: itemPosition)
            }
        }
    }

    private static func message(_ value: JSONValue, layout: MetaFileLayout, position: SourcePosition,
                                owner: inout ConversationOwnerGuess, into sink: EventSink) {
        guard value.objectMembers != nil else {
            sink.skip("message is not an object", at: position)
            return
        }
        let milliseconds = value["timestamp_ms"]?.int64Value ?? value["timestamp"]?.int64Value
        guard let milliseconds, milliseconds > 0 else {
            sink.skip("message without timestamp_ms", at: position)
            return
        }
        let sender = MetaRecordMapper.text(value["sender_name"]) ?? MetaRecordMapper.text(value["senderName"])
        var event = Event(source: layout.platform.source, kind: .message, time: Timestamp(epochSeconds: milliseconds / 1000),
                          product: layout.platform == .facebook ? "Messenger" : "Instagram Direct", position: position)
        event.text = MetaRecordMapper.nonEmpty(MetaRecordMapper.text(value["content"]) ?? MetaRecordMapper.text(value["text"]))
        if event.text == nil { event.title = attachmentLabel(value) }
        owner.add(event, sender: sender, into: sink)
    }

    /// "photo", "video", … for messages that only carry media.
    private static func attachmentLabel(_ value: JSONValue) -> String? {
        for (key, label) in [("photos", "photo"), ("videos", "video"), ("audio_files", "voice message"), ("gifs", "GIF"),
                             ("files", "file"), ("sticker", "sticker"), ("share", "shared link"), ("media", "media")]
        where value[key] != nil {
            return "[\(label)]"
        }
        return nil
    }
}
