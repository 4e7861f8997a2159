import StewardCore

/// Runs the examples a model file carries: each example's findings must give the expected total,
/// tier and (when listed) contributions. Used by `steward rules test` and the test suite.
public enum ModelExampleRunner {
    /// An example whose result differed from what the file expects, at the example's line.
    public struct Failure: Sendable, Hashable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        /// `rules/models/citizen-1000.yaml:120: example 'blood donor': expected total 1200, got 1000`
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// Every failing example of one model (empty when all pass).
    public static func run(_ model: ScoringModel) -> [Failure] {
        var failures: [Failure] = []
        for example in model.examples {
            let findings = example.findings.map { item in
                Finding(attribute: item.attribute, title: item.attribute, sensitivity: .behavioral,
                        confidence: item.confidence, count: item.count, firstSeen: nil, lastSeen: nil,
                        rules: item.ruleCounts.map { Array($0.keys).sorted() } ?? ["example"], sources: ["example"],
                        evidence: [], ruleCounts: item.ruleCounts)
            }
            let result = model.evaluate(findings)
            var problems: [String] = []
            if let total = example.total, result.total != total {
                problems.append("expected total \(total), got \(result.total.map(String.init) ?? "none")")
            }
            if result.tier != example.tier {
                problems.append("expected tier \(example.tier), got \(result.tier)")
            }
            if let expected = example.contributions {
                let fired = result.contributions.map(\.rule)
                if fired != expected {
                    problems.append("expected contributions [\(expected.joined(separator: ", "))], "
                        + "got [\(fired.joined(separator: ", "))]")
                }
            }
            if !problems.isEmpty {
                failures.append(Failure(file: model.file, line: example.line,
                                        message: "example '\(example.name)': " + problems.joined(separator: "; ")))
            }
        }
        return failures
    }

    /// Failures of all models, in model order.
    public static func run(_ models: [ScoringModel]) -> [Failure] {
        models.flatMap { run($0) }
    }
}
