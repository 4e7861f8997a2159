import Foundation
import Localization

/// Every output format steward can write. Exhaustive on purpose: a new format is a new file,
/// a new case and the compiler then points at the one switch arm to add.
public enum ReportFormat: String, CaseIterable, Sendable {
    case terminal, json, html, markdown

    /// The reporter for this format. `color` only affects formats that have colour (the CLI
    /// decides it from NO_COLOR and whether stdout is a terminal); the terminal report also
    /// drops colour for `TERM=dumb` and wraps to `COLUMNS` or the terminal's width (80 when
    /// neither is known).
    public func makeReporter(color: Bool, localizer: Localizer = .english) -> any Reporter {
        makeReporter(color: color, terminal: .current(environment: ProcessInfo.processInfo.environment), localizer: localizer)
    }

    /// The same with the terminal's properties given (tests, or a caller that knows them).
    /// The JSON report is the same in every language (docs/report-contract.md).
    public func makeReporter(color: Bool, terminal: TerminalEnvironment, localizer: Localizer = .english) -> any Reporter {
        switch self {
        case .terminal: return TerminalReporter(color: color && terminal.allowsColor, width: terminal.width, localizer: localizer)
        case .json: return JSONReporter()
        case .html: return HTMLReporter(localizer: localizer)
        case .markdown: return MarkdownReporter(localizer: localizer)
        }
    }
}
