import StewardCore
import Formats

/// Telegram Desktop's "Export chat history" / "Export Telegram data" in JSON (`result.json`):
/// - one chat: `{"name": …, "type": "personal_chat", "id": 123, "messages": [ … ]}`;
/// - the whole account: `{"personal_information": {"user_id": 42, …}, "chats": {"list":
///   [ {name, type, id, messages: [ … ]}, … ]}, "left_chats": {"list": [ … ]}}`.
/// `JSONArraySplitter` follows one key path to one array, but a full export holds one
/// `messages` array per chat, so this parser walks the document's structure itself (strings,
/// escapes and nesting, byte by byte, across chunks) and cuts out each message element, which
/// `JSONValueParser` then reads. Memory: one message (capped) and the path of open containers.
///
/// A message: `{"id", "type": "message"|"service", "date": "2024-01-15T10:30:00" (local,
/// no offset), "date_unixtime": "1705315800" (a string), "from", "from_id": "user111",
/// "text": "…" or ["plain", {"type": "bold", "text": "…"}, …], "text_entities": [ … ],
/// "media_type", "photo", "file"}`; service messages have `actor`, `actor_id`, `action`.
/// Both kinds become `.message` events (title = the chat's name, code = the action or media
/// type). The export's owner is known only from `personal_information.user_id` (full export)
/// or `ownerNames`; every other sender is `authoredByOthers`.
public struct TelegramExportParser: ExportParser {
    public static let source = "telegram.desktop"
    public static let maxMessageBytes = 4 << 20
    static let maxTrackedDepth = 512

    private enum Role { case root, personalInformation, chatsHolder, chatList, chat, messages, other }

    private struct Frame {
        var isObject: Bool
        var role: Role
        var key: [UInt8] = []
        var index = 0
        var pointer: String
    }

    private enum CaptureTarget { case message(pointer: String), metadata(key: String, role: Role) }

    private let ownerNames: Set<String>
    private var ownerId: String?
    private var chatName: String?

    private var frames: [Frame] = []
    private var overflowDepth = 0
    private var inString = false
    private var escaped = false
    private var stringIsKey = false
    private var keyBuffer: [UInt8] = []
    private var expectKey = false
    private var inScalar = false
    private var started = false
    private var finishedRoot = false

    private var capture: CaptureTarget?
    private var captureBytes: [UInt8] = []
    private var captureDepth = 0
    private var captureIsScalar = false
    private var captureTooLarge = false
    private var recordIndex = 0
    /// The message being captured, followed by strings and brackets only once its opening
    /// bracket is read: `step` and its path of frames are not needed inside a message.
    private var messageSpan = JSONContainerSpan()

    static let keysRead: JSONKeySet = ["type", "date", "date_unixtime", "from", "from_id", "actor", "actor_id", "action",
                                        "text", "text_entities", "media_type", "photo", "file", "title"]

    /// A message cut out of the file, read on the reading thread (`RecordReadingThread`): one
    /// thread cutting and reading every message was what a Telegram scan waited for.
    private struct MessageNote {
        var position: SourcePosition
        var chatName: String?
        var ownerId: String?
        var tooLarge: Bool
    }

    private var reading: RecordReadingThread<MessageNote>?
    private let readingBatchBytes: Int

    public init(ownerNames: Set<String> = []) {
        self.init(ownerNames: ownerNames, readingBatchBytes: recordReadingBatchBytes)
    }

    /// `readingBatchBytes`: message bytes handed to the reading thread at a time (tests pass a
    /// few bytes so that small inputs go through the thread).
    init(ownerNames: Set<String>, readingBatchBytes: Int) {
        self.ownerNames = ownerNames
        self.readingBatchBytes = readingBatchBytes
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        let reading = readingThread(into: sink)
        do throws(ParseError) {
            try feedBytes(chunk, sink)
        } catch {
            reading.settle()
            throw error
        }
    }

    public mutating func settle(into sink: EventSink) {
        reading?.settle()
    }

    private mutating func readingThread(into sink: EventSink) -> RecordReadingThread<MessageNote> {
        if let reading { return reading }
        let ownerNames = self.ownerNames
        let started = RecordReadingThread<MessageNote>(batchBytes: readingBatchBytes) { note, bytes in
            Self.read(note, bytes, ownerNames: ownerNames, into: sink)
        }
        reading = started
        return started
    }

    private static func read(_ note: MessageNote, _ bytes: ArraySlice<UInt8>, ownerNames: Set<String>, into sink: EventSink) {
        if note.tooLarge {
            sink.skip("message larger than \(Self.maxMessageBytes >> 20) MiB", at: note.position)
            return
        }
        let parsed: Result<JSONValue, JSONValueParser.SyntaxError> = bytes.withUnsafeBytes { raw in
            do throws(JSONValueParser.SyntaxError) { return .success(try JSONValueParser.parse(raw, onlyKeys: Self.keysRead)) }
            catch { return .failure(error) }
        }
        switch parsed {
        case .success(let value):
            switch TelegramMessage.event(from: value, chatName: note.chatName, ownerId: note.ownerId, ownerNames: ownerNames,
                                         position: note.position) {
            case .success(let event): sink.emit(event)
            case .failure(let reason): sink.skip(reason.text, at: note.position)
            }
        case .failure(let error):
            sink.skip(error.description, at: note.position)
        }
    }

    private mutating func feedBytes(_ chunk: UnsafeRawBufferPointer, _ sink: EventSink) throws(ParseError) {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var i = 0
        let n = chunk.count
        while i < n {
            if messageSpan.isOpen {
                // Inside a message only its end matters here: copy up to the bracket that
                // closes it, which then goes through `step` like any other.
                let end = messageSpan.scan(base, from: i, count: n)
                let copied = messageSpan.isOpen ? end : end - 1
                appendCapture(UnsafeBufferPointer(start: base + i, count: copied - i))
                i = copied
                if messageSpan.isOpen { continue }
            }
            let b = base[i]
            // Indentation between tokens, a run at a time: Telegram pretty-prints its export,
            // so about a third of its bytes are spaces and line ends outside any string, and
            // `step` does nothing with them.
            if !inString && !inScalar && (b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09) {
                var j = i + 1
                while j < n && (base[j] == 0x20 || base[j] == 0x0A || base[j] == 0x0D || base[j] == 0x09) { j += 1 }
                if capture != nil { appendCapture(UnsafeBufferPointer(start: base + i, count: j - i)) }
                i = j
                continue
            }
            if capture != nil {
                // Copy a run of plain string bytes in one append: messages are mostly text.
                if inString && !escaped && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") {
                    var j = i + 1
                    while j < n && base[j] != UInt8(ascii: "\"") && base[j] != UInt8(ascii: "\\") { j += 1 }
                    appendCapture(UnsafeBufferPointer(start: base + i, count: j - i))
                    i = j
                    continue
                }
                if !(captureIsScalar && inScalar && Self.endsScalar(b)) {
                    appendCapture(UnsafeBufferPointer(start: base + i, count: 1))
                }
            }
            try step(b, sink)
            i += 1
        }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        let reading = readingThread(into: sink)
        if inScalar {
            do throws(ParseError) { try step(0x20, sink) } catch {
                reading.settle()
                throw error
            }
        }
        reading.settle()
        guard started else { throw ParseError("empty file: expected a Telegram export object") }
        if case .message(let pointer)? = capture {
            sink.skip("truncated: the file ends inside this message", at: SourcePosition(record: recordIndex, pointer: pointer))
            recordIndex += 1
            capture = nil
        }
        if !finishedRoot { sink.warn("the file ends before the export object is closed: it is truncated") }
    }

    private mutating func appendCapture(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !captureTooLarge else { return }
        if captureBytes.count + bytes.count > Self.maxMessageBytes {
            captureTooLarge = true
            captureBytes = []
            return
        }
        captureBytes.append(contentsOf: bytes)
    }

    private static func endsScalar(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    private mutating func step(_ b: UInt8, _ sink: EventSink) throws(ParseError) {
        if inString {
            if escaped { escaped = false; if stringIsKey { addKeyByte(b) }; return }
            if b == UInt8(ascii: "\\") { escaped = true; if stringIsKey { addKeyByte(b) }; return }
            if b == UInt8(ascii: "\"") {
                inString = false
                if stringIsKey {
                    if var top = frames.last { top.key = keyBuffer; frames[frames.count - 1] = top }
                    stringIsKey = false
                } else {
                    valueEnded(sink)
                }
                return
            }
            if stringIsKey { addKeyByte(b) }
            return
        }
        if inScalar {
            guard Self.endsScalar(b) else { return }
            inScalar = false
            valueEnded(sink)
        }
        if !started && (b == 0xEF || b == 0xBB || b == 0xBF) { return } // a UTF-8 byte order mark
        switch b {
        case 0x20, 0x0A, 0x0D, 0x09:
            return
        case UInt8(ascii: "\""):
            inString = true
            if expectKey && frames.last?.isObject == true {
                stringIsKey = true
                keyBuffer.removeAll(keepingCapacity: true)
            } else {
                valueStarted(opening: b, scalar: true)
            }
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try openContainer(isObject: b == UInt8(ascii: "{"), sink)
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            if overflowDepth > 0 { overflowDepth -= 1; return }
            guard !frames.isEmpty else {
                throw ParseError("unbalanced \(b == UInt8(ascii: "}") ? "}" : "]") outside the export object")
            }
            frames.removeLast()
            expectKey = false
            if frames.isEmpty { finishedRoot = true }
            valueEnded(sink)
        case UInt8(ascii: ":"):
            expectKey = false
        case UInt8(ascii: ","):
            expectKey = frames.last?.isObject == true
            if var top = frames.last, !top.isObject { top.index += 1; frames[frames.count - 1] = top }
        default:
            guard started else { throw ParseError("not JSON: expected a Telegram export object") }
            inScalar = true
            valueStarted(opening: b, scalar: true)
        }
    }

    private mutating func addKeyByte(_ b: UInt8) {
        if keyBuffer.count < 64 { keyBuffer.append(b) }
    }

    private mutating func openContainer(isObject: Bool, _ sink: EventSink) throws(ParseError) {
        if !started {
            guard isObject else { throw ParseError("a JSON array, not a Telegram export object") }
            started = true
            frames.append(Frame(isObject: true, role: .root, pointer: ""))
            expectKey = true
            return
        }
        if finishedRoot { return }
        valueStarted(opening: isObject ? UInt8(ascii: "{") : UInt8(ascii: "["), scalar: false)
        if overflowDepth > 0 || frames.count >= Self.maxTrackedDepth {
            // Nesting this deep is not an export's; only balance is tracked from here on.
            overflowDepth += 1
            return
        }
        let parent = frames[frames.count - 1]
        let key = parent.key
        var role = Role.other
        switch parent.role {
        case .root:
            if key.elementsEqual("messages".utf8) && !isObject { role = .messages }
            else if key.elementsEqual("personal_information".utf8) && isObject { role = .personalInformation }
            else if (key.elementsEqual("chats".utf8) || key.elementsEqual("left_chats".utf8)) && isObject { role = .chatsHolder }
        case .chatsHolder:
            if key.elementsEqual("list".utf8) && !isObject { role = .chatList }
        case .chatList:
            if isObject { role = .chat; chatName = nil }
        case .chat:
            if key.elementsEqual("messages".utf8) && !isObject { role = .messages }
        default:
            break
        }
        let pointer = parent.pointer + "/" + (parent.isObject ? String(decoding: key, as: UTF8.self) : String(parent.index))
        frames.append(Frame(isObject: isObject, role: role, pointer: pointer))
        expectKey = isObject
        if case .message? = capture, frames.count == captureDepth + 1 { messageSpan.begin() }
    }

    /// A value begins in the current container: start a capture when it is a message or a
    /// metadata field steward reads.
    private mutating func valueStarted(opening: UInt8, scalar: Bool) {
        guard capture == nil, overflowDepth == 0, let parent = frames.last else { return }
        var target: CaptureTarget?
        switch parent.role {
        case .messages:
            target = .message(pointer: parent.pointer + "/" + String(parent.index))
        case .root, .chat:
            if parent.key.elementsEqual("name".utf8) && scalar { target = .metadata(key: "name", role: parent.role) }
        case .personalInformation:
            if parent.key.elementsEqual("user_id".utf8) && scalar { target = .metadata(key: "user_id", role: parent.role) }
        default:
            break
        }
        guard let target else { return }
        capture = target
        captureBytes.removeAll(keepingCapacity: captureBytes.capacity <= 1 << 20)
        captureTooLarge = false
        captureIsScalar = scalar
        captureDepth = frames.count
        // `feed` appends bytes only while a capture runs, so the opening byte is added here.
        captureBytes.append(opening)
    }

    /// A value ended; if it closes the running capture, hand the bytes over.
    private mutating func valueEnded(_ sink: EventSink) {
        guard let target = capture, frames.count == captureDepth else { return }
        capture = nil
        switch target {
        case .message(let pointer):
            let note = MessageNote(position: SourcePosition(record: recordIndex, pointer: pointer), chatName: chatName,
                                   ownerId: ownerId, tooLarge: captureTooLarge)
            recordIndex += 1
            if captureTooLarge {
                reading?.add(note: note, bytes: UnsafeRawBufferPointer(start: nil, count: 0))
            } else {
                captureBytes.withUnsafeBytes { reading?.add(note: note, bytes: $0) }
            }
        case .metadata(let key, _):
            guard !captureTooLarge, let value = try? JSONValueParser.parse(captureBytes) else { return }
            switch key {
            case "name": chatName = value.stringValue
            case "user_id": ownerId = (value.numberText ?? value.stringValue).map { "user" + $0 }
            default: break
            }
        }
    }
}
