import Foundation
import XCTest
import ZIPFoundation
@testable import Importers
@testable import StewardCore

/// Browser history databases (Chrome/Chromium, Firefox, Safari), built here with SQLite in the
/// browsers' real schemas and read through `ExportReader`, so detection by schema, the
/// path-reading route, the archive refusal and input immutability are all exercised.
final class BrowserHistoryTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "/steward-browser-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func makeDatabase(_ name: String, wal: Bool, _ statements: [String]) throws -> String {
        let path = dir + "/" + name
        SQLiteTestDatabase.write(path, wal: wal, statements)
        return path
    }

    private func read(_ path: String) -> RecordingDelegate { SQLiteTestDatabase.read(path) }

    private func snapshot() throws -> [String: Data] { try SQLiteTestDatabase.snapshot(dir) }

    private func modificationDate(_ path: String) throws -> Date? {
        try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    }

    // MARK: Chrome

    /// Chromium's History schema (meta version 43 and later add columns, never remove these).
    static let chrome = [
        "CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR)",
        "INSERT INTO meta VALUES ('version', '43')",
        "CREATE TABLE urls(id INTEGER PRIMARY KEY AUTOINCREMENT,url LONGVARCHAR,title LONGVARCHAR,visit_count INTEGER DEFAULT 0 NOT NULL,typed_count INTEGER DEFAULT 0 NOT NULL,last_visit_time INTEGER NOT NULL,hidden INTEGER DEFAULT 0 NOT NULL)",
        "CREATE TABLE visits(id INTEGER PRIMARY KEY AUTOINCREMENT,url INTEGER NOT NULL,visit_time INTEGER NOT NULL,from_visit INTEGER,external_referrer_url TEXT,transition INTEGER DEFAULT 0 NOT NULL,segment_id INTEGER,visit_duration INTEGER DEFAULT 0 NOT NULL,incremented_omnibox_typed_score BOOLEAN DEFAULT FALSE NOT NULL,opener_visit INTEGER,originator_cache_guid TEXT,originator_visit_id INTEGER,originator_from_visit INTEGER,originator_opener_visit INTEGER,is_known_to_sync BOOLEAN DEFAULT FALSE NOT NULL,consider_for_ntp_most_visited BOOLEAN DEFAULT FALSE NOT NULL,visited_link_id INTEGER DEFAULT 0 NOT NULL,app_id TEXT)",
        "CREATE TABLE keyword_search_terms (keyword_id INTEGER NOT NULL,url_id INTEGER NOT NULL,term LONGVARCHAR NOT NULL,normalized_term LONGVARCHAR NOT NULL)",
        "INSERT INTO urls VALUES (1, 'https://www.bet365.com/#/HO/', 'Sports Betting & Casino | bet365', 2, 1, 13353801000123456, 0)",
        "INSERT INTO urls VALUES (2, 'https://example.org/<script>alert(1)</script>', '<b>Über</b> “quotes” 日本', 1, 0, 13353800700000000, 0)",
        "INSERT INTO urls VALUES (3, 'https://no-title.example/', '', 1, 0, 13353800700000000, 0)",
        // typed into the address bar (0x32000001: TYPED | FROM_ADDRESS_BAR | CHAIN_START | CHAIN_END)
        "INSERT INTO visits (id, url, visit_time, transition) VALUES (10, 1, 13353800700000000, 838860801)",
        // a link (0x30000000), with sub-second microseconds
        "INSERT INTO visits (id, url, visit_time, transition) VALUES (11, 1, 13353801000123456, 805306368)",
        "INSERT INTO visits (id, url, visit_time, transition) VALUES (12, 2, 13353801000123456, 8)",
        "INSERT INTO visits (id, url, visit_time, transition) VALUES (13, 3, 13353801000123456, 7)",
        // the URL row was deleted ("delete history for this site") but the visit stayed
        "INSERT INTO visits (id, url, visit_time, transition) VALUES (14, 99, 13353801000123456, 0)",
        // no time: a damaged row
        "INSERT INTO visits (id, url, visit_time, transition) VALUES (15, 1, 0, 0)",
    ]

    func testChromeHistoryOneEventPerVisitWithWebKitTimes() throws {
        // Renamed, no extension: detection is by schema only.
        let path = try makeDatabase("copy-of-profile-db", wal: false, Self.chrome)
        let before = try snapshot()
        let mtime = try modificationDate(path)
        let delegate = read(path)
        XCTAssertEqual(try snapshot(), before, "no byte changed and no -wal/-shm/-journal appeared")
        XCTAssertEqual(try modificationDate(path), mtime)
        let input = try XCTUnwrap(delegate.inputs.first)
        XCTAssertEqual(input.source, "browser.chrome")
        XCTAssertEqual(input.events, 4)
        XCTAssertEqual(input.skipped, 2, "the orphaned visit and the one without a time")
        XCTAssertTrue(input.errors.contains { $0.contains("/visits/14") && $0.contains("not in the database") }, "\(input.errors)")
        XCTAssertTrue(input.errors.contains { $0.contains("/visits/15") && $0.contains("no visit time") }, "\(input.errors)")
        let events = delegate.events.map(\.1)
        XCTAssertTrue(events.allSatisfy { $0.source == "browser.chrome" && $0.kind == .pageView })
        XCTAssertEqual(events.map { $0.time?.iso8601 ?? "-" },
                       ["2024-03-01T21:05:00Z", "2024-03-01T21:10:00Z", "2024-03-01T21:10:00Z", "2024-03-01T21:10:00Z"])
        XCTAssertEqual(events.map { $0.code ?? "-" }, ["TYPED", "LINK", "RELOAD", "FORM_SUBMIT"])
        XCTAssertEqual(events[0].title, "Sports Betting & Casino | bet365")
        XCTAssertEqual(events[0].url, "https://www.bet365.com/#/HO/")
        XCTAssertEqual(events[2].title, "<b>Über</b> “quotes” 日本", "titles are data, kept verbatim")
        XCTAssertNil(events[3].title, "an empty title is no title")
        XCTAssertEqual(events[3].url, "https://no-title.example/")
        XCTAssertEqual(events[1].position.pointer, "/visits/11")
        XCTAssertEqual(events[1].position.record, 1)
    }

    func testChromeTransitionCoreTypes() {
        XCTAssertEqual(ChromePageTransition.name(838860801), "TYPED")
        XCTAssertEqual(ChromePageTransition.name(805306368), "LINK")
        XCTAssertEqual(ChromePageTransition.name(0x4000_0003), "AUTO_SUBFRAME")
        XCTAssertEqual(ChromePageTransition.name(10), "KEYWORD_GENERATED")
        XCTAssertNil(ChromePageTransition.name(11))
    }

    func testBrowserClocks() {
        XCTAssertEqual(BrowserClock.webKitMicroseconds.unixSeconds(13353800700000000), 1_709_327_100)
        XCTAssertEqual(BrowserClock.unixMicroseconds.unixSeconds(1_709_327_100_000_000), 1_709_327_100)
        XCTAssertEqual(BrowserClock.coreDataSeconds.unixSeconds(731_019_900), 1_709_327_100)
        XCTAssertNil(BrowserClock.webKitMicroseconds.unixSeconds(0))
        XCTAssertNil(BrowserClock.webKitMicroseconds.unixSeconds(-5))
        // A PRTime read as WebKit time lands in 1624: rejected, not reported as a visit.
        XCTAssertNil(BrowserClock.webKitMicroseconds.unixSeconds(1_709_327_100_000_000))
        XCTAssertNil(BrowserClock.coreDataSeconds.unixSeconds(Int64.max))
    }

    // MARK: Firefox

    static let firefox = [
        "CREATE TABLE moz_origins ( id INTEGER PRIMARY KEY, prefix TEXT NOT NULL, host TEXT NOT NULL, frecency INTEGER NOT NULL, UNIQUE (prefix, host) )",
        "CREATE TABLE moz_places (   id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR, rev_host LONGVARCHAR, visit_count INTEGER DEFAULT 0, hidden INTEGER DEFAULT 0 NOT NULL, typed INTEGER DEFAULT 0 NOT NULL, frecency INTEGER DEFAULT -1 NOT NULL, last_visit_date INTEGER , guid TEXT, foreign_count INTEGER DEFAULT 0 NOT NULL, url_hash INTEGER DEFAULT 0 NOT NULL , description TEXT, preview_image_url TEXT, origin_id INTEGER REFERENCES moz_origins(id))",
        "CREATE TABLE moz_historyvisits (  id INTEGER PRIMARY KEY, from_visit INTEGER, place_id INTEGER, visit_date INTEGER, visit_type INTEGER, session INTEGER)",
        "CREATE TABLE moz_bookmarks (  id INTEGER PRIMARY KEY, type INTEGER, fk INTEGER DEFAULT NULL, parent INTEGER, position INTEGER, title LONGVARCHAR, keyword_id INTEGER, folder_type TEXT, dateAdded INTEGER, lastModified INTEGER, guid TEXT)",
        "INSERT INTO moz_places (id, url, title, rev_host, visit_count, hidden, last_visit_date, guid) VALUES (1, 'https://www.tinder.com/', 'Tinder | Dating, Make Friends & Meet New People', 'moc.rednit.www.', 1, 0, 1709327100000000, 'g1')",
        "INSERT INTO moz_places (id, url, title, rev_host, visit_count, hidden, last_visit_date, guid) VALUES (2, 'http://redirect.example/', NULL, 'elpmaxe.tcerider.', 1, 1, 1709327400654321, 'g2')",
        "INSERT INTO moz_bookmarks (id, type, fk, parent, title) VALUES (1, 1, 1, 0, 'a bookmark, not a visit')",
        "INSERT INTO moz_historyvisits VALUES (1, 0, 1, 1709327100000000, 2, 0)",
        "INSERT INTO moz_historyvisits VALUES (2, 1, 2, 1709327400654321, 5, 0)",
        "INSERT INTO moz_historyvisits VALUES (3, 0, 1, NULL, 1, 0)",
    ]

    func testFirefoxPlacesInWALModeStaysUntouched() throws {
        let path = try makeDatabase("places.sqlite", wal: true, Self.firefox)
        let header = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(20)
        XCTAssertEqual(header[18], 2, "the fixture is in WAL mode, as Firefox leaves it")
        let before = try snapshot()
        let delegate = read(path)
        XCTAssertEqual(try snapshot(), before, "no byte changed and no -wal/-shm appeared")
        let input = try XCTUnwrap(delegate.inputs.first)
        XCTAssertEqual(input.source, "browser.firefox")
        XCTAssertEqual(input.events, 2)
        XCTAssertEqual(input.skipped, 1)
        let events = delegate.events.map(\.1)
        XCTAssertEqual(events.map { $0.time?.iso8601 ?? "-" }, ["2024-03-01T21:05:00Z", "2024-03-01T21:10:00Z"])
        XCTAssertEqual(events.map { $0.code ?? "-" }, ["TYPED", "REDIRECT_PERMANENT"])
        XCTAssertEqual(events[0].title, "Tinder | Dating, Make Friends & Meet New People")
        XCTAssertNil(events[1].title)
        XCTAssertEqual(events[1].url, "http://redirect.example/")
        XCTAssertEqual(events[1].position.pointer, "/moz_historyvisits/2")
        XCTAssertTrue(events.allSatisfy { $0.source == "browser.firefox" && $0.kind == .pageView })
    }

    // MARK: Safari

    static let safari = [
        "CREATE TABLE history_items (id INTEGER PRIMARY KEY AUTOINCREMENT,url TEXT NOT NULL UNIQUE,domain_expansion TEXT NULL,visit_count INTEGER NOT NULL,daily_visit_counts BLOB NOT NULL,weekly_visit_counts BLOB NULL,autocomplete_triggers BLOB NULL,should_recompute_derived_visit_counts INTEGER NOT NULL,visit_count_score INTEGER NOT NULL,status_code INTEGER NOT NULL DEFAULT 0)",
        "CREATE TABLE history_visits (id INTEGER PRIMARY KEY AUTOINCREMENT,history_item INTEGER NOT NULL REFERENCES history_items(id) ON DELETE CASCADE,visit_time REAL NOT NULL,title TEXT NULL,load_successful BOOLEAN NOT NULL DEFAULT 1,http_non_get BOOLEAN NOT NULL DEFAULT 0,synthesized BOOLEAN NOT NULL DEFAULT 0,redirect_source INTEGER NULL UNIQUE REFERENCES history_visits(id) ON DELETE CASCADE,redirect_destination INTEGER NULL UNIQUE REFERENCES history_visits(id) ON DELETE CASCADE,origin INTEGER NOT NULL DEFAULT 0,generation INTEGER NOT NULL DEFAULT 0,attributes INTEGER NOT NULL DEFAULT 0,score INTEGER NOT NULL DEFAULT 0)",
        "CREATE TABLE history_tombstones (id INTEGER PRIMARY KEY AUTOINCREMENT,start_time REAL NOT NULL,end_time REAL NOT NULL,url TEXT,generation INTEGER NOT NULL DEFAULT 0)",
        "CREATE TABLE metadata (key TEXT NOT NULL UNIQUE, value)",
        "INSERT INTO history_items (id, url, domain_expansion, visit_count, daily_visit_counts, should_recompute_derived_visit_counts, visit_count_score) VALUES (1, 'http://nhs.example/', 'nhs', 1, x'', 0, 100)",
        "INSERT INTO history_items (id, url, domain_expansion, visit_count, daily_visit_counts, should_recompute_derived_visit_counts, visit_count_score) VALUES (2, 'https://www.nhs.uk/conditions/chemotherapy/', 'nhs', 2, x'', 0, 100)",
        "INSERT INTO history_visits (id, history_item, visit_time, title, redirect_destination) VALUES (1, 1, 731019900.25, NULL, 2)",
        "INSERT INTO history_visits (id, history_item, visit_time, title, redirect_source) VALUES (2, 2, 731019900.75, 'Chemotherapy - NHS', 1)",
        "INSERT INTO history_visits (id, history_item, visit_time, title, load_successful) VALUES (3, 2, 731020200.5, 'Chemotherapy - NHS', 0)",
        "INSERT INTO history_visits (id, history_item, visit_time, title) VALUES (4, 2, -1.0, 'before 2001 is a damaged row')",
    ]

    func testSafariHistoryCoreDataSecondsAndVisitTitles() throws {
        let path = try makeDatabase("History.db", wal: true, Self.safari)
        let before = try snapshot()
        let delegate = read(path)
        XCTAssertEqual(try snapshot(), before)
        let input = try XCTUnwrap(delegate.inputs.first)
        XCTAssertEqual(input.source, "browser.safari")
        XCTAssertEqual(input.events, 3)
        XCTAssertEqual(input.skipped, 1)
        let events = delegate.events.map(\.1)
        XCTAssertEqual(events.map { $0.time?.iso8601 ?? "-" }, ["2024-03-01T21:05:00Z", "2024-03-01T21:05:00Z", "2024-03-01T21:10:00Z"])
        XCTAssertEqual(events.map { $0.code ?? "-" }, ["REDIRECT", "-", "LOAD_FAILED"])
        XCTAssertEqual(events.map { $0.title ?? "-" }, ["-", "Chemotherapy - NHS", "Chemotherapy - NHS"])
        XCTAssertEqual(events[1].url, "https://www.nhs.uk/conditions/chemotherapy/")
        XCTAssertTrue(events.allSatisfy { $0.source == "browser.safari" && $0.kind == .pageView })
    }

    // MARK: Detection, archives, damage

    func testEachBrowserIsDetectedBySchemaAndOthersAreNot() throws {
        let chrome = try makeDatabase("a.db", wal: false, Self.chrome)
        let firefox = try makeDatabase("b.db", wal: false, Self.firefox)
        let safari = try makeDatabase("c.db", wal: false, Self.safari)
        let other = try makeDatabase("History", wal: false, ["CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"])
        func detected(_ path: String) throws -> String? {
            let head = Array(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(FileProbe.headLength))
            let probe = FileProbe(path: path, head: head, size: Int64(head.count), diskPath: path)
            if case .success(let found) = ImporterRegistry.detect(probe) { return found.importer.id }
            return nil
        }
        XCTAssertEqual(try detected(chrome), "browser.chrome")
        XCTAssertEqual(try detected(firefox), "browser.firefox")
        XCTAssertEqual(try detected(safari), "browser.safari")
        XCTAssertNil(try detected(other), "a database named History is not Chrome's without urls and visits")
        XCTAssertEqual(try snapshot().keys.sorted(), ["History", "a.db", "b.db", "c.db"], "detection opened nothing beside the files")
    }

    func testCreateStatementsInTheHead() {
        let text = #"xxCREATE TABLE IF NOT EXISTS "urls"(id) yy create table visits(id) CREATE TABLE [moz_places] (id) CREATE TABLE `Meta`"#
        XCTAssertEqual(SQLiteSchemaTables.fromCreateStatements(Array(text.utf8)), ["urls", "visits", "moz_places", "meta"])
        XCTAssertEqual(SQLiteSchemaTables.fromCreateStatements(Array("CREATE TABLE".utf8)), [])
    }

    func testInsideAnArchiveTheDatabaseIsReportedNotExtracted() throws {
        let firefox = try makeDatabase("places.sqlite", wal: false, Self.firefox)
        let chrome = try makeDatabase("History", wal: false, Self.chrome)
        let zipPath = dir + "/profile-backup.zip"
        let archive = try Archive(url: URL(fileURLWithPath: zipPath), accessMode: .create)
        try archive.addEntry(with: "Firefox/renamed.bin", fileURL: URL(fileURLWithPath: firefox))
        try archive.addEntry(with: "Chrome/Default/History", fileURL: URL(fileURLWithPath: chrome))
        try FileManager.default.removeItem(atPath: firefox)
        try FileManager.default.removeItem(atPath: chrome)
        let before = try snapshot()
        let delegate = read(zipPath)
        XCTAssertTrue(delegate.inputs.isEmpty)
        XCTAssertEqual(delegate.skipped.map(\.1), Array(repeating: "SQLite database inside an archive: extract it first", count: 2))
        XCTAssertEqual(try snapshot(), before, "nothing was extracted beside the archive")
    }

    func testDamagedDatabaseIsAFileLevelError() throws {
        let path = try makeDatabase("places.sqlite", wal: false, Self.firefox + (0..<300).map {
            "INSERT INTO moz_historyvisits VALUES (\(100 + $0), 0, 1, 1709327100000000, 1, 0)"
        })
        // Keep the first page (the schema, so detection still matches) and cut the rest.
        let head = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(4096)
        try head.write(to: URL(fileURLWithPath: path))
        let delegate = read(path)
        XCTAssertEqual(delegate.inputs.count, 1)
        XCTAssertEqual(delegate.inputs.first?.source, "browser.firefox")
        XCTAssertFalse(delegate.inputs[0].errors.isEmpty, "a damaged database is reported, not fatal")
    }

    /// The public Chrome sample keeps its schema past the 64 KiB head: only the schema table
    /// read from disk finds it (skipped when the sample corpus is absent: docs/architecture.md, "Sample exports").
    func testChromeSampleSchemaLiesBeyondTheHead() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/samples/chrome-history-sqlite/chrome.sqlite").path
        guard FileManager.default.fileExists(atPath: sample) else { throw XCTSkip("\(sample) is absent") }
        let head = Array(try Data(contentsOf: URL(fileURLWithPath: sample)).prefix(FileProbe.headLength))
        XCTAssertEqual(SQLiteSchemaTables.fromCreateStatements(head), [])
        let onDisk = FileProbe(path: sample, head: head, size: nil, diskPath: sample)
        XCTAssertEqual(ChromeHistoryImporter().detect(onDisk)?.confidence, 0.95)
        let delegate = read(sample)
        let events = delegate.events.map(\.1)
        XCTAssertEqual(events.count, 6)
        XCTAssertEqual(events.first?.time?.iso8601, "2021-01-17T06:16:15Z")
        XCTAssertEqual(events.first?.title, "Development Server")
        XCTAssertEqual(events.last?.url, "https://www.discogs.com/artist/2971103-%E3%81%95%E3%82%88%E3%81%AA%E3%82%89%E3%83%9D%E3%83%8B%E3%83%BC%E3%83%86%E3%83%BC%E3%83%AB")
    }
}
