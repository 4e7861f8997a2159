import Foundation
import XCTest
import HostileInputs
@testable import Reports
import StewardCore
@testable import StewardPipeline
@testable import Store

/// An archive of tens of thousands of files no importer reads: the report lists the first
/// hundred and counts every one, by kind of reason (docs/privacy.md, "Limits").
final class UnreadFilesLimitTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "steward-unread-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let statement = "Date,Description,Amount,Balance\n02/03/2025,Tesco Stores,-12.40,87.60\n"
        try Data(statement.utf8).write(to: URL(fileURLWithPath: dir + "/statement.csv"))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func scan(database: String? = nil) throws -> ScanReport {
        let ruleset = try Ruleset.load(directory: ScanPipelineTests.rulesDirectory)
        return try ScanPipeline.run(ScanOptions(paths: [dir], rulesDirectory: ScanPipelineTests.rulesDirectory,
                                                databasePath: database, jobs: 2), ruleset: ruleset)
    }

    func testTwentyThousandUnrecognizedMembersListAHundredAndCountEveryOne() throws {
        // Distinct bytes per member: identical members would be read once as copies.
        let members = (0..<20_000).map { ZipImage.Member(String(format: "junk/%05d.bin", $0), [0x00, 0x01, UInt8($0 & 0xFF), UInt8($0 >> 8)]) }
        try Data(ZipImage(members).bytes).write(to: URL(fileURLWithPath: dir + "/many.zip"))
        let db = dir + "/db/steward.db"
        try FileManager.default.createDirectory(atPath: dir + "/db", withIntermediateDirectories: true)

        let report = try scan(database: db)

        XCTAssertEqual(report.unrecognized.count, UnreadFiles.listLimit)
        guard report.unrecognized.count == UnreadFiles.listLimit else { return }
        XCTAssertEqual(report.unrecognized.map(\.path), (0..<100).map { dir + "/many.zip!" + String(format: "junk/%05d.bin", $0) })
        let totals = try XCTUnwrap(report.unreadTotals)
        XCTAssertEqual(totals.unrecognized, 20_000)
        XCTAssertEqual(report.unrecognizedCount, 20_000)
        XCTAssertEqual(totals.byReason, [.init(reason: "not recognized", files: 20_000)])

        let terminal = TerminalReporter(color: false, width: 200).render(report)
        XCTAssertTrue(terminal.contains("FILES NOT RECOGNIZED (20,000)"), terminal)
        XCTAssertTrue(terminal.contains("… and 19,900 more (20,000 in all: 20,000 not recognized)"), terminal)
        XCTAssertFalse(terminal.contains("junk/00100.bin"))
        for format in [MarkdownReporter().render(report), HTMLReporter().render(report)] {
            XCTAssertTrue(format.contains("19,900 more"), String(format.prefix(400)))
        }
        let json = Data(JSONReporter().render(report).utf8)
        XCTAssertEqual(try JSONDecoder().decode(ScanReport.self, from: json).unreadTotals, totals)

        let store = try ReportStore(path: db)
        defer { store.close() }
        XCTAssertEqual(try store.unreadCounts(scanId: report.scan.id), [.init(reason: "not recognized", files: 20_000)])
        XCTAssertEqual(try store.report(scanId: report.scan.id)?.unreadTotals, totals)
    }

    func testTheScanMemberLimitOfScanOptionsStopsAnArchiveAndNamesIt() throws {
        let members = (0..<10).map { ZipImage.Member("m\($0).bin", [0x00, UInt8($0)]) }
        try Data(ZipImage(members).bytes).write(to: URL(fileURLWithPath: dir + "/ten.zip"))
        var options = ScanOptions(paths: [dir], rulesDirectory: ScanPipelineTests.rulesDirectory, databasePath: nil, jobs: 2)
        options.scanLimits.maxArchiveMembers = 4
        let report = try ScanPipeline.run(options, ruleset: try Ruleset.load(directory: ScanPipelineTests.rulesDirectory))
        XCTAssertEqual(report.unrecognized.filter { $0.path.hasPrefix(dir + "/ten.zip!") }.count, 4)
        let stop = try XCTUnwrap(report.unrecognized.first { $0.path == dir + "/ten.zip" })
        XCTAssertTrue(stop.reason.contains("limit of 4 archive members"), stop.reason)
        XCTAssertEqual(report.inputs.map(\.path), [dir + "/statement.csv"])
    }

    func testAShortListIsCompleteAndCarriesNoTotals() throws {
        try Data([0x00, 0x01]).write(to: URL(fileURLWithPath: dir + "/one.bin"))
        let report = try scan()
        XCTAssertEqual(report.unrecognized.map(\.path), [dir + "/one.bin"])
        XCTAssertNil(report.unreadTotals)
        XCTAssertFalse(TerminalReporter(color: false, width: 200).render(report).contains("more ("))
    }

    func testTheListKeptIsTheFirstByPathWhateverTheOrderAdded() {
        var a = UnreadFiles(limit: 3)
        var b = UnreadFiles(limit: 3)
        for n in [9, 4, 7, 1, 8] { a.add(.init(path: "p\(n)", reason: "looks like plain text")) }
        for n in [6, 2, 5] { b.add(.init(path: "p\(n)", reason: "damaged or unsupported ZIP archive: x")) }
        a.add(b)
        XCTAssertEqual(a.listed.map(\.path), ["p1", "p2", "p4"])
        XCTAssertEqual(a.total, 8)
        XCTAssertEqual(a.omitted, 5)
        XCTAssertEqual(a.byReason, [.init(reason: "not recognized", files: 5), .init(reason: "damaged or unreadable", files: 3)])
    }

    func testReasonsAreSortedIntoTheirKinds() {
        let cases: [(String, UnreadReason)] = [
            ("stopped reading: member inflates past 64 MiB (possible zip bomb)", .overLimit),
            ("archive nested more than 4 levels deep: not opened", .overLimit),
            ("damaged or unsupported ZIP archive: truncated", .damaged),
            ("cannot read: Permission denied", .damaged),
            ("symbolic link inside an archive: not followed", .linkNotFollowed),
            ("symbolic link that leaves the scanned folder: not followed", .linkNotFollowed),
            ("not a regular file (device, socket or pipe)", .notRegularFile),
            ("no such file or folder", .missing),
            ("SQLite database inside an archive: extract it first", .insideArchive),
            ("PDF document: steward reads machine-readable exports, not PDFs", .notRecognized),
        ]
        for (reason, kind) in cases { XCTAssertEqual(UnreadReason.of(reason), kind, reason) }
    }
}
