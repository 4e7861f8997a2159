import XCTest
@testable import Rules
import StewardCore

/// Invalid rule files are fixtures with the exact message expected (gitleaks-style).
final class RuleValidationTests: XCTestCase {
    /// A valid rule file; each test breaks one line of it.
    static let validRule = """
    rules:
      - id: finance.gambling.bookmaker
        attribute: finance.gambling
        title: Bookmakers
        confidence: 0.9
        match:
          sources: [bank.*]
          kinds: [transaction]
          fields: [text, counterparty]
          lexicons: [gambling]
          mcc: [7995, 7800-7802]
        examples:
          positive:
            - {source: bank.ofx, kind: transaction, counterparty: BET365}
          negative:
            - {source: bank.ofx, kind: transaction, counterparty: Tesco}
    """

    private func loadError(_ files: [String: String]) throws -> String {
        let fixture = try RuleDirectoryFixture(files: files)
        do {
            _ = try RuleSet.load(directory: fixture.rulesDirectory)
            return "loaded without error"
        } catch {
            return error.description
        }
    }

    private func broken(_ old: String, _ new: String) -> [String: String] {
        let text = Self.validRule.replacingOccurrences(of: old, with: new)
        precondition(text != Self.validRule, "replacement did not apply: \(old)")
        return ["signals/finance/gambling.yaml": text]
    }

    func testValidFixtureLoads() throws {
        let fixture = try RuleDirectoryFixture(files: ["signals/finance/gambling.yaml": Self.validRule])
        let set = try RuleSet.load(directory: fixture.rulesDirectory)
        XCTAssertEqual(set.rules.map(\.id), ["finance.gambling.bookmaker"])
        XCTAssertEqual(set.ruleFiles, ["rules/signals/finance/gambling.yaml"])
        XCTAssertEqual(set.lexiconFiles, ["rules/lexicons/gambling.en.txt"])
        XCTAssertEqual(set.version.count, 16)
        XCTAssertEqual(RuleExampleRunner.run(set), [])
    }

    func testUnknownKey() throws {
        XCTAssertEqual(try loadError(broken("    attribute: finance.gambling", "    atribute: finance.gambling")),
                       "rules/signals/finance/gambling.yaml:3: unknown key 'atribute' in rule (expected one of: aggregate, attribute, confidence, description, examples, id, match, title, yields_to)")
    }

    func testUnknownAttribute() throws {
        XCTAssertEqual(try loadError(broken("attribute: finance.gambling", "attribute: finance.gamblin")),
                       "rules/signals/finance/gambling.yaml:3: unknown attribute 'finance.gamblin' (not in rules/attributes.yaml)")
    }

    func testUnknownEventKind() throws {
        XCTAssertEqual(try loadError(broken("kinds: [transaction]", "kinds: [transaction, txn]")),
                       "rules/signals/finance/gambling.yaml:8: unknown event kind 'txn' (expected one of: transaction, visit, location, search, page_view, watch, post, comment, like, message, contact, position, health_record, photo, listen, ad_interest, activity)")
    }

    func testUnknownField() throws {
        XCTAssertEqual(try loadError(broken("fields: [text, counterparty]", "fields: [text, merchant]")),
                       "rules/signals/finance/gambling.yaml:9: unknown event field 'merchant' (expected one of: text, title, url, counterparty, place, product, code)")
    }

    func testMissingLexicon() throws {
        XCTAssertEqual(try loadError(broken("lexicons: [gambling]", "lexicons: [gamblng]")),
                       "rules/signals/finance/gambling.yaml:10: unknown lexicon 'gamblng' (no file rules/lexicons/gamblng.<lang>.txt)")
    }

    func testBadMCCRange() throws {
        XCTAssertEqual(try loadError(broken("7800-7802", "7802-7800")),
                       "rules/signals/finance/gambling.yaml:11: bad MCC range '7802-7800': start is after end")
        XCTAssertEqual(try loadError(broken("7800-7802", "78x0")),
                       "rules/signals/finance/gambling.yaml:11: bad MCC '78x0': expected a 4-digit code such as 5921 or a range such as 7800-7802")
    }

    func testDuplicateRuleIdAcrossFiles() throws {
        let error = try loadError(["signals/finance/a.yaml": Self.validRule, "signals/finance/b.yaml": Self.validRule])
        XCTAssertEqual(error, "rules/signals/finance/b.yaml:2: duplicate rule id 'finance.gambling.bookmaker' (first defined at rules/signals/finance/a.yaml:2)")
    }

    func testConfidenceOutOfRange() throws {
        XCTAssertEqual(try loadError(broken("confidence: 0.9", "confidence: 1.5")),
                       "rules/signals/finance/gambling.yaml:5: confidence must be between 0 and 1, got 1.5")
    }

    func testMissingNegativeExample() throws {
        let text = Self.validRule.components(separatedBy: "      negative:")[0]
        XCTAssertEqual(try loadError(["signals/finance/gambling.yaml": text]),
                       "rules/signals/finance/gambling.yaml:2: rule finance.gambling.bookmaker needs at least one positive and one negative example")
    }

    func testBadExampleTime() throws {
        XCTAssertEqual(try loadError(broken("kind: transaction, counterparty: BET365", "kind: transaction, time: 2024-13-01, counterparty: BET365")),
                       "rules/signals/finance/gambling.yaml:14: time must be ISO 8601 such as 2024-03-01 or 2024-03-01T23:15:00Z, got '2024-13-01'")
    }

    func testCombineAllNeedsBothConditions() throws {
        XCTAssertEqual(try loadError(broken("      mcc: [7995, 7800-7802]", "      combine: all")),
                       "rules/signals/finance/gambling.yaml:11: combine: all needs both a lexicon condition (lexicons or terms) and mcc")
    }

    func testBadHoursAndAmount() throws {
        XCTAssertEqual(try loadError(broken("      mcc: [7995, 7800-7802]", "      hours: 5-5")),
                       "rules/signals/finance/gambling.yaml:11: hours must be 'start-end' with whole hours 0–24, start ≠ end, e.g. 0-5 or 22-5; got '5-5'")
        XCTAssertEqual(try loadError(broken("      mcc: [7995, 7800-7802]", "      amount: {max: \"-1,00\"}")),
                       "rules/signals/finance/gambling.yaml:11: amount max must be a plain decimal such as \"-12.50\", got '-1,00'")
    }

    func testAmountOrUnknownMustBeABooleanAndNeedsABound() throws {
        XCTAssertEqual(try loadError(broken("      mcc: [7995, 7800-7802]", "      amount: {max: \"-0.01\", or_unknown: maybe}")),
                       "rules/signals/finance/gambling.yaml:11: amount or_unknown must be true or false, got 'maybe'")
        XCTAssertEqual(try loadError(broken("      mcc: [7995, 7800-7802]", "      amount: {or_unknown: true}")),
                       "rules/signals/finance/gambling.yaml:11: amount needs min, max or both")
    }

    /// `or_unknown: true` lets a record with no amount pass an amount filter; a stated amount
    /// outside the bounds still fails, and without it a record with no amount fails.
    func testAmountOrUnknownAdmitsRecordsWithoutAnAmountOnly() {
        let debitsOrUnknown = AmountRange(min: nil, max: Money(units: -1, scale: 2), admitsUnknown: true)
        XCTAssertTrue(debitsOrUnknown.admits(nil))
        XCTAssertTrue(debitsOrUnknown.admits(Money(units: -500, scale: 2)))
        XCTAssertFalse(debitsOrUnknown.admits(Money(units: 4200, scale: 2)), "money in stays out")
        let debits = AmountRange(min: nil, max: Money(units: -1, scale: 2))
        XCTAssertFalse(debits.admits(nil))
        XCTAssertTrue(debits.admits(Money(units: -500, scale: 2)))
    }

    func testLexiconProblems() throws {
        let rule = ["signals/finance/gambling.yaml": Self.validRule]
        XCTAssertEqual(try loadError(rule.merging(["lexicons/gambling.en.txt": "# comment\nbet*365\n"]) { $1 }),
                       "rules/lexicons/gambling.en.txt:2: '*' is only allowed at the end of a term (prefix match): 'bet*365'")
        XCTAssertEqual(try loadError(rule.merging(["lexicons/Gambling-EN.txt": "x\n"]) { $1 }),
                       "rules/lexicons/Gambling-EN.txt:1: lexicon file name must be <name>.<lang>.txt, e.g. gambling.en.txt")
    }

    /// Terms without '*', '{' or '}' take a shorter path through the checks (the common case);
    /// it finds the same problems.
    func testTermsWithoutStarsOrBracesAreCheckedForExclamationMarksEmptinessAndLength() {
        XCTAssertEqual(LexiconRule.problem(with: "bet!!"), "one '!' at the end of a term (exact form) is enough: 'bet!!'")
        XCTAssertEqual(LexiconRule.problem(with: "!"), "empty term")
        XCTAssertEqual(LexiconRule.problem(with: "   "), "empty term")
        let long = String(repeating: "a", count: RuleSetLoader.maximumTermBytes + 1)
        XCTAssertEqual(LexiconRule.problem(with: long), "term is longer than \(RuleSetLoader.maximumTermBytes) bytes: '\(long.prefix(40))…'")
        XCTAssertNil(LexiconRule.problem(with: String(repeating: "a", count: RuleSetLoader.maximumTermBytes)))
        XCTAssertNil(LexiconRule.problem(with: "paddy power!"))
        XCTAssertNil(LexiconRule.problem(with: "wett*"))
        XCTAssertNil(LexiconRule.problem(with: "über {n} jahre"))
    }

    func testNumberPlaceholderProblemsNameFileAndLine() throws {
        let rule = ["signals/finance/gambling.yaml": Self.validRule]
        XCTAssertEqual(try loadError(rule.merging(["lexicons/gambling.en.txt": "bet\n{n} to {n}\n"]) { $1 }),
                       "rules/lexicons/gambling.en.txt:2: one '{n}' (a number) per term is enough: '{n} to {n}'")
        XCTAssertEqual(try loadError(rule.merging(["lexicons/gambling.en.txt": "bet {x}\n"]) { $1 }),
                       "rules/lexicons/gambling.en.txt:1: braces only in '{n}', a number of one or two digits: 'bet {x}'")
        XCTAssertEqual(try loadError(rule.merging(["lexicons/gambling.en.txt": "bet\nbet{n}*\n"]) { $1 }),
                       "rules/lexicons/gambling.en.txt:2: a term with '{n}' cannot be a prefix term: 'bet{n}*'")
    }

    func testYAMLSyntaxErrorNamesLine() throws {
        let error = try loadError(broken("    title: Bookmakers", "    title: [Bookmakers"))
        XCTAssertTrue(error.hasPrefix("rules/signals/finance/gambling.yaml:"), error)
        XCTAssertTrue(error.contains("YAML syntax error"), error)
    }

    func testUnknownSensitivity() throws {
        let attributes = RuleDirectoryFixture.attributes.replacingOccurrences(of: "sensitivity: special", with: "sensitivity: secret")
        XCTAssertEqual(try loadError(["attributes.yaml": attributes]),
                       "rules/attributes.yaml:8: unknown sensitivity 'secret' (expected one of: special, criminal, financial, behavioral, location)")
    }

    func testFailingExampleNamesFileAndLine() throws {
        let text = Self.validRule.replacingOccurrences(of: "counterparty: Tesco", with: "counterparty: Casino")
        let fixture = try RuleDirectoryFixture(files: ["signals/finance/gambling.yaml": text])
        let set = try RuleSet.load(directory: fixture.rulesDirectory)
        XCTAssertEqual(RuleExampleRunner.run(set).map(\.description),
                       ["rules/signals/finance/gambling.yaml:16: negative example fired rule finance.gambling.bookmaker"])
        XCTAssertEqual(RuleExampleRunner.exampleCount(set), 2)
    }

    func testALoadThatLetsExamplesGoStillChecksThemAndKeepsNone() throws {
        let fixture = try RuleDirectoryFixture(files: ["signals/finance/gambling.yaml": Self.validRule])
        let kept = try RuleSet.load(files: .folder(fixture.rulesDirectory))
        let dropped = try RuleSet.load(files: .folder(fixture.rulesDirectory), keepingExamples: false)
        XCTAssertEqual(kept.rules.first?.examples.count, 2)
        XCTAssertEqual(dropped.rules.first?.examples.count, 0)
        let text = Self.validRule.replacingOccurrences(of: "counterparty: Tesco}", with: "counterparty: Tesco, time: not-a-time}")
        let broken = try RuleDirectoryFixture(files: ["signals/finance/gambling.yaml": text])
        XCTAssertThrowsError(try RuleSet.load(files: .folder(broken.rulesDirectory), keepingExamples: false),
                             "a broken example fails the load even when examples are let go")
    }
}
