import StewardCore

/// Pairs utility payments with later fees: a fee, return or reminder (the `fee` condition)
/// booked 0…`window_days` days after a utility payment (the `utility` condition) is a late
/// bill when it belongs to that bill — it names a utility itself ("Mahngebühr Stadtwerke") or
/// has the same payee as the payment (a returned direct debit carries the creditor's name), or,
/// where statements put the payee into the booking text instead of a payee field, the two
/// texts share a name word (`TOTALENERGIES ELECTRICITE` … `TotalEnergies frais de relance`;
/// `支付宝-中国电信 宽带费` … `中国电信 宽带 违约金`). Booking words every line carries (`CARD
/// PAYMENT TO`, `VIR SEPA`, `Перевод`, `消费`) are the definition's `ignore_words`.
/// A general overdraft fee after an electricity bill is not a late bill.
///
/// A late-payment fee that names nobody at all (`LASTSCHRIFT SÄUMNISZUSCHLAG`, `LATE PAYMENT
/// CHARGE`: no payee field, and no word left once the booking words and the fee's own words
/// are set aside) cannot name the bill either; a charge of that kind is paired with the latest
/// utility payment before it in the window, and with that one only, unless it is one of the
/// bank's own fees (`unnamed_fee_unless`: a returned debit's) (docs/rules.md, "Late bills").
///
/// Memory: only utility payments and fee candidates are kept (a few per month), capped at
/// `maximumRecords` per session: forty years of twenty monthly bills, about 6 MB. A statement
/// beyond it (a business account, a generated input) has its later bills left out
/// (docs/analyzers/late_bills.md, "Limits").
final class LateBillAnalyzer: EventAnalyzer, FoldedFieldReader {
    struct Record {
        var payee: String
        /// Name words of the counterparty and text (`PayeeWords`), for statements without a
        /// payee field, kept as hashes: only compared for equality, and every utility payment
        /// of a long statement is kept until the scan ends.
        var words: [Int]
        /// The fee itself names a utility (lexicon, MCC or purpose code).
        var namesUtility: Bool
        /// A late-payment fee (a `fee` lexicon hit, not a code alone) that names no payee:
        /// no payee field and no name word besides booking words and the fee's own words.
        var namesNoPayee = false
        var ranked: RankedRecord
        var source: String
        /// A signal rule of the same attribute counted this record already (a fee that names
        /// the utility it is charged on): the finding counts it once, through the rule.
        var countedByRule = false
    }

    static let maximumRecords = 10_000

    let definition: LateBillDefinition
    private var filter: SourceFilter
    private var scanner: TransactionTextScanner
    private let utility: TransactionCondition.Compiled
    private let fee: TransactionCondition.Compiled
    private let unnamedFeeUnless: [Int32]
    private(set) var payments: [Record] = []
    private(set) var fees: [Record] = []

    var foldedFields: FoldedFieldCache {
        get { scanner.cache }
        set { scanner.cache = newValue }
    }

    init(definition: LateBillDefinition, automaton: LexiconAutomaton) {
        self.definition = definition
        filter = SourceFilter(patterns: definition.sources)
        scanner = TransactionTextScanner(automaton: automaton)
        utility = definition.utility.compiled(for: automaton)
        fee = definition.fee.compiled(for: automaton)
        unnamedFeeUnless = TransactionTextScanner.groupIds(definition.unnamedFeeUnless, in: automaton)
    }

    func observe(_ event: Event, path: String) {
        observe(event, path: path, countedByRulesFor: [])
    }

    func observe(_ event: Event, path: String, countedByRulesFor attributes: [String]) {
        guard event.kind == .transaction, event.time != nil, filter.admits(event.source),
              payments.count + fees.count < Self.maximumRecords else { return }
        scanner.scan(event)
        let isFee = fee.matches(event, scanner: scanner)
        let isUtility = utility.matches(event, scanner: scanner)
        guard isFee || isUtility else { return }
        var record = Record(payee: TransactionTextScanner.payeeKey(folded: scanner.cache.bytes(event.counterparty, .counterparty)),
                            words: PayeeWords.words(ofFolded: scanner.cache.bytes(event.counterparty, .counterparty),
                                                    scanner.cache.bytes(event.text, .text),
                                                    ignoring: definition.ignoreWords).map(\.hashValue),
                            namesUtility: isUtility,
                            ranked: .compact(event, path: path, rule: definition.id), source: event.source,
                            countedByRule: attributes.contains(definition.attribute.id))
        // A charge (money out) with late-payment words, not one of the bank's own fees.
        if isFee && !isUtility && record.payee.isEmpty && (event.amount?.units ?? 0) < 0
            && scanner.hitsAny(of: fee.groups) && !scanner.hitsAny(of: unnamedFeeUnless) {
            record.namesNoPayee = namesNoOneBesidesFeeWords(event)
        }
        if isFee {
            fees.append(record)
        } else if (event.amount?.units ?? -1) < 0 {
            // A utility payment is money out; a utility credit is a refund.
            payments.append(record)
        }
    }

    /// Whether the event's text holds no name word once the fee lexicon's hits (to the end of
    /// the word a prefix hit begins) and the booking words are set aside.
    private func namesNoOneBesidesFeeWords(_ event: Event) -> Bool {
        if let counterparty = event.counterparty, !counterparty.isEmpty { return false }
        let entry = scanner.cache.entry(event.text, .text)
        var bytes = entry.bytes
        for hit in entry.hits where fee.groups.contains(hit.group) {
            var end = Int(hit.end)
            while LexiconAutomaton.isWordCharacter(startingAt: end, in: bytes) { end += 1 }
            for i in Int(hit.start)..<min(end, bytes.count) { bytes[i] = UInt8(ascii: " ") }
        }
        return PayeeWords.words(ofFolded: bytes, ignoring: definition.ignoreWords).isEmpty
    }

    func merge(_ other: any EventAnalyzer) {
        guard let other = other as? LateBillAnalyzer else { return }
        payments += other.payments
        fees += other.fees
    }

    /// Each fee with the utility payments it follows within the window.
    func pairs() -> [(payment: Record, fee: Record)] {
        let window = Int64(definition.windowDays) * 86_400
        let sortedPayments = payments.sorted { $0.ranked.ranks(before: $1.ranked) }
        var result: [(Record, Record)] = []
        // Fees in time order, so payments that fell out of one fee's window are out of every
        // later fee's window too: `start` only moves forward.
        var start = 0
        for fee in fees.sorted(by: { $0.ranked.ranks(before: $1.ranked) }) {
            let feeTime = fee.ranked.time!.epochSeconds
            while start < sortedPayments.count && feeTime - sortedPayments[start].ranked.time!.epochSeconds > window { start += 1 }
            var paired = false
            var latest: Record?
            for payment in sortedPayments[start...] {
                if feeTime - payment.ranked.time!.epochSeconds < 0 { break }
                latest = payment
                if fee.namesUtility || (!fee.payee.isEmpty && fee.payee == payment.payee)
                    || fee.words.contains(where: payment.words.contains) {
                    result.append((payment, fee))
                    paired = true
                }
            }
            if !paired, fee.namesNoPayee, let latest { result.append((latest, fee)) }
        }
        return result
    }

    func findings(evidenceLimit: Int) -> [Finding] {
        let pairs = pairs()
        guard !pairs.isEmpty else { return [] }
        var seen = Set<String>()
        var records: [RankedRecord] = []
        var sources = Set<String>()
        for (payment, fee) in pairs {
            for record in [payment, fee] where seen.insert(record.ranked.key).inserted {
                records.append(record.ranked)
                sources.insert(record.source)
            }
        }
        // A late bill is one fee with the bill it follows: the fee is the unit counted (the
        // payment is evidence, not a second late bill), and a fee a rule already counted for
        // this attribute is counted there, not again here.
        let lateFees = Dictionary(pairs.map { ($0.fee.ranked.key, $0.fee.countedByRule) }, uniquingKeysWith: { a, _ in a })
        var finding = RankedRecord.finding(records, attribute: definition.attribute, id: definition.id,
                                           confidence: definition.confidence,
                                           valueParts: [FindingValuePart("value.late_bills", ["count": .integer(lateFees.count)])],
                                           sources: sources, evidenceLimit: evidenceLimit)
        finding.count = lateFees.values.filter { !$0 }.count
        return [finding]
    }
}

/// The words that can name a payee in a booking text: folded letter runs of three letters or
/// more (Latin, Cyrillic …), and in Chinese, Japanese and Korean text, which has no spaces
/// between words, every two characters in a row. At most 24 per record.
enum PayeeWords {
    static let maximumWords = 24

    /// The name words of texts already folded (the counterparty's and the text's, as the
    /// session's `FoldedFieldCache` holds them: not folded a second time here).
    static func words(ofFolded texts: [UInt8]..., ignoring ignored: Set<String>) -> [String] {
        var words: [String] = []
        for folded in texts where !folded.isEmpty {
            collect(String(decoding: folded, as: UTF8.self), ignoring: ignored, into: &words)
        }
        return words
    }

    private static func collect(_ folded: String, ignoring ignored: Set<String>, into words: inout [String]) {
        var run: [Unicode.Scalar] = []
        func flush() {
            defer { run.removeAll(keepingCapacity: true) }
            guard !run.isEmpty else { return }
            if run.contains(where: isCJK) {
                guard run.count >= 2 else { return }
                for start in 0..<(run.count - 1) {
                    add(String(String.UnicodeScalarView(run[start...start + 1])))
                }
            } else if run.count >= 3 {
                add(String(String.UnicodeScalarView(run)))
            }
        }
        func add(_ word: String) {
            guard words.count < maximumWords, !ignored.contains(word), !words.contains(word) else { return }
            words.append(word)
        }
        for scalar in folded.unicodeScalars {
            // ASCII answered without Unicode's property tables (a QIF profile: 2 % of the scan).
            let letter = scalar.isASCII ? (0x61...0x7A).contains(scalar.value | 0x20) : scalar.properties.isAlphabetic
            if letter { run.append(scalar) } else { flush() }
        }
        flush()
    }

    private static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        (0x3040...0x30FF).contains(scalar.value) || (0x3400...0x9FFF).contains(scalar.value) || (0xAC00...0xD7AF).contains(scalar.value)
    }
}
