import Rules
import Scoring

/// What `steward rules list|test|lint` print, computed here so it is testable without a process.
public enum RulesOverview {
    public static func listing(_ ruleset: Ruleset) -> [String] {
        var lines = ruleset.rules.rules.map { "\($0.id)\t\($0.attribute)\t\($0.file)" }
        lines += ruleset.rules.analyzers.map { "analyzer \($0.id)\t\($0.attributes.joined(separator: ","))\t\($0.file)" }
        lines += ruleset.models.map { "model \($0.id)\t\($0.title)" }
        return lines
    }

    /// Runs every rule example and every model example.
    public static func runExamples(_ ruleset: Ruleset) -> (passed: Int, failures: [String]) {
        let failures = RuleExampleRunner.run(ruleset.rules).map(\.description)
            + ModelExampleRunner.run(ruleset.models).map(\.description)
        let total = RuleExampleRunner.exampleCount(ruleset.rules) + ruleset.models.reduce(0) { $0 + $1.examples.count }
        return (max(0, total - failures.count), failures)
    }

    public static func summary(_ ruleset: Ruleset) -> String {
        "rules OK: \(ruleset.rules.attributes.count) attributes, \(ruleset.rules.rules.count) rules, "
            + "\(ruleset.rules.analyzers.count) analyzers, "
            + "\(ruleset.models.count) scoring models (rules version \(ruleset.rules.version))"
    }
}
