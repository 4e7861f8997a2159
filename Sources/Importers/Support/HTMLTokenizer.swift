/// A push-based streaming HTML tokenizer: bytes in, text runs and tags out, no DOM and no
/// whole-file buffer. Chunks may split the input anywhere (inside a tag, a character
/// reference or a UTF-8 sequence).
///
/// What it does, following the HTML tokenizer where exports need it and no further:
/// - text between tags is delivered with character references decoded (`&nbsp;`, `&emsp;`,
///   `&amp;`, `&#39;`, `&#x202F;`; see `HTMLCharacterReference`); adjacent text separated only
///   by comments arrives as one run;
/// - `<script>` and `<style>` contents are skipped unread (raw text up to the matching end
///   tag), so markup or code inside them never reaches a consumer;
/// - comments, `<!DOCTYPE …>` and `<?…>` are skipped; entities are never defined by the
///   document (HTML has no DTD expansion), so input cannot make output grow;
/// - `<` not followed by a tag name is text, as in browsers.
///
/// Memory is bounded: a text run longer than `maxTextBytes` is cut (counted in
/// `truncatedTexts`), a tag longer than `maxTagBytes` (for example an unclosed quote) is
/// dropped at that point and tokenizing resumes as text (counted in `droppedTags`), so one
/// broken tag cannot swallow the rest of a file.
public struct HTMLTokenizer {
    /// One token; buffers are only valid during the callback.
    public enum Token {
        /// Decoded text (UTF-8 as in the input; invalid sequences are passed through).
        case text(UnsafeBufferPointer<UInt8>)
        case startTag(HTMLTag)
        case endTag(HTMLTag)
    }

    public let maxTextBytes: Int
    public let maxTagBytes: Int
    /// 1-based line number of the byte being read.
    public private(set) var line = 1
    /// Tags dropped because they exceeded `maxTagBytes`.
    public private(set) var droppedTags = 0
    /// Text runs cut at `maxTextBytes`.
    public private(set) var truncatedTexts = 0

    private enum State {
        case data, characterReference, tagOpen, endTagOpen, tagBody, markupDeclaration, comment, bogusComment, rawText
    }

    private var state = State.data
    private var text: [UInt8] = []
    private var textCut = false
    private var reference: [UInt8] = []
    private var tagBytes: [UInt8] = []
    private var tagIsEnd = false
    private var tagLine = 1
    private var quote: UInt8 = 0
    private var afterEquals = false
    private var markupBytes = 0
    private var markupIsComment = false
    private var commentDashes = 0
    /// Name of the raw-text element being skipped (`script`, `style`) and how much of `</name`
    /// has been matched.
    private var rawName: [UInt8] = []
    private var rawMatched = 0

    public init(maxTextBytes: Int = 1 << 20, maxTagBytes: Int = 64 * 1024) {
        self.maxTextBytes = max(16, maxTextBytes)
        self.maxTagBytes = max(16, maxTagBytes)
    }

    /// Tokenizes one chunk, calling `body` for every token completed in it.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (Token) -> Void) {
        guard let raw = chunk.baseAddress, chunk.count > 0 else { return }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let n = chunk.count
        var i = 0
        while i < n {
            switch state {
            case .data:
                var j = i
                while j < n {
                    let b = base[j]
                    if b < 0x3D {
                        if b == 0x3C || b == 0x26 { break }
                        if b == 0x0A { line += 1 }
                    }
                    j += 1
                }
                appendText(UnsafeBufferPointer(start: base + i, count: j - i))
                if j == n { return }
                if base[j] == 0x3C {
                    state = .tagOpen
                    tagLine = line
                } else {
                    state = .characterReference
                    reference.removeAll(keepingCapacity: true)
                }
                i = j + 1

            case .characterReference:
                let b = base[i]
                if HTMLCharacterReference.isNameByte(b) && reference.count < HTMLCharacterReference.maxNameLength {
                    reference.append(b)
                    i += 1
                    continue
                }
                let terminated = b == UInt8(ascii: ";")
                if let codePoint = HTMLCharacterReference.codePoint(for: reference, terminated: terminated) {
                    var decoded: [UInt8] = []
                    HTMLCharacterReference.appendUTF8(codePoint, to: &decoded)
                    decoded.withUnsafeBufferPointer { appendText($0) }
                    if terminated { i += 1 }
                } else {
                    // Not a reference: the ampersand and the name stay text.
                    var literal: [UInt8] = [UInt8(ascii: "&")]
                    literal.append(contentsOf: reference)
                    literal.withUnsafeBufferPointer { appendText($0) }
                }
                state = .data

            case .tagOpen:
                let b = base[i]
                if Self.isASCIILetter(b) {
                    beginTag(isEnd: false)
                    state = .tagBody
                } else if b == UInt8(ascii: "/") {
                    state = .endTagOpen
                    i += 1
                } else if b == UInt8(ascii: "!") {
                    state = .markupDeclaration
                    markupBytes = 0
                    markupIsComment = false
                    i += 1
                } else if b == UInt8(ascii: "?") {
                    state = .bogusComment
                    i += 1
                } else {
                    // "a < b": the `<` is text; the byte after it is read again as data.
                    var lt: UInt8 = 0x3C
                    withUnsafePointer(to: &lt) { appendText(UnsafeBufferPointer(start: $0, count: 1)) }
                    state = .data
                }

            case .endTagOpen:
                let b = base[i]
                if Self.isASCIILetter(b) {
                    beginTag(isEnd: true)
                    state = .tagBody
                } else if b == UInt8(ascii: ">") {
                    state = .data   // `</>` is ignored, as in browsers
                    i += 1
                } else {
                    state = .bogusComment
                }

            case .tagBody:
                // Scan at most to the size cap, so a runaway tag costs no more than the cap.
                let room = max(0, maxTagBytes - tagBytes.count)
                let limit = min(n, i + room + 1)
                var j = i
                var closed = false
                while j < limit {
                    let b = base[j]
                    if b == 0x0A { line += 1 }
                    if quote != 0 {
                        if b == quote { quote = 0 }
                    } else if b == UInt8(ascii: ">") {
                        closed = true
                        break
                    } else if b == UInt8(ascii: "=") {
                        afterEquals = true
                    } else if (b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")) && afterEquals {
                        quote = b
                        afterEquals = false
                    } else if !HTMLTag.isSpace(b) {
                        afterEquals = false
                    }
                    j += 1
                }
                if !closed && j - i > room {
                    // Runaway tag (unclosed quote, binary data): drop it and read on as text.
                    droppedTags += 1
                    tagBytes.removeAll(keepingCapacity: true)
                    quote = 0
                    state = .data
                    i = j
                    continue
                }
                tagBytes.append(contentsOf: UnsafeBufferPointer(start: base + i, count: j - i))
                if !closed { return }
                i = j + 1
                emitTag(body)

            case .markupDeclaration:
                // `<!--` opens a comment; anything else (`<!DOCTYPE html>`) runs to `>`.
                let b = base[i]
                if markupBytes < 2 && b == UInt8(ascii: "-") {
                    markupBytes += 1
                    i += 1
                    if markupBytes == 2 {
                        state = .comment
                        commentDashes = 0
                    }
                } else {
                    state = .bogusComment
                }

            case .comment:
                while i < n {
                    let b = base[i]
                    i += 1
                    if b == UInt8(ascii: "-") {
                        commentDashes += 1
                    } else if b == UInt8(ascii: ">") && commentDashes >= 2 {
                        state = .data
                        break
                    } else {
                        if b == 0x0A { line += 1 }
                        commentDashes = 0
                    }
                }

            case .bogusComment:
                while i < n {
                    let b = base[i]
                    i += 1
                    if b == 0x0A { line += 1 }
                    if b == UInt8(ascii: ">") { state = .data; break }
                }

            case .rawText:
                i = scanRawText(base, i, n)
            }
        }
    }

    /// Delivers the text read last. A tag, comment or reference cut off by the end of the
    /// input is dropped (a truncated file keeps everything before the cut).
    public mutating func finish(_ body: (Token) -> Void) {
        switch state {
        case .characterReference:
            if let codePoint = HTMLCharacterReference.codePoint(for: reference, terminated: false) {
                var decoded: [UInt8] = []
                HTMLCharacterReference.appendUTF8(codePoint, to: &decoded)
                decoded.withUnsafeBufferPointer { appendText($0) }
            } else {
                var literal: [UInt8] = [UInt8(ascii: "&")]
                literal.append(contentsOf: reference)
                literal.withUnsafeBufferPointer { appendText($0) }
            }
        case .tagOpen:
            var lt: UInt8 = 0x3C
            withUnsafePointer(to: &lt) { appendText(UnsafeBufferPointer(start: $0, count: 1)) }
        default:
            break
        }
        state = .data
        flushText(body)
    }

    // MARK: - Pieces

    @inline(__always)
    private mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count > 0 else { return }
        let room = maxTextBytes - text.count
        if bytes.count <= room {
            text.append(contentsOf: bytes)
        } else {
            if room > 0 { text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<room])) }
            if !textCut { textCut = true; truncatedTexts += 1 }
        }
    }

    private mutating func flushText(_ body: (Token) -> Void) {
        guard !text.isEmpty else { return }
        text.withUnsafeBufferPointer { body(.text($0)) }
        text.removeAll(keepingCapacity: true)
        textCut = false
    }

    private mutating func beginTag(isEnd: Bool) {
        tagBytes.removeAll(keepingCapacity: true)
        tagIsEnd = isEnd
        quote = 0
        afterEquals = false
    }

    private mutating func emitTag(_ body: (Token) -> Void) {
        // Lower-case the name in place; the name ends at white space or `/`.
        var nameLength = 0
        while nameLength < tagBytes.count {
            let b = tagBytes[nameLength]
            if HTMLTag.isSpace(b) || b == UInt8(ascii: "/") { break }
            if b >= 0x41 && b <= 0x5A { tagBytes[nameLength] = b | 0x20 }
            nameLength += 1
        }
        let selfClosing = tagBytes.last == UInt8(ascii: "/")
        flushText(body)
        let isEnd = tagIsEnd
        let line = tagLine
        var enterRawText = false
        tagBytes.withUnsafeBufferPointer { all in
            let tag = HTMLTag(name: UnsafeBufferPointer(rebasing: all[0..<nameLength]), raw: all, line: line,
                              selfClosing: selfClosing)
            if isEnd {
                body(.endTag(tag))
            } else {
                body(.startTag(tag))
                enterRawText = !selfClosing && (tag.isNamed("script") || tag.isNamed("style"))
            }
        }
        if enterRawText {
            rawName = Array(tagBytes[0..<nameLength])
            rawMatched = 0
            state = .rawText
        } else {
            state = .data
        }
    }

    /// Skips raw text until `</name` followed by white space, `/` or `>`; then reads that
    /// end tag normally. Returns the index to continue at.
    private mutating func scanRawText(_ base: UnsafePointer<UInt8>, _ start: Int, _ n: Int) -> Int {
        var i = start
        while i < n {
            let b = base[i]
            if rawMatched == 0 {
                // Fast path: nothing matched yet, look for the next `<`.
                while i < n, base[i] != 0x3C {
                    if base[i] == 0x0A { line += 1 }
                    i += 1
                }
                if i < n { rawMatched = 1; i += 1 }
                continue
            }
            if rawMatched == 1 {
                rawMatched = b == UInt8(ascii: "/") ? 2 : (b == 0x3C ? 1 : 0)
                if b == 0x0A { line += 1 }
                i += 1
                continue
            }
            let k = rawMatched - 2
            if k < rawName.count {
                let lower = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                rawMatched = lower == rawName[k] ? rawMatched + 1 : (b == 0x3C ? 1 : 0)
                if b == 0x0A { line += 1 }
                i += 1
                continue
            }
            if HTMLTag.isSpace(b) || b == UInt8(ascii: "/") || b == UInt8(ascii: ">") {
                // `</script` complete: read the rest of the end tag as a tag.
                tagLine = line
                beginTag(isEnd: true)
                tagBytes.append(contentsOf: rawName)
                rawMatched = 0
                state = .tagBody
                return i
            }
            rawMatched = b == 0x3C ? 1 : 0
            if b == 0x0A { line += 1 }
            i += 1
        }
        return i
    }

    @inline(__always)
    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
}
