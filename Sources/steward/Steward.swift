import ArgumentParser
import Foundation
import StewardCore
import StewardPipeline


struct Steward: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steward",
        abstract: "See what a scoring system could infer from your own data exports. Nothing leaves this machine.",
        discussion: """
            Examples:
              steward demo                         # a synthetic persona, scanned and stored
              steward scan ~/Downloads/takeout-*.zip statement.csv
              steward explain finance.gambling
              steward what-if --without bank.ofx
              steward forget --dry-run

            Exit status:
              0  done
              1  an output could not be written, or the database failed
              2  usage error: an unknown name, option, folder or scan id; a bad rule file
              3  nothing could be read from the given paths, so there is no score
              4  a path given on the command line could not be read (the rest was scanned and reported)
            """,
        version: StewardVersion.text,
        subcommands: [Scan.self, Report.self, Explain.self, WhatIfCommand.self, RedactCommand.self, Diff.self, Compare.self, Demo.self,
                      RulesCommand.self, Sources.self, Request.self, Models.self, Forget.self, Completions.self],
        defaultSubcommand: nil)
}

/// Options every command that reads rules shares.
struct RulesOption: ParsableArguments {
    @Option(name: .customLong("rules"), help: "Rules folder (default: $STEWARD_RULES, then the rules built into steward).")
    var directory: String?

    /// The rules, their examples checked; kept only when the command runs or counts them
    /// (`steward rules`), so a scan does not hold them.
    func load(keepingExamples: Bool = false) throws -> Ruleset {
        let ruleset = try Ruleset.load(files: try RulesLocator.find(explicit: directory), keepingExamples: keepingExamples)
        AllocatorTuning.releaseFreedMemory()
        return ruleset
    }
}

/// Where steward keeps its database and default reports.
func dataDirectory() -> String {
    OutputLocations.dataDirectory(environment: ProcessInfo.processInfo.environment)
}

/// Colour only for a terminal, and never under NO_COLOR (https://no-color.org).
func useColor() -> Bool {
    ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
}

/// The database commands on stored scans read: `--db`, or the default one. A missing file is a
/// usage error that says what to do.
func storedScansDatabase(_ db: String?) throws -> String {
    let path = db ?? OutputLocations.databasePath(in: dataDirectory())
    guard FileManager.default.fileExists(atPath: path) else {
        throw StewardError.usage(t("error.no_database", ["path": path]))
    }
    return path
}

/// The stored report of scan `id` (the latest when nil), or a usage error naming what is
/// missing and pointing to `steward report --list`.
func storedReport(_ id: String?, databasePath path: String) throws -> ScanReport {
    guard let report = try StoredScans.report(databasePath: path, scanId: id) else {
        guard let id else { throw StewardError.usage(t("error.no_scans", ["path": path])) }
        let closest = ClosestNames.closest(to: id, among: try StoredScans.ids(databasePath: path))
        let hint = closest.isEmpty ? "" : t("error.did_you_mean", ["names": closest.map { "'\($0)'" }.joined(separator: ", ")])
        throw StewardError.usage(t("error.no_scan_id", ["id": id, "path": path, "hint": hint]))
    }
    return report
}

/// A file steward is asked to write (`--out`, `--db`) must go into a folder that exists: a
/// mistyped folder is an error naming it, never a folder created silently.
func requireParentFolder(of path: String, option: String) throws {
    let parent = OutputLocations.parentFolder(of: path)
    guard !parent.isEmpty else { return }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw StewardError.usage(t("error.no_folder", ["option": option, "path": path, "folder": parent]))
    }
}
