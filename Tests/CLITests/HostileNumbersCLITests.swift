import Foundation
import XCTest

/// The whole scan survives absurd numbers and swapped file types: end-to-end through the binary.
final class HostileNumbersCLITests: XCTestCase {
    private var home = ""

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("numbers") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    /// Runs steward under coreutils `timeout`, so a hang fails the test (status 124) instead of
    /// stalling the suite.
    private func runBounded(_ arguments: [String], seconds: Int = 120) throws -> StewardProcess.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["--kill-after=5", String(seconds), StewardProcess.binary] + arguments
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home
        env["XDG_DATA_HOME"] = home + "/data"
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "STEWARD_RULES")
        process.environment = env
        let errPath = home + "/stderr.txt"
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errHandle
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errHandle.close()
        return StewardProcess.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                     stderr: String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self))
    }

    private func writeGoodStatement(in dir: String) throws {
        try Data("Date,Description,Amount\n05/03/2025,BET365 LTD,-25.00\n14/03/2025,BET365 LTD,-24.99\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/good.csv"))
    }

    func testTelegramDateUnixtimeAtInt64MinIsABadRecordAndTheOtherFileIsStillScored() throws {
        let dir = home + "/inputs"
        try FileManager.default.createDirectory(atPath: dir + "/Telegram Desktop/ChatExport_2024-01-20", withIntermediateDirectories: true)
        try writeGoodStatement(in: dir)
        let telegram = """
        {"name": "Alice", "type": "personal_chat", "id": 1, "messages": [
          {"id": 1, "type": "message", "date": "2024-01-15T10:30:00", "date_unixtime": "-9223372036854775808", "from": "Alice", "from_id": "user1", "text": "hello"},
          {"id": 2, "type": "message", "date": "2024-01-15T10:31:00", "date_unixtime": "1705311060", "from": "Alice", "from_id": "user1", "text": "again"}
        ]}
        """
        try Data(telegram.utf8).write(to: URL(fileURLWithPath: dir + "/Telegram Desktop/ChatExport_2024-01-20/result.json"))

        let result = try runBounded(["scan", dir, "--no-db", "--format", "json", "--rules", StewardProcess.rulesDirectory])
        XCTAssertEqual(result.status, 0, "no trap (SIGILL would be 132): \(result.stderr)")
        XCTAssertFalse(result.stderr.contains("arithmetic overflow"), result.stderr)
        let report = try StewardProcess.json(result.stdout)
        let inputs = try XCTUnwrap(report["inputs"] as? [[String: Any]])
        let chat = try XCTUnwrap(inputs.first { ($0["path"] as? String ?? "").hasSuffix("ChatExport_2024-01-20/result.json") },
                                 "the Telegram file is listed: \(inputs)")
        XCTAssertEqual(chat["events"] as? Int, 1, "the good message is still read")
        let problems = (chat["errors"] as? [String] ?? []).joined(separator: "\n")
        XCTAssertTrue(problems.contains("date_unixtime -9223372036854775808 is not a plausible date"), problems)
        let statement = try XCTUnwrap(inputs.first { ($0["path"] as? String ?? "").hasSuffix("/good.csv") })
        XCTAssertEqual(statement["events"] as? Int, 2)
        let findings = try XCTUnwrap(report["findings"] as? [[String: Any]])
        let evidencePaths = findings.flatMap { ($0["evidence"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String } }
        XCTAssertTrue(evidencePaths.contains { $0.hasSuffix("/good.csv") }, "the other file's findings are kept: \(evidencePaths)")
    }

    func testFIFOPassedDirectlyIsReportedAndSkippedWithoutHanging() throws {
        let dir = home + "/inputs"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try writeGoodStatement(in: dir)
        let fifo = dir + "/statement.csv"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0, "mkfifo failed")
        // Nobody ever writes to the FIFO: a blocking open would wait forever.
        let result = try runBounded(["scan", fifo, dir + "/good.csv", "--no-db", "--format", "json",
                                     "--rules", StewardProcess.rulesDirectory], seconds: 60)
        XCTAssertNotEqual(result.status, 124, "the scan hung on the FIFO")
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try StewardProcess.json(result.stdout)
        let skipped = (report["skipped"] as? [[String: Any]] ?? []) + (report["unrecognized"] as? [[String: Any]] ?? [])
        let entry = skipped.first { ($0["path"] as? String) == fifo }
        XCTAssertNotNil(entry, "the FIFO is reported by name: \(report["skipped"] ?? "none")")
        XCTAssertTrue("\(entry ?? [:])".contains("not a regular file"), "\(entry ?? [:])")
        let inputs = try XCTUnwrap(report["inputs"] as? [[String: Any]])
        XCTAssertEqual(inputs.first { ($0["path"] as? String ?? "").hasSuffix("/good.csv") }?["events"] as? Int, 2)
    }
}
