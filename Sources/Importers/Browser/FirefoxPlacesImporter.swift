import StewardCore
import Formats

/// Firefox's `places.sqlite` (also Firefox Developer Edition, LibreWolf, Waterfox, Tor Browser
/// when history is kept): `moz_places` (one row per URL, with its title) and
/// `moz_historyvisits` (one row per visit, `visit_date` as PRTime, microseconds since 1970).
/// The same file holds bookmarks; only visits become events. Detected by the two tables.
public struct FirefoxPlacesImporter: PathReadingImporter {
    public static let source = "browser.firefox"

    public init() {}

    public var id: String { Self.source }
    public var title: String { "Firefox history database (places.sqlite)" }
    public var howToRequest: String {
        """
        Close Firefox (or copy the file) and scan places.sqlite from the profile folder \
        (about:profiles shows it): Windows %APPDATA%\\Mozilla\\Firefox\\Profiles\\<profile>\\places.sqlite; \
        macOS ~/Library/Application Support/Firefox/Profiles/<profile>/places.sqlite; Linux \
        ~/.mozilla/firefox/<profile>/places.sqlite (Snap: ~/snap/firefox/common/.mozilla/firefox). \
        See docs/formats/browser.md.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let schema = SQLiteSchemaTables.read(probe) else { return nil }
        if schema.contains("moz_places", "moz_historyvisits") {
            return Detection(confidence: 0.95, reason: "SQLite database with Firefox's moz_places and moz_historyvisits tables")
        }
        if !schema.complete, probe.fileName.lowercased() == "places.sqlite" {
            return Detection(confidence: 0.5, reason: "SQLite database named places.sqlite, as Firefox names its history")
        }
        return nil
    }

    public func read(diskPath: String, probe: FileProbe, into sink: EventSink) throws(ParseError) {
        let database = try ImmutableSQLiteInput(path: diskPath)
        database.warnAboutWriteAheadLog(sink)
        guard try database.hasTable("moz_places"), try database.hasTable("moz_historyvisits") else {
            throw ParseError("no Firefox moz_places and moz_historyvisits tables")
        }
        let reader = BrowserVisitReader(source: Self.source, clock: .unixMicroseconds, visitsTable: "moz_historyvisits",
                                        transitionName: FirefoxVisitType.name)
        try reader.read("""
            SELECT v.id, substr(p.url, 1, \(BrowserVisitReader.maxURLCharacters)),
                   substr(p.title, 1, \(BrowserVisitReader.maxTitleCharacters)),
                   v.visit_date, v.visit_type, p.id
            FROM moz_historyvisits AS v LEFT JOIN moz_places AS p ON p.id = v.place_id
            ORDER BY v.id
            """, from: database, into: sink)
    }
}
