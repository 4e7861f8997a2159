import XCTest
@testable import Formats
import StewardCore

final class JSONArraySplitterTests: XCTestCase {
    /// What a split produced, flattened so runs with different chunk sizes can be compared.
    struct Split: Equatable {
        var elements: [String] = []
        var indices: [Int] = []
        var skipped: [String] = []
        var warnings: [String] = []
        var error: String?
    }

    func split(_ text: String, path: [String] = [], chunkSize: Int = 64 * 1024,
               maxElementBytes: Int = 16 << 20, maxDepth: Int = 256) -> Split {
        split(Array(text.utf8), path: path, chunkSize: chunkSize, maxElementBytes: maxElementBytes, maxDepth: maxDepth)
    }

    func split(_ bytes: [UInt8], path: [String] = [], chunkSize: Int = 64 * 1024,
               maxElementBytes: Int = 16 << 20, maxDepth: Int = 256) -> Split {
        var splitter = JSONArraySplitter(arrayPath: path, maxElementBytes: maxElementBytes, maxDepth: maxDepth)
        var result = Split()
        let collect: (JSONArraySplitter.Output) throws(ParseError) -> Void = { output in
            switch output {
            case .element(let index, let raw):
                result.indices.append(index)
                result.elements.append(String(decoding: raw, as: UTF8.self))
            case .skipped(let index, let reason):
                result.skipped.append("\(index): \(reason)")
            case .warning(let text):
                result.warnings.append(text)
            }
        }
        do {
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + chunkSize)
                let r: Result<Void, ParseError> = bytes[start..<end].withUnsafeBytes { raw in
                    do throws(ParseError) { try splitter.feed(raw, collect); return .success(()) }
                    catch { return .failure(error) }
                }
                try r.get()
                start = end
            }
            try splitter.finish(collect)
        } catch {
            result.error = error.message
        }
        return result
    }

    let tricky = """
    \u{FEFF}[ {"a": "x]y}z", "b": [1, 2, {"c": "\\"quoted\\" \\\\ [not] {nested}"}]},
      "plain string, with ] and }", 42, -1.5e3, true, null,
      [ ], {}, {"k": "\\u00e9\\ud83d\\ude00"},
      {"deep": [[[["ok"]]]]}
    ]
    """

    func testElementsAcrossEveryChunkSizeAreIdentical() {
        let reference = split(tricky)
        XCTAssertNil(reference.error)
        XCTAssertEqual(reference.elements, [
            #"{"a": "x]y}z", "b": [1, 2, {"c": "\"quoted\" \\ [not] {nested}"}]}"#,
            #""plain string, with ] and }""#, "42", "-1.5e3", "true", "null",
            "[ ]", "{}", #"{"k": "\u00e9\ud83d\ude00"}"#, #"{"deep": [[[["ok"]]]]}"#,
        ])
        XCTAssertEqual(reference.indices, Array(0..<10))
        XCTAssertEqual(reference.skipped, [])
        XCTAssertEqual(reference.warnings, [])
        for size in Array(1...17) + [64 * 1024] {
            XCTAssertEqual(split(tricky, chunkSize: size), reference, "chunk size \(size)")
        }
    }

    /// Strings are skipped eight bytes at a time: a quote or backslash at any offset within a
    /// word, and across chunk boundaries, must still end or escape the string.
    func testLongStringsWithQuotesAndEscapesAtEveryOffset() {
        var elements: [String] = []
        for offset in 0..<17 {
            let pad = String(repeating: "a", count: offset)
            elements.append(#"{"s": "\#(pad)\"\#(pad)]}", "t": "\#(pad)\\"}"#)
            elements.append(#""\#(pad)é\#(pad)\"x""#)
        }
        let text = "[" + elements.joined(separator: ",") + "]"
        for size in [1, 3, 7, 8, 9, 13, 64 * 1024] {
            let result = split(text, chunkSize: size)
            XCTAssertEqual(result.elements, elements, "chunk size \(size)")
            XCTAssertNil(result.error)
        }
        let bytes = Array(#"abcdefghij"klmno\"#.utf8)
        bytes.withUnsafeBufferPointer { p in
            for start in 0...bytes.count {
                let expected = bytes[start...].firstIndex { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") } ?? bytes.count
                XCTAssertEqual(JSONArraySplitter.plainStringEnd(p.baseAddress!, start, bytes.count), expected, "from \(start)")
            }
        }
    }

    /// Inside a container the scan jumps from quote or bracket to the next one, eight bytes at a
    /// time: each of the five at any offset must stop it, and bytes one bit away from them
    /// (`;` `=` `|` `K` `Z` ESC STX) must not.
    func testStructuralBytesFoundAtEveryOffsetAndTheirLookAlikesPassed() {
        let filler: [UInt8] = Array(" 1,;=|K:Z\u{1B}\u{02}\t\n7e-x".utf8)
        for mark in Array("\"[]{}".utf8) {
            for offset in 0..<19 {
                var bytes = (0..<offset).map { filler[$0 % filler.count] }
                bytes.append(mark)
                bytes += Array("[\"".utf8)
                bytes.withUnsafeBufferPointer { p in
                    XCTAssertEqual(JSONArraySplitter.structuralByte(p.baseAddress!, 0, bytes.count), offset,
                                   "\(UnicodeScalar(mark)) after \(offset) bytes")
                }
            }
        }
        let none = Array(String(repeating: " 12;=|K,Z\u{1B}\u{02}:", count: 5).utf8)
        none.withUnsafeBufferPointer { p in
            for start in 0...none.count {
                XCTAssertEqual(JSONArraySplitter.structuralByte(p.baseAddress!, start, none.count), none.count, "from \(start)")
            }
        }
        // Pretty-printed elements with nested lists, as in a Records.json fix, split as written.
        let fix = "{\n      \"latitudeE7\": 1,\n      \"activity\": [ {\n        \"type\": \"STILL\"\n      } ]\n    }"
        for size in [1, 5, 8, 11, 64 * 1024] {
            XCTAssertEqual(split("[ \(fix), \(fix) ]", chunkSize: size).elements, [fix, fix], "chunk size \(size)")
        }
    }

    func testScalarDirectlyBeforeClosingBracket() {
        let s = split("[1,2,3]")
        XCTAssertEqual(s.elements, ["1", "2", "3"])
        XCTAssertEqual(s.warnings, [])
    }

    func testEmptyArray() {
        let s = split("  [ ]  ")
        XCTAssertEqual(s, Split())
    }

    func testArrayUnderKeyPath() {
        let doc = """
        {"version": {"locations": ["decoy"]}, "note": "\\"locations\\": [9]",
         "locations": [ {"latitudeE7": 1}, {"latitudeE7": 2} ], "after": [3]}
        """
        for size in [1, 2, 3, 5, 7, 64 * 1024] {
            let s = split(doc, path: ["locations"], chunkSize: size)
            XCTAssertEqual(s.elements, [#"{"latitudeE7": 1}"#, #"{"latitudeE7": 2}"#], "chunk size \(size)")
            XCTAssertNil(s.error)
        }
        var splitter = JSONArraySplitter(arrayPath: ["locations"])
        XCTAssertEqual(splitter.pointer(forElement: 4), "/locations/4")
        splitter = JSONArraySplitter()
        XCTAssertEqual(splitter.pointer(forElement: 4), "/4")
    }

    func testArrayUnderNestedKeyPath() {
        let doc = #"{"a": {"x": [0], "b": {"items": [7, 8]}}, "items": [9]}"#
        XCTAssertEqual(split(doc, path: ["a", "b", "items"]).elements, ["7", "8"])
        XCTAssertEqual(split(doc, path: ["items"]).elements, ["9"])
    }

    func testMissingKeyPathIsAnError() {
        let s = split(#"{"other": [1]}"#, path: ["timelineObjects"])
        XCTAssertEqual(s.elements, [])
        XCTAssertEqual(s.error, "no array found at /timelineObjects (file truncated or another layout)")
    }

    func testNotAnArrayIsAnError() {
        XCTAssertEqual(split(#"{"a": 1}"#).error, "not a JSON array: the file starts with '{'")
        XCTAssertEqual(split("").error, "empty file: expected a JSON array")
        XCTAssertEqual(split([0xFF, 0x00]).error, "not a JSON array: the file starts with byte 0xff")
    }

    func testNestingDepthBombIsReportedNotACrash() {
        let bomb = [UInt8](repeating: UInt8(ascii: "["), count: 100_001)
        for size in [7, 64 * 1024] {
            let s = split(bomb, chunkSize: size)
            XCTAssertEqual(s.elements, [])
            XCTAssertEqual(s.skipped, ["0: nested deeper than 256 levels: skipped"])
            XCTAssertEqual(s.warnings, ["the file ends before the array is closed: it is truncated"])
        }
    }

    func testTooDeepElementIsSkippedAndLaterOnesKept() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let s = split("[1, \(deep), 3]", chunkSize: 5)
        XCTAssertEqual(s.elements, ["1", "3"])
        XCTAssertEqual(s.indices, [0, 2])
        XCTAssertEqual(s.skipped, ["1: nested deeper than 256 levels: skipped"])
    }

    func testTruncatedLastElementIsReportedEarlierOnesKept() {
        let s = split(#"[{"a": 1}, {"b": 2}, {"c": "unfinish"#, chunkSize: 4)
        XCTAssertEqual(s.elements, [#"{"a": 1}"#, #"{"b": 2}"#])
        XCTAssertEqual(s.skipped, ["2: truncated: the file ends inside this element (15 bytes read)"])
        XCTAssertEqual(s.warnings, ["the file ends before the array is closed: it is truncated"])
        XCTAssertNil(s.error)
    }

    func testTruncatedBetweenElements() {
        let s = split(#"[{"a": 1},"#)
        XCTAssertEqual(s.elements, [#"{"a": 1}"#])
        XCTAssertEqual(s.skipped, [])
        XCTAssertEqual(s.warnings, ["the file ends before the array is closed: it is truncated"])
    }

    func testInvalidUTF8IsPassedThroughUntouched() {
        var bytes = Array(#"[{"t": "a"#.utf8)
        bytes += [0xC3, 0x28, 0xFF]
        bytes += Array(#"b"}, 2]"#.utf8)
        for size in [1, 3, 64 * 1024] {
            var got: [[UInt8]] = []
            var splitter = JSONArraySplitter()
            bytes.withUnsafeBytes { raw in
                var start = 0
                while start < raw.count {
                    let end = min(raw.count, start + size)
                    try? splitter.feed(UnsafeRawBufferPointer(rebasing: raw[start..<end])) { output in
                        if case .element(_, let b) = output { got.append(Array(b)) }
                    }
                    start = end
                }
            }
            XCTAssertEqual(got.count, 2)
            XCTAssertEqual(got.first, Array(bytes[1..<(bytes.count - 4)]))
        }
    }

    func testElementOverTheSizeCapIsSkippedAndMemoryStaysBounded() {
        let big = "\"" + String(repeating: "x", count: 5000) + "\""
        let doc = "[\"small\", \(big), {\"after\": true}]"
        for size in [3, 1000, 64 * 1024] {
            let s = split(doc, chunkSize: size, maxElementBytes: 1024)
            XCTAssertEqual(s.elements, [#""small""#, #"{"after": true}"#], "chunk size \(size)")
            XCTAssertEqual(s.indices, [0, 2])
            XCTAssertEqual(s.skipped, ["1: larger than 1024 bytes: skipped"], "chunk size \(size)")
        }
    }

    func testDataAfterTheArrayIsWarnedOnce() {
        let s = split("[1] garbage [2]")
        XCTAssertEqual(s.elements, ["1"])
        XCTAssertEqual(s.warnings, ["unexpected data after the end of the array (ignored)"])
    }
}
