import XCTest
@testable import Formats

/// The markup tokenizer in its HTML dialect (Takeout's My Activity pages).
final class MarkupTokenizerHTMLTests: XCTestCase {
    /// Tokens as readable strings: `<div class=x>`, `</div>`, `"text"`.
    func tokens(_ html: String, chunkSize: Int = 64 * 1024, maxTagBytes: Int = 64 * 1024) -> (tokens: [String], tokenizer: MarkupTokenizer) {
        var tokenizer = MarkupTokenizer(.html, maxTagBytes: maxTagBytes)
        var out: [String] = []
        func record(_ token: MarkupTokenizer.Token) {
            switch token {
            case .text(let bytes): out.append("\"" + String(decoding: bytes, as: UTF8.self) + "\"")
            case .start(let tag):
                var s = "<" + String(decoding: tag.name, as: UTF8.self)
                if let cls = tag.attribute("class") { s += " class=" + String(decoding: cls, as: UTF8.self) }
                if let href = tag.attribute("href") { s += " href=" + String(decoding: href, as: UTF8.self) }
                out.append(s + ">@\(tag.line)")
            case .end(let tag): out.append("</" + String(decoding: tag.name, as: UTF8.self) + ">")
            case .doctype, .problem: break
            }
        }
        let bytes = Array(html.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            bytes[start..<end].withUnsafeBytes { tokenizer.feed($0, record) }
            start = end
        }
        _ = tokenizer.finish(record)
        return (out, tokenizer)
    }

    func assertSameAtAllChunkSizes(_ html: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        let whole = tokens(html).tokens
        for size in [1, 7] {
            XCTAssertEqual(tokens(html, chunkSize: size).tokens, whole, "chunk size \(size)", file: file, line: line)
        }
        return whole
    }

    func testTagsTextAndEntities() {
        let html = "<!DOCTYPE html>\n<html><body><DIV Class=\"outer-cell  mdl-cell\">Visited&nbsp;<a href=\"https://x.org/?a=1&amp;b=2\">Caf&eacute; &amp; Bar &#39;n&#x27; &#8239;Grill</a><br/>Sep 18</div></body></html>"
        XCTAssertEqual(assertSameAtAllChunkSizes(html), [
            "\"\n\"", "<html>@2", "<body>@2", "<div class=outer-cell  mdl-cell>@2", "\"Visited\u{A0}\"",
            "<a href=https://x.org/?a=1&b=2>@2", "\"Café & Bar 'n' \u{202F}Grill\"", "</a>", "<br>@2", "\"Sep 18\"",
            "</div>", "</body>", "</html>",
        ])
    }

    func testClassListMatchesWholeNamesOnly() {
        var tokenizer = MarkupTokenizer(.html)
        var results: [Bool] = []
        Array("<div class='content-cell mdl-typography--body-1 mdl-typography--text-right'><p class=outer-cellx>".utf8).withUnsafeBytes { raw in
            tokenizer.feed(raw) { token in
                if case .start(let tag) = token {
                    results.append(tag.hasClass("content-cell"))
                    results.append(tag.hasClass("mdl-typography--text-right"))
                    results.append(tag.hasClass("outer-cell"))
                    results.append(tag.hasClass("mdl-typography"))
                }
            }
        }
        XCTAssertEqual(results, [true, true, false, false, false, false, false, false])
    }

    func testScriptStyleAndCommentsAreSkipped() {
        let html = """
        <style>.a > .b { content: "</div>"; }</style><p>one<!-- <b>not a tag</b> -->two</p>\
        <script type="text/javascript">if (a < b && c) { document.write("<div class='outer-cell'>") }</SCRIPT >three\
        <script>var s = "</scriptx>"; </script>four<?xml version="1.0"?>five
        """
        XCTAssertEqual(assertSameAtAllChunkSizes(html), [
            "<style>@1", "</style>", "<p>@1", "\"onetwo\"", "</p>", "<script>@1", "</script>", "\"three\"",
            "<script>@1", "</script>", "\"fourfive\"",
        ])
    }

    func testLessThanThatIsNotATagIsText() {
        // `</ >` is a bogus comment in HTML (dropped); `&amp` at the very end is still decoded.
        XCTAssertEqual(assertSameAtAllChunkSizes("a < b <3 </ > & c &unknown; &amp"), ["\"a < b <3  & c &unknown; &\""])
    }

    func testInvalidNumericReferencesBecomeReplacementCharacter() {
        XCTAssertEqual(tokens("&#0;&#xD800;&#99999999;&#65;").tokens, ["\"\u{FFFD}\u{FFFD}\u{FFFD}A\""])
    }

    func testQuotedGreaterThanStaysInsideTheAttribute() {
        XCTAssertEqual(assertSameAtAllChunkSizes("<a title=\"x > y\" href='/a?b>c'>t</a>"),
                       ["<a href=/a?b>c>@1", "\"t\"", "</a>"])
    }

    func testRunawayTagIsDroppedAndReadingResumes() {
        // An unclosed quote would otherwise swallow the rest of the file.
        let html = "<a href=\"" + String(repeating: "x", count: 300) + "\n<p>after</p>" + String(repeating: " ", count: 300) + "<b>end</b>"
        let result = tokens(html, maxTagBytes: 100)
        XCTAssertEqual(result.tokenizer.droppedTags, 1)
        XCTAssertTrue(result.tokens.contains("\"end\""), "\(result.tokens)")
    }

    func testTruncatedInputKeepsTextBeforeTheCut() {
        XCTAssertEqual(assertSameAtAllChunkSizes("<p>kept</p><a href=\"https://cut"), ["<p>@1", "\"kept\"", "</p>"])
        XCTAssertEqual(assertSameAtAllChunkSizes("<p>kept &am"), ["<p>@1", "\"kept &am\""])
    }

    func testLongTextIsCut() {
        var tokenizer = MarkupTokenizer(.html, maxTextBytes: 100)
        var texts: [Int] = []
        Array((String(repeating: "y", count: 1000) + "<br>z").utf8).withUnsafeBytes { raw in
            tokenizer.feed(raw) { if case .text(let b) = $0 { texts.append(b.count) } }
        }
        _ = tokenizer.finish { if case .text(let b) = $0 { texts.append(b.count) } }
        XCTAssertEqual(texts, [100, 1])
        XCTAssertEqual(tokenizer.truncatedTexts, 1)
    }

    func testLineNumbersCountEveryNewline() {
        let html = "<p>\n</p><!--\n\n--><script>\n</script><a\nhref=x>\n<b>"
        XCTAssertEqual(tokens(html).tokens.filter { $0.hasPrefix("<b") }, ["<b>@7"])
        XCTAssertEqual(tokens(html, chunkSize: 1).tokens.filter { $0.hasPrefix("<b") }, ["<b>@7"])
    }
}
