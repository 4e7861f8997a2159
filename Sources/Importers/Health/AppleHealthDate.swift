import StewardCore

/// Dates in Apple Health's export.xml: `2019-06-11 15:00:00 +0200` (the phone's clock and its
/// UTC offset when the sample was recorded: kept, since "per day" means the person's day) and
/// `2016-11-15` (`ActivitySummary dateComponents`, a calendar day).
enum AppleHealthDate {
    static func parse<C: Collection>(_ raw: C) -> Timestamp? where C.Element == UInt8 {
        let b = Array(raw)
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= b.count else { return nil }
            var v = 0
            for k in at..<(at + count) {
                let c = b[k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        guard b.count >= 10, b[4] == 0x2D, b[7] == 0x2D,
              let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2) else { return nil }
        if b.count == 10 { return Timestamp(year: year, month: month, day: day, dateOnly: true) }
        guard b.count >= 19, b[10] == 0x20 || b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A,
              let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2) else { return nil }
        var k = 19
        while k < b.count, b[k] == 0x20 { k += 1 }
        var offset: Int32?
        if k < b.count {
            if b[k] == 0x5A { offset = 0; k += 1 }
            else if b[k] == 0x2B || b[k] == 0x2D {
                let negative = b[k] == 0x2D
                guard let oh = digits(k + 1, 2) else { return nil }
                var m = k + 3
                if m < b.count, b[m] == 0x3A { m += 1 }
                guard let om = digits(m, 2), oh <= 14, om < 60 else { return nil }
                let magnitude = Int32(oh * 3600 + om * 60)
                offset = negative ? -magnitude : magnitude
                k = m + 2
            } else { return nil }
        }
        guard k == b.count else { return nil }
        return Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                         utcOffsetSeconds: offset)
    }
}
