import Foundation
import XCTest
import BuiltInRules
@testable import Rules
import StewardCore
import Scoring
@testable import StewardPipeline
@testable import RuleFileReading
@testable import BuiltInRulesGenerator

/// The rules compiled into steward are the project's rules/ folder, exactly, and load in place
/// with the same version and the same file:line messages (docs/rules.md, "Where rules come from").
final class BuiltInRuleSetTests: XCTestCase {
    static let rulesDirectory = ScanPipelineTests.rulesDirectory

    func testBuiltInFilesAreTheRulesFolderByteForByte() throws {
        let folder = RuleFiles.folder(Self.rulesDirectory)
        let builtIn = BuiltInRuleSet.files
        XCTAssertEqual(builtIn.allFiles(), folder.allFiles(), "the built-in set lists other files than rules/: rebuild")
        XCTAssertGreaterThan(folder.allFiles().count, 100)
        for relative in folder.allFiles() {
            let expected = try XCTUnwrap(folder.read(relative), relative)
            XCTAssertEqual(builtIn.read(relative), expected, "rules/\(relative) differs from its built-in copy")
        }
    }

    func testBuiltInLexiconImageIsTheAutomatonCompiledFromTheBuiltInRulesTerms() throws {
        let compiled = try RuleSet.load(files: BuiltInRuleSet.files, keepingExamples: false).automaton
        let image = try XCTUnwrap(BuiltInRuleSet.lexiconImage, "the rules did not load when steward was built")
        XCTAssertEqual(image.key, LexiconAutomaton.imageKey(of: compiled.terms), "the image is of other terms: rebuild")
        XCTAssertTrue(image.bytes == compiled.imageBytes,
                      "the image differs from a fresh compile of the same terms: the compiler changed without LexiconAutomaton.imageRevision")
    }

    func testEveryBuiltInSignalFileHadItsExamplesCheckedAtBuildAndReadsWithoutThemToTheSameRules() throws {
        let checked = try XCTUnwrap(BuiltInRuleSet.examplesChecked, "the rules did not load, or read differently without examples, when steward was built")
        let signalFiles = BuiltInRuleSet.files.list(under: "signals").filter { $0.hasSuffix(".yaml") }
        XCTAssertGreaterThan(signalFiles.count, 50)
        for relative in signalFiles {
            XCTAssertTrue(checked.covers(relative, try XCTUnwrap(BuiltInRuleSet.files.read(relative))), relative)
        }
        let whole = try RuleSet.load(files: BuiltInRuleSet.files, keepingExamples: false)
        let scan = try Ruleset.load(files: BuiltInRuleSet.files, keepingExamples: false).rules
        XCTAssertEqual(scan.rules.map(BuiltInRulesGenerator.canonical), whole.rules.map(BuiltInRulesGenerator.canonical))
        XCTAssertEqual(scan.version, whole.version)
    }

    func testScanRulesReadTheBuiltInImageAndWriteAnalyzerValuesInEnglish() throws {
        let ruleset = try Ruleset.load(files: BuiltInRuleSet.files, keepingExamples: false)
        let image = try XCTUnwrap(BuiltInRuleSet.lexiconImage)
        XCTAssertNotNil(LexiconAutomaton(terms: ruleset.rules.automaton.terms, readingImage: image))
        let parts = [FindingValuePart("value.late_bills", ["count": .integer(2)])]
        XCTAssertEqual(ruleset.rules.findingValueText?(parts), "2 late bills")
    }

    func testBuiltInVersionIsTheVersionTheLoaderComputesForTheFolder() throws {
        let folderVersion = try RuleSet.load(directory: Self.rulesDirectory).version
        XCTAssertEqual(BuiltInRuleSet.version, folderVersion)
        XCTAssertEqual(try RuleSet.load(files: BuiltInRuleSet.files).version, folderVersion)
        XCTAssertEqual(RuleSet.version(of: BuiltInRuleSet.files), folderVersion)
        XCTAssertEqual(RuleSet.version(of: .folder(Self.rulesDirectory)), folderVersion)
    }

    func testChangingOnlyAScoringModelChangesTheRulesVersion() throws {
        let copy = NSTemporaryDirectory() + "steward-model-version-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: Self.rulesDirectory, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let before = try RuleSet.load(directory: copy).version
        XCTAssertEqual(before, RuleSet.version(of: .folder(Self.rulesDirectory)), "the copy has the folder's version")
        let model = copy + "/models/citizen-1000.yaml"
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: model), model)
        handle.seekToEndOfFile()
        handle.write(Data("\n# one more comment\n".utf8))
        handle.closeFile()
        XCTAssertNotEqual(try RuleSet.load(directory: copy).version, before, "models/citizen-1000.yaml changed, the version did not")
        XCTAssertNotEqual(RuleSet.version(of: .folder(copy)), before)
    }

    func testBuiltInRulesLoadTheSameRulesAnalyzersAndModelsAsTheFolder() throws {
        let folder = try Ruleset.load(directory: Self.rulesDirectory)
        let builtIn = try Ruleset.load(files: BuiltInRuleSet.files)
        XCTAssertEqual(builtIn.rules.rules.map(\.id), folder.rules.rules.map(\.id))
        XCTAssertEqual(builtIn.rules.analyzers.map(\.id), folder.rules.analyzers.map(\.id))
        XCTAssertEqual(builtIn.rules.ruleFiles, folder.rules.ruleFiles)
        XCTAssertEqual(builtIn.models.map(\.id), folder.models.map(\.id))
        XCTAssertEqual(builtIn.directory, "built-in")
        XCTAssertNil(builtIn.files.directory)
    }

    func testRuleFileErrorInACompiledInSetNamesTheRulesRelativeFileAndLine() {
        let files = RuleFiles.compiledIn([
            (path: "attributes.yaml", bytes: """
            attributes:
              - id: finance.gambling
                title: Gambling
                sensitivity: financial
                explanation: Betting.
            """),
            (path: "signals/finance/gambling.yaml", bytes: """
            rules:
              - id: finance.gambling.bookmaker
                atribute: finance.gambling
            """),
        ])
        XCTAssertThrowsError(try RuleSet.load(files: files)) { error in
            XCTAssertTrue("\(error)".hasPrefix("rules/signals/finance/gambling.yaml:3: unknown key 'atribute'"), "\(error)")
        }
    }

    func testModelFileErrorInACompiledInSetNamesTheRulesRelativeFileAndLine() {
        let files = RuleFiles.compiledIn([(path: "models/broken.yaml", bytes: "id: broken\ntitle: Broken\nsurprise: 1\n")])
        XCTAssertThrowsError(try ScoringModel.loadAll(files: files, knownAttributes: [])) { error in
            XCTAssertTrue("\(error)".hasPrefix("rules/models/broken.yaml:"), "\(error)")
            XCTAssertTrue("\(error)".contains("surprise"), "\(error)")
        }
    }

    func testLocatorUsesTheBuiltInRulesWithoutOverride() throws {
        let files = try RulesLocator.find(explicit: nil, environment: [:])
        XCTAssertNil(files.directory)
        XCTAssertEqual(files.allFiles(), BuiltInRuleSet.files.allFiles())
    }

    func testLocatorPrefersRulesOptionOverEnvironmentOverBuiltIn() throws {
        let other = NSTemporaryDirectory() + "steward-other-rules-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: other) }
        FileManager.default.createFile(atPath: other + "/attributes.yaml", contents: Data("attributes: []\n".utf8))
        XCTAssertEqual(try RulesLocator.find(explicit: nil, environment: ["STEWARD_RULES": other]).directory, other)
        XCTAssertEqual(try RulesLocator.find(explicit: Self.rulesDirectory, environment: ["STEWARD_RULES": other]).directory,
                       Self.rulesDirectory)
    }

    func testEnvironmentNamingNoRulesFolderFailsInsteadOfFallingBackToBuiltIn() {
        let missing = NSTemporaryDirectory() + "steward-no-rules-\(UUID().uuidString)"
        XCTAssertThrowsError(try RulesLocator.find(explicit: nil, environment: ["STEWARD_RULES": missing])) { error in
            XCTAssertTrue("\(error)".contains(missing), "\(error)")
        }
    }
}
