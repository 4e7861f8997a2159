/// The texts of the rules in use, in English and in one other language: attribute titles and
/// explanations, model names and descriptions, tier labels, benefits, consequences and notes,
/// and contribution reasons. English comes from attributes.yaml and models/*.yaml; the
/// translation from rules/translations/<lang>.yaml, which has the same shape (docs/i18n.md).
///
/// Both sides are flattened to the same dotted keys, so that a translation is found by what
/// it translates:
///
/// | key | text |
/// |---|---|
/// | `attributes.<id>.title`, `attributes.<id>.explanation` | an attribute |
/// | `models.<id>.title`, `models.<id>.description`, `models.<id>.notes.<i>` | a model |
/// | `models.<id>.tiers.<tier>.label`, `….note`, `….benefits.<i>`, `….consequences.<i>` | a tier |
/// | `models.<id>.contributions.<rule>.reason`, `….source`, `….factor` | a contribution |
public struct RuleTexts: Sendable {
    /// Key → English text.
    public private(set) var english: [String: String]
    /// Key → translated text (empty for English).
    public private(set) var translated: [String: String]
    /// Per model id, English text → its key: reports carry a model's texts as English strings,
    /// and this finds the key (and so the translation) of each.
    private var keysByModelText: [String: [String: String]]

    public init(english: [String: String] = [:], translated: [String: String] = [:]) {
        self.english = english
        self.translated = translated
        var index: [String: [String: String]] = [:]
        for (key, text) in english where key.hasPrefix("models.") {
            guard let model = RuleTexts.modelId(inKey: key) else { continue }
            // The first key in key order wins when a model repeats a text, so lookups are stable.
            if let existing = index[model]?[text], existing < key { continue }
            index[model, default: [:]][text] = key
        }
        keysByModelText = index
    }

    public static let empty = RuleTexts()

    public static func attributeTitleKey(_ id: String) -> String { "attributes.\(id).title" }
    public static func attributeExplanationKey(_ id: String) -> String { "attributes.\(id).explanation" }
    public static func modelTitleKey(_ id: String) -> String { "models.\(id).title" }
    public static func modelDescriptionKey(_ id: String) -> String { "models.\(id).description" }
    public static func tierLabelKey(model: String, tier: String) -> String { "models.\(model).tiers.\(tier).label" }
    public static func contributionReasonKey(model: String, rule: String) -> String { "models.\(model).contributions.\(rule).reason" }
    public static func contributionSourceKey(model: String, rule: String) -> String { "models.\(model).contributions.\(rule).source" }

    /// The translation of `key`, else its English text, else nil.
    public func text(_ key: String) -> String? { translated[key] ?? english[key] }

    /// The translation of one of model `model`'s English texts (a benefit, consequence, note or
    /// reason as a report carries it), or the text itself when it has none.
    public func modelText(_ model: String, _ englishText: String) -> String {
        guard let key = keysByModelText[model]?[englishText] else { return englishText }
        return translated[key] ?? englishText
    }

    /// English keys with no translation, sorted (for the completeness test and docs/i18n.md).
    public var missing: [String] { english.keys.filter { translated[$0] == nil }.sorted() }

    /// Translated keys that translate nothing (a renamed attribute, a removed tier), sorted.
    public var orphaned: [String] { translated.keys.filter { english[$0] == nil }.sorted() }

    /// `models.<id>.…` → `<id>` (model ids have no dots).
    static func modelId(inKey key: String) -> String? {
        let parts = key.split(separator: ".", maxSplits: 2)
        return parts.count >= 2 ? String(parts[1]) : nil
    }
}
