/// An exact amount of money: an integer count of units at a decimal scale, never a binary
/// float (0.1 + 0.2 must stay 0.30 in a bank statement). `-1234.56 EUR` is
/// `units: -123456, scale: 2, currency: "EUR"`.
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    public var units: Int64
    /// Number of decimal places in `units`.
    public var scale: Int
    /// ISO 4217 code when known.
    public var currency: String?

    public init(units: Int64, scale: Int, currency: String? = nil) {
        self.units = units
        self.scale = scale
        self.currency = currency
    }

    /// Parses amounts as banks write them: `-1234.56`, `1.234,56` (decimal comma),
    /// `+1,23`, `1 234,56`, `(12.00)` (negative), `12.00-` (trailing sign), `1'234.50`.
    /// `decimalSeparator` nil means: infer (the last of `.`/`,` followed by 1–2 or 3+ digits
    /// decides; a lone separator followed by exactly three digits is read as grouping only
    /// when `groupingHint` says so).
    public static func parse<S: Collection>(_ text: S, decimalSeparator: UInt8? = nil,
                                            currency: String? = nil) -> Money? where S.Element == UInt8 {
        var negative = false
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        var separators: [(byte: UInt8, digitsBefore: Int)] = []
        var sawDigit = false
        var sawTrailingJunk = false
        for b in text {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawTrailingJunk { return nil }
                digits.append(b); sawDigit = true
            case UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"):
                if b != UInt8(ascii: ")") { negative = true }
                if sawDigit && b == UInt8(ascii: "-") { sawTrailingJunk = true }
            case UInt8(ascii: "+"):
                if sawDigit { sawTrailingJunk = true }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                guard sawDigit else {
                    // ".50" is 0.50
                    digits.append(UInt8(ascii: "0")); sawDigit = true
                    separators.append((b, digits.count)); continue
                }
                separators.append((b, digits.count))
            case UInt8(ascii: " "), UInt8(ascii: "'"), UInt8(ascii: "\t"), 0xA0, 0xC2, 0xE2, 0x80, 0xAF, 0x89:
                // spaces, apostrophes, NBSP (0xC2 0xA0), NNBSP (E2 80 AF), thin space: grouping
                continue
            default:
                // currency symbols or codes around the number
                if sawDigit { sawTrailingJunk = true }
            }
        }
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var scale = 0
        if let last = separators.last {
            let after = digits.count - last.digitsBefore
            let isDecimal: Bool
            if let ds = decimalSeparator {
                isDecimal = last.byte == ds
            } else if separators.count > 1 && separators.contains(where: { $0.byte != last.byte }) {
                isDecimal = true
            } else if separators.count > 1 {
                isDecimal = false // "1.234.567"
            } else {
                isDecimal = after != 3
            }
            if isDecimal {
                scale = after
                // every earlier separator must be grouping of the other kind
                if separators.dropLast().contains(where: { $0.byte == last.byte }) { return nil }
            } else if separators.contains(where: { digits.count - $0.digitsBefore > 0 && ($0.byte == decimalSeparator) }) {
                return nil
            }
        }
        var value: Int64 = 0
        for d in digits { value = value * 10 + Int64(d - 48) }
        return Money(units: negative ? -value : value, scale: scale, currency: currency)
    }

    public static func parse(_ text: String, decimalSeparator: UInt8? = nil, currency: String? = nil) -> Money? {
        parse(Array(text.utf8), decimalSeparator: decimalSeparator, currency: currency)
    }

    /// `units` rescaled to `scale` decimals (truncating toward zero when reducing).
    public func units(atScale target: Int) -> Int64 {
        if target == scale { return units }
        if target > scale {
            var v = units
            for _ in 0..<(target - scale) { v = v.multipliedReportingOverflow(by: 10).partialValue }
            return v
        }
        var v = units
        for _ in 0..<(scale - target) { v /= 10 }
        return v
    }

    /// Compares exactly with another amount regardless of scale.
    public func compare(_ other: Money) -> Int {
        let s = max(scale, other.scale)
        let a = units(atScale: s), b = other.units(atScale: s)
        return a < b ? -1 : (a > b ? 1 : 0)
    }

    public var isNegative: Bool { units < 0 }

    /// Plain decimal text such as `-1234.56` (no grouping, `.` as separator).
    public var decimalString: String {
        let magnitude = units.magnitude
        var digits = String(magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return (units < 0 ? "-" : "") + digits
    }

    public var description: String { currency.map { decimalString + " " + $0 } ?? decimalString }
}
