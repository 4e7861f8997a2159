import Foundation
import XCTest
import ZIPFoundation

/// Bad data is reported and skipped; bad rule files stop with file:line.
final class RobustnessTests: XCTestCase {
    var home: String!

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("robust") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    func testHostileInputsAreReportedAndTheScanGoesOn() throws {
        let dir = home + "/inputs"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        func put(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        // A good file, so the scan has something to find.
        try put("good.csv", Array("Date,Description,Amount\n05/03/2025,BET365 LTD,-25.00\n14/03/2025,PureGym,-24.99\n".utf8))
        // Truncated OFX (download cut off mid-transaction).
        try put("cut.ofx", Array("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250301<TRNAMT>-5.00<NAME>Oddbins</STMTTRN><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>2025".utf8))
        // My Activity JSON with a broken record and a truncated tail.
        try put("MyActivity.json", Array(#"[{"header":"Search","title":"Searched for gym membership prices","time":"2025-03-01T10:00:00.000Z","products":["Search"]},{"header":"Search","title":"Searched for x","time":12},{"header":"Search","title":"Searched for "#.utf8))
        // Deeply nested JSON.
        try put("deep.json", Array(repeating: UInt8(ascii: "["), count: 200_000))
        // Invalid UTF-8 and script in a CSV that ends up in reports.
        try put("hostile.csv", Array("Date,Description,Amount\n06/03/2025,".utf8) + [0xFF, 0xFE, 0xC3] + Array("<script>alert(1)</script> \u{1B}[31mBET365,-10.00\n".utf8))
        // Random binary.
        try put("noise.bin", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) })

        let result = try StewardProcess.run(["scan", dir, "--no-db", "--format", "json", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try StewardProcess.json(result.stdout)
        let inputs = try XCTUnwrap(report["inputs"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: inputs.map { ((($0["path"] as! String) as NSString).lastPathComponent, $0) })
        XCTAssertEqual(byName["good.csv"]?["events"] as? Int, 2)
        let cut = try XCTUnwrap(byName["cut.ofx"], "truncated OFX is still read")
        XCTAssertEqual(cut["events"] as? Int, 1)
        XCTAssertFalse((cut["errors"] as? [String] ?? []).isEmpty, "truncation is reported")
        let activity = try XCTUnwrap(byName["MyActivity.json"])
        XCTAssertEqual(activity["events"] as? Int, 1)
        XCTAssertFalse((activity["errors"] as? [String] ?? []).isEmpty)
        let unrecognized = (report["unrecognized"] as? [[String: Any]] ?? []).compactMap { (($0["path"] as? String).map { ($0 as NSString).lastPathComponent }) }
        XCTAssertTrue(unrecognized.contains("noise.bin"))
        let deepReported = unrecognized.contains("deep.json") || !((byName["deep.json"]?["errors"] as? [String]) ?? []).isEmpty
        XCTAssertTrue(deepReported, "deeply nested JSON is reported, not a crash")
        // The terminal report of the same scan neutralizes escape sequences from the data.
        let terminal = try StewardProcess.run(["scan", dir, "--no-db", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(terminal.status, 0, terminal.stderr)
        XCTAssertFalse(terminal.stdout.contains("\u{1B}"), "an input must not inject terminal escapes")
    }

    func testBadRuleFileStopsWithFileAndLine() throws {
        let rules = home + "/rules"
        try FileManager.default.copyItem(atPath: StewardProcess.rulesDirectory, toPath: rules)
        let target = rules + "/attributes.yaml"
        var text = try String(contentsOfFile: target, encoding: .utf8)
        text += "\n  - id: finance.gambling\n    title: duplicate\n    sensitivity: financial\n    explanation: twice\n"
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        let lint = try StewardProcess.run(["rules", "lint", "--rules", rules], home: home)
        XCTAssertEqual(lint.status, 2, lint.stdout + lint.stderr)
        XCTAssertTrue(lint.stderr.contains("attributes.yaml:"), lint.stderr)
        let scan = try StewardProcess.run(["scan", home, "--rules", rules, "--no-db"], home: home)
        XCTAssertEqual(scan.status, 2)
        XCTAssertTrue(scan.stderr.contains("attributes.yaml:"), scan.stderr)
    }

    func testLintNamesAOneWordTermThatIsAnEverydayWordOfAnotherLanguageAndFails() throws {
        let rules = home + "/rules"
        try FileManager.default.copyItem(atPath: StewardProcess.rulesDirectory, toPath: rules)
        let target = rules + "/lexicons/gambling_own_words.en.txt"
        let text = try String(contentsOfFile: target, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count + (text.hasSuffix("\n") ? 0 : 1)
        try (text + (text.hasSuffix("\n") ? "" : "\n") + "placard\n").write(toFile: target, atomically: true, encoding: .utf8)
        let lint = try StewardProcess.run(["rules", "lint", "--rules", rules], home: home)
        XCTAssertEqual(lint.status, 1, lint.stdout + lint.stderr)
        XCTAssertTrue(lint.stderr.contains("rules/lexicons/gambling_own_words.en.txt:\(line): 'placard' is an everyday word in 'fr'"), lint.stderr)
    }

    func testRulesTestAndLintPassOnTheShippedRules() throws {
        let lint = try StewardProcess.run(["rules", "lint", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(lint.status, 0, lint.stderr)
        let test = try StewardProcess.run(["rules", "test", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(test.status, 0, test.stdout + test.stderr)
        XCTAssertTrue(test.stdout.contains(" passed, 0 failed"), test.stdout)
    }

    func testNestedZipInsideZipIsScanned() throws {
        let dir = home + "/persona"
        XCTAssertEqual(try StewardProcess.run(["demo", "--write-only", "--dir", dir], home: home).status, 0)
        let innerData = try Data(contentsOf: URL(fileURLWithPath: dir + "/takeout-20260301T090000Z-001.zip"))
        let outer = home + "/backup.zip"
        let archive = try Archive(url: URL(fileURLWithPath: outer), accessMode: .create)
        try archive.addEntry(with: "exports/takeout.zip", type: .file, uncompressedSize: Int64(innerData.count), compressionMethod: .deflate) { pos, size in
            innerData.subdata(in: Int(pos)..<Int(pos) + size)
        }
        let result = try StewardProcess.run(["scan", outer, "--no-db", "--format", "json", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try StewardProcess.json(result.stdout)
        let paths = (report["inputs"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        XCTAssertTrue(paths.contains(outer + "!exports/takeout.zip!Takeout/My Activity/Search/MyActivity.json"), "\(paths)")
        XCTAssertTrue(paths.contains(outer + "!exports/takeout.zip!Takeout/Location History (Timeline)/Records.json"), "\(paths)")
        XCTAssertTrue(paths.allSatisfy { $0.hasPrefix(outer + "!exports/takeout.zip!Takeout/") })
    }
}
