import XCTest
import StewardCore
@testable import Importers

final class GoogleMyActivityHTMLTests: XCTestCase {
    /// Every field the HTML importer fills, in one comparable line.
    static func line(_ e: Event) -> String {
        [e.source, e.kind.rawValue, e.time?.iso8601 ?? "-", e.product ?? "-", e.title ?? "-", e.text ?? "-",
         e.url ?? "-", e.counterparty ?? "-", e.position.description].joined(separator: " | ")
    }

    /// Parses at chunk sizes 1, 7 and 64 KiB and checks they agree exactly.
    func parse(_ html: String, file: StaticString = #filePath, line: UInt = #line) throws -> (events: [String], issues: [String], skipped: Int, raw: [Event]) {
        var results: [(events: [String], issues: [String], skipped: Int, raw: [Event])] = []
        for size in [1, 7, 64 * 1024] {
            let collector = EventCollector()
            var parser = GoogleMyActivityHTMLParser()
            try parser.parseAll(Array(html.utf8), chunkSize: size, into: collector.sink)
            results.append((collector.events.map(Self.line), collector.sink.issues, collector.sink.skippedCount, collector.events))
        }
        for r in results.dropFirst() {
            XCTAssertEqual(r.events, results[0].events, "events differ by chunk size", file: file, line: line)
            XCTAssertEqual(r.issues, results[0].issues, "issues differ by chunk size", file: file, line: line)
        }
        return results[0]
    }

    static func block(_ header: String, _ body: String, caption: String = "<b>Products:</b><br>&emsp;Search<br>") -> String {
        """
        <div class="outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp"><div class="mdl-grid"><div class="header-cell mdl-cell mdl-cell--12-col"><p class="mdl-typography--title">\(header)<br></p></div><div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1">\(body)</div><div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1 mdl-typography--text-right"></div><div class="content-cell mdl-cell mdl-cell--12-col mdl-typography--caption">\(caption)</div></div></div>

        """
    }

    static func page(_ blocks: String...) -> String {
        """
        <html><head><title>My Activity History</title><style type="text/css">/**
         * material-design-lite - Material Design Components in CSS, JS and HTML
         * @license Apache-2.0
         */
        body { padding: 5px; background: #EEEEEE; }
        .header-cell.mdl-cell { border-bottom-style: solid; }
        .outer-cell > .content-cell::after { content: "<div class=\\"outer-cell\\">"; }
        </style></head><body>
        <div class="mdl-grid">
        \(blocks.joined())</div>
        </body></html>

        """
    }

    // Search and Chrome in an English (US) account; the 2023+ exports put U+202F before PM.
    let english = page(
        block("Search", "Searched for&nbsp;<a href=\"https://www.google.com/search?q=payday+loan&amp;hl=en\">payday loan</a><br>Nov 2, 2023, 1:14:09\u{202F}AM PDT<br>"),
        block("Search", "Visited&nbsp;<a href=\"https://www.google.com/url?q=https://example.org/kredit&amp;usg=AOv\">Kredit ohne Schufa &ndash; Vergleich</a><br>Nov 2, 2023, 1:14:30\u{00A0}PM PDT"),
        block("Chrome", "Used Chrome<br>Sep 18, 2018, 5:48:23 AM UTC", caption: "<b>Products:</b><br>&emsp;Chrome<br>"),
        block("Discover", "6 cards in your feed<br>Sep 4, 2020, 11:01:46 AM PDT<br>")
    )

    func testEnglishSearchAndChrome() throws {
        let r = try parse(english)
        XCTAssertEqual(r.events, [
            "google.my_activity | search | 2023-11-02T01:14:09-07:00 | Search | - | payday loan | https://www.google.com/search?q=payday+loan&hl=en | - | line 10 record 0",
            "google.my_activity | page_view | 2023-11-02T13:14:30-07:00 | Search | Kredit ohne Schufa – Vergleich | - | https://www.google.com/url?q=https://example.org/kredit&usg=AOv | - | line 11 record 1",
            "google.my_activity | activity | 2018-09-18T05:48:23Z | Chrome | - | Used Chrome | - | - | line 12 record 2",
            "google.my_activity | activity | 2020-09-04T11:01:46-07:00 | Discover | - | 6 cards in your feed | - | - | line 13 record 3",
        ])
        XCTAssertEqual(r.issues, [])
        XCTAssertEqual(r.raw[0].time?.epochSeconds, 1_698_912_849)   // 08:14:09 UTC
        XCTAssertEqual(r.raw[2].time?.utcOffsetSeconds, 0)
    }

    // YouTube watch-history.html and search-history.html: the channel is the second line.
    func testYouTubeWatchAndSearchHistory() throws {
        let html = Self.page(
            Self.block("YouTube", "Watched&nbsp;<a href=\"https://www.youtube.com/watch?v=abc123\">How to quit smoking &quot;for good&quot;</a><br><a href=\"https://www.youtube.com/channel/UC000\">Health Channel</a><br>Apr 11, 2022, 9:15:24 PM BST<br>",
                       caption: "<b>Products:</b><br>&emsp;YouTube<br><b>Why is this here?</b><br>&emsp;This activity was saved to your Google Account because the following settings were on:&nbsp;YouTube watch history."),
            Self.block("YouTube", "Watched a video that has been removed<br>Apr 10, 2022, 8:00:00 AM BST"),
            Self.block("YouTube", "Searched for&nbsp;<a href=\"https://www.youtube.com/results?search_query=online+casino+tricks\">online casino tricks</a><br>Apr 9, 2022, 11:30:00 PM BST"),
            // An ad view: the line without a link is a description, not the channel.
            Self.block("YouTube", "Watched&nbsp;<a href=\"https://www.youtube.com/watch?v=ad1\">An advert</a><br>Watched at 11:39 AM<br>Apr 8, 2022, 11:39:42 AM BST")
        )
        let r = try parse(html)
        XCTAssertEqual(r.events, [
            "google.my_activity | watch | 2022-04-11T21:15:24+01:00 | YouTube | How to quit smoking \"for good\" | - | https://www.youtube.com/watch?v=abc123 | Health Channel | line 10 record 0",
            "google.my_activity | watch | 2022-04-10T08:00:00+01:00 | YouTube | a video that has been removed | - | - | - | line 11 record 1",
            "google.my_activity | search | 2022-04-09T23:30:00+01:00 | YouTube | - | online casino tricks | https://www.youtube.com/results?search_query=online+casino+tricks | - | line 12 record 2",
            "google.my_activity | watch | 2022-04-08T11:39:42+01:00 | YouTube | An advert | - | https://www.youtube.com/watch?v=ad1 | - | line 13 record 3",
        ])
    }

    // German account: verb after the object, numeric day-first dates, MESZ/MEZ; older German
    // exports wrote the month as a word ("17. Aug. 2026").
    func testGermanAccount() throws {
        let html = Self.page(
            Self.block("Google Suche", "Gesucht nach:&nbsp;<a href=\"https://www.google.com/search?q=Schuldnerberatung\">Schuldnerberatung</a><br>27.08.2026, 20:04:54 MESZ<br>"),
            Self.block("Google Suche", "<a href=\"https://www.google.com/url?q=https://www.tipico.de/\">Sportwetten bei Tipico</a>&nbsp;aufgerufen<br>07.12.2026, 09:00:00 MEZ"),
            Self.block("YouTube", "<a href=\"https://www.youtube.com/watch?v=x\">Rauchen aufhören</a>&nbsp;angesehen<br><a href=\"https://www.youtube.com/channel/UC1\">Kanal</a><br>17. Aug. 2026, 22:14:48 MESZ")
        )
        let r = try parse(html)
        XCTAssertEqual(r.events, [
            "google.my_activity | search | 2026-08-27T20:04:54+02:00 | Google Suche | - | Schuldnerberatung | https://www.google.com/search?q=Schuldnerberatung | - | line 10 record 0",
            "google.my_activity | page_view | 2026-12-07T09:00:00+01:00 | Google Suche | Sportwetten bei Tipico | - | https://www.google.com/url?q=https://www.tipico.de/ | - | line 11 record 1",
            "google.my_activity | watch | 2026-08-17T22:14:48+02:00 | YouTube | Rauchen aufhören | - | https://www.youtube.com/watch?v=x | Kanal | line 12 record 2",
        ])
    }

    func testFrenchSpanishAndRussianAccounts() throws {
        let html = Self.page(
            Self.block("Recherche", "Vous avez recherché&nbsp;<a href=\"https://www.google.com/search?q=pr%C3%AAt\">prêt rapide</a><br>18 sept. 2018, 05:48:23 UTC"),
            Self.block("Búsqueda", "Buscaste&nbsp;<a href=\"https://www.google.com/search?q=casino\">casino online</a><br>18 sept 2018, 5:48:23 p. m. CET"),
            Self.block("Поиск", "Запрос&nbsp;<a href=\"https://www.google.com/search?q=x\">микрозайм</a><br>18 сент. 2018 г., 05:48:23 MSK")
        )
        let r = try parse(html)
        XCTAssertEqual(r.events, [
            "google.my_activity | search | 2018-09-18T05:48:23Z | Recherche | - | prêt rapide | https://www.google.com/search?q=pr%C3%AAt | - | line 10 record 0",
            "google.my_activity | search | 2018-09-18T17:48:23+01:00 | Búsqueda | - | casino online | https://www.google.com/search?q=casino | - | line 11 record 1",
            // No confirmed Russian verb: the whole title stays text, so lexicons still match.
            "google.my_activity | activity | 2018-09-18T05:48:23+03:00 | Поиск | - | Запрос микрозайм | https://www.google.com/search?q=x | - | line 12 record 2",
        ])
    }

    // Gemini Apps in HTML: the answer follows the time line inside the body cell.
    func testGeminiPromptBeforeItsTimeAndAnswer() throws {
        let html = Self.page(
            Self.block("Gemini Apps", "Prompted&nbsp;is it normal to feel this anxious before a divorce hearing<br>Feb 3, 2025, 9:15:07\u{202F}PM UTC<br><p>An invented <b>answer</b>.</p><ul><li>one</li><li>two<br>three</li></ul>",
                       caption: "<b>Products:</b><br>&emsp;Gemini Apps<br>"),
            Self.block("Gemini Apps", "Used Gemini Apps<br>Feb 3, 2025, 9:10:00\u{202F}PM UTC<br>",
                       caption: "<b>Products:</b><br>&emsp;Gemini Apps<br>"),
            Self.block("Gemini Apps", "Prompted&nbsp;no time at all<br><p>An answer</p>",
                       caption: "<b>Products:</b><br>&emsp;Gemini Apps<br>")
        )
        let r = try parse(html)
        XCTAssertEqual(r.events, [
            "google.my_activity | search | 2025-02-03T21:15:07Z | Gemini Apps | - | is it normal to feel this anxious before a divorce hearing | - | - | line 10 record 0",
            "google.my_activity | activity | 2025-02-03T21:10:00Z | Gemini Apps | - | Used Gemini Apps | - | - | line 11 record 1",
        ])
        XCTAssertEqual(r.skipped, 1)
        XCTAssertEqual(r.issues.count, 1)
        XCTAssertFalse(r.issues[0].contains("answer") || r.issues[0].contains("no time at all"), r.issues[0])
    }

    func testTimeLines() {
        func iso(_ s: String) -> String? { MyActivityHTMLTimestamp.parse(s)?.timestamp.iso8601 }
        XCTAssertEqual(iso("Sep 18, 2018, 5:48:23 AM UTC"), "2018-09-18T05:48:23Z")
        XCTAssertEqual(iso("Dec 31, 2026, 12:00:00 AM CET"), "2026-12-31T00:00:00+01:00")   // midnight
        XCTAssertEqual(iso("Jan 1, 2026, 12:30:00 PM EST"), "2026-01-01T12:30:00-05:00")    // noon
        XCTAssertEqual(iso("18 Sep 2018, 05:48:23 BST"), "2018-09-18T05:48:23+01:00")         // en-GB
        XCTAssertEqual(iso("15 mrt 2026, 20:30:41 CET"), "2026-03-15T20:30:41+01:00")         // nl
        XCTAssertEqual(iso("17 Ağu 2026, 22:14:48 GMT+3"), "2026-08-17T22:14:48+03:00")       // tr
        XCTAssertEqual(iso("3 Mar 2024, 08:00:00 GMT+05:30"), "2024-03-03T08:00:00+05:30")
        XCTAssertEqual(iso("3 Mar 2024, 08:00:00 UTC-4"), "2024-03-03T08:00:00-04:00")
        XCTAssertEqual(iso("2026年7月30日 00:23:06 CEST"), "2026-07-30T00:23:06+02:00")         // zh
        XCTAssertEqual(iso("2018-09-18 05:48:23 UTC"), "2018-09-18T05:48:23Z")
        XCTAssertEqual(iso("23/07/2026، 4:20:22 م CEST"), "2026-07-23T16:20:22+02:00")        // ar
        XCTAssertEqual(iso("1 janv. 2024, 00:00:00 UTC"), "2024-01-01T00:00:00Z")
        XCTAssertEqual(iso("1 juil. 2024 à 13:00:00 UTC"), "2024-07-01T13:00:00Z")
        XCTAssertEqual(iso("1 juin 2024, 13:00:00 UTC"), "2024-06-01T13:00:00Z")
        XCTAssertEqual(iso("5 мая 2024 г., 13:00:00 MSK"), "2024-05-05T13:00:00+03:00")
        // Old exports had no zone: wall-clock time, offset unknown.
        let old = MyActivityHTMLTimestamp.parse("Jun 23, 2015, 2:43:45 PM")
        XCTAssertEqual(old?.noZone, true)
        XCTAssertNil(old?.timestamp.utcOffsetSeconds)
        XCTAssertEqual(old?.timestamp.hourOfDay, 14)
        // A zone not in the table keeps the wall clock and is reported.
        let unknown = MyActivityHTMLTimestamp.parse("Mar 3, 2024, 11:00:00 PM IST")
        XCTAssertEqual(unknown?.unknownZone, "IST")
        XCTAssertEqual(unknown?.timestamp.hourOfDay, 23)
        // Not dates, or impossible ones.
        for bad in ["", "yesterday", "Sep 18, 2018", "Foo 18, 2018, 5:48:23 AM UTC", "31.02.2018, 05:48:23 MEZ",
                    "Sep 18, 2018, 13:48:23 PM UTC", "18/09/18, 05:48:23", "Sep 18 2018 5:48:23 AM UTC+99"] {
            XCTAssertNil(MyActivityHTMLTimestamp.parse(bad), bad)
        }
    }

    func testBadBlocksAreSkippedWithReasons() throws {
        let html = Self.page(
            Self.block("Search", "Searched for&nbsp;<a href=\"https://g.co/a\">kept</a><br>Sep 18, 2018, 5:48:23 AM UTC"),
            Self.block("Search", "Searched for&nbsp;<a href=\"https://g.co/b\">no date</a>"),
            Self.block("Search", "Searched for&nbsp;<a href=\"https://g.co/c\">odd date</a><br>sometime last year"),
            Self.block("Search", "Searched for&nbsp;<a href=\"https://g.co/d\">odd zone</a><br>Sep 18, 2018, 5:48:23 AM XYZT"),
            "<div class=\"outer-cell\"><div class=\"header-cell\"><p>Empty</p></div></div>\n"
        )
        let r = try parse(html)
        XCTAssertEqual(r.events.count, 2)
        XCTAssertEqual(r.raw[1].text, "odd zone")
        XCTAssertNil(r.raw[1].time?.utcOffsetSeconds)
        XCTAssertEqual(r.skipped, 3)
        XCTAssertEqual(r.issues, [
            "line 11 record 1: no time line in the activity block",
            "line 12 record 2: unreadable time (text, not quoted) (not a date format steward knows)",
            "line 13 record 3: time zone \"XYZT\" is not in steward's table: such times keep their wall-clock time without a UTC offset",
            "line 14 record 4: activity block without a body cell",
        ])
    }

    // Titles are text, never markup: an escaped <script> in a page title stays visible text,
    // and a raw <script> element inside a cell is skipped unread.
    func testHostileMarkupComesOutAsText() throws {
        let html = Self.page(
            Self.block("Chrome", "Visited&nbsp;<a href=\"javascript:alert(1)\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</a><br>Sep 18, 2018, 5:48:23 AM UTC"),
            Self.block("Chrome", "Visited&nbsp;<a href=\"https://e.org/\">Safe<script>document.write('<div class=\"outer-cell\">')</script> page<img src=x onerror=alert(1)></a><br>Sep 18, 2018, 5:49:23 AM UTC")
        )
        let r = try parse(html)
        XCTAssertEqual(r.raw.count, 2)
        XCTAssertEqual(r.raw[0].title, "<script>alert('x')</script>")
        XCTAssertEqual(r.raw[1].title, "Safe page")
        XCTAssertEqual(r.raw[1].url, "https://e.org/")
    }

    func testTruncatedFileKeepsEveryRecordBeforeTheCut() throws {
        let full = english
        let cut = String(full.utf8.prefix(full.utf8.count - 300))!   // inside the last block's time line
        let r = try parse(cut)
        XCTAssertEqual(r.events.count, 3)
        XCTAssertEqual(r.skipped, 1)
        let cutInTag = String(full.utf8.prefix(full.utf8.count - 120))!
        XCTAssertEqual(try parse(cutInTag).events.count, 4)
    }

    func testEmptyExportWarns() throws {
        let r = try parse(Self.page())
        XCTAssertEqual(r.events, [])
        XCTAssertEqual(r.issues, ["no activity blocks (div class=\"outer-cell\") found"])
    }

    // MARK: - Detection

    func probe(_ text: String, _ path: String) -> FileProbe {
        FileProbe(path: path, head: Array(text.utf8.prefix(FileProbe.headLength)), size: Int64(text.utf8.count))
    }

    func testDetectionByContentNotName() throws {
        let importer = GoogleMyActivityHTMLImporter()
        XCTAssertEqual(importer.detect(probe(english, "Takeout/My Activity/Search/MyActivity.html"))?.confidence, 0.95)
        XCTAssertEqual(importer.detect(probe(english, "Takeout/Meine Aktivitäten/Suche/renamed.htm"))?.confidence, 0.9)
        // Other HTML Takeout writes, and other formats.
        XCTAssertNil(importer.detect(probe("<!DOCTYPE html><html><head><title>Takeout</title></head><body><h1>Your Google data archive</h1></body></html>", "Takeout/archive_browser.html")))
        XCTAssertNil(importer.detect(probe("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p><DT><A HREF=\"https://a.org\">a</A>\n</DL>", "Takeout/Chrome/Bookmarks.html")))
        XCTAssertNil(importer.detect(probe("[{\"header\": \"Search\", \"title\": \"Searched for x\", \"time\": \"2019-01-01T00:00:00Z\"}]", "MyActivity.json")))
        XCTAssertNil(importer.detect(probe("<?xml version=\"1.0\"?><OFX><div class=\"outer-cell\">", "x.ofx")))
        // The registry picks this importer for HTML and the JSON importer for JSON.
        let chosen = try ImporterRegistry.detect(probe(english, "MyActivity.html")).get()
        XCTAssertEqual(chosen.importer.id, "google.my_activity_html")
        let empty = Self.page()
        XCTAssertEqual(importer.detect(probe(empty, "MyActivity.html"))?.confidence, 0.6)
        XCTAssertNil(importer.detect(probe(empty, "index.html")))
    }
}
