extension Substring {
    /// The text without the tabs and spaces (Unicode's space separators: U+0020, U+00A0,
    /// U+3000 …, and the zero-width space, which Foundation counts with them) at either end,
    /// line breaks kept: what Foundation's `trimmingCharacters(in: .whitespaces)` gives, read
    /// scalar by scalar in place. Foundation's trimming bridges each string to NSString and
    /// back, which was a fifth of a mailbox's profile and half of a GPX track's
    /// (docs/performance.md, "Mail bodies", "GPX tracks").
    public func trimmingSpaces() -> String { trimming(lineBreaks: false) }

    /// As `trimmingSpaces()`, and line breaks too (U+000A–U+000D, U+0085, U+2028, U+2029):
    /// Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)`.
    public func trimmingSpacesAndLineBreaks() -> String { trimming(lineBreaks: true) }

    private func trimming(lineBreaks: Bool) -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, SpaceTrimming.isTrimmed(scalars[start], lineBreaks: lineBreaks) { start = scalars.index(after: start) }
        while start < end {
            let before = scalars.index(before: end)
            guard SpaceTrimming.isTrimmed(scalars[before], lineBreaks: lineBreaks) else { break }
            end = before
        }
        return String(self[start..<end])
    }
}

extension String {
    /// See `Substring.trimmingSpaces()`.
    public func trimmingSpaces() -> String { self[...].trimmingSpaces() }
    /// See `Substring.trimmingSpacesAndLineBreaks()`.
    public func trimmingSpacesAndLineBreaks() -> String { self[...].trimmingSpacesAndLineBreaks() }
}

enum SpaceTrimming {
    static func isTrimmed(_ scalar: Unicode.Scalar, lineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x20, 0x09: return true
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return lineBreaks
        case 0x200B: return true
        case 0..<0x80: return false
        default: return scalar.properties.generalCategory == .spaceSeparator
        }
    }
}
