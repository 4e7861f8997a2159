import XCTest
@testable import Formats

/// iCalendar and vCard content lines: unfolding, the length cap, and the property split.
final class ContentLineTests: XCTestCase {
    private func unfold(_ lines: [String], maxLength: Int = 64) -> [String] {
        var unfolder = ContentLineUnfolder(maxLength: maxLength)
        var out: [String] = []
        func say(_ line: ContentLineUnfolder.Line) {
            out.append("\(line.number)\(line.cut ? " cut" : ""): \(String(decoding: line.bytes, as: UTF8.self))")
        }
        for (i, line) in lines.enumerated() {
            // Each line's storage given back as the readers do: a longer line before a shorter
            // one must not leave its tail behind.
            if let ended = unfolder.add(Array(line.utf8)[...], number: i + 1, cut: false) { say(ended); unfolder.recycle(ended) }
        }
        if let last = unfolder.finish() { say(last) }
        return out
    }

    func testALineBeginningWithSpaceOrTabContinuesTheOneBefore() {
        XCTAssertEqual(unfold(["SUMMARY:Termin bei", "  Dr. Weber", "\tam Markt", "LOCATION:Praxis", "END:VEVENT"]),
                       ["1: SUMMARY:Termin bei Dr. Weberam Markt", "4: LOCATION:Praxis", "5: END:VEVENT"])
    }

    func testALogicalLineLongerThanTheLimitIsCutAndSaysSo() {
        XCTAssertEqual(unfold(["DESCRIPTION:0123456789", " abcdefghij", "X:1"], maxLength: 16),
                       ["1 cut: DESCRIPTION:0123", "3: X:1"])
    }

    func testAContinuationBeforeAnyLineStartsALineOfItsOwn() {
        XCTAssertEqual(unfold([" orphan", "A:b"]), ["1:  orphan", "2: A:b"])
    }

    func testPropertyNameParametersAndValueAreSplitOutsideQuotes() {
        let p = ContentLineProperty(Array(#"dtstart;TZID="GMT+01:00";VALUE=DATE-TIME:20240305T090000"#.utf8))
        XCTAssertEqual(p.name, "DTSTART")
        XCTAssertEqual(p.parameter("TZID"), "GMT+01:00")
        XCTAssertEqual(p.parameter("VALUE"), "DATE-TIME")
        XCTAssertEqual(p.rawValue, "20240305T090000")
        XCTAssertEqual(ContentLineProperty(Array(#"SUMMARY:Arzt\, Zahn\nKontrolle"#.utf8)).text, "Arzt, Zahn\nKontrolle")
        XCTAssertNil(ContentLineProperty(Array("SUMMARY:".utf8)).text)
    }

    func testTextValueEscapesAreUndoneAndNamesAreUpperCased() {
        let property = ContentLineProperty(Array("description;language=de:Zeile 1\\nZeile 2\\, Ort\\; Raum \\\\ Ende – Grüße".utf8))
        XCTAssertEqual(property.name, "DESCRIPTION")
        XCTAssertEqual(property.parameter("LANGUAGE"), "de")
        XCTAssertEqual(property.text, "Zeile 1\nZeile 2, Ort; Raum \\ Ende – Grüße")
        XCTAssertNil(ContentLineProperty(Array("SUMMARY:".utf8)).text, "an empty value is no text")
    }
}
