/// Checked conversions of numbers read from exports: text to integers and decimals, E7
/// degrees, durations multiplied into seconds, sums. Each returns the value or throws an
/// `UntrustedNumberError`; none traps (Swift traps on overflow, and a trap ends the whole
/// scan). Times live in `UntrustedTime`. See docs/privacy.md, "Untrusted numbers".
public enum CheckedNumber {
    /// Longest length of time an export may state for one record (a play, a sleep, a visit):
    /// the span of `UntrustedTime.plausibleYears`, so start + duration stays in 64 bits.
    public static let maxDurationSeconds: Int64 =
        UntrustedTime.plausibleEpochSeconds.upperBound - UntrustedTime.plausibleEpochSeconds.lowerBound

    /// One 64-bit integer written as decimal digits with an optional sign. `Int64(text)`
    /// returns nil (never traps) for 30-digit numbers, `1e300`, `NaN` and the like.
    public static func integer<S: StringProtocol>(_ text: S, field: String) throws(UntrustedNumberError) -> Int64 {
        guard let value = Int64(text) else {
            throw UntrustedNumberError(field: field, value: String(text), problem: .notAnInteger)
        }
        return value
    }

    /// A decimal number from text, finite: `1e999` parses as infinity and is refused.
    public static func decimal<S: StringProtocol>(_ text: S, field: String) throws(UntrustedNumberError) -> Double {
        guard let value = Double(String(text)) else {
            throw UntrustedNumberError(field: field, value: String(text), problem: .notANumber)
        }
        return try finite(value, field: field)
    }

    /// `value` when it is neither NaN nor ±infinity.
    public static func finite(_ value: Double, field: String) throws(UntrustedNumberError) -> Double {
        guard value.isFinite else { throw UntrustedNumberError(field: field, value: String(value), problem: .notFinite) }
        return value
    }

    /// A finite float rounded to the nearest integer, when that integer fits 64 bits
    /// (`Int64(1e300)` traps; `Int64(exactly:)` does not).
    public static func integer(rounding value: Double, field: String) throws(UntrustedNumberError) -> Int64 {
        let rounded = try finite(value, field: field).rounded()
        guard let result = Int64(exactly: rounded) else {
            throw UntrustedNumberError(field: field, value: String(value), problem: .overflow)
        }
        return result
    }

    /// `a × b`, or `overflow`.
    public static func product(_ a: Int64, _ b: Int64, field: String) throws(UntrustedNumberError) -> Int64 {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { throw UntrustedNumberError(field: field, value: String(a), problem: .overflow) }
        return result
    }

    /// `a + b`, or `overflow`.
    public static func sum(_ a: Int64, _ b: Int64, field: String) throws(UntrustedNumberError) -> Int64 {
        let (result, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw UntrustedNumberError(field: field, value: String(b), problem: .overflow) }
        return result
    }

    /// `a + b`, held at the 64-bit limits instead of overflowing: for totals whose use is a
    /// bracket with an open top (a monthly income beyond 9.2 × 10¹⁸ units is in the top one).
    public static func saturatingSum(_ a: Int64, _ b: Int64) -> Int64 {
        let (result, overflow) = a.addingReportingOverflow(b)
        guard overflow else { return result }
        return b > 0 ? .max : .min
    }

    /// `value × factor`, held at the 64-bit limits (see `saturatingSum`).
    public static func saturatingProduct(_ value: Int64, _ factor: Int64) -> Int64 {
        let (result, overflow) = value.multipliedReportingOverflow(by: factor)
        guard overflow else { return result }
        return (value < 0) == (factor < 0) ? .max : .min
    }

    /// A length of time stated in `unit`, as whole seconds (truncated): never negative, at
    /// most `maxDurationSeconds`.
    public static func durationSeconds(_ raw: Int64, unit: UntrustedTime.Unit, field: String) throws(UntrustedNumberError) -> Int64 {
        guard raw >= 0 else { throw UntrustedNumberError(field: field, value: String(raw), problem: .negativeDuration) }
        let seconds = raw / unit.rawValue
        guard seconds <= maxDurationSeconds else {
            throw UntrustedNumberError(field: field, value: String(raw), problem: .outOfRange("\(UntrustedTime.plausibleYears.count) years"))
        }
        return seconds
    }

    /// A latitude in degrees, finite and within ±90°.
    public static func latitude(_ degrees: Double, field: String) throws(UntrustedNumberError) -> Double {
        guard try finite(degrees, field: field).magnitude <= 90 else {
            throw UntrustedNumberError(field: field, value: String(degrees), problem: .outOfRange("±90°"))
        }
        return degrees
    }

    /// A longitude in degrees, finite and within ±180°.
    public static func longitude(_ degrees: Double, field: String) throws(UntrustedNumberError) -> Double {
        guard try finite(degrees, field: field).magnitude <= 180 else {
            throw UntrustedNumberError(field: field, value: String(degrees), problem: .outOfRange("±180°"))
        }
        return degrees
    }

    /// Degrees from Google's E7 integers (degrees × 10⁷), for a latitude. Out-of-range values
    /// are refused, not clamped: older Takeouts hold E7 values that overflowed 32 bits, and a
    /// wrong position is worse than none.
    public static func latitude(e7: Int64, field: String) throws(UntrustedNumberError) -> Double {
        guard e7.magnitude <= 900_000_000 else {
            throw UntrustedNumberError(field: field, value: String(e7), problem: .outOfRange("±90° (±900000000 in E7)"))
        }
        return Double(e7) / 1e7
    }

    /// Degrees from E7 integers, for a longitude.
    public static func longitude(e7: Int64, field: String) throws(UntrustedNumberError) -> Double {
        guard e7.magnitude <= 1_800_000_000 else {
            throw UntrustedNumberError(field: field, value: String(e7), problem: .outOfRange("±180° (±1800000000 in E7)"))
        }
        return Double(e7) / 1e7
    }
}
