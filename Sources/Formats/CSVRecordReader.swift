import StewardCore
/// One CSV record as raw bytes: fields are slices of one shared buffer (no per-field
/// allocation). Bytes are in the file's encoding; decode them with `TextDecoding`.
public struct CSVRecord {
    public enum Problem: Sendable, Equatable {
        /// The record passed `maxRecordBytes` or `maxFields`; its content was dropped.
        case tooLong
        /// The file ended inside a quoted field (truncated file, or a stray quote).
        case unterminatedQuote
    }

    /// 1-based line on which the record starts (quoted fields may span lines).
    public let line: Int
    /// 0-based index among all records, blank ones included.
    public let ordinal: Int
    public let problem: Problem?
    let bytes: [UInt8]
    let ends: [Int]

    public var count: Int { ends.count }

    public subscript(_ index: Int) -> ArraySlice<UInt8> {
        let start = index == 0 ? 0 : ends[index - 1]
        return bytes[start..<ends[index]]
    }

    /// True for an empty line or a record of empty fields only (`;;;`).
    public var isBlank: Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}

/// A streaming RFC 4180 tokenizer over bytes: quoted fields with `""` escapes and line breaks,
/// CRLF / LF / lone CR line ends, any one-byte delimiter. It is lenient where real exports
/// break the RFC (text after a closing quote is kept). Memory is bounded: a record longer
/// than `maxRecordBytes` is dropped and reported, and tokenizing resumes at the next line
/// break outside quotes, so one runaway quote cannot swallow the rest of the file.
public struct CSVRecordReader {
    public let delimiter: UInt8
    public let maxRecordBytes: Int
    public let maxFields: Int

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, discarding }
    private var state = State.fieldStart
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var line = 1
    private var recordLine = 1
    private var recordStarted = false
    private var afterCR = false
    private var overlong = false
    private var ordinal = 0

    public init(delimiter: UInt8, maxRecordBytes: Int = 1 << 20, maxFields: Int = 4096) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
        self.maxFields = maxFields
    }

    /// Calls `body` for every record completed by `chunk`.
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>,
                              _ body: (CSVRecord) throws(ParseError) -> Void) throws(ParseError) {
        let quote: UInt8 = 0x22
        let n = chunk.count
        var i = 0
        while i < n {
            let c = chunk[i]
            // Inside a field, the bytes up to the next quote (quoted) or delimiter (unquoted) or
            // line break are copied as one run: byte by byte, the state machine and the append
            // were the CSV reader's whole cost (docs/performance.md). The byte that ends the run
            // goes through the state machine below.
            if (state == .quoted || state == .unquoted) && c != 0x0D && c != 0x0A && c != quote && c != delimiter {
                let stop = state == .quoted ? quote : delimiter
                var j = i + 1
                while j < n {
                    let d = chunk[j]
                    if d == stop || d == 0x0D || d == 0x0A { break }
                    j += 1
                }
                afterCR = false
                appendRun(UnsafeBufferPointer(rebasing: chunk[i..<j]))
                i = j
                continue
            }
            i += 1
            var isNewline = false
            if c == 0x0D {
                isNewline = true
                afterCR = true
            } else if c == 0x0A {
                if afterCR { afterCR = false; continue } // the LF of a CRLF
                isNewline = true
            } else {
                afterCR = false
            }
            if !recordStarted {
                recordStarted = true
                recordLine = line
            }
            switch state {
            case .fieldStart:
                if c == quote { state = .quoted }
                else if c == delimiter { endField() }
                else if isNewline { line += 1; try endRecord(body) }
                else { append(c); state = .unquoted }
            case .unquoted:
                if c == delimiter { endField(); state = .fieldStart }
                else if isNewline { line += 1; try endRecord(body) }
                else { append(c) }
            case .quoted:
                if c == quote { state = .quoteInQuoted }
                else if isNewline { line += 1; append(0x0A) }
                else { append(c) }
            case .quoteInQuoted:
                if c == quote { append(quote); state = .quoted }
                else if c == delimiter { endField(); state = .fieldStart }
                else if isNewline { line += 1; try endRecord(body) }
                else { append(c); state = .unquoted }
            case .discarding:
                if isNewline { line += 1; try endRecord(body) }
            }
        }
    }

    /// Delivers the last record when the input did not end with a line break.
    public mutating func finish(_ body: (CSVRecord) throws(ParseError) -> Void) throws(ParseError) {
        guard recordStarted else { return }
        let problem: CSVRecord.Problem? = state == .quoted ? .unterminatedQuote : nil
        try endRecord(body, problem: problem)
    }

    /// `append` of each byte of `run` (no line breaks in it): past `maxRecordBytes` the record
    /// is dropped, and the rest of the run with it.
    private mutating func appendRun(_ run: UnsafeBufferPointer<UInt8>) {
        if bytes.count + run.count > maxRecordBytes { dropRecord(); return }
        bytes.append(contentsOf: run)
    }

    private mutating func append(_ c: UInt8) {
        if bytes.count >= maxRecordBytes { dropRecord(); return }
        bytes.append(c)
    }

    private mutating func endField() {
        if ends.count >= maxFields { dropRecord(); return }
        ends.append(bytes.count)
    }

    private mutating func dropRecord() {
        overlong = true
        state = .discarding
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    private mutating func endRecord(_ body: (CSVRecord) throws(ParseError) -> Void,
                                    problem: CSVRecord.Problem? = nil) throws(ParseError) {
        if !overlong { ends.append(bytes.count) }
        let record = CSVRecord(line: recordLine, ordinal: ordinal, problem: overlong ? .tooLong : problem,
                               bytes: overlong ? [] : bytes, ends: overlong ? [] : ends)
        ordinal += 1
        state = .fieldStart
        recordStarted = false
        overlong = false
        // Cleared after `body` has let go of the record, so the buffers are reused, not copied.
        defer {
            bytes.removeAll(keepingCapacity: bytes.capacity <= 1 << 16)
            ends.removeAll(keepingCapacity: true)
        }
        try body(record)
    }
}
