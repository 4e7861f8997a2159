import StewardCore

/// The one streaming tokenizer for every markup format steward reads: XML (Apple Health
/// `export.xml`, ISO 20022 statements, GPX, SMS Backup & Restore, the sheets and shared strings
/// of `.xlsx` workbooks) and HTML (Google Takeout's My Activity pages). Bytes in, tags and text
/// out, no DOM and no whole-file buffer; chunks may split the input anywhere (inside a tag, a
/// comment, a character reference or a UTF-8 sequence). docs/privacy.md, "Markup".
///
/// Untrusted input, the same rules for every format:
/// - a document type declaration is skipped whole (its internal subset too, with the quoted
///   strings and comments inside it that may contain `]` or `>`); entities it declares are
///   never defined, so entity bombs and external entities do nothing;
/// - XML text and attribute values are handed over as written; `MarkupText.decodeXML` decodes
///   only the five predefined entities and numeric character references. HTML text has its
///   character references decoded from HTML's fixed table (`HTMLCharacterReference`);
/// - comments, processing instructions and (HTML) `<script>`/`<style>` contents are skipped
///   unread; XML CDATA sections are text;
/// - memory is bounded: a tag longer than `maxTagBytes` is dropped, an attribute value longer
///   than `maxValueBytes` is cut (the tag says so), a text run longer than `maxTextBytes` is
///   cut, and XML elements nested deeper than `maxDepth` are skipped with everything in them;
///   each is reported once as a `MarkupError` naming its line and byte offset;
/// - `finish` reports input that ends inside a tag, comment, CDATA section, processing
///   instruction or document type declaration, so a file cut short (or an unclosed comment
///   that swallows the rest) never reads as a clean, empty file.
///
/// Dialects differ only where the formats do: HTML lower-cases tag names, reads `<` that opens
/// no tag as text, opens a quoted value only after `=`, resumes as text after a runaway tag,
/// and has no CDATA, doctype subset or nesting limit (its elements are often left unclosed).
public struct MarkupTokenizer: Sendable {
    public enum Dialect: Sendable { case xml, html }

    /// One token; its buffers are only valid during the callback.
    public enum Token {
        case start(MarkupTag)
        case end(MarkupTag)
        /// XML: text as written (entities still encoded; CDATA with `&` escaped as `&amp;`), only
        /// when `collectText` is on. HTML: text with character references decoded.
        case text(UnsafeBufferPointer<UInt8>)
        /// A `<!DOCTYPE` (XML only), skipped whole.
        case doctype(line: Int, offset: Int64)
        /// A limit was reached; the tokenizer goes on after it.
        case problem(MarkupError)
    }

    public let dialect: Dialect
    public let maxTagBytes: Int
    public let maxValueBytes: Int
    public let maxTextBytes: Int
    public let maxDepth: Int
    /// 1-based line number of the byte being read.
    public private(set) var line = 1
    /// Bytes read so far.
    public private(set) var offset: Int64 = 0
    /// Tags dropped because they exceeded `maxTagBytes`.
    public private(set) var droppedTags = 0
    /// Text runs cut at `maxTextBytes`.
    public private(set) var truncatedTexts = 0
    /// XML elements skipped for nesting deeper than `maxDepth`.
    public private(set) var tooDeepElements = 0

    private let collectText: Bool
    /// Start tags whose name begins with a byte marked here are delivered; the others are
    /// read past without copying (nil: all are delivered). End tags are always delivered.
    private let startFilter: [Bool]?

    private enum State {
        case text, characterReference, tagOpen, endTagOpen, tagBody, skipTag, declaration, comment, cdata
        case processingInstruction, bogus, doctype, doctypeComment, rawText
    }

    private var state = State.text
    private var text: [UInt8] = []
    private var textCut = false
    /// Where the text run being collected began (its limit is reported there).
    private var textLine = 1
    private var textOffset: Int64 = 0
    private var reference: [UInt8] = []
    private var tag: [UInt8] = []
    private var tagIsEnd = false
    private var tagLine = 1
    private var tagOffset: Int64 = 0
    private var quote: UInt8 = 0
    private var afterEquals = false
    private var valueBytes = 0
    private var valuesCut = false
    private var tagOverlong = false
    /// Last byte of the tag read (to see `/>` on tags read past).
    private var lastTagByte: UInt8 = 0
    /// `<!` head collected to tell a comment, CDATA and DOCTYPE apart.
    private var head: [UInt8] = []
    /// Terminator progress: dashes of `-->`, brackets of `]]>`, `?` of `?>`, `<!--` in a subset.
    private var run = 0
    private var bracketDepth = 0
    private var depth = 0
    private var reportedDepth = false
    private var rawName: [UInt8] = []
    private var rawMatched = 0

    public init(_ dialect: Dialect, maxTagBytes: Int = 256 * 1024, maxValueBytes: Int? = nil, maxTextBytes: Int = 1 << 20,
                maxDepth: Int = 1024, collectText: Bool = true, startTagFirstBytes: Set<UInt8>? = nil) {
        self.dialect = dialect
        self.maxTagBytes = max(16, maxTagBytes)
        self.maxValueBytes = max(1, maxValueBytes ?? maxTagBytes)
        self.maxTextBytes = max(1, maxTextBytes)
        self.maxDepth = max(1, maxDepth)
        self.collectText = collectText || dialect == .html
        self.startFilter = startTagFirstBytes.map { set in (0..<256).map { set.contains(UInt8($0)) } }
    }

    /// True when the input so far ended outside any markup.
    public var atTextBoundary: Bool { state == .text || state == .characterReference || state == .rawText }

    /// Tokenizes one chunk, calling `body` for every token completed in it.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (Token) -> Void) {
        guard let raw = chunk.baseAddress, chunk.count > 0 else { return }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let n = chunk.count
        let chunkStart = offset
        defer { offset = chunkStart + Int64(n) }
        let html = dialect == .html
        var i = 0
        while i < n {
            switch state {
            case .text:
                if text.isEmpty { textLine = line; textOffset = chunkStart + Int64(i) }
                var j = i
                if html {
                    while j < n {
                        let b = base[j]
                        if b < 0x3D {
                            if b == 0x3C || b == 0x26 { break }
                            if b == 0x0A { line += 1 }
                        }
                        j += 1
                    }
                } else {
                    while j < n {
                        let b = base[j]
                        if b == 0x3C { break }
                        if b == 0x0A { line += 1 }
                        j += 1
                    }
                }
                if collectText { appendText(base + i, j - i, body) }
                if j == n { return }
                if base[j] == 0x3C {
                    state = .tagOpen
                    tagLine = line
                    tagOffset = chunkStart + Int64(j)
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
                if flushReference(terminated: terminated, body) && terminated { i += 1 }
                state = .text

            case .tagOpen:
                let b = base[i]
                if b == UInt8(ascii: "/") {
                    state = .endTagOpen
                    i += 1
                } else if b == UInt8(ascii: "!") {
                    state = .declaration
                    head.removeAll(keepingCapacity: true)
                    i += 1
                } else if b == UInt8(ascii: "?") {
                    state = html ? .bogus : .processingInstruction
                    run = 0
                    i += 1
                } else if Self.isNameStart(b, html: html) {
                    if let filter = startFilter, !filter[Int(b)] {
                        state = .skipTag
                        quote = 0
                        lastTagByte = 0
                    } else {
                        beginTag(isEnd: false)
                        state = .tagBody
                    }
                } else {
                    // "a < b": the `<` is text; the byte after it is read again as text.
                    var lt: UInt8 = 0x3C
                    if collectText { withUnsafePointer(to: &lt) { appendText($0, 1, body) } }
                    state = .text
                }

            case .endTagOpen:
                let b = base[i]
                if Self.isNameStart(b, html: html) {
                    beginTag(isEnd: true)
                    state = .tagBody
                } else if b == UInt8(ascii: ">") {
                    state = .text   // `</>` is ignored
                    i += 1
                } else {
                    state = .bogus
                }

            case .tagBody:
                i = html ? scanHTMLTag(base, i, n, body) : scanXMLTag(base, i, n, body)

            case .skipTag:
                // A start tag nobody asked for: read to its `>` without copying; only `/>` matters (depth).
                var j = i
                while j < n {
                    let c = base[j]
                    if quote != 0 { if c == quote { quote = 0 } }
                    else if c == 0x22 || c == 0x27 { quote = c }
                    else if c == 0x3E { break }
                    if c == 0x0A { line += 1 }
                    j += 1
                }
                if j > i { lastTagByte = base[j - 1] }
                i = j
                if j < n {
                    i += 1
                    state = .text
                    if depth + 1 > maxDepth { noteTooDeep(body) }
                    if lastTagByte != UInt8(ascii: "/") { depth += 1 }
                }

            case .declaration:
                // `<!--` opens a comment; XML: `<![CDATA[` a CDATA section, `<!DOCTYPE` the
                // declaration; anything else runs to `>`.
                let b = base[i]
                head.append(b)
                i += 1
                if b == 0x0A { line += 1 }
                if head.count == 2 && head[0] == 0x2D && head[1] == 0x2D {
                    state = .comment; run = 0
                } else if !html && head.count == 7 && Self.isPrefix(head, of: "[CDATA[") {
                    state = .cdata; run = 0
                } else if !html && head.count == 7 && Self.isPrefixIgnoringCase(head, of: "DOCTYPE") {
                    state = .doctype; bracketDepth = 0; quote = 0; run = 0
                    body(.doctype(line: tagLine, offset: tagOffset))
                } else {
                    let maybeComment = head.count == 1 && head[0] == 0x2D
                    let maybeCDATA = !html && Self.isPrefix(head, of: "[CDATA[")
                    let maybeDoctype = !html && Self.isPrefixIgnoringCase(head, of: "DOCTYPE")
                    if !(maybeComment || maybeCDATA || maybeDoctype) { state = b == 0x3E ? .text : .bogus }
                }

            case .comment:
                // Ends at `-->`; `run` counts the dashes just seen.
                while i < n {
                    let c = base[i]
                    i += 1
                    if c == 0x2D { run += 1 }
                    else if c == 0x3E && run >= 2 { state = .text; break }
                    else { if c == 0x0A { line += 1 }; run = 0 }
                }

            case .cdata:
                // Ends at `]]>`; its bytes are text, delivered with `&` escaped so that decoding
                // leaves them as written.
                var j = i
                while j < n {
                    let c = base[j]
                    j += 1
                    if c == 0x5D { run += 1; continue }
                    if c == 0x3E && run >= 2 {
                        if collectText { appendBrackets(run - 2, body) }
                        run = 0
                        state = .text
                        break
                    }
                    if collectText { appendBrackets(run, body) }
                    run = 0
                    if c == 0x0A { line += 1 }
                    if collectText {
                        if c == 0x26 { appendLiteral("&amp;", body) } else { var byte = c; withUnsafePointer(to: &byte) { appendText($0, 1, body) } }
                    }
                }
                i = j

            case .processingInstruction:
                while i < n {
                    let c = base[i]
                    i += 1
                    if c == 0x0A { line += 1 }
                    if c == 0x3E && run == 1 { state = .text; break }
                    run = c == 0x3F ? 1 : 0
                }

            case .bogus:
                var j = i
                while j < n {
                    let c = base[j]
                    j += 1
                    if c == 0x0A { line += 1 }
                    if c == 0x3E { state = .text; break }
                }
                i = j

            case .doctype:
                // The internal subset `[ … ]` holds ELEMENT/ATTLIST/ENTITY declarations whose
                // quoted defaults and comments may contain `]` or `>`: only an unquoted `>`
                // outside the brackets ends the declaration.
                while i < n {
                    let c = base[i]
                    i += 1
                    if c == 0x0A { line += 1 }
                    if quote != 0 { if c == quote { quote = 0 }; continue }
                    if c == 0x22 || c == 0x27 { quote = c; run = 0; continue }
                    if c == 0x2D {
                        // `<!--` inside the subset: `run` tracks `<`, `!`, `-`, `-`.
                        if run == 2 || run == 3 { run += 1 } else { run = 0 }
                        if run == 4 { state = .doctypeComment; run = 0; break }
                        continue
                    }
                    if c == 0x3C { run = 1; continue }
                    if c == 0x21 && run == 1 { run = 2; continue }
                    run = 0
                    if c == 0x5B { bracketDepth += 1 }
                    else if c == 0x5D { bracketDepth = max(0, bracketDepth - 1) }
                    else if c == 0x3E && bracketDepth == 0 { state = .text; break }
                }

            case .doctypeComment:
                while i < n {
                    let c = base[i]
                    i += 1
                    if c == 0x2D { run += 1 }
                    else if c == 0x3E && run >= 2 { state = .doctype; run = 0; break }
                    else { if c == 0x0A { line += 1 }; run = 0 }
                }

            case .rawText:
                i = scanRawText(base, i, n, chunkStart)
            }
        }
    }

    /// Ends the input: delivers the text read last (HTML) and returns what was left open, if
    /// anything. A tag cut off by the end is dropped; everything before it was delivered.
    public mutating func finish(_ body: (Token) -> Void) -> MarkupError? {
        var open: MarkupError.Kind?
        switch state {
        case .text, .rawText: break
        case .characterReference: _ = flushReference(terminated: false, body)
        case .tagOpen:
            if dialect == .html {
                var lt: UInt8 = 0x3C
                withUnsafePointer(to: &lt) { appendText($0, 1, body) }
            } else {
                open = .unclosedTag
            }
        case .endTagOpen, .tagBody, .skipTag, .bogus: open = .unclosedTag
        case .declaration: open = head.first == 0x2D ? .unclosedComment : .unclosedTag
        case .comment: open = .unclosedComment
        case .cdata: open = .unclosedCDATA
        case .processingInstruction: open = .unclosedProcessingInstruction
        case .doctype, .doctypeComment: open = .unclosedDoctype
        }
        state = .text
        if dialect == .html { flushText(body) }
        text.removeAll(keepingCapacity: true)
        textCut = false
        return open.map { MarkupError($0, line: tagLine, offset: tagOffset) }
    }

    // MARK: - Tags

    private mutating func beginTag(isEnd: Bool) {
        tag.removeAll(keepingCapacity: true)
        tagIsEnd = isEnd
        quote = 0
        afterEquals = false
        valueBytes = 0
        valuesCut = false
        tagOverlong = false
        lastTagByte = 0
    }

    /// An XML tag: read to the unquoted `>`; quoted values are copied up to `maxValueBytes`
    /// each, the whole tag up to `maxTagBytes` (beyond it the tag is read past and dropped).
    private mutating func scanXMLTag(_ base: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ body: (Token) -> Void) -> Int {
        var i = start
        while i < n {
            if quote == 0 {
                var j = i
                var c: UInt8 = 0
                while j < n {
                    c = base[j]
                    if c == 0x3E || c == 0x22 || c == 0x27 { break }
                    if c == 0x0A { line += 1 }
                    j += 1
                }
                appendTag(base + i, j - i)
                if j > i { lastTagByte = base[j - 1] }
                if j == n { return n }
                if c == 0x3E { emitTag(body); return j + 1 }
                quote = c
                valueBytes = 0
                appendTag(base + j, 1)
                i = j + 1
            } else {
                var j = i
                while j < n {
                    let c = base[j]
                    if c == quote { break }
                    if c == 0x0A { line += 1 }
                    j += 1
                }
                let room = maxValueBytes - valueBytes
                let take = min(max(0, room), j - i)
                appendTag(base + i, take)
                valueBytes += j - i
                if take < j - i { valuesCut = true }
                if j == n { return n }
                appendTag(base + j, 1)
                lastTagByte = quote
                quote = 0
                i = j + 1
            }
        }
        return i
    }

    /// An HTML tag: a quote opens a value only after `=`; a tag that outgrows `maxTagBytes`
    /// (an unclosed quote, binary data) is dropped there and reading resumes as text, so one
    /// broken tag cannot swallow the rest of a file.
    private mutating func scanHTMLTag(_ base: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ body: (Token) -> Void) -> Int {
        let room = max(0, maxTagBytes - tag.count)
        let limit = min(n, start + room + 1)
        var j = start
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
            } else if !MarkupTag.isSpace(b) {
                afterEquals = false
            }
            j += 1
        }
        if !closed && j - start > room {
            droppedTags += 1
            body(.problem(MarkupError(.tagTooLong(limit: maxTagBytes), line: tagLine, offset: tagOffset)))
            tag.removeAll(keepingCapacity: true)
            quote = 0
            state = .text
            return j
        }
        tag.append(contentsOf: UnsafeBufferPointer(start: base + start, count: j - start))
        if !closed { return n }
        emitTag(body)
        return j + 1
    }

    private mutating func appendTag(_ p: UnsafePointer<UInt8>, _ count: Int) {
        guard count > 0, !tagOverlong else { return }
        if tag.count + count > maxTagBytes { tagOverlong = true; return }
        tag.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
    }

    private mutating func emitTag(_ body: (Token) -> Void) {
        state = .text
        let isEnd = tagIsEnd
        if tagOverlong {
            droppedTags += 1
            body(.problem(MarkupError(.tagTooLong(limit: maxTagBytes), line: tagLine, offset: tagOffset)))
            // Still an element for nesting: its end tag will come.
            if !isEnd && dialect == .xml && lastTagByte != UInt8(ascii: "/") { depth += 1 }
            return
        }
        let html = dialect == .html
        var length = tag.count
        let selfClosing = !isEnd && tag.last == UInt8(ascii: "/")
        if selfClosing { length -= 1 }
        if isEnd { while length > 0, MarkupTag.isSpace(tag[length - 1]) { length -= 1 } }
        var nameLength = 0
        while nameLength < length {
            let b = tag[nameLength]
            if MarkupTag.isSpace(b) || b == UInt8(ascii: "/") { break }
            if html && b >= 0x41 && b <= 0x5A { tag[nameLength] = b | 0x20 }
            nameLength += 1
        }
        var deliver = true
        if !html {
            if isEnd {
                if depth > maxDepth { deliver = false }
                depth = max(0, depth - 1)
            } else {
                if depth + 1 > maxDepth { deliver = false; noteTooDeep(body) }
                if !selfClosing { depth += 1 }
            }
        }
        if html || deliver { flushText(body) }
        guard deliver else {
            text.removeAll(keepingCapacity: true)
            textCut = false
            return
        }
        let line = tagLine, offset = tagOffset, cut = valuesCut, dialect = self.dialect
        var enterRawText = false
        tag.withUnsafeBufferPointer { all in
            let t = MarkupTag(dialect: dialect, name: UnsafeBufferPointer(rebasing: all[0..<nameLength]),
                              raw: UnsafeBufferPointer(rebasing: all[0..<length]), line: line, offset: offset,
                              selfClosing: selfClosing, valuesCut: cut)
            if isEnd {
                body(.end(t))
            } else {
                body(.start(t))
                enterRawText = html && !selfClosing && (t.isNamed("script") || t.isNamed("style"))
            }
        }
        if enterRawText {
            rawName = Array(tag[0..<nameLength])
            rawMatched = 0
            state = .rawText
        }
    }

    private mutating func noteTooDeep(_ body: (Token) -> Void) {
        tooDeepElements += 1
        guard !reportedDepth else { return }
        reportedDepth = true
        body(.problem(MarkupError(.tooDeep(limit: maxDepth), line: tagLine, offset: tagOffset)))
    }

    /// HTML: skips `<script>`/`<style>` contents until `</name` followed by white space, `/`
    /// or `>`, then reads that end tag as a tag. Returns the index to continue at.
    private mutating func scanRawText(_ base: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ chunkStart: Int64) -> Int {
        var i = start
        while i < n {
            let b = base[i]
            if rawMatched == 0 {
                while i < n, base[i] != 0x3C {
                    if base[i] == 0x0A { line += 1 }
                    i += 1
                }
                if i < n { rawMatched = 1; tagOffset = chunkStart + Int64(i); i += 1 }
                continue
            }
            if rawMatched == 1 {
                rawMatched = b == UInt8(ascii: "/") ? 2 : (b == 0x3C ? 1 : 0)
                if b == 0x3C { tagOffset = chunkStart + Int64(i) }
                if b == 0x0A { line += 1 }
                i += 1
                continue
            }
            let k = rawMatched - 2
            if k < rawName.count {
                let lower = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                rawMatched = lower == rawName[k] ? rawMatched + 1 : (b == 0x3C ? 1 : 0)
                if b == 0x3C { tagOffset = chunkStart + Int64(i) }
                if b == 0x0A { line += 1 }
                i += 1
                continue
            }
            if MarkupTag.isSpace(b) || b == UInt8(ascii: "/") || b == UInt8(ascii: ">") {
                tagLine = line
                beginTag(isEnd: true)
                tag.append(contentsOf: rawName)
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

    // MARK: - Text

    @inline(__always)
    private mutating func appendText(_ p: UnsafePointer<UInt8>, _ count: Int, _ body: (Token) -> Void) {
        guard count > 0 else { return }
        let room = maxTextBytes - text.count
        if count <= room {
            text.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
        } else {
            if room > 0 { text.append(contentsOf: UnsafeBufferPointer(start: p, count: room)) }
            if !textCut {
                textCut = true
                truncatedTexts += 1
                body(.problem(MarkupError(.textTooLong(limit: maxTextBytes), line: textLine, offset: textOffset)))
            }
        }
    }

    private mutating func appendLiteral(_ s: StaticString, _ body: (Token) -> Void) {
        appendText(s.utf8Start, s.utf8CodeUnitCount, body)
    }

    private mutating func appendBrackets(_ count: Int, _ body: (Token) -> Void) {
        var b: UInt8 = 0x5D
        for _ in 0..<count { withUnsafePointer(to: &b) { appendText($0, 1, body) } }
    }

    private mutating func flushText(_ body: (Token) -> Void) {
        guard !text.isEmpty else { textCut = false; return }
        text.withUnsafeBufferPointer { body(.text($0)) }
        text.removeAll(keepingCapacity: true)
        textCut = false
    }

    /// HTML: a character reference ends; decoded when it is one, else `&` and the name stay
    /// text. Returns true when it was a reference.
    private mutating func flushReference(terminated: Bool, _ body: (Token) -> Void) -> Bool {
        if let codePoint = HTMLCharacterReference.codePoint(for: reference, terminated: terminated) {
            var decoded: [UInt8] = []
            HTMLCharacterReference.appendUTF8(codePoint, to: &decoded)
            decoded.withUnsafeBufferPointer { appendText($0.baseAddress!, $0.count, body) }
            return true
        }
        var literal: [UInt8] = [UInt8(ascii: "&")]
        literal.append(contentsOf: reference)
        literal.withUnsafeBufferPointer { appendText($0.baseAddress!, $0.count, body) }
        return false
    }

    // MARK: - Bytes

    @inline(__always)
    static func isNameStart(_ b: UInt8, html: Bool) -> Bool {
        let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
        if html { return letter }
        return letter || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b >= 0x80
    }

    private static func isPrefixIgnoringCase(_ bytes: [UInt8], of word: StaticString) -> Bool {
        guard bytes.count <= word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in bytes.indices where bytes[k] | 0x20 != w[k] | 0x20 { return false }
        return true
    }

    private static func isPrefix(_ bytes: [UInt8], of word: StaticString) -> Bool {
        guard bytes.count <= word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in bytes.indices where bytes[k] != w[k] { return false }
        return true
    }
}

/// What the markup tokenizer reports: a limit reached or input that ends inside markup, with
/// the line and byte offset (0-based, of the `<` that opened the construct) where it happened.
/// The pipeline names the file when the message reaches the report.
public struct MarkupError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case unclosedComment, unclosedCDATA, unclosedTag, unclosedProcessingInstruction, unclosedDoctype
        case tagTooLong(limit: Int)
        case textTooLong(limit: Int)
        case tooDeep(limit: Int)
    }

    public let kind: Kind
    public let line: Int
    public let offset: Int64

    public init(_ kind: Kind, line: Int, offset: Int64) {
        self.kind = kind
        self.line = line
        self.offset = offset
    }

    /// True when records were lost (everything but a cut text run).
    public var losesRecords: Bool {
        if case .textTooLong = kind { return false }
        return true
    }

    /// The message for the report (importer_message.* templates in the catalogs).
    public var description: String {
        switch kind {
        case .unclosedComment: return "the file ends inside a comment that opens at byte \(offset): nothing after it was read"
        case .unclosedCDATA: return "the file ends inside a CDATA section that opens at byte \(offset): it is truncated"
        case .unclosedTag: return "the file ends inside a tag that opens at byte \(offset): it is truncated"
        case .unclosedProcessingInstruction:
            return "the file ends inside a processing instruction that opens at byte \(offset): nothing after it was read"
        case .unclosedDoctype:
            return "the file ends inside a document type declaration that opens at byte \(offset): nothing after it was read"
        case .tagTooLong(let limit): return "tag longer than \(limit) bytes at byte \(offset): not read"
        case .textTooLong(let limit): return "text longer than \(limit) bytes at byte \(offset): cut"
        case .tooDeep(let limit): return "elements nested deeper than \(limit) levels from byte \(offset): not read"
        }
    }
}

/// XML text and attribute values decoded: the five predefined entities and numeric character
/// references; any other `&name;` is kept as written, never looked up.
public enum MarkupText {
    public static func decodeXML<C: Collection>(_ raw: C) -> String where C.Element == UInt8 {
        if let s = raw.withContiguousStorageIfAvailable({ decode($0) }) { return s }
        return Array(raw).withUnsafeBufferPointer { decode($0) }
    }

    private static func decode(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard raw.contains(0x26) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        let n = raw.count
        while i < n {
            let c = raw[i]
            guard c == 0x26, let semi = (i + 1..<min(n, i + 12)).first(where: { raw[$0] == 0x3B }) else { out.append(c); i += 1; continue }
            let entity = UnsafeBufferPointer(rebasing: raw[(i + 1)..<semi])
            var replacement: [UInt8]?
            switch String(decoding: entity, as: UTF8.self) {
            case "lt": replacement = [0x3C]
            case "gt": replacement = [0x3E]
            case "amp": replacement = [0x26]
            case "quot": replacement = [0x22]
            case "apos": replacement = [0x27]
            default:
                if entity.first == 0x23, let scalar = characterReference(entity.dropFirst()) {
                    replacement = Array(String(Character(scalar)).utf8)
                }
            }
            if let replacement { out.append(contentsOf: replacement); i = semi + 1 } else { out.append(c); i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `#233`/`#xE9` without the `#`: the scalar, or nil for NUL, surrogates, values past
    /// U+10FFFF and anything that is not digits.
    private static func characterReference(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Unicode.Scalar? {
        var body = digits
        var hex = false
        if body.first == UInt8(ascii: "x") || body.first == UInt8(ascii: "X") { hex = true; body = body.dropFirst() }
        guard !body.isEmpty, body.count <= 8 else { return nil }
        var value: UInt32 = 0
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
        guard value != 0 else { return nil }
        return Unicode.Scalar(value)
    }
}
