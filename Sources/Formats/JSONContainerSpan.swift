/// Follows the bytes of one JSON container (an object or array whose opening bracket has been
/// read) to the bracket that closes it, across chunks, looking only at strings, escapes and
/// nesting. Streaming readers that cut out records (the path walker's array elements, Telegram's
/// messages) use it inside a record, where no key can matter to them, instead of stepping every
/// byte through their full state (docs/performance.md, "TikTok and the path walker"). It does
/// not check the syntax between brackets: the record's own parser does that.
public struct JSONContainerSpan: Sendable {
    /// Containers open (the record's own included); 0 once its closing bracket is passed.
    public private(set) var depth = 0
    /// Whether the scan stopped inside a string (between chunks).
    public private(set) var inString = false
    private var escaped = false

    public init() {}

    /// Whether a container is being followed.
    public var isOpen: Bool { depth > 0 }

    /// Starts following a container whose opening bracket was just read.
    public mutating func begin() {
        depth = 1
        inString = false
        escaped = false
    }

    /// Scans `p[start..<count]` and returns where it stopped: just past the bracket that closes
    /// the container (then `isOpen` is false), or `count`.
    public mutating func scan(_ p: UnsafePointer<UInt8>, from start: Int, count n: Int) -> Int {
        var j = start
        var depth = self.depth
        var inString = self.inString
        var escaped = self.escaped
        while j < n {
            if inString {
                if escaped {
                    escaped = false
                    j &+= 1
                    continue
                }
                // The run to the next quote or backslash, eight bytes at a time.
                j = JSONArraySplitter.plainStringEnd(p, j, n)
                if j >= n { break }
                if p[j] == 0x5C { escaped = true } else { inString = false }
                j &+= 1
                continue
            }
            let c = p[j]
            j &+= 1
            if c == 0x22 {
                inString = true
            } else if c == 0x7B || c == 0x5B {
                depth &+= 1
            } else if c == 0x7D || c == 0x5D {
                depth &-= 1
                if depth == 0 { break }
            }
        }
        self.depth = depth
        self.inString = inString
        self.escaped = escaped
        return j
    }
}
