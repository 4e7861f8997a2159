import XCTest
@testable import Formats

final class JSONContainerSpanTests: XCTestCase {
    /// Follows `text` (whose first byte is the opening bracket) split into two chunks at `cut`;
    /// returns the offset just past the closing bracket, or nil when the span is still open.
    private func closingEnd(_ text: String, cutAt cut: Int) -> Int? {
        let bytes = Array(text.utf8)
        var span = JSONContainerSpan()
        span.begin()
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            let p = buffer.baseAddress!
            let first = span.scan(p, from: 1, count: cut)
            if !span.isOpen { return first }
            let second = span.scan(p, from: cut, count: bytes.count)
            return span.isOpen ? nil : second
        }
    }

    func testStopsJustPastTheClosingBracketWhereverTheChunkBoundaryFalls() {
        // Brackets, an escaped quote and an escaped backslash inside strings do not count.
        let record = #"{"text": "a } ] \" { [ b", "path": "C:\\", "list": [1, {"k": "v"}], "e": {}}"#
        let text = record + #", {"next": 1}]"#
        for cut in 1...text.utf8.count {
            XCTAssertEqual(closingEnd(text, cutAt: cut), record.utf8.count, "cut at \(cut)")
        }
    }

    func testStaysOpenWhenTheInputEndsInsideTheContainer() {
        let text = #"{"text": "unfinished } ]", "list": [1, 2"#
        for cut in 1...text.utf8.count {
            XCTAssertNil(closingEnd(text, cutAt: cut), "cut at \(cut)")
        }
    }
}
