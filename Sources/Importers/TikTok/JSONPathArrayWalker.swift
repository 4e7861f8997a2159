/// Streams a JSON document and hands over the elements of every array found under one of
/// several key paths, without building the document: for exports that are one big object
/// holding many lists (TikTok's user_data.json), where `JSONArraySplitter` reads only one.
/// A path component `*` matches any key (`["*", "Like List", "ItemFavoriteList"]` matches
/// under "Activity" and "Your Activity"; a trailing `*` matches every array under dynamic
/// keys, such as TikTok's `"Chat History with ann:"`). Keys longer than `maxKeyBytes` and
/// containers nested deeper than `maxDepth` are compared as unknown; elements larger than
/// `maxElementBytes` are skipped and reported. Memory: one element plus the key stack.
public struct JSONPathArrayWalker {
    /// What the walker hands to its caller.
    public enum Output {
        /// One element of the array under `targets[target]`; `key` is the array's own key
        /// (useful with a trailing `*`), `index` its 0-based position. `bytes` are only valid
        /// during the callback.
        case element(target: Int, key: String, index: Int, bytes: ArraySlice<UInt8>)
        /// An element that was dropped (too large), and why.
        case skipped(target: Int, key: String, index: Int, reason: String)
        /// A string value under `stringTargets[target]`, with its quotes and escapes as
        /// written (parse it with `JSONValueParser`).
        case string(target: Int, bytes: ArraySlice<UInt8>)
    }

    public let targets: [[String]]
    public let stringTargets: [[String]]
    public let maxElementBytes: Int
    public let maxDepth: Int
    static let maxKeyBytes = 256

    private struct Frame {
        var isObject: Bool
        var key: [UInt8] = []
        var expectingKey = true
    }

    private var stack: [Frame] = []
    /// Keys leading to each open container (`[]` for array levels), as byte arrays.
    private var inString = false
    private var escaped = false
    private var readingKey = false
    private var keyBuffer: [UInt8] = []
    private var overDepth = 0
    // Capture state: the target array being read.
    private var captureDepth: Int?
    private var captureTarget = 0
    private var captureKey = ""
    private var captureIndex = 0
    private var element: [UInt8] = []
    private var elementTooLarge = false
    private let targetBytes: [[[UInt8]?]]
    private let stringTargetBytes: [[[UInt8]?]]
    private var stringCapture: Int?

    public init(targets: [[String]], stringTargets: [[String]] = [], maxElementBytes: Int = 16 << 20, maxDepth: Int = 128) {
        self.targets = targets
        self.stringTargets = stringTargets
        self.targetBytes = targets.map { path in path.map { $0 == "*" ? nil : Array($0.utf8) } }
        self.stringTargetBytes = stringTargets.map { path in path.map { $0 == "*" ? nil : Array($0.utf8) } }
        self.maxElementBytes = maxElementBytes
        self.maxDepth = maxDepth
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (Output) -> Void) {
        let bytes = chunk.bindMemory(to: UInt8.self)
        let n = bytes.count
        var i = 0
        while i < n {
            // Inside a string (not a key), copy the run up to the next quote or backslash in
            // one append: string contents are most of an export's bytes.
            if inString && !escaped && !readingKey {
                var j = i
                while j < n {
                    let c = bytes[j]
                    if c == 0x22 || c == 0x5C { break }
                    j += 1
                }
                if j > i {
                    if captureDepth != nil || stringCapture != nil { captureRun(UnsafeBufferPointer(rebasing: bytes[i..<j])) }
                    i = j
                    continue
                }
            }
            step(bytes[i], body)
            i += 1
        }
    }

    /// Delivers a last element cut off by the end of the input as skipped.
    public mutating func finish(_ body: (Output) -> Void) {
        if captureDepth != nil, element.contains(where: { !Self.isSpace($0) }) {
            body(.skipped(target: captureTarget, key: captureKey, index: captureIndex, reason: "file ends inside this record"))
        }
        captureDepth = nil
        element.removeAll()
    }

    @inline(__always)
    private mutating func step(_ b: UInt8, _ body: (Output) -> Void) {
        if let depth = captureDepth, !inString, stack.count == depth, overDepth == 0 {
            // Directly inside the target array: separators end elements.
            if b == UInt8(ascii: ",") { deliver(body); return }
            if b == UInt8(ascii: "]") {
                deliver(body)
                captureDepth = nil
                stack.removeLast()
                return
            }
            if Self.isSpace(b) { return }
        }
        if captureDepth != nil { capture(b) }
        if inString {
            if stringCapture != nil { capture(b) }
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
                if let target = stringCapture {
                    if !elementTooLarge { body(.string(target: target, bytes: element[...])) }
                    stringCapture = nil
                    element.removeAll(keepingCapacity: true)
                    elementTooLarge = false
                }
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
            if overDepth == 0, !stack.isEmpty, stack[stack.count - 1].isObject, stack[stack.count - 1].expectingKey {
                readingKey = true
                keyBuffer.removeAll(keepingCapacity: true)
            } else if overDepth == 0, captureDepth == nil, !stringTargetBytes.isEmpty, let target = matching(stringTargetBytes) {
                stringCapture = target
                element.removeAll(keepingCapacity: true)
                element.append(b)
            }
        case UInt8(ascii: ":"):
            if overDepth == 0, !stack.isEmpty { stack[stack.count - 1].expectingKey = false }
        case UInt8(ascii: ","):
            if overDepth == 0, !stack.isEmpty, stack[stack.count - 1].isObject { stack[stack.count - 1].expectingKey = true }
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            if stack.count >= maxDepth || overDepth > 0 { overDepth += 1; return }
            let isArray = b == UInt8(ascii: "[")
            if isArray, captureDepth == nil, let target = matching(targetBytes) {
                captureDepth = stack.count + 1
                captureTarget = target
                captureKey = String(decoding: stack.last?.key ?? [], as: UTF8.self)
                captureIndex = 0
            }
            stack.append(Frame(isObject: !isArray))
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            if overDepth > 0 { overDepth -= 1; return }
            if !stack.isEmpty { stack.removeLast() }
        default:
            break
        }
    }

    /// The target whose path is the current key path (the value about to open sits under the
    /// top object's current key).
    private func matching(_ paths: [[[UInt8]?]]) -> Int? {
        for (t, path) in paths.enumerated() where path.count == stack.count {
            var matches = true
            for (i, component) in path.enumerated() {
                let frame = stack[i]
                guard frame.isObject else { matches = false; break }
                if let component, component != frame.key { matches = false; break }
            }
            if matches { return t }
        }
        return nil
    }

    private mutating func appendKey(_ b: UInt8) {
        if keyBuffer.count < Self.maxKeyBytes { keyBuffer.append(b) }
    }

    private mutating func capture(_ b: UInt8) {
        if elementTooLarge { return }
        if element.count >= maxElementBytes {
            elementTooLarge = true
            element.removeAll()
            return
        }
        element.append(b)
    }

    private mutating func captureRun(_ run: UnsafeBufferPointer<UInt8>) {
        if elementTooLarge { return }
        if element.count + run.count > maxElementBytes {
            elementTooLarge = true
            element.removeAll()
            return
        }
        element.append(contentsOf: run)
    }

    private mutating func deliver(_ body: (Output) -> Void) {
        defer {
            element.removeAll(keepingCapacity: element.count < 1 << 16)
            elementTooLarge = false
        }
        if elementTooLarge {
            body(.skipped(target: captureTarget, key: captureKey, index: captureIndex,
                          reason: "record larger than \(maxElementBytes) bytes"))
            captureIndex += 1
            return
        }
        guard element.contains(where: { !Self.isSpace($0) }) else { return }
        body(.element(target: captureTarget, key: captureKey, index: captureIndex, bytes: element[...]))
        captureIndex += 1
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}
