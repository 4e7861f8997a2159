/// Streams a JSON document and hands over what lies under a few key paths, without building
/// the document: the elements of every array found under one of `targets` (exports that are
/// one big object holding many lists, such as TikTok's user_data.json, where
/// `JSONArraySplitter` reads only one), and every scalar found under one of `valueTargets`
/// (exports that keep counts in objects keyed by date, such as Tinder's
/// `"Usage": {"app_opens": {"2024-03-01": 7, …}}`, target `["Usage", "*", "*"]`).
/// A path component `*` matches any key (`["*", "Like List", "ItemFavoriteList"]` matches
/// under "Activity" and "Your Activity"; a trailing `*` matches every array under dynamic
/// keys, such as TikTok's `"Chat History with ann:"`). A path matches only through objects:
/// values inside arrays never match a value target. Keys longer than `maxKeyBytes` are
/// compared cut there, containers nested deeper than `maxDepth` are passed over; elements
/// larger than `maxElementBytes` and scalars larger than `maxValueBytes` are skipped and
/// reported. Memory: one element or scalar plus the key stack.
public struct JSONPathWalker {
    /// What the walker hands to its caller. Bytes are only valid during the callback.
    public enum Output {
        /// One element of the array under `targets[target]`; `key` is the array's own key
        /// (useful with a trailing `*`), `index` its 0-based position.
        case element(target: Int, key: String, index: Int, bytes: ArraySlice<UInt8>)
        /// An element that was dropped (too large, or cut by the end of the input), and why.
        case skipped(target: Int, key: String, index: Int, reason: String)
        /// A scalar under `valueTargets[target]` as written (a string with its quotes and
        /// escapes: parse it with `JSONValueParser`), with the keys of the objects leading to it.
        case value(target: Int, keys: [String], bytes: ArraySlice<UInt8>)
        /// A scalar under `valueTargets[target]` that was dropped (too large), and why.
        case skippedValue(target: Int, keys: [String], reason: String)
    }

    public let targets: [[String]]
    public let valueTargets: [[String]]
    public let maxElementBytes: Int
    public let maxValueBytes: Int
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
    /// The element being captured when it is a container (closed between elements). Inside an
    /// element no key can match a target, so its bytes are copied with only strings and
    /// brackets followed, not stepped through the key stack (docs/performance.md, "TikTok and
    /// the path walker").
    private var elementSpan = JSONContainerSpan()
    private let targetBytes: [[[UInt8]?]]
    private let valueTargetBytes: [[[UInt8]?]]
    /// The value target of the scalar being read, and whether it is a string (a number or
    /// literal ends at the next delimiter instead of a quote).
    private var valueCapture: Int?
    private var valueIsString = false

    public init(targets: [[String]], valueTargets: [[String]] = [], maxElementBytes: Int = 16 << 20,
                maxValueBytes: Int = 1 << 20, maxDepth: Int = 128) {
        self.targets = targets
        self.valueTargets = valueTargets
        self.targetBytes = targets.map { path in path.map { $0 == "*" ? nil : Array($0.utf8) } }
        self.valueTargetBytes = valueTargets.map { path in path.map { $0 == "*" ? nil : Array($0.utf8) } }
        self.maxElementBytes = maxElementBytes
        self.maxValueBytes = maxValueBytes
        self.maxDepth = maxDepth
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (Output) -> Void) {
        let bytes = chunk.bindMemory(to: UInt8.self)
        let n = bytes.count
        var i = 0
        while i < n {
            if elementSpan.isOpen {
                i = captureNested(bytes, from: i)
                continue
            }
            // Inside a string (not a key), copy the run up to the next quote or backslash in
            // one append: string contents are most of an export's bytes.
            if inString && !escaped && !readingKey {
                let j = JSONArraySplitter.plainStringEnd(bytes.baseAddress!, i, n)
                if j > i {
                    if captureDepth != nil || valueCapture != nil { captureRun(UnsafeBufferPointer(rebasing: bytes[i..<j])) }
                    i = j
                    continue
                }
            }
            step(bytes[i], body)
            i += 1
        }
    }

    /// Copies the element's bytes from `start` up to and including the bracket that closes it
    /// (or to the end of the chunk); returns where it stopped.
    private mutating func captureNested(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let end = elementSpan.scan(bytes.baseAddress!, from: start, count: bytes.count)
        captureRun(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        return end
    }

    /// Delivers a number ending the input (it has no delimiter after it), and a last element
    /// cut off by the end of the input as skipped.
    public mutating func finish(_ body: (Output) -> Void) {
        if valueCapture != nil, !valueIsString { deliverValue(body) }
        valueCapture = nil
        if captureDepth != nil, element.contains(where: { !Self.isSpace($0) }) {
            body(.skipped(target: captureTarget, key: captureKey, index: captureIndex, reason: "file ends inside this record"))
        }
        captureDepth = nil
        elementSpan = JSONContainerSpan()
        element.removeAll()
    }

    @inline(__always)
    private mutating func step(_ b: UInt8, _ body: (Output) -> Void) {
        if valueCapture != nil, !valueIsString {
            // A number or literal runs to the next delimiter, which is then read as usual.
            if b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || Self.isSpace(b) {
                deliverValue(body)
            } else {
                capture(b)
                return
            }
        }
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
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                // An element that is a container: copied whole by `captureNested`.
                capture(b)
                elementSpan.begin()
                return
            }
        }
        if captureDepth != nil { capture(b) }
        if inString {
            if valueCapture != nil { capture(b) }
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
                if valueCapture != nil { deliverValue(body) }
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
            } else if let target = matchingValueTarget() {
                beginValue(target, string: true, first: b)
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
            if !Self.isSpace(b), let target = matchingValueTarget() { beginValue(target, string: false, first: b) }
        }
    }

    /// The value target of a scalar starting here: outside any captured array, the innermost
    /// container an object past its key, and the keys of all open containers fit the path.
    private func matchingValueTarget() -> Int? {
        guard !valueTargetBytes.isEmpty, overDepth == 0, captureDepth == nil,
              let top = stack.last, top.isObject, !top.expectingKey else { return nil }
        return matching(valueTargetBytes)
    }

    private mutating func beginValue(_ target: Int, string: Bool, first: UInt8) {
        valueCapture = target
        valueIsString = string
        element.removeAll(keepingCapacity: true)
        elementTooLarge = false
        element.append(first)
    }

    private mutating func deliverValue(_ body: (Output) -> Void) {
        guard let target = valueCapture else { return }
        valueCapture = nil
        defer {
            element.removeAll(keepingCapacity: element.count < 1 << 16)
            elementTooLarge = false
        }
        let keys = stack.map { String(decoding: $0.key, as: UTF8.self) }
        if elementTooLarge {
            body(.skippedValue(target: target, keys: keys, reason: "value longer than \(maxValueBytes) bytes"))
        } else {
            body(.value(target: target, keys: keys, bytes: element[...]))
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

    /// The most bytes the current capture may hold: an array element or a scalar.
    private var captureLimit: Int { valueCapture != nil ? maxValueBytes : maxElementBytes }

    private mutating func capture(_ b: UInt8) {
        if elementTooLarge { return }
        if element.count >= captureLimit {
            elementTooLarge = true
            element.removeAll()
            return
        }
        element.append(b)
    }

    private mutating func captureRun(_ run: UnsafeBufferPointer<UInt8>) {
        if elementTooLarge { return }
        if element.count + run.count > captureLimit {
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

    @inline(__always) public static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}
