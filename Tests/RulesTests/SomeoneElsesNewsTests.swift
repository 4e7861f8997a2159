import XCTest
import StewardCore
@testable import Rules

/// `subject: own` (docs/rules.md, "Someone else's news"): a hit in a post or message whose
/// clause names someone else before it, and the person nowhere before it or in it, is theirs.
final class SomeoneElsesNewsTests: XCTestCase {
    private static let lexicons = [
        "lexicons/gambling.en.txt": "lost at the bookies\nplaced a bet\ngambling debts\n",
        "lexicons/subject_others_after.en.txt": "#! exact\nof my brother\n",
        "lexicons/gambling.ru.txt": "ставк*\n",
        "lexicons/subject_others_after.ru.txt": "#! exact\nбрата\n",
        "lexicons/subject_others.en.txt": "#! exact\nmy brother\nmy mum\n",
        "lexicons/subject_self.en.txt": "#! exact\ni\nme\nwe\n",
        "lexicons/subject_prepositions.en.txt": "#! exact\nwith\n",
        "lexicons/subject_others.zh.txt": "#! exact\n我妈\n",
        "lexicons/subject_self.zh.txt": "#! exact\n我\n",
        "lexicons/subject_prepositions.zh.txt": "#! exact\n被\n",
        "lexicons/gambling.zh.txt": "买彩票\n",
    ]

    /// Whether each text, as the person's own chat message, fires the rule.
    private func fires(_ texts: [String], subject: String = "own") throws -> [Bool] {
        var files = Self.lexicons
        files["signals/gambling.yaml"] = """
        rules:
          - id: finance.gambling.own_words
            attribute: finance.gambling
            title: Own bets
            confidence: 0.9
            match:
              sources: [whatsapp.chat]
              kinds: [message]
              subject: \(subject)
              lexicons: [gambling]
            examples:
              positive:
                - {source: whatsapp.chat, kind: message, time: 2024-06-02, counterparty: "Sam", text: "placed a bet on Saturday"}
              negative:
                - {source: whatsapp.chat, kind: message, time: 2024-06-02, counterparty: "Sam", text: "tea at six"}
        """
        let fixture = try RuleDirectoryFixture(files: files)
        let session = InferenceSession(ruleSet: try RuleSet.load(directory: fixture.rulesDirectory))
        return texts.map { text in
            session.process(Event(source: "whatsapp.chat", kind: .message, text: text, counterparty: "Sam", position: .line(1)),
                            path: "chat.txt").contains("finance.gambling.own_words")
        }
    }

    func testSomeoneElseNamedBeforeTheHitWithoutThePersonMakesItTheirNews() throws {
        XCTAssertEqual(try fires(["my brother lost at the bookies again", "my mum placed a bet on the derby"]), [false, false])
    }

    func testWithoutSubjectOwnTheSameMessagesFire() throws {
        XCTAssertEqual(try fires(["my brother lost at the bookies again"], subject: "anyone"), [true])
    }

    func testThePersonBeforeOrInTheClauseKeepsTheHitTheirs() throws {
        XCTAssertEqual(try fires(["my brother and I placed a bet", "my brother dragged me there and I lost at the bookies"]),
                       [true, true])
    }

    func testSomeoneNamedInAnotherClauseOrAfterAPrepositionOrAfterTheHitDoesNotCount() throws {
        XCTAssertEqual(try fires(["my brother came round. placed a bet on the derby",
                                  "went with my brother, lost at the bookies",
                                  "placed a bet with my brother",
                                  "with my brother lost at the bookies"]),
                       [true, true, true, true])
    }

    func testChineseSubjectsPassivesAndThePersonsOwnCharacter() throws {
        XCTAssertEqual(try fires(["我妈今天去买彩票了", "被我妈拉去买彩票", "我妈陪我去买彩票", "我妈不知道。今天买彩票了"]),
                       [false, true, true, true])
    }

    func testSomeoneNamedRightAfterTheHitAsItsOwnerMakesItTheirNews() throws {
        XCTAssertEqual(try fires(["gambling debts of my brother are huge", "ставки брата опять не зашли"]), [false, false])
    }

    func testTheOwnerAfterTheHitCountsOnlyRightAfterItsWordAndWithoutThePerson() throws {
        XCTAssertEqual(try fires(["gambling debts, of my brother I say nothing",
                                  "gambling debts and those of my brother",
                                  "I have gambling debts of my brother's size",
                                  "ставки у брата"]),
                       [true, true, true, true])
    }

    func testAWordEndsAtTheFirstByteThatIsNotALetterOrDigitAndAHanCharacterIsAWordOfItsOwn() {
        func end(_ text: String, _ offset: Int) -> Int { RuleMatcher.wordEnd(after: offset, in: Array(text.utf8)) }
        XCTAssertEqual(end("debts of", 3), 5)
        XCTAssertEqual(end("ставки брата", 8), 12, "past the rest of the Cyrillic word")
        XCTAssertEqual(end("罚了我爸", 6), 6, "a Han character is a word of its own")
        XCTAssertEqual(end("debts", 5), 5)
    }

    func testClauseStartsAfterTheLastBreakBeforeTheHit() {
        func start(_ text: String, _ offset: Int) -> Int { RuleMatcher.clauseStart(before: offset, in: Array(text.utf8)) }
        XCTAssertEqual(start("abc, def", 7), 4)
        XCTAssertEqual(start("abc def", 6), 0)
        XCTAssertEqual(start("好。坏", 6), 6, "after the full-width full stop")
        XCTAssertEqual(start("a\nb", 2), 2)
    }
}
