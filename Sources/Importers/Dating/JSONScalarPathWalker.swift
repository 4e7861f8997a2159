/// Streams a JSON document and hands over every scalar (number, string, `true`, `false`,
/// `null`) whose key path matches one of a few patterns, with the keys it was found under,
/// without building the document. For exports that keep counts in objects keyed by date
/// (Tinder's `"Usage": {"app_opens": {"2024-03-01": 7, …}, …}`, pattern `["Usage", "*", "*"]`),
/// which `JSONArraySplitter` and `JSONPathArrayWalker` (arrays only) do not reach.
///
/// A pattern matches a value whose enclosing containers are all objects, one per component,
/// with those keys (`*` matches any key); values inside arrays never match. Keys are compared
/// as raw bytes; a key longer than `maxKeyBytes` is cut there. A scalar longer than
/// `maxValueBytes` is reported as skipped. Memory: the key stack and one scalar.
struct JSONScalarPathWalker {
    enum Output {
        /// A scalar as written (strings with their quotes and escapes), under `keys`.
        case value(pattern: Int, keys: [String], bytes: ArraySlice<UInt8>)
        /// A scalar that was too long to keep.
        case skipped(pattern: Int, keys: [String], reason: String)
    }

    static let maxKeyBytes = 256
    let maxValueBytes: Int
    let maxDepth: Int

    private struct Frame {
        var isObject: Bool
        var key: [UInt8] = []
        var expectingKey = true
    }

    private let patterns: [[[UInt8]?]]
    private var stack: [Frame] = []
    private var overDepth = 0
    private var inString = false
    private var escaped = false
    private var readingKey = false
    private var keyBuffer: [UInt8] = []
    /// The pattern of the scalar being read, and whether it is a string.
    private var capturing: Int?
    private var capturingString = false
    private var value: [UInt8] = []
    private var valueTooLong = false

    init(patterns: [[String]], maxValueBytes: Int = 4096, maxDepth: Int = 128) {
        self.patterns = patterns.map { path in path.map { $0 == "*" ? nil : Array($0.utf8) } }
        self.maxValueBytes = maxValueBytes
        self.maxDepth = maxDepth
    }

    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (Output) -> Void) {
        for b in chunk.bindMemory(to: UInt8.self) { step(b, body) }
    }

    /// A number at the very end of the input has no delimiter after it.
    mutating func finish(_ body: (Output) -> Void) {
        if capturing != nil, !capturingString { deliver(body) }
        capturing = nil
    }

    @inline(__always)
    private mutating func step(_ b: UInt8, _ body: (Output) -> Void) {
        if capturing != nil, !capturingString {
            if b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || Self.isSpace(b) {
                deliver(body)
            } else {
                keep(b)
                return
            }
        }
        if inString {
            if capturing != nil { keep(b) }
            if escaped {
                escaped = false
                if readingKey { appendKey(b) }
                return
            }
            if b == UInt8(ascii: "\\") {
                escaped = true
                if readingKey { appendKey(b) }
            } else if b == UInt8(ascii: "\"") {
                inString = false
                if capturing != nil { deliver(body) }
                if readingKey {
                    readingKey = false
                    stack[stack.count - 1].key = keyBuffer
                }
            } else if readingKey {
                appendKey(b)
            }
            return
        }
        switch b {
        case UInt8(ascii: "\""):
            inString = true
            if overDepth == 0, let top = stack.last, top.isObject, top.expectingKey {
                readingKey = true
                keyBuffer.removeAll(keepingCapacity: true)
            } else if let pattern = matchingPattern() {
                begin(pattern, string: true, first: b)
            }
        case UInt8(ascii: ":"):
            if overDepth == 0, !stack.isEmpty { stack[stack.count - 1].expectingKey = false }
        case UInt8(ascii: ","):
            if overDepth == 0, !stack.isEmpty, stack[stack.count - 1].isObject { stack[stack.count - 1].expectingKey = true }
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            if stack.count >= maxDepth || overDepth > 0 { overDepth += 1; return }
            stack.append(Frame(isObject: b == UInt8(ascii: "{")))
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            if overDepth > 0 { overDepth -= 1; return }
            if !stack.isEmpty { stack.removeLast() }
        default:
            if Self.isSpace(b) { return }
            if let pattern = matchingPattern() { begin(pattern, string: false, first: b) }
        }
    }

    /// The pattern matching the value that starts here: the innermost container is an object
    /// past its key, and the keys of all open containers fit the pattern.
    private func matchingPattern() -> Int? {
        guard overDepth == 0, let top = stack.last, top.isObject, !top.expectingKey else { return nil }
        for (p, pattern) in patterns.enumerated() where pattern.count == stack.count {
            var fits = true
            for (i, component) in pattern.enumerated() {
                let frame = stack[i]
                guard frame.isObject else { fits = false; break }
                if let component, component != frame.key { fits = false; break }
            }
            if fits { return p }
        }
        return nil
    }

    private mutating func begin(_ pattern: Int, string: Bool, first: UInt8) {
        capturing = pattern
        capturingString = string
        value.removeAll(keepingCapacity: true)
        valueTooLong = false
        value.append(first)
    }

    private mutating func keep(_ b: UInt8) {
        if valueTooLong { return }
        if value.count >= maxValueBytes {
            valueTooLong = true
            value.removeAll()
            return
        }
        value.append(b)
    }

    private mutating func deliver(_ body: (Output) -> Void) {
        guard let pattern = capturing else { return }
        capturing = nil
        let keys = stack.map { String(decoding: $0.key, as: UTF8.self) }
        if valueTooLong {
            body(.skipped(pattern: pattern, keys: keys, reason: "value longer than \(maxValueBytes) bytes"))
        } else {
            body(.value(pattern: pattern, keys: keys, bytes: value[...]))
        }
    }

    private mutating func appendKey(_ b: UInt8) {
        if keyBuffer.count < Self.maxKeyBytes { keyBuffer.append(b) }
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}
