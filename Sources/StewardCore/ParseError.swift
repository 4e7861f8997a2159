/// A parser's error that ends parsing of one file (truncated beyond repair, not the format
/// after all, too deeply nested). Bad single records are not errors: see `EventSink.skip`.
public struct ParseError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var position: SourcePosition?
    public init(_ message: String, at position: SourcePosition? = nil) {
        self.message = message
        self.position = position
    }
    public var description: String { position.map { "\($0): \(message)" } ?? message }
}
