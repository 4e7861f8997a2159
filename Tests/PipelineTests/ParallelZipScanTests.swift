import Foundation
import XCTest
import Importers
@testable import Personas
import StewardCore
@testable import StewardPipeline
import ZIPFoundation
@testable import Archives

/// Members of one zip on disk are read by several workers at once; the report must not show it.
final class ParallelZipScanTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("steward-parallel-zip-\(UUID().uuidString)").path
        // Scale 3: the Takeout zip holds Search and YouTube My Activity, Chrome history,
        // Records.json and a dozen Semantic Location History months.
        _ = try PersonaExportWriter(persona: PersonaCatalog.sam, scale: 3).write(to: dir)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private var takeoutZip: String { dir + "/takeout-20260301T090000Z-001.zip" }

    private func scan(jobs: Int) throws -> ScanReport {
        let ruleset = try Ruleset.load(directory: ScanPipelineTests.rulesDirectory)
        return try ScanPipeline.run(ScanOptions(paths: [dir], rulesDirectory: ScanPipelineTests.rulesDirectory,
                                                databasePath: nil, jobs: jobs), ruleset: ruleset)
    }

    private func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func testPlanSplitsADiskZipIntoItsMembers() throws {
        let files = InputDiscovery().discover([takeoutZip]).files
        XCTAssertEqual(files.count, 1)
        var skipped: [String] = []
        let tasks = ExportReader().plan(files) { path, _ in skipped.append(path) }
        let archive = try Archive(url: URL(fileURLWithPath: takeoutZip), accessMode: .read)
        let memberFiles = archive.filter { $0.type == .file }.map { takeoutZip + "!" + $0.path }
        XCTAssertGreaterThan(memberFiles.count, 10)
        XCTAssertEqual(tasks.map(\.displayPath), memberFiles)
        XCTAssertEqual(skipped, [])
        // Anything that is not a zip stays one task.
        let csv = InputDiscovery().discover([dir + "/bank/current-account.csv"]).files
        XCTAssertEqual(ExportReader().plan(csv) { _, _ in }.map(\.displayPath), csv.map(\.displayPath))
    }

    func testParallelZipReportEqualsSequentialReport() throws {
        let one = try scan(jobs: 1)
        let three = try scan(jobs: 3)
        XCTAssertGreaterThan(one.inputs.filter { $0.path.contains(".zip!") }.count, 10)
        XCTAssertEqual(try json(one.inputs), try json(three.inputs))
        XCTAssertEqual(try json(one.unrecognized), try json(three.unrecognized))
        XCTAssertEqual(try json(one.findings), try json(three.findings))
        XCTAssertEqual(try json(one.scores), try json(three.scores))
        XCTAssertTrue(one.findings.contains { $0.attribute == "finance.gambling" })
    }

    func testDamagedZipIsReportedOnceNotPerMember() throws {
        let damaged = dir + "/damaged.zip"
        // A local-file header and nothing else: looks like a zip, has no central directory.
        try Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 60)).write(to: URL(fileURLWithPath: damaged))
        let report = try scan(jobs: 2)
        let reported = report.unrecognized.filter { $0.path.hasSuffix("damaged.zip") || $0.path.contains("damaged.zip!") }
        XCTAssertEqual(reported.map(\.path), [damaged])
    }
}
