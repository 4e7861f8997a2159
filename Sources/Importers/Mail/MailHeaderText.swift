import Foundation
import StewardCore
import Formats

/// Header and body text of Internet mail: RFC 2047 encoded words (`=?UTF-8?B?…?=`,
/// `=?ISO-8859-1?Q?…?=`), the RFC 5322 date, addresses, and the two transfer encodings of
/// text parts (quoted-printable, base64). Charsets steward's text decoder knows are decoded;
/// others are read as UTF-8 with replacement characters.
enum MailHeaderText {
    /// Decodes the encoded words of a header value; whitespace between two encoded words is
    /// dropped (RFC 2047 §6.2).
    static func decodeWords(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var out = ""
        var rest = Substring(value)
        var lastWasEncoded = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            let afterStart = rest[start.upperBound...]
            // charset ? encoding ? text ?=
            let parts = afterStart.split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let end = parts[2].range(of: "?="),
                  let decoded = decodeWord(charset: String(parts[0]), encoding: String(parts[1]), text: String(parts[2][..<end.lowerBound])) else {
                out += before + "=?"
                rest = afterStart
                lastWasEncoded = false
                continue
            }
            if !(lastWasEncoded && before.allSatisfy(\.isWhitespace)) { out += before }
            out += decoded
            rest = parts[2][end.upperBound...]
            lastWasEncoded = true
        }
        return out + rest
    }

    static func decodeWord(charset: String, encoding: String, text: String) -> String? {
        let bytes: [UInt8]
        switch encoding.uppercased() {
        case "B":
            guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else { return nil }
            bytes = Array(data)
        case "Q":
            bytes = quotedPrintable(Array(text.utf8), underscoreIsSpace: true)
        default:
            return nil
        }
        return decode(bytes, charset: charset)
    }

    /// Bytes in a named charset (`utf-8`, `iso-8859-1`, `windows-1251`, `gb2312`…).
    static func decode(_ bytes: [UInt8], charset: String?) -> String {
        let label = (charset ?? "utf-8").split(separator: "*").first.map(String.init) ?? "utf-8"
        let lower = label.lowercased()
        if lower == "gb2312" || lower == "gbk" { return TextDecoding.decode(bytes, as: .gb18030) }
        if lower == "koi8-r" || lower == "iso-8859-15" { return TextDecoding.decode(bytes, as: lower == "koi8-r" ? .utf8 : .windows1252) }
        return TextDecoding.decode(bytes, as: TextDecoding.encoding(named: label) ?? .utf8)
    }

    /// Quoted-printable (RFC 2045 §6.7): `=XX` bytes, `=` at a line end joins lines.
    static func quotedPrintable(_ input: [UInt8], underscoreIsSpace: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: return b - 0x30
            case 0x41...0x46: return b - 0x37
            case 0x61...0x66: return b - 0x57
            default: return nil
            }
        }
        while i < input.count {
            let b = input[i]
            if b == 0x3D {
                if i + 2 < input.count, let h = hex(input[i + 1]), let l = hex(input[i + 2]) {
                    out.append(h << 4 | l); i += 3; continue
                }
                if i + 1 < input.count, input[i + 1] == 0x0A { i += 2; continue }
                if i + 2 < input.count, input[i + 1] == 0x0D, input[i + 2] == 0x0A { i += 3; continue }
                if i + 1 == input.count { i += 1; continue }
                out.append(b); i += 1; continue
            }
            out.append(underscoreIsSpace && b == 0x5F ? 0x20 : b)
            i += 1
        }
        return out
    }

    /// `Anna Müller <anna@example.org>` → ("Anna Müller", "anna@example.org"); a bare address
    /// or `anna@example.org (Anna)` gives no name in the first form.
    static func address(_ raw: String) -> (name: String?, address: String?) {
        let value = decodeWords(raw).trimmingSpaces()
        if let open = value.lastIndex(of: "<"), let close = value[open...].firstIndex(of: ">") {
            var name = value[..<open].trimmingSpaces()
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            let address = value[value.index(after: open)..<close].trimmingSpaces()
            return (name.isEmpty ? nil : name, address.isEmpty ? nil : address)
        }
        let bare = value.split(separator: " ").first.map(String.init)
        return (nil, bare?.contains("@") == true ? bare : nil)
    }

    /// The domain of an address, lower-cased.
    static func domain(_ address: String?) -> String? {
        guard let address, let at = address.lastIndex(of: "@") else { return nil }
        let d = address[address.index(after: at)...].lowercased()
        return d.isEmpty ? nil : d
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// RFC 5322 date: `[Thu, ]14 Mar 2024 09:12:33 +0100` (seconds optional; `GMT`/`UT`/`Z`
    /// zones read as UTC; a trailing comment `(CET)` ignored).
    static func date(_ raw: String) -> Timestamp? {
        var text = raw
        if let paren = text.firstIndex(of: "(") { text = String(text[..<paren]) }
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if let first = tokens.first?.first, first.isLetter { tokens.removeFirst() } // the weekday
        guard tokens.count >= 4, let day = Int(tokens[0]),
              let monthIndex = months.firstIndex(of: String(tokens[1].prefix(3)).lowercased()),
              var year = Int(tokens[2]) else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        let clock = tokens[3].split(separator: ":").map { Int($0) }
        guard clock.count == 2 || clock.count == 3, let hour = clock[0], let minute = clock[1], hour < 24, minute < 60 else { return nil }
        let second = clock.count == 3 ? (clock[2] ?? -1) : 0
        guard (0...60).contains(second), day >= 1, day <= Timestamp.daysIn(month: monthIndex + 1, year: year) else { return nil }
        var offset: Int32? = nil
        if tokens.count >= 5 {
            let zone = tokens[4]
            if ["gmt", "ut", "utc", "z"].contains(zone.lowercased()) {
                offset = 0
            } else if zone.count == 5, let sign = zone.first, sign == "+" || sign == "-", let hhmm = Int(zone.dropFirst()) {
                let hours = hhmm / 100, minutes = hhmm % 100
                guard hours <= 14, minutes < 60 else { return nil }
                let magnitude = Int32(hours * 3600 + minutes * 60)
                offset = sign == "-" ? -magnitude : magnitude
            }
        }
        return Timestamp(year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: min(second, 59),
                         utcOffsetSeconds: offset)
    }

    /// A parameter of a structured header: `multipart/mixed; boundary="b1"` → `b1` for
    /// `boundary`. Names are matched case-insensitively; RFC 2231 continuations are not joined.
    static func parameter(_ name: String, in value: String) -> String? {
        for piece in value.split(separator: ";").dropFirst() {
            let kv = piece.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { continue }
            let key = kv[0].trimmingSpaces().lowercased()
            guard key == name || key == name + "*" else { continue }
            var v = kv[1].trimmingSpaces()
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            if key.hasSuffix("*"), let quote = v.range(of: "''") { v = v[quote.upperBound...].removingPercentEncoding ?? String(v[quote.upperBound...]) }
            return v
        }
        return nil
    }
}
