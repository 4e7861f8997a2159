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

    /// Parses amounts as banks write them: `-1234.56`, `1.234,56` (decimal comma), `+1,23`,
    /// `1 234,56` (space, NBSP or narrow NBSP grouping), `(12.00)` (negative), `12.00-`
    /// (trailing sign), `1'234.50` (Swiss), `−5.00` (U+2212 minus), `.50`, `EUR 12,00` / `12.00 €`
    /// (currency text around the number is ignored). `decimalSeparator` nil means infer: when
    /// both `.` and `,` occur the last one is the decimal separator; one kind occurring twice
    /// or more is grouping; a lone separator followed by exactly three digits after a nonzero
    /// integer part (`1.234`, `1,234`) is grouping, anything else is decimal. Returns nil for
    /// text that is not one amount (`12-34`, `1.2.3`, `1,23` when `.` is the given separator,
    /// more than 18 significant digits).
    public static func parse<S: Collection>(_ text: S, decimalSeparator: UInt8? = nil,
                                            currency: String? = nil) -> Money? where S.Element == UInt8 {
        if let fast = text.withContiguousStorageIfAvailable({ MoneyTextScanner.scan($0, decimalSeparator: decimalSeparator) }) {
            return fast.map { Money(units: $0.units, scale: $0.scale, currency: currency) }
        }
        let copy = Array(text)
        return copy.withUnsafeBufferPointer { MoneyTextScanner.scan($0, decimalSeparator: decimalSeparator) }
            .map { Money(units: $0.units, scale: $0.scale, currency: currency) }
    }

    public static func parse(_ text: String, decimalSeparator: UInt8? = nil, currency: String? = nil) -> Money? {
        var text = text
        return text.withUTF8 { parse($0, decimalSeparator: decimalSeparator, currency: currency) }
    }

    /// `units` rescaled to `scale` decimals (truncating toward zero when reducing). Held at the
    /// 64-bit limits when more decimals do not fit (an 18-digit amount at a larger scale), so
    /// comparisons and bracket lookups stay on the right side instead of wrapping around.
    public func units(atScale target: Int) -> Int64 {
        if target == scale { return units }
        if target > scale {
            var v = units
            for _ in 0..<(target - scale) { v = CheckedNumber.saturatingProduct(v, 10) }
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

/// The byte-level reader behind `Money.parse`: one pass, no allocation.
enum MoneyTextScanner {
    private static let maxSeparators = 12

    static func scan(_ b: UnsafeBufferPointer<UInt8>, decimalSeparator: UInt8?) -> (units: Int64, scale: Int)? {
        var value: Int64 = 0
        var significantDigits = 0
        var digitCount = 0
        // `.`/`,` separators, each with the number of digits before it. The first is held
        // apart and the array used from the second on: an amount with one separator (`-16,10`,
        // nearly every statement row) allocates nothing (empty arrays do not allocate).
        var firstSep: (byte: UInt8, at: Int) = (0, 0)
        var sepCount = 0
        var seps: [(byte: UInt8, at: Int)] = []
        // Space/apostrophe grouping marks: digit counts before each, for group-size checks.
        var spaceGroupAt: [Int] = []
        var minusSigns = 0
        var openParen = false
        var closedParen = false
        enum Phase { case before, number, after }
        var phase = Phase.before
        var i = 0
        let n = b.count

        // Width of a grouping mark starting at `j` (space, apostrophe, NBSP, narrow NBSP, thin
        // space, right single quote as used in Swiss amounts), 0 if none.
        func groupingMarkWidth(_ j: Int) -> Int {
            let c = b[j]
            if c == 0x20 || c == 0x27 { return 1 }
            if c == 0xC2, j + 1 < n, b[j + 1] == 0xA0 { return 2 }
            if c == 0xE2, j + 2 < n, b[j + 1] == 0x80, b[j + 2] == 0xAF || b[j + 2] == 0x89 || b[j + 2] == 0x99 { return 3 }
            return 0
        }
        func isDigit(_ j: Int) -> Bool { j < n && b[j] >= 0x30 && b[j] <= 0x39 }

        while i < n {
            let c = b[i]
            switch phase {
            case .before, .after:
                if c >= 0x30 && c <= 0x39 {
                    if phase == .after { return nil } // "12 EUR 5": two numbers
                    phase = .number
                    continue
                }
                if (c == 0x2E || c == 0x2C) && phase == .before && isDigit(i + 1) {
                    phase = .number // ".50"
                    continue
                }
                if c == 0x2D { minusSigns += 1 }
                else if c == 0xE2, i + 2 < n, b[i + 1] == 0x88, b[i + 2] == 0x92 { minusSigns += 1; i += 3; continue }
                else if c == 0x28 { if phase == .after || openParen { return nil }; openParen = true }
                else if c == 0x29 { if phase == .before || !openParen || closedParen { return nil }; closedParen = true }
                // Anything else (currency codes and symbols, `+`, spaces) is allowed around the number.
                i += 1
            case .number:
                if c >= 0x30 && c <= 0x39 {
                    if significantDigits > 0 || c != 0x30 { significantDigits += 1 }
                    if significantDigits > 18 { return nil }
                    value = value * 10 + Int64(c - 0x30)
                    digitCount += 1
                    i += 1
                } else if c == 0x2E || c == 0x2C {
                    guard isDigit(i + 1) else { phase = .after; i += 1; continue } // "12." / "12,-"
                    guard sepCount < maxSeparators else { return nil }
                    if sepCount == 0 {
                        firstSep = (c, digitCount)
                    } else {
                        if sepCount == 1 { seps.append(firstSep) }
                        seps.append((c, digitCount))
                    }
                    sepCount += 1
                    i += 1
                } else {
                    let width = groupingMarkWidth(i)
                    if width > 0 && isDigit(i + width) && digitCount > 0 {
                        spaceGroupAt.append(digitCount)
                        i += width
                    } else {
                        phase = .after
                    }
                }
            }
        }
        guard digitCount > 0, minusSigns <= 1, openParen == closedParen else { return nil }
        let negative = minusSigns == 1 || (openParen && closedParen)
        if negative && minusSigns == 1 && openParen { return nil }

        if sepCount == 1 && spaceGroupAt.isEmpty {
            // One separator: the general rules below, with one entry in each list.
            let decimalByte: UInt8?
            if let decimalSeparator {
                decimalByte = decimalSeparator
            } else {
                let after = digitCount - firstSep.at
                let integerIsZero = value / pow10(after) == 0
                decimalByte = (after == 3 && !integerIsZero) ? nil : firstSep.byte
            }
            if firstSep.byte == decimalByte { return (negative ? -value : value, digitCount - firstSep.at) }
            // A grouping mark: one to three digits before it, three after.
            guard firstSep.at >= 1 && firstSep.at <= 3 && digitCount - firstSep.at == 3 else { return nil }
            return (negative ? -value : value, 0)
        }
        if sepCount == 1 { seps.append(firstSep) }
        var decimalAt: Int? = nil
        if let last = seps.last {
            let decimalByte: UInt8?
            if let decimalSeparator {
                decimalByte = decimalSeparator
            } else if seps.contains(where: { $0.byte != last.byte }) {
                decimalByte = last.byte
            } else if seps.count > 1 {
                decimalByte = nil // "1.234.567"
            } else {
                let after = digitCount - last.at
                let integerIsZero = value / pow10(after) == 0
                decimalByte = (after == 3 && !integerIsZero) ? nil : last.byte
            }
            let decimals = seps.filter { $0.byte == decimalByte }
            if decimals.count > 1 { return nil }
            if let d = decimals.first {
                guard d.at == last.at && d.byte == last.byte else { return nil } // decimal must come last
                decimalAt = d.at
            }
        }
        // Every grouping mark must delimit whole groups of the integer part.
        let integerDigits = decimalAt ?? digitCount
        var groupAt = seps.filter { $0.at != decimalAt }.map(\.at) + spaceGroupAt
        groupAt.sort()
        if !groupAt.isEmpty {
            guard groupAt.last! < integerDigits else { return nil }
            var sizes: [Int] = []
            for (k, at) in groupAt.enumerated() {
                sizes.append((k + 1 < groupAt.count ? groupAt[k + 1] : integerDigits) - at)
            }
            guard groupAt[0] >= 1 && groupAt[0] <= 3 else { return nil }
            // Western grouping is by three; Indian lakh grouping is 2,2,…,3 ("1,23,456.00").
            let western = sizes.allSatisfy { $0 == 3 }
            let indian = sizes.last == 3 && sizes.dropLast().allSatisfy { $0 == 2 }
            guard western || indian else { return nil }
        }
        let scale = decimalAt.map { digitCount - $0 } ?? 0
        return (negative ? -value : value, scale)
    }

    private static func pow10(_ n: Int) -> Int64 {
        var v: Int64 = 1
        for _ in 0..<min(n, 18) { v *= 10 }
        return v
    }
}
