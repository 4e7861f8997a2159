import Foundation
@testable import Store
import XCTest

final class JSONArrayTextTests: XCTestCase {
    func testPlainIdsAreWrittenAsIs() {
        XCTAssertEqual(JSONArrayText.encode([]), "[]")
        XCTAssertEqual(JSONArrayText.encode(["finance.gambling.mcc", "a b"]), #"["finance.gambling.mcc","a b"]"#)
    }

    func testQuotesBackslashesAndControlCharactersAreEscapedAndDecodeBack() throws {
        let strings = ["say \"hi\"", #"C:\Users\ana"#, "tab\tnew\nline\r", "bell\u{07}", "Zürich · 北京 🏦", ""]
        let text = JSONArrayText.encode(strings)
        XCTAssertTrue(text.contains(#"\u0007"#), text)
        XCTAssertFalse(text.contains("\n"), text)
        XCTAssertEqual(try JSONDecoder().decode([String].self, from: Data(text.utf8)), strings)
    }
}
