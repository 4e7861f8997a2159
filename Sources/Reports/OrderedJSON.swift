/// A JSON document whose objects keep their keys in the order given, written by hand so the
/// output is byte-for-byte deterministic (Foundation's JSONEncoder does not promise key order)
/// and every control character is escaped.
public indirect enum OrderedJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([OrderedJSON])
    case object([(String, OrderedJSON)])

    public static func == (lhs: OrderedJSON, rhs: OrderedJSON) -> Bool { lhs.rendered() == rhs.rendered() }

    /// Pretty-printed with two-space indentation, no trailing newline.
    public func rendered() -> String {
        var out = ""
        write(into: &out, depth: 0)
        return out
    }

    private func write(into out: inout String, depth: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .number(let value):
            // JSON has no NaN or infinity; a missing number is null.
            out += value.isFinite ? "\(value)" : "null"
        case .string(let value): OrderedJSON.writeString(value, into: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += OrderedJSON.indent(depth + 1)
                item.write(into: &out, depth: depth + 1)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += OrderedJSON.indent(depth) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += OrderedJSON.indent(depth + 1)
                OrderedJSON.writeString(key, into: &out)
                out += ": "
                value.write(into: &out, depth: depth + 1)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += OrderedJSON.indent(depth) + "}"
        }
    }

    private static func indent(_ depth: Int) -> String { String(repeating: "  ", count: depth) }

    /// Escapes quotes, backslashes and every control character (C0, DEL, C1); also `<`, `>`, `&`
    /// (so a report pasted into an HTML page cannot close a script element), U+2028/2029 (line
    /// breaks to JavaScript) and bidirectional/zero-width format characters (they can make a
    /// reviewed excerpt read differently from what it contains).
    static func writeString(_ value: String, into out: inout String) {
        out += "\""
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
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "<" || scalar == ">"
                    || scalar == "&" || TerminalText.isInvisibleFormat(scalar) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
