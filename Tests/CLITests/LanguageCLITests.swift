import Foundation
import XCTest

/// `--lang` and the locale variables choose the language of what steward prints
/// (docs/i18n.md): the demo report reads in each language with no English heading, word or
/// attribute title left where a translation exists; the JSON report stays English.
final class LanguageCLITests: XCTestCase {
    var home: String!

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("lang") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    /// English strings of the demo report that have a translation in every language: report
    /// headings and words, and rule texts (an attribute title, a model name, a tier label, a
    /// consequence, a note).
    static let english = [
        "SUMMARY", "SCORES (", "FINDINGS (", "EVIDENCE", "FILES READ (", "decided by:", "stopped by:", "What tier",
        "what you could change", "confidence ", "Municipal citizen score", "Hiring stop factors",
        "(average)", "not hired, not even as a taxi driver", "Tiers and consequences follow [SEED]",
        "contributions are illustrative", "Overdue debt and enforcement", "seen 20", "no value published",
    ]

    /// One heading and one rule text per language that must be there.
    static let expected: [String: [String]] = [
        "de": ["ZUSAMMENFASSUNG", "BEWERTUNGEN (6)", "BEFUNDE (", "Städtischer Bürger-Score", "Datensätze"],
        "fr": ["RÉSUMÉ", "NOTES (6)", "CONSTATS (", "Note citoyenne municipale", "enregistrements"],
        "es": ["RESUMEN", "PUNTUACIONES (6)", "HALLAZGOS (", "Puntuación ciudadana municipal", "registros"],
        "ru": ["ИТОГ", "ОЦЕНКИ (6)", "ВЫВОДЫ (", "Муниципальный рейтинг граждан", "записей"],
        "zh": ["概要", "评分（6）", "推断（", "城市公民评分", "条记录"],
    ]

    func testDemoReportInEachLanguageHasNoEnglishStringThatHasATranslation() throws {
        for (language, present) in Self.expected.sorted(by: { $0.key < $1.key }) {
            let result = try StewardProcess.run(["demo", "--no-db", "--lang", language], home: home,
                                                extraEnvironment: ["COLUMNS": "80"])
            XCTAssertEqual(result.status, 0, "\(language): \(result.stderr)")
            for text in present { XCTAssertTrue(result.stdout.contains(text), "\(language): '\(text)' missing") }
            for text in Self.english { XCTAssertFalse(result.stdout.contains(text), "\(language): English '\(text)' left in the report") }
            // Counted records as the report words them ("(2,456 records)", "· 12 records"); the
            // analyzers' own values and the models' citations may still say "records" in English.
            let counted = try NSRegularExpression(pattern: #"[0-9] records[),]|· [0-9][0-9,]* records"#)
            XCTAssertEqual(counted.numberOfMatches(in: result.stdout, range: NSRange(result.stdout.startIndex..., in: result.stdout)), 0,
                           "\(language): an English record count is left in the report")
            XCTAssertFalse(result.stderr.contains("wrote Sam"), "\(language): the demo's own message is translated too")
            for line in result.stdout.split(separator: "\n") {
                XCTAssertLessThanOrEqual(Self.columns(String(line)), 80, "\(language): line wider than 80 columns: \(line)")
            }
        }
    }

    func testLangFromTheEnvironmentSelectsGermanAndLcAllWins() throws {
        let german = try StewardProcess.run(["sources"], home: home, extraEnvironment: ["LANG": "de_DE.UTF-8"])
        XCTAssertEqual(german.status, 0, german.stderr)
        XCTAssertTrue(german.stdout.contains("So erhalten Sie den Export:"), german.stdout)
        let french = try StewardProcess.run(["sources"], home: home, extraEnvironment: ["LANG": "de_DE.UTF-8", "LC_ALL": "fr_FR.UTF-8"])
        XCTAssertTrue(french.stdout.contains("comment l'obtenir :"), french.stdout)
        let posix = try StewardProcess.run(["sources"], home: home, extraEnvironment: ["LANG": "de_DE.UTF-8", "LC_ALL": "C"])
        XCTAssertTrue(posix.stdout.contains("how to get it:"), posix.stdout)
        let option = try StewardProcess.run(["sources", "--lang", "es"], home: home, extraEnvironment: ["LANG": "de_DE.UTF-8"])
        XCTAssertTrue(option.stdout.contains("cómo conseguirlo:"), "--lang wins over the environment")
    }

    func testErrorsSpeakTheChosenLanguage() throws {
        let result = try StewardProcess.run(["report", "--lang", "ru"], home: home)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.hasPrefix("steward: нет сохранённых сканирований в "), result.stderr)
    }

    func testUnknownLanguageIsAUsageErrorNamingTheChoices() throws {
        let result = try StewardProcess.run(["sources", "--lang", "xx"], home: home)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--lang xx: no such language (available: en, de, fr, es, ru, zh)"), result.stderr)
    }

    func testJSONReportKeepsEnglishIdsInEveryLanguage() throws {
        let result = try StewardProcess.run(["demo", "--no-db", "--format", "json", "--lang", "zh"], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let scores = try XCTUnwrap(report["scores"] as? [[String: Any]])
        let citizen = try XCTUnwrap(scores.first { $0["model"] as? String == "citizen-1000" })
        XCTAssertEqual(citizen["title"] as? String, "Municipal citizen score", "the JSON contract stays English")
        XCTAssertFalse(result.stdout.contains("评分"))
    }

    /// Display columns: East Asian wide and fullwidth characters count two.
    static func columns(_ line: String) -> Int {
        line.unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v)
            return width + (wide ? 2 : 1)
        }
    }
}
