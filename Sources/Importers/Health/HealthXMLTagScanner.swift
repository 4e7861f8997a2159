/// A streaming tag scanner for XML whose records are attribute-only elements (Apple Health's
/// `export.xml`, GPX-like files written by Apple). It hands over every start tag whose name
/// is in `wanted` as raw bytes (name and attributes, entities still encoded), reports end tags
/// of `wanted` names, and skips everything else at memchr-like speed: text, other tags,
/// comments, processing instructions, CDATA and the document type declaration.
///
/// Why not FoundationXML: `XMLParser` crashes on the `<!ATTLIST` declarations in the DTD that
/// every export.xml carries, and `XMLParser(data:)` loads the whole file (docs/performance.md, "Measurements behind the design").
/// Untrusted input: the DTD's internal subset is skipped as a whole (quoted strings and
/// comments inside it may contain `]` and `>`), so its entities are never defined or expanded.
/// Memory is bounded: a tag longer than `maxTagBytes` is dropped and reported.
struct HealthXMLTagScanner {
    enum Token {
        /// `tag` holds the bytes between `<` and `>` (without a trailing `/`); valid only in the callback.
        case start(tag: ArraySlice<UInt8>, nameLength: Int, selfClosing: Bool, line: Int)
        case end(name: ArraySlice<UInt8>, line: Int)
        case doctype(line: Int)
        case overlong(line: Int)
    }

    private enum State {
        case text, afterLess, tag, skipTag, comment, processingInstruction, cdata, doctype, doctypeComment, markupDeclaration
    }

    private var state = State.text
    private var buffer: [UInt8] = []
    private var quote: UInt8 = 0
    private var run = 0
    private var bracketDepth = 0
    private var overlong = false
    private(set) var line = 1
    private var tagLine = 1
    let maxTagBytes: Int
    /// First bytes of tag names whose tags are collected; others are skipped without copying.
    private let wantedFirstBytes: Set<UInt8>

    init(wantedFirstBytes: Set<UInt8>, maxTagBytes: Int = 256 * 1024) {
        self.wantedFirstBytes = wantedFirstBytes
        self.maxTagBytes = maxTagBytes
    }

    /// True when the input so far ended outside any markup.
    var atTextBoundary: Bool { state == .text }

    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (Token) -> Void) {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let n = chunk.count
        var i = 0
        while i < n {
            switch state {
            case .text:
                while i < n {
                    let c = base[i]
                    if c == 0x3C { break }
                    if c == 0x0A { line += 1 }
                    i += 1
                }
                if i < n { state = .afterLess; tagLine = line; i += 1 }
            case .afterLess:
                let c = base[i]
                buffer.removeAll(keepingCapacity: true)
                overlong = false
                quote = 0
                run = 0
                if c == 0x21 { state = .markupDeclaration; i += 1 }           // <!
                else if c == 0x3F { state = .processingInstruction; i += 1 }  // <?
                else if wantedFirstBytes.contains(c) || c == 0x2F { state = .tag }
                else { state = .skipTag }
            case .markupDeclaration:
                // Decide between <!-- , <![CDATA[ and <!DOCTYPE (or another declaration) from
                // the first byte after `!`; a declaration outside a DTD is skipped like a tag.
                let c = base[i]
                if c == 0x2D { state = .comment; run = 0; i += 1 }
                else if c == 0x5B { state = .cdata; run = 0; i += 1 }
                else if c == 0x44 || c == 0x64 { state = .doctype; bracketDepth = 0; quote = 0; body(.doctype(line: tagLine)) }
                else { state = .skipTag }
            case .tag:
                let start = i
                while i < n {
                    let c = base[i]
                    if quote != 0 { if c == quote { quote = 0 } }
                    else if c == 0x22 || c == 0x27 { quote = c }
                    else if c == 0x3E { break }
                    if c == 0x0A { line += 1 }
                    i += 1
                }
                append(base + start, i - start)
                if i < n { emitTag(body); state = .text; i += 1 }
            case .skipTag:
                while i < n {
                    let c = base[i]
                    if quote != 0 { if c == quote { quote = 0 } }
                    else if c == 0x22 || c == 0x27 { quote = c }
                    else if c == 0x3E { break }
                    if c == 0x0A { line += 1 }
                    i += 1
                }
                if i < n { state = .text; i += 1 }
            case .comment, .doctypeComment:
                // Ends at `-->`; `run` counts the dashes just seen.
                while i < n {
                    let c = base[i]
                    i += 1
                    if c == 0x0A { line += 1 }
                    if c == 0x2D { run += 1 }
                    else if c == 0x3E && run >= 2 { state = state == .comment ? .text : .doctype; run = 0; break }
                    else { run = 0 }
                }
            case .processingInstruction:
                while i < n {
                    let c = base[i]
                    i += 1
                    if c == 0x0A { line += 1 }
                    if c == 0x3E && run == 1 { state = .text; break }
                    run = c == 0x3F ? 1 : 0
                }
            case .cdata:
                while i < n {
                    let c = base[i]
                    i += 1
                    if c == 0x0A { line += 1 }
                    if c == 0x5D { run += 1 }
                    else if c == 0x3E && run >= 2 { state = .text; run = 0; break }
                    else { run = 0 }
                }
            case .doctype:
                // The internal subset `[ … ]` holds ELEMENT/ATTLIST/ENTITY declarations whose
                // quoted defaults and comments may contain `]` or `>`: only an unquoted `>`
                // outside the brackets ends the DOCTYPE.
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
            }
        }
    }

    private mutating func append(_ p: UnsafePointer<UInt8>, _ count: Int) {
        guard count > 0, !overlong else { return }
        if buffer.count + count > maxTagBytes { overlong = true; return }
        buffer.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
    }

    private func emitTag(_ body: (Token) -> Void) {
        if overlong { body(.overlong(line: tagLine)); return }
        var tag = buffer[...]
        if tag.first == 0x2F {
            var name = tag.dropFirst()
            while let last = name.last, Self.isSpace(last) { name = name.dropLast() }
            body(.end(name: name, line: tagLine))
            return
        }
        var selfClosing = false
        if tag.last == 0x2F { selfClosing = true; tag = tag.dropLast() }
        var nameLength = 0
        for c in tag { if Self.isSpace(c) { break }; nameLength += 1 }
        body(.start(tag: tag, nameLength: nameLength, selfClosing: selfClosing, line: tagLine))
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }
}
