import StewardCore

/// Matches one record at a time against a `RuleSet`'s event-level conditions: the lexicon
/// automaton over the rules' fields, exclusions, topic markers, merchant categories, amounts,
/// hours and neighbouring attributes. It keeps nothing between records but caches and reusable
/// buffers, so what it finds depends on the record alone; its `InferenceSession` counts the
/// outcome (tallies, overlaps, evidence) and shows the record to the analyzers. Not thread-safe.
final class RuleMatcher {
    typealias RuleDrop = InferenceSession.RuleDrop
    let ruleSet: RuleSet

    /// Rules whose source and kind filters admit one (source, kind), and the fields they scan.
    /// A class: handing the candidates of an event to `match` is one retain, where a struct of
    /// eight arrays retained and released each of them per event (docs/performance.md, "Rules
    /// that need a merchant code").
    private final class Candidates {
        let rules: [Int]
        let fields: [Event.Field]
        /// The rules of `rules` that can fire on an event none of whose `fields` has a lexicon
        /// hit: no lexicon condition, or merchant codes as an alternative to it. Most events
        /// have no hit, and asking every rule showed as a fifth of a browser history scan
        /// (docs/performance.md, "Per-format table").
        let hitFree: [Int]
        /// `rules` as two rule sets (`RuleSet.ruleWords` words): those that need a hit of one of
        /// their include groups, and the others (`hitFree`), which are asked whatever hit.
        let needingHit: [UInt64]
        let notNeedingHit: [UInt64]
        /// The same three for an event without a merchant code, which is most transactions
        /// (a current account's CSV has none): a rule whose merchant codes were its alternative to
        /// a hit then needs the hit, and one with codes and no lexicon cannot fire. Asking those
        /// rules per transaction anyway was the largest single item of a bank CSV profile
        /// (docs/performance.md, "Rules that need a merchant code").
        let hitFreeWithoutMCC: [Int]
        let needingHitWithoutMCC: [UInt64]
        let notNeedingHitWithoutMCC: [UInt64]

        init(rules: [Int], fields: [Event.Field], hitFree: [Int], needingHit: [UInt64], notNeedingHit: [UInt64],
             hitFreeWithoutMCC: [Int], needingHitWithoutMCC: [UInt64], notNeedingHitWithoutMCC: [UInt64]) {
            self.rules = rules
            self.fields = fields
            self.hitFree = hitFree
            self.needingHit = needingHit
            self.notNeedingHit = notNeedingHit
            self.hitFreeWithoutMCC = hitFreeWithoutMCC
            self.needingHitWithoutMCC = needingHitWithoutMCC
            self.notNeedingHitWithoutMCC = notNeedingHitWithoutMCC
        }
    }

    /// The candidates of the last source seen: events arrive file by file, so consecutive
    /// events nearly always share a source and the dictionary lookup (a string hash) is skipped.
    private var lastSource: String?
    private var lastSourceCandidates: [Candidates?] = []
    private var candidatesBySource: [String: [Candidates?]] = [:]

    private var foldBuffer: [UInt8] = []
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
        // (hashing the kind per rule showed in profiles, as for field slots). Posts, messages,
        // pages liked and groups joined meet only a rule's own topics; transactions and the rest none.
        let readsIntent: TopicScope
        switch event.kind {
        case .search, .pageView, .watch: readsIntent = .allMarkers
        case .post, .comment, .message, .like, .activity: readsIntent = .ownMarkers
        default: readsIntent = .noMarkers
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
            let hasMCC = event.mcc != nil
            for w in 0..<ruleWords {
                var bits = hasMCC ? (possible[w] & candidates.needingHit[w]) | candidates.notNeedingHit[w]
                                  : (possible[w] & candidates.needingHitWithoutMCC[w]) | candidates.notNeedingHitWithoutMCC[w]
                possible[w] = 0
                while bits != 0 {
                    let ruleIndex = w * 64 + bits.trailingZeroBitCount
                    bits &= bits &- 1
                    if matches(ruleIndex, event, readsIntent: readsIntent) { fired.append(ruleIndex) }
                }
            }
            swap(&possible, &rulesHitScratch)
        } else {
            for ruleIndex in event.mcc != nil ? candidates.hitFree : candidates.hitFreeWithoutMCC
            where matches(ruleIndex, event, readsIntent: readsIntent) {
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
            // `matches`). The same partition as a list and as two rule sets.
            var hitFree: [Int] = [], hitFreeWithoutMCC: [Int] = []
            var needingHit = [UInt64](repeating: 0, count: ruleSet.ruleWords)
            var notNeedingHit = needingHit, needingHitWithoutMCC = needingHit, notNeedingHitWithoutMCC = needingHit
            for i in rules {
                let bit: UInt64 = 1 << UInt64(i % 64)
                let match = ruleSet.rules[i].match
                if ruleSet.needsIncludeHit[i] {
                    needingHit[i / 64] |= bit
                    needingHitWithoutMCC[i / 64] |= bit
                } else {
                    notNeedingHit[i / 64] |= bit
                    hitFree.append(i)
                    if match.mcc == nil {
                        notNeedingHitWithoutMCC[i / 64] |= bit
                        hitFreeWithoutMCC.append(i)
                    } else if match.hasLexiconCondition {
                        needingHitWithoutMCC[i / 64] |= bit
                    }
                }
            }
            perKind[k.slot] = rules.isEmpty ? nil : Candidates(
                rules: rules, fields: fields, hitFree: hitFree, needingHit: needingHit, notNeedingHit: notNeedingHit,
                hitFreeWithoutMCC: hitFreeWithoutMCC, needingHitWithoutMCC: needingHitWithoutMCC,
                notNeedingHitWithoutMCC: notNeedingHitWithoutMCC)
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
                             readsIntent: readsIntent) : nil
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
        /// Posts, comments, messages, and pages liked and groups joined (their names are the
        /// person's choice as a post's words are): only the rule's own `topics:`.
        case ownMarkers
        /// Transactions and everything else.
        case noMarkers
    }

    /// A hit of one of the rule's groups in one of its fields that no exclusion hit overlaps
    /// and, under `intent: need`, in a field with no topic marker (for a search-like event any
    /// marker, for a post or message only the rule's own `topics:`).
    private func lexiconMatches(_ ruleIndex: Int, fields: [Event.Field], readsIntent: TopicScope) -> Bool {
        // Searches meet every topic marker; posts and messages only the rule's own (docs/rules.md
        // "Search intent": a recipe or a film title in a post is still the person's own news).
        let hasTopics: Bool
        switch readsIntent {
        case .allMarkers: hasTopics = ruleSet.topicMask.hasAny[ruleIndex]
        case .ownMarkers: hasTopics = ruleSet.ownTopicMask.hasAny[ruleIndex]
        case .noMarkers: hasTopics = false
        }
        let hasAlso = ruleSet.alsoMask.hasAny[ruleIndex]
        var topicField: Event.Field?
        for field in fields {
            let hits = hitsByField[field.slot]
            for hit in hits where ruleSet.includeMask.contains(rule: ruleIndex, group: hit.group) {
                let cancelled = hits.contains { other in
                    ruleSet.excludeMask.contains(rule: ruleIndex, group: other.group) && other.start < hit.end && hit.start < other.end
                }
                if cancelled { continue }
                // Topic markers are looked for only once a hit stands (rare), so the common path
                // pays nothing for them.
                if hasTopics, hits.contains(where: { other in
                    readsIntent == .allMarkers ? ruleSet.topicMask.contains(rule: ruleIndex, group: other.group)
                                               : ruleSet.ownTopicMask.contains(rule: ruleIndex, group: other.group)
                }) {
                    topicField = field
                    break
                }
                if hasAlso, !alsoHits(ruleIndex, fields: fields, besides: hit, in: field) { continue }
                return true
            }
        }
        if let topicField {
            drops.append(RuleDrop(rule: ruleSet.rules[ruleIndex].id, reason: .topicMarker(topicField.rawValue)))
        }
        return false
    }

    /// Whether one of the `also:` groups hits any of the rule's fields apart from the hit that
    /// matched (a word in both lists does not count twice) and outside every `exclude` phrase
    /// ("Church Street" names no church).
    private func alsoHits(_ ruleIndex: Int, fields: [Event.Field],
                          besides hit: LexiconAutomaton.Hit, in hitField: Event.Field) -> Bool {
        for field in fields {
            let hits = hitsByField[field.slot]
            for other in hits where ruleSet.alsoMask.contains(rule: ruleIndex, group: other.group) {
                if field == hitField, other.start < hit.end, hit.start < other.end { continue }
                let cancelled = hits.contains { decoy in
                    ruleSet.excludeMask.contains(rule: ruleIndex, group: decoy.group) && decoy.start < other.end && other.start < decoy.end
                }
                if cancelled { continue }
                return true
            }
        }
        return false
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
