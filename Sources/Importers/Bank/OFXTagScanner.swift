/// A streaming tag scanner for OFX, both 1.x SGML (leaf tags never closed) and 2.x XML. It
/// is not an XML parser: it reports start tags, end tags and the text between them, skips
/// comments and declarations, unwraps CDATA, and keeps line numbers. Names and text are
/// bounded, so hostile input cannot grow memory.
struct OFXTagScanner {
    /// The tag names the parser acts on, recognised on the bytes: a `String` per tag and a
    /// switch over strings were 40 % of an OFX scan (docs/performance.md).
    enum Tag: UInt8 {
        case ofx, bankMessages, cardMessages, statement, cardStatement, transaction, transactionList
        case payee, currency, originalCurrency, currencyDefault, type, posted, userDate, amount
        case fitID, name, memo, sic, currencySymbol
        /// Any other name (still a tag: it ends the open SGML leaf).
        case other
    }

    /// A token's bytes are valid only during the callback that receives it: they point into
    /// the chunk being fed, or into the scanner's buffer when a name or text crossed a chunk.
    enum Token {
        case start(Tag, line: Int)
        case end(Tag, line: Int)
        /// Text between tags; `raw` when it came from CDATA (no entities to decode).
        case text(UnsafeBufferPointer<UInt8>, raw: Bool)
        /// `<?xml …?>` or `<?OFX …?>` content.
        case instruction(UnsafeBufferPointer<UInt8>)
    }

    static let maxTagLength = 4096
    static let maxTextLength = 64 * 1024

    private enum State { case text, tag, comment, cdata }
    private var state = State.text
    /// A tag or text that crossed a chunk boundary (or CDATA), collected byte by byte; the
    /// common tag or text that lies within one chunk is handed over from the chunk itself.
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
                // Text runs to the next `<`: handed over from the chunk when they start and end
                // in it, else collected (bounded).
                var j = i
                while j < count {
                    let c = base[j]
                    if c == 0x3C { break }
                    countLine(c)
                    j += 1
                }
                if j == count {
                    appendText(UnsafeBufferPointer(start: base + i, count: j - i))
                    return
                }
                afterCR = false
                if text.isEmpty && !textIsRaw {
                    if j > i { body(.text(UnsafeBufferPointer(start: base + i, count: min(Self.maxTextLength, j - i)), raw: false)) }
                } else {
                    appendText(UnsafeBufferPointer(start: base + i, count: j - i))
                    flushText(body)
                }
                tagLine = line
                // A tag that ends in this chunk and is not a comment, CDATA or declaration (all
                // `<!`) is read from the chunk: the usual case, which costs no copy.
                var k = j + 1
                var sawLineEnd = false
                while k < count {
                    let c = base[k]
                    if c == 0x3E || c == 0x3C { break }
                    if c == 0x0A || c == 0x0D { sawLineEnd = true }
                    k += 1
                }
                if k < count && base[k] == 0x3E && k > j + 1 && base[j + 1] != 0x21 && k - j - 1 <= Self.maxTagLength {
                    if sawLineEnd { for m in (j + 1)..<k { countLine(base[m]) } }
                    afterCR = false
                    emitTag(UnsafeBufferPointer(start: base + j + 1, count: k - j - 1), body)
                    i = k + 1
                } else {
                    if !tag.isEmpty { tag.removeAll(keepingCapacity: true) }
                    state = .tag
                    i = j + 1
                }
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
                    tag.withUnsafeBufferPointer { emitTag($0, body) }
                } else if c == 0x3C {
                    // A stray `<` inside a tag: the broken tag is dropped, a new one starts.
                    tag.removeAll(keepingCapacity: true)
                    tagLine = line
                } else if tag.count < Self.maxTagLength {
                    tag.append(c)
                    if tag.count == 3 && tag[0] == 0x21 && tag[1] == 0x2D && tag[2] == 0x2D { state = .comment; run = 0 } // !--
                    else if tag.count == 8 && tag[0] == 0x21 && tag.elementsEqual(Self.cdataOpening) { state = .cdata; run = 0; textIsRaw = true }
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

    private static let cdataOpening: [UInt8] = Array("![CDATA[".utf8)

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

    private mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
        let room = Self.maxTextLength - text.count
        if room > 0 && !bytes.isEmpty { text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes.prefix(room))) }
    }

    private mutating func flushText(_ body: (Token) -> Void) {
        guard !text.isEmpty else { textIsRaw = false; return }
        text.withUnsafeBufferPointer { body(.text($0, raw: textIsRaw)) }
        text.removeAll(keepingCapacity: true)
        textIsRaw = false
    }

    private func emitTag(_ tag: UnsafeBufferPointer<UInt8>, _ body: (Token) -> Void) {
        guard let first = tag.first else { return }
        switch first {
        case 0x3F: // ?
            body(.instruction(UnsafeBufferPointer(rebasing: tag.dropFirst())))
        case 0x21: // ! (DOCTYPE and other declarations)
            break
        case 0x2F: // /
            // An end tag with an empty name (`</>`) is reported as some other tag, as before.
            body(.end(Self.tag(tag, from: 1) ?? .other, line: tagLine))
        default:
            guard let name = Self.tag(tag, from: 0) else { return }
            body(.start(name, line: tagLine))
            if tag.last == 0x2F { body(.end(name, line: tagLine)) } // <EMPTY/>
        }
    }

    /// Known names by length, in capitals.
    private static let names: [[(name: [UInt8], tag: Tag)]] = {
        let all: [(String, Tag)] = [
            ("OFX", .ofx), ("BANKMSGSRSV1", .bankMessages), ("CREDITCARDMSGSRSV1", .cardMessages),
            ("STMTRS", .statement), ("CCSTMTRS", .cardStatement), ("STMTTRN", .transaction),
            ("BANKTRANLIST", .transactionList), ("PAYEE", .payee), ("CURRENCY", .currency),
            ("ORIGCURRENCY", .originalCurrency), ("CURDEF", .currencyDefault), ("TRNTYPE", .type),
            ("DTPOSTED", .posted), ("DTUSER", .userDate), ("TRNAMT", .amount), ("FITID", .fitID),
            ("NAME", .name), ("MEMO", .memo), ("SIC", .sic), ("CURSYM", .currencySymbol),
        ]
        var table = Array(repeating: [(name: [UInt8], tag: Tag)](), count: all.map(\.0.utf8.count).max()! + 1)
        for (name, tag) in all { table[name.utf8.count].append((Array(name.utf8), tag)) }
        return table
    }()

    /// The tag named by `bytes[from...]` up to the first space or `/`, compared ASCII
    /// case-insensitively (OFX names are case-insensitive in practice, though the spec writes
    /// them in capitals); nil when the name is empty.
    private static func tag(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Tag? {
        var end = start
        while end < bytes.count {
            let b = bytes[end]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x2F { break }
            end += 1
        }
        let length = end - start
        guard length > 0 else { return nil }
        guard length < names.count else { return .other }
        candidates: for candidate in names[length] {
            for k in 0..<length {
                let b = bytes[start + k]
                if (b >= 0x61 && b <= 0x7A ? b - 0x20 : b) != candidate.name[k] { continue candidates }
            }
            return candidate.tag
        }
        return .other
    }
}
