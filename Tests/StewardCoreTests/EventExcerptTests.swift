import XCTest
import StewardCore

/// `Event.excerpt`: one line, at most `limit` characters, whatever the text (the short ASCII
/// case is returned without being rewritten character by character; the others are).
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
}
