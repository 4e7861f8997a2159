import StewardCore
import Formats

/// Everything about one bank CSV file that must be known before its rows can be read:
/// encoding, delimiter, where the header is, which column holds what, how dates and amounts
/// are written. Decided once from the head of the file (the first 64 KiB), so the result does
/// not depend on how the bytes are chunked.
struct BankCSVDialect: Sendable, Equatable {
    var encoding: TextEncoding
    var bomLength: Int
    var delimiter: UInt8
    /// Ordinal of the header record; nil for headerless files (rows only).
    var headerOrdinal: Int?
    /// Number of columns of the header (or of the typical row when headerless).
    var width: Int
    var columns: [BankCSVColumnRole: Int]
    /// Header names of the date and amount columns, for detection reasons.
    var dateHeader: String?
    var amountHeader: String?
    var dateOrder: BankCSVDate.Order
    /// Which order was assumed and why, when no date in the head told day from month (said
    /// in the report as a warning); nil when a date decided or none could be read either way.
    var dateOrderReason: String?
    /// No date of the head told day from month (the order is a guess from other hints): the
    /// parser waits for a later date that does.
    var dateOrderUndecided = false
    var decimalSeparator: UInt8
    /// Currency named in a header such as `Betrag (EUR)`.
    var headerCurrency: String?
    /// Rows of the head below the header, and how many of them have the header's width, a
    /// readable date and an amount: how sure detection can be (a text file with a few commas
    /// has a "header" and no such rows).
    var rowsExamined = 0
    var rowsFitting = 0

    /// Bytes the parser sees after the BOM: UTF-8 for UTF-16 files (transcoded), otherwise as is.
    var fieldEncoding: TextEncoding { encoding == .utf16LE || encoding == .utf16BE ? .utf8 : encoding }
    var isHeaderless: Bool { headerOrdinal == nil }

    /// The highest column index a row must reach.
    var lastNeededColumn: Int {
        [columns[.date], columns[.amount], columns[.debit], columns[.credit]].compactMap { $0 }.max() ?? 0
    }

    /// `columns` as a dense table by `BankCSVColumnRole.slot` (-1: no such column), and
    /// `lastNeededColumn`, computed once per file for the per-row path.
    struct RowLayout: Sendable {
        let columnBySlot: [Int]
        let lastNeededColumn: Int

        init(_ dialect: BankCSVDialect) {
            var table = [Int](repeating: -1, count: BankCSVColumnRole.allCases.count)
            for (role, column) in dialect.columns { table[role.slot] = column }
            columnBySlot = table
            lastNeededColumn = dialect.lastNeededColumn
        }

        @inline(__always)
        func column(_ role: BankCSVColumnRole) -> Int? {
            let c = columnBySlot[role.slot]
            return c >= 0 ? c : nil
        }
    }

    static let sniffLength = 64 * 1024
    static let delimiters: [UInt8] = [0x3B, 0x2C, 0x09, 0x7C] // ; , TAB |
    /// How many records of the head are looked at.
    static let recordsExamined = 200
    /// German banks put up to a dozen account lines before the header; allow some more.
    static let headerSearchDepth = 40

    /// Why a file is not a bank CSV, in words for the unrecognized-files list.
    struct Rejection: Error, Sendable { var reason: String }

    /// Reads the dialect from the first bytes of a file. `isComplete` says the head is the
    /// whole file (so its last line is not cut).
    static func sniff(head: ArraySlice<UInt8>, isComplete: Bool,
                      locale: BankCSVDateOrder.LocaleHint? = nil) -> Result<BankCSVDialect, Rejection> {
        // A NUL byte is binary data (a photo, a database) unless the file is UTF-16, which only
        // its BOM announces; asked first, it spares every photo of a scan the encoding guess.
        if !TextDecoding.hasUTF16BOM(head), head.prefix(4096).contains(0) {
            return .failure(Rejection(reason: "binary data, not text"))
        }
        let (encoding, bomLength) = TextDecoding.sniff(head)
        var text: [UInt8]
        let body = head.dropFirst(bomLength)
        if encoding == .utf16LE || encoding == .utf16BE {
            var transcoder = UTF16StreamTranscoder(bigEndian: encoding == .utf16BE)
            text = []
            text.reserveCapacity(body.count)
            body.withUnsafeBytes { transcoder.transcode($0, into: &text) }
        } else {
            text = Array(body)
        }
        let firstVisible = text.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D })
        guard let firstVisible else { return .failure(Rejection(reason: "empty file")) }
        if firstVisible == UInt8(ascii: "{") || firstVisible == UInt8(ascii: "[") || firstVisible == UInt8(ascii: "<") {
            return .failure(Rejection(reason: "JSON or XML, not a delimited table"))
        }
        if text.prefix(4096).contains(0) { return .failure(Rejection(reason: "binary data, not text")) }

        // Try every delimiter; the one that splits most records into the same number (≥ 2)
        // of fields wins. Quoting is honoured, so "1.234,56" inside quotes cannot mislead.
        var best: (delimiter: UInt8, records: [CSVRecord], width: Int, agreeing: Int)?
        for delimiter in delimiters {
            let records = sampleRecords(text, delimiter: delimiter, isComplete: isComplete)
            var counts: [Int: Int] = [:]
            for r in records where !r.isBlank && r.count >= 2 { counts[r.count, default: 0] += 1 }
            guard let mode = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }) else { continue }
            if best == nil || mode.value > best!.agreeing || (mode.value == best!.agreeing && mode.key > best!.width) {
                best = (delimiter, records, mode.key, mode.value)
            }
        }
        guard let best else { return .failure(Rejection(reason: "no delimiter (, ; TAB |) splits its lines into columns")) }
        let fieldEncoding: TextEncoding = encoding == .utf16LE || encoding == .utf16BE ? .utf8 : encoding

        var dialect = BankCSVDialect(encoding: encoding, bomLength: bomLength, delimiter: best.delimiter,
                                     headerOrdinal: nil, width: best.width, columns: [:], dateOrder: .dayFirst,
                                     dateOrderReason: nil, decimalSeparator: 0x2E, headerCurrency: nil)
        var englishAmountHeader = false
        var headerNames: [String] = []
        var dataRows: ArraySlice<CSVRecord>
        if let header = findHeader(best.records.prefix(headerSearchDepth), encoding: fieldEncoding) {
            dialect.headerOrdinal = header.ordinal
            dialect.width = header.width
            dialect.columns = header.columns
            dialect.headerCurrency = header.currency
            dialect.dateHeader = header.dateName
            dialect.amountHeader = header.amountName
            englishAmountHeader = header.englishAmount
            if let record = best.records.first(where: { $0.ordinal == header.ordinal }) {
                headerNames = (0..<record.count).map { BankCSVHeaderVocabulary.normalize(TextDecoding.decode(record[$0], as: fieldEncoding)).name }
            }
            dataRows = best.records.drop(while: { $0.ordinal <= header.ordinal })
        } else {
            guard let columns = inferHeaderlessColumns(best.records, width: best.width, encoding: fieldEncoding) else {
                return .failure(Rejection(reason: "a table, but without a date column and an amount column"))
            }
            dialect.columns = columns
            dataRows = best.records[...]
        }
        dataRows = dataRows.filter { !$0.isBlank }[...]

        // Decimal separator: the separator followed by one or two digits at the end of an
        // amount votes; the header's language decides when no amount does.
        var commaVotes = 0, pointVotes = 0
        for role in [BankCSVColumnRole.amount, .debit, .credit] {
            guard let c = dialect.columns[role] else { continue }
            for row in dataRows where c < row.count {
                switch decimalVote(row[c]) {
                case 0x2C: commaVotes += 1
                case 0x2E: pointVotes += 1
                default: break
                }
            }
        }
        if commaVotes != pointVotes {
            dialect.decimalSeparator = commaVotes > pointVotes ? 0x2C : 0x2E
        } else {
            dialect.decimalSeparator = englishAmountHeader || dialect.isHeaderless && best.delimiter == 0x2C ? 0x2E : 0x2C
        }

        // Day/month order: a first number above 12 means day first, a second one above 12
        // means month first. Dotted dates are always day first and do not vote. When no date
        // decides, BankCSVDateOrder weighs the other hints and says which it used.
        var dayFirstVotes = 0, monthFirstVotes = 0
        var samples: [BankCSVDateOrder.Sample] = []
        if let c = dialect.columns[.date] ?? dialect.columns[.valueDate] {
            for row in dataRows where c < row.count {
                guard let p = BankCSVDate.pieces(row[c]), p.firstDigits <= 2, !p.monthName, p.separator != 0x2E else { continue }
                if p.first > 12 && p.second <= 12 { dayFirstVotes += 1 }
                if p.second > 12 && p.first <= 12 { monthFirstVotes += 1 }
                samples.append(.init(raw: row[c], pieces: p))
            }
        }
        var hints = BankCSVDateOrder.Hints()
        hints.locale = locale
        if let currency = dialect.headerCurrency { hints.currencies.insert(currency) }
        if let c = dialect.columns[.currency] {
            for row in dataRows where c < row.count {
                if let code = BankCSVHeaderVocabulary.currencyCode(TextDecoding.decode(row[c], as: fieldEncoding)) { hints.currencies.insert(code) }
            }
        }
        for role in [BankCSVColumnRole.amount, .debit, .credit] {
            guard let c = dialect.columns[role] else { continue }
            for row in dataRows where c < row.count {
                if let code = currencySymbol(row[c]) { hints.currencies.insert(code) }
            }
        }
        hints.britishHeader = headerNames.first { BankCSVHeaderVocabulary.britishNames.contains($0) }
        hints.americanHeader = headerNames.first { BankCSVHeaderVocabulary.americanNames.contains($0) }
        if !headerNames.isEmpty, !englishAmountHeader,
           let dateName = dialect.columns[.date].map({ headerNames[$0] }), !BankCSVHeaderVocabulary.englishDateNames.contains(dateName) {
            hints.nonEnglishHeader = dialect.dateHeader ?? dateName
        }
        hints.looksAmerican = englishAmountHeader && dialect.decimalSeparator == 0x2E
            && (dialect.headerCurrency ?? "USD") == "USD" && currencyIsUSDOrUnknown(dataRows, dialect, fieldEncoding)
        dialect.rowsExamined = dataRows.count
        dialect.rowsFitting = dataRows.filter { rowFits($0, dialect) }.count
        let decided = BankCSVDateOrder.decide(dayFirstVotes: dayFirstVotes, monthFirstVotes: monthFirstVotes,
                                              samples: samples, hints: hints)
        dialect.dateOrder = decided.order
        dialect.dateOrderReason = decided.reason
        dialect.dateOrderUndecided = dayFirstVotes == 0 && monthFirstVotes == 0 && !samples.isEmpty
        return .success(dialect)
    }

    /// Records of `text` with the last, possibly cut one dropped when the head is not the file.
    static func sampleRecords(_ text: [UInt8], delimiter: UInt8, isComplete: Bool) -> [CSVRecord] {
        var reader = CSVRecordReader(delimiter: delimiter)
        var records: [CSVRecord] = []
        let collect: (CSVRecord) throws(ParseError) -> Void = { records.append($0) }
        text.withUnsafeBufferPointer { buffer in
            // The collector never throws.
            try? reader.feed(buffer, collect)
            if isComplete { try? reader.finish(collect) }
        }
        return Array(records.prefix(recordsExamined))
    }

    struct HeaderMatch {
        var ordinal: Int, width: Int
        var columns: [BankCSVColumnRole: Int]
        var currency: String?
        var dateName: String?, amountName: String?
        var englishAmount: Bool
    }

    /// The first record whose names give a date column and an amount (or debit and credit).
    static func findHeader(_ records: ArraySlice<CSVRecord>, encoding: TextEncoding) -> HeaderMatch? {
        for record in records where record.count >= 2 && !record.isBlank {
            var names: [(name: String, currency: String?)] = []
            for k in 0..<record.count {
                names.append(BankCSVHeaderVocabulary.normalize(TextDecoding.decode(record[k], as: encoding)))
            }
            var columns: [BankCSVColumnRole: Int] = [:]
            var claimed = Set<Int>()
            for (role, synonyms) in BankCSVHeaderVocabulary.exactNames {
                var bestRank = Int.max, bestColumn: Int?
                for (k, n) in names.enumerated() where !claimed.contains(k) {
                    if let rank = synonyms.firstIndex(of: n.name), rank < bestRank { bestRank = rank; bestColumn = k }
                }
                if let bestColumn { columns[role] = bestColumn; claimed.insert(bestColumn) }
            }
            if columns[.date] == nil {
                columns[.date] = names.indices.first(where: { k in
                    !claimed.contains(k) && BankCSVHeaderVocabulary.dateStems.contains(where: { names[k].name.contains($0) })
                        && !BankCSVHeaderVocabulary.notDateStems.contains(where: { names[k].name.contains($0) })
                })
                if let c = columns[.date] { claimed.insert(c) }
            }
            if columns[.amount] == nil && (columns[.debit] == nil || columns[.credit] == nil) {
                columns[.amount] = names.indices.first(where: { k in
                    !claimed.contains(k) && BankCSVHeaderVocabulary.amountStems.contains(where: { names[k].name.contains($0) })
                        && !BankCSVHeaderVocabulary.notAmountStems.contains(where: { names[k].name.contains($0) })
                })
            }
            // A value date stands in when the file has no booking date.
            if columns[.date] == nil, let v = columns[.valueDate] { columns[.date] = v; columns[.valueDate] = nil }
            let hasAmount = columns[.amount] != nil || (columns[.debit] != nil && columns[.credit] != nil)
            guard let dateColumn = columns[.date], hasAmount else { continue }
            if columns[.amount] != nil { columns[.debit] = nil; columns[.credit] = nil }
            let amountColumn = columns[.amount] ?? columns[.debit]!
            let currency = names[amountColumn].currency ?? columns[.credit].flatMap { names[$0].currency }
            return HeaderMatch(ordinal: record.ordinal, width: record.count, columns: columns, currency: currency,
                               dateName: TextDecoding.decode(record[dateColumn], as: encoding).trimmingSpaces,
                               amountName: TextDecoding.decode(record[amountColumn], as: encoding).trimmingSpaces,
                               englishAmount: BankCSVHeaderVocabulary.englishAmountNames.contains(names[amountColumn].name))
        }
        return nil
    }

    /// Columns of a file without a header (Austrian easybank: account;text;date;date;amount;
    /// currency): the first column whose values are all dates, the first whose values are all
    /// amounts with two decimals, a column of currency codes, and as text the remaining column
    /// with the longest values that are not all the same (the account number is).
    static func inferHeaderlessColumns(_ records: [CSVRecord], width: Int, encoding: TextEncoding) -> [BankCSVColumnRole: Int]? {
        let rows = records.filter { $0.count == width && !$0.isBlank }
        guard width >= 2, !rows.isEmpty else { return nil }
        var columns: [BankCSVColumnRole: Int] = [:]
        var used = Set<Int>()
        for k in 0..<width {
            if rows.allSatisfy({ BankCSVDate.pieces($0[k]) != nil }) {
                if columns[.date] == nil { columns[.date] = k } else if columns[.valueDate] == nil { columns[.valueDate] = k }
                used.insert(k)
            }
        }
        for k in 0..<width where !used.contains(k) && columns[.amount] == nil {
            if rows.allSatisfy({ looksLikeAmount($0[k]) }) { columns[.amount] = k; used.insert(k) }
        }
        for k in 0..<width where !used.contains(k) && columns[.currency] == nil {
            if rows.allSatisfy({ BankCSVHeaderVocabulary.currencyCode(TextDecoding.decode($0[k], as: encoding)) != nil }) {
                columns[.currency] = k; used.insert(k)
            }
        }
        guard columns[.date] != nil, columns[.amount] != nil else { return nil }
        var bestText: (column: Int, length: Int)?
        for k in 0..<width where !used.contains(k) {
            let values = rows.map { Array($0[k]) }
            if rows.count > 1 && Set(values).count == 1 { continue }
            let length = values.reduce(0) { $0 + $1.count }
            if bestText == nil || length > bestText!.length { bestText = (k, length) }
        }
        if let bestText { columns[.description] = bestText.column }
        return columns
    }

    /// A signed or unsigned number with exactly two decimals, as amounts are written.
    static func looksLikeAmount(_ field: ArraySlice<UInt8>) -> Bool {
        let t = field.drop(while: { $0 == 0x20 }).reversed().drop(while: { $0 == 0x20 }).reversed()
        guard t.count >= 4, t.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2C || $0 == 0x2D || $0 == 0x2B }) else { return false }
        let chars = Array(t)
        let n = chars.count
        return (chars[n - 3] == 0x2C || chars[n - 3] == 0x2E) && Money.parse(chars) != nil
    }

    /// `,` or `.` when the value ends in that separator plus one or two digits, else 0.
    static func decimalVote(_ field: ArraySlice<UInt8>) -> UInt8 {
        let digitsAndSeparators = field.filter { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2C || $0 == 0x2E }
        guard let sepIndex = digitsAndSeparators.lastIndex(where: { $0 == 0x2C || $0 == 0x2E }) else { return 0 }
        let after = digitsAndSeparators.count - sepIndex - 1
        return after == 1 || after == 2 ? digitsAndSeparators[sepIndex] : 0
    }

    /// The row has the columns the dialect needs, a date and an amount (or a debit or credit).
    static func rowFits(_ row: CSVRecord, _ d: BankCSVDialect) -> Bool {
        guard row.count > d.lastNeededColumn, let c = d.columns[.date], BankCSVDate.pieces(row[c]) != nil else { return false }
        func number(_ role: BankCSVColumnRole) -> Bool {
            guard let k = d.columns[role], k < row.count else { return false }
            return Money.parse(row[k], decimalSeparator: d.decimalSeparator) != nil
        }
        return number(.amount) || number(.debit) || number(.credit)
    }

    /// `GBP` for an amount cell written `£12.50`, `EUR` for `12,50 €` or `12,50 EUR`.
    static func currencySymbol(_ field: ArraySlice<UInt8>) -> String? {
        let bytes = Array(field)
        if bytes.starts(with: [0xC2, 0xA3]) || bytes.dropFirst().starts(with: [0xC2, 0xA3]) { return "GBP" }
        if let i = bytes.firstIndex(of: 0xE2), bytes[i...].starts(with: [0xE2, 0x82, 0xAC]) { return "EUR" }
        let letters = bytes.reversed().drop(while: { $0 == 0x20 }).prefix(while: { $0 >= 0x41 && $0 <= 0x5A })
        return letters.count == 3 ? String(decoding: letters.reversed(), as: UTF8.self) : nil
    }

    private static func currencyIsUSDOrUnknown(_ rows: ArraySlice<CSVRecord>, _ dialect: BankCSVDialect,
                                               _ encoding: TextEncoding) -> Bool {
        guard let c = dialect.columns[.currency] else { return true }
        return rows.allSatisfy { c >= $0.count || BankCSVHeaderVocabulary.currencyCode(TextDecoding.decode($0[c], as: encoding)) ?? "USD" == "USD" }
    }
}
