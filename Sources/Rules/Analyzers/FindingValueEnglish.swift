import Localization
import StewardCore

extension Finding {
    /// The English text of a value (`Finding.value`, kept for readers of the JSON report that
    /// know no keys), from the same catalog the reports use, so the two never differ.
    static func englishValue(_ parts: [FindingValuePart]) -> String {
        Localizer.english.findingValue(parts)
    }
}
