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
/// evidence from that rule; a negative one must not make the rule fire. Each example runs in a
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
        return failures
    }

    /// Number of examples `run` checks.
    public static func exampleCount(_ ruleSet: RuleSet) -> Int {
        ruleSet.rules.reduce(0) { $0 + $1.examples.count }
    }

    private static func check(_ example: RuleExample, of rule: SignalRule, in ruleSet: RuleSet) -> String? {
        let session = InferenceSession(ruleSet: ruleSet)
        let path = "\(example.file) example"
        for event in example.events { session.process(event, path: path) }
        let finding = session.findings().first { $0.attribute == rule.attribute }
        let fired = finding?.rules.contains(rule.id) ?? false
        if example.isPositive {
            guard fired, let finding else { return "positive example did not fire rule \(rule.id)" }
            guard finding.evidence.contains(where: { $0.rule == rule.id }) else {
                return "positive example fired rule \(rule.id) but its finding shows no evidence from it"
            }
            return nil
        }
        return fired ? "negative example fired rule \(rule.id)" : nil
    }
}
