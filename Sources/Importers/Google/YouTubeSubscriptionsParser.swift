import StewardCore
import Formats

/// YouTube `subscriptions.csv` from Google Takeout
/// (`YouTube and YouTube Music/subscriptions/subscriptions.csv`): a header row, then one row
/// per subscribed channel — `Channel Id,Channel Url,Channel Title` in English accounts,
/// `Kanal-ID,Kanal-URL,Kanaltitel` in German ones, and so on (the header is localized, and
/// files sometimes start with a UTF-8 BOM). Columns are found by their header (the one naming
/// a URL, the one naming an id, the rest is the title), falling back to Google's order.
/// The file has no dates, so events have no time. One `like` event per channel:
/// `counterparty` = channel title, `url` = channel URL.
public struct YouTubeSubscriptionsParser: ExportParser {
    public static let source = "google.youtube_subscriptions"

    private var reader = CSVRecordReader(delimiter: UInt8(ascii: ","), maxRecordBytes: 64 * 1024, maxFields: 64)
    private var head: [UInt8] = []
    private var started = false
    private let table = Table()

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        if !started {
            // Hold the first three bytes back to drop a UTF-8 BOM split across chunks.
            head.append(contentsOf: chunk)
            guard head.count >= 3 else { return }
            started = true
            let skip = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            let bytes = Array(head[skip...])
            head = []
            try feedReader(bytes, sink: sink)
            return
        }
        try feedReader(chunk, sink: sink)
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        if !started {
            started = true
            let skip = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            try feedReader(Array(head[skip...]), sink: sink)
        }
        let table = self.table
        try reader.finish { record throws(ParseError) in table.handle(record, into: sink) }
        if table.header == nil { sink.warn("empty file: no header row") }
    }

    private mutating func feedReader(_ bytes: [UInt8], sink: EventSink) throws(ParseError) {
        let result: Result<Void, ParseError> = bytes.withUnsafeBytes { raw in
            do throws(ParseError) { try feedReader(raw, sink: sink); return .success(()) }
            catch { return .failure(error) }
        }
        try result.get()
    }

    private mutating func feedReader(_ raw: UnsafeRawBufferPointer, sink: EventSink) throws(ParseError) {
        let table = self.table
        let buffer = raw.bindMemory(to: UInt8.self)
        try reader.feed(buffer) { record throws(ParseError) in table.handle(record, into: sink) }
    }

    /// Which column holds what; decided by the header row.
    struct Columns: Equatable {
        var id: Int
        var url: Int
        var title: Int
        static let googleOrder = Columns(id: 0, url: 1, title: 2)

        /// Roles from localized header names: the column naming a URL, the one naming an id
        /// ("Channel Id", "Kanal-ID", "ID de la chaîne", "ID del canal", "Идентификатор канала"),
        /// the remaining one the title. nil when the header does not split that way.
        static func from(header: [String]) -> Columns? {
            guard header.count >= 3 else { return nil }
            var id: Int?, url: Int?, title: Int?
            for (index, name) in header.prefix(3).enumerated() {
                let folded = name.lowercased()
                if folded.contains("url") || folded.contains("link") {
                    guard url == nil else { return nil }
                    url = index
                } else if folded.split(whereSeparator: { !$0.isLetter }).contains("id") || folded.contains("идентификатор") {
                    guard id == nil else { return nil }
                    id = index
                } else {
                    guard title == nil else { return nil }
                    title = index
                }
            }
            guard let id, let url, let title else { return nil }
            return Columns(id: id, url: url, title: title)
        }
    }

    /// Per-file state the CSV callback updates (a class, so the callback can hold it while
    /// the reader is being mutated).
    final class Table {
        var header: [String]?
        var columns = Columns.googleOrder
        var rowIndex = 0

        func handle(_ record: CSVRecord, into sink: EventSink) {
            if record.isBlank { return }
            let position = SourcePosition(line: record.line, record: header == nil ? nil : rowIndex)
            if let problem = record.problem {
                if header != nil { rowIndex += 1 }
                switch problem {
                case .tooLong: sink.skip("row longer than 64 KiB", at: position)
                case .unterminatedQuote: sink.skip("row cut off inside a quoted field (truncated file?)", at: position)
                }
                return
            }
            let fields = (0..<record.count).map { Self.text(record[$0]) }
            guard header != nil else {
                header = fields
                if let named = Columns.from(header: fields) {
                    columns = named
                } else {
                    sink.warn("header \(fields.prefix(3).joined(separator: ",")) not understood: columns read in Google's order (id, URL, title)", at: position)
                }
                return
            }
            defer { rowIndex += 1 }
            guard fields.count >= 3 else {
                sink.skip("expected 3 fields (channel id, URL, title), found \(fields.count)", at: position)
                return
            }
            let id = fields[columns.id]
            let title = fields[columns.title]
            var url = fields[columns.url]
            guard !title.isEmpty || !id.isEmpty else {
                sink.skip("neither channel title nor channel id", at: position)
                return
            }
            if url.isEmpty && !id.isEmpty { url = "https://www.youtube.com/channel/" + id }
            sink.emit(Event(source: YouTubeSubscriptionsParser.source, kind: .like, url: url.isEmpty ? nil : url,
                            counterparty: title.isEmpty ? id : title, product: "YouTube", position: position))
        }

        private static func text(_ bytes: ArraySlice<UInt8>) -> String {
            var slice = bytes
            while let b = slice.first, b == 0x20 || b == 0x09 { slice = slice.dropFirst() }
            while let b = slice.last, b == 0x20 || b == 0x09 { slice = slice.dropLast() }
            return String(decoding: slice, as: UTF8.self)
        }
    }
}
