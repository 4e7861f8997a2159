/// Where inside one file a record sits. Parsers fill in what their format has: a line for
/// text formats, a record index for arrays, a JSON pointer for nested documents.
public struct SourcePosition: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int?
    /// 0-based index of the record among the file's records.
    public var record: Int?
    /// RFC 6901 JSON pointer, e.g. `/17/title`. An array element's pointer is written out only
    /// when asked for (`element(_:of:)`): a location history has a billion elements, and
    /// building each one's text cost a seventh of reading it.
    public var pointer: String? {
        get {
            if let explicitPointer { return explicitPointer }
            guard let elementOf, let record else { return nil }
            return elementOf + "/" + String(record)
        }
        set {
            explicitPointer = newValue
            elementOf = nil
        }
    }

    private var explicitPointer: String?
    /// The pointer of the array `record` is an element of.
    private var elementOf: String?

    /// For an array element (`element(_:of:)`), the pointer of its array: `pointer` is this
    /// plus `/record`. The store keeps it once per array instead of each element's pointer.
    public var arrayPointer: String? { explicitPointer == nil ? elementOf : nil }

    public init(line: Int? = nil, record: Int? = nil, pointer: String? = nil) {
        self.line = line
        self.record = record
        self.explicitPointer = pointer
    }

    public static func line(_ n: Int) -> SourcePosition { SourcePosition(line: n) }
    public static func record(_ n: Int, pointer: String? = nil) -> SourcePosition {
        SourcePosition(record: n, pointer: pointer)
    }

    /// Element `n` of the array at `arrayPointer` (`""` for a top-level array): pointer
    /// `arrayPointer/n`, built when read.
    public static func element(_ n: Int, of arrayPointer: String) -> SourcePosition {
        var position = SourcePosition(record: n)
        position.elementOf = arrayPointer
        return position
    }

    /// `line 12`, `record 3 (/3)`, …
    public var description: String {
        var parts: [String] = []
        if let line { parts.append("line \(line)") }
        if let record { parts.append("record \(record)") }
        if let pointer { parts.append(parts.isEmpty ? "at \(pointer)" : "(\(pointer))") }
        return parts.isEmpty ? "whole file" : parts.joined(separator: " ")
    }

    // Equal, hashed and coded by what they say, however the pointer is held.
    public static func == (a: SourcePosition, b: SourcePosition) -> Bool {
        a.line == b.line && a.record == b.record && a.pointer == b.pointer
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(line)
        hasher.combine(record)
        hasher.combine(pointer)
    }

    private enum CodingKeys: String, CodingKey { case line, record, pointer }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(line: try container.decodeIfPresent(Int.self, forKey: .line),
                  record: try container.decodeIfPresent(Int.self, forKey: .record),
                  pointer: try container.decodeIfPresent(String.self, forKey: .pointer))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(line, forKey: .line)
        try container.encodeIfPresent(record, forKey: .record)
        try container.encodeIfPresent(pointer, forKey: .pointer)
    }
}

/// A record's exact place: the input path (archive members joined with `!`) and the position.
public struct Locator: Sendable, Hashable, Codable, CustomStringConvertible {
    public var path: String
    public var position: SourcePosition

    public init(path: String, position: SourcePosition) {
        self.path = path
        self.position = position
    }

    public var description: String { "\(path) \(position)" }
}
