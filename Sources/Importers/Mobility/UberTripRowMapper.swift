import StewardCore

/// The rows of Uber's rider trip history from "Download your data" (docs/formats/rides.md):
/// `Uber Data/Rider/trips_data.csv` (older downloads) or `Rider/trips_data-0.csv`,
/// `City,Product Type,Trip or Order Status,Request Time,Begin Trip Time,Begin Trip Lat,
/// Begin Trip Lng,Begin Trip Address,Dropoff Time,Dropoff Lat,Dropoff Lng,Dropoff Address,
/// Distance (miles),Fare Amount,Fare Currency`, times as `2024-03-01 22:41:07 +0000 UTC`
/// (newer headers say `Begin Trip Time (UTC)` and may write ISO 8601).
///
/// Two `visit` events per completed trip: the pickup (`code` `pickup`, at Begin Trip Time,
/// Lat, Lng, `place` = Begin Trip Address) and the drop-off (`code` `dropoff`, at Dropoff Time
/// and its position and address); `counterparty` = `Uber`, `product` = Product Type (UberX,
/// Pool, UberEATS Marketplace …). A ride's two ends are where someone was and when: the
/// location analyzers read them like any visit (a home is where the night rides end). Trips
/// whose status is not completed (cancelled by rider or driver, unfulfilled) went nowhere:
/// counted in one warning. An end without coordinates or a readable time is left out and
/// said once per file; a row with neither end readable is skipped. Fares are not read.
struct UberTripRowMapper: CSVRowMapper {
    static let source = "uber.trips"
    static let required = ["trip or order status", "begin trip lat", "begin trip lng", "dropoff lat", "dropoff lng"]
    var requiredColumns: [String] { Self.required }

    /// Statuses under which the car took the person somewhere.
    static let completed: Set<String> = ["completed", "fare_split"]

    private var notCompleted = 0
    private var endsLeftOut = 0

    mutating func map(_ row: CSVRow, into sink: EventSink) {
        let status = row["trip or order status"]?.lowercased() ?? ""
        guard Self.completed.contains(status) else {
            notCompleted += 1
            return
        }
        let product = row["product type"]
        var events: [Event] = []
        var problem: String?
        for (end, prefix, words, address) in [
            ("pickup", "begin trip", "pickup", "begin trip address"),
            ("dropoff", "dropoff", "drop-off", "dropoff address"),
        ] {
            let timeText = row["\(prefix) time"] ?? row["\(prefix) time (utc)"]
            guard let timeText else { problem = problem ?? "no \(words) time"; continue }
            guard let time = Self.parseTime(timeText) else {
                problem = problem ?? "unreadable \(words) time \(QuotedValue.describe(timeText))"
                continue
            }
            guard let latText = row["\(prefix) lat"], let lngText = row["\(prefix) lng"],
                  let lat = Double(latText), let lng = Double(lngText), lat.isFinite, lng.isFinite,
                  abs(lat) <= 90, abs(lng) <= 180, !(lat == 0 && lng == 0) else {
                problem = problem ?? "no readable \(words) position"
                continue
            }
            events.append(Event(source: Self.source, kind: .visit, time: time, counterparty: "Uber", code: end,
                                latitude: lat, longitude: lng, place: row[address], product: product,
                                position: row.position))
        }
        if events.isEmpty {
            sink.skip(problem ?? "no readable pickup or drop-off", at: row.position)
            return
        }
        if events.count == 1 { endsLeftOut += 1 }
        events.forEach(sink.emit)
    }

    mutating func finish(into sink: EventSink) {
        if notCompleted > 0 {
            sink.warn("\(notCompleted) trip(s) that were cancelled or never completed were not read")
        }
        if endsLeftOut > 0 {
            sink.warn("\(endsLeftOut) trip(s) with only one readable end: the other end was left out")
        }
    }

    /// `2024-03-01 22:41:07 +0000 UTC` (Uber's form) or ISO 8601.
    static func parseTime(_ text: String) -> Timestamp? {
        var t = Substring(text)
        if t.hasSuffix(" UTC") { t = t.dropLast(4) }
        // "… 22:41:07 +0000": the offset follows a space, which ISO 8601 does not allow.
        if let space = t.lastIndex(of: " "), let sign = t[t.index(after: space)...].first, sign == "+" || sign == "-" {
            t = t[..<space] + t[t.index(after: space)...]
        }
        guard let time = Timestamp.parseISO8601(t.utf8), !time.dateOnly else { return nil }
        return time
    }
}
