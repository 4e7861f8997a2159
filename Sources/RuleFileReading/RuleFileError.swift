/// A problem in a rule, lexicon or model file. Rule files are code: any problem stops steward
/// with the file and line, unlike data problems which are reported and skipped.
public struct RuleFileError: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `rules/signals/finance/gambling.yaml:12: unknown key 'atribute' (expected one of: …)`
    public var description: String { "\(file):\(line): \(message)" }
}
