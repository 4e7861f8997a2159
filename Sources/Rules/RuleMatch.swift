import StewardCore

/// The event-level condition of a signal rule (`match:` in a rule file). Source, kind, amount
/// and hour filters must all pass; then the lexicon condition and the MCC condition are
/// combined with `any` (either, the default) or `all` (both). A rule with neither only filters.
public struct RuleMatch: Sendable {
    /// How the lexicon and MCC conditions combine when a rule has both.
    public enum Combination: String, Sendable { case any, all }

    /// `intent:` — whether a search, page view or watch must read as a need of the person
    /// (`need`, the default) or may be about anything (`any`). Under `need`, a lexicon hit in a
    /// field that also holds a topic marker ("lyrics", "recipe", "species", "forecast", …) does
    /// not count: the search is about a topic. See docs/rules.md "Search intent".
    public enum Intent: String, Sendable, CaseIterable { case need, any }

    /// Event kinds whose text is something the person looked for, where intent applies
    /// (`InferenceSession` tests the same three kinds with a switch).
    public static let intentKinds: Set<EventKind> = [.search, .pageView, .watch]

    /// Lexicons whose name starts with this are the shared topic markers (`topic_media`, …).
    public static let topicLexiconPrefix = "topic_"

    /// Whose words a rule reads (`authored_by:`): the person's own, other people's (messages
    /// they sent), or any. Other people's words are counted and never quoted unless asked.
    public enum Authorship: String, Sendable, CaseIterable { case person, others, anyone }

    /// Importer ids or globs (`bank.*`); empty means every source.
    public var sources: [SourcePattern]
    /// Event kinds; empty means every kind.
    public var kinds: Set<EventKind>
    /// Fields searched for lexicon hits.
    public var fields: [Event.Field]
    /// Lexicon names (all languages) and rule-local terms, compiled into automaton groups.
    public var lexicons: [String]
    public var terms: [String]
    public var excludeLexicons: [String]
    public var excludeTerms: [String]
    /// `also:` — lexicons or terms the record must hit as well (anywhere in the rule's fields)
    /// for a lexicon hit to count: a late-payment fee counts as a late bill only when the
    /// record also names a utility (docs/rules.md "Two things in one record").
    public var alsoLexicons: [String] = []
    public var alsoTerms: [String] = []
    /// `also: within:` — how close the `also` hit must be to the hit it narrows: anywhere in
    /// the record's fields (the default), in the same clause of the same field, or in the same
    /// clause with at most n words between them, so two halves of a composition belong
    /// together ("took out a loan", not "took the book, the mortgage of the neighbours":
    /// docs/rules.md "Two things in one record").
    public var alsoWithin: AlsoScope = .record
    public enum AlsoScope: Sendable, Equatable {
        case record, clause
        case words(Int)

        /// The largest gap `within: <n> words` accepts: further apart, two words in one
        /// sentence rarely belong together.
        public static let maxWords = 8

        /// `record`, `clause` or `<n> words` (`1 word`), as written in a rule file.
        public init?(_ text: String) {
            switch text {
            case "record": self = .record
            case "clause": self = .clause
            default:
                let parts = text.split(separator: " ")
                guard parts.count == 2, parts[1] == "words" || parts[1] == "word",
                      let n = Int(parts[0]), (0...Self.maxWords).contains(n) else { return nil }
                self = .words(n)
            }
        }
    }
    public var mcc: MCCSet?
    public var amount: AmountRange?
    public var hours: HourWindow?
    public var combination: Combination
    public var authoredBy: Authorship = .anyone
    /// `mcc_compatible:` — merchant categories a text match stays plausible under although the
    /// MCC alone does not make the rule fire (a liquor chain booked as a supermarket, 5411).
    public var mccCompatible: MCCSet?
    /// `mcc_precedence:` — whether a known merchant category outside `mcc` and `mccCompatible`
    /// cancels a text-only match (a fast-food chain called "Church's", MCC 5814, is not a
    /// church). On by default for rules that declare `mcc:` or `mcc_compatible:`. See
    /// docs/rules.md "Merchant category precedence".
    public var mccPrecedence = false
    public var intent: Intent = .need
    /// `subject: own` — on posts, comments and messages, a hit does not count when its clause
    /// names someone else as the one it happened to before it ("my sister is pregnant", "mein
    /// Kollege ist bei ver.di eingetreten") and names the person nowhere before it (I, ich, je,
    /// я, 我). See docs/rules.md "Someone else's news".
    public var subject: Subject = .anyone
    public enum Subject: String, Sendable, CaseIterable { case anyone, own }
    /// `topics: except:` — shared topic-marker lexicons this rule does not apply (its own
    /// subject: games for a gaming rule).
    public var topicExcept: [String] = []
    /// `topics: lexicons:` / `terms:` — further markers of this rule's attribute, field-wide.
    public var topicLexicons: [String] = []
    public var topicTerms: [String] = []

    /// Codes that name how a payment was made rather than what the merchant is (money
    /// transfers, cash, financial institutions, stored value, app-store and other digital-goods
    /// marketplaces, "not elsewhere classified" catch-alls): they never veto a text match.
    public static let channelMCCs = MCCSet(ranges: [0...0, 4829...4829, 5815...5818, 5999...5999, 6010...6012, 6050...6051,
                                                    6540...6540, 7399...7399, 8999...8999])

    /// Why a text match was dropped, when merchant category precedence dropped it: the event's
    /// MCC lies outside the rule's families. nil when the text match stands.
    public func mccVeto(textMatched: Bool, mccMatched: Bool, eventMCC: Int?) -> Int? {
        guard mccPrecedence, textMatched, !mccMatched, let code = eventMCC else { return nil }
        if mcc?.contains(code) == true || mccCompatible?.contains(code) == true || RuleMatch.channelMCCs.contains(code) {
            return nil
        }
        return code
    }

    /// Fields searched when a rule names none: where merchant names and queries live.
    public static let defaultFields: [Event.Field] = [.text, .title, .counterparty, .place]

    /// Fields searched when a rule on the person's own words (`authored_by: person`) names
    /// none: the counterparty of a message or post is the chat, group or person it went to.
    public static let ownWordsFields: [Event.Field] = [.text, .title, .place]

    public var hasLexiconCondition: Bool { !lexicons.isEmpty || !terms.isEmpty }

    /// Whether the authorship filter lets an event through.
    @inline(__always)
    public func admits(authoredByOthers: Bool) -> Bool {
        switch authoredBy {
        case .anyone: return true
        case .person: return !authoredByOthers
        case .others: return authoredByOthers
        }
    }

    /// Whether the source and kind filters let `event` through.
    public func admits(source: String, kind: EventKind) -> Bool {
        (kinds.isEmpty || kinds.contains(kind)) && (sources.isEmpty || sources.contains { $0.matches(source) })
    }
}

/// An importer id, or a glob where `*` stands for any run of characters (`bank.*`).
public struct SourcePattern: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    public init(_ pattern: String) { self.pattern = pattern }
    public var description: String { pattern }

    public func matches(_ source: String) -> Bool {
        SourcePattern.glob(Array(pattern.utf8)[...], Array(source.utf8)[...])
    }

    private static func glob(_ p: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>) -> Bool {
        guard let first = p.first else { return s.isEmpty }
        if first == UInt8(ascii: "*") {
            var rest = s
            while true {
                if glob(p.dropFirst(), rest) { return true }
                if rest.isEmpty { return false }
                rest = rest.dropFirst()
            }
        }
        guard let c = s.first, c == first else { return false }
        return glob(p.dropFirst(), s.dropFirst())
    }
}

/// Merchant category codes (ISO 18245) as single codes and inclusive ranges.
public struct MCCSet: Sendable, Hashable {
    public var ranges: [ClosedRange<Int>]
    public init(ranges: [ClosedRange<Int>]) { self.ranges = ranges }
    public func contains(_ code: Int) -> Bool { ranges.contains { $0.contains(code) } }
}

/// Inclusive amount bounds, compared exactly with `Money.compare` (currency is not converted).
public struct AmountRange: Sendable {
    public var min: Money?
    public var max: Money?
    /// Whether a record without an amount passes (`or_unknown: true`): "never money in" for a
    /// payee read from a wallet or activity log that states no amount.
    public var admitsUnknown: Bool
    public init(min: Money?, max: Money?, admitsUnknown: Bool = false) {
        self.min = min
        self.max = max
        self.admitsUnknown = admitsUnknown
    }

    /// Whether a record with this amount (nil: none stated) passes.
    public func admits(_ amount: Money?) -> Bool {
        guard let amount else { return admitsUnknown }
        return contains(amount)
    }

    public func contains(_ amount: Money) -> Bool {
        if let min, amount.compare(min) < 0 { return false }
        if let max, amount.compare(max) > 0 { return false }
        return true
    }
}

/// Hours of the local clock from `start` (inclusive) to `end` (exclusive), wrapping midnight
/// when `end` < `start` (`22-5` is 22:00–04:59). Date-only times never match.
public struct HourWindow: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public func contains(hour: Int) -> Bool {
        start < end ? (hour >= start && hour < end) : (hour >= start || hour < end)
    }
}

/// `aggregate:`: the rule's matches only become a finding when at least `count` of them fall
/// within `days` days of each other (last − first < days × 24 h).
public struct RuleAggregate: Sendable, Hashable {
    public var count: Int
    public var days: Int
    public init(count: Int, days: Int) {
        self.count = count
        self.days = days
    }

    /// Whether some window of `days` holds `count` of `sortedTimes` (epoch seconds, ascending).
    public func isSatisfied(bySorted sortedTimes: [Int64]) -> Bool {
        guard count > 0, sortedTimes.count >= count else { return false }
        let span = Int64(days) * 86_400
        for i in 0...(sortedTimes.count - count) where sortedTimes[i + count - 1] - sortedTimes[i] < span {
            return true
        }
        return false
    }
}
