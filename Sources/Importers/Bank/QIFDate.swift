import StewardCore

/// Reads the date forms QIF writers use. Quicken writes month first with `'` before the year
/// from 2000 on (`D1/ 1'00`, `D2/10'2020`) and `/` before it (`D12/31/99`, `D12/31/1999`);
/// European programs write `D31.12.2019`, newer ones `D2019-12-31`. Days may be space-padded.
enum QIFDate {
    /// nil when `raw` is not a date. A slashed date is month first unless its first number
    /// cannot be a month (`31/12/2019`, written by UK programs): then it is day first.
    static func parse<Bytes: Collection>(_ raw: Bytes) -> Timestamp? where Bytes.Element == UInt8 {
        // The first two numbers with the separator after each, kept in locals: two arrays per
        // record were most of a date's cost in a QIF scan (docs/performance.md, "QIF lines read
        // in place").
        typealias Part = (value: Int, digits: Int, separator: UInt8)
        var a: Part = (0, 0, 0), b: Part = (0, 0, 0)
        var parts = 0
        var value = 0, digits = 0
        for byte in raw {
            if byte >= 0x30 && byte <= 0x39 {
                guard digits < 4 else { return nil }
                value = value * 10 + Int(byte - 0x30); digits += 1
            } else if byte == 0x20 && digits == 0 {
                continue // space padding: `1/ 1'00`
            } else if byte == 0x2F || byte == 0x2E || byte == 0x2D || byte == 0x27 || byte == 0x20 {
                guard digits > 0, parts < 2 else { return nil }
                if parts == 0 { a = (value, digits, byte) } else { b = (value, digits, byte) }
                parts += 1
                value = 0; digits = 0
            } else {
                return nil
            }
        }
        guard digits > 0, parts == 2 else { return nil }
        let c = (value: value, digits: digits)
        if a.digits == 4 { return Timestamp(year: a.value, month: b.value, day: c.value, dateOnly: true) }
        var year = c.value
        if c.digits <= 2 {
            // `'` marks 2000+ in Quicken; otherwise the POSIX strptime pivot (69–99 → 19xx).
            year = b.separator == 0x27 ? 2000 + c.value : (c.value < 69 ? 2000 + c.value : 1900 + c.value)
        } else if c.digits != 4 {
            return nil
        }
        if a.separator == 0x2E || a.value > 12 {
            return Timestamp(year: year, month: b.value, day: a.value, dateOnly: true)
        }
        return Timestamp(year: year, month: a.value, day: b.value, dateOnly: true)
    }
}
