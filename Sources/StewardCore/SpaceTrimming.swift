extension Substring {
    /// The text without the tabs and spaces (Unicode's space separators: U+0020, U+00A0,
    /// U+3000 …, and the zero-width space, which Foundation counts with them) at either end,
    /// line breaks kept: what Foundation's `trimmingCharacters(in: .whitespaces)` gives, read
    /// scalar by scalar in place. Foundation's
    /// trimming bridges each string to NSString and back, which was a fifth of a mailbox's
    /// profile where header values are trimmed per message (docs/performance.md, "Mail bodies").
    public func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, SpaceTrimming.isSpace(scalars[start]) { start = scalars.index(after: start) }
        while start < end {
            let before = scalars.index(before: end)
            guard SpaceTrimming.isSpace(scalars[before]) else { break }
            end = before
        }
        return String(self[start..<end])
    }
}

extension String {
    /// See `Substring.trimmingSpaces()`.
    public func trimmingSpaces() -> String { self[...].trimmingSpaces() }
}

enum SpaceTrimming {
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || scalar == "\t" }
        return scalar.value == 0x200B || scalar.properties.generalCategory == .spaceSeparator
    }
}
