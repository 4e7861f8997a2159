import XCTest
import StewardCore
@testable import Formats

final class CSVRecordReaderTests: XCTestCase {
    private struct Row: Equatable {
        var line: Int
        var fields: [String]
        var problem: CSVRecord.Problem?
    }

    private func read(_ text: String, maxRecordBytes: Int = 1 << 20, chunkSize: Int) throws -> [Row] {
        var reader = CSVRecordReader(delimiter: 0x2C, maxRecordBytes: maxRecordBytes)
        var rows: [Row] = []
        let collect: (CSVRecord) throws(ParseError) -> Void = { record in
            rows.append(Row(line: record.line, fields: (0..<record.count).map { String(decoding: record[$0], as: UTF8.self) },
                            problem: record.problem))
        }
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            try bytes[start..<end].withUnsafeBufferPointer { try reader.feed($0, collect) }
            start = end
        }
        try reader.finish(collect)
        return rows
    }

    func testQuotesEscapesLineBreaksInQuotesAndTextAfterAClosingQuoteGiveTheSameFieldsInAnyChunking() throws {
        let text = "a,\"b,\"\"c\"\"\",d e\r\n\"x\r\ny\",'q\"r',\"s\"t\rlast,1"
        let expected = [
            Row(line: 1, fields: ["a", "b,\"c\"", "d e"]),
            Row(line: 2, fields: ["x\ny", "'q\"r'", "st"]),
            Row(line: 4, fields: ["last", "1"]),
        ]
        for chunkSize in [1, 2, 3, 5, 1000] {
            XCTAssertEqual(try read(text, chunkSize: chunkSize), expected, "chunks of \(chunkSize)")
        }
    }

    func testARecordPastMaxRecordBytesIsDroppedWhetherItsFieldsComeWholeOrInPieces() throws {
        let text = "\"abcdefghij\",x\nabcdefgh\nok,1\n"
        let expected = [
            Row(line: 1, fields: [], problem: .tooLong),
            Row(line: 2, fields: ["abcdefgh"]),
            Row(line: 3, fields: ["ok", "1"]),
        ]
        for chunkSize in [1, 4, 1000] {
            XCTAssertEqual(try read(text, maxRecordBytes: 8, chunkSize: chunkSize), expected, "chunks of \(chunkSize)")
        }
    }
}
