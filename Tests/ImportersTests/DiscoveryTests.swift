import Foundation
import XCTest
import ZIPFoundation
@testable import Importers
import StewardCore
@testable import Archives
@testable import Formats

/// A stand-in format for discovery tests: files starting with "TESTLINES" yield one event per
/// further line, so archive walking can be checked without depending on a real importer.
struct TestLinesImporter: Importer {
    let id = "test.lines"
    let title = "test lines"
    let howToRequest = "n/a"
    func detect(_ probe: FileProbe) -> Detection? {
        probe.head.starts(with: Array("TESTLINES".utf8)) ? Detection(confidence: 1, reason: "magic") : nil
    }
    func makeParser(for probe: FileProbe) -> any ExportParser { Parser() }
    struct Parser: ExportParser {
        var lines = LineSplitter()
        mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
            try lines.feed(chunk) { line, number, _ throws(ParseError) in
                if number > 1 { sink.emit(Event(source: "test.lines", kind: .activity, text: String(decoding: line, as: UTF8.self), position: .line(number))) }
            }
        }
        mutating func finish(into sink: EventSink) throws(ParseError) {
            try lines.finish { line, number, _ throws(ParseError) in
                if number > 1 { sink.emit(Event(source: "test.lines", kind: .activity, text: String(decoding: line, as: UTF8.self), position: .line(number))) }
            }
        }
    }
}

final class RecordingDelegate: ExportReaderDelegate {
    var events: [(String, Event)] = []
    var inputs: [ParsedInput] = []
    var skipped: [(String, String)] = []
    var known: [(String, String)] = []
    func reader(didRead event: consuming Event, path: String) { events.append((path, event)) }
    func reader(didFinish input: ParsedInput) { inputs.append(input) }
    func reader(didSkip path: String, reason: String) { skipped.append((path, reason)) }
    func reader(didPassKnownFile path: String, what: String) { known.append((path, what)) }
}

final class DiscoveryTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "/steward-discovery-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func read(_ paths: [String], limits: ZipArchiveReader.Limits = .init()) -> (InputDiscovery.Result, RecordingDelegate) {
        let found = InputDiscovery().discover(paths)
        let delegate = RecordingDelegate()
        let reader = ExportReader(importers: [TestLinesImporter()], zipLimits: limits)
        for file in found.files { reader.read(file, delegate: delegate) }
        return (found, delegate)
    }

    private func makeZip(_ path: String, members: [(String, Data)], method: CompressionMethod = .deflate) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, data) in members {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: method) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    func testFolderWalkReportsUnknownFilesAndKeepsOrder() throws {
        try Data("TESTLINES\na\nb\n".utf8).write(to: URL(fileURLWithPath: dir + "/b.txt"))
        try Data("hello".utf8).write(to: URL(fileURLWithPath: dir + "/a.txt"))
        try Data().write(to: URL(fileURLWithPath: dir + "/empty.bin"))
        let (found, delegate) = read([dir])
        XCTAssertEqual(found.files.map { ($0.displayPath as NSString).lastPathComponent }, ["a.txt", "b.txt", "empty.bin"])
        XCTAssertEqual(delegate.events.map { $0.1.text }, ["a", "b"])
        XCTAssertEqual(delegate.inputs.first?.events, 2)
        XCTAssertEqual(Set(delegate.skipped.map { ($0.0 as NSString).lastPathComponent }), ["a.txt", "empty.bin"])
        XCTAssertTrue(delegate.skipped.contains { $0.1 == "empty file" })
    }

    func testMissingPathIsReported() {
        let (found, _) = read([dir + "/nope"])
        XCTAssertEqual(found.missing, [dir + "/nope"])
    }

    func testZipMembersAreStreamedWithArchivePaths() throws {
        let zip = dir + "/export.zip"
        try makeZip(zip, members: [("Takeout/data.txt", Data("TESTLINES\nx\ny\nz".utf8)), ("Takeout/other.html", Data("<html>".utf8))])
        let (_, delegate) = read([zip])
        XCTAssertEqual(delegate.inputs.map(\.path), [zip + "!Takeout/data.txt"])
        XCTAssertEqual(delegate.inputs.first?.events, 3)
        XCTAssertEqual(delegate.skipped.map(\.0), [zip + "!Takeout/other.html"])
    }

    func testNestedZipIsReadInMemory() throws {
        let inner = dir + "/inner.zip"
        try makeZip(inner, members: [("deep/data.txt", Data("TESTLINES\none".utf8))])
        let innerData = try Data(contentsOf: URL(fileURLWithPath: inner))
        try FileManager.default.removeItem(atPath: inner)
        let outer = dir + "/outer.zip"
        try makeZip(outer, members: [("inner.zip", innerData)], method: .none)
        let (_, delegate) = read([outer])
        XCTAssertEqual(delegate.inputs.map(\.path), [outer + "!inner.zip!deep/data.txt"])
        XCTAssertEqual(delegate.events.first?.1.text, "one")
    }

    func testNestingDepthIsBounded() throws {
        var data = Data("TESTLINES\nbottom".utf8)
        var name = "data.txt"
        for level in 0..<6 {
            let path = dir + "/level\(level).zip"
            try makeZip(path, members: [(name, data)])
            data = try Data(contentsOf: URL(fileURLWithPath: path))
            try FileManager.default.removeItem(atPath: path)
            name = "level\(level).zip"
        }
        let top = dir + "/top.zip"
        try data.write(to: URL(fileURLWithPath: top))
        let (_, delegate) = read([top])
        XCTAssertTrue(delegate.inputs.isEmpty)
        XCTAssertTrue(delegate.skipped.contains { $0.1.contains("nested more than") }, "\(delegate.skipped)")
    }

    func testZipBombIsStoppedAndReported() throws {
        // 80 MiB of zeros deflates to ~80 KiB: a ratio of ~1000:1.
        let zeros = Data(count: 80 << 20)
        let zip = dir + "/bomb.zip"
        var head = Data("TESTLINES\n".utf8)
        head.append(zeros)
        try makeZip(zip, members: [("bomb.txt", head)])
        var limits = ZipArchiveReader.Limits()
        limits.ratioFloorBytes = 8 << 20
        limits.maxCompressionRatio = 100
        let (_, delegate) = read([zip], limits: limits)
        XCTAssertEqual(delegate.inputs.count, 1)
        XCTAssertTrue(delegate.inputs[0].errors.contains { $0.contains("zip bomb") }, "\(delegate.inputs[0].errors)")
    }

    func testDamagedZipIsReportedNotFatal() throws {
        let zip = dir + "/broken.zip"
        try Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: UInt8(7), count: 100)).write(to: URL(fileURLWithPath: zip))
        let (_, delegate) = read([zip])
        XCTAssertTrue(delegate.skipped.contains { $0.0 == zip && $0.1.contains("ZIP") }, "\(delegate.skipped)")
    }

    func testSymlinkLeavingRootIsNotFollowed() throws {
        let outside = NSTemporaryDirectory() + "/steward-outside-\(UUID().uuidString).txt"
        try Data("TESTLINES\nsecret".utf8).write(to: URL(fileURLWithPath: outside))
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.txt", withDestinationPath: outside)
        let (found, delegate) = read([dir])
        XCTAssertTrue(found.files.isEmpty)
        XCTAssertTrue(delegate.events.isEmpty)
        XCTAssertTrue(found.skipped.contains { $0.reason.contains("leaves the scanned folder") })
    }

    func testHostileMemberNamesAreMadePrintable() {
        XCTAssertEqual(ZipArchiveReader.displayName("/../../etc/pass\u{1B}[31mwd"), "../../etc/pass?[31mwd")
    }

    func testLineSplitterHandlesCRLFAcrossChunks() throws {
        let text = Array("ab\r\ncd\reeeeeeeeeeee\nf".utf8)
        for size in [1, 2, 3, 100] {
            let collected = try Self.split(text, chunkSize: size)
            XCTAssertEqual(collected.map(\.0), ["ab", "cd", "eeeeeeee", "f"], "chunk size \(size)")
            XCTAssertEqual(collected.map(\.1), [false, false, true, false])
        }
    }

    private static func split(_ text: [UInt8], chunkSize: Int) throws -> [(String, Bool)] {
        var splitter = LineSplitter(maxLineLength: 8)
        var lines: [(String, Bool)] = []
        var i = 0
        while i < text.count {
            let end = min(text.count, i + chunkSize)
            let chunk = Array(text[i..<end])
            let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk.count, alignment: 1)
            defer { raw.deallocate() }
            raw.copyBytes(from: chunk)
            try splitter.feed(UnsafeRawBufferPointer(raw)) { line, _, cut in lines.append((String(decoding: line, as: UTF8.self), cut)) }
            i = end
        }
        try splitter.finish { line, _, cut in lines.append((String(decoding: line, as: UTF8.self), cut)) }
        return lines
    }
}
