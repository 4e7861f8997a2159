import Foundation
import StewardCore

/// A synthetic person whose exports steward can write in the real formats, for demos and
/// workshops: nobody's real data is ever needed to show what a scorer would infer.
public struct Persona: Sendable {
    public var id: String
    public var name: String
    /// One paragraph for the facilitator: who this is and what the exports will reveal.
    public var summary: String
    /// Where the persona lives (ISO 3166-1 alpha-2), and one line on who they are, for
    /// `steward demo --list`.
    public var country: String
    public var tagline: String
    /// Random seed: the same persona always produces the same bytes.
    public var seed: UInt64
    /// The year-long period the exports cover (first day, inclusive).
    public var start: (year: Int, month: Int)
    public var months: Int
    public var salary: (payer: String, amountPence: Int64)
    public var rent: (payee: String, amountPence: Int64)
    public var everyday: [Merchant]
    public var habits: [Habit]
    public var searches: [Search]
    /// Where the person sleeps and works, a trip abroad, and named places they visit: written
    /// as Google location history (Records.json and a Semantic Location History month).
    public var places: Places?
    /// How the current account is exported: a UK bank's CSV, or a German bank's CSV
    /// (ISO-8859-1, semicolons, preamble lines, `-1.234,56`); and the card statement's currency.
    public var bank: BankStyle = .uk
    public var currency: String = "GBP"

    public enum BankStyle: Sendable { case uk, german }

    /// A merchant with a typical spend, used for everyday noise.
    public struct Merchant: Sendable {
        public var name: String
        public var mcc: Int
        public var minPence: Int64
        public var maxPence: Int64
        public var perMonth: Int
        public init(_ name: String, mcc: Int, pence: ClosedRange<Int64>, perMonth: Int) {
            self.name = name
            self.mcc = mcc
            self.minPence = pence.lowerBound
            self.maxPence = pence.upperBound
            self.perMonth = perMonth
        }
    }

    /// Something the person does that a scorer reads: which account it shows in and how often.
    public struct Habit: Sendable {
        public enum Account: Sendable { case current, card }
        public var text: String
        public var mcc: Int?
        public var pence: Int64
        public var account: Account
        /// Every `everyMonths` months, starting at month `offset` (0-based).
        public var everyMonths: Int
        public var offset: Int
        /// Times per active month.
        public var times: Int
        public var hour: Int
        public init(_ text: String, mcc: Int? = nil, pence: Int64, account: Account, everyMonths: Int = 1,
                    offset: Int = 0, times: Int = 1, hour: Int = 12) {
            self.text = text
            self.mcc = mcc
            self.pence = pence
            self.account = account
            self.everyMonths = everyMonths
            self.offset = offset
            self.times = times
            self.hour = hour
        }
    }

    /// A point on the map.
    public struct Coordinate: Sendable {
        public var latitude: Double
        public var longitude: Double
        public init(_ latitude: Double, _ longitude: Double) {
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    /// The person's places over the period.
    public struct Places: Sendable {
        public var home: Coordinate
        public var work: Coordinate
        /// A stay abroad: where, starting month (0-based) and day, and for how many days.
        public var trip: (place: Coordinate, month: Int, day: Int, days: Int)
        public var visits: [Visit]
        public init(home: Coordinate, work: Coordinate, trip: (place: Coordinate, month: Int, day: Int, days: Int), visits: [Visit]) {
            self.home = home
            self.work = work
            self.trip = trip
            self.visits = visits
        }
    }

    /// A named place visited `times` times across the period, at a given hour (UTC).
    public struct Visit: Sendable {
        public var name: String
        public var address: String
        public var at: Coordinate
        public var times: Int
        public var hour: Int
        public init(_ name: String, address: String, at: Coordinate, times: Int, hour: Int) {
            self.name = name
            self.address = address
            self.at = at
            self.times = times
            self.hour = hour
        }
    }

    /// A web search, repeated `times` across the period, at a given hour (UTC).
    public struct Search: Sendable {
        public var query: String
        public var times: Int
        public var hour: Int
        public init(_ query: String, times: Int = 1, hour: Int = 14) {
            self.query = query
            self.times = times
            self.hour = hour
        }
    }
}
