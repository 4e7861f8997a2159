import Formats
/// Finds record elements of a markup statement (OFX `STMTTRN`, CAMT.053 `Ntry`) by their byte
/// range and turns each target into an edit: the element removed with its indentation and line
/// break when it stands on lines of its own, or with `mask` its text runs that carry the
/// record's text replaced by `***`. An OFX 1.x (SGML) record that is never closed ends where
/// the next record or its list's end tag begins, as the OFX importer reads it.
public struct MarkupRecordFinder {
    /// How a format's records are counted and keyed.
    public struct Layout: Sendable {
        /// Local name of the record element.
        var record: String
        /// Names compared without case (OFX SGML), or exactly (XML).
        var ignoresCase: Bool
        /// Records count only inside one of these elements (OFX statement messages); empty:
        /// everywhere.
        var within: Set<String>
        /// End tags that close an unclosed record (SGML).
        var closers: Set<String>
        /// Key records by their 0-based ordinal (true) or by the line their start tag is on.
        var byOrdinal: Bool

        public static let ofx = Layout(record: "STMTTRN", ignoresCase: true, within: ["BANKMSGSRSV1", "CREDITCARDMSGSRSV1"],
                                       closers: ["BANKTRANLIST"], byOrdinal: true)
        public static let camt = Layout(record: "Ntry", ignoresCase: false, within: [], closers: ["Stmt", "Rpt", "Ntfctn"],
                                        byOrdinal: false)
    }

    let layout: Layout
    let targets: [RecordKey: [String]]
    let mask: Bool

    private enum State { case text, tag, comment, cdata, instruction }
    private var state = State.text
    private var tag: [UInt8] = []
    private var tagStart: Int64 = 0
    /// Where the tag being read began: its line, whether only blanks precede it on that line,
    /// and where that line starts.
    private var tagLine = 1
    private var tagStandsAlone = true
    private var tagLineStart: Int64 = 0
    private var line = 1
    private var afterCR = false
    private var lineStart: Int64 = 0
    private var blankSinceLineStart = true
    private var withinDepth = 0
    private var ordinal = 0
    /// Start tags seen per line for line-keyed targets, to refuse a line with two records.
    private var startsOnTargetLine: [Int: Int] = [:]

    private struct Open {
        var key: RecordKey
        var texts: [String]
        var start: Int64
        var masks: [ByteEdit] = []
    }
    private var open: Open?
    /// A closed record whose trailing blanks and line break are still being taken in.
    private var closing: (open: Open, end: Int64)?
    private var textStart: Int64 = 0
    private var textBytes: [UInt8] = []

    public init(layout: Layout, targets: [RecordKey: [String]], mask: Bool) {
        self.layout = layout
        self.targets = targets
        self.mask = mask
    }

    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, at offset: Int64) {
        for (i, c) in chunk.enumerated() {
            let at = offset + Int64(i)
            if closing != nil {
                if c == 0x20 || c == 0x09 { continue }
                if c == 0x0D {
                    closing!.end = at + 1
                } else if c == 0x0A {
                    closing!.end = at + 1
                    finishClosing()
                } else {
                    finishClosing()
                }
            }
            // Lines, counted as the importers' scanners do (CRLF, LF or lone CR).
            if c == 0x0D || (c == 0x0A && !afterCR) { line += 1 }
            afterCR = c == 0x0D
            if c == 0x0A || c == 0x0D {
                lineStart = at + 1
                blankSinceLineStart = true
                if state == .text { collectText(c, at) }
                if state == .tag { tag.append(0x20) }
                continue
            }
            switch state {
            case .text:
                if c == 0x3C { // <
                    endText(at)
                    state = .tag
                    tag.removeAll(keepingCapacity: true)
                    tagStart = at
                    tagLine = line
                    tagStandsAlone = blankSinceLineStart
                    tagLineStart = lineStart
                } else {
                    collectText(c, at)
                    if c != 0x20 && c != 0x09 { blankSinceLineStart = false }
                }
            case .tag:
                tag.append(c)
                if tag.count == 3 && tag == Array("!--".utf8) { state = .comment; continue }
                if tag.count == 8 && tag == Array("![CDATA[".utf8) { state = .cdata; continue }
                if tag.count == 1 && c == 0x3F { state = .instruction; continue }
                if c == 0x3E { tag.removeLast(); state = .text; handleTag(at + 1); blankSinceLineStart = false }
            case .comment:
                tag.append(c)
                if tag.suffix(3) == Array("-->".utf8)[...] { state = .text }
            case .cdata:
                tag.append(c)
                if tag.suffix(3) == Array("]]>".utf8)[...] { state = .text }
            case .instruction:
                if c == 0x3E { state = .text }
            }
        }
    }

    public mutating func finish(fileEnd: Int64) -> RecordEdits {
        if closing != nil { finishClosing() }
        if let record = open {
            // The file ends inside a record (SGML without end tags): it runs to the end.
            self.open = nil
            closing = (record, fileEnd)
            finishClosing()
        }
        // Two records starting on one target line: which one the importer meant cannot be told.
        let refused = Set(startsOnTargetLine.filter { $0.value > 1 }.map { RecordKey.line($0.key) })
        var result = RecordEdits()
        for (key, found) in keyed where !refused.contains(key) {
            result.placed.insert(key)
            if found.masked { result.masked.insert(key) }
            result.edits += found.edits
        }
        return result
    }

    private var keyed: [RecordKey: (edits: [ByteEdit], masked: Bool)] = [:]

    private func localName(_ bytes: ArraySlice<UInt8>) -> String {
        var name = bytes
        if let end = name.firstIndex(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x2F }) {
            name = name[..<end]
        }
        if let colon = name.lastIndex(of: 0x3A) { name = name[(colon + 1)...] }
        let text = String(decoding: name, as: UTF8.self)
        return layout.ignoresCase ? text.uppercased() : text
    }

    private var recordName: String { layout.ignoresCase ? layout.record.uppercased() : layout.record }

    private mutating func handleTag(_ end: Int64) {
        guard let first = tag.first, first != 0x21 else { return }
        let isEnd = first == 0x2F
        let name = localName(isEnd ? tag.dropFirst() : tag[...])
        let selfClosing = tag.last == 0x2F
        if layout.within.contains(name) {
            withinDepth += isEnd ? -1 : (selfClosing ? 0 : 1)
            withinDepth = max(0, withinDepth)
        }
        if isEnd {
            if name == recordName, let record = open {
                open = nil
                closeRecord(record, end: end)
            } else if layout.closers.contains(name), let record = open {
                open = nil
                closeRecord(record, end: tagStart, lineBreak: false)
            }
            return
        }
        guard name == recordName, !selfClosing else { return }
        if let record = open {
            // SGML: the previous record was never closed.
            open = nil
            closeRecord(record, end: tagStart, lineBreak: false)
        }
        guard layout.within.isEmpty || withinDepth > 0 else { return }
        let key: RecordKey = layout.byOrdinal ? .record(ordinal) : .line(tagLine)
        ordinal += 1
        if case .line(let n) = key, targets[key] != nil { startsOnTargetLine[n, default: 0] += 1 }
        guard let texts = targets[key] else { return }
        open = Open(key: key, texts: texts, start: tagStandsAlone ? tagLineStart : tagStart)
    }

    private mutating func collectText(_ c: UInt8, _ at: Int64) {
        guard open != nil, mask else { return }
        if textBytes.isEmpty { textStart = at }
        textBytes.append(c)
    }

    private mutating func endText(_ at: Int64) {
        defer { textBytes.removeAll(keepingCapacity: true) }
        guard open != nil, mask, !textBytes.isEmpty else { return }
        // The run without its surrounding blanks (SGML leaves run to the line break).
        var lower = 0, upper = textBytes.count
        while lower < upper, [0x20, 0x09, 0x0A, 0x0D].contains(textBytes[lower]) { lower += 1 }
        while upper > lower, [0x20, 0x09, 0x0A, 0x0D].contains(textBytes[upper - 1]) { upper -= 1 }
        guard upper > lower else { return }
        let value = MarkupRecordFinder.decodeEntities(TextDecoding.decodeUTF8OrWindows1252(textBytes[lower..<upper]))
        if MaskedText.covers(value, open!.texts) {
            open!.masks.append(ByteEdit(start: textStart + Int64(lower), end: textStart + Int64(upper), replacement: MaskedText.csv))
        }
    }

    /// A record ends at `end`; its trailing blanks and line break go with it unless
    /// `lineBreak` is false (it ends where the next tag begins).
    private mutating func closeRecord(_ record: Open, end: Int64, lineBreak: Bool = true) {
        closing = (record, end)
        if !lineBreak { finishClosing() }
    }

    private mutating func finishClosing() {
        guard let (record, end) = closing else { return }
        closing = nil
        if mask && !record.masks.isEmpty {
            keyed[record.key] = (record.masks, true)
        } else {
            keyed[record.key] = ([ByteEdit(start: record.start, end: end)], false)
        }
    }

    /// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` and numeric references resolved, for comparing a
    /// text run with a record's text.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                out += rest[amp...]
                return out
            }
            let name = rest[rest.index(after: amp)..<semi]
            switch name {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) {
                    out.unicodeScalars.append(s)
                } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let s = Unicode.Scalar(v) {
                    out.unicodeScalars.append(s)
                } else {
                    out += rest[amp...semi]
                }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
