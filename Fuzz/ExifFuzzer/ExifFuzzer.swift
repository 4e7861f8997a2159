import FuzzSupport
import StewardCore
import Importers

/// libFuzzer entry point for the photo path: `ExifPhotoParser` (JPEG segments, then the Exif
/// TIFF block: IFD0, the Exif and GPS IFDs, rationals, offsets) fed in chunks, the first byte
/// picking the chunk size. Thrown `ParseError`s and skipped records are the expected outcome
/// for bad input; crashes, traps and sanitizer reports are findings. docs/privacy.md, "Fuzzing".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExif(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let chunkSize = Int(start[0]) * 4 + 1
    let input = Array(UnsafeBufferPointer(start: start + 1, count: count - 1))
    var parser = ExifPhotoParser()
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
