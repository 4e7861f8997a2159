import StewardCore

/// Per source (importer id): the files read, their records and skipped records, and the
/// earliest and latest record time — the dossier's "Your data" table (docs/reports.md).
struct SourceInventory {
    var source: String
    var files = 0
    var records = 0
    var skipped = 0
    var first: String?
    var last: String?

    /// One entry per source, sorted by source id. Times compare as ISO 8601 text, which orders
    /// them by date (a time of day on the same date sorts after the date alone).
    static func of(_ report: ScanReport) -> [SourceInventory] {
        var bySource: [String: SourceInventory] = [:]
        for input in report.inputs {
            var entry = bySource[input.source] ?? SourceInventory(source: input.source)
            entry.files += 1
            entry.records += input.events
            entry.skipped += input.skipped
            if let first = input.firstSeen { entry.first = entry.first.map { min($0, first) } ?? first }
            if let last = input.lastSeen { entry.last = entry.last.map { max($0, last) } ?? last }
            bySource[input.source] = entry
        }
        return bySource.values.sorted { $0.source < $1.source }
    }
}
