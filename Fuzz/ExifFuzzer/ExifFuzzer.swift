import FuzzSupport
import StewardCore
import Importers

/// libFuzzer entry point for the photo and video path, fed in chunks, the first byte picking the
/// chunk size: a JPEG goes to `ExifPhotoParser` (JPEG segments, then the Exif TIFF block: IFD0,
/// the Exif and GPS IFDs, rationals, offsets), a file with a HEIF `ftyp` to `HEIFPhotoParser`
/// (ISO base media boxes, the iinf/iloc item tables, the Exif item), a PNG or WebP to
/// `ImageChunkExifParser` (chunks, the Exif chunk), anything else to
/// `HEIFPhotoParser` or `VideoMetadataParser` (moov, mvhd, QuickTime keys/ilst, udta/©xyz) by
/// the first byte's lowest bit. Thrown `ParseError`s and skipped records are the expected
/// outcome for bad input; crashes, traps and sanitizer reports are findings. docs/privacy.md,
/// "Fuzzing".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExif(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let chunkSize = Int(start[0]) * 4 + 1
    let input = Array(UnsafeBufferPointer(start: start + 1, count: count - 1))
    // A recognized photo gets the parser a scan would give it; anything else one of the two
    // box readers, so damaged HEICs and videos are fuzzed as well as damaged JPEGs.
    let probe = FileProbe(path: "IMG_0001", head: Array(input.prefix(64 * 1024)), size: Int64(input.count))
    let photos = ExifPhotoImporter()
    var parser: any ExportParser
    if input.starts(with: [0xFF, 0xD8]) || photos.detect(probe) != nil {
        parser = photos.makeParser(for: probe)
    } else {
        parser = start[0] & 1 == 0 ? HEIFPhotoParser() : VideoMetadataParser()
    }
    let sink = EventSink { event in
        eventCount &+= 1
        if let latitude = event.latitude, latitude.isNaN { fatalError("NaN latitude delivered") }
        if let longitude = event.longitude, longitude.isNaN { fatalError("NaN longitude delivered") }
    }
    try? parser.parseAll(input, chunkSize: chunkSize, into: sink)
    return 0
}

/// Where what was read is counted, so reading it is not optimized away.
nonisolated(unsafe) var eventCount = 0

/// SwiftPM links an executable's entry point as `ExifFuzzer_main`; hand control to libFuzzer's
/// driver there (its own `main` is then never linked in).
@_cdecl("ExifFuzzer_main")
public func exifFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzExif)
}
