import XCTest
@testable import Reports
import Localization
import StewardCore

/// "What your exports held": the usual parts of each recognized export that a scan read and
/// those not among its files (docs/reports.md).
final class ExportCoverageTests: XCTestCase {
    func input(_ path: String, _ source: String) -> ScanReport.Input {
        ScanReport.Input(path: path, source: source, events: 1, skipped: 0, errors: [])
    }

    func testATakeoutOfLocationAndYouTubeLacksMyActivityChromeAndTheRest() {
        let coverage = ExportCoverage.of([
            input("takeout-001.zip!Takeout/Location History (Timeline)/Records.json", "google.location_records"),
            input("takeout-001.zip!Takeout/YouTube and YouTube Music/history/watch-history.json", "google.my_activity"),
            input("statement.csv", "bank.csv"),
        ])
        XCTAssertEqual(coverage, [ExportCoverage(export: "google.takeout", read: ["location_history", "youtube"],
                                                 missing: ["my_activity", "chrome", "google_pay", "google_play", "fit", "photos",
                                                           "calendar", "contacts", "mail"])],
                       "YouTube history read by the My Activity importer is YouTube's part, not My Activity's")
    }

    func testACalendarIsTakeoutsOnlyInsideATakeout() {
        XCTAssertEqual(ExportCoverage.of([input("Downloads/work.ics", "calendar.ics")]), [], "a calendar on its own is no Takeout")
        let inside = ExportCoverage.of([input("takeout-002.zip!Takeout/Calendar/Personal.ics", "calendar.ics")])
        XCTAssertEqual(inside.first?.read, ["calendar"])
    }

    func testEachArchiveIsJudgedByItsOwnFileNames() {
        let coverage = ExportCoverage.of([
            input("twitter.zip!data/tweets.js", "twitter.archive"),
            input("twitter.zip!data/personalization.js", "twitter.archive"),
            input("Basic_LinkedInDataExport.zip!Positions.csv", "linkedin.csv"),
            input("package.zip!Activity/analytics/events-2024-00000-of-00001.json", "discord.package"),
            input("package.zip!Messages/c1100/messages.json", "discord.package"),
        ])
        XCTAssertEqual(coverage.map(\.export), ["twitter.archive", "linkedin.archive", "discord.package"])
        XCTAssertEqual(coverage[0].read, ["posts", "interests"])
        XCTAssertEqual(coverage[0].missing, ["likes", "messages", "follows", "ads"])
        XCTAssertEqual(coverage[1].missing, ["connections", "messages", "inferences", "ad_targeting", "job_applications"],
                       "the fast archive: no inferences, no ad targeting")
        XCTAssertEqual(coverage[2].read, ["messages", "activity"])
        XCTAssertEqual(coverage[2].missing, ["servers"])
    }

    func testFacebooksTwoLayoutsNameTheSameParts() {
        let layout2022 = ExportCoverage.of([
            input("facebook-ana.zip!messages/inbox/anna_1a2b/message_1.json", "meta.facebook"),
            input("facebook-ana.zip!ads_information/advertisers_using_your_activity_or_information.json", "meta.facebook"),
        ])
        let layout2024 = ExportCoverage.of([
            input("facebook-ana.zip!your_facebook_activity/messages/inbox/anna_1a2b/message_1.json", "meta.facebook"),
            input("facebook-ana.zip!ads_information/other_categories_used_to_reach_you.json", "meta.facebook"),
        ])
        XCTAssertEqual(layout2022.first?.read, ["messages", "ads"])
        XCTAssertEqual(layout2024.first?.read, ["messages", "ads"])
    }

    func testSentencesSayWhatWasReadWhatWasMissingAndWhereToTickIt() {
        let report = ScanReport(tool: .init(version: "test", rules: "test"), scan: .init(id: "s", started: "2026-01-01T00:00:00Z", paths: ["x"]),
                                inputs: [input("package/Messages/c1/messages.json", "discord.package"),
                                         input("package/Servers/index.json", "discord.package"),
                                         input("package/Activity/analytics/events-1.json", "discord.package")],
                                unrecognized: [], findings: [], scores: [])
        XCTAssertEqual(CoverageSentences.sentences(report, localizer: Localizer(.en)),
                       ["Discord data package: read Messages, Servers, Activity (analytics), every part steward reads"])
        var partial = report
        partial.inputs.removeLast()
        XCTAssertEqual(CoverageSentences.sentences(partial, localizer: Localizer(.de)),
                       ["Discord-Datenpaket: gelesen Nachrichten, Server; nicht unter den Dateien: Aktivität (Analysedaten). "
                        + "Kreuzen Sie sie beim nächsten Mal unter „Alle meine Daten anfordern“ an, damit steward sie prüfen kann."])
    }

    func testEveryExportAndPartHasItsNameInEveryLanguage() {
        for language in Language.allCases {
            let t = Localizer(language)
            let missing = ExportCoverage.catalogKeys.filter { !t.has($0) }
            XCTAssertEqual(missing, [], "\(language.rawValue)")
        }
    }
}
