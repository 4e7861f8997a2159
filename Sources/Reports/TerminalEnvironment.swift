#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the terminal a report goes to can show: how many columns, and whether colour is
/// welcome. Read from the environment (`COLUMNS`, `TERM`, `NO_COLOR`) and the TTY.
public struct TerminalEnvironment: Sendable, Equatable {
    /// Columns to wrap at.
    public var width: Int
    /// True unless NO_COLOR is set (https://no-color.org) or `TERM=dumb`.
    public var allowsColor: Bool

    /// Used when neither COLUMNS nor the TTY tells the width.
    public static let defaultWidth = 80
    /// Narrower than this and wrapping would only make fragments.
    static let minimumWidth = 40

    public init(width: Int = TerminalEnvironment.defaultWidth, allowsColor: Bool = true) {
        self.width = width
        self.allowsColor = allowsColor
    }

    /// `COLUMNS` when it is a usable number, else `ttyColumns` (the terminal's own width), else
    /// 80; colour is off under NO_COLOR and for `TERM=dumb`.
    public static func detect(environment: [String: String], ttyColumns: Int?) -> TerminalEnvironment {
        var width = defaultWidth
        if let columns = environment["COLUMNS"].flatMap({ Int($0.trimmingSpacesOnly) }), columns > 0 {
            width = columns
        } else if let ttyColumns, ttyColumns > 0 {
            width = ttyColumns
        }
        let dumb = environment["TERM"] == "dumb"
        return TerminalEnvironment(width: max(minimumWidth, width), allowsColor: environment["NO_COLOR"] == nil && !dumb)
    }

    /// The environment of this process, with the width of standard output when it is a terminal.
    public static func current(environment: [String: String]) -> TerminalEnvironment {
        detect(environment: environment, ttyColumns: standardOutputColumns())
    }

    /// TIOCGWINSZ on standard output: nil when it is not a terminal.
    static func standardOutputColumns() -> Int? {
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

extension String {
    fileprivate var trimmingSpacesOnly: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
