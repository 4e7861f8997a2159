import FuzzSupport
import StewardCore
import Formats
import Importers

/// libFuzzer entry point for Garmin's FIT protocol: `FITReader` over the input whole and in
/// chunks of 1–256 bytes (the first byte picks the size) — messages and problems that depend on
/// where the chunks are cut are a finding — then `FITActivityParser` on the same chunks.
/// Problems and skipped records are the expected outcome for bad input; crashes, traps and
/// sanitizer reports are findings. docs/privacy.md, "Fuzzing".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFIT(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let chunkSize = Int(start[0]) + 1
    let input = Array(UnsafeBufferPointer(start: start + 1, count: count - 1))
    let whole = decode(input, chunkSize: max(1, input.count))
    let chunked = decode(input, chunkSize: chunkSize)
    if whole != chunked { fatalError("FIT messages depend on chunk boundaries (chunk size \(chunkSize))") }
    var parser = FITActivityParser()
    let sink = EventSink { event in
        eventCount &+= 1
        if let latitude = event.latitude, !(-90...90).contains(latitude) { fatalError("latitude out of range delivered") }
        if let longitude = event.longitude, !(-180...180).contains(longitude) { fatalError("longitude out of range delivered") }
    }
    try? parser.parseAll(input, chunkSize: chunkSize, into: sink)
    return 0
}

/// Every output of the reader as text, so two runs can be compared.
private func decode(_ input: [UInt8], chunkSize: Int) -> [String] {
    var reader = FITReader()
    var out: [String] = []
    let record: (FITReader.Output) -> Void = {
        switch $0 {
        case .message(let m): out.append("\(m.global) \(m.index) \(m.offset) \(String(describing: m.timestamp)) \(m.fields.map { "\($0.number)=\(String(describing: $0.value))" })")
        case .problem(let p): out.append(p.description)
        }
    }
    var at = 0
    while at < input.count {
        let end = min(input.count, at + chunkSize)
        input[at..<end].withUnsafeBytes { reader.feed($0, record) }
        at = end
    }
    reader.finish(record)
    return out
}

/// Where what was read is counted, so reading it is not optimized away.
nonisolated(unsafe) var eventCount = 0

/// SwiftPM links an executable's entry point as `FITFuzzer_main`; hand control to libFuzzer's
/// driver there (its own `main` is then never linked in).
@_cdecl("FITFuzzer_main")
public func fitFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzFIT)
}
