import StewardCore

/// The rows of Netflix's `CONTENT_INTERACTION/SearchHistory.csv` (docs/formats/streaming.md,
/// "Netflix search history"): `Profile Name,Country Iso,Device,Is Kids,Query Typed,Displayed
/// Name,Action,Section,Utc Timestamp`, one row per title shown or acted on after a search, e.g.
/// `Alex,GB,Android phone,0,divorce law,A Legal Drama,play,search results,2024-06-02 22:10:41`.
///
/// One `search` event per query: `text` = Query Typed (the person's own words, which the search
/// rules read), `time` = Utc Timestamp (UTC), `counterparty` = Profile Name, `code` = Action,
/// `product` = `Netflix`. Displayed Name, the title Netflix showed, is not emitted: it is the
/// studio's words, not the person's (docs/formats/streaming.md). Netflix writes a row for each
/// title a query listed; rows repeating the previous row's profile and query are one search, so
/// they are counted, not emitted again. Rows without a typed query (a title picked from
/// suggestions) say nothing in the person's words and are counted too.
struct NetflixSearchRowMapper: CSVRowMapper {
    static let source = "netflix.search"
    static let required = ["profile name", "query typed", "utc timestamp"]
    var requiredColumns: [String] { Self.required }

    private var previous: (profile: String?, query: String)?
    private var repeats = 0
    private var withoutQuery = 0

    mutating func map(_ row: CSVRow, into sink: EventSink) {
        guard let time = NetflixCSVTime.read(row, "utc timestamp", missing: "no timestamp", unreadable: "unreadable timestamp", into: sink) else { return }
        guard let query = row["query typed"] else {
            withoutQuery += 1
            return
        }
        let profile = row["profile name"]
        if let previous, previous.profile == profile, previous.query == query {
            repeats += 1
            return
        }
        previous = (profile, query)
        sink.emit(Event(source: Self.source, kind: .search, time: time, text: query, counterparty: profile,
                        code: row["action"], product: "Netflix", position: row.position))
    }

    mutating func finish(into sink: EventSink) {
        if repeats > 0 {
            sink.warn("\(repeats) row(s) repeating the search before them (another title the same query listed) were counted once")
        }
        if withoutQuery > 0 {
            sink.warn("\(withoutQuery) row(s) without a typed query were not read")
        }
    }
}
