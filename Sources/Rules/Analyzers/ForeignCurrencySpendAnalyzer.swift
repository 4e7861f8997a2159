import StewardCore

/// Counts, per input file (one statement = one account) and currency, all transactions and
/// the payments; at the end, a file's dominant currency is the one most of its transactions
/// use (several tied at the top are all taken as home), and payments in any other currency
/// are foreign spend. Bounded memory: per file and currency a count, the sources and the
/// earliest `evidenceKept` records.
final class ForeignCurrencySpendAnalyzer: EventAnalyzer {
    struct Tally {
        var transactions = 0
        var payments = 0
        var sample: [RankedRecord] = []
        var sources = Set<String>()
        /// The source last inserted into `sources`.
        var lastSource: String?
    }

    static let evidenceKept = 64

    let definition: ForeignCurrencySpendDefinition
    private var filter: SourceFilter
    /// path → currency → tally, for files other than the open one.
    private var tallies: [String: [String: Tally]] = [:]
    /// The file events are arriving from and its tallies: events come file by file, so the
    /// path is compared, not hashed, per event.
    private var openPath: String?
    private var openTallies: [String: Tally] = [:]

    init(definition: ForeignCurrencySpendDefinition) {
        self.definition = definition
        filter = SourceFilter(patterns: definition.sources)
    }

    func observe(_ event: Event, path: String) {
        guard event.kind == .transaction, let amount = event.amount, let currency = amount.currency, !currency.isEmpty,
              filter.admits(event.source) else { return }
        if path != openPath { open(path) }
        // Changed in place through the dictionary (one lookup, no copy), not taken out and put back.
        count(event, amount: amount, path: path, into: &openTallies[currency, default: Tally()])
    }

    private func count(_ event: Event, amount: Money, path: String, into tally: inout Tally) {
        tally.transactions += 1
        let excluded = event.mcc.map { definition.excludeMCC?.contains($0) ?? false } ?? false
        if amount.units < 0 && !excluded {
            tally.payments += 1
            // Consecutive payments nearly always share a source: compared, not hashed.
            if event.source != tally.lastSource {
                tally.lastSource = event.source
                tally.sources.insert(event.source)
            }
            // Cheap rejection of records later than a full sample's last.
            let epoch = event.time?.epochSeconds ?? Int64.max
            if tally.sample.count < Self.evidenceKept || epoch <= (tally.sample.last?.time?.epochSeconds ?? Int64.max) {
                Self.offer(RankedRecord(event: event, path: path, rule: definition.id), into: &tally.sample)
            }
        }
    }

    private func open(_ path: String) {
        closeOpenFile()
        openPath = path
        openTallies = tallies.removeValue(forKey: path) ?? [:]
    }

    private func closeOpenFile() {
        guard let openPath else { return }
        tallies[openPath] = openTallies
        self.openPath = nil
        openTallies = [:]
    }

    private static func offer(_ record: RankedRecord, into sample: inout [RankedRecord]) {
        if sample.count >= evidenceKept, let worst = sample.last, !record.ranks(before: worst) { return }
        var index = sample.count
        while index > 0 && record.ranks(before: sample[index - 1]) { index -= 1 }
        sample.insert(record, at: index)
        if sample.count > evidenceKept { sample.removeLast() }
    }

    func merge(_ other: any EventAnalyzer) {
        guard let other = other as? ForeignCurrencySpendAnalyzer else { return }
        closeOpenFile()
        other.closeOpenFile()
        for (path, byCurrency) in other.tallies {
            for (currency, theirs) in byCurrency {
                var mine = tallies[path]?[currency] ?? Tally()
                mine.transactions += theirs.transactions
                mine.payments += theirs.payments
                mine.sources.formUnion(theirs.sources)
                for record in theirs.sample { Self.offer(record, into: &mine.sample) }
                tallies[path, default: [:]][currency] = mine
            }
        }
    }

    /// Foreign currencies with their payment counts, samples and sources, over all files.
    func foreignSpend() -> [String: Tally] {
        closeOpenFile()
        var result: [String: Tally] = [:]
        for byCurrency in tallies.values {
            let top = byCurrency.values.map(\.transactions).max() ?? 0
            for (currency, tally) in byCurrency where tally.transactions < top && tally.payments > 0 {
                var total = result[currency] ?? Tally()
                total.payments += tally.payments
                total.sources.formUnion(tally.sources)
                for record in tally.sample { Self.offer(record, into: &total.sample) }
                result[currency] = total
            }
        }
        return result
    }

    func findings(evidenceLimit: Int) -> [Finding] {
        let foreign = foreignSpend()
        let payments = foreign.values.reduce(0) { $0 + $1.payments }
        guard payments >= definition.minTransactions else { return [] }
        let currencies = foreign.keys.sorted { (foreign[$0]!.payments, $1) > (foreign[$1]!.payments, $0) }
        var sample: [RankedRecord] = []
        for tally in foreign.values { for record in tally.sample { Self.offer(record, into: &sample) } }
        var finding = RankedRecord.finding(sample, attribute: definition.attribute, id: definition.id,
                                           confidence: definition.confidence,
                                           valueParts: [FindingValuePart("value.foreign_currency", ["currencies": .list(currencies.map { FindingValuePart("value.code", ["code": .text($0)]) })])],
                                           sources: foreign.values.reduce(into: Set<String>()) { $0.formUnion($1.sources) },
                                           evidenceLimit: evidenceLimit)
        // The sample is bounded; the count is exact.
        finding.count = payments
        return [finding]
    }
}
