import XCTest
@testable import Importers
@testable import StewardCore
@testable import Formats

/// The markup tokenizer in its XML dialect: what every XML importer (Apple Health, ISO 20022,
/// GPX, SMS Backup & Restore, xlsx) relies on. docs/privacy.md, "Markup".
final class MarkupTokenizerXMLTests: XCTestCase {
    struct Run {
        var tokens: [String]
        var open: MarkupError?
    }

    /// Tokens as readable strings: `<a x="1">@line#offset`, `</a>`, `"text"`, `!doctype`, `?problem`.
    func run(_ xml: String, chunkSize: Int = 64 * 1024, make: () -> MarkupTokenizer = { MarkupTokenizer(.xml) }) -> Run {
        var tokenizer = make()
        var out: [String] = []
        func record(_ token: MarkupTokenizer.Token) {
            switch token {
            case .start(let tag):
                out.append("<" + String(decoding: tag.name, as: UTF8.self) + String(decoding: tag.attributeBytes, as: UTF8.self)
                           + (tag.selfClosing ? "/" : "") + ">@\(tag.line)#\(tag.offset)")
            case .end(let tag): out.append("</" + String(decoding: tag.name, as: UTF8.self) + ">")
            case .text(let bytes): out.append("\"" + MarkupText.decodeXML(bytes) + "\"")
            case .doctype(let line, let offset): out.append("!doctype@\(line)#\(offset)")
            case .problem(let problem): out.append("?" + problem.description)
            }
        }
        let bytes = Array(xml.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            bytes[start..<end].withUnsafeBytes { tokenizer.feed($0, record) }
            start = end
        }
        let open = tokenizer.finish(record)
        return Run(tokens: out, open: open)
    }

    func assertSameAtAllChunkSizes(_ xml: String, make: () -> MarkupTokenizer = { MarkupTokenizer(.xml) },
                                   file: StaticString = #filePath, line: UInt = #line) -> Run {
        let whole = run(xml, make: make)
        for size in [1, 2, 7] {
            let part = run(xml, chunkSize: size, make: make)
            XCTAssertEqual(part.tokens, whole.tokens, "chunk size \(size)", file: file, line: line)
            XCTAssertEqual(part.open, whole.open, "chunk size \(size)", file: file, line: line)
        }
        return whole
    }

    func testTagsTextCommentsCDATAAndProcessingInstructions() {
        let xml = "<?xml version=\"1.0\"?>\n<r a='1 > 0' b=\"x\"><x/>t&amp;u<!-- <no/> --><![CDATA[<&amp;]]]></r>"
        XCTAssertEqual(assertSameAtAllChunkSizes(xml).tokens, [
            "\"\n\"", "<r a='1 > 0' b=\"x\">@2#22", "<x/>@2#41", "\"t&u<&amp;]\"", "</r>",
        ])
    }

    func testDoctypeSubsetIsSkippedWholeAndEntitiesAreNeverExpanded() {
        let xml = """
        <!DOCTYPE r [
          <!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">
          <!ATTLIST r a CDATA "]>">
          <!-- a comment with ]> inside -->
          <!ENTITY xxe SYSTEM "file:///etc/passwd">
        ]>
        <r v="&lol2;">&xxe;&lt;&#65;&#x42;&#0;</r>
        """
        let result = assertSameAtAllChunkSizes(xml)
        XCTAssertEqual(result.tokens, ["!doctype@1#0", "\"\n\"", "<r v=\"&lol2;\">@7#179", "\"&xxe;<AB&#0;\"", "</r>"])
        XCTAssertNil(result.open)
    }

    func testUnclosedCommentIsReportedWithItsByteOffset() {
        let result = assertSameAtAllChunkSizes("<r><a>1</a><!-- never closed <a>2</a></r>")
        XCTAssertEqual(result.tokens, ["<r>@1#0", "<a>@1#3", "\"1\"", "</a>"])
        XCTAssertEqual(result.open, MarkupError(.unclosedComment, line: 1, offset: 11))
        XCTAssertEqual(result.open?.description, "the file ends inside a comment that opens at byte 11: nothing after it was read")
    }

    func testEveryUnclosedConstructIsReported() {
        XCTAssertEqual(run("<r><![CDATA[x").open?.kind, .unclosedCDATA)
        XCTAssertEqual(run("<r><a b=\"x").open?.kind, .unclosedTag)
        XCTAssertEqual(run("<r><?pi x").open?.kind, .unclosedProcessingInstruction)
        XCTAssertEqual(run("<!DOCTYPE r [ <!ENTITY a \"]>\"> ").open?.kind, .unclosedDoctype)
        XCTAssertEqual(run("<r><!-").open?.kind, .unclosedComment)
        XCTAssertNil(run("<r>text</r>\n").open)
    }

    func testNestingDeeperThanTheLimitIsSkippedAndReportedOnce() {
        let depth = 3000
        let xml = "<r>" + String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth) + "<b/></r>"
        let result = assertSameAtAllChunkSizes(xml, make: { MarkupTokenizer(.xml, maxDepth: 10) })
        XCTAssertEqual(result.tokens.filter { $0.hasPrefix("<a") }.count, 9, "levels 2…10 are delivered")
        XCTAssertEqual(result.tokens.filter { $0 == "</a>" }.count, 9)
        XCTAssertEqual(result.tokens.filter { $0.hasPrefix("?") }, ["?elements nested deeper than 10 levels from byte 30: not read"])
        XCTAssertFalse(result.tokens.contains("\"x\""), "text inside skipped elements is not delivered")
        XCTAssertEqual(Array(result.tokens.suffix(2)), ["<b/>@1#\(3 + depth * 7 + 1)", "</r>"])
    }

    func testOverlongTagIsDroppedAndLongValuesAreCut() {
        let long = String(repeating: "v", count: 500)
        let dropped = assertSameAtAllChunkSizes("<r><a x=\"\(long)\"/><b/></r>", make: { MarkupTokenizer(.xml, maxTagBytes: 100) })
        XCTAssertEqual(dropped.tokens, ["<r>@1#0", "?tag longer than 100 bytes at byte 3: not read", "<b/>@1#\(3 + 509)", "</r>"])

        var tokenizer = MarkupTokenizer(.xml, maxTagBytes: 1000, maxValueBytes: 10)
        var seen: [String] = []
        Array("<a x=\"\(long)\" y='short'/>".utf8).withUnsafeBytes { raw in
            tokenizer.feed(raw) { token in
                guard case .start(let tag) = token else { return }
                seen.append(String(decoding: tag.rawValue("x")!, as: UTF8.self))
                seen.append(tag.xmlValue("y")!)
                seen.append("\(tag.valuesCut)")
            }
        }
        XCTAssertEqual(seen, ["vvvvvvvvvv", "short", "true"])
    }

    func testLongTextIsCutAndReported() {
        let result = assertSameAtAllChunkSizes("<a>" + String(repeating: "y", count: 100) + "</a>", make: { MarkupTokenizer(.xml, maxTextBytes: 16) })
        XCTAssertEqual(result.tokens, ["<a>@1#0", "?text longer than 16 bytes at byte 3: cut", "\"" + String(repeating: "y", count: 16) + "\"", "</a>"])
    }

    func testStartFilterSkipsOtherTagsButKeepsTheirNesting() {
        let xml = "<HealthData><Me x='1'><Record a='1'/></Me><Workout/><Other/></HealthData>"
        let result = assertSameAtAllChunkSizes(xml, make: {
            MarkupTokenizer(.xml, maxDepth: 2, collectText: false, startTagFirstBytes: [UInt8(ascii: "H"), UInt8(ascii: "R"), UInt8(ascii: "W")])
        })
        // <Record> sits at level 3, past the limit of 2, although <Me> itself is not delivered.
        XCTAssertEqual(result.tokens, ["<HealthData>@1#0", "?elements nested deeper than 2 levels from byte 22: not read",
                                       "</Me>", "<Workout/>@1#42", "</HealthData>"])
    }

    func testAttributesAreFoundByLocalNameAndDecoded() {
        var values: [String] = []
        Array("<c:Amt xsi:Ccy=\"EUR\" note='a &amp; b &#233;' empty=\"\"/>".utf8).withUnsafeBytes { raw in
            var tokenizer = MarkupTokenizer(.xml)
            tokenizer.feed(raw) { token in
                guard case .start(let tag) = token else { return }
                values.append(String(decoding: tag.localName, as: UTF8.self))
                values.append(tag.xmlValue("Ccy") ?? "nil")
                values.append(tag.xmlValue("note") ?? "nil")
                values.append(tag.xmlValue("empty") ?? "nil")
                values.append(tag.xmlValue("missing") ?? "nil")
                tag.forEachAttribute { name, value in values.append(String(decoding: name, as: UTF8.self) + "=" + String(decoding: value, as: UTF8.self)) }
            }
        }
        XCTAssertEqual(values, ["Amt", "EUR", "a & b é", "", "nil", "xsi:Ccy=EUR", "note=a &amp; b &#233;", "empty="])
    }

    func testLessThanThatOpensNoTagIsText() {
        XCTAssertEqual(assertSameAtAllChunkSizes("<r>a < b</r>").tokens, ["<r>@1#0", "\"a < b\"", "</r>"])
    }

    /// A statement whose comment is never closed reports the error instead of reading as a
    /// file with no entries.
    func testCAMTWithAnUnclosedCommentReportsAnError() throws {
        let camt = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>1</Id>
        <!-- the rest is swallowed
        <Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-03-01</Dt></BookgDt></Ntry>
        </Stmt></BkToCstmrStmt></Document>
        """
        let result = try parseAtAllChunkSizes({ CAMTParser() }, Array(camt.utf8))
        XCTAssertEqual(result.events.count, 0)
        XCTAssertEqual(result.skipped, 1)
        XCTAssertTrue(result.issues.contains { $0.hasSuffix("the file ends inside a comment that opens at byte 136: nothing after it was read") },
                      "\(result.issues)")
    }
}
