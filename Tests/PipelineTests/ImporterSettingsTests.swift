import Foundation
import XCTest
import Importers
import StewardCore
@testable import StewardPipeline

/// Importers take what they know of the person from the settings passed in; only the CLI
/// turns environment variables into those settings.
final class ImporterSettingsTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("steward-settings-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let chat = "[02/03/2024, 18:00:00] Ana Pérez: join the protest tomorrow at the town hall\n"
            + "[02/03/2024, 18:01:00] Bob: ok\n"
        try Data(chat.utf8).write(to: URL(fileURLWithPath: dir + "/_chat.txt"))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func scan(_ settings: ImporterSettings) throws -> ScanReport {
        let ruleset = try Ruleset.load(directory: ScanPipelineTests.rulesDirectory)
        var options = ScanOptions(paths: [dir], rulesDirectory: ScanPipelineTests.rulesDirectory, databasePath: nil, jobs: 1)
        options.importerSettings = settings
        return try ScanPipeline.run(options, ruleset: ruleset)
    }

    func testEnvironmentMapsToOwnerNamesAndLocaleVariablesOnly() {
        let settings = ImporterSettings(environment: ["STEWARD_OWNER_NAME": "Ana Pérez| Ana |", "LANG": "en_GB.UTF-8",
                                                      "LC_TIME": "de_DE", "HOME": "/home/ana", "PATH": "/usr/bin"])
        XCTAssertEqual(settings.ownerNames, ["Ana Pérez", "Ana"])
        XCTAssertEqual(settings.localeVariables, ["LANG": "en_GB.UTF-8", "LC_TIME": "de_DE"])
        XCTAssertEqual(ImporterSettings(environment: [:]), ImporterSettings())
    }

    /// The owner's words count towards her attributes only when the settings name her, and the
    /// process environment is not consulted behind the caller's back.
    func testChatOwnerComesFromTheSettingsPassedInNotFromTheEnvironment() throws {
        setenv("STEWARD_OWNER_NAME", "Ana Pérez", 1)
        defer { unsetenv("STEWARD_OWNER_NAME") }
        let unnamed = try scan(ImporterSettings())
        XCTAssertEqual(unnamed.inputs.map(\.events), [2])
        XCTAssertNil(unnamed.findings.first { $0.attribute == "politics.protest" },
                     "with no owner named, every message is another person's and the own-message rules do not read it")
        let named = try scan(ImporterSettings(ownerNames: ["Ana Pérez"]))
        let protest = try XCTUnwrap(named.findings.first { $0.attribute == "politics.protest" })
        XCTAssertEqual(protest.count, 1)
        // "tomorrow at" is also when people meet (protest_logistics), so the attendance rule reads it too.
        XCTAssertEqual(protest.rules, ["politics.protest.own_messages", "politics.protest.attendance_call"])
    }
}
