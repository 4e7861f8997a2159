import StewardCore

/// Streams an Alipay or WeChat Pay bill CSV into `transaction` events (docs/formats/payment-apps.md):
/// the preamble of account lines and notes is read past (its `共N笔记录` kept to check the
/// row count), the header row names the columns, each row below it is one event, and the
/// summary lines under the table end it. Memory stays at one record.
public struct PaymentAppBillParser: ExportParser {
    private var reader = CSVRecordReader(delimiter: 0x2C)
    private var table: Table

    /// `encoding`: the file's, as detection found it (`PaymentAppBillLayout.find`).
    public init(app: PaymentApp, encoding: TextEncoding) {
        table = Table(app: app, encoding: encoding)
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        var table = self.table
        defer { self.table = table }
        try reader.feed(chunk.bindMemory(to: UInt8.self)) { record throws(ParseError) in try table.take(record, into: sink) }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        var table = self.table
        defer { self.table = table }
        try reader.finish { record throws(ParseError) in try table.take(record, into: sink) }
        try table.finish(into: sink)
    }

    /// Header state and counts, kept apart from the reader so both can change while it calls back.
    private struct Table {
        let app: PaymentApp
        let encoding: TextEncoding
        var layout: PaymentAppBillLayout?
        var rowsBeforeHeader = 0
        /// `共N笔记录` from the preamble (new Alipay, WeChat) or the footer (old Alipay).
        var announced: Int?
        var dataRows = 0
        var afterTable = false
        var closed = 0
        var neutralRefunds = 0

        init(app: PaymentApp, encoding: TextEncoding) {
            self.app = app
            self.encoding = encoding
        }

        mutating func take(_ record: CSVRecord, into sink: EventSink) throws(ParseError) {
            if record.isBlank { return }
            let position = SourcePosition.line(record.line)
            if let problem = record.problem {
                if layout != nil && !afterTable { dataRows += 1 }
                sink.skip(problem == .unterminatedQuote ? "file ends inside a quoted field (truncated?)"
                          : "row longer than 1 MiB or with more than 4096 columns", at: position)
                return
            }
            guard let layout else {
                let fields = (0..<record.count).map { TextDecoding.decode(record[$0], as: encoding) }
                if let found = PaymentAppBillLayout(header: fields), found.app == app {
                    self.layout = found
                } else {
                    if let n = fields.first.flatMap(Self.recordCount) { announced = n }
                    rowsBeforeHeader += 1
                    if rowsBeforeHeader > PaymentAppBillLayout.maxRowsBeforeHeader {
                        throw ParseError("no \(app.name) bill header row (交易对方, 收/支, 金额 …) in the first \(PaymentAppBillLayout.maxRowsBeforeHeader) rows")
                    }
                }
                return
            }
            let first = TextDecoding.decode(record[0].prefix(64), as: encoding).trimmingSpaces
            if afterTable || first.hasPrefix("---") {
                // Old Alipay closes the table with a dashed line, then `共N笔记录` and totals.
                afterTable = true
                if let n = Self.recordCount(first) { announced = n }
                return
            }
            dataRows += 1
            emitRow(record, layout: layout, position: position, sink: sink)
        }

        mutating func finish(into sink: EventSink) throws(ParseError) {
            guard layout != nil else {
                throw ParseError("no \(app.name) bill header row (交易对方, 收/支, 金额 …)")
            }
            if closed > 0 {
                sink.warn("\(closed) closed or failed trade\(closed == 1 ? "" : "s") (交易关闭, 支付失败 …) moved no money and \(closed == 1 ? "was" : "were") not read")
            }
            if neutralRefunds > 0 {
                sink.warn("\(neutralRefunds) refund\(neutralRefunds == 1 ? "" : "s") marked 不计收支 \(neutralRefunds == 1 ? "was" : "were") not read: the payment refunded is listed as closed (refunded in full) or keeps its full amount (refunded in part)")
            }
            if let announced, announced != dataRows {
                sink.warn("the bill says it holds \(announced) record\(announced == 1 ? "" : "s") (共\(announced)笔记录), \(dataRows) row\(dataRows == 1 ? " was" : "s were") found: the file may be cut short or edited")
            }
        }

        /// `共12笔记录` → 12 (full-width or ASCII digits are not mixed in practice: ASCII only).
        static func recordCount(_ text: String) -> Int? {
            let t = text.trimmingSpaces
            guard t.hasPrefix("共"), let end = t.range(of: "笔记录") else { return nil }
            return Int(t[t.index(after: t.startIndex)..<end.lowerBound])
        }

        private mutating func emitRow(_ record: CSVRecord, layout: PaymentAppBillLayout, position: SourcePosition, sink: EventSink) {
            if record.count < layout.width {
                sink.skip("expected \(layout.width) columns, found \(record.count) (row cut short?)", at: position); return
            }
            func text(_ c: PaymentAppBillColumn) -> String? {
                guard let k = layout.column(c), k < record.count else { return nil }
                let s = BankStatementCSVParser.collapseSpaces(TextDecoding.decode(record[k], as: encoding))
                // `/` is how both apps write "nothing here".
                return s.isEmpty || s == "/" ? nil : s
            }
            guard let rawTime = text(.time) ?? text(.createdTime) else { sink.skip("no time", at: position); return }
            guard let local = BankCSVDate.parse(rawTime.utf8, order: .dayFirst) else {
                sink.skip("unreadable time in the time column", at: position); return
            }
            // Both apps write Beijing time (UTC+8), whatever the phone's zone.
            let time = Timestamp(epochSeconds: local.epochSeconds - Self.beijingOffset, utcOffsetSeconds: Int32(Self.beijingOffset),
                                 dateOnly: local.dateOnly)
            guard let rawAmount = text(.amount) else { sink.skip("no amount", at: position); return }
            guard let parsed = Money.parse(rawAmount.utf8, decimalSeparator: 0x2E) else {
                sink.skip("unreadable amount in the 金额 column", at: position); return
            }
            let status = text(.status)
            if let status, Self.noMoneyStates.contains(status) { closed += 1; return }

            let item = text(.item), category = text(.category)
            var units = abs(parsed.units)
            switch Self.direction(text(.direction), fundsState: text(.fundsState)) {
            case .out:
                // Old Alipay keeps the paid amount and writes what came back in `成功退款`.
                if let refunded = text(.refunded).flatMap({ Money.parse($0.utf8, decimalSeparator: 0x2E) }), refunded.units > 0 {
                    units = max(0, units - abs(refunded.units(atScale: parsed.scale)))
                }
                units = -units
            case .in:
                break
            case .neutral:
                let isRefund = [status, item, category].contains { $0?.contains("退款") == true }
                if isRefund { neutralRefunds += 1; return }
                // Repayments (花呗, 借呗, credit cards), transfers into savings (余额宝, 零钱通),
                // top-ups and withdrawals: money leaving the account's balance, never income.
                units = -units
            }
            let amount = Money(units: units, scale: parsed.scale, currency: "CNY")
            let description = [item, category].compactMap { $0 }.joined(separator: " · ")
            sink.emit(Event(source: app.sourceID, kind: .transaction, time: time, text: description.isEmpty ? nil : description,
                            counterparty: text(.counterparty), amount: amount, code: category, position: position))
        }

        static let beijingOffset: Int64 = 8 * 3600

        /// Rows in which no money moved: trades closed unpaid or cancelled (Alipay), payments
        /// that failed. Counted and named once, not reported row by row: they are not bad data.
        static let noMoneyStates: Set<String> = ["交易关闭", "已关闭", "支付失败", "交易失败", "等待付款", "等待买家付款", "失败"]

        enum Direction { case `in`, out, neutral }

        static func direction(_ mark: String?, fundsState: String?) -> Direction {
            switch mark {
            case "支出": return .out
            case "收入": return .in
            default:
                // Old Alipay leaves `收/支` empty and says it in `资金状态`.
                switch fundsState {
                case "已支出": return .out
                case "已收入": return .in
                default: return .neutral
                }
            }
        }
    }
}
