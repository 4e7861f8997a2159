import StewardCore
import Formats

/// Streams an Alipay or WeChat Pay bill CSV into `transaction` events (docs/formats/payment-apps.md):
/// the preamble of account lines and notes is read past (its `共N笔记录` kept to check the
/// row count), the header row names the columns, each row below it is one event, and the
/// summary lines under the table end it. Memory stays at one record.
public struct PaymentAppBillParser: ExportParser {
    private var reader = CSVRecordReader(delimiter: 0x2C)
    private var table: PaymentAppBillTable
    private let encoding: TextEncoding

    /// `encoding`: the file's, as detection found it (`PaymentAppBillLayout.find`).
    public init(app: PaymentApp, encoding: TextEncoding) {
        table = PaymentAppBillTable(app: app)
        self.encoding = encoding
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        var table = self.table
        defer { self.table = table }
        let encoding = self.encoding
        try reader.feed(chunk.bindMemory(to: UInt8.self)) { record throws(ParseError) in try Self.take(record, encoding, &table, sink) }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        var table = self.table
        defer { self.table = table }
        let encoding = self.encoding
        try reader.finish { record throws(ParseError) in try Self.take(record, encoding, &table, sink) }
        try table.finish(into: sink)
    }

    private static func take(_ record: CSVRecord, _ encoding: TextEncoding, _ table: inout PaymentAppBillTable,
                             _ sink: EventSink) throws(ParseError) {
        if record.isBlank { return }
        let position = SourcePosition.line(record.line)
        if let problem = record.problem {
            table.takeUnreadable(problem == .unterminatedQuote ? "file ends inside a quoted field (truncated?)"
                                 : "row longer than 1 MiB or with more than 4096 columns", at: position, into: sink)
            return
        }
        try table.take(record.count, at: position, into: sink) { TextDecoding.decode(record[$0], as: encoding) }
    }
}
