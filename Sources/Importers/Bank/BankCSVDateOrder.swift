import StewardCore

/// Decides whether a bank CSV writes `01/03/2025` as 1 March (day first) or 3 January (month
/// first) when no date in the head has a day above 12, using every other hint the file gives,
/// strongest first, and says in words which order was chosen and why (a warning in the report;
/// see docs/formats/bank.md, "Day or month first").
struct BankCSVDateOrder: Sendable, Equatable {
    var order: BankCSVDate.Order
    /// Why, in words; nil when an unambiguous date decided (nothing to warn about).
    var reason: String?

    /// One date cell of the head that could be read either way (slash or dash, numeric month).
    struct Sample {
        var raw: ArraySlice<UInt8>
        var pieces: BankCSVDate.Pieces
    }

    /// What the rest of the file says.
    struct Hints {
        /// Currency codes seen in the header, the currency column and amount cells.
        var currencies: Set<String> = []
        /// A header name that only British statements use (`Paid out`), if any.
        var britishHeader: String?
        /// A header name that only US statements use (`Check or Slip #`), if any.
        var americanHeader: String?
        /// A header name in a language other than English (`Buchungstag`), if any.
        var nonEnglishHeader: String?
        /// The amount header is English, amounts use a decimal point and no currency other than
        /// USD is named: how US banks write (Chase, Bank of America).
        var looksAmerican = false
        /// The person's locale (LC_ALL, LC_TIME or LANG) and the order it writes.
        var locale: LocaleHint?
    }

    /// A locale's date order, from its name (`en_GB.UTF-8` → day first, `en_US` → month first).
    struct LocaleHint: Sendable, Equatable {
        var name: String
        var order: BankCSVDate.Order

        /// Locales whose short date puts the month first.
        static let monthFirstRegions: Set<String> = ["US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "UM", "VI"]

        /// The order of `LC_ALL`, else `LC_TIME`, else `LANG`; nil for `C`/`POSIX` or no region.
        static func from(environment: [String: String]) -> LocaleHint? {
            let name = [environment["LC_ALL"], environment["LC_TIME"], environment["LANG"]]
                .compactMap { $0 }.first { !$0.isEmpty } ?? ""
            let base = name.split(separator: ".").first.map(String.init) ?? ""
            let parts = base.split(separator: "_")
            guard parts.count >= 2, let region = parts[1].split(separator: "@").first, region.count == 2 else { return nil }
            return LocaleHint(name: base, order: monthFirstRegions.contains(String(region)) ? .monthFirst : .dayFirst)
        }
    }

    /// Currencies of countries whose banks write month first, and of countries where both
    /// orders are common (no vote).
    static let monthFirstCurrencies: Set<String> = ["USD"]
    static let undecidedCurrencies: Set<String> = ["CAD"]

    /// The order for a head whose dates voted `dayFirstVotes` / `monthFirstVotes` (dates with a
    /// first or second number above 12); `samples` are the head's dates in file order.
    static func decide(dayFirstVotes: Int, monthFirstVotes: Int, samples: [Sample], hints: Hints) -> BankCSVDateOrder {
        if dayFirstVotes > 0 || monthFirstVotes > 0 {
            let order: BankCSVDate.Order = monthFirstVotes > dayFirstVotes ? .monthFirst : .dayFirst
            guard dayFirstVotes > 0 && monthFirstVotes > 0 else { return BankCSVDateOrder(order: order, reason: nil) }
            return BankCSVDateOrder(order: order, reason: "\(words(order)): \(max(dayFirstVotes, monthFirstVotes)) dates can only be read "
                + "that way, but \(min(dayFirstVotes, monthFirstVotes)) only the other way; those rows are skipped")
        }
        guard let example = samples.first else { return BankCSVDateOrder(order: .dayFirst, reason: nil) }
        func say(_ order: BankCSVDate.Order, _ why: String) -> BankCSVDateOrder {
            BankCSVDateOrder(order: order, reason: "no date in the file has a day above 12, so \(describe(example, order)): \(why)")
        }
        if let order = monotonicOrder(samples) {
            return say(order, "the rows are in date order only when read that way")
        }
        let named = hints.currencies.subtracting(undecidedCurrencies)
        if !named.isEmpty {
            let monthFirst = named.isSubset(of: monthFirstCurrencies)
            let dayFirst = named.isDisjoint(with: monthFirstCurrencies)
            let list = named.sorted().joined(separator: ", ")
            if dayFirst { return say(.dayFirst, "the amounts are in \(list), and banks using it write the day first") }
            if monthFirst { return say(.monthFirst, "the amounts are in USD, and US banks write the month first") }
        }
        if let british = hints.britishHeader {
            return say(.dayFirst, "the column \"\(british)\" is how British banks name it, and they write the day first")
        }
        if let american = hints.americanHeader {
            return say(.monthFirst, "the column \"\(american)\" is how US banks name it, and they write the month first")
        }
        if let foreign = hints.nonEnglishHeader {
            return say(.dayFirst, "the column names are not English (\"\(foreign)\"), and banks writing them put the day first")
        }
        if let locale = hints.locale {
            return say(locale.order, "nothing in the file tells, and your locale (\(locale.name)) writes the "
                + (locale.order == .dayFirst ? "day" : "month") + " first")
        }
        if hints.looksAmerican {
            return say(.monthFirst, "nothing in the file tells; English column names, decimal points and no currency named "
                + "are how US banks write. If this statement is not from a US bank, its dates are wrong")
        }
        return say(.dayFirst, "nothing in the file tells, and banks outside the US write the day first")
    }

    /// The one order under which the dates never go back and forth (statements list rows oldest
    /// or newest first), or nil when both or neither do, or there are too few distinct dates.
    static func monotonicOrder(_ samples: [Sample]) -> BankCSVDate.Order? {
        func isMonotonic(_ order: BankCSVDate.Order) -> Bool? {
            var days: [Int64] = []
            for sample in samples {
                guard let t = BankCSVDate.parse(sample.raw, order: order) else { return false }
                let day = t.epochSeconds / 86_400
                if days.last != day { days.append(day) }
            }
            guard days.count >= 3 else { return nil }
            let pairs = zip(days, days.dropFirst())
            return pairs.allSatisfy { $0 < $1 } || pairs.allSatisfy { $0 > $1 }
        }
        guard let dayFirst = isMonotonic(.dayFirst), let monthFirst = isMonotonic(.monthFirst), dayFirst != monthFirst else { return nil }
        return dayFirst ? .dayFirst : .monthFirst
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// `dates read as day/month (01/03/2025 = 1 March 2025)`.
    static func describe(_ sample: Sample, _ order: BankCSVDate.Order) -> String {
        let text = String(decoding: sample.raw, as: UTF8.self).trimmingSpaces
        guard let t = BankCSVDate.parse(sample.raw, order: order) else { return words(order) }
        let c = t.civil
        return "\(words(order)) (\(text) = \(c.day) \(monthNames[c.month - 1]) \(c.year))"
    }

    static func words(_ order: BankCSVDate.Order) -> String {
        order == .dayFirst ? "dates read as day/month" : "dates read as month/day"
    }
}
