import Foundation
import XCTest
@testable import Personas
import StewardCore
@testable import StewardPipeline

/// The whole scan in-process: persona exports in, findings and scores out.
final class ScanPipelineTests: XCTestCase {
    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules").path

    var dir: String!

    override func setUpWithError() throws {
        dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("steward-pipeline-\(UUID().uuidString)").path
        _ = try PersonaExportWriter(persona: PersonaCatalog.sam).write(to: dir)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func scan(jobs: Int, database: String? = nil) throws -> ScanReport {
        let ruleset = try Ruleset.load(directory: Self.rulesDirectory)
        return try ScanPipeline.run(ScanOptions(paths: [dir], rulesDirectory: Self.rulesDirectory,
                                                databasePath: database, jobs: jobs), ruleset: ruleset)
    }

    func testCountsAreExactAndIndependentOfParallelism() throws {
        let one = try scan(jobs: 1)
        let four = try scan(jobs: 4)
        XCTAssertEqual(one.inputs.map(\.events), four.inputs.map(\.events))
        XCTAssertEqual(one.findings.map(\.attribute), four.findings.map(\.attribute))
        XCTAssertEqual(one.findings.map(\.count), four.findings.map(\.count))
        XCTAssertEqual(one.scores.map(\.total), four.scores.map(\.total))
    }

    func testPersonaGamblingTransactionsAreCountedExactly() throws {
        let report = try scan(jobs: 2)
        let writer = PersonaExportWriter(persona: PersonaCatalog.sam)
        let ledger = writer.makeLedger()
        // Every card payment to a bookmaker or lottery the persona makes (MCC 7995).
        let bets = ledger.filter { $0.mcc == 7995 }.count
        XCTAssertGreaterThan(bets, 40)
        let gambling = try XCTUnwrap(report.findings.first { $0.attribute == "finance.gambling" })
        // One record per bet, per casino search, per casino visit: each counted once.
        let casinoSearches = PersonaCatalog.sam.searches.filter { $0.query == "casino bonus no deposit" }.reduce(0) { $0 + $1.times }
        let casinoVisits = (PersonaCatalog.sam.places?.visits ?? []).filter { $0.name.contains("Casino") }.reduce(0) { $0 + $1.times }
        XCTAssertEqual(gambling.ruleCounts?["finance.gambling.bookmaker"], bets)
        XCTAssertEqual(gambling.ruleCounts?["finance.gambling.search"], casinoSearches)
        XCTAssertEqual(gambling.ruleCounts?["finance.gambling.place_visit"], casinoVisits)
        XCTAssertEqual(gambling.count, bets + casinoSearches + casinoVisits)
        XCTAssertTrue(gambling.sources.contains("bank.ofx"))
        XCTAssertLessThanOrEqual(gambling.evidence.count, 20)
        // Evidence points back to exact places.
        for item in gambling.evidence {
            XCTAssertTrue(item.path.hasPrefix(dir))
            XCTAssertFalse(item.locator.isEmpty)
        }
        // Inputs: every record of the persona's files was parsed.
        let csv = try XCTUnwrap(report.inputs.first { $0.source == "bank.csv" })
        XCTAssertEqual(csv.events, ledger.filter { $0.account == .current }.count)
        let ofx = try XCTUnwrap(report.inputs.first { $0.source == "bank.ofx" })
        XCTAssertEqual(ofx.events, ledger.filter { $0.account == .card }.count)
        let searches = try XCTUnwrap(report.inputs.first { $0.source == "google.my_activity" })
        XCTAssertEqual(searches.events, PersonaCatalog.sam.searches.reduce(0) { $0 + $1.times })
    }

    func testScanIsStoredAndCanBeReadBack() throws {
        let db = dir + "-db/steward.db"
        defer { try? FileManager.default.removeItem(atPath: dir + "-db") }
        let report = try scan(jobs: 2, database: db)
        let stored = try XCTUnwrap(StoredScans.report(databasePath: db, scanId: nil))
        XCTAssertEqual(stored.scan.id, report.scan.id)
        XCTAssertEqual(stored.findings.map(\.count), report.findings.map(\.count))
        XCTAssertEqual(try StoredScans.list(databasePath: db).map(\.id), [report.scan.id])
    }

    func testMissingRulesFolderIsAClearError() {
        XCTAssertThrowsError(try RulesLocator.find(explicit: dir + "/no-rules")) { error in
            XCTAssertTrue("\(error)".contains("no-rules"))
        }
    }

    func testForgetRemovesOnlyStewardsFiles() throws {
        let data = dir + "-data"
        defer { try? FileManager.default.removeItem(atPath: data) }
        try OutputLocations.writePrivateFile("{}", to: OutputLocations.reportsDirectory(in: data) + "/x.json")
        let outside = dir + "/report.txt"
        let written = try OutputLocations.writePrivateFile("report", to: outside)
        try OutputLocations.remember(written, dataDirectory: data)
        let removed = ForgetPlan(dataDirectory: data, includeOutFiles: true).execute().removed
        XCTAssertTrue(removed.contains(outside))
        XCTAssertFalse(FileManager.default.fileExists(atPath: outside))
        XCTAssertFalse(FileManager.default.fileExists(atPath: data))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/bank/current-account.csv"))
    }

    func testForgetKeepsAReportThatChangedOrBecameAFolder() throws {
        let data = dir + "-data"
        defer { try? FileManager.default.removeItem(atPath: data) }
        let edited = dir + "/edited.txt"
        try OutputLocations.remember(try OutputLocations.writePrivateFile("report", to: edited), dataDirectory: data)
        try "the person's own notes".write(toFile: edited, atomically: false, encoding: .utf8)
        let folder = dir + "/folder.txt"
        try OutputLocations.remember(try OutputLocations.writePrivateFile("report", to: folder), dataDirectory: data)
        try FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        try "diary".write(toFile: folder + "/diary.txt", atomically: false, encoding: .utf8)

        let plan = ForgetPlan(dataDirectory: data, includeOutFiles: true)
        XCTAssertEqual(Set(plan.kept.map(\.path)), [edited, folder])
        XCTAssertTrue(plan.kept.allSatisfy { $0.keptBecause?.contains("changed since") == true }, "\(plan.kept)")
        _ = plan.execute()
        XCTAssertEqual(try String(contentsOfFile: edited, encoding: .utf8), "the person's own notes")
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/diary.txt"))
    }

    func testAReportIsNeverWrittenThroughALinkToAFileButMayGoToADevice() throws {
        let victim = dir + "/victim.txt"
        try "keep me".write(toFile: victim, atomically: false, encoding: .utf8)
        let planted = dir + "/report.html"
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim)
        XCTAssertThrowsError(try OutputLocations.writePrivateFile("report", to: planted)) { error in
            XCTAssertTrue("\(error)".contains("symbolic link"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "keep me")
        let dangling = dir + "/dangling.html"
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: dir + "/nowhere.html")
        XCTAssertThrowsError(try OutputLocations.writePrivateFile("report", to: dangling))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/nowhere.html"), "a dangling link creates nothing")
        let device = dir + "/null-link"
        try FileManager.default.createSymbolicLink(atPath: device, withDestinationPath: "/dev/null")
        XCTAssertNoThrow(try OutputLocations.writePrivateFile("report", to: device), "a link to a device, like /dev/stdout, is fine")
    }
}
