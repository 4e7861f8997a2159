import XCTest
@testable import Importers
@testable import StewardCore

/// vCard address books as Google Contacts' Takeout writes them
/// (`Takeout/Contacts/My Contacts/My Contacts.vcf`; docs/formats/contacts.md).
final class VCardTests: XCTestCase {
    static let contacts = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Anna Müller",
        "N:Müller;Anna;;;",
        "EMAIL;TYPE=INTERNET;TYPE=HOME:anna@example.org",
        "TEL;TYPE=CELL:+49 170 0000000",
        "PHOTO:iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60",
        " e6kgAAAABJRU5ErkJggg==",
        "CATEGORIES:myContacts",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Dr. Jean-Baptiste Lefèvre-Dup",
        " ont",
        "ORG:Clinique du Parc",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:4.0",
        "N:Wang;Li;;;",
        "TEL;VALUE=uri;TYPE=cell:tel:+86-10-0000-0000",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "TEL:+44 20 0000 0000",
        "END:VCARD",
        "",
    ].joined(separator: "\r\n")

    func testContactsOfAGoogleContactsExportAreCountedByNameWithNothingElseKept() throws {
        let result = try parseAtAllChunkSizes({ VCardParser() }, Array(Self.contacts.utf8))
        XCTAssertEqual(result.events.count, 3)
        XCTAssertEqual(result.skipped, 1, "the card without FN or N")
        XCTAssertTrue(result.issues.contains { $0.contains("contact without a name (FN or N)") }, "\(result.issues)")
        XCTAssertEqual(result.events.map(\.counterparty), ["Anna Müller", "Dr. Jean-Baptiste Lefèvre-Dupont", "Li Wang"])
        XCTAssertTrue(result.events.allSatisfy { $0.source == "contacts.vcf" && $0.kind == .contact && $0.text == nil && $0.title == nil })
        XCTAssertEqual(result.events[2].position, SourcePosition(line: 17, record: 2))
    }

    func testATruncatedAddressBookReportsTheCutContact() throws {
        let cut = Self.contacts.components(separatedBy: "ORG:")[0] // ends inside the second card
        let result = try parseAtAllChunkSizes({ VCardParser() }, Array(cut.utf8))
        XCTAssertEqual(result.events.count, 1)
        XCTAssertTrue(result.issues.contains { $0.contains("truncated: the file ends inside this contact") }, "\(result.issues)")
    }

    func testAddressBooksAreDetectedByTheirFirstLine() {
        let importer = VCardImporter()
        XCTAssertEqual(importer.detect(FileProbe(path: "Takeout/Contacts/My Contacts/My Contacts.vcf", head: Array(Self.contacts.utf8), size: nil))?.confidence, 0.95)
        XCTAssertNil(importer.detect(FileProbe(path: "cal.ics", head: Array("BEGIN:VCALENDAR\r\n".utf8), size: nil)))
        if case .success(let found) = ImporterRegistry.detect(FileProbe(path: "contacts.txt", head: Array(Self.contacts.utf8), size: nil)) {
            XCTAssertEqual(found.importer.id, "contacts.vcf")
        } else { XCTFail("vCard not detected") }
    }
}
