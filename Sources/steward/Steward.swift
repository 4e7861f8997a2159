import ArgumentParser
import Foundation
import StewardCore
import StewardPipeline


struct Steward: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steward",
        abstract: "See what a scoring system could infer from your own data exports. Nothing leaves this machine.",
        version: StewardVersion.text,
        subcommands: [Scan.self, Report.self, Explain.self, WhatIfCommand.self, Diff.self, Demo.self, RulesCommand.self, Sources.self, Forget.self],
        defaultSubcommand: nil)
}

/// Options every command that reads rules shares.
struct RulesOption: ParsableArguments {
    @Option(name: .customLong("rules"), help: "Rules folder (default: $STEWARD_RULES, then the rules built into steward).")
    var directory: String?

    func load() throws -> Ruleset {
        try exitOnError {
            try Ruleset.load(files: try RulesLocator.find(explicit: directory))
        }
    }
}

/// Runs a library call, turning a StewardError into its message on stderr and its exit code.
func exitOnError<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StewardError {
        FileHandle.standardError.write(Data(("steward: " + error.description + "\n").utf8))
        throw ExitCode(error.exitCode)
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
        throw ValidationError("no stored scans at \(path): run `steward scan` first")
    }
    return path
}

/// The stored report of scan `id` (the latest when nil), or a usage error naming what is missing.
func storedReport(_ id: String?, databasePath path: String) throws -> ScanReport {
    guard let report = try exitOnError({ try StoredScans.report(databasePath: path, scanId: id) }) else {
        throw ValidationError(id.map { "no scan with id \($0) in \(path)" } ?? "no scans stored in \(path)")
    }
    return report
}
