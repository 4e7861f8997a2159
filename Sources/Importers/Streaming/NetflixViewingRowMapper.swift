import StewardCore

/// The rows of Netflix's `CONTENT_INTERACTION/ViewingActivity.csv` (docs/formats/streaming.md):
/// `Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,
/// Bookmark,Latest Bookmark,Country`, e.g. `Alex,2024-03-02 01:12:40,00:47:03,,"Some Show:
/// Season 1: Pilot (Episode 1)",,Android phone,00:47:03,00:47:03,GB (United Kingdom)`.
///
/// One `watch` event per viewing: `title` = Title, `time` = Start Time (Netflix writes UTC),
/// `quantity` = Duration in minutes, `counterparty` = Profile Name (an account's profiles are
/// often other people in the household: the report shows whose profile each viewing was on),
/// `product` = `Netflix`. Trailers, teasers and previews (a Supplemental Video Type such as
/// `TRAILER` or `HOOK`) play by themselves while browsing: they are counted, not emitted.
/// Device and country are not read.
struct NetflixViewingRowMapper: CSVRowMapper {
    static let source = "netflix.viewing"
    static let required = ["profile name", "start time", "duration", "title"]
    var requiredColumns: [String] { Self.required }

    private var supplemental = 0

    mutating func map(_ row: CSVRow, into sink: EventSink) {
        guard let start = NetflixCSVTime.read(row, "start time", missing: "no start time", unreadable: "unreadable start time", into: sink) else { return }
        guard let title = row["title"] else {
            sink.skip("no title", at: row.position)
            return
        }
        if let type = row["supplemental video type"], !type.isEmpty {
            supplemental += 1
            return
        }
        var minutes: Double?
        if let duration = row["duration"] {
            guard let seconds = Self.seconds(duration) else {
                sink.skip("unreadable duration \(QuotedValue.describe(duration))", at: row.position)
                return
            }
            minutes = (Double(seconds) / 60 * 100).rounded() / 100
        }
        sink.emit(Event(source: Self.source, kind: .watch, time: start, title: title, counterparty: row["profile name"],
                        product: "Netflix", position: row.position, quantity: minutes, unit: minutes == nil ? nil : "min"))
    }

    mutating func finish(into sink: EventSink) {
        if supplemental > 0 {
            sink.warn("\(supplemental) trailer(s) and preview(s) that play while browsing were not counted as viewings")
        }
    }

    /// `01:02:03` → 3723; hours may exceed 24 (a stream left running).
    static func seconds(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let h = Int(parts[0]), let m = Int(parts[1]), let s = Int(parts[2]),
              h >= 0, h < 10_000, (0..<60).contains(m), (0..<60).contains(s) else { return nil }
        return h * 3600 + m * 60 + s
    }
}
