import StewardCore
import Formats

/// Streams a QIF (Quicken Interchange Format) file into `transaction` events: one per
/// record of a `!Type:Bank`, `CCard`, `Cash`, `Oth A`, `Oth L` or `Invst` section. Lines start
/// with a one-letter field code and records end with `^`. Category, class, security, price,
/// memorized and account-list sections are read past without events. Splits (`S`/`E`/`$`)
/// stay one event; their categories, memos and amounts go into the text.
public struct QIFParser: ExportParser {
    public static let sourceID = "bank.qif"

    /// What the records of the current section are.
    enum Section: Equatable {
        case cashFlow          // Bank, CCard, Cash, Oth A, Oth L
        case investment        // Invst
        case ignored(String)   // Cat, Class, Memorized, Security, Prices, Account, unknown
        case none              // before any header
    }

    /// The fields of the record being read.
    struct PendingRecord {
        var startLine = 0
        // Parsed when their line is read: holding slices of the line buffer would make the
        // line splitter copy its buffer for every line.
        var date: FieldValue<Timestamp>?
        var amount: FieldValue<Money>?
        var transferAmount: FieldValue<Money>?
        var payee: String?
        var memo: String?
        var category: String?
        var number: String?
        var security: String?
        /// Investment records: `Q` shares and `I` price per share, for `T`-less records.
        var quantity: FieldValue<Money>?
        var price: FieldValue<Money>?
        var splits: [String] = []
        var splitCategory: String?
        var splitMemo: String?
        var isEmpty = true
    }

    /// A parsed field, or the start of its text for the skip message.
    enum FieldValue<T> {
        case value(T)
        case unreadable(String)
    }

    private var lines = LineSplitter()
    private var section = Section.none
    private var record = PendingRecord()
    private var recordIndex = 0
    private var lastLineEnded = true
    private var warnedUnknownSection = Set<String>()

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        guard chunk.count > 0 else { return }
        var lines = self.lines
        defer { self.lines = lines }
        try lines.feed(chunk) { (line, number, cut) throws(ParseError) in
            self.handle(line, number: number, cut: cut, sink: sink)
        }
        let last = chunk[chunk.count - 1]
        lastLineEnded = last == 0x0A || last == 0x0D
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        let cutMidLine = !lastLineEnded
        var lines = self.lines
        defer { self.lines = lines }
        try lines.finish { (line, number, cut) throws(ParseError) in
            self.handle(line, number: number, cut: cut, sink: sink)
        }
        guard !record.isEmpty, isTransactionSection else { return }
        // Many writers leave out the last `^`; a record whose last line ended is complete.
        // One cut inside a line (a truncated download) may have lost digits, so it is not used.
        if cutMidLine {
            sink.skip("file ends inside a record (truncated?)", at: position(of: record))
        } else {
            emit(sink)
        }
    }

    private var isTransactionSection: Bool { section == .cashFlow || section == .investment }

    private func position(of r: PendingRecord) -> SourcePosition {
        SourcePosition(line: r.startLine, record: recordIndex)
    }

    private mutating func handle(_ raw: ArraySlice<UInt8>, number: Int, cut: Bool, sink: EventSink) {
        // Read through a buffer pointer: every slice of the line (trimmed, without its code) was
        // a retain and a release of the line buffer, and decoding a slice took the generic
        // path — half of a QIF scan's parsing thread (docs/performance.md, "QIF lines read in
        // place").
        raw.withUnsafeBufferPointer { line in handle(line, number: number, cut: cut, sink: sink) }
    }

    private mutating func handle(_ full: UnsafeBufferPointer<UInt8>, number: Int, cut: Bool, sink: EventSink) {
        var start = 0, end = full.count
        while end > start, full[end - 1] == 0x20 || full[end - 1] == 0x09 { end -= 1 }
        if end - start >= 3, full[0] == 0xEF, full[1] == 0xBB, full[2] == 0xBF { start = 3 }
        guard start < end else { return }
        let code = full[start]
        if cut {
            sink.warn("line longer than 1 MiB cut", at: .line(number))
        }
        let value = UnsafeBufferPointer(rebasing: full[(start + 1)..<end])
        if code == UInt8(ascii: "!") {
            startSection(value, line: number, sink: sink)
            return
        }
        // `#` comment lines are not QIF, but files written by tools and tests carry them.
        if code == UInt8(ascii: "#") && record.isEmpty { return }
        if code == UInt8(ascii: "^") {
            if isTransactionSection && !record.isEmpty { emit(sink) }
            record = PendingRecord()
            return
        }
        guard isTransactionSection else { return }
        if record.isEmpty { record.startLine = number; record.isEmpty = false }
        switch code {
        // A split's own D line (seen in the wild) does not move the record.
        case UInt8(ascii: "D"): if record.date == nil { record.date = parsed(value) { QIFDate.parse($0) } }
        case UInt8(ascii: "T"), UInt8(ascii: "U"): if record.amount == nil { record.amount = parsed(value) { Money.parse($0) } }
        case UInt8(ascii: "P"): record.payee = text(value)
        case UInt8(ascii: "M"): record.memo = text(value)
        case UInt8(ascii: "L"): record.category = text(value)
        case UInt8(ascii: "N"): record.number = text(value)
        case UInt8(ascii: "Y"): record.security = text(value)
        // A price has any number of decimals (`98.765` is not 98,765): the point is decimal,
        // and a lone comma is (European tools).
        case UInt8(ascii: "Q") where section == .investment: record.quantity = parsed(value) { Self.decimalNumber($0) }
        case UInt8(ascii: "I") where section == .investment: record.price = parsed(value) { Self.decimalNumber($0) }
        case UInt8(ascii: "S"):
            flushSplitWithoutAmount()
            record.splitCategory = text(value) ?? ""
        case UInt8(ascii: "E"):
            if section == .cashFlow {
                if record.splitCategory == nil { record.splitCategory = "" }
                record.splitMemo = text(value)
            }
        case UInt8(ascii: "$"):
            if section == .investment {
                record.transferAmount = parsed(value) { Money.parse($0) }
            } else {
                guard record.splits.count < Self.maxSplits else { record.splitCategory = nil; record.splitMemo = nil; break }
                var parts = [record.splitCategory ?? ""]
                if let memo = record.splitMemo { parts.append("(\(memo))") }
                parts.append(TextDecoding.decode(Self.trimmed(value), as: .utf8))
                record.splits.append(parts.filter { !$0.isEmpty }.joined(separator: " "))
                record.splitCategory = nil; record.splitMemo = nil
            }
        default:
            break // C cleared, A address, I price, Q quantity, O commission, F reimbursable flag…
        }
    }

    /// Quicken allows 250 splits; more is hostile input, and is not kept.
    static let maxSplits = 250

    private mutating func flushSplitWithoutAmount() {
        guard let category = record.splitCategory, record.splits.count < Self.maxSplits else { return }
        var parts = [category]
        if let memo = record.splitMemo { parts.append("(\(memo))") }
        record.splits.append(parts.filter { !$0.isEmpty }.joined(separator: " "))
        record.splitCategory = nil; record.splitMemo = nil
    }

    /// `!Type:Bank`, `!Account`, `!Option:AutoSwitch`, `!Clear:AutoSwitch`.
    private mutating func startSection(_ header: UnsafeBufferPointer<UInt8>, line: Int, sink: EventSink) {
        if !record.isEmpty && isTransactionSection {
            sink.skip("record not ended by ^ before a new section", at: position(of: record))
            recordIndex += 1
        }
        record = PendingRecord()
        let name = String(decoding: header, as: UTF8.self).lowercased()
        guard name.hasPrefix("type:") else {
            // `!Account` starts an account list (or names the account of the next section);
            // the option lines only toggle how Quicken imports, no records follow them.
            section = .ignored(name)
            return
        }
        let type = name.dropFirst(5).trimmingSpaces
        switch type {
        case "bank", "ccard", "cash", "oth a", "oth l", "invoice": section = .cashFlow
        case "invst": section = .investment
        case "cat", "class", "memorized", "security", "prices", "invitem", "template", "bill", "budget", "tax":
            section = .ignored(type)
        default:
            section = .ignored(type)
            if warnedUnknownSection.insert(type).inserted {
                sink.warn("unknown section !Type:\(type) read past", at: .line(line))
            }
        }
    }

    private mutating func emit(_ sink: EventSink) {
        flushSplitWithoutAmount()
        // Taken out rather than copied: a copy retained each of its strings once more.
        var r = PendingRecord()
        swap(&r, &record)
        let position = position(of: r)
        recordIndex += 1
        guard let dateField = r.date else { sink.skip("record without a date (D line)", at: position); return }
        guard case .value(let time) = dateField else {
            if case .unreadable(let raw) = dateField { sink.skip("unreadable date \(QuotedValue.describe(raw))", at: position) }
            return
        }
        var amount: Money?
        if let amountField = r.amount ?? r.transferAmount {
            guard case .value(let value) = amountField else { sink.skip("unreadable amount (not quoted)", at: position); return }
            amount = value
        } else if section == .investment {
            // Quicken writes no `T` for share movements (`ShrsIn`, `StkSplit`, reinvestments
            // from some tools): the amount is quantity × price when both are there; without a
            // price no money moved, and the record is read without an amount.
            switch (r.quantity, r.price) {
            case (.unreadable?, _), (_, .unreadable?):
                sink.skip("unreadable quantity or price (not quoted)", at: position); return
            case (.value(let q)?, .value(let p)?):
                guard let product = Self.product(q, p) else {
                    sink.skip("quantity × price too large", at: position); return
                }
                amount = product
            default:
                amount = nil
            }
        } else {
            sink.skip("record without an amount (T, U or $ line)", at: position); return
        }
        var code: String? = nil
        // The memo, then the investment details, category and splits, joined by " | ".
        var text = ""
        func add(_ part: String) {
            if !text.isEmpty { text += " | " }
            text += part
        }
        if let memo = r.memo { add(memo) }
        if section == .investment {
            // Investment amounts are written unsigned; a purchase or an expense is money out.
            code = r.number
            if let action = r.number?.lowercased(), action.hasPrefix("buy") || action.hasPrefix("miscexp"), var a = amount {
                a.units = -abs(a.units)
                amount = a
            }
            if let security = r.security { add("security: \(security)") }
            if case .value(let q)? = r.quantity { add("quantity: \(q.decimalString)") }
            if case .value(let p)? = r.price { add("price: \(p.decimalString)") }
        } else if let number = r.number, !number.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            code = number // ATM, EFT, DEP, XFER, Print…; a check number is no transaction code
        }
        if let category = r.category { add("category: \(category)") }
        if !r.splits.isEmpty { add("splits: " + r.splits.joined(separator: "; ")) }
        sink.emit(Event(source: Self.sourceID, kind: .transaction, time: time,
                        text: text.isEmpty ? nil : text,
                        counterparty: r.payee, amount: amount, code: code, position: position))
    }

    static func decimalNumber(_ field: UnsafeBufferPointer<UInt8>) -> Money? {
        Money.parse(field, decimalSeparator: field.contains(0x2C) && !field.contains(0x2E) ? 0x2C : 0x2E)
    }

    /// Quantity × price at the sum of their scales, rounded to cents when that fits; nil when
    /// the product does not fit in 18 digits.
    static func product(_ q: Money, _ p: Money) -> Money? {
        let (raw, overflow) = q.units.multipliedReportingOverflow(by: p.units)
        guard !overflow, q.scale + p.scale <= 18 else { return nil }
        var m = Money(units: raw, scale: q.scale + p.scale)
        if m.scale > 2 {
            // Half away from zero, as brokers round a trade's value.
            var divisor: Int64 = 1
            for _ in 0..<(m.scale - 2) { divisor *= 10 }
            var units = raw / divisor
            let rest = raw % divisor
            if rest.magnitude * 2 >= UInt64(divisor) { units += raw < 0 ? -1 : 1 }
            m = Money(units: units, scale: 2)
        }
        return m
    }

    private func parsed<T>(_ value: UnsafeBufferPointer<UInt8>, _ parse: (UnsafeBufferPointer<UInt8>) -> T?) -> FieldValue<T> {
        let t = Self.trimmed(value)
        if let v = parse(t) { return .value(v) }
        return .unreadable(TextDecoding.decodeUTF8OrWindows1252(UnsafeBufferPointer(rebasing: t.prefix(30))))
    }

    private static func trimmed(_ s: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = s.count
        while start < end, s[start] == 0x20 || s[start] == 0x09 { start += 1 }
        while end > start, s[end - 1] == 0x20 || s[end - 1] == 0x09 { end -= 1 }
        return UnsafeBufferPointer(rebasing: s[start..<end])
    }

    private func text(_ value: UnsafeBufferPointer<UInt8>) -> String? {
        let t = Self.trimmed(value)
        return t.isEmpty ? nil : TextDecoding.decodeUTF8OrWindows1252(t)
    }
}
