import StewardCore
/// Splits a chunked byte stream into lines (LF, CRLF or lone CR) without loading the file.
/// A line longer than `maxLineLength` is cut and flagged to the caller instead of growing
/// memory without bound (malicious or binary input).
public struct LineSplitter {
    public let maxLineLength: Int
    private var pending: [UInt8] = []
    /// The previous chunk ended in CR: an LF opening this chunk belongs to that CRLF.
    private var chunkEndedWithCR = false
    private var overlong = false
    /// 1-based number of the next line to be delivered.
    public private(set) var lineNumber = 1

    public init(maxLineLength: Int = 1 << 20) {
        self.maxLineLength = maxLineLength
    }

    /// Calls `body(line, lineNumber, wasCut)` for every complete line in `chunk`.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer,
                              _ body: (ArraySlice<UInt8>, Int, Bool) throws(ParseError) -> Void) throws(ParseError) {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), chunk.count > 0 else { return }
        let count = chunk.count
        var i = 0
        if chunkEndedWithCR && base[0] == 0x0A { i = 1 }
        chunkEndedWithCR = false
        var start = i
        while i < count {
            // Eight bytes without a line break are passed over at once: lines of chats and
            // mail run to tens of bytes, and looking at each byte for two values was 3 % of a
            // chat export's scan (docs/performance.md, "Line breaks looked for eight bytes at a time").
            if count - i >= 8 {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                if !Self.holdsLineBreak(word) {
                    i += 8
                    continue
                }
            }
            let b = base[i]
            if b == 0x0A || b == 0x0D {
                append(base, start, i)
                try emit(body)
                if b == 0x0D {
                    if i + 1 < count {
                        if base[i + 1] == 0x0A { i += 1 }
                    } else {
                        chunkEndedWithCR = true
                    }
                }
                start = i + 1
            }
            i += 1
        }
        append(base, start, count)
    }

    /// Delivers the last line if the input did not end with a newline.
    /// Whether one of eight bytes is LF or CR: a byte equal to either is zero after the
    /// exclusive or, and `(x - 0x01…) & ~x & 0x80…` is non-zero exactly when x has a zero byte.
    @inline(__always)
    static func holdsLineBreak(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let lf = word ^ (ones &* 0x0A), cr = word ^ (ones &* 0x0D)
        return ((lf &- ones) & ~lf | (cr &- ones) & ~cr) & high != 0
    }

    public mutating func finish(_ body: (ArraySlice<UInt8>, Int, Bool) throws(ParseError) -> Void) throws(ParseError) {
        if !pending.isEmpty || overlong { try emit(body) }
    }

    private mutating func append(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int) {
        guard to > from else { return }
        let room = maxLineLength - pending.count
        if room <= 0 { overlong = true; return }
        let take = min(room, to - from)
        pending.append(contentsOf: UnsafeBufferPointer(start: base + from, count: take))
        if take < to - from { overlong = true }
    }

    private mutating func emit(_ body: (ArraySlice<UInt8>, Int, Bool) throws(ParseError) -> Void) throws(ParseError) {
        let number = lineNumber
        lineNumber += 1
        let cut = overlong
        overlong = false
        defer { pending.removeAll(keepingCapacity: pending.count <= 1 << 16) }
        try body(pending[...], number, cut)
    }
}
