import XCTest
import Foundation
import Rules

/// Every lexicon a rule reads covers the six languages steward's rules are written for, each
/// with at least a handful of terms (docs/rules.md "Lexicons and text folding"). Decoy lists
/// (`*_decoys`) are exempt: they hold the look-alikes known so far, however few; so are the
/// person's own pronouns and the prepositions of "Someone else's news" (`subject_self`,
/// `subject_prepositions`), closed classes of a few words in some languages.
final class LexiconCoverageTests: XCTestCase {
    static let languages = ["en", "de", "fr", "es", "ru", "zh"]
    static let minimumTerms = 6

    /// Lexicon files (`<name>.<lang>.txt`) below the minimum, or missing, as "name.lang: n terms".
    static func thinLexicons(in lexiconDirectory: String) throws -> [String] {
        let files = try FileManager.default.contentsOfDirectory(atPath: lexiconDirectory).filter { $0.hasSuffix(".txt") }
        var counts: [String: [String: Int]] = [:]
        for file in files {
            let parts = file.split(separator: ".")
            guard parts.count == 3 else { continue }
            let name = String(parts[0])
            let text = try String(contentsOfFile: lexiconDirectory + "/" + file, encoding: .utf8)
            let terms = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            counts[name, default: [:]][String(parts[1])] = terms.count
        }
        var thin: [String] = []
        let closedClasses: Set<String> = [RuleSet.subjectSelfLexicon, RuleSet.subjectPrepositionsLexicon]
        for name in counts.keys.sorted() where !name.hasSuffix("_decoys") && !closedClasses.contains(name) {
            for language in languages {
                let n = counts[name]?[language] ?? 0
                if n < minimumTerms { thin.append("\(name).\(language): \(n) terms") }
            }
        }
        return thin
    }

    func testEveryLexiconHasAHandfulOfTermsInEachOfTheSixLanguages() throws {
        let thin = try Self.thinLexicons(in: RuleSetExamplesTests.rulesDirectory + "/lexicons")
        XCTAssertEqual(thin, [], "lexicons below \(Self.minimumTerms) terms")
    }

    func testThinAndMissingLanguagesAreReportedAndDecoysAreExempt() throws {
        let six = (1...6).map { "term\($0)" }.joined(separator: "\n")
        var files: [String: String] = ["signals/.keep": ""]
        for language in Self.languages where language != "zh" {
            files["lexicons/alcohol.\(language).txt"] = "# comment\n\n" + six + "\n"
        }
        files["lexicons/alcohol.de.txt"] = "# five terms and a comment\na\nb\nc\nd\ne\n"
        files["lexicons/alcohol_decoys.en.txt"] = "wine gums\n"
        let fixture = try RuleDirectoryFixture(files: files)
        let thin = try Self.thinLexicons(in: fixture.rulesDirectory + "/lexicons")
        XCTAssertEqual(thin.filter { $0.hasPrefix("alcohol") }, ["alcohol.de: 5 terms", "alcohol.zh: 0 terms"])
        XCTAssertFalse(thin.contains { $0.hasPrefix("alcohol_decoys") })
    }
}
