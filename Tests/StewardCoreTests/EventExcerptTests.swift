import XCTest
@testable import StewardCore

/// `Event.excerpt`: one line, at most `limit` characters, whatever the text (a short text on one
/// line, in any script, is returned without being rewritten character by character; the others are).
final class EventExcerptTests: XCTestCase {
    private func event(text: String, title: String? = nil) -> Event {
        Event(source: "test", kind: .search, time: nil, text: text, title: title, position: .line(1))
    }

    func testShortASCIITextIsReturnedAsWritten() {
        XCTAssertEqual(event(text: "payday loans near me").excerpt(), "payday loans near me")
        XCTAssertEqual(event(text: "cheap flights", title: "Flights").excerpt(), "Flights · cheap flights")
    }

    func testLineBreaksAndTabsBecomeSpacesAndCRLFIsOneSpace() {
        XCTAssertEqual(event(text: "a\tb\nc\r\nd\u{0B}e\u{0C}f").excerpt(), "a b c d e f")
        XCTAssertEqual(event(text: "über\u{2028}alles\u{85}x").excerpt(), "über alles x")
    }

    func testLongTextIsCutToTheLimitWithAnEllipsis() {
        let ascii = event(text: String(repeating: "a", count: 200)).excerpt(limit: 10)
        XCTAssertEqual(ascii, String(repeating: "a", count: 9) + "…")
        let accented = event(text: String(repeating: "é", count: 11)).excerpt(limit: 10)
        XCTAssertEqual(accented, String(repeating: "é", count: 9) + "…", "characters, not bytes")
        XCTAssertEqual(event(text: String(repeating: "é", count: 10)).excerpt(limit: 10), String(repeating: "é", count: 10))
    }

    /// The byte-level test that lets short excerpts through unchanged must agree with the
    /// character-level rewrite on every text: non-ASCII without breaks (returned as written),
    /// each of `Character.isNewline`'s characters and the tab (rewritten), and bytes that only
    /// look like the start or end of one (`¨` is C2 A8, `‰` is E2 80 B0, `Å` is C3 85).
    func testShortTextsAreRewrittenExactlyWhenTheyHoldALineBreakOrTab() {
        let texts = ["Flights · cheap flights", "支付宝-美团外卖 · 北京", "¨ ‰ Å ĥ…", "👩‍👩‍👧 e\u{301}",
                     "a\u{2029}b", "a\u{2028}b", "x\u{85}y", "tab\there", "cr\rlf\n", "\r\n", "ff\u{0C}", "vt\u{0B}"]
        for text in texts {
            let reference = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
            XCTAssertEqual(event(text: text).excerpt(), reference, text.debugDescription)
            XCTAssertEqual(Event.hasLineBreakOrTab(text.utf8), reference != text, text.debugDescription)
        }
    }
}
