import XCTest
@testable import StewardCore

final class ByteSearchTests: XCTestCase {
    func testFindsTheNeedleAtTheStartTheMiddleAndTheEnd() {
        let hay = Array("predicted_age in the middle, at the end: tail".utf8)
        for (needle, offset) in [("predicted_", 0), ("middle", 21), ("tail", 41)] {
            let found = hay.withUnsafeBytes { h in Array(needle.utf8).withUnsafeBytes { ByteSearch.firstOffset(of: $0, in: h) } }
            XCTAssertEqual(found, offset, needle)
        }
    }

    func testAPartialMatchBeforeTheRealOneIsPassedOver() {
        XCTAssertTrue(ByteSearch.contains(Array("pre pred predicted_".utf8)[...], "predicted_"))
        XCTAssertFalse(ByteSearch.contains(Array("predicted".utf8)[...], "predicted_"), "the needle runs past the end")
    }

    func testASliceIsSearchedOnlyWithinItsBounds() {
        let bytes = Array("xxneedlexx".utf8)
        XCTAssertTrue(ByteSearch.contains(bytes[2..<8], "needle"))
        XCTAssertFalse(ByteSearch.contains(bytes[3..<10], "needle"), "the slice starts inside the needle")
        XCTAssertFalse(ByteSearch.contains(bytes[0..<7], "needle"), "the slice ends inside the needle")
    }

    func testEmptyNeedleOccursAndEmptyHaystackHoldsNothing() {
        XCTAssertTrue(ByteSearch.contains(Array("abc".utf8)[...], ""))
        XCTAssertFalse(ByteSearch.contains([UInt8]()[...], "a"))
        XCTAssertTrue(ByteSearch.contains(Array("SQLite format 3\u{0}rest".utf8)[...], "SQLite format 3\u{0}"))
    }
}
