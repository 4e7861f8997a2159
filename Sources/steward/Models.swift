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

    func run() throws {
        let models = try rules.load().models
        print(json ? try ModelsOverview.json(models) : ModelsOverview.text(models), terminator: json ? "\n" : "")
    }
}
