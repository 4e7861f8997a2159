/// Parses one JSON value from bytes (typically one element from `JSONArraySplitter`).
/// Strict about structure, lenient about text: invalid UTF-8 becomes U+FFFD, lone UTF-16
/// surrogates in `\u` escapes become U+FFFD, raw control characters inside strings are kept
/// (some exporters write them). Nesting deeper than `maxDepth` is an error, so untrusted
/// input cannot exhaust the stack.
public struct JSONValueParser {
    /// Why a value could not be parsed, and the byte offset where that was noticed.
    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var offset: Int
        public var description: String { "invalid JSON at byte \(offset): \(message)" }
    }

    /// Parses `bytes`, which must hold exactly one value (surrounding whitespace allowed).
    /// With `onlyKeys`, a top-level object keeps only those members: the others are skipped
    /// by a byte scan that checks their nesting but allocates nothing (for records whose large
    /// members, such as My Activity's `locationInfos`, an importer does not read).
    public static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 256,
                             onlyKeys: JSONKeySet? = nil) throws(SyntaxError) -> JSONValue {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else {
            throw SyntaxError(message: "no value", offset: 0)
        }
        var parser = JSONValueParser(base: base, count: bytes.count, maxDepth: maxDepth)
        parser.onlyKeys = onlyKeys
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.count else { throw parser.error("unexpected data after the value") }
        return value
    }

    /// Convenience for tests and small inputs.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 256,
                             onlyKeys: JSONKeySet? = nil) throws(SyntaxError) -> JSONValue {
        let result: Result<JSONValue, SyntaxError> = bytes.withUnsafeBytes { raw in
            do throws(SyntaxError) { return .success(try parse(raw, maxDepth: maxDepth, onlyKeys: onlyKeys)) }
            catch { return .failure(error) }
        }
        return try result.get()
    }

    private let base: UnsafePointer<UInt8>
    private let count: Int
    private let maxDepth: Int
    private var index = 0
    private var onlyKeys: JSONKeySet?
    /// Reused for strings with escapes.
    private var scratch: [UInt8] = []

    private init(base: UnsafePointer<UInt8>, count: Int, maxDepth: Int) {
        self.base = base
        self.count = count
        self.maxDepth = maxDepth
    }

    private func error(_ message: String) -> SyntaxError { SyntaxError(message: message, offset: index) }

    private mutating func skipWhitespace() {
        while index < count {
            let b = base[index]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            index += 1
        }
    }

    private mutating func parseValue(depth: Int) throws(SyntaxError) -> JSONValue {
        guard index < count else { throw error("unexpected end of data") }
        switch base[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(SyntaxError) {
        let length = word.utf8CodeUnitCount
        guard index + length <= count else { throw error("unexpected end of data") }
        let w = word.utf8Start
        for k in 0..<length where base[index + k] != w[k] { throw error("unexpected character") }
        index += length
    }

    private mutating func parseObject(depth: Int) throws(SyntaxError) -> JSONValue {
        guard depth <= maxDepth else { throw error("nested deeper than \(maxDepth) levels") }
        index += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if index < count && base[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard index < count, base[index] == UInt8(ascii: "\"") else { throw error("expected a key string") }
            // A key the caller does not read is compared as bytes and passed over without
            // becoming a string (hashing each key into a set showed in Messenger's profile).
            let kept: Bool
            var key = ""
            if depth == 1, let onlyKeys, let raw = rawKey() {
                // Decoded as `parseString` decodes a string without escapes, without reading it again.
                kept = onlyKeys.contains(raw)
                if kept { key = String(decoding: raw, as: UTF8.self) }
                index += raw.count + 2
            } else {
                key = try parseString()
                kept = depth != 1 || onlyKeys.map { $0.contains(key) } ?? true
            }
            skipWhitespace()
            guard index < count, base[index] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
            index += 1
            skipWhitespace()
            if !kept {
                try skipValue(depth: depth)
            } else {
                members.append(JSONMember(key: key, value: try parseValue(depth: depth)))
            }
            skipWhitespace()
            guard index < count else { throw error("unexpected end of data in an object") }
            let b = base[index]
            index += 1
            if b == UInt8(ascii: ",") { continue }
            if b == UInt8(ascii: "}") { return .object(members) }
            index -= 1
            throw error("expected ',' or '}' in an object")
        }
    }

    private mutating func parseArray(depth: Int) throws(SyntaxError) -> JSONValue {
        guard depth <= maxDepth else { throw error("nested deeper than \(maxDepth) levels") }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < count && base[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < count else { throw error("unexpected end of data in an array") }
            let b = base[index]
            index += 1
            if b == UInt8(ascii: ",") { continue }
            if b == UInt8(ascii: "]") { return .array(items) }
            index -= 1
            throw error("expected ',' or ']' in an array")
        }
    }

    /// Moves past one value without building it: strings and nesting are tracked (with the
    /// same depth limit), scalars are taken up to the next delimiter.
    private mutating func skipValue(depth: Int) throws(SyntaxError) {
        guard index < count else { throw error("unexpected end of data") }
        let first = base[index]
        if first != UInt8(ascii: "{") && first != UInt8(ascii: "[") && first != UInt8(ascii: "\"") {
            if first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) { _ = try parseNumber(); return }
            _ = try parseValue(depth: depth)
            return
        }
        var nesting = 0
        var inString = false
        while index < count {
            let b = base[index]
            index += 1
            if inString {
                if b == UInt8(ascii: "\\") { index += 1 } else if b == UInt8(ascii: "\"") {
                    inString = false
                    if nesting == 0 { return }
                }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                nesting += 1
                guard depth + nesting <= maxDepth else { index -= 1; throw error("nested deeper than \(maxDepth) levels") }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                nesting -= 1
                if nesting == 0 { return }
            default: break
            }
        }
        throw error(inString ? "unterminated string" : "unexpected end of data")
    }

    private mutating func parseNumber() throws(SyntaxError) -> String {
        let start = index
        if base[index] == UInt8(ascii: "-") { index += 1 }
        let intStart = index
        while index < count, base[index] >= 0x30, base[index] <= 0x39 { index += 1 }
        guard index > intStart else { throw error("expected digits") }
        if index < count, base[index] == UInt8(ascii: ".") {
            index += 1
            let fracStart = index
            while index < count, base[index] >= 0x30, base[index] <= 0x39 { index += 1 }
            guard index > fracStart else { throw error("expected digits after '.'") }
        }
        if index < count, base[index] == UInt8(ascii: "e") || base[index] == UInt8(ascii: "E") {
            index += 1
            if index < count, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") { index += 1 }
            let expStart = index
            while index < count, base[index] >= 0x30, base[index] <= 0x39 { index += 1 }
            guard index > expStart else { throw error("expected exponent digits") }
        }
        return String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
    }

    /// The bytes of the string starting at `index` (a quote) when it has no escape, else nil.
    private func rawKey() -> UnsafeBufferPointer<UInt8>? {
        var end = index + 1
        while end < count {
            let b = base[end]
            if b == UInt8(ascii: "\"") { return UnsafeBufferPointer(start: base + index + 1, count: end - index - 1) }
            if b == UInt8(ascii: "\\") { return nil }
            end += 1
        }
        return nil
    }

    /// Reads a string starting at its opening quote. Strings without escapes (nearly all) are
    /// decoded straight from the input; `String(decoding:)` repairs invalid UTF-8 to U+FFFD.
    private mutating func parseString() throws(SyntaxError) -> String {
        index += 1
        let start = index
        while index < count {
            let b = base[index]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
                index += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            index += 1
        }
        guard index < count else { throw error("unterminated string") }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
        while index < count {
            let b = base[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if b != UInt8(ascii: "\\") {
                scratch.append(b)
                index += 1
                continue
            }
            index += 1
            guard index < count else { break }
            let e = base[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(e)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"): try appendUnicodeEscape()
            default:
                index -= 1
                throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        throw error("unterminated string")
    }

    /// `\uXXXX`, joining a UTF-16 surrogate pair when the low half follows as another escape.
    private mutating func appendUnicodeEscape() throws(SyntaxError) {
        let unit = try readHex4()
        var scalar: UInt32 = 0xFFFD
        if unit >= 0xD800 && unit <= 0xDBFF {
            if index + 1 < count, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") {
                let save = index
                index += 2
                let low = try readHex4()
                if low >= 0xDC00 && low <= 0xDFFF {
                    scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    // Not a low surrogate: the high one stands alone; re-read the next escape.
                    index = save
                }
            }
        } else if !(unit >= 0xDC00 && unit <= 0xDFFF) {
            scalar = unit
        }
        let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        scratch.append(contentsOf: UTF8.encode(s)!)
    }

    private mutating func readHex4() throws(SyntaxError) -> UInt32 {
        guard index + 4 <= count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = base[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - 0x41 + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}

/// The members a top-level object keeps when parsed with `onlyKeys`, held as bytes so that a
/// member's key is compared before it becomes a string. Written like a set of strings.
public struct JSONKeySet: Sendable, ExpressibleByArrayLiteral {
    private let keys: [[UInt8]]

    public init(_ keys: some Sequence<String>) { self.keys = Set(keys).map { Array($0.utf8) } }
    public init(arrayLiteral elements: String...) { self.init(elements) }

    public func contains(_ key: String) -> Bool { keys.contains { $0.elementsEqual(key.utf8) } }

    /// Every member key of every record passes here: compared by length and first byte first,
    /// then byte by byte through pointers (the generic `elementsEqual` was 3 % of a Telegram
    /// scan, docs/performance.md).
    func contains(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = raw.first else { return keys.contains { $0.isEmpty } }
        for key in keys where key.count == raw.count && key[0] == first {
            let equal = key.withUnsafeBufferPointer { k in
                var i = 1
                while i < k.count && k[i] == raw[i] { i += 1 }
                return i == k.count
            }
            if equal { return true }
        }
        return false
    }
}
