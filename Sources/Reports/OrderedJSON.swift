import StewardCore

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

    /// JSON string literal as every steward JSON writes it (`JSONStringLiteral`).
    static func writeString(_ value: String, into out: inout String) {
        JSONStringLiteral.append(value, to: &out)
    }
}
