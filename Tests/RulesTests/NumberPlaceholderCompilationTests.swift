import XCTest
@testable import Rules

/// A term with `{n}` is compiled once, around its number (docs/performance.md, "Numbers in terms
/// compiled once"); these tests hold it to the definition: the same hits as the term written out
/// once per number it stands for.
final class NumberPlaceholderCompilationTests: XCTestCase {
    private static let templates: [(group: String, text: String, language: String?)] = [
        ("week", "ssw {n}", nil), ("week", "{n}. ssw", nil), ("week", "孕{n}周", nil), ("week", "孕 {n} 周", nil),
        ("week", "{n} weeks pregnant", nil), ("week", "{n}sg", nil), ("week", "{n} sg", nil), ("course", "for {n} days", nil),
        ("course", "давление 1{n}", nil), ("course", "я на {n} неделе", "ru"), ("course", "bin in der {n}. woche", "de"),
        ("course", "{n} semaines de grossesse", "fr"), ("course", "tengo {n} semanas", "es"), ("course", "我{n}岁", nil),
        ("course", "{n}h", nil), ("course", "at {n}:00", nil), ("course", "grado {n} de dependencia", "es"),
        ("plain", "days", nil), ("plain", "sg", nil),
    ]

    private func terms(writtenOut: Bool) -> [LexiconAutomaton.Term] {
        Self.templates.flatMap { template -> [LexiconAutomaton.Term] in
            let inflection = template.language.flatMap(Inflection.of(language:))
            let texts = writtenOut ? LexiconAutomaton.numberForms(of: template.text) : [template.text]
            return texts.map { LexiconAutomaton.Term(group: template.group, text: $0, isPrefix: false, inflection: inflection) }
        }
    }

    /// (group, start, end) of every hit: the written-out forms are terms of their own, so term
    /// indices differ between the two automata.
    private func spans(_ automaton: LexiconAutomaton, _ text: String) -> [String] {
        automaton.hits(in: text).map { "\(automaton.groups[Int($0.group)]) \($0.start)..<\($0.end)" }.sorted()
    }

    func testCompiledOnceFindsWhatTheWrittenOutFormsFind() {
        let once = LexiconAutomaton(terms: terms(writtenOut: false))
        let writtenOut = LexiconAutomaton(terms: terms(writtenOut: true))
        XCTAssertLessThan(once.stateCount * 4, writtenOut.stateCount, "the long tails are no longer repeated per number")
        var generator = SystemRandomNumberGenerator()
        let pieces = ["ssw ", "SSW", ". ssw", "孕", "孕 ", " 周", "周", " weeks pregnant", "sg", " sg", "for ", " days", "days",
                      "давление 1", "я на ", " неделе", " неделю", "bin in der ", ". woche", ". wochen", " semaines de grossesse",
                      " semaine de grossesse", "tengo ", " semanas", " semana", "我", "岁", "h", "at ", ":00", "grado ",
                      " de dependencia", "1", "2", "7", "0", "12", "123", "9", " ", "x", "é", "-", "\n"]
        for _ in 0..<4000 {
            let text = (0..<Int.random(in: 1...9, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(spans(once, text), spans(writtenOut, text), text.debugDescription)
        }
        for text in ["SSW 12 Übelkeit", "in der 9. SSW", "怀孕12周能吃什么", "孕 12 周", "38 weeks pregnant", "ssw 123", "2038 weeks pregnant",
                     "20sg", "20 sg et 120 sg", "for 3 days, for 10 days and for 100 days", "давление 150 на 90", "давление 1500",
                     "я на 12 неделе", "я на 12 неделю", "bin in der 12. wochen", "8 semaines de grossesse", "tengo 20 semanas",
                     "我35岁", "at 9:00", "grado 2 de dependencia", "x12h", "12h30"] {
            XCTAssertEqual(spans(once, text), spans(writtenOut, text), text)
        }
    }

    func testATermEndingInItsNumberNeedsOneOrTwoDigitsAndABoundaryAfterThem() {
        let once = LexiconAutomaton(terms: [LexiconAutomaton.Term(group: "p", text: "давление 1{n}", isPrefix: false)])
        XCTAssertEqual(once.hits(in: "давление 150 на 90").map { $0.end - $0.start }, [Int32("давление 150".utf8.count)])
        XCTAssertEqual(once.hits(in: "давление 1500").count, 0)
        XCTAssertEqual(once.hits(in: "давление 1").count, 0)
        XCTAssertEqual(once.hits(in: "давление 15а").count, 0)
    }
}
