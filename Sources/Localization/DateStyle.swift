/// How a language writes a date in human reports. JSON reports always keep ISO 8601; English
/// reports keep it too (`2024-03-05`, `2024-03-05T09:30:00Z`): it is unambiguous where the
/// English-speaking world disagrees (3/5 or 5/3). Other languages use their everyday numeric
/// form, with the time (UTC, as the report stores it) after the date.
public enum DateStyle {
    /// `iso` rewritten for `language`: `2024-03-05T09:30:00Z` becomes `05.03.2024 09:30 UTC`
    /// (de, ru), `05/03/2024 09:30 UTC` (fr, es), `2024年3月5日 09:30 UTC` (zh). Text that is not
    /// an ISO date or date-time is returned as it is, so nothing is ever lost.
    public static func format(_ iso: String, in language: Language) -> String {
        guard language != .en, let parts = ISOParts(iso) else { return iso }
        let date: String
        switch language {
        case .en: return iso
        case .de, .ru: date = "\(parts.day).\(parts.month).\(parts.year)"
        case .fr, .es: date = "\(parts.day)/\(parts.month)/\(parts.year)"
        case .zh: date = "\(parts.year)年\(Int(parts.month) ?? 0)月\(Int(parts.day) ?? 0)日"
        }
        guard let time = parts.time else { return date }
        return "\(date) \(time)" + (parts.utc ? " UTC" : "")
    }

    /// `YYYY-MM-DD`, optionally `THH:MM[:SS[.fff]]` and `Z`.
    struct ISOParts {
        var year: String, month: String, day: String
        var time: String?
        var utc: Bool

        init?(_ text: String) {
            let scalars = Array(text.unicodeScalars)
            func digits(_ range: Range<Int>) -> String? {
                guard range.upperBound <= scalars.count,
                      scalars[range].allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
                return String(String.UnicodeScalarView(scalars[range]))
            }
            guard scalars.count >= 10, scalars[4] == "-", scalars[7] == "-",
                  let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10) else { return nil }
            (self.year, self.month, self.day) = (year, month, day)
            if scalars.count == 10 { time = nil; utc = false; return }
            guard scalars.count >= 16, scalars[10] == "T" || scalars[10] == " ", scalars[13] == ":",
                  let hour = digits(11..<13), let minute = digits(14..<16) else { return nil }
            time = "\(hour):\(minute)"
            utc = scalars.last == "Z"
        }
    }
}
