import Foundation
import StewardCore

/// The earliest `limit` records of some group (a grid cell, a country, the night records),
/// ranked by time then path and position, so the sample does not depend on file order or on
/// how work was split between sessions. A record later than the latest kept one is rejected
/// before any string is built.
struct LocationEvidenceSample {
    /// A kept record, with what its evidence needs and its texts still unbuilt: a scan can
    /// hold tens of thousands of places with up to `evidence_per_cell` records each, and the
    /// time and coordinate texts were two heap strings per record (docs/performance.md,
    /// "GPX tracks").
    struct Item {
        var time: Timestamp
        var path: String
        /// The record's position, its text (`locator`) built only for a tie in time and path and
        /// for the evidence shown: a built locator was a heap string per kept record, and with
        /// optional coordinates a fifth of a Timeline.json's peak (docs/performance.md, "Location
        /// samples without a locator string").
        var position: SourcePosition
        var rule: String
        /// NaN when the record has no coordinates.
        var latitude: Double
        var longitude: Double
        /// The record's own excerpt (a visit's place name); nil when it has none, as a fix.
        var text: String?

        var locator: String { position.description }

        func ranks(before other: Item) -> Bool {
            if time.epochSeconds != other.time.epochSeconds { return time.epochSeconds < other.time.epochSeconds }
            if path != other.path { return path < other.path }
            return locator < other.locator
        }

        var evidence: Evidence {
            let latitude = latitude.isNaN ? nil : latitude, longitude = longitude.isNaN ? nil : longitude
            return Evidence(path: path, locator: locator, time: time.iso8601,
                            excerpt: LocationEvidenceSample.excerpt(text: text ?? "", latitude: latitude, longitude: longitude),
                            rule: rule, latitude: latitude, longitude: longitude)
        }
    }

    private(set) var items: [Item] = []

    /// Offers one record; `rule` is the analyzer id shown with the evidence.
    mutating func offer(_ event: Event, path: String, rule: String, limit: Int) {
        guard limit > 0, let time = event.time else { return }
        if items.count >= limit, let worst = items.last, time.epochSeconds > worst.time.epochSeconds { return }
        let text = event.excerpt()
        insert(Item(time: time, path: path, position: event.position, rule: rule,
                    latitude: event.latitude ?? .nan, longitude: event.longitude ?? .nan, text: text.isEmpty ? nil : text),
               limit: limit)
    }

    mutating func insert(_ item: Item, limit: Int) {
        if items.count >= limit, let worst = items.last, !item.ranks(before: worst) { return }
        var index = items.count
        while index > 0 && item.ranks(before: items[index - 1]) { index -= 1 }
        // Grown no further than the limit and the one item inserted before the last goes:
        // doubling took a full sample of 20 to room for 32, and a widely spread Timeline.json
        // holds tens of thousands of samples (docs/performance.md, "Place-hour points counted
        // in a sketch beyond 50,000").
        if items.count == items.capacity { items.reserveCapacity(min(limit + 1, max(4, items.count * 2))) }
        items.insert(item, at: index)
        if items.count > limit { items.removeLast() }
    }

    mutating func merge(_ other: LocationEvidenceSample, limit: Int) {
        for item in other.items { insert(item, limit: limit) }
    }

    /// Earliest `limit` evidence items of several samples together.
    static func earliest(_ samples: [LocationEvidenceSample], limit: Int) -> [Evidence] {
        var all = LocationEvidenceSample()
        for sample in samples { all.merge(sample, limit: limit) }
        return all.items.map(\.evidence)
    }

    /// A location point has no text: show its coordinates (5 decimals ≈ 1 m, as exported).
    static func excerpt(text: String, latitude: Double?, longitude: Double?) -> String {
        guard let latitude, let longitude else { return text }
        let coordinates = String(format: "%.5f, %.5f", latitude, longitude)
        return text.isEmpty ? coordinates : text + " · " + coordinates
    }
}
