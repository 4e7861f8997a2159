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

    /// Random bytes after a valid start: each parser ends normally or with a ParseError, emits
    /// only transactions of its own source, and gives the same result whether the bytes come
    /// in 4 KiB chunks or 7-byte ones (records split anywhere must not change what is read).
    func testRandomBytesAreReadTheSameInAnyChunkingAndYieldOnlyTransactions() {
        var generator = SeededTestRandom(defaultSeed: 0x5EED_BA4C)
        let parsers: [(name: String, source: String, header: String, make: () -> any ExportParser)] = [
            ("QIF", QIFParser.sourceID, "!Type:Bank\n", { QIFParser() }),
            ("MT940", MT940Parser.sourceID, ":20:X\n:61:", { MT940Parser() }),
            ("CAMT", CAMTParser.sourceID, "<Document><BkToCstmrStmt><Stmt><Ntry>", { CAMTParser() }),
        ]
        for round in 0..<20 {
            let noise = generator.bytes(20_000)
            for parser in parsers {
                let bytes = Array(parser.header.utf8) + noise
                let large = events(parser.make, bytes, chunkSize: 4096)
                let small = events(parser.make, bytes, chunkSize: 7)
                let context = "\(parser.name), round \(round) \(generator.replay)"
                XCTAssertEqual(large.events.count, small.events.count, context)
                XCTAssertEqual(large.error?.description, small.error?.description, context)
                XCTAssertTrue(large.events.allSatisfy { $0.source == parser.source && $0.kind == .transaction }, context)
            }
        }
    }

    private func events(_ make: () -> any ExportParser, _ bytes: [UInt8], chunkSize: Int) -> (events: [Event], error: ParseError?) {
        var parser = make()
        let collector = EventCollector()
        do { try parser.parseAll(bytes, chunkSize: chunkSize, into: collector.sink); return (collector.events, nil) }
        catch { return (collector.events, error) }
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
