import Foundation
import XCTest
import StewardCore

final class SpaceTrimmingTests: XCTestCase {
    /// Equal to Foundation's `trimmingCharacters(in: .whitespaces)` (and, with line breaks, to
    /// `.whitespacesAndNewlines`) for tabs, ASCII and Unicode
    /// spaces, line breaks (kept), format characters that are not spaces (zero-width space, BOM),
    /// combining marks and emoji, on strings and on substrings.
    func testTrimmingSpacesEqualsFoundationsWhitespaceTrimming() {
        let pieces = [" ", "\t", "\n", "\r\n", "\u{A0}", "\u{3000}", "\u{2003}", "\u{1680}", "\u{202F}", "\u{200B}", "\u{FEFF}",
                      "\u{85}", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}", "\r", "a", "é", "e\u{301}", "\u{301}", "日本", "👍🏽", "x", "--", ";"]
        // A fixed sequence (SplitMix64), so a failure repeats.
        struct SplitMix: RandomNumberGenerator {
            var state: UInt64
            mutating func next() -> UInt64 {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
        }
        var generator = SplitMix(state: 5)
        var texts = ["", " ", "\t \u{A0}", "plain", "  both ends  ", "\n line \n"]
        for _ in 0..<2000 {
            texts.append((0..<Int.random(in: 1...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            let expected = text.trimmingCharacters(in: .whitespaces)
            XCTAssertEqual(text.trimmingSpaces(), expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            XCTAssertEqual(text.trimmingSpacesAndLineBreaks(), text.trimmingCharacters(in: .whitespacesAndNewlines),
                           "with line breaks: \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            // Bounded by scalars, not characters: a text may start with a combining mark.
            let padded = "x" + text + "y"
            let inner = padded[padded.unicodeScalars.index(after: padded.startIndex)..<padded.unicodeScalars.index(before: padded.endIndex)]
            XCTAssertEqual(inner.trimmingSpaces(), expected, "substring of \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
