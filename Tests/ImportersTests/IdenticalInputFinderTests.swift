import Foundation
import XCTest
import ZIPFoundation
@testable import Importers
import StewardCore
@testable import Archives

/// Identical inputs are found before reading, and only candidates are hashed
/// (docs/duplicates.md).
final class IdenticalInputFinderTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("steward-identical-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func makeZip(_ path: String, members: [(String, Data)]) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, data) in members {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    private func tasks(_ paths: [String]) -> [ReadTask] {
        ExportReader().plan(InputDiscovery().discover(paths).files) { _, _ in }
    }

    private func smallerPath(_ a: String, _ b: String) -> Bool { a < b }

    func testAFileOnDiskAndTheSameMemberInTwoZipsAreOneContent() throws {
        let statement = Data("Date,Description,Amount\n02/03/2025,BET365,-20.00\n".utf8)
        try makeZip(dir + "/a.zip", members: [("bank/statement.csv", statement), ("notes.txt", Data("a".utf8))])
        try makeZip(dir + "/b.zip", members: [("statement.csv", statement)])
        try statement.write(to: URL(fileURLWithPath: dir + "/c.csv"))
        let result = IdenticalInputFinder(reader: ExportReader()).removeCopies(from: tasks([dir]), jobs: 2, prefers: smallerPath)
        XCTAssertEqual(result.tasks.map(\.displayPath), [dir + "/a.zip!bank/statement.csv", dir + "/a.zip!notes.txt"])
        XCTAssertEqual(result.copies, [
            .init(path: dir + "/b.zip!statement.csv", copyOf: dir + "/a.zip!bank/statement.csv"),
            .init(path: dir + "/c.csv", copyOf: dir + "/a.zip!bank/statement.csv"),
        ])
        XCTAssertEqual(result.hashedBytes, Int64(statement.count * 3))
    }

    func testInputsOfDifferentSizesOrZipChecksumsAreNotHashed() throws {
        try Data("one,two\n".utf8).write(to: URL(fileURLWithPath: dir + "/a.csv"))
        try Data("three,four\n".utf8).write(to: URL(fileURLWithPath: dir + "/b.csv"))
        // Same size, different bytes: the central directory's CRC-32 tells them apart unread.
        try makeZip(dir + "/c.zip", members: [("x.txt", Data("aaaa".utf8)), ("y.txt", Data("bbbb".utf8))])
        let planned = tasks([dir])
        let result = IdenticalInputFinder(reader: ExportReader()).removeCopies(from: planned, jobs: 2, prefers: smallerPath)
        XCTAssertEqual(result.tasks.map(\.displayPath), planned.map(\.displayPath))
        XCTAssertEqual(result.copies, [])
        XCTAssertEqual(result.hashedBytes, 0)
    }

    func testEqualSizeButDifferentBytesStayTwoInputs() throws {
        try Data("one,two\n".utf8).write(to: URL(fileURLWithPath: dir + "/a.csv"))
        try Data("one,TWO\n".utf8).write(to: URL(fileURLWithPath: dir + "/b.csv"))
        let result = IdenticalInputFinder(reader: ExportReader()).removeCopies(from: tasks([dir]), jobs: 1, prefers: smallerPath)
        XCTAssertEqual(result.tasks.count, 2)
        XCTAssertEqual(result.copies, [])
        XCTAssertEqual(result.hashedBytes, 16)
    }

    func testSniffNamesTheImporterOfEachTaskAndMarksArchivesReadInOnePass() throws {
        try Data("Date,Description,Amount,Balance\n02/03/2025,BET365,-20.00,80.00\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/a.csv"))
        try makeZip(dir + "/inner.zip", members: [("x.txt", Data("x".utf8))])
        try makeZip(dir + "/outer.zip", members: [("inner.zip", try Data(contentsOf: URL(fileURLWithPath: dir + "/inner.zip")))])
        try FileManager.default.removeItem(atPath: dir + "/inner.zip")
        try Data("no format at all".utf8).write(to: URL(fileURLWithPath: dir + "/b.bin"))
        let planned = tasks([dir])
        XCTAssertEqual(planned.map(\.displayPath), [dir + "/a.csv", dir + "/b.bin", dir + "/outer.zip!inner.zip"])
        XCTAssertEqual(ExportReader().sniff(planned, jobs: 2), [.source("bank.csv"), .nothing, .archive])
    }

    func testSniffNamesTheProductOfEachMyActivityFile() throws {
        try FileManager.default.createDirectory(atPath: dir + "/Search", withIntermediateDirectories: true)
        try Data("""
            [{
              "header": "Image Search",
              "title": "Searched for cats",
              "time": "2024-05-30T15:37:18.828Z",
              "products": [
                "Search"
              ]
            }]
            """.utf8).write(to: URL(fileURLWithPath: dir + "/Search/MyActivity.json"))
        try Data(#"[{"header":"YouTube Music","title":"Watched x","time":"2024-05-30T15:37:18Z","products":["YouTube"]}]"#.utf8)
            .write(to: URL(fileURLWithPath: dir + "/watch-history.json"))
        try Data(#"[{"header":"Search","title":"Searched for y","time":"2024-05-30T15:37:18Z"}]"#.utf8)
            .write(to: URL(fileURLWithPath: dir + "/z.json"))
        let planned = tasks([dir])
        XCTAssertEqual(planned.map(\.displayPath), [dir + "/Search/MyActivity.json", dir + "/watch-history.json", dir + "/z.json"])
        XCTAssertEqual(ExportReader().sniff(planned, jobs: 1), [
            .source("google.my_activity", part: "Search"), .source("google.my_activity", part: "YouTube"),
            .source("google.my_activity", part: nil),
        ])
    }
}
