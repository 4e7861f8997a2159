import XCTest
@testable import Importers
@testable import StewardCore

/// Every field a location event carries, in one comparable line.
func locationLine(_ e: Event) -> String {
    [e.source, e.kind.rawValue, e.time?.iso8601 ?? "-",
     e.latitude.map { String(format: "%.7f", $0) } ?? "-", e.longitude.map { String(format: "%.7f", $0) } ?? "-",
     e.place ?? "-", e.text ?? "-", e.code ?? "-", e.position.description]
        .joined(separator: " | ")
}

struct LocationParse {
    var events: [Event]
    var issues: [String]
    var skipped: Int
    var lines: [String] { events.map(locationLine) }
}

/// Parses at chunk sizes 1, 7 and 64 KiB and checks the results agree (as sorted lines when
/// `ordered` is false: the Timeline parser's two arrays may interleave differently).
func parseLocation(_ make: () -> any ExportParser, _ text: String, ordered: Bool = true,
                   file: StaticString = #filePath, line: UInt = #line) throws -> LocationParse {
    try parseLocation(make, Array(text.utf8), ordered: ordered, file: file, line: line)
}

func parseLocation(_ make: () -> any ExportParser, _ bytes: [UInt8], ordered: Bool = true,
                   file: StaticString = #filePath, line: UInt = #line) throws -> LocationParse {
    var results: [LocationParse] = []
    for size in [1, 7, 64 * 1024] {
        var parser = make()
        let collector = EventCollector()
        try parser.parseAll(bytes, chunkSize: size, into: collector.sink)
        results.append(LocationParse(events: collector.events, issues: collector.sink.issues, skipped: collector.sink.skippedCount))
    }
    for r in results.dropFirst() {
        if ordered {
            XCTAssertEqual(r.lines, results[0].lines, "events differ by chunk size", file: file, line: line)
            XCTAssertEqual(r.issues, results[0].issues, "issues differ by chunk size", file: file, line: line)
        } else {
            XCTAssertEqual(r.lines.sorted(), results[0].lines.sorted(), "events differ by chunk size", file: file, line: line)
            XCTAssertEqual(r.issues.sorted(), results[0].issues.sorted(), "issues differ by chunk size", file: file, line: line)
        }
    }
    return results[0]
}

func locationProbe(_ text: String, path: String) -> FileProbe {
    FileProbe(path: path, head: Array(text.utf8.prefix(FileProbe.headLength)), size: Int64(text.utf8.count))
}

/// The id of the importer the registry picks for `text` at `path`, or nil.
func detectedSource(_ text: String, path: String) -> String? {
    if case .success(let found) = ImporterRegistry.detect(locationProbe(text, path: path)) { return found.importer.id }
    return nil
}
