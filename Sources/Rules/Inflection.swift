/// How the words of a lexicon's language change their endings, so that a term written once
/// ("знакомство", "Gerichtsvollzieher", "multa") also matches the forms people and statements
/// actually write ("знакомств", "Obergerichtsvollzieherin", "multas"). docs/rules.md,
/// "Inflected forms".
///
/// Deliberately small: a closed list of endings per language, applied to the last word of a
/// term, never a dictionary stemmer. A term's last word loses one of `strippable` (the
/// nominative ending Russian terms are written with) to give its stem, and then matches when
/// the stem is followed by exactly one of `endings` and a word boundary — so "долг" does not
/// become "долго", since short words keep their exact form (`minimumStemLetters`).
/// German compounds put a long term at the end of a longer word ("Ober|gerichtsvollzieher"):
/// German terms of `compoundTailLetters` letters or more also match there.
public struct Inflection: Sendable, Hashable {
    public let language: String
    /// Folded endings a stem may be followed by (the empty ending included where allowed).
    let endings: [[UInt8]]
    /// Folded endings removed from a term's last word to find its stem, longest first.
    let strippable: [[UInt8]]
    /// A stem shorter than this (in letters) keeps the term exact.
    let minimumStemLetters: Int
    /// Terms of at least this many letters, written as one word, may end a compound (German).
    let compoundTailLetters: Int?
    /// Bytes of the longest ending (the scan never looks further after a stem).
    let longestEnding: Int

    init(language: String, endings: [String], strippable: [String] = [], minimumStemLetters: Int, compoundTailLetters: Int? = nil) {
        self.language = language
        self.endings = endings.map { TextFolder.fold($0) }
        self.strippable = strippable.map { TextFolder.fold($0) }.sorted { $0.count > $1.count }
        self.minimumStemLetters = minimumStemLetters
        self.compoundTailLetters = compoundTailLetters
        self.longestEnding = self.endings.map(\.count).max() ?? 0
    }

    /// The inflection of a lexicon's language (`alcohol.ru.txt` → `ru`), nil for languages
    /// whose words do not inflect this way (Chinese) or that steward has no list for.
    public static func of(language: String) -> Inflection? { table[language] }

    private static let table: [String: Inflection] = {
        var table: [String: Inflection] = [:]
        // Russian nouns and adjectives in every case and number. Terms are written in the
        // nominative; its ending is replaced by the others (знакомство → знакомства, знакомств).
        let russian = ["", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
                       "ом", "ем", "ой", "ей", "ою", "ею", "ам", "ям", "ами", "ями", "ах", "ях", "ов", "ев",
                       "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им", "ых", "их",
                       "ую", "юю", "ия", "ию", "ии", "ией", "иям", "иями", "иях", "ью"]
        table["ru"] = Inflection(language: "ru", endings: russian,
                                 strippable: ["а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
                                              "ий", "ый", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ия"],
                                 minimumStemLetters: 5)
        // German case and plural endings, and the feminine -in/-innen of professions; nothing
        // is removed (terms are written in the nominative singular, which the endings extend).
        table["de"] = Inflection(language: "de", endings: ["", "e", "en", "er", "es", "n", "s", "em", "ern", "in", "innen"],
                                 minimumStemLetters: 5, compoundTailLetters: 9)
        // Plurals only. Five letters at least: a four-letter word plus an ending is too often
        // another word (fr "pari" → "Paris", de "Wein" → "weinen"). French feminine -e/-es are
        // left out: on nouns they make other words (médecin → médecine).
        table["es"] = Inflection(language: "es", endings: ["", "s", "es"], minimumStemLetters: 5)
        table["fr"] = Inflection(language: "fr", endings: ["", "s", "x"], minimumStemLetters: 5)
        // English has none: its lexicons are mostly brand names, whose plural is another
        // business (the Hinge app, "Screwfix hinges"; Scruff, "Scruffs workwear"), and they
        // list the plurals that matter as terms.
        return table
    }()

    /// The stem a folded term matches by, or nil when the term stays exact: its last word is
    /// too short, or the term does not end with a letter (`mamba.ru`, `24/7`).
    func stem(ofFolded term: [UInt8]) -> [UInt8]? {
        guard LexiconAutomaton.isWordCharacter(endingAt: term.count, in: term) else { return nil }
        var wordStart = term.count
        while wordStart > 0 && LexiconAutomaton.isWordCharacter(endingAt: wordStart, in: term) {
            wordStart -= 1
            while wordStart > 0 && term[wordStart] & 0xC0 == 0x80 { wordStart -= 1 }
        }
        let word = term[wordStart...]
        // Digits in the word (a product code, "bet365") mean it is not a word that inflects.
        if word.contains(where: { (0x30...0x39).contains($0) }) { return nil }
        var stemEnd = term.count
        for ending in strippable where word.count > ending.count && word.suffix(ending.count).elementsEqual(ending) {
            stemEnd = term.count - ending.count
            break
        }
        guard Self.letters(in: term[wordStart..<stemEnd]) >= minimumStemLetters else { return nil }
        return Array(term[..<stemEnd])
    }

    /// Whether a folded one-word term may also end a compound.
    func mayEndCompound(_ term: [UInt8]) -> Bool {
        guard let compoundTailLetters, !term.contains(0x20) else { return false }
        return Self.letters(in: term[...]) >= compoundTailLetters
    }

    /// The bytes of the ending that follows a stem ending at `end` up to the next word boundary,
    /// when that ending is one of the language's; nil otherwise.
    func endingLength(after end: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        var wordEnd = end
        while LexiconAutomaton.isWordCharacter(startingAt: wordEnd, in: text) {
            wordEnd += 1
            while wordEnd < text.count && text[wordEnd] & 0xC0 == 0x80 { wordEnd += 1 }
            if wordEnd - end > longestEnding { return nil }
        }
        let length = wordEnd - end
        for ending in endings where ending.count == length {
            if length == 0 || ending.withUnsafeBufferPointer({ candidate in
                (0..<length).allSatisfy { candidate[$0] == text[end + $0] }
            }) { return length }
        }
        return nil
    }

    private static func letters(in bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }
}
