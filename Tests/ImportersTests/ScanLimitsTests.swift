import Foundation
import XCTest
import HostileInputs
@testable import Importers
import StewardCore
@testable import Archives

/// Limits of the whole scan (docs/privacy.md, "Limits"): archives that each stay inside their
/// own limits must not add up to an unbounded scan. Each limit, when hit, names the file it
/// stopped at and the reading of everything else goes on.
final class ScanLimitsTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "steward-limits-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func lines(_ tag: String, count: Int) -> [UInt8] {
        Array(("TESTLINES\n" + (0..<count).map { "\(tag) line \($0)" }.joined(separator: "\n")).utf8)
    }

    private func read(_ paths: [String], _ reader: ExportReader) -> RecordingDelegate {
        let delegate = RecordingDelegate()
        for file in InputDiscovery().discover(paths).files { reader.read(file, delegate: delegate) }
        return delegate
    }

    func testDefaultsAreTheDocumentedFigures() {
        XCTAssertEqual(ScanLimits().maxArchiveMembers, 1_000_000)
        XCTAssertEqual(ScanLimits().maxNestedInflatedBytes, 4 << 30)
        XCTAssertEqual(ZipArchiveReader.Limits().maxNestingDepth, 4)
        XCTAssertEqual(ZipArchiveReader.Limits().maxMembers, 1_000_000)
        XCTAssertEqual(ZipArchiveReader.Limits().maxNestedArchiveBytes, 256 << 20)
    }

    func testArchiveMembersAreCountedAcrossArchivesAndTheArchiveThatReachesTheLimitIsNamed() throws {
        let first = try write("a.zip", ZipImage((0..<3).map { .init("m\($0).txt", lines("a\($0)", count: 1)) }).bytes)
        let second = try write("b.zip", ZipImage((0..<3).map { .init("m\($0).txt", lines("b\($0)", count: 1)) }).bytes)
        let plain = try write("c.txt", lines("c", count: 2))
        var limits = ScanLimits()
        limits.maxArchiveMembers = 4
        let delegate = read([dir], ExportReader(importers: [TestLinesImporter()], scanLimits: limits))

        XCTAssertEqual(delegate.inputs.map(\.path), [first + "!m0.txt", first + "!m1.txt", first + "!m2.txt", second + "!m0.txt", plain])
        XCTAssertEqual(delegate.skipped.count, 1, "\(delegate.skipped)")
        XCTAssertEqual(delegate.skipped.first?.0, second)
        XCTAssertTrue(delegate.skipped.first?.1.contains("limit of 4 archive members") == true, "\(delegate.skipped)")
    }

    func testPlannedZipMembersStopAtTheScanMemberLimitNamingTheArchive() throws {
        let zip = try write("many.zip", ZipImage((0..<10).map { .init("m\($0).txt", lines("m\($0)", count: 1)) }).bytes)
        var limits = ScanLimits()
        limits.maxArchiveMembers = 6
        let reader = ExportReader(importers: [TestLinesImporter()], scanLimits: limits)
        var skipped: [(String, String)] = []
        let tasks = reader.plan(InputDiscovery().discover([zip]).files) { skipped.append(($0, $1)) }
        XCTAssertEqual(tasks.count, 6)
        XCTAssertEqual(skipped.map(\.0), [zip])
        XCTAssertTrue(skipped.first?.1.contains("limit of 6 archive members") == true, "\(skipped)")
    }

    func testBytesFromNestedArchivesAreBoundedForTheWholeScan() throws {
        // Three inner zips of 4,000-odd bytes of text each (deflated to a few hundred):
        // each alone is far inside every per-archive limit.
        let inner = (0..<3).map { n in ZipImage([.deflated("data.txt", lines("inner\(n)", count: 300))]).bytes }
        let outer = try write("outer.zip", ZipImage(inner.enumerated().map { .init("inner\($0.offset).zip", $0.element) }).bytes)
        let sibling = try write("sibling.txt", lines("s", count: 3))
        let innerText = lines("inner0", count: 300).count
        var limits = ScanLimits()
        // Room for the first inner archive's member (its head sniffed, then read) and little more.
        limits.maxNestedInflatedBytes = Int64(2 * innerText + 1_000)
        let delegate = read([dir], ExportReader(importers: [TestLinesImporter()], scanLimits: limits))

        let first = try XCTUnwrap(delegate.inputs.first { $0.path == outer + "!inner0.zip!data.txt" })
        XCTAssertEqual(first.events, 300)
        XCTAssertTrue(first.errors.isEmpty, "\(first.errors)")
        let stopped = delegate.skipped.filter { $0.1.contains("archives inside archives have given") }
            + delegate.inputs.flatMap { input in input.errors.filter { $0.contains("archives inside archives have given") }.map { (input.path, $0) } }
        XCTAssertTrue(stopped.contains { $0.0.hasPrefix(outer + "!inner1.zip") }, "\(delegate.skipped) \(delegate.inputs.map(\.errors))")
        XCTAssertTrue(stopped.contains { $0.0.hasPrefix(outer + "!inner2.zip") }, "\(delegate.skipped)")
        XCTAssertFalse(delegate.inputs.contains { $0.path.hasPrefix(outer + "!inner2.zip") && $0.events > 0 })
        XCTAssertEqual(delegate.inputs.first { $0.path == sibling }?.events, 3, "the rest of the scan goes on")
    }

    func testNestingDeeperThanTheLimitNamesTheArchiveAndSiblingsAreStillRead() throws {
        var bytes = ZipImage([.init("data.txt", lines("bottom", count: 1))]).bytes
        for level in 0..<5 { bytes = ZipImage([.init("level\(level).zip", bytes)]).bytes }
        let top = try write("top.zip", ZipImage([.init("deep.zip", bytes), .init("near.txt", lines("near", count: 2))]).bytes)
        let delegate = read([top], ExportReader(importers: [TestLinesImporter()]))
        XCTAssertEqual(delegate.inputs.map(\.path), [top + "!near.txt"])
        let deep = try XCTUnwrap(delegate.skipped.first)
        XCTAssertEqual(delegate.skipped.count, 1)
        XCTAssertTrue(deep.0.hasPrefix(top + "!deep.zip!level4.zip!level3.zip!level2.zip"), deep.0)
        XCTAssertEqual(deep.1, "archive nested more than 4 levels deep: not opened")
    }

    func testTgzMembersCountAgainstTheScanMemberLimit() throws {
        var tar = TarFixtureWriter()
        for n in 0..<5 { tar.add("t\(n).txt", lines("t\(n)", count: 1)) }
        tar.end()
        let tgz = try write("export.tgz", gzipFixture(tar.bytes))
        var limits = ScanLimits()
        limits.maxArchiveMembers = 2
        let delegate = read([tgz], ExportReader(importers: [TestLinesImporter()], scanLimits: limits))
        XCTAssertEqual(delegate.inputs.map(\.path), [tgz + "!t0.txt", tgz + "!t1.txt"])
        XCTAssertEqual(delegate.skipped.map(\.0), [tgz])
        XCTAssertTrue(delegate.skipped.first?.1.contains("limit of 2 archive members") == true, "\(delegate.skipped)")
    }
}
