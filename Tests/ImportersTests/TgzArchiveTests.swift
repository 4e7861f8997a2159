import Foundation
import XCTest
import ZIPFoundation
@testable import Importers
import StewardCore
@testable import Archives

/// .tgz Takeouts, multi-part Takeouts, and the tar stream reader under them.
final class TgzArchiveTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "steward-tgz-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/scan", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    let records = Array("{\"locations\": [{\"latitudeE7\": 525163400, \"longitudeE7\": 133777000, \"timestampMs\": \"1546300800000\"}, {\"latitudeE7\": -338688000, \"longitudeE7\": 1512093000, \"timestamp\": \"2022-03-01T10:00:00Z\"}]}".utf8)
    let month = Array("\u{FEFF}{\"timelineObjects\": [{\"placeVisit\": {\"location\": {\"latitudeE7\": 481400000, \"longitudeE7\": 115700000, \"name\": \"Praxis\"}, \"duration\": {\"startTimestamp\": \"2019-01-03T08:02:00Z\"}}}]}".utf8)
    let timeline = Array("{\"semanticSegments\": [], \"rawSignals\": [{\"position\": {\"LatLng\": \"48.1°, 11.5°\", \"timestamp\": \"2024-05-02T08:09:58.000+02:00\"}}]}".utf8)

    private func read(_ paths: [String], limits: ZipArchiveReader.Limits = .init()) -> RecordingDelegate {
        let delegate = RecordingDelegate()
        let reader = ExportReader(zipLimits: limits)
        for file in InputDiscovery().discover(paths).files { reader.read(file, delegate: delegate) }
        return delegate
    }

    private func write(_ bytes: [UInt8], _ name: String) -> String {
        let path = dir + "/scan/" + name
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    private func takeoutTar() -> [UInt8] {
        var tar = TarFixtureWriter()
        tar.add("Takeout/", [], type: UInt8(ascii: "5"))
        tar.add("Takeout/Standortverlauf/Records.json", records)
        tar.add("Takeout/Standortverlauf/Semantic Location History/2019/2019_JANUAR.json", month, name: .ustarPrefix)
        let deep = "Takeout/" + String(repeating: "Verzeichnis mit sehr langem Namen/", count: 4) + "Timeline.json"
        tar.add(deep, timeline, name: .gnuLongName)
        tar.add("Takeout/История местоположений/Records.json", records, name: .pax)
        tar.add("Takeout/archive_browser.html", Array("<html><body>Takeout</body></html>".utf8))
        tar.add("Takeout/link.json", [], type: UInt8(ascii: "2"), linkTarget: "/etc/passwd")
        tar.end()
        return tar.bytes
    }

    func testTgzWithNestedFoldersLongNamesAndPaxIsReadMemberByMember() throws {
        let path = write(gzipFixture(takeoutTar()), "takeout-20240101T000000Z-001.tgz")
        let delegate = read([path])
        let deep = "Takeout/" + String(repeating: "Verzeichnis mit sehr langem Namen/", count: 4) + "Timeline.json"
        XCTAssertEqual(delegate.inputs.map { "\($0.path) \($0.source) \($0.events) \($0.skipped)" }, [
            path + "!Takeout/Standortverlauf/Records.json google.location_records 2 0",
            path + "!Takeout/Standortverlauf/Semantic Location History/2019/2019_JANUAR.json google.semantic_location 1 0",
            path + "!" + deep + " google.timeline 1 0",
            path + "!Takeout/История местоположений/Records.json google.location_records 2 0",
        ])
        XCTAssertEqual(delegate.events.count, 6)
        XCTAssertEqual(delegate.skipped.map(\.0), [path + "!Takeout/link.json"])
        XCTAssertEqual(delegate.known.map(\.0), [path + "!Takeout/archive_browser.html"])
        XCTAssertEqual(delegate.skipped.last?.1, "link inside an archive: not followed")
        XCTAssertTrue(delegate.inputs.allSatisfy { $0.errors.isEmpty }, "\(delegate.inputs.map(\.errors))")
    }

    /// A member larger than the sniffed head: the head goes to the parser first, then the rest.
    func testLargeMemberIsParsedWholeAfterTheHead() throws {
        var text = "{\"locations\": ["
        for i in 0..<5_000 {
            text += (i == 0 ? "" : ",") + "{\"latitudeE7\": \(480000000 + i), \"longitudeE7\": 115000000, \"timestampMs\": \"\(1546300800000 + i * 1000)\"}"
        }
        text += "]}"
        XCTAssertGreaterThan(text.utf8.count, 3 * FileProbe.headLength)
        var tar = TarFixtureWriter()
        tar.add("Takeout/Location History/Records.json", Array(text.utf8))
        tar.end()
        let delegate = read([write(gzipFixture(tar.bytes), "big.tgz")])
        XCTAssertEqual(delegate.inputs.map(\.events), [5_000])
        XCTAssertEqual(delegate.inputs.map(\.skipped), [0])
        XCTAssertEqual(delegate.events.last?.1.position.pointer, "/locations/4999")
    }

    func testTarReaderGivesTheSameMembersAtAnyChunkSize() throws {
        let tar = takeoutTar()
        func members(chunk: Int) throws -> [String] {
            var reader = TarStreamReader()
            var out: [String] = []
            var current = 0
            var start = 0
            while start < tar.count {
                let end = min(tar.count, start + chunk)
                try tar[start..<end].withUnsafeBytes { raw in
                    try reader.feed(raw) { output in
                        switch output {
                        case .begin(let entry): out.append("\(entry.kind) \(entry.path) \(entry.size)"); current = 0
                        case .data(let bytes): current += bytes.count
                        case .end: out.append("end \(current)")
                        }
                    }
                }
                start = end
            }
            XCTAssertTrue(reader.ended)
            XCTAssertNil(reader.unfinished())
            return out
        }
        let whole = try members(chunk: 1 << 20)
        XCTAssertEqual(whole.count, 14)
        XCTAssertEqual(try members(chunk: 1), whole)
        XCTAssertEqual(try members(chunk: 7), whole)
        XCTAssertEqual(try members(chunk: 513), whole)
    }

    /// A member named "../../…" is only a name: it is read in memory, shown under the archive,
    /// and nothing appears outside (or inside) the scanned folder.
    func testPathTraversalNamesStayInsideTheArchive() throws {
        var tar = TarFixtureWriter()
        tar.add("../../escaped/Records.json", records)
        tar.add("/abs/Records.json", records)
        tar.end()
        let path = write(gzipFixture(tar.bytes), "trick.tar.gz")
        let before = try FileManager.default.contentsOfDirectory(atPath: dir)
        let delegate = read([path])
        XCTAssertEqual(delegate.inputs.map(\.path), [path + "!../../escaped/Records.json", path + "!abs/Records.json"])
        XCTAssertEqual(delegate.inputs.map(\.events), [2, 2])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/scan"), ["trick.tar.gz"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/../escaped"))
    }

    func testTruncatedTgzReportsTheMemberAndKeepsEarlierOnes() throws {
        var tar = TarFixtureWriter()
        tar.add("Takeout/Location History/Records.json", records)
        // Incompressible filler, so cutting the compressed file lands inside this member.
        var generator = SeededTestRandom(defaultSeed: 0x7A2_C0DE)
        tar.add("Takeout/Location History/big.bin", generator.bytes(200_000))
        tar.end()
        let gz = gzipFixture(tar.bytes)
        let path = write(Array(gz.prefix(gz.count / 2)), "cut.tgz")
        let delegate = read([path])
        XCTAssertEqual(delegate.inputs.map(\.events), [2], generator.replay)
        XCTAssertTrue(delegate.skipped.contains { $0.0 == path && $0.1.contains("truncated") }, "\(delegate.skipped) \(generator.replay)")
    }

    func testGzipThatIsNotTarIsReadAndDamagedGzipIsReported() throws {
        let plain = write(gzipFixture(records), "Records.json.gz")
        var damaged = gzipFixture(takeoutTar())
        for i in 20..<60 { damaged[i] ^= 0x5A }
        let broken = write(damaged, "broken.tgz")
        let delegate = read([plain, broken])
        let reasons = Dictionary(uniqueKeysWithValues: delegate.skipped.map { ($0.0, $0.1) })
        XCTAssertNil(reasons[plain], "a gzip file that is not a tarball is read as the file it holds")
        XCTAssertEqual(delegate.inputs.first { $0.path == plain + "!Records.json" }?.events, 2)
        XCTAssertTrue(reasons[broken]?.contains("damaged") ?? false, "\(delegate.skipped)")
    }

    func testTgzBombIsStopped() throws {
        var tar = TarFixtureWriter()
        tar.add("Takeout/Location History/Records.json", records + [UInt8](repeating: 0x20, count: 40 << 20))
        tar.end()
        let path = write(gzipFixture(tar.bytes, level: 9), "bomb.tgz")
        var limits = ZipArchiveReader.Limits()
        limits.ratioFloorBytes = 4 << 20
        limits.maxCompressionRatio = 100
        let delegate = read([path], limits: limits)
        XCTAssertEqual(delegate.inputs.count, 1)
        XCTAssertTrue(delegate.inputs[0].errors.contains { $0.contains("zip bomb") }, "\(delegate.inputs[0].errors)")
        XCTAssertTrue(delegate.skipped.contains { $0.0 == path && $0.1.contains("zip bomb") })
    }

    func testZipInsideTgzAndTgzInsideZip() throws {
        let innerZip = dir + "/inner.zip"
        let archive = try Archive(url: URL(fileURLWithPath: innerZip), accessMode: .create)
        try archive.addEntry(with: "Takeout/Location History/Records.json", type: .file, uncompressedSize: Int64(records.count),
                             compressionMethod: .deflate) { position, size in Data(self.records[Int(position)..<Int(position) + size]) }
        var tar = TarFixtureWriter()
        tar.add("exports/inner.zip", Array(try Data(contentsOf: URL(fileURLWithPath: innerZip))))
        tar.end()
        let outerTgz = write(gzipFixture(tar.bytes), "outer.tgz")

        var inner = TarFixtureWriter()
        inner.add("Takeout/Location History/Records.json", records)
        inner.end()
        let innerTgz = gzipFixture(inner.bytes)
        let outerZip = dir + "/scan/outer.zip"
        let zip = try Archive(url: URL(fileURLWithPath: outerZip), accessMode: .create)
        try zip.addEntry(with: "takeout.tgz", type: .file, uncompressedSize: Int64(innerTgz.count), compressionMethod: .none) { position, size in
            Data(innerTgz[Int(position)..<Int(position) + size])
        }
        let delegate = read([dir + "/scan"])
        XCTAssertEqual(delegate.inputs.map(\.path).sorted(), [
            outerTgz + "!exports/inner.zip!Takeout/Location History/Records.json",
            outerZip + "!takeout.tgz!Takeout/Location History/Records.json",
        ])
        XCTAssertEqual(delegate.inputs.map(\.events), [2, 2])
    }

    /// Takeout splits large exports into complete archives -001, -002, …: each part is read
    /// on its own, members keep their part in the path, and each record is counted once.
    func testMultiPartTakeoutZipsAndTgzs() throws {
        func zip(_ name: String, _ members: [(String, [UInt8])]) throws -> String {
            let path = dir + "/scan/" + name
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
            for (member, data) in members {
                try archive.addEntry(with: member, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                    Data(data[Int(position)..<Int(position) + size])
                }
            }
            return path
        }
        let part1 = try zip("takeout-20240101T000000Z-001.zip", [("Takeout/Location History/Records.json", records)])
        let part2 = try zip("takeout-20240101T000000Z-002.zip", [
            ("Takeout/Location History/Semantic Location History/2019/2019_JANUARY.json", month),
            ("Takeout/Location History/Semantic Location History/2019/2019_FEBRUARY.json", month),
        ])
        var tar = TarFixtureWriter()
        tar.add("Takeout/Location History/Records.json", records)
        tar.end()
        let part3 = write(gzipFixture(tar.bytes), "takeout-20240101T000000Z-003.tgz")
        let delegate = read([dir + "/scan"])
        XCTAssertEqual(delegate.inputs.map { "\($0.path) \($0.events)" }, [
            part1 + "!Takeout/Location History/Records.json 2",
            part2 + "!Takeout/Location History/Semantic Location History/2019/2019_JANUARY.json 1",
            part2 + "!Takeout/Location History/Semantic Location History/2019/2019_FEBRUARY.json 1",
            part3 + "!Takeout/Location History/Records.json 2",
        ])
        XCTAssertEqual(delegate.events.count, 6)
        XCTAssertEqual(Set(delegate.events.map { "\($0.0) \($0.1.position)" }).count, 6)
    }
}
