import Foundation
import XCTest

/// `steward forget` lists before it deletes, asks or needs --yes, removes --out reports only
/// when asked and only while each is still the file steward wrote, and never a folder or
/// anything through a symbolic link.
final class ForgetTests: XCTestCase {
    var home: String!
    var out: String!
    let fm = FileManager.default

    override func setUpWithError() throws {
        // forget lists paths in standard form (no "//" from NSTemporaryDirectory()).
        home = URL(fileURLWithPath: try StewardProcess.makeTemporaryDirectory("forget")).standardizedFileURL.path
        let dir = home + "/persona"
        XCTAssertEqual(try StewardProcess.run(["demo", "--write-only", "--dir", dir], home: home).status, 0)
        out = home + "/handout.txt"
        let scan = try StewardProcess.run(["scan", dir, "--rules", StewardProcess.rulesDirectory, "--out", out], home: home)
        XCTAssertEqual(scan.status, 0, scan.stderr)
    }

    override func tearDownWithError() throws { try? fm.removeItem(atPath: home) }

    var database: String { home + "/data/steward/steward.db" }

    func testWithoutATerminalOrYesNothingIsRemoved() throws {
        let result = try StewardProcess.run(["forget"], home: home)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stdout.contains("steward forget will remove:"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\(database)  (database)"), result.stdout)
        XCTAssertTrue(result.stderr.contains("pass --yes"), result.stderr)
        XCTAssertTrue(fm.fileExists(atPath: database))
        XCTAssertTrue(fm.fileExists(atPath: out))
    }

    func testDryRunListsAndRemovesNothing() throws {
        let result = try StewardProcess.run(["forget", "--dry-run", "--include-out-files"], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("steward forget would remove:"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\(out!)  (report written with --out)"), result.stdout)
        XCTAssertTrue(fm.fileExists(atPath: database))
        XCTAssertTrue(fm.fileExists(atPath: out))
    }

    func testReportsWrittenElsewhereStayUnlessAskedFor() throws {
        let first = try StewardProcess.run(["forget", "--yes"], home: home)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertFalse(fm.fileExists(atPath: database))
        XCTAssertTrue(fm.fileExists(atPath: out), "a --out report is kept without --include-out-files")
        XCTAssertTrue(first.stdout.contains("\(out!)  (report written with --out; kept: pass --include-out-files to remove it)"), first.stdout)

        // It is still remembered, so a later forget can remove it.
        let second = try StewardProcess.run(["forget", "--yes", "--include-out-files"], home: home)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("removed \(out!)"), second.stdout)
        XCTAssertFalse(fm.fileExists(atPath: out))
        XCTAssertFalse(fm.fileExists(atPath: home + "/data/steward"))
    }

    func testAReportReplacedByAFolderIsKeptWithEverythingInIt() throws {
        try fm.removeItem(atPath: out)
        try fm.createDirectory(atPath: out, withIntermediateDirectories: false)
        try "my bank export".write(toFile: out + "/statement.csv", atomically: true, encoding: .utf8)
        let result = try StewardProcess.run(["forget", "--yes", "--include-out-files"], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("\(out!)  (report written with --out; changed since steward wrote it (now a folder), kept)"), result.stdout)
        XCTAssertEqual(try String(contentsOfFile: out + "/statement.csv", encoding: .utf8), "my bank export")
    }

    func testAnEditedReportAndASymbolicLinkAreKept() throws {
        try "the facilitator's own handout".write(toFile: out, atomically: false, encoding: .utf8)
        let second = home + "/second.txt"
        let dir = home + "/persona"
        XCTAssertEqual(try StewardProcess.run(["scan", dir, "--rules", StewardProcess.rulesDirectory, "--out", second], home: home).status, 0)
        let target = home + "/diary.txt"
        try "private".write(toFile: target, atomically: true, encoding: .utf8)
        try fm.removeItem(atPath: second)
        try fm.createSymbolicLink(atPath: second, withDestinationPath: target)

        let result = try StewardProcess.run(["forget", "--yes", "--include-out-files"], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("\(out!)  (report written with --out; changed since steward wrote it, kept)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\(second)  (report written with --out; changed since steward wrote it (now a symbolic link), kept)"), result.stdout)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "the facilitator's own handout")
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "private")
        XCTAssertEqual(try fm.destinationOfSymbolicLink(atPath: second), target)
    }

    func testADbThatIsNoDatabaseIsKept() throws {
        let statement = home + "/persona/bank/current-account.csv"
        let before = try String(contentsOfFile: statement, encoding: .utf8)
        let result = try StewardProcess.run(["forget", "--yes", "--db", statement], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("\(statement)  (--db; not an SQLite database, kept)"), result.stdout)
        XCTAssertEqual(try String(contentsOfFile: statement, encoding: .utf8), before)
    }

    /// On a terminal forget asks, and only "y" removes. `script` gives steward a terminal.
    func testOnATerminalForgetAsksFirst() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            throw XCTSkip("skipped: /usr/bin/script (util-linux) is needed to give steward a terminal")
        }
        func forget(answering answer: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", "'\(StewardProcess.binary)' forget", "/dev/null"]
            var env = ProcessInfo.processInfo.environment
            env["HOME"] = home
            env["XDG_DATA_HOME"] = home + "/data"
            env["NO_COLOR"] = "1"
            process.environment = env
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = output
            try process.run()
            input.fileHandleForWriting.write(Data((answer + "\n").utf8))
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
            return String(decoding: data, as: UTF8.self)
        }
        let declined = try forget(answering: "n")
        XCTAssertTrue(declined.contains("Remove these"), declined)
        XCTAssertTrue(declined.contains("Nothing removed."), declined)
        XCTAssertTrue(fm.fileExists(atPath: database))
        let accepted = try forget(answering: "y")
        XCTAssertTrue(accepted.contains("removed \(database)"), accepted)
        XCTAssertFalse(fm.fileExists(atPath: database))
        XCTAssertTrue(fm.fileExists(atPath: out), "the --out report still needs --include-out-files")
    }
}
