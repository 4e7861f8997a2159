/// The one way steward writes a string as a JSON literal (reports, `--format json`, and the
/// list columns of the database), so every JSON it writes escapes the same characters.
///
/// Escaped: quotes, backslashes and every control character (C0, DEL, C1); `<`, `>`, `&` (a
/// report pasted into an HTML page cannot close a script element); U+2028/2029 (line breaks
/// to JavaScript); bidirectional and zero-width format characters (they can make a reviewed
/// excerpt read differently from what it contains). Everything else is written as is, in UTF-8.
public enum JSONStringLiteral {
    public static func append(_ value: String, to out: inout String) {
        out += "\""
        // Fast path: ids, rule names and most paths need no escaping, and the database writes
        // one such list per matched record.
        if !value.utf8.contains(where: needsScalarCheck) {
            out += value
            out += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if mustEscape(scalar) {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    public static func quoted(_ value: String) -> String {
        var out = ""
        append(value, to: &out)
        return out
    }

    /// `["a","b"]`, without JSONEncoder.
    public static func array(_ values: [String]) -> String {
        var out = "["
        for (index, value) in values.enumerated() {
            if index > 0 { out += "," }
            append(value, to: &out)
        }
        out += "]"
        return out
    }

    private static func mustEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "<" || scalar == ">" || scalar == "&"
            || InvisibleFormatCharacter.contains(scalar)
    }

    /// A byte that starts or is a character the slow path might escape: ASCII controls, the
    /// ASCII characters above, DEL, and every lead byte of a non-ASCII character (C1 controls
    /// and format characters are non-ASCII).
    private static func needsScalarCheck(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
            || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// Bidirectional controls (embeddings and overrides U+202A–202E, isolates U+2066–2069, marks
/// U+200E/200F/061C), zero-width characters, line and paragraph separators and the byte-order
/// mark: they change how text reads or breaks without being visible ("Trojan Source"). The
/// terminal sanitizer shows them, the JSON and HTML writers escape or drop them.
public enum InvisibleFormatCharacter {
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x180E, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF, 0xFFF9...0xFFFB: return true
        default: return false
        }
    }
}
