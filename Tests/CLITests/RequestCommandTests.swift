import Foundation
import XCTest

/// `steward request` prints an access request in the person's language; `steward sources` shows
/// where to delete each source's data (docs/requests.md).
final class RequestCommandTests: XCTestCase {
    var home: String!

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("request") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    func testGermanRequestForGoogleMyActivityNamesArticle15AndGoogle() throws {
        let result = try StewardProcess.run(["request", "google.my_activity", "--lang", "de"], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Art. 15 DSGVO"), result.stdout)
        XCTAssertTrue(result.stdout.hasPrefix("An: Google"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Betreff: Auskunftsersuchen"), result.stdout)
        XCTAssertTrue(result.stderr.contains("Kein gespeicherter Scan hat google.my_activity gelesen"), "without a scan it says why no files are named")
    }

    func testCCPARequestCitesTheCaliforniaCode() throws {
        let result = try StewardProcess.run(["request", "twitter.archive", "--law", "ccpa", "--lang", "en"], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Cal. Civ. Code"), result.stdout)
        XCTAssertTrue(result.stdout.hasPrefix("To: X "), result.stdout)
    }

    /// A LinkedIn download without its inference and ad-targeting files: the letter names both,
    /// and the note says which scan the list comes from.
    func testTheLetterNamesTheFilesTheScannedDownloadLacked() throws {
        let dir = home + "/linkedin"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "Company Name,Title,Description,Location,Started On,Finished On\r\nACME GmbH,Engineer,,Berlin,Jan 2023,\r\n"
            .write(toFile: dir + "/Positions.csv", atomically: true, encoding: .utf8)
        let db = home + "/s.db"
        let scan = try StewardProcess.run(["scan", dir, "--db", db, "--rules", StewardProcess.rulesDirectory, "--format", "json"], home: home)
        XCTAssertEqual(scan.status, 0, scan.stderr)
        let result = try StewardProcess.run(["request", "linkedin.csv", "--db", db, "--lang", "en"], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("normally contains: Inferences_about_you.csv, Ad_Targeting.csv."), result.stdout)
        XCTAssertTrue(result.stderr.contains("The missing files are those scan "), result.stderr)
        let other = try StewardProcess.run(["request", "twitter.archive", "--db", db, "--lang", "en"], home: home)
        XCTAssertFalse(other.stdout.contains("lacked these files"), other.stdout)
        XCTAssertTrue(other.stderr.contains("did not read twitter.archive"), other.stderr)
    }

    func testAnUnknownSourceIsAUsageErrorNamingTheClosest() throws {
        let result = try StewardProcess.run(["request", "goggle.my_activity", "--lang", "en"], home: home)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("unknown source 'goggle.my_activity'; did you mean 'google.my_activity'"), result.stderr)
    }

    func testSourcesShowsWhereToDeleteEachFormatInTextAndJSON() throws {
        let text = try StewardProcess.run(["sources", "--lang", "en"], home: home)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("    where to delete it: myactivity.google.com: delete single items"), text.stdout)
        let json = try StewardProcess.run(["sources", "--json"], home: home)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]])
        XCTAssertFalse(rows.isEmpty)
        for row in rows { XCTAssertFalse((row["delete"] ?? "").isEmpty, "\(row["id"] ?? "?") has no deletion guide in --json") }
    }
}
