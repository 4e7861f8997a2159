import Foundation
import XCTest
import StewardCore
@testable import Rules

/// The search and sensitive-place lexicons cover six languages (docs/rules.md, "Lexicons"),
/// and the rules that use them fire through a whole scan session (not only in their own
/// examples).
final class SearchAndPlaceLexiconTests: XCTestCase {
    /// Each of the 22 lexicons (search_overdraft went with its rule in December 2026;
    /// search_lgbtq came with the sexual-orientation search rule in the eighth round, places_court
    /// with visits to courts of law in the fifteenth, places_lgbtq with LGBTQ+ venues by name in
    /// stop 35, search_conceive with trying to conceive in stop 43) has a
    /// file per language, and every term of every file is found
    /// by the compiled automaton under its lexicon's name when the term itself is the text: a
    /// file that exists but whose terms cannot match (folded away, wrong word boundaries)
    /// fails here with its name and line.
    func testEverySearchAndPlaceLexiconMatchesItsTermsInSixLanguages() throws {
        let folder = RuleSetExamplesTests.rulesDirectory + "/lexicons"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        let names = Set(files.filter { ($0.hasPrefix("search_") || $0.hasPrefix("places_")) && !$0.contains("_decoys") }
            .map { String($0.split(separator: ".")[0]) })
        XCTAssertEqual(names.count, 22, "8 place and 14 search lexicons")
        let set = try RuleSetExamplesTests.loaded.get()
        for name in names.sorted() {
            let group = try XCTUnwrap(set.automaton.groups.firstIndex(of: name), "\(name) is not compiled into the automaton")
            for lang in ["en", "de", "fr", "es", "ru", "zh"] {
                let file = "\(name).\(lang).txt"
                guard files.contains(file) else { XCTFail("\(name) lacks \(lang)"); continue }
                let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
                var terms = 0
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let term = line.trimmingCharacters(in: .whitespaces)
                    if term.isEmpty || term.hasPrefix("#") { continue }
                    terms += 1
                    // A number placeholder stands for one or two digits (docs/rules.md, "Numbers in terms").
                    let written = (term.hasSuffix("*") ? String(term.dropLast()) : term)
                        .replacingOccurrences(of: LexiconAutomaton.numberPlaceholder, with: "7")
                    let hits = set.automaton.hits(in: written)
                    XCTAssertTrue(hits.contains { Int($0.group) == group },
                                  "rules/lexicons/\(file):\(index + 1): '\(term)' is not matched by the automaton as \(name)")
                }
                XCTAssertGreaterThan(terms, 0, "rules/lexicons/\(file) has no terms")
            }
        }
    }

    func testVisitsAndSearchesOfOneScanGiveTheirAttributes() throws {
        let ruleSet = try RuleSet.load(directory: RuleSetExamplesTests.rulesDirectory)
        let session = InferenceSession(ruleSet: ruleSet)
        let time = Timestamp.parseISO8601(Array("2024-10-06T10:00:00Z".utf8))
        let events = [
            Event(source: "google.semantic_location", kind: .visit, time: time, text: "Bevis Marks, London EC3A 5DQ",
                  latitude: 51.5143, longitude: -0.0790, place: "Bevis Marks Synagogue", position: .record(0, pointer: "/timelineObjects/0")),
            Event(source: "google.semantic_location", kind: .visit, time: time, place: "Church Street Car Park", position: .record(1)),
            Event(source: "google.my_activity", kind: .search, time: time, text: "arbeitslos melden online", position: .record(2)),
            Event(source: "google.my_activity", kind: .search, time: time, text: "food court near me", position: .record(3)),
        ]
        for event in events { session.process(event, path: "takeout.zip") }
        let findings = session.findings()
        XCTAssertEqual(findings.map(\.attribute), ["belief.religion", "work.unemployment"])
        XCTAssertEqual(findings.map(\.count), [1, 1])
        XCTAssertEqual(findings[0].evidence.first?.locator, "record 0 (/timelineObjects/0)")
    }
}
