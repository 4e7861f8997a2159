import ArgumentParser
import Foundation
import StewardPipeline

struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the scoring models: their tiers, sources, and what each contribution reads.",
        discussion: """
            Every contribution names the attribute it reads, its basis (documented, reported or
            illustrative) and its source. docs/scoring.md describes each model.

            Examples:
              steward models
              steward models --json
            """)

    @Flag(name: .long, help: "Print as JSON.")
    var json = false

    @OptionGroup var rules: RulesOption
    @OptionGroup var language: LanguageOption

    func run() throws {
        let ruleset = try rules.load()
        let models = ruleset.models
        // JSON stays English: ids and texts as the model files have them (docs/i18n.md).
        let text = json ? try ModelsOverview.json(models) : ModelsOverview.text(models, localizer: try RunLanguage.localizer(ruleset: ruleset))
        print(text, terminator: json ? "\n" : "")
    }
}
