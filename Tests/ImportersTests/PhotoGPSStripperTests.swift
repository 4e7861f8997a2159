import Foundation
import XCTest
import Archives
import StewardCore
@testable import Importers

/// `steward redact --strip-gps` (docs/redact.md): the GPS IFD of a JPEG's Exif is emptied and
/// its values zeroed, in both byte orders; the date, the camera and the image bytes stay.
final class PhotoGPSStripperTests: XCTestCase {
    /// Writes `original` as `name` in `folder`, strips its GPS into `copy-<name>`, and reads the
    /// copy back: its bytes and its one photo event.
    private func stripAndRead(_ original: [UInt8], name: String, in folder: String,
                              parser makeParser: () -> any ExportParser) throws -> ([UInt8], Event) {
        let path = folder + "/" + name, copy = folder + "/copy-" + name
        try Data(original).write(to: URL(fileURLWithPath: path))
        let edits = try XCTUnwrap(try PhotoGPSStripper.edits(path: path), name)
        try ByteEdits.copy(path, to: copy, edits: edits)
        let stripped = [UInt8](try Data(contentsOf: URL(fileURLWithPath: copy)))
        XCTAssertEqual(stripped.count, original.count, "\(name): no offset moves")
        let collector = EventCollector()
        var parser = makeParser()
        try parser.parseAll(stripped, into: collector.sink)
        return (stripped, try XCTUnwrap(collector.events.first, name))
    }

    func testGPSGoesAndEverythingElseStays() throws {
        let folder = NSTemporaryDirectory() + "/gps-strip-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for littleEndian in [true, false] {
            let original = ExifPhotoTests.photo(littleEndian: littleEndian)
            let copy = folder + "/copy-photo-\(littleEndian).jpg"
            let (stripped, event) = try stripAndRead(original, name: "photo-\(littleEndian).jpg", in: folder) { ExifPhotoParser() }
            XCTAssertNil(event.latitude)
            XCTAssertNil(event.longitude)
            XCTAssertEqual(event.time?.iso8601, "2018-07-25T16:34:23", "the camera's clock stays")
            XCTAssertEqual(event.product, "Google Pixel")
            // Changed bytes lie inside the APP1 segment only; the image data is untouched.
            let app1End = 2 + 18 + 4 + (Int(original[2 + 18 + 2]) << 8 | Int(original[2 + 18 + 3])) - 2
            let changed = zip(original, stripped).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
            XCTAssertFalse(changed.isEmpty)
            XCTAssertTrue(changed.allSatisfy { $0 > 2 + 18 && $0 < app1End }, "\(changed.prefix(5))")
            // Stripping the copy again finds an empty GPS IFD: nothing but zeros to write.
            let again = try XCTUnwrap(try PhotoGPSStripper.edits(path: copy))
            XCTAssertTrue(again.allSatisfy { edit in (edit.start..<edit.end).allSatisfy { stripped[Int($0)] == 0 } })
        }
        let plain = folder + "/plain.jpg"
        try Data(ExifPhotoTests.photo(littleEndian: true, gps: false)).write(to: URL(fileURLWithPath: plain))
        XCTAssertNil(try PhotoGPSStripper.edits(path: plain), "no GPS IFD: nothing to strip")
    }

    func testHEICPNGAndWebPLoseTheirGPSInPlaceAndKeepEverythingElse() throws {
        let folder = NSTemporaryDirectory() + "/gps-strip-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let photos: [(String, [UInt8], () -> any ExportParser)] = [
            ("IMG_0001.HEIC", HEIFAndVideoMetadataTests.heic(), { HEIFPhotoParser() }),
            ("IMG_0002.png", PNGAndWebPExifTests.png(), { ImageChunkExifParser(layout: .png) }),
            ("IMG_0003.webp", PNGAndWebPExifTests.webp(exifPrefix: true), { ImageChunkExifParser(layout: .webp) }),
        ]
        for (name, original, makeParser) in photos {
            let (_, event) = try stripAndRead(original, name: name, in: folder, parser: makeParser)
            XCTAssertNil(event.latitude, name)
            XCTAssertEqual(event.time?.iso8601, "2018-07-25T16:34:23", "\(name): the camera's clock stays")
            XCTAssertEqual(event.product, "Google Pixel", name)
        }
        // The PNG's Exif chunk carries a CRC-32 that matches its new data.
        let png = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/copy-IMG_0002.png")))
        let exifAt = try XCTUnwrap((0..<(png.count - 4)).first { png[$0..<($0 + 4)].elementsEqual(Array("eXIf".utf8)) })
        let length = png[(exifAt - 4)..<exifAt].reduce(0) { $0 << 8 | Int($1) }
        let data = Array(png[(exifAt + 4)..<(exifAt + 4 + length)])
        let stored = png[(exifAt + 4 + length)..<(exifAt + 8 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        XCTAssertEqual(stored, CRC32.of(Array("eXIf".utf8), data))
    }
}
