import XCTest
@testable import Formats

/// The PNG/WebP chunk walker alone: it passes other chunks by their lengths (and a WebP's pad
/// byte), keeps the wanted one and says where it was, whatever the chunk size.
final class ImageChunkWalkerTests: XCTestCase {
    private func feed(_ bytes: [UInt8], _ walker: inout ImageChunkWalker, chunkSize: Int) {
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            bytes[start..<end].withUnsafeBytes { walker.feed($0) }
            start = end
        }
    }

    func testPNGChunksArePassedByLengthAndCRCAndTheWantedOneIsKeptWithItsOffset() {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] { [0, 0, 0, UInt8(data.count)] + Array(type.utf8) + data + [1, 2, 3, 4] }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", Array(repeating: 0, count: 13))
            + chunk("eXIf", [7, 8, 9]) + chunk("IEND", [])
        for size in [1, 5, 100] {
            var walker = ImageChunkWalker(layout: .png, wanted: "eXIf", limit: 64)
            feed(png, &walker, chunkSize: size)
            XCTAssertEqual(walker.found, [7, 8, 9], "chunk \(size)")
            XCTAssertEqual(walker.foundOffset, 8 + 25 + 8, "chunk \(size)")
            XCTAssertTrue(walker.isDone)
        }
    }

    func testWebPOddChunksArePaddedAndAnOversizedWantedChunkIsReportedNotKept() {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] { Array(type.utf8) + [UInt8(data.count), 0, 0, 0] + data + (data.count % 2 == 1 ? [0] : []) }
        let head: [UInt8] = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBP".utf8)
        let webp = head + chunk("VP8 ", [1, 2, 3]) + chunk("EXIF", [4, 5, 6, 7, 8])
        var walker = ImageChunkWalker(layout: .webp, wanted: "EXIF", limit: 64)
        feed(webp, &walker, chunkSize: 3)
        XCTAssertEqual(walker.found, [4, 5, 6, 7, 8])
        XCTAssertEqual(walker.foundOffset, 12 + 12 + 8)
        var small = ImageChunkWalker(layout: .webp, wanted: "EXIF", limit: 4)
        feed(webp, &small, chunkSize: 64)
        XCTAssertNil(small.found)
        XCTAssertEqual(small.oversized, 5)
    }
}
