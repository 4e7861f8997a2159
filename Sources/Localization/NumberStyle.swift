/// How a language writes numbers (CLDR decimal and grouping symbols), done by hand so the
/// output is the same on every system whatever its ICU data:
///
/// | language | 1234.5 | 12345.6 |
/// |---|---|---|
/// | en, zh | 1,234.5 | 12,345.6 |
/// | de | 1.234,5 | 12.345,6 |
/// | fr | 1 234,5 (U+202F narrow no-break space) | 12 345,6 |
/// | es | 1234,5 (groups from five digits) | 12.345,6 |
/// | ru | 1 234,5 (U+00A0 no-break space) | 12 345,6 |
public struct NumberStyle: Sendable, Hashable {
    public var decimalSeparator: String
    public var groupSeparator: String
    /// Integer digits needed before grouping starts (CLDR minimumGroupingDigits + 3).
    public var groupingFrom: Int

    public static func of(_ language: Language) -> NumberStyle {
        switch language {
        case .en, .zh: return NumberStyle(decimalSeparator: ".", groupSeparator: ",", groupingFrom: 4)
        case .de: return NumberStyle(decimalSeparator: ",", groupSeparator: ".", groupingFrom: 4)
        case .fr: return NumberStyle(decimalSeparator: ",", groupSeparator: "\u{202F}", groupingFrom: 4)
        case .es: return NumberStyle(decimalSeparator: ",", groupSeparator: ".", groupingFrom: 5)
        case .ru: return NumberStyle(decimalSeparator: ",", groupSeparator: "\u{00A0}", groupingFrom: 4)
        }
    }

    /// A whole number with grouping: `12,345`, `-1.234`.
    public func format(_ value: Int) -> String {
        let sign = value < 0 ? "-" : ""
        return sign + group(String(value.magnitude))
    }

    /// A number with exactly `fractionDigits` digits after the separator, rounded half away
    /// from zero; not-a-number and infinities are `?`.
    public func format(_ value: Double, fractionDigits: Int) -> String {
        guard value.isFinite else { return "?" }
        let digits = max(0, min(fractionDigits, 9))
        var scale: Double = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value.magnitude * scale).rounded()
        // Beyond what an Int holds the number is shown without a fraction rather than wrong.
        guard scaled < 9.0e18 else { return String(describing: value) }
        let units = UInt64(scaled)
        let divisor = UInt64(scale)
        let whole = units / divisor
        var fraction = digits > 0 ? String(units % divisor) : ""
        if digits > 0 { fraction = String(repeating: "0", count: digits - fraction.count) + fraction }
        let sign = value < 0 && units > 0 ? "-" : ""
        return sign + group(String(whole)) + (digits > 0 ? decimalSeparator + fraction : "")
    }

    private func group(_ digits: String) -> String {
        guard digits.count >= groupingFrom else { return digits }
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += groupSeparator }
            out.append(digit)
        }
        return out
    }
}
