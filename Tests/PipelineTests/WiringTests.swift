import Foundation
import XCTest
import Importers
import Personas
import Rules
import StewardCore
import StewardPipeline
import Archives
import RuleFileReading
import Reports

/// Checks the wiring between importers and rules, not the parts: a rule that names a source
/// no importer emits never fires, and an importer whose records reach no rule or analyzer
/// feeds nothing. `ImporterEventCatalog` says what each importer emits and, with a reason,
/// which of its kinds nothing reads (docs/architecture.md, "Wiring").
final class WiringTests: XCTestCase {
    static let loaded: Result<RuleSet, RuleFileError> = {
        do throws(RuleFileError) { return .success(try RuleSet.load(directory: ScanPipelineTests.rulesDirectory)) }
        catch { return .failure(error) }
    }()

    private var emittingEntries: [ImporterEventCatalog.Entry] { ImporterEventCatalog.entries.filter { !$0.kinds.isEmpty } }

    func testExportCoverageNamesOnlyRegisteredImporters() {
        let unknown = ExportCoverage.namedSources.subtracting(ImporterRegistry.all.map(\.id)).sorted()
        XCTAssertEqual(unknown, [], "ExportCoverage names importers the registry does not have")
    }

    func testEveryRegisteredImporterHasExactlyOneCatalogEntry() {
        let registered = ImporterRegistry.all.map(\.id)
        let catalogued = ImporterEventCatalog.entries.map(\.importer)
        XCTAssertEqual(Set(registered).subtracting(catalogued).sorted(), [], "importers missing from ImporterEventCatalog")
        XCTAssertEqual(Set(catalogued).subtracting(registered).sorted(), [], "catalog entries of no registered importer")
        XCTAssertEqual(catalogued.count, Set(catalogued).count, "an importer catalogued twice")
        for entry in ImporterEventCatalog.entries {
            XCTAssertTrue(registered.contains(entry.eventSource), "\(entry.importer): emits source \(entry.eventSource), which is no importer's id")
            if entry.kinds.isEmpty {
                XCTAssertNotNil(entry.emitsNothingBecause, "\(entry.importer): emits nothing and does not say why")
            }
            XCTAssertEqual(Set(entry.unread.keys).subtracting(entry.kinds), [], "\(entry.importer): unread kinds it does not emit")
            for (kind, reason) in entry.unread {
                XCTAssertGreaterThan(reason.count, 20, "\(entry.importer) \(kind.rawValue): the reason must say why")
            }
        }
    }

    func testEverySourcePatternOfRulesAndAnalyzersMatchesAnEmittedSource() throws {
        let set = try Self.loaded.get()
        let sources = Set(emittingEntries.map(\.eventSource))
        for rule in set.rules {
            for pattern in rule.match.sources where !sources.contains(where: pattern.matches) {
                XCTFail("\(rule.file):\(rule.line): rule \(rule.id) names source '\(pattern)', which no importer emits")
            }
        }
        for analyzer in set.analyzers {
            for pattern in analyzer.input.sources where !sources.contains(where: pattern.matches) {
                XCTFail("\(analyzer.file):\(analyzer.line): analyzer \(analyzer.id) names source '\(pattern)', which no importer emits")
            }
        }
    }

    func testEveryEmittedKindReachesARuleOrAnalyzerOrSaysWhyNot() throws {
        let set = try Self.loaded.get()
        for entry in emittingEntries {
            for kind in entry.kinds.sorted(by: { $0.rawValue < $1.rawValue }) {
                let rules = set.rules.filter { $0.match.admits(source: entry.eventSource, kind: kind) }.map(\.id)
                let analyzers = set.analyzers.filter { $0.input.admits(source: entry.eventSource, kind: kind) }.map(\.id)
                let reached = !rules.isEmpty || !analyzers.isEmpty
                if let reason = entry.unread[kind] {
                    XCTAssertFalse(reached, "\(entry.importer) \(kind.rawValue): listed as unread (\(reason)) but read by \(rules + analyzers); remove the entry")
                } else {
                    XCTAssertTrue(reached, "\(entry.importer) emits \(entry.eventSource) \(kind.rawValue) records, which no rule or analyzer reads: add a rule, or say why in ImporterEventCatalog")
                }
            }
        }
    }

    /// The issue that started these tests: the same visits from Chrome's own database and from
    /// the Takeout copy of the history must find the same attributes.
    func testChromeVisitsFindTheSameAttributesFromTakeoutAndFromTheDatabase() throws {
        let set = try Self.loaded.get()
        func attributes(source: String) -> [String] {
            let session = InferenceSession(ruleSet: set)
            for (i, url) in ["https://www.bet365.com/#/HO/", "https://tinder.com/app/recs"].enumerated() {
                _ = session.process(Event(source: source, kind: .pageView, time: Timestamp.parseISO8601(Array("2024-02-10T23:4\(i):00Z".utf8)),
                                      url: url, position: .line(i + 1)), path: "history")
            }
            return session.findings().map(\.attribute).sorted()
        }
        XCTAssertEqual(attributes(source: "browser.chrome"), ["finance.gambling", "life.dating"])
        XCTAssertEqual(attributes(source: "google.chrome_history"), attributes(source: "browser.chrome"))
    }

    /// Records the wiring tests found unread before their sources were added to the rules.
    func testPlatformSearchesLinkedInMessagesAndChannelSubscriptionsFindAttributes() throws {
        let set = try Self.loaded.get()
        func attributes(_ event: Event) -> [String] {
            let session = InferenceSession(ruleSet: set)
            _ = session.process(event, path: "export")
            return session.findings().map(\.attribute)
        }
        let time = Timestamp.parseISO8601(Array("2024-03-02T18:00:00Z".utf8))
        XCTAssertEqual(attributes(Event(source: "meta.facebook", kind: .search, time: time, text: "casino bonus no deposit", position: .line(1))),
                       ["finance.gambling"])
        XCTAssertEqual(attributes(Event(source: "tiktok.json", kind: .search, time: time, text: "casino bonus no deposit", position: .line(1))),
                       ["finance.gambling"])
        XCTAssertEqual(attributes(Event(source: "linkedin.csv", kind: .message, time: time, text: "join the protest tomorrow", position: .line(1))),
                       ["politics.protest"])
        XCTAssertEqual(attributes(Event(source: "google.youtube_subscriptions", kind: .like, counterparty: "Bible Study Together",
                                        position: .line(2))), ["belief.religion"])
    }

    /// PayPal's activity download is read by the bank statement parser under a source of its
    /// own, `bank.paypal`: the bank rules (`bank.*`) read its payments.
    func testPayPalActivityDownloadIsReadAsBankPayPalAndReachesTheBankRules() throws {
        let dir = try Self.payPalFolder(withBankStatement: false)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ruleset = try Ruleset.load(directory: ScanPipelineTests.rulesDirectory)
        let report = try ScanPipeline.run(ScanOptions(paths: [dir], rulesDirectory: ScanPipelineTests.rulesDirectory, databasePath: nil, jobs: 1),
                                          ruleset: ruleset)
        XCTAssertEqual(report.inputs.map(\.source), ["bank.paypal"])
        XCTAssertEqual(report.inputs.map(\.events), [3])
        let gambling = try XCTUnwrap(report.findings.first { $0.attribute == "finance.gambling" }, "\(report.findings.map(\.attribute))")
        XCTAssertEqual(gambling.sources, ["bank.paypal"])
        XCTAssertEqual(gambling.ruleCounts?["finance.gambling.bookmaker"], 2)
    }

    /// A payment in PayPal's activity and the bank's "PAYPAL *BET365" booking that funded it are
    /// one payment: scanned together, the two bookmaker payments count twice, not four times.
    func testPayPalPaymentsAndTheBankBookingsThatFundedThemCountOnce() throws {
        let dir = try Self.payPalFolder(withBankStatement: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ruleset = try Ruleset.load(directory: ScanPipelineTests.rulesDirectory)
        for jobs in [1, 2] {
            let report = try ScanPipeline.run(ScanOptions(paths: [dir], rulesDirectory: ScanPipelineTests.rulesDirectory, databasePath: nil, jobs: jobs),
                                              ruleset: ruleset)
            XCTAssertEqual(Set(report.inputs.map(\.source)), ["bank.paypal", "bank.csv"])
            let gambling = try XCTUnwrap(report.findings.first { $0.attribute == "finance.gambling" }, "\(report.findings.map(\.attribute))")
            XCTAssertEqual(gambling.ruleCounts?["finance.gambling.bookmaker"], 2, "jobs \(jobs)")
        }
    }

    /// A folder with a PayPal activity download of two bookmaker payments and a subscription,
    /// and (when asked) the card statement that booked the bookmaker payments two days later.
    private static func payPalFolder(withBankStatement: Bool) throws -> String {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("steward-paypal-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let csv = """
            "Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","From Email Address","To Email Address","Transaction ID","Item Title","Reference Txn ID","Balance"
            "03/02/2024","22:10:00","PST","bet365","Express Checkout Payment","Completed","USD","-25.00","0.00","-25.00","me@example.org","pay@example.com","7A1","Deposit","","-25.00"
            "03/09/2024","22:15:00","PST","bet365","Express Checkout Payment","Completed","USD","-40.00","0.00","-40.00","me@example.org","pay@example.com","7A2","Deposit","","-65.00"
            "03/10/2024","09:00:00","PST","Calm Radio","Subscription Payment","Completed","USD","-6.99","0.00","-6.99","me@example.org","shop@example.com","7A3","MONTHLY plan","","-71.99"

            """
        try Data(csv.utf8).write(to: URL(fileURLWithPath: dir + "/Download.CSV"))
        if withBankStatement {
            let statement = """
                Transaction Date,Post Date,Description,Category,Type,Amount
                03/04/2024,03/05/2024,PAYPAL *BET365,Entertainment,Sale,-25.00
                03/11/2024,03/12/2024,PAYPAL *BET365,Entertainment,Sale,-40.00
                03/12/2024,03/13/2024,TRADER JOES #552,Groceries,Sale,-41.17

                """
            try Data(statement.utf8).write(to: URL(fileURLWithPath: dir + "/Chase1234_Activity.CSV"))
        }
        return dir
    }

    /// Uber Eats' order items reach the item rules: the beer, the cigarettes and the pregnancy
    /// test of the order history become alcohol, tobacco and pregnancy findings.
    func testUberEatsOrderItemsReachTheAlcoholTobaccoAndPregnancyRules() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("steward-eats-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/Uber Data/Eats", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(UberEatsOrdersFixture.file.utf8).write(to: URL(fileURLWithPath: dir + "/Uber Data/Eats/eats_order_details.csv"))
        let ruleset = try Ruleset.load(directory: ScanPipelineTests.rulesDirectory)
        let report = try ScanPipeline.run(ScanOptions(paths: [dir], rulesDirectory: ScanPipelineTests.rulesDirectory, databasePath: nil, jobs: 1),
                                          ruleset: ruleset)
        XCTAssertEqual(report.inputs.map(\.source), ["uber.eats"])
        let counts = Dictionary(uniqueKeysWithValues: report.findings.map { ($0.attribute, $0.ruleCounts ?? [:]) })
        XCTAssertEqual(counts["health.alcohol"], ["health.alcohol.delivered_item": 2], "the beer, and the lager added to a pizza")
        XCTAssertEqual(counts["health.tobacco"], ["health.tobacco.purchase": 1])
        XCTAssertEqual(counts["health.pregnancy"], ["health.pregnancy.purchase": 1])
    }

    /// The catalog is kept by hand; this checks it against what the importers really emit on
    /// the demo persona's exports and, when present, the sample corpus of real exports
    /// (docs/architecture.md, "Sample exports"): every (importer, source, kind) seen must be
    /// listed.
    func testCatalogListsEveryKindImportersEmitOnPersonaAndSampleExports() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("steward-wiring-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try PersonaExportWriter(persona: PersonaCatalog.sam).write(to: dir)
        let samples = URL(fileURLWithPath: ScanPipelineTests.rulesDirectory).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/samples").path
        var roots = [dir]
        if FileManager.default.fileExists(atPath: samples) { roots.append(samples) }
        let seen = EmittedKinds()
        let reader = ExportReader()
        for file in InputDiscovery().discover(roots).files { reader.read(file, delegate: seen) }
        XCTAssertTrue(Set(["bank.csv", "bank.ofx", "google.location_records", "google.my_activity", "google.semantic_location"])
            .isSubset(of: seen.importers.keys), "the persona writes these five formats: \(seen.importers.keys.sorted())")
        for (importer, pairs) in seen.importers.sorted(by: { $0.key < $1.key }) {
            guard let entry = ImporterEventCatalog.entry(importer: importer) else { XCTFail("\(importer): not in the catalog"); continue }
            for pair in pairs.sorted(by: { ($0.source, $0.kind.rawValue) < ($1.source, $1.kind.rawValue) }) {
                XCTAssertEqual(pair.source, entry.eventSource, "\(importer) emitted source \(pair.source)")
                XCTAssertTrue(entry.kinds.contains(pair.kind), "\(importer) emitted \(pair.kind.rawValue) records, which its catalog entry does not list")
            }
        }
    }
}

/// Collects the (source, kind) pairs each importer emitted, keyed by importer id.
private final class EmittedKinds: ExportReaderDelegate {
    struct Pair: Hashable { let source: String; let kind: EventKind }
    private var pending: [String: Set<Pair>] = [:]
    private(set) var importers: [String: Set<Pair>] = [:]

    func reader(didRead event: consuming Event, path: String) { pending[path, default: []].insert(Pair(source: event.source, kind: event.kind)) }
    func reader(didFinish input: ParsedInput) {
        importers[input.source, default: []].formUnion(pending.removeValue(forKey: input.path) ?? [])
    }
    func reader(didSkip path: String, reason: String) {}
}

/// Three orders of an Uber Eats history in the real layout (values invented).
enum UberEatsOrdersFixture {
    static let file = """
        Territory,Restaurant ID,Order ID,Order Time,Order Status,Item Name,Customizations,Special Instructions,Item Price,Order Price,Currency
        London,r1,o1,2024-03-01 22:41:07 +0000 UTC,completed,Margherita Pizza,"Extra basil, Add: Peroni 330ml",,12.50,12.50,GBP
        London,r2,o2,2024-03-02 23:55:00 +0000 UTC,completed,Heineken Lager 6 x 330ml,,,9.49,24.99,GBP
        London,r2,o2,2024-03-02 23:55:00 +0000 UTC,completed,Marlboro Gold Cigarettes 20s,,,15.50,24.99,GBP
        London,r3,o3,2024-03-04 19:00:00 +0000 UTC,completed,Clearblue Rapid Detection Pregnancy Test x1,,,8.99,8.99,GBP
        London,r4,o4,2024-03-05 19:00:00 +0000 UTC,completed,Fentimans Ginger Beer 275ml,,,2.50,2.50,GBP

        """
}
