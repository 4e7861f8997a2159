import XCTest
@testable import Formats

final class JSONValueParserTests: XCTestCase {
    func parse(_ text: String, maxDepth: Int = 256) throws -> JSONValue {
        try JSONValueParser.parse(Array(text.utf8), maxDepth: maxDepth)
    }

    func failure(_ text: String, maxDepth: Int = 256) -> String? {
        do { _ = try parse(text, maxDepth: maxDepth); return nil } catch { return "\(error)" }
    }

    func testObjectsArraysAndScalarsKeepOrderAndNumberText() throws {
        let v = try parse(#" {"b": [1, -0.50, 1.6e3, true, false, null], "a": {"x": "y"}, "b": 2} "#)
        XCTAssertEqual(v.objectMembers?.map(\.key), ["b", "a", "b"])
        XCTAssertEqual(v["b"], .array([.number("1"), .number("-0.50"), .number("1.6e3"), .bool(true), .bool(false), .null]))
        XCTAssertEqual(v["a"]?["x"]?.stringValue, "y")
        XCTAssertEqual(v["b"]?[1]?.numberText, "-0.50")
        XCTAssertEqual(v["b"]?[2]?.doubleValue, 1600)
        XCTAssertNil(v["b"]?[9])
        XCTAssertNil(v["missing"])
        XCTAssertEqual(try parse("[]"), .array([]))
        XCTAssertEqual(try parse("{}"), .object([]))
        XCTAssertEqual(try parse(#""12""#).int64Value, 12)
    }

    func testEscapes() throws {
        let v = try parse(#""q\"b\\s\/n\nt\tr\rb\bf\f""#)
        XCTAssertEqual(v.stringValue, "q\"b\\s/n\nt\tr\rb\u{08}f\u{0C}")
        // Google writes = and & as \u003d and \u0026 in URLs.
        XCTAssertEqual(try parse(#""a\u003db\u0026c""#).stringValue, "a=b&c")
        XCTAssertEqual(try parse(#""caf\u00e9 \u00C9""#).stringValue, "café É")
    }

    func testSurrogatePairsAndLoneSurrogates() throws {
        XCTAssertEqual(try parse(#""\ud83d\ude00""#).stringValue, "😀")
        XCTAssertEqual(try parse(#""x\ud83dy""#).stringValue, "x\u{FFFD}y")
        XCTAssertEqual(try parse(#""x\ude00y""#).stringValue, "x\u{FFFD}y")
        // A high surrogate followed by an escape that is not a low one: both are kept apart.
        XCTAssertEqual(try parse(#""\ud83d\u0041""#).stringValue, "\u{FFFD}A")
    }

    func testInvalidUTF8IsRepaired() throws {
        var bytes = Array(#"{"t": "a"#.utf8)
        bytes += [0xC3, 0x28, 0xFF]
        bytes += Array(#"b", "u": "\u00e9"#.utf8)
        bytes += [0xE2, 0x82]  // truncated 3-byte sequence, in a string with escapes
        bytes += Array(#""}"#.utf8)
        let v = try JSONValueParser.parse(bytes)
        XCTAssertEqual(v["t"]?.stringValue, "a\u{FFFD}(\u{FFFD}b")
        XCTAssertEqual(v["u"]?.stringValue, "é\u{FFFD}")
    }

    func testSyntaxErrorsNameTheOffset() {
        XCTAssertEqual(failure(#"{"a": }"#), "invalid JSON at byte 6: unexpected character")
        XCTAssertEqual(failure(#"{"a" 1}"#), "invalid JSON at byte 5: expected ':' after a key")
        XCTAssertEqual(failure(#"[1 2]"#), "invalid JSON at byte 3: expected ',' or ']' in an array")
        XCTAssertEqual(failure(#""abc"#), "invalid JSON at byte 4: unterminated string")
        XCTAssertEqual(failure(#""a\qb""#), #"invalid JSON at byte 3: invalid escape '\q'"#)
        XCTAssertEqual(failure(#""\u12zz""#), #"invalid JSON at byte 5: invalid hex digit in \u escape"#)
        XCTAssertEqual(failure(#""\u12""#), #"invalid JSON at byte 3: truncated \u escape"#)
        XCTAssertEqual(failure("1 2"), "invalid JSON at byte 2: unexpected data after the value")
        XCTAssertEqual(failure("-"), "invalid JSON at byte 1: expected digits")
        XCTAssertEqual(failure("tru"), "invalid JSON at byte 0: unexpected end of data")
        XCTAssertEqual(failure(""), "invalid JSON at byte 0: no value")
    }

    func testDepthLimitStopsDeepNestingWithoutRecursingFurther() {
        XCTAssertNotNil(try? parse("[[[1]]]", maxDepth: 3))
        XCTAssertEqual(failure("[[[[1]]]]", maxDepth: 3), "invalid JSON at byte 3: nested deeper than 3 levels")
        let bomb = String(repeating: "[", count: 100_000)
        XCTAssertEqual(failure(bomb), "invalid JSON at byte 256: nested deeper than 256 levels")
    }

    func testOnlyKeysKeepsChosenTopLevelMembersAndStillChecksTheRest() throws {
        let text = #"{"skip": {"a": ["}", "\"", [1, {"b": null}]]}, "keep": {"skip": 1}, "n": -2.5e1, "s": "x", "t": true}"#
        let v = try parse(text)
        XCTAssertNotNil(v["skip"])
        let only = try JSONValueParser.parse(Array(text.utf8), onlyKeys: ["keep", "t"])
        XCTAssertEqual(only, .object([
            JSONMember(key: "keep", value: .object([JSONMember(key: "skip", value: .number("1"))])),
            JSONMember(key: "t", value: .bool(true)),
        ]))
        // Keys are compared as written bytes when they have no escape, and after unescaping when
        // they do; a key that only starts like a kept one, an empty key and a non-ASCII key.
        let keys = #"{"k\u0065ep": 1, "kee": 2, "keeps": 3, "": 4, "é": 5, "t": 6}"#
        XCTAssertEqual(try JSONValueParser.parse(Array(keys.utf8), onlyKeys: ["keep", "é", "t"]), .object([
            JSONMember(key: "keep", value: .number("1")), JSONMember(key: "é", value: .number("5")),
            JSONMember(key: "t", value: .number("6")),
        ]))
        XCTAssertEqual(try JSONValueParser.parse(Array(keys.utf8), onlyKeys: [""]), .object([JSONMember(key: "", value: .number("4"))]))
        XCTAssertThrowsError(try JSONValueParser.parse(Array(#"{"skip" 1}"#.utf8), onlyKeys: ["k"]))
        XCTAssertThrowsError(try JSONValueParser.parse(Array(#"{"unterminated"#.utf8), onlyKeys: ["k"]))
        XCTAssertThrowsError(try JSONValueParser.parse(Array(#"{"skip": [1, "unterminated}"#.utf8), onlyKeys: []))
        XCTAssertThrowsError(try JSONValueParser.parse(Array(#"{"skip": tru, "k": 1}"#.utf8), onlyKeys: ["k"]))
        let deep = "{\"skip\": " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "}"
        XCTAssertThrowsError(try JSONValueParser.parse(Array(deep.utf8), onlyKeys: [])) { error in
            XCTAssertEqual("\(error)", "invalid JSON at byte 264: nested deeper than 256 levels")
        }
    }
}
