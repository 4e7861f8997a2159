import StewardCore

/// Making untrusted text safe and tidy for a terminal: exports can contain escape sequences
/// (an excerpt must never recolour, move the cursor or retitle the window) and text direction
/// overrides; lines are wrapped to a fixed width counting wide (CJK) characters as two columns.
///
/// `sanitize` is the one sanitizer for everything steward prints to a terminal: the terminal
/// report, the progress line, `report --list`, `explain` and error messages all pass through it
/// (see docs/privacy.md, "Untrusted text on a terminal").
public enum TerminalText {
    /// Replaces line breaks and tabs with a space, shows other control characters (C0, ESC,
    /// DEL and the C1 range including U+009B CSI and U+009D OSC) as `\x1B`-style text and
    /// invisible format characters (bidi overrides and isolates, zero-width characters, line
    /// and paragraph separators) as `\u{202E}`-style text.
    public static func sanitize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x00..<0x20, 0x7F...0x9F:
                out.append(contentsOf: "\\x\(hex(scalar.value, width: 2))".unicodeScalars)
            default:
                if isInvisibleFormat(scalar) {
                    out.append(contentsOf: "\\u{\(hex(scalar.value, width: 4))}".unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    /// See `InvisibleFormatCharacter` (StewardCore): bidi controls, zero-width characters,
    /// line and paragraph separators, the byte-order mark.
    public static func isInvisibleFormat(_ scalar: Unicode.Scalar) -> Bool {
        InvisibleFormatCharacter.contains(scalar)
    }

    /// Columns a string takes in a monospace terminal.
    public static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + columns($1) }
    }

    /// Wraps one logical line to `width` columns: the first line starts with `indent` spaces,
    /// continuation lines with `hangingIndent`. Words longer than a line are cut.
    public static func wrap(_ text: String, width: Int = 100, indent: Int = 0, hangingIndent: Int? = nil) -> [String] {
        let firstPrefix = String(repeating: " ", count: indent)
        let nextPrefix = String(repeating: " ", count: hangingIndent ?? indent)
        var lines: [String] = []
        var current = firstPrefix
        var currentWidth = indent
        var lineHasWord = false

        func newLine() {
            lines.append(current)
            current = nextPrefix
            currentWidth = nextPrefix.count
            lineHasWord = false
        }

        for (spaces, word) in tokens(text) {
            var piece = word
            var pieceWidth = TerminalText.width(piece)
            // Runs of spaces inside a line are kept (column gaps); at a line break they vanish.
            var gap = lineHasWord ? spaces : 0
            if lineHasWord, currentWidth + gap + pieceWidth > width { newLine(); gap = 0 }
            // Cut words (long paths, URLs) that cannot fit on a line of their own.
            while currentWidth + gap + pieceWidth > width {
                let room = width - currentWidth - gap
                guard room > 0 else { newLine(); gap = 0; continue }
                let (head, tail) = split(piece, columns: room)
                current += String(repeating: " ", count: gap) + head
                currentWidth += gap + TerminalText.width(head)
                lineHasWord = true
                newLine()
                gap = 0
                piece = tail
                pieceWidth = TerminalText.width(piece)
            }
            if piece.isEmpty { continue }
            current += String(repeating: " ", count: gap) + piece
            currentWidth += gap + pieceWidth
            lineHasWord = true
        }
        if lineHasWord || lines.isEmpty { lines.append(current) }
        return lines.map { $0.trailingSpacesRemoved }
    }

    /// Words with the number of spaces before each (leading spaces of the text are dropped).
    /// Chinese and Japanese text has no spaces: a line may break before or after any wide
    /// character, so each becomes a word of its own with no space before it — except that
    /// closing punctuation (、。，）：) never starts a line and opening punctuation (（「) never
    /// ends one (the core of UAX #14 for ideographs).
    private static func tokens(_ text: String) -> [(spaces: Int, word: String)] {
        var result: [(Int, String)] = []
        var spaces = 0
        var word = ""
        var previous: Character? = nil
        for character in text {
            if character == " " {
                if !word.isEmpty { result.append((spaces, word)); word = ""; spaces = 0 }
                spaces += 1
                previous = character
                continue
            }
            if !word.isEmpty, let before = previous, breakAllowed(between: before, and: character) {
                result.append((spaces, word))
                word = ""
                spaces = 0
            }
            word.append(character)
            previous = character
        }
        if !word.isEmpty { result.append((spaces, word)) }
        return result
    }

    /// A line may break between two characters when either is wide, unless that puts closing
    /// punctuation at a line start or opening punctuation at a line end.
    static func breakAllowed(between before: Character, and after: Character) -> Bool {
        guard isWide(before) || isWide(after) else { return false }
        if closingPunctuation.contains(after) || openingPunctuation.contains(before) { return false }
        // A no-break space keeps its neighbours together in every script.
        if before == "\u{00A0}" || after == "\u{00A0}" || before == "\u{202F}" || after == "\u{202F}" { return false }
        return true
    }

    private static let closingPunctuation: Set<Character> = ["、", "。", "，", "．", "）", "：", "；", "！", "？", "」", "』", "】", "》", "〉", "〕", "…", "・", "ー", "々", "～"]
    private static let openingPunctuation: Set<Character> = ["（", "「", "『", "【", "《", "〈", "〔"]

    private static func isWide(_ character: Character) -> Bool {
        character.unicodeScalars.first.map { columns($0) == 2 } ?? false
    }

    private static func split(_ text: String, columns: Int) -> (String, String) {
        var used = 0
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            let w = width(String(text[index..<next]))
            if used + w > columns { break }
            used += w
            index = next
        }
        // Always make progress, even when one character is wider than the room left.
        if index == text.startIndex { index = text.index(after: index) }
        return (String(text[..<index]), String(text[index...]))
    }

    /// East Asian Wide and Fullwidth ranges (Unicode UAX #11) take two columns; combining
    /// marks and zero-width characters none.
    private static func columns(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x200B...0x200F: return 0 // zero-width
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF,
             0x20000...0x3FFFD:
            return 2
        default:
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark: return 0 // combining marks sit on the previous character
            default: return 1
            }
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension String {
    fileprivate var trailingSpacesRemoved: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
