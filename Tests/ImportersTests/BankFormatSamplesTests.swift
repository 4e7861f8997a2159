import XCTest
import Foundation
@testable import Importers
@testable import StewardCore

/// The real QIF, MT940, CAMT.053, PayPal and Revolut samples of the sample corpus (never
/// copied into the package: docs/architecture.md, "Sample exports"), detected through the registry, parsed at three chunk sizes and
/// checked field by field against values read by hand from the files.
final class BankFormatSamplesTests: XCTestCase {
    private func parseSample(_ relative: String) throws -> (id: String, result: ChunkedParseResult) {
        let url = SampleCorpus.root.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("sample \(url.path) not present: real-sample check skipped")
        }
        let bytes = try [UInt8](Data(contentsOf: url))
        let probe = FileProbe(path: "renamed-download", head: Array(bytes.prefix(FileProbe.headLength)), size: Int64(bytes.count))
        guard case .success(let hit) = ImporterRegistry.detect(probe) else {
            XCTFail("\(relative) not recognized")
            throw XCTSkip("unrecognized")
        }
        let result = try parseAtAllChunkSizes({ hit.importer.makeParser(for: probe) }, bytes)
        XCTAssertEqual(result.skipped, 0, result.issues.joined(separator: "\n"))
        return (hit.importer.id, result)
    }

    func testQIFSample() throws {
        let (id, r) = try parseSample("qif/test.qif")
        XCTAssertEqual(id, "bank.qif")
        XCTAssertEqual(r.events.count, 7)
        XCTAssertEqual(r.events[0].time?.iso8601, "2020-02-10")
        XCTAssertEqual(r.events[0].counterparty, "Opening Balance")
        XCTAssertEqual(r.events[1].amount, Money(units: 6750, scale: 2))
        XCTAssertEqual(r.events[1].text, "category: Bills:Cell Phone/Test class | splits: Bills:Cell Phone/Test class (sign up credit) -15.00; Bills:Cell Phone/Test class (new account) 82.50")
        XCTAssertEqual(r.events[5].time?.iso8601, "2020-02-10", "the split's own D line does not move the date")
        XCTAssertEqual(r.events[5].amount, Money(units: -10000, scale: 2))
        XCTAssertEqual(r.events[5].counterparty, "Amazon.com")
        XCTAssertEqual(r.events[6].code, "Buy")
        XCTAssertEqual(r.events[6].amount, Money(units: -10000, scale: 2), "Invst record without T: the $ amount, a purchase")
    }

    func testMT940Sample() throws {
        let (id, r) = try parseSample("mt940/rabobank-iban.sta")
        XCTAssertEqual(id, "bank.mt940")
        XCTAssertEqual(r.events.count, 4)
        XCTAssertEqual(r.events[0].amount, Money(units: -2500, scale: 2, currency: "EUR"))
        XCTAssertEqual(r.events[0].counterparty, "CONTRA ACCOUNT HOLDER")
        XCTAssertEqual(r.events[0].time?.iso8601, "2013-01-01")
        XCTAssertEqual(r.events[1].counterparty, "JOHN DOE")
        XCTAssertEqual(r.events[1].text, "Reference 201301234")
        XCTAssertEqual(r.events[1].code, "N154")
        XCTAssertEqual(r.events[3].time?.iso8601, "2013-01-09")
        XCTAssertEqual(r.events[3].position, SourcePosition(line: 22, record: 3))
    }

    func testCAMT053Sample() throws {
        let (id, r) = try parseSample("camt053/camt053.v2.minimal.xml")
        XCTAssertEqual(id, "bank.camt053")
        XCTAssertEqual(r.events.count, 1)
        let e = r.events[0]
        XCTAssertEqual(e.amount, Money(units: 885, scale: 2, currency: "EUR"))
        XCTAssertEqual(e.time?.iso8601, "2014-12-31")
        XCTAssertEqual(e.counterparty, "NAME NAME", "the debtor of a credit")
        XCTAssertEqual(e.code, "544")
    }

    func testPayPalSample() throws {
        let (id, r) = try parseSample("paypal-activity-csv/paypal-custom.csv")
        XCTAssertEqual(id, "bank.paypal")
        XCTAssertEqual(Set(r.events.map(\.source)), ["bank.paypal"])
        XCTAssertEqual(r.events.count, 4, "7 rows less 3 funding rows")
        XCTAssertEqual(r.events[0].time?.iso8601, "2019-10-01T03:46:20-07:00")
        XCTAssertEqual(r.events[0].counterparty, "Calm Radio")
        XCTAssertEqual(r.events[0].amount, Money(units: -699, scale: 2, currency: "USD"))
        XCTAssertEqual(r.events[3].counterparty, "Noble Benefactor")
        XCTAssertEqual(r.events[3].amount, Money(units: 941, scale: 2, currency: "USD"), "net of the -0.59 fee")
    }

    func testRevolutSample() throws {
        let (id, r) = try parseSample("revolut-csv/2022-january.csv")
        XCTAssertEqual(id, "bank.csv")
        XCTAssertEqual(r.events.count, 9)
        XCTAssertEqual(r.events[0].amount, Money(units: -25000, scale: 2, currency: "EUR"))
        XCTAssertEqual(r.events[0].code, "TRANSFER")
        XCTAssertEqual(r.events[0].text, "To Guybrush Threepwood")
        XCTAssertEqual(r.events[5].text, "store")
        XCTAssertEqual(r.events[5].time?.iso8601, "2022-01-13T11:21:43")
    }
}
