/// CLDR plural categories for whole numbers (https://cldr.unicode.org, "Language Plural
/// Rules"): which form of a noun a count takes. A catalog entry with plural forms names the
/// categories its language uses; `other` is required in every language.
public enum PluralCategory: String, CaseIterable, Sendable, Hashable {
    case zero, one, two, few, many, other

    /// The category of the count `n` in `language`:
    /// - en, de, es: `one` for 1, else `other`;
    /// - fr: `one` for 0 and 1, else `other`;
    /// - ru: `one` for 1, 21, 31 … (not 11), `few` for 2–4, 22–24 … (not 12–14), `many` otherwise;
    /// - zh: always `other` (Chinese nouns do not change with the count).
    public static func of(_ n: Int, in language: Language) -> PluralCategory {
        let magnitude = n.magnitude
        switch language {
        case .en, .de, .es: return magnitude == 1 ? .one : .other
        case .fr: return magnitude <= 1 ? .one : .other
        case .ru:
            let (mod10, mod100) = (magnitude % 10, magnitude % 100)
            if mod10 == 1 && mod100 != 11 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        case .zh: return .other
        }
    }

    /// The categories a catalog entry with plural forms must give in `language`.
    public static func required(in language: Language) -> [PluralCategory] {
        switch language {
        case .en, .de, .es, .fr: return [.one, .other]
        case .ru: return [.one, .few, .many, .other]
        case .zh: return [.other]
        }
    }
}
