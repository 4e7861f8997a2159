import StewardCore

/// The three clocks browsers keep visit times in. All count UTC; none stores the time zone
/// the person was in, so events carry offset 0.
enum BrowserClock {
    /// Chrome/Chromium/Edge/Brave: microseconds since 1601-01-01 (Windows FILETIME's epoch,
    /// which Chromium calls the WebKit epoch on every platform).
    case webKitMicroseconds
    /// Firefox: PRTime, microseconds since 1970-01-01.
    case unixMicroseconds
    /// Safari: Core Data / NSDate reference time, seconds since 2001-01-01 (a REAL, truncated
    /// to whole seconds by the query).
    case coreDataSeconds

    /// Visits before the first graphical browsers' history files or after 2100 come from a
    /// damaged row or a different unit, not from a person's browsing.
    static let plausible: ClosedRange<Int64> = 788_918_400...4_102_444_800  // 1995-01-01 ... 2100-01-01

    /// Unix seconds for a raw value, or nil when the value is zero, negative or implausible
    /// (converted by `UntrustedTime`, which knows the epochs; this range is narrower still).
    func unixSeconds(_ raw: Int64) -> Int64? {
        guard raw > 0 else { return nil }
        let time: Timestamp?
        switch self {
        case .webKitMicroseconds: time = try? UntrustedTime.timestamp(raw, unit: .microseconds, since: .windows1601, field: "visit_time")
        case .unixMicroseconds: time = try? UntrustedTime.timestamp(raw, unit: .microseconds, since: .unix1970, field: "visit_date")
        case .coreDataSeconds: time = try? UntrustedTime.timestamp(raw, unit: .seconds, since: .apple2001, field: "visit_time")
        }
        guard let seconds = time?.epochSeconds, Self.plausible.contains(seconds) else { return nil }
        return seconds
    }
}
