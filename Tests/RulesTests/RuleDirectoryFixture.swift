import Foundation

/// A throwaway `rules/` directory written from inline text, removed when the test ends.
final class RuleDirectoryFixture {
    let root: String
    var rulesDirectory: String { root + "/rules" }

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
    """

    init(files: [String: String]) throws {
        root = NSTemporaryDirectory() + "steward-rules-\(UUID().uuidString)"
        var all = ["attributes.yaml": RuleDirectoryFixture.attributes, "lexicons/gambling.en.txt": "bet365\ncasino\n"]
        for (path, text) in files { all[path] = text }
        for (path, text) in all {
            let full = rulesDirectory + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }
}
