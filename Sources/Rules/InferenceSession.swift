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
        var evidence = EvidenceShortlist()
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

    /// A matched record kept as evidence, with what ranks it; its texts (position, time,
    /// excerpt) are built only when ranking or a finding needs them: an export listed newest
    /// first (Chrome's BrowserHistory.json) offers every matched record, each earlier than all
    /// kept so far (docs/performance.md, "Evidence texts built when shown").
    struct RankedEvidence {
        var epoch: Int64
        var path: String
        var rule: String
        /// The record's overlap key (with its occurrence number), when the scan checks overlaps:
        /// the same record read from two inputs is kept once, from the input that ranks first.
        var record: UInt64? = nil
        var event: Event
        /// `event.position.description`, once written (`writeLocator`): ranking reads it only
        /// between records of the same time and file.
        private(set) var locator: String?

        init(epoch: Int64, path: String, rule: String, record: UInt64?, event: Event) {
            self.epoch = epoch
            self.path = path
            self.rule = rule
            self.record = record
            self.event = event
        }

        mutating func writeLocator() {
            if locator == nil { locator = event.position.description }
        }

        func ranks(before other: RankedEvidence) -> Bool {
            if epoch != other.epoch { return epoch < other.epoch }
            if path != other.path { return path < other.path }
            let mine = locator ?? event.position.description
            let theirs = other.locator ?? other.event.position.description
            if mine != theirs { return mine < theirs }
            return rule < other.rule
        }

        func evidence(quotingOthers: Bool) -> Evidence {
            Evidence(path: path, locator: locator ?? event.position.description, time: event.time?.iso8601,
                     excerpt: event.excerpt(quotingOthers: quotingOthers),
                     rule: rule, latitude: event.latitude, longitude: event.longitude)
        }
    }

    /// The best-ranked evidence items of one rule, in no order (findings sort them when they are
    /// built): the item ranking last is tracked, so a better item takes its slot instead of
    /// shifting the others along, which cost a copy of the whole list for every matched record
    /// of an export written newest first (docs/performance.md, "Evidence kept unsorted").
    struct EvidenceShortlist {
        private(set) var items: [RankedEvidence] = []
        /// The index of the item ranking last (0 when empty).
        private(set) var worst = 0

        mutating func append(_ item: RankedEvidence) {
            items.append(item)
            if items.count > 1, items[worst].ranks(before: item) { worst = items.count - 1 }
        }

        mutating func replace(at index: Int, with item: RankedEvidence) {
            items[index] = item
            worst = 0
            for i in items.indices.dropFirst() where items[worst].ranks(before: items[i]) { worst = i }
        }

        /// Writes the locator of item `index` (ranking ties within one time and file need it).
        mutating func writeLocator(at index: Int) { items[index].writeLocator() }
    }

    private var tallies: [RuleTally]
    /// Per attribute index: number of events for each combination of that attribute's rules
    /// that fired together, so an event matched by two rules of one attribute counts once, and
    /// rules whose aggregate fails can be left out exactly.
    private var combinations: [Int: [[Int]: Int]] = [:]
    /// The same counts split by calendar month of the record's local time (`year * 12 +
    /// month - 1`), for `Finding.months`; records without a time are only in `combinations`.
    private var monthlyCombinations: [Int: [[Int]: [Int32: Int]]] = [:]
    /// Per source, per kind slot: indices of the analyzers that observe such records.
    private var observingAnalyzersBySource: [String: [[Int]]] = [:]
    private var lastAnalyzerSource: String?
    private var lastObservingAnalyzers: [[Int]] = []
    /// Time lists longer than this are checked and, if the aggregate already holds, dropped.
    private static let timeCompactionThreshold = 4096
    /// Distinct matched records of one input numbered before the occurrence table starts again.
    static let occurrenceLimit = 65_536

    /// Whole-scan analyzers (`rules/analyzers/`), one instance per session.
    private let analyzers: [any EventAnalyzer]
    /// Matches each record against the rules' conditions; the session records what it found.
    private let matcher: RuleMatcher

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
        matcher = RuleMatcher(ruleSet: ruleSet)
        // The matcher and the bank analyzers fold each transaction's text once, between them.
        for case let reader as FoldedFieldReader in analyzers { reader.foldedFields = matcher.foldedFields }
        tallies = Array(repeating: RuleTally(), count: ruleSet.rules.count)
    }

    /// Matches one event; returns the ids of rules whose event-level match succeeded (usually
    /// none). `path` is the input path the event came from (archive members joined with `!`).
    @discardableResult
    public func process(_ event: Event, path: String) -> [String] {
        guard admitted(event, path: path) else { return [] }
        return apply(matcher.match(event), to: event, path: path)
    }

    /// A purchase the bank statement lists again (or the reverse), read from another input
    /// first, is the same payment: neither rules nor analyzers see it (docs/duplicates.md).
    private func admitted(_ event: Event, path: String) -> Bool {
        currentKey = nil
        if event.kind == .transaction, let mirrors = overlap?.mirrors, !admittedByMirrors(mirrors, event, path: path) {
            return false
        }
        return true
    }

    private func apply(_ outcome: consuming RuleOutcome, to event: Event, path: String) -> [String] {
        swap(&lastDrops, &outcome.drops)
        for ruleIndex in outcome.vetoed { tallies[ruleIndex].mccVetoes += 1 }
        // Rules first, so analyzers learn which attributes rules already counted this record for
        // (an analyzer whose unit is such a record does not count it a second time).
        let fired = outcome.fired
        if !fired.isEmpty { record(fired, event: event, path: path) }
        observeByAnalyzers(event, path: path, fired: fired)
        return fired.isEmpty ? [] : fired.map { ruleSet.rules[$0].id }
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
            for item in theirs.evidence.items { insert(item, into: &mine.evidence) }
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
        return byAttribute.values.map { finding in
            var finding = finding
            if let text = ruleSet.englishValue(of: finding) { finding.value = text }
            return finding
        }.sorted {
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
                evidence += tallies[i].evidence.items
            }
            // The same record matched by two rules of one attribute (or read from two inputs) is
            // shown once; dedupe before trimming so the sample stays full.
            for i in evidence.indices { evidence[i].writeLocator() }
            evidence.sort { $0.ranks(before: $1) }
            var seen = Set<String>()
            var seenRecords = Set<UInt64>()
            let unique = evidence.filter { item in
                if let record = item.record { return seenRecords.insert(record).inserted }
                return seen.insert(item.path + "\u{0}" + (item.locator ?? "")).inserted
            }.prefix(evidenceLimit)
            result.append(Finding(attribute: attribute.id, title: attribute.title, sensitivity: attribute.sensitivity,
                                  confidence: confidence, count: count, firstSeen: first?.iso8601, lastSeen: last?.iso8601,
                                  rules: ruleIndices.map { ruleSet.rules[$0].id }, sources: sources.sorted(),
                                  evidence: unique.map { $0.evidence(quotingOthers: quotingOthers) },
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

    private func offerEvidence(_ event: Event, path: String, rule: String, record: UInt64?, into list: inout EvidenceShortlist) {
        guard evidenceLimit > 0 else { return }
        let epoch = event.time?.epochSeconds ?? Int64.max
        // Cheap rejection before building strings: later than the latest kept item.
        if list.items.count >= evidenceLimit, epoch > list.items[list.worst].epoch { return }
        let item = RankedEvidence(epoch: epoch, path: path, rule: rule, record: record, event: event)
        insert(item, into: &list)
    }

    private func insert(_ item: RankedEvidence, into list: inout EvidenceShortlist) {
        guard evidenceLimit > 0 else { return }
        var item = item
        // Records of one time and file are ranked by position: write the texts once here rather
        // than in every comparison below.
        for i in list.items.indices where list.items[i].epoch == item.epoch && list.items[i].path == item.path {
            list.writeLocator(at: i)
            item.writeLocator()
        }
        if list.items.count >= evidenceLimit, !item.ranks(before: list.items[list.worst]) { return }
        if let record = item.record, let existing = list.items.firstIndex(where: { $0.record == record }) {
            // The same record from another input: keep the copy that ranks first.
            guard item.ranks(before: list.items[existing]) else { return }
            list.replace(at: existing, with: item)
        } else if list.items.count < evidenceLimit {
            list.append(item)
        } else {
            list.replace(at: list.worst, with: item)
        }
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
