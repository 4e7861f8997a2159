/// A streaming tag scanner for OFX, both 1.x SGML (leaf tags never closed) and 2.x XML. It
/// is not an XML parser: it reports start tags, end tags and the text between them, skips
/// comments and declarations, unwraps CDATA, and keeps line numbers. Names and text are
/// bounded, so hostile input cannot grow memory.
struct OFXTagScanner {
    enum Token {
        case start(name: String, line: Int)
        case end(name: String, line: Int)
        /// Text between tags; `raw` when it came from CDATA (no entities to decode).
        case text(ArraySlice<UInt8>, raw: Bool)
        /// `<?xml …?>` or `<?OFX …?>` content.
        case instruction(ArraySlice<UInt8>)
    }

    static let maxTagLength = 4096
    static let maxTextLength = 64 * 1024

    private enum State { case text, tag, comment, cdata }
    private var state = State.text
    private var tag: [UInt8] = []
    private var text: [UInt8] = []
    private var textIsRaw = false
    private var tagLine = 1
    private var run = 0 // consecutive `-` in a comment or `]` in CDATA
    private var afterCR = false
    private(set) var line = 1
    /// True when a tag, comment or CDATA section was open when the input ended.
    var endsInsideMarkup: Bool { state != .text }

    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (Token) -> Void) {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let count = chunk.count
        var i = 0
        while i < count {
            if state == .text {
                // Fast path: text runs to the next `<` are copied in one append, not per byte.
                var j = i
                while j < count {
                    let c = base[j]
                    if c == 0x3C { break }
                    countLine(c)
                    j += 1
                }
                let room = Self.maxTextLength - text.count
                if room > 0 && j > i { text.append(contentsOf: UnsafeBufferPointer(start: base + i, count: min(room, j - i))) }
                if j < count {
                    afterCR = false
                    flushText(body)
                    tag.removeAll(keepingCapacity: true)
                    tagLine = line
                    state = .tag
                }
                i = j + 1
                continue
            }
            let c = base[i]
            countLine(c)
            switch state {
            case .text:
                break // handled above
            case .tag:
                if c == 0x3E { // >
                    state = .text
                    emitTag(body)
                } else if c == 0x3C {
                    // A stray `<` inside a tag: the broken tag is dropped, a new one starts.
                    tag.removeAll(keepingCapacity: true)
                    tagLine = line
                } else if tag.count < Self.maxTagLength {
                    tag.append(c)
                    if tag.count == 3 && tag == [0x21, 0x2D, 0x2D] { state = .comment; run = 0 } // !--
                    else if tag.count == 8 && tag.elementsEqual("![CDATA[".utf8) { state = .cdata; run = 0; textIsRaw = true }
                }
            case .comment:
                if c == 0x3E && run >= 2 { state = .text }
                run = c == 0x2D ? run + 1 : 0
            case .cdata:
                if c == 0x3E && run >= 2 {
                    if text.count >= 2 { text.removeLast(2) }
                    state = .text
                } else if text.count < Self.maxTextLength {
                    text.append(c)
                }
                run = c == 0x5D ? run + 1 : 0
            }
            i += 1
        }
    }

    /// Line numbers count LF, CRLF and lone CR endings once each.
    @inline(__always)
    private mutating func countLine(_ c: UInt8) {
        if c == 0x0A {
            if !afterCR { line += 1 }
            afterCR = false
        } else if c == 0x0D {
            line += 1
            afterCR = true
        } else {
            afterCR = false
        }
    }

    /// Delivers text left after the last tag.
    mutating func finish(_ body: (Token) -> Void) {
        if state == .text { flushText(body) }
    }

    private mutating func flushText(_ body: (Token) -> Void) {
        guard !text.isEmpty else { return }
        body(.text(text[...], raw: textIsRaw))
        text.removeAll(keepingCapacity: true)
        textIsRaw = false
    }

    private mutating func emitTag(_ body: (Token) -> Void) {
        guard let first = tag.first else { return }
        switch first {
        case 0x3F: // ?
            body(.instruction(tag.dropFirst()))
        case 0x21: // ! (DOCTYPE and other declarations)
            break
        case 0x2F: // /
            body(.end(name: Self.name(tag.dropFirst()), line: tagLine))
        default:
            let name = Self.name(tag[...])
            guard !name.isEmpty else { return }
            body(.start(name: name, line: tagLine))
            if tag.last == 0x2F { body(.end(name: name, line: tagLine)) } // <EMPTY/>
        }
    }

    /// The tag name up to the first space or `/`, ASCII upper-cased (OFX names are
    /// case-insensitive in practice, though the spec writes them in capitals).
    private static func name(_ bytes: ArraySlice<UInt8>) -> String {
        let raw = bytes.prefix(while: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x2F })
        return String(decoding: raw.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}
