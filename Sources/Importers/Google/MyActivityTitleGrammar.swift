/// How Google words a My Activity `title` in each language: "Searched for X", "Watched X",
/// "Visited X". The verb is part of the title text, localized to the account's language
/// (German puts it after the object: "X aufgerufen"). Only wordings seen in real exports are
/// listed; docs/formats/google.md names the evidence for each. A title that matches none is
/// kept whole as an `.activity` event, so an unknown language loses the kind, never the record.
struct MyActivityTitleGrammar {
    enum Action { case search, watch, visit, view, prompt }

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
        // Gemini Apps (formerly Bard): "Prompted …" is what the person typed or said to the
        // assistant. English wording from Gemini Takeout parsers' fixtures and notes on real
        // exports; "Used …", "Created …", "Gave feedback: …" are not prompts and stay activity.
        Pattern(action: .prompt, prefix: "Prompted ", suffix: nil, language: "en"),
    ]

    /// The action and the object of the title ("Searched for cats" → (.search, "cats")).
    /// Compares UTF-8 bytes, not Characters: this runs once per record on the hot path, and the
    /// verbs are fixed strings Google writes in NFC.
    static func classify(_ title: String) -> (action: Action, object: String)? {
        var title = title
        return title.withUTF8 { bytes in
            for pattern in compiled {
                var start = 0
                var end = bytes.count
                if !pattern.prefix.isEmpty {
                    guard end >= pattern.prefix.count,
                          memcmpEqual(bytes, at: 0, pattern.prefix) else { continue }
                    start = pattern.prefix.count
                }
                if !pattern.suffix.isEmpty {
                    guard end - start >= pattern.suffix.count,
                          memcmpEqual(bytes, at: end - pattern.suffix.count, pattern.suffix) else { continue }
                    end -= pattern.suffix.count
                }
                guard end > start else { continue }
                let object = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                return (pattern.action, object)
            }
            return nil
        }
    }

    private struct CompiledPattern {
        let action: Action
        let prefix: [UInt8]
        let suffix: [UInt8]
    }

    private static let compiled: [CompiledPattern] = patterns.map {
        CompiledPattern(action: $0.action, prefix: Array(($0.prefix ?? "").utf8), suffix: Array(($0.suffix ?? "").utf8))
    }

    private static func memcmpEqual(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, _ needle: [UInt8]) -> Bool {
        for k in 0..<needle.count where bytes[offset + k] != needle[k] { return false }
        return true
    }
}
