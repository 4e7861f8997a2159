/// HTML character references (`&amp;`, `&nbsp;`, `&#39;`, `&#x202F;`) decoded to UTF-8.
/// Only the fixed HTML table is used: a document cannot define entities (there is no DTD
/// expansion in HTML), so nothing here can grow. Named references outside the table below are
/// left as written; they do not occur in the exports steward reads (Takeout writes `&nbsp;`,
/// `&emsp;`, `&amp;`, `&lt;`, `&gt;`, `&quot;` and numeric references).
public enum HTMLCharacterReference {
    /// The longest reference name considered (`&thetasym;` is 8); longer runs are plain text.
    public static let maxNameLength = 31

    /// Named references and their code points: the markup-significant ones, the spaces and
    /// punctuation Google writes, and Latin letters common in the six report languages.
    static let named: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27,
        "nbsp": 0xA0, "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009, "hairsp": 0x200A,
        "zwnj": 0x200C, "zwj": 0x200D, "lrm": 0x200E, "rlm": 0x200F, "shy": 0xAD,
        "ndash": 0x2013, "mdash": 0x2014, "lsquo": 0x2018, "rsquo": 0x2019, "sbquo": 0x201A,
        "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E, "hellip": 0x2026, "bull": 0x2022,
        "middot": 0xB7, "laquo": 0xAB, "raquo": 0xBB, "copy": 0xA9, "reg": 0xAE, "trade": 0x2122,
        "euro": 0x20AC, "pound": 0xA3, "yen": 0xA5, "cent": 0xA2, "sect": 0xA7, "deg": 0xB0,
        "plusmn": 0xB1, "times": 0xD7, "divide": 0xF7, "iexcl": 0xA1, "iquest": 0xBF,
        "auml": 0xE4, "ouml": 0xF6, "uuml": 0xFC, "Auml": 0xC4, "Ouml": 0xD6, "Uuml": 0xDC, "szlig": 0xDF,
        "aacute": 0xE1, "eacute": 0xE9, "iacute": 0xED, "oacute": 0xF3, "uacute": 0xFA,
        "Aacute": 0xC1, "Eacute": 0xC9, "Iacute": 0xCD, "Oacute": 0xD3, "Uacute": 0xDA,
        "agrave": 0xE0, "egrave": 0xE8, "ugrave": 0xF9, "Agrave": 0xC0, "Egrave": 0xC8,
        "acirc": 0xE2, "ecirc": 0xEA, "icirc": 0xEE, "ocirc": 0xF4, "ucirc": 0xFB,
        "euml": 0xEB, "iuml": 0xEF, "ccedil": 0xE7, "Ccedil": 0xC7, "ntilde": 0xF1, "Ntilde": 0xD1,
    ]

    /// Legacy names HTML decodes even without the closing `;` (`&nbsp` in old pages).
    static let legacyWithoutSemicolon: Set<String> = ["amp", "lt", "gt", "quot", "nbsp"]

    /// The code point for the reference body between `&` and `;` (`amp`, `#39`, `#x202F`),
    /// or nil when it is not a reference. Invalid numbers (0, surrogates, beyond U+10FFFF)
    /// become U+FFFD as HTML specifies.
    public static func codePoint<C: Collection>(for body: C, terminated: Bool) -> UInt32? where C.Element == UInt8 {
        guard let first = body.first else { return nil }
        if first == UInt8(ascii: "#") {
            guard terminated || body.count > 1 else { return nil }
            var digits = body.dropFirst()
            var radix: UInt32 = 10
            if let x = digits.first, x == UInt8(ascii: "x") || x == UInt8(ascii: "X") {
                radix = 16
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty else { return nil }
            var value: UInt32 = 0
            for d in digits {
                guard let v = digitValue(d, radix: radix) else { return nil }
                value = value > 0x10FFFF ? value : value &* radix &+ v
            }
            if value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return 0xFFFD }
            return value
        }
        let name = String(decoding: body, as: UTF8.self)
        guard let scalar = named[name] else { return nil }
        if !terminated && !legacyWithoutSemicolon.contains(name) { return nil }
        return scalar
    }

    /// Appends the UTF-8 encoding of `codePoint` to `output`.
    public static func appendUTF8(_ codePoint: UInt32, to output: inout [UInt8]) {
        let scalar = Unicode.Scalar(codePoint) ?? "\u{FFFD}"
        UTF8.encode(scalar, into: { output.append($0) })
    }

    /// Decodes every reference in `bytes` (an attribute value), leaving anything else as is.
    public static func decode<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8, C.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            guard b == UInt8(ascii: "&") else { out.append(b); i += 1; continue }
            var j = i + 1
            while j < bytes.endIndex, j - i - 1 < maxNameLength, isNameByte(bytes[j]) { j += 1 }
            let terminated = j < bytes.endIndex && bytes[j] == UInt8(ascii: ";")
            if let cp = codePoint(for: bytes[(i + 1)..<j], terminated: terminated) {
                appendUTF8(cp, to: &out)
                i = terminated ? j + 1 : j
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }

    /// Letters, digits and `#`: the bytes a reference body is made of.
    @inline(__always)
    public static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x23
    }

    private static func digitValue(_ d: UInt8, radix: UInt32) -> UInt32? {
        switch d {
        case 0x30...0x39: return UInt32(d - 0x30)
        case 0x41...0x46 where radix == 16: return UInt32(d - 0x41 + 10)
        case 0x61...0x66 where radix == 16: return UInt32(d - 0x61 + 10)
        default: return nil
        }
    }
}
