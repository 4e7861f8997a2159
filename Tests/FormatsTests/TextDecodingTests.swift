import XCTest
@testable import Formats

final class TextDecodingTests: XCTestCase {
    func testSniffByBOMAndValidity() {
        XCTAssertEqual(TextDecoding.sniff([0xEF, 0xBB, 0xBF, 0x41]).encoding, .utf8)
        XCTAssertEqual(TextDecoding.sniff([0xEF, 0xBB, 0xBF, 0x41]).bomLength, 3)
        XCTAssertEqual(TextDecoding.sniff([0xFF, 0xFE, 0x41, 0x00]).encoding, .utf16LE)
        XCTAssertEqual(TextDecoding.sniff([0xFE, 0xFF, 0x00, 0x41]).encoding, .utf16BE)
        XCTAssertEqual(TextDecoding.sniff(Array("Grüße".utf8)).encoding, .utf8)
        XCTAssertEqual(TextDecoding.sniff([0x47, 0x72, 0xFC, 0xDF, 0x65]).encoding, .windows1252)
        // A head cut in the middle of "ü" is still UTF-8.
        XCTAssertEqual(TextDecoding.sniff(Array("abc".utf8) + [0xC3]).encoding, .utf8)
    }

    func testUTF8ValidationRejectsOverlongsAndSurrogates() {
        XCTAssertFalse(TextDecoding.isValidUTF8([0xC0, 0xAF]))
        XCTAssertFalse(TextDecoding.isValidUTF8([0xED, 0xA0, 0x80]))
        XCTAssertFalse(TextDecoding.isValidUTF8([0xF4, 0x90, 0x80, 0x80]))
        XCTAssertFalse(TextDecoding.isValidUTF8([0xE2, 0x82]))
        XCTAssertTrue(TextDecoding.isValidUTF8([0xE2, 0x82], allowTruncatedEnd: true))
        XCTAssertTrue(TextDecoding.isValidUTF8(Array("€ 😀".utf8)))
    }

    func testDecodesEachEncoding() {
        XCTAssertEqual(TextDecoding.decode([0x80, 0x20, 0x9F, 0xE9], as: .windows1252), "€ Ÿé")
        XCTAssertEqual(TextDecoding.decode([0x80, 0xE9], as: .isoLatin1), "\u{80}é")
        XCTAssertEqual(TextDecoding.decode([0x43, 0x61, 0x66, 0xC3], as: .utf8), "Caf\u{FFFD}")
        XCTAssertEqual(TextDecoding.decode([0x3D, 0xD8, 0x00, 0xDE], as: .utf16LE), "😀")
        XCTAssertEqual(TextDecoding.decode([0x00, 0x41, 0x00], as: .utf16BE), "A\u{FFFD}")
        XCTAssertEqual(TextDecoding.decode(Array("plain ascii".utf8), as: .windows1252), "plain ascii")
    }

    func testEverySingleByteCodePageByteDecodesToItsScalarAfterAnASCIIPrefix() {
        let bytes: [UInt8] = Array("ab".utf8) + (0...255).map { UInt8($0) } + [0xE9, 0x41]
        let pages: [(TextEncoding, (UInt8) -> UInt32)] = [
            (.isoLatin1, { UInt32($0) }),
            (.windows1252, { $0 >= 0x80 && $0 <= 0x9F ? TextDecoding.windows1252High[Int($0 - 0x80)] : UInt32($0) }),
            (.windows1251, { $0 < 0x80 ? UInt32($0) : $0 >= 0xC0 ? 0x0410 + UInt32($0 - 0xC0) : TextDecoding.windows1251High[Int($0 - 0x80)] }),
        ]
        for (encoding, scalar) in pages {
            var expected = String.UnicodeScalarView()
            for b in bytes { expected.append(Unicode.Scalar(scalar(b))!) }
            XCTAssertEqual(TextDecoding.decode(bytes, as: encoding).unicodeScalars.map(\.value), expected.map(\.value), encoding.rawValue)
        }
        XCTAssertEqual(TextDecoding.decode([0x53, 0x74, 0x72, 0x61, 0xDF, 0x65], as: .isoLatin1), "Straße")
        XCTAssertEqual(TextDecoding.decode([0x80, 0x31, 0x9C], as: .windows1252), "€1œ")
        XCTAssertEqual(TextDecoding.decode([0xC0, 0xFF, 0xA8, 0xB9], as: .windows1251), "АяЁ№")
    }

    func testEncodingLabels() {
        XCTAssertEqual(TextDecoding.encoding(named: "1252"), .windows1252)
        XCTAssertEqual(TextDecoding.encoding(named: "ISO-8859-1"), .isoLatin1)
        XCTAssertEqual(TextDecoding.encoding(named: "utf-8"), .utf8)
        XCTAssertNil(TextDecoding.encoding(named: "KOI8-R"))
    }

    func testUTF16TranscoderHandlesSplitUnitsAndSurrogates() {
        let text = "a€😀b"
        var bytes: [UInt8] = []
        for u in text.utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        for size in 1...4 {
            var t = UTF16StreamTranscoder(bigEndian: false)
            var out: [UInt8] = []
            var i = 0
            while i < bytes.count {
                let chunk = Array(bytes[i..<min(bytes.count, i + size)])
                chunk.withUnsafeBytes { t.transcode($0, into: &out) }
                i += size
            }
            t.finish(into: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), text, "chunk size \(size)")
        }
        var lone = UTF16StreamTranscoder(bigEndian: true)
        var out: [UInt8] = []
        ([0xD8, 0x3D, 0x00, 0x41] as [UInt8]).withUnsafeBytes { lone.transcode($0, into: &out) }
        lone.finish(into: &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "\u{FFFD}A")
    }
}
