import XCTest
import StewardCore
@testable import Importers

final class GoogleChromeAndYouTubeTests: XCTestCase {
    func parse(_ make: () -> any ExportParser, _ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> (events: [String], issues: [String], skipped: Int) {
        var results: [(events: [String], issues: [String], skipped: Int)] = []
        for size in [1, 7, 64 * 1024] {
            let collector = EventCollector()
            var parser = make()
            try parser.parseAll(Array(text.utf8), chunkSize: size, into: collector.sink)
            results.append((collector.events.map { e in
                [e.source, e.kind.rawValue, e.time?.iso8601 ?? "-", e.title ?? "-", e.url ?? "-", e.counterparty ?? "-",
                 e.code ?? "-", e.product ?? "-", e.position.description].joined(separator: " | ")
            }, collector.sink.issues, collector.sink.skippedCount))
        }
        for r in results.dropFirst() {
            XCTAssertEqual(r.events, results[0].events, "events differ by chunk size", file: file, line: line)
            XCTAssertEqual(r.issues, results[0].issues, "issues differ by chunk size", file: file, line: line)
        }
        return results[0]
    }

    func probe(_ text: String, _ path: String) -> FileProbe {
        FileProbe(path: path, head: Array(text.utf8.prefix(FileProbe.headLength)), size: Int64(text.utf8.count))
    }

    // MARK: - Chrome BrowserHistory.json

    let chrome = """
    {
        "Browser History": [
            {
                "favicon_url": "https://www.tipico.de/favicon.ico",
                "page_transition": "LINK",
                "title": "Sportwetten bei Tipico – Jetzt wetten",
                "url": "https://www.tipico.de/de/live-wetten/",
                "client_id": "Xb7d3o+Yq1ltm9R3C2Kj0w==",
                "time_usec": 1606820400000000
            },
            {
                "page_transition": "TYPED",
                "title": "",
                "url": "https://www.aa.org/find-aa",
                "client_id": "Xb7d3o+Yq1ltm9R3C2Kj0w==",
                "time_usec": 1607824800123456
            },
            {"title": "no time", "url": "https://e.org/"},
            {"title": "bad time", "url": "https://e.org/", "time_usec": "soon"},
            {"page_transition": "RELOAD", "time_usec": 1607824800000000},
            42
        ]
    }
    """

    func testChromeHistory() throws {
        let r = try parse({ ChromeBrowserHistoryParser() }, chrome)
        XCTAssertEqual(r.events, [
            "google.chrome_history | page_view | 2020-12-01T11:00:00Z | Sportwetten bei Tipico – Jetzt wetten | https://www.tipico.de/de/live-wetten/ | - | LINK | Chrome | record 0 (/Browser History/0)",
            "google.chrome_history | page_view | 2020-12-13T02:00:00Z | - | https://www.aa.org/find-aa | - | TYPED | Chrome | record 1 (/Browser History/1)",
        ])
        XCTAssertEqual(r.skipped, 4)
        XCTAssertEqual(r.issues, [
            "record 2 (/Browser History/2): no time_usec",
            "record 3 (/Browser History/3): time_usec is not an integer",
            "record 4 (/Browser History/4): neither url nor title",
            "record 5 (/Browser History/5): not an object",
        ])
    }

    func testChromeHistoryTruncatedKeepsEarlierVisits() throws {
        let recordStart = chrome.range(of: "{\"title\": \"no time\"")!.lowerBound
        let cutAt = chrome.utf8.distance(from: chrome.startIndex, to: recordStart) + 10   // inside record 2
        let cut = String(chrome.utf8.prefix(cutAt))!
        let r = try parse({ ChromeBrowserHistoryParser() }, cut)
        XCTAssertEqual(r.events.count, 2)
        XCTAssertEqual(r.skipped, 1)
    }

    func testChromeDetection() {
        let importer = ChromeBrowserHistoryImporter()
        XCTAssertEqual(importer.detect(probe(chrome, "Takeout/Chrome/BrowserHistory.json"))?.confidence, 0.95)
        XCTAssertEqual(importer.detect(probe(chrome, "Takeout/Chrome/Verlauf.json"))?.confidence, 0.9)
        XCTAssertNil(importer.detect(probe("{\"timelineObjects\": []}", "BrowserHistory.json")))
        XCTAssertNil(importer.detect(probe("[{\"header\": \"Chrome\", \"title\": \"Visited x\", \"time\": \"2020-01-01T00:00:00Z\"}]", "History.json")))
        XCTAssertNil(importer.detect(probe("<html>\"Browser History\":</html>", "BrowserHistory.json")))
        XCTAssertEqual((try? ImporterRegistry.detect(probe(chrome, "BrowserHistory.json")).get())?.importer.id, "google.chrome_history")
    }

    // MARK: - YouTube subscriptions.csv

    func testSubscriptionsEnglishWithBOMAndQuotes() throws {
        let csv = "\u{FEFF}Channel Id,Channel Url,Channel Title\r\n"
            + "UCYO_jab_esuFRV4b17AJtAw,http://www.youtube.com/channel/UCYO_jab_esuFRV4b17AJtAw,3Blue1Brown\r\n"
            + "UCaaaaaaaaaaaaaaaaaaaaaa,http://www.youtube.com/channel/UCaaaaaaaaaaaaaaaaaaaaaa,\"Casino Streams, Live \"\"24/7\"\"\"\r\n"
            + "\r\n"
            + "UCbbbbbbbbbbbbbbbbbbbbbb,,\r\n"
            + "UCcccccccccccccccccccccc,only two\r\n"
        let r = try parse({ YouTubeSubscriptionsParser() }, csv)
        XCTAssertEqual(r.events, [
            "google.youtube_subscriptions | like | - | - | http://www.youtube.com/channel/UCYO_jab_esuFRV4b17AJtAw | 3Blue1Brown | - | YouTube | line 2 record 0",
            "google.youtube_subscriptions | like | - | - | http://www.youtube.com/channel/UCaaaaaaaaaaaaaaaaaaaaaa | Casino Streams, Live \"24/7\" | - | YouTube | line 3 record 1",
            "google.youtube_subscriptions | like | - | - | https://www.youtube.com/channel/UCbbbbbbbbbbbbbbbbbbbbbb | UCbbbbbbbbbbbbbbbbbbbbbb | - | YouTube | line 5 record 2",
        ])
        XCTAssertEqual(r.issues, ["line 6 record 3: expected 3 fields (channel id, URL, title), found 2"])
    }

    func testSubscriptionsLocalizedHeadersInAnyOrder() throws {
        let german = "Kanaltitel,Kanal-ID,Kanal-URL\nLage der Nation,UCddddddddddddddddddddd1,http://www.youtube.com/channel/UCddddddddddddddddddddd1\n"
        XCTAssertEqual(try parse({ YouTubeSubscriptionsParser() }, german).events, [
            "google.youtube_subscriptions | like | - | - | http://www.youtube.com/channel/UCddddddddddddddddddddd1 | Lage der Nation | - | YouTube | line 2 record 0",
        ])
        let french = "ID de la chaîne,URL de la chaîne,Titre de la chaîne\nUCeeeeeeeeeeeeeeeeeeeee1,http://www.youtube.com/channel/UCeeeeeeeeeeeeeeeeeeeee1,Arte\n"
        XCTAssertEqual(try parse({ YouTubeSubscriptionsParser() }, french).events.first?.contains("| Arte |"), true)
        // A header nobody can read: Google's order, with a warning.
        let unknown = "甲,乙,丙\nUCfffffffffffffffffffff1,http://www.youtube.com/channel/UCfffffffffffffffffffff1,频道\n"
        let r = try parse({ YouTubeSubscriptionsParser() }, unknown)
        XCTAssertEqual(r.events.first?.contains("| 频道 |"), true)
        XCTAssertEqual(r.issues, ["line 1: header 甲,乙,丙 not understood: columns read in Google's order (id, URL, title)"])
    }

    func testSubscriptionsTruncatedInsideQuote() throws {
        let csv = "Channel Id,Channel Url,Channel Title\nUCgggggggggggggggggggggg,http://www.youtube.com/channel/UCgggggggggggggggggggggg,Kept\nUChhhhhhhhhhhhhhhhhhhhhh,http://www.youtube.com/channel/UChhhhhhhhhhhhhhhhhhhhhh,\"Cut off"
        let r = try parse({ YouTubeSubscriptionsParser() }, csv)
        XCTAssertEqual(r.events.count, 1)
        XCTAssertEqual(r.issues, ["line 3 record 1: row cut off inside a quoted field (truncated file?)"])
    }

    func testSubscriptionsDetection() {
        let importer = YouTubeSubscriptionsImporter()
        let csv = "\u{FEFF}Kanal-ID,Kanal-URL,Kanaltitel\r\nUCYO_jab_esuFRV4b17AJtAw,http://www.youtube.com/channel/UCYO_jab_esuFRV4b17AJtAw,3Blue1Brown\r\n"
        XCTAssertEqual(importer.detect(probe(csv, "Takeout/YouTube und YouTube Music/Abos/Abos.csv"))?.confidence, 0.9)
        XCTAssertEqual((try? ImporterRegistry.detect(probe(csv, "Abos.csv")).get())?.importer.id, "google.youtube_subscriptions")
        XCTAssertNil(importer.detect(probe("Date,Description,Amount\n2024-01-02,UCYO_jab_esuFRV4b17AJtAw,-3.00\n", "statement.csv")))
        XCTAssertNil(importer.detect(probe("a,b,c\n1,2,3\n", "subscriptions.csv")))
        XCTAssertEqual(importer.detect(probe("Channel Id,Channel Url,Channel Title", "subscriptions.csv"))?.confidence, 0.55)
    }
}
