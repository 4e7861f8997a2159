import XCTest
import Localization
@testable import Reports
import StewardCore

/// Importer messages (`inputs[].errors`/`warnings`, `unrecognized[].reason`) in the readable
/// reports' language, record places in plain words, unknown messages in English; the JSON
/// report keeps the English texts (docs/i18n.md, "Importer messages").
final class ImporterMessageReportTests: XCTestCase {
    static var report: ScanReport {
        var report = ReportFixture.report
        report.inputs[0].errors = [
            "line 12: expected 7 columns, found 3",        // template, with a line
            "record 3 (/3): not an object",                 // fixed, with a JSON record
            "line 40: amount '12,5O' is not a number",      // template captured from a description
            "line 41: a message no catalog has",            // unmatched
        ]
        report.inputs[0].warnings = ["text before the first message ignored"]
        report.unrecognized = [.init(path: "/home/ana/exports/scan.pdf",
                                     reason: "PDF document: steward reads machine-readable exports, not PDFs")]
        return report
    }

    static let german = [
        "Zeile 12: 7 Spalten erwartet, 3 gefunden",
        "Eintrag 4: kein Objekt",
        "Zeile 40: amount '12,5O' ist keine Zahl",
        "Zeile 41: a message no catalog has",
        "Text vor der ersten Nachricht ignoriert",
        "PDF-Dokument: steward liest maschinenlesbare Exporte, keine PDFs",
    ]

    static let chinese = [
        "第 12 行: 应有 7 列，实际 3 列",
        "第 4 项: 不是对象",
        "第 40 行: amount '12,5O' 不是数字",
        "第 41 行: a message no catalog has",
        "已忽略第一条消息之前的文本",
        "PDF 文档：steward 读取机器可读的导出，不读取 PDF",
    ]

    /// `message` as the format writes it (Markdown escapes punctuation, HTML the apostrophe).
    static func written(_ message: String, in format: String) -> String {
        switch format {
        case "markdown": return MarkdownReporter.escape(message)
        case "html": return message.replacingOccurrences(of: "'", with: "&#39;")
        default: return message
        }
    }

    private func renderings(_ language: Language) -> [(String, String)] {
        let t = Localizer(language)
        return [("terminal", TerminalReporter(color: false, width: 400, localizer: t).render(Self.report)),
                ("markdown", MarkdownReporter(localizer: t).render(Self.report)),
                ("html", HTMLReporter(localizer: t).render(Self.report))]
    }

    func testGermanReportsShowImporterMessagesInGerman() {
        for (name, text) in renderings(.de) {
            for message in Self.german {
                XCTAssertTrue(text.contains(Self.written(message, in: name)), "\(name) lacks \(message)")
            }
            XCTAssertFalse(text.contains("expected 7 columns"), name)
            XCTAssertFalse(text.contains("machine-readable exports"), name)
        }
    }

    func testChineseReportsShowImporterMessagesInChinese() {
        for (name, text) in renderings(.zh) {
            for message in Self.chinese {
                XCTAssertTrue(text.contains(Self.written(message, in: name)), "\(name) lacks \(message)")
            }
            XCTAssertFalse(text.contains("not an object"), name)
            XCTAssertFalse(text.contains("text before the first message"), name)
        }
    }

    func testJSONReportKeepsImporterMessagesInEnglish() {
        let json = JSONReporter().render(Self.report)
        for english in ["line 12: expected 7 columns, found 3", "not an object", "line 40: amount '12,5O' is not a number",
                        "text before the first message ignored",
                        "PDF document: steward reads machine-readable exports, not PDFs"] {
            XCTAssertTrue(json.contains(english), english)
        }
        XCTAssertFalse(json.contains("Spalten"))
    }
}
