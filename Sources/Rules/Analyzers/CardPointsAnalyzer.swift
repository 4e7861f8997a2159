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
final class CardPointsAnalyzer: EventAnalyzer, FoldedFieldReader {
    /// Every copy of a payment is read (only some copies carry the card's merchant code);
    /// points are distinct shop-days, so a second copy adds none.
    var readsEveryCopy: Bool { true }

    static let evidenceKept = 64
    /// Longest merchant key in bytes (whole words): long booking texts add street names and
    /// terminal ids, not another shop.
    static let maximumKeyBytes = 64

    struct Sample {
        var point: UInt64
        var record: RankedRecord
    }

    /// One field of a transaction, folded, with the hits of the analyzer's lexicons in it.
    struct FoldedField {
        var bytes: [UInt8] = []
        var hits: [(group: Int32, span: Range<Int>)] = []
    }

    let definition: CardPointsDefinition
    private var filter: SourceFilter
    private var merchantFilter: SourceFilter
    var foldedFields: FoldedFieldCache
    private let cardGroups: [Int32]
    private let excludeGroups: [Int32]
    private let excludeCodes: BankCodes
    private let cardCodes: BankCodes
    /// Reused per event: each field is folded and scanned once, for the card and exclude
    /// conditions and for the merchant name alike.
    private var counterparty = FoldedField()
    private var text = FoldedField()
    private var key: [UInt8] = []
    /// The shop hash of recently seen counterparties and texts, keyed by a 64-bit digest of the
    /// folded field: a statement repeats its shops' names on every payment, and deriving the key
    /// again cost more than looking it up. The key is a function of the folded field alone (its
    /// bytes and the card phrases in them), so a remembered one is the one `shopKey` would give,
    /// unless two different fields share a digest (about n²/2⁶⁵, as for points). Keyed by the
    /// digest in a fixed direct-mapped table rather than by the `String` in a dictionary: real
    /// statement lines carry a time and a sequence number after the name, so nearly every
    /// lookup misses, and hashing and comparing the text as a `String` (canonical equivalence
    /// for non-ASCII text) was 7 % of a Girokonto profile (docs/performance.md, "Shop keys
    /// remembered by digest").
    private var shopOfCounterparty = ShopMemo()
    private var shopOfText = ShopMemo()
    /// The same, keyed by the digest of the bytes before the field's first digit, for fields
    /// whose name ends at the word holding that digit: statement lines repeat a shop's name
    /// and differ from its first digit on (a time, a terminal id, a sequence number), so the
    /// whole field's digest almost never repeats where this one does (docs/performance.md,
    /// "Shop keys remembered by the text before the first digit").
    private var shopOfPrefix = ShopMemo()

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
        foldedFields = FoldedFieldCache(automaton: automaton)
        cardGroups = TransactionTextScanner.groupIds(definition.card.lexicons, in: automaton)
        excludeGroups = TransactionTextScanner.groupIds(definition.exclude?.lexicons ?? [], in: automaton)
        excludeCodes = BankCodes(definition.exclude?.codes ?? [])
        cardCodes = BankCodes(definition.card.codes)
    }

    func observe(_ event: Event, path: String) {
        guard event.kind == .transaction, let amount = event.amount, amount.units < 0, let time = event.time,
              filter.admits(event.source) else { return }
        take(foldedFields.entry(event.counterparty, .counterparty), into: &counterparty)
        take(foldedFields.entry(event.text, .text), into: &text)
        // The shared buffers are let go before the event is done with, so the cache can
        // reuse them for the next one.
        defer {
            counterparty.bytes = []
            text.bytes = []
        }
        if isExcluded(event) { return }
        // An empty `merchant_sources` list means none, not every source.
        let fromMerchantSource = !definition.merchantSources.isEmpty && merchantFilter.admits(event.source)
        guard fromMerchantSource || isCardPayment(event) else { return }
        var shopHash = remembered(counterparty, in: &shopOfCounterparty)
        if shopHash == nil { shopHash = remembered(text, in: &shopOfText) }
        guard let shopHash else { return }

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

    /// `shopKey(field)`, looked up by the digest of the text before the field's first digit
    /// when the name ended at that digit's word, else by the digest of the whole folded field.
    ///
    /// The prefix decides the key when the name ends at the word holding the first digit:
    /// `shopKey` reads nothing of that word but that it has a digit and where it starts, and
    /// drops a date word by looking back at the key. So a key is kept under the prefix only
    /// when `shopKey` stopped at that word, and the prefix is not used when a card phrase's
    /// span holds the first digit (the span, which depends on the text after it, is skipped
    /// whole instead). A prefix whose name had not begun before the digit
    /// (`CARTE X4821 01/03 CARREFOUR`) is never kept, so it is never found.
    private func remembered(_ field: FoldedField, in memo: inout ShopMemo) -> UInt64? {
        guard !field.bytes.isEmpty else { return nil }
        let firstDigit = field.bytes.firstIndex { $0 >= 0x30 && $0 <= 0x39 }
        var prefixDigest: UInt64?
        if let firstDigit, !field.hits.contains(where: { cardGroups.contains($0.group) && $0.span.contains(firstDigit) }) {
            let digest = field.bytes.withUnsafeBytes { ContentHash.of(UnsafeRawBufferPointer(rebasing: $0[..<firstDigit])) }
            if let known = shopOfPrefix[digest] { return known }
            prefixDigest = digest
        }
        let digest = field.bytes.withUnsafeBytes { ContentHash.of($0) }
        if let known = memo[digest] { return known }
        var endedAtDigitWord = false
        let hash = shopKey(field, endedAtDigitWord: &endedAtDigitWord)
        if let prefixDigest, endedAtDigitWord {
            shopOfPrefix[prefixDigest] = .some(hash)
        } else {
            memo[digest] = .some(hash)
        }
        return hash
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
    func merchantKey(_ value: String?) -> String {
        var field = FoldedField()
        take(foldedFields.entry(value, .counterparty), into: &field)
        var endedAtDigitWord = false
        guard shopKey(field, endedAtDigitWord: &endedAtDigitWord) != nil else { return "" }
        return String(decoding: key, as: UTF8.self)
    }

    /// Takes the folded bytes of a shared entry and collects its hits of the card and exclude
    /// lexicons.
    private func take(_ entry: FoldedFieldCache.Entry, into field: inout FoldedField) {
        field.bytes = entry.bytes
        field.hits.removeAll(keepingCapacity: true)
        for hit in entry.hits where cardGroups.contains(hit.group) || excludeGroups.contains(hit.group) {
            field.hits.append((hit.group, Int(hit.start)..<Int(hit.end)))
        }
    }

    /// `exclude`, on the fields already folded.
    private func isExcluded(_ event: Event) -> Bool {
        if let mcc = definition.exclude?.mcc, let code = event.mcc, mcc.contains(code) { return true }
        if !excludeGroups.isEmpty
            && (counterparty.hits.contains { excludeGroups.contains($0.group) } || text.hits.contains { excludeGroups.contains($0.group) }) {
            return true
        }
        return excludeCodes.matches(event.code)
    }

    /// `card`, on the fields already folded.
    private func isCardPayment(_ event: Event) -> Bool {
        if let mcc = definition.card.mcc, let code = event.mcc, mcc.contains(code) { return true }
        if counterparty.hits.contains(where: { cardGroups.contains($0.group) }) || text.hits.contains(where: { cardGroups.contains($0.group) }) {
            return true
        }
        return cardCodes.matches(event.code)
    }

    /// Writes the merchant name of a folded field into `key` (rules above) and returns its
    /// hash, or nil when no letters remain; `endedAtDigitWord` says whether the name ended at
    /// a word holding a digit (the rest of the field unread).
    private func shopKey(_ field: FoldedField, endedAtDigitWord: inout Bool) -> UInt64? {
        // Run once or twice per card payment: one pass over the bytes with the key and word
        // starts on the stack, and the card-phrase spans looked up by a cursor instead of a
        // search of every hit at every byte (closures over this object's buffers made each
        // byte pay for exclusivity checks: 7 % of a bank CSV profile, docs/performance.md).
        let maximum = Self.maximumKeyBytes
        let dateWords = definition.dateWords
        return field.hits.withUnsafeBufferPointer { hits in
            field.bytes.withUnsafeBufferPointer { bytes in
                withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: max(hits.count, 1)) { spans in
                    var n = 0
                    for hit in hits where cardGroups.contains(hit.group) { spans[n] = hit.span; n += 1 }
                    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximum) { keyBuffer in
                        withUnsafeTemporaryAllocation(of: Int.self, capacity: maximum / 2 + 1) { starts in
                            let length = Self.shopKey(bytes, spans: UnsafeBufferPointer(rebasing: spans[..<n]),
                                                      dateWords: dateWords, key: keyBuffer, wordStarts: starts,
                                                      endedAtDigitWord: &endedAtDigitWord)
                            key.removeAll(keepingCapacity: true)
                            guard length > 0 else { return nil }
                            let written = UnsafeBufferPointer(rebasing: keyBuffer[..<length])
                            key.append(contentsOf: written)
                            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                            for byte in written {
                                hash ^= UInt64(byte)
                                hash = hash &* 0x0000_0100_0000_01b3
                            }
                            return hash
                        }
                    }
                }
            }
        }
    }

    /// The merchant name of `bytes` (rules at `merchantKey`) written into `key`; returns its
    /// length. `spans` are the card phrases' hits in the automaton's order: at a byte inside
    /// one, the first such span is skipped whole. `key` holds `maximumKeyBytes`, `wordStarts`
    /// one entry per word of at least one letter and a space.
    private static func shopKey(_ bytes: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<Range<Int>>,
                                dateWords: [[UInt8]], key: UnsafeMutableBufferPointer<UInt8>,
                                wordStarts: UnsafeMutableBufferPointer<Int>, endedAtDigitWord: inout Bool) -> Int {
        endedAtDigitWord = false
        var length = 0, words = 0
        var wordStart = -1        // index in `bytes` of the current word, -1 between words
        var wordHasDigit = false
        var index = 0
        // Ends the word from wordStart to `end` (exclusive); false when the name is complete.
        @inline(__always) func endWord(_ end: Int) -> Bool {
            defer { wordStart = -1; wordHasDigit = false }
            guard wordStart >= 0 else { return true }
            if wordHasDigit {
                guard words > 0 else { return true }
                endedAtDigitWord = true
                let last = wordStarts[words - 1]
                let lastWord = UnsafeBufferPointer(rebasing: key[last..<length])
                if dateWords.contains(where: { $0.count == lastWord.count && $0.elementsEqual(lastWord) }) {
                    length = last > 0 ? last - 1 : last
                    words -= 1
                }
                return false
            }
            var letters = 0
            for i in wordStart..<end where isLetter(bytes[i]) { letters += 1 }
            guard letters > 0, length + 1 + letters <= maximumKeyBytes else { return true }
            if length > 0 { key[length] = 0x20; length += 1 }
            wordStarts[words] = length
            words += 1
            for i in wordStart..<end where isLetter(bytes[i]) { key[length] = bytes[i]; length += 1 }
            return true
        }
        let count = bytes.count
        while index < count {
            if !spans.isEmpty, let span = spans.first(where: { $0.contains(index) }) {
                if !endWord(index) { return length }
                index = span.upperBound
                continue
            }
            let byte = bytes[index]
            if byte <= 0x20 || byte == 0x2A || byte == 0x2F {
                if !endWord(index) { return length }
            } else {
                if wordStart < 0 { wordStart = index }
                if byte >= 0x30 && byte <= 0x39 { wordHasDigit = true }
            }
            index += 1
        }
        _ = endWord(count)
        return length
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80 }

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
        // The sample is bounded; the count is the distinct points (a payment two inputs deliver
        // is one point, where counting payments would count it twice) and the period is exact.
        finding.count = points.count
        finding.firstSeen = firstTime?.iso8601
        finding.lastSeen = lastTime?.iso8601
        return [finding]
    }

    /// Three months, as 91 days: the length of the records [dM15] studied.
    static let studyDays = 91
}

/// Shop hashes (nil: the field has no letters) by the digest of the folded field they were
/// derived from, in 4,096 slots: a digest takes the slot its low bits name, replacing whatever
/// was there, so the memory is fixed and recent shops stay.
struct ShopMemo {
    static let slotCount = 4096
    private var digests = [UInt64](repeating: 0, count: slotCount)
    private var shops = [UInt64](repeating: 0, count: slotCount)
    /// 0: empty, 1: a shop hash, 2: no letters.
    private var states = [UInt8](repeating: 0, count: slotCount)

    subscript(digest: UInt64) -> UInt64?? {
        get {
            let slot = Int(truncatingIfNeeded: digest) & (Self.slotCount - 1)
            guard states[slot] != 0, digests[slot] == digest else { return nil }
            return states[slot] == 1 ? .some(shops[slot]) : .some(nil)
        }
        set {
            guard let newValue else { return }
            let slot = Int(truncatingIfNeeded: digest) & (Self.slotCount - 1)
            digests[slot] = digest
            shops[slot] = newValue ?? 0
            states[slot] = newValue == nil ? 2 : 1
        }
    }
}
