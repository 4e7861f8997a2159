import Foundation
import XCTest

/// steward carries its rules: a binary copied alone runs with no rules folder anywhere, and
/// `--version` names the rules it carries (docs/rules.md, "Where rules come from").
final class PortableBinaryTests: XCTestCase {
    var home: String!

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("portable") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    /// Runs `executable` with exactly `environment` (nothing inherited).
    private func runBare(_ executable: String, _ arguments: [String], environment: [String: String],
                         directory: String) throws -> StewardProcess.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData, as: UTF8.self))
    }

    private func rulesVersion(inVersionText text: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix("rules ") }?.split(separator: " ").dropFirst().first.map(String.init)
    }

    func testBinaryCopiedAloneIntoAnEmptyFolderRunsTheDemoInABareEnvironment() throws {
        let alone = home + "/bin"
        try FileManager.default.createDirectory(atPath: alone, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: StewardProcess.binary, toPath: alone + "/steward")
        let bare = ["PATH": "/usr/bin:/bin", "HOME": home!]
        let result = try runBare(alone + "/steward", ["demo", "sam", "--dir", home + "/sam", "--format", "json"],
                                 environment: bare, directory: alone)
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try StewardProcess.json(result.stdout)
        let findings = try XCTUnwrap(report["findings"] as? [[String: Any]])
        XCTAssertFalse(findings.isEmpty)
        let version = try runBare(alone + "/steward", ["--version"], environment: bare, directory: alone)
        XCTAssertEqual((report["tool"] as? [String: Any])?["rules"] as? String, rulesVersion(inVersionText: version.stdout))
    }

    func testVersionPrintsToolVersionBuiltInRulesVersionAndBuild() throws {
        let result = try StewardProcess.run(["--version"], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, result.stdout)
        XCTAssertTrue(lines[0].hasPrefix("steward "), lines[0])
        XCTAssertTrue(lines[2].hasPrefix("build debug, ") || lines[2].hasPrefix("build release, "), lines[2])
        // The rules hash is the version the folder the binary was built from loads with.
        let lint = try StewardProcess.run(["rules", "lint", "--rules", StewardProcess.rulesDirectory], home: home)
        let hash = try XCTUnwrap(rulesVersion(inVersionText: result.stdout))
        XCTAssertEqual(hash.count, 16)
        XCTAssertTrue(lint.stdout.contains("rules version \(hash)"), lint.stdout)
        XCTAssertEqual(try StewardProcess.run(["--version"], home: home).stdout, result.stdout, "--version is not deterministic")
    }

    func testStewardRulesEnvironmentAndRulesOptionOverrideTheBuiltInRules() throws {
        let own = home + "/own-rules"
        try FileManager.default.copyItem(atPath: StewardProcess.rulesDirectory, toPath: own)
        let lexicon = own + "/lexicons/alcohol.en.txt"
        let original = try XCTUnwrap(FileManager.default.contents(atPath: lexicon))
        try (original + Data("zzz-own-term\n".utf8)).write(to: URL(fileURLWithPath: lexicon))
        let builtIn = try StewardProcess.run(["rules", "lint"], home: home)
        let viaEnvironment = try StewardProcess.run(["rules", "lint"], home: home, extraEnvironment: ["STEWARD_RULES": own])
        let viaOption = try StewardProcess.run(["rules", "lint", "--rules", StewardProcess.rulesDirectory], home: home,
                                               extraEnvironment: ["STEWARD_RULES": own])
        XCTAssertEqual(viaEnvironment.status, 0, viaEnvironment.stderr)
        XCTAssertNotEqual(viaEnvironment.stdout, builtIn.stdout, "STEWARD_RULES did not replace the built-in rules")
        XCTAssertEqual(viaOption.stdout, builtIn.stdout, "--rules did not win over STEWARD_RULES")
    }

    func testStewardRulesNamingNoRulesFolderIsAUsageErrorNamingIt() throws {
        let result = try StewardProcess.run(["rules", "lint"], home: home, extraEnvironment: ["STEWARD_RULES": home + "/nothing"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains(home + "/nothing"), result.stderr)
    }
}
