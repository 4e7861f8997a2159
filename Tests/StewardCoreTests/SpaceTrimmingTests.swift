import Foundation
import XCTest
@testable import StewardCore

final class SpaceTrimmingTests: XCTestCase {
    /// Equal to Foundation's `trimmingCharacters(in: .whitespaces)` (and, with line breaks, to
    /// `.whitespacesAndNewlines`) for tabs, ASCII and Unicode
    /// spaces, line breaks (kept), format characters that are not spaces (zero-width space, BOM),
    /// combining marks and emoji, on strings and on substrings.
    func testTrimmingSpacesEqualsFoundationsWhitespaceTrimming() {
        let pieces = [" ", "\t", "\n", "\r\n", "\u{A0}", "\u{3000}", "\u{2003}", "\u{1680}", "\u{202F}", "\u{200B}", "\u{FEFF}",
                      "\u{85}", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}", "\r", "a", "é", "e\u{301}", "\u{301}", "日本", "👍🏽", "x", "--", ";"]
        // Spaces and breaks at either end, inside, and both.
        let texts = Self.textsOfUpToThree(pieces)
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

    /// Without a limit, the words one space apart are exactly what splitting on
    /// `Character.isWhitespace` and joining with spaces gives (nil for none), for every text of
    /// up to three pieces of ASCII and Unicode whitespace, marks that extend a space, emoji and
    /// words. (Cut at a limit: MboxTests, where mail bodies use it.)
    func testWordsOneSpaceApartWithoutLimitEqualsSplittingOnWhitespaceAndJoining() {
        let pieces = [" ", "\t", "\n", "\r\n", "\u{A0}", "\u{3000}", "\u{85}", "\u{1680}", "\u{200B}", "\u{0B}",
                      "\u{301}", "\u{200D}", "\u{1F3FD}", "a", "e\u{301}", "日本", "👍🏽", "🇬🇧", "कि", "word"]
        let texts = Self.textsOfUpToThree(pieces)
        for text in texts {
            let joined = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertEqual(text.wordsOneSpaceApart(), joined.isEmpty ? nil : joined,
                           "text \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Every text of none to three of the pieces, in every order.
    private static func textsOfUpToThree(_ pieces: [String]) -> [String] {
        var texts = [""]
        for first in pieces {
            texts.append(first)
            for second in pieces {
                texts.append(first + second)
                for third in pieces { texts.append(first + second + third) }
            }
        }
        return texts
    }

    func testWhitespaceListAgreesWithTheUnicodePropertyForEveryScalarOfTheFirstTwoPlanes() {
        for value in UInt32(0)...0x1FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            XCTAssertEqual(SpaceTrimming.isWhitespace(value), scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
            XCTAssertEqual(SpaceTrimming.isSpaceSeparator(value), scalar.properties.generalCategory == .spaceSeparator,
                           "U+\(String(value, radix: 16))")
        }
    }

    /// Cut at a limit: the first `limit` characters of the joined words and "…", wherever the
    /// limit falls (inside a word, on a space, at the last character) and whatever the script.
    func testWordsCutAtALimitAreThePrefixOfTheJoinedWords() {
        let texts = ["alpha  beta\tgamma\n\ndelta epsilon", "日本語 の 文章\u{3000}です ね", "mixed ascii, ünïcödé  and\u{A0}more words here"]
        for text in texts {
            let joined = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for limit in 1...(joined.count + 2) {
                let expected = joined.count > limit ? String(joined.prefix(limit)) + "…" : joined
                XCTAssertEqual(text.wordsOneSpaceApart(limit: limit), expected, "limit \(limit) of \(text)")
            }
        }
    }
}
