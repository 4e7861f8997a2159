import StewardCore

/// A rule example that did not behave as its rule file says.
public struct RuleExampleFailure: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `rules/signals/finance/gambling.yaml:41: positive example did not fire rule …`
    public var description: String { "\(file):\(line): \(message)" }
}

/// Runs every example of every rule: a positive example must produce its rule's finding with
/// the example's record among the evidence; a negative one must not make the rule fire. Each example runs in a
/// fresh session with the whole rule set, as a scan would.
public enum RuleExampleRunner {
    public static func run(_ ruleSet: RuleSet) -> [RuleExampleFailure] {
        var failures: [RuleExampleFailure] = []
        for rule in ruleSet.rules {
            for example in rule.examples {
                if let message = check(example, of: rule, in: ruleSet) {
                    failures.append(RuleExampleFailure(file: example.file, line: example.line, message: message))
                }
            }
        }
        for analyzer in ruleSet.analyzers { failures += analyzer.exampleFailures(ruleSet: ruleSet) }
        return failures
    }

    /// The examples of one rule or analyzer file (`rules/signals/…` or `rules/analyzers/…`,
    /// as in `SignalRule.file`), so a test per file reports that file's failures alone.
    public static func run(_ ruleSet: RuleSet, file: String) -> [RuleExampleFailure] {
        var failures: [RuleExampleFailure] = []
        for rule in ruleSet.rules where rule.file == file {
            for example in rule.examples {
                if let message = check(example, of: rule, in: ruleSet) {
                    failures.append(RuleExampleFailure(file: example.file, line: example.line, message: message))
                }
            }
        }
        for analyzer in ruleSet.analyzers where analyzer.file == file { failures += analyzer.exampleFailures(ruleSet: ruleSet) }
        return failures
    }

    /// Every file that carries examples: rule files, then analyzer files.
    public static func exampleFiles(_ ruleSet: RuleSet) -> [String] {
        var files: [String] = []
        for file in ruleSet.rules.map(\.file) + ruleSet.analyzers.map(\.file) where !files.contains(file) { files.append(file) }
        return files
    }

    /// Number of examples `run` checks.
    public static func exampleCount(_ ruleSet: RuleSet) -> Int {
        ruleSet.rules.reduce(0) { $0 + $1.examples.count } + ruleSet.analyzers.reduce(0) { $0 + $1.exampleCount }
    }

    private static func check(_ example: RuleExample, of rule: SignalRule, in ruleSet: RuleSet) -> String? {
        let session = InferenceSession(ruleSet: ruleSet)
        let path = "\(example.file) example"
        for event in example.events { session.process(event, path: path) }
        let finding = session.findings().first { $0.attribute == rule.attribute }
        let fired = finding?.rules.contains(rule.id) ?? false
        if example.isPositive {
            guard fired, let finding else { return "positive example did not fire rule \(rule.id)" }
            // Evidence of a record matched by two rules of one attribute names only one of them,
            // so check the records: the finding must show at least one of the example's events.
            let locators = Set(example.events.map { $0.position.description })
            guard finding.evidence.contains(where: { locators.contains($0.locator) }) else {
                return "positive example fired rule \(rule.id) but its finding shows none of the example's events as evidence"
            }
            return nil
        }
        return fired ? "negative example fired rule \(rule.id)" : nil
    }
}
