import FuzzSupport
import StewardCore
import Importers
import Formats

/// libFuzzer entry point for the streaming JSON path every JSON importer uses: the input is
/// fed to `JSONArraySplitter` in chunks (the first byte picks the chunk size and whether the
/// array sits under a key), and every element it delivers is parsed with `JSONValueParser`,
/// as `JSONRecordDelivery` does. Crashes, traps and sanitizer reports are findings; errors
/// thrown as `ParseError` are the expected outcome for bad input. docs/privacy.md, "Fuzzing".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let control = start[0]
    let chunkSize = Int(control & 0x7F) + 1
    let input = UnsafeRawBufferPointer(start: start + 1, count: count - 1)
    var splitter = JSONArraySplitter(arrayPath: control & 0x80 != 0 ? ["messages"] : [],
                                     maxElementBytes: 1 << 16, maxDepth: 64)
    let deliver: (JSONArraySplitter.Output) throws(ParseError) -> Void = { output in
        if case .element(_, let bytes) = output {
            _ = try? JSONValueParser.parse(bytes, maxDepth: 64)
            _ = try? JSONValueParser.parse(bytes, maxDepth: 64, onlyKeys: ["time", "title"])
        }
    }
    var offset = 0
    do throws(ParseError) {
        while offset < input.count {
            let end = min(input.count, offset + chunkSize)
            try splitter.feed(UnsafeRawBufferPointer(rebasing: input[offset..<end]), deliver)
            offset = end
        }
        try splitter.finish(deliver)
    } catch {
        return 0
    }
    return 0
}

/// SwiftPM links an executable's entry point as `JSONFuzzer_main`; hand control to libFuzzer's
/// driver there (its own `main` is then never linked in).
@_cdecl("JSONFuzzer_main")
public func jsonFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzJSON)
}
