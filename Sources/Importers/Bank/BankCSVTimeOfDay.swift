import StewardCore

/// A time of day from its own column (`03:46:20`, `3:46 PM`) joined to a date, in the zone a
/// neighbouring column names (PayPal: `PDT`, `CET`; or `+02:00`). An unknown zone name leaves
/// the time local (no offset) rather than guessing.
enum BankCSVTimeOfDay {
    /// Abbreviations PayPal and card issuers write, with their offsets in hours.
    static let zoneOffsets: [String: Double] = [
        "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "WEST": 1, "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2,
        "EET": 2, "EEST": 3, "MSK": 3, "IST": 5.5, "SGT": 8, "HKT": 8, "CST": -6, "CDT": -5, "EST": -5, "EDT": -4,
        "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10, "JST": 9, "KST": 9,
        "AEST": 10, "AEDT": 11, "ACST": 9.5, "AWST": 8, "NZST": 12, "NZDT": 13, "BRT": -3, "ART": -3,
    ]

    static func combine(_ date: Timestamp, _ raw: ArraySlice<UInt8>, zone: ArraySlice<UInt8>?) -> Timestamp? {
        let text = String(decoding: raw, as: UTF8.self).trimmingSpaces.uppercased()
        var clock = Substring(text)
        var pm: Bool? = nil
        if clock.hasSuffix("PM") { pm = true; clock = clock.dropLast(2) } else if clock.hasSuffix("AM") { pm = false; clock = clock.dropLast(2) }
        let parts = clock.trimmingSpaces.split(separator: ":")
        guard parts.count == 2 || parts.count == 3, let h0 = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        let s = parts.count == 3 ? Int(parts[2]) : 0
        guard let s else { return nil }
        var h = h0
        if let pm {
            guard (1...12).contains(h) else { return nil }
            h = h % 12 + (pm ? 12 : 0)
        }
        var offset: Int32? = nil
        if let zone {
            let name = String(decoding: zone, as: UTF8.self).trimmingSpaces.uppercased()
            if let hours = zoneOffsets[name] {
                offset = Int32(hours * 3600)
            } else if let parsed = numericOffset(name) {
                offset = parsed
            }
        }
        let c = date.civil
        return Timestamp(year: c.year, month: c.month, day: c.day, hour: h, minute: m, second: s, utcOffsetSeconds: offset)
    }

    /// `+02:00`, `-0500`, `UTC+2`, `GMT-07:00`.
    static func numericOffset(_ name: String) -> Int32? {
        var t = Substring(name)
        if t.hasPrefix("UTC") || t.hasPrefix("GMT") { t = t.dropFirst(3) }
        guard let sign = t.first, sign == "+" || sign == "-" else { return nil }
        let digits = t.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.count <= 4, let v = Int(digits) else { return nil }
        let (h, m) = digits.count <= 2 ? (v, 0) : (v / 100, v % 100)
        guard h <= 14, m < 60 else { return nil }
        return Int32((sign == "-" ? -1 : 1) * (h * 3600 + m * 60))
    }
}
