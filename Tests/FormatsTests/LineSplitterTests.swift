import XCTest
@testable import Formats
import StewardCore

/// `LineSplitter` passes over eight bytes at a time when none is a line break; these tests hold
/// it to the definition: a line ends at LF, CR or CRLF (also split across chunks), and a line
/// longer than the limit is cut.
final class LineSplitterTests: XCTestCase {
    private struct Line: Equatable { var bytes: [UInt8]; var number: Int; var cut: Bool }

    private func split(_ bytes: [UInt8], chunkSize: Int, maxLineLength: Int) throws -> [Line] {
        var splitter = LineSplitter(maxLineLength: maxLineLength)
        var lines: [Line] = []
        var i = 0
        while i < bytes.count {
            let end = min(bytes.count, i + chunkSize)
            // A buffer of the chunk's own size, so reading past it would be caught by sanitizers.
            let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: end - i, alignment: 1)
            defer { chunk.deallocate() }
            chunk.copyBytes(from: bytes[i..<end])
            try splitter.feed(UnsafeRawBufferPointer(chunk)) { line, number, cut in
                lines.append(Line(bytes: Array(line), number: number, cut: cut))
            }
            i = end
        }
        try splitter.finish { line, number, cut in lines.append(Line(bytes: Array(line), number: number, cut: cut)) }
        return lines
    }

    /// The lines by definition, one byte at a time.
    private func expectedLines(_ bytes: [UInt8], maxLineLength: Int) -> [Line] {
        var lines: [Line] = []
        var current: [UInt8] = []
        var cut = false
        var i = 0
        func close() {
            lines.append(Line(bytes: current, number: lines.count + 1, cut: cut))
            current = []
            cut = false
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                close()
                if b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            } else if current.count < maxLineLength {
                current.append(b)
            } else {
                cut = true
            }
            i += 1
        }
        if !current.isEmpty || cut { close() }
        return lines
    }

    func testEveryWordHoldingALineBreakIsRecognisedWhereverTheBreakLies() {
        for position in 0..<8 {
            for breakByte in [UInt8(0x0A), 0x0D] {
                var bytes = [UInt8](repeating: 0x41, count: 8)
                bytes[position] = breakByte
                let word = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
                XCTAssertTrue(LineSplitter.holdsLineBreak(word), "break \(breakByte) at \(position)")
            }
        }
        // Bytes next to LF and CR, and bytes whose high bit is set, are not breaks.
        for byte: UInt8 in [0x00, 0x09, 0x0B, 0x0C, 0x0E, 0x8A, 0x8D, 0xFF, 0x20] {
            let word = UInt64(byte) &* 0x0101_0101_0101_0101
            XCTAssertFalse(LineSplitter.holdsLineBreak(word), "byte \(byte)")
        }
    }

    func testLinesSplitAtLFCRAndCRLFAtAnyChunkSizeMatchTheDefinition() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("abcdefgh ,.é".utf8) + [0x0A, 0x0D, 0x0D, 0x0A, 0xE2, 0x80, 0x94]
        for _ in 0..<400 {
            let length = Int.random(in: 0..<120, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            let limit = [4, 9, 64, 1 << 20].randomElement(using: &generator)!
            let expected = expectedLines(bytes, maxLineLength: limit)
            for chunkSize in [1, 3, 7, 8, 9, 16, 200] {
                XCTAssertEqual(try split(bytes, chunkSize: chunkSize, maxLineLength: limit), expected,
                               "chunk size \(chunkSize), limit \(limit), bytes \(bytes)")
            }
        }
    }

    func testLongLinesWithoutBreaksAreCutAtTheLimitAndNumbered() throws {
        let bytes = Array(String(repeating: "x", count: 100).utf8) + [0x0D, 0x0A] + Array("short".utf8) + [0x0A]
        let lines = try split(bytes, chunkSize: 33, maxLineLength: 40)
        XCTAssertEqual(lines, [Line(bytes: Array(repeating: 0x78, count: 40), number: 1, cut: true),
                               Line(bytes: Array("short".utf8), number: 2, cut: false)])
    }
}
