import XCTest
@testable import Rules

/// `TextFolder` folds runs of ASCII eight bytes at a time; these tests hold it to folding every
/// byte on its own, which is the definition.
final class TextFolderWordAtATimeTests: XCTestCase {
    private func folded(_ text: String, eightBytesAtATime: Bool) -> [UInt8] {
        var text = text
        var output: [UInt8] = [7, 7] // folding appends: what was there stays
        text.withUTF8 { TextFolder.fold(utf8: $0, into: &output, eightBytesAtATime: eightBytesAtATime) }
        return output
    }

    private func assertSameFold(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let fast = folded(text, eightBytesAtATime: true)
        let bytewise = folded(text, eightBytesAtATime: false)
        XCTAssertEqual(fast, bytewise, "fold of \(text.debugDescription)", file: file, line: line)
    }

    func testEightASCIIBytesAtATimeLowerCaseEveryCapitalAndNothingElse() {
        let ascii: [UInt8] = (0..<128).map { UInt8($0) }
        let all = String(decoding: ascii, as: UTF8.self)
        let expected: [UInt8] = ascii.map { (byte: UInt8) -> UInt8 in byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
        XCTAssertEqual(Array(folded(all, eightBytesAtATime: true).dropFirst(2)), expected)
        assertSameFold(all)
        assertSameFold("@[`{AZaz09 Hello WORLD, Überweisung AN Zahnarzt")
    }

    func testSpacesBetweenDigitsAndHanAreDroppedAtEveryOffsetOfAWord() {
        // The run of a letter or digit and the spaces after it can end or start anywhere in
        // an eight-byte word; every offset is tried on both sides of the Han character.
        for padding in 0..<17 {
            let pad = String(repeating: "x", count: padding)
            for text in ["\(pad)孕 12 周", "\(pad)NT   检查 ok", "\(pad)周    12 WEEKS", "\(pad)ab !   检", "\(pad)12        ",
                         "\(pad)检查        NT", "\(pad)检 查", "\(pad) , 检", "\(pad)A\u{00A0}检"] {
                assertSameFold(text)
            }
        }
        XCTAssertEqual(Array(folded("xxxxxxxNT   检查", eightBytesAtATime: true).dropFirst(2)), Array("xxxxxxxnt检查".utf8))
        XCTAssertEqual(Array(folded("检查        NT", eightBytesAtATime: true).dropFirst(2)), Array("检查nt".utf8))
    }

    func testMixedScriptsFoldTheSameEitherWay() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", "q", "7", " ", "  ", ".", "-", "é", "Ü", "ß", "Ё", "Привет", "检查", "孕", "遊行", "\u{3000}",
                      "\u{0301}", "😀", "NT", "Hello World", "\u{FF}", "x y", "\t"]
        for _ in 0..<3000 {
            let count = Int.random(in: 0..<24, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            assertSameFold(text)
        }
    }

    func testInvalidUTF8AfterASCIIFoldsTheSameEitherWay() {
        for padding in 0..<10 {
            var bytes = Array(String(repeating: "A", count: padding).utf8)
            bytes += [0xC3, 0x41, 0x42, 0x20, 0x20, 0xE6, 0xA3, 0x80, 0x20, 0x31, 0xFF, 0x80]
            var fast: [UInt8] = [], bytewise: [UInt8] = []
            bytes.withUnsafeBufferPointer {
                TextFolder.fold(utf8: $0, into: &fast, eightBytesAtATime: true)
                TextFolder.fold(utf8: $0, into: &bytewise, eightBytesAtATime: false)
            }
            XCTAssertEqual(fast, bytewise, "padding \(padding)")
        }
    }
}
