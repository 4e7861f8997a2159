import Foundation
@testable import Importers
import XCTest

/// The byte spans redact takes out of CSV and JSON files (docs/redact.md): exactly the named
/// records, the file still valid, every other byte as it was, whatever the chunking.
final class RecordFinderTests: XCTestCase {
    private func apply(_ edits: [ByteEdit], to text: String) -> String {
        var bytes = Array(text.utf8)
        for edit in edits.reversed() {
            bytes.replaceSubrange(Int(edit.start)..<Int(edit.end), with: edit.replacement)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func json(_ text: String, remove pointers: [String], mask: Bool = false, texts: [String] = [],
                      chunk: Int = 3) -> (String, RecordEdits) {
        var finder = JSONRecordFinder(targets: Dictionary(uniqueKeysWithValues: pointers.map { ($0, texts) }), mask: mask)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            bytes[offset..<end].withUnsafeBufferPointer { finder.feed($0, at: Int64(offset)) }
            offset = end
        }
        let found = finder.finish(fileEnd: Int64(bytes.count))
        XCTAssertNil(finder.problem)
        return (apply(found.normalized, to: text), found)
    }

    private func csv(_ text: String, remove lines: [Int], mask: Bool = false, texts: [String] = [],
                     chunk: Int = 2) -> (String, RecordEdits) {
        var finder = CSVRecordFinder(delimiter: UInt8(ascii: ","),
                                     targets: Dictionary(uniqueKeysWithValues: lines.map { ($0, texts) }), mask: mask)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            bytes[offset..<end].withUnsafeBufferPointer { finder.feed($0, at: Int64(offset)) }
            offset = end
        }
        let found = finder.finish(fileEnd: Int64(bytes.count))
        return (apply(found.normalized, to: text), found)
    }

    func testJSONArrayElementsGoWithOneComma() throws {
        let text = "[\n  {\"a\": 1},\n  {\"a\": 2},\n  {\"a\": 3}\n]\n"
        XCTAssertEqual(json(text, remove: ["/1"]).0, "[\n  {\"a\": 1},\n  {\"a\": 3}\n]\n")
        XCTAssertEqual(json(text, remove: ["/0"]).0, "[\n  {\"a\": 2},\n  {\"a\": 3}\n]\n")
        XCTAssertEqual(json(text, remove: ["/2"]).0, "[\n  {\"a\": 1},\n  {\"a\": 2}\n]\n")
        XCTAssertEqual(json(text, remove: ["/0", "/1"]).0, "[\n  {\"a\": 3}\n]\n")
        XCTAssertEqual(json(text, remove: ["/0", "/2"]).0, "[\n  {\"a\": 2}\n]\n")
        XCTAssertEqual(json(text, remove: ["/0", "/1", "/2"]).0, "[\n  \n]\n")
        for removed in [["/1"], ["/0"], ["/0", "/2"], ["/0", "/1", "/2"]] {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(json(text, remove: removed).0.utf8)), "\(removed)")
        }
    }

    func testJSONNestedPointersAndObjectMembers() throws {
        let text = #"{"locations": [{"t": "a\"]"}, {"t": "b"}], "x": {"k": [1, 2], "y": "z"}}"#
        XCTAssertEqual(json(text, remove: ["/locations/0"]).0, #"{"locations": [{"t": "b"}], "x": {"k": [1, 2], "y": "z"}}"#)
        XCTAssertEqual(json(text, remove: ["/x/k"]).0, #"{"locations": [{"t": "a\"]"}, {"t": "b"}], "x": {"y": "z"}}"#)
        XCTAssertEqual(json(text, remove: ["/x/y"]).0, #"{"locations": [{"t": "a\"]"}, {"t": "b"}], "x": {"k": [1, 2]}}"#)
        let (_, found) = json(text, remove: ["/locations/5"])
        XCTAssertEqual(found.placed, [], "a pointer that is not in the file is not placed")
    }

    func testJSONXArchivePrefixIsKept() throws {
        let text = "window.YTD.tweets.part0 = [ {\"tweet\": 1}, {\"tweet\": 2} ]"
        XCTAssertEqual(json(text, remove: ["/0"]).0, "window.YTD.tweets.part0 = [ {\"tweet\": 2} ]")
    }

    func testJSONMaskReplacesOnlyTheRecordsText() throws {
        let text = #"[{"title": "Searched for casino bonus", "time": "2025-01-01T10:00:00Z"}, {"title": "casino bonus"}]"#
        let (masked, found) = json(text, remove: ["/0"], mask: true, texts: ["Searched for casino bonus"])
        XCTAssertEqual(masked, #"[{"title": "***", "time": "2025-01-01T10:00:00Z"}, {"title": "casino bonus"}]"#)
        XCTAssertEqual(found.masked, [.pointer("/0")])
    }

    func testCSVRecordsIncludingQuotedLineBreaksAndCRLF() throws {
        let text = "Date,Text,Amount\r\n01/02/2025,\"two\r\nlines\",-1.00\r\n02/02/2025,Shop,-2.00\r\n03/02/2025,Bet365,-3.00"
        XCTAssertEqual(csv(text, remove: [2]).0, "Date,Text,Amount\r\n02/02/2025,Shop,-2.00\r\n03/02/2025,Bet365,-3.00")
        XCTAssertEqual(csv(text, remove: [4]).0, "Date,Text,Amount\r\n01/02/2025,\"two\r\nlines\",-1.00\r\n03/02/2025,Bet365,-3.00")
        XCTAssertEqual(csv(text, remove: [5]).0, "Date,Text,Amount\r\n01/02/2025,\"two\r\nlines\",-1.00\r\n02/02/2025,Shop,-2.00\r\n")
        XCTAssertEqual(csv(text, remove: [3]).1.placed, [], "line 3 is inside a quoted field, not a record")
    }

    func testCSVMaskKeepsDateAndAmount() throws {
        let text = "Date,Text,Amount\n01/02/2025,\"Bet365, London\",-3.00\n"
        let (masked, found) = csv(text, remove: [2], mask: true, texts: ["Bet365, London"])
        XCTAssertEqual(masked, "Date,Text,Amount\n01/02/2025,***,-3.00\n")
        XCTAssertEqual(found.masked, [.line(2)])
    }
}
