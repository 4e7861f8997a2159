import XCTest
import Rules
import StewardCore

/// Merchant category precedence (docs/rules.md "Merchant category precedence"): a known MCC
/// outside a rule's families cancels a text-only match; channel codes never do.
final class MCCPrecedenceTests: XCTestCase {
    static let rules = """
    rules:
      - id: finance.gambling.bookmaker
        attribute: finance.gambling
        title: Bookmakers
        confidence: 0.9
        match:
          lexicons: [gambling]
          mcc: [7995]
          mcc_compatible: [5993]
        examples:
          positive:
            - {source: bank.csv, kind: transaction, text: BET365}
          negative:
            - {source: bank.csv, kind: transaction, text: GEANT CASINO, mcc: 5411}
      - id: finance.gambling.no_precedence
        attribute: finance.gambling
        title: Bookmakers whatever the merchant category
        confidence: 0.5
        match:
          lexicons: [gambling]
          mcc: [7995]
          mcc_precedence: false
        examples:
          positive:
            - {source: bank.csv, kind: transaction, text: GEANT CASINO, mcc: 5411}
          negative:
            - {source: bank.csv, kind: transaction, text: TESCO, mcc: 5411}
      - id: health.alcohol.text_only
        attribute: health.alcohol
        title: A rule without mcc, so without precedence
        confidence: 0.5
        match:
          terms: [pub]
        examples:
          positive:
            - {source: bank.csv, kind: transaction, text: PUB CAR PARK, mcc: 7523}
          negative:
            - {source: bank.csv, kind: transaction, text: CAR PARK, mcc: 7523}
    """

    private var fixture: RuleDirectoryFixture!
    private var ruleSet: RuleSet!

    override func setUpWithError() throws {
        fixture = try RuleDirectoryFixture(files: ["signals/test.yaml": Self.rules])
        ruleSet = try RuleSet.load(directory: fixture.rulesDirectory)
    }

    private func payment(_ text: String, mcc: Int?) -> Event {
        Event(source: "bank.csv", kind: .transaction, time: Timestamp(year: 2024, month: 3, day: 1, dateOnly: true),
              text: text, amount: Money.parse("-10.00"), mcc: mcc, position: .line(1))
    }

    func testPrecedenceIsOnForRulesWithMCCAndOffOtherwiseOrWhenOptedOut() {
        XCTAssertEqual(ruleSet.rule(id: "finance.gambling.bookmaker")?.match.mccPrecedence, true)
        XCTAssertEqual(ruleSet.rule(id: "finance.gambling.no_precedence")?.match.mccPrecedence, false)
        XCTAssertEqual(ruleSet.rule(id: "health.alcohol.text_only")?.match.mccPrecedence, false)
        XCTAssertEqual(RuleExampleRunner.run(ruleSet), [])
    }

    func testUnrelatedKnownMCCDropsTheTextMatchAndRecordsWhy() {
        let session = InferenceSession(ruleSet: ruleSet)
        let fired = session.process(payment("GEANT CASINO ST ETIENNE", mcc: 5411), path: "a.csv")
        XCTAssertEqual(fired, ["finance.gambling.no_precedence"])
        XCTAssertEqual(session.lastDrops, [InferenceSession.RuleDrop(rule: "finance.gambling.bookmaker", reason: .mccOutsideFamily(5411))])
        XCTAssertEqual(session.mccVetoCount(rule: "finance.gambling.bookmaker"), 1)
        XCTAssertEqual(session.matchCount(rule: "finance.gambling.bookmaker"), 0)
        // The next event starts with no drops.
        session.process(payment("TESCO", mcc: 5411), path: "a.csv")
        XCTAssertEqual(session.lastDrops, [])
    }

    func testFamilyCompatibleChannelAndUnknownMCCKeepTheTextMatch() {
        for mcc in [7995, 5993, 4829, 6012, 5818, 5999, nil] as [Int?] {
            let session = InferenceSession(ruleSet: ruleSet)
            let fired = session.process(payment("CASINO BARRIERE", mcc: mcc), path: "a.csv")
            XCTAssertTrue(fired.contains("finance.gambling.bookmaker"), "MCC \(String(describing: mcc))")
            XCTAssertEqual(session.lastDrops, [], "MCC \(String(describing: mcc))")
        }
    }

    func testMCCInTheFamilyStillFiresWithoutText() {
        let session = InferenceSession(ruleSet: ruleSet)
        XCTAssertTrue(session.process(payment("CARD 1234", mcc: 7995), path: "a.csv").contains("finance.gambling.bookmaker"))
    }

    func testVetoCountsSurviveMerging() {
        let a = InferenceSession(ruleSet: ruleSet)
        let b = InferenceSession(ruleSet: ruleSet)
        a.process(payment("CASINO", mcc: 5411), path: "a.csv")
        b.process(payment("CASINO", mcc: 5814), path: "b.csv")
        b.process(payment("CASINO", mcc: 5812), path: "b.csv")
        a.merge(b)
        XCTAssertEqual(a.mccVetoCount(rule: "finance.gambling.bookmaker"), 3)
    }

    func testPrecedenceWithoutALexiconConditionIsAnError() throws {
        let text = """
        rules:
          - id: finance.gambling.mcc_only
            attribute: finance.gambling
            title: Gambling MCC
            confidence: 0.9
            match:
              mcc: [7995]
              mcc_precedence: true
            examples:
              positive:
                - {source: bank.csv, kind: transaction, mcc: 7995}
              negative:
                - {source: bank.csv, kind: transaction, mcc: 5411}
        """
        let fixture = try RuleDirectoryFixture(files: ["signals/x.yaml": text])
        XCTAssertThrowsError(try RuleSet.load(directory: fixture.rulesDirectory)) { error in
            XCTAssertEqual("\(error)", "rules/signals/x.yaml:8: mcc_precedence only acts on lexicon matches, but this rule has no lexicons or terms")
        }
    }

    func testBadCompatibleMCCNamesTheLine() throws {
        let text = Self.rules.replacingOccurrences(of: "mcc_compatible: [5993]", with: "mcc_compatible: [59x3]")
        let fixture = try RuleDirectoryFixture(files: ["signals/x.yaml": text])
        XCTAssertThrowsError(try RuleSet.load(directory: fixture.rulesDirectory)) { error in
            XCTAssertEqual("\(error)", "rules/signals/x.yaml:9: bad MCC '59x3': expected a 4-digit code such as 5921 or a range such as 7800-7802")
        }
    }
}
