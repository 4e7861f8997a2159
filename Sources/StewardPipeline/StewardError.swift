import Rules
import Store

/// Errors that stop a command, each with the file it concerns. Data problems never end up
/// here: they are reported inside the scan report.
public enum StewardError: Error, CustomStringConvertible {
    case rulesNotFound(searched: [String])
    case ruleFile(RuleFileError)
    case ruleExamplesFailed([String])
    /// The database could not be opened, read or written. A scan whose records could not all
    /// be stored is rolled back, never committed incomplete.
    case store(StoreError)
    case noInputs(missing: [String])
    case output(String, String)
    case persona(String)

    public var description: String {
        switch self {
        case .rulesNotFound(let searched):
            return "cannot find the rules folder (looked in: \(searched.joined(separator: ", "))); pass --rules DIR or set STEWARD_RULES"
        case .ruleFile(let error): return error.description
        case .ruleExamplesFailed(let failures): return failures.joined(separator: "\n")
        case .store(let error): return error.description
        case .noInputs(let missing):
            return missing.map { "\($0): no such file or folder" }.joined(separator: "\n")
        case .output(let path, let why): return "\(path): cannot write: \(why)"
        case .persona(let message): return message
        }
    }

    /// Exit status per docs/report-contract.md: 2 usage error, 3 unreadable input, 1 otherwise.
    public var exitCode: Int32 {
        switch self {
        case .noInputs: return 3
        case .rulesNotFound, .ruleFile, .ruleExamplesFailed: return 2
        default: return 1
        }
    }
}
