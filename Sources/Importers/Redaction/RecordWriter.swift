import StewardCore
import Formats

/// Which formats `steward redact` writes back, and how it finds a record's bytes in each
/// (docs/redact.md lists them, and those it does not write, with the reason).
public enum RecordWriter {
    /// How a source's records are found in its files.
    public enum Method: Sendable, Equatable {
        /// A bank statement CSV: records by the line they start on, in the file's dialect.
        case bankCSV
        /// A CSV with comma delimiters (LinkedIn, Reddit, Alipay and WeChat Pay bills, which
        /// are GBK or UTF-8): records by line.
        case commaCSV
        /// A JSON document (or an X archive's .js assignment): records by JSON pointer.
        case json
        /// An OFX statement: `STMTTRN` elements by their ordinal.
        case ofx
        /// A CAMT.053 statement: `Ntry` elements by the line they start on.
        case camt
        /// A WhatsApp chat `.txt`: messages by their header line.
        case whatsApp
        /// MT940 and QIF statements: records by the line they start on.
        case mt940, qif
    }

    /// Sources whose records can be removed without breaking the file.
    public static let methods: [String: Method] = [
        "bank.csv": .bankCSV,
        "bank.paypal": .bankCSV,
        "bank.ofx": .ofx,
        "bank.camt053": .camt,
        "whatsapp.chat": .whatsApp,
        "bank.mt940": .mt940,
        "bank.qif": .qif,
        "linkedin.csv": .commaCSV,
        "bank.alipay": .commaCSV,
        "bank.wechatpay": .commaCSV,
        "reddit.csv": .commaCSV,
        "google.my_activity": .json,
        "google.location_records": .json,
        "google.semantic_location": .json,
        "google.chrome_history": .json,
        "meta.facebook": .json,
        "meta.instagram": .json,
        "telegram.desktop": .json,
        "twitter.archive": .json,
        "tiktok.json": .json,
        "spotify.streaming": .json,
    ]

    /// Why a file's records are not written back (docs/redact.md); the raw value is the key
    /// of its words in the catalogs (`redact.reason.<raw value>`).
    public enum Unwritable: String, Sendable, CaseIterable {
        case sqlite, workbook, tree, photo, utf16
        case notImplemented = "not_implemented"
        case notAsExpected = "not_as_expected"
    }

    /// Why a source's records are not written back; nil for the sources redact writes.
    public static func unwritable(_ source: String) -> Unwritable? {
        if methods[source] != nil { return nil }
        switch source {
        case "whatsapp.msgstore", "browser.chrome", "browser.firefox", "browser.safari": return .sqlite
        case "bank.wechatpay_xlsx": return .workbook
        case "openai.chatgpt": return .tree
        case "photo.exif": return .photo
        default: return .notImplemented
        }
    }

    /// The edits that take `targets` out of the file at `path` (read-only), read as `source`.
    /// `targets` maps each record to the texts `mask` may replace.
    public static func edits(source: String, path: String, targets: [RecordKey: [String]],
                             mask: Bool) throws -> RecordEdits {
        guard let method = methods[source] else {
            throw RedactionError.notWritable(path, unwritable(source) ?? .notImplemented)
        }
        switch method {
        case .bankCSV, .commaCSV:
            var lines: [Int: [String]] = [:]
            for (key, texts) in targets { if case .line(let n) = key { lines[n] = texts } }
            var head: [UInt8] = []
            try ByteEdits.readChunks(path) { chunk, _ in
                if head.count < BankCSVDialect.sniffLength { head.append(contentsOf: chunk.prefix(BankCSVDialect.sniffLength - head.count)) }
            }
            let (encoding, bomLength) = TextDecoding.sniff(head)
            if encoding == .utf16LE || encoding == .utf16BE {
                throw RedactionError.notWritable(path, .utf16)
            }
            var delimiter = UInt8(ascii: ",")
            // The encoding matters only for comparing texts to mask: GBK and GB18030 never use
            // the bytes of a quote, a comma or a line break inside a character.
            var fieldEncoding = encoding == .utf8 && !TextDecoding.isValidUTF8(head, allowTruncatedEnd: true)
                ? TextDecoding.guessLegacyEncoding(head) : encoding
            if method == .bankCSV {
                switch BankCSVDialect.sniff(head: head[...], isComplete: head.count < BankCSVDialect.sniffLength) {
                case .failure: throw RedactionError.notWritable(path, .notAsExpected)
                case .success(let dialect):
                    delimiter = dialect.delimiter
                    fieldEncoding = dialect.fieldEncoding
                }
            }
            var finder = CSVRecordFinder(delimiter: delimiter, targets: lines, mask: mask, encoding: fieldEncoding)
            var size: Int64 = 0
            try ByteEdits.readChunks(path) { chunk, offset in
                size = offset + Int64(chunk.count)
                let skip = Int(max(0, Int64(bomLength) - offset))
                guard skip < chunk.count else { return }
                finder.feed(UnsafeBufferPointer(rebasing: chunk[skip...]), at: offset + Int64(skip))
            }
            return finder.finish(fileEnd: size)
        case .json:
            var pointers: [String: [String]] = [:]
            for (key, texts) in targets { if case .pointer(let p) = key { pointers[p] = texts } }
            var finder = JSONRecordFinder(targets: pointers, mask: mask)
            var size: Int64 = 0
            try ByteEdits.readChunks(path) { chunk, offset in
                size = offset + Int64(chunk.count)
                finder.feed(chunk, at: offset)
            }
            let found = finder.finish(fileEnd: size)
            if finder.problem != nil { throw RedactionError.notWritable(path, .notAsExpected) }
            return found
        case .ofx, .camt:
            var finder = MarkupRecordFinder(layout: method == .ofx ? .ofx : .camt, targets: targets, mask: mask)
            var size: Int64 = 0
            try ByteEdits.readChunks(path) { chunk, offset in
                size = offset + Int64(chunk.count)
                finder.feed(chunk, at: offset)
            }
            return finder.finish(fileEnd: size)
        case .mt940, .qif:
            var lines: [Int: [String]] = [:]
            for (key, texts) in targets { if case .line(let n) = key { lines[n] = texts } }
            var finder = LineBlockRecordFinder(style: method == .mt940 ? .mt940 : .qif, targets: lines, mask: mask)
            var size: Int64 = 0
            try ByteEdits.readChunks(path) { chunk, offset in
                size = offset + Int64(chunk.count)
                finder.feed(chunk, at: offset)
            }
            return finder.finish(fileEnd: size)
        case .whatsApp:
            var lines: [Int: [String]] = [:]
            for (key, texts) in targets { if case .line(let n) = key { lines[n] = texts } }
            var finder = ChatLineRecordFinder(targets: lines, mask: mask)
            var size: Int64 = 0
            try ByteEdits.readChunks(path) { chunk, offset in
                size = offset + Int64(chunk.count)
                finder.feed(chunk, at: offset)
            }
            return finder.finish(fileEnd: size)
        }
    }

    /// The key of a record, as `edits` takes it: a pointer when the importer gave one, else a
    /// line; nil when the record has neither.
    public static func key(_ position: SourcePosition, method: Method) -> RecordKey? {
        switch method {
        case .json: return position.pointer.map { .pointer($0) }
        case .ofx: return position.record.map { .record($0) }
        case .bankCSV, .commaCSV, .camt, .whatsApp, .mt940, .qif: return position.line.map { .line($0) }
        }
    }
}

