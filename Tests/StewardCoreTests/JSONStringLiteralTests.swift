import Foundation
import StewardCore
import XCTest

/// The database's list columns and every JSON report share one string writer; these pin what
/// it escapes and that SQLite's and Foundation's JSON readers get the strings back.
final class JSONStringLiteralTests: XCTestCase {
    func testPlainIdsAreWrittenAsIs() {
        XCTAssertEqual(JSONStringLiteral.array([]), "[]")
        XCTAssertEqual(JSONStringLiteral.array(["finance.gambling.mcc", "a b"]), #"["finance.gambling.mcc","a b"]"#)
    }

    func testQuotesBackslashesAndControlCharactersAreEscapedAndDecodeBack() throws {
        let strings = ["say \"hi\"", #"C:\Users\ana"#, "tab\tnew\nline\r", "bell\u{07}", "Zürich · 北京 🏦", ""]
        let text = JSONStringLiteral.array(strings)
        XCTAssertTrue(text.contains(#"\u0007"#), text)
        XCTAssertFalse(text.contains("\n"), text)
        XCTAssertEqual(try JSONDecoder().decode([String].self, from: Data(text.utf8)), strings)
    }

    func testMarkupCharactersC1ControlsAndBidiOverridesAreEscapedAndDecodeBack() throws {
        let strings = ["</script><b>&amp;", "csi\u{9B}31m", "abc\u{202E}fdp.exe", "line\u{2028}break", "zero\u{200B}width"]
        let text = JSONStringLiteral.array(strings)
        for raw in ["<", ">", "&", "\u{9B}", "\u{202E}", "\u{2028}", "\u{200B}"] {
            XCTAssertFalse(text.contains(raw), "\(raw.unicodeScalars.first!.value) left unescaped in \(text)")
        }
        XCTAssertTrue(text.contains(#"\u003c/script\u003e"#), text)
        XCTAssertEqual(try JSONDecoder().decode([String].self, from: Data(text.utf8)), strings)
    }

    func testNonASCIITextWithoutFormatCharactersIsWrittenAsUTF8() {
        XCTAssertEqual(JSONStringLiteral.quoted("Zürich 北京"), "\"Zürich 北京\"")
    }
}
