import StewardCore

/// A finding's value (`FindingValuePart`s) in words (docs/i18n.md, "Values of findings").
extension Localizer {
    /// The parts in this language, joined by `value.separator` (`; ` in English).
    public func findingValue(_ parts: [FindingValuePart]) -> String {
        parts.map(findingValuePart).joined(separator: self("value.separator"))
    }

    /// One part: its key's text with each argument written as this language writes it; a key
    /// with plural forms takes its form from the argument `count`.
    public func findingValuePart(_ part: FindingValuePart) -> String {
        var filled: [String: String] = [:]
        for (name, argument) in part.arguments { filled[name] = text(of: argument) }
        if case .integer(let count)? = part.arguments["count"] {
            return plural(part.key, count, filled)
        }
        return self(part.key, filled)
    }

    private func text(of argument: FindingValueArgument) -> String {
        switch argument {
        case .integer(let value): return number(value)
        case .decimal(let value, let digits): return number(value, fractionDigits: digits)
        case .text(let value): return value
        case .unit(let name):
            let key = "unit." + name.replacingOccurrences(of: " ", with: "_")
            let translated = self(key)
            return translated == key ? name : translated
        case .list(let parts): return parts.map(findingValuePart).joined(separator: self("list.separator"))
        }
    }
}
