import Foundation

/// Plain byte-string search for the places that look for a fixed marker in bytes: detection
/// heads (`"predicted_"`, `<Document`, `SQLite format 3`) and per-line prefilters that decide
/// whether a line is worth parsing at all. `memchr` finds each candidate first byte, `memcmp`
/// checks the rest, so a line without the marker costs about what reading it does.
public enum ByteSearch {
    /// Whether `needle` occurs in `haystack` (an empty needle occurs everywhere).
    public static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer) -> Bool {
        firstOffset(of: needle, in: haystack) != nil
    }

    /// The offset of the first `needle` in `haystack`, nil when there is none.
    public static func firstOffset(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Int? {
        guard let n = needle.baseAddress, needle.count > 0 else { return 0 }
        guard let h = haystack.baseAddress, haystack.count >= needle.count else { return nil }
        let first = Int32(needle[0])
        let lastStart = haystack.count - needle.count
        var offset = 0
        while offset <= lastStart {
            // Only a window in which the whole needle still fits can hold a match.
            guard let hit = memchr(h + offset, first, lastStart - offset + 1) else { return nil }
            let at = h.distance(to: UnsafeRawPointer(hit))
            if memcmp(h + at, n, needle.count) == 0 { return at }
            offset = at + 1
        }
        return nil
    }

    public static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBytes { h in needle.withUnsafeBytes { n in contains(h, n) } }
    }

    public static func contains(_ haystack: ArraySlice<UInt8>, _ text: String) -> Bool {
        contains(haystack, Array(text.utf8))
    }

    public static func contains(_ haystack: [UInt8], _ text: String) -> Bool {
        contains(haystack[...], Array(text.utf8))
    }

    /// The index in `haystack` (its own indices) where `text` first starts, nil when it does not occur.
    public static func firstIndex(of text: String, in haystack: ArraySlice<UInt8>) -> Int? {
        let needle = Array(text.utf8)
        let offset = haystack.withUnsafeBytes { h in needle.withUnsafeBytes { n in firstOffset(of: n, in: h) } }
        return offset.map { haystack.startIndex + $0 }
    }
}
