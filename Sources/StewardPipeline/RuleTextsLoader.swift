import Foundation
import Localization
import Rules
import Scoring
import StewardCore
import Yams
import RuleFileReading

/// The rules' texts in one language (docs/i18n.md): English from attributes.yaml and
/// models/*.yaml, the translation from translations/<lang>.yaml of the same rules folder
/// (built in or `--rules`), under the keys `RuleTexts` describes.
public enum RuleTextsLoader {
    /// Where the translation of the rules into `language` lives, relative to the rules folder.
    public static func translationPath(_ language: Language) -> String { "translations/\(language.rawValue).yaml" }

    /// English keys and texts of these attributes and models.
    public static func english(attributes: [Attribute], models: [ScoringModel]) -> [String: String] {
        var texts: [String: String] = [:]
        for attribute in attributes {
            texts[RuleTexts.attributeTitleKey(attribute.id)] = attribute.title
            texts[RuleTexts.attributeExplanationKey(attribute.id)] = attribute.explanation
        }
        for model in models {
            let m = "models.\(model.id)"
            texts[m + ".title"] = model.title
            if !model.description.isEmpty { texts[m + ".description"] = model.description }
            for (i, note) in model.notes.enumerated() { texts[m + ".notes.\(i)"] = note }
            for tier in model.tiers {
                let t = m + ".tiers.\(tier.name)"
                if let label = tier.label { texts[t + ".label"] = label }
                if let note = tier.note { texts[t + ".note"] = note }
                for (i, benefit) in tier.benefits.enumerated() { texts[t + ".benefits.\(i)"] = benefit }
                for (i, consequence) in tier.consequences.enumerated() { texts[t + ".consequences.\(i)"] = consequence }
            }
            for contribution in model.contributions {
                let c = m + ".contributions.\(contribution.id)"
                texts[c + ".reason"] = contribution.reason
                texts[c + ".source"] = contribution.source
                if let factor = contribution.factor { texts[c + ".factor"] = factor }
            }
        }
        return texts
    }

    /// The texts of a loaded rule set in `language` (English alone for `.en`). A translation
    /// file that is not valid YAML is a rule-file error with its line; a missing one means
    /// every text stays English.
    public static func load(_ ruleset: Ruleset, language: Language) throws(StewardError) -> RuleTexts {
        try load(files: ruleset.files, attributes: ruleset.rules.attributes, models: ruleset.models, language: language)
    }

    /// The same from rule files alone, without compiling their lexicons (for commands that
    /// only show a stored report): attributes.yaml and the models are read for their texts.
    public static func load(files: RuleFiles, language: Language) throws(StewardError) -> RuleTexts {
        let attributes = try attributeTexts(files)
        let models: [ScoringModel]
        do throws(RuleFileError) {
            models = try ScoringModel.loadAll(files: files, knownAttributes: Set(attributes.map(\.id)))
        } catch {
            throw .ruleFile(error)
        }
        return try load(files: files, attributes: attributes, models: models, language: language)
    }

    static func load(files: RuleFiles, attributes: [Attribute], models: [ScoringModel],
                     language: Language) throws(StewardError) -> RuleTexts {
        let english = english(attributes: attributes, models: models)
        guard language != .en else { return RuleTexts(english: english) }
        return RuleTexts(english: english, translated: try translation(files: files, language: language))
    }

    /// The translation file's texts (empty when the rules have none for `language`).
    public static func translation(files: RuleFiles, language: Language) throws(StewardError) -> [String: String] {
        let path = translationPath(language)
        guard let bytes = files.read(path) else { return [:] }
        do throws(CatalogError) {
            return try RuleTranslationFile.texts(String(decoding: bytes, as: UTF8.self), file: files.display(path))
        } catch {
            throw .ruleFile(RuleFileError(file: error.file, line: error.line ?? 1, error.message))
        }
    }

    /// The English texts as YAML, one `key: "text"` a line in key order: what
    /// rules/translations/source.en.yaml records (the English the translations were made from).
    public static func sourceSnapshot(_ english: [String: String]) -> String {
        var out = "# The English the translations in this folder were made from (docs/i18n.md, \"When English\n"
            + "# changes\"). Written by TranslationSourceTests; do not edit by hand.\n"
        for key in english.keys.sorted() {
            let text = english[key]!.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n")
            out += "\(key): \"\(text)\"\n"
        }
        return out
    }

    /// Every translation file of these rules checked against them (`steward rules lint`): a
    /// file that is not valid YAML, or that translates a text the rules do not have (an id
    /// renamed, a tier removed, a list grown shorter), is an error at its line.
    public static func lint(_ ruleset: Ruleset) throws(StewardError) {
        let english = english(attributes: ruleset.rules.attributes, models: ruleset.models)
        for language in Language.allCases where language != .en {
            let path = translationPath(language)
            guard let bytes = ruleset.files.read(path) else { continue }
            let entries: [String: (text: String, line: Int)]
            do throws(CatalogError) {
                entries = try RuleTranslationFile.entries(String(decoding: bytes, as: UTF8.self), file: ruleset.files.display(path))
            } catch {
                throw .ruleFile(RuleFileError(file: error.file, line: error.line ?? 1, error.message))
            }
            if let (key, entry) = entries.filter({ english[$0.key] == nil }).min(by: { $0.value.line < $1.value.line }) {
                throw .ruleFile(RuleFileError(file: ruleset.files.display(path), line: entry.line,
                                              "\(key): translates a text the rules do not have (renamed or removed?)"))
            }
        }
    }

    /// Ids, titles and explanations from attributes.yaml (its other keys are the loader's).
    private static func attributeTexts(_ files: RuleFiles) throws(StewardError) -> [Attribute] {
        let path = "attributes.yaml"
        guard let bytes = files.read(path) else { throw .rulesNotFound(searched: [files.location]) }
        let list: [Any]
        do {
            let root = try Yams.load(yaml: String(decoding: bytes, as: UTF8.self)) as? [String: Any]
            list = root?["attributes"] as? [Any] ?? []
        } catch {
            throw .ruleFile(RuleFileError(file: files.display(path), line: 1, "not valid YAML: \(error)"))
        }
        return list.compactMap { item in
            guard let entry = item as? [String: Any], let id = entry["id"] as? String else { return nil }
            return Attribute(id: id, title: entry["title"] as? String ?? id, sensitivity: .behavioral,
                             explanation: entry["explanation"] as? String ?? "")
        }
    }
}
