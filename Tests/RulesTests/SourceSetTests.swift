import XCTest
@testable import Rules

/// Named source sets (rules/sources.yaml, `$name` in a rule's `sources`; docs/rules.md,
/// "Source sets").
final class SourceSetTests: XCTestCase {
    static let sets = """
    source_sets:
      - name: chats
        description: Messaging apps.
        sources: [whatsapp.*, telegram.*]
    """

    static func rule(sources: String) -> String {
        """
        rules:
          - id: finance.gambling.chat
            attribute: finance.gambling
            title: Bets in chats
            confidence: 0.9
            match:
              sources: \(sources)
              kinds: [message]
              lexicons: [gambling]
            examples:
              positive:
                - {source: whatsapp.chat, kind: message, text: "lost again at bet365"}
              negative:
                - {source: whatsapp.chat, kind: message, text: "see you at the library"}
        """
    }

    private func load(_ files: [String: String]) throws -> RuleSet {
        let fixture = try RuleDirectoryFixture(files: files)
        return try RuleSet.load(directory: fixture.rulesDirectory)
    }

    private func loadError(_ files: [String: String]) -> String {
        do {
            _ = try load(files)
            return "loaded without error"
        } catch {
            return "\(error)"
        }
    }

    func testASetNamedInSourcesExpandsToItsPatternsAlongsideOthersWithoutRepeats() throws {
        let rules = try load(["sources.yaml": Self.sets,
                              "signals/finance/chat.yaml": Self.rule(sources: "[$chats, android.sms_backup, telegram.*]")])
        XCTAssertEqual(rules.rules.first?.match.sources.map(\.pattern), ["whatsapp.*", "telegram.*", "android.sms_backup"])
    }

    func testAnUnknownSetIsAnErrorNamingTheFileLineAndTheKnownSets() {
        XCTAssertEqual(loadError(["sources.yaml": Self.sets,
                                  "signals/finance/chat.yaml": Self.rule(sources: "[$chat]")]),
                       "rules/signals/finance/chat.yaml:7: unknown source set '$chat' (rules/sources.yaml defines: $chats)")
        XCTAssertEqual(loadError(["signals/finance/chat.yaml": Self.rule(sources: "[$chats]")]),
                       "rules/signals/finance/chat.yaml:7: unknown source set '$chats' (rules/sources.yaml defines: none)")
    }

    func testBadSetNamesDuplicatesEmptyListsAndBadSourcesFailWithTheirLine() {
        let rule = ["signals/finance/chat.yaml": Self.rule(sources: "[bank.*]")]
        XCTAssertEqual(loadError(rule.merging(["sources.yaml": "source_sets:\n  - name: Chats\n    sources: [whatsapp.*]\n"]) { $1 }),
                       "rules/sources.yaml:2: source set name 'Chats' must be lowercase letters, digits and underscores, such as own_writing")
        XCTAssertEqual(loadError(rule.merging(["sources.yaml": Self.sets + "\n  - name: chats\n    sources: [signal.sigexport]\n"]) { $1 }),
                       "rules/sources.yaml:5: duplicate source set 'chats'")
        XCTAssertEqual(loadError(rule.merging(["sources.yaml": "source_sets:\n  - name: chats\n    sources: []\n"]) { $1 }),
                       "rules/sources.yaml:3: source set chats lists no sources")
        XCTAssertEqual(loadError(rule.merging(["sources.yaml": "source_sets:\n  - name: chats\n    sources: [WhatsApp]\n"]) { $1 }),
                       "rules/sources.yaml:3: bad source 'WhatsApp': use an importer id such as bank.ofx or a glob such as bank.*")
    }

    /// The sets are part of the rules: changing one changes the rule-set version.
    func testTheSetsFileIsPartOfTheRuleSetVersion() throws {
        let rule = ["signals/finance/chat.yaml": Self.rule(sources: "[$chats]")]
        let before = try load(rule.merging(["sources.yaml": Self.sets]) { $1 }).version
        let after = try load(rule.merging(["sources.yaml": Self.sets.replacingOccurrences(of: "telegram.*", with: "signal.sigexport")]) { $1 }).version
        XCTAssertNotEqual(before, after)
    }
}
