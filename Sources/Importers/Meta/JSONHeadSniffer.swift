/// Looks at the first bytes of a JSON file without parsing it: the first key of a top-level
/// object, and whether a key occurs. Used by content-based detection of social exports.
enum JSONHeadSniffer {
    /// The first key of the top-level object in `head` (which starts at `{`), when it is a
    /// plain string without escapes.
    static func firstKey(in head: ArraySlice<UInt8>) -> String? {
        var i = head.startIndex
        guard i < head.endIndex, head[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        while i < head.endIndex, isSpace(head[i]) { i += 1 }
        guard i < head.endIndex, head[i] == UInt8(ascii: "\"") else { return nil }
        let start = i + 1
        var end = start
        while end < head.endIndex, head[end] != UInt8(ascii: "\"") {
            if head[end] == UInt8(ascii: "\\") || end - start > 200 { return nil }
            end += 1
        }
        guard end < head.endIndex else { return nil }
        return String(decoding: head[start..<end], as: UTF8.self)
    }

    /// True when `"key"` followed by optional whitespace and `:` occurs in `bytes`.
    static func containsKey(_ key: String, in bytes: ArraySlice<UInt8>) -> Bool {
        let needle = Array("\"\(key)\"".utf8)
        guard bytes.count >= needle.count else { return false }
        var i = bytes.startIndex
        let last = bytes.endIndex - needle.count
        while i <= last {
            if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) {
                var j = i + needle.count
                while j < bytes.endIndex, isSpace(bytes[j]) { j += 1 }
                if j < bytes.endIndex && bytes[j] == UInt8(ascii: ":") { return true }
            }
            i += 1
        }
        return false
    }

    /// True when `bytes` contains `text` (ASCII, case-insensitive).
    static func containsASCII(_ text: String, in bytes: ArraySlice<UInt8>) -> Bool {
        let needle = Array(text.lowercased().utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return false }
        var i = bytes.startIndex
        let last = bytes.endIndex - needle.count
        while i <= last {
            var k = 0
            while k < needle.count, lower(bytes[i + k]) == needle[k] { k += 1 }
            if k == needle.count { return true }
            i += 1
        }
        return false
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
}
