import Foundation
import XCTest
import StewardCore
@testable import Rules

/// Other people's words: rules can be limited to the person's own, and evidence never quotes
/// someone else unless the session is told to.
final class AuthorshipTests: XCTestCase {
    private func ruleSet(authoredBy: String, fields: String? = nil) throws -> (RuleDirectoryFixture, RuleSet) {
        let fixture = try RuleDirectoryFixture(files: ["signals/chat.yaml": """
            rules:
              - id: finance.gambling.chat
                attribute: finance.gambling
                title: Casino talk
                confidence: 0.5
                match:
                  kinds: [message]
                  authored_by: \(authoredBy)
            \(fields.map { "      fields: \($0)" } ?? "")
                  lexicons: [gambling]
                examples:
                  positive:
                    - {source: whatsapp.chat, kind: message, text: "casino tonight?", authored_by_others: true}
                  negative:
                    - {source: whatsapp.chat, kind: message, text: "bakery"}
            """])
        return (fixture, try RuleSet.load(directory: fixture.rulesDirectory))
    }

    private func message(_ text: String, others: Bool) -> Event {
        Event(source: "whatsapp.chat", kind: .message, text: text, counterparty: "Alex", authoredByOthers: others, position: .line(3))
    }

    func testPersonOnlyRulesIgnoreOtherPeoplesMessages() throws {
        let fixture = try RuleDirectoryFixture(files: ["signals/chat.yaml": """
            rules:
              - id: finance.gambling.chat
                attribute: finance.gambling
                title: Casino talk
                confidence: 0.5
                match:
                  kinds: [message]
                  authored_by: person
                  lexicons: [gambling]
                examples:
                  positive:
                    - {source: whatsapp.chat, kind: message, text: "casino tonight?"}
                  negative:
                    - {source: whatsapp.chat, kind: message, text: "casino tonight?", authored_by_others: true}
            """])
        let rules = try RuleSet.load(directory: fixture.rulesDirectory)
        XCTAssertEqual(RuleExampleRunner.run(rules), [])
        let session = InferenceSession(ruleSet: rules)
        XCTAssertEqual(session.process(message("casino tonight?", others: true), path: "chat.txt"), [])
        XCTAssertEqual(session.process(message("casino tonight?", others: false), path: "chat.txt"), ["finance.gambling.chat"])
    }

    func testOwnWordsRulesDoNotReadTheChatsNameUnlessTheyNameTheCounterpartyField() throws {
        // The person's message "see you at 8" in a group chat named "Casino crew".
        let inGroup = Event(source: "whatsapp.chat", kind: .message, text: "see you at 8", counterparty: "Casino crew",
                            authoredByOthers: false, position: .line(3))
        let (_, own) = try ruleSet(authoredBy: "person")
        XCTAssertEqual(InferenceSession(ruleSet: own).process(inGroup, path: "chat.txt"), [], "the group's name is not the person's words")
        let (_, named) = try ruleSet(authoredBy: "person", fields: "[text, counterparty]")
        XCTAssertEqual(InferenceSession(ruleSet: named).process(inGroup, path: "chat.txt"), ["finance.gambling.chat"])
        let (_, anyone) = try ruleSet(authoredBy: "anyone")
        XCTAssertEqual(InferenceSession(ruleSet: anyone).process(inGroup, path: "chat.txt"), ["finance.gambling.chat"])
    }

    func testOtherPeoplesWordsAreCountedButQuotedOnlyWhenAsked() throws {
        let (_, rules) = try ruleSet(authoredBy: "anyone")
        let quiet = InferenceSession(ruleSet: rules)
        quiet.process(message("casino tonight?", others: true), path: "chat.txt")
        XCTAssertEqual(quiet.findings().first?.count, 1)
        XCTAssertEqual(quiet.findings().first?.evidence.first?.excerpt, Event.notQuoted)

        let quoting = InferenceSession(ruleSet: rules, quotingOthers: true)
        quoting.process(message("casino tonight?", others: true), path: "chat.txt")
        XCTAssertEqual(quoting.findings().first?.evidence.first?.excerpt, "Alex · casino tonight?")
    }

    func testUnknownAuthorshipIsARuleFileError() throws {
        let fixture = try RuleDirectoryFixture(files: ["signals/chat.yaml": """
            rules:
              - id: finance.gambling.chat
                attribute: finance.gambling
                title: Casino talk
                confidence: 0.5
                match:
                  authored_by: me
                  lexicons: [gambling]
                examples:
                  positive:
                    - {source: x, kind: message, text: "casino"}
                  negative:
                    - {source: x, kind: message, text: "bakery"}
            """])
        XCTAssertThrowsError(try RuleSet.load(directory: fixture.rulesDirectory)) { error in
            XCTAssertEqual("\(error)", "rules/signals/chat.yaml:7: authored_by must be one of: person, others, anyone, got 'me'")
        }
    }
}

/// Findings carry how many records each rule matched, for scoring models that weigh rules differently.
final class RuleCountTests: XCTestCase {
    func testFindingsCountRecordsPerRule() throws {
        let fixture = try RuleDirectoryFixture(files: ["signals/g.yaml": """
            rules:
              - id: finance.gambling.words
                attribute: finance.gambling
                title: Casino words
                confidence: 0.5
                match:
                  lexicons: [gambling]
                examples:
                  positive:
                    - {source: bank.csv, kind: transaction, text: "casino"}
                  negative:
                    - {source: bank.csv, kind: transaction, text: "bakery"}
              - id: finance.gambling.mcc
                attribute: finance.gambling
                title: Betting MCC
                confidence: 0.9
                match:
                  mcc: [7995]
                examples:
                  positive:
                    - {source: bank.csv, kind: transaction, text: "x", mcc: 7995}
                  negative:
                    - {source: bank.csv, kind: transaction, text: "x", mcc: 5411}
            """])
        let session = InferenceSession(ruleSet: try RuleSet.load(directory: fixture.rulesDirectory))
        session.process(Event(source: "bank.csv", kind: .transaction, text: "casino", mcc: 7995, position: .line(1)), path: "a")
        session.process(Event(source: "bank.csv", kind: .transaction, text: "POOLS PAYMENT", mcc: 7995, position: .line(2)), path: "a")
        let finding = try XCTUnwrap(session.findings().first)
        XCTAssertEqual(finding.count, 2, "a record two rules match counts once")
        XCTAssertEqual(finding.ruleCounts, ["finance.gambling.words": 1, "finance.gambling.mcc": 2])
    }
}
