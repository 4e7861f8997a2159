import Foundation
import XCTest
import Archives
@testable import Importers
@testable import StewardCore

/// JPEG Exif built here byte by byte in the real layout (SOI, APP0 JFIF, APP1 `Exif\0\0` +
/// TIFF with IFD0 → Exif IFD and GPS IFD), in both TIFF byte orders.
final class ExifPhotoTests: XCTestCase {
    /// One IFD entry to write: tag, type and the value bytes (already in file byte order).
    struct Field { var tag: UInt16; var type: UInt16; var count: UInt32; var data: [UInt8] }

    /// A TIFF block with IFD0 = `ifd0` plus pointers to an Exif IFD and a GPS IFD when given.
    static func tiff(littleEndian: Bool, ifd0: [Field], exif: [Field]?, gps: [Field]?, badGPSPointer: Bool = false) -> [UInt8] {
        func u16(_ v: UInt16) -> [UInt8] { littleEndian ? [UInt8(v & 0xFF), UInt8(v >> 8)] : [UInt8(v >> 8), UInt8(v & 0xFF)] }
        func u32(_ v: UInt32) -> [UInt8] { littleEndian ? (0..<4).map { UInt8(v >> (8 * $0) & 0xFF) } : (0..<4).reversed().map { UInt8(v >> (8 * $0) & 0xFF) } }
        var out: [UInt8] = littleEndian ? [0x49, 0x49] : [0x4D, 0x4D]
        out += u16(42) + u32(8)
        // Layout: IFD0 at 8, then Exif IFD, then GPS IFD, then a data area for long values.
        func size(_ n: Int) -> Int { 2 + 12 * n + 4 }
        var ifd0 = ifd0
        if exif != nil { ifd0.append(Field(tag: 0x8769, type: 4, count: 1, data: [])) }
        if gps != nil { ifd0.append(Field(tag: 0x8825, type: 4, count: 1, data: [])) }
        let exifAt = 8 + size(ifd0.count)
        let gpsAt = exifAt + (exif.map { size($0.count) } ?? 0)
        var dataAt = gpsAt + (gps.map { size($0.count) } ?? 0)
        var data: [UInt8] = []
        func write(_ fields: [Field]) -> [UInt8] {
            var block = u16(UInt16(fields.count))
            for f in fields {
                block += u16(f.tag) + u16(f.type) + u32(f.count)
                if f.tag == 0x8769 { block += u32(UInt32(exifAt)) }
                else if f.tag == 0x8825 { block += u32(badGPSPointer ? 0xFFFF_FF00 : UInt32(gpsAt)) }
                else if f.data.count <= 4 { block += f.data + Array(repeating: 0, count: 4 - f.data.count) }
                else { block += u32(UInt32(dataAt)); data += f.data; dataAt += f.data.count }
            }
            return block + u32(0)
        }
        out += write(ifd0)
        if let exif { out += write(exif) }
        if let gps { out += write(gps) }
        return out + data
    }

    static func ascii(_ tag: UInt16, _ text: String) -> Field {
        let bytes = Array(text.utf8) + [0]
        return Field(tag: tag, type: 2, count: UInt32(bytes.count), data: bytes)
    }

    static func rationals(_ tag: UInt16, _ values: [(UInt32, UInt32)], littleEndian: Bool) -> Field {
        func u32(_ v: UInt32) -> [UInt8] { littleEndian ? (0..<4).map { UInt8(v >> (8 * $0) & 0xFF) } : (0..<4).reversed().map { UInt8(v >> (8 * $0) & 0xFF) } }
        return Field(tag: tag, type: 5, count: UInt32(values.count), data: values.flatMap { u32($0.0) + u32($0.1) })
    }

    static func jpeg(_ tiff: [UInt8]) -> [UInt8] {
        let app0: [UInt8] = [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 0x48, 0, 0x48, 0, 0]
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        let app1: [UInt8] = [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        // Scan data after SOS is never read: 200 KiB of it proves the head bound.
        return [0xFF, 0xD8] + app0 + app1 + [0xFF, 0xDA, 0x00, 0x02] + Array(repeating: 0x55, count: 200 * 1024) + [0xFF, 0xD9]
    }

    static func photo(littleEndian: Bool, gps: Bool = true, offsetTime: String? = nil, badGPSPointer: Bool = false) -> [UInt8] {
        var exif = [ascii(0x9003, "2018:07:25 16:34:23")]
        if let offsetTime { exif.append(ascii(0x9011, offsetTime)) }
        let gpsFields: [Field] = [
            ascii(0x0001, "N"),
            rationals(0x0002, [(50, 1), (5, 1), (4_312, 100)], littleEndian: littleEndian),  // 50° 5' 43.12"
            ascii(0x0003, "W"),
            rationals(0x0004, [(14, 1), (25, 1), (3_600, 100)], littleEndian: littleEndian),  // 14° 25' 36"
            rationals(0x0007, [(14, 1), (34, 1), (20, 1)], littleEndian: littleEndian),
            ascii(0x001D, "2018:07:25"),
        ]
        return jpeg(tiff(littleEndian: littleEndian, ifd0: [ascii(0x010F, "Google"), ascii(0x0110, "Pixel")],
                         exif: exif, gps: gps ? gpsFields : nil, badGPSPointer: badGPSPointer))
    }

    func testLittleAndBigEndianGPSAndTime() throws {
        for littleEndian in [true, false] {
            let result = try parseAtAllChunkSizes({ ExifPhotoParser() }, Self.photo(littleEndian: littleEndian))
            XCTAssertEqual(result.events.count, 1)
            let e = try XCTUnwrap(result.events.first)
            XCTAssertEqual(e.source, "photo.exif")
            XCTAssertEqual(e.kind, .photo)
            XCTAssertEqual(e.latitude!, 50 + 5.0 / 60 + 43.12 / 3600, accuracy: 1e-9)
            XCTAssertEqual(e.longitude!, -(14 + 25.0 / 60 + 36.0 / 3600), accuracy: 1e-9, "W is negative")
            // GPS says 14:34:20 UTC, the camera's clock 16:34:23: UTC+2.
            XCTAssertEqual(e.time?.iso8601, "2018-07-25T16:34:20+02:00")
            XCTAssertEqual(e.product, "Google Pixel")
        }
    }

    func testWithoutGPSTheLocalClockIsKept() throws {
        let plain = try parseAtAllChunkSizes({ ExifPhotoParser() }, Self.photo(littleEndian: true, gps: false))
        XCTAssertNil(plain.events.first?.latitude)
        XCTAssertEqual(plain.events.first?.time?.iso8601, "2018-07-25T16:34:23", "no zone known: no designator")
        let zoned = try parseAtAllChunkSizes({ ExifPhotoParser() }, Self.photo(littleEndian: false, gps: false, offsetTime: "-05:00"))
        XCTAssertEqual(zoned.events.first?.time?.iso8601, "2018-07-25T16:34:23-05:00")
    }

    func testCorruptOffsetsPointingOutsideTheBlock() throws {
        let result = try parseAtAllChunkSizes({ ExifPhotoParser() }, Self.photo(littleEndian: true, badGPSPointer: true))
        XCTAssertEqual(result.events.count, 1, "the date still makes a photo event")
        XCTAssertNil(result.events.first?.latitude)
        XCTAssertTrue(result.issues.contains { $0.contains("GPS IFD offset points outside") })

        // IFD0 offset far outside, and a rational whose data offset is past the end.
        var broken = Self.tiff(littleEndian: true, ifd0: [Self.ascii(0x0110, "X")], exif: nil, gps: nil)
        broken[4] = 0xF0; broken[5] = 0xFF
        let r1 = try parseAtAllChunkSizes({ ExifPhotoParser() }, Self.jpeg(broken))
        XCTAssertEqual(r1.events.count, 0)
        XCTAssertEqual(r1.skipped, 1)
        let reader = try XCTUnwrap(ExifTIFFReader(Self.tiff(littleEndian: false, ifd0: [], exif: nil, gps: nil)[...]))
        XCTAssertNil(reader.rational(ExifTIFFReader.Entry(tag: 2, type: 5, count: 3, fieldOffset: 4), 0))
        XCTAssertNil(reader.entries(at: 1_000_000))
        XCTAssertNil(ExifTIFFReader(Array("II*".utf8)[...]))
    }

    func testDetectionAndTheRealSampleShape() {
        let importer = ExifPhotoImporter()
        XCTAssertNotNil(importer.detect(FileProbe(path: "DCIM/IMG_1.JPG", head: Array(Self.photo(littleEndian: true).prefix(64 * 1024)), size: nil)))
        XCTAssertNil(importer.detect(FileProbe(path: "x.jpg", head: [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10] + Array("JFIF".utf8) + Array(repeating: 0, count: 10) + [0xFF, 0xDA], size: nil)),
                     "a JPEG without Exif is not claimed")
        XCTAssertNil(importer.detect(FileProbe(path: "x.png", head: [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0, 0, 0, 0, 0], size: nil)))
        var parser = ExifPhotoParser()
        XCTAssertThrowsError(try parser.parseAll(Array("not a jpeg".utf8), into: EventCollector().sink))
    }

    /// The real Google Pixel sample of the sample corpus (docs/architecture.md, "Sample exports"), when present.
    func testRealPixelSample() throws {
        let path = ImporterRegistryTests.packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/samples/exif-gps-jpeg/IMG_20180725_163423-tiny.jpg").path
        guard let data = FileManager.default.contents(atPath: path) else { throw XCTSkip("sample absent: \(path)") }
        let result = try parseAtAllChunkSizes({ ExifPhotoParser() }, [UInt8](data))
        let e = try XCTUnwrap(result.events.first)
        XCTAssertEqual(e.latitude ?? 0, 50.299602, accuracy: 1e-6)
        XCTAssertEqual(e.longitude ?? 0, 14.820294, accuracy: 1e-6)
        // GPS time (UTC) with the camera clock's offset: Central European Summer Time.
        XCTAssertEqual(e.time?.iso8601, "2018-07-25T16:34:23+02:00")
        XCTAssertEqual(e.product, "Google Pixel")
    }

    /// Bytes in 64 KiB chunks, counting what the reader asked for.
    final class CountingSource: ByteSource {
        let bytes: [UInt8]
        let displayPath: String
        private(set) var streamed = 0
        var size: Int64? { Int64(bytes.count) }
        init(_ bytes: [UInt8], displayPath: String) { self.bytes = bytes; self.displayPath = displayPath }
        func stream(_ body: (UnsafeRawBufferPointer) throws -> StreamControl) throws {
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + 64 * 1024)
                streamed = end
                if try bytes[offset..<end].withUnsafeBytes({ try body($0) }) == .stop { return }
                offset = end
            }
        }
    }

    func testTheReaderStopsStreamingAPhotoOnceItsExifIsRead() throws {
        // A 4 MiB photo: Exif in its first kilobytes, then image data.
        let photo = Self.photo(littleEndian: true) + Array(repeating: 0x55, count: 4 << 20)
        let source = CountingSource(photo, displayPath: "/in/IMG_0001.jpg")
        let delegate = RecordingDelegate()
        ExportReader(importers: [ExifPhotoImporter()]).read(source: source, diskPath: nil, modified: nil, depth: 0, delegate: delegate)
        XCTAssertEqual(delegate.events.count, 1)
        XCTAssertEqual(delegate.inputs.first?.errors, [])
        // The 64 KiB the reader sniffs, then the first chunk the parser is fed.
        XCTAssertEqual(source.streamed, 64 * 1024)
    }
}
