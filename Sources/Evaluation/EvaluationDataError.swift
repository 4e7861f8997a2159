/// A problem in an evaluation data file (`eval/`), with the file and line it concerns. Bad data
/// stops `steward-eval`: a silently skipped case would change the figures.
public struct EvaluationDataError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `eval/cases/de.tsv:12: unknown record form 'crad:5411'`
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}
