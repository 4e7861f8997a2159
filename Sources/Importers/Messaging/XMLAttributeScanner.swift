/// A streaming scanner for XML whose data sits in attributes (SMS Backup & Restore writes
/// `<sms address="…" body="…"/>`): it reports start tags with their attributes and end tags,
/// and nothing else. Text content is not kept. Chunks may split anything anywhere.
///
/// Untrusted input: a DTD (`<!DOCTYPE …[ … ]>`) is skipped with a warning and its entities
/// are never defined or expanded; only the five predefined entities and numeric character
/// references are decoded, any other `&name;` stays as written. Comments, processing
/// instructions and CDATA are skipped. Each attribute value is cut at `maxValueBytes` (MMS
/// parts carry whole images in base64 attributes) and a tag keeps at most `maxAttributes`,
/// so memory is bounded whatever the input.
struct XMLAttributeScanner {
    struct Attribute {
        var name: [UInt8] = []
        var value: [UInt8] = []
        var truncated = false
    }

    enum Token {
        /// `attributes` are only valid during the callback.
        case start(name: ArraySlice<UInt8>, attributes: ArraySlice<Attribute>, selfClosing: Bool, line: Int)
        case end(name: ArraySlice<UInt8>, line: Int)
        case warning(String, line: Int)
    }

    let maxValueBytes: Int
    let maxAttributes: Int

    private enum State {
        case text, afterLess, afterBang, bangDash, comment, cdata, doctype, processingInstruction
        case tagName, endTagName, inTag, attributeName, afterAttributeName, beforeValue, value, selfClosingSlash
    }

    private var state = State.text
    private var line = 1
    private var tagLine = 1
    private var name: [UInt8] = []
    private var attributes: [Attribute] = []
    private var attributeCount = 0
    private var quote: UInt8 = 0
    private var selfClosing = false
    // Terminator matching for comments ("-->"), CDATA ("]]>") and PIs ("?>").
    private var matchRun = 0
    private var doctypeBracketDepth = 0
    private var doctypeQuote: UInt8 = 0
    private var warnedDoctype = false

    init(maxValueBytes: Int = 64 * 1024, maxAttributes: Int = 128) {
        self.maxValueBytes = maxValueBytes
        self.maxAttributes = maxAttributes
    }

    /// True when the input ended outside any markup.
    var atTextBoundary: Bool { state == .text }

    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (Token) -> Void) {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let n = chunk.count
        var i = 0
        while i < n {
            let b = base[i]
            if b == 0x0A { line += 1 }
            switch state {
            case .text:
                // Skip text quickly: only '<' matters.
                var j = i
                while j < n && base[j] != UInt8(ascii: "<") {
                    if base[j] == 0x0A && j != i { line += 1 }
                    j += 1
                }
                if j < n { state = .afterLess; tagLine = line }
                i = j
            case .afterLess:
                if b == UInt8(ascii: "!") { state = .afterBang }
                else if b == UInt8(ascii: "?") { state = .processingInstruction; matchRun = 0 }
                else if b == UInt8(ascii: "/") { state = .endTagName; name.removeAll(keepingCapacity: true) }
                else if isSpace(b) { state = .text } // a stray "<" in text
                else {
                    state = .tagName
                    name.removeAll(keepingCapacity: true)
                    name.append(b)
                    attributeCount = 0
                    selfClosing = false
                }
            case .afterBang:
                if b == UInt8(ascii: "-") { state = .bangDash }
                else if b == UInt8(ascii: "[") { state = .cdata; matchRun = 0 }
                else {
                    state = .doctype
                    doctypeBracketDepth = 0
                    doctypeQuote = 0
                    if !warnedDoctype {
                        warnedDoctype = true
                        body(.warning("document type declaration skipped: its entities are not expanded", line: tagLine))
                    }
                }
            case .bangDash:
                state = .comment
                matchRun = 0
            case .comment:
                if b == UInt8(ascii: "-") { matchRun = min(matchRun + 1, 2) }
                else if b == UInt8(ascii: ">") && matchRun == 2 { state = .text }
                else { matchRun = 0 }
            case .cdata:
                if b == UInt8(ascii: "]") { matchRun = min(matchRun + 1, 2) }
                else if b == UInt8(ascii: ">") && matchRun == 2 { state = .text }
                else { matchRun = 0 }
            case .processingInstruction:
                if b == UInt8(ascii: ">") && matchRun == 1 { state = .text }
                matchRun = b == UInt8(ascii: "?") ? 1 : 0
            case .doctype:
                if doctypeQuote != 0 {
                    if b == doctypeQuote { doctypeQuote = 0 }
                } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    doctypeQuote = b
                } else if b == UInt8(ascii: "[") {
                    doctypeBracketDepth += 1
                } else if b == UInt8(ascii: "]") {
                    doctypeBracketDepth = max(0, doctypeBracketDepth - 1)
                } else if b == UInt8(ascii: ">") && doctypeBracketDepth == 0 {
                    state = .text
                }
            case .tagName:
                if isSpace(b) { state = .inTag }
                else if b == UInt8(ascii: ">") { emitStart(body) }
                else if b == UInt8(ascii: "/") { state = .selfClosingSlash }
                else if name.count < 256 { name.append(b) }
            case .endTagName:
                if b == UInt8(ascii: ">") {
                    body(.end(name: name[...], line: tagLine))
                    state = .text
                } else if !isSpace(b) && name.count < 256 {
                    name.append(b)
                }
            case .inTag:
                if isSpace(b) { break }
                if b == UInt8(ascii: ">") { emitStart(body) }
                else if b == UInt8(ascii: "/") { state = .selfClosingSlash }
                else { beginAttribute(b) }
            case .selfClosingSlash:
                if b == UInt8(ascii: ">") { selfClosing = true; emitStart(body) }
                else if !isSpace(b) { state = .inTag; continue }
            case .attributeName:
                if b == UInt8(ascii: "=") { state = .beforeValue }
                else if isSpace(b) { state = .afterAttributeName }
                else if b == UInt8(ascii: ">") { emitStart(body) }
                else if b == UInt8(ascii: "/") { state = .selfClosingSlash }
                else if attributeCount <= maxAttributes, attributes[attributeCount - 1].name.count < 256 {
                    attributes[attributeCount - 1].name.append(b)
                }
            case .afterAttributeName:
                if b == UInt8(ascii: "=") { state = .beforeValue }
                else if b == UInt8(ascii: ">") { emitStart(body) }
                else if !isSpace(b) { state = .inTag; continue }
            case .beforeValue:
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b; state = .value }
                else if b == UInt8(ascii: ">") { emitStart(body) }
                // Unquoted values are not XML; the byte is dropped and scanning resyncs.
            case .value:
                // Copy the run up to the closing quote in one append.
                var j = i
                while j < n && base[j] != quote {
                    if base[j] == 0x0A && j != i { line += 1 }
                    j += 1
                }
                if attributeCount <= maxAttributes {
                    let index = attributeCount - 1
                    let room = maxValueBytes - attributes[index].value.count
                    let take = min(room, j - i)
                    if take > 0 { attributes[index].value.append(contentsOf: UnsafeBufferPointer(start: base + i, count: take)) }
                    if take < j - i { attributes[index].truncated = true }
                }
                if j < n { state = .inTag }
                i = j
            }
            i += 1
        }
    }

    private mutating func beginAttribute(_ first: UInt8) {
        attributeCount += 1
        state = .attributeName
        guard attributeCount <= maxAttributes else { return }
        if attributes.count < attributeCount { attributes.append(Attribute()) }
        attributes[attributeCount - 1].name.removeAll(keepingCapacity: true)
        attributes[attributeCount - 1].value.removeAll(keepingCapacity: attributes[attributeCount - 1].value.capacity <= 4096)
        attributes[attributeCount - 1].truncated = false
        attributes[attributeCount - 1].name.append(first)
    }

    private mutating func emitStart(_ body: (Token) -> Void) {
        body(.start(name: name[...], attributes: attributes[0..<min(attributeCount, maxAttributes)], selfClosing: selfClosing, line: tagLine))
        state = .text
    }

    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    /// The attribute's value with the predefined entities and character references decoded
    /// (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#233;` `&#xE9;`); other `&…;` are kept
    /// literally, never looked up.
    static func decodedValue(_ raw: [UInt8]) -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let b = raw[i]
            guard b == UInt8(ascii: "&"), let semicolon = raw[(i + 1)..<min(raw.count, i + 12)].firstIndex(of: UInt8(ascii: ";")) else {
                out.append(b)
                i += 1
                continue
            }
            let entity = raw[(i + 1)..<semicolon]
            if let replacement = predefined(entity) {
                out.append(replacement)
            } else if entity.first == UInt8(ascii: "#"), let scalar = characterReference(entity.dropFirst()) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            } else {
                out.append(contentsOf: raw[i...semicolon])
            }
            i = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func predefined(_ entity: ArraySlice<UInt8>) -> UInt8? {
        switch String(decoding: entity, as: UTF8.self) {
        case "amp": return UInt8(ascii: "&")
        case "lt": return UInt8(ascii: "<")
        case "gt": return UInt8(ascii: ">")
        case "quot": return UInt8(ascii: "\"")
        case "apos": return UInt8(ascii: "'")
        default: return nil
        }
    }

    private static func characterReference(_ digits: ArraySlice<UInt8>) -> Unicode.Scalar? {
        var value: UInt32 = 0
        var hex = false
        var body = digits
        if body.first == UInt8(ascii: "x") || body.first == UInt8(ascii: "X") { hex = true; body = body.dropFirst() }
        guard !body.isEmpty, body.count <= 8 else { return nil }
        for d in body {
            let v: UInt32
            switch d {
            case 0x30...0x39: v = UInt32(d - 0x30)
            case 0x61...0x66 where hex: v = UInt32(d - 0x61 + 10)
            case 0x41...0x46 where hex: v = UInt32(d - 0x41 + 10)
            default: return nil
            }
            value = value * (hex ? 16 : 10) + v
            if value > 0x10FFFF { return nil }
        }
        // NUL is not a character XML allows; surrogates are rejected by Unicode.Scalar.
        guard value != 0 else { return nil }
        return Unicode.Scalar(value)
    }
}
