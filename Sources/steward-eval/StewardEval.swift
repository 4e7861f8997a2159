import ArgumentParser
import BuiltInRules
import Evaluation
import Foundation
import Rules
import StewardPipeline

/// `steward-eval` (`make eval`): measures the rules on the labelled evaluation set under
/// `eval/` (docs/rules.md, "Evaluation"). A measurement, not a test: it exits non-zero only
/// when asked to hold a threshold.
extension EvaluationSplit: ExpressibleByArgument {}

@main
struct StewardEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steward-eval",
        abstract: "Precision, recall and F1 of the rules on the labelled evaluation set, with every error.")

    @Option(name: .customLong("rules"), help: "Rules folder (default: $STEWARD_RULES, then the rules built into this binary; `make eval` passes rules/).")
    var rulesDirectory: String?

    @Option(name: .customLong("cases"), help: "Evaluation data folder.")
    var casesDirectory = "eval"

    @Option(help: "Seed of the case generator.")
    var seed: UInt64 = EvaluationCaseGenerator.defaultSeed

    @Option(help: "Which half of the set: dev (tune rules looking at these errors), holdout (measure only; never tune on its errors) or all.")
    var split: EvaluationSplit = .all

    @Option(help: "Errors to list: a number or 'all'.")
    var errors = "all"

    @Option(name: .customLong("require-f1"), help: "Exit 1 when the overall F1 of the single-record cases is below this.")
    var requiredF1: Double?

    @Option(name: .customLong("require-precision"), help: "Exit 1 when their overall precision is below this.")
    var requiredPrecision: Double?

    @Option(name: .customLong("require-recall"), help: "Exit 1 when their overall recall is below this.")
    var requiredRecall: Double?

    @Option(name: .customLong("require-attribute-f1"), help: "Exit 1 when any attribute's F1 is below this.")
    var requiredAttributeF1: Double?

    @Option(name: .customLong("max-look-alikes-firing"), help: "Exit 1 when more look-alikes than this produce the attribute they must not.")
    var maxLookAlikesFiring: Int?

    private var thresholds: EvaluationThresholds {
        EvaluationThresholds(f1: requiredF1, precision: requiredPrecision, recall: requiredRecall,
                             attributeF1: requiredAttributeF1, maxLookAlikesFiring: maxLookAlikesFiring)
    }

    func validate() throws {
        guard errors == "all" || Int(errors).map({ $0 >= 0 }) == true else {
            throw ValidationError("--errors takes a number or 'all', got '\(errors)'")
        }
        for (flag, value) in [("--require-f1", requiredF1), ("--require-precision", requiredPrecision),
                              ("--require-recall", requiredRecall), ("--require-attribute-f1", requiredAttributeF1)] {
            if let value, !(0...1).contains(value) { throw ValidationError("\(flag) must be between 0 and 1") }
        }
        if let maxLookAlikesFiring, maxLookAlikesFiring < 0 { throw ValidationError("--max-look-alikes-firing must be 0 or more") }
    }

    func run() throws {
        let ruleSet: RuleSet
        let cases: [EvaluationCase]
        do {
            let directory = try RulesLocator.find(explicit: rulesDirectory)
            ruleSet = try RuleSet.load(files: directory, lexiconImage: BuiltInRuleSet.lexiconImage)
            let everyCase = try EvaluationCaseGenerator.generate(directory: casesDirectory, seed: seed)
            try EvaluationCaseGenerator.validate(everyCase, attributes: Set(ruleSet.attributes.map(\.id)))
            cases = everyCase.filter(split.contains)
        } catch {
            FileHandle.standardError.write(Data("steward-eval: \(error)\n".utf8))
            throw ExitCode(2)
        }
        var confidence: [String: Double] = [:]
        for rule in ruleSet.rules { confidence[rule.id] = rule.confidence }
        var report = EvaluationReport(outcomes: EvaluationRunner.run(cases, ruleSet: ruleSet), seed: seed,
                                      statedConfidence: confidence)
        report.split = split
        print(report.render(errorLimit: Int(errors)), terminator: "")
        let violations = thresholds.violations(of: report.cases)
        for line in violations { FileHandle.standardError.write(Data("steward-eval: \(line)\n".utf8)) }
        if !violations.isEmpty { throw ExitCode(1) }
    }
}
