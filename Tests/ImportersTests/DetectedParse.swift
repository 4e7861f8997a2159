import XCTest
@testable import Importers
import StewardCore

/// Detects `text` as a file at `path` through the registry, checks that `expecting` is the
/// importer chosen, and parses it in chunks of `chunkSize` bytes: what every importer test that
/// starts from a file's bytes does first.
func parseDetected(_ text: String, path: String, expecting id: String, chunkSize: Int,
                   file: StaticString = #filePath, line: UInt = #line) throws -> (events: [Event], sink: EventSink) {
    let bytes = Array(text.utf8)
    let probe = FileProbe(path: path, head: Array(bytes.prefix(FileProbe.headLength)), size: Int64(bytes.count))
    guard case .success(let found) = ImporterRegistry.detect(probe) else {
        XCTFail("\(path) not recognized", file: file, line: line)
        throw ParseError("not recognized")
    }
    XCTAssertEqual(found.importer.id, id, file: file, line: line)
    var parser = found.importer.makeParser(for: probe)
    let collector = EventCollector()
    try parser.parseAll(bytes, chunkSize: chunkSize, into: collector.sink)
    return (collector.events, collector.sink)
}
