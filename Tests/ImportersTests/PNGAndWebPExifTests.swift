import Foundation
import XCTest
import Archives
import Formats
@testable import Importers
@testable import StewardCore

/// PNG (`eXIf` chunk, PNG 1.5 / Exif 2.32) and WebP (RIFF `VP8X` with its Exif flag, `EXIF`
/// chunk after the image data, as libwebp's tools write it) built here chunk by chunk.
final class PNGAndWebPExifTests: XCTestCase {
    static let tiff = HEIFAndVideoMetadataTests.tiff

    static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        // The CRC is not checked by steward; a fixed value stands in for it.
        HEIFAndVideoMetadataTests.u32(data.count) + Array(type.utf8) + data + [0xDE, 0xAD, 0xBE, 0xEF]
    }

    static func png(exif: Bool = true, imageBytes: Int = 4096) -> [UInt8] {
        let ihdr = pngChunk("IHDR", HEIFAndVideoMetadataTests.u32(640) + HEIFAndVideoMetadataTests.u32(480) + [8, 2, 0, 0, 0])
        return ExifPhotoImporter.pngSignature + ihdr + (exif ? pngChunk("eXIf", tiff) : [])
            + pngChunk("IDAT", Array(repeating: 0x78, count: imageBytes)) + pngChunk("IEND", [])
    }

    static func webpChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let n = data.count
        return Array(type.utf8) + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + data + (n % 2 == 1 ? [0] : [])
    }

    static func webp(exifPrefix: Bool = false, imageBytes: Int = 4097) -> [UInt8] {
        // VP8X: flags (0x08 = Exif), 3 reserved bytes, canvas width-1 and height-1 (24 bits each).
        let vp8x = webpChunk("VP8X", [0x08, 0, 0, 0] + [0x7F, 0x02, 0x00, 0xDF, 0x01, 0x00])
        let body = vp8x + webpChunk("VP8 ", Array(repeating: 0x9D, count: imageBytes))
            + webpChunk("EXIF", (exifPrefix ? Array("Exif".utf8) + [0, 0] : []) + tiff)
        let size = body.count + 4
        return Array("RIFF".utf8) + [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)]
            + Array("WEBP".utf8) + body
    }

    func testPNGExifChunkGivesThePhotoEvent() throws {
        let result = try parseAtAllChunkSizes({ ImageChunkExifParser(layout: .png) }, Self.png())
        XCTAssertEqual(result.issues, [])
        let event = try XCTUnwrap(result.events.first)
        XCTAssertEqual(result.events.count, 1)
        XCTAssertEqual(event.source, "photo.exif")
        XCTAssertEqual(event.product, "Google Pixel")
        XCTAssertEqual(event.time?.iso8601, "2018-07-25T16:34:20+02:00")
        XCTAssertEqual(event.latitude!, 50 + 5.0 / 60 + 43.12 / 3600, accuracy: 1e-9)
    }

    func testWebPExifChunkAfterTheImageIsReadWithOrWithoutJPEGsPrefix() throws {
        for prefix in [false, true] {
            let result = try parseAtAllChunkSizes({ ImageChunkExifParser(layout: .webp) }, Self.webp(exifPrefix: prefix))
            XCTAssertEqual(result.issues, [], "prefix \(prefix)")
            XCTAssertEqual(result.events.map(\.product), ["Google Pixel"], "prefix \(prefix)")
        }
    }

    func testAPNGWithoutExifIsNotClaimedAndAWebPWithoutTheChunkIsSkippedWithTheReason() throws {
        XCTAssertNil(ExifPhotoImporter().detect(FileProbe(path: "/in/Screenshot.png", head: Self.png(exif: false), size: nil)))
        XCTAssertNotNil(ExifPhotoImporter().detect(FileProbe(path: "/in/photo.png", head: Self.png(), size: nil)))
        XCTAssertNotNil(ExifPhotoImporter().detect(FileProbe(path: "/in/photo.webp", head: Self.webp(), size: nil)))
        // The flag says Exif, the file ends without the chunk.
        let cut = Array(Self.webp().prefix(2000))
        let result = try parseAtAllChunkSizes({ ImageChunkExifParser(layout: .webp) }, cut)
        XCTAssertEqual(result.issues, ["record 0: no Exif chunk in the image"])
    }

    func testTheReaderStopsAfterAPNGsExifChunk() {
        let source = ExifPhotoTests.CountingSource(Self.png(imageBytes: 3 << 20), displayPath: "/in/IMG_0001.png")
        let delegate = RecordingDelegate()
        ExportReader().read(source: source, diskPath: nil, modified: nil, depth: 0, delegate: delegate)
        XCTAssertEqual(delegate.events.map(\.1.source), ["photo.exif"])
        XCTAssertEqual(source.streamed, 64 * 1024)
    }
}
