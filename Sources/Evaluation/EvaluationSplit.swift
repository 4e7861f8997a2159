/// The two halves of the evaluation set (docs/rules.md, "Evaluation"): rules are tuned looking
/// at `dev` errors only, and `holdout` measures what the tuning did on cases nobody looked at.
/// A case's side is a fixed function of its words (`EvaluationCase.splitKey`), so it is the
/// same on every machine and for every seed.
public enum EvaluationSplit: String, Sendable, CaseIterable {
    case dev
    case holdout
    /// Both halves.
    case all

    /// The half a case belongs to (never `.all`).
    public static func side(of evaluationCase: EvaluationCase) -> EvaluationSplit {
        // FNV-1a is stable across processes (Swift's Hasher is seeded per run); its low bits
        // are weak on short, similar texts, so the decision takes a mixed high bit.
        var hash = EvaluationCaseGenerator.stableHash(evaluationCase.splitKey)
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash >> 63 == 0 ? .dev : .holdout
    }

    /// Whether the case is part of this split.
    public func contains(_ evaluationCase: EvaluationCase) -> Bool {
        self == .all || Self.side(of: evaluationCase) == self
    }
}
