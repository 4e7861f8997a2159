import StewardCore

/// The dates of ISO 20022 statements (`BookgDt`, `ValDt`), in every form the schema allows
/// (docs/formats/bank.md, "CAMT.053"): `Dt` is an `xs:date`, which may carry a zone —
/// `2017-04-01`, `2017-04-01Z`, `2017-04-01+02:00` (as Swiss and Italian banks write) — and
/// `DtTm` an `xs:dateTime`, with or without a zone and fraction. A few banks also write a
/// dateTime inside `Dt`, or a day-first date; both are read rather than lose the entry.
enum CAMTDate {
    /// `Dt`: the booking day as written. A zone on an `xs:date` says in which zone that day is
    /// meant; the day itself is what the statement shows, so the date stays date-only.
    static func date(_ raw: [UInt8]) -> Timestamp? {
        let text = trimmed(raw)
        if text.count > 10, let zoneStart = zoneStart(afterDate: text) {
            guard validZone(text[zoneStart...]) else { return nil }
            return dateOnly(Array(text[..<zoneStart]))
        }
        if let day = dateOnly(text) { return day }
        // A dateTime written where a date belongs: its calendar day, in the statement's clock.
        if let time = Timestamp.parseISO8601(text) {
            let local = time.utcOffsetSeconds.map { Int64($0) } ?? 0
            let day = Timestamp.floorDiv(time.epochSeconds + local, 86_400) * 86_400
            return Timestamp(epochSeconds: day, dateOnly: true)
        }
        return text.count == 10 ? BankCSVDate.parse(text, order: .dayFirst) : nil
    }

    /// `DtTm`: an instant; without a zone it is the bank's local clock, kept without an offset.
    static func dateTime(_ raw: [UInt8]) -> Timestamp? {
        let text = trimmed(raw)
        return Timestamp.parseISO8601(text) ?? date(text)
    }

    private static func dateOnly(_ text: [UInt8]) -> Timestamp? {
        guard text.count == 10, let t = Timestamp.parseISO8601(text) else { return nil }
        return Timestamp(epochSeconds: t.epochSeconds, dateOnly: true)
    }

    /// Where a zone begins after a 10-byte `YYYY-MM-DD` (no `T` follows): `Z` or a sign.
    private static func zoneStart(afterDate text: [UInt8]) -> Int? {
        let next = text[10]
        return next == UInt8(ascii: "Z") || next == UInt8(ascii: "z") || next == UInt8(ascii: "+") || next == UInt8(ascii: "-") ? 10 : nil
    }

    /// `Z`, or `±hh:mm` with hours up to 14 (the schema's range).
    private static func validZone(_ zone: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(zone)
        if bytes == [UInt8(ascii: "Z")] || bytes == [UInt8(ascii: "z")] { return true }
        guard bytes.count == 6, bytes[3] == UInt8(ascii: ":") else { return false }
        let digits = [bytes[1], bytes[2], bytes[4], bytes[5]]
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return false }
        let hours = Int(bytes[1] - 48) * 10 + Int(bytes[2] - 48)
        let minutes = Int(bytes[4] - 48) * 10 + Int(bytes[5] - 48)
        return hours <= 14 && minutes < 60
    }

    private static func trimmed(_ raw: [UInt8]) -> [UInt8] {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = raw.firstIndex(where: { !isSpace($0) }), let last = raw.lastIndex(where: { !isSpace($0) }) else { return [] }
        return Array(raw[first...last])
    }
}
