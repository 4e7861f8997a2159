import XCTest
@testable import Rules

/// An automaton written as an image and read back is the automaton compiled from the same
/// terms; an image of other terms, or a damaged one, is not read (docs/performance.md, "The
/// lexicon automaton compiled at build time").
final class LexiconAutomatonImageTests: XCTestCase {
    /// Terms of every kind the compiler treats apart: plain, prefix, inflected (a Russian last
    /// word, a German compound tail, a phrase whose first word inflects), a number gap, Chinese.
    static let terms: [LexiconAutomaton.Term] = {
        let ru = Inflection.of(language: "ru"), de = Inflection.of(language: "de")
        return [
            .init(group: "loans", text: "payday loan", isPrefix: false),
            .init(group: "loans", text: "klarna", isPrefix: false),
            .init(group: "loans", text: "кредит", isPrefix: false, inflection: ru),
            .init(group: "loans", text: "микрозайм", isPrefix: false, inflection: ru),
            .init(group: "arrears", text: "Gerichtsvollzieher", isPrefix: false, inflection: de),
            .init(group: "arrears", text: "просрочка платежа", isPrefix: false, inflection: ru),
            .init(group: "gambling", text: "bet365", isPrefix: false),
            .init(group: "gambling", text: "casin", isPrefix: true),
            .init(group: "pregnancy", text: "ssw {n}", isPrefix: false),
            .init(group: "pregnancy", text: "孕{n}周", isPrefix: false),
            .init(group: "loans", text: "借呗", isPrefix: false),
        ]
    }()

    static let texts = [
        "Paid my payday loan and KLARNA today", "взяла кредиты, потом микрозаймы", "Obergerichtsvollzieherin kam",
        "просрочкой платежа", "bet365 casinos and casino royale", "SSW 12 heute, ssw 7", "孕12周了，借呗还款",
        "nothing here at all",
    ]

    func testAnAutomatonReadFromItsImageHasTheCompiledTablesAndFindsTheSameHits() throws {
        let compiled = LexiconAutomaton(terms: Self.terms)
        let image = LexiconAutomatonImage(key: LexiconAutomaton.imageKey(of: Self.terms), bytes: compiled.imageBytes)
        let read = try XCTUnwrap(LexiconAutomaton(terms: Self.terms, readingImage: image), "the image was not read back")
        XCTAssertEqual(read.imageBytes, compiled.imageBytes)
        XCTAssertEqual(read.groups, compiled.groups)
        var hitsSeen = 0
        for text in Self.texts {
            XCTAssertEqual(read.hits(in: text), compiled.hits(in: text), text)
            hitsSeen += compiled.hits(in: text).count
        }
        XCTAssertGreaterThan(hitsSeen, 10, "the texts exercise the terms")
    }

    func testAnImageIsEveryByteAPrintableCharacterOfItsAlphabet() {
        let bytes = LexiconAutomaton(terms: Self.terms).imageBytes
        XCTAssertFalse(bytes.isEmpty)
        XCTAssertTrue(bytes.allSatisfy { (0x30..<0x70).contains($0) }, "an image must be its own string literal")
    }

    func testAnImageOfOtherTermsIsNotReadAndTheTermsAreCompiled() throws {
        let other = Array(Self.terms.dropLast())
        let image = LexiconAutomatonImage(key: LexiconAutomaton.imageKey(of: other), bytes: LexiconAutomaton(terms: other).imageBytes)
        XCTAssertNil(LexiconAutomaton(terms: Self.terms, readingImage: image))
        let automaton = LexiconAutomaton(terms: Self.terms, image: image)
        XCTAssertEqual(automaton.imageBytes, LexiconAutomaton(terms: Self.terms).imageBytes)
        XCTAssertEqual(automaton.hits(in: "借呗").count, 1, "the term the image lacks is found")
    }

    func testTheKeyChangesWithAnyPartOfATerm() {
        let key = LexiconAutomaton.imageKey(of: Self.terms)
        var changed = Self.terms
        changed[0].group = "arrears"
        XCTAssertNotEqual(LexiconAutomaton.imageKey(of: changed), key, "group")
        changed = Self.terms
        changed[1].isPrefix = true
        XCTAssertNotEqual(LexiconAutomaton.imageKey(of: changed), key, "prefix mark")
        changed = Self.terms
        changed[2].inflection = nil
        XCTAssertNotEqual(LexiconAutomaton.imageKey(of: changed), key, "inflection")
        XCTAssertNotEqual(LexiconAutomaton.imageKey(of: Self.terms, denseStateCount: 16), key, "dense states")
    }

    func testADamagedImageIsNotReadAndTheTermsAreCompiled() {
        let key = LexiconAutomaton.imageKey(of: Self.terms)
        let bytes = LexiconAutomaton(terms: Self.terms).imageBytes
        var outsideTheAlphabet = bytes
        outsideTheAlphabet[bytes.count / 2] = UInt8(ascii: "~")
        var oneMore = bytes
        oneMore.append(UInt8(ascii: "0"))
        // A state number pointing past the tables (the last number is the last state's output link).
        var pastTheTables = bytes
        pastTheTables[bytes.count - 1] = UInt8(ascii: "o")
        pastTheTables += Array("ooo0".utf8)
        for (name, damaged) in [("cut short", Array(bytes.prefix(bytes.count * 2 / 3))), ("a byte outside the alphabet", outsideTheAlphabet),
                                ("a byte too many", oneMore), ("a state past the tables", pastTheTables), ("empty", [])] {
            let image = LexiconAutomatonImage(key: key, bytes: damaged)
            XCTAssertNil(LexiconAutomaton(terms: Self.terms, readingImage: image), name)
            XCTAssertEqual(LexiconAutomaton(terms: Self.terms, image: image).hits(in: Self.texts[0]).count,
                           LexiconAutomaton(terms: Self.terms).hits(in: Self.texts[0]).count, name)
        }
    }
}
