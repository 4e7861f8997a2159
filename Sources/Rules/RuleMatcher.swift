import StewardCore

/// Matches one record at a time against a `RuleSet`'s event-level conditions: the lexicon
/// automaton over the rules' fields, exclusions, topic markers, merchant categories, amounts,
/// hours and neighbouring attributes. It keeps nothing between records but caches and reusable
/// buffers, so what it finds depends on the record alone; its `InferenceSession` counts the
/// outcome (tallies, overlaps, evidence) and shows the record to the analyzers. Not thread-safe.
final class RuleMatcher {
    typealias RuleDrop = InferenceSession.RuleDrop
    let ruleSet: RuleSet

    /// Rules whose source and kind filters admit one (source, kind), the fields they scan, and
    /// which of them an event can fire with or without a merchant code. A class: handing the
    /// candidates of an event to `match` is one retain, where a struct of their arrays retained and
    /// released each per event (docs/performance.md, "Rules that need a merchant code").
    private final class Candidates {
        let rules: [Int]
        let fields: [Event.Field]
        /// For an event with a merchant code.
        let withMCC: Partition
        /// For an event without one, which is most transactions (a current account's CSV has
        /// none): a rule whose merchant codes were its alternative to a hit then needs the hit,
        /// and one with codes and no lexicon cannot fire. Asking those rules per transaction
        /// anyway was the largest single item of a bank CSV profile (docs/performance.md, "Rules
        /// that need a merchant code").
        let withoutMCC: Partition

        init(rules: [Int], fields: [Event.Field], withMCC: Partition, withoutMCC: Partition) {
            self.rules = rules
            self.fields = fields
            self.withMCC = withMCC
            self.withoutMCC = withoutMCC
        }
    }

    /// The candidate rules as those that need a hit of one of their include groups and those asked
    /// whatever hit (`RuleSet.ruleWords` words each), in rule order.
    private final class Partition {
        /// The rules an event none of whose fields has a lexicon hit can fire: no lexicon
        /// condition, or merchant codes as an alternative to it. Most events have no hit, and
        /// asking every rule showed as a fifth of a browser history scan (docs/performance.md,
        /// "Per-format table").
        let hitFree: [Int]
        let needingHit: [UInt64]
        let notNeedingHit: [UInt64]

        /// `needsHit(i)`: true when rule `i` needs a hit, false when it is asked whatever hit,
        /// nil when it cannot fire at all.
        init(_ rules: [Int], words: Int, needsHit: (Int) -> Bool?) {
            var hitFree: [Int] = []
            var needingHit = [UInt64](repeating: 0, count: words)
            var notNeedingHit = needingHit
            for i in rules {
                let bit: UInt64 = 1 << UInt64(i % 64)
                switch needsHit(i) {
                case true?: needingHit[i / 64] |= bit
                case false?:
                    notNeedingHit[i / 64] |= bit
                    hitFree.append(i)
                case nil: break
                }
            }
            self.hitFree = hitFree
            self.needingHit = needingHit
            self.notNeedingHit = notNeedingHit
        }
    }

    /// The candidates of the last source seen: events arrive file by file, so consecutive
    /// events nearly always share a source and the dictionary lookup (a string hash) is skipped.
    private var lastSource: String?
    private var lastSourceCandidates: [Candidates?] = []
    private var candidatesBySource: [String: [Candidates?]] = [:]

    private var foldBuffer: [UInt8] = []
    /// A post's or message's folded text, made again only to find a hit's clause.
    private var clauseBuffer: [UInt8] = []
    /// The rules the current event's hits can fire (a rule set, zero between events).
    private var rulesHitScratch: [UInt64] = []
    /// Text and counterparty folded and scanned once per event for the rules and the session's
    /// bank analyzers alike.
    let foldedFields: FoldedFieldCache
    /// Filled while one record is matched, moved into its outcome.
    private var drops: [RuleDrop] = []
    private var vetoed: [Int] = []
    private var hitsByField: [[LexiconAutomaton.Hit]] = Array(repeating: [], count: Event.Field.allCases.count)

    init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        foldedFields = FoldedFieldCache(automaton: ruleSet.automaton)
    }

    /// The rules whose event-level match succeeded on `event`, and what the others dropped.
    func match(_ event: Event) -> RuleOutcome {
        guard let candidates = candidates(source: event.source, kind: event.kind), !candidates.rules.isEmpty else {
            return RuleOutcome()
        }
        for field in candidates.fields { scan(field: field, of: event) }
        var fired: [Int] = []
        // Intent applies to what the person looked for; decided once per event by a switch
        // (hashing the kind per rule showed in profiles, as for field slots). Every other kind
        // (posts, pages liked, payments, visits) meets only a rule's own topics: a veterinary
        // clinic's payment is the animal's care (docs/rules.md "Search intent").
        let readsIntent: TopicScope
        switch event.kind {
        case .search, .pageView, .watch: readsIntent = .allMarkers
        default: readsIntent = .ownMarkers
        }
        let anyHit = candidates.fields.contains { !hitsByField[$0.slot].isEmpty }
        if anyHit {
            // The rules a hit can fire, from the groups hit: per hit, the rules that include its
            // group and read its field. Asking each candidate rule whether one of its groups hit
            // (a loop over its group words per field) grew with every rule on the same records
            // (docs/performance.md, "Rules found from the groups hit").
            let ruleWords = ruleSet.ruleWords
            var possible: [UInt64] = []
            swap(&possible, &rulesHitScratch)
            if possible.isEmpty { possible = Array(repeating: 0, count: ruleWords) }
            for field in candidates.fields {
                let slot = field.slot
                let slotBase = slot * ruleWords
                for hit in hitsByField[slot] {
                    let groupBase = Int(hit.group) * ruleWords
                    for w in 0..<ruleWords {
                        possible[w] |= ruleSet.rulesIncludingGroup[groupBase + w] & ruleSet.rulesReadingSlot[slotBase + w]
                    }
                }
            }
            // In rule order, as `candidates.rules` is: the rules a hit can fire and those that
            // need none.
            let partition = event.mcc != nil ? candidates.withMCC : candidates.withoutMCC
            for w in 0..<ruleWords {
                var bits = (possible[w] & partition.needingHit[w]) | partition.notNeedingHit[w]
                possible[w] = 0
                while bits != 0 {
                    let ruleIndex = w * 64 + bits.trailingZeroBitCount
                    bits &= bits &- 1
                    if matches(ruleIndex, event, readsIntent: readsIntent) { fired.append(ruleIndex) }
                }
            }
            swap(&possible, &rulesHitScratch)
        } else {
            let partition = event.mcc != nil ? candidates.withMCC : candidates.withoutMCC
            for ruleIndex in partition.hitFree where matches(ruleIndex, event, readsIntent: readsIntent) {
                fired.append(ruleIndex)
            }
        }
        // A search nothing matched may hold a misspelled term: look its long words up once.
        // Only what the person typed: page and video titles are spelled by their publishers.
        if fired.isEmpty, event.kind == .search, !ruleSet.spelling.isEmpty, addMisspelledHits(event, fields: candidates.fields) {
            if !drops.isEmpty { drops.removeAll() }
            for ruleIndex in candidates.rules where matches(ruleIndex, event, readsIntent: readsIntent) { fired.append(ruleIndex) }
        }
        for field in candidates.fields {
            // Text and counterparty hits are the shared cache's buffers: let go of them (no
            // copy) so the cache can reuse them; the others are emptied in place.
            if event.kind == .transaction && (field == .text || field == .counterparty) {
                hitsByField[field.slot] = []
            } else {
                hitsByField[field.slot].removeAll(keepingCapacity: true)
            }
        }
        if fired.count > 1 { yieldToNeighbours(&fired) }
        var outcome = RuleOutcome(fired: fired)
        if !drops.isEmpty { swap(&outcome.drops, &drops) }
        if !vetoed.isEmpty { swap(&outcome.vetoed, &vetoed) }
        return outcome
    }

    private func candidates(source: String, kind: EventKind) -> Candidates? {
        let kindSlot = kind.slot
        if source == lastSource { return lastSourceCandidates[kindSlot] }
        if let known = candidatesBySource[source] {
            lastSource = source
            lastSourceCandidates = known
            return known[kindSlot]
        }
        var perKind = [Candidates?](repeating: nil, count: EventKind.allCases.count)
        for k in EventKind.allCases {
            let rules = ruleSet.rules.indices.filter { ruleSet.rules[$0].match.admits(source: source, kind: k) }
            var fields: [Event.Field] = []
            for i in rules where ruleSet.rules[i].match.hasLexiconCondition {
                for field in ruleSet.rules[i].match.fields where !fields.contains(field) { fields.append(field) }
            }
            // Without a hit, a lexicon condition is false: only rules with no such condition, or
            // where a merchant code alone suffices, can fire (`RuleSet.needsIncludeHit`, see
            // `matches`); without a merchant code, a code's condition is false too.
            let withMCC = Partition(rules, words: ruleSet.ruleWords) { ruleSet.needsIncludeHit[$0] }
            let withoutMCC = Partition(rules, words: ruleSet.ruleWords) { i in
                if ruleSet.needsIncludeHit[i] || ruleSet.rules[i].match.mcc == nil { return ruleSet.needsIncludeHit[i] }
                return ruleSet.rules[i].match.hasLexiconCondition ? true : nil
            }
            perKind[k.slot] = rules.isEmpty ? nil : Candidates(rules: rules, fields: fields, withMCC: withMCC, withoutMCC: withoutMCC)
        }
        candidatesBySource[source] = perKind
        lastSource = source
        lastSourceCandidates = perKind
        return perKind[kindSlot]
    }

    /// Adds a hit for every long word of the fields that is one edit from a search term
    /// (`SearchSpellingIndex`), at the word's byte span in the folded text; whether any was added.
    private func addMisspelledHits(_ event: Event, fields: [Event.Field]) -> Bool {
        var added = false
        for field in fields {
            guard let value = event.value(of: field), value.utf8.count >= SearchSpellingIndex.minimumLength - 1 else { continue }
            let folded = String(decoding: TextFolder.fold(value), as: UTF8.self)
            var word: [Unicode.Scalar] = []
            var wordStart = 0
            var offset = 0
            func flush() {
                if word.count >= SearchSpellingIndex.minimumLength - 1, word.count <= SearchSpellingIndex.maximumLength {
                    for candidate in ruleSet.spelling.candidates(for: word) {
                        hitsByField[field.slot].append(LexiconAutomaton.Hit(group: candidate.group, term: candidate.termIndex,
                                                                            start: Int32(wordStart), end: Int32(offset)))
                        added = true
                    }
                }
                word.removeAll(keepingCapacity: true)
            }
            for scalar in folded.unicodeScalars {
                if SearchSpellingIndex.isWordScalar(scalar) {
                    if word.isEmpty { wordStart = offset }
                    word.append(scalar)
                } else {
                    flush()
                }
                offset += scalar.utf8.count
            }
            flush()
        }
        return added
    }

    private func scan(field: Event.Field, of event: Event) {
        guard let value = event.value(of: field), !value.isEmpty else { return }
        let slot = field.slot
        // Transactions only: the bank analyzers read the same fields again; for other events
        // the cache's key comparison is a cost with nothing to share.
        if event.kind == .transaction {
            switch field {
            case .text:
                hitsByField[slot] = foldedFields.hits(value, .text)
                return
            case .counterparty:
                hitsByField[slot] = foldedFields.hits(value, .counterparty)
                return
            default: break
            }
        }
        foldBuffer.removeAll(keepingCapacity: true)
        TextFolder.fold(value, into: &foldBuffer)
        if field == .place { Self.appendNameAndTown(of: value, to: &foldBuffer) }
        // Take the list out while appending so the array is uniquely owned (no copy on write).
        var hits: [LexiconAutomaton.Hit] = []
        swap(&hits, &hitsByField[slot])
        foldBuffer.withUnsafeBufferPointer { buffer in ruleSet.automaton.scan(folded: buffer) { hits.append($0) } }
        swap(&hits, &hitsByField[slot])
    }

    private func matches(_ ruleIndex: Int, _ event: Event, readsIntent: TopicScope) -> Bool {
        guard ruleSet.rules[ruleIndex].match.admits(authoredByOthers: event.authoredByOthers) else { return false }
        // Fields are read through the array in place: binding the whole RuleMatch to a local
        // copied its arrays (retain/release per rule per event showed in profiles).
        if let range = ruleSet.rules[ruleIndex].match.amount, !range.admits(event.amount) { return false }
        if let window = ruleSet.rules[ruleIndex].match.hours {
            guard let hour = event.time?.hourOfDay, window.contains(hour: hour) else { return false }
        }
        let lexiconHit: Bool? = ruleSet.rules[ruleIndex].match.hasLexiconCondition
            ? lexiconMatches(ruleIndex, fields: ruleSet.rules[ruleIndex].match.fields,
                             readsIntent: readsIntent, event: event) : nil
        var mccHit: Bool? = nil
        if ruleSet.rules[ruleIndex].match.mcc != nil {
            mccHit = event.mcc.map { ruleSet.rules[ruleIndex].match.mcc!.contains($0) } ?? false
        }
        if lexiconHit == true, ruleSet.rules[ruleIndex].match.mccPrecedence,
           let code = ruleSet.rules[ruleIndex].match.mccVeto(textMatched: true, mccMatched: mccHit == true, eventMCC: event.mcc) {
            drops.append(RuleDrop(rule: ruleSet.rules[ruleIndex].id, reason: .mccOutsideFamily(code)))
            vetoed.append(ruleIndex)
            return false
        }
        switch (lexiconHit, mccHit) {
        case (nil, nil): return true
        case (let l?, nil): return l
        case (nil, let m?): return m
        case (let l?, let m?): return ruleSet.rules[ruleIndex].match.combination == .all ? (l && m) : (l || m)
        }
    }

    /// Drops rules whose `yields_to` neighbour also matched this event: the record belongs to
    /// the neighbour (docs/rules.md "Neighbouring attributes").
    private func yieldToNeighbours(_ fired: inout [Int]) {
        var attributes = Set<Int>()
        for i in fired { attributes.insert(ruleSet.attributeIndexById[ruleSet.rules[i].attribute]!) }
        fired.removeAll { i in
            guard let neighbour = ruleSet.yieldsToAttributes[i].first(where: { attributes.contains($0) }) else { return false }
            drops.append(RuleDrop(rule: ruleSet.rules[i].id, reason: .neighbourAttribute(ruleSet.attributes[neighbour].id)))
            return true
        }
    }

    /// Which topic markers a record's kind meets (docs/rules.md "Search intent").
    enum TopicScope {
        /// Searches, page views, watches: the shared `topic_*` markers and the rule's own.
        case allMarkers
        /// Everything else — posts, messages, pages liked, groups joined, payments, visits: only
        /// the rule's own `topics:`, which its author wrote for the records it reads.
        case ownMarkers
    }

    /// A hit of one of the rule's groups in one of its fields that no exclusion hit overlaps
    /// and, under `intent: need`, with no topic marker: for a search-like event any marker in
    /// any of the rule's fields, for a post or message only the rule's own `topics:` in the
    /// hit's field.
    private func lexiconMatches(_ ruleIndex: Int, fields: [Event.Field], readsIntent: TopicScope, event: Event) -> Bool {
        // Searches meet every topic marker; posts and messages only the rule's own (docs/rules.md
        // "Search intent": a recipe or a film title in a post is still the person's own news).
        let hasTopics: Bool
        switch readsIntent {
        case .allMarkers: hasTopics = ruleSet.topicMask.hasAny[ruleIndex]
        case .ownMarkers: hasTopics = ruleSet.ownTopicMask.hasAny[ruleIndex]
        }
        let hasAlso = ruleSet.alsoMask.hasAny[ruleIndex]
        func hasMarker(in markerField: Event.Field) -> Bool {
            let mask = readsIntent == .allMarkers ? ruleSet.topicMask : ruleSet.ownTopicMask
            return hitsByField[markerField.slot].contains { mask.contains(rule: ruleIndex, group: $0.group) }
        }
        var topicField: Event.Field?
        for field in fields {
            let hits = hitsByField[field.slot]
            for hit in hits where ruleSet.includeMask.contains(rule: ruleIndex, group: hit.group) {
                let cancelled = hits.contains { other in
                    ruleSet.excludeMask.contains(rule: ruleIndex, group: other.group) && other.start < hit.end && hit.start < other.end
                }
                if cancelled { continue }
                if ruleSet.rules[ruleIndex].match.subject == .own,
                   event.kind == .post || event.kind == .comment || event.kind == .message,
                   someoneElsesNews(hit, in: field, of: event) { continue }
                // Topic markers are looked for only once a hit stands (rare), so the common path
                // pays nothing for them. A search, page view or watch is one thing looked at: a
                // marker in its title speaks for its URL or channel too ("Marathon live stream"
                // on the channel "Berlin Marathon"); a post's marker counts in its own field only.
                if hasTopics, readsIntent == .allMarkers ? fields.contains(where: { hasMarker(in: $0) }) : hasMarker(in: field) {
                    topicField = field
                    break
                }
                if hasAlso, !alsoHits(ruleIndex, fields: fields, besides: hit, in: field, of: event) { continue }
                return true
            }
        }
        if let topicField {
            drops.append(RuleDrop(rule: ruleSet.rules[ruleIndex].id, reason: .topicMarker(topicField.rawValue)))
        }
        return false
    }

    /// Whether the clause of `hit` names someone else before it (`subject_others`: "my sister",
    /// "mein Kollege", "ma collègue", "моя сестра", 我妈) or as its owner right after it
    /// (`subject_others_after`: "Mutterschutz meiner Kollegin", "la grossesse de ma sœur",
    /// «беременность сестры», 罚了我爸 — only with nothing but a space between, so "schwanger mit
    /// meiner Tochter" is not read), and the person nowhere before it
    /// (`subject_self`: I, me, ich, je, yo, я, 我, outside the words naming the other, before the
    /// hit or in it), unless a preposition comes right before the one named (`subject_prepositions`:
    /// "with my sister", 被我妈): the news
    /// is then theirs (docs/rules.md, "Someone else's news"). A clause ends at . ! ? ; : , or a
    /// line break (and their full-width forms). Looked at only once a hit stands, and the field
    /// is folded again only when someone else is named in it at all.
    private func someoneElsesNews(_ hit: LexiconAutomaton.Hit, in field: Event.Field, of event: Event) -> Bool {
        let others = ruleSet.subjectOthersGroup ?? -1, othersAfter = ruleSet.subjectOthersAfterGroup ?? -1
        guard others >= 0 || othersAfter >= 0 else { return false }
        let hits = hitsByField[field.slot]
        guard hits.contains(where: { ($0.group == others && $0.end <= hit.start) || ($0.group == othersAfter && $0.start >= hit.end) }),
              foldIntoClauseBuffer(field, of: event) else { return false }
        let clauseStart = Self.clauseStart(before: Int(hit.start), in: clauseBuffer)
        let clauseEnd = min(Int(hit.end), clauseBuffer.count)
        var named = hits.filter { $0.group == others && Int($0.start) >= clauseStart && $0.end <= hit.start }
        // The owner named right after the hit's word (a prefix term such as "беременн" ends
        // inside it): at the word's end, or one space later.
        var ownerStart = Self.wordEnd(after: clauseEnd, in: clauseBuffer)
        if ownerStart < clauseBuffer.count, clauseBuffer[ownerStart] == UInt8(ascii: " ") { ownerStart += 1 }
        if let owner = hits.first(where: { $0.group == othersAfter && Int($0.start) == ownerStart }) {
            named.append(owner)
        }
        guard !named.isEmpty else { return false }
        var personNamed = false
        clauseBuffer.withUnsafeBufferPointer { text in
            let clause = UnsafeBufferPointer(rebasing: text[clauseStart..<clauseEnd])
            // Someone named right after a preposition is not the subject ("with my sister").
            ruleSet.subjectPrepositions.scan(folded: clause) { word in
                let end = clauseStart + Int(word.end)
                named.removeAll { Int($0.start) == end || (Int($0.start) == end + 1 && text[end] == UInt8(ascii: " ")) }
            }
            // The person named before the hit or in it ("estoy de tres meses") makes it theirs.
            ruleSet.subjectSelf.scan(folded: clause) { mark in
                let start = Int32(clauseStart) + mark.start, end = Int32(clauseStart) + mark.end
                if !named.contains(where: { $0.start < end && start < $0.end }) { personNamed = true }
            }
        }
        return !named.isEmpty && !personNamed
    }

    /// A place is known by its name and its town ("Woody's toronto", "chez maman bruxelles"),
    /// but a map's visit writes the street between them ("Woody's, 467 Church Street,
    /// Toronto"). After the place's own folded text, a line break and then its name (before the
    /// first comma) and its town (the last part after a comma with a word that is not a number:
    /// postcodes and districts such as "75004" or "2e" are left out) are appended, so a term
    /// naming a venue with its town meets the visit (docs/rules.md, "Places by name and town").
    static func appendNameAndTown(of place: String, to folded: inout [UInt8]) {
        // Byte by byte over the UTF-8 (commas and spaces are ASCII): splitting the `String`
        // into characters was most of matching a calendar's locations (docs/performance.md,
        // "Calendar lines read by name first").
        var place = place
        place.withUTF8 { bytes in
            // The comma-separated parts, empty ones left out: the name is the first, the town
            // the last one with a word that is not a number.
            var parts: [Range<Int>] = []
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x2C {
                if i > start { parts.append(start..<i) }
                start = i + 1
            }
            guard parts.count >= 2 else { return }
            var name: [UInt8] = []
            appendWords(of: bytes, in: parts[0], to: &name, keeping: { _ in true })
            var town: [UInt8] = []
            for part in parts.dropFirst().reversed() {
                appendWords(of: bytes, in: part, to: &town, keeping: { !isNumber(word: $0) })
                if !town.isEmpty { break }
            }
            guard !name.isEmpty, !town.isEmpty else { return }
            folded.append(UInt8(ascii: "\n"))
            // Name and town folded as one text, as a term naming both is: the folder drops the
            // space between two Han characters or a Han character and an ASCII letter
            // ("老酒馆 北京" and "destination 北京" are terms as "老酒馆北京", "destination北京").
            // Folded apart, the space between them stayed and no Chinese town ever met its term.
            name.append(0x20)
            name.append(contentsOf: town)
            name.withUnsafeBufferPointer { TextFolder.fold(utf8: $0, into: &folded) }
        }
    }

    /// The space-separated words of `range` that `keeping` accepts, joined by one space.
    private static func appendWords(of bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>, to out: inout [UInt8],
                                    keeping: (UnsafeBufferPointer<UInt8>) -> Bool) {
        var start = range.lowerBound
        for i in range.lowerBound...range.upperBound where i == range.upperBound || bytes[i] == 0x20 {
            if i > start {
                let word = UnsafeBufferPointer(rebasing: bytes[start..<i])
                if keeping(word) {
                    if !out.isEmpty { out.append(0x20) }
                    out.append(contentsOf: word)
                }
            }
            start = i + 1
        }
    }

    /// Whether a word holds a digit: ASCII, full-width or of another script (Unicode's decimal
    /// digits). Not a Han character that also names a number: with `Character.isNumber` the
    /// 京 of 北京 and 南京 (10¹⁶) and the 三 of 三亚 made the town a number and left it out.
    private static func isNumber(word: UnsafeBufferPointer<UInt8>) -> Bool {
        if word.allSatisfy({ $0 < 0x80 }) { return word.contains { $0 >= 0x30 && $0 <= 0x39 } }
        return String(decoding: word, as: UTF8.self).unicodeScalars.contains { $0.properties.generalCategory == .decimalNumber }
    }

    /// Folds `field` of `event` into `clauseBuffer` (the hits' offsets are offsets into this
    /// text); false when the event has no such field.
    private func foldIntoClauseBuffer(_ field: Event.Field, of event: Event) -> Bool {
        guard let value = event.value(of: field) else { return false }
        clauseBuffer.removeAll(keepingCapacity: true)
        TextFolder.fold(value, into: &clauseBuffer)
        return true
    }

    /// Where the word that `offset` stands in ends in folded `text`: past ASCII letters and
    /// digits and the bytes of two-byte UTF-8 letters (Latin with accents, Cyrillic, Greek). A
    /// Han, kana or Hangul character (a three-byte sequence) is a word of its own, so Chinese
    /// text stops at once.
    static func wordEnd(after offset: Int, in text: [UInt8]) -> Int {
        var i = offset
        while i < text.count {
            let byte = text[i]
            let asciiWord = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
            guard asciiWord || (byte >= 0x80 && byte < 0xE0) else { break }
            i += 1
        }
        return i
    }

    /// The offset just after the last clause break before `offset` in folded `text` (0 if none).
    static func clauseStart(before offset: Int, in text: [UInt8]) -> Int {
        var i = min(offset, text.count) - 1
        while i >= 0 {
            switch text[i] {
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ";"), UInt8(ascii: ":"),
                 UInt8(ascii: ","), UInt8(ascii: "\n"):
                return i + 1
            default:
                // 。 (E3 80 82), and ！ ， ： ； ？ (EF BC 81 / 8C / 9A / 9B / 9F).
                if i >= 2 {
                    switch (text[i - 2], text[i - 1], text[i]) {
                    case (0xE3, 0x80, 0x82), (0xEF, 0xBC, 0x81), (0xEF, 0xBC, 0x8C), (0xEF, 0xBC, 0x9A),
                         (0xEF, 0xBC, 0x9B), (0xEF, 0xBC, 0x9F):
                        return i + 1
                    default: break
                    }
                }
            }
            i -= 1
        }
        return 0
    }

    /// Whether one of the `also:` groups hits any of the rule's fields apart from the hit that
    /// matched (a word in both lists does not count twice) and outside every `exclude` phrase
    /// ("Church Street" names no church); under `also: within:` `clause` or `<n> words` only in
    /// the hit's own field, with no clause break between the two (and at most n words).
    private func alsoHits(_ ruleIndex: Int, fields: [Event.Field],
                          besides hit: LexiconAutomaton.Hit, in hitField: Event.Field, of event: Event) -> Bool {
        let within = ruleSet.rules[ruleIndex].match.alsoWithin
        let sameClause = within != .record
        var foldedHitField = false
        for field in fields {
            if sameClause && field != hitField { continue }
            let hits = hitsByField[field.slot]
            for other in hits where ruleSet.alsoMask.contains(rule: ruleIndex, group: other.group) {
                if field == hitField, other.start < hit.end, hit.start < other.end { continue }
                let cancelled = hits.contains { decoy in
                    ruleSet.excludeMask.contains(rule: ruleIndex, group: decoy.group) && decoy.start < other.end && other.start < decoy.end
                }
                if cancelled { continue }
                if sameClause {
                    // Folded once per record and rule, and only when an `also` hit stands.
                    if !foldedHitField {
                        guard foldIntoClauseBuffer(field, of: event) else { return false }
                        foldedHitField = true
                    }
                    let from = Int(min(hit.end, other.end)), to = Int(max(hit.start, other.start))
                    if Self.clauseBreak(in: clauseBuffer, from: from, to: to) { continue }
                    if case .words(let most) = within, Self.wordCount(in: clauseBuffer, from: from, to: to) > most { continue }
                }
                return true
            }
        }
        return false
    }

    /// The words in folded `text[from..<to]` (the gap between two hits): runs of letters or
    /// digits between spaces and punctuation, and every Han, kana or Hangul character on its
    /// own (Chinese and Japanese write no spaces, and one character is about a word).
    static func wordCount(in text: [UInt8], from: Int, to: Int) -> Int {
        var count = 0
        var inWord = false
        var i = max(0, from)
        let end = min(to, text.count)
        while i < end {
            let b = text[i]
            if b >= 0xE3 && b <= 0xED {
                // A three-byte character from U+3000 on: CJK ideographs, kana, Hangul.
                count += 1
                inWord = false
                i += 3
                continue
            }
            let isWordByte = b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A)
                || b == UInt8(ascii: "'") || b == UInt8(ascii: "-")
            if isWordByte && !inWord { count += 1 }
            inWord = isWordByte
            i += 1
        }
        return count
    }

    /// Whether folded `text[from..<to]` (the gap between two hits) holds a clause break as
    /// `clauseStart(before:in:)` knows them.
    static func clauseBreak(in text: [UInt8], from: Int, to: Int) -> Bool {
        let end = min(to, text.count)
        guard from < end else { return false }
        // The last break before `end` lies at or after `from` exactly when the gap holds one.
        return clauseStart(before: end, in: text) > from
    }
}

/// What matching one record found: the rules that fired (indices into the rule set, after
/// neighbouring attributes took theirs), the rules that matched text but dropped the record
/// and why, and the rules whose merchant category vetoed a text match.
struct RuleOutcome {
    var fired: [Int] = []
    var drops: [InferenceSession.RuleDrop] = []
    var vetoed: [Int] = []
}
