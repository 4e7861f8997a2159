import Foundation
import XCTest
import StewardCore
@testable import Rules

/// A minimal analyzer kind for testing the extension point: counts events whose text equals
/// `word` and reports them as one finding of `attribute` once `at_least` are seen.
private struct WordCountDefinition: AnalyzerDefinition {
    let id: String
    let file: String
    let line: Int
    let attribute: String
    let word: String
    let atLeast: Int
    var attributes: [String] { [attribute] }
    var exampleCount: Int { 1 }
    var input: AnalyzerInput { AnalyzerInput(sources: [], kinds: [.activity]) }

    static let kind = AnalyzerKind(name: "test.word_count") { node, _ in
        let map = try node.mapping(allowed: ["analyzer", "id", "attribute", "word", "at_least"], context: "analyzer file")
        return WordCountDefinition(
            id: try map.required("id", in: node, context: "analyzer file").string(context: "id"),
            file: node.file, line: node.line,
            attribute: try map.required("attribute", in: node, context: "analyzer file").string(context: "attribute"),
            word: try map.required("word", in: node, context: "analyzer file").string(context: "word"),
            atLeast: try map.required("at_least", in: node, context: "analyzer file").int(context: "at_least"))
    }

    func makeAnalyzer(ruleSet: RuleSet) -> any EventAnalyzer { WordCounter(definition: self) }

    func exampleFailures(ruleSet: RuleSet) -> [RuleExampleFailure] {
        let analyzer = makeAnalyzer(ruleSet: ruleSet)
        for i in 0..<atLeast {
            analyzer.observe(Event(source: "test", kind: .activity, text: word, position: .line(i + 1)), path: "example")
        }
        return analyzer.findings(evidenceLimit: 5).count == 1 ? [] : [RuleExampleFailure(file: file, line: line, message: "no finding")]
    }
}

private final class WordCounter: EventAnalyzer {
    let definition: WordCountDefinition
    var hits: [Evidence] = []
    var count = 0
    init(definition: WordCountDefinition) { self.definition = definition }

    func observe(_ event: Event, path: String) {
        guard event.text == definition.word else { return }
        count += 1
        if hits.count < 20 { hits.append(Evidence(path: path, locator: event.position.description, time: event.time?.iso8601, excerpt: event.excerpt(), rule: definition.id)) }
    }

    func merge(_ other: any EventAnalyzer) {
        guard let other = other as? WordCounter else { return }
        count += other.count
        hits += other.hits
    }

    func findings(evidenceLimit: Int) -> [Finding] {
        guard count >= definition.atLeast else { return [] }
        return [Finding(attribute: definition.attribute, title: "t", sensitivity: .financial, confidence: 0.4, count: count,
                        firstSeen: nil, lastSeen: nil, rules: [definition.id], sources: ["test"], value: "many",
                        evidence: Array(hits.prefix(evidenceLimit)))]
    }
}

final class EventAnalyzerTests: XCTestCase {
    static let analyzerFile = """
    analyzer: test.word_count
    id: test.casino_words
    attribute: finance.gambling
    word: jackpot
    at_least: 3
    """

    func testAnalyzerFindingsAreMergedAcrossSessionsAndCombinedWithRuleFindings() throws {
        let fixture = try RuleDirectoryFixture(files: [
            "analyzers/words.yaml": Self.analyzerFile,
            "signals/gambling.yaml": """
            rules:
              - id: finance.gambling.word
                attribute: finance.gambling
                title: Casino
                confidence: 0.9
                match:
                  lexicons: [gambling]
                examples:
                  positive:
                    - {source: bank.csv, kind: transaction, text: "casino night"}
                  negative:
                    - {source: bank.csv, kind: transaction, text: "bakery"}
            """,
        ])
        let ruleSet = try RuleSet.load(directory: fixture.rulesDirectory, analyzerKinds: [WordCountDefinition.kind])
        XCTAssertEqual(ruleSet.analyzers.map(\.id), ["test.casino_words"])
        let a = InferenceSession(ruleSet: ruleSet), b = InferenceSession(ruleSet: ruleSet)
        a.process(Event(source: "test", kind: .activity, text: "jackpot", position: .line(1)), path: "x")
        b.process(Event(source: "test", kind: .activity, text: "jackpot", position: .line(2)), path: "y")
        XCTAssertTrue(a.findings().isEmpty, "below the analyzer's threshold")
        b.process(Event(source: "test", kind: .activity, text: "jackpot", position: .line(3)), path: "y")
        b.process(Event(source: "bank.csv", kind: .transaction, text: "casino night", position: .line(4)), path: "z")
        a.merge(b)
        let findings = a.findings()
        XCTAssertEqual(findings.count, 1)
        XCTAssertEqual(findings[0].count, 4, "1 rule match + 3 analyzer records")
        XCTAssertEqual(findings[0].confidence, 0.9)
        XCTAssertEqual(findings[0].rules, ["finance.gambling.word", "test.casino_words"])
        XCTAssertEqual(findings[0].value, "many")
        XCTAssertEqual(findings[0].evidence.count, 4)
        XCTAssertEqual(RuleExampleRunner.exampleCount(ruleSet), 3)
        XCTAssertEqual(RuleExampleRunner.run(ruleSet), [])
    }

    /// The word counter declares `activity` records only (its `input`); the session does not
    /// show it others, whatever their text, and asks per source and kind, not once per scan.
    func testSessionShowsAnAnalyzerOnlyTheKindsItObserves() throws {
        let fixture = try RuleDirectoryFixture(files: ["analyzers/words.yaml": Self.analyzerFile])
        let ruleSet = try RuleSet.load(directory: fixture.rulesDirectory, analyzerKinds: [WordCountDefinition.kind])
        let session = InferenceSession(ruleSet: ruleSet)
        for line in 1...3 {
            session.process(Event(source: "test", kind: .message, text: "jackpot", position: .line(line)), path: "chat")
            session.process(Event(source: "other", kind: .search, text: "jackpot", position: .line(line)), path: "searches")
        }
        XCTAssertTrue(session.findings().isEmpty, "messages and searches are not shown to an activity-only analyzer")
        for line in 4...6 {
            session.process(Event(source: line == 5 ? "other" : "test", kind: .activity, text: "jackpot", position: .line(line)), path: "log")
        }
        XCTAssertEqual(session.findings().first?.count, 3, "activities of either source are shown")
    }

    /// `observes` may leave an analyzer unasked only where its own first line would reject the
    /// record: each built-in analyzer, fed its examples' records under a kind or a source it does
    /// not observe, finds nothing, while the records as written find something.
    func testBuiltInAnalyzersFindNothingInRecordsTheyDoNotObserve() throws {
        let ruleSet = try RuleSet.load(directory: RuleSetExamplesTests.rulesDirectory)
        var checked = 0
        for definition in ruleSet.analyzers where !definition.exampleEvents.isEmpty {
            let events = definition.exampleEvents
            let asWritten = definition.makeAnalyzer(ruleSet: ruleSet)
            for event in events { asWritten.observe(event, path: "example", countedByRulesFor: []) }
            XCTAssertFalse(asWritten.findings(evidenceLimit: 5).isEmpty, "\(definition.id): its examples find nothing")
            for kind in EventKind.allCases {
                let unseen = events.filter { !definition.observes(source: $0.source, kind: kind) }
                guard !unseen.isEmpty else { continue }
                let analyzer = definition.makeAnalyzer(ruleSet: ruleSet)
                for var event in unseen {
                    event.kind = kind
                    analyzer.observe(event, path: "example", countedByRulesFor: [])
                }
                XCTAssertTrue(analyzer.findings(evidenceLimit: 5).isEmpty, "\(definition.id) finds something in \(kind) records it is not shown")
            }
            let foreign = "test.not_a_source"
            if !definition.observes(source: foreign, kind: .transaction) {
                let analyzer = definition.makeAnalyzer(ruleSet: ruleSet)
                for var event in events {
                    event.source = foreign
                    analyzer.observe(event, path: "example", countedByRulesFor: [])
                }
                XCTAssertTrue(analyzer.findings(evidenceLimit: 5).isEmpty, "\(definition.id) finds something in records of a source it is not shown")
            }
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 4, "the bank analyzers' examples were not found")
    }

    func testUnknownAnalyzerKindNamesFileAndLine() throws {
        let fixture = try RuleDirectoryFixture(files: ["analyzers/words.yaml": "id: x\nanalyzer: nope\n"])
        XCTAssertThrowsError(try RuleSet.load(directory: fixture.rulesDirectory, analyzerKinds: [WordCountDefinition.kind])) { error in
            XCTAssertEqual("\(error)", "rules/analyzers/words.yaml:2: unknown analyzer 'nope' (known kinds: test.word_count)")
        }
    }

    func testAnalyzerWithUnknownAttributeOrKeyIsRefused() throws {
        let badAttribute = try RuleDirectoryFixture(files: ["analyzers/words.yaml": Self.analyzerFile.replacingOccurrences(of: "finance.gambling", with: "finance.nope")])
        XCTAssertThrowsError(try RuleSet.load(directory: badAttribute.rulesDirectory, analyzerKinds: [WordCountDefinition.kind])) { error in
            XCTAssertEqual("\(error)", "rules/analyzers/words.yaml:1: unknown attribute 'finance.nope'")
        }
        let badKey = try RuleDirectoryFixture(files: ["analyzers/words.yaml": Self.analyzerFile + "\nwrod: x\n"])
        XCTAssertThrowsError(try RuleSet.load(directory: badKey.rulesDirectory, analyzerKinds: [WordCountDefinition.kind])) { error in
            XCTAssertTrue("\(error)".hasPrefix("rules/analyzers/words.yaml:6: unknown key 'wrod'"), "\(error)")
        }
    }
}
