import FuzzSupport
import StewardCore
import Importers
import Formats

/// libFuzzer entry point for `CSVRecordReader`, the tokenizer under every CSV importer: the
/// first byte picks the delimiter and the chunk size, the rest is fed in chunks and every
/// field of every record is read back. docs/privacy.md, "Fuzzing".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let control = start[0]
    let delimiters: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]
    let chunkSize = Int(control >> 2) + 1
    let input = UnsafeBufferPointer(start: start + 1, count: count - 1)
    var reader = CSVRecordReader(delimiter: delimiters[Int(control & 0x03)], maxRecordBytes: 1 << 14, maxFields: 256)
    let visit: (CSVRecord) throws(ParseError) -> Void = { record in
        for index in 0..<record.count { fieldBytes &+= record[index].count }
        _ = record.isBlank
    }
    var offset = 0
    do throws(ParseError) {
        while offset < input.count {
            let end = min(input.count, offset + chunkSize)
            try reader.feed(UnsafeBufferPointer(rebasing: input[offset..<end]), visit)
            offset = end
        }
        try reader.finish(visit)
    } catch {
        return 0
    }
    return 0
}

/// Where the fields read are counted, so reading them is not optimized away.
nonisolated(unsafe) var fieldBytes = 0

/// SwiftPM links an executable's entry point as `CSVFuzzer_main`; hand control to libFuzzer's
/// driver there (its own `main` is then never linked in).
@_cdecl("CSVFuzzer_main")
public func csvFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzCSV)
}
