import Formats
/// Finds records of line-tagged statements by the line they start on, as their importers read
/// them: an MT940 `:61:` statement line runs with its `:86:` information up to the next other
/// tag (or the message's `-` end); a QIF record runs up to and including its `^` line (or up
/// to the next `!` section line). A target is removed with its line breaks, or with `mask` each
/// of its lines whose text carries the record's text keeps its tag and gets `***`.
public struct LineBlockRecordFinder {
    public enum Style: Sendable { case mt940, qif }

    let style: Style
    let targets: [Int: [String]]
    let mask: Bool

    private var line = 1
    private var afterCR = false
    private var lineStart: Int64 = 0
    private var current: [UInt8] = []
    private var open: (line: Int, start: Int64, masks: [ByteEdit])?
    private var result = RecordEdits()
    static let headLimit = 4096

    public init(style: Style, targets: [Int: [String]], mask: Bool) {
        self.style = style
        self.targets = targets
        self.mask = mask
    }

    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, at offset: Int64) {
        for (i, c) in chunk.enumerated() {
            let at = offset + Int64(i)
            if c == 0x0A && afterCR {
                afterCR = false
                lineStart = at + 1
                if closeAfterLine { closeAfterLine = false; close(at: at + 1) }
                continue
            }
            afterCR = c == 0x0D
            if c == 0x0A || c == 0x0D {
                endLine(contentEnd: at, next: at + 1)
                lineStart = at + 1
                line += 1
                continue
            }
            if current.count < Self.headLimit { current.append(c) }
        }
    }

    public mutating func finish(fileEnd: Int64) -> RecordEdits {
        if fileEnd > lineStart || !current.isEmpty { endLine(contentEnd: fileEnd, next: fileEnd) }
        close(at: fileEnd)
        return result
    }

    /// A QIF `^` line ended with CR: its LF, if one follows, goes with the record.
    private var closeAfterLine = false

    private mutating func endLine(contentEnd: Int64, next: Int64) {
        defer { current.removeAll(keepingCapacity: true) }
        if closeAfterLine { closeAfterLine = false; close(at: lineStart) }
        var text = current[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        if open != nil && endsBefore(text) { close(at: lineStart) }
        if open == nil, targets[line] != nil { open = (line, lineStart, []) }
        guard open != nil else { return }
        if mask, let texts = targets[open!.line], let tagLength = tagLength(text), text.count > tagLength {
            let value = TextDecoding.decodeUTF8OrWindows1252(text.dropFirst(tagLength))
            if MaskedText.covers(value, texts) {
                let start = lineStart + Int64(current.count - text.count + tagLength)
                open!.masks.append(ByteEdit(start: start, end: contentEnd, replacement: MaskedText.csv))
            }
        }
        if style == .qif && text.first == UInt8(ascii: "^") {
            if afterCR { closeAfterLine = true } else { close(at: next) }
        }
    }

    /// Whether this line is no longer part of the open record.
    private func endsBefore(_ text: ArraySlice<UInt8>) -> Bool {
        guard let first = text.first else { return false }
        switch style {
        case .qif:
            return first == UInt8(ascii: "!")
        case .mt940:
            if first == UInt8(ascii: "-") || first == UInt8(ascii: "{") { return true }
            guard first == UInt8(ascii: ":"), let length = tagLength(text) else { return false }
            let tag = text.prefix(length)
            return !(tag.elementsEqual(":86:".utf8) || tag.elementsEqual(":NS:".utf8))
        }
    }

    /// The length of the line's tag (`:86:`, `:61:`, `:60F:`; a QIF field code), nil for a line without one.
    private func tagLength(_ text: ArraySlice<UInt8>) -> Int? {
        switch style {
        case .qif:
            return text.isEmpty ? nil : 1
        case .mt940:
            let s = text.startIndex
            guard text.count >= 4, text[s] == UInt8(ascii: ":") else { return nil }
            if let close = text[(s + 1)...].prefix(4).firstIndex(of: UInt8(ascii: ":")) { return close - s + 1 }
            return nil
        }
    }

    private mutating func close(at end: Int64) {
        guard let record = open else { return }
        open = nil
        let key = RecordKey.line(record.line)
        result.placed.insert(key)
        if mask && !record.masks.isEmpty {
            result.masked.insert(key)
            result.edits += record.masks
        } else {
            result.edits.append(ByteEdit(start: record.start, end: end))
        }
    }
}
