import XCTest
@testable import Formats

/// `JSONPathWalker`: array elements under key paths and scalars under value paths, in one
/// streamed pass, the same at every chunk size.
final class JSONPathWalkerTests: XCTestCase {
    /// Every output of the walker over `text` fed in chunks of `chunk` bytes, as lines.
    private func outputs(_ walker: JSONPathWalker, _ text: String, chunk: Int) -> [String] {
        var walker = walker
        var lines: [String] = []
        func record(_ output: JSONPathWalker.Output) {
            switch output {
            case .element(let t, let key, let i, let bytes): lines.append("element \(t) \(key)[\(i)] \(String(decoding: bytes, as: UTF8.self))")
            case .skipped(let t, let key, let i, let reason): lines.append("skipped \(t) \(key)[\(i)]: \(reason)")
            case .value(let t, let keys, let bytes): lines.append("value \(t) /\(keys.joined(separator: "/")) \(String(decoding: bytes, as: UTF8.self))")
            case .skippedValue(let t, let keys, let reason): lines.append("skippedValue \(t) /\(keys.joined(separator: "/")): \(reason)")
            }
        }
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            bytes[start..<end].withUnsafeBytes { walker.feed($0, record) }
            start = end
        }
        walker.finish(record)
        return lines
    }

    private func assertSameAtEveryChunkSize(_ walker: JSONPathWalker, _ text: String,
                                            file: StaticString = #filePath, line: UInt = #line) -> [String] {
        let whole = outputs(walker, text, chunk: text.utf8.count)
        for chunk in 1...8 {
            XCTAssertEqual(outputs(walker, text, chunk: chunk), whole, "chunk size \(chunk)", file: file, line: line)
        }
        return whole
    }

    func testScalarsUnderAValuePathComeWithTheirKeysAsWritten() {
        let walker = JSONPathWalker(targets: [], valueTargets: [["Usage", "*", "*"]])
        let text = #"{"Usage": {"app_opens": {"2024-03-01": 7, "2024-03-02":12}, "idfa": {"2024-03-01": "a\"b"}, "flag": {"x": true, "y": null}}, "Other": {"a": {"b": 1}}}"#
        XCTAssertEqual(assertSameAtEveryChunkSize(walker, text), [
            "value 0 /Usage/app_opens/2024-03-01 7",
            "value 0 /Usage/app_opens/2024-03-02 12",
            #"value 0 /Usage/idfa/2024-03-01 "a\"b""#,
            "value 0 /Usage/flag/x true",
            "value 0 /Usage/flag/y null",
        ])
    }

    func testANumberEndingTheInputIsDeliveredByFinish() {
        let walker = JSONPathWalker(targets: [], valueTargets: [["n"]])
        XCTAssertEqual(assertSameAtEveryChunkSize(walker, #"{"n": -12.5e3"#), ["value 0 /n -12.5e3"])
    }

    func testValuesInsideArraysAndObjectsDoNotMatchAValuePath() {
        let walker = JSONPathWalker(targets: [], valueTargets: [["a"], ["b", "*"]])
        let text = #"{"a": [1, 2], "b": {"c": {"d": 3}, "e": [4]}, "f": 5}"#
        XCTAssertEqual(assertSameAtEveryChunkSize(walker, text), [], "containers are not scalars, and array items never match")
    }

    func testArrayElementsAndScalarsComeFromOnePass() {
        let walker = JSONPathWalker(targets: [["Messages"]], valueTargets: [["Usage", "*"]])
        let text = #"{"Messages": [{"Usage": {"x": 1}}, "two"], "Usage": {"opens": 3}}"#
        XCTAssertEqual(assertSameAtEveryChunkSize(walker, text), [
            #"element 0 Messages[0] {"Usage": {"x": 1}}"#,
            #"element 0 Messages[1] "two""#,
            "value 0 /Usage/opens 3",
        ], "a value path is not looked for inside a captured element")
    }

    func testAScalarLongerThanTheLimitIsReportedWithItsKeys() {
        let walker = JSONPathWalker(targets: [], valueTargets: [["*"]], maxValueBytes: 6)
        let text = #"{"short": "abcd", "long": "abcdefgh", "n": 1234567}"#
        XCTAssertEqual(assertSameAtEveryChunkSize(walker, text), [
            #"value 0 /short "abcd""#,
            "skippedValue 0 /long: value longer than 6 bytes",
            "skippedValue 0 /n: value longer than 6 bytes",
        ])
    }

    func testElementLimitsAndTruncation() {
        let walker = JSONPathWalker(targets: [["a"]], maxElementBytes: 12)
        let text = #"{"a": [1, "a long string", {"b": [1]}, 2"#
        XCTAssertEqual(assertSameAtEveryChunkSize(walker, text), [
            "element 0 a[0] 1", "skipped 0 a[1]: record larger than 12 bytes", #"element 0 a[2] {"b": [1]}"#,
            "skipped 0 a[3]: file ends inside this record",
        ])
    }

    /// Elements that are objects or arrays are copied whole whatever they hold: brackets and
    /// escaped quotes inside strings, nested containers, and keys inside an element that name a
    /// target (a path matches only outside captured arrays). An element of exactly the limit is
    /// kept, one byte more is skipped, and one cut by the end of the input is reported.
    func testContainerElementsAreCopiedWholeWhateverTheyHold() {
        let walker = JSONPathWalker(targets: [["a"], ["*", "b"]], maxElementBytes: 37)
        let text = #"{"a": [{"s": "x]}\"[{", "b": [1, {"c": []}]}, [[], {}] ,{"b": [2]}, "#
            + #"{"k": "0123456789012345678901234567"}, {"k": "01234567890123456789012345678"}, {"z": [ "#
        XCTAssertEqual(assertSameAtEveryChunkSize(walker, text), [
            #"element 0 a[0] {"s": "x]}\"[{", "b": [1, {"c": []}]}"#,
            "element 0 a[1] [[], {}]",
            #"element 0 a[2] {"b": [2]}"#,
            #"element 0 a[3] {"k": "0123456789012345678901234567"}"#,
            "skipped 0 a[4]: record larger than 37 bytes",
            "skipped 0 a[5]: file ends inside this record",
        ])
    }
}
