import Foundation
import XCTest
import StewardCore
@testable import Reports

/// Hostile text from exports must not reach the terminal as escape sequences nor break the JSON.
final class ReportEscapingTests: XCTestCase {
    private let hostile = "A\u{1B}[31mred\u{1B}[0m \u{9B}2J bell\u{07} nul\u{00} del\u{7F} "
        + "tab\tnew\nline\r end \u{202E}txt.exe\u{202C} zero\u{200B}width <script>alert(\"x\")</script> & \\ \u{2028}"

    private func report(excerpt: String, path: String = "/tmp/in.csv") -> ScanReport {
        ScanReport(
            tool: .init(version: "t", rules: "r"), scan: .init(id: "s", started: "2024-01-01T00:00:00Z", paths: [path]),
            inputs: [.init(path: path, source: "bank.csv", events: 1, skipped: 0, errors: ["line 2: \(excerpt)"])],
            unrecognized: [.init(path: path + "\u{1B}]0;title\u{07}", reason: excerpt)],
            findings: [Finding(attribute: "finance.gambling", title: "Gambling", sensitivity: .financial, confidence: 1,
                               count: 1, firstSeen: nil, lastSeen: nil, rules: ["r"], sources: ["bank.csv"],
                               evidence: [Evidence(path: path, locator: "line 2", time: nil, excerpt: excerpt, rule: "r")])],
            scores: [])
    }

    func testTerminalNeverEmitsControlCharactersFromInput() {
        for color in [false, true] {
            let text = TerminalReporter(color: color).render(report(excerpt: hostile))
            for scalar in text.unicodeScalars {
                let v = scalar.value
                if v == 0x0A { continue }
                if v == 0x1B {
                    XCTAssertTrue(color, "ESC in uncoloured output")
                    continue
                }
                XCTAssertFalse(v < 0x20 || (0x7F...0x9F).contains(v), "control U+\(String(v, radix: 16)) in output")
                XCTAssertFalse(TerminalText.isInvisibleFormat(scalar), "format char U+\(String(v, radix: 16)) in output")
            }
            if color {
                // Every ESC must start one of the reporter's own SGR codes.
                let escapes = text.components(separatedBy: "\u{1B}").dropFirst()
                for piece in escapes {
                    XCTAssertTrue(["[0m", "[1m", "[2m", "[31m", "[32m", "[33m"].contains { piece.hasPrefix($0) }, "ESC\(piece.prefix(8))")
                }
            }
        }
    }

    func testSanitizeShowsWhatWasRemoved() {
        XCTAssertEqual(TerminalText.sanitize("a\u{1B}[31mb"), "a\\x1B[31mb")
        XCTAssertEqual(TerminalText.sanitize("x\u{9B}y\u{7F}z\u{00}"), "x\\x9By\\x7Fz\\x00")
        XCTAssertEqual(TerminalText.sanitize("one\ntwo\tthree\r"), "one two three ")
        XCTAssertEqual(TerminalText.sanitize("\u{202E}exe.txt"), "\\u{202E}exe.txt")
        XCTAssertEqual(TerminalText.sanitize("Grüße 你好 <b>"), "Grüße 你好 <b>")
    }

    /// Issue 16: C1 CSI/OSC, every bidi embedding, override and isolate, and zero-width
    /// characters are shown as text, never passed to the terminal.
    func testSanitizeEscapesC1BidiIsolatesAndZeroWidth() {
        XCTAssertEqual(TerminalText.sanitize("a\u{9B}31mb\u{9D}0;t\u{9C}"), "a\\x9B31mb\\x9D0;t\\x9C")
        for scalar in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] as [UInt32] {
            let text = "x" + String(Character(Unicode.Scalar(scalar)!)) + "y"
            XCTAssertEqual(TerminalText.sanitize(text), "x\\u{\(String(scalar, radix: 16, uppercase: true))}y")
        }
        XCTAssertEqual(TerminalText.sanitize("zero\u{200B}width\u{200D}joiner\u{2060}\u{FEFF}"),
                       "zero\\u{200B}width\\u{200D}joiner\\u{2060}\\u{FEFF}")
        XCTAssertEqual(TerminalText.sanitize("line\u{2028}sep"), "line\\u{2028}sep")
    }

    /// Wrapping counts display columns: CJK characters take two, combining marks none.
    func testWidthCountsWideAndCombiningCharacters() {
        XCTAssertEqual(TerminalText.width("你好"), 4)
        XCTAssertEqual(TerminalText.width("e\u{301}"), 1)
        XCTAssertEqual(TerminalText.width("\u{1F600}"), 2)
        XCTAssertEqual(TerminalText.wrap("你好 你好 你好", width: 10), ["你好 你好", "你好"])
        XCTAssertEqual(TerminalText.wrap("cafe\u{301} cafe\u{301}", width: 9), ["cafe\u{301} cafe\u{301}"])
    }

    func testJSONEscapesEverythingAndRoundTrips() throws {
        let original = report(excerpt: hostile)
        let json = JSONReporter().render(original)
        for scalar in json.unicodeScalars where scalar.value != 0x0A {
            XCTAssertFalse(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value), "raw control U+\(String(scalar.value, radix: 16))")
            XCTAssertFalse(TerminalText.isInvisibleFormat(scalar) || scalar.value == 0x2028)
        }
        XCTAssertFalse(json.contains("<script>"))
        XCTAssertTrue(json.contains("\\u003cscript\\u003ealert(\\\"x\\\")\\u003c/script\\u003e \\u0026 \\\\ \\u2028"))
        XCTAssertTrue(json.contains("A\\u001b[31mred"))
        // The contract type decodes the output back to the same text.
        let decoded = try JSONDecoder().decode(ScanReport.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.findings.first?.evidence.first?.excerpt, hostile)
        XCTAssertEqual(decoded.unrecognized, original.unrecognized)
        XCTAssertEqual(decoded.schema, "steward.report/1")
    }

    func testHTMLKeepsHostileTextInert() {
        let html = HTMLReporter().render(report(excerpt: hostile))
        XCTAssertFalse(html.contains("<script>alert"), "markup from an export must be escaped")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;"))
        XCTAssertFalse(html.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x00 })
        // The page loads nothing and runs only its own script, allowed by hash.
        XCTAssertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-"))
        XCTAssertEqual(html.lowercased().components(separatedBy: "<script").count - 1, 1, "one script: the report's own")
        XCTAssertFalse(html.contains("http://") || html.contains("https://"))
    }

    func testMarkdownKeepsHostileTextLiteral() {
        let md = MarkdownReporter().render(report(excerpt: "[click](javascript:x) ![img](y) <b>bold</b> | cell"))
        XCTAssertTrue(md.contains("\\[click\\]\\(javascript:x\\) \\!\\[img\\]\\(y\\) \\<b\\>bold\\</b\\> \\| cell"), md)
        XCTAssertFalse(md.contains("](javascript"))
    }

    func testJSONKeysFollowTheContractOrder() {
        guard case .object(let top) = JSONReporter.document(ReportFixture.report) else { return XCTFail("not an object") }
        XCTAssertEqual(top.map(\.0), ["schema", "tool", "scan", "inputs", "unrecognized", "knownFiles", "findings", "scores", "coverage"])
        guard case .array(let findings) = top[6].1, case .object(let finding) = findings[0],
              case .array(let scores) = top[7].1, case .object(let citizen) = scores[0], case .object(let verdict) = scores[2] else {
            return XCTFail("unexpected shape")
        }
        XCTAssertEqual(finding.map(\.0), ["attribute", "title", "sensitivity", "confidence", "count", "strength", "firstSeen",
                                          "lastSeen", "rules", "sources", "evidence"])
        XCTAssertEqual(citizen.map(\.0), ["model", "title", "total", "base", "tier", "tierLabel", "contributions", "benefits",
                                           "consequences", "notes"])
        // A verdict has no total and no base: the keys are omitted, never null.
        XCTAssertEqual(verdict.map(\.0), ["model", "title", "tier", "tierLabel", "contributions", "benefits", "consequences", "notes"])
        XCTAssertFalse(JSONReporter().render(ReportFixture.report).contains("null"))
    }

    func testJSONNumbers() {
        XCTAssertEqual(OrderedJSON.number(.nan).rendered(), "null")
        XCTAssertEqual(OrderedJSON.number(0.75).rendered(), "0.75")
        XCTAssertEqual(OrderedJSON.object([]).rendered(), "{}")
        XCTAssertEqual(OrderedJSON.array([.int(-3), .bool(true)]).rendered(), "[\n  -3,\n  true\n]")
    }

    /// Issue 9: the report wrapped at 100 columns on an 80-column terminal; now no line is wider
    /// than the width it is given (80 by default), counting CJK characters as two columns.
    func testTerminalLinesFitTheWidth() {
        let longPath = "/home/ana/" + String(repeating: "very-long-folder-name/", count: 12) + "export.json"
        let hostile = report(excerpt: String(repeating: "你好世界 ", count: 40) + "cafe\u{301} ", path: longPath)
        for (reporter, limit) in [(TerminalReporter(color: false), 80), (TerminalReporter(color: false, width: 60), 60)] {
            let text = reporter.render(hostile)
            for line in text.split(separator: "\n") {
                XCTAssertLessThanOrEqual(TerminalText.width(String(line)), limit, String(line))
            }
            XCTAssertTrue(text.contains("very-long-folder-name"))
        }
        let fixture = TerminalReporter(color: false).render(ReportFixture.report)
        XCTAssertLessThanOrEqual(fixture.split(separator: "\n").map { TerminalText.width(String($0)) }.max() ?? 0, 80)
    }

    func testWrapKeepsColumnGapsAndHangingIndent() {
        XCTAssertEqual(TerminalText.wrap("a  b   c", width: 100, indent: 2), ["  a  b   c"])
        XCTAssertEqual(TerminalText.wrap("alpha beta gamma", width: 11, indent: 0, hangingIndent: 2), ["alpha beta", "  gamma"])
        XCTAssertEqual(TerminalText.wrap("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
        XCTAssertEqual(TerminalText.wrap("你好世界", width: 5), ["你好", "世界"])
        XCTAssertEqual(TerminalText.wrap("", width: 10, indent: 2), [""])
    }

    func testFindingsSortBySensitivityThenCount() {
        let make = { (id: String, s: Sensitivity, n: Int) in
            Finding(attribute: id, title: id, sensitivity: s, confidence: 1, count: n, firstSeen: nil, lastSeen: nil,
                    rules: [], sources: [], evidence: [])
        }
        let sorted = TerminalReporter.sortedFindings([make("mobility.home", .location, 90), make("finance.loans", .financial, 2),
                                                      make("legal.court", .criminal, 1), make("finance.gambling", .financial, 7),
                                                      make("health.medical", .special, 1)])
        XCTAssertEqual(sorted.map(\.attribute), ["health.medical", "legal.court", "finance.gambling", "finance.loans", "mobility.home"])
    }

    func testLeversNameLargestDeductions() {
        let score = ScoreResult(model: "m", total: 700, tier: "C", contributions: [
            Contribution(rule: "a", attribute: "legal.court", delta: -100, basis: .illustrative, source: "[SEED]"),
            Contribution(rule: "b", attribute: "civic.charity", delta: 50, basis: .illustrative, source: "[SEED]"),
            Contribution(rule: "c", attribute: "health.alcohol", delta: -10, basis: .illustrative, source: "[SEED]"),
            Contribution(rule: "d", attribute: "health.alcohol", delta: -30, basis: .illustrative, source: "[SEED]"),
            Contribution(rule: "e", attribute: "conduct.gaming", delta: -20, basis: .illustrative, source: "[SEED]"),
            Contribution(rule: "f", attribute: "politics.protest", delta: -100, basis: .illustrative, source: "[SEED]"),
        ], consequences: [])
        XCTAssertEqual(ScoreLevers.levers(for: score).map(\.attribute), ["legal.court", "politics.protest", "health.alcohol"])
        XCTAssertEqual(ScoreLevers.sentence(for: score),
                       "what you could change: deleting or redacting the records behind legal.court (-100), "
                       + "politics.protest (-100), health.alcohol (-40) would give back up to 240 points.")
        let stop = ScoreResult(model: "h", total: nil, tier: "stop", contributions: [
            Contribution(rule: "x", attribute: "finance.loans", delta: nil, basis: .reported, source: "[SEED]"),
        ], consequences: [])
        XCTAssertEqual(ScoreLevers.levers(for: stop), [ScoreLevers.Lever(attribute: "finance.loans", delta: nil)])
    }
}
