import XCTest
@testable import Importers
@testable import StewardCore

final class BankDetectionTests: XCTestCase {
    private func probe(_ name: String, _ text: String) -> FileProbe {
        let bytes = Array(text.utf8)
        return FileProbe(path: "exports/" + name, head: bytes, size: Int64(bytes.count))
    }

    private func detectedID(_ p: FileProbe) -> String? {
        guard case .success(let hit) = ImporterRegistry.detect(p) else { return nil }
        return hit.importer.id
    }

    func testBankCSVWithHeaderIsHighConfidenceEvenRenamed() {
        let p = probe("download(3).txt", "Buchungstag;Verwendungszweck;Betrag\n01.02.2024;Miete;-800,00\n")
        let d = BankStatementCSVImporter().detect(p)
        XCTAssertEqual(d?.confidence ?? 0, 0.9, accuracy: 0.001)
        XCTAssertTrue(d?.reason.contains("Buchungstag") ?? false, d?.reason ?? "")
        XCTAssertEqual(detectedID(p), "bank.csv")
    }

    func testHeaderlessRowsAreMediumConfidence() {
        let p = probe("giro.csv", "AT12;Zinsen;01.01.2014;31.12.2013;+1,23;EUR\nAT12;Miete;02.01.2014;02.01.2014;-800,00;EUR\n")
        let d = BankStatementCSVImporter().detect(p)
        XCTAssertEqual(d?.confidence ?? 0, 0.6, accuracy: 0.001)
        XCTAssertEqual(detectedID(p), "bank.csv")
    }

    func testRandomCSVIsNotABankStatement() {
        let p = probe("people.csv", "name,city,age\nAlice,Paris,30\nBob,Berlin,41\n")
        XCTAssertNil(BankStatementCSVImporter().detect(p))
        XCTAssertNil(OFXImporter().detect(p))
    }

    func testOFXIsClaimedByOFXNotCSV() {
        let sgml = probe("statement.qfx", BankOFXParserTests.sgmlTwoAccounts)
        XCTAssertEqual(detectedID(sgml), "bank.ofx")
        XCTAssertNil(BankStatementCSVImporter().detect(sgml))
        let xml = probe("export", "<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\" VERSION=\"200\"?>\n<OFX></OFX>")
        XCTAssertEqual(OFXImporter().detect(xml)?.confidence ?? 0, 0.95, accuracy: 0.001)
        XCTAssertNil(BankStatementCSVImporter().detect(xml))
    }

    func testJSONIsNeither() {
        let p = probe("data.json", "[{\"date\": \"2024-01-01\", \"amount\": \"-1.00\"}]")
        XCTAssertNil(BankStatementCSVImporter().detect(p))
        XCTAssertNil(OFXImporter().detect(p))
    }

    func testRegistryListsBothBankImporters() {
        let ids = ImporterRegistry.all.map(\.id)
        XCTAssertTrue(ids.contains("bank.csv"))
        XCTAssertTrue(ids.contains("bank.ofx"))
    }
}
