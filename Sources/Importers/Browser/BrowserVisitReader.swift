import StewardCore
import Formats

/// Turns the rows of one browser's visit query into page-view events: one event per visit
/// (not per URL: a URL's visit count hides when and how often, which is what a scorer uses).
///
/// Every query returns the same six columns: visit id, URL, title, raw visit time (integer,
/// in `clock`'s unit), an integer transition code or NULL, and the id of the joined URL row
/// (NULL when the visit points at a URL row that is gone).
struct BrowserVisitReader {
    let source: String
    let clock: BrowserClock
    /// The visits table, for JSON-pointer-like positions (`/visits/491`).
    let visitsTable: String
    /// The browser's name for a transition code, put in `Event.code`.
    let transitionName: (Int64) -> String?

    /// URLs (data: URLs, long query strings) and titles are cut in SQL, before they are copied
    /// out of SQLite: Chrome allows 2 MB URLs and nothing downstream needs more than this.
    static let maxURLCharacters = 8192
    static let maxTitleCharacters = 2048

    func read(_ sql: String, from database: ImmutableSQLiteInput, into sink: EventSink) throws(ParseError) {
        var index = 0
        try database.forEachRow(sql) { row in
            defer { index += 1 }
            let position = SourcePosition(record: index, pointer: "/\(visitsTable)/\(row.int64(0))")
            guard !row.isNull(5) else {
                sink.skip("visit of a URL row that is not in the database", at: position)
                return
            }
            // A zero time is how a row without one reads back (NULL or 0 in a NOT NULL column).
            let rawTime = row.isNull(3) ? 0 : row.int64(3)
            guard let seconds = clock.unixSeconds(rawTime) else {
                sink.skip(rawTime == 0 ? "no visit time" : "visit time \(rawTime) is not a plausible date", at: position)
                return
            }
            let url = Self.nonEmpty(row.text(1))
            let title = Self.nonEmpty(row.text(2))
            guard url != nil || title != nil else {
                sink.skip("neither URL nor title", at: position)
                return
            }
            sink.emit(Event(source: source, kind: .pageView,
                            time: Timestamp(epochSeconds: seconds, utcOffsetSeconds: 0),
                            title: title, url: url,
                            code: row.isNull(4) ? nil : transitionName(row.int64(4)),
                            position: position))
        }
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
