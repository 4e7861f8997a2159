import XCTest
import Rules
import StewardCore

/// Terms of an inflecting language match their inflected forms (docs/rules.md, "Inflected
/// forms"): Russian cases, German case endings, -in/-innen and compound tails, Spanish and
/// French plurals; short words, English, `word!` and `#! exact` files stay exact.
final class InflectionTests: XCTestCase {
    private func automaton(_ language: String, _ terms: [String]) -> LexiconAutomaton {
        LexiconAutomaton(terms: terms.map {
            LexiconAutomaton.Term(group: language, text: $0, isPrefix: false, inflection: Inflection.of(language: language))
        })
    }

    /// The folded words each hit spans.
    private func matched(_ automaton: LexiconAutomaton, _ text: String) -> [String] {
        let folded = TextFolder.fold(text)
        return automaton.hits(in: text).map { String(decoding: folded[Int($0.start)..<Int($0.end)], as: UTF8.self) }
    }

    func testRussianNominativeTermMatchesItsOtherCasesAndTheHitSpansTheWord() {
        let a = automaton("ru", ["задолженность", "коллекторское агентство", "психотерапия"])
        XCTAssertEqual(matched(a, "ПОГАШЕНИЕ ЗАДОЛЖЕННОСТИ"), ["задолженности"])
        XCTAssertEqual(matched(a, "с задолженностью"), ["задолженностью"])
        XCTAssertEqual(matched(a, "звонки из коллекторское агентства"), ["коллекторское агентства"])
        XCTAssertEqual(matched(a, "запись на психотерапию"), ["психотерапию"])
        XCTAssertEqual(matched(a, "курс психотерапии"), ["психотерапии"])
    }

    func testRussianPhraseFirstWordTakesItsCaseFormsAndTheHitStartsAtThatWord() {
        let a = automaton("ru", ["великая депрессия", "сход жителей", "штраф за превышение скорости"])
        XCTAssertEqual(matched(a, "в годы великой депрессии"), ["великой депрессии"])
        XCTAssertEqual(matched(a, "на сходе жителей"), ["сходе жителей"])
        XCTAssertEqual(matched(a, "ОПЛАТА ШТРАФА ЗА ПРЕВЫШЕНИЕ СКОРОСТИ"), ["штрафа за превышение скорости"])
        XCTAssertEqual(matched(a, "великая депрессия"), ["великая депрессия"], "the written form is one hit, not two")
        XCTAssertEqual(matched(a, "великолепной депрессии"), [], "-олепной after the stem велик is not one ending")
        XCTAssertEqual(matched(a, "новый сход жителей"), ["сход жителей"])
    }

    func testRussianPhraseFirstWordsOfThreeLettersOrWithoutCyrillicLettersKeepTheirForm() {
        let a = automaton("ru", ["кот учёного", "x-fit клуба"])
        XCTAssertEqual(matched(a, "кота учёного"), [], "a first word with a stem under four letters stays exact")
        XCTAssertEqual(matched(a, "x-fitа клуба"), [])
    }

    func testRussianStemFollowedByMoreThanAnEndingIsAnotherWord() {
        let a = automaton("ru", ["задолженность"])
        XCTAssertEqual(matched(a, "задолженностьпо"), [])
        XCTAssertEqual(matched(a, "задолженностный"), [], "-ный after the stem задолженност is not one ending")
        XCTAssertEqual(matched(a, "с задолженностями"), ["задолженностями"])
    }

    func testShortWordsKeepTheirExactForm() {
        // долг (debt) would otherwise become долго (for a long time).
        let a = automaton("ru", ["долг"])
        XCTAssertEqual(matched(a, "долг"), ["долг"])
        XCTAssertEqual(matched(a, "ждать долго"), [])
        XCTAssertEqual(matched(a, "долга"), [])
    }

    func testGermanEndingsFeminineFormsAndCompoundTails() {
        let a = automaton("de", ["gerichtsvollzieher", "apotheke", "spielhalle"])
        XCTAssertEqual(matched(a, "OBERGERICHTSVOLLZIEHERIN SCHMIDT"), ["gerichtsvollzieherin"])
        XCTAssertEqual(matched(a, "die Gerichtsvollzieherinnen"), ["gerichtsvollzieherinnen"])
        XCTAssertEqual(matched(a, "des Gerichtsvollziehers"), ["gerichtsvollziehers"])
        XCTAssertEqual(matched(a, "Spielhallen in Berlin"), ["spielhallen"])
        // Eight letters are too few to count at the end of a compound: a pet shop's pharmacy.
        XCTAssertEqual(matched(a, "Tierapotheke"), [])
        XCTAssertEqual(matched(a, "Apotheken"), ["apotheken"])
    }

    func testSpanishAndFrenchPluralsButNoOtherEndings() {
        let es = automaton("es", ["multa", "apuesta"])
        XCTAssertEqual(matched(es, "pagar multas de trafico"), ["multas"])
        XCTAssertEqual(matched(es, "multado"), [])
        XCTAssertEqual(matched(es, "apuesto"), [], "a gender change is another word (apuesto = handsome)")
        let fr = automaton("fr", ["clinique", "medecin"])
        XCTAssertEqual(matched(fr, "Cliniques du Sud"), ["cliniques"])
        XCTAssertEqual(matched(fr, "faculte de medecine"), [], "médecine is not a form of médecin")
    }

    func testEnglishAndChineseHaveNoInflection() {
        XCTAssertNil(Inflection.of(language: "en"))
        XCTAssertNil(Inflection.of(language: "zh"))
        let a = automaton("en", ["hinge"])
        XCTAssertEqual(matched(a, "Screwfix hinges"), [])
    }

    func testTermsEndingInADigitOrWithDigitsStayExact() {
        let a = automaton("de", ["tipico24", "wettbuero 7"])
        XCTAssertEqual(matched(a, "tipico24s"), [])
        XCTAssertEqual(matched(a, "tipico24"), ["tipico24"])
    }

    func testExactMarkerAndExactDirectiveInLexiconFiles() throws {
        let rules = """
        rules:
          - id: finance.gambling.words
            attribute: finance.gambling
            title: Betting words
            confidence: 0.9
            match:
              lexicons: [bets, brands]
            examples:
              positive:
                - {source: bank.csv, kind: transaction, text: apuestas deportivas}
              negative:
                - {source: bank.csv, kind: transaction, text: quinielas}
        """
        let fixture = try RuleDirectoryFixture(files: [
            "signals/x.yaml": rules,
            "lexicons/bets.es.txt": "apuesta\nquiniela!\n",
            "lexicons/brands.es.txt": "# brand names\n#! exact\ncodere\n",
        ])
        let session = InferenceSession(ruleSet: try RuleSet.load(directory: fixture.rulesDirectory))
        func fired(_ text: String) -> [String] {
            session.process(Event(source: "bank.csv", kind: .transaction, text: text, position: .line(1)), path: "a.csv")
        }
        XCTAssertEqual(fired("apuestas deportivas"), ["finance.gambling.words"])
        XCTAssertEqual(fired("quiniela"), ["finance.gambling.words"])
        XCTAssertEqual(fired("quinielas"), [], "quiniela! matches only as written")
        XCTAssertEqual(fired("CODERE"), ["finance.gambling.words"])
        XCTAssertEqual(fired("coderes"), [], "#! exact: the file's terms match only as written")
    }

    func testADirectiveAfterTheFirstTermOrAnUnknownOneFailsWithItsLine() throws {
        let rules = """
        rules:
          - id: finance.gambling.words
            attribute: finance.gambling
            title: Betting words
            confidence: 0.9
            match:
              lexicons: [brands]
            examples:
              positive:
                - {source: bank.csv, kind: transaction, text: codere}
        """
        for (text, line) in [("codere\n#! exact\n", 2), ("#! stem\ncodere\n", 1)] {
            let fixture = try RuleDirectoryFixture(files: ["signals/x.yaml": rules, "lexicons/brands.es.txt": text])
            XCTAssertThrowsError(try RuleSet.load(directory: fixture.rulesDirectory)) { error in
                XCTAssertEqual("\(error)", "rules/lexicons/brands.es.txt:\(line): the only directive is '#! exact', before the first term")
            }
        }
    }
}
