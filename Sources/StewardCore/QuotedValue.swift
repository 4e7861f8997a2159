/// What an error message may quote of a value that could not be read. A value shaped like a
/// number, date or time ("2024-13-40", "-9223372036854775808", "NaN") says what went wrong and
/// reveals nothing; free text in such a field (a name, a note pasted into the date column)
/// is record content and is never quoted. Amounts are never quoted at all: callers leave them
/// out. See docs/privacy.md, "Record content in messages".
public enum QuotedValue {
    /// Longest value quoted: a 2 MB digit string must not become the message.
    public static let maxCharacters = 40

    private static let numberOrDateCharacters = Set("0123456789+-.,:/ TZtzeE")
    private static let words: Set<String> = ["nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "null", "true", "false"]

    /// `text` (shortened) when it is shaped like a number, date or time; nil otherwise.
    public static func numberOrDate(_ text: some StringProtocol) -> String? {
        let value = String(text)
        guard !value.isEmpty else { return value }
        guard isNumberOrDate(value) else { return nil }
        return value.count > maxCharacters ? String(value.prefix(maxCharacters)) + "…" : value
    }

    /// Number-shaped words, optionally followed by the units steward itself writes after a
    /// converted value ("-9223372036854775808 s since 1970").
    private static func isNumberOrDate(_ value: String) -> Bool {
        if words.contains(value.lowercased()) { return true }
        let parts = value.split(separator: " ", omittingEmptySubsequences: false)
        var sawUnit = false
        for part in parts {
            if !sawUnit && part.allSatisfy({ numberOrDateCharacters.contains($0) }) { continue }
            if units.contains(String(part)) || (sawUnit && part.allSatisfy(\.isNumber)) { sawUnit = true; continue }
            return false
        }
        return true
    }

    private static let units: Set<String> = ["s", "ms", "µs", "ns", "since", "days", "minutes", "hours"]

    /// `'2024-13-40'` for a value shaped like a number or date, else a note that text was not
    /// quoted: for messages such as "unreadable date \(QuotedValue.describe(raw))".
    public static func describe(_ text: some StringProtocol) -> String {
        numberOrDate(text).map { "'\($0)'" } ?? "(text, not quoted)"
    }
}
