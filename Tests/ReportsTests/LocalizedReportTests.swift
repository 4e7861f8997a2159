import XCTest
import Localization
@testable import Reports
import StewardCore

/// Reports in other languages: words from the catalog, ids and quotations verbatim, and the
/// terminal report wrapped by display width, Chinese characters taking two columns.
final class LocalizedReportTests: XCTestCase {
    func testChineseTextWrapsByDisplayWidthAt80Columns() {
        let sentence = String(repeating: "评分系统可能推断出什么，以及为什么。", count: 12)
        let lines = TerminalText.wrap(sentence, width: 80, indent: 4, hangingIndent: 6)
        XCTAssertGreaterThan(lines.count, 3)
        for line in lines { XCTAssertLessThanOrEqual(TerminalText.width(line), 80, line) }
        // Lines are filled, not cut early: every line but the last ends within one wide
        // character (or a kept-together punctuation pair) of the edge.
        for line in lines.dropLast() { XCTAssertGreaterThanOrEqual(TerminalText.width(line), 77, line) }
        let rejoined = lines.map { String($0.drop(while: { $0 == " " })) }.joined()
        XCTAssertEqual(rejoined, sentence)
    }

    func testClosingPunctuationNeverStartsALine() {
        for width in 20...40 {
            for line in TerminalText.wrap(String(repeating: "一二三四五六七、八九十。", count: 8), width: width).dropFirst() {
                let first = line.drop(while: { $0 == " " }).first
                XCTAssertFalse(["、", "。", "，", "）", "："].contains(first), "width \(width): \(line)")
            }
        }
    }

    func testLatinTextStillBreaksOnlyAtSpaces() {
        let lines = TerminalText.wrap("finance.arrears\u{00A0}-100, health.alcohol\u{00A0}-100, health.tobacco\u{00A0}-60", width: 30)
        XCTAssertEqual(lines, ["finance.arrears\u{00A0}-100,", "health.alcohol\u{00A0}-100,", "health.tobacco\u{00A0}-60"])
    }

    func testChineseTerminalReportFitsEightyColumnsAndSpeaksChinese() {
        let t = Localizer(.zh, ruleTexts: Self.texts)
        let text = TerminalReporter(color: false, width: 80, localizer: t).render(ReportFixture.report)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            XCTAssertLessThanOrEqual(TerminalText.width(String(line)), 80, String(line))
        }
        for heading in ["概要", "评分（3）", "推断（4）", "证据", "已读取的文件（2）"] {
            XCTAssertTrue(text.contains(heading), heading)
        }
        for english in ["SUMMARY", "SCORES (", "FINDINGS (", "EVIDENCE", "FILES READ", "what you could change", "FILES NOT RECOGNIZED", "9,532 records"] {
            XCTAssertFalse(text.contains(english), english)
        }
        XCTAssertTrue(text.contains("城市公民评分"), "model name from the rule texts")
        XCTAssertTrue(text.contains("9,532 条记录"))
        XCTAssertTrue(text.contains("2024年3月5日 09:30 UTC"))
    }

    func testGermanMarkdownReportUsesGermanWordsAndKeepsIdsAndCitations() {
        let md = MarkdownReporter(localizer: Localizer(.de)).render(ReportFixture.report)
        XCTAssertTrue(md.hasPrefix("# Was ein Bewertungssystem ableiten könnte\n"))
        XCTAssertTrue(md.contains("## Befunde (4)"))
        XCTAssertTrue(md.contains("| Punkte | Merkmal | Regel | Grundlage | Quelle |"))
        XCTAssertTrue(md.contains("`finance.gambling`"), "attribute ids stay ids")
        XCTAssertTrue(md.contains("9.120 Datensätze"))
        XCTAssertFalse(md.contains("What tier"))
    }

    func testEnglishIsTheDefaultAndUnchanged() {
        XCTAssertEqual(TerminalReporter(color: false).render(ReportFixture.report),
                       TerminalReporter(color: false, localizer: Localizer(.en, ruleTexts: Self.texts)).render(ReportFixture.report))
        XCTAssertEqual(MarkdownReporter().render(ReportFixture.report),
                       MarkdownReporter(localizer: Localizer(.en, ruleTexts: Self.texts)).render(ReportFixture.report))
    }

    func testJSONReportIsTheSameInEveryLanguage() {
        // The JSON reporter takes no localizer: its keys and id values are the contract.
        let json = ReportFormat.json.makeReporter(color: false, terminal: .init(), localizer: Localizer(.ru)).render(ReportFixture.report)
        XCTAssertEqual(json, JSONReporter().render(ReportFixture.report))
    }

    /// The fixture's model in English and Chinese, as RuleTextsLoader would build them.
    static let texts = RuleTexts(english: [
        "models.citizen-1000.title": "Municipal citizen score",
        "models.citizen-1000.tiers.AAA.label": "exemplary",
    ], translated: [
        "models.citizen-1000.title": "城市公民评分",
        "models.citizen-1000.tiers.AAA.label": "模范",
    ])
}
