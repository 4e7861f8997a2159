import Foundation
import XCTest

/// File names and record text carrying C1 controls (U+009B CSI, U+009D OSC), a bell and bidi
/// overrides reach the terminal only escaped, through the one sanitizer (`TerminalText.sanitize`):
/// in the progress line, in `steward report --list` and in `steward explain`.
final class TerminalEscapesCLITests: XCTestCase {
    var home: String!
    let hostileName = "bank \u{9B}31m\u{9D}0;title\u{07} \u{202E}vsc.csv"

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("escapes") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    /// Scalars that must never reach a terminal raw.
    private func rawControls(_ text: String) -> [String] {
        text.unicodeScalars.filter { (0x80...0x9F).contains($0.value) || $0.value == 0x07 || (0x202A...0x202E).contains($0.value) }
            .map { String(format: "U+%04X", $0.value) }
    }

    private func writeStatement() throws -> String {
        let dir = home + "/in"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let csv = "Date,Description,Amount\n05/03/2025,BET365 \u{202E}ti\u{9B}2J,-20.00\n06/03/2025,BET365,-10.00\n"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: dir + "/" + hostileName))
        return dir
    }

    func testReportListAndExplainShowHostileNamesEscaped() throws {
        // The file itself is what was scanned, so `report --list` names it.
        let file = try writeStatement() + "/" + hostileName
        let scan = try StewardProcess.run(["scan", file, "--rules", StewardProcess.rulesDirectory, "--format", "json"], home: home)
        XCTAssertEqual(scan.status, 0, scan.stderr)

        let list = try StewardProcess.run(["report", "--list"], home: home)
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertEqual(rawControls(list.stdout), [], list.stdout)
        XCTAssertTrue(list.stdout.contains("bank \\x9B31m\\x9D0;title\\x07 \\u{202E}vsc.csv"), list.stdout)

        let explain = try StewardProcess.run(["explain", "finance.gambling", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(explain.status, 0, explain.stderr)
        XCTAssertEqual(rawControls(explain.stdout), [], explain.stdout)
        XCTAssertTrue(explain.stdout.contains("\\u{202E}vsc.csv"), explain.stdout)
        XCTAssertTrue(explain.stdout.contains("BET365 \\u{202E}ti\\x9B2J"), explain.stdout)
    }

    /// The progress line is drawn only on a terminal: `script` gives the scan a pseudo-terminal.
    func testProgressLineShowsHostileNamesEscaped() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            throw XCTSkip("skipped: script (util-linux) is not installed")
        }
        let dir = try writeStatement()
        let command = [StewardProcess.binary, "scan", dir, "--no-db", "--rules", StewardProcess.rulesDirectory]
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qfec", command, "/dev/null"]
        process.environment = ["HOME": home, "PATH": "/usr/bin:/bin", "TERM": "dumb", "LANG": "C.UTF-8"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 0, output)
        XCTAssertTrue(output.contains("\u{1B}[K["), "a progress line was drawn: \(output.prefix(400))")
        XCTAssertEqual(rawControls(output), [], String(output.prefix(2000)))
        XCTAssertTrue(output.contains("\\x9B31m\\x9D0;title\\x07 \\u{202E}vsc.csv"), String(output.prefix(2000)))
    }
}
