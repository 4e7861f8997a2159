import Foundation
import XCTest

/// Errors say what is wrong without the generic usage block and point to what helps; every
/// `--help` shows an example; completions are a command; the README's usage lines are the ones
/// `--help` prints.
final class HelpAndErrorsTests: XCTestCase {
    var home: String!

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("help") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    /// Every command a person can run, as its words on the command line.
    static let commands: [[String]] = [
        ["scan"], ["report"], ["explain"], ["what-if"], ["redact"], ["diff"], ["compare"], ["demo"], ["rules", "list"], ["rules", "test"],
        ["rules", "lint"], ["sources"], ["request"], ["models"], ["forget"], ["completions"],
    ]

    private func usageLine(_ help: String) -> String? {
        help.components(separatedBy: "\n").first { $0.hasPrefix("USAGE: ") }
    }

    func testSpecificErrorsComeWithoutTheUsageBlock() throws {
        let cases: [[String]] = [["scan", "--jobs", "0", home], ["report", "nope"], ["demo", "nobody"],
                                 ["what-if", "--without", "finance.gambling"], ["scan", "--format", "pdf", home]]
        for arguments in cases {
            let result = try StewardProcess.run(arguments, home: home)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("steward: "), "\(arguments): \(result.stderr)")
            XCTAssertFalse(result.stderr.contains("USAGE:"), "\(arguments): \(result.stderr)")
        }
    }

    func testUnknownScanIdPointsToReportList() throws {
        let dir = home + "/persona"
        XCTAssertEqual(try StewardProcess.run(["demo", "--write-only", "--dir", dir], home: home).status, 0)
        XCTAssertEqual(try StewardProcess.run(["scan", dir + "/bank", "--rules", StewardProcess.rulesDirectory, "--format", "json"], home: home).status, 0)
        let result = try StewardProcess.run(["report", "nope"], home: home)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("no scan with id 'nope'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("`steward report --list` shows the stored scans"), result.stderr)
    }

    func testOutAndDbIntoAMissingFolderAreErrorsAndCreateNoFolder() throws {
        let dir = home + "/persona"
        XCTAssertEqual(try StewardProcess.run(["demo", "--write-only", "--dir", dir], home: home).status, 0)
        let out = try StewardProcess.run(["scan", dir, "--out", home + "/typo/report.txt", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(out.status, 2)
        XCTAssertTrue(out.stderr.contains("the folder \(home!)/typo does not exist"), out.stderr)
        let db = try StewardProcess.run(["scan", dir, "--db", home + "/typo2/s.db", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(db.status, 2)
        XCTAssertTrue(db.stderr.contains("the folder \(home!)/typo2 does not exist"), db.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: home + "/typo"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: home + "/typo2"))
    }

    func testEveryCommandsHelpShowsAnExample() throws {
        for command in Self.commands + [[]] {
            let help = try StewardProcess.run(command + ["--help"], home: home)
            XCTAssertEqual(help.status, 0, "\(command): \(help.stderr)")
            XCTAssertTrue(help.stdout.contains("Example:") || help.stdout.contains("Examples:"), "\(command) --help has no example:\n\(help.stdout)")
            XCTAssertTrue(help.stdout.contains("  steward "), "\(command) --help example is no steward command line")
        }
    }

    func testNoCommandsHelpShowsABackslash() throws {
        for command in Self.commands + [[]] {
            let help = try StewardProcess.run(command + ["--help"], home: home).stdout
            // No help text needs a backslash; one that shows is a source escape written twice
            // (`\\` for a line continuation, `\\(` for an interpolation).
            XCTAssertFalse(help.contains("\\"), "\(command) --help shows a backslash:\n\(help)")
        }
    }

    func testRootHelpDocumentsTheExitCodes() throws {
        let help = try StewardProcess.run(["--help"], home: home).stdout
        for line in ["0  done", "2  usage error", "3  nothing could be read", "4  a path given on the command line could not be read"] {
            XCTAssertTrue(help.contains(line), "steward --help lacks '\(line)'")
        }
    }

    func testScanHelpStatesEachDefaultOnce() throws {
        let help = try StewardProcess.run(["scan", "--help"], home: home).stdout
        let jobs = try XCTUnwrap(help.components(separatedBy: "\n").first { $0.hasPrefix("  --jobs <jobs>") })
        XCTAssertEqual(jobs.components(separatedBy: "default").count - 1, 1, jobs)
    }

    func testCompletionsCommandPrintsEachShellsScript() throws {
        let expected = ["bash": "complete -o filenames -F _steward steward", "zsh": "#compdef steward", "fish": "complete -c 'steward'"]
        for (shell, marker) in expected {
            let result = try StewardProcess.run(["completions", shell], home: home)
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(result.stdout.contains(marker), "\(shell): \(result.stdout.prefix(300))")
        }
        let unknown = try StewardProcess.run(["completions", "ksh"], home: home)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("available: bash, zsh, fish"), unknown.stderr)
    }

    func testReadmeUsageMatchesHelp() throws {
        let readme = try String(contentsOf: StewardProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = Set(readme.components(separatedBy: "\n"))
        var printed: Set<String> = []
        for command in Self.commands {
            let help = try StewardProcess.run(command + ["--help"], home: home, extraEnvironment: ["COLUMNS": "1000"])
            let usage = try XCTUnwrap(usageLine(help.stdout), "\(command) --help has no USAGE line")
            printed.insert(usage)
            XCTAssertTrue(lines.contains(usage), "README.md lacks the usage line of `steward \(command.joined(separator: " "))`:\n\(usage)")
        }
        // And no stale one: every usage line in the README is one that --help prints.
        for line in lines where line.hasPrefix("USAGE: steward") {
            XCTAssertTrue(printed.contains(line), "README.md has a usage line no --help prints: \(line)")
        }
    }
}
