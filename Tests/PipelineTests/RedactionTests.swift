import Foundation
import Importers
import Personas
import StewardCore
import StewardPipeline
import XCTest

/// `steward redact` (docs/redact.md): the copy of each demo export, rescanned, lacks exactly the
/// named findings; every other finding and every other file's record count is unchanged; the
/// export itself keeps its bytes and its modification time.
final class RedactionTests: XCTestCase {
    static let ruleset = Result { try Ruleset.load(directory: ScanPipelineTests.rulesDirectory) }

    private func temporaryFolder(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "/redact-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func scan(_ path: String) throws -> ScanReport {
        try ScanPipeline.run(ScanOptions(paths: [path], rulesDirectory: ScanPipelineTests.rulesDirectory, databasePath: nil, jobs: 2),
                             ruleset: try Self.ruleset.get())
    }

    /// Every file below `folder` with its bytes and modification time.
    private func snapshot(_ folder: String) throws -> [String: (Data, Date)] {
        var files: [String: (Data, Date)] = [:]
        let walker = FileManager.default.enumerator(atPath: folder)!
        while let relative = walker.nextObject() as? String {
            let path = folder + "/" + relative
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            files[relative] = (try Data(contentsOf: URL(fileURLWithPath: path)), attributes[.modificationDate] as! Date)
        }
        return files
    }

    /// Findings by attribute → count.
    private func counts(_ report: ScanReport) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: report.findings.map { ($0.attribute, $0.count) })
    }

    /// Input path below the export root → records read.
    private func events(_ report: ScanReport, root: String) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: report.inputs.map { (String($0.path.dropFirst(root.count)), $0.events) })
    }

    /// The attributes a persona's scan found only through rules (no analyzer) and only from
    /// sources redact writes back: the ones redact must be able to remove completely.
    private func removableAttributes(_ report: ScanReport) throws -> [String] {
        let ruleset = try Self.ruleset.get()
        let analyzerIds = Set(ruleset.rules.analyzers.map(\.id))
        return report.findings.filter { finding in
            !finding.rules.contains(where: analyzerIds.contains)
                && finding.sources.allSatisfy { RecordWriter.methods[$0] != nil }
        }.map(\.attribute)
    }

    /// One attribute at a time, for each persona and each attribute found only from sources
    /// redact writes back: the copy's rescan lacks that finding; the findings whose count
    /// changes are exactly the ones redact's plan named beforehand (with the counts it
    /// predicted: records that were also another rule's evidence, or that an analyzer read);
    /// files lose exactly the records redact reports; the export is unchanged.
    func testEveryPersonasCopyLacksExactlyTheRemovedFinding() throws {
        let base = try temporaryFolder("personas")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let ruleset = try Self.ruleset.get()
        var sourcesCovered = Set<String>()
        for persona in PersonaCatalog.all {
            let export = base + "/" + persona.id
            _ = try PersonaExportWriter(persona: persona).write(to: export)
            let before = try snapshot(export)
            let original = try scan(export)
            let attributes = try removableAttributes(original)
            XCTAssertFalse(attributes.isEmpty, "\(persona.id): no finding to remove")
            for (n, attribute) in attributes.enumerated() {
                let out = base + "/out-\(persona.id)-\(n)"
                let (selection, refused) = try Redaction.select([attribute], ruleset: ruleset)
                XCTAssertEqual(refused, [])
                let plan = Redaction.plan(exports: [export], selection: selection, ruleset: ruleset, settings: ImporterSettings())
                let outcomes = try Redaction.write(exports: [export], plans: plan.files, outDirectory: out, mask: false)
                let copy = out + "/" + persona.id
                let rescan = try scan(copy)

                let context = "\(persona.id) without \(attribute)"
                XCTAssertNil(counts(rescan)[attribute], "\(context): the finding is still there")
                var removedByFile: [String: Int] = [:]
                for outcome in outcomes {
                    if case .kept(let records, let reason) = outcome.result {
                        XCTFail("\(context): \(outcome.path) kept \(records) records (\(reason))")
                    }
                    if case .redacted(let removed, _) = outcome.result {
                        removedByFile[String(outcome.path.dropFirst(export.count))] = removed
                        sourcesCovered.insert(plan.files[outcome.path]!.source)
                    }
                }
                XCTAssertFalse(removedByFile.isEmpty, "\(context): nothing removed")
                // Every finding that changes is one redact named beforehand, and no other.
                let changed = Set(counts(original).keys).union(counts(rescan).keys).filter { counts(original)[$0] != counts(rescan)[$0] }
                XCTAssertEqual(changed, Set(plan.changes.map(\.attribute)), context)
                XCTAssertTrue(plan.changes.contains { $0.attribute == attribute && $0.after == nil }, context)
                for change in plan.changes {
                    XCTAssertEqual(counts(rescan)[change.attribute], change.after, "\(context): \(change.attribute)")
                }
                let eventsBefore = events(original, root: export), eventsAfter = events(rescan, root: copy)
                // A file that lost every record (a month of Semantic Location History holding only
                // gym visits) yields no events: the rescan lists it with none or not at all.
                let keptFiles = eventsBefore.filter { $0.value > (removedByFile[$0.key] ?? 0) }.keys
                XCTAssertEqual(Set(keptFiles), Set(eventsAfter.filter { $0.value > 0 }.keys), context)
                for (file, count) in eventsBefore {
                    XCTAssertEqual(eventsAfter[file, default: 0], count - (removedByFile[file] ?? 0), "\(context): \(file)")
                }
                try FileManager.default.removeItem(atPath: out)
            }
            let after = try snapshot(export)
            XCTAssertEqual(Set(before.keys), Set(after.keys), persona.id)
            for (file, (bytes, modified)) in before {
                XCTAssertEqual(after[file]?.0, bytes, "\(persona.id): \(file) changed")
                XCTAssertEqual(after[file]?.1, modified, "\(persona.id): \(file) modification time changed")
            }
        }
        // Which importers the personas prove: every writable source among their exports.
        XCTAssertTrue(sourcesCovered.isSuperset(of: ["bank.csv", "google.my_activity", "google.semantic_location"]),
                      "covered: \(sourcesCovered.sorted())")
        print("redact covered by personas: \(sourcesCovered.sorted().joined(separator: ", "))")
    }

    /// Sam's bank CSV with --mask: the records stay (same count), their text is `***`, and the
    /// finding is gone from the rescan.
    func testMaskKeepsTheRecordsWithoutTheirText() throws {
        let base = try temporaryFolder("mask")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let ruleset = try Self.ruleset.get()
        let export = base + "/sam"
        _ = try PersonaExportWriter(persona: PersonaCatalog.sam).write(to: export)
        let csv = export + "/bank/current-account.csv"
        let original = try scan(csv)
        XCTAssertNotNil(counts(original)["civic.charity"])
        let (selection, _) = try Redaction.select(["civic.charity"], ruleset: ruleset)
        let plan = Redaction.plan(exports: [csv], selection: selection, ruleset: ruleset, settings: ImporterSettings())
        let outcomes = try Redaction.write(exports: [csv], plans: plan.files, outDirectory: base + "/out", mask: true)
        XCTAssertEqual(outcomes.count, 1)
        guard case .redacted(let removed, let masked) = outcomes[0].result else { return XCTFail("\(outcomes[0].result)") }
        XCTAssertEqual(removed, 0)
        XCTAssertEqual(masked, original.findings.first { $0.attribute == "civic.charity" }?.count)
        let rescan = try scan(base + "/out/current-account.csv")
        XCTAssertNil(counts(rescan)["civic.charity"])
        XCTAssertEqual(rescan.inputs.map(\.events), original.inputs.map(\.events))
        let text = try String(contentsOfFile: base + "/out/current-account.csv", encoding: .utf8)
        XCTAssertTrue(text.contains("***"))
        XCTAssertFalse(text.contains("Oxfam"))
    }

    /// Output files are 0600 and folders 0700 whatever the umask; an existing output is never
    /// overwritten; --out inside the export is refused.
    func testOutputsAreOwnerOnlyAndNeverOverwritten() throws {
        let base = try temporaryFolder("modes")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let ruleset = try Self.ruleset.get()
        let export = base + "/sam"
        _ = try PersonaExportWriter(persona: PersonaCatalog.sam).write(to: export)
        let (selection, _) = try Redaction.select(["finance.gambling.search"], ruleset: ruleset)
        let plan = Redaction.plan(exports: [export], selection: selection, ruleset: ruleset, settings: ImporterSettings())
        let previous = umask(0)
        defer { umask(previous) }
        _ = try Redaction.write(exports: [export], plans: plan.files, outDirectory: base + "/out", mask: false)
        let walker = FileManager.default.enumerator(atPath: base + "/out")!
        var seen = 0
        while let relative = walker.nextObject() as? String {
            var info = stat()
            XCTAssertEqual(lstat(base + "/out/" + relative, &info), 0)
            let isFolder = info.st_mode & S_IFMT == S_IFDIR
            XCTAssertEqual(info.st_mode & 0o777, isFolder ? 0o700 : 0o600, relative)
            seen += 1
        }
        XCTAssertGreaterThan(seen, 4)
        XCTAssertThrowsError(try Redaction.write(exports: [export], plans: plan.files, outDirectory: base + "/out", mask: false))
        XCTAssertThrowsError(try Redaction.write(exports: [export], plans: plan.files, outDirectory: export + "/copies", mask: false))
        XCTAssertFalse(FileManager.default.fileExists(atPath: export + "/copies"))
    }

    /// An analyzer's finding has no record of its own: naming it is refused, not half done.
    func testAnalyzerFindingsAreRefused() throws {
        let ruleset = try Self.ruleset.get()
        let (_, refused) = try Redaction.select(["mobility.home"], ruleset: ruleset)
        XCTAssertEqual(refused, [.analyzer("mobility.home")])
        XCTAssertThrowsError(try Redaction.select(["finance.gamblng"], ruleset: ruleset))
    }

    /// A WhatsApp chat: the message a rule matched goes (with its continuation line), or with
    /// --mask keeps its header with `***` for its text; the other messages stay as they were.
    func testWhatsAppChatMessagesRemovedOrMasked() throws {
        let base = try temporaryFolder("whatsapp")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let ruleset = try Self.ruleset.get()
        let chat = base + "/WhatsApp Chat with Lena.txt"
        let text = "01/03/2025, 18:00 - Sam: I'll be at the protest outside the town hall at 6\r\nbring a sign\r\n"
            + "01/03/2025, 18:05 - Lena: ok\r\n"
            + "02/03/2025, 10:00 - Sam: going canvassing for the party again this weekend\r\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: chat))
        let settings = ImporterSettings(ownerNames: ["Sam"])
        func scan(_ path: String) throws -> ScanReport {
            var options = ScanOptions(paths: [path], rulesDirectory: ScanPipelineTests.rulesDirectory, databasePath: nil, jobs: 1)
            options.importerSettings = settings
            return try ScanPipeline.run(options, ruleset: ruleset)
        }
        let original = try scan(chat)
        XCTAssertNotNil(counts(original)["politics.protest"])
        XCTAssertNotNil(counts(original)["politics.engagement"])
        let (selection, _) = try Redaction.select(["politics.protest"], ruleset: ruleset)
        for mask in [false, true] {
            let out = base + "/out-\(mask)"
            let plan = Redaction.plan(exports: [chat], selection: selection, ruleset: ruleset, settings: settings, mask: mask)
            let outcomes = try Redaction.write(exports: [chat], plans: plan.files, outDirectory: out, mask: mask)
            XCTAssertEqual(outcomes.map(\.result), [.redacted(removed: mask ? 0 : 1, masked: mask ? 1 : 0)])
            let copy = out + "/WhatsApp Chat with Lena.txt"
            let rescan = try scan(copy)
            XCTAssertNil(counts(rescan)["politics.protest"], "mask: \(mask)")
            XCTAssertEqual(counts(rescan)["politics.engagement"], counts(original)["politics.engagement"])
            XCTAssertEqual(rescan.inputs.first?.events, (original.inputs.first?.events ?? 0) - (mask ? 0 : 1))
            let written = try String(contentsOfFile: copy, encoding: .utf8)
            XCTAssertEqual(written, mask ? "01/03/2025, 18:00 - Sam: ***\r\n" + text.components(separatedBy: "bring a sign\r\n")[1]
                                         : text.components(separatedBy: "bring a sign\r\n")[1])
        }
    }

    /// Records inside a .tgz are not written back: they are named as kept, the archive is copied
    /// as it is, and the prediction counts them as staying.
    func testRecordsInATarGzArchiveAreKeptAndNamed() throws {
        let base = try temporaryFolder("tgz")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let ruleset = try Self.ruleset.get()
        _ = try PersonaExportWriter(persona: PersonaCatalog.sam).write(to: base + "/sam")
        try FileManager.default.createDirectory(atPath: base + "/export", withIntermediateDirectories: true)
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "czf", base + "/export/bank.tgz", "-C", base + "/sam", "bank"]
        try tar.run()
        tar.waitUntilExit()
        guard tar.terminationStatus == 0 else { throw XCTSkip("tar could not write a .tgz here") }
        let export = base + "/export"
        let (selection, _) = try Redaction.select(["civic.charity"], ruleset: ruleset)
        let plan = Redaction.plan(exports: [export], selection: selection, ruleset: ruleset, settings: ImporterSettings())
        let outcomes = try Redaction.write(exports: [export], plans: plan.files, outDirectory: base + "/out", mask: false)
        XCTAssertEqual(outcomes.count, 1)
        XCTAssertEqual(outcomes.first?.result, .kept(records: 14, reason: Redaction.FileOutcome.archive))
        XCTAssertTrue(plan.changes.isEmpty, "\(plan.changes)")
        XCTAssertEqual(FileManager.default.contents(atPath: base + "/out/export/bank.tgz"), FileManager.default.contents(atPath: export + "/bank.tgz"))
    }
}
