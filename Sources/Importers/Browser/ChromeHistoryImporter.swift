import StewardCore
import Formats

/// The `History` SQLite database of Chrome and every Chromium browser (Edge, Brave, Opera,
/// Vivaldi, Chromium): `urls` (one row per URL, with its title) and `visits` (one row per
/// visit, `visit_time` in microseconds since 1601-01-01, `transition` bits). Detected by those
/// tables in the schema, never by the file name. Read read-only and immutable: the browser
/// keeps the file locked and in WAL mode while it runs, so people scan a copy or close it.
public struct ChromeHistoryImporter: PathReadingImporter {
    public static let source = "browser.chrome"

    public init() {}

    public var id: String { Self.source }
    public var title: String { "Chrome / Chromium / Edge / Brave history database (History)" }
    public var howToRequest: String {
        """
        Close the browser (or copy the file) and scan the History file of the profile folder: \
        Windows %LOCALAPPDATA%\\Google\\Chrome\\User Data\\Default\\History (Edge: Microsoft\\Edge\\User Data, \
        Brave: BraveSoftware\\Brave-Browser\\User Data); macOS ~/Library/Application Support/Google/Chrome/Default/History; \
        Linux ~/.config/google-chrome/Default/History (chromium, BraveSoftware/Brave-Browser, microsoft-edge). \
        Other profiles are in "Profile 1", "Profile 2", … beside Default. See docs/formats/browser.md.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let schema = SQLiteSchemaTables.read(probe) else { return nil }
        if schema.contains("urls", "visits") {
            return schema.names.contains("meta")
                ? Detection(confidence: 0.95, reason: "SQLite database with Chromium's urls, visits and meta tables")
                : Detection(confidence: 0.85, reason: "SQLite database with urls and visits tables")
        }
        // Inside an archive only the first 64 KiB are at hand and Chromium's schema usually lies
        // further in; the name is the one clue left, enough to say "extract it first".
        if !schema.complete, ["history", "archived history"].contains(probe.fileName.lowercased()) {
            return Detection(confidence: 0.5, reason: "SQLite database named \(probe.fileName), as Chromium browsers name their history")
        }
        return nil
    }

    public func read(diskPath: String, probe: FileProbe, into sink: EventSink) throws(ParseError) {
        let database = try ImmutableSQLiteInput(path: diskPath)
        database.warnAboutWriteAheadLog(sink)
        guard try database.hasTable("urls"), try database.hasTable("visits") else {
            throw ParseError("no Chromium urls and visits tables")
        }
        let reader = BrowserVisitReader(source: Self.source, clock: .webKitMicroseconds, visitsTable: "visits",
                                        transitionName: ChromePageTransition.name)
        try reader.read("""
            SELECT visits.id, substr(urls.url, 1, \(BrowserVisitReader.maxURLCharacters)),
                   substr(urls.title, 1, \(BrowserVisitReader.maxTitleCharacters)),
                   visits.visit_time, visits.transition, urls.id
            FROM visits LEFT JOIN urls ON urls.id = visits.url
            ORDER BY visits.id
            """, from: database, into: sink)
    }
}
