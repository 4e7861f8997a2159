import StewardCore

/// One parsed JSON value, small enough to build per array element (see `JSONArraySplitter`).
/// Numbers stay text so each importer decides how exact it needs them (E7 coordinates,
/// millisecond timestamps, money); object members keep their order and duplicates.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number exactly as written, e.g. `-12.50` or `1.6e3`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// The first member named `key` when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    /// Element `index` when this is an array and the index exists.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The text when this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The items when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The members when this is an object.
    public var objectMembers: [JSONMember]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The number's text when this is a number.
    public var numberText: String? {
        if case .number(let text) = self { return text }
        return nil
    }

    /// The number as Double when this is a number (or a numeric string, as some exports write).
    public var doubleValue: Double? {
        switch self {
        case .number(let text), .string(let text): return Double(text)
        default: return nil
        }
    }

    /// The number as Int64 when it is an integer (or an integer string).
    public var int64Value: Int64? {
        switch self {
        case .number(let text), .string(let text): return Int64(text)
        default: return nil
        }
    }

    /// Member `key` as a 64-bit integer (a number or an integer string): nil when the member is
    /// absent or null, an `UntrustedNumberError` naming `key` when it is there but no integer
    /// that fits (a 30-digit number, `1e300`, `"NaN"`), so a damaged field is reported rather
    /// than read as missing.
    public func integer(_ key: String) throws(UntrustedNumberError) -> Int64? {
        guard let member = self[key] else { return nil }
        switch member {
        case .null: return nil
        case .number(let text), .string(let text): return try CheckedNumber.integer(text, field: key)
        default: throw UntrustedNumberError(field: key, value: nil, problem: .notAnInteger)
        }
    }

    /// The value when this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue
    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}
