import Formats
/// Finds the byte range of each CSV record that starts on one of the target lines, reading the
/// file as `CSVRecordReader` does (the same quote rules and line counting, so a quoted field
/// with line breaks is one record), and turns each into an edit: the record and its line break
/// removed, or with `mask` its text fields replaced by `***` (docs/redact.md).
public struct CSVRecordFinder {
    public let delimiter: UInt8
    /// Line number → the texts that may be masked in that record.
    let targets: [Int: [String]]
    let mask: Bool
    let encoding: TextEncoding

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }
    private var state = State.fieldStart
    private var line = 1
    private var afterCR = false
    private var recordStarted = false
    private var recordStart: Int64 = 0
    private var recordLine = 1
    /// The last complete record that is a target, until its line break is known in full (the LF
    /// of a CRLF belongs to it).
    private var pending: (start: Int64, end: Int64, line: Int, fields: [Field])?
    /// The current record's fields, collected only when it is a target.
    private var collecting = false
    private var fields: [Field] = []
    private var fieldStart: Int64 = 0
    private var fieldBytes: [UInt8] = []
    private var fieldQuoted = false
    private var result = RecordEdits()

    struct Field {
        var start: Int64
        var end: Int64
        var value: [UInt8]
    }

    public init(delimiter: UInt8, targets: [Int: [String]], mask: Bool, encoding: TextEncoding = .utf8) {
        self.delimiter = delimiter
        self.targets = targets
        self.mask = mask
        self.encoding = encoding
    }

    /// `offset`: where `chunk` starts in the file (after any byte-order mark the caller skipped,
    /// counted in `offset`).
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, at offset: Int64) {
        let quote: UInt8 = 0x22
        for (i, c) in chunk.enumerated() {
            let at = offset + Int64(i)
            var isNewline = false
            if c == 0x0D {
                isNewline = true
                afterCR = true
            } else if c == 0x0A {
                if afterCR {
                    afterCR = false
                    if pending?.end == at { pending!.end = at + 1 }
                    continue
                }
                isNewline = true
            } else {
                afterCR = false
            }
            if !recordStarted {
                flushPending()
                recordStarted = true
                recordStart = at
                recordLine = line
                collecting = targets[line] != nil
                fields.removeAll()
                beginField(at)
            }
            switch state {
            case .fieldStart:
                if c == quote { state = .quoted; fieldQuoted = true }
                else if c == delimiter { endField(at); beginField(at + 1) }
                else if isNewline { line += 1; endRecord(at, end: at + 1) }
                else { collect(c); state = .unquoted }
            case .unquoted:
                if c == delimiter { endField(at); beginField(at + 1); state = .fieldStart }
                else if isNewline { line += 1; endRecord(at, end: at + 1) }
                else { collect(c) }
            case .quoted:
                if c == quote { state = .quoteInQuoted }
                else if isNewline { line += 1; collect(0x0A) }
                else { collect(c) }
            case .quoteInQuoted:
                if c == quote { collect(quote); state = .quoted }
                else if c == delimiter { endField(at); beginField(at + 1); state = .fieldStart }
                else if isNewline { line += 1; endRecord(at, end: at + 1) }
                else { collect(c); state = .unquoted }
            }
        }
    }

    /// The edits, once the whole file was fed; `fileEnd` is its length.
    public mutating func finish(fileEnd: Int64) -> RecordEdits {
        if recordStarted { endRecord(fileEnd, end: fileEnd) }
        flushPending()
        return result
    }

    private mutating func beginField(_ at: Int64) {
        guard collecting else { return }
        fieldStart = at
        fieldBytes.removeAll(keepingCapacity: true)
        fieldQuoted = false
    }

    private mutating func collect(_ c: UInt8) {
        if collecting { fieldBytes.append(c) }
    }

    private mutating func endField(_ at: Int64) {
        guard collecting else { return }
        fields.append(Field(start: fieldStart, end: at, value: fieldBytes))
    }

    private mutating func endRecord(_ at: Int64, end: Int64) {
        endField(at)
        recordStarted = false
        state = .fieldStart
        if collecting { pending = (recordStart, end, recordLine, fields) }
        collecting = false
    }

    private mutating func flushPending() {
        guard let record = pending else { return }
        pending = nil
        let key = RecordKey.line(record.line)
        result.placed.insert(key)
        if mask, let texts = targets[record.line] {
            var masked = false
            for field in record.fields where field.end > field.start {
                let value = TextDecoding.decode(field.value, as: encoding)
                if MaskedText.covers(value, texts) {
                    result.edits.append(ByteEdit(start: field.start, end: field.end, replacement: MaskedText.csv))
                    masked = true
                }
            }
            if masked { result.masked.insert(key); return }
        }
        result.edits.append(ByteEdit(start: record.start, end: record.end))
    }
}

/// What `--mask` writes instead of a record's text, and which values it replaces.
public enum MaskedText {
    /// Three asterisks: plain ASCII, so it is the same bytes in every encoding the CSV and
    /// JSON importers read except UTF-16 (which redact does not write), and needs no quoting.
    public static let csv: [UInt8] = Array("***".utf8)
    public static let json: [UInt8] = Array("\"***\"".utf8)

    /// Whether a field holding `value` carries one of the record's texts: the whole text, or a
    /// part of it of three or more characters with a letter (a booking text is often built
    /// from several columns). Dates and amounts have no letters and are kept.
    public static func covers(_ value: String, _ texts: [String]) -> Bool {
        let trimmed = value.trimmingWhitespace
        guard trimmed.count >= 3, trimmed.contains(where: \.isLetter) else {
            return !trimmed.isEmpty && texts.contains(trimmed)
        }
        return texts.contains { $0 == trimmed || $0.contains(trimmed) }
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
