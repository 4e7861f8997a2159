import StewardCore

/// OFX date-times: `YYYYMMDD`, `YYYYMMDDHHMMSS`, `YYYYMMDDHHMMSS.XXX`, each optionally
/// followed by a zone in brackets: `[-5:EST]`, `[0:GMT]`, `[+5.45:NPT]`, `[-3]`.
enum OFXDate {
    /// The timestamp, nil when the text is not an OFX date. Without a zone the offset stays
    /// unknown: the spec says GMT, but many banks write local time without saying so.
    static func parse(_ text: String) -> Timestamp? {
        let bytes = Array(text.utf8)
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= bytes.count else { return nil }
            var v = 0
            for k in i..<(i + count) {
                guard bytes[k] >= 0x30 && bytes[k] <= 0x39 else { return nil }
                v = v * 10 + Int(bytes[k] - 0x30)
            }
            i += count
            return v
        }
        guard let year = digits(4), let month = digits(2), let day = digits(2) else { return nil }
        var hour = 0, minute = 0, second = 0
        var hasTime = false
        if i < bytes.count, bytes[i] != 0x5B {
            guard let h = digits(2), let m = digits(2) else { return nil }
            hour = h; minute = m; hasTime = true
            if let s = digits(2) { second = s }
            if i < bytes.count, bytes[i] == 0x2E { // milliseconds: not kept
                i += 1
                while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            }
        }
        var offset: Int32? = nil
        if i < bytes.count, bytes[i] == 0x5B {
            guard let close = bytes[i...].firstIndex(of: 0x5D) else { return nil }
            let zone = bytes[(i + 1)..<close]
            let numeric = zone.prefix(while: { $0 != 0x3A })
            guard let seconds = zoneOffset(numeric) else { return nil }
            offset = seconds
            i = close + 1
        }
        guard i == bytes.count else { return nil }
        return Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                         utcOffsetSeconds: offset, dateOnly: !hasTime)
    }

    /// `-5`, `+5.45`, `5.5`, `0`. After the point, two digits are minutes (`5.45` is Nepal's
    /// +05:45, `9.30` is +09:30) and one digit is tenths of an hour (`5.5` is +05:30): banks
    /// write both.
    static func zoneOffset(_ text: ArraySlice<UInt8>) -> Int32? {
        var t = text[...]
        var sign: Int32 = 1
        if let f = t.first, f == 0x2B || f == 0x2D { sign = f == 0x2D ? -1 : 1; t = t.dropFirst() }
        let whole = t.prefix(while: { $0 >= 0x30 && $0 <= 0x39 })
        guard !whole.isEmpty, whole.count <= 2 else { return nil }
        var hours: Int32 = 0
        for d in whole { hours = hours * 10 + Int32(d - 0x30) }
        t = t.dropFirst(whole.count)
        var minutes: Int32 = 0
        if t.first == 0x2E {
            let frac = t.dropFirst()
            guard !frac.isEmpty, frac.count <= 2, frac.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            let v = frac.reduce(Int32(0)) { $0 * 10 + Int32($1 - 0x30) }
            minutes = frac.count == 1 ? v * 6 : v
            guard minutes < 60 else { return nil }
            t = t.dropFirst(frac.count + 1)
        }
        guard t.isEmpty, hours <= 14 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}
