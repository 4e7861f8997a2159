import XCTest
@testable import Importers
@testable import StewardCore
@testable import Formats

final class BankCAMTParserTests: XCTestCase {
    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> ChunkedParseResult {
        try parseAtAllChunkSizes({ CAMTParser() }, Array(text.utf8), file: file, line: line)
    }

    /// camt.053.001.02: a single-transaction entry with purpose code and domain codes, and a
    /// batched entry (two `TxDtls` with `AmtDtls/TxAmt/Amt`), which becomes two events.
    static let v2 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>1</MsgId><CreDtTm>2024-03-01T10:00:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>S1</Id>
              <Acct><Id><IBAN>DE02120300000000202051</IBAN></Id><Ccy>EUR</Ccy></Acct>
              <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">99.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-02-29</Dt></Dt></Bal>
              <Ntry>
                <Amt Ccy="EUR">250.00</Amt>
                <CdtDbtInd>DBIT</CdtDbtInd>
                <Sts>BOOK</Sts>
                <BookgDt><Dt>2024-03-01</Dt></BookgDt>
                <ValDt><Dt>2024-03-02</Dt></ValDt>
                <BkTxCd>
                  <Domn><Cd>PMNT</Cd><Fmly><Cd>RDDT</Cd><SubFmlyCd>ESDD</SubFmlyCd></Fmly></Domn>
                  <Prtry><Cd>NDDT+105</Cd><Issr>DK</Issr></Prtry>
                </BkTxCd>
                <NtryDtls><TxDtls>
                  <AmtDtls><TxAmt><Amt Ccy="EUR">250.00</Amt></TxAmt></AmtDtls>
                  <RltdPties>
                    <Dbtr><Nm>Erika Mustermann</Nm></Dbtr>
                    <Cdtr><Nm>Schnell Kredit Bank AG</Nm></Cdtr>
                    <UltmtCdtr><Nm>Inkasso Dritter</Nm></UltmtCdtr>
                  </RltdPties>
                  <RltdAgts><CdtrAgt><FinInstnId><Nm>Some Agent Bank</Nm></FinInstnId></CdtrAgt></RltdAgts>
                  <Purp><Cd>LOAN</Cd></Purp>
                  <RmtInf><Ustrd>Kreditrate 03/2024</Ustrd><Ustrd>Vertrag 4711 &amp; Zinsen</Ustrd></RmtInf>
                </TxDtls></NtryDtls>
                <AddtlNtryInf>Lastschrift</AddtlNtryInf>
              </Ntry>
              <Ntry>
                <Amt Ccy="EUR">30.00</Amt>
                <CdtDbtInd>DBIT</CdtDbtInd>
                <BookgDt><Dt>2024-03-04</Dt></BookgDt>
                <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                <NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch>
                  <TxDtls>
                    <AmtDtls><TxAmt><Amt Ccy="EUR">10.00</Amt></TxAmt></AmtDtls>
                    <RltdPties><Cdtr><Nm>Red Cross</Nm></Cdtr></RltdPties>
                    <Purp><Cd>CHAR</Cd></Purp>
                    <RmtInf><Ustrd>Spende</Ustrd></RmtInf>
                  </TxDtls>
                  <TxDtls>
                    <AmtDtls><TxAmt><Amt Ccy="EUR">20.00</Amt></TxAmt></AmtDtls>
                    <RltdPties><Cdtr><Nm>Stadtwerke</Nm></Cdtr></RltdPties>
                    <RmtInf><Ustrd>Strom &lt;März&gt;</Ustrd></RmtInf>
                  </TxDtls>
                </NtryDtls>
              </Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>

        """

    func testVersion2SingleAndBatchedEntries() throws {
        let r = try parse(Self.v2)
        XCTAssertEqual(r.skipped, 0, r.issues.joined(separator: "\n"))
        XCTAssertTrue(r.issues.isEmpty, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.count, 3)
        let loan = r.events[0]
        XCTAssertEqual(loan.source, "bank.camt053")
        XCTAssertEqual(loan.time?.iso8601, "2024-03-01")
        XCTAssertEqual(loan.amount, Money(units: -25000, scale: 2, currency: "EUR"))
        XCTAssertEqual(loan.counterparty, "Schnell Kredit Bank AG", "the creditor of a debit; not the ultimate creditor, not the agent")
        XCTAssertEqual(loan.code, "LOAN", "the purpose code wins over the bank transaction code")
        XCTAssertEqual(loan.text, "Kreditrate 03/2024 Vertrag 4711 & Zinsen")
        XCTAssertEqual(loan.position, SourcePosition(line: 9, record: 0))
        XCTAssertEqual(r.events[1].amount, Money(units: -1000, scale: 2, currency: "EUR"))
        XCTAssertEqual(r.events[1].counterparty, "Red Cross")
        XCTAssertEqual(r.events[1].code, "CHAR")
        XCTAssertEqual(r.events[2].amount, Money(units: -2000, scale: 2, currency: "EUR"))
        XCTAssertEqual(r.events[2].code, "PMNT/ICDT/ESCT", "no purpose: the domain/family/sub-family code of the entry")
        XCTAssertEqual(r.events[2].text, "Strom <März>")
        XCTAssertEqual(r.events[2].position, SourcePosition(line: 32, record: 2))
    }

    /// camt.053.001.08 with a namespace prefix: `Cdtr/Pty/Nm`, `TxDtls/Amt`, a booking date-time,
    /// a credit with a debtor, CDATA, character references, a comment containing `>` and a
    /// DOCTYPE whose entity must not be expanded.
    static let v8 = """
        <?xml version="1.0"?>
        <!DOCTYPE Document [ <!ENTITY boom "BOOM BOOM"> <!ATTLIST Document x CDATA #IMPLIED> ]>
        <c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
        <c:BkToCstmrStmt><c:Stmt>
        <!-- a comment with <Ntry> and > inside -->
        <c:Ntry>
          <c:Amt Ccy='CHF'>1234.5</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd>
          <c:BookgDt><c:DtTm>2024-05-06T07:08:09+02:00</c:DtTm></c:BookgDt>
          <c:BkTxCd><c:Prtry><c:Cd>SALA</c:Cd></c:Prtry></c:BkTxCd>
          <c:NtryDtls><c:TxDtls>
            <c:Amt Ccy="CHF">1234.5</c:Amt>
            <c:RltdPties><c:Dbtr><c:Pty><c:Nm><![CDATA[Arbeit & Co <AG>]]></c:Nm></c:Pty></c:Dbtr>
              <c:Cdtr><c:Pty><c:Nm>Me</c:Nm></c:Pty></c:Cdtr></c:RltdPties>
            <c:RmtInf><c:Ustrd>Lohn&#32;Mai &#x2013; &boom;</c:Ustrd></c:RmtInf>
          </c:TxDtls></c:NtryDtls>
        </c:Ntry>
        </c:Stmt></c:BkToCstmrStmt></c:Document>
        """

    func testVersion8PrefixesCDATAEntitiesAndDoctype() throws {
        let r = try parse(Self.v8)
        XCTAssertEqual(r.events.count, 1, r.issues.joined(separator: "\n"))
        let salary = r.events[0]
        XCTAssertEqual(salary.amount, Money(units: 12345, scale: 1, currency: "CHF"))
        XCTAssertEqual(salary.counterparty, "Arbeit & Co <AG>", "the debtor of a credit")
        XCTAssertEqual(salary.text, "Lohn Mai – &boom;", "only predefined and numeric references are decoded")
        XCTAssertEqual(salary.code, "SALA")
        XCTAssertEqual(salary.time?.iso8601, "2024-05-06T07:08:09+02:00")
        XCTAssertEqual(r.issues.count, 1)
        XCTAssertTrue(r.issues[0].contains("DOCTYPE ignored"), r.issues[0])
    }

    /// camt.054.001.04 notification: a reversal (booked CRDT, so money in), and a batch whose
    /// transactions carry their own `CdtDbtInd` and `Amt` (v3+ layout) and `AddtlTxInf`.
    func testNotificationReversalAndTransactionLevelIndicators() throws {
        let r = try parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.04"><BkToCstmrDbtCdtNtfctn><Ntfctn>
            <Acct><Id><IBAN>CH9300762011623852957</IBAN></Id><Ccy>CHF</Ccy></Acct>
            <Ntry><Amt>12.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd>
              <BookgDt><Dt>2024-02-01</Dt></BookgDt><AddtlNtryInf>Rueckbuchung Lastschrift</AddtlNtryInf></Ntry>
            <Ntry><Amt Ccy="CHF">5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-02-02</Dt></BookgDt>
              <NtryDtls>
                <TxDtls><Amt Ccy="CHF">7.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><AddtlTxInf>Kartenzahlung Kiosk</AddtlTxInf></TxDtls>
                <TxDtls><Amt Ccy="CHF">2.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><AddtlTxInf>Rabatt</AddtlTxInf></TxDtls>
              </NtryDtls></Ntry>
            </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
            """)
        XCTAssertEqual(r.skipped, 0, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.map { $0.amount }, [
            Money(units: 1200, scale: 2, currency: "CHF"), Money(units: -700, scale: 2, currency: "CHF"), Money(units: 200, scale: 2, currency: "CHF"),
        ])
        XCTAssertEqual(r.events.map { $0.text ?? "-" }, ["Rueckbuchung Lastschrift", "Kartenzahlung Kiosk", "Rabatt"])
        XCTAssertEqual(CAMTImporter().detect(FileProbe(path: "x", head: Array(#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.04">"#.utf8), size: nil))?.confidence, 0.95)
    }

    func testTruncatedFileKeepsCompleteEntries() throws {
        let text = Self.v2
        let cut = String(text[..<text.range(of: "<Purp><Cd>CHAR")!.lowerBound])
        let r = try parse(cut)
        XCTAssertEqual(r.events.count, 1)
        XCTAssertEqual(r.skipped, 1)
        XCTAssertTrue(r.issues[0].contains("line 32 record 1") && r.issues[0].contains("truncated"), r.issues[0])
    }

    func testBadEntriesAreSkippedAndNonStatementsRefused() throws {
        let r = try parse("""
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.04"><BkToCstmrAcctRpt><Rpt>
            <Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd></Ntry>
            <Ntry><Amt Ccy="EUR">x</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-01-01</Dt></BookgDt></Ntry>
            <Ntry><Amt Ccy="EUR">2.00</Amt><BookgDt><Dt>2024-01-01</Dt></BookgDt></Ntry>
            <Ntry><Amt Ccy="EUR">3.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><ValDt><Dt>2024-01-02</Dt></ValDt></Ntry>
            </Rpt></BkToCstmrAcctRpt></Document>
            """)
        XCTAssertEqual(r.events.count, 1)
        XCTAssertEqual(r.skipped, 3)
        XCTAssertEqual(r.events[0].time?.iso8601, "2024-01-02", "the value date when there is no booking date")
        XCTAssertEqual(r.events[0].position, SourcePosition(line: 5, record: 3))
        var parser = CAMTParser()
        let collector = EventCollector()
        XCTAssertThrowsError(try parser.parseAll(Array("<Document><Other/></Document>".utf8), into: collector.sink))
    }

    func testDetection() {
        let camt = CAMTImporter()
        func probe(_ s: String) -> FileProbe { FileProbe(path: "download.xml", head: Array(s.utf8), size: nil) }
        XCTAssertGreaterThanOrEqual(camt.detect(probe(Self.v2))?.confidence ?? 0, 0.9)
        XCTAssertGreaterThanOrEqual(camt.detect(probe(Self.v8))?.confidence ?? 0, 0.9)
        XCTAssertNotNil(camt.detect(probe("<Document><BkToCstmrStmt><Stmt>")))
        // Lookalikes: a payment initiation (pain.001), OFX 2, JSON mentioning camt.
        XCTAssertNil(camt.detect(probe("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"><CstmrCdtTrfInitn>")))
        XCTAssertNil(camt.detect(probe("<?xml version=\"1.0\"?><?OFX OFXHEADER=\"200\"?><OFX></OFX>")))
        XCTAssertNil(camt.detect(probe("{\"ns\": \"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"}")))
        let others: [any Importer] = [OFXImporter(), QIFImporter(), MT940Importer(), BankStatementCSVImporter(), GoogleMyActivityImporter()]
        for importer in others {
            XCTAssertLessThan(importer.detect(probe(Self.v2))?.confidence ?? 0, 0.5, importer.id)
        }
    }

    func testScannerNeverExpandsEntitiesAndBoundsTokens() {
        var scanner = MarkupTokenizer(.xml, maxTextBytes: 16)
        var texts: [String] = []
        let input = Array("<a>\(String(repeating: "x", count: 100))</a><b>&lt;&amp;&#65;</b>".utf8)
        input.withUnsafeBytes { raw in
            scanner.feed(raw) { token in
                if case .text(let t) = token { texts.append(MarkupText.decodeXML(t)) }
            }
        }
        XCTAssertEqual(texts, [String(repeating: "x", count: 16), "<&A"])
        XCTAssertEqual(MarkupText.decodeXML(Array("&undefined;&#0;&#xD800;&ext SYSTEM".utf8)[...]), "&undefined;&#0;&#xD800;&ext SYSTEM")
    }
}
