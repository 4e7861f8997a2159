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
///
/// A class, one instance per language: every lexicon term holds its language's inflection, and
/// as a struct (two strings' worth of arrays inline) it made each of the rules' ~50,000 terms
/// 120 bytes instead of 48 (docs/performance.md, "Terms that point to their inflection").
/// Two inflections are the same when they are the same instance (`of(language:)` gives one per
/// language).
public final class Inflection: Sendable, Hashable {
    public static func == (lhs: Inflection, rhs: Inflection) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

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

    /// How the first word of a phrase inflects, by the ending it is written with (longest
    /// first; the empty written ending is for words ending in a consonant): the endings that
    /// replace it. Empty: the first word stays as written.
    let firstWordWritten: [[UInt8]]
    let firstWordEndings: [[[UInt8]]]
    /// A first word whose stem is shorter than this keeps its form.
    static let firstWordMinimumStemLetters = 4

    init(language: String, endings: [String], firstWordClasses: [(String, [String])] = [], strippable: [String] = [],
         minimumStemLetters: Int, compoundTailLetters: Int? = nil) {
        firstWordWritten = firstWordClasses.map { TextFolder.fold($0.0) }
        firstWordEndings = firstWordClasses.map { $0.1.map { TextFolder.fold($0) } }
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
        // The first word of a phrase changes with the case too: an adjective agreeing with the
        // last word ("великая депрессия" → "великой депрессии") or the head noun of a genitive
        // ("сход жителей" → "на сходе жителей", "оплата штрафа" → "оплаты штрафа"). By the ending
        // it is written with: nouns in -ие/-ия, adjectives, nouns in -а/-я, -о/-е, -ь, and nouns
        // ending in a consonant (the empty written ending).
        let adjective = ["ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им",
                         "ом", "ем", "ую", "юю", "ых", "их", "ыми", "ими", "ей"]
        let nounIe = ["ие", "ия", "ию", "ием", "ии", "ий", "иям", "иями", "иях"]
        let nounA = ["а", "я", "ы", "и", "е", "у", "ю", "ой", "ей", "ам", "ям", "ами", "ями", "ах", "ях"]
        let nounO = ["о", "е", "а", "я", "у", "ю", "ом", "ем", "ам", "ям", "ами", "ями", "ах", "ях"]
        let nounSoft = ["ь", "и", "ью", "ей", "ям", "ями", "ях", "я", "ю", "ем", "е"]
        let nounHard = ["", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах", "и", "ей"]
        var heads: [(String, [String])] = [("ие", nounIe), ("ия", nounIe)]
        for written in ["ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые"] { heads.append((written, adjective)) }
        heads += [("а", nounA), ("я", nounA), ("о", nounO), ("е", nounO), ("ь", nounSoft), ("", nounHard)]
        table["ru"] = Inflection(language: "ru", endings: russian, firstWordClasses: heads,
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

    /// The first word of a phrase that changes with the case, given the phrase's stem (as
    /// `stem(ofFolded:)` gives it): the word's stem, the ending it is written with, the endings
    /// it may take, and where the rest of the phrase begins (at the space). Nil for one word,
    /// a first word that is not all Cyrillic letters, or a stem under four letters.
    func firstWord(of stem: [UInt8]) -> (stem: [UInt8], written: [UInt8], endings: [[UInt8]], rest: Int)? {
        guard !firstWordWritten.isEmpty, let space = stem.firstIndex(of: 0x20), space > 0 else { return nil }
        let word = stem[..<space]
        guard word.count % 2 == 0, stride(from: 0, to: word.count, by: 2).allSatisfy({ word[$0] == 0xD0 || word[$0] == 0xD1 }) else { return nil }
        for (index, written) in firstWordWritten.enumerated() where word.count > written.count && word.suffix(written.count).elementsEqual(written) {
            if written.isEmpty, Self.cyrillicVowelsAndSigns.contains(Array(word.suffix(2))) { return nil }
            let wordStem = Array(word.dropLast(written.count))
            guard Self.letters(in: wordStem[...]) >= Self.firstWordMinimumStemLetters else { return nil }
            return (wordStem, written, firstWordEndings[index], space)
        }
        return nil
    }

    /// Whether the word `text[start..<end]` is `stem` followed by one of `endings` other than
    /// `written` (the written form is matched by the phrase as written).
    static func isOtherForm(_ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int,
                            stem: [UInt8], written: [UInt8], endings: [[UInt8]]) -> Bool {
        let length = end - start
        guard length >= stem.count, (0..<stem.count).allSatisfy({ text[start + $0] == stem[$0] }) else { return false }
        let ending = text[(start + stem.count)..<end]
        return !ending.elementsEqual(written) && endings.contains { $0.elementsEqual(ending) }
    }

    private static let cyrillicVowelsAndSigns: Set<[UInt8]> = Set("аеиоуыэюяйь".map { Array(String($0).utf8) })

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
