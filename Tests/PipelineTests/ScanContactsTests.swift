import Foundation
import XCTest
import Importers
import Reports
import StewardCore
@testable import StewardPipeline

/// `ScanReport.contacts`: who wrote to the person in the chats a scan read, most messages first,
/// the owner's own messages not counted when the owner's name is known (STEWARD_OWNER_NAME);
/// the same whatever the number of workers.
final class ScanContactsTests: XCTestCase {
    func testTallyCountsEverySpellingOfANameUnderOneKeyAndSkipsBlankNames() {
        var tally = ContactTally()
        for name in ["Dmitri Volkov", "dmitri  Volkov", "Dmitri Volkov", "   ", "", "Marta Gil", "   ", "DMITRI VOLKOV"] {
            tally.add(name)
        }
        XCTAssertEqual(tally.listed, [.init(key: ScanReport.Contact.key(forName: "Dmitri Volkov"), messages: 4),
                                      .init(key: ScanReport.Contact.key(forName: "Marta Gil"), messages: 1)])
    }

    func testPeopleWhoWroteAreListedWithTheirMessagesAndTheOwnerIsNot() throws {
        let dir = NSTemporaryDirectory() + "steward-contacts-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Two WhatsApp exports (Android layout): the owner, Ana, writes in both.
        let first = """
        12/03/2025, 18:01 - Ana Ruiz: ¿Vienes el sábado?
        12/03/2025, 18:05 - Dmitri Volkov: Да, приду
        12/03/2025, 18:06 - Dmitri Volkov: Во сколько?
        12/03/2025, 18:07 - Ana Ruiz: A las ocho
        """
        let second = """
        13/03/2025, 09:00 - Ana Ruiz: Buenos días
        13/03/2025, 09:02 - Marta Gil: Hola!
        13/03/2025, 09:03 - Dmitri Volkov: 👍
        """
        try Data(first.utf8).write(to: URL(fileURLWithPath: dir + "/WhatsApp Chat with Dmitri Volkov.txt"))
        try Data(second.utf8).write(to: URL(fileURLWithPath: dir + "/WhatsApp Chat with Friends.txt"))
        let rules = ScanPipelineTests.rulesDirectory
        for jobs in [1, 2] {
            var options = ScanOptions(paths: [dir], rulesDirectory: rules, databasePath: nil, jobs: jobs)
            options.importerSettings = ImporterSettings(ownerNames: ["Ana Ruiz"])
            let report = try ScanPipeline.run(options, ruleset: try Ruleset.load(directory: rules))
            XCTAssertEqual(report.contacts, [.init(key: ScanReport.Contact.key(forName: "Dmitri Volkov"), messages: 3),
                                             .init(key: ScanReport.Contact.key(forName: "Marta Gil"), messages: 1)],
                           "jobs \(jobs): \(report.inputs.map(\.errors))")
            XCTAssertEqual(ScanReport.Contact.key(forName: "dmitri volkov (synthetic)"), ScanReport.Contact.key(forName: "Dmitri Volkov"))
            // The chat's file name is the export's own; the contact list holds no name.
            let json = JSONReporter().render(report)
            let contacts = try XCTUnwrap(json.range(of: "\"contacts\"").map { String(json[$0.lowerBound...]) })
            XCTAssertFalse(contacts.contains("Dmitri") || contacts.contains("Marta"), contacts)
        }
        // Single chats do not say who exported them: without the owner's name, the owner's own
        // messages are counted like anyone's (docs/report-contract.md).
        let unknownOwner = try ScanPipeline.run(ScanOptions(paths: [dir], rulesDirectory: rules, databasePath: nil, jobs: 1),
                                                ruleset: try Ruleset.load(directory: rules))
        XCTAssertEqual(Set(unknownOwner.contacts?.map(\.key) ?? []),
                       Set(["Ana Ruiz", "Dmitri Volkov", "Marta Gil"].map(ScanReport.Contact.key(forName:))))
    }
}
