/// A text encoding found in exports. Bank downloads still come in Windows code pages, and
/// Excel-saved CSV often in UTF-16 with a BOM.
public enum TextEncoding: String, Sendable, Hashable {
    case utf8 = "UTF-8"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case windows1252 = "Windows-1252"
    case isoLatin1 = "ISO-8859-1"
    /// Cyrillic Windows code page: Russian, Ukrainian, Belarusian and Bulgarian bank downloads.
    case windows1251 = "Windows-1251"
    /// Chinese national standard, a superset of GBK and GB2312: Chinese bank and Alipay/WeChat CSV.
    case gb18030 = "GB18030"
}

/// Decodes bytes into `String`s without ever failing: invalid sequences become U+FFFD, so
/// one bad byte costs one character, not the record. ASCII takes a fast path.
public enum TextDecoding {
    /// The encoding a file's first bytes announce or reveal, and how many BOM bytes to skip.
    /// A BOM decides; otherwise the head is UTF-8 when it is valid UTF-8 (a sequence cut at
    /// the end of the head is allowed), else a legacy code page guessed by `guessLegacyEncoding`.
    public static func sniff<C: Collection>(_ head: C) -> (encoding: TextEncoding, bomLength: Int) where C.Element == UInt8 {
        var it = head.makeIterator()
        let b0 = it.next(), b1 = it.next(), b2 = it.next()
        if b0 == 0xEF && b1 == 0xBB && b2 == 0xBF { return (.utf8, 3) }
        if b0 == 0xFF && b1 == 0xFE { return (.utf16LE, 2) }
        if b0 == 0xFE && b1 == 0xFF { return (.utf16BE, 2) }
        return (isValidUTF8(head, allowTruncatedEnd: true) ? .utf8 : guessLegacyEncoding(head), 0)
    }

    /// Whether the bytes start with a UTF-16 byte order mark (the only way `sniff` tells UTF-16).
    public static func hasUTF16BOM<C: Collection>(_ head: C) -> Bool where C.Element == UInt8 {
        var it = head.makeIterator()
        let b0 = it.next(), b1 = it.next()
        return (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)
    }

    /// Windows-1252, Windows-1251 or GB18030 for text that is not UTF-8, from the shape of its
    /// bytes ≥ 0x80. Western text has them alone (`Caf\u{E9}`); Russian and Chinese text is
    /// made of them, in runs. Russian letters are 0xC0–0xFF in 1251 (0x80–0xBF only for ё, №,
    /// quotes), while half of GB18030's bytes are trail bytes spread over 0x40–0xFE, so many
    /// fall in 0xA1–0xBF: that share tells the two apart.
    public static func guessLegacyEncoding<C: Collection>(_ bytes: C) -> TextEncoding where C.Element == UInt8 {
        var high = 0, inRuns = 0, lowHigh = 0, run = 0
        for b in bytes {
            if b >= 0x80 {
                high += 1; run += 1
                if run == 2 { inRuns += 2 } else if run > 2 { inRuns += 1 }
                if b >= 0xA1 && b <= 0xBF { lowHigh += 1 }
            } else {
                run = 0
            }
        }
        guard high >= 4, inRuns * 2 > high else { return .windows1252 }
        return lowHigh * 100 > high * 15 ? .gb18030 : .windows1251
    }

    /// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
    /// With `allowTruncatedEnd`, a sequence cut short by the end of the buffer is accepted.
    public static func isValidUTF8<C: Collection>(_ bytes: C, allowTruncatedEnd: Bool = false) -> Bool where C.Element == UInt8 {
        if let result = bytes.withContiguousStorageIfAvailable({ validUTF8($0, allowTruncatedEnd) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { validUTF8($0, allowTruncatedEnd) }
    }

    private static func validUTF8(_ b: UnsafeBufferPointer<UInt8>, _ allowTruncatedEnd: Bool) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            for k in 1..<length {
                if i + k >= n { return allowTruncatedEnd }
                let d = b[i + k]
                if k == 1 ? (d < low || d > high) : (d < 0x80 || d > 0xBF) { return false }
            }
            i += length
        }
        return true
    }

    /// Decodes `bytes` in `encoding`. UTF-16 input must be whole code units (an odd last byte
    /// becomes U+FFFD).
    public static func decode<C: Collection>(_ bytes: C, as encoding: TextEncoding) -> String where C.Element == UInt8 {
        if let s = bytes.withContiguousStorageIfAvailable({ decodeBuffer($0, encoding) }) { return s }
        return Array(bytes).withUnsafeBufferPointer { decodeBuffer($0, encoding) }
    }

    private static func decodeBuffer(_ b: UnsafeBufferPointer<UInt8>, _ encoding: TextEncoding) -> String {
        switch encoding {
        case .utf8:
            // String(decoding:) repairs invalid sequences with U+FFFD and is fast for ASCII.
            return String(decoding: b, as: UTF8.self)
        case .isoLatin1, .windows1252, .windows1251:
            guard let firstHigh = b.firstIndex(where: { $0 >= 0x80 }) else { return String(decoding: b, as: UTF8.self) }
            return decodeSingleByte(b, from: firstHigh, table: singleByteTable(encoding))
        case .gb18030:
            return LegacyCJKDecoding.decodeGB18030(b)
        case .utf16LE, .utf16BE:
            var units: [UInt16] = []
            units.reserveCapacity(b.count / 2)
            var i = 0
            while i + 1 < b.count {
                let u = encoding == .utf16LE ? UInt16(b[i]) | UInt16(b[i + 1]) << 8 : UInt16(b[i]) << 8 | UInt16(b[i + 1])
                units.append(u)
                i += 2
            }
            var s = String(decoding: units, as: UTF16.self)
            if b.count % 2 == 1 { s.append("\u{FFFD}") }
            return s
        }
    }

    /// Bytes of a single-byte code page written as UTF-8 through a 256-entry table straight
    /// into the string's storage. Appending one `Unicode.Scalar` at a time cost 6 % of a
    /// German bank CSV's profile (ISO-8859-1), more than splitting its records
    /// (docs/performance.md). Bytes before `firstHigh` are ASCII and copied as they are.
    private static func decodeSingleByte(_ b: UnsafeBufferPointer<UInt8>, from firstHigh: Int, table: [UInt32]) -> String {
        // Every byte becomes at most three bytes of UTF-8 (U+0800–U+FFFF: the euro sign, quotes).
        String(unsafeUninitializedCapacity: firstHigh + (b.count - firstHigh) * 3) { out in
            var o = 0
            for i in 0..<firstHigh { out[i] = b[i] }
            o = firstHigh
            table.withUnsafeBufferPointer { table in
                for i in firstHigh..<b.count {
                    let c = b[i]
                    if c < 0x80 { out[o] = c; o += 1; continue }
                    // UTF-8 bytes packed first byte lowest, the count in the top byte.
                    let entry = table[Int(c)]
                    out[o] = UInt8(truncatingIfNeeded: entry)
                    out[o + 1] = UInt8(truncatingIfNeeded: entry >> 8)
                    if entry >> 24 == 3 { out[o + 2] = UInt8(truncatingIfNeeded: entry >> 16) }
                    o += Int(entry >> 24)
                }
            }
            return o
        }
    }

    private static func singleByteTable(_ encoding: TextEncoding) -> [UInt32] {
        switch encoding {
        case .windows1252: return windows1252Table
        case .windows1251: return windows1251Table
        default: return isoLatin1Table
        }
    }

    static let isoLatin1Table = singleByteTable { UInt32($0) }
    static let windows1252Table = singleByteTable { c in c >= 0x80 && c <= 0x9F ? windows1252High[Int(c - 0x80)] : UInt32(c) }
    // 0xC0–0xFF are А–я in order; only 0x80–0xBF need the list.
    static let windows1251Table = singleByteTable { c in c < 0x80 ? UInt32(c) : c >= 0xC0 ? 0x0410 + UInt32(c - 0xC0) : windows1251High[Int(c - 0x80)] }

    /// The UTF-8 of each byte's scalar, packed for `decodeSingleByte` (every scalar of these
    /// code pages is below U+10000, so at most three bytes).
    private static func singleByteTable(_ scalar: (UInt8) -> UInt32) -> [UInt32] {
        (0...255).map { (c: Int) -> UInt32 in
            var entry: UInt32 = 0, count: UInt32 = 0
            for unit in String(Unicode.Scalar(scalar(UInt8(c)))!).utf8 {
                entry |= UInt32(unit) << (8 * count)
                count += 1
            }
            return entry | count << 24
        }
    }

    /// Windows-1252 0x80–0x9F. The five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to
    /// the C1 controls of the same value, as the WHATWG Encoding Standard does.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Windows-1251 0x80–0xBF (0x98, undefined, maps to the C1 control as in the WHATWG table).
    static let windows1251High: [UInt32] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x0098, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    ]

    /// The encoding named by a label as files declare it (`CHARSET:1252`, `encoding="ISO-8859-1"`,
    /// `utf-8`), nil when unknown.
    public static func encoding(named label: String) -> TextEncoding? {
        let l = label.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
        switch l {
        case "utf8", "unicode": return .utf8
        case "1252", "cp1252", "windows1252", "ansi", "winlatin1": return .windows1252
        case "iso88591", "latin1", "l1", "88591", "isolatin1": return .isoLatin1
        case "usascii", "ascii": return .utf8
        case "utf16le": return .utf16LE
        case "utf16be", "utf16": return .utf16BE
        case "1251", "cp1251", "windows1251", "wincyrillic": return .windows1251
        case "gb18030", "gbk", "gb2312", "cp936", "936", "euccn": return .gb18030
        default: return nil
        }
    }
}

extension TextDecoding {
    /// Formats without a charset declaration (QIF, MT940) are UTF-8 from newer software and
    /// Windows-1252 from older: a field that is valid UTF-8 is read as UTF-8, any other as 1252.
    /// Deciding per field keeps the result independent of how the file is chunked.
    public static func decodeUTF8OrWindows1252<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if isValidUTF8(bytes) { return decode(bytes, as: .utf8) }
        return decode(bytes, as: .windows1252)
    }
}
