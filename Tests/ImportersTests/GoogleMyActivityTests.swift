import XCTest
import StewardCore
@testable import Importers

final class GoogleMyActivityTests: XCTestCase {
    struct Parsed {
        var events: [Event]
        var sink: EventSink
    }

    func parse(_ text: String, chunkSize: Int = 64 * 1024) throws -> Parsed {
        let collector = EventCollector()
        var parser = GoogleMyActivityParser()
        try parser.parseAll(Array(text.utf8), chunkSize: chunkSize, into: collector.sink)
        return Parsed(events: collector.events, sink: collector.sink)
    }

    func probe(_ text: String, path: String = "Takeout/My Activity/Search/My Activity.json") -> FileProbe {
        FileProbe(path: path, head: Array(text.utf8.prefix(FileProbe.headLength)), size: Int64(text.utf8.count))
    }

    // Real shapes, one file per product as Takeout writes them (values invented).
    let search = """
    [{
      "header": "Search",
      "title": "Searched for payday loan no credit check",
      "titleUrl": "https://www.google.com/search?q\\u003dpayday+loan+no+credit+check",
      "time": "2023-11-02T01:14:09.311Z",
      "products": ["Search"],
      "locationInfos": [{
        "name": "At this general area",
        "url": "https://www.google.com/maps/@?api\\u003d1\\u0026map_action\\u003dmap\\u0026center\\u003d52.52,13.40\\u0026zoom\\u003d12",
        "source": "From your device",
        "sourceUrl": "https://support.google.com/websearch/answer/1696886"
      }],
      "activityControls": ["Web \\u0026 App Activity"]
    },{
      "header": "Search",
      "title": "Visited Kredit ohne Schufa – Vergleich",
      "titleUrl": "https://www.google.com/url?q\\u003dhttps://example.org/kredit\\u0026usg\\u003dAOvVaw0",
      "time": "2023-11-02T01:14:30.002Z",
      "products": ["Search"],
      "activityControls": ["Web \\u0026 App Activity"]
    }]
    """

    let youtube = """
    [{
      "header": "YouTube",
      "title": "Watched How to quit smoking \\"for good\\" \\ud83d\\udead",
      "titleUrl": "https://www.youtube.com/watch?v\\u003dabc123",
      "subtitles": [{
        "name": "Health Channel",
        "url": "https://www.youtube.com/channel/UC000"
      }],
      "time": "2022-09-21T11:52:59.995Z",
      "products": ["YouTube"],
      "activityControls": ["YouTube watch history"]
    },{
      "header": "YouTube",
      "title": "Watched a video that has been removed",
      "time": "2022-09-20T10:00:00Z",
      "products": ["YouTube"],
      "activityControls": ["YouTube watch history"]
    },{
      "header": "YouTube",
      "title": "Searched for online casino tricks",
      "titleUrl": "https://www.youtube.com/results?search_query\\u003donline+casino+tricks",
      "time": "2022-09-19T23:30:00.000Z",
      "products": ["YouTube"],
      "activityControls": ["YouTube search history"]
    }]
    """

    let chrome = """
    [{"header":"Chrome","title":"Visited Anonymous Alcoholics – find a meeting","titleUrl":"https://www.aa.org/find-aa","time":"2021-03-04T22:10:00.123Z","products":["Chrome"],"activityControls":["Web \\u0026 App Activity"]},
     {"header":"Chrome","title":"Used Chrome","time":"2021-03-04T22:09:00.000Z","products":["Chrome"]}]
    """

    let maps = """
    [{
      "header": "Maps",
      "title": "Searched for pharmacy",
      "titleUrl": "https://www.google.com/maps/search/pharmacy/@52.5,13.4,14z",
      "time": "2020-01-05T09:00:00.000Z",
      "products": ["Maps"],
      "locationInfos": [{"name": "From your home", "url": "https://www.google.com/maps/@?api\\u003d1", "source": "From your places (Home)"}]
    },{
      "header": "Maps",
      "title": "Viewed area in Google Maps",
      "titleUrl": "https://www.google.com/maps/@52.5,13.4,14z",
      "time": "2020-01-05T08:59:00.000Z",
      "products": ["Maps"]
    }]
    """

    let ads = """
    [{
      "header": "Google Ads",
      "title": "Visited Best Online Betting Odds",
      "titleUrl": "https://www.googleadservices.com/pagead/aclk?sa\\u003dL\\u0026ai\\u003dx",
      "time": "2019-07-08T20:00:00.000Z",
      "products": ["Ads"],
      "details": [{"name": "From Google Ads"}]
    },{
      "title": "Saw an ad",
      "time": "2019-07-08T19:00:00.000Z",
      "products": ["Ads"],
      "details": [{"name": "From Google Ads"}]
    }]
    """

    func testSearch() throws {
        let p = try parse(search)
        XCTAssertEqual(p.events.count, 2)
        XCTAssertEqual(p.sink.skippedCount, 0)
        let query = p.events[0]
        XCTAssertEqual(query.source, "google.my_activity")
        XCTAssertEqual(query.kind, .search)
        XCTAssertEqual(query.text, "payday loan no credit check")
        XCTAssertNil(query.title)
        XCTAssertEqual(query.url, "https://www.google.com/search?q=payday+loan+no+credit+check")
        XCTAssertEqual(query.product, "Search")
        XCTAssertEqual(query.time?.iso8601, "2023-11-02T01:14:09Z")
        XCTAssertEqual(query.time?.hourOfDay, 1)
        XCTAssertEqual(query.position, .record(0, pointer: "/0"))
        let visit = p.events[1]
        XCTAssertEqual(visit.kind, .pageView)
        XCTAssertEqual(visit.title, "Kredit ohne Schufa – Vergleich")
        XCTAssertEqual(visit.url, "https://www.google.com/url?q=https://example.org/kredit&usg=AOvVaw0")
        XCTAssertEqual(visit.position, .record(1, pointer: "/1"))
    }

    func testYouTube() throws {
        let p = try parse(youtube)
        XCTAssertEqual(p.events.map(\.kind), [.watch, .watch, .search])
        XCTAssertEqual(p.events[0].title, "How to quit smoking \"for good\" 🚭")
        XCTAssertEqual(p.events[0].counterparty, "Health Channel")
        XCTAssertEqual(p.events[0].url, "https://www.youtube.com/watch?v=abc123")
        XCTAssertEqual(p.events[0].product, "YouTube")
        XCTAssertEqual(p.events[1].title, "a video that has been removed")
        XCTAssertNil(p.events[1].counterparty)
        XCTAssertNil(p.events[1].url)
        XCTAssertEqual(p.events[2].text, "online casino tricks")
    }

    func testChrome() throws {
        let p = try parse(chrome)
        XCTAssertEqual(p.events.map(\.kind), [.pageView, .activity])
        XCTAssertEqual(p.events[0].title, "Anonymous Alcoholics – find a meeting")
        XCTAssertEqual(p.events[0].url, "https://www.aa.org/find-aa")
        XCTAssertEqual(p.events[1].text, "Used Chrome")
        XCTAssertEqual(p.events[1].product, "Chrome")
    }

    func testMaps() throws {
        let p = try parse(maps)
        XCTAssertEqual(p.events.map(\.kind), [.search, .activity])
        XCTAssertEqual(p.events[0].text, "pharmacy")
        XCTAssertEqual(p.events[0].product, "Maps")
        XCTAssertEqual(p.events[1].text, "Viewed area in Google Maps")
    }

    func testAdsUseProductsWhenHeaderIsMissing() throws {
        let p = try parse(ads)
        XCTAssertEqual(p.events.map(\.kind), [.pageView, .activity])
        XCTAssertEqual(p.events[0].title, "Best Online Betting Odds")
        XCTAssertEqual(p.events[0].product, "Google Ads")
        XCTAssertEqual(p.events[1].product, "Ads")
        XCTAssertEqual(p.events[1].text, "Saw an ad")
    }

    func testLocalizedTitles() throws {
        let text = """
        [{"header":"Google Suche","title":"Gesucht nach: schuldnerberatung","time":"2025-01-13T07:38:09.000Z","products":["Google Suche"]},
         {"header":"Google Suche","title":"Schuldnerberatung Berlin aufgerufen","titleUrl":"https://www.google.com/url?q\\u003dhttps://example.de","time":"2025-01-13T07:39:00.000Z","products":["Google Suche"]},
         {"header":"YouTube","title":"Pokerstrategie für Anfänger angesehen","time":"2025-01-13T07:40:00.000Z","products":["YouTube"],"subtitles":[{"name":"Kanal"}]},
         {"header":"Google Suche","title":"Ergebnis angesehen","time":"2025-01-13T07:41:00.000Z","products":["Google Suche"]},
         {"header":"YouTube","title":"Vous avez recherché prêt rapide","time":"2025-01-13T07:42:00.000Z","products":["YouTube"]},
         {"header":"YouTube","title":"Has visto Cómo dejar de beber","time":"2025-01-13T07:43:00.000Z","products":["YouTube"],"subtitles":[{"name":"Canal"}]},
         {"header":"Búsqueda","title":"Buscaste casino online","time":"2025-01-13T07:44:00.000Z","products":["Búsqueda"]},
         {"header":"Поиск","title":"Непонятный заголовок","time":"2025-01-13T07:45:00.000Z","products":["Поиск"]}]
        """
        let p = try parse(text)
        XCTAssertEqual(p.events.map(\.kind), [.search, .pageView, .watch, .pageView, .search, .watch, .search, .activity])
        XCTAssertEqual(p.events[0].text, "schuldnerberatung")
        XCTAssertEqual(p.events[0].product, "Google Suche")
        XCTAssertEqual(p.events[1].title, "Schuldnerberatung Berlin")
        XCTAssertEqual(p.events[2].title, "Pokerstrategie für Anfänger")
        XCTAssertEqual(p.events[2].counterparty, "Kanal")
        XCTAssertEqual(p.events[3].title, "Ergebnis")
        XCTAssertEqual(p.events[4].text, "prêt rapide")
        XCTAssertEqual(p.events[5].title, "Cómo dejar de beber")
        XCTAssertEqual(p.events[5].counterparty, "Canal")
        XCTAssertEqual(p.events[6].text, "casino online")
        XCTAssertEqual(p.events[7].text, "Непонятный заголовок")
    }

    // Gemini Apps (My Activity/Gemini Apps/MyActivity.json): the answer in safeHtmlItem, survey
    // answers in subtitles, uploads in attachedFiles; only the "Prompted" title is the person's words.
    let gemini = """
    [{"header":"Gemini Apps","title":"Prompted my landlord wants to evict me next month, what are my rights?","time":"2025-02-03T21:15:07.412Z","products":["Gemini Apps"],"activityControls":["Gemini Apps Activity"],"safeHtmlItem":[{"html":"\\u003cp\\u003eAn invented answer.\\u003c/p\\u003e"}],"subtitles":[{"name":"Was this helpful? Yes"}]},
     {"header":"Gemini Apps","title":"Used Gemini Apps","time":"2025-02-03T21:10:00.000Z","products":["Gemini Apps"],"activityControls":["Gemini Apps Activity"]},
     {"header":"Gemini Apps","title":"Gave feedback: Good response","time":"2025-02-03T21:16:00.000Z","products":["Gemini Apps"]},
     {"header":"Bard","title":"Prompted side effects of\\nmethotrexate","time":"2023-08-10T08:00:00Z","products":["Bard"],"attachedFiles":["scan.pdf"]},
     {"header":"Gemini Apps","title":"Prompted ","time":"2025-02-04T09:00:00Z","products":["Gemini Apps"]},
     {"header":"Gemini Apps","title":"Prompted what helps with a hangover","products":["Gemini Apps"]}]
    """

    func testGeminiPromptsAreSearchesAndOtherGeminiActivityIsNot() throws {
        for size in [1, 13, 64 * 1024] {
            let p = try parse(gemini, chunkSize: size)
            XCTAssertEqual(p.events.map(\.kind), [.search, .activity, .activity, .search, .activity])
            XCTAssertEqual(p.events[0].text, "my landlord wants to evict me next month, what are my rights?")
            XCTAssertEqual(p.events[0].product, "Gemini Apps")
            XCTAssertEqual(p.events[0].source, "google.my_activity")
            XCTAssertNil(p.events[0].title, "the answer is not read")
            XCTAssertEqual(p.events[0].time?.iso8601, "2025-02-03T21:15:07Z")
            XCTAssertEqual(p.events[1].text, "Used Gemini Apps")
            XCTAssertEqual(p.events[2].text, "Gave feedback: Good response")
            XCTAssertEqual(p.events[3].text, "side effects of\nmethotrexate")
            XCTAssertEqual(p.events[3].product, "Bard")
            // "Prompted " with nothing after it keeps the whole title as activity.
            XCTAssertEqual(p.events[4].text, "Prompted ")
            XCTAssertEqual(p.sink.skippedCount, 1, "the prompt without a time")
            XCTAssertEqual(p.sink.issues.count, 1)
            XCTAssertFalse(p.sink.issues[0].contains("hangover"), "no record content in the message")
            XCTAssertTrue(p.sink.issues[0].contains("record 5"), p.sink.issues[0])
        }
    }

    func testRecordsWithoutTimeOrTitleAreSkippedWithPosition() throws {
        let text = """
        [{"header":"Search","title":"Searched for a","time":"2020-01-01T00:00:00Z"},
         {"header":"Search","title":"Searched for b"},
         {"header":"Search","time":"2020-01-01T00:00:00Z"},
         {"header":"Search","title":"Searched for c","time":"yesterday"},
         "not an object",
         {"header":"Search","title":"Searched for d","time":"2020-01-02T00:00:00Z", },
         {"header":"Search","title":"Searched for e","time":"2020-01-03T00:00:00Z"}]
        """
        let p = try parse(text, chunkSize: 7)
        XCTAssertEqual(p.events.compactMap(\.text), ["a", "e"])
        XCTAssertEqual(p.events.map(\.position.record), [0, 6])
        XCTAssertEqual(p.sink.skippedCount, 5)
        XCTAssertEqual(p.sink.issues, [
            "record 1 (/1): no time",
            "record 2 (/2): no title",
            "record 3 (/3): unreadable time (text, not quoted)",
            "record 4 (/4): not an object",
            "record 5 (/5): invalid JSON at byte 75: expected a key string",
        ])
    }

    func testTruncatedFileKeepsEarlierRecords() throws {
        let cut = String(search.prefix(search.count - 200))
        let p = try parse(cut, chunkSize: 13)
        XCTAssertEqual(p.events.count, 1)
        XCTAssertEqual(p.sink.skippedCount, 1)
        XCTAssertEqual(p.sink.issues.count, 2)
        XCTAssert(p.sink.issues[0].hasPrefix("record 1 (/1): truncated"), p.sink.issues[0])
        XCTAssertEqual(p.sink.issues[1], "the file ends before the array is closed: it is truncated")
    }

    func testEveryChunkSizeGivesTheSameEvents() throws {
        let reference = try parse(youtube).events.map { "\($0.kind) \($0.title ?? $0.text ?? "") \($0.counterparty ?? "")" }
        for size in 1...17 {
            let got = try parse(youtube, chunkSize: size).events.map { "\($0.kind) \($0.title ?? $0.text ?? "") \($0.counterparty ?? "")" }
            XCTAssertEqual(got, reference, "chunk size \(size)")
        }
    }

    func testNotAnArrayIsAParseError() {
        XCTAssertThrowsError(try parse(#"{"Browser History": []}"#)) { error in
            XCTAssertEqual((error as? ParseError)?.message, "not a JSON array: the file starts with '{'")
        }
    }

    // MARK: - Detection

    func testDetectsMyActivityByContentWhateverTheName() throws {
        let importer = GoogleMyActivityImporter()
        let named = try XCTUnwrap(importer.detect(probe(search)))
        XCTAssertEqual(named.confidence, 0.95)
        let german = try XCTUnwrap(importer.detect(probe(search, path: "Takeout/Meine Aktivitäten/Google Suche/MeineAktivitäten.json")))
        XCTAssertEqual(german.confidence, 0.95)
        let renamed = try XCTUnwrap(importer.detect(probe(search, path: "backup/google-2023.json")))
        XCTAssertEqual(renamed.confidence, 0.85)
        let youtubeHistory = try XCTUnwrap(importer.detect(probe(youtube, path: "Takeout/YouTube and YouTube Music/history/watch-history.json")))
        XCTAssertEqual(youtubeHistory.confidence, 0.95)
        let bom = try XCTUnwrap(importer.detect(probe("\u{FEFF}\n  " + chrome, path: "export.json")))
        XCTAssertEqual(bom.confidence, 0.85)
        XCTAssertEqual(importer.detect(probe("[]", path: "x/MyActivity.json"))?.confidence, 0.6)
    }

    func testDoesNotClaimOtherJSON() {
        let importer = GoogleMyActivityImporter()
        let others = [
            #"{"Browser History": [{"title": "x", "url": "https://a", "time_usec": 1}]}"#,
            #"{"timelineObjects": [{"placeVisit": {}}]}"#,
            #"[{"ts": "2023-01-01T00:00:00Z", "master_metadata_track_name": "Song", "ms_played": 1000}]"#,
            #"[{"title": "Post", "timestamp": 1600000000, "data": [{"post": "hello"}]}]"#,
            #"[{"header": "x", "note": "the words title and time appear only in values"}]"#,
            "[1, 2, 3]",
            "[]",
            "",
        ]
        for text in others {
            XCTAssertNil(importer.detect(probe(text, path: "data/file.json")), text)
        }
        // A file named like My Activity whose first record has no header/time is doubtful.
        XCTAssertEqual(importer.detect(probe(#"[{"title": "x"}]"#, path: "a/My Activity.json"))?.confidence, 0.55)
    }

    func testRegistryPicksThisImporter() throws {
        guard case .success(let hit) = ImporterRegistry.detect(probe(youtube, path: "history/watch-history.json")) else {
            return XCTFail("My Activity file not recognized")
        }
        XCTAssertEqual(hit.importer.id, "google.my_activity")
        XCTAssert(ImporterRegistry.all.contains { $0.id == "google.my_activity" })
    }
}
