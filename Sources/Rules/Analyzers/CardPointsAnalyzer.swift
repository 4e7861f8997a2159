import StewardCore

/// Counts the distinct shop-and-day points — one merchant on one calendar day — that a
/// person's own card payments expose, the quantity "Unique in the shopping mall" [dM15] measured
/// in 1.1 million people (docs/analyzers/card_points.md).
///
/// A debit counts when it is a card payment at a shop (`card`: a card booking phrase, a merchant
/// category code or a card transaction code) or comes from a payment-app bill
/// (`merchant_sources`), and is not excluded (card bill repayments, own transfers, cash
/// machines). The shop is the merchant name normalised by `merchantKey`; the day is the local
/// calendar day of the booking.
///
/// Memory: the points and shops are kept as 64-bit hashes, at most `max_points` of each; past
/// that the counts stop and are lower bounds ("at least"), which the value says. Two distinct
/// points share a hash with probability about n²/2⁶⁵ (under 10⁻⁹ for 200,000 points), which
/// would undercount by one. The evidence is the earliest payment of each of the earliest
/// `evidenceKept` points.
final class CardPointsAnalyzer: EventAnalyzer {
    static let evidenceKept = 64
    /// Longest merchant key in bytes (whole words): long booking texts add street names and
    /// terminal ids, not another shop.
    static let maximumKeyBytes = 64

    struct Sample {
        var point: UInt64
        var record: RankedRecord
    }

    let definition: CardPointsDefinition
    private var filter: SourceFilter
    private var merchantFilter: SourceFilter
    private var scanner: TransactionTextScanner
    private let card: TransactionCondition.Compiled
    private let excluded: TransactionCondition.Compiled?
    private let cardGroups: [Int32]
    private let automaton: LexiconAutomaton
    private var buffer: [UInt8] = []
    private var spans: [Range<Int>] = []

    private(set) var points = Set<UInt64>()
    private(set) var shops = Set<UInt64>()
    private(set) var overflow = false
    private(set) var payments = 0
    private(set) var firstDay: Int64?
    private(set) var lastDay: Int64?
    private(set) var firstTime: Timestamp?
    private(set) var lastTime: Timestamp?
    private(set) var sample: [Sample] = []
    private var sources = Set<String>()
    private var lastSource: String?

    init(definition: CardPointsDefinition, automaton: LexiconAutomaton) {
        self.definition = definition
        filter = SourceFilter(patterns: definition.sources)
        merchantFilter = SourceFilter(patterns: definition.merchantSources)
        scanner = TransactionTextScanner(automaton: automaton)
        card = definition.card.compiled(for: automaton)
        excluded = definition.exclude?.compiled(for: automaton)
        cardGroups = TransactionTextScanner.groupIds(definition.card.lexicons, in: automaton)
        self.automaton = automaton
    }

    func observe(_ event: Event, path: String) {
        guard event.kind == .transaction, let amount = event.amount, amount.units < 0, let time = event.time,
              filter.admits(event.source) else { return }
        scanner.scan(event)
        if let excluded, excluded.matches(event, scanner: scanner) { return }
        // An empty `merchant_sources` list means none, not every source.
        let fromMerchantSource = !definition.merchantSources.isEmpty && merchantFilter.admits(event.source)
        guard fromMerchantSource || card.matches(event, scanner: scanner) else { return }
        var shop = merchantKey(event.counterparty)
        if shop.isEmpty { shop = merchantKey(event.text) }
        guard !shop.isEmpty else { return }

        payments += 1
        if event.source != lastSource {
            lastSource = event.source
            sources.insert(event.source)
        }
        let day = Self.localDay(time)
        firstDay = min(firstDay ?? day, day)
        lastDay = max(lastDay ?? day, day)
        if firstTime.map({ time < $0 }) ?? true { firstTime = time }
        if lastTime.map({ time > $0 }) ?? true { lastTime = time }
        let shopHash = Self.fnv1a(shop)
        let point = Self.mix(shopHash, day: day)
        if !overflow && !points.contains(point) {
            if points.count >= definition.maximumPoints {
                overflow = true
            } else {
                points.insert(point)
                shops.insert(shopHash)
            }
        }
        // Cheap rejection of payments later than a full sample's last, before a record is built.
        if sample.count < Self.evidenceKept || time.epochSeconds <= (sample.last?.record.time?.epochSeconds ?? Int64.max) {
            offer(Sample(point: point, record: RankedRecord(event: event, path: path, rule: definition.id)))
        }
    }

    /// The calendar day of a booking on the clock the export gives (UTC when it gives none;
    /// a date without a time is that date).
    static func localDay(_ time: Timestamp) -> Int64 {
        let local = time.epochSeconds + Int64(time.utcOffsetSeconds ?? 0)
        return local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    }

    /// A merchant name that survives statement noise: folded (`TextFolder`), without the card
    /// booking phrases of `card.lexicons` ("CARD PAYMENT TO", "Kartenzahlung", "CB"), letters
    /// only, single spaces, whole words up to `maximumKeyBytes`. `*` and `/` separate words
    /// (`PAYPAL *NETFLIX`, `SQ *COFFEE`); other marks join the letters around them (`M&S`,
    /// `O'NEILL'S`, `DM-DROGERIE`). The name ends at the first word holding a digit once it has
    /// a word (a store number, date, reference or terminal id follows the name on statements),
    /// and a `date_words` word just before that digit is dropped ("ON 04 MAR", "am 02.01.");
    /// words with digits before the name are dropped (`CARTE X4821 01/03 CARREFOUR` →
    /// `carrefour`; `7-ELEVEN` loses its first word too). So
    /// `CARD PAYMENT TO TESCO STORES 3021 ON 12 MAR` and `Tesco Stores 12/03` are one shop.
    /// Empty when no letters remain.
    func merchantKey(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        buffer.removeAll(keepingCapacity: true)
        TextFolder.fold(text, into: &buffer)
        spans.removeAll(keepingCapacity: true)
        if !cardGroups.isEmpty {
            let groups = cardGroups
            var found: [Range<Int>] = []
            buffer.withUnsafeBufferPointer { bytes in
                automaton.scan(folded: bytes) { hit in
                    if groups.contains(hit.group) { found.append(Int(hit.start)..<Int(hit.end)) }
                }
            }
            spans = found
        }
        var words: [[UInt8]] = []
        var length = 0
        var word: [UInt8] = []
        var wordHasDigit = false
        var stopped = false
        func endWord() {
            defer { word.removeAll(keepingCapacity: true); wordHasDigit = false }
            if wordHasDigit {
                guard !words.isEmpty else { return }
                if let last = words.last, definition.dateWords.contains(last) { words.removeLast() }
                stopped = true
                return
            }
            guard !word.isEmpty, length + 1 + word.count <= Self.maximumKeyBytes else { return }
            length += word.count + 1
            words.append(word)
        }
        var index = 0
        while index < buffer.count && !stopped {
            if let span = spans.first(where: { $0.contains(index) }) {
                endWord()
                index = span.upperBound
                continue
            }
            let byte = buffer[index]
            if (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80 {
                word.append(byte)
            } else if byte >= 0x30 && byte <= 0x39 {
                wordHasDigit = true
            } else if byte <= 0x20 || byte == 0x2A || byte == 0x2F {
                endWord()
            }
            index += 1
        }
        if !stopped { endWord() }
        var key: [UInt8] = []
        for (i, w) in words.enumerated() {
            if i > 0 { key.append(0x20) }
            key.append(contentsOf: w)
        }
        return String(decoding: key, as: UTF8.self)
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// One 64-bit value per (shop, day): the shop's hash and the day mixed by SplitMix64's
    /// finaliser, so nearby days of one shop do not land on nearby values.
    static func mix(_ shop: UInt64, day: Int64) -> UInt64 {
        var z = shop &+ UInt64(bitPattern: day) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Keeps the earliest payment of each point, for the earliest `evidenceKept` points.
    private func offer(_ item: Sample) {
        // A full sample's last ranks after every kept record, so a later payment replaces nothing.
        if sample.count >= Self.evidenceKept, let worst = sample.last, !item.record.ranks(before: worst.record) { return }
        if let existing = sample.firstIndex(where: { $0.point == item.point }) {
            guard item.record.ranks(before: sample[existing].record) else { return }
            sample.remove(at: existing)
        }
        var index = sample.count
        while index > 0 && item.record.ranks(before: sample[index - 1].record) { index -= 1 }
        sample.insert(item, at: index)
        if sample.count > Self.evidenceKept { sample.removeLast() }
    }

    func merge(_ other: any EventAnalyzer) {
        guard let other = other as? CardPointsAnalyzer else { return }
        payments += other.payments
        sources.formUnion(other.sources)
        if let day = other.firstDay { firstDay = min(firstDay ?? day, day) }
        if let day = other.lastDay { lastDay = max(lastDay ?? day, day) }
        if let time = other.firstTime, firstTime.map({ time < $0 }) ?? true { firstTime = time }
        if let time = other.lastTime, lastTime.map({ time > $0 }) ?? true { lastTime = time }
        if other.overflow { overflow = true }
        for point in other.points where !points.contains(point) {
            if points.count >= definition.maximumPoints { overflow = true; break }
            points.insert(point)
        }
        for shop in other.shops where !shops.contains(shop) {
            if shops.count >= definition.maximumPoints { overflow = true; break }
            shops.insert(shop)
        }
        for item in other.sample { offer(item) }
    }

    func findings(evidenceLimit: Int) -> [Finding] {
        guard points.count >= definition.minimumPoints, let firstDay, let lastDay else { return [] }
        let days = Int(lastDay - firstDay + 1)
        var value = [
            FindingValuePart(overflow ? "value.card_points.points_at_least" : "value.card_points.points",
                             ["count": .integer(points.count)]),
            FindingValuePart(overflow ? "value.card_points.shops_at_least" : "value.card_points.shops",
                             ["count": .integer(shops.count)]),
            FindingValuePart("value.card_points.days", ["count": .integer(days)]),
            FindingValuePart("value.card_points.study"),
        ]
        // The study's window was 3 months; a longer export is brought to that window as an
        // average (illustrative: a person's shopping is not spread evenly).
        if days > Self.studyDays {
            let perWindow = Int((Double(points.count) * Double(Self.studyDays) / Double(days)).rounded())
            value.append(FindingValuePart("value.card_points.per_study_window", ["count": .integer(perWindow)]))
        }
        var finding = RankedRecord.finding(sample.map(\.record), attribute: definition.attribute, id: definition.id,
                                           confidence: definition.confidence, valueParts: value, sources: sources,
                                           evidenceLimit: evidenceLimit)
        // The sample is bounded; the count of payments read and the period are exact.
        finding.count = payments
        finding.firstSeen = firstTime?.iso8601
        finding.lastSeen = lastTime?.iso8601
        return [finding]
    }

    /// Three months, as 91 days: the length of the records [dM15] studied.
    static let studyDays = 91
}
