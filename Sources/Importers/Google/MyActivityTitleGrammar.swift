/// How Google words a My Activity `title` in each language: "Searched for X", "Watched X",
/// "Visited X". The verb is part of the title text, localized to the account's language
/// (German puts it after the object: "X aufgerufen"). Only wordings seen in real exports are
/// listed; docs/formats/google.md names the evidence for each. A title that matches none is
/// kept whole as an `.activity` event, so an unknown language loses the kind, never the record.
struct MyActivityTitleGrammar {
    enum Action { case search, watch, visit, view }

    struct Pattern {
        let action: Action
        let prefix: String?
        let suffix: String?
        let language: String
    }

    /// Checked in order; longer, more specific wordings first.
    static let patterns: [Pattern] = [
        // English: Takeout samples (dogsheep/google-takeout-to-sqlite) and public exports.
        Pattern(action: .search, prefix: "Searched for ", suffix: nil, language: "en"),
        Pattern(action: .watch, prefix: "Watched ", suffix: nil, language: "en"),
        Pattern(action: .visit, prefix: "Visited ", suffix: nil, language: "en"),
        // German: "Gesucht nach: …", "… aufgerufen", "… angesehen" (test fixtures of a
        // data-donation script built from real German Takeout files).
        Pattern(action: .search, prefix: "Gesucht nach: ", suffix: nil, language: "de"),
        Pattern(action: .visit, prefix: nil, suffix: " aufgerufen", language: "de"),
        Pattern(action: .view, prefix: nil, suffix: " angesehen", language: "de"),
        // French: "Vous avez recherché …" (YouTube search-history.json).
        Pattern(action: .search, prefix: "Vous avez recherché ", suffix: nil, language: "fr"),
        // Spanish: "Has visto …" (YouTube watch-history.json), "Buscaste …" (Search).
        Pattern(action: .watch, prefix: "Has visto ", suffix: nil, language: "es"),
        Pattern(action: .search, prefix: "Buscaste ", suffix: nil, language: "es"),
    ]

    /// The action and the object of the title ("Searched for cats" → (.search, "cats")).
    static func classify(_ title: String) -> (action: Action, object: String)? {
        for pattern in patterns {
            var rest = Substring(title)
            if let prefix = pattern.prefix {
                guard rest.hasPrefix(prefix) else { continue }
                rest = rest.dropFirst(prefix.count)
            }
            if let suffix = pattern.suffix {
                guard rest.hasSuffix(suffix) else { continue }
                rest = rest.dropLast(suffix.count)
            }
            guard !rest.isEmpty else { continue }
            return (pattern.action, String(rest))
        }
        return nil
    }
}
