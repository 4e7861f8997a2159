/// Where inside one file a record sits. Parsers fill in what their format has: a line for
/// text formats, a record index for arrays, a JSON pointer for nested documents.
public struct SourcePosition: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int?
    /// 0-based index of the record among the file's records.
    public var record: Int?
    /// RFC 6901 JSON pointer, e.g. `/17/title`. An array element's pointer is written out only
    /// when asked for (`element(_:of:)`, `record(_:element:of:)`): a location history has a
    /// billion elements, and building each one's text cost a seventh of reading it.
    public var pointer: String? {
        get {
            switch pointerForm {
            case .none: return nil
            case .written(let text): return text
            case .element(let arrayPointer):
                guard let record else { return nil }
                return arrayPointer + "/" + String(record)
            case .nested(let arrayPointer, let index): return arrayPointer + "/" + String(index)
            }
        }
        set { pointerForm = newValue.map { .written($0) } ?? .none }
    }

    /// How the pointer is held: written out, or as the pointer of the array the record sits in
    /// plus its index there (shared by every element of that array, built when read). One enum
    /// rather than three optionals keeps a position at 64 bytes.
    private enum PointerForm: Sendable {
        case none
        case written(String)
        /// Element `record` of the array at this pointer.
        case element(of: String)
        /// Element `index` of the array at this pointer, inside record `record` (a path point
        /// of a Timeline segment: `/semanticSegments/7/timelinePath` and 3).
        case nested(in: String, index: Int)
    }

    private var pointerForm: PointerForm

    /// For an array element (`element(_:of:)`), the pointer of its array: `pointer` is this
    /// plus `/record`. The store keeps it once per array instead of each element's pointer.
    public var arrayPointer: String? {
        if case .element(let arrayPointer) = pointerForm { return arrayPointer }
        return nil
    }

    public init(line: Int? = nil, record: Int? = nil, pointer: String? = nil) {
        self.line = line
        self.record = record
        self.pointerForm = pointer.map { .written($0) } ?? .none
    }

    public static func line(_ n: Int) -> SourcePosition { SourcePosition(line: n) }
    public static func record(_ n: Int, pointer: String? = nil) -> SourcePosition {
        SourcePosition(record: n, pointer: pointer)
    }

    /// Element `n` of the array at `arrayPointer` (`""` for a top-level array): pointer
    /// `arrayPointer/n`, built when read.
    public static func element(_ n: Int, of arrayPointer: String) -> SourcePosition {
        var position = SourcePosition(record: n)
        position.pointerForm = .element(of: arrayPointer)
        return position
    }

    /// Element `index` of the array at `arrayPointer`, which sits inside record `n`: pointer
    /// `arrayPointer/index`, built when read. Every element of one array shares the text of
    /// `arrayPointer` instead of holding its own pointer.
    public static func record(_ n: Int, element index: Int, of arrayPointer: String) -> SourcePosition {
        var position = SourcePosition(record: n)
        position.pointerForm = .nested(in: arrayPointer, index: index)
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
