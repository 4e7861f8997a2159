/// Misspelled words in searches (docs/rules.md, "Misspellings in searches"): people type
/// "psychoterapeut", "sicologo" or "беременость" into a search box, and an exact lexicon match
/// misses them. For searches (what the person typed; page and video titles are spelled by
/// their publishers) on which no rule fired, each long word of the text is
/// looked up against the long one-word terms of the lexicons that rules read with search
/// intent; a term one edit away counts as a hit of its lexicon at the word's place, and the
/// rules run once more.
///
/// An edit is one inserted, deleted or swapped-neighbour character, for words and terms of at
/// least `minimumLength` characters. A replaced character is not an edit here: replacements
/// turn ordinary words into terms ("rambling" → "gambling", "pottery" → "lottery") and one
/// language's word into another's (French "manifestation", a symptom as often as a protest,
/// is one letter from Spanish "manifestación"). The edit must lie before the word's last `protectedEnding`
/// characters: a typo, not an inflection — endings are where "manifestation" (a symptom)
/// differs from "manifestations" (protests) and "знакомство" (an introduction) from
/// "знакомства" (dating), and the lexicons list the forms they mean. Terms written as prefixes (`schwanger*`) and phrases are not
/// looked up. A word that is itself a known word is not a typo: the everyday words of
/// `rules/data/known-words.<lang>.txt` and every one-word term of any lexicon (decoys and
/// topic markers included) are never corrected, so "football" does not become the game
/// "efootball" one letter away. The index holds every term and every term with one character deleted
/// (symmetric deletion), so a word costs one lookup per character.
struct SearchSpellingIndex: Sendable {
    static let minimumLength = 8
    static let protectedEnding = 2
    /// Longer runs of letters are codes, hashes or glued URLs, not misspelled words.
    static let maximumLength = 30

    struct Candidate: Sendable {
        var term: [Unicode.Scalar]
        var termIndex: Int32
        var group: Int32
    }

    /// Each long term once; the index refers to them by position.
    private var candidates: [Candidate] = []
    /// Hash of a term, or of a term with one character deleted → positions in `candidates`.
    /// A hash, not the text: the table stays small (tens of thousands of keys) and a lookup
    /// builds no string; every candidate is verified, so a collision costs nothing but time.
    private var byKey: [UInt64: [Int32]] = [:]

    /// Hashes of the folded known words (see above) long enough to be looked up.
    private var known: Set<UInt64> = []

    var isEmpty: Bool { byKey.isEmpty }

    /// From the automaton's terms in `groups` (the include groups of search-intent rules), with
    /// `knownWords` and every one-word term of the automaton as words never corrected.
    init(automaton: LexiconAutomaton, groups: Set<Int32>, knownWords: [String] = []) {
        var groupIds: [String: Int32] = [:]
        for (i, name) in automaton.groups.enumerated() { groupIds[name] = Int32(i) }
        for word in knownWords { remember(Array(String(decoding: TextFolder.fold(word), as: UTF8.self).unicodeScalars)) }
        for (index, term) in automaton.terms.enumerated() where !term.isPrefix {
            let folded = Array(String(decoding: TextFolder.fold(term.text), as: UTF8.self).unicodeScalars)
            guard folded.count >= Self.minimumLength - 1, folded.allSatisfy(Self.isWordScalar) else { continue }
            remember(folded)
            guard folded.count >= Self.minimumLength, let group = groupIds[term.group], groups.contains(group) else { continue }
            let position = Int32(candidates.count)
            candidates.append(Candidate(term: folded, termIndex: Int32(index), group: group))
            var keys: Set<UInt64> = [Self.key(folded, skipping: nil)]
            for i in folded.indices { keys.insert(Self.key(folded, skipping: i)) }
            for key in keys { byKey[key, default: []].append(position) }
        }
    }

    private mutating func remember(_ folded: [Unicode.Scalar]) {
        if folded.count >= Self.minimumLength - 1 { known.insert(Self.key(folded, skipping: nil)) }
    }

    /// Terms one edit away from `word` (folded), each once; never the word itself (an exact
    /// match is the automaton's), and none for a known word.
    func candidates(for word: [Unicode.Scalar]) -> [Candidate] {
        guard word.count >= Self.minimumLength - 1, !known.contains(Self.key(word, skipping: nil)) else { return [] }
        var found: [Candidate] = []
        var seen = Set<Int32>()
        func consider(_ key: UInt64) {
            for position in byKey[key] ?? [] where !seen.contains(position) {
                let candidate = candidates[Int(position)]
                if Self.withinOneEdit(word, candidate.term) {
                    seen.insert(position)
                    found.append(candidate)
                }
            }
        }
        consider(Self.key(word, skipping: nil))
        for i in word.indices { consider(Self.key(word, skipping: i)) }
        return found
    }

    /// One insertion, deletion or neighbour swap before the protected ending, the longer word at
    /// least `minimumLength` long; equal words are not.
    static func withinOneEdit(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        guard a != b, min(a.count, b.count) >= minimumLength - 1, max(a.count, b.count) >= minimumLength else { return false }
        // The shared ending must be intact: compare the last characters first.
        guard a.suffix(protectedEnding).elementsEqual(b.suffix(protectedEnding)) else { return false }
        let editable = min(a.count, b.count) - protectedEnding
        if a.count == b.count {
            let differing = a.indices.filter { a[$0] != b[$0] }
            guard let last = differing.last, last < editable else { return false }
            if differing.count == 2, differing[1] == differing[0] + 1,
               a[differing[0]] == b[differing[1]], a[differing[1]] == b[differing[0]] {
                return true
            }
            return false
        }
        guard abs(a.count - b.count) == 1 else { return false }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        var i = 0
        while i < short.count && long[i] == short[i] { i += 1 }
        return i <= editable && long[(i + 1)...].elementsEqual(short[i...])
    }

    /// Letters only: a word with a digit in it is a code, not a misspelling.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        // The Unicode property lookup is a table search per character (6 % of a TikTok scan,
        // whose unmatched searches are all read here); ASCII, Latin-1 and the common CJK
        // block are answered directly, with the same answers the property gives.
        let v = scalar.value
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        if v >= 0xC0 && v <= 0xFF { return v != 0xD7 && v != 0xF7 }
        if v >= 0x4E00 && v <= 0x9FFF { return true }
        return scalar.properties.isAlphabetic
    }

    /// FNV-1a of the scalars, leaving out the one at `skipping`.
    private static func key(_ scalars: [Unicode.Scalar], skipping: Int?) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (i, scalar) in scalars.enumerated() where i != skipping {
            hash = (hash ^ UInt64(scalar.value)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
