import Foundation
import XCTest
@testable import Localization

/// The program catalogs are complete in every language steward ships, and every key the code
/// uses exists (docs/i18n.md, "Adding a string"). The rules' own translations and the
/// `steward sources` texts are checked in PipelineTests/TranslationCompletenessTests.
final class CatalogCompletenessTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Keys of en.yaml that each language lacks; `sources.*` keys are checked against the
    /// importers elsewhere, since English keeps those texts in the importers themselves.
    func testEveryLanguageHasEveryEnglishStringOfTheProgramCatalog() throws {
        let english = try ProgramCatalogs.load(.en)
        var report: [String] = []
        for language in Language.allCases where language != .en {
            let catalog = try ProgramCatalogs.load(language)
            let missing = english.entries.keys.filter { catalog.entries[$0] == nil }.sorted()
            let coverage = Double(english.entries.count - missing.count) / Double(english.entries.count)
            report.append("\(language.rawValue): \(Int((coverage * 100).rounded(.down)))% (\(missing.count) missing)"
                          + (missing.isEmpty ? "" : ": " + missing.joined(separator: ", ")))
            XCTAssertTrue(missing.isEmpty, "\(language.rawValue).yaml lacks \(missing.count) of \(english.entries.count) strings: \(missing.joined(separator: ", "))")
        }
        print("program catalog coverage:\n  " + report.joined(separator: "\n  "))
    }

    func testNoCatalogHasKeysEnglishDoesNotHave() throws {
        let english = try ProgramCatalogs.load(.en)
        for language in Language.allCases where language != .en {
            let extra = try ProgramCatalogs.load(language).entries.keys
                .filter { english.entries[$0] == nil && !$0.hasPrefix("sources.") }.sorted()
            XCTAssertEqual(extra, [], "\(language.rawValue).yaml has keys en.yaml does not (renamed or removed?)")
        }
    }

    /// A translation that drops `{count}` or invents `{cuont}` would print wrong or literal text.
    func testEveryTranslationUsesExactlyTheEnglishPlaceholders() throws {
        let english = try ProgramCatalogs.load(.en)
        for language in Language.allCases where language != .en {
            let catalog = try ProgramCatalogs.load(language)
            for (key, entry) in catalog.entries {
                guard let source = english.entries[key] else { continue }
                let expected = Self.placeholders(in: source)
                for text in Self.texts(of: entry) {
                    XCTAssertEqual(Self.placeholders(in: text), expected,
                                   "\(language.rawValue).yaml:\(catalog.lines[key] ?? 0): \(key) has other placeholders than English")
                }
            }
        }
    }

    func testPluralEntriesGiveEveryCategoryTheirLanguageNeeds() throws {
        let english = try ProgramCatalogs.load(.en)
        for language in Language.allCases {
            let catalog = try ProgramCatalogs.load(language)
            for (key, entry) in catalog.entries {
                guard case .plural(let forms) = entry else {
                    if case .plural? = english.entries[key] {
                        XCTFail("\(language.rawValue).yaml: \(key) is plural in English but a single text here")
                    }
                    continue
                }
                let lacking = PluralCategory.required(in: language).filter { forms[$0] == nil }
                XCTAssertEqual(lacking, [], "\(language.rawValue).yaml: \(key) lacks plural forms")
            }
        }
    }

    /// Every literal key the code passes to a localizer (`t("…")`, `t.plural("…", …)`,
    /// `localizer("…")`) is in en.yaml, so no English reader ever sees a bare key.
    func testEveryKeyTheCodeUsesIsInTheEnglishCatalog() throws {
        let english = try ProgramCatalogs.load(.en)
        let sources = Self.root.appendingPathComponent("Sources")
        let pattern = try NSRegularExpression(pattern: #"\b(?:t|localizer|t\.plural)\(\s*"([a-z_]+(?:\.[a-z_]+)+)""#)
        var used = 0
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text) else { continue }
                let key = String(text[range])
                used += 1
                XCTAssertNotNil(english.entries[key], "\(url.lastPathComponent) uses \(key), which en.yaml does not have")
            }
        }
        XCTAssertGreaterThan(used, 100, "the key scan found too few keys to be looking at the code")
    }

    /// Analyzers name the keys of their values (`FindingValuePart("value.late_bills", …)`, also
    /// through a ternary or a parameter), and the units their settings name are `unit.<name>`.
    func testEveryValueKeyAndUnitTheAnalyzersUseIsInTheEnglishCatalog() throws {
        let english = try ProgramCatalogs.load(.en)
        let analyzers = Self.root.appendingPathComponent("Sources/Rules/Analyzers")
        let pattern = try NSRegularExpression(pattern: #""(value(?:\.[a-z_]+)+)""#)
        var keys = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(at: analyzers, includingPropertiesForKeys: nil)
        where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text) else { continue }
                keys.insert(String(text[range]))
                XCTAssertNotNil(english.entries[String(text[range])], "\(file.lastPathComponent) names \(text[range]), which en.yaml does not have")
            }
        }
        XCTAssertGreaterThanOrEqual(keys.count, 25, "the scan found too few value keys to be looking at the analyzers")
        let settings = Self.root.appendingPathComponent("rules/analyzers")
        var units = 0
        for file in try FileManager.default.contentsOfDirectory(at: settings, includingPropertiesForKeys: nil)
        where file.pathExtension == "yaml" {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") where line.hasPrefix("unit_label:") {
                let name = line.dropFirst("unit_label:".count).trimmingCharacters(in: .whitespaces)
                units += 1
                XCTAssertNotNil(english.entries["unit." + name.replacingOccurrences(of: " ", with: "_")],
                                "\(file.lastPathComponent): unit '\(name)' has no unit.* entry, so other languages would show it in English")
            }
        }
        XCTAssertGreaterThanOrEqual(units, 2)
    }

    /// Sensitivities and bases are looked up by their raw value (`sensitivity.special`).
    func testEveryIdWordHasAnEntry() throws {
        let english = try ProgramCatalogs.load(.en)
        for word in ["special", "criminal", "financial", "behavioral", "location"] {
            XCTAssertNotNil(english.entries["sensitivity.\(word)"], word)
        }
        for word in ["documented", "reported", "illustrative"] { XCTAssertNotNil(english.entries["basis.\(word)"], word) }
    }

    static func texts(of entry: Catalog.Entry) -> [String] {
        switch entry {
        case .text(let text): return [text]
        case .plural(let forms): return Array(forms.values)
        }
    }

    static func placeholders(in entry: Catalog.Entry) -> Set<String> {
        texts(of: entry).reduce(into: Set<String>()) { $0.formUnion(placeholders(in: $1)) }
    }

    static func placeholders(in text: String) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
