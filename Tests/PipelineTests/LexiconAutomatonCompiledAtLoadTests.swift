import XCTest
import BuiltInRules
@testable import Rules
import RuleFileReading

/// A rules folder whose terms differ from the build's is compiled when it loads, with the
/// construction that keeps loading's peak low (docs/performance.md, "The automaton compiled at
/// load in less memory"); the build's own terms are read from the image compiled at build time.
/// The two must find the same hits: the compiled automaton of the built-in terms plus a few
/// more finds every hit the image finds, in the same order, and the added terms' own besides.
final class LexiconAutomatonCompiledAtLoadTests: XCTestCase {
    func testTermsOtherThanTheBuildsCompileToTheImagesHitsAndTheAddedTermsOwn() throws {
        let builtInTerms = try RuleSet.load(files: BuiltInRuleSet.files, keepingExamples: false).automaton.terms
        let image = try XCTUnwrap(BuiltInRuleSet.lexiconImage, "the rules did not load when steward was built")
        let read = try XCTUnwrap(LexiconAutomaton(terms: builtInTerms, readingImage: image), "the image is of other terms: rebuild")
        // Added after the built-in terms, in groups the rules already have, so every built-in
        // term keeps its index and every group its id.
        let group = builtInTerms[0].group
        let added: [LexiconAutomaton.Term] = [
            .init(group: group, text: "zzqx steward probe", isPrefix: false),
            .init(group: group, text: "zzqy", isPrefix: true),
            .init(group: group, text: "ssw {n} zzqx", isPrefix: false),
        ]
        let compiled = LexiconAutomaton(terms: builtInTerms + added, image: image)
        XCTAssertNil(LexiconAutomaton(terms: compiled.terms, readingImage: image), "other terms must not read the image")
        XCTAssertGreaterThan(compiled.stateCount, read.stateCount)

        // Texts made of the rules' own terms (every 23rd, as written and in capitals, glued to
        // a word, between punctuation), with the added terms among them.
        var texts: [String] = []
        var k = 0
        while k + 2 < builtInTerms.count {
            let a = builtInTerms[k].text, b = builtInTerms[k + 1].text, c = builtInTerms[k + 2].text
            texts.append("Paid \(a) and \(b.uppercased()) today, then x\(c) (\(c)); zzqx steward probe, zzqyfoo, SSW 12 zzqx.")
            k += 23
        }
        var imageHits = 0, addedHits = 0
        for text in texts {
            let all = compiled.hits(in: text)
            let own = all.filter { Int($0.term) < builtInTerms.count }
            let expected = read.hits(in: text)
            XCTAssertEqual(own, expected, text)
            imageHits += expected.count
            addedHits += all.count - own.count
        }
        XCTAssertGreaterThan(texts.count, 2_000)
        XCTAssertGreaterThan(imageHits, texts.count, "the texts are dense with the rules' own hits")
        XCTAssertEqual(addedHits, 3 * texts.count, "each added term is found once in every text")
    }
}
