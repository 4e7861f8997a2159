import StewardCore

/// The rows of one Alipay or WeChat Pay bill, as text, turned into `transaction` events
/// (docs/formats/payment-apps.md): preamble rows are read past (their `共N笔记录` kept to check
/// the row count), the header row names the columns, each row below it is one event, and the
/// summary lines under the table end it. Fed by `PaymentAppBillParser` (CSV) and
/// `WeChatPayWorkbookImporter` (.xlsx), so both read rows alike.
struct PaymentAppBillTable {
    let app: PaymentApp
    /// Rows from a workbook, where trailing empty cells are simply absent (no cut rows).
    var isWorkbook = false
    var layout: PaymentAppBillLayout?
    var rowsBeforeHeader = 0
    /// `共N笔记录` from the preamble (new Alipay, WeChat) or the footer (old Alipay).
    var announced: Int?
    var dataRows = 0
    var afterTable = false
    var closed = 0
    var neutralRefunds = 0

    init(app: PaymentApp) {
        self.app = app
    }

    /// A row the reader could not split (cut by the end of the file, too long): reported and counted.
    mutating func takeUnreadable(_ reason: String, at position: SourcePosition, into sink: EventSink) {
        if layout != nil && !afterTable { dataRows += 1 }
        sink.skip(reason, at: position)
    }

    /// One row of `count` cells; `field` decodes cell `k` (only the cells a row needs are
    /// decoded: GB18030 decoding is the costly part of reading a bill). Blank rows are the
    /// caller's to drop.
    mutating func take(_ count: Int, at position: SourcePosition, into sink: EventSink,
                       field: (Int) -> String) throws(ParseError) {
        guard count > 0 else { return }
        guard let layout else {
            let fields = (0..<count).map(field)
            if let found = PaymentAppBillLayout(header: fields), found.app == app {
                self.layout = found
            } else {
                if let n = Self.recordCount(fields[0]) { announced = n }
                rowsBeforeHeader += 1
                if rowsBeforeHeader > PaymentAppBillLayout.maxRowsBeforeHeader {
                    throw ParseError("no \(app.name) bill header row (交易对方, 收/支, 金额 …) in the first \(PaymentAppBillLayout.maxRowsBeforeHeader) rows")
                }
            }
            return
        }
        let first = field(0).trimmingSpaces
        if afterTable || first.hasPrefix("---") {
            // Old Alipay closes the table with a dashed line, then `共N笔记录` and totals.
            afterTable = true
            if let n = Self.recordCount(first) { announced = n }
            return
        }
        dataRows += 1
        emitRow(count, field, layout: layout, position: position, sink: sink)
    }

    mutating func finish(into sink: EventSink) throws(ParseError) {
        guard layout != nil else {
            throw ParseError("no \(app.name) bill header row (交易对方, 收/支, 金额 …)")
        }
        if closed > 0 {
            sink.warn("\(closed) row\(closed == 1 ? "" : "s") in which no money moved (closed or failed trades, returned transfers, deposit-free orders: 交易关闭, 对方已退还 …) \(closed == 1 ? "was" : "were") not read")
        }
        if neutralRefunds > 0 {
            sink.warn("\(neutralRefunds) refund\(neutralRefunds == 1 ? "" : "s") marked 不计收支 \(neutralRefunds == 1 ? "was" : "were") not read: the payment refunded is listed as closed (refunded in full) or keeps its full amount (refunded in part)")
        }
        if let announced, announced != dataRows {
            sink.warn("the bill says it holds \(announced) record\(announced == 1 ? "" : "s") (共\(announced)笔记录), \(dataRows) row\(dataRows == 1 ? " was" : "s were") found: the file may be cut short or edited")
        }
    }

    /// `共12笔记录` → 12.
    static func recordCount(_ text: String) -> Int? {
        let t = text.trimmingSpaces
        guard t.hasPrefix("共"), let end = t.range(of: "笔记录") else { return nil }
        return Int(t[t.index(after: t.startIndex)..<end.lowerBound])
    }

    private mutating func emitRow(_ count: Int, _ field: (Int) -> String, layout: PaymentAppBillLayout,
                                  position: SourcePosition, sink: EventSink) {
        if count < layout.width && !isWorkbook {
            sink.skip("expected \(layout.width) columns, found \(count) (row cut short?)", at: position); return
        }
        func text(_ c: PaymentAppBillColumn) -> String? {
            guard let k = layout.column(c), k < count else { return nil }
            let s = BankStatementCSVParser.collapseSpaces(field(k))
            // `/` is how both apps write "nothing here".
            return s.isEmpty || s == "/" ? nil : s
        }
        guard let rawTime = text(.time) ?? text(.createdTime) else { sink.skip("no time", at: position); return }
        guard let local = BankCSVDate.parse(rawTime.utf8, order: .dayFirst) ?? Self.spreadsheetSerialTime(rawTime) else {
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
            // Interest paid into 余额宝 (`余额宝-2024.03.30-收益发放`) is money in.
            if item?.contains("收益") == true { break }
            // Repayments (花呗, 借呗, credit cards), moves between the person's own balances
            // and cards (余额宝, 零钱通, top-ups, withdrawals): money out, never income.
            units = -units
        }
        // Yuan with two decimals, as the CSVs write them (a workbook's number cell may say 12.5).
        let amount = Money(units: parsed.scale < 2 ? Money(units: units, scale: parsed.scale).units(atScale: 2) : units,
                           scale: max(parsed.scale, 2), currency: "CNY")
        let description = [item, category].compactMap { $0 }.joined(separator: " · ")
        sink.emit(Event(source: app.sourceID, kind: .transaction, time: time, text: description.isEmpty ? nil : description,
                        counterparty: text(.counterparty), amount: amount, code: category, position: position))
    }

    static let beijingOffset: Int64 = 8 * 3600

    /// A time a spreadsheet stores as a number: days since 1899-12-30 with the time of day as
    /// the fraction (45382.5 = 2024-03-31 12:00). Only from 1970 on, as bills are.
    static func spreadsheetSerialTime(_ text: String) -> Timestamp? {
        guard let serial = Double(text), serial >= 25569, serial < 2_958_466 else { return nil }
        let seconds = ((serial - 25569) * 86400).rounded()
        return Timestamp(epochSeconds: Int64(seconds))
    }

    /// Rows in which no money moved: trades closed unpaid or cancelled (Alipay), payments
    /// that failed. Counted and named once, not reported row by row: they are not bad data.
    static let noMoneyStates: Set<String> = [
        // Trades closed unpaid, cancelled or refunded in full (Alipay), payments that failed.
        "交易关闭", "已关闭", "支付失败", "交易失败", "等待付款", "等待买家付款", "失败",
        // WeChat Pay: a transfer or red packet sent and returned, a withdrawal that failed
        // (no row is written for the money coming back).
        "对方已退还", "已退还", "提现失败，已退回零钱",
        // Alipay: a deposit frozen or released, a Sesame deposit-free order (the amount is the
        // deposit waived, never paid).
        "冻结成功", "解冻成功", "信用服务使用成功", "芝麻免押下单成功",
    ]

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
