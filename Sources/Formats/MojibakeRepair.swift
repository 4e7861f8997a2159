/// Undoes the mojibake of Facebook and Instagram "Download Your Information" JSON: their
/// exporter writes every byte of a UTF-8 sequence as its own `\u00XX` escape, so "é" (C3 A9)
/// arrives as the two code points U+00C3 U+00A9 ("Ã©") and "❤" as "â\u{9D}¤".
///
/// A string is repaired only when every code point is ≤ U+00FF, at least one is ≥ U+0080, and
/// the code points read as bytes form valid UTF-8. Genuine Latin-1 text such as "Café" (one
/// U+00E9 followed by ASCII) is not valid UTF-8 as bytes and is kept unchanged, and text that
/// already holds characters beyond U+00FF (correct exports, CJK) is never touched.
public enum MojibakeRepair {
    /// The repaired string, or `text` itself when it is not UTF-8-as-Latin-1 mojibake.
    public static func repair(_ text: String) -> String {
        let utf8 = text.utf8
        // Fast path: pure ASCII (most field values) needs nothing, and any UTF-8 lead byte
        // above 0xC3 means a code point beyond U+00FF, i.e. text that is not mojibake. Read
        // through the string's own buffer: iterating the UTF-8 view byte by byte was 4 % of a
        // Messenger scan (docs/performance.md).
        @inline(__always) func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (high: Bool, beyondLatin1: Bool) {
            var sawHigh = false
            for byte in bytes where byte >= 0x80 {
                if byte > 0xC3 { return (true, true) }
                sawHigh = true
            }
            return (sawHigh, false)
        }
        let found = utf8.withContiguousStorageIfAvailable(scan) ?? Array(utf8).withUnsafeBufferPointer(scan)
        guard found.high, !found.beyondLatin1 else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte < 0x80 {
                bytes.append(byte)
            } else {
                // A two-byte sequence C2/C3 xx encodes U+0080…U+00FF: the original byte.
                guard let next = iterator.next() else { return text }
                bytes.append(((byte & 0x03) << 6) | (next & 0x3F))
            }
        }
        guard TextDecoding.isValidUTF8(bytes) else { return text }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `repair` for optional values.
    public static func repair(_ text: String?) -> String? {
        guard let text else { return nil }
        return repair(text)
    }
}
