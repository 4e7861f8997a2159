import Foundation
import StewardCore
import Formats

/// Streams a comma-separated export whose header row may come after free-text notes
/// (LinkedIn's Connections.csv starts with "Notes:" lines and a blank line): rows before the
/// first row holding all of the mapper's required column names are passed over, the rest are
/// handed to the mapper by column name. UTF-8 with or without BOM, quoted fields with line
/// breaks (message bodies), CRLF or LF.
struct HeaderedCSVParser<Mapper: CSVRowMapper>: ExportParser {
    private var reader = CSVRecordReader(delimiter: UInt8(ascii: ","))
    private var table: Table

    /// Notes before the header are a few lines; a file without the header after this many
    /// rows is not this format.
    static var maxRowsBeforeHeader: Int { 64 }

    init(mapper: Mapper) {
        self.table = Table(mapper: mapper)
    }

    mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        var table = self.table
        defer { self.table = table }
        try reader.feed(chunk.bindMemory(to: UInt8.self)) { record throws(ParseError) in try table.take(record, into: sink) }
    }

    mutating func finish(into sink: EventSink) throws(ParseError) {
        var table = self.table
        defer { self.table = table }
        try reader.finish { record throws(ParseError) in try table.take(record, into: sink) }
        if table.columns == nil {
            throw ParseError("no header row with \(table.mapper.requiredColumns.joined(separator: ", "))")
        }
        table.mapper.finish(into: sink)
    }

    /// Header state and the mapper, kept apart from the reader so both can be mutated while
    /// the reader calls back.
    private struct Table {
        var mapper: Mapper
        var columns: [String: Int]?
        var rowsBeforeHeader = 0
        var dataRows = 0

        mutating func take(_ record: CSVRecord, into sink: EventSink) throws(ParseError) {
            if record.isBlank { return }
            let position = SourcePosition(line: record.line, record: record.ordinal)
            if let problem = record.problem {
                sink.skip(problem == .unterminatedQuote ? "file ends inside a quoted field" : "record too long: dropped", at: position)
                return
            }
            var fields: [String] = []
            fields.reserveCapacity(record.count)
            for i in 0..<record.count { fields.append(TextDecoding.decode(record[i], as: .utf8)) }
            if fields.first?.hasPrefix("\u{FEFF}") == true { fields[0].removeFirst() }
            guard let columns else {
                // A BOM before a quoted first name (`\u{FEFF}"Website"`, as Amazon writes) leaves the
                // quotes in the field: they are not part of the name.
                let names = fields.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"")).lowercased() }
                if mapper.requiredColumns.allSatisfy(names.contains) {
                    var map: [String: Int] = [:]
                    for (i, name) in names.enumerated() where map[name] == nil { map[name] = i }
                    self.columns = map
                } else {
                    rowsBeforeHeader += 1
                    if rowsBeforeHeader > HeaderedCSVParser.maxRowsBeforeHeader {
                        throw ParseError("no header row with \(mapper.requiredColumns.joined(separator: ", ")) in the first \(HeaderedCSVParser.maxRowsBeforeHeader) rows")
                    }
                }
                return
            }
            mapper.map(CSVRow(fields: fields, columns: columns, line: record.line, index: dataRows), into: sink)
            dataRows += 1
        }
    }
}
