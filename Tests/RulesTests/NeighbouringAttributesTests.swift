import XCTest
import Rules
import StewardCore

/// `distinct_from` in attributes.yaml and `yields_to` in rules (docs/rules.md "Neighbouring
/// attributes"): a record matched by a rule and by a neighbour it yields to counts only for
/// the neighbour, and every yield rests on a written distinction.
final class NeighbouringAttributesTests: XCTestCase {
    static let attributes = """
    attributes:
      - id: finance.gambling
        title: Gambling
        sensitivity: financial
        explanation: Betting.
      - id: health.alcohol
        title: Alcohol
        sensitivity: special
        explanation: Drinking.
        distinct_from:
          finance.gambling: "A casino bar is drinking when the casino is not named."
    """

    static let rules = """
    rules:
      - id: health.alcohol.bar
        attribute: health.alcohol
        title: Bars
        confidence: 0.5
        yields_to: [finance.gambling]
        match:
          terms: [bar]
        examples:
          positive:
            - {source: bank.csv, kind: transaction, text: THE BAR}
          negative:
            - {source: bank.csv, kind: transaction, text: CASINO BAR}
      - id: finance.gambling.casino
        attribute: finance.gambling
        title: Casinos
        confidence: 0.5
        match:
          lexicons: [gambling]
        examples:
          positive:
            - {source: bank.csv, kind: transaction, text: CASINO BAR}
          negative:
            - {source: bank.csv, kind: transaction, text: THE BAR}
    """

    private func load(attributes: String = attributes, rules: String = rules) throws -> RuleSet {
        let fixture = try RuleDirectoryFixture(files: ["attributes.yaml": attributes, "signals/x.yaml": rules])
        return try RuleSet.load(directory: fixture.rulesDirectory)
    }

    private func loadError(attributes: String = attributes, rules: String = rules) throws -> String {
        do {
            _ = try load(attributes: attributes, rules: rules)
            return "loaded without error"
        } catch {
            return "\(error)"
        }
    }

    func testDistinctionsAreLoadedAndExamplesPass() throws {
        let set = try load()
        XCTAssertEqual(set.distinctions["health.alcohol"]?["finance.gambling"], "A casino bar is drinking when the casino is not named.")
        XCTAssertEqual(set.rule(id: "health.alcohol.bar")?.yieldsTo, ["finance.gambling"])
        XCTAssertEqual(RuleExampleRunner.run(set), [])
    }

    func testTheNeighbourTakesTheRecordAndTheDropIsRecorded() throws {
        let session = InferenceSession(ruleSet: try load())
        let fired = session.process(Event(source: "bank.csv", kind: .transaction, text: "CASINO BAR", position: .line(1)), path: "a.csv")
        XCTAssertEqual(fired, ["finance.gambling.casino"])
        XCTAssertEqual(session.lastDrops, [InferenceSession.RuleDrop(rule: "health.alcohol.bar", reason: .neighbourAttribute("finance.gambling"))])
        XCTAssertEqual(session.findings().map(\.attribute), ["finance.gambling"])
    }

    func testYieldWithoutAWrittenDistinctionIsAnError() throws {
        let noDistinction = Self.attributes.components(separatedBy: "    distinct_from:")[0]
        XCTAssertEqual(try loadError(attributes: noDistinction),
                       "rules/signals/x.yaml:2: rule health.alcohol.bar yields to finance.gambling, but rules/attributes.yaml has no distinct_from entry between health.alcohol and finance.gambling")
    }

    func testMutualYieldsAreAnError() throws {
        let mutual = Self.rules.replacingOccurrences(of: "    title: Casinos\n", with: "    title: Casinos\n    yields_to: [health.alcohol]\n")
        XCTAssertNotEqual(mutual, Self.rules)
        XCTAssertEqual(try loadError(rules: mutual),
                       "rules/signals/x.yaml:14: rule finance.gambling.casino yields to health.alcohol, whose rule health.alcohol.bar (rules/signals/x.yaml:2) yields back to finance.gambling: a record both match would count for neither")
    }

    func testUnknownOrSelfNeighboursAreErrorsWithTheirLine() throws {
        XCTAssertEqual(try loadError(attributes: Self.attributes.replacingOccurrences(of: "finance.gambling: \"A", with: "finance.gamblin: \"A")),
                       "rules/attributes.yaml:11: distinct_from of health.alcohol names 'finance.gamblin', which is not another attribute of the taxonomy")
        XCTAssertEqual(try loadError(rules: Self.rules.replacingOccurrences(of: "yields_to: [finance.gambling]", with: "yields_to: [health.alcohol]")),
                       "rules/signals/x.yaml:6: yields_to names 'health.alcohol', which is not another attribute of the taxonomy")
        XCTAssertEqual(try loadError(attributes: Self.attributes.replacingOccurrences(of: "\"A casino bar is drinking when the casino is not named.\"", with: "\"\"")),
                       "rules/attributes.yaml:11: distinct_from of health.alcohol: say what tells it apart from finance.gambling")
    }

    func testTheTaxonomyWritesDownTheNeighboursIssue8Names() throws {
        let set = try RuleSetExamplesTests.loaded.get()
        for (attribute, neighbour) in [("politics.pro_government", "politics.engagement"), ("finance.late_bills", "finance.overdraft"),
                                       ("legal.traffic_fines", "finance.loans"), ("health.mental", "health.medical")] {
            XCTAssertNotNil(set.distinctions[attribute]?[neighbour], "\(attribute) vs \(neighbour)")
        }
        for attribute in set.attributes {
            XCTAssertFalse(set.distinctions[attribute.id, default: [:]].isEmpty, "\(attribute.id) has no distinct_from")
        }
    }
}
