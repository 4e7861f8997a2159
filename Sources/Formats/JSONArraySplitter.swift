import StewardCore
/// Splits a chunked JSON document into the elements of one array, without parsing them and
/// without loading the file: the top-level array (`[ {…}, {…} ]`, Google My Activity, Spotify,
/// …) or, with `arrayPath`, the array under a key path of nested objects
/// (`{"timelineObjects": [ … ]}`, `{"locations": [ … ]}`).
///
/// Each complete element is handed over as raw bytes with its 0-based index; parse it with
/// `JSONValueParser` or pick fields by bytes. Strings, escapes and nesting are tracked across
/// chunk boundaries. Memory stays bounded by `maxElementBytes`: an element that is larger, or
/// nested deeper than `maxDepth`, is reported and skipped while scanning carries on with a
/// counter (no stack, so `[[[[…` a million deep costs nothing). A truncated last element is
/// reported; the elements before it have already been delivered.
///
/// Elements are delimited, not validated: `[1, {"a": }]` yields `1` and `{"a": }`, and the
/// value parser then says what is wrong with the second one. With `arrayPath`, keys are
/// compared as raw bytes (the keys exports use need no escapes) and only the first array
/// found under the path is split; the rest of the file is then ignored.
public struct JSONArraySplitter {
    /// What the splitter hands to its caller.
    public enum Output {
        /// One complete element; `bytes` are only valid during the callback.
        case element(index: Int, bytes: UnsafeRawBufferPointer)
        /// An element that was dropped (too large, too deep, truncated), and why.
        case skipped(index: Int, reason: String)
        /// A problem with the document around the elements (array never closed, data after it).
        case warning(String)
    }

    public let arrayPath: [String]
    public let maxElementBytes: Int
    public let maxDepth: Int
    /// Number of elements started so far (delivered or skipped).
    public private(set) var elementCount = 0
    /// True once the array's closing `]` was read.
    public private(set) var arrayClosed = false

    private enum Phase { case start, seeking, betweenElements, inElement, afterArray }
    private enum ElementShape { case container, string, scalar }

    private var phase = Phase.start
    private var bomBytesSeen = 0
    private var inString = false
    private var escaped = false
    private var depth = 0
    // Element state.
    private var shape = ElementShape.scalar
    private var buffer: [UInt8] = []
    private var dropping = false
    private var warnedAfterArray = false
    // Key-path search state (only used when `arrayPath` is not empty): `matched` leading path
    // components are open objects; the object at depth `matched + 1` is the one whose keys
    // are compared with `arrayPath[matched]`.
    private var pathKeys: [[UInt8]]
    private var matched = 0
    private var keyExpected = false
    private var readingKey = false
    private var keyBytes: [UInt8] = []
    private var lastKeyMatches = false

    /// `arrayPath` empty: the document must be an array. Otherwise the document must be an
    /// object and the array sits under these keys (`["timelineObjects"]`).
    public init(arrayPath: [String] = [], maxElementBytes: Int = 16 << 20, maxDepth: Int = 256) {
        self.arrayPath = arrayPath
        self.pathKeys = arrayPath.map { Array($0.utf8) }
        self.maxElementBytes = max(1, maxElementBytes)
        self.maxDepth = max(1, maxDepth)
    }

    /// RFC 6901 pointer to element `index`, e.g. `/17` or `/timelineObjects/17`.
    public func pointer(forElement index: Int) -> String {
        var p = ""
        for key in arrayPath {
            p += "/"
            for c in key {
                switch c {
                case "~": p += "~0"
                case "/": p += "~1"
                default: p.append(c)
                }
            }
        }
        return p + "/" + String(index)
    }

    /// Scans one chunk; calls `body` for every element completed (or dropped) in it.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer,
                              _ body: (Output) throws(ParseError) -> Void) throws(ParseError) {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), chunk.count > 0 else { return }
        let n = chunk.count
        var i = 0
        while i < n {
            switch phase {
            case .start:
                i = try scanStart(base, i, n)
            case .seeking:
                i = scanSeeking(base, i, n)
            case .betweenElements:
                let b = base[i]
                if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == UInt8(ascii: ",") {
                    i += 1
                } else if b == UInt8(ascii: "]") {
                    phase = .afterArray
                    arrayClosed = true
                    i += 1
                } else {
                    beginElement(first: b)
                    i = try scanElement(base, from: i, elementStart: i, first: true, n, body)
                }
            case .inElement:
                i = try scanElement(base, from: i, elementStart: i, first: false, n, body)
            case .afterArray:
                if !arrayPath.isEmpty { return }
                let b = base[i]
                if !(b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09) && !warnedAfterArray {
                    warnedAfterArray = true
                    try body(.warning("unexpected data after the end of the array (ignored)"))
                }
                i += 1
            }
        }
    }

    /// Reports what the end of input left unfinished. Throws when no array was found at all.
    public mutating func finish(_ body: (Output) throws(ParseError) -> Void) throws(ParseError) {
        switch phase {
        case .start:
            throw ParseError(arrayPath.isEmpty ? "empty file: expected a JSON array"
                                               : "empty file: expected a JSON object")
        case .seeking:
            throw ParseError("no array found at \(pointerOfPath) (file truncated or another layout)")
        case .inElement:
            if !dropping {
                try body(.skipped(index: elementCount - 1,
                                  reason: "truncated: the file ends inside this element (\(buffer.count) bytes read)"))
            }
            buffer = []
            try body(.warning("the file ends before the array is closed: it is truncated"))
        case .betweenElements:
            try body(.warning("the file ends before the array is closed: it is truncated"))
        case .afterArray:
            break
        }
    }

    private var pointerOfPath: String { arrayPath.isEmpty ? "/" : String(pointer(forElement: 0).dropLast(2)) }

    // MARK: - Before the array

    private mutating func scanStart(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int) throws(ParseError) -> Int {
        var i = start
        while i < n {
            let b = p[i]
            // UTF-8 byte-order mark, possibly split across chunks.
            if bomBytesSeen < 3 && b == [0xEF, 0xBB, 0xBF][bomBytesSeen] { bomBytesSeen += 1; i += 1; continue }
            bomBytesSeen = 3
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1; continue }
            if arrayPath.isEmpty {
                guard b == UInt8(ascii: "[") else { throw ParseError("not a JSON array: the file starts with \(describe(b))") }
                phase = .betweenElements
            } else {
                guard b == UInt8(ascii: "{") else { throw ParseError("not a JSON object: the file starts with \(describe(b))") }
                phase = .seeking
                depth = 1
                matched = 0
                keyExpected = true
            }
            return i + 1
        }
        return i
    }

    private func describe(_ b: UInt8) -> String {
        b >= 0x21 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16))"
    }

    private mutating func scanSeeking(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int) -> Int {
        var i = start
        while i < n {
            let b = p[i]
            i += 1
            if inString {
                if escaped {
                    escaped = false
                } else if b == UInt8(ascii: "\\") {
                    escaped = true
                } else if b == UInt8(ascii: "\"") {
                    inString = false
                    if readingKey {
                        readingKey = false
                        lastKeyMatches = keyBytes == pathKeys[matched]
                        continue
                    }
                    continue
                }
                // Keys longer than any path key cannot match; stop collecting them.
                if readingKey && keyBytes.count <= pathKeys[matched].count { keyBytes.append(b) }
                continue
            }
            switch b {
            case UInt8(ascii: "\""):
                inString = true
                if keyExpected && depth == matched + 1 {
                    keyExpected = false
                    readingKey = true
                    keyBytes.removeAll(keepingCapacity: true)
                }
            case UInt8(ascii: ","):
                if depth == matched + 1 { keyExpected = true; lastKeyMatches = false }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth == matched + 1 && lastKeyMatches {
                    lastKeyMatches = false
                    if matched + 1 == pathKeys.count && b == UInt8(ascii: "[") {
                        phase = .betweenElements
                        depth = 0
                        return i
                    }
                    if matched + 1 < pathKeys.count && b == UInt8(ascii: "{") {
                        matched += 1
                        depth += 1
                        keyExpected = true
                        continue
                    }
                }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth < matched + 1 {
                    matched = max(0, depth - 1)
                    lastKeyMatches = false
                    keyExpected = false
                }
                if depth <= 0 {
                    // The root object closed without the array: `finish` reports it.
                    return n
                }
            default:
                break
            }
        }
        return i
    }

    // MARK: - Elements

    private mutating func beginElement(first b: UInt8) {
        elementCount += 1
        phase = .inElement
        dropping = false
        buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
        inString = false
        escaped = false
        depth = 0
        switch b {
        case UInt8(ascii: "{"), UInt8(ascii: "["): shape = .container
        case UInt8(ascii: "\""): shape = .string
        default: shape = .scalar
        }
    }

    /// The hot loop: finds where the current element ends. Returns the index to go on from.
    private mutating func scanElement(_ p: UnsafePointer<UInt8>, from start: Int, elementStart: Int, first: Bool,
                                      _ n: Int, _ body: (Output) throws(ParseError) -> Void) throws(ParseError) -> Int {
        var i = start
        var inString = self.inString
        var escaped = self.escaped
        var depth = self.depth
        let maxDepth = self.maxDepth
        if first && shape == .string { inString = true; i += 1 }
        var end = -1          // exclusive end of the element in this chunk
        var resume = -1       // where scanning goes on after it
        var closesArray = false
        scan: while i < n {
            if inString {
                if escaped {
                    escaped = false
                    i += 1
                    continue
                }
                i = Self.plainStringEnd(p, i, n)
                if i >= n { break scan }
                if p[i] == UInt8(ascii: "\\") {
                    escaped = true
                } else {
                    inString = false
                    if depth == 0 { end = i + 1; resume = i + 1; break scan }
                }
                i += 1
                continue
            }
            if depth > 0 {
                // Inside a container only quotes and brackets change the state: numbers, commas
                // and indentation (most of a pretty-printed fix) are passed eight bytes at a time.
                i = Self.structuralByte(p, i, n)
                if i >= n { break scan }
            }
            let b = p[i]
            switch b {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > maxDepth && !dropping {
                    dropping = true
                    buffer = []
                    self.depth = depth
                    try body(.skipped(index: elementCount - 1, reason: "nested deeper than \(maxDepth) levels: skipped"))
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 {
                    // A scalar element followed directly by the array's `]`.
                    end = i; resume = i + 1; closesArray = b == UInt8(ascii: "]"); break scan
                }
                depth -= 1
                if depth == 0 { end = i + 1; resume = i + 1; break scan }
            case UInt8(ascii: ","), 0x20, 0x0A, 0x0D, 0x09:
                if depth == 0 { end = i; resume = b == UInt8(ascii: ",") ? i + 1 : i; break scan }
            default:
                break
            }
            i += 1
        }
        self.inString = inString
        self.escaped = escaped
        self.depth = depth
        let index = elementCount - 1
        if end < 0 {
            // The element goes on in the next chunk: keep its bytes unless it is already dropped.
            if !dropping { try keep(p, elementStart, n, index: index, body) }
            return n
        }
        phase = closesArray ? .afterArray : .betweenElements
        if closesArray { arrayClosed = true }
        if dropping {
            dropping = false
            return resume
        }
        if buffer.isEmpty {
            // Fast path: the whole element lies in this chunk, no copy.
            let count = end - elementStart
            if count > maxElementBytes {
                try body(.skipped(index: index, reason: tooLarge))
            } else {
                try body(.element(index: index, bytes: UnsafeRawBufferPointer(start: p + elementStart, count: count)))
            }
        } else {
            try keep(p, elementStart, end, index: index, body)
            if !dropping {
                var failure: ParseError?
                buffer.withUnsafeBytes { raw in
                    do throws(ParseError) { try body(.element(index: index, bytes: raw)) } catch { failure = error }
                }
                if let failure { throw failure }
            }
            dropping = false
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
        }
        return resume
    }

    /// The index of the next `"` or `\\` at or after `start` (or `n`): string contents are most
    /// of an export's bytes, so they are skipped eight at a time. A byte equals `"` or `\\` when
    /// its XOR with that byte is zero (`zeroBytes`; the lowest marked byte is the first in memory
    /// on little-endian machines, which Swift on Linux is).
    @inline(__always)
    public static func plainStringEnd(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int) -> Int {
        firstMarkedByte(p, start, n, marks: { word in
            zeroBytes(word ^ 0x2222_2222_2222_2222) | zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
        }, isMarked: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
    }

    /// The index of the first quote or bracket (`"`, `[`, `]`, `{`, `}`) at or after `start`, or
    /// `n`. `[`/`{` and `]`/`}` differ only in bit 0x20, so setting that bit leaves two values
    /// to look for besides the quote (no other byte becomes 0x7B or 0x7D).
    @inline(__always)
    static func structuralByte(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int) -> Int {
        firstMarkedByte(p, start, n, marks: { word in
            let folded = word | 0x2020_2020_2020_2020
            return zeroBytes(word ^ 0x2222_2222_2222_2222) | zeroBytes(folded ^ 0x7B7B_7B7B_7B7B_7B7B)
                | zeroBytes(folded ^ 0x7D7D_7D7D_7D7D_7D7D)
        }, isMarked: { byte in
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): return true
            default: return false
            }
        })
    }

    /// The high bit of each zero byte of `x`, exact for the lowest one (a borrow can only mark
    /// bytes above a zero byte).
    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 {
        (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// The index of the first byte at or after `start` that `isMarked` names (or `n`), eight
    /// bytes at a time through `marks`, which sets the high bit of every such byte of a word
    /// (and may set others above the first).
    @inline(__always)
    private static func firstMarkedByte(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int,
                                        marks: (UInt64) -> UInt64, isMarked: (UInt8) -> Bool) -> Int {
        var i = start
        let raw = UnsafeRawPointer(p)
        while i &+ 8 <= n {
            let found = marks(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            if found != 0 { return i &+ found.trailingZeroBitCount >> 3 }
            i &+= 8
        }
        while i < n {
            if isMarked(p[i]) { return i }
            i &+= 1
        }
        return n
    }

    private var tooLarge: String { "larger than \(maxElementBytes) bytes: skipped" }

    private mutating func keep(_ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int, index: Int,
                               _ body: (Output) throws(ParseError) -> Void) throws(ParseError) {
        guard to > from else { return }
        if buffer.count + (to - from) > maxElementBytes {
            dropping = true
            buffer = []
            try body(.skipped(index: index, reason: tooLarge))
            return
        }
        buffer.append(contentsOf: UnsafeBufferPointer(start: p + from, count: to - from))
    }
}
