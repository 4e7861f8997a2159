import Foundation
import StewardCore

/// A synthetic person whose exports steward can write in the real formats, for demos and
/// workshops: nobody's real data is ever needed to show what a scorer would infer.
public struct Persona: Sendable {
    public var id: String
    public var name: String
    /// The name as the person's chats and exports show it: `name` without " (synthetic)".
    public var displayName: String {
        name.hasSuffix(" (synthetic)") ? String(name.dropLast(" (synthetic)".count)) : name
    }
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
    /// The currency of the persona's statements (OFX `CURDEF`, CSV amounts).
    public var currency: String = "GBP"
    /// What the persona writes, in order: each export names its format and its content (which
    /// account's ledger, which conversations, which profile). docs/personas.md lists them.
    public var exports: [Export] = []
    /// The persona's time zone (whole hours from UTC): the hours of searches, visits and
    /// location fixes are local hours, and chats are written in local time.
    public var utcOffsetHours: Int = 0
    /// The two accounts everyday spending is split between, at random per purchase.
    public var everydayAccounts: (Account, Account) = (.current, .card)

    /// Where a ledger entry is booked.
    public enum Account: Sendable { case current, card, savings, alipay, wechat }

    /// A statement layout, each as the bank or app really writes it (docs/personas.md).
    public enum StatementFormat: Sendable {
        /// UK current account CSV: `Date,Description,Amount,Balance`, DD/MM/YYYY, UTF-8.
        case ukCSV
        /// German Girokonto CSV: ISO-8859-1, `;`, preamble lines, `-1.234,56`.
        case germanCSV
        /// French bank CSV: Windows-1252, `;`, `Date;Libellé;Débit euros;Crédit euros`, `1 234,56`.
        case frenchCSV
        /// Spanish bank CSV: Windows-1252, `;`, `Fecha Operación;Fecha Valor;Concepto;Importe;Saldo`.
        case spanishCSV
        /// Russian bank CSV (Tinkoff-style): Windows-1251, `;`, `DD.MM.YYYY HH:MM:SS`, MCC and category.
        case russianCSV
        /// ISO 20022 camt.053.001.02 bank-to-customer statement (XML), as German banks offer it.
        case camt053
        /// Credit card OFX 1.02 (SGML, CHARSET:1252).
        case cardOFX
        /// Alipay's transaction statement (app layout), GBK.
        case alipayCSV
        /// WeChat Pay's bill, UTF-8 with a byte-order mark.
        case wechatPayCSV
    }

    /// One file (or archive) the persona writes.
    public enum Export: Sendable {
        /// One account's ledger as a statement, written to `file` (relative to the persona's folder).
        case statement(StatementFormat, account: Account, file: String)
        /// A Google Takeout archive: My Activity searches and, with `places`, location history.
        case takeout
        /// WhatsApp "Export chat → Without media": one text file per conversation.
        case whatsApp(Conversation)
        /// Telegram Desktop "Export Telegram data" in JSON: the named owner and their chats.
        case telegram([Conversation])
        /// Facebook "Download your information" in JSON.
        case facebook(SocialProfile)
        /// Instagram "Download your information" in JSON: the ads interests Instagram inferred.
        case instagram(SocialProfile)
        /// The X (Twitter) archive: posts and the personalization the platform inferred.
        case twitter(SocialProfile)
        /// LinkedIn's data export: positions and job applications.
        case linkedIn(Career)
    }

    /// A chat with one other person, its lines repeated every `everyDays` days over the period.
    public struct Conversation: Sendable {
        /// The other person's display name as the chat shows it.
        public var with: String
        public var lines: [Line]
        public var everyDays: Int
        public var hour: Int
        public init(with: String, everyDays: Int, hour: Int = 19, _ lines: [Line]) {
            self.with = with
            self.lines = lines
            self.everyDays = everyDays
            self.hour = hour
        }
    }

    /// One message; `byPerson` says whether the persona wrote it. It is written in every
    /// `every`-th round of its conversation (1: every round), from round `from` on.
    public struct Line: Sendable {
        public var text: String
        public var byPerson: Bool
        public var every: Int
        public var from: Int
        public init(_ text: String, me byPerson: Bool, every: Int = 1, from: Int = 0) {
            self.text = text
            self.byPerson = byPerson
            self.every = every
            self.from = from
        }
    }

    /// What the persona posts and follows on a social platform, and what the platform inferred.
    public struct SocialProfile: Sendable {
        /// Posts, each repeated `times` over the period.
        public var posts: [(text: String, times: Int)]
        public var groups: [String]
        public var pages: [String]
        public var events: [String]
        public var adInterests: [String]
        /// Messenger threads (Facebook only).
        public var chats: [Conversation]
        /// What the platform inferred about the person beyond interests (X personalization):
        /// languages, gender and age bracket; and the language code of the posts.
        public var demographics: (languages: [String], gender: String, age: String)?
        public var language: String
        public init(posts: [(text: String, times: Int)] = [], groups: [String] = [], pages: [String] = [],
                    events: [String] = [], adInterests: [String] = [], chats: [Conversation] = [],
                    demographics: (languages: [String], gender: String, age: String)? = nil, language: String = "en") {
            self.posts = posts
            self.groups = groups
            self.pages = pages
            self.events = events
            self.adInterests = adInterests
            self.chats = chats
            self.demographics = demographics
            self.language = language
        }
    }

    /// Jobs held (`start`/`end` as LinkedIn writes them, `Mar 2023`; no end while ongoing) and
    /// job applications (`year, month, day`).
    public struct Career: Sendable {
        public var positions: [(company: String, title: String, start: String, end: String?)]
        public var applications: [(date: (Int, Int, Int), company: String, title: String)]
        /// Where the jobs were, as LinkedIn writes a position's location.
        public var location: String
        public init(positions: [(company: String, title: String, start: String, end: String?)],
                    applications: [(date: (Int, Int, Int), company: String, title: String)], location: String) {
            self.positions = positions
            self.applications = applications
            self.location = location
        }
    }

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

    /// A named place visited `times` times across the period, at a given local hour (`utcOffsetHours`).
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

    /// A web search, repeated `times` across the period, at a given local hour (`utcOffsetHours`).
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
