import StewardCore
import Formats

/// Safari's `History.db` (macOS ~/Library/Safari; iOS keeps the same schema):
/// `history_items` (one row per URL) and `history_visits` (one row per visit, with the page
/// title of that visit and `visit_time` as a REAL of seconds since 2001-01-01). Detected by
/// the two tables. Reading ~/Library/Safari needs Full Disk Access for the terminal, so
/// people usually copy the file first.
public struct SafariHistoryImporter: PathReadingImporter {
    public static let source = "browser.safari"

    public init() {}

    public var id: String { Self.source }
    public var title: String { "Safari history database (History.db)" }
    public var howToRequest: String {
        """
        Quit Safari (or copy the file) and scan ~/Library/Safari/History.db on macOS; the terminal needs \
        Full Disk Access (System Settings → Privacy & Security) to read it, or copy it in Finder with \
        Go → Go to Folder → ~/Library/Safari. iPhone history is in the same file when Safari syncs \
        through iCloud. See docs/formats/browser.md.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let schema = SQLiteSchemaTables.read(probe) else { return nil }
        if schema.contains("history_items", "history_visits") {
            return Detection(confidence: 0.95, reason: "SQLite database with Safari's history_items and history_visits tables")
        }
        if !schema.complete, probe.fileName.lowercased() == "history.db" {
            return Detection(confidence: 0.5, reason: "SQLite database named History.db, as Safari names its history")
        }
        return nil
    }

    /// Transition codes this importer derives (Safari stores flags, not a transition type).
    static let redirectCode: Int64 = 1
    static let failedLoadCode: Int64 = 2

    public func read(diskPath: String, probe: FileProbe, into sink: EventSink) throws(ParseError) {
        let database = try ImmutableSQLiteInput(path: diskPath)
        database.warnAboutWriteAheadLog(sink)
        guard try database.hasTable("history_items"), try database.hasTable("history_visits") else {
            throw ParseError("no Safari history_items and history_visits tables")
        }
        // Redirect hops and failed loads are still visits, but say so; old versions of the
        // schema may lack either column, so the expression is built from what is there.
        var flags: [String] = []
        if try database.hasColumn("redirect_destination", in: "history_visits") {
            flags.append("WHEN v.redirect_destination IS NOT NULL THEN \(Self.redirectCode)")
        }
        if try database.hasColumn("load_successful", in: "history_visits") {
            flags.append("WHEN v.load_successful = 0 THEN \(Self.failedLoadCode)")
        }
        let code = flags.isEmpty ? "NULL" : "CASE " + flags.joined(separator: " ") + " ELSE NULL END"
        let reader = BrowserVisitReader(source: Self.source, clock: .coreDataSeconds, visitsTable: "history_visits",
                                        transitionName: Self.codeName)
        // CAST truncates the REAL toward zero: whole seconds, the precision of every event.
        try reader.read("""
            SELECT v.id, substr(i.url, 1, \(BrowserVisitReader.maxURLCharacters)),
                   substr(v.title, 1, \(BrowserVisitReader.maxTitleCharacters)),
                   CAST(v.visit_time AS INTEGER), \(code), i.id
            FROM history_visits AS v LEFT JOIN history_items AS i ON i.id = v.history_item
            ORDER BY v.id
            """, from: database, into: sink)
    }

    static func codeName(_ code: Int64) -> String? {
        switch code {
        case redirectCode: return "REDIRECT"
        case failedLoadCode: return "LOAD_FAILED"
        default: return nil
        }
    }
}
