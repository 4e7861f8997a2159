import XCTest
import Rules
import StewardCore

/// A transaction without a merchant code skips the rules that could only have fired on one
/// (docs/performance.md, "Rules that need a merchant code"): a rule whose codes were its
/// alternative to a lexicon hit fires on the hit alone, a codes-only rule does not fire, and a
/// rule with neither condition is still asked. With a code, every rule is asked as before.
final class RulesWithoutMerchantCodeTests: XCTestCase {
    static let rules = """
    rules:
      - id: finance.gambling.code_or_word
        attribute: finance.gambling
        title: A betting code or a betting word
        confidence: 0.5
        match:
          kinds: [transaction]
          terms: [zebrabet]
          mcc: [7995]
        examples:
          positive:
            - {source: bank.csv, kind: transaction, text: ZEBRABET LTD}
            - {source: bank.csv, kind: transaction, text: SHOP, mcc: 7995}
          negative:
            - {source: bank.csv, kind: transaction, text: SHOP}
      - id: health.alcohol.code_only
        attribute: health.alcohol
        title: A liquor store's code alone
        confidence: 0.5
        match:
          kinds: [transaction]
          mcc: [5921]
        examples:
          positive:
            - {source: bank.csv, kind: transaction, text: SHOP, mcc: 5921}
          negative:
            - {source: bank.csv, kind: transaction, text: SHOP}
      - id: health.alcohol.code_and_word
        attribute: health.alcohol
        title: A code that means nothing alone, with a word
        confidence: 0.5
        match:
          kinds: [transaction]
          terms: [quickcash]
          mcc: [6012]
          combine: all
        examples:
          positive:
            - {source: bank.csv, kind: transaction, text: QUICKCASH, mcc: 6012}
          negative:
            - {source: bank.csv, kind: transaction, text: QUICKCASH}
      - id: finance.gambling.large_debit
        attribute: finance.gambling
        title: No lexicon and no code, an amount alone
        confidence: 0.5
        match:
          kinds: [transaction]
          amount: {max: -1000}
        examples:
          positive:
            - {source: bank.csv, kind: transaction, text: SHOP, amount: "-2000.00"}
          negative:
            - {source: bank.csv, kind: transaction, text: SHOP, amount: "-10.00"}
    """

    private static let ruleSet = Result { () throws -> RuleSet in
        let fixture = try RuleDirectoryFixture(files: ["signals/x.yaml": rules])
        return try RuleSet.load(directory: fixture.rulesDirectory)
    }

    private func fired(_ text: String, amount: String = "-10.00", mcc: Int?) throws -> [String] {
        let session = InferenceSession(ruleSet: try Self.ruleSet.get())
        return session.process(Event(source: "bank.csv", kind: .transaction,
                                     time: Timestamp(year: 2024, month: 3, day: 1, dateOnly: true),
                                     text: text, amount: Money.parse(amount), mcc: mcc, position: .line(1)),
                               path: "statement.csv")
    }

    func testWithoutACodeAWordFiresTheRuleWhoseCodeWasItsAlternative() throws {
        XCTAssertEqual(try fired("ZEBRABET LTD", mcc: nil), ["finance.gambling.code_or_word"])
    }

    func testWithoutACodeOrAWordNoCodeRuleFires() throws {
        XCTAssertEqual(try fired("SHOP", mcc: nil), [])
    }

    func testWithoutACodeTheRuleWithNeitherConditionIsStillAsked() throws {
        XCTAssertEqual(try fired("SHOP", amount: "-2000.00", mcc: nil), ["finance.gambling.large_debit"])
        XCTAssertEqual(try fired("ZEBRABET", amount: "-2000.00", mcc: nil),
                       ["finance.gambling.code_or_word", "finance.gambling.large_debit"])
    }

    func testWithACodeTheCodeRulesFireWithOrWithoutAWord() throws {
        XCTAssertEqual(try fired("SHOP", mcc: 7995), ["finance.gambling.code_or_word"])
        XCTAssertEqual(try fired("SHOP", mcc: 5921), ["health.alcohol.code_only"])
        XCTAssertEqual(try fired("QUICKCASH", mcc: 6012), ["health.alcohol.code_and_word"])
    }

    func testWithoutACodeTheCodeAndWordRuleDoesNotFireOnTheWord() throws {
        XCTAssertEqual(try fired("QUICKCASH", mcc: nil), [])
    }
}
