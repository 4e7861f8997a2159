import Foundation
@testable import Importers
import XCTest

/// The byte spans redact takes out of CSV and JSON files (docs/redact.md): exactly the named
/// records, the file still valid, every other byte as it was, whatever the chunking.
final class RecordFinderTests: XCTestCase {
    private func apply(_ edits: [ByteEdit], to text: String) -> String {
        var bytes = Array(text.utf8)
        for edit in edits.reversed() {
            bytes.replaceSubrange(Int(edit.start)..<Int(edit.end), with: edit.replacement)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func json(_ text: String, remove pointers: [String], mask: Bool = false, texts: [String] = [],
                      chunk: Int = 3) -> (String, RecordEdits) {
        var finder = JSONRecordFinder(targets: Dictionary(uniqueKeysWithValues: pointers.map { ($0, texts) }), mask: mask)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            bytes[offset..<end].withUnsafeBufferPointer { finder.feed($0, at: Int64(offset)) }
            offset = end
        }
        let found = finder.finish(fileEnd: Int64(bytes.count))
        XCTAssertNil(finder.problem)
        return (apply(found.normalized, to: text), found)
    }

    private func csv(_ text: String, remove lines: [Int], mask: Bool = false, texts: [String] = [],
                     chunk: Int = 2) -> (String, RecordEdits) {
        var finder = CSVRecordFinder(delimiter: UInt8(ascii: ","),
                                     targets: Dictionary(uniqueKeysWithValues: lines.map { ($0, texts) }), mask: mask)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            bytes[offset..<end].withUnsafeBufferPointer { finder.feed($0, at: Int64(offset)) }
            offset = end
        }
        let found = finder.finish(fileEnd: Int64(bytes.count))
        return (apply(found.normalized, to: text), found)
    }

    func testJSONArrayElementsGoWithOneComma() throws {
        let text = "[\n  {\"a\": 1},\n  {\"a\": 2},\n  {\"a\": 3}\n]\n"
        XCTAssertEqual(json(text, remove: ["/1"]).0, "[\n  {\"a\": 1},\n  {\"a\": 3}\n]\n")
        XCTAssertEqual(json(text, remove: ["/0"]).0, "[\n  {\"a\": 2},\n  {\"a\": 3}\n]\n")
        XCTAssertEqual(json(text, remove: ["/2"]).0, "[\n  {\"a\": 1},\n  {\"a\": 2}\n]\n")
        XCTAssertEqual(json(text, remove: ["/0", "/1"]).0, "[\n  {\"a\": 3}\n]\n")
        XCTAssertEqual(json(text, remove: ["/0", "/2"]).0, "[\n  {\"a\": 2}\n]\n")
        XCTAssertEqual(json(text, remove: ["/0", "/1", "/2"]).0, "[\n  \n]\n")
        for removed in [["/1"], ["/0"], ["/0", "/2"], ["/0", "/1", "/2"]] {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(json(text, remove: removed).0.utf8)), "\(removed)")
        }
    }

    func testJSONNestedPointersAndObjectMembers() throws {
        let text = #"{"locations": [{"t": "a\"]"}, {"t": "b"}], "x": {"k": [1, 2], "y": "z"}}"#
        XCTAssertEqual(json(text, remove: ["/locations/0"]).0, #"{"locations": [{"t": "b"}], "x": {"k": [1, 2], "y": "z"}}"#)
        XCTAssertEqual(json(text, remove: ["/x/k"]).0, #"{"locations": [{"t": "a\"]"}, {"t": "b"}], "x": {"y": "z"}}"#)
        XCTAssertEqual(json(text, remove: ["/x/y"]).0, #"{"locations": [{"t": "a\"]"}, {"t": "b"}], "x": {"k": [1, 2]}}"#)
        let (_, found) = json(text, remove: ["/locations/5"])
        XCTAssertEqual(found.placed, [], "a pointer that is not in the file is not placed")
    }

    func testJSONXArchivePrefixIsKept() throws {
        let text = "window.YTD.tweets.part0 = [ {\"tweet\": 1}, {\"tweet\": 2} ]"
        XCTAssertEqual(json(text, remove: ["/0"]).0, "window.YTD.tweets.part0 = [ {\"tweet\": 2} ]")
    }

    func testJSONMaskReplacesOnlyTheRecordsText() throws {
        let text = #"[{"title": "Searched for casino bonus", "time": "2025-01-01T10:00:00Z"}, {"title": "casino bonus"}]"#
        let (masked, found) = json(text, remove: ["/0"], mask: true, texts: ["Searched for casino bonus"])
        XCTAssertEqual(masked, #"[{"title": "***", "time": "2025-01-01T10:00:00Z"}, {"title": "casino bonus"}]"#)
        XCTAssertEqual(found.masked, [.pointer("/0")])
    }

    func testCSVRecordsIncludingQuotedLineBreaksAndCRLF() throws {
        let text = "Date,Text,Amount\r\n01/02/2025,\"two\r\nlines\",-1.00\r\n02/02/2025,Shop,-2.00\r\n03/02/2025,Bet365,-3.00"
        XCTAssertEqual(csv(text, remove: [2]).0, "Date,Text,Amount\r\n02/02/2025,Shop,-2.00\r\n03/02/2025,Bet365,-3.00")
        XCTAssertEqual(csv(text, remove: [4]).0, "Date,Text,Amount\r\n01/02/2025,\"two\r\nlines\",-1.00\r\n03/02/2025,Bet365,-3.00")
        XCTAssertEqual(csv(text, remove: [5]).0, "Date,Text,Amount\r\n01/02/2025,\"two\r\nlines\",-1.00\r\n02/02/2025,Shop,-2.00\r\n")
        XCTAssertEqual(csv(text, remove: [3]).1.placed, [], "line 3 is inside a quoted field, not a record")
    }

    func testCSVMaskKeepsDateAndAmount() throws {
        let text = "Date,Text,Amount\n01/02/2025,\"Bet365, London\",-3.00\n"
        let (masked, found) = csv(text, remove: [2], mask: true, texts: ["Bet365, London"])
        XCTAssertEqual(masked, "Date,Text,Amount\n01/02/2025,***,-3.00\n")
        XCTAssertEqual(found.masked, [.line(2)])
    }

    private func run(_ text: String, chunk: Int, _ feed: (UnsafeBufferPointer<UInt8>, Int64) -> Void) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            bytes[offset..<end].withUnsafeBufferPointer { feed($0, Int64(offset)) }
            offset = end
        }
    }

    private func markup(_ text: String, _ layout: MarkupRecordFinder.Layout, remove keys: [RecordKey], mask: Bool = false,
                        texts: [String] = [], chunk: Int = 5) -> (String, RecordEdits) {
        var finder = MarkupRecordFinder(layout: layout, targets: Dictionary(uniqueKeysWithValues: keys.map { ($0, texts) }), mask: mask)
        run(text, chunk: chunk) { finder.feed($0, at: $1) }
        let found = finder.finish(fileEnd: Int64(text.utf8.count))
        return (apply(found.normalized, to: text), found)
    }

    private func chat(_ text: String, remove lines: [Int], mask: Bool = false, chunk: Int = 4) -> (String, RecordEdits) {
        var finder = ChatLineRecordFinder(targets: Dictionary(uniqueKeysWithValues: lines.map { ($0, []) }), mask: mask)
        run(text, chunk: chunk) { finder.feed($0, at: $1) }
        let found = finder.finish(fileEnd: Int64(text.utf8.count))
        return (apply(found.normalized, to: text), found)
    }

    func testOFXTransactionsByOrdinalInsideStatementsOnly() throws {
        let sgml = """
            <OFX>
            <BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST>
            <STMTTRN>
            <TRNTYPE>DEBIT
            <NAME>Oddbins
            </STMTTRN>
            <STMTTRN>
            <TRNTYPE>DEBIT
            <NAME>BET365 LTD
            </STMTTRN>
            </BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1>
            </OFX>

            """
        let (removed, found) = markup(sgml, .ofx, remove: [.record(1)])
        XCTAssertEqual(found.placed, [.record(1)])
        XCTAssertFalse(removed.contains("BET365"))
        XCTAssertTrue(removed.contains("<STMTTRN>\n<TRNTYPE>DEBIT\n<NAME>Oddbins\n</STMTTRN>\n</BANKTRANLIST>"))
        let (masked, maskedFound) = markup(sgml, .ofx, remove: [.record(1)], mask: true, texts: ["BET365 LTD"])
        XCTAssertEqual(maskedFound.masked, [.record(1)])
        XCTAssertTrue(masked.contains("<NAME>***\n</STMTTRN>"))
        // Never closed (OFX 1.x SGML that omits the end tag): the record ends at the next one.
        let unclosed = "<OFX><CREDITCARDMSGSRSV1><BANKTRANLIST>\n<STMTTRN><NAME>A\n<STMTTRN><NAME>B\n</BANKTRANLIST></CREDITCARDMSGSRSV1></OFX>"
        XCTAssertEqual(markup(unclosed, .ofx, remove: [.record(0)]).0,
                       "<OFX><CREDITCARDMSGSRSV1><BANKTRANLIST>\n<STMTTRN><NAME>B\n</BANKTRANLIST></CREDITCARDMSGSRSV1></OFX>")
        // Outside a bank or card statement a STMTTRN is not a record of the importer.
        XCTAssertEqual(markup("<OFX><INVSTMTMSGSRSV1><STMTTRN><NAME>x</STMTTRN></INVSTMTMSGSRSV1></OFX>", .ofx, remove: [.record(0)]).1.placed, [])
    }

    func testCAMTEntriesByLineAndTwoOnOneLineRefused() throws {
        let xml = """
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
              <Ntry>
                <Amt Ccy="EUR">10.00</Amt><AddtlNtryInf>Lotto &amp; Toto</AddtlNtryInf>
              </Ntry>
              <Ntry><Amt Ccy="EUR">5.00</Amt></Ntry>
            </Stmt></BkToCstmrStmt></Document>
            """
        let (removed, found) = markup(xml, .camt, remove: [.line(2)])
        XCTAssertEqual(found.placed, [.line(2)])
        XCTAssertFalse(removed.contains("Lotto"))
        XCTAssertTrue(removed.contains("<Stmt>\n  <Ntry><Amt Ccy=\"EUR\">5.00</Amt></Ntry>\n</Stmt>"), removed)
        let (masked, _) = markup(xml, .camt, remove: [.line(2)], mask: true, texts: ["Lotto & Toto"])
        XCTAssertTrue(masked.contains("<AddtlNtryInf>***</AddtlNtryInf>"), masked)
        let oneLine = "<Stmt><Ntry><Amt>1</Amt></Ntry><Ntry><Amt>2</Amt></Ntry></Stmt>"
        XCTAssertEqual(markup(oneLine, .camt, remove: [.line(1)]).1.placed, [], "two entries on the target line")
    }

    func testWhatsAppMessagesWithContinuationLines() throws {
        let text = "01/03/2025, 18:00 - Sam: first\r\nstill first\r\n01/03/2025, 18:05 - Lena: second\r\n01/03/2025, 18:06 - Sam: third"
        XCTAssertEqual(chat(text, remove: [1]).0, "01/03/2025, 18:05 - Lena: second\r\n01/03/2025, 18:06 - Sam: third")
        XCTAssertEqual(chat(text, remove: [4]).0, "01/03/2025, 18:00 - Sam: first\r\nstill first\r\n01/03/2025, 18:05 - Lena: second\r\n")
        XCTAssertEqual(chat(text, remove: [2]).1.placed, [], "a continuation line is no message")
        XCTAssertEqual(chat(text, remove: [1], mask: true).0,
                       "01/03/2025, 18:00 - Sam: ***\r\n01/03/2025, 18:05 - Lena: second\r\n01/03/2025, 18:06 - Sam: third")
    }

    private func block(_ text: String, _ style: LineBlockRecordFinder.Style, remove lines: [Int], mask: Bool = false,
                       texts: [String] = [], chunk: Int = 3) -> (String, RecordEdits) {
        var finder = LineBlockRecordFinder(style: style, targets: Dictionary(uniqueKeysWithValues: lines.map { ($0, texts) }), mask: mask)
        run(text, chunk: chunk) { finder.feed($0, at: $1) }
        let found = finder.finish(fileEnd: Int64(text.utf8.count))
        return (apply(found.normalized, to: text), found)
    }

    func testMT940StatementLineGoesWithItsInformation() throws {
        let text = ":20:STMT\r\n:60F:C250301EUR100,00\r\n:61:2503030303D25,00NMSCNONREF\r\n:86:105?20BET365\r\n?21LONDON\r\n"
            + ":61:2503040304D5,00NMSCNONREF\r\n:86:106?20BAKERY\r\n:62F:C250331EUR70,00\r\n-\r\n"
        let (removed, found) = block(text, .mt940, remove: [3])
        XCTAssertEqual(found.placed, [.line(3)])
        XCTAssertEqual(removed, ":20:STMT\r\n:60F:C250301EUR100,00\r\n:61:2503040304D5,00NMSCNONREF\r\n:86:106?20BAKERY\r\n:62F:C250331EUR70,00\r\n-\r\n")
        XCTAssertEqual(block(text, .mt940, remove: [6]).0,
                       ":20:STMT\r\n:60F:C250301EUR100,00\r\n:61:2503030303D25,00NMSCNONREF\r\n:86:105?20BET365\r\n?21LONDON\r\n:62F:C250331EUR70,00\r\n-\r\n")
    }

    func testQIFRecordRunsToItsCaret() throws {
        let text = "!Type:Bank\nD03/03/2025\nT-25.00\nPBet365\n^\nD03/04/2025\nT-5.00\nPBakery\n^\n"
        XCTAssertEqual(block(text, .qif, remove: [2]).0, "!Type:Bank\nD03/04/2025\nT-5.00\nPBakery\n^\n")
        XCTAssertEqual(block(text, .qif, remove: [6]).0, "!Type:Bank\nD03/03/2025\nT-25.00\nPBet365\n^\n")
        XCTAssertEqual(block(text, .qif, remove: [2], mask: true, texts: ["Bet365"]).0,
                       "!Type:Bank\nD03/03/2025\nT-25.00\nP***\n^\nD03/04/2025\nT-5.00\nPBakery\n^\n")
    }
}
