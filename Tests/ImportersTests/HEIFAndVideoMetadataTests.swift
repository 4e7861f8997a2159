import Foundation
import XCTest
import Archives
import Formats
@testable import Importers
@testable import StewardCore

/// HEIC photos and MP4/MOV videos built here box by box in the layouts phones write (ISO/IEC
/// 14496-12 boxes; HEIF item tables as iPhones write them; QuickTime `keys`/`ilst` metadata as
/// an iPhone's MOV carries it; `udta/©xyz` as Android's recorder writes it). No public sample
/// of either is in the shared sample set, so these fixtures are the conformance check.
final class HEIFAndVideoMetadataTests: XCTestCase {
    // MARK: building boxes

    static func u16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    static func u32(_ v: Int) -> [UInt8] { (0..<4).reversed().map { UInt8(v >> (8 * $0) & 0xFF) } }
    static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        let typeBytes: [UInt8] = type == "©xyz" ? [0xA9, 0x78, 0x79, 0x7A] : Array(type.utf8)
        return u32(8 + payload.count) + typeBytes + payload
    }
    static func fullBox(_ type: String, version: UInt8 = 0, _ payload: [UInt8]) -> [UInt8] {
        box(type, [version, 0, 0, 0] + payload)
    }
    static func ftyp(_ major: String, _ compatible: [String]) -> [UInt8] {
        box("ftyp", Array(major.utf8) + u32(0) + compatible.flatMap { Array($0.utf8) })
    }

    /// The Exif TIFF of the JPEG tests: Google Pixel, 50.0953 N 14.4267 W, 2018-07-25 14:34:20 UTC.
    static let tiff: [UInt8] = {
        let jpeg = ExifPhotoTests.photo(littleEndian: false)
        return Array(ExifPhotoParser.exifBlock(in: jpeg)!)
    }()

    /// A HEIC: ftyp, meta (hdlr, pitm, iinf with the image and the Exif item, iloc, optional
    /// idat), mdat with the Exif item first and `imageBytes` of image data after it.
    static func heic(exifInItemData: Bool = false, withExif: Bool = true, imageBytes: Int = 4096) -> [UInt8] {
        let exifItem = u32(6) + Array("Exif".utf8) + [0, 0] + tiff
        func meta(exifOffset: Int, imageOffset: Int) -> [UInt8] {
            let hdlr = fullBox("hdlr", u32(0) + Array("pict".utf8) + u32(0) + u32(0) + u32(0) + [0])
            let pitm = fullBox("pitm", u16(1))
            var entries = fullBox("infe", version: 2, u16(1) + u16(0) + Array("hvc1".utf8) + [0])
            if withExif { entries += fullBox("infe", version: 2, u16(2) + u16(0) + Array("Exif".utf8) + [0]) }
            let iinf = fullBox("iinf", u16(withExif ? 2 : 1) + entries)
            // Version 1: offset and length 4 bytes, no base offset, no index; a construction
            // method per item (0: file offsets, 1: offsets into idat).
            var items = u16(1) + u16(0) + u16(0) + u16(1) + u32(imageOffset) + u32(imageBytes)
            if withExif {
                items += u16(2) + u16(exifInItemData ? 1 : 0) + u16(0) + u16(1) + u32(exifOffset) + u32(exifItem.count)
            }
            let iloc = fullBox("iloc", version: 1, [0x44, 0x00] + u16(withExif ? 2 : 1) + items)
            let idat = exifInItemData ? box("idat", exifItem) : []
            return fullBox("meta", hdlr + pitm + iinf + iloc + idat)
        }
        let head = ftyp("heic", ["mif1", "heic"])
        let sized = meta(exifOffset: 0, imageOffset: 0)
        let mdatPayloadStart = head.count + sized.count + 8
        let inMdat = withExif && !exifInItemData
        let imageOffset = mdatPayloadStart + (inMdat ? exifItem.count : 0)
        let final = meta(exifOffset: exifInItemData ? 0 : mdatPayloadStart, imageOffset: imageOffset)
        return head + final + box("mdat", (inMdat ? exifItem : []) + Array(repeating: 0x3C, count: imageBytes))
    }

    /// An iPhone MOV: ftyp `qt  `, mdat first, then moov with mvhd, a track, and QuickTime
    /// metadata (keys + ilst) holding place, local creation date, make and model.
    static func iPhoneMOV(mediaBytes: Int = 4096) -> [UInt8] {
        let keyNames = ["com.apple.quicktime.location.ISO6709", "com.apple.quicktime.make",
                        "com.apple.quicktime.model", "com.apple.quicktime.creationdate"]
        let values = ["+48.8584+002.2945+035.000/", "Apple", "iPhone 12", "2019-06-01T10:15:00+0200"]
        let keys = fullBox("keys", u32(keyNames.count) + keyNames.flatMap { u32(8 + $0.utf8.count) + Array("mdta".utf8) + Array($0.utf8) })
        // Items are boxes whose type is the key's 1-based index; ilst listed before keys is allowed
        // but iPhones write keys first.
        let ilst = box("ilst", values.enumerated().flatMap { index, value in
            u32(8 + 16 + value.utf8.count) + u32(index + 1) + box("data", u32(1) + u32(0) + Array(value.utf8))
        })
        let hdlr = fullBox("hdlr", u32(0) + Array("mdta".utf8) + u32(0) + u32(0) + u32(0) + [0])
        let meta = box("meta", hdlr + keys + ilst)   // QuickTime: no version and flags
        // mvhd version 0: creation 2019-06-01T08:15:03Z in seconds since 1904.
        let mvhd = fullBox("mvhd", u32(1_559_376_903 + 2_082_844_800) + u32(0) + u32(600) + u32(6000) + Array(repeating: 0, count: 80))
        let trak = box("trak", box("tkhd", Array(repeating: 0, count: 84)) + box("mdia", Array(repeating: 7, count: 2000)))
        return ftyp("qt  ", ["qt  "]) + box("wide", []) + box("mdat", Array(repeating: 0x11, count: mediaBytes))
            + box("moov", mvhd + trak + meta)
    }

    /// An Android MP4: ftyp `isom`, moov first with mvhd (UTC) and udta/©xyz, then mdat.
    static func androidMP4(mediaBytes: Int = 4096, creation: Int = 1_614_834_367, position: String? = "+51.5074-000.1278/") -> [UInt8] {
        let mvhd = fullBox("mvhd", u32(creation == 0 ? 0 : creation + 2_082_844_800) + u32(0) + u32(1000) + u32(5000) + Array(repeating: 0, count: 80))
        let xyz = position.map { box("©xyz", u16($0.utf8.count) + u16(0x15C7) + Array($0.utf8)) } ?? []
        let moov = box("moov", mvhd + box("trak", Array(repeating: 1, count: 500)) + box("udta", xyz))
        return ftyp("isom", ["isom", "mp42"]) + moov + box("mdat", Array(repeating: 0x22, count: mediaBytes))
    }

    // MARK: HEIC

    func testHEICExifInMdatGivesTheSamePhotoEventAsTheJPEG() throws {
        let result = try parseAtAllChunkSizes({ HEIFPhotoParser() }, Self.heic())
        XCTAssertEqual(result.issues, [])
        let event = try XCTUnwrap(result.events.first)
        XCTAssertEqual(result.events.count, 1)
        XCTAssertEqual(event.source, "photo.exif")
        XCTAssertEqual(event.latitude!, 50 + 5.0 / 60 + 43.12 / 3600, accuracy: 1e-9)
        XCTAssertEqual(event.longitude!, -(14 + 25.0 / 60 + 36.0 / 3600), accuracy: 1e-9)
        XCTAssertEqual(event.time?.iso8601, "2018-07-25T16:34:20+02:00")
        XCTAssertEqual(event.product, "Google Pixel")
    }

    func testHEICExifInsideTheMetaBoxIsRead() throws {
        let result = try parseAtAllChunkSizes({ HEIFPhotoParser() }, Self.heic(exifInItemData: true))
        XCTAssertEqual(result.issues, [])
        XCTAssertEqual(result.events.map(\.product), ["Google Pixel"])
    }

    func testHEICWithoutAnExifItemIsSkippedWithTheReason() throws {
        let result = try parseAtAllChunkSizes({ HEIFPhotoParser() }, Self.heic(withExif: false))
        XCTAssertEqual(result.events.count, 0)
        XCTAssertEqual(result.issues, ["record 0: no Exif item in the photo"])
    }

    func testAHEICCutInsideItsMetaBoxSaysTheFileEndsBeforeTheExif() throws {
        let whole = Self.heic()
        let result = try parseAtAllChunkSizes({ HEIFPhotoParser() }, Array(whole[0..<150]))
        XCTAssertEqual(result.events.count, 0)
        XCTAssertEqual(result.issues, ["record 0: the file ends before its Exif item"])
    }

    func testABoxLongerThanItsParentIsAnErrorNamingTheByte() {
        // A meta box whose iinf claims 4 KiB inside a 40-byte meta.
        let bad = Self.ftyp("heic", ["mif1"]) + Self.u32(40) + Array("meta".utf8) + [0, 0, 0, 0] + Self.u32(4096) + Array("iinf".utf8) + Array(repeating: 0, count: 20)
        var parser = HEIFPhotoParser()
        XCTAssertThrowsError(try parser.parseAll(bad, into: EventCollector().sink)) { error in
            XCTAssertEqual("\(error)", "box 'iinf' at byte 32 runs past the end of its parent 'meta' (byte 60)")
        }
    }

    // MARK: videos

    func testIPhoneMOVGivesPlaceLocalTimeAndCameraFromItsQuickTimeMetadata() throws {
        let result = try parseAtAllChunkSizes({ VideoMetadataParser() }, Self.iPhoneMOV())
        XCTAssertEqual(result.issues, [])
        let event = try XCTUnwrap(result.events.first)
        XCTAssertEqual(result.events.count, 1)
        XCTAssertEqual(event.source, "video.metadata")
        XCTAssertEqual(event.kind, .photo)
        XCTAssertEqual(event.latitude!, 48.8584, accuracy: 1e-9)
        XCTAssertEqual(event.longitude!, 2.2945, accuracy: 1e-9)
        XCTAssertEqual(event.time?.iso8601, "2019-06-01T10:15:00+02:00", "the local creation date wins over mvhd's UTC")
        XCTAssertEqual(event.title, "Video · Apple iPhone 12")
        XCTAssertEqual(event.text, "GPS 48.858400, 2.294500")
    }

    func testAndroidMP4GivesMvhdTimeInUTCAndTheUdtaPosition() throws {
        let result = try parseAtAllChunkSizes({ VideoMetadataParser() }, Self.androidMP4())
        XCTAssertEqual(result.issues, [])
        let event = try XCTUnwrap(result.events.first)
        XCTAssertEqual(event.time?.iso8601, "2021-03-04T05:06:07Z")
        XCTAssertEqual(event.latitude!, 51.5074, accuracy: 1e-9)
        XCTAssertEqual(event.longitude!, -0.1278, accuracy: 1e-9)
        XCTAssertEqual(event.title, "Video")
    }

    func testAVideoWithNeitherTimeNorPlaceOrWithoutMoovIsSkippedWithTheReason() throws {
        let bare = try parseAtAllChunkSizes({ VideoMetadataParser() }, Self.androidMP4(creation: 0, position: nil))
        XCTAssertEqual(bare.events.count, 0)
        XCTAssertEqual(bare.issues, ["record 0: the movie box has neither a recording time nor a position"])
        let cut = Array(Self.iPhoneMOV().prefix(3000))
        let truncated = try parseAtAllChunkSizes({ VideoMetadataParser() }, cut)
        XCTAssertEqual(truncated.issues, ["record 0: no movie box (moov): the recording was cut short"])
    }

    func testISO6709AndQuickTimeDatesAreReadAsPhonesWriteThem() {
        XCTAssertEqual(VideoMetadataParser.iso6709(Array("-33.8688+151.2093/".utf8)[...])?.latitude, -33.8688)
        XCTAssertNil(VideoMetadataParser.iso6709(Array("+95.0+010.0/".utf8)[...]), "latitude beyond 90")
        XCTAssertNil(VideoMetadataParser.iso6709(Array("+00.0000+000.0000/".utf8)[...]), "0,0 is a recorder without a fix")
        XCTAssertEqual(VideoMetadataParser.quickTimeDate("2019-06-01T10:15:00-0500")?.iso8601, "2019-06-01T10:15:00-05:00")
    }

    // MARK: detection and reading

    func testDetectionTellsPhotosFromVideosByBrand() {
        func detect(_ bytes: [UInt8]) -> String? {
            if case .success(let found) = ImporterRegistry.detect(FileProbe(path: "/in/x", head: Array(bytes.prefix(FileProbe.headLength)), size: nil)) {
                return found.importer.id
            }
            return nil
        }
        XCTAssertEqual(detect(Self.heic()), "photo.exif")
        XCTAssertEqual(detect(Self.iPhoneMOV()), "video.metadata")
        XCTAssertEqual(detect(Self.androidMP4()), "video.metadata")
    }

    func testTheReaderStopsOnceAHEICsExifOrAVideosLeadingMoovIsRead() {
        for (name, bytes, expected) in [("IMG_0001.HEIC", Self.heic(imageBytes: 3 << 20), "photo.exif"),
                                        ("VID_0001.mp4", Self.androidMP4(mediaBytes: 3 << 20), "video.metadata")] {
            let source = ExifPhotoTests.CountingSource(bytes, displayPath: "/in/" + name)
            let delegate = RecordingDelegate()
            ExportReader().read(source: source, diskPath: nil, modified: nil, depth: 0, delegate: delegate)
            XCTAssertEqual(delegate.events.map(\.1.source), [expected], name)
            XCTAssertEqual(source.streamed, 64 * 1024, "\(name): the sniffed head, then one chunk")
        }
    }
}
