/// The start of one message in a WhatsApp "Export chat" text file, read from bytes. Two
/// layouts, both localized by the phone's settings:
/// - iOS: `[31/12/2019, 23:59:59] Name: text` (or `[12/31/19, 11:59:59 PM] …`), system
///   notices and attachments marked with U+200E (left-to-right mark), U+202F before AM/PM;
/// - Android: `12/31/19, 11:59 PM - Name: text`, `31.12.19, 23:59 - Name: text`,
///   `01/30/2019, 08:49 p. m. - Name: text`; system lines have no `Name:`.
/// Dates are day/month/year, month/day/year or year-month-day with `/`, `.` or `-`; which of
/// the first two numbers is the day is not written anywhere, so the parser infers it per file
/// (see `WhatsAppChatParser`).
struct WhatsAppChatLine {
    enum Layout { case bracketed, dashed }
    enum Meridiem { case none, am, pm, unknown }

    var layout: Layout
    /// The three date numbers in written order, and how many digits the first and last had.
    var first: Int, second: Int, third: Int
    var firstDigits: Int, thirdDigits: Int
    var hour: Int, minute: Int, secondOfMinute: Int
    var meridiem: Meridiem
    /// Index in the line where `Name: text` (or a system notice) starts.
    var bodyStart: Int

    /// True when the date is written year first (`2020-01-31`, `2020.01.31`).
    var yearFirst: Bool { firstDigits == 4 }

    /// Parses the header of `line`, or nil when the line continues the previous message.
    static func parse(_ line: ArraySlice<UInt8>) -> WhatsAppChatLine? {
        var i = skipMarks(line, from: line.startIndex)
        guard i < line.endIndex else { return nil }
        let layout: Layout
        if line[i] == UInt8(ascii: "[") {
            layout = .bracketed
            i += 1
        } else if isDigit(line[i]) {
            layout = .dashed
        } else {
            return nil
        }
        // Date: n sep n sep n.
        guard let (a, aDigits, afterA) = number(line, i, maxDigits: 4), afterA < line.endIndex else { return nil }
        let separator = line[afterA]
        guard separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: "-") else { return nil }
        guard let (b, _, afterB) = number(line, afterA + 1, maxDigits: 2), afterB < line.endIndex, line[afterB] == separator,
              let (c, cDigits, afterC) = number(line, afterB + 1, maxDigits: 4) else { return nil }
        guard aDigits == 4 || cDigits == 2 || cDigits == 4 else { return nil }
        // Separator between date and time: ", " (some locales add a trailing "." to the date).
        i = afterC
        if i < line.endIndex && line[i] == UInt8(ascii: ".") { i += 1 }
        guard i < line.endIndex, line[i] == UInt8(ascii: ",") else { return nil }
        i += 1
        i = skipSpaces(line, from: i)
        // Time: h:mm[:ss] (some locales write h.mm).
        guard let (hour, _, afterHour) = number(line, i, maxDigits: 2), afterHour < line.endIndex else { return nil }
        let timeSeparator = line[afterHour]
        guard timeSeparator == UInt8(ascii: ":") || timeSeparator == UInt8(ascii: ".") else { return nil }
        guard let (minute, minuteDigits, afterMinute) = number(line, afterHour + 1, maxDigits: 2), minuteDigits == 2 else { return nil }
        i = afterMinute
        var seconds = 0
        if i < line.endIndex, line[i] == timeSeparator, let (s, sDigits, afterS) = number(line, i + 1, maxDigits: 2), sDigits == 2 {
            seconds = s
            i = afterS
        }
        // AM/PM marker up to the end of the header ("]" or " - ").
        let markerStart = i
        var markerEnd = i
        var bodyStart = -1
        let limit = min(line.endIndex, i + 24)
        while markerEnd < limit {
            let byte = line[markerEnd]
            if layout == .bracketed && byte == UInt8(ascii: "]") {
                bodyStart = markerEnd + 1
                break
            }
            if layout == .dashed && byte == UInt8(ascii: "-") && markerEnd > markerStart
                && line[markerEnd - 1] == 0x20 && markerEnd + 1 < line.endIndex && line[markerEnd + 1] == 0x20 {
                bodyStart = markerEnd + 2
                break
            }
            markerEnd += 1
        }
        guard bodyStart >= 0 else { return nil }
        if layout == .bracketed {
            bodyStart = skipSpaces(line, from: bodyStart)
        } else {
            markerEnd -= 1 // the space before "-"
        }
        let meridiem = classifyMeridiem(line[markerStart..<markerEnd])
        return WhatsAppChatLine(layout: layout, first: a, second: b, third: c, firstDigits: aDigits, thirdDigits: cDigits,
                                hour: hour, minute: minute, secondOfMinute: seconds, meridiem: meridiem,
                                bodyStart: skipMarks(line, from: bodyStart))
    }

    /// The 24-hour clock hour, or nil when the hour does not fit the marker.
    var hour24: Int? {
        switch meridiem {
        case .none: return hour <= 23 ? hour : nil
        case .unknown: return nil
        // "00:08 a. m." occurs in real Spanish-locale exports: read as 00:08.
        case .am: return hour == 12 ? 0 : (hour <= 12 ? hour : nil)
        case .pm: return hour == 12 ? 12 : (hour < 12 ? hour + 12 : nil)
        }
    }

    /// AM/PM words as phones write them: "AM", "a. m." (Spanish), "a.m.", "vorm."/"nachm."
    /// (German), with normal, no-break or narrow no-break spaces. Letters are compared
    /// without dots and spaces; anything else non-empty is `.unknown`.
    static func classifyMeridiem(_ bytes: ArraySlice<UInt8>) -> Meridiem {
        var letters: [UInt8] = []
        for byte in bytes {
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { letters.append(byte | 0x20) }
            else if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { letters.append(byte) }
            else if byte == 0x20 || byte == UInt8(ascii: ".") { continue }
            else if byte >= 0x80 {
                // U+00A0 (C2 A0) and U+202F (E2 80 AF) are spaces here; other non-ASCII is a
                // marker we do not know (e.g. 午後), which must not be silently dropped.
                if byte == 0xC2 || byte == 0xA0 || byte == 0xE2 || byte == 0x80 || byte == 0xAF || byte == 0x8E { continue }
                return .unknown
            } else {
                return .unknown
            }
        }
        switch letters {
        case []: return .none
        case Array("am".utf8), Array("a".utf8), Array("vorm".utf8), Array("vm".utf8): return .am
        case Array("pm".utf8), Array("p".utf8), Array("nachm".utf8), Array("nm".utf8): return .pm
        default: return .unknown
        }
    }

    /// Skips U+200E/U+200F (E2 80 8E/8F) and a BOM (EF BB BF), which iOS puts before notices.
    static func skipMarks(_ line: ArraySlice<UInt8>, from start: Int) -> Int {
        var i = start
        while i + 2 < line.endIndex {
            if line[i] == 0xE2 && line[i + 1] == 0x80 && (line[i + 2] == 0x8E || line[i + 2] == 0x8F) { i += 3; continue }
            if line[i] == 0xEF && line[i + 1] == 0xBB && line[i + 2] == 0xBF { i += 3; continue }
            break
        }
        return i
    }

    private static func skipSpaces(_ line: ArraySlice<UInt8>, from start: Int) -> Int {
        var i = start
        while i < line.endIndex {
            if line[i] == 0x20 { i += 1; continue }
            if line[i] == 0xC2 && i + 1 < line.endIndex && line[i + 1] == 0xA0 { i += 2; continue }
            if line[i] == 0xE2 && i + 2 < line.endIndex && line[i + 1] == 0x80 && line[i + 2] == 0xAF { i += 3; continue }
            break
        }
        return i
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func number(_ line: ArraySlice<UInt8>, _ start: Int, maxDigits: Int) -> (Int, Int, Int)? {
        var i = start
        var value = 0
        while i < line.endIndex, isDigit(line[i]), i - start < maxDigits {
            value = value * 10 + Int(line[i] - 0x30)
            i += 1
        }
        guard i > start else { return nil }
        if i < line.endIndex && isDigit(line[i]) { return nil }
        return (value, i - start, i)
    }
}
