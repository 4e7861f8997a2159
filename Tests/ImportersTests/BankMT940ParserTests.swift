import XCTest
@testable import Importers
@testable import StewardCore

final class BankMT940ParserTests: XCTestCase {
    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> ChunkedParseResult {
        try parseAtAllChunkSizes({ MT940Parser() }, Array(text.utf8), file: file, line: line)
    }

    /// German savings-bank style: SWIFT envelope, `?`-subfields with a GVC code, entry dates,
    /// a reversal, two statements in two currencies, CRLF line ends.
    static let germanEnvelope = [
        "{1:F01SSKMDEMMAXXX0000000000}{2:I940SSKMDEMMXXXXN}{4:",
        ":20:STARTUMSE",
        ":25:70150000/0012345678",
        ":28C:00001/001",
        ":60F:C231229EUR000000001234,56",
        ":61:2312291229DR42,50NDDTNONREF",
        ":86:105?00BASISLASTSCHRIFT?109310?20EREF+RE-2023-12?21MREF+M0001?22CRED+DE98ZZZ09999999999?23SVWZ+Kreditrate Dezember ?24Ratenkredit 4711?30BYLADEM1001?31DE02120300000000202051?32SCHNELL KREDIT BANK AG",
        ":61:2401020102CR1500,NTRFNONREF//BANKREF1",
        ":86:166?00GUTSCHRIFT?20SVWZ+Lohn Dezember 2023?32ARBEITGEBER GMBH",
        ":61:2401030103RD12,00NMSCNONREF",
        ":86:Storno Gebuehr",
        ":NS:22Kartenzahlung",
        ":62F:C240103EUR000000002680,06",
        "-}",
        "{1:F01SSKMDEMMAXXX0000000000}{2:I940SSKMDEMMXXXXN}{4:",
        ":20:STARTUMSE",
        ":25:70150000/0099999999",
        ":28C:00002/001",
        ":60M:C240101USD000000000100,00",
        ":61:240105D7,5NCHGNONREF",
        ":62F:C240105USD000000000092,50",
        "-}{5:}",
        "",
    ].joined(separator: "\r\n")

    func testGermanStructuredFieldsEnvelopeAndSeveralStatements() throws {
        let r = try parse(Self.germanEnvelope)
        XCTAssertEqual(r.skipped, 0, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.count, 4)
        let loan = r.events[0]
        XCTAssertEqual(loan.source, "bank.mt940")
        XCTAssertEqual(loan.time?.iso8601, "2023-12-29")
        XCTAssertEqual(loan.amount, Money(units: -4250, scale: 2, currency: "EUR"))
        XCTAssertEqual(loan.code, "105")
        XCTAssertEqual(loan.counterparty, "SCHNELL KREDIT BANK AG")
        XCTAssertEqual(loan.text, "BASISLASTSCHRIFT | EREF+RE-2023-12MREF+M0001CRED+DE98ZZZ09999999999SVWZ+Kreditrate Dezember Ratenkredit 4711")
        XCTAssertEqual(loan.position, SourcePosition(line: 6, record: 0))
        let salary = r.events[1]
        XCTAssertEqual(salary.time?.iso8601, "2024-01-02", "the entry date, in the year after the value date")
        XCTAssertEqual(salary.amount, Money(units: 1500, scale: 0, currency: "EUR"))
        XCTAssertEqual(salary.code, "166")
        XCTAssertEqual(salary.counterparty, "ARBEITGEBER GMBH")
        let reversal = r.events[2]
        XCTAssertEqual(reversal.amount, Money(units: 1200, scale: 2, currency: "EUR"), "a reversed debit is money in")
        XCTAssertEqual(reversal.text, "Storno Gebuehr")
        XCTAssertEqual(reversal.code, "NMSC")
        let fee = r.events[3]
        XCTAssertEqual(fee.amount, Money(units: -75, scale: 1, currency: "USD"))
        XCTAssertEqual(fee.position, SourcePosition(line: 20, record: 3))
        XCTAssertEqual(fee.time?.iso8601, "2024-01-05")
        XCTAssertNil(fee.text)
    }

    /// Rabobank/ING style: no envelope, `/KEY/value` information wrapped mid-word at 65 characters.
    static let dutch = """
        :940:
        :20:940S130101
        :25:NL71RABO0123456789
        :28C:0
        :60F:C130101EUR000000001000,00
        :61:130101D000000000025,00N102EREF
        NL70ABNA0987654321
        :86:/EREF/01-01-2013 12:00 0030000987654321/BENM//NAME/CONTRA ACCOUN
        T HOLDER/REMI//ISDT/2013-07-11
        :61:130102C000000000110,00N541NONREF
        :86:/TRTP/SEPA OVERBOEKING/IBAN/NL70ABNA0987654321/BIC/ABNANL2A/NAME
        /GEMEENTE AMSTERDAM/REMI/Toeslag 2013/01 huur/EREF/NOTPROVIDED/PURP/BENE
        :61:130103D000000000010,00N154NONREF
        :86:Betaalautomaat 12:01 pasnr. 001 ALBERT HEIJN 1234
        :62F:C130108EUR000000001065,00

        """

    func testDutchKeyedInformation() throws {
        let r = try parse(Self.dutch)
        XCTAssertEqual(r.skipped, 0, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.count, 3)
        XCTAssertEqual(r.events[0].counterparty, "CONTRA ACCOUNT HOLDER")
        XCTAssertEqual(r.events[0].code, "N102")
        XCTAssertEqual(r.events[0].amount, Money(units: -2500, scale: 2, currency: "EUR"))
        XCTAssertTrue(r.events[0].text?.hasPrefix("/EREF/01-01-2013") == true, r.events[0].text ?? "-")
        XCTAssertEqual(r.events[1].counterparty, "GEMEENTE AMSTERDAM")
        XCTAssertEqual(r.events[1].text, "Toeslag 2013/01 huur", "slashes inside remittance text survive")
        XCTAssertEqual(r.events[1].code, "BENE", "the SEPA purpose code")
        XCTAssertEqual(r.events[1].amount, Money(units: 11000, scale: 2, currency: "EUR"))
        XCTAssertEqual(r.events[2].text, "Betaalautomaat 12:01 pasnr. 001 ALBERT HEIJN 1234")
        XCTAssertNil(r.events[2].counterparty)
        XCTAssertEqual(r.events[2].position, SourcePosition(line: 13, record: 2))
    }

    func testTruncatedAndBadStatementLines() throws {
        let cut = try parse(":20:X\n:25:1\n:60F:C130101EUR1,00\n:61:130101D5,00NTRF\n:86:/NAME/A/REMI/ok\n:61:130102D1")
        XCTAssertEqual(cut.events.count, 1)
        XCTAssertEqual(cut.skipped, 1)
        XCTAssertTrue(cut.issues[0].contains("line 6") && cut.issues[0].contains("truncated"), cut.issues[0])
        let bad = try parse(":20:X\n:25:1\n:60F:C130101EUR1,00\n:61:13x101D5,00NTRF\n:61:130101X5,00NTRF\n:61:131301D5,00NTRF\n:61:130101D,NTRF\n:61:130101C2,NTRF\n")
        XCTAssertEqual(bad.events.count, 1)
        XCTAssertEqual(bad.skipped, 4)
        XCTAssertEqual(bad.events[0].position, SourcePosition(line: 8, record: 4))
    }

    func testDetection() {
        let mt = MT940Importer()
        func probe(_ s: String) -> FileProbe { FileProbe(path: "statement.txt", head: Array(s.utf8), size: nil) }
        XCTAssertGreaterThanOrEqual(mt.detect(probe(Self.germanEnvelope))?.confidence ?? 0, 0.9)
        XCTAssertGreaterThanOrEqual(mt.detect(probe(Self.dutch))?.confidence ?? 0, 0.9)
        XCTAssertLessThan(mt.detect(probe("Notes\n:25: is a tag\n"))?.confidence ?? 0, 0.5)
        XCTAssertNil(mt.detect(probe("!Type:Bank\nD1/1/20\nT1\n^\n")))
        XCTAssertNil(mt.detect(probe("{\"a\": \":20:\\n:25:\"}")))
        XCTAssertNil(mt.detect(probe("Date;Amount\n:20:;:25:\n")))
        let others: [any Importer] = [OFXImporter(), QIFImporter(), CAMTImporter(), BankStatementCSVImporter(), GoogleMyActivityImporter()]
        for importer in others {
            XCTAssertLessThan(importer.detect(probe(Self.dutch))?.confidence ?? 0, 0.5, importer.id)
            XCTAssertLessThan(importer.detect(probe(Self.germanEnvelope))?.confidence ?? 0, 0.5, importer.id)
        }
    }
}
