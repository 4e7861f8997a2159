import Localization
import Rules
import StewardCore

/// The English catalog's writer of analyzers' values, as the scan pipeline gives it to the rules
/// (`RuleSet.findingValueText`).
let englishFindingValues: FindingValueText = { Localizer.english.findingValue($0) }

extension Finding {
    /// The value as a scan writes it: an analyzer read directly, outside an inference session,
    /// leaves `value` to the session and gives only its parts.
    var englishValue: String? { valueParts.map { Localizer.english.findingValue($0) } ?? value }
}
