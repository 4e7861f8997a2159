/// Turns the raw clock values exports store (seconds, milliseconds, microseconds or 100 ns
/// ticks since one of several epochs) into a `Timestamp`, checked: a value that overflows on
/// conversion or lands outside `plausibleYears` is an `UntrustedNumberError`, never a trap.
/// See docs/privacy.md, "Untrusted numbers".
public enum UntrustedTime {
    /// The epochs export formats count from.
    public enum Epoch: Sendable {
        /// 1970-01-01 UTC: Unix, JavaScript, Java, most JSON exports.
        case unix1970
        /// 2001-01-01 UTC: Apple's Core Data / NSDate reference date (Safari, iOS backups).
        case apple2001
        /// 1601-01-01 UTC: Windows FILETIME (100 ns ticks) and Chrome/WebKit (microseconds).
        case windows1601
        /// 1904-01-01: classic Mac OS / HFS+ dates and QuickTime/MP4 atoms.
        case macHFS1904

        /// Seconds to add to a time counted from this epoch to count it from 1970.
        public var secondsToUnixEpoch: Int64 {
            switch self {
            case .unix1970: return 0
            case .apple2001: return 978_307_200
            case .windows1601: return -11_644_473_600  // 369 years with 89 leap days
            case .macHFS1904: return -2_082_844_800    // 66 years with 17 leap days
            }
        }
    }

    /// The units those clocks tick in, as the number of ticks per second.
    public enum Unit: Int64, Sendable {
        case seconds = 1
        case milliseconds = 1_000
        case microseconds = 1_000_000
        /// Windows FILETIME ticks.
        case hundredNanoseconds = 10_000_000
    }

    /// Years a time read from an export may fall in. 1900 admits the oldest dates a living
    /// person's records carry (birth dates, scanned photos, old statements) and rejects the
    /// zero of the 1601 epoch ("unknown" in Chrome and FILETIME); 2200 is far beyond any
    /// device clock yet keeps every later sum (days × 86,400, offsets, durations) many orders
    /// of magnitude from the 64-bit limits. Anything outside is a damaged or hostile value.
    public static let plausibleYears: ClosedRange<Int> = 1900...2200
    /// `plausibleYears` in Unix seconds: 1900-01-01T00:00:00Z … 2200-12-31T23:59:59Z.
    public static let plausibleEpochSeconds: ClosedRange<Int64> =
        Timestamp.daysFromCivil(year: plausibleYears.lowerBound, month: 1, day: 1) * 86_400
        ... Timestamp.daysFromCivil(year: plausibleYears.upperBound + 1, month: 1, day: 1) * 86_400 - 1
    /// UTC offsets beyond ±18 h exist on no clock (real zones span −12 h … +14 h; ±18 h is
    /// the bound java.time and most exporters enforce).
    public static let maxUTCOffsetSeconds: Int64 = 18 * 3600

    /// A raw clock value counted in `unit` since `epoch`, as a timestamp. Rounds toward the
    /// past (floor), so sub-second times before an epoch stay ordered.
    public static func timestamp(_ raw: Int64, unit: Unit, since epoch: Epoch, utcOffsetSeconds: Int32? = 0,
                                 field: String) throws(UntrustedNumberError) -> Timestamp {
        let seconds = floorDivide(raw, unit.rawValue)
        let (unix, overflow) = seconds.addingReportingOverflow(epoch.secondsToUnixEpoch)
        guard !overflow, plausibleEpochSeconds.contains(unix) else {
            throw UntrustedNumberError(field: field, value: String(raw), problem: .implausibleDate)
        }
        return Timestamp(epochSeconds: unix, utcOffsetSeconds: utcOffsetSeconds)
    }

    /// The same from text (a JSON string of digits, an XML attribute): anything that is not
    /// one 64-bit integer (a 30-digit number, `1e300`, `NaN`) is `notAnInteger`.
    public static func timestamp<S: StringProtocol>(text: S, unit: Unit, since epoch: Epoch, utcOffsetSeconds: Int32? = 0,
                                                    field: String) throws(UntrustedNumberError) -> Timestamp {
        let raw = try CheckedNumber.integer(text, field: field)
        return try timestamp(raw, unit: unit, since: epoch, utcOffsetSeconds: utcOffsetSeconds, field: field)
    }

    /// The same from a binary float (Safari's REAL seconds, JSON numbers with a fraction).
    public static func timestamp(floating raw: Double, unit: Unit, since epoch: Epoch, utcOffsetSeconds: Int32? = 0,
                                 field: String) throws(UntrustedNumberError) -> Timestamp {
        guard raw.isFinite else { throw UntrustedNumberError(field: field, value: String(raw), problem: .notFinite) }
        let seconds = (raw / Double(unit.rawValue)).rounded(.down)
        // Int64(seconds) would trap beyond ±9.2e18; the exact initializer returns nil instead.
        guard let whole = Int64(exactly: seconds) else {
            throw UntrustedNumberError(field: field, value: String(raw), problem: .implausibleDate)
        }
        let (unix, overflow) = whole.addingReportingOverflow(epoch.secondsToUnixEpoch)
        guard !overflow, plausibleEpochSeconds.contains(unix) else {
            throw UntrustedNumberError(field: field, value: String(raw), problem: .implausibleDate)
        }
        return Timestamp(epochSeconds: unix, utcOffsetSeconds: utcOffsetSeconds)
    }

    /// A timestamp parsed from civil text (ISO 8601 and the like), checked against
    /// `plausibleYears` (a year 0001 or 9999 is a placeholder, not a date).
    public static func plausible(_ time: Timestamp, field: String) throws(UntrustedNumberError) -> Timestamp {
        guard plausibleEpochSeconds.contains(time.epochSeconds) else {
            throw UntrustedNumberError(field: field, value: describe(time), problem: .implausibleDate)
        }
        return time
    }

    /// A timestamp as text for a message. Civil text only where the calendar arithmetic
    /// (local clock = seconds + offset) cannot overflow; raw seconds beyond that.
    public static func describe(_ time: Timestamp) -> String {
        guard time.epochSeconds.magnitude < 1 << 50 else { return "\(time.epochSeconds) s since 1970" }
        return time.iso8601
    }

    /// `time` moved by a number of seconds an export states (a duration, an offset from a
    /// start), checked for overflow and plausibility.
    public static func shifted(_ time: Timestamp, bySeconds seconds: Int64, field: String) throws(UntrustedNumberError) -> Timestamp {
        let (moved, overflow) = time.epochSeconds.addingReportingOverflow(seconds)
        guard !overflow, plausibleEpochSeconds.contains(moved) else {
            throw UntrustedNumberError(field: field, value: String(seconds), problem: .implausibleDate)
        }
        var result = time
        result.epochSeconds = moved
        return result
    }

    /// A UTC offset stated in seconds, within ±18 h.
    public static func utcOffset(seconds: Int64, field: String) throws(UntrustedNumberError) -> Int32 {
        guard seconds >= -maxUTCOffsetSeconds, seconds <= maxUTCOffsetSeconds else {
            throw UntrustedNumberError(field: field, value: String(seconds), problem: .outOfRange("±18 hours"))
        }
        return Int32(seconds)
    }

    /// A UTC offset stated in minutes (`startTimeTimezoneUtcOffsetMinutes`), within ±18 h.
    public static func utcOffset(minutes: Int64, field: String) throws(UntrustedNumberError) -> Int32 {
        guard minutes >= -maxUTCOffsetSeconds / 60, minutes <= maxUTCOffsetSeconds / 60 else {
            throw UntrustedNumberError(field: field, value: String(minutes), problem: .outOfRange("±18 hours"))
        }
        return Int32(minutes * 60)
    }

    /// Floor division by a positive divisor that cannot overflow (`(a - b + 1) / b` does for
    /// values near Int64.min).
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && a < 0) ? q - 1 : q
    }
}
