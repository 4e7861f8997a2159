import StewardCore

/// Maps rows of Reddit's export: comments.csv → `.comment`, posts.csv → `.post` (subreddit as
/// `place`-like context in `counterparty`, e.g. "r/AskHistorians"), subscribed_subreddits.csv
/// → `.like` of the subreddit (no time is exported). Dates are `2023-01-15 10:20:30 UTC`.
struct RedditRowMapper: CSVRowMapper {
    static let source = "reddit.csv"

    let file: RedditCSVFile
    var requiredColumns: [String] { file.requiredColumns }

    mutating func map(_ row: CSVRow, into sink: EventSink) {
        let subreddit = row["subreddit"].map { $0.hasPrefix("r/") ? $0 : "r/" + $0 }
        switch file {
        case .comments, .posts:
            var time: Timestamp?
            if var date = row["date"] {
                if date.hasSuffix(" UTC") { date.removeLast(4); date += "Z" }
                time = Timestamp.parseISO8601(date.utf8)
            }
            guard row["body"] != nil || row["title"] != nil else {
                sink.skip("\(file == .comments ? "comment" : "post") without body or title", at: row.position)
                return
            }
            sink.emit(Event(source: Self.source, kind: file == .comments ? .comment : .post, time: time,
                            text: row["body"], title: row["title"], url: row["permalink"], counterparty: subreddit,
                            product: file.rawValue, position: row.position))
        case .subscribedSubreddits:
            guard let subreddit else {
                sink.skip("empty subreddit name", at: row.position)
                return
            }
            sink.emit(Event(source: Self.source, kind: .like, title: subreddit, product: "subscribed subreddits", position: row.position))
        }
    }

    mutating func finish(into sink: EventSink) {}
}
