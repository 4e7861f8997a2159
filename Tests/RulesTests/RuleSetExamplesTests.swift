import XCTest
import Rules
import StewardCore
import RuleFileReading

/// Runs the real rule set in `rules/`: every example of every file, the taxonomy, and the
/// records the demo persona writes.
final class RuleSetExamplesTests: XCTestCase {
    static let rulesDirectory: String = {
        // Tests/RulesTests/RuleSetExamplesTests.swift → package root.
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/rules"
    }()

    static let loaded: Result<RuleSet, RuleFileError> = {
        do throws(RuleFileError) { return .success(try RuleSet.load(directory: rulesDirectory, findingValueText: englishFindingValues)) } catch { return .failure(error) }
    }()

    private func ruleSet() throws -> RuleSet { try Self.loaded.get() }

    /// Examples run per file in the generated `RuleFileExampleTests`; this fails when a rule or
    /// analyzer file has no method there (run scripts/generate-rule-example-tests.sh).
    func testEveryRuleFileHasItsOwnGeneratedTestMethod() throws {
        let set = try ruleSet()
        XCTAssertEqual(RuleFileExampleTests.files.sorted(), RuleExampleRunner.exampleFiles(set).sorted(),
                       "RuleFileExampleTests is stale: run scripts/generate-rule-example-tests.sh")
        XCTAssertEqual(RuleFileExampleTests.files.reduce(0) { $0 + RuleExampleRunner.run(set, file: $1).count },
                       RuleExampleRunner.run(set).count, "per-file runs and the whole run disagree")
        XCTAssertGreaterThan(RuleExampleRunner.exampleCount(set), 100)
    }

    /// The taxonomy is read from rules/attributes.yaml, never copied into tests: each attribute
    /// has a unique id, a known sensitivity and an explanation long enough to say something.
    func testTaxonomyFileHasUniqueIdsAndExplanations() throws {
        let set = try ruleSet()
        let ids = set.attributes.map(\.id)
        XCTAssertEqual(ids.count, Set(ids).count, "duplicate attribute ids in rules/attributes.yaml")
        XCTAssertEqual(set.attribute(id: "legal.court")?.sensitivity, .criminal)
        XCTAssertEqual(set.attribute(id: "mobility.home")?.sensitivity, .location)
        for attribute in set.attributes {
            XCTAssertGreaterThan(attribute.explanation.count, 40, attribute.id)
            XCTAssertTrue(set.rules.contains { $0.attribute == attribute.id } || set.analyzers.contains { $0.attributes.contains(attribute.id) },
                          "\(attribute.id): no rule or analyzer infers it")
        }
    }

    func testVersionIsStableAndFilesAreListed() throws {
        let set = try ruleSet()
        let again = try RuleSet.load(directory: Self.rulesDirectory)
        XCTAssertEqual(set.version, again.version)
        XCTAssertTrue(set.ruleFiles.contains("rules/signals/finance/gambling.yaml"))
        XCTAssertTrue(set.lexiconFiles.contains("rules/lexicons/gambling.ru.txt"))
        for name in ["gambling", "loans", "arrears", "overdraft", "alcohol", "tobacco", "fitness", "medical", "charity",
                     "blood_donation"] {
            for lang in ["en", "de", "ru"] {
                XCTAssertTrue(set.lexiconFiles.contains("rules/lexicons/\(name).\(lang).txt"), "\(name).\(lang).txt")
            }
        }
    }

    /// The demo persona's records must fire these attributes, and its decoys nothing.
    func testDemoPersonaRecordsFireTheRightAttributes() throws {
        let transactions: [(String, String?)] = [
            ("BET365 LTD", "finance.gambling"), ("WILLIAM HILL", "finance.gambling"), ("Lotto24 AG", "finance.gambling"),
            ("KLARNA RATENKAUF", "finance.loans"), ("Wonga loan repayment", "finance.loans"),
            ("Lowell Inkasso", "finance.arrears"), ("Overdraft fee", "finance.overdraft"),
            ("Rücklastschrift Gebühr", "finance.overdraft"), ("Oddbins", "health.alcohol"), ("Tabak Börse", "health.tobacco"),
            ("PureGym", "health.fitness"), ("Boots Pharmacy", "health.medical"), ("Apotheke am Markt", "health.medical"),
            ("Oxfam donation", "civic.charity"), ("NHS Blood and Transplant", "civic.blood_donation"),
            ("British Red Cross", "civic.charity"), ("Tinder Plus", "life.dating"), ("Steam Purchase", "conduct.gaming"),
            ("Casino Royale DVD", nil), ("Church Street Tesco", nil), ("The Union Bar & Grill", nil), ("Wine Gums", nil),
            ("Court Road Bakery", nil),
        ]
        let searches: [(String, String)] = [
            ("symptoms of diabetes", "health.medical"), ("how to get out of debt", "finance.arrears"),
            ("payday loan same day", "finance.loans"), ("blood donation near me", "civic.blood_donation"),
            ("casino bonus no deposit", "finance.gambling"), ("gym membership prices", "health.fitness"),
        ]
        let set = try ruleSet()
        func attributes(of event: Event) -> [String] {
            let session = InferenceSession(ruleSet: set)
            session.process(event, path: "persona")
            return session.findings().map(\.attribute)
        }
        for (text, attribute) in transactions {
            let event = Event(source: "bank.ofx", kind: .transaction, time: Timestamp(year: 2024, month: 3, day: 1, dateOnly: true),
                              counterparty: text, amount: Money.parse("-10.00"))
            XCTAssertEqual(attributes(of: event), attribute.map { [$0] } ?? [], text)
        }
        for (query, attribute) in searches {
            let event = Event(source: "google.my_activity", kind: .search,
                              time: Timestamp.parseISO8601(Array("2024-03-01T14:00:00Z".utf8)), text: query, product: "Search")
            XCTAssertEqual(attributes(of: event), [attribute], query)
        }
    }
}
