import FuzzSupport
import StewardCore
@testable import Importers

/// libFuzzer entry point for the typedstream decoder the iMessage importer runs on every
/// `attributedBody` blob (`IMessageAttributedBody`): the input is the blob, as a `chat.db` row
/// hands it over. nil is the expected outcome for bad input; a crash, a trap, a sanitizer report,
/// or a string that is empty or is not a run of the blob's own bytes is a finding.
/// docs/privacy.md, "Fuzzing".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTypedStream(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let blob = Array(UnsafeBufferPointer(start: start, count: count))
    guard let text = IMessageAttributedBody.string(in: blob) else { return 0 }
    let bytes = Array(text.utf8)
    if bytes.isEmpty { fatalError("an empty string was decoded") }
    if bytes.count > blob.count { fatalError("a string longer than its blob was decoded") }
    let found = blob.withUnsafeBytes { haystack in bytes.withUnsafeBytes { ByteSearch.firstOffset(of: $0, in: haystack) } }
    if found == nil { fatalError("the decoded string is not a run of the blob's bytes") }
    decodedBytes &+= bytes.count
    return 0
}

/// Where what was decoded is counted, so decoding it is not optimized away.
nonisolated(unsafe) var decodedBytes = 0

/// SwiftPM links an executable's entry point as `TypedStreamFuzzer_main`; hand control to
/// libFuzzer's driver there (its own `main` is then never linked in).
@_cdecl("TypedStreamFuzzer_main")
public func typedStreamFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzTypedStream)
}
