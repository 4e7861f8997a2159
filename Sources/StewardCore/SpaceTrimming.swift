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
    /// The words of the text one space apart (runs of whitespace as one space, none at either
    /// end), cut after `limit` characters with "…"; nil when there are none: the same string as
    /// splitting on `Character.isWhitespace` and joining with spaces. Read as UTF-8, stopping
    /// once past the limit: splitting a whole 256 KB mail body character by character, with a
    /// Unicode property lookup for each, was most of a mailbox's profile (docs/performance.md,
    /// "Mail bodies").
    public func wordsOneSpaceApart(limit: Int = .max) -> String? {
        var text = self
        return text.withUTF8 { bytes -> String? in
            var words: [UInt8] = []
            words.reserveCapacity(bytes.count < limit ? bytes.count : limit + 16)
            // Kept bytes are copied a run at a time: from `runStart` to where whitespace begins.
            var runStart = 0
            var spaceOwed = false
            // After a space character: the marks that extend it belong to it.
            var inSpace = false
            var allASCII = true
            var checkedAt = 0
            var i = 0
            @inline(__always) func flush(to end: Int) {
                guard end > runStart else { return }
                if spaceOwed {
                    words.append(0x20)
                    spaceOwed = false
                }
                words.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end]))
            }
            scan: while i < bytes.count {
                let lead = bytes[i]
                if lead < 0x80 {
                    if lead == 0x20 || (0x09...0x0D).contains(lead) {
                        flush(to: i)
                        // A character breaks after a control (tab, line ends): a mark after
                        // one is a character of its own, not part of the whitespace.
                        inSpace = lead == 0x20
                        spaceOwed = !words.isEmpty
                        i += 1
                        runStart = i
                        continue
                    }
                    // The rest of an ASCII word in one pass; the limit is checked once per run
                    // below (the cut itself is made on the joined text, so where the scan stops
                    // past the limit does not change the result).
                    inSpace = false
                    i += 1
                    while i < bytes.count {
                        let b = bytes[i]
                        if b >= 0x80 || b == 0x20 || (b >= 0x09 && b <= 0x0D) { break }
                        i += 1
                    }
                } else {
                    let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                    guard i + length <= bytes.count else { break }
                    var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                    for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                    // Whitespace is answered from its fixed list: a property lookup per
                    // non-ASCII character was a mail body's largest cost (docs/performance.md).
                    if SpaceTrimming.isWhitespace(value) {
                        flush(to: i)
                        inSpace = SpaceTrimming.isSpaceSeparator(value)
                        spaceOwed = !words.isEmpty
                        i += length
                        runStart = i
                        continue
                    }
                    if inSpace, let properties = Unicode.Scalar(value).map(\.properties),
                       properties.isGraphemeExtend || properties.isEmojiModifier || properties.generalCategory == .spacingMark
                        || value == 0x200D {
                        i += length
                        runStart = i
                        continue
                    }
                    inSpace = false
                    allASCII = false
                    i += length
                }
                // ASCII words have a character per byte; otherwise count characters now and
                // then, once there are more bytes than the limit.
                let kept = words.count + (spaceOwed ? 1 : 0) + (i - runStart)
                if kept > limit {
                    if allASCII { break scan }
                    if kept - checkedAt >= 64 {
                        flush(to: i)
                        runStart = i
                        checkedAt = words.count
                        if String(decoding: words, as: UTF8.self).count > limit { break scan }
                    }
                }
            }
            flush(to: i)
            guard !words.isEmpty else { return nil }
            let joined = String(decoding: words, as: UTF8.self)
            return joined.count > limit ? String(joined.prefix(limit)) + "…" : joined
        }
    }

    /// See `Substring.trimmingSpaces()`.
    public func trimmingSpaces() -> String { self[...].trimmingSpaces() }
    /// See `Substring.trimmingSpacesAndLineBreaks()`.
    public func trimmingSpacesAndLineBreaks() -> String { self[...].trimmingSpacesAndLineBreaks() }
}

enum SpaceTrimming {
    /// Unicode's White_Space property (`Unicode.Scalar.Properties.isWhitespace`), whose list
    /// has been fixed since Unicode 6.3: tab to carriage return, space, NEL, no-break space,
    /// ogham space mark, the spaces U+2000–U+200A, line and paragraph separators, the narrow
    /// no-break and medium mathematical spaces, the ideographic space.
    @inline(__always)
    static func isWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Whitespace in the general category Zs (space separators): all of it but the controls
    /// and the line and paragraph separators.
    @inline(__always)
    static func isSpaceSeparator(_ value: UInt32) -> Bool {
        isWhitespace(value) && !(0x09...0x0D).contains(value) && value != 0x85 && value != 0x2028 && value != 0x2029
    }

    static func isTrimmed(_ scalar: Unicode.Scalar, lineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x20, 0x09: return true
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return lineBreaks
        case 0x200B: return true
        case 0..<0x80: return false
        default: return isSpaceSeparator(scalar.value)
        }
    }
}
