import XCTest
import Localization
import StewardCore
@testable import StewardPipeline

/// The access-request letter (`steward request`, docs/requests.md): its law and holder, what it
/// asks for, and the files a stored scan shows a download lacked.
final class AccessRequestLetterTests: XCTestCase {
    private func report(inputs: [(path: String, source: String)]) -> ScanReport {
        ScanReport(tool: .init(version: "test", rules: "r"), scan: .init(id: "s1", started: "2026-01-01T00:00:00Z", paths: ["x"]),
                   inputs: inputs.map { .init(path: $0.path, source: $0.source, events: 1, skipped: 0, errors: []) },
                   unrecognized: [], findings: [], scores: [])
    }

    func testAGermanGDPRLetterToGoogleNamesArticle15TheHolderAndEveryItemWithItsCitation() {
        let t = Localizer(.de)
        let text = AccessRequestLetter(source: "google.my_activity", title: "Google „Meine Aktivitäten“ (JSON)", law: .gdpr).render(t)
        XCTAssertTrue(text.hasPrefix("An: Google (im EWR"), text)
        XCTAssertTrue(text.contains("Art. 15 DSGVO"), text)
        XCTAssertTrue(text.contains("Art. 15 Abs. 1 lit. h DSGVO"), "automated decisions cite Art. 15(1)(h)")
        for (number, item) in AccessRequestLetter.items.enumerated() {
            XCTAssertTrue(text.contains("\(number + 1). \(t("request.item.\(item)")) (\(t("request.gdpr.cite.\(item)")))"), item)
        }
        XCTAssertTrue(text.contains("(Google „Meine Aktivitäten“ (JSON))"), "the download is named by its title")
        XCTAssertFalse(text.contains(t("request.missing", ["files": ""]).prefix(20)), "no missing files were given")
    }

    func testACCPALetterCitesTheCaliforniaCodeAndNotTheGDPR() {
        let text = AccessRequestLetter(source: "linkedin.csv", title: "LinkedIn data export (CSV)", law: .ccpa).render(.english)
        XCTAssertTrue(text.contains("Request to know under the California Consumer Privacy Act"), text)
        XCTAssertTrue(text.contains("§ 1798.140(v)(1)(K)"), "inferences are personal information under the CCPA")
        XCTAssertFalse(text.contains("GDPR"), text)
        XCTAssertTrue(text.hasPrefix("To: LinkedIn"), text)
    }

    func testABankStatementIsAddressedToTheBanksDataProtectionOfficer() {
        let text = AccessRequestLetter(source: "bank.csv", title: "Bank statement CSV", law: .gdpr).render(.english)
        XCTAssertTrue(text.hasPrefix("To: your bank"), text)
        XCTAssertTrue(text.contains("data protection officer named in your bank's privacy notice"), text)
    }

    func testMissingFilesAreTheInferenceFilesNoInputOfTheSourceIs() {
        let scan = report(inputs: [("x.zip!data/tweets.js", "twitter.archive"), ("x.zip!data/ad-impressions.js", "twitter.archive"),
                                   ("other/personalization.js", "meta.facebook")])
        XCTAssertEqual(AccessRequestLetter.missingFiles(source: "twitter.archive", in: scan), ["personalization.js", "ad-engagements.js"],
                       "a file of that name read for another source does not count")
        XCTAssertNil(AccessRequestLetter.missingFiles(source: "linkedin.csv", in: scan), "nothing of that source was read")
        XCTAssertEqual(AccessRequestLetter.missingFiles(source: "bank.csv", in: report(inputs: [("a.csv", "bank.csv")])), [],
                       "a source without inference files lacks none")
    }

    func testAnOlderMetaDownloadWithTheFilesUnderTheirFormerNamesLacksNone() {
        let old = report(inputs: [("fb.zip!ads_information/ads_interests.json", "meta.facebook"),
                                  ("fb.zip!ads_information/advertisers_who_uploaded_a_contact_list_with_your_information.json", "meta.facebook")])
        XCTAssertEqual(AccessRequestLetter.missingFiles(source: "meta.facebook", in: old), [])
        let partial = report(inputs: [("fb.zip!ads_information/ads_interests.json", "meta.facebook")])
        XCTAssertEqual(AccessRequestLetter.missingFiles(source: "meta.facebook", in: partial),
                       ["advertisers_using_your_activity_or_information.json"], "a missing file is named by its current name")
    }

    func testTheLetterNamesTheMissingFiles() {
        let text = AccessRequestLetter(source: "linkedin.csv", title: "LinkedIn", law: .gdpr, missingFiles: ["Ad_Targeting.csv"]).render(.english)
        XCTAssertTrue(text.contains("That download also lacked these files, which such a download normally contains: Ad_Targeting.csv."), text)
    }
}
