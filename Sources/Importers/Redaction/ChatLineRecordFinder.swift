/// Finds messages of a WhatsApp chat export (`.txt`) by the line their header starts on: a
/// message runs from its header line to the line before the next header (system notices
/// included, which start with a header too), as the WhatsApp importer reads it. A target is
/// removed with its line breaks, or with `mask` the text after `Name: ` (continuation lines
/// included) becomes `***`.
public struct ChatLineRecordFinder {
    let targets: [Int: [String]]
    let mask: Bool

    private var line = 1
    private var afterCR = false
    private var lineStart: Int64 = 0
    private var current: [UInt8] = []
    /// The message being read when it is a target: its start, where its text starts, where
    /// its content ends so far (before the last line break).
    private var open: (line: Int, start: Int64, textStart: Int64?, contentEnd: Int64)?
    private var result = RecordEdits()
    /// Header bytes looked at per line: the header and `Name:` fit in far less.
    static let headLimit = 4096

    public init(targets: [Int: [String]], mask: Bool) {
        self.targets = targets
        self.mask = mask
    }

    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, at offset: Int64) {
        for (i, c) in chunk.enumerated() {
            let at = offset + Int64(i)
            if c == 0x0A && afterCR {
                afterCR = false
                lineStart = at + 1
                continue
            }
            afterCR = c == 0x0D
            if c == 0x0A || c == 0x0D {
                endLine(contentEnd: at)
                lineStart = at + 1
                line += 1
                continue
            }
            if current.count < Self.headLimit { current.append(c) }
        }
    }

    public mutating func finish(fileEnd: Int64) -> RecordEdits {
        if fileEnd > lineStart || !current.isEmpty { endLine(contentEnd: fileEnd) }
        close(at: fileEnd)
        return result
    }

    private mutating func endLine(contentEnd: Int64) {
        defer { current.removeAll(keepingCapacity: true) }
        let header = WhatsAppChatLine.parse(current[...])
        if header != nil {
            close(at: lineStart)
            if targets[line] != nil {
                var textStart: Int64?
                if let header {
                    let body = current[header.bodyStart...]
                    if let colon = body.firstIndex(of: UInt8(ascii: ":")) {
                        var start = colon + 1
                        if start < body.endIndex && body[start] == 0x20 { start += 1 }
                        start = WhatsAppChatLine.skipMarks(body, from: start)
                        textStart = lineStart + Int64(start)
                    }
                }
                open = (line, lineStart, textStart, contentEnd)
            }
        } else if open != nil {
            open!.contentEnd = contentEnd
        }
    }

    /// The open target message ends just before `end` (the next header's line start).
    private mutating func close(at end: Int64) {
        guard let message = open else { return }
        open = nil
        let key = RecordKey.line(message.line)
        result.placed.insert(key)
        if mask, let textStart = message.textStart, textStart < message.contentEnd {
            result.masked.insert(key)
            result.edits.append(ByteEdit(start: textStart, end: message.contentEnd, replacement: MaskedText.csv))
        } else {
            result.edits.append(ByteEdit(start: message.start, end: end))
        }
    }
}
