import StewardCore

/// The rows of Netflix's `CONTENT_INTERACTION/Ratings.csv` (docs/formats/streaming.md, "Netflix
/// ratings"): `Profile Name,Title Name,Rating Type,Star Value,Thumbs Value,Device Model,Event Utc
/// Ts,Region View Date`, one row per title rated, e.g. `Alex,A Series,thumb,0,2,Android phone,
/// 2024-06-02 01:10:41,2024-06-02`.
///
/// One `activity` event per rating: `title` = Title Name, `time` = Event Utc Ts (UTC),
/// `counterparty` = Profile Name, `code` = the rating in words (`thumbs down`, `thumbs up`,
/// `two thumbs up`, or `4 stars` from the star ratings Netflix used before 2017), `product` =
/// `Netflix`. A rating is the profile's own act at the minute it happened, which is what the night
/// activity rule counts; the title stays the studio's words, as for viewings. Rows whose value
/// is 0 for both thumbs and stars carry no rating and are counted, not emitted. Device Model and Region View Date are not read.
struct NetflixRatingsRowMapper: CSVRowMapper {
    static let source = "netflix.ratings"
    static let required = ["profile name", "title name", "thumbs value", "event utc ts"]
    var requiredColumns: [String] { Self.required }

    private var withoutRating = 0

    mutating func map(_ row: CSVRow, into sink: EventSink) {
        guard let time = NetflixCSVTime.read(row, "event utc ts", missing: "no timestamp", unreadable: "unreadable timestamp", into: sink) else { return }
        guard let title = row["title name"] else {
            sink.skip("no title", at: row.position)
            return
        }
        // An empty cell is Netflix's 0; anything else that is not a small whole number is damage.
        guard let thumbs = Int(row["thumbs value"] ?? "0"), let stars = Int(row["star value"] ?? "0") else {
            sink.skip("unreadable rating", at: row.position)
            return
        }
        if thumbs == 0 && stars == 0 {
            withoutRating += 1
            return
        }
        guard let rating = Self.rating(thumbs: thumbs, stars: stars) else {
            sink.skip("unreadable rating", at: row.position)
            return
        }
        sink.emit(Event(source: Self.source, kind: .activity, time: time, title: title, counterparty: row["profile name"],
                        code: rating, product: "Netflix", position: row.position))
    }

    mutating func finish(into sink: EventSink) {
        if withoutRating > 0 {
            sink.warn("\(withoutRating) row(s) with neither thumbs nor stars were not read")
        }
    }

    /// Thumbs Value 1 and 2 are thumbs down and up; 3 is read as two up (Netflix's "Love this",
    /// since 2022; docs/formats/streaming.md says what this rests on); Star Value 1–5 are the
    /// stars of the old ratings, whose Thumbs Value is 0.
    static func rating(thumbs: Int, stars: Int) -> String? {
        switch (thumbs, stars) {
        case (1, _): return "thumbs down"
        case (2, _): return "thumbs up"
        case (3, _): return "two thumbs up"
        case (0, 1): return "1 star"
        case (0, 2...5): return "\(stars) stars"
        default: return nil
        }
    }
}
