import FuzzSupport
import StewardCore
#if canImport(Glibc)
import Glibc
#endif
import Importers

/// libFuzzer entry point for the SQLite importers (Chrome, Firefox, Safari, WhatsApp's
/// msgstore.db): the input is written as a database image to a file in memory (/dev/shm,
/// tmpfs) and read by the importer the first byte picks, read-only and immutable as a scan
/// reads it. SQLite's own checks answer most mutations; what is fuzzed is how the importers
/// take schemas, types and values they do not expect. Thrown `ParseError`s and skipped records
/// are the expected outcome for bad input; crashes, traps and sanitizer reports are findings.
/// docs/privacy.md, "Fuzzing".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSQLite(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 1 else { return 0 }
    let importers: [any PathReadingImporter] = [ChromeHistoryImporter(), FirefoxPlacesImporter(),
                                                SafariHistoryImporter(), WhatsAppMsgstoreImporter()]
    let importer = importers[Int(start[0]) % importers.count]
    let image = UnsafeRawBufferPointer(start: start + 1, count: count - 1)
    let fd = open(imagePath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { fatalError("cannot write \(imagePath)") }
    var written = 0
    while written < image.count {
        let n = write(fd, image.baseAddress! + written, image.count - written)
        guard n > 0 else { fatalError("cannot write \(imagePath)") }
        written += n
    }
    close(fd)
    let probe = FileProbe(path: "fuzz.db", head: Array(image.prefix(FileProbe.headLength)), size: Int64(image.count), diskPath: imagePath)
    let sink = EventSink { event in eventCount &+= 1; textBytes &+= event.text?.utf8.count ?? 0 }
    _ = importer.detect(probe)
    try? importer.read(diskPath: imagePath, probe: probe, into: sink)
    return 0
}

/// One image file per fuzzing process.
let imagePath = "/dev/shm/steward-fuzz-\(getpid()).db"

/// Where what was read is counted, so reading it is not optimized away.
nonisolated(unsafe) var eventCount = 0
nonisolated(unsafe) var textBytes = 0

/// SwiftPM links an executable's entry point as `SQLiteFuzzer_main`; hand control to
/// libFuzzer's driver there (its own `main` is then never linked in).
@_cdecl("SQLiteFuzzer_main")
public func sqliteFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    let status = FuzzDriver.run(argc, argv, fuzzSQLite)
    unlink(imagePath)
    return status
}
