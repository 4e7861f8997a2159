import StewardCore

/// Reads the date forms bank CSVs use: `2024-03-01`, `01.03.2024`, `01/03/2024` or
/// `03/01/2024` (order inferred per file), `1.3.24` (two-digit years), `01-Mar-2024`,
/// `1 Mar 2024`, optionally followed by a time of day (`2022-01-02 12:16:54`).
enum BankCSVDate {
    /// Day/month order for dates that do not start with a four-digit year.
    enum Order: Sendable, Equatable { case dayFirst, monthFirst }

    /// The components of a date before the order is applied.
    struct Pieces {
        var first: Int, second: Int, year: Int
        var firstDigits: Int
        var monthName: Bool
        var separator: UInt8
        var hour = 0, minute = 0, second_ = 0
        var hasTime = false
        /// `Z` or `+02:00` after the time (Firefly III writes `2024-06-27T12:00:00+02:00`).
        var utcOffsetSeconds: Int32?
    }

    static let monthNames: [String] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    /// German, French and Spanish abbreviations that differ from the English ones.
    static let otherMonthNames: [String: Int] = [
        "mär": 3, "mrz": 3, "mai": 5, "okt": 10, "dez": 12, "janv": 1, "févr": 2, "fevr": 2, "avr": 4,
        "juin": 6, "juil": 7, "août": 8, "aout": 8, "déc": 12, "ene": 1, "abr": 4, "ago": 8, "dic": 12,
    ]

    static func pieces<C: Collection>(_ raw: C) -> Pieces? where C.Element == UInt8 {
        let bytes = Array(raw)
        var i = 0
        let n = bytes.count
        while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        func number(maxDigits: Int) -> (Int, Int)? {
            var v = 0, d = 0
            while i < n, d < maxDigits, bytes[i] >= 0x30, bytes[i] <= 0x39 { v = v * 10 + Int(bytes[i] - 0x30); d += 1; i += 1 }
            return d == 0 ? nil : (v, d)
        }
        guard let (first, firstDigits) = number(maxDigits: 4), i < n else { return nil }
        let sep = bytes[i]
        guard sep == 0x2D || sep == 0x2E || sep == 0x2F || sep == 0x20 else { return nil }
        i += 1
        var second: Int
        var monthName = false
        if let (v, _) = number(maxDigits: 2) {
            second = v
        } else {
            // A month name: letters (any UTF-8) up to the next separator.
            let start = i
            while i < n, bytes[i] != sep, bytes[i] != 0x2E, bytes[i] < 0x30 || bytes[i] > 0x39 { i += 1 }
            let name = String(decoding: bytes[start..<i], as: UTF8.self).lowercased()
            if i < n, bytes[i] == 0x2E, sep != 0x2E { i += 1 } // "Mar." abbreviation dot
            guard let month = monthNumber(name) else { return nil }
            second = month
            monthName = true
        }
        guard i < n, bytes[i] == sep else { return nil }
        i += 1
        guard let (year, yearDigits) = number(maxDigits: 4), yearDigits == 2 || yearDigits == 4 || firstDigits == 4 else { return nil }
        var p = Pieces(first: first, second: second, year: year, firstDigits: firstDigits, monthName: monthName, separator: sep)
        if firstDigits != 4 && yearDigits == 2 {
            // Two-digit years: the POSIX strptime pivot, 00–68 → 20xx and 69–99 → 19xx.
            p.year = year < 69 ? 2000 + year : 1900 + year
        }
        while i < n, bytes[i] == 0x20 || bytes[i] == 0x54 || bytes[i] == 0x2C { i += 1 }
        if i < n {
            guard let (h, _) = number(maxDigits: 2), i < n, bytes[i] == 0x3A else { return nil }
            i += 1
            guard let (m, md) = number(maxDigits: 2), md == 2 else { return nil }
            var s = 0
            if i < n, bytes[i] == 0x3A {
                i += 1
                guard let (sv, sd) = number(maxDigits: 2), sd == 2 else { return nil }
                s = sv
                // Fractions of a second do not matter for a booking.
                if i < n, bytes[i] == 0x2E { i += 1; while i < n, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 } }
            }
            if i < n, bytes[i] == 0x5A { p.utcOffsetSeconds = 0; i += 1 }
            else if i < n, bytes[i] == 0x2B || bytes[i] == 0x2D {
                let sign: Int32 = bytes[i] == 0x2D ? -1 : 1
                i += 1
                guard let (zh, zd) = number(maxDigits: 2), zd == 2, zh <= 14 else { return nil }
                if i < n, bytes[i] == 0x3A { i += 1 }
                guard let (zm, zmd) = number(maxDigits: 2), zmd == 2, zm < 60 else { return nil }
                p.utcOffsetSeconds = sign * Int32(zh * 3600 + zm * 60)
            }
            while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            guard i == n else { return nil }
            p.hour = h; p.minute = m; p.second_ = s; p.hasTime = true
        }
        return p
    }

    static func monthNumber(_ name: String) -> Int? {
        if let k = monthNames.firstIndex(where: { name.hasPrefix($0) }), name.count <= 9 { return k + 1 }
        return otherMonthNames[name]
    }

    /// The timestamp for `raw`, nil when it is not a valid date in `order`.
    static func parse<C: Collection>(_ raw: C, order: Order) -> Timestamp? where C.Element == UInt8 {
        guard let p = pieces(raw) else { return nil }
        let year: Int, month: Int, day: Int
        if p.firstDigits == 4 {
            // `YYYY-MM-DD`: the third slot holds the day.
            (year, month, day) = (p.first, p.second, p.year)
        } else if p.monthName || p.separator == 0x2E || order == .dayFirst {
            // A dotted date is always day first (German, Russian, Austrian, Swiss banks).
            (year, month, day) = (p.year, p.second, p.first)
        } else {
            (year, month, day) = (p.year, p.first, p.second)
        }
        return Timestamp(year: year, month: month, day: day, hour: p.hour, minute: p.minute, second: p.second_,
                         utcOffsetSeconds: p.utcOffsetSeconds, dateOnly: !p.hasTime)
    }
}
