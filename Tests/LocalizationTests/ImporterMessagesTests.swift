import Foundation
import XCTest
@testable import Localization
import StewardCore

/// Importer messages found by their English text (docs/i18n.md, "Importer messages"): fixed
/// texts, templates with captured values, the most specific template first, anything else
/// left as it is; and every plain literal the importers write has a catalog entry.
final class ImporterMessagesTests: XCTestCase {
    func testFixedMessageIsTranslated() {
        XCTAssertEqual(Localizer(.de).importerMessage("no readable date"), "kein lesbares Datum")
        XCTAssertEqual(Localizer(.zh).importerMessage("not an object"), "不是对象")
    }

    func testTemplateInsertsTheCapturedValuesUnchanged() {
        XCTAssertEqual(Localizer(.de).importerMessage("expected 7 columns, found 3"), "7 Spalten erwartet, 3 gefunden")
        XCTAssertEqual(Localizer(.zh).importerMessage("amount '12,5O' is not a number"), "amount '12,5O' 不是数字")
    }

    func testReasonsAndInterpolatedMessagesFitTheirTemplates() {
        let t = Localizer(.fr)
        XCTAssertEqual(t.importerMessage("unreadable start date \"Mar 20\""), "date de début illisible \"Mar 20\"")
        XCTAssertEqual(t.importerMessage("damaged or unsupported ZIP archive: bad CRC"),
                       "archive ZIP endommagée ou non prise en charge : bad CRC")
        XCTAssertEqual(Localizer(.ru).importerMessage("archive nested more than 3 levels deep: not opened"),
                       "архив вложен глубже 3 уровней: не открыт")
    }

    func testTheTemplateWithMoreLiteralTextWins() {
        XCTAssertEqual(Localizer(.de).importerMessage("expected 7 columns, found 3 (row cut short?)"),
                       "7 Spalten erwartet, 3 gefunden (Zeile abgeschnitten?)")
    }

    func testUnmatchedMessageStaysEnglish() {
        XCTAssertEqual(Localizer(.de).importerMessage("something no importer says"), "something no importer says")
        XCTAssertEqual(Localizer(.de).importerMessage("no readable date at all"), "no readable date at all")
        XCTAssertEqual(Localizer(.de).importerMessage(""), "")
    }

    func testEnglishIsReturnedAsItIs() {
        XCTAssertEqual(Localizer(.en).importerMessage("expected 7 columns, found 3"), "expected 7 columns, found 3")
    }

    func testTemplateNeedsEveryLiteralInOrder() {
        let catalog = Catalog(language: .en, entries: [
            "importer_message.a": .text("{a} is outside {b}"),
            "importer_message.b": .text("unreadable date {value}"),
        ], lines: [:])
        let table = ImporterMessages(english: catalog)
        XCTAssertEqual(table.match("x is outside y is outside z")?.values, ["a": "x", "b": "y is outside z"])
        XCTAssertNil(table.match("is outside y"), "a placeholder captures at least one character")
        XCTAssertNil(table.match("unreadable date"))
        XCTAssertEqual(table.match("unreadable date '3/4'")?.key, "importer_message.b")
    }

    /// Every string literal without interpolation that the importers and the format and archive
    /// readers they use pass to `SkipReason(…)`,
    /// `ParseError(…)`, `sink.skip(…)` or `sink.warn(…)` is a fixed text or fits a template
    /// of en.yaml.
    func testEveryPlainImporterMessageLiteralHasACatalogEntry() throws {
        let sources = CatalogCompletenessTests.root.appendingPathComponent("Sources")
        let pattern = try NSRegularExpression(pattern: #"\b(?:SkipReason|ParseError|sink\.skip|sink\.warn)\(\s*"((?:[^"\\]|\\.)*)""#)
        var literals = Set<String>()
        for folder in ["Importers", "Formats", "Archives", "StewardCore"] {
            let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: sources.appendingPathComponent(folder),
                                                                          includingPropertiesForKeys: nil))
            for case let url as URL in enumerator where url.pathExtension == "swift" {
                let text = try String(contentsOf: url, encoding: .utf8)
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    guard let range = Range(match.range(at: 1), in: text) else { continue }
                    let literal = String(text[range])
                    guard !literal.contains("\\(") else { continue }
                    literals.insert(literal.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\"))
                }
            }
        }
        XCTAssertGreaterThan(literals.count, 50, "the scan found too few messages to be looking at the importers")
        let table = ImporterMessages(english: try ProgramCatalogs.load(.en))
        let missing = literals.filter { table.match($0) == nil }.sorted()
        XCTAssertEqual(missing, [], "importer messages without an importer_message.* entry in en.yaml:\n" + missing.joined(separator: "\n"))
    }
}
