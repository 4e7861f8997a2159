import Foundation
import XCTest
import BuiltInRules
import Importers
import Localization
import Rules
@testable import StewardPipeline

/// The rules' texts and the `steward sources` texts are translated completely into every
/// language steward ships (docs/i18n.md): the test lists what is missing per language and
/// fails below 100%.
final class TranslationCompletenessTests: XCTestCase {
    func testRuleTextsAreCompleteInEveryLanguage() throws {
        let ruleset = try Ruleset.load(files: BuiltInRuleSet.files)
        var report: [String] = []
        for language in Language.allCases where language != .en {
            let texts = try RuleTextsLoader.load(ruleset, language: language)
            let total = texts.english.count
            let missing = texts.missing
            report.append("\(language.rawValue): \(total - missing.count)/\(total)"
                          + (missing.isEmpty ? "" : ", missing: " + missing.joined(separator: ", ")))
            XCTAssertEqual(missing, [], "rules/\(RuleTextsLoader.translationPath(language)) lacks \(missing.count) of \(total) texts")
            XCTAssertEqual(texts.orphaned, [], "rules/\(RuleTextsLoader.translationPath(language)) translates texts the rules do not have")
        }
        print("rule text coverage:\n  " + report.joined(separator: "\n  "))
    }

    /// The light reader `steward report` uses (no lexicons) finds the same English texts as
    /// the full rule set.
    func testLightRuleTextReaderMatchesTheFullRuleSet() throws {
        let ruleset = try Ruleset.load(files: BuiltInRuleSet.files)
        for language in [Language.en, .zh] {
            let full = try RuleTextsLoader.load(ruleset, language: language)
            let light = try RuleTextsLoader.load(files: BuiltInRuleSet.files, language: language)
            XCTAssertEqual(full.english, light.english)
            XCTAssertEqual(full.translated, light.translated)
        }
    }

    func testSourcesHowToTextsAreCompleteInEveryLanguage() {
        for language in Language.allCases where language != .en {
            let t = Localizer(language)
            let missing = ImporterRegistry.all.flatMap { importer in
                ["sources.\(importer.id).title", "sources.\(importer.id).how"].filter { !t.has($0) }
            }
            XCTAssertEqual(missing, [], "\(language.rawValue).yaml lacks the `steward sources` texts of \(missing.count / 2) formats")
        }
    }

    /// Every importer has a deletion guide (`sources.<id>.delete`, docs/requests.md) in every
    /// language, English included: the reports and `steward sources` show it for each source.
    func testEveryImporterHasADeletionGuideInEveryLanguage() {
        for language in Language.allCases {
            let catalog = ProgramCatalogs.catalog(language)
            let missing = ImporterRegistry.all.map(\.id).filter { catalog.entries["sources.\($0).delete"] == nil }
            XCTAssertEqual(missing, [], "\(language.rawValue).yaml has no deletion guide for \(missing.joined(separator: ", "))")
        }
    }

    /// `steward request` can address a letter for every importer: each has a holder, and each
    /// holder its name and route in every language.
    func testEveryImporterHasAnAccessRequestRecipientInEveryLanguage() {
        let ids = ImporterRegistry.all.map(\.id)
        XCTAssertEqual(ids.filter { AccessRequestLetter.holders[$0] == nil }, [], "importers without a holder in AccessRequestLetter.holders")
        XCTAssertEqual(Set(AccessRequestLetter.holders.keys).subtracting(ids), [], "holders of sources no importer reads")
        for language in Language.allCases {
            let catalog = ProgramCatalogs.catalog(language)
            for holder in Set(AccessRequestLetter.holders.values) {
                for part in ["name", "route"] {
                    XCTAssertNotNil(catalog.entries["request.platform.\(holder).\(part)"], "\(language.rawValue).yaml: request.platform.\(holder).\(part)")
                }
            }
            for law in AccessRequestLetter.Law.allCases {
                for item in AccessRequestLetter.items {
                    XCTAssertNotNil(catalog.entries["request.item.\(item)"], "\(language.rawValue).yaml: request.item.\(item)")
                    XCTAssertNotNil(catalog.entries["request.\(law.rawValue).cite.\(item)"], "\(language.rawValue).yaml: request.\(law.rawValue).cite.\(item)")
                }
                for part in ["subject", "opening", "ask", "deadline"] {
                    XCTAssertNotNil(catalog.entries["request.\(law.rawValue).\(part)"], "\(language.rawValue).yaml: request.\(law.rawValue).\(part)")
                }
            }
        }
    }

    func testNoCatalogDescribesAFormatStewardDoesNotRead() {
        let ids = Set(ImporterRegistry.all.map(\.id))
        for language in Language.allCases where language != .en {
            let catalog = ProgramCatalogs.catalog(language)
            let stale = catalog.entries.keys.filter { $0.hasPrefix("sources.") && $0 != "sources.how_to_get_it" }
                .map { String($0.dropFirst("sources.".count).split(separator: ".").dropLast().joined(separator: ".")) }
                .filter { !ids.contains($0) }
            XCTAssertEqual(Set(stale), [], "\(language.rawValue).yaml describes formats no importer reads")
        }
    }

    /// `forget` names each kind of file by a key built from the kind (`forget.kind.database`).
    func testEveryKindOfFileForgetListsHasItsWordsInEveryLanguage() {
        for language in Language.allCases {
            let catalog = ProgramCatalogs.catalog(language)
            for kind in ForgetPlan.Kind.allCases {
                XCTAssertNotNil(catalog.entries["forget.kind.\(kind.rawValue)"], "\(language.rawValue).yaml: forget.kind.\(kind.rawValue)")
            }
        }
        XCTAssertEqual(Localizer(.en)("forget.kind.demoExport"), ForgetPlan.Kind.demoExport.description)
    }

    /// A report's model texts (benefits, consequences, notes, reasons) are found by their
    /// English wording: every one of them must be unique enough to find its translation.
    func testEveryConsequenceAndNoteOfTheDemoTranslates() throws {
        let ruleset = try Ruleset.load(files: BuiltInRuleSet.files)
        let t = Localizer(.de, ruleTexts: try RuleTextsLoader.load(ruleset, language: .de))
        for model in ruleset.models {
            for tier in model.tiers {
                for text in tier.benefits + tier.consequences + (tier.note.map { [$0] } ?? []) {
                    XCTAssertNotEqual(t.modelText(model.id, text), text, "\(model.id) \(tier.name): '\(text)' has no German text")
                }
            }
            for note in model.notes { XCTAssertNotEqual(t.modelText(model.id, note), note, "\(model.id): note has no German text") }
        }
    }
}

/// `steward rules lint` checks the translation files against the rules, with file:line.
final class RuleTranslationLintTests: XCTestCase {
    func testBuiltInTranslationsLintClean() throws {
        XCTAssertNoThrow(try RuleTextsLoader.lint(try Ruleset.load(files: BuiltInRuleSet.files)))
    }

    func testTranslationOfARemovedTierIsAnErrorAtItsLine() throws {
        let copy = NSTemporaryDirectory() + "steward-translation-lint-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: ScanPipelineTests.rulesDirectory, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let file = copy + "/translations/de.yaml"
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "      AAA:\n        label: vorbildlich", with: "      AAAA:\n        label: vorbildlich")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("label: vorbildlich") }.map { $0 + 1 }
        XCTAssertThrowsError(try RuleTextsLoader.lint(try Ruleset.load(directory: copy))) { error in
            XCTAssertTrue("\(error)".hasSuffix("/translations/de.yaml:\(line ?? 0): models.citizen-1000.tiers.AAAA.label: translates a text the rules do not have (renamed or removed?)"), "\(error)")
        }
    }

    func testTranslationThatIsNotYAMLIsAnErrorNamingTheFile() throws {
        let copy = NSTemporaryDirectory() + "steward-translation-yaml-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: ScanPipelineTests.rulesDirectory, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try "attributes:\n  finance.loans:\n    title: [unclosed\n".write(toFile: copy + "/translations/fr.yaml", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RuleTextsLoader.lint(try Ruleset.load(directory: copy))) { error in
            XCTAssertTrue("\(error)".contains("/translations/fr.yaml:4: not valid YAML: "), "\(error)")
        }
    }
}

/// The English each translation was made from is recorded in rules/translations/source.en.yaml
/// (as gettext keeps msgids): when an English text of the rules changes, this test names the
/// keys whose translations are now stale, so nobody ships a translation of an old sentence.
/// After updating the five translations, record the new English with
/// `STEWARD_RECORD_TRANSLATION_SOURCE=1 swift test --filter TranslationSourceTests` and rebuild.
final class TranslationSourceTests: XCTestCase {
    static let path = ScanPipelineTests.rulesDirectory + "/translations/source.en.yaml"

    func testTranslationsWereMadeFromTheCurrentEnglish() throws {
        let ruleset = try Ruleset.load(files: .folder(ScanPipelineTests.rulesDirectory))
        let english = RuleTextsLoader.english(attributes: ruleset.rules.attributes, models: ruleset.models)
        if ProcessInfo.processInfo.environment["STEWARD_RECORD_TRANSLATION_SOURCE"] != nil {
            try RuleTextsLoader.sourceSnapshot(english).write(toFile: Self.path, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try RuleTranslationFile.texts(try String(contentsOfFile: Self.path, encoding: .utf8), file: Self.path)
        let changed = english.keys.filter { recorded[$0] != nil && recorded[$0] != english[$0] }.sorted()
        let added = english.keys.filter { recorded[$0] == nil }.sorted()
        let removed = recorded.keys.filter { english[$0] == nil }.sorted()
        XCTAssertEqual(changed, [], "the English of these texts changed since they were translated: update rules/translations/*.yaml, then record")
        XCTAssertEqual(added, [], "new English texts: translate them in rules/translations/*.yaml, then record")
        XCTAssertEqual(removed, [], "texts the rules no longer have: record again")
    }
}
