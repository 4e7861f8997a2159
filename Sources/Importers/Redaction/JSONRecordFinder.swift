import Formats
/// Finds the values at target JSON pointers (RFC 6901, as importers write them in
/// `SourcePosition.pointer`) in one streamed pass and turns each into an edit: an array element
/// removed with one separating comma, an object member removed with its key, or with `mask`
/// the value's strings that carry the record's text replaced by `"***"`. Bytes outside the
/// edits are kept as they are, so indentation, key order and escapes stay the file's own.
/// Anything before the first `[` or `{` is kept and skipped (the `window.YTD… =` prefix of an
/// X archive's .js files).
public struct JSONRecordFinder {
    /// Pointer → the texts that may be masked in that record.
    let targets: [String: [String]]
    /// Every proper prefix of a target pointer: only inside these are pointers built at all.
    let prefixes: Set<String>
    let mask: Bool

    private struct Frame {
        var isObject: Bool
        /// The container's own pointer, when it leads to a target (nil: not followed).
        var pointer: String?
        var index = 0
        /// Object: the key of the member being read.
        var key: String?
        /// Where the current member (its key, in an object) or element begins.
        var memberStart: Int64 = -1
        /// End of the previous member or element.
        var previousEnd: Int64 = -1
        var keptBefore = false
        /// Start of a run of leading removed members, while no member was kept.
        var leadingRemoval: Int64?
        /// The current member or element is a target.
        var target: String?
    }

    private enum Scan { case value, string, stringEscape, literal, done }
    private var frames: [Frame] = []
    private var scan = Scan.value
    private var started = false
    private var stringStart: Int64 = 0
    private var stringIsKey = false
    private var stringBytes: [UInt8] = []
    private var collectString = false
    private var expectingKey = false
    /// Depth (frame count) at which the value being removed or masked sits, and its texts.
    private var insideTarget: (depth: Int, texts: [String], maskedAny: Bool)?
    private var literalStart: Int64 = 0
    private var topValueEnd: Int64?
    private var result = RecordEdits()
    /// A place the finder could not follow (the file is not the JSON it expected).
    public private(set) var problem: String?

    public init(targets: [String: [String]], mask: Bool) {
        self.targets = targets
        self.mask = mask
        var prefixes = Set<String>()
        for pointer in targets.keys {
            var p = Substring(pointer)
            while let slash = p.lastIndex(of: "/") {
                p = p[..<slash]
                prefixes.insert(String(p))
            }
        }
        self.prefixes = prefixes
    }

    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, at offset: Int64) {
        for (i, c) in chunk.enumerated() {
            if problem != nil { return }
            let at = offset + Int64(i)
            switch scan {
            case .done:
                continue
            case .string:
                if c == 0x5C { scan = .stringEscape; if collectString { stringBytes.append(c) } }
                else if c == 0x22 { scan = .value; endString(at) }
                else if collectString { stringBytes.append(c) }
                continue
            case .stringEscape:
                if collectString { stringBytes.append(c) }
                scan = .string
                continue
            case .literal:
                if Self.isLiteralByte(c) { continue }
                scan = .value
                endValue(at)
            case .value:
                break
            }
            // Structural bytes.
            if !started {
                guard c == 0x5B || c == 0x7B else { continue }
                started = true
            }
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D:
                continue
            case 0x7B, 0x5B: // { [
                beginValue(at)
                let parentPointer = frames.isEmpty ? "" : currentChildPointer()
                let followed = frames.isEmpty ? (prefixes.contains("") ? "" : nil) : parentPointer.flatMap { prefixes.contains($0) ? $0 : nil }
                frames.append(Frame(isObject: c == 0x7B, pointer: followed))
                expectingKey = c == 0x7B
            case 0x7D, 0x5D: // } ]
                guard var frame = frames.popLast() else { problem = "unbalanced brackets"; return }
                if let start = frame.leadingRemoval { result.edits.append(ByteEdit(start: start, end: frame.previousEnd)) }
                frame.leadingRemoval = nil
                if frames.isEmpty {
                    topValueEnd = at + 1
                    if insideTarget?.depth == 0 { insideTarget = nil }
                    scan = .done
                } else {
                    endValue(at + 1)
                }
            case 0x2C: // ,
                guard !frames.isEmpty else { continue }
                let last = frames.count - 1
                if frames[last].isObject {
                    frames[last].key = nil
                    expectingKey = true
                } else {
                    frames[last].index += 1
                }
                frames[last].memberStart = -1
            case 0x3A: // :
                expectingKey = false
            case 0x22:
                let last = frames.count - 1
                if last >= 0, frames[last].isObject, expectingKey {
                    stringIsKey = true
                    frames[last].memberStart = at
                    collectString = frames[last].pointer != nil
                } else {
                    beginValue(at)
                    stringIsKey = false
                    collectString = insideTarget != nil && mask
                }
                stringStart = at
                stringBytes.removeAll(keepingCapacity: true)
                scan = .string
            default:
                beginValue(at)
                literalStart = at
                scan = .literal
            }
        }
    }

    public mutating func finish(fileEnd: Int64) -> RecordEdits {
        if scan == .literal { endValue(fileEnd) }
        if problem == nil && (!frames.isEmpty || !started) { problem = "the document ends early" }
        return result
    }

    private static func isLiteralByte(_ c: UInt8) -> Bool {
        switch c {
        case 0x30...0x39, 0x61...0x7A, 0x41...0x5A, 0x2B, 0x2D, 0x2E: return true
        default: return false
        }
    }

    /// The pointer of the member or element being read in the innermost frame, when followed.
    private func currentChildPointer() -> String? {
        guard let frame = frames.last, let base = frame.pointer else { return nil }
        if frame.isObject {
            guard let key = frame.key else { return nil }
            return base + "/" + JSONPointer.token(key)
        }
        return base + "/" + String(frame.index)
    }

    /// A value (of a member or element) starts at `at`.
    private mutating func beginValue(_ at: Int64) {
        guard let last = frames.indices.last else { return }
        if !frames[last].isObject { frames[last].memberStart = at }
        frames[last].target = nil
        guard insideTarget == nil, frames[last].pointer != nil, let pointer = currentChildPointer(),
              let texts = targets[pointer] else { return }
        frames[last].target = pointer
        insideTarget = (frames.count, texts, false)
    }

    /// The value of the current member or element ended just before `end`.
    private mutating func endValue(_ end: Int64) {
        guard let last = frames.indices.last else { return }
        var frame = frames[last]
        if let pointer = frame.target, insideTarget?.depth == frames.count {
            let maskedAny = insideTarget!.maskedAny
            insideTarget = nil
            let key = RecordKey.pointer(pointer)
            result.placed.insert(key)
            if mask && maskedAny {
                result.masked.insert(key)
                frame.keptBefore = true
                if let start = frame.leadingRemoval {
                    result.edits.append(ByteEdit(start: start, end: frame.memberStart))
                    frame.leadingRemoval = nil
                }
            } else if frame.keptBefore {
                result.edits.append(ByteEdit(start: frame.previousEnd, end: end))
            } else if frame.leadingRemoval == nil {
                frame.leadingRemoval = frame.memberStart
            }
            // Masks inside a removed value are dropped by `normalized`.
        } else {
            if let start = frame.leadingRemoval {
                result.edits.append(ByteEdit(start: start, end: frame.memberStart))
                frame.leadingRemoval = nil
            }
            frame.keptBefore = true
        }
        frame.target = nil
        frame.previousEnd = end
        frames[last] = frame
    }

    private mutating func endString(_ at: Int64) {
        if stringIsKey {
            let last = frames.count - 1
            if frames[last].pointer != nil { frames[last].key = Self.decode(stringBytes) }
            else { frames[last].key = "" }
            stringIsKey = false
            return
        }
        if collectString, let inside = insideTarget, MaskedText.covers(Self.decode(stringBytes), inside.texts) {
            result.edits.append(ByteEdit(start: stringStart, end: at + 1, replacement: MaskedText.json))
            insideTarget!.maskedAny = true
        }
        collectString = false
        endValue(at + 1)
    }

    /// The text of a JSON string's raw bytes (between the quotes), escapes resolved.
    static func decode(_ raw: [UInt8]) -> String {
        guard raw.contains(0x5C) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        var units: [UInt16] = []
        func flushUnits() {
            if !units.isEmpty { out.append(contentsOf: Array(String(decoding: units, as: UTF16.self).utf8)); units.removeAll() }
        }
        var i = 0
        while i < raw.count {
            let c = raw[i]
            if c == 0x5C, i + 1 < raw.count {
                let e = raw[i + 1]
                if e == 0x75, i + 5 < raw.count, let unit = UInt16(String(decoding: raw[(i + 2)...(i + 5)], as: UTF8.self), radix: 16) {
                    units.append(unit)
                    i += 6
                    continue
                }
                flushUnits()
                switch e {
                case 0x6E: out.append(0x0A)
                case 0x74: out.append(0x09)
                case 0x72: out.append(0x0D)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                default: out.append(e)
                }
                i += 2
                continue
            }
            flushUnits()
            out.append(c)
            i += 1
        }
        flushUnits()
        return String(decoding: out, as: UTF8.self)
    }
}
