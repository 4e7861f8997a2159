/// The figures of one group of cases: overall, per attribute, per language and per rule, and
/// every error. Each (case, attribute) pair counts once: an attribute the case's truth names is
/// a true positive when it fired and a false negative when not; any other attribute that fired
/// is a false positive.
public struct EvaluationScore: Sendable {
    /// One wrong (case, attribute) pair.
    public struct CaseError: Sendable, Equatable {
        public enum Kind: String, Sendable { case falsePositive = "FP", falseNegative = "FN" }
        public var kind: Kind
        public var attribute: String
        public var caseId: String
        public var language: String
        public var form: String
        public var origin: String
        public var summary: String
        public var note: String?
        /// For a false positive: the rules that fired it. For a false negative: the attributes
        /// that fired instead (`attribute: rules`), if any.
        public var fired: [String]
    }

    public var caseCount = 0
    public var overall = EvaluationTally()
    public var byAttribute: [String: EvaluationTally] = [:]
    public var byLanguage: [String: EvaluationTally] = [:]
    /// Per rule or analyzer: TP when it fired an attribute the case's truth names, FP otherwise.
    public var byRule: [String: EvaluationTally] = [:]
    /// Look-alike cases whose forbidden attribute fired.
    public var lookAlikesFiring: [String] = []
    /// Their number per language.
    public var lookAlikesFiringByLanguage: [String: Int] = [:]
    public var errors: [CaseError] = []

    public init(_ outcomes: [CaseOutcome]) {
        for outcome in outcomes { add(outcome) }
    }

    private mutating func add(_ outcome: CaseOutcome) {
        let c = outcome.evaluationCase
        caseCount += 1
        let fired = Set(outcome.fired.keys)
        for attribute in c.truth.union(fired).sorted() {
            var tally = EvaluationTally()
            let expected = c.truth.contains(attribute), got = fired.contains(attribute)
            if expected && got {
                tally.truePositives = 1
            } else if got {
                tally.falsePositives = 1
                // A person has many records: show the ones behind the wrong finding.
                let summary = c.group == .person ? (outcome.evidence[attribute] ?? []).prefix(3).joined(separator: " | ") : c.summary
                errors.append(CaseError(kind: .falsePositive, attribute: attribute, caseId: c.id, language: c.language,
                                        form: c.form, origin: c.origin, summary: summary, note: c.note,
                                        fired: outcome.fired[attribute] ?? []))
            } else {
                tally.falseNegatives = 1
                let instead = outcome.fired.keys.sorted().map { "\($0): \(outcome.fired[$0]!.joined(separator: ", "))" }
                let summary = c.group == .person ? "none of the person's \(c.events.count) records produced it" : c.summary
                errors.append(CaseError(kind: .falseNegative, attribute: attribute, caseId: c.id, language: c.language,
                                        form: c.form, origin: c.origin, summary: summary, note: c.note,
                                        fired: c.group == .person ? [] : instead))
            }
            overall += tally
            byAttribute[attribute, default: EvaluationTally()] += tally
            byLanguage[c.language, default: EvaluationTally()] += tally
            if got {
                for rule in outcome.fired[attribute] ?? [] {
                    byRule[rule, default: EvaluationTally()] += EvaluationTally(truePositives: expected ? 1 : 0,
                                                                                 falsePositives: expected ? 0 : 1)
                }
            }
        }
        if let forbidden = c.mustNot, fired.contains(forbidden) {
            lookAlikesFiring.append(c.id)
            lookAlikesFiringByLanguage[c.language, default: 0] += 1
        }
    }

    /// Errors grouped by kind, attribute and record form, largest first (ties by name): where
    /// the rules fail most.
    public var largestErrorGroups: [(group: String, count: Int)] {
        var counts: [String: Int] = [:]
        for e in errors { counts["\(e.kind.rawValue) \(e.attribute) via \(e.form.hasPrefix("card:") ? "card" : e.form)", default: 0] += 1 }
        return counts.map { (group: $0.key, count: $0.value) }.sorted { ($1.count, $0.group) < ($0.count, $1.group) }
    }
}
