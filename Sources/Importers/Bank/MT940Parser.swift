import StewardCore
import Formats

/// Streams SWIFT MT940 customer statements (and MT942 interim reports) into `transaction`
/// events: one per `:61:` statement line, completed by the `:86:` information that follows
/// it. Works with or without the `{1:}{2:}{4:` envelope, with several statements per file and
/// with fields wrapped at 65 characters (continuation lines are joined without a separator,
/// since banks wrap mid-word). The currency comes from the `:60F:`/`:60M:` opening balance.
public struct MT940Parser: ExportParser {
    public static let sourceID = "bank.mt940"

    /// The tag being read and its text so far (continuation lines appended).
    private var tag: String?
    private var tagLine = 0
    private var value: [UInt8] = []
    /// The first line of a `:61:` (the rest is supplementary details).
    private var statementLineBreak: Int?
    private var currency: String?
    private var pending: MT940StatementLine?
    private var recordIndex = 0
    private var lines = LineSplitter()
    private var lastLineEnded = true
    /// A field longer than this is cut: MT940 allows 6×65 characters for `:86:`, banks write more.
    static let maxFieldBytes = 64 * 1024

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        guard chunk.count > 0 else { return }
        var lines = self.lines
        defer { self.lines = lines }
        try lines.feed(chunk) { (line, number, _) throws(ParseError) in
            self.handle(line, number: number, sink: sink)
        }
        let last = chunk[chunk.count - 1]
        lastLineEnded = last == 0x0A || last == 0x0D
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        let cutMidLine = !lastLineEnded
        var lines = self.lines
        defer { self.lines = lines }
        try lines.finish { (line, number, _) throws(ParseError) in
            self.handle(line, number: number, sink: sink)
        }
        if cutMidLine, tag == ":61:" || (tag == ":86:" && pending != nil) {
            // A truncated download: the last line may have lost digits or text. Earlier,
            // complete transactions are kept; the cut one is reported.
            if tag == ":61:" {
                flushPending(sink)
                sink.skip("file ends inside a :61: statement line (truncated?)", at: SourcePosition(line: tagLine, record: recordIndex))
            } else if let p = pending {
                sink.skip("file ends inside this transaction's :86: information (truncated?)", at: position(p))
            }
            recordIndex += 1
            pending = nil
            tag = nil
            return
        }
        closeTag(sink)
        flushPending(sink)
    }

    private func position(_ p: MT940StatementLine) -> SourcePosition { SourcePosition(line: p.line, record: recordIndex) }

    private mutating func handle(_ raw: ArraySlice<UInt8>, number: Int, sink: EventSink) {
        var line = raw
        while let last = line.last, last == 0x20 || last == 0x09 { line = line.dropLast() }
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        // The SWIFT envelope: `{1:F01…}{2:I940…}{4:` opens, `-}` (maybe with `{5:…}`) closes.
        if line.first == UInt8(ascii: "{") {
            guard let open = findBlock4(line) else { return }
            line = line[open...]
            if line.isEmpty { return }
        }
        if line.first == UInt8(ascii: "-") && (line.count == 1 || line.dropFirst().first == UInt8(ascii: "}")) {
            closeTag(sink); flushPending(sink); tag = nil
            return
        }
        if let tagEnd = tagEnd(line) {
            closeTag(sink)
            tag = String(decoding: line[line.startIndex..<tagEnd], as: UTF8.self)
            tagLine = number
            value.removeAll(keepingCapacity: true)
            statementLineBreak = nil
            append(line[tagEnd...])
            return
        }
        guard tag != nil else { return } // `:940:`-style preambles, blank lines, bank headers
        if tag == ":61:" && statementLineBreak == nil { statementLineBreak = value.count }
        append(line)
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) {
        let room = Self.maxFieldBytes - value.count
        if room > 0 { value.append(contentsOf: bytes.prefix(room)) }
    }

    /// The index just past `{4:` in an envelope line.
    private func findBlock4(_ line: ArraySlice<UInt8>) -> Int? {
        var i = line.startIndex
        while i + 2 < line.endIndex {
            if line[i] == UInt8(ascii: "{") && line[i + 1] == UInt8(ascii: "4") && line[i + 2] == UInt8(ascii: ":") { return i + 3 }
            i += 1
        }
        return nil
    }

    /// The end of a `:NN:` or `:NNa:` tag at the start of `line`; also German banks' non-SWIFT
    /// `:NS:` field, which must not be taken for a continuation of the `:86:` before it.
    private func tagEnd(_ line: ArraySlice<UInt8>) -> Int? {
        let s = line.startIndex
        guard line.count >= 4, line[s] == UInt8(ascii: ":") else { return nil }
        if line[s + 1] == UInt8(ascii: "N") && line[s + 2] == UInt8(ascii: "S") && line[s + 3] == UInt8(ascii: ":") { return s + 4 }
        guard isDigit(line[s + 1]), isDigit(line[s + 2]) else { return nil }
        if line[s + 3] == UInt8(ascii: ":") { return s + 4 }
        if line.count >= 5, line[s + 3] >= 0x41, line[s + 3] <= 0x5A, line[s + 4] == UInt8(ascii: ":") { return s + 5 }
        return nil
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private mutating func closeTag(_ sink: EventSink) {
        guard let tag else { return }
        self.tag = nil
        switch tag {
        case ":20:":
            flushPending(sink)
        case ":60F:", ":60M:":
            flushPending(sink)
            // `C130101EUR000000001000,00`: mark, date, currency.
            if value.count >= 10 {
                let code = value[7..<10]
                if code.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) { currency = String(decoding: code, as: UTF8.self) }
            }
        case ":34F:":
            // MT942 floor limit `EUR0,` names the currency when there is no opening balance.
            if currency == nil, value.count >= 3, value.prefix(3).allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) {
                currency = String(decoding: value.prefix(3), as: UTF8.self)
            }
        case ":61:":
            flushPending(sink)
            let first = value[..<(statementLineBreak ?? value.count)]
            let rest = value[(statementLineBreak ?? value.count)...]
            switch MT940StatementLine.parse(first, supplementary: rest, line: tagLine) {
            case .success(let p): pending = p
            case .failure(let reason):
                sink.skip(reason.text, at: SourcePosition(line: tagLine, record: recordIndex))
                recordIndex += 1
            }
        case ":86:":
            if pending != nil, pending!.information == nil { pending!.information = value }
        case ":62F:", ":62M:", ":64:", ":65:":
            flushPending(sink)
        default:
            break
        }
    }

    private mutating func flushPending(_ sink: EventSink) {
        guard let p = pending else { return }
        pending = nil
        let position = position(p)
        recordIndex += 1
        var amount = p.amount
        amount.currency = currency
        let info = p.information.map { MT940Information.parse($0[...]) }
        var text = info?.text
        if text == nil || text!.isEmpty {
            text = p.supplementary.isEmpty ? nil : TextDecoding.decodeUTF8OrWindows1252(p.supplementary)
        }
        sink.emit(Event(source: Self.sourceID, kind: .transaction, time: p.time, text: text,
                        counterparty: info?.counterparty, amount: amount,
                        code: info?.code ?? p.typeCode, position: position))
    }
}

/// One `:61:` statement line: `YYMMDD[MMDD]` value and entry date, `D`/`C`/`RD`/`RC` mark,
/// optional funds code, amount with a decimal comma, `Nxxx` transaction type, reference.
struct MT940StatementLine {
    var line: Int
    var time: Timestamp
    var amount: Money
    var typeCode: String?
    var supplementary: [UInt8]
    var information: [UInt8]?

    struct Failure: Error { var text: String }

    static func parse(_ f: ArraySlice<UInt8>, supplementary: ArraySlice<UInt8>, line: Int) -> Result<MT940StatementLine, Failure> {
        let b = Array(f)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in i..<(i + n) { guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }; v = v * 10 + Int(b[k] - 0x30) }
            i += n
            return v
        }
        guard let yy = digits(2), let vm = digits(2), let vd = digits(2) else {
            return .failure(Failure(text: "statement line without a YYMMDD value date"))
        }
        // Two-digit years: MT940 dates from 1980 on.
        let valueYear = yy < 80 ? 2000 + yy : 1900 + yy
        var (year, month, day) = (valueYear, vm, vd)
        let save = i
        if let em = digits(2), let ed = digits(2), (1...12).contains(em) {
            // The entry (booking) date has no year: the value date's, moved across New Year.
            var ey = valueYear
            if em == 12 && vm == 1 { ey -= 1 } else if em == 1 && vm == 12 { ey += 1 }
            (year, month, day) = (ey, em, ed)
        } else {
            i = save
        }
        guard let time = Timestamp(year: year, month: month, day: day, dateOnly: true) else {
            return .failure(Failure(text: "statement line with an impossible date"))
        }
        var negative: Bool
        if i + 1 < b.count && b[i] == UInt8(ascii: "R") && (b[i + 1] == UInt8(ascii: "C") || b[i + 1] == UInt8(ascii: "D")) {
            // A reversal of a credit is money out, of a debit money in.
            negative = b[i + 1] == UInt8(ascii: "C"); i += 2
        } else if i < b.count && (b[i] == UInt8(ascii: "C") || b[i] == UInt8(ascii: "D")) {
            negative = b[i] == UInt8(ascii: "D"); i += 1
        } else {
            return .failure(Failure(text: "statement line without a D/C mark"))
        }
        if i < b.count && b[i] >= 0x41 && b[i] <= 0x5A { i += 1 } // funds code (third letter of the currency)
        var units: Int64 = 0, scale = 0, sawDigit = false, sawComma = false
        while i < b.count {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                guard units < Int64.max / 10 - 10 else { return .failure(Failure(text: "amount too large")) }
                units = units * 10 + Int64(c - 0x30); sawDigit = true
                if sawComma { scale += 1 }
            } else if c == 0x2C && !sawComma {
                sawComma = true
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { return .failure(Failure(text: "statement line without an amount")) }
        var typeCode: String? = nil
        if i + 4 <= b.count {
            typeCode = String(decoding: b[i..<(i + 4)], as: UTF8.self)
        }
        return .success(MT940StatementLine(line: line, time: time,
                                           amount: Money(units: negative ? -units : units, scale: scale),
                                           typeCode: typeCode, supplementary: Array(supplementary), information: nil))
    }
}
