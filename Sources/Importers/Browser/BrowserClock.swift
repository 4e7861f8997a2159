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

    /// Seconds from 1601-01-01 to 1970-01-01: 369 years with 89 leap days.
    static let webKitEpochOffset: Int64 = 11_644_473_600
    /// Seconds from 1970-01-01 to 2001-01-01.
    static let coreDataEpochOffset: Int64 = 978_307_200

    /// Visits before the first graphical browsers' history files or after 2100 come from a
    /// damaged row or a different unit, not from a person's browsing.
    static let plausible: ClosedRange<Int64> = 788_918_400...4_102_444_800  // 1995-01-01 ... 2100-01-01

    /// Unix seconds for a raw value, or nil when the value is zero, negative or implausible.
    func unixSeconds(_ raw: Int64) -> Int64? {
        guard raw > 0 else { return nil }
        let seconds: Int64
        switch self {
        case .webKitMicroseconds: seconds = raw / 1_000_000 - Self.webKitEpochOffset
        case .unixMicroseconds: seconds = raw / 1_000_000
        case .coreDataSeconds:
            guard raw < Int64.max - Self.coreDataEpochOffset else { return nil }
            seconds = raw + Self.coreDataEpochOffset
        }
        return Self.plausible.contains(seconds) ? seconds : nil
    }
}
