import Foundation
import StewardCore

/// One data row of a CSV export with a header: fields decoded as UTF-8 and looked up by the
/// header's column name (lower-cased, trimmed), so column order does not matter.
struct CSVRow {
    let fields: [String]
    let columns: [String: Int]
    let line: Int
    let index: Int

    /// The trimmed value of column `name` (lower-case), nil when absent or empty.
    subscript(_ name: String) -> String? {
        guard let i = columns[name], i < fields.count else { return nil }
        let value = fields[i].trimmingSpaces()
        return value.isEmpty ? nil : value
    }

    var position: SourcePosition { SourcePosition(line: line, record: index) }
}

/// Turns the rows of one kind of headed CSV export into events; may keep state across rows
/// (e.g. to attribute chat messages at the end).
protocol CSVRowMapper {
    /// Column names (lower-case) that identify the header row.
    var requiredColumns: [String] { get }
    mutating func map(_ row: CSVRow, into sink: EventSink)
    mutating func finish(into sink: EventSink)
}
