import Foundation
import XCTest
@testable import StewardCore

final class SourcePositionTests: XCTestCase {
    func testAnArrayElementsPointerIsWrittenWhenReadAndEqualsTheSpelledOutOne() throws {
        let lazy = SourcePosition.element(42, of: "/locations")
        let spelled = SourcePosition.record(42, pointer: "/locations/42")
        XCTAssertEqual(lazy.pointer, "/locations/42")
        XCTAssertEqual(SourcePosition.element(3, of: "").pointer, "/3", "a top-level array")
        XCTAssertEqual(lazy.description, "record 42 (/locations/42)")
        XCTAssertEqual(lazy, spelled)
        XCTAssertEqual(Set([lazy, spelled]).count, 1, "equal positions hash alike")
        let decoded = try JSONDecoder().decode(SourcePosition.self, from: JSONEncoder().encode(lazy))
        XCTAssertEqual(decoded, spelled)
        XCTAssertEqual(String(decoding: try JSONEncoder().encode(lazy), as: UTF8.self).contains("\"pointer\":\"\\/locations\\/42\""), true)
    }

    func testSettingThePointerReplacesTheArrayForm() {
        var position = SourcePosition.element(5, of: "/messages")
        position.pointer = "/messages/5/text"
        XCTAssertEqual(position.pointer, "/messages/5/text")
        position.pointer = nil
        XCTAssertNil(position.pointer)
    }

    func testAnElementInsideARecordKeepsTheRecordAndBuildsItsPointerWhenRead() throws {
        let lazy = SourcePosition.record(7, element: 3, of: "/semanticSegments/7/timelinePath")
        let spelled = SourcePosition.record(7, pointer: "/semanticSegments/7/timelinePath/3")
        XCTAssertEqual(lazy.record, 7, "the record stays the segment, not the point")
        XCTAssertEqual(lazy.pointer, "/semanticSegments/7/timelinePath/3")
        XCTAssertEqual(lazy.description, "record 7 (/semanticSegments/7/timelinePath/3)")
        XCTAssertNil(lazy.arrayPointer, "the store's per-array form is for elements whose index is the record")
        XCTAssertEqual(lazy, spelled)
        XCTAssertEqual(Set([lazy, spelled]).count, 1, "equal positions hash alike")
        let decoded = try JSONDecoder().decode(SourcePosition.self, from: JSONEncoder().encode(lazy))
        XCTAssertEqual(decoded, spelled)
    }
}
