import StewardCore

/// What the bank analyzers need to know about one transaction's wording: which lexicon groups
/// occur in its text and counterparty, which code tokens it carries, and a payee key. One
/// instance per analyzer (per worker), reusing its buffers; lexicons are matched with the rule
/// set's single automaton, so the cost is one table lookup per byte as for rules.
/// The folded form and lexicon hits of a transaction's text and counterparty. One instance per
/// session, shared by its bank analyzers and its rule matching: each of them folded and scanned
/// both fields itself, four or five times per transaction (docs/performance.md). An entry is
/// keyed by the bytes of the string it was folded from, so a reader never sees another event's
/// fold, whoever asked first (bytes, not `==`: that compares canonical equivalence, slowly for
/// non-ASCII text, and two equivalent spellings need not fold alike).
final class FoldedFieldCache {
    struct Entry {
        var value: String?
        var bytes: [UInt8] = []
        var hits: [LexiconAutomaton.Hit] = []
    }

    enum Slot: Int { case text = 0, counterparty = 1 }

    let automaton: LexiconAutomaton
    // Two properties rather than an array of two: each of the four or five reads per
    // transaction paid the array's bounds, uniqueness and exclusivity checks.
    private var text = Entry()
    private var counterparty = Entry()

    init(automaton: LexiconAutomaton) { self.automaton = automaton }

    /// The fold of `value` and every lexicon hit in it (empty for nil or empty text). The
    /// buffers are reused when no reader kept a copy: read them, do not keep them.
    func entry(_ value: String?, _ slot: Slot) -> Entry {
        guard update(slot, to: value) else { return Entry() }
        return slot == .text ? text : counterparty
    }

    /// `entry(value, slot).hits` without handing over the entry's other buffers (each handed
    /// buffer is a retain and a release, for every reader of every transaction).
    func hits(_ value: String?, _ slot: Slot) -> [LexiconAutomaton.Hit] {
        guard update(slot, to: value) else { return [] }
        return slot == .text ? text.hits : counterparty.hits
    }

    /// `entry(value, slot).bytes` alone.
    func bytes(_ value: String?, _ slot: Slot) -> [UInt8] {
        guard update(slot, to: value) else { return [] }
        return slot == .text ? text.bytes : counterparty.bytes
    }

    /// Makes the slot's entry that of `value`; false for nil or empty text.
    private func update(_ slot: Slot, to value: String?) -> Bool {
        guard let value, !value.isEmpty else { return false }
        switch slot {
        case .text: Self.update(&text, to: value, automaton: automaton)
        case .counterparty: Self.update(&counterparty, to: value, automaton: automaton)
        }
        return true
    }

    private static func update(_ cached: inout Entry, to value: String, automaton: LexiconAutomaton) {
        if let key = cached.value, sameBytes(key, value) { return }
        // Emptied in place, so the buffers are reused rather than reallocated per event.
        cached.value = value
        cached.bytes.removeAll(keepingCapacity: true)
        cached.hits.removeAll(keepingCapacity: true)
        TextFolder.fold(value, into: &cached.bytes)
        var hits: [LexiconAutomaton.Hit] = []
        swap(&hits, &cached.hits)
        cached.bytes.withUnsafeBufferPointer { buffer in automaton.scan(folded: buffer) { hits.append($0) } }
        swap(&hits, &cached.hits)
    }

    /// Whether two strings hold the same UTF-8 bytes (not `==`: canonical equivalence).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        // Nearly always the very value the entry was made from (every reader asks with the
        // event's own field): the same 16 bytes of `String` are the same storage or the same
        // small string, so the same text, found without reading it.
        if unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self) { return true }
        guard a.utf8.count == b.utf8.count else { return false }
        // Read in place: copying both into `var`s for the mutating `withUTF8` was two retains
        // and releases for every new transaction whose text is as long as the last one's
        // (docs/performance.md, "Reference counting on the per-field path (stop 51)").
        if let same = a.utf8.withContiguousStorageIfAvailable({ x in
            b.utf8.withContiguousStorageIfAvailable { y in x.baseAddress == y.baseAddress || x.elementsEqual(y) }
        }), let same { return same }
        return a.utf8.elementsEqual(b.utf8)
    }
}

/// An analyzer that reads transaction wording through a `FoldedFieldCache`: the session hands
/// it the cache its other readers share.
protocol FoldedFieldReader: AnyObject {
    var foldedFields: FoldedFieldCache { get set }
}

struct TransactionTextScanner {
    var automaton: LexiconAutomaton { cache.automaton }
    var cache: FoldedFieldCache
    private(set) var groups: [Int32] = []

    init(automaton: LexiconAutomaton) { cache = FoldedFieldCache(automaton: automaton) }

    /// Automaton group ids of lexicon names (names the automaton lacks are left out; the
    /// example run reports them).
    static func groupIds(_ names: [String], in automaton: LexiconAutomaton) -> [Int32] {
        names.compactMap { name in automaton.groups.firstIndex(of: name).map { Int32($0) } }
    }

    /// Collects the lexicon groups found in the event's text and counterparty into `groups`.
    mutating func scan(_ event: Event) {
        groups.removeAll(keepingCapacity: true)
        // Two calls rather than a loop over `[text, counterparty]`: no array per event.
        collect(cache.hits(event.text, .text))
        collect(cache.hits(event.counterparty, .counterparty))
    }

    private mutating func collect(_ hits: [LexiconAutomaton.Hit]) {
        for hit in hits where !groups.contains(hit.group) { groups.append(hit.group) }
    }

    func hitsAny(of wanted: [Int32]) -> Bool { groups.contains { wanted.contains($0) } }

    /// True when one of the code's letter-and-digit runs is in `codes` (`NDDT+108+00931`
    /// carries 108; `ELEC` is itself).
    static func code(_ code: String?, isIn codes: BankCodes) -> Bool {
        guard var code, !code.isEmpty, !codes.isEmpty else { return false }
        // Called for every transaction by several analyzers: the token is built on the stack
        // and compared with the listed codes' bytes (no `String` per token and no hashing:
        // a bank CSV profile showed both).
        return code.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { token in
                var length = 0
                for byte in bytes {
                    if LexiconAutomaton.isASCIIAlphanumeric(byte) {
                        token[length] = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
                        length += 1
                    } else if length > 0 {
                        if codes.contains(UnsafeBufferPointer(rebasing: token[..<length])) { return true }
                        length = 0
                    }
                }
                return length > 0 && codes.contains(UnsafeBufferPointer(rebasing: token[..<length]))
            }
        }
    }

    /// A payer or payee key that survives statement noise: folded, its words without digits,
    /// single spaces. References change from one statement line to the next (`ACME LTD SALARY
    /// 03/24 REF 991` and `Acme Ltd Salary 04/24 ref 1002`; a SEPA credit's `EREF: 81Z5E4SFER`,
    /// a customer number `Kd-Nr. 58839804`), and every one of them holds a digit, so a word with
    /// a digit is left out whole: keeping its letters ("sfer", "kd nr") would make each month's
    /// salary another payer. A name made only of such words ("7ELEVEN") keeps its letters.
    /// Empty when the text has no letters.
    static func payeeKey(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        return payeeKey(folded: TextFolder.fold(text))
    }

    /// `payeeKey` of text already folded.
    static func payeeKey(folded: [UInt8]) -> String {
        let words = letterWords(folded, droppingWordsWithDigits: true)
        return words.isEmpty ? letterWords(folded, droppingWordsWithDigits: false) : words
    }

    /// The words of `folded` separated by single spaces (bytes ≥ 0x80 are letters of other
    /// scripts). With `droppingWordsWithDigits` a word is a run of letters and digits, left out
    /// when it holds a digit; without, digits separate words and are left out.
    private static func letterWords(_ folded: [UInt8], droppingWordsWithDigits: Bool) -> String {
        var key: [UInt8] = []
        key.reserveCapacity(folded.count)
        var wordStart = -1          // index of the current word's first byte, -1 between words
        var wordHasDigit = false
        func endWord(at end: Int) {
            if wordStart >= 0 && !(droppingWordsWithDigits && wordHasDigit) {
                if !key.isEmpty { key.append(0x20) }
                key.append(contentsOf: folded[wordStart..<end])
            }
            wordStart = -1
        }
        for (i, byte) in folded.enumerated() {
            let isLetter = (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
            let isDigit = byte >= 0x30 && byte <= 0x39
            if isLetter {
                if wordStart < 0 { wordStart = i }
            } else if isDigit && droppingWordsWithDigits {
                wordHasDigit = true
                // A word that starts with digits ("81Z5E4") begins here all the same.
                if wordStart < 0 { wordStart = i }
            } else {
                endWord(at: i)
                wordHasDigit = false
            }
        }
        endWord(at: folded.count)
        return String(decoding: key, as: UTF8.self)
    }
}

/// The bank codes of a condition (`KARTENZAHLUNG`, `108`, `ELEC`) as bytes, for
/// `TransactionTextScanner.code(_:isIn:)`: a token is compared with the few listed codes of
/// its length, byte by byte. One instance per analyzer (not shared between threads): it
/// remembers its last answer.
final class BankCodes {
    private let codes: [[UInt8]]
    /// The last code asked about through `matches(_:)` and the answer. A statement repeats a
    /// handful of codes ("Kartenzahlung", "Lastschrift") on every line, and each analyzer asked
    /// for every transaction: tokenising the code again was 5 % of a Girokonto profile's
    /// inference thread (docs/performance.md, "Shop keys remembered by digest"). The string is
    /// kept, not only its bits, so its storage cannot be reused by another string.
    private var lastCode: String?
    private var lastAnswer = false

    init(_ codes: Set<String>) { self.codes = codes.map { Array($0.utf8) } }

    var isEmpty: Bool { codes.isEmpty }

    func contains(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        for code in codes where code.count == token.count {
            if code.withUnsafeBufferPointer({ $0.elementsEqual(token) }) { return true }
        }
        return false
    }

    /// `TransactionTextScanner.code(code, isIn: self)`, from the last answer when `code` is the
    /// same text as the last code asked about.
    func matches(_ code: String?) -> Bool {
        guard let code, !code.isEmpty, !codes.isEmpty else { return false }
        if let lastCode, FoldedFieldCache.sameBytes(lastCode, code) { return lastAnswer }
        lastAnswer = TransactionTextScanner.code(code, isIn: self)
        lastCode = code
        return lastAnswer
    }
}

/// Source filter with a one-entry cache: events arrive file by file, so consecutive events
/// nearly always share a source.
struct SourceFilter {
    let patterns: [SourcePattern]
    private var lastSource: String?
    private var lastResult = false

    init(patterns: [SourcePattern]) { self.patterns = patterns }

    mutating func admits(_ source: String) -> Bool {
        if source == lastSource { return lastResult }
        lastSource = source
        lastResult = patterns.isEmpty || patterns.contains { $0.matches(source) }
        return lastResult
    }
}

/// A record that supports an analyzer finding, ranked by time, then path and position, so
/// samples do not depend on file order or on how work was split between sessions.
///
/// A sample candidate keeps its event and builds the evidence excerpt only if it ends up in a
/// finding: building excerpts for every candidate dominated the analyzers' cost (a statement
/// listed newest first offers every card payment to the samples). An analyzer that keeps every
/// candidate until the scan ends (late bills, income) keeps the excerpt alone (`compact`): a
/// kept `Event` with its strings cost about three times the excerpt, and an MT940 statement's
/// peak memory grew with its length (docs/performance.md, "Bank analyzers keep excerpts, not
/// records").
struct RankedRecord: Sendable {
    // `indirect`: an enum is as large as its largest case, and an inline `Event` (352 bytes)
    // would make every compact record that large too.
    private enum Kept: Sendable {
        indirect case event(Event)
        case excerpt(String)
    }

    let time: Timestamp?
    let position: SourcePosition
    private let kept: Kept
    var path: String
    var rule: String

    init(event: Event, path: String, rule: String) {
        self.init(time: event.time, position: event.position, kept: .event(event), path: path, rule: rule)
    }

    private init(time: Timestamp?, position: SourcePosition, kept: Kept, path: String, rule: String) {
        self.time = time
        self.position = position
        self.kept = kept
        self.path = path
        self.rule = rule
    }

    /// A record kept with its excerpt only, for analyzers that keep every candidate.
    static func compact(_ event: Event, path: String, rule: String) -> RankedRecord {
        RankedRecord(time: event.time, position: event.position, kept: .excerpt(event.excerpt()), path: path, rule: rule)
    }

    var evidence: Evidence {
        let excerpt: String
        switch kept {
        case .event(let event): excerpt = event.excerpt()
        case .excerpt(let text): excerpt = text
        }
        return Evidence(path: path, locator: position.description, time: time?.iso8601, excerpt: excerpt, rule: rule)
    }

    /// Identity of the record for de-duplication: path and position.
    var key: String { path + "\u{0}" + position.description }

    func ranks(before other: RankedRecord) -> Bool {
        let a = time?.epochSeconds ?? Int64.max, b = other.time?.epochSeconds ?? Int64.max
        if a != b { return a < b }
        if path != other.path { return path < other.path }
        let p = position, q = other.position
        return (p.line ?? -1, p.record ?? -1, p.pointer ?? "") < (q.line ?? -1, q.record ?? -1, q.pointer ?? "")
    }

    /// A finding from records already known to support it.
    static func finding(_ records: [RankedRecord], attribute: Attribute, id: String, confidence: Double,
                        valueParts: [FindingValuePart]?, sources: Set<String>, evidenceLimit: Int) -> Finding {
        let sorted = records.sorted { $0.ranks(before: $1) }
        let times = sorted.compactMap(\.time)
        return Finding(attribute: attribute.id, title: attribute.title, sensitivity: attribute.sensitivity,
                       confidence: confidence, count: records.count, firstSeen: times.min()?.iso8601,
                       lastSeen: times.max()?.iso8601, rules: [id], sources: sources.sorted(),
                       evidence: sorted.prefix(max(0, evidenceLimit)).map(\.evidence),
                       valueParts: valueParts)
    }
}
