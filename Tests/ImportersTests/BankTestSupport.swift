import XCTest
@testable import Importers
@testable import StewardCore

/// Runs a parser over `bytes` at several chunk sizes and checks they all agree, so every
/// fixture also proves records split across chunks (even mid-UTF-8, mid-quote, mid-tag) parse.
struct ChunkedParseResult {
    var events: [Event]
    var issues: [String]
    var skipped: Int
}

func parseAtAllChunkSizes(_ make: () -> any ExportParser, _ bytes: [UInt8],
                                            file: StaticString = #filePath, line: UInt = #line) throws -> ChunkedParseResult {
    var results: [ChunkedParseResult] = []
    for size in [1, 7, 64 * 1024] {
        var parser = make()
        let collector = EventCollector()
        try parser.parseAll(bytes, chunkSize: size, into: collector.sink)
        results.append(ChunkedParseResult(events: collector.events, issues: collector.sink.issues,
                                          skipped: collector.sink.skippedCount))
    }
    for r in results.dropFirst() {
        XCTAssertEqual(r.events.map(describe), results[0].events.map(describe), "events differ by chunk size", file: file, line: line)
        XCTAssertEqual(r.issues, results[0].issues, "issues differ by chunk size", file: file, line: line)
    }
    return results[0]
}

/// Every field of an event in one comparable line.
func describe(_ e: Event) -> String {
    [e.source, e.kind.rawValue, e.time?.iso8601 ?? "-", e.text ?? "-", e.counterparty ?? "-",
     e.amount?.description ?? "-", e.mcc.map(String.init) ?? "-", e.code ?? "-", e.position.description]
        .joined(separator: " | ")
}
