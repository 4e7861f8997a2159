/// Every output format steward can write. Exhaustive on purpose: a new format is a new file,
/// a new case and the compiler then points at the one switch arm to add.
public enum ReportFormat: String, CaseIterable, Sendable {
    case terminal, json, html, markdown

    /// The reporter for this format. `color` only affects formats that have colour (the CLI
    /// decides it from NO_COLOR and whether stdout is a terminal).
    public func makeReporter(color: Bool) -> any Reporter {
        switch self {
        case .terminal: return TerminalReporter(color: color)
        case .json: return JSONReporter()
        case .html: return HTMLReporter()
        case .markdown: return MarkdownReporter()
        }
    }
}
