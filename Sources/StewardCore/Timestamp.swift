/// A point in time as an export states it: seconds since the Unix epoch (UTC), plus the UTC
/// offset when the export gives one, and whether only a date was known (bank booking dates).
/// Kept as integers so the hot path never touches Foundation's calendar machinery.
public struct Timestamp: Sendable, Hashable, Comparable, Codable {
    public var epochSeconds: Int64
    /// Offset of the local clock from UTC in seconds, if the export said so.
    public var utcOffsetSeconds: Int32?
    /// True when the export gave a date without a time of day.
    public var dateOnly: Bool

    public init(epochSeconds: Int64, utcOffsetSeconds: Int32? = nil, dateOnly: Bool = false) {
        self.epochSeconds = epochSeconds
        self.utcOffsetSeconds = utcOffsetSeconds
        self.dateOnly = dateOnly
    }

    /// Builds a timestamp from civil date and time fields (proleptic Gregorian calendar).
    /// Returns nil for impossible dates such as 31 February.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
                 utcOffsetSeconds: Int32? = nil, dateOnly: Bool = false) {
        guard (1...12).contains(month), day >= 1, day <= Timestamp.daysIn(month: month, year: year),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              (1...9999).contains(year) else { return nil }
        let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
        let local = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        self.init(epochSeconds: local - Int64(utcOffsetSeconds ?? 0),
                  utcOffsetSeconds: utcOffsetSeconds, dateOnly: dateOnly)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.epochSeconds < rhs.epochSeconds }

    /// Seconds on the local clock (UTC when the offset is unknown).
    public var localSeconds: Int64 { epochSeconds + Int64(utcOffsetSeconds ?? 0) }

    /// Hour of day 0–23 on the local clock, nil when only a date is known.
    public var hourOfDay: Int? {
        dateOnly ? nil : Int(((localSeconds % 86_400) + 86_400) % 86_400 / 3600)
    }

    /// Day of week on the local clock, 1 = Monday … 7 = Sunday (ISO 8601).
    public var isoWeekday: Int {
        let days = Timestamp.floorDiv(localSeconds, 86_400)
        // 1970-01-01 was a Thursday (ISO weekday 4).
        return Int(((days + 3) % 7 + 7) % 7) + 1
    }

    /// Civil date on the local clock.
    public var civil: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let days = Timestamp.floorDiv(localSeconds, 86_400)
        let rest = Int(localSeconds - days * 86_400)
        let (y, m, d) = Timestamp.civilFromDays(days)
        return (y, m, d, rest / 3600, rest % 3600 / 60, rest % 60)
    }

    /// ISO 8601 text: `2024-03-01` for dates, `2024-03-01T21:05:00Z` or with the export's offset,
    /// and no designator when the offset is unknown.
    public var iso8601: String {
        let c = civil
        let date = "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
        if dateOnly { return date }
        let time = "\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
        // No designator when the export did not say which clock it used: ISO 8601 reads that
        // as local time, which is all steward knows (a "Z" would claim UTC).
        guard let offset = utcOffsetSeconds else { return date + "T" + time }
        if offset == 0 { return date + "T" + time + "Z" }
        let sign = offset < 0 ? "-" : "+"
        let magnitude = Int(offset.magnitude)
        return date + "T" + time + sign + pad(magnitude / 3600, 2) + ":" + pad(magnitude % 3600 / 60, 2)
    }

    /// Parses ISO 8601 / RFC 3339 forms seen in exports: `2019-05-30T15:37:18.828Z`,
    /// `2024-01-02T03:04:05+01:00`, `2024-01-02 03:04:05`, `2024-01-02`.
    public static func parseISO8601<S: Collection>(_ text: S) -> Timestamp? where S.Element == UInt8 {
        if let parsed = text.withContiguousStorageIfAvailable({ parseISO8601Bytes($0) }) { return parsed }
        return Array(text).withUnsafeBufferPointer { parseISO8601Bytes($0) }
    }

    /// The same for bytes in place: parsers hand their buffer over without a copy (the generic
    /// entry point copied every timestamp into an array, an eighth of a Records.json scan,
    /// docs/performance.md).
    public static func parseISO8601(_ text: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        parseISO8601Bytes(text)
    }

    private static func parseISO8601Bytes(_ text: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        var p = ASCIIDigitsCursor(text)
        guard let year = p.number(4), p.expect(UInt8(ascii: "-")), let month = p.number(2),
              p.expect(UInt8(ascii: "-")), let day = p.number(2) else { return nil }
        if p.atEnd { return Timestamp(year: year, month: month, day: day, dateOnly: true) }
        guard p.expect(UInt8(ascii: "T")) || p.expect(UInt8(ascii: " ")),
              let hour = p.number(2), p.expect(UInt8(ascii: ":")), let minute = p.number(2) else { return nil }
        var second = 0
        if p.expect(UInt8(ascii: ":")) { guard let s = p.number(2) else { return nil }; second = s }
        if p.expect(UInt8(ascii: ".")) || p.expect(UInt8(ascii: ",")) { p.skipDigits() }
        var offset: Int32? = nil
        if p.expect(UInt8(ascii: "Z")) || p.expect(UInt8(ascii: "z")) {
            offset = 0
        } else if let sign = p.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            p.advance()
            guard let oh = p.number(2) else { return nil }
            _ = p.expect(UInt8(ascii: ":"))
            let om = p.number(2) ?? 0
            let magnitude = Int32(oh * 3600 + om * 60)
            offset = sign == UInt8(ascii: "-") ? -magnitude : magnitude
        }
        guard p.atEnd else { return nil }
        return Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                         utcOffsetSeconds: offset)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian
    // calendar without any table or Foundation call.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func civilFromDays(_ z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d))
    }

    /// Division rounding toward negative infinity (for days and minutes before 1970).
    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : (a - b + 1) / b }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// Minimal cursor over ASCII bytes for date parsing.
struct ASCIIDigitsCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { atEnd ? nil : bytes[index] }
    mutating func advance() { index += 1 }
    mutating func expect(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }
    mutating func number(_ digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for i in index..<(index + digits) {
            let b = bytes[i]
            guard b >= 48 && b <= 57 else { return nil }
            value = value * 10 + Int(b - 48)
        }
        index += digits
        return value
    }
    mutating func skipDigits() { while let b = peek, b >= 48 && b <= 57 { index += 1 } }
}
