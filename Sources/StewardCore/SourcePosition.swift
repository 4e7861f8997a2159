/// Where inside one file a record sits. Parsers fill in what their format has: a line for
/// text formats, a record index for arrays, a JSON pointer for nested documents.
public struct SourcePosition: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int?
    /// 0-based index of the record among the file's records.
    public var record: Int?
    /// RFC 6901 JSON pointer, e.g. `/17/title`.
    public var pointer: String?

    public init(line: Int? = nil, record: Int? = nil, pointer: String? = nil) {
        self.line = line
        self.record = record
        self.pointer = pointer
    }

    public static func line(_ n: Int) -> SourcePosition { SourcePosition(line: n) }
    public static func record(_ n: Int, pointer: String? = nil) -> SourcePosition {
        SourcePosition(record: n, pointer: pointer)
    }

    /// `line 12`, `record 3 (/3)`, …
    public var description: String {
        var parts: [String] = []
        if let line { parts.append("line \(line)") }
        if let record { parts.append("record \(record)") }
        if let pointer { parts.append(parts.isEmpty ? "at \(pointer)" : "(\(pointer))") }
        return parts.isEmpty ? "whole file" : parts.joined(separator: " ")
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
