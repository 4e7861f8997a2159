import XCTest
@testable import Importers
@testable import StewardCore
@testable import Formats

final class BankStatementCSVParserTests: XCTestCase {
    private func parse(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws -> ChunkedParseResult {
        try parseAtAllChunkSizes({ BankStatementCSVParser() }, bytes, file: file, line: line)
    }

    /// Lloyds-style UK export: separate debit and credit columns, DD/MM/YYYY, point decimals.
    func testUKHeaderWithDebitAndCreditColumns() throws {
        let csv = """
            Transaction Date,Transaction Type,Sort Code,Account Number,Transaction Description,Debit Amount,Credit Amount,Balance
            28/02/2024,DEB,'30-00-00,12345678,TESCO STORES 3217,23.45,,976.55
            27/02/2024,FPI,'30-00-00,12345678,ACME LTD SALARY,,"1,850.00",1000.00
            13/02/2024,DD,'30-00-00,12345678,PAYDAY LENDER CO,120.00,,-850.00

            """
        let r = try parse(Array(csv.utf8))
        XCTAssertEqual(r.events.count, 3)
        XCTAssertEqual(r.skipped, 0)
        let first = r.events[0]
        XCTAssertEqual(first.source, "bank.csv")
        XCTAssertEqual(first.kind, .transaction)
        XCTAssertEqual(first.time?.iso8601, "2024-02-28")
        XCTAssertEqual(first.time?.dateOnly, true)
        XCTAssertEqual(first.text, "TESCO STORES 3217")
        XCTAssertEqual(first.code, "DEB")
        XCTAssertEqual(first.amount, Money(units: -2345, scale: 2))
        XCTAssertEqual(first.position, .line(2))
        XCTAssertEqual(r.events[1].amount, Money(units: 185_000, scale: 2))
        XCTAssertEqual(r.events[2].time?.iso8601, "2024-02-13")
    }

    /// Sparkasse/DKB-style: account preamble, ISO-8859-1 umlauts, `;`, decimal comma with `.`
    /// grouping, `Betrag (EUR)` naming the currency, trailing delimiters, CRLF.
    func testGermanPreambleLatin1DecimalComma() throws {
        let text = "\"Kontonummer:\";\"DE12 3456 7890 1234 5678 90\";\r\n" +
            "\"Von:\";\"01.03.2024\";\r\n" +
            "\"Bis:\";\"31.03.2024\";\r\n" +
            "\"Kontostand vom 31.03.2024:\";\"1.234,56 EUR\";\r\n" +
            "\r\n" +
            "\"Buchungstag\";\"Wertstellung\";\"Buchungstext\";\"Auftraggeber / Begünstigter\";\"Verwendungszweck\";\"Betrag (EUR)\";\r\n" +
            "\"04.03.2024\";\"04.03.2024\";\"LASTSCHRIFT\";\"Stadtwerke München\";\"Abschlag Strom März\";\"-1.234,56\";\r\n" +
            "\"05.03.2024\";\"05.03.2024\";\"GUTSCHRIFT\";\"Müller GmbH\";\"Lohn/Gehalt 03.24\";\"2.500,00\";\r\n"
        // ISO-8859-1: ü = 0xFC, ä = 0xE4 (not valid UTF-8, so the sniffer must fall back).
        let latin1 = text.unicodeScalars.map { UInt8($0.value) }
        XCTAssertFalse(TextDecoding.isValidUTF8(latin1))
        let r = try parse(latin1)
        XCTAssertEqual(r.events.count, 2, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.skipped, 0)
        let e = r.events[0]
        XCTAssertEqual(e.counterparty, "Stadtwerke München")
        XCTAssertEqual(e.text, "Abschlag Strom März")
        XCTAssertEqual(e.code, "LASTSCHRIFT")
        XCTAssertEqual(e.amount, Money(units: -123_456, scale: 2, currency: "EUR"))
        XCTAssertEqual(e.time?.iso8601, "2024-03-04")
        XCTAssertEqual(e.position, .line(7))
        XCTAssertEqual(r.events[1].amount, Money(units: 250_000, scale: 2, currency: "EUR"))
    }

    func testQuotedMultiLineFieldKeepsLineOfRowStart() throws {
        let csv = """
            Date,Description,Amount,Currency
            2024-01-05,"Card payment
            ""CAFE DE FLORE"", Paris",-4.50,EUR
            2024-01-06,Refund,4.50,EUR
            """
        let r = try parse(Array(csv.utf8))
        XCTAssertEqual(r.events.count, 2)
        XCTAssertEqual(r.events[0].text, "Card payment\n\"CAFE DE FLORE\", Paris")
        XCTAssertEqual(r.events[0].position, .line(2))
        XCTAssertEqual(r.events[1].position, .line(4))
        XCTAssertEqual(r.events[1].amount, Money(units: 450, scale: 2, currency: "EUR"))
    }

    func testUTF16LittleAndBigEndianWithBOM() throws {
        let csv = "Fecha\tConcepto\tImporte\tMoneda\r\n15/01/2024\tFarmacia Ñandú\t-12,30\tEUR\r\n"
        var le: [UInt8] = [0xFF, 0xFE], be: [UInt8] = [0xFE, 0xFF]
        for unit in csv.utf16 {
            le += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            be += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        for bytes in [le, be] {
            let r = try parse(bytes)
            XCTAssertEqual(r.events.count, 1, r.issues.joined(separator: "\n"))
            XCTAssertEqual(r.events.first?.text, "Farmacia Ñandú")
            XCTAssertEqual(r.events.first?.amount, Money(units: -1230, scale: 2, currency: "EUR"))
            XCTAssertEqual(r.events.first?.time?.iso8601, "2024-01-15")
        }
    }

    func testUTF8BOMAndFrenchAndRussianHeaders() throws {
        let french = [0xEF, 0xBB, 0xBF] + Array("Date d'opération;Libellé;Débit;Crédit\n03/02/2024;PMU PARIS SPORTIFS;20,00;\n04/02/2024;VIR SALAIRE;;1 850,00\n".utf8)
        let fr = try parse(french)
        XCTAssertEqual(fr.events.map { $0.amount?.units }, [-2000, 185_000])
        XCTAssertEqual(fr.events.first?.text, "PMU PARIS SPORTIFS")
        let russian = Array("Дата операции;Сумма;Валюта;Назначение платежа;MCC\n01.04.2024;-1500,00;RUB;Оплата БК Фонбет;7995\n".utf8)
        let ru = try parse(russian)
        XCTAssertEqual(ru.events.count, 1)
        XCTAssertEqual(ru.events[0].mcc, 7995)
        XCTAssertEqual(ru.events[0].amount, Money(units: -150_000, scale: 2, currency: "RUB"))
        XCTAssertEqual(ru.events[0].text, "Оплата БК Фонбет")
    }

    func testMonthFirstInferredFromValues() throws {
        let us = """
            Date,Description,Amount
            03/04/2024,COFFEE,-3.50
            03/15/2024,DRAFTKINGS,-50.00
            """
        let r = try parse(Array(us.utf8))
        XCTAssertEqual(r.events.map { $0.time?.iso8601 }, ["2024-03-04", "2024-03-15"])
        let uk = """
            Date,Description,Amount
            03/04/2024,COFFEE,-3.50
            15/03/2024,BETFRED,-50.00
            """
        let k = try parse(Array(uk.utf8))
        XCTAssertEqual(k.events.map { $0.time?.iso8601 }, ["2024-04-03", "2024-03-15"])
        XCTAssertTrue(k.issues.isEmpty)
    }

    func testAmbiguousDayMonthIsAssumedAndSaid() throws {
        let csv = "Datum;Betrag;Verwendungszweck\n03/04/24;-3,50;Bäckerei\n"
        let r = try parse(Array(csv.utf8))
        XCTAssertEqual(r.events.first?.time?.iso8601, "2024-04-03")
        XCTAssertEqual(r.issues.count, 1)
        XCTAssertTrue(r.issues[0].contains("dates read as day/month (03/04/24 = 3 April 2024)"), r.issues[0])
    }

    func testBadRowsAreSkippedWithLineNumbers() throws {
        let csv = """
            Date,Description,Amount
            2024-01-02,OK ONE,-1.00
            2024-13-40,BAD DATE,-2.00
            2024-01-03,BAD AMOUNT,abc
            2024-01-04,TOO,MANY,COLUMNS,-1.00
            2024-01-05,OK TWO,+2.50,
            """
        let r = try parse(Array(csv.utf8))
        XCTAssertEqual(r.events.map(\.text), ["OK ONE", "OK TWO"])
        XCTAssertEqual(r.skipped, 3)
        XCTAssertEqual(r.issues, [
            "line 3: unreadable date '2024-13-40'",
            "line 4: unreadable amount (not quoted)",
            "line 5: expected 3 columns, found 5",
        ])
        XCTAssertEqual(r.events[1].position, .line(6))
    }

    func testHeaderlessEasybankStyleRows() throws {
        let rows = "AT611904300234573201;Zinsen HABEN                 BG/000000002     ;01.01.2014;31.12.2013;+1,23;EUR\r\n" +
            "AT611904300234573201;Abbuchung Einzugserm\u{E4}chtigung   OG/000000004 Amazon ;08.01.2014;08.01.2014;-1.032,00;EUR\r\n"
        let bytes = rows.unicodeScalars.map { UInt8($0.value) }
        let r = try parse(bytes)
        XCTAssertEqual(r.events.count, 2)
        XCTAssertEqual(r.events[0].text, "Zinsen HABEN BG/000000002")
        XCTAssertEqual(r.events[0].amount, Money(units: 123, scale: 2, currency: "EUR"))
        XCTAssertEqual(r.events[1].text, "Abbuchung Einzugsermächtigung OG/000000004 Amazon")
        XCTAssertEqual(r.events[1].amount, Money(units: -103_200, scale: 2, currency: "EUR"))
        XCTAssertEqual(r.events[1].time?.iso8601, "2014-01-08")
    }

    func testInvalidUTF8InsideAUTF8FileBecomesReplacementCharacter() throws {
        var bytes = Array("Date,Description,Amount\n2024-01-02,CAF".utf8)
        bytes += [0xC3] // a lone lead byte, past the head that decided the encoding is UTF-8
        bytes += Array(",-1.00\n2024-01-03,Crème,-2.00\n".utf8)
        // UTF-8 decided from the head needs a valid head: pad so the bad byte lies beyond it.
        let padding = Array(repeating: Array("2024-01-01,PAD,-0.01\n".utf8), count: 4000).flatMap { $0 }
        let file = Array("Date,Description,Amount\n".utf8) + padding + bytes.dropFirst(24)
        let r = try parse(file)
        XCTAssertEqual(r.events.count, 4002)
        XCTAssertEqual(r.events[4000].text, "CAF\u{FFFD}")
        XCTAssertEqual(r.events[4001].text, "Crème")
    }

    func testRunawayQuoteIsBoundedAndReported() throws {
        var reader = CSVRecordReader(delimiter: 0x2C, maxRecordBytes: 64)
        var seen: [(Int, CSVRecord.Problem?)] = []
        let input = Array(("a,\"" + String(repeating: "x", count: 200) + "\nb,c\n").utf8)
        try input.withUnsafeBufferPointer { buffer in
            try reader.feed(buffer) { seen.append(($0.line, $0.problem)) }
        }
        XCTAssertEqual(seen.map(\.0), [1, 2])
        XCTAssertEqual(seen[0].1, .tooLong)
        XCTAssertNil(seen[1].1)
    }

    func testNotABankCSVIsAClearError() {
        var parser = BankStatementCSVParser()
        let collector = EventCollector()
        XCTAssertThrowsError(try parser.parseAll(Array("name,age\nalice,30\nbob,41\n".utf8), into: collector.sink)) { error in
            XCTAssertTrue("\(error)".contains("not a bank statement CSV"), "\(error)")
        }
    }
}
