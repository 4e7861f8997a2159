import Rules
import StewardCore
import Store
import RuleFileReading

/// Errors that stop a command, each with the file it concerns. Data problems never end up
/// here: they are reported inside the scan report. The exit status comes from the case, never
/// from the message text (the codes are listed in `steward --help` and the README).
public enum StewardError: Error, CustomStringConvertible {
    case rulesNotFound(searched: [String])
    case ruleFile(RuleFileError)
    case ruleExamplesFailed([String])
    /// The database could not be opened, read or written. A scan whose records could not all
    /// be stored is rolled back, never committed incomplete.
    case store(StoreError)
    case noInputs(missing: [String])
    /// The scan read no record at all: each given path with why nothing came of it.
    /// `more`: files not read beyond those listed in `reasons` (long lists are cut).
    case nothingRead(paths: [String], reasons: [ScanReport.Unrecognized], more: Int = 0)
    /// Paths given on the command line that could not be read; the rest was scanned.
    case pathsFailed([ScanReport.Unrecognized])
    case output(String, String)
    case persona(String)
    /// A specific mistake in what was asked (a name, a folder, a flag): said without the
    /// generic usage block.
    case usage(String)
    /// A name that the stored scan and the rules do not know, with the closest ones that exist.
    case unknownName(String, kind: String, scanId: String?, closest: [String])

    public var description: String {
        switch self {
        case .rulesNotFound(let searched):
            return "not a rules folder (no attributes.yaml): \(searched.joined(separator: ", ")); pass --rules with a rules folder, or leave out --rules and STEWARD_RULES to use the built-in rules"
        case .ruleFile(let error): return error.description
        case .ruleExamplesFailed(let failures): return failures.joined(separator: "\n")
        case .store(let error): return error.description
        case .noInputs(let missing):
            return "nothing could be read, so there is no score:\n"
                + missing.map { "  \($0): no such file or folder" }.joined(separator: "\n")
        case .nothingRead(let paths, let reasons, let more):
            var lines = ["nothing could be read from \(paths.joined(separator: ", ")), so there is no score:"]
            lines += reasons.map { "  \($0.path): \($0.reason)" }
            if more > 0 { lines.append("  … and \(more) more") }
            return lines.joined(separator: "\n")
        case .pathsFailed(let failed):
            let list = failed.map { "\($0.path) (\($0.reason))" }.joined(separator: ", ")
            return "could not read \(list); the other paths were scanned and reported"
        case .output(let path, let why): return "\(path): cannot write: \(why)"
        case .persona(let message): return message
        case .usage(let message): return message
        case .unknownName(let name, let kind, let scanId, let closest):
            let within = scanId.map { " in scan \($0)" } ?? ""
            let hint = closest.isEmpty ? "" : "; did you mean \(closest.map { "'\($0)'" }.joined(separator: ", "))?"
            return "'\(name)' is no \(kind)\(within)\(hint)"
        }
    }

    /// 1 other failure, 2 usage or rule-file error, 3 nothing could be read, 4 a path given on
    /// the command line could not be read (the others were scanned and reported).
    public var exitCode: Int32 {
        switch self {
        case .noInputs, .nothingRead: return 3
        case .pathsFailed: return 4
        case .rulesNotFound, .ruleFile, .ruleExamplesFailed, .usage, .unknownName, .persona: return 2
        case .store, .output: return 1
        }
    }
}
