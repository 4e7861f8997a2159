import XCTest
import Foundation
@testable import Importers
@testable import StewardCore

/// Parses the real sample exports of the sample corpus (outside the package, never copied
/// in: docs/architecture.md, "Sample exports") with whatever importer the registry detects, and checks the transaction counts
/// counted by hand from the files.
final class BankSampleFilesTests: XCTestCase {
    private var samplesRoot: URL { SampleCorpus.root }

    private func parseSample(_ relative: String) throws -> (id: String, result: ChunkedParseResult) {
        let url = samplesRoot.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("sample \(url.path) not present: real-sample check skipped")
        }
        let bytes = try [UInt8](Data(contentsOf: url))
        let probe = FileProbe(path: url.path, head: Array(bytes.prefix(FileProbe.headLength)), size: Int64(bytes.count))
        guard case .success(let hit) = ImporterRegistry.detect(probe) else {
            XCTFail("\(relative) not recognized")
            throw XCTSkip("unrecognized")
        }
        let result = try parseAtAllChunkSizes({ hit.importer.makeParser(for: probe) }, bytes)
        return (hit.importer.id, result)
    }

    override func setUpWithError() throws {
        guard FileManager.default.fileExists(atPath: samplesRoot.path) else {
            throw XCTSkip("\(samplesRoot.path) not found: tests on real sample exports skipped")
        }
    }

    func testOFX1SGMLSample() throws {
        let (id, r) = try parseSample("ofx/checking.ofx")
        XCTAssertEqual(id, "bank.ofx")
        XCTAssertEqual(r.events.count, 3) // three STMTTRN blocks
        XCTAssertTrue(r.issues.isEmpty, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.map { $0.amount?.description }, ["0.01 USD", "-34.51 USD", "-25.00 USD"])
        XCTAssertEqual(r.events[2].code, "CHECK")
    }

    func testOFX2XMLSample() throws {
        let (id, r) = try parseSample("ofx/suncorp.ofx")
        XCTAssertEqual(id, "bank.ofx")
        XCTAssertEqual(r.events.count, 1) // one STMTTRN
        XCTAssertEqual(r.events.first?.amount, Money(units: -1685, scale: 2, currency: "AUD"))
        XCTAssertEqual(r.events.first?.counterparty, "EFTPOS WDL HANDYWAY ALDI STORE")
    }

    func testEasybankHeaderlessCSVSample() throws {
        let (id, r) = try parseSample("bank-csv-eu/at-easybank/easybank-giro.csv")
        XCTAssertEqual(id, "bank.csv")
        XCTAssertEqual(r.events.count, 10) // ten CRLF lines, one booking each
        XCTAssertEqual(r.skipped, 0)
        XCTAssertEqual(r.events[4].amount, Money(units: -100_100, scale: 2, currency: "EUR"))
        XCTAssertEqual(r.events[1].amount, Money(units: 123, scale: 2, currency: "EUR"))
        XCTAssertEqual(r.events[0].time?.iso8601, "2014-01-01")
        XCTAssertEqual(r.events[9].position, .line(10))
    }
}
