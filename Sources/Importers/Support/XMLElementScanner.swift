/// A streaming, non-validating XML tokenizer over bytes for flat record formats (ISO 20022
/// statements): start tags with their raw attribute bytes, text, end tags. No DOM and no
/// Foundation XMLParser (which crashes on some DTDs). A DOCTYPE is read past, its internal
/// subset ignored, and entities are never expanded beyond the five predefined ones and
/// numeric references, so entity bombs and external entities cannot do anything.
/// Memory is bounded: text runs and tags longer than `maxTokenBytes` are cut.
public struct XMLElementScanner {
    /// What the scanner found; byte slices are valid only during the callback.
    public enum Token {
        case start(name: ArraySlice<UInt8>, attributes: ArraySlice<UInt8>, selfClosing: Bool, line: Int)
        case end(name: ArraySlice<UInt8>)
        /// Character data between tags, entities still encoded (see `decodeText`).
        case text(ArraySlice<UInt8>)
        case doctype(line: Int)
    }

    private enum State { case text, markupHead, markup, comment, cdata, doctype, processingInstruction }
    private var state = State.text
    private var buffer: [UInt8] = []
    private var quote: UInt8 = 0
    private var doctypeBracketDepth = 0
    private var overlong = false
    public private(set) var line = 1
    private var markupLine = 1
    public let maxTokenBytes: Int
    private static let commentOpen = Array("!--".utf8)
    private static let cdataOpen = Array("![CDATA[".utf8)
    private static let doctypeOpen = Array("!DOCTYPE".utf8)

    public init(maxTokenBytes: Int = 1 << 20) {
        self.maxTokenBytes = maxTokenBytes
    }

    /// Calls `body` for every token completed in `chunk`.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (Token) -> Void) {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let n = chunk.count
        var i = 0
        while i < n {
            switch state {
            case .text:
                // Runs up to the next `<` are appended at once.
                var j = i
                while j < n && base[j] != 0x3C { if base[j] == 0x0A { line += 1 }; j += 1 }
                append(base + i, j - i)
                if j < n {
                    if !buffer.isEmpty { body(.text(buffer[...])) }
                    buffer.removeAll(keepingCapacity: true)
                    overlong = false
                    state = .markupHead
                    markupLine = line
                    quote = 0
                    j += 1
                }
                i = j
            case .markupHead:
                // The first bytes after `<` decide what kind of markup this is: comments, CDATA
                // and DOCTYPE may contain `>` before their end.
                let c = base[i]
                if buffer.isEmpty && c == 0x3F { state = .processingInstruction; i += 1; continue }
                if buffer.isEmpty && c != 0x21 { state = .markup; continue }
                buffer.append(c)
                i += 1
                if c == 0x0A { line += 1 }
                if buffer.elementsEqual(Self.commentOpen) { state = .comment; buffer.removeAll(keepingCapacity: true) }
                else if buffer.elementsEqual(Self.cdataOpen) { state = .cdata; buffer.removeAll(keepingCapacity: true) }
                else if buffer.elementsEqual(Self.doctypeOpen) {
                    state = .doctype; doctypeBracketDepth = 0; buffer.removeAll(keepingCapacity: true)
                    body(.doctype(line: markupLine))
                } else if !Self.commentOpen.starts(with: buffer) && !Self.cdataOpen.starts(with: buffer)
                            && !Self.doctypeOpen.starts(with: buffer) {
                    state = .markup
                }
            case .markup:
                var j = i
                while j < n {
                    let c = base[j]
                    if c == 0x0A { line += 1 }
                    if quote != 0 { if c == quote { quote = 0 } }
                    else if c == 0x22 || c == 0x27 { quote = c }
                    else if c == 0x3E { break }
                    j += 1
                }
                append(base + i, j - i)
                i = j
                if j < n { // at `>`
                    emitMarkup(body)
                    buffer.removeAll(keepingCapacity: true)
                    overlong = false
                    state = .text
                    i += 1
                }
            case .comment, .processingInstruction:
                // Ends at `-->` / `?>`: only the last two bytes need remembering.
                let first: UInt8 = state == .comment ? 0x2D : 0x3F
                while i < n {
                    let c = base[i]
                    if c == 0x0A { line += 1 }
                    i += 1
                    if c == 0x3E && (state == .comment ? (quoteTail(2) == [first, first]) : (quoteTail(1) == [first])) {
                        buffer.removeAll(keepingCapacity: true); state = .text; break
                    }
                    remember(c)
                }
            case .cdata:
                var j = i
                while j < n {
                    let c = base[j]
                    if c == 0x0A { line += 1 }
                    if c == 0x3E && buffer.count >= 2 && buffer[buffer.count - 1] == 0x5D && buffer[buffer.count - 2] == 0x5D {
                        buffer.removeLast(2)
                        // CDATA is literal text: delivered with `&` escaped so decodeText leaves it as is.
                        let literal = buffer.flatMap { $0 == 0x26 ? Array("&amp;".utf8) : [$0] }
                        body(.text(literal[...]))
                        buffer.removeAll(keepingCapacity: true)
                        state = .text
                        j += 1
                        break
                    }
                    if buffer.count < maxTokenBytes { buffer.append(c) }
                    j += 1
                }
                i = j
            case .doctype:
                while i < n {
                    let c = base[i]
                    if c == 0x0A { line += 1 }
                    i += 1
                    if c == 0x5B { doctypeBracketDepth += 1 }
                    else if c == 0x5D { doctypeBracketDepth = max(0, doctypeBracketDepth - 1) }
                    else if c == 0x3E && doctypeBracketDepth == 0 { state = .text; break }
                }
            }
        }
    }

    /// Remembers the last two bytes of a comment or processing instruction.
    private mutating func remember(_ c: UInt8) {
        if buffer.count >= 2 { buffer.removeFirst() }
        buffer.append(c)
    }

    private func quoteTail(_ k: Int) -> [UInt8] { Array(buffer.suffix(k)) }

    private mutating func append(_ p: UnsafePointer<UInt8>, _ count: Int) {
        guard count > 0 else { return }
        let room = maxTokenBytes - buffer.count
        if room <= 0 { overlong = true; return }
        buffer.append(contentsOf: UnsafeBufferPointer(start: p, count: min(room, count)))
        if count > room { overlong = true }
    }

    private func emitMarkup(_ body: (Token) -> Void) {
        let m = buffer[...]
        guard let first = m.first else { return }
        if first == 0x2F {
            var name = m.dropFirst()
            while let l = name.last, l == 0x20 || l == 0x0A || l == 0x0D || l == 0x09 { name = name.dropLast() }
            body(.end(name: localName(name)))
            return
        }
        if first == 0x21 { return } // other declarations (`<!ELEMENT` outside a DOCTYPE): ignored
        var content = m
        var selfClosing = false
        if content.last == 0x2F { selfClosing = true; content = content.dropLast() }
        let nameEnd = content.firstIndex(where: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) ?? content.endIndex
        body(.start(name: localName(content[..<nameEnd]), attributes: content[nameEnd...], selfClosing: selfClosing, line: markupLine))
        if selfClosing { body(.end(name: localName(content[..<nameEnd]))) }
    }

    /// `camt:Ntry` → `Ntry`: statements come with and without namespace prefixes.
    private func localName(_ qualified: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        if let colon = qualified.lastIndex(of: 0x3A) { return qualified[(colon + 1)...] }
        return qualified
    }

    /// The raw value of attribute `name` (local name) in a start tag's attribute bytes.
    public static func attribute(_ name: String, in attributes: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let key = Array(name.utf8)
        var i = attributes.startIndex
        while i < attributes.endIndex {
            while i < attributes.endIndex, attributes[i] == 0x20 || attributes[i] == 0x0A || attributes[i] == 0x0D || attributes[i] == 0x09 { i += 1 }
            let nameStart = i
            while i < attributes.endIndex, attributes[i] != 0x3D, attributes[i] != 0x20 { i += 1 }
            var attrName = attributes[nameStart..<i]
            if let colon = attrName.lastIndex(of: 0x3A) { attrName = attrName[(colon + 1)...] }
            while i < attributes.endIndex, attributes[i] != 0x22, attributes[i] != 0x27 { i += 1 }
            guard i < attributes.endIndex else { return nil }
            let q = attributes[i]
            let valueStart = i + 1
            guard let valueEnd = attributes[valueStart...].firstIndex(of: q) else { return nil }
            if attrName.elementsEqual(key) { return attributes[valueStart..<valueEnd] }
            i = valueEnd + 1
        }
        return nil
    }

    /// Text with `&lt; &gt; &amp; &quot; &apos;` and `&#NN;`/`&#xHH;` decoded; any other
    /// entity reference is kept literally (never expanded).
    public static func decodeText(_ raw: ArraySlice<UInt8>) -> String {
        guard raw.contains(0x26) else { return TextDecoding.decode(raw, as: .utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        while i < raw.endIndex {
            let c = raw[i]
            guard c == 0x26, let semi = raw[i..<min(raw.endIndex, i + 12)].firstIndex(of: 0x3B) else { out.append(c); i += 1; continue }
            let entity = raw[(i + 1)..<semi]
            var replacement: [UInt8]?
            switch String(decoding: entity, as: UTF8.self) {
            case "lt": replacement = [0x3C]
            case "gt": replacement = [0x3E]
            case "amp": replacement = [0x26]
            case "quot": replacement = [0x22]
            case "apos": replacement = [0x27]
            default:
                if entity.first == 0x23 {
                    let hex = entity.dropFirst().first == 0x78 || entity.dropFirst().first == 0x58
                    let digits = String(decoding: entity.dropFirst(hex ? 2 : 1), as: UTF8.self)
                    if let v = UInt32(digits, radix: hex ? 16 : 10), let scalar = Unicode.Scalar(v), v != 0 {
                        replacement = Array(String(Character(scalar)).utf8)
                    }
                }
            }
            if let replacement { out.append(contentsOf: replacement); i = semi + 1 } else { out.append(c); i += 1 }
        }
        return TextDecoding.decode(out, as: .utf8)
    }
}
