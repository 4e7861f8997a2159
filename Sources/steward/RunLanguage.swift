import ArgumentParser
import Foundation
import Localization
import StewardPipeline

/// The language of this run (docs/i18n.md, "How the language is chosen"): `--lang` anywhere on
/// the command line, else LC_ALL, LC_MESSAGES or LANG. Chosen once, before the arguments are
/// parsed, so that even an error about the arguments speaks it.
enum RunLanguage {
    static let language: Language = {
        let explicit = langArgument(in: Array(CommandLine.arguments.dropFirst()))
        // An unknown --lang value is reported by LanguageOption.validate (in English, as the
        // language it names does not exist); everything before that is English too.
        return (try? Language.choose(explicit: explicit, environment: ProcessInfo.processInfo.environment)) ?? .en
    }()

    /// steward's own strings in this run's language (no rule texts).
    static let messages = Localizer(language)

    /// The value of the last `--lang X` or `--lang=X` before a `--` that ends the options.
    static func langArgument(in arguments: [String]) -> String? {
        var value: String?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--lang", index + 1 < arguments.count {
                value = arguments[index + 1]
                index += 1
            } else if argument.hasPrefix("--lang=") {
                value = String(argument.dropFirst("--lang=".count))
            }
            index += 1
        }
        return value
    }

    /// This run's localizer with the texts of `ruleset` (titles, tiers, consequences …).
    static func localizer(ruleset: Ruleset) throws -> Localizer {
        // English too: explanations and model texts live in the rules, not in the catalog.
        return Localizer(language, ruleTexts: try RuleTextsLoader.load(ruleset, language: language))
    }

    /// The same for commands that show a stored report without loading rules: the texts come
    /// from `--rules`, $STEWARD_RULES or the built-in rules, read without their lexicons.
    static func localizer(rulesDirectory: String?) throws -> Localizer {
        guard language != .en else { return messages }
        return Localizer(language, ruleTexts: try RuleTextsLoader.load(files: try RulesLocator.find(explicit: rulesDirectory),
                                                                        language: language))
    }
}

/// `t("key")` for the CLI's own messages in this run's language.
let t = RunLanguage.messages

/// `--lang`, on every command that prints a report or messages.
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Language of reports and messages: \(Language.allCases.map(\.rawValue).joined(separator: ", ")) (default: from LC_ALL, LC_MESSAGES or LANG, else en).",
        valueName: "code"))
    var lang: String?

    func validate() throws {
        if let lang, Language(localeName: lang) == nil {
            throw ValidationError(LanguageError.unknown(lang).description)
        }
    }
}
