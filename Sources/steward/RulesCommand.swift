import ArgumentParser
import Foundation
import StewardPipeline

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, check and test the rule files.",
        discussion: """
            Example:
              steward rules lint --rules ./my-rules
            """,
        subcommands: [List.self, Test.self, Lint.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every rule and scoring model.",
            discussion: "Example:\n  steward rules list")
        @OptionGroup var rules: RulesOption
        func run() throws {
            let ruleset = try rules.load(keepingExamples: true)
            for line in RulesOverview.listing(ruleset) { print(line) }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every positive and negative example in the rule and model files.",
            discussion: "Example:\n  steward rules test --rules ./my-rules")
        @OptionGroup var rules: RulesOption
        func run() throws {
            let ruleset = try rules.load(keepingExamples: true)
            let result = RulesOverview.runExamples(ruleset)
            for failure in result.failures { print(failure) }
            print("\(result.passed) passed, \(result.failures.count) failed")
            if !result.failures.isEmpty { throw ExitCode(1) }
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate every rule, lexicon and model file; errors name file and line.",
            discussion: "Example:\n  steward rules lint")
        @OptionGroup var rules: RulesOption
        func run() throws {
            let ruleset = try rules.load(keepingExamples: true)
            try RuleTextsLoader.lint(ruleset)
            // One-word terms that are everyday words of another language (docs/rules.md, "Terms
            // that are words of another language"): each named with its file and line.
            // And terms made only of digits and the punctuation of dates and amounts ("-{n}"),
            // which match inside every date of every record (docs/rules.md, "Terms shaped like
            // numbers").
            // And terms that fold like an earlier term of the same list ("chomage" after
            // "chômage"; docs/rules.md, "Terms written twice").
            let traps = ruleset.termsThatAreWordsOfAnotherLanguage + ruleset.termsShapedLikeNumbers + ruleset.termsWrittenTwice
            for problem in traps { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
            if !traps.isEmpty { throw ExitCode(1) }
            print(RulesOverview.summary(ruleset))
        }
    }
}
