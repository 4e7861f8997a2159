import StewardCore
import Formats

/// Streams a bank statement CSV into `transaction` events. The first 64 KiB are held back
/// until the dialect (encoding, delimiter, header, date order, decimal separator) is known,
/// then replayed; after that memory stays at one record.
public struct BankStatementCSVParser: ExportParser {
    public static let sourceID = "bank.csv"

    private var head: [UInt8] = []
    private var dialect: BankCSVDialect?
    /// The dialect's columns as a dense table, built once when the dialect is known.
    private var layout: BankCSVDialect.RowLayout?
    private var reader = CSVRecordReader(delimiter: 0x2C)
    private var transcoder: UTF16StreamTranscoder?
    private var transcoded: [UInt8] = []
    private var bomToSkip = 0
    /// The person's locale, one of the hints for the day/month order.
    private let locale: BankCSVDateOrder.LocaleHint?
    /// Watches rows after the head when the day/month order was assumed.
    private let dateOrderWatch = DateOrderWatch()
    /// Rows whose debit/credit mark is neither a known debit nor a known credit mark.
    private let unknownMarks = UnknownMarks()
    /// GnuCash's full layout: the transaction a split row belongs to, and the legs not read.
    private let splits = SplitLedger()
    /// Rows left out on purpose (PayPal's funding rows), counted for one warning.
    private let leftOut = LeftOutRows()

    /// The source its events carry: `bank.csv`, or `bank.paypal` for PayPal's activity download,
    /// which is a wallet's list of purchases rather than a bank's statement (PaymentMirrors).
    private let source: String

    public init() { self.locale = nil; self.source = Self.sourceID }

    init(locale: BankCSVDateOrder.LocaleHint?, source: String = Self.sourceID) {
        self.locale = locale
        self.source = source
    }

    /// The day/month order while rows are read. When no date of the head told day from month,
    /// rows wait (at most `maxWaitingRows`) for the first date that does — `25/03/2025` or
    /// `03/25/2025` — and are then read in that order; only when none comes in time (or the
    /// file ends) is the assumed order used and said (docs/formats/bank.md, "Day or month first").
    final class DateOrderWatch {
        var order: BankCSVDate.Order = .dayFirst
        /// Rows are held back until a date decides.
        var waiting = false
        /// Why the assumed order was taken, said once it is used.
        var assumption: String?
        var held: [HeldRow] = []
        /// After the assumption was used: the first row that contradicts it.
        var active = false
        var contradiction: (line: Int, text: String)?

        /// A row read in the assumed order, with what it takes to read its date again.
        struct HeldRow {
            var event: Event
            var date: [UInt8]
            var time: [UInt8]?
            var zone: [UInt8]?
        }

        /// A date decided the order: the held rows are read in it and emitted in file order.
        func decide(_ decided: BankCSVDate.Order, sink: EventSink) {
            let reread = decided != order
            order = decided
            waiting = false
            for var row in held {
                if reread, let day = BankCSVDate.parse(row.date, order: decided) {
                    var time = day
                    if let t = row.time, day.dateOnly, let combined = BankCSVTimeOfDay.combine(day, t[...], zone: row.zone?[...]) { time = combined }
                    row.event.time = time
                }
                sink.emit(row.event)
            }
            held = []
        }

        /// No date decided in time: the held rows keep the assumed order, which is said, and
        /// later rows that contradict it are named.
        func assume(sink: EventSink) {
            waiting = false
            if let assumption { sink.warn(assumption) }
            for row in held { sink.emit(row.event) }
            held = []
            active = true
        }
    }

    /// Rows held back waiting for a date that tells day from month: a year of a busy account,
    /// a few MB at most.
    static let maxWaitingRows = 20_000

    /// A `收/支`-style mark that says neither debit nor credit (`不计收支`, `/`, a word steward
    /// does not know): the row's amount is not money in or out, so it is read without one
    /// (its text still counts) and the file says so once.
    final class UnknownMarks {
        var rows = 0
        var first: (line: Int, mark: String)?
    }

    /// PayPal's funding rows left out (see `handle`), counted for one line in the file's report:
    /// otherwise a download whose rows are 40 % funding rows reads as if every row counted.
    final class LeftOutRows {
        var payPalFunding = 0
    }

    /// GnuCash's "Export Transactions to CSV" in the full layout writes one row per split: a
    /// transaction of 10.00 from the checking account to groceries is a row for
    /// `Assets:Checking` (-10.00) and one for `Expenses:Groceries` (+10.00). Only the legs in
    /// asset and liability accounts (the bank, cash and card side, as a statement shows them) are
    /// read, so a transaction counts once; the others are counted in one warning. Rows that
    /// continue a transaction may leave its date and description empty (older versions, GnuCash
    /// for Android): they take those of the transaction's first row. docs/formats/bank.md.
    final class SplitLedger {
        var date: [UInt8]?
        var description: String?
        var currency: String?
        var otherLegs = 0
    }

    /// The top-level account names of GnuCash's asset and liability trees in its default account
    /// templates (English, German, French, Spanish, Russian, Chinese), lower-cased.
    static let statementRoots: Set<String> = [
        "assets", "liabilities", "aktiva", "fremdkapital", "passiva", "verbindlichkeiten", "actif", "passif",
        "activo", "activos", "pasivo", "pasivos", "активы", "обязательства", "资产", "负债",
    ]

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        if dialect == nil {
            head.append(contentsOf: chunk)
            if head.count >= BankCSVDialect.sniffLength { try start(isComplete: false, sink: sink) }
            return
        }
        try process(chunk, sink: sink)
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        if dialect == nil { try start(isComplete: true, sink: sink) }
        if var t = transcoder {
            transcoded.removeAll(keepingCapacity: true)
            t.finish(into: &transcoded)
            transcoder = t
            try feedReader(transcoded[...], sink: sink)
        }
        let handle = rowHandler(sink: sink)
        try reader.finish(handle)
        let watch = dateOrderWatch
        if watch.waiting { watch.assume(sink: sink) }
        if splits.otherLegs > 0 {
            sink.warn("\(splits.otherLegs) split(s) in income, expense and other accounts were not read: each transaction counts once, from its asset or liability side")
        }
        if leftOut.payPalFunding > 0 {
            sink.warn("\(leftOut.payPalFunding) PayPal funding row(s) were left out (money PayPal drew from a bank account or card for the payment beside it): each payment counts once")
        }
        if let (line, _) = unknownMarks.first {
            // The mark itself is cell text, so not quoted; the line points at the first such row.
            sink.warn("\(unknownMarks.rows) row(s) with a debit/credit mark that is neither debit nor credit: read without an amount (neither money in nor out)",
                      at: .line(line))
        }
        if let (line, text) = watch.contradiction {
            let other = watch.order == .dayFirst ? "month/day" : "day/month"
            sink.warn("\(QuotedValue.describe(text)) can only be \(other), but the rows before it were read as "
                + (watch.order == .dayFirst ? "day/month" : "month/day")
                + " (no date in the first rows told): their day and month may be swapped; rows like this one were skipped",
                at: .line(line))
        }
    }

    private mutating func start(isComplete: Bool, sink: EventSink) throws(ParseError) {
        switch BankCSVDialect.sniff(head: head.prefix(BankCSVDialect.sniffLength), isComplete: isComplete, locale: locale) {
        case .failure(let rejection):
            throw ParseError("not a bank statement CSV: \(rejection.reason)")
        case .success(let found):
            dialect = found
            layout = BankCSVDialect.RowLayout(found)
            reader = CSVRecordReader(delimiter: found.delimiter)
            if found.encoding == .utf16LE || found.encoding == .utf16BE {
                transcoder = UTF16StreamTranscoder(bigEndian: found.encoding == .utf16BE)
            }
            dateOrderWatch.order = found.dateOrder
            if let reason = found.dateOrderReason {
                if found.dateOrderUndecided {
                    dateOrderWatch.waiting = true
                    dateOrderWatch.assumption = reason
                } else {
                    sink.warn(reason)
                }
            }
            let buffered = head
            head = []
            let afterBOM = buffered.dropFirst(found.bomLength)
            let result: Result<Void, ParseError> = afterBOM.withUnsafeBytes { raw in
                do throws(ParseError) { try process(raw, sink: sink); return .success(()) }
                catch { return .failure(error) }
            }
            try result.get()
        }
    }

    private mutating func process(_ chunk: UnsafeRawBufferPointer, sink: EventSink) throws(ParseError) {
        if var t = transcoder {
            transcoded.removeAll(keepingCapacity: true)
            t.transcode(chunk, into: &transcoded)
            transcoder = t
            try feedReader(transcoded[...], sink: sink)
        } else {
            try feedReader(chunk.bindMemory(to: UInt8.self)[...], sink: sink)
        }
    }

    private mutating func feedReader(_ bytes: ArraySlice<UInt8>, sink: EventSink) throws(ParseError) {
        let handle = rowHandler(sink: sink)
        let result: Result<Void, ParseError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(ParseError) { try reader.feed(buffer, handle); return .success(()) }
            catch { return .failure(error) }
        }
        try result.get()
    }

    private mutating func feedReader(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, sink: EventSink) throws(ParseError) {
        let handle = rowHandler(sink: sink)
        try reader.feed(UnsafeBufferPointer(rebasing: bytes), handle)
    }

    /// What every row is read with, once the head is sniffed: the dialect and its layout, and the
    /// per-file state rows update (the day/month watch, unknown marks, GnuCash splits, rows left out).
    struct RowContext {
        let dialect: BankCSVDialect
        let layout: BankCSVDialect.RowLayout
        let watch: DateOrderWatch
        let marks: UnknownMarks
        let splits: SplitLedger
        let leftOut: LeftOutRows
        let source: String
    }

    /// The record handler the CSV reader calls, one context for all rows of a feed.
    private func rowHandler(sink: EventSink) -> (CSVRecord) throws(ParseError) -> Void {
        let context = RowContext(dialect: dialect!, layout: layout!, watch: dateOrderWatch, marks: unknownMarks, splits: splits,
                                 leftOut: leftOut, source: source)
        return { record throws(ParseError) in Self.handle(record, context, sink: sink) }
    }

    /// Turns one record into an event, or a skip with its line and reason.
    static func handle(_ record: CSVRecord, _ context: RowContext, sink: EventSink) {
        let d = context.dialect, layout = context.layout, watch = context.watch, marks = context.marks
        let splits = context.splits, leftOut = context.leftOut, source = context.source
        if let header = d.headerOrdinal, record.ordinal <= header { return } // preamble and header
        let position = SourcePosition.line(record.line)
        switch record.problem {
        case .tooLong?:
            sink.skip("row longer than 1 MiB or with more than 4096 columns", at: position); return
        case .unterminatedQuote?:
            sink.skip("file ends inside a quoted field (truncated?)", at: position); return
        case nil: break
        }
        if record.isBlank { return }
        if record.count <= layout.lastNeededColumn || (record.count > d.width && !extraFieldsAreEmpty(record, width: d.width)) {
            sink.skip("expected \(d.width) columns, found \(record.count)", at: position); return
        }
        func text(_ role: BankCSVColumnRole) -> String? {
            guard let c = layout.column(role), c < record.count else { return nil }
            let s = collapseSpaces(TextDecoding.decode(record[c], as: d.fieldEncoding))
            return s.isEmpty ? nil : s
        }
        func field(_ role: BankCSVColumnRole) -> ArraySlice<UInt8>? {
            guard let c = layout.column(role), c < record.count else { return nil }
            let f = record[c]
            return f.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) ? nil : f
        }

        var dateSlice = field(.date) ?? field(.valueDate)
        var continuesTransaction = false
        if layout.column(.account) != nil {
            if let dateSlice {
                splits.date = Array(dateSlice)
                splits.description = text(.description)
                splits.currency = text(.currency)
            } else if let carried = splits.date {
                dateSlice = carried[...]
                continuesTransaction = true
            }
            let root = text(.account).map { $0.split(separator: ":", maxSplits: 1).first.map(String.init) ?? $0 }?.trimmingSpaces.lowercased()
            guard let root, statementRoots.contains(root) else {
                splits.otherLegs += 1
                return
            }
        }
        guard let dateField = dateSlice else {
            sink.skip("no date", at: position); return
        }
        if watch.waiting || (watch.active && watch.contradiction == nil), let p = BankCSVDate.pieces(dateField), p.firstDigits <= 2,
           !p.monthName, p.separator != 0x2E {
            let deciding: BankCSVDate.Order? = p.first > 12 && p.second <= 12 ? .dayFirst : p.second > 12 && p.first <= 12 ? .monthFirst : nil
            if let deciding {
                if watch.waiting { watch.decide(deciding, sink: sink) }
                else if deciding != watch.order { watch.contradiction = (record.line, excerpt(dateField, d)) }
            }
        }
        guard var time = BankCSVDate.parse(dateField, order: watch.order) else {
            sink.skip("unreadable date \(QuotedValue.describe(excerpt(dateField, d)))", at: position); return
        }
        if let timeField = field(.time), time.dateOnly {
            guard let withTime = BankCSVTimeOfDay.combine(time, timeField, zone: field(.timeZone)) else {
                sink.skip("unreadable time \(QuotedValue.describe(excerpt(timeField, d)))", at: position); return
            }
            time = withTime
        }
        // Rows that moved no money: declined or failed card payments, reverted transfers.
        if let state = text(.state)?.lowercased(), droppedStates.contains(state) {
            sink.skip("state \(state.uppercased()): no money moved", at: position); return
        }
        // PayPal writes a funding row beside each payment paid from a bank account or card
        // (`Bank Deposit to PP Account`, +6.99 beside the -6.99 payment). It is not income:
        // dropped, so the payment counts once. The code is decoded once for this and the event.
        // Text that lower-cases to plain ASCII is at least as many bytes long as its lower case,
        // so codes shorter than every funding type (`Kartenzahlung`, `Lastschrift`: nearly every
        // row of a bank's CSV) are not lower-cased and hashed.
        let code = text(.code)
        if let code, code.utf8.count >= payPalFundingTypeMinimumBytes, payPalFundingTypes.contains(code.lowercased()) {
            leftOut.payPalFunding += 1
            return
        }

        let currency = (continuesTransaction ? splits.currency : text(.currency)).flatMap { BankCSVHeaderVocabulary.currencyCode($0) } ?? d.headerCurrency
        var amount: Money
        var neitherDebitNorCredit = false
        // The cell the amount was read from, for a currency written in it.
        var amountCell: ArraySlice<UInt8>?
        if let amountField = field(.amount) {
            amountCell = amountField
            guard let m = Money.parse(amountField, decimalSeparator: d.decimalSeparator) else {
                sink.skip("unreadable amount (not quoted)", at: position); return
            }
            amount = m
            // "S"/"H", "DR"/"CR", "支出"/"收入" beside an unsigned amount gives the sign.
            if let mark = text(.debitCreditMark)?.lowercased() {
                if debitMarks.contains(mark) { amount.units = -abs(amount.units) }
                else if creditMarks.contains(mark) { amount.units = abs(amount.units) }
                else {
                    // An unsigned amount with a mark that is neither: never guessed as income.
                    neitherDebitNorCredit = true
                    marks.rows += 1
                    if marks.first == nil { marks.first = (record.line, String(mark.prefix(16))) }
                }
            }
        } else {
            let debit = field(.debit), credit = field(.credit)
            if let debit, let m = Money.parse(debit, decimalSeparator: d.decimalSeparator), m.units != 0 || credit == nil {
                amount = Money(units: -abs(m.units), scale: m.scale)
                amountCell = debit
            } else if let credit, let m = Money.parse(credit, decimalSeparator: d.decimalSeparator) {
                amount = Money(units: abs(m.units), scale: m.scale)
                amountCell = credit
            } else if debit == nil && credit == nil {
                sink.skip("neither a debit nor a credit amount", at: position); return
            } else {
                sink.skip("unreadable amount (not quoted)", at: position); return
            }
        }
        if let netField = field(.net) {
            // What actually moved: PayPal's `Net` is `Gross` plus the (negative) `Fee`.
            guard let net = Money.parse(netField, decimalSeparator: d.decimalSeparator) else {
                sink.skip("unreadable net amount (not quoted)", at: position); return
            }
            amount = net
        } else if let feeField = field(.fee), let fee = Money.parse(feeField, decimalSeparator: d.decimalSeparator), fee.units != 0 {
            // Revolut's `Fee` is charged on top of `Amount`, always reducing the balance.
            let scale = max(amount.scale, fee.scale)
            let gross = amount.units(atScale: scale), charged = fee.units(atScale: scale)
            // Rescaling holds values at the 64-bit limits (18 digits at more decimals), where
            // abs() and the subtraction would trap: such a pair is a bad record.
            guard gross != .max, gross != .min, charged != .max, charged != .min,
                  let net = try? CheckedNumber.sum(gross, -abs(charged), field: "Fee") else {
                sink.skip("amount and fee too large to subtract at \(scale) decimals", at: position); return
            }
            amount = Money(units: net, scale: scale)
        }
        amount.currency = currency ?? cellCurrency(amountCell, d)

        var mcc: Int? = nil
        if let raw = text(.mcc), raw.count <= 4, let v = Int(raw) { mcc = v }
        let description = continuesTransaction ? splits.description : text(.description)
        let event = Event(source: source, kind: .transaction, time: time, text: description,
                          counterparty: text(.payee), amount: neitherDebitNorCredit ? nil : amount, mcc: mcc, code: code,
                          position: position)
        if watch.waiting {
            watch.held.append(.init(event: event, date: Array(dateField), time: field(.time).map { Array($0) },
                                    zone: field(.timeZone).map { Array($0) }))
            if watch.held.count >= maxWaitingRows { watch.assume(sink: sink) }
        } else {
            sink.emit(event)
        }
    }

    static let debitMarks: Set<String> = ["s", "soll", "d", "dr", "debit", "débit", "cargo", "-", "支出", "支", "借", "расход", "д", "дебет"]
    static let creditMarks: Set<String> = ["h", "haben", "c", "cr", "credit", "crédit", "abono", "+", "收入", "收", "贷", "приход", "к", "кредит"]
    static let droppedStates: Set<String> = [
        "declined", "reverted", "failed", "denied", "canceled", "cancelled", "交易关闭", "支付失败", "отклонена", "отменена",
    ]
    static let payPalFundingTypes: Set<String> = [
        "bank deposit to pp account", "general card deposit", "general credit card deposit",
    ]
    static let payPalFundingTypeMinimumBytes = payPalFundingTypes.map(\.utf8.count).min()!

    private static func extraFieldsAreEmpty(_ record: CSVRecord, width: Int) -> Bool {
        (width..<record.count).allSatisfy { record[$0].allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    }

    /// The currency written in the amount cell itself, before or after the number: `12,00 EUR`,
    /// `€25.00` (YNAB), `-£3.50`, `‏₪ 12.50‏` with direction marks (docs/formats/bank.md,
    /// "Budgeting apps and app banks"); nil for `$` and `¥`, which name several currencies.
    static func cellCurrency(_ field: ArraySlice<UInt8>?, _ d: BankCSVDialect) -> String? {
        guard let field else { return nil }
        // Plain numbers, what most banks write, name none: no text is decoded for them.
        let plain = field.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x2C || b == 0x2D || b == 0x2B || b == 0x20 || b == 0x27 || b == 0x28 || b == 0x29
        }
        if plain { return nil }
        return CurrencyAmountText.currency(in: TextDecoding.decode(field, as: d.fieldEncoding))
    }

    /// Banks pad booking texts to fixed widths (easybank: runs of 30 spaces); one space is enough.
    /// Works on UTF-8 bytes (spaces, tabs, NBSP = C2 A0): Character iteration made this the
    /// hottest function of MT940 and CSV parsing.
    static func collapseSpaces(_ s: String) -> String {
        var s = s
        return s.withUTF8 { buf -> String? in
            let n = buf.count
            @inline(__always) func spaceWidth(_ i: Int) -> Int {
                let b = buf[i]
                if b == 0x20 || b == 0x09 { return 1 }
                return b == 0xC2 && i + 1 < n && buf[i + 1] == 0xA0 ? 2 : 0
            }
            // Most fields need nothing: no space at the ends, no tab, NBSP or double space.
            var clean = n == 0 || (buf[0] != 0x20 && buf[n - 1] != 0x20)
            var i = 0
            while clean && i < n {
                let b = buf[i]
                if b == 0x09 || (b == 0xC2 && i + 1 < n && buf[i + 1] == 0xA0) || (b == 0x20 && i + 1 < n && buf[i + 1] == 0x20) { clean = false }
                i += 1
            }
            if clean { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(n)
            i = 0
            while i < n {
                let w = spaceWidth(i)
                if w > 0 { i += w; continue }
                var j = i
                while j < n && spaceWidth(j) == 0 { j += 1 }
                if !out.isEmpty { out.append(0x20) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
                i = j
            }
            return String(decoding: out, as: UTF8.self)
        } ?? s
    }

    private static func excerpt(_ field: ArraySlice<UInt8>, _ d: BankCSVDialect) -> String {
        let s = TextDecoding.decode(field.prefix(40), as: d.fieldEncoding)
        return field.count > 40 ? s + "…" : s
    }
}
