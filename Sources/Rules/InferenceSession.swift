import StewardCore

/// Matches events against a `RuleSet` and accumulates what is needed for findings: exact
/// counts, first/last seen, sources, match times for aggregate rules and a bounded evidence
/// sample. Not thread-safe: use one session per worker and `merge` them at the end.
///
/// Evidence kept: the earliest `evidenceLimit` matches by event time (events without a time
/// after all timed ones), ties broken by path and position, so the sample does not depend on
/// the order files were processed in or how work was split between sessions.
public final class InferenceSession {
    public let ruleSet: RuleSet
    public let evidenceLimit: Int

    /// What one rule has matched so far.
    struct RuleTally {
        var count = 0
        var first: Timestamp?
        var last: Timestamp?
        var sources = Set<String>()
        var evidence: [RankedEvidence] = []
        /// Match times (epoch seconds) for aggregate rules; emptied once the aggregate holds.
        var times: [Int64] = []
        var aggregateHolds = false
        /// Text matches dropped because the event's MCC lies outside the rule's families.
        var mccVetoes = 0
    }

    /// A rule whose text matched an event but which did not count it, and why.
    public struct RuleDrop: Sendable, Hashable {
        public enum Reason: Sendable, Hashable, CustomStringConvertible {
            /// The event's merchant category (this code) is known and outside the rule's
            /// `mcc`/`mcc_compatible` families (docs/rules.md "Merchant category precedence").
            case mccOutsideFamily(Int)
            /// A search, page view or watch whose field (named) also holds a topic marker: it is
            /// about a topic, not a need (docs/rules.md "Search intent").
            case topicMarker(String)
            /// A rule of this neighbouring attribute matched the same record, and the rule
            /// yields to it (`yields_to`).
            case neighbourAttribute(String)

            public var description: String {
                switch self {
                case .neighbourAttribute(let attribute):
                    return "the record belongs to the neighbouring attribute \(attribute) (see its distinct_from)"
                case .topicMarker(let field):
                    return "the \(field) carries a topic marker (lyrics, recipe, species, …): a search about a topic, not a need"
                case .mccOutsideFamily(let code):
                    return "merchant category \(code) is outside the rule's merchant categories, so the name alone does not count"
                }
            }
        }
        public var rule: String
        public var reason: Reason
        public init(rule: String, reason: Reason) {
            self.rule = rule
            self.reason = reason
        }
    }

    /// Rules whose text matched the event of the last `process` call but which dropped it.
    public private(set) var lastDrops: [RuleDrop] = []

    struct RankedEvidence {
        var epoch: Int64
        var evidence: Evidence
        /// The record's overlap key (with its occurrence number), when the scan checks overlaps:
        /// the same record read from two inputs is kept once, from the input that ranks first.
        var record: UInt64? = nil

        func ranks(before other: RankedEvidence) -> Bool {
            if epoch != other.epoch { return epoch < other.epoch }
            if evidence.path != other.evidence.path { return evidence.path < other.evidence.path }
            if evidence.locator != other.evidence.locator { return evidence.locator < other.evidence.locator }
            return evidence.rule < other.evidence.rule
        }
    }

    /// Rules whose source and kind filters admit one (source, kind), and the fields they scan.
    private struct Candidates {
        var rules: [Int]
        var fields: [Event.Field]
        /// The rules of `rules` that can fire on an event none of whose `fields` has a lexicon
        /// hit: no lexicon condition, or merchant codes as an alternative to it. Most events
        /// have no hit, and asking every rule showed as a fifth of a browser history scan
        /// (docs/performance.md, "Per-format table").
        var hitFree: [Int]
    }

    /// The candidates of the last source seen: events arrive file by file, so consecutive
    /// events nearly always share a source and the dictionary lookup (a string hash) is skipped.
    private var lastSource: String?
    private var lastSourceCandidates: [Candidates?] = []

    private var tallies: [RuleTally]
    /// Per attribute index: number of events for each combination of that attribute's rules
    /// that fired together, so an event matched by two rules of one attribute counts once, and
    /// rules whose aggregate fails can be left out exactly.
    private var combinations: [Int: [[Int]: Int]] = [:]
    /// The same counts split by calendar month of the record's local time (`year * 12 +
    /// month - 1`), for `Finding.months`; records without a time are only in `combinations`.
    private var monthlyCombinations: [Int: [[Int]: [Int32: Int]]] = [:]
    private var candidatesBySource: [String: [Candidates?]] = [:]
    /// Per source, per kind slot: indices of the analyzers that observe such records.
    private var observingAnalyzersBySource: [String: [[Int]]] = [:]
    private var lastAnalyzerSource: String?
    private var lastObservingAnalyzers: [[Int]] = []
    private var foldBuffer: [UInt8] = []
    /// Per field slot, the automaton groups hit in the current event (bit sets, zero between events).
    private var groupsHitScratch: [UInt64] = []
    /// Number of `Event.Field.slot` values (a constant: `allCases` builds an array per call).
    private static var fieldSlotCount: Int { 7 }
    /// Text and counterparty folded and scanned once per event for the rules and the bank
    /// analyzers alike.
    private let foldedFields: FoldedFieldCache
    private var hitsByField: [[LexiconAutomaton.Hit]] = Array(repeating: [], count: Event.Field.allCases.count)
    /// Time lists longer than this are checked and, if the aggregate already holds, dropped.
    private static let timeCompactionThreshold = 4096
    /// Distinct matched records of one input numbered before the occurrence table starts again.
    static let occurrenceLimit = 65_536

    /// Whole-scan analyzers (`rules/analyzers/`), one instance per session.
    private let analyzers: [any EventAnalyzer]

    /// Shared by the sessions of one scan: records already counted (docs/duplicates.md).
    public let overlap: OverlapLedger?
    /// Occurrences of each overlap key in the current input, so equal records inside one input
    /// stay distinct; reset when the input changes (it holds the current input's matches only).
    private var occurrenceInput: String?
    private var occurrences: [UInt64: UInt32] = [:]
    private var occurrenceInputId: UInt32 = 0
    /// The payment-mirror role of `mirrorSource`'s records (asked once per source).
    private var mirrorSource: String?
    private var mirrorRole: PaymentMirrors.Role?
    private var occurrenceDay: Int64?
    private var familySource: String?
    private var familyHash: UInt64 = 0
    /// Per kind slot, whether the gate checks records of `gateSource` of that kind.
    private var gateSource: String?
    private var gatePath: String?
    private var gateChecks: [Bool] = []
    /// Whether the ledger enters matched records of `ledgerSource` read from `ledgerPath`
    /// (asked once per source and input).
    private var ledgerSource: String?
    private var ledgerPath: String?
    /// Per kind slot.
    private var ledgerClaims: [Bool] = []
    /// The current event's overlap key once computed (the gate needs it before matching).
    private var currentKey: UInt64?
    private var keyScratch = OverlapKey.Scratch()
    /// The overlap key of the last record `process` matched (nil without a ledger), for the store.
    public private(set) var lastRecordKey: UInt64?

    /// `evidenceLimit`: evidence items kept per rule and per finding.
    /// Quote messages written by others in evidence (off unless the person asks).
    public let quotingOthers: Bool

    public init(ruleSet: RuleSet, evidenceLimit: Int = 20, quotingOthers: Bool = false, overlap: OverlapLedger? = nil) {
        self.ruleSet = ruleSet
        self.overlap = overlap
        self.evidenceLimit = max(0, evidenceLimit)
        self.quotingOthers = quotingOthers
        analyzers = ruleSet.analyzers.map { $0.makeAnalyzer(ruleSet: ruleSet) }
        foldedFields = FoldedFieldCache(automaton: ruleSet.automaton)
        for case let reader as FoldedFieldReader in analyzers { reader.foldedFields = foldedFields }
        tallies = Array(repeating: RuleTally(), count: ruleSet.rules.count)
    }

    /// Matches one event; returns the ids of rules whose event-level match succeeded (usually
    /// none). `path` is the input path the event came from (archive members joined with `!`).
    @discardableResult
    public func process(_ event: Event, path: String) -> [String] {
        currentKey = nil
        // A purchase the bank statement lists again (or the reverse), read from another input
        // first, is the same payment: neither rules nor analyzers see it (docs/duplicates.md).
        if event.kind == .transaction, let mirrors = overlap?.mirrors, !admittedByMirrors(mirrors, event, path: path) {
            return []
        }
        // Rules first, so analyzers learn which attributes rules already counted this record for
        // (an analyzer whose unit is such a record does not count it a second time).
        let fired = matchRules(event, path: path)
        observeByAnalyzers(event, path: path, fired: fired)
        return fired.map { ruleSet.rules[$0].id }
    }

    private func observeByAnalyzers(_ event: Event, path: String, fired: [Int]) {
        guard !analyzers.isEmpty else { return }
        let observing = observingAnalyzers(source: event.source, kind: event.kind)
        let counted = fired.map { ruleSet.rules[$0].attribute }
        if let overlap, gateChecks(overlap.gate, event, path: path) {
            // A fix, visit or transaction another input already delivered is not counted again
            // by analyzers (docs/duplicates.md). The gate is asked whether or not an analyzer
            // observes this record: the first copy it sees decides, as before.
            let key = currentKey ?? overlapKey(of: event, path: path)
            currentKey = key
            if overlap.gate.admits(key: key, input: occurrenceInputId) {
                for i in observing { analyzers[i].observe(event, path: path, countedByRulesFor: counted) }
            } else {
                for i in observing where analyzers[i].readsEveryCopy {
                    analyzers[i].observe(event, path: path, countedByRulesFor: counted)
                }
            }
        } else {
            for i in observing { analyzers[i].observe(event, path: path, countedByRulesFor: counted) }
        }
    }

    /// The analyzers shown records of `source` and `kind` (`AnalyzerDefinition.observes`),
    /// cached per source like the rules' candidates.
    private func observingAnalyzers(source: String, kind: EventKind) -> [Int] {
        if source == lastAnalyzerSource { return lastObservingAnalyzers[kind.slot] }
        var perKind: [[Int]]
        if let known = observingAnalyzersBySource[source] {
            perKind = known
        } else {
            perKind = Array(repeating: [], count: EventKind.allCases.count)
            for k in EventKind.allCases {
                perKind[k.slot] = ruleSet.analyzers.indices.filter { ruleSet.analyzers[$0].observes(source: source, kind: k) }
            }
        }
        observingAnalyzersBySource[source] = perKind
        lastAnalyzerSource = source
        lastObservingAnalyzers = perKind
        return perKind[kind.slot]
    }

    /// The rules whose event-level match succeeded, recorded in their tallies.
    private func matchRules(_ event: Event, path: String) -> [Int] {
        if !lastDrops.isEmpty { lastDrops.removeAll(keepingCapacity: true) }
        guard let candidates = candidates(source: event.source, kind: event.kind), !candidates.rules.isEmpty else {
            return []
        }
        for field in candidates.fields { scan(field: field, of: event) }
        var fired: [Int] = []
        // Intent applies to what the person looked for; decided once per event by a switch
        // (hashing the kind per rule showed in profiles, as for field slots). Posts and messages
        // meet only a rule's own topics; transactions and the rest none.
        let readsIntent: TopicScope
        switch event.kind {
        case .search, .pageView, .watch: readsIntent = .allMarkers
        case .post, .comment, .message: readsIntent = .ownMarkers
        default: readsIntent = .noMarkers
        }
        let anyHit = candidates.fields.contains { !hitsByField[$0.slot].isEmpty }
        if anyHit {
            // The groups hit per field, as bit sets: a rule that needs one of its include groups
            // and finds none in its fields cannot fire, and is passed over without reading its
            // group lists (each read retained and released arrays: a tenth of a bank CSV profile).
            let words = ruleSet.includeMask.words
            var groupsHit: [UInt64] = []
            swap(&groupsHit, &groupsHitScratch)
            if groupsHit.isEmpty { groupsHit = Array(repeating: 0, count: Self.fieldSlotCount * words) }
            var slotsHit: UInt8 = 0
            for field in candidates.fields {
                let slot = field.slot
                for hit in hitsByField[slot] {
                    slotsHit |= 1 << UInt8(slot)
                    groupsHit[slot * words + Int(hit.group) / 64] |= 1 << UInt64(hit.group % 64)
                }
            }
            for ruleIndex in candidates.rules {
                if ruleSet.needsIncludeHit[ruleIndex],
                   !hasIncludeHit(ruleIndex, groupsHit: groupsHit, slotsHit: slotsHit, words: words) { continue }
                if matches(ruleIndex, event, readsIntent: readsIntent) { fired.append(ruleIndex) }
            }
            for slot in 0..<Self.fieldSlotCount where slotsHit & (1 << UInt8(slot)) != 0 {
                for w in 0..<words { groupsHit[slot * words + w] = 0 }
            }
            swap(&groupsHit, &groupsHitScratch)
        } else {
            for ruleIndex in candidates.hitFree where matches(ruleIndex, event, readsIntent: readsIntent) {
                fired.append(ruleIndex)
            }
        }
        // A search nothing matched may hold a misspelled term: look its long words up once.
        // Only what the person typed: page and video titles are spelled by their publishers.
        if fired.isEmpty, event.kind == .search, !ruleSet.spelling.isEmpty, addMisspelledHits(event, fields: candidates.fields) {
            if !lastDrops.isEmpty { lastDrops.removeAll(keepingCapacity: true) }
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
        guard !fired.isEmpty else { return [] }
        if fired.count > 1 { yieldToNeighbours(&fired) }
        record(fired, event: event, path: path)
        return fired
    }

    /// Whether one of the rule's include groups hit one of its fields (`groupsHit` per field slot).
    @inline(__always)
    private func hasIncludeHit(_ ruleIndex: Int, groupsHit: [UInt64], slotsHit: UInt8, words: Int) -> Bool {
        let slots = ruleSet.lexiconFieldSlots[ruleIndex] & slotsHit
        guard slots != 0 else { return false }
        let base = ruleIndex * words
        for slot in 0..<Self.fieldSlotCount where slots & (1 << UInt8(slot)) != 0 {
            for w in 0..<words where groupsHit[slot * words + w] & ruleSet.includeMask.bits[base + w] != 0 { return true }
        }
        return false
    }

    /// Adds another session's results (built from the same rule set) to this one.
    public func merge(_ other: InferenceSession) {
        precondition(other.ruleSet.version == ruleSet.version && other.tallies.count == tallies.count,
                     "sessions from different rule sets cannot be merged")
        for i in tallies.indices {
            let theirs = other.tallies[i]
            // A tally with no count can still hold sources and evidence of records another
            // session counted first (docs/duplicates.md).
            guard theirs.count > 0 || theirs.mccVetoes > 0 || !theirs.sources.isEmpty else { continue }
            var mine = tallies[i]
            mine.count += theirs.count
            mine.mccVetoes += theirs.mccVetoes
            mine.first = InferenceSession.earlier(mine.first, theirs.first)
            mine.last = InferenceSession.later(mine.last, theirs.last)
            mine.sources.formUnion(theirs.sources)
            for item in theirs.evidence { insert(item, into: &mine.evidence) }
            mine.aggregateHolds = mine.aggregateHolds || theirs.aggregateHolds
            if mine.aggregateHolds { mine.times = [] } else { mine.times += theirs.times }
            tallies[i] = mine
            compactTimes(ruleIndex: i)
        }
        for (attribute, theirs) in other.combinations {
            combinations[attribute, default: [:]].merge(theirs, uniquingKeysWith: +)
        }
        for (attribute, theirs) in other.monthlyCombinations {
            for (rules, months) in theirs {
                monthlyCombinations[attribute, default: [:]][rules, default: [:]].merge(months, uniquingKeysWith: +)
            }
        }
        for (mine, theirs) in zip(analyzers, other.analyzers) { mine.merge(theirs) }
    }

    /// One finding per attribute with at least one qualifying match or analyzer finding, in
    /// taxonomy order. Aggregate rules qualify only if some window of their `days` holds
    /// `count` matches.
    public func findings() -> [Finding] {
        var byAttribute: [String: Finding] = [:]
        for finding in ruleFindings() { byAttribute[finding.attribute] = finding }
        for analyzer in analyzers {
            for var finding in analyzer.findings(evidenceLimit: evidenceLimit) {
                // An analyzer's records are all its own: its id (or ids) carries the count.
                if finding.ruleCounts == nil {
                    finding.ruleCounts = Dictionary(finding.rules.map { ($0, finding.count) }, uniquingKeysWith: { a, _ in a })
                }
                byAttribute[finding.attribute] = byAttribute[finding.attribute].map {
                    $0.combined(with: finding, evidenceLimit: evidenceLimit)
                } ?? finding
            }
        }
        return byAttribute.values.sorted {
            (ruleSet.attributeOrder($0.attribute) ?? Int.max, $0.attribute) < (ruleSet.attributeOrder($1.attribute) ?? Int.max, $1.attribute)
        }
    }

    private func ruleFindings() -> [Finding] {
        let qualifies: [Bool] = ruleSet.rules.indices.map { i in
            guard let aggregate = ruleSet.rules[i].aggregate else { return tallies[i].count > 0 }
            if tallies[i].aggregateHolds { return true }
            return aggregate.isSatisfied(bySorted: tallies[i].times.sorted())
        }
        var result: [Finding] = []
        for attributeIndex in combinations.keys.sorted() {
            let attribute = ruleSet.attributes[attributeIndex]
            var count = 0
            for (rules, n) in combinations[attributeIndex]! where rules.contains(where: { qualifies[$0] }) { count += n }
            var months: [String: Int] = [:]
            for (rules, byMonth) in monthlyCombinations[attributeIndex] ?? [:] where rules.contains(where: { qualifies[$0] }) {
                for (month, n) in byMonth where n != 0 { months[InferenceSession.monthKey(month), default: 0] += n }
            }
            guard count > 0 else { continue }
            let ruleIndices = ruleSet.rules.indices.filter {
                qualifies[$0] && tallies[$0].count > 0 && ruleSet.rules[$0].attribute == attribute.id
            }
            var first: Timestamp?
            var last: Timestamp?
            var sources = Set<String>()
            var evidence: [RankedEvidence] = []
            var confidence = 0.0
            for i in ruleIndices {
                first = InferenceSession.earlier(first, tallies[i].first)
                last = InferenceSession.later(last, tallies[i].last)
                sources.formUnion(tallies[i].sources)
                confidence = max(confidence, ruleSet.rules[i].confidence)
                evidence += tallies[i].evidence
            }
            // The same record matched by two rules of one attribute (or read from two inputs) is
            // shown once; dedupe before trimming so the sample stays full.
            evidence.sort { $0.ranks(before: $1) }
            var seen = Set<String>()
            var seenRecords = Set<UInt64>()
            let unique = evidence.filter { item in
                if let record = item.record { return seenRecords.insert(record).inserted }
                return seen.insert(item.evidence.path + "\u{0}" + item.evidence.locator).inserted
            }.prefix(evidenceLimit)
            result.append(Finding(attribute: attribute.id, title: attribute.title, sensitivity: attribute.sensitivity,
                                  confidence: confidence, count: count, firstSeen: first?.iso8601, lastSeen: last?.iso8601,
                                  rules: ruleIndices.map { ruleSet.rules[$0].id }, sources: sources.sorted(),
                                  evidence: unique.map(\.evidence),
                                  ruleCounts: Dictionary(uniqueKeysWithValues: ruleIndices.map { (ruleSet.rules[$0].id, tallies[$0].count) }),
                                  months: months.filter { $0.value > 0 }))
        }
        return result
    }

    /// Number of event-level matches of one rule so far (before any aggregate check).
    public func matchCount(rule id: String) -> Int {
        ruleSet.ruleIndexById[id].map { tallies[$0].count } ?? 0
    }

    /// Number of records whose text matched a rule but whose known merchant category vetoed it.
    public func mccVetoCount(rule id: String) -> Int {
        ruleSet.ruleIndexById[id].map { tallies[$0].mccVetoes } ?? 0
    }

    // MARK: matching

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
            // where a merchant code alone suffices, can fire (see `matches`).
            let hitFree = rules.filter { i in
                let match = ruleSet.rules[i].match
                return !match.hasLexiconCondition || (match.mcc != nil && match.combination != .all)
            }
            perKind[k.slot] = rules.isEmpty ? nil : Candidates(rules: rules, fields: fields, hitFree: hitFree)
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
                hitsByField[slot] = foldedFields.entry(value, .text).hits
                return
            case .counterparty:
                hitsByField[slot] = foldedFields.entry(value, .counterparty).hits
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
        if let range = ruleSet.rules[ruleIndex].match.amount {
            guard let amount = event.amount, range.contains(amount) else { return false }
        }
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
            lastDrops.append(RuleDrop(rule: ruleSet.rules[ruleIndex].id, reason: .mccOutsideFamily(code)))
            tallies[ruleIndex].mccVetoes += 1
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
            lastDrops.append(RuleDrop(rule: ruleSet.rules[i].id, reason: .neighbourAttribute(ruleSet.attributes[neighbour].id)))
            return true
        }
    }

    /// Which topic markers a record's kind meets (docs/rules.md "Search intent").
    enum TopicScope {
        /// Searches, page views, watches: the shared `topic_*` markers and the rule's own.
        case allMarkers
        /// Posts, comments, messages: only the rule's own `topics:`.
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
            lastDrops.append(RuleDrop(rule: ruleSet.rules[ruleIndex].id, reason: .topicMarker(topicField.rawValue)))
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

    // MARK: recording

    private func record(_ fired: [Int], event: Event, path: String) {
        var byAttribute: [Int: [Int]] = [:]
        for ruleIndex in fired {
            byAttribute[ruleSet.attributeIndexById[ruleSet.rules[ruleIndex].attribute]!, default: []].append(ruleIndex)
        }
        let recordKey = overlap == nil ? nil : (currentKey ?? overlapKey(of: event, path: path))
        lastRecordKey = recordKey
        // The gate reports records of the kinds it checks; the ledger reports the others.
        let gateCounts = overlap.map { !analyzers.isEmpty && gateChecks($0.gate, event, path: path) } ?? false
        let primaryAttribute = gateCounts ? nil : byAttribute.keys.min()
        let month: Int32? = event.time.flatMap { time in
            let civil = time.civil
            return (1...9999).contains(civil.year) ? Int32(civil.year * 12 + civil.month - 1) : nil
        }
        for (attribute, rules) in byAttribute {
            var counted = rules
            if let overlap, let recordKey, claimsRecords(overlap, event, path: path) {
                // A record already counted from another input counts only for rules that did not
                // fire on it there; its attribute count moves to the union of both inputs' rules.
                switch overlap.claim(key: ContentHash.combine(recordKey, UInt64(attribute)), rules: rules,
                                     input: path, primary: attribute == primaryAttribute) {
                case .new, .unchecked:
                    combinations[attribute, default: [:]][rules, default: 0] += 1
                    countMonth(attribute, rules, month, 1)
                case .seen(let previous, let union):
                    counted = rules.filter { !previous.contains($0) }
                    if union != previous {
                        combinations[attribute, default: [:]][previous, default: 0] -= 1
                        combinations[attribute, default: [:]][union, default: 0] += 1
                        countMonth(attribute, previous, month, -1)
                        countMonth(attribute, union, month, 1)
                    }
                }
            } else {
                combinations[attribute, default: [:]][rules, default: 0] += 1
                countMonth(attribute, rules, month, 1)
            }
            for ruleIndex in rules {
                tally(ruleIndex, event: event, path: path, counts: counted.contains(ruleIndex), record: recordKey)
            }
        }
    }

    private func countMonth(_ attribute: Int, _ rules: [Int], _ month: Int32?, _ n: Int) {
        guard let month else { return }
        monthlyCombinations[attribute, default: [:]][rules, default: [:]][month, default: 0] += n
    }

    /// `YYYY-MM` of a month index `year * 12 + month - 1`.
    static func monthKey(_ index: Int32) -> String {
        let year = Int(index) / 12
        let month = Int(index) % 12 + 1
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + (month < 10 ? "-0" : "-") + String(month)
    }

    /// Adds one matched record to a rule's tally; a record already counted from another input
    /// (`counts` false) adds only its time span, source and evidence (kept once per record), so
    /// the result does not depend on which input was read first.
    private func tally(_ ruleIndex: Int, event: Event, path: String, counts: Bool, record: UInt64?) {
        let rule = ruleSet.rules[ruleIndex]
        // Moved out, not copied: a copy would share the evidence and times arrays with the
        // stored tally, and appending to them would copy them whole on every matched record.
        var tally = RuleTally()
        swap(&tally, &tallies[ruleIndex])
        tally.first = InferenceSession.earlier(tally.first, event.time)
        tally.last = InferenceSession.later(tally.last, event.time)
        if counts {
            tally.count += 1
            if rule.aggregate != nil, !tally.aggregateHolds, let time = event.time { tally.times.append(time.epochSeconds) }
        }
        if !tally.sources.contains(event.source) { tally.sources.insert(event.source) }
        offerEvidence(event, path: path, rule: rule.id, record: record, into: &tally.evidence)
        tallies[ruleIndex] = tally
        if tally.times.count >= InferenceSession.timeCompactionThreshold { compactTimes(ruleIndex: ruleIndex) }
    }

    /// Whether the ledger enters this event's matched records (answered once per source and input).
    private func claimsRecords(_ ledger: OverlapLedger, _ event: Event, path: String) -> Bool {
        if event.source != ledgerSource || path != ledgerPath {
            ledgerSource = event.source
            ledgerPath = path
            ledgerClaims = EventKind.allCases.map { ledger.claims(source: event.source, kind: $0, path: path) }
        }
        return ledgerClaims[event.kind.slot]
    }

    private func admittedByMirrors(_ mirrors: PaymentMirrors, _ event: Event, path: String) -> Bool {
        if event.source != mirrorSource {
            mirrorSource = event.source
            mirrorRole = PaymentMirrors.role(of: event.source)
        }
        guard let role = mirrorRole else { return true }
        let key = overlapKey(of: event, path: path)
        currentKey = key
        return mirrors.admits(event, as: role, key: key, input: occurrenceInputId)
    }

    /// Whether the gate checks this event (answered once per source and input: this is the hot path).
    private func gateChecks(_ gate: OverlapGate, _ event: Event, path: String) -> Bool {
        if event.source != gateSource || path != gatePath {
            gateSource = event.source
            gatePath = path
            gateChecks = EventKind.allCases.map { gate.checks(source: event.source, kind: $0, path: path) }
        }
        return gateChecks[event.kind.slot]
    }

    /// The record's overlap key, numbered by its occurrence in the current input where equal
    /// records of one input are distinct records (two equal coffees on one day).
    private func overlapKey(of event: Event, path: String) -> UInt64 {
        if path != occurrenceInput {
            occurrenceInput = path
            occurrences.removeAll()
            occurrenceDay = nil
            occurrenceInputId = overlap?.gate.inputId(path) ?? 0
        }
        if event.source != familySource {
            familySource = event.source
            familyHash = OverlapKey.familyHash(of: event.source)
        }
        let base = OverlapKey.of(event, familyHash: familyHash, scratch: &keyScratch)
        guard OverlapKey.numbersOccurrences(event.kind) else { return base }
        if event.kind == .transaction, let time = event.time {
            // Statements list transactions day by day: only the current day's numbers are
            // kept, so the table stays as small as one day of one statement.
            let day = Timestamp.floorDiv(time.localSeconds, 86_400)
            if day != occurrenceDay {
                occurrenceDay = day
                occurrences.removeAll(keepingCapacity: true)
            }
        }
        // The table holds one number per distinct matched record of the input: past the limit it
        // starts again, so a long history (every page view of years of browsing) costs a few MB,
        // not one entry per record. Equal records (the same second, text and URL) further apart
        // than that are each numbered as a first occurrence (docs/duplicates.md, "Memory").
        if occurrences.count >= Self.occurrenceLimit { occurrences.removeAll(keepingCapacity: true) }
        let occurrence = (occurrences[base] ?? 0) + 1
        occurrences[base] = occurrence
        return ContentHash.combine(base, UInt64(occurrence))
    }

    private func offerEvidence(_ event: Event, path: String, rule: String, record: UInt64?, into list: inout [RankedEvidence]) {
        guard evidenceLimit > 0 else { return }
        let epoch = event.time?.epochSeconds ?? Int64.max
        // Cheap rejection before building strings: later than the latest kept item.
        if list.count >= evidenceLimit, let worst = list.last, epoch > worst.epoch { return }
        let item = RankedEvidence(epoch: epoch, evidence: Evidence(path: path, locator: event.position.description,
                                                                   time: event.time?.iso8601, excerpt: event.excerpt(quotingOthers: quotingOthers),
                                                                   rule: rule, latitude: event.latitude, longitude: event.longitude),
                                  record: record)
        insert(item, into: &list)
    }

    private func insert(_ item: RankedEvidence, into list: inout [RankedEvidence]) {
        guard evidenceLimit > 0 else { return }
        if list.count >= evidenceLimit, let worst = list.last, !item.ranks(before: worst) { return }
        if let record = item.record, let existing = list.firstIndex(where: { $0.record == record }) {
            // The same record from another input: keep the copy that ranks first.
            guard item.ranks(before: list[existing]) else { return }
            list.remove(at: existing)
        }
        var index = list.count
        while index > 0 && item.ranks(before: list[index - 1]) { index -= 1 }
        list.insert(item, at: index)
        if list.count > evidenceLimit { list.removeLast() }
    }

    /// Keeps memory bounded for aggregate rules that match very often: once the aggregate holds,
    /// the times are no longer needed.
    private func compactTimes(ruleIndex: Int) {
        guard let aggregate = ruleSet.rules[ruleIndex].aggregate, tallies[ruleIndex].times.count >= InferenceSession.timeCompactionThreshold else { return }
        tallies[ruleIndex].times.sort()
        if aggregate.isSatisfied(bySorted: tallies[ruleIndex].times) {
            tallies[ruleIndex].aggregateHolds = true
            tallies[ruleIndex].times = []
        }
    }

    private static func earlier(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        guard let a else { return b }
        guard let b else { return a }
        return b < a ? b : a
    }

    private static func later(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        guard let a else { return b }
        guard let b else { return a }
        return b > a ? b : a
    }
}

extension Event.Field {
    /// Dense index for per-field buffers (a switch: hashing the enum per event showed in profiles).
    var slot: Int {
        switch self {
        case .text: return 0
        case .title: return 1
        case .url: return 2
        case .counterparty: return 3
        case .place: return 4
        case .product: return 5
        case .code: return 6
        }
    }
}

extension EventKind {
    /// Dense index into per-kind tables (a switch, for the same reason as `Event.Field.slot`).
    var slot: Int {
        switch self {
        case .transaction: return 0
        case .visit: return 1
        case .location: return 2
        case .search: return 3
        case .pageView: return 4
        case .watch: return 5
        case .post: return 6
        case .comment: return 7
        case .like: return 8
        case .message: return 9
        case .contact: return 10
        case .position: return 11
        case .healthRecord: return 12
        case .photo: return 13
        case .listen: return 14
        case .adInterest: return 15
        case .activity: return 16
        }
    }
}
