import StewardCore
import Formats

/// Streams an OFX or QFX statement (OFX 1.x SGML or 2.x XML) into `transaction` events: one
/// per STMTTRN in a bank or credit-card statement, however many statements and accounts the
/// file holds. Investment statements are not read (their cash lines need the security list).
public struct OFXParser: ExportParser {
    public static let sourceID = "bank.ofx"

    /// The fields of one STMTTRN collected so far.
    private struct PendingTransaction {
        var line: Int
        var record: Int
        var type: String?, posted: String?, userDate: String?, amount: String?, fitID: String?
        var name: String?, payeeName: String?, memo: String?, sic: String?, currency: String?
    }

    private var scanner = OFXTagScanner()
    private var declaredEncoding: TextEncoding?
    private var headerText: [UInt8] = []
    private var sawTag = false
    private var sawOFX = false
    private var closedOFX = false
    private var statementMessageDepth = 0
    private var statementCurrency: String?
    private var leaf: OFXTagScanner.Tag?
    private var leafText: [UInt8] = []
    private var leafIsRaw = false
    private var transaction: PendingTransaction?
    private var inPayee = false, inCurrency = false, inOriginalCurrency = false
    private var recordCount = 0

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        // Tokens are handled as they come: a text token is a slice of the scanner's buffer, and
        // keeping it past the callback would make the scanner copy that buffer every time.
        // The scanner is moved out for the call so handling can mutate the parser.
        var scanning = OFXTagScanner()
        swap(&scanning, &scanner)
        scanning.feed(chunk) { handle($0, sink) }
        swap(&scanning, &scanner)
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        var scanning = OFXTagScanner()
        swap(&scanning, &scanner)
        scanning.finish { handle($0, sink) }
        swap(&scanning, &scanner)
        guard sawOFX else { throw ParseError("no <OFX> element: not an OFX file") }
        // One problem for a cut file, however it was cut: the open transaction is lost, the
        // complete ones before it are kept.
        if let open = transaction {
            transaction = nil
            sink.skip("file ends inside a transaction (truncated download?)",
                      at: SourcePosition(line: open.line, record: open.record))
        } else if !closedOFX {
            sink.warn("file ends before </OFX> (truncated download?)", at: .line(scanner.line))
        }
    }

    private mutating func handle(_ token: OFXTagScanner.Token, _ sink: EventSink) {
        switch token {
        case .text(let bytes, let raw):
            if !sawTag {
                // The OFX 1.x header block (`CHARSET:1252`) comes before the first tag.
                if headerText.count < 4096 { headerText.append(contentsOf: UnsafeBufferPointer(rebasing: bytes.prefix(4096 - headerText.count))) }
            } else if let leaf, leaf != .other, leafText.count < OFXTagScanner.maxTextLength {
                // The text of other leaves is never read, so it is not collected.
                leafText.append(contentsOf: UnsafeBufferPointer(rebasing: bytes.prefix(OFXTagScanner.maxTextLength - leafText.count)))
                leafIsRaw = leafIsRaw || raw
            }
        case .instruction(let bytes):
            // <?xml version="1.0" encoding="…"?>
            if let label = Self.attribute("encoding", in: Array(bytes)[...]) { declaredEncoding = TextDecoding.encoding(named: label) }
        case .start(let name, let line):
            if !sawTag { sawTag = true; readHeaderBlock() }
            closeLeaf(sink)
            switch name {
            case .ofx: sawOFX = true
            case .bankMessages, .cardMessages: statementMessageDepth += 1
            case .statement, .cardStatement: statementCurrency = nil
            case .transaction:
                if transaction != nil { emitTransaction(sink) } // SGML file that never closed the previous one
                if statementMessageDepth > 0 {
                    transaction = PendingTransaction(line: line, record: recordCount)
                    recordCount += 1
                }
            case .payee: inPayee = true
            case .currency: inCurrency = true
            case .originalCurrency: inOriginalCurrency = true
            default:
                leaf = name
                if !leafText.isEmpty { leafText.removeAll(keepingCapacity: true) }
                leafIsRaw = false
            }
        case .end(let name, _):
            closeLeaf(sink)
            switch name {
            case .ofx: closedOFX = true
            case .bankMessages, .cardMessages:
                statementMessageDepth = max(0, statementMessageDepth - 1)
                if transaction != nil { emitTransaction(sink) }
            case .transaction, .transactionList, .statement, .cardStatement:
                if transaction != nil { emitTransaction(sink) }
            case .payee: inPayee = false
            case .currency: inCurrency = false
            case .originalCurrency: inOriginalCurrency = false
            default: break
            }
        }
    }

    /// Ends the open leaf element: in SGML the next tag does that, in XML its end tag.
    private mutating func closeLeaf(_ sink: EventSink) {
        guard let name = leaf else { return }
        leaf = nil
        // Other leaves are not decoded: nothing reads them.
        guard name != .other, name == .currencyDefault || transaction != nil else { return }
        let value = leafText.withUnsafeBufferPointer { Self.decodeValue($0, raw: leafIsRaw, declaredEncoding: declaredEncoding) }
        guard !value.isEmpty else { return }
        if name == .currencyDefault { statementCurrency = value; return }
        switch name {
        case .type: transaction!.type = value
        case .posted: transaction!.posted = value
        case .userDate: transaction!.userDate = value
        case .amount: transaction!.amount = value
        case .fitID: transaction!.fitID = value
        case .name: if inPayee { transaction!.payeeName = value } else { transaction!.name = value }
        case .memo: transaction!.memo = value
        case .sic: transaction!.sic = value
        // CURRENCY: the amount is in that currency. ORIGCURRENCY: the amount was already
        // converted to CURDEF (OFX 2.1.1 §5.2), so it keeps the statement's currency.
        case .currencySymbol: if inCurrency { transaction!.currency = value }
        default: break
        }
    }

    private mutating func emitTransaction(_ sink: EventSink) {
        // Taken, not copied: a copy retains and releases its ten strings.
        guard let t = transaction.take() else { return }
        let position = SourcePosition(line: t.line, record: t.record)
        let label = t.fitID.map { " (FITID \($0))" } ?? ""
        guard let dateText = t.posted ?? t.userDate else { sink.skip("STMTTRN without DTPOSTED\(label)", at: position); return }
        guard let time = OFXDate.parse(dateText) else { sink.skip("unreadable DTPOSTED \(QuotedValue.describe(dateText))\(label)", at: position); return }
        guard let amountText = t.amount else { sink.skip("STMTTRN without TRNAMT\(label)", at: position); return }
        // OFX amounts have no grouping; a comma is a decimal comma (allowed by the spec).
        let separator: UInt8 = amountText.utf8.contains(0x2C) && !amountText.utf8.contains(0x2E) ? 0x2C : 0x2E
        guard let amount = Money.parse(amountText, decimalSeparator: separator, currency: t.currency ?? statementCurrency) else {
            sink.skip("unreadable TRNAMT (not quoted)\(label)", at: position); return
        }
        let counterparty = t.payeeName ?? t.name
        sink.emit(Event(source: Self.sourceID, kind: .transaction, time: time, text: t.memo ?? t.name,
                        counterparty: counterparty, amount: amount, mcc: t.sic.flatMap { Int($0) },
                        code: t.type, position: position))
    }

    /// OFX 1.x header: `ENCODING:USASCII|UTF-8`, `CHARSET:1252|ISO-8859-1|NONE`.
    private mutating func readHeaderBlock() {
        var encoding: String?, charset: String?
        for line in headerText.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
            let parts = line.split(separator: 0x3A, maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = String(decoding: parts[0], as: UTF8.self).trimmingSpaces.uppercased()
            let value = String(decoding: parts[1], as: UTF8.self).trimmingSpaces
            if key == "ENCODING" { encoding = value } else if key == "CHARSET" { charset = value }
        }
        headerText = []
        if let encoding, encoding.uppercased().hasPrefix("UTF") { declaredEncoding = .utf8 }
        else if let charset, let e = TextDecoding.encoding(named: charset) { declaredEncoding = e }
    }

    private static func decodeValue(_ bytes: UnsafeBufferPointer<UInt8>, raw: Bool, declaredEncoding: TextEncoding?) -> String {
        // Without a declaration: UTF-8 when it is valid, else the Windows code page that
        // OFX 1.x files from US banks use.
        // ASCII blanks are trimmed on the bytes, before decoding, which is the common case.
        var start = 0, end = bytes.count
        @inline(__always) func isBlank(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        while start < end && isBlank(bytes[start]) { start += 1 }
        while end > start && isBlank(bytes[end - 1]) { end -= 1 }
        guard start < end else { return "" }
        let trimmed = UnsafeBufferPointer(rebasing: bytes[start..<end])
        let encoding = declaredEncoding ?? (TextDecoding.isValidUTF8(trimmed) ? .utf8 : .windows1252)
        var text = TextDecoding.decode(trimmed, as: encoding)
        // Other spaces (a no-break space) can only sit at an end that is not ASCII.
        if trimmed[0] >= 0x80 || trimmed[trimmed.count - 1] >= 0x80 { text = text.trimmingSpaces }
        return raw || !trimmed.contains(0x26) ? text : Self.decodeEntities(text)
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and numeric references.
    static func decodeEntities(_ text: String) -> String {
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";") {
                let name = after[..<semi]
                var replacement: String?
                switch name {
                case "amp": replacement = "&"
                case "lt": replacement = "<"
                case "gt": replacement = ">"
                case "quot": replacement = "\""
                case "apos": replacement = "'"
                case "nbsp": replacement = "\u{00A0}"
                default:
                    if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) {
                        replacement = String(Character(s))
                    } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let s = Unicode.Scalar(v) {
                        replacement = String(Character(s))
                    }
                }
                if let replacement {
                    out += replacement
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        out += rest
        return out
    }

    /// The value of `name="…"` in a processing instruction.
    static func attribute(_ name: String, in bytes: ArraySlice<UInt8>) -> String? {
        let key = Array((name + "=").utf8)
        guard bytes.count > key.count else { return nil }
        var i = bytes.startIndex
        while i + key.count < bytes.endIndex {
            if bytes[i..<(i + key.count)].elementsEqual(key) {
                let quote = bytes[i + key.count]
                guard quote == 0x22 || quote == 0x27 else { return nil }
                let value = bytes[(i + key.count + 1)...].prefix(while: { $0 != quote })
                return String(decoding: value, as: UTF8.self)
            }
            i += 1
        }
        return nil
    }
}
