import Foundation
import XCTest
import HostileInputs
import Importers
@testable import Personas
import Reports
import Rules
import Archives
import StewardCore
@testable import StewardPipeline
import ZIPFoundation

/// The same data met twice (a copy, a zip beside its extracted folder, overlapping downloads,
/// a bank's CSV beside its OFX) is read or counted once (docs/duplicates.md).
final class OverlapScanTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("steward-overlap-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func scan(_ paths: [String], jobs: Int = 2) throws -> ScanReport {
        let ruleset = try Ruleset.load(directory: ScanPipelineTests.rulesDirectory)
        return try ScanPipeline.run(ScanOptions(paths: paths, rulesDirectory: ScanPipelineTests.rulesDirectory,
                                                databasePath: nil, jobs: jobs), ruleset: ruleset)
    }

    private func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private func counts(_ report: ScanReport) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: report.findings.map { ($0.attribute, $0.count) })
    }

    private func total(_ report: ScanReport, model: String) -> Int? {
        report.scores.first { $0.model == model }?.total
    }

    private func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    // MARK: identical copies

    func testDemoScannedWithACopyOfItselfGivesTheSameFindingsCountsAndScoresAsOnce() throws {
        let original = dir + "/sam", copy = dir + "/sam-again"
        _ = try PersonaExportWriter(persona: PersonaCatalog.sam).write(to: original)
        try FileManager.default.copyItem(atPath: original, toPath: copy)

        let once = try scan([original])
        let twice = try scan([original, copy], jobs: 3)
        XCTAssertEqual(counts(once)["finance.gambling"], 62)
        XCTAssertEqual(total(once, model: "citizen-1000"), 940)
        XCTAssertEqual(counts(twice)["finance.gambling"], 62)
        XCTAssertEqual(total(twice, model: "citizen-1000"), 940)
        XCTAssertEqual(try json(twice.findings), try json(once.findings))
        XCTAssertEqual(try json(twice.scores), try json(once.scores))
        XCTAssertEqual(try json(twice.inputs), try json(once.inputs))
        XCTAssertEqual(try json(twice.unrecognized), try json(once.unrecognized))
        XCTAssertEqual(try json(twice.knownFiles), try json(once.knownFiles))
        // Every file of the copy (read, not recognized, or a known companion file) is named as a
        // copy of the original's (the first path given is the one read), and nothing else merged.
        let files = (once.inputs.map(\.path) + once.unrecognized.map(\.path) + once.knownFiles.map(\.path)).sorted()
        let overlaps = try XCTUnwrap(twice.overlaps)
        XCTAssertEqual(overlaps.identicalFiles.map(\.path), files.map { copy + $0.dropFirst(original.count) })
        XCTAssertEqual(overlaps.identicalFiles.map(\.copyOf), files)
        XCTAssertEqual(overlaps.mergedRecords, [])
        XCTAssertNil(once.overlaps)
        XCTAssertEqual(overlaps.sentences(scanPaths: twice.scan.paths),
                       ["\(files.count) files in \(copy) are identical copies of files in \(original): read once"])
    }

    func testZipAndItsExtractedFolderAreReadOnce() throws {
        let exports = dir + "/sam"
        _ = try PersonaExportWriter(persona: PersonaCatalog.sam).write(to: exports)
        let zip = exports + "/takeout-20260301T090000Z-001.zip"
        let extracted = dir + "/extracted"
        try FileManager.default.unzipItem(at: URL(fileURLWithPath: zip), to: URL(fileURLWithPath: extracted))

        let once = try scan([exports])
        let both = try scan([exports, extracted])
        XCTAssertEqual(try json(both.findings), try json(once.findings))
        XCTAssertEqual(try json(both.scores), try json(once.scores))
        let members = try Archive(url: URL(fileURLWithPath: zip), accessMode: .read).filter { $0.type == .file }.map(\.path)
        let overlaps = try XCTUnwrap(both.overlaps)
        XCTAssertEqual(overlaps.identicalFiles.map(\.path), members.map { extracted + "/" + $0 }.sorted())
        XCTAssertEqual(Set(overlaps.identicalFiles.map(\.copyOf)), Set(members.map { zip + "!" + $0 }))
        XCTAssertEqual(overlaps.mergedRecords, [])
    }

    func testIdenticalFilesAreReadOnceAndTheReportNamesThem() throws {
        let statement = "Date,Description,Amount,Balance\n02/03/2025,BET365 DEPOSIT,-20.00,100.00\n03/03/2025,Tesco Stores,-12.40,87.60\n"
        try write(statement, to: dir + "/downloads/statement.csv")
        try write(statement, to: dir + "/downloads/statement (1).csv")

        let report = try scan([dir + "/downloads"])
        XCTAssertEqual(report.inputs.map(\.path), [dir + "/downloads/statement (1).csv"])
        XCTAssertEqual(report.overlaps?.identicalFiles,
                       [.init(path: dir + "/downloads/statement.csv", copyOf: dir + "/downloads/statement (1).csv")])
        XCTAssertEqual(counts(report)["finance.gambling"], 1)

        let line = "1 file is an identical copy of another file in \(dir!)/downloads: read once"
        XCTAssertEqual(report.overlaps?.sentences(scanPaths: report.scan.paths), [line])
        XCTAssertTrue(TerminalReporter(color: false, width: 1000).render(report).contains("merged: " + line))
        XCTAssertTrue(HTMLReporter().render(report).contains("<li>merged: " + line + "</li>"))
        XCTAssertTrue(MarkdownReporter().render(report).contains("- merged: "))
        let document = JSONReporter().render(report)
        XCTAssertTrue(document.contains("\"overlaps\""))
        XCTAssertTrue(document.contains("\"copyOf\": \"\(dir!)/downloads/statement (1).csv\""))
    }

    func testAWhatIfThatExcludesOneCopyStillCountsTheOther() throws {
        let statement = "Date,Description,Amount,Balance\n02/03/2025,BET365 DEPOSIT,-20.00,100.00\n"
        try write(statement, to: dir + "/a/statement.csv")
        try write(statement, to: dir + "/b/statement.csv")
        let ruleset = try Ruleset.load(directory: ScanPipelineTests.rulesDirectory)
        var options = ScanOptions(paths: [dir + "/a", dir + "/b"], rulesDirectory: ScanPipelineTests.rulesDirectory,
                                  databasePath: nil, jobs: 1)
        options.excludedPaths = [dir + "/a/statement.csv"]
        let report = try ScanPipeline.run(options, ruleset: ruleset)
        XCTAssertEqual(report.inputs.map(\.path), [dir + "/b/statement.csv"])
        XCTAssertEqual(counts(report)["finance.gambling"], 1)
    }

    // MARK: overlapping exports

    /// Splits the persona's Takeout by month into two downloads that share the middle half of
    /// the months, as two Takeouts requested months apart do.
    func testTwoOverlappingTakeoutsCountTheSharedMonthsOnce() throws {
        let exports = dir + "/sam"
        _ = try PersonaExportWriter(persona: PersonaCatalog.sam).write(to: exports, zipTakeout: false)
        let takeout = exports + "/Takeout"
        let recordsPath = "Location History (Timeline)/Records.json"
        let searchPath = "My Activity/Search/MyActivity.json"
        let records = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: takeout + "/" + recordsPath))) as? [String: Any])
        let locations = try XCTUnwrap(records["locations"] as? [[String: Any]])
        let searches = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: takeout + "/" + searchPath))) as? [[String: Any]])
        func month(_ text: Any?) -> String { String(((text as? String) ?? "").prefix(7)) }
        let months = Set(locations.map { month($0["timestamp"]) }).union(searches.map { month($0["time"]) }).sorted()
        XCTAssertGreaterThanOrEqual(months.count, 8)
        let first = Set(months[..<(months.count * 3 / 4)]), second = Set(months[(months.count / 4)...])
        let shared = first.intersection(second)
        XCTAssertEqual(shared.count * 2, months.count, "half the months in both downloads")

        for (name, wanted) in [("takeout-1", first), ("takeout-2", second), ("takeout-all", Set(months))] {
            let root = dir + "/" + name + "/Takeout/"
            let kept = locations.filter { wanted.contains(month($0["timestamp"])) }
            try FileManager.default.createDirectory(atPath: root + "Location History (Timeline)", withIntermediateDirectories: true)
            try JSONSerialization.data(withJSONObject: ["locations": kept]).write(to: URL(fileURLWithPath: root + recordsPath))
            try FileManager.default.createDirectory(atPath: root + "My Activity/Search", withIntermediateDirectories: true)
            try JSONSerialization.data(withJSONObject: searches.filter { wanted.contains(month($0["time"])) })
                .write(to: URL(fileURLWithPath: root + searchPath))
        }

        let whole = try scan([dir + "/takeout-all"])
        let overlapping = try scan([dir + "/takeout-1", dir + "/takeout-2"], jobs: 3)
        XCTAssertEqual(counts(overlapping), counts(whole))
        XCTAssertEqual(overlapping.findings.map(\.ruleCounts), whole.findings.map(\.ruleCounts))
        XCTAssertEqual(try json(overlapping.scores), try json(whole.scores))
        XCTAssertGreaterThan(counts(whole)["mobility.home"] ?? 0, 0)

        let merged = try XCTUnwrap(overlapping.overlaps).mergedRecords
        let sharedFixes = locations.filter { shared.contains(month($0["timestamp"])) }.count
        XCTAssertEqual(merged.first { $0.inputs.allSatisfy { $0.hasSuffix("Records.json") } }?.records, sharedFixes)
        XCTAssertGreaterThan(merged.first { $0.inputs.allSatisfy { $0.hasSuffix("MyActivity.json") } }?.records ?? 0, 0)
        // The report's line sums them per download.
        let total = merged.reduce(0) { $0 + $1.records }
        XCTAssertEqual(overlapping.overlaps?.sentences(scanPaths: overlapping.scan.paths),
                       ["\(dir!)/takeout-1 and \(dir!)/takeout-2 overlap: \(total) records counted once"])
    }

    func testALoneTakeoutEntersNoneOfItsMyActivityRecordsOrVisitsButTwoDownloadsSearchHistoriesAreEntered() throws {
        // At benchmark scales the Takeout holds a search history and a YouTube watch history:
        // two files of one family whose products differ, so neither can repeat the other.
        _ = try PersonaExportWriter(persona: PersonaCatalog.sam, scale: 2).write(to: dir + "/one", zipTakeout: false)
        let search = dir + "/one/Takeout/My Activity/Search/MyActivity.json"
        let youtube = dir + "/one/Takeout/YouTube and YouTube Music/history/watch-history.json"
        func ledger(_ paths: [String]) -> OverlapLedger {
            let options = ScanOptions(paths: paths, rulesDirectory: ScanPipelineTests.rulesDirectory, databasePath: nil, jobs: 2)
            let reader = ExportReader()
            let planned = reader.plan(InputDiscovery().discover(paths).files) { _, _ in }
            return OverlapPlanning.plan(planned, options: options, reader: reader, excludes: { _ in false }).ledger
        }
        let lone = ledger([dir + "/one"])
        XCTAssertFalse(lone.claims(source: "google.my_activity", kind: .search, path: search))
        XCTAssertFalse(lone.claims(source: "google.my_activity", kind: .search, path: youtube))
        // Its Semantic Location History month files hold one month each: no visit is checked.
        let months = try XCTUnwrap(FileManager.default.subpathsOfDirectory(atPath: dir + "/one/Takeout/Location History (Timeline)/Semantic Location History")
            .filter { $0.hasSuffix(".json") })
        XCTAssertGreaterThan(months.count, 1)
        for month in months {
            let path = dir + "/one/Takeout/Location History (Timeline)/Semantic Location History/" + month
            XCTAssertFalse(lone.gate.checks(source: "google.semantic_location", kind: .visit, path: path), month)
            XCTAssertFalse(lone.claims(source: "google.semantic_location", kind: .visit, path: path), month)
        }
        // Records.json is of the same family, but its fixes can meet no other input's fixes.
        let records = dir + "/one/Takeout/Location History (Timeline)/Records.json"
        XCTAssertFalse(lone.claims(source: "google.location_records", kind: .location, path: records))
        // A second download with a newer search history: both search histories are entered.
        try FileManager.default.createDirectory(atPath: dir + "/two/Search", withIntermediateDirectories: true)
        try Data(#"[{"header":"Search","title":"Searched for bet365 odds","time":"2026-02-01T10:00:00Z","products":["Search"]}]"#.utf8)
            .write(to: URL(fileURLWithPath: dir + "/two/Search/MyActivity.json"))
        let two = ledger([dir + "/one", dir + "/two"])
        XCTAssertTrue(two.claims(source: "google.my_activity", kind: .search, path: search))
        XCTAssertTrue(two.claims(source: "google.my_activity", kind: .search, path: dir + "/two/Search/MyActivity.json"))
        XCTAssertFalse(two.claims(source: "google.my_activity", kind: .search, path: youtube))
    }

    private static let bankCSV = """
        Date,Description,Amount,Balance
        02/03/2025,BET365 DEPOSIT,-20.00,480.00
        02/03/2025,BET365 DEPOSIT,-20.00,460.00
        04/03/2025,Tesco Stores 2231,-12.40,447.60
        09/03/2025,BET365 DEPOSIT,-35.00,412.60
        11/03/2025,Oxfam donation,-10.00,402.60
        14/03/2025,Pret A Manger,-4.50,398.10

        """

    /// The same six transactions as the CSV, as the bank's OFX writes them: times of day, an
    /// MCC, FITIDs and names cut differently.
    private static let bankOFX = """
        OFXHEADER:100
        DATA:OFXSGML
        VERSION:102
        SECURITY:NONE
        ENCODING:USASCII
        CHARSET:1252
        COMPRESSION:NONE
        OLDFILEUID:NONE
        NEWFILEUID:NONE

        <OFX>
        <BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
        <STMTRS><CURDEF>GBP<BANKACCTFROM><BANKID>400000<ACCTID>12345678<ACCTTYPE>CHECKING</BANKACCTFROM>
        <BANKTRANLIST>
        <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250302101500[0:GMT]<TRNAMT>-20.00<FITID>T1<SIC>7995<NAME>BET365 DEPOSIT</STMTTRN>
        <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250302213000[0:GMT]<TRNAMT>-20.00<FITID>T2<SIC>7995<NAME>BET365 DEPOSIT</STMTTRN>
        <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250304120000[0:GMT]<TRNAMT>-12.4<FITID>T3<SIC>5411<NAME>TESCO STORES</STMTTRN>
        <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250309180000[0:GMT]<TRNAMT>-35.00<FITID>T4<SIC>7995<NAME>BET365 DEPOSIT</STMTTRN>
        <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250311090000[0:GMT]<TRNAMT>-10.00<FITID>T5<NAME>OXFAM DONATION</STMTTRN>
        <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250314083000[0:GMT]<TRNAMT>-4.50<FITID>T6<SIC>5814<NAME>PRET A MANGER</STMTTRN>
        </BANKTRANLIST>
        </STMTRS></STMTTRNRS></BANKMSGSRSV1>
        </OFX>

        """

    func testCSVAndOFXOfTheSameTransactionsCountEachTransactionOnce() throws {
        try write(Self.bankCSV, to: dir + "/bank/statement.csv")
        try write(Self.bankOFX, to: dir + "/bank/statement.ofx")
        let csvOnly = try scan([dir + "/bank/statement.csv"])
        let ofxOnly = try scan([dir + "/bank/statement.ofx"])
        let both = try scan([dir + "/bank"])
        // Two deposits of 20.00 on one day are two deposits, in each file and in both.
        XCTAssertEqual(counts(csvOnly)["finance.gambling"], 3)
        XCTAssertEqual(counts(ofxOnly)["finance.gambling"], 3)
        XCTAssertEqual(counts(both)["finance.gambling"], 3)
        XCTAssertEqual(counts(both)["civic.charity"], counts(csvOnly)["civic.charity"])
        XCTAssertEqual(both.overlaps?.mergedRecords,
                       [.init(inputs: [dir + "/bank/statement.csv", dir + "/bank/statement.ofx"], records: 6)])
        XCTAssertEqual(both.overlaps?.identicalFiles, [])
        XCTAssertEqual(both.overlaps?.sentences(scanPaths: both.scan.paths),
                       ["\(dir!)/bank/statement.csv and \(dir!)/bank/statement.ofx overlap: 6 records counted once"])
        // The finding keeps both sources, and its evidence shows each deposit once.
        let gambling = try XCTUnwrap(both.findings.first { $0.attribute == "finance.gambling" })
        XCTAssertEqual(gambling.sources, ["bank.csv", "bank.ofx"])
        XCTAssertEqual(gambling.evidence.count, 3)
    }

    /// A Google Play purchase in the Takeout's Google Pay transactions, booked by the bank two
    /// days later under "GOOGLE *…", beside an Amazon order the bank books under "AMZN Mktp".
    private static let googlePayCharges = "Time,Transaction ID,Description,Product,Payment method,Status,Amount\n"
        + "\"Mar 1, 2025, 3:13\u{202F}PM\",GPA.3391-0001-2222-33333,Lucky Slots Casino Coins,Google Play Apps,Visa •••• 4242,Complete,GBP 4.99\n"
        + "\"Mar 9, 2025, 8:00\u{202F}PM\",GPA.3391-0001-2222-44444,YouTube Premium,YouTube,Visa •••• 4242,Complete,GBP 12.99\n"
    private static let cardStatement = """
        Date,Description,Amount,Balance
        03/03/2025,GOOGLE *Lucky Slots Casino,-4.99,495.01
        04/03/2025,AMZN Mktp UK*2K4L10,-49.99,445.02
        14/03/2025,Tesco Stores 2231,-12.40,432.62

        """

    func testAWalletPurchaseAndItsBankBookingCountOnceWithEitherNumberOfWorkers() throws {
        try write(Self.cardStatement, to: dir + "/bank/statement.csv")
        try write(Self.googlePayCharges, to: dir + "/Takeout/Google Pay/Google transactions/transactions_1234567.csv")
        XCTAssertEqual(counts(try scan([dir + "/bank/statement.csv"]))["finance.gambling"], 1)
        XCTAssertEqual(counts(try scan([dir + "/Takeout"]))["finance.gambling"], 1)
        for jobs in [1, 2] {
            let both = try scan([dir + "/bank", dir + "/Takeout"], jobs: jobs)
            XCTAssertEqual(counts(both)["finance.gambling"], 1, "jobs \(jobs): one payment, listed by Google Pay and booked by the bank")
            XCTAssertEqual(both.overlaps?.mergedRecords,
                           [.init(inputs: [dir + "/Takeout/Google Pay/Google transactions/transactions_1234567.csv",
                                           dir + "/bank/statement.csv"], records: 1)],
                           "the YouTube charge has no booking and stays; the Amazon booking has no order here")
        }
    }

    /// Strava's export lists each workout as a row of activities.csv and again as the session
    /// of its uploaded file; the run (FIT) and the ride (TCX) count once each.
    func testAStravaWorkoutListedInActivitiesCSVAndInItsFITAndTCXFilesCountsOnce() throws {
        let export = dir + "/export_12345"
        try write("""
            Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename
            101,"Mar 1, 2024, 6:30:00 AM",Morning Run,Run,,1800,5.20,activities/101.fit
            102,"Mar 2, 2024, 4:00:00 PM",Afternoon Ride,Ride,,1800,12.00,activities/102.tcx
            103,"Mar 5, 2024, 7:15:00 PM",Evening Weights,Weight Training,,2700,0.00,

            """, to: export + "/activities.csv")
        try FileManager.default.createDirectory(atPath: export + "/activities", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: export + "/activities/101.fit", contents: Data(FITImage.runningActivity().bytes()))
        try write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
             <Activities><Activity Sport="Biking"><Id>2024-03-02T16:00:00.000Z</Id>
              <Lap StartTime="2024-03-02T16:00:00.000Z"><TotalTimeSeconds>1800.0</TotalTimeSeconds><DistanceMeters>12000.0</DistanceMeters></Lap>
             </Activity></Activities>
            </TrainingCenterDatabase>
            """, to: export + "/activities/102.tcx")
        let csvOnly = try scan([export + "/activities.csv"])
        XCTAssertEqual(counts(csvOnly)["health.fitness"], 3)
        for jobs in [1, 2] {
            let whole = try scan([export], jobs: jobs)
            XCTAssertEqual(Set(whole.inputs.map(\.source)), ["strava.activities", "fit.activity", "tcx.activity"])
            XCTAssertEqual(counts(whole)["health.fitness"], 3, "jobs \(jobs): three workouts, two of them also in their own files")
            XCTAssertEqual(whole.overlaps?.mergedRecords.map(\.records).reduce(0, +), 2)
        }
    }

    func testOverlapCountsDoNotDependOnTheNumberOfWorkers() throws {
        try write(Self.bankCSV, to: dir + "/bank/statement.csv")
        try write(Self.bankOFX, to: dir + "/bank/statement.ofx")
        let one = try scan([dir + "/bank"], jobs: 1)
        let two = try scan([dir + "/bank"], jobs: 2)
        XCTAssertEqual(try json(one.findings), try json(two.findings))
        XCTAssertEqual(one.overlaps, two.overlaps)
    }

    func testExplainListsARecordReadFromTwoInputsOnceAndNamesTheOther() throws {
        try write(Self.bankCSV, to: dir + "/bank/statement.csv")
        try write(Self.bankOFX, to: dir + "/bank/statement.ofx")
        let database = dir + "/steward.db"
        let ruleset = try Ruleset.load(directory: ScanPipelineTests.rulesDirectory)
        let report = try ScanPipeline.run(ScanOptions(paths: [dir + "/bank"], rulesDirectory: ScanPipelineTests.rulesDirectory,
                                                      databasePath: database, jobs: 2), ruleset: ruleset)
        let stored = try XCTUnwrap(StoredScans.report(databasePath: database, scanId: report.scan.id))
        let finding = try XCTUnwrap(stored.findings.first { $0.attribute == "finance.gambling" })
        let evidence = try StoredScans.evidence(databasePath: database, scanId: report.scan.id, rules: finding.rules)
        XCTAssertEqual(stored.overlaps, report.overlaps, "the stored report keeps what was merged")
        XCTAssertEqual(evidence.count, 3)
        XCTAssertEqual(evidence.map(\.path), Array(repeating: dir + "/bank/statement.csv", count: 3))
        XCTAssertTrue(evidence.allSatisfy { $0.excerpt.hasSuffix("(also in \(dir!)/bank/statement.ofx)") })
    }
}
