import XCTest
@testable import Importers
@testable import StewardCore

/// Hostile and broken input for the QIF, MT940 and CAMT parsers: nothing crashes, memory
/// stays bounded, and what can be read is read.
final class BankFormatsRobustnessTests: XCTestCase {
    private func run(_ make: () -> any ExportParser, _ bytes: [UInt8]) -> (events: Int, error: ParseError?) {
        var parser = make()
        let collector = EventCollector()
        do { try parser.parseAll(bytes, chunkSize: 4096, into: collector.sink); return (collector.events.count, nil) }
        catch { return (collector.events.count, error) }
    }

    func testRandomBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let noise = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = run({ QIFParser() }, Array("!Type:Bank\n".utf8) + noise)
            _ = run({ MT940Parser() }, Array(":20:X\n:61:".utf8) + noise)
            _ = run({ CAMTParser() }, Array("<Document><BkToCstmrStmt><Stmt><Ntry>".utf8) + noise)
        }
    }

    func testDeepNestingAndHugeTokensAreBounded() {
        let deep = Array(String(repeating: "<a>", count: 200_000).utf8)
        let camt = Array("<Document><BkToCstmrStmt><Stmt>".utf8) + deep
            + Array("<Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-01-01</Dt></BookgDt></Ntry>".utf8)
        let r = run({ CAMTParser() }, camt)
        XCTAssertNil(r.error)
        XCTAssertEqual(r.events, 0, "an entry below the nesting limit is not interpreted")
        let longText = Array("<Document><BkToCstmrStmt><Stmt><Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-01-01</Dt></BookgDt><AddtlNtryInf>".utf8)
            + [UInt8](repeating: 0x41, count: 3 << 20) + Array("</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>".utf8)
        XCTAssertEqual(run({ CAMTParser() }, longText).events, 1)
        var qif = Array("!Type:Bank\nD1/1/2020\nT-1.00\n".utf8)
        for _ in 0..<10_000 { qif += Array("SCat\n$-0.01\n".utf8) }
        qif += Array("^\n".utf8)
        var parser = QIFParser()
        let collector = EventCollector()
        XCTAssertNoThrow(try parser.parseAll(qif, into: collector.sink))
        XCTAssertEqual(collector.events.count, 1)
        XCTAssertLessThan(collector.events[0].text?.utf8.count ?? 0, 250 * 20, "splits beyond Quicken's 250 are not kept")
        let mt = Array(":20:X\n:60F:C130101EUR1,00\n:61:130101D5,00NTRF\n:86:".utf8) + [UInt8](repeating: 0x42, count: 1 << 20) + Array("\n".utf8)
        var mtParser = MT940Parser()
        let mtCollector = EventCollector()
        XCTAssertNoThrow(try mtParser.parseAll(mt, into: mtCollector.sink))
        XCTAssertEqual(mtCollector.events.first?.text?.utf8.count, MT940Parser.maxFieldBytes)
    }
}
