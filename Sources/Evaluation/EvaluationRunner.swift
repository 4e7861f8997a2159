import Rules
import StewardCore

/// What the rules made of one case: the attributes that fired and, for each, the rules (or
/// analyzers) behind the finding.
public struct CaseOutcome: Sendable {
    public var evaluationCase: EvaluationCase
    /// Attribute id → ids of the rules and analyzers its finding names.
    public var fired: [String: [String]]
    /// Attribute id → excerpts of the records its finding shows as evidence.
    public var evidence: [String: [String]]

    public init(evaluationCase: EvaluationCase, fired: [String: [String]], evidence: [String: [String]] = [:]) {
        self.evaluationCase = evaluationCase
        self.fired = fired
        self.evidence = evidence
    }
}

/// Runs cases through the real matching path: each case in a fresh `InferenceSession` with the
/// whole rule set and its analyzers, exactly as a scan feeds the records of one person.
public enum EvaluationRunner {
    public static func run(_ cases: [EvaluationCase], ruleSet: RuleSet) -> [CaseOutcome] {
        cases.map { c in
            let session = InferenceSession(ruleSet: ruleSet)
            for event in c.events { session.process(event, path: c.origin) }
            var fired: [String: [String]] = [:]
            var evidence: [String: [String]] = [:]
            for finding in session.findings() {
                fired[finding.attribute] = finding.rules
                evidence[finding.attribute] = finding.evidence.map(\.excerpt)
            }
            return CaseOutcome(evaluationCase: c, fired: fired, evidence: evidence)
        }
    }
}
