/// Everything a report or message needs to speak one language (docs/i18n.md):
///
/// ```swift
/// let t = Localizer(.de, ruleTexts: texts)
/// t("report.findings.heading", ["count": t.number(3)])   // "BEFUNDE (3)"
/// t.plural("count.records", 9532)                      // "9.532 Datensätze"
/// t.attributeTitle("finance.loans")                    // "Kredite"
/// t.number(1234.5, fractionDigits: 1)                  // "1.234,5"
/// t.date("2024-03-05")                                 // "05.03.2024"
/// ```
///
/// A key the language's catalog lacks is looked up in English; a key English lacks too is
/// returned as it is, so a missing string is visible but never fatal.
public struct Localizer: Sendable {
    public let language: Language
    public let ruleTexts: RuleTexts
    private let catalog: Catalog
    private let english: Catalog
    public let numberStyle: NumberStyle

    public init(_ language: Language, ruleTexts: RuleTexts = .empty) {
        self.init(language, catalog: ProgramCatalogs.catalog(language), english: ProgramCatalogs.catalog(.en),
                  ruleTexts: ruleTexts)
    }

    /// With catalogs given (tests, or a catalog not compiled in).
    public init(_ language: Language, catalog: Catalog, english: Catalog, ruleTexts: RuleTexts = .empty) {
        self.language = language
        self.catalog = catalog
        self.english = english
        self.ruleTexts = ruleTexts
        self.numberStyle = .of(language)
    }

    /// English, with the built-in English catalog and no rule texts: what reports used before
    /// there were languages.
    public static let english = Localizer(.en)

    // MARK: steward's own strings

    /// The text of `key` with `{name}` placeholders filled from `arguments`.
    public func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        let entry = catalog.entries[key] ?? english.entries[key]
        let template: String
        switch entry {
        case .text(let text)?: template = text
        case .plural(let forms)?: template = forms[.other] ?? key
        case nil: template = key
        }
        return Localizer.fill(template, arguments)
    }

    /// The form of `key` for `count` (`{count}` is the count in this language's digits), with
    /// the other placeholders from `arguments`.
    public func plural(_ key: String, _ count: Int, _ arguments: [String: String] = [:]) -> String {
        var filled = arguments
        if filled["count"] == nil { filled["count"] = number(count) }
        return Localizer.fill(pluralTemplate(key, count), filled)
    }

    /// The translation of an English text that some part of steward writes as English (such
    /// as what a known companion file of an export is) and the catalog holds under a key
    /// starting with `prefix`; the text itself when no such key has it. Matching by the English
    /// text keeps stored scans, which hold the English, readable in every language.
    public func translation(ofEnglish text: String, keyPrefix prefix: String) -> String {
        for (key, entry) in english.entries where key.hasPrefix(prefix) {
            guard case .text(let englishText) = entry, englishText == text else { continue }
            return self(key)
        }
        return text
    }

    /// True when the language's own catalog has `key` (English fallback not counted).
    public func has(_ key: String) -> Bool { catalog.entries[key] != nil }

    private func pluralTemplate(_ key: String, _ count: Int) -> String {
        if case .plural(let forms)? = catalog.entries[key] {
            return forms[PluralCategory.of(count, in: language)] ?? forms[.other] ?? key
        }
        if case .text(let text)? = catalog.entries[key] { return text }
        switch english.entries[key] {
        case .plural(let forms)?: return forms[PluralCategory.of(count, in: .en)] ?? forms[.other] ?? key
        case .text(let text)?: return text
        case nil: return key
        }
    }

    /// `{name}` replaced by `arguments["name"]`; unknown placeholders are left as they are.
    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard !arguments.isEmpty, template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = arguments[name] { out += value } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    // MARK: the rules' texts

    /// An attribute's title (`Borrowing`), or its id when the rules in use do not know it.
    public func attributeTitle(_ id: String) -> String {
        ruleTexts.text(RuleTexts.attributeTitleKey(id)) ?? id
    }

    /// An attribute's explanation, nil when the rules have none.
    public func attributeExplanation(_ id: String) -> String? {
        ruleTexts.text(RuleTexts.attributeExplanationKey(id))
    }

    /// A model's name (`Municipal citizen score`), or its id.
    public func modelName(_ id: String) -> String {
        ruleTexts.text(RuleTexts.modelTitleKey(id)) ?? id
    }

    /// A model's description, nil when the rules have none.
    public func modelDescription(_ id: String) -> String? {
        ruleTexts.text(RuleTexts.modelDescriptionKey(id))
    }

    /// A tier's label (`exemplary` for citizen-1000's AAA), nil when the tier has none.
    public func tier(_ modelId: String, _ tierId: String) -> String? {
        ruleTexts.text(RuleTexts.tierLabelKey(model: modelId, tier: tierId))
    }

    /// A contribution's reason, nil when the rules have none.
    public func contributionReason(_ modelId: String, _ ruleId: String) -> String? {
        ruleTexts.text(RuleTexts.contributionReasonKey(model: modelId, rule: ruleId))
    }

    /// One of a model's texts as a report carries it (a benefit, consequence, note or reason in
    /// English), translated when the translation file has it.
    public func modelText(_ modelId: String, _ english: String) -> String {
        ruleTexts.modelText(modelId, english)
    }

    // MARK: numbers and dates

    /// `9532` as this language writes it: `9,532`, `9.532`, `9 532`.
    public func number(_ value: Int) -> String { numberStyle.format(value) }

    /// `1234.5` with `fractionDigits` digits: `1,234.5`, `1.234,5`, `1 234,5`.
    public func number(_ value: Double, fractionDigits: Int) -> String {
        numberStyle.format(value, fractionDigits: fractionDigits)
    }

    /// An ISO date or date-time from a report in this language's form (`DateStyle`).
    public func date(_ iso: String) -> String { DateStyle.format(iso, in: language) }
}
