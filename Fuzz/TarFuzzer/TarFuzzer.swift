import FuzzSupport
@testable import Archives

/// libFuzzer entry point for the .tar/.tgz path: `TarStreamReader` fed in chunks (the first
/// byte picks the chunk size and whether the input is first inflated by `GzipInflater`, as a
/// .tgz is), every member's entry and data read to its end, output capped at 8 MiB per input so
/// a small gzip bomb costs bounded time. Thrown failures are the expected outcome for bad
/// input; crashes, traps and sanitizer reports are findings. docs/privacy.md, "Fuzzing".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTar(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let control = start[0]
    let chunkSize = Int(control & 0x7F) * 8 + 1
    let input = UnsafeRawBufferPointer(start: start + 1, count: count - 1)
    var reader = TarStreamReader()
    var produced = 0
    let visit: (TarStreamReader.Output) throws -> Void = { output in
        switch output {
        case .begin(let entry): nameBytes &+= entry.path.utf8.count &+ Int(truncatingIfNeeded: entry.size)
        case .data(let bytes): dataBytes &+= bytes.count
        case .end: break
        }
    }
    do {
        if control & 0x80 != 0 {
            let inflater = try GzipInflater(outputSize: 4096)
            var offset = 0
            while offset < input.count {
                let end = min(input.count, offset + chunkSize)
                try inflater.feed(UnsafeRawBufferPointer(rebasing: input[offset..<end])) { out in
                    produced += out.count
                    try reader.feed(out, visit)
                    return produced < 8 << 20
                }
                offset = end
            }
        } else {
            var offset = 0
            while offset < input.count {
                let end = min(input.count, offset + chunkSize)
                try reader.feed(UnsafeRawBufferPointer(rebasing: input[offset..<end]), visit)
                offset = end
            }
        }
        _ = reader.ended
        _ = reader.insideMember
    } catch {
        return 0
    }
    return 0
}

/// Where what was read is counted, so reading it is not optimized away.
nonisolated(unsafe) var nameBytes = 0
nonisolated(unsafe) var dataBytes = 0

/// SwiftPM links an executable's entry point as `TarFuzzer_main`; hand control to libFuzzer's
/// driver there (its own `main` is then never linked in).
@_cdecl("TarFuzzer_main")
public func tarFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzTar)
}
