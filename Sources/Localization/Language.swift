/// The languages steward speaks (docs/i18n.md). English is the source language: every other
/// catalog translates it, and any string a catalog lacks is shown in English.
public enum Language: String, CaseIterable, Sendable, Hashable {
    case en, de, fr, es, ru, zh

    /// The language's name in itself, for `--lang` help and docs.
    public var nativeName: String {
        switch self {
        case .en: return "English"
        case .de: return "Deutsch"
        case .fr: return "Français"
        case .es: return "Español"
        case .ru: return "Русский"
        case .zh: return "中文"
        }
    }

    /// The environment variables that name the messages language, in POSIX precedence: the
    /// first one set to a non-empty value decides, even when steward does not speak it.
    public static let environmentVariables = ["LC_ALL", "LC_MESSAGES", "LANG"]

    /// A language from a `--lang` value or a POSIX locale name: `de`, `de_DE.UTF-8`,
    /// `zh_CN`, `zh_TW`, `zh-Hans`, `fr_CA@euro`; `C` and `POSIX` are English. Nil for a
    /// language steward does not have.
    public init?(localeName: String) {
        var name = Substring(localeName.trimmingSpaces)
        if let at = name.firstIndex(of: "@") { name = name[..<at] }
        if let dot = name.firstIndex(of: ".") { name = name[..<dot] }
        if name == "C" || name == "POSIX" { self = .en; return }
        let code = name.prefix { $0 != "_" && $0 != "-" }.lowercased()
        guard let language = Language(rawValue: code) else { return nil }
        self = language
    }

    /// The language a command speaks: `--lang` when given (an unknown value is an error, so a
    /// typo is never silently English), else the first of LC_ALL, LC_MESSAGES and LANG that is
    /// set, else English. A locale steward has no catalog for gives English.
    public static func choose(explicit: String?, environment: [String: String]) throws(LanguageError) -> Language {
        if let explicit {
            guard let language = Language(localeName: explicit) else { throw LanguageError.unknown(explicit) }
            return language
        }
        for variable in environmentVariables {
            guard let value = environment[variable], !value.trimmingSpaces.isEmpty else { continue }
            return Language(localeName: value) ?? .en
        }
        return .en
    }
}

/// A `--lang` value steward has no catalog for.
public enum LanguageError: Error, Equatable, CustomStringConvertible {
    case unknown(String)

    public var description: String {
        switch self {
        case .unknown(let value):
            return "--lang \(value): no such language (available: \(Language.allCases.map(\.rawValue).joined(separator: ", ")))"
        }
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
