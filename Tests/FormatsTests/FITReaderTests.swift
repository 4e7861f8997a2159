import XCTest
import Formats
import HostileInputs

/// The FIT protocol reader alone, on files written byte by byte by `FITImage`.
final class FITReaderTests: XCTestCase {
    private func read(_ bytes: [UInt8], chunk: Int = 1 << 20, messages: Set<UInt16>? = nil)
        -> (messages: [FITReader.Message], problems: [FITReader.Problem], reader: FITReader) {
        var reader = FITReader(messages: messages)
        var found: [FITReader.Message] = []
        var problems: [FITReader.Problem] = []
        let collect: (FITReader.Output) -> Void = {
            switch $0 {
            case .message(let m): found.append(m)
            case .problem(let p): problems.append(p)
            }
        }
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            bytes[start..<end].withUnsafeBytes { reader.feed($0, collect) }
            start = end
        }
        reader.finish(collect)
        return (found, problems, reader)
    }

    func testRunningActivityDecodesNineDataMessagesWithoutProblems() {
        let result = read(FITImage.runningActivity().bytes())
        XCTAssertEqual(result.problems, [])
        XCTAssertEqual(result.messages.map(\.global), [0, 20, 20, 20, 20, 20, 19, 18, 34])
        XCTAssertEqual(result.reader.filesRead, 1)
        let session = result.messages[7]
        XCTAssertEqual(session.value(5), 1)
        XCTAssertEqual(session.value(7), 1_800_000)
        XCTAssertEqual(session.value(9), 520_000)
    }

    func testCompressedTimestampsAdvanceFromTheLastFullTimestampAcrossTheFiveBitRollover() {
        let start = UInt32(FITImage.fitTime(unix: 1_709_274_600))
        let records = read(FITImage.runningActivity().bytes()).messages.filter { $0.global == 20 }
        XCTAssertEqual(records.map(\.timestamp), [start, start + 5, start + 10, start + 40, start + 45])
    }

    func testSemicirclesBecomeDegreesAndInvalidMarkersBecomeNil() throws {
        let records = read(FITImage.runningActivity().bytes()).messages.filter { $0.global == 20 }
        let first = try XCTUnwrap(records.first)
        XCTAssertEqual(FITReader.degrees(semicircles: try XCTUnwrap(first.value(0))), 52.52, accuracy: 1e-6)
        XCTAssertEqual(FITReader.degrees(semicircles: try XCTUnwrap(first.value(1))), 13.405, accuracy: 1e-6)
        XCTAssertNil(records[4].value(0))
        XCTAssertNil(records[4].value(1))
        XCTAssertEqual(records[4].value(3), 141, "the field after the developer bytes of the previous record is still in place")
    }

    func testOneByteChunksGiveTheSameMessagesAsOneChunk() {
        let bytes = FITImage.runningActivity().bytes()
        let whole = read(bytes), bytewise = read(bytes, chunk: 1)
        XCTAssertEqual(bytewise.problems, [])
        XCTAssertEqual(bytewise.messages.map(\.fields), whole.messages.map(\.fields))
        XCTAssertEqual(bytewise.messages.map(\.offset), whole.messages.map(\.offset))
    }

    func testBigEndianDefinitionAndTwelveByteHeaderAreRead() {
        var fit = FITImage()
        fit.define(local: 0, global: 20, fields: [.init(253, .uint32), .init(0, .sint32), .init(1, .sint32)], bigEndian: true)
        fit.data(local: 0, [FITImage.fitTime(unix: 1_700_000_000), FITImage.semicircles(-33.86), FITImage.semicircles(151.21)])
        let result = read(fit.bytes(headerSize: 12))
        XCTAssertEqual(result.problems, [])
        XCTAssertEqual(result.messages.count, 1)
        XCTAssertEqual(FITReader.degrees(semicircles: result.messages[0].value(0)!), -33.86, accuracy: 1e-6)
        XCTAssertEqual(result.messages[0].timestamp, UInt32(FITImage.fitTime(unix: 1_700_000_000)))
    }

    func testChainedFilesAreBothRead() {
        let one = FITImage.runningActivity().bytes()
        let result = read(one + one)
        XCTAssertEqual(result.reader.filesRead, 2)
        XCTAssertEqual(result.messages.filter { $0.global == 18 }.count, 2)
        XCTAssertEqual(result.problems, [])
    }

    func testWrongFileCRCIsReportedAtItsOffsetAndMessagesAreKept() {
        let bytes = FITImage.runningActivity().bytes(crcOverride: 0x1234)
        let result = read(bytes)
        XCTAssertEqual(result.messages.count, 9)
        XCTAssertEqual(result.problems, [FITReader.Problem(offset: Int64(bytes.count - 2),
                                                           message: "file CRC does not match its contents: the file may be damaged")])
    }

    func testDataBeforeItsDefinitionStopsReadingWithTheByteOffset() {
        var fit = FITImage()
        fit.define(local: 0, global: 20, fields: [.init(253, .uint32)])
        fit.data(local: 0, [FITImage.fitTime(unix: 1_700_000_000)])
        fit.raw([0x03, 1, 2, 3])
        let result = read(fit.bytes())
        XCTAssertEqual(result.messages.count, 1)
        XCTAssertEqual(result.problems.first?.offset, 14 + 6 + 3 + 5)
        XCTAssertTrue(result.problems.first?.message.hasPrefix("data message of local type 3 before any definition") ?? false)
        XCTAssertTrue(result.reader.gaveUp)
    }

    func testTruncatedFileSaysHowManyRecordBytesAreMissing() {
        let bytes = FITImage.runningActivity().bytes()
        let result = read(Array(bytes.prefix(bytes.count - 40)))
        XCTAssertEqual(result.problems.count, 1)
        XCTAssertTrue(result.problems[0].message.hasPrefix("truncated: the file ends 38 bytes before the end of its records"), result.problems[0].message)
    }

    func testTextIsNotAFITFile() {
        let result = read(Array("<?xml version=\"1.0\"?><gpx></gpx>".utf8))
        XCTAssertEqual(result.messages.count, 0)
        XCTAssertEqual(result.problems.map(\.message), ["not a FIT file header"])
        XCTAssertFalse(FITReader.looksLikeFIT(Array("<?xml version=\"1.0\"?><gpx></gpx>".utf8)))
        XCTAssertTrue(FITReader.looksLikeFIT(FITImage.runningActivity().bytes()))
    }

    func testUnwantedMessagesAreSkippedBySize() {
        let result = read(FITImage.runningActivity().bytes(), messages: [18])
        XCTAssertEqual(result.messages.map(\.global), [18])
        XCTAssertEqual(result.messages[0].index, 7)
    }

    func testReaderCRCAgreesWithTheNibbleTableForm() {
        let bytes = FITImage.runningActivity().bytes()
        XCTAssertEqual(FITReader.crc16(0, bytes), FITImage.crc(bytes))
        XCTAssertEqual(FITReader.crc16(0, bytes), 0, "a file followed by its own CRC checks to zero")
    }

    func testUnknownByteOrderIsReportedOnceWhateverTheChunks() {
        var fit = FITImage()
        fit.define(local: 0, global: 20, fields: [.init(253, .uint32)])
        var bytes = fit.records
        bytes[2] = 0x29   // the architecture byte: neither 0 (little) nor 1 (big)
        var image = FITImage()
        image.raw(bytes)
        let whole = read(image.bytes()), bytewise = read(image.bytes(), chunk: 1)
        XCTAssertEqual(whole.problems.map(\.message), ["definition with an unknown byte order 41: read as little-endian"])
        XCTAssertEqual(bytewise.problems, whole.problems)
    }

    /// The inputs the fuzzer found (Fuzz/regressions/fit: first byte the chunk size less one,
    /// then the file) give the same messages and problems whole, in their chunks and bytewise.
    func testFuzzRegressionsReadTheSameWhateverTheChunks() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/regressions/fit")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertGreaterThanOrEqual(names.count, 2)
        func text(_ result: (messages: [FITReader.Message], problems: [FITReader.Problem], reader: FITReader)) -> [String] {
            result.messages.map { "\($0.global) \($0.index) \($0.offset) \(String(describing: $0.timestamp)) \($0.fields)" }
                + result.problems.map(\.description)
        }
        for name in names {
            let all = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            let input = Array(all.dropFirst())
            let whole = text(read(input))
            XCTAssertEqual(text(read(input, chunk: Int(all[0]) + 1)), whole, name)
            XCTAssertEqual(text(read(input, chunk: 1)), whole, name)
        }
    }
}
