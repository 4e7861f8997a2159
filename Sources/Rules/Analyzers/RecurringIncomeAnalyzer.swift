import StewardCore

/// Finds income: per payer, the longest chain of credits whose consecutive gaps are all
/// "monthly" (`interval_days`); payers with at least `min_occurrences` in their chain count.
/// The monthly figure per currency is the sum of those payers' median credit, and the
/// finding's value is its bracket label. Evidence is the credits of the chains.
///
/// Memory: one small record per credit above the table minimum (credits are a small share
/// of a statement), capped at `maximumCredits` per session: a weekly wage from ten payers
/// for forty years, about 6 MB (docs/analyzers/recurring_income.md, "Limits").
final class RecurringIncomeAnalyzer: EventAnalyzer, FoldedFieldReader {
    struct Credit {
        var payer: String
        /// The credit's ISO code, empty when the export states none (grouping key: amounts in
        /// different currencies are never added up, even when they share the `*` table).
        var currency: String
        var amount: Money
        var record: RankedRecord
        var source: String
    }

    static let maximumCredits = 20_000

    let definition: RecurringIncomeDefinition
    private var filter: SourceFilter
    private(set) var credits: [Credit] = []
    private var scanner: TransactionTextScanner
    private let excluded: TransactionCondition.Compiled?

    var foldedFields: FoldedFieldCache {
        get { scanner.cache }
        set { scanner.cache = newValue }
    }

    init(definition: RecurringIncomeDefinition, automaton: LexiconAutomaton) {
        self.definition = definition
        filter = SourceFilter(patterns: definition.sources)
        scanner = TransactionTextScanner(automaton: automaton)
        excluded = definition.exclude?.compiled(for: automaton)
    }

    func observe(_ event: Event, path: String) {
        guard event.kind == .transaction, let amount = event.amount, amount.units > 0, event.time != nil,
              credits.count < Self.maximumCredits, filter.admits(event.source),
              let table = definition.table(for: amount.currency)?.table, amount.compare(table.minimum) >= 0 else { return }
        if let excluded {
            scanner.scan(event)
            if excluded.matches(event, scanner: scanner) { return }
        }
        let payer = RecurringIncomeAnalyzer.payer(of: event)
        guard !payer.isEmpty else { return }
        credits.append(Credit(payer: payer, currency: amount.currency ?? "", amount: amount,
                              record: .compact(event, path: path, rule: definition.id), source: event.source))
    }

    /// Counterparty when the export names one, else the booking text.
    static func payer(of event: Event) -> String {
        let key = TransactionTextScanner.payeeKey(event.counterparty)
        return key.isEmpty ? TransactionTextScanner.payeeKey(event.text) : key
    }

    func merge(_ other: any EventAnalyzer) {
        guard let other = other as? RecurringIncomeAnalyzer else { return }
        credits += other.credits.prefix(max(0, Self.maximumCredits - credits.count))
    }

    /// The chains of each payer and currency that qualify as income.
    func incomeChains() -> [[Credit]] {
        var byPayer: [String: [Credit]] = [:]
        for credit in credits { byPayer[credit.currency + "\u{0}" + credit.payer, default: []].append(credit) }
        var result: [[Credit]] = []
        for key in byPayer.keys.sorted() {
            let series = byPayer[key]!.sorted { $0.record.ranks(before: $1.record) }
            let chain = longestMonthlyChain(series)
            if chain.count >= definition.minOccurrences { result.append(chain) }
        }
        return result
    }

    /// Walks the credits in time order: a gap inside the interval extends the chain, a shorter
    /// gap (a second credit in the same month: a bonus, a correction) is skipped without
    /// breaking it, a longer gap starts a new chain. Returns the longest (the earliest on ties).
    private func longestMonthlyChain(_ series: [Credit]) -> [Credit] {
        let minGap = Int64(definition.minIntervalDays) * 86_400, maxGap = Int64(definition.maxIntervalDays) * 86_400
        var best: [Credit] = []
        var current: [Credit] = []
        for credit in series {
            guard let last = current.last else { current = [credit]; continue }
            let gap = credit.record.time!.epochSeconds - last.record.time!.epochSeconds
            if gap < minGap { continue }
            if gap <= maxGap { current.append(credit); continue }
            if current.count > best.count { best = current }
            current = [credit]
        }
        return current.count > best.count ? current : best
    }

    /// Median of a chain's amounts (the lower middle for an even count), exact.
    static func median(_ chain: [Credit]) -> Money {
        let sorted = chain.map(\.amount).sorted { $0.compare($1) < 0 }
        return sorted[(sorted.count - 1) / 2]
    }

    func findings(evidenceLimit: Int) -> [Finding] {
        let chains = incomeChains()
        guard !chains.isEmpty else { return [] }
        // Monthly figure per currency table, at the largest scale seen.
        var totals: [String: (units: Int64, scale: Int, credits: Int)] = [:]
        for chain in chains {
            let median = Self.median(chain)
            var total = totals[chain[0].currency] ?? (0, 2, 0)
            let scale = max(total.scale, median.scale)
            // Saturating: two 18-digit salaries overflow Int64, and the brackets are open at the
            // top, so a total held at the limit lands in the right (highest) one.
            total.units = CheckedNumber.saturatingSum(Money(units: total.units, scale: total.scale).units(atScale: scale),
                                                      median.units(atScale: scale))
            total.scale = scale
            total.credits += chain.count
            totals[chain[0].currency] = total
        }
        let ordered = totals.keys.sorted { (totals[$0]!.credits, $1) > (totals[$1]!.credits, $0) }
        let parts = ordered.map { key -> FindingValuePart in
            let total = totals[key]!
            let table = definition.table(for: key.isEmpty ? nil : key)!
            var part = table.table.band(for: Money(units: total.units, scale: total.scale))
            if table.key == "*" { part = FindingValuePart("value.income.unstated_currency", ["band": .list([part])]) }
            if !key.isEmpty { part = FindingValuePart("value.income.in_currency", ["currency": .text(key), "band": .list([part])]) }
            return part
        }
        let records = chains.flatMap { $0.map(\.record) }
        let sources = Set(chains.flatMap { $0.map(\.source) })
        return [RankedRecord.finding(records, attribute: definition.attribute, id: definition.id,
                                     confidence: definition.confidence, valueParts: parts, sources: sources,
                                     evidenceLimit: evidenceLimit)]
    }
}
