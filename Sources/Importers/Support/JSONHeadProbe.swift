import StewardCore

/// The first value of a key in the head of a JSON file, found by a byte search before the
/// file is parsed (detection and overlap planning read only the first 64 KiB). Only plain
/// values are returned: a string with an escape in it, or one cut off by the end of the
/// head, is nil, since the caller can always fall back on not knowing.
enum JSONHeadProbe {
    /// The first string value of `key` (`"key": "value"`), or, with `inList`, the first string
    /// of the list it holds (`"key": ["value", …]`).
    static func firstString(of key: String, in head: ArraySlice<UInt8>, inList: Bool = false, longest: Int = 80) -> String? {
        let quotedKey = "\"" + key + "\""
        guard let found = ByteSearch.firstIndex(of: quotedKey, in: head) else { return nil }
        var index = found + quotedKey.utf8.count
        func skipSpace() { while index < head.endIndex, isSpace(head[index]) { index += 1 } }
        for expected in inList ? [UInt8(ascii: ":"), UInt8(ascii: "[")] : [UInt8(ascii: ":")] {
            skipSpace()
            guard index < head.endIndex, head[index] == expected else { return nil }
            index += 1
        }
        skipSpace()
        guard index < head.endIndex, head[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        guard let end = head[start...].prefix(longest).firstIndex(of: UInt8(ascii: "\"")),
              !head[start..<end].contains(UInt8(ascii: "\\")), end > start else { return nil }
        return String(decoding: head[start..<end], as: UTF8.self)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
