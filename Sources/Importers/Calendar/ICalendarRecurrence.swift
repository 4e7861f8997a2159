import StewardCore

/// An iCalendar repeat rule (RFC 5545 §3.3.10), expanded to the days a calendar shows
/// (docs/formats/calendar.md, "Repeating events"): a weekly therapy session is fifty
/// appointments a year, not one. Read: `FREQ` DAILY, WEEKLY, MONTHLY or YEARLY, `INTERVAL`,
/// `COUNT`, `UNTIL`, `BYDAY` (weekdays, and for MONTHLY and YEARLY with `BYMONTH` the n-th
/// weekday such as `2TU` or `-1FR`), `BYMONTHDAY` (negative counts from the month's end) and
/// `BYMONTH`. A rule with any other part (`BYSETPOS`, `BYWEEKNO`, `BYYEARDAY`, `BYHOUR`,
/// sub-daily frequencies) is not expanded: `parse` returns nil and only the first occurrence is
/// dated. Weeks start on Monday (`WKST` is not read; it changes only rules that repeat every
/// second week or more on several weekdays).
///
/// Days are counted on the event's own clock: an occurrence keeps the first one's time of day
/// and UTC offset (or its floating local time).
struct ICalendarRecurrence: Equatable {
    enum Frequency: String { case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY" }

    /// A `BYDAY` entry: ISO weekday 1 (Monday) … 7, and for monthly rules the n-th in the month.
    struct Weekday: Equatable {
        var ordinal: Int?
        var isoWeekday: Int
    }

    var frequency: Frequency
    var interval = 1
    var count: Int?
    var until: Timestamp?
    var byDay: [Weekday] = []
    var byMonthDay: [Int] = []
    var byMonth: [Int] = []

    static let maxEmptyPeriods = 1000
    static let weekdayNames = ["MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7]

    /// The rule in `RRULE:` value text, nil when it has a part steward does not expand or a
    /// value that breaks the grammar.
    static func parse(_ text: String) -> ICalendarRecurrence? {
        var frequency: Frequency?
        var rule = ICalendarRecurrence(frequency: .daily)
        for part in text.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            let name = pair[0].uppercased(), value = String(pair[1])
            switch name {
            case "FREQ":
                guard let f = Frequency(rawValue: value.uppercased()) else { return nil }
                frequency = f
            case "INTERVAL":
                guard let n = Int(value), n >= 1, n <= 1000 else { return nil }
                rule.interval = n
            case "COUNT":
                guard let n = Int(value), n >= 1 else { return nil }
                rule.count = n
            case "UNTIL":
                guard let t = ICalendarDate.parse(value, dateOnlyParameter: false) else { return nil }
                rule.until = t
            case "BYDAY":
                for item in value.uppercased().split(separator: ",") {
                    guard item.count >= 2, let weekday = weekdayNames[String(item.suffix(2))] else { return nil }
                    let ordinalText = item.dropLast(2)
                    if ordinalText.isEmpty {
                        rule.byDay.append(Weekday(ordinal: nil, isoWeekday: weekday))
                    } else {
                        guard let n = Int(ordinalText), n != 0, abs(n) <= 53 else { return nil }
                        rule.byDay.append(Weekday(ordinal: n, isoWeekday: weekday))
                    }
                }
            case "BYMONTHDAY":
                for item in value.split(separator: ",") {
                    guard let n = Int(item), n != 0, abs(n) <= 31 else { return nil }
                    rule.byMonthDay.append(n)
                }
            case "BYMONTH":
                for item in value.split(separator: ",") {
                    guard let n = Int(item), (1...12).contains(n) else { return nil }
                    rule.byMonth.append(n)
                }
            case "WKST":
                continue
            default:
                return nil
            }
        }
        guard let frequency else { return nil }
        rule.frequency = frequency
        // The n-th weekday means something only within a month (or a month of a year).
        let ordinals = rule.byDay.contains { $0.ordinal != nil }
        if ordinals && !(frequency == .monthly || (frequency == .yearly && !rule.byMonth.isEmpty)) { return nil }
        return rule
    }

    /// The starts of the occurrences from `start` (always the first, as RFC 5545 counts it)
    /// through `horizon` and `until`, at most `limit`; `cut` says whether the limit stopped it
    /// before the rule ended.
    func occurrences(from start: Timestamp, through horizon: Timestamp, limit: Int) -> (starts: [Timestamp], cut: Bool) {
        let local = start.localSeconds
        let startDay = Timestamp.floorDiv(local, 86_400)
        let timeOfDay = local - startDay * 86_400
        let end = min(horizon.epochSeconds, until?.epochSeconds ?? Int64.max)
        var starts = [start]
        guard start.epochSeconds <= end else { return (starts, false) }
        let (y0, m0, _) = Timestamp.civilFromDays(startDay)
        func timestamp(day: Int64) -> Timestamp {
            Timestamp(epochSeconds: day * 86_400 + timeOfDay - Int64(start.utcOffsetSeconds ?? 0),
                      utcOffsetSeconds: start.utcOffsetSeconds, dateOnly: start.dateOnly)
        }
        // Periods (days, weeks, months, years) are stepped until one begins after the end. A
        // rule whose filters match nothing for a long run (BYMONTHDAY=31 every second month
        // that is never long enough) stops after `maxEmptyPeriods`.
        var emptyPeriods = 0
        var period = 0
        while let begin = periodStart(period: period, startDay: startDay, startYear: y0, startMonth: m0),
              timestamp(day: begin).epochSeconds <= end {
            let days = candidateDays(period: period, startDay: startDay, startYear: y0, startMonth: m0)
            emptyPeriods = days.isEmpty ? emptyPeriods + 1 : 0
            if emptyPeriods >= Self.maxEmptyPeriods { break }
            for day in days where day > startDay {
                let t = timestamp(day: day)
                if t.epochSeconds > end { return (starts, false) }
                if let count, starts.count >= count { return (starts, false) }
                if starts.count >= limit { return (starts, true) }
                starts.append(t)
            }
            period += 1
        }
        return (starts, false)
    }

    /// The first day of period `period` (for stopping when a period has no matching day).
    private func periodStart(period: Int, startDay: Int64, startYear: Int, startMonth: Int) -> Int64? {
        switch frequency {
        case .daily: return startDay + Int64(period * interval)
        case .weekly: return startDay - Int64(Self.isoWeekday(startDay) - 1) + Int64(period * interval * 7)
        case .monthly:
            let months = startMonth - 1 + period * interval
            let year = startYear + months / 12, month = months % 12 + 1
            return year <= 9999 ? Timestamp.daysFromCivil(year: year, month: month, day: 1) : nil
        case .yearly:
            let year = startYear + period * interval
            return year <= 9999 ? Timestamp.daysFromCivil(year: year, month: 1, day: 1) : nil
        }
    }

    /// The days of period `period` the rule picks, in order (not yet cut to `start`).
    private func candidateDays(period: Int, startDay: Int64, startYear: Int, startMonth: Int) -> [Int64] {
        let (_, _, startDate) = Timestamp.civilFromDays(startDay)
        let startWeekday = Self.isoWeekday(startDay)
        switch frequency {
        case .daily:
            let day = startDay + Int64(period * interval)
            return matchesFilters(day) ? [day] : []
        case .weekly:
            let monday = startDay - Int64(startWeekday - 1) + Int64(period * interval * 7)
            let weekdays = byDay.isEmpty ? [startWeekday] : byDay.map(\.isoWeekday).sorted()
            return weekdays.map { monday + Int64($0 - 1) }.filter { byMonth.isEmpty || byMonth.contains(Self.month(of: $0)) }
        case .monthly:
            let months = startMonth - 1 + period * interval
            let year = startYear + months / 12, month = months % 12 + 1
            guard year <= 9999, byMonth.isEmpty || byMonth.contains(month) else { return [] }
            return daysInMonth(year: year, month: month, defaultDay: startDate)
        case .yearly:
            let year = startYear + period * interval
            guard year <= 9999 else { return [] }
            if byMonth.isEmpty && byDay.isEmpty && byMonthDay.isEmpty {
                // The start's day in the start's month: 29 February only in leap years.
                return startDate <= Timestamp.daysIn(month: startMonth, year: year)
                    ? [Timestamp.daysFromCivil(year: year, month: startMonth, day: startDate)] : []
            }
            let months = byMonth.isEmpty ? [startMonth] : byMonth.sorted()
            return months.flatMap { daysInMonth(year: year, month: $0, defaultDay: startDate) }
        }
    }

    /// The days of one month the rule picks: by month day, by weekday (n-th or every), or the
    /// start's day of the month (none when the month is too short, as RFC 5545 says).
    private func daysInMonth(year: Int, month: Int, defaultDay: Int) -> [Int64] {
        let length = Timestamp.daysIn(month: month, year: year)
        let first = Timestamp.daysFromCivil(year: year, month: month, day: 1)
        var days: [Int64] = []
        if !byMonthDay.isEmpty {
            for n in byMonthDay {
                let d = n > 0 ? n : length + n + 1
                if (1...length).contains(d) { days.append(first + Int64(d - 1)) }
            }
            if !byDay.isEmpty { days = days.filter { day in byDay.contains { $0.isoWeekday == Self.isoWeekday(day) } } }
        } else if !byDay.isEmpty {
            for entry in byDay {
                let all = (0..<length).map { first + Int64($0) }.filter { Self.isoWeekday($0) == entry.isoWeekday }
                if let n = entry.ordinal {
                    let index = n > 0 ? n - 1 : all.count + n
                    if all.indices.contains(index) { days.append(all[index]) }
                } else {
                    days += all
                }
            }
        } else if defaultDay <= length {
            days.append(first + Int64(defaultDay - 1))
        }
        return Array(Set(days)).sorted()
    }

    private func matchesFilters(_ day: Int64) -> Bool {
        if !byMonth.isEmpty && !byMonth.contains(Self.month(of: day)) { return false }
        if !byDay.isEmpty && !byDay.contains(where: { $0.isoWeekday == Self.isoWeekday(day) }) { return false }
        if !byMonthDay.isEmpty {
            let (y, m, d) = Timestamp.civilFromDays(day)
            let length = Timestamp.daysIn(month: m, year: y)
            if !byMonthDay.contains(where: { ($0 > 0 ? $0 : length + $0 + 1) == d }) { return false }
        }
        return true
    }

    static func isoWeekday(_ day: Int64) -> Int { Int(((day + 3) % 7 + 7) % 7) + 1 }
    static func month(of day: Int64) -> Int { Timestamp.civilFromDays(day).1 }
}
