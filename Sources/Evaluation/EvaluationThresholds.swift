/// What `steward-eval --require-…` holds the single-record figures to (issue 8's "done when":
/// recall ≥ 0.95, precision ≥ 0.98, no attribute below 0.85, no look-alike firing). Unset
/// thresholds are not checked.
public struct EvaluationThresholds: Sendable, Equatable {
    public var f1: Double?
    public var precision: Double?
    public var recall: Double?
    /// Every attribute's F1 (attributes that were neither expected nor fired have none).
    public var attributeF1: Double?
    public var maxLookAlikesFiring: Int?

    public init(f1: Double? = nil, precision: Double? = nil, recall: Double? = nil,
                attributeF1: Double? = nil, maxLookAlikesFiring: Int? = nil) {
        self.f1 = f1
        self.precision = precision
        self.recall = recall
        self.attributeF1 = attributeF1
        self.maxLookAlikesFiring = maxLookAlikesFiring
    }

    /// One line per threshold the score misses, in a fixed order; empty when all hold.
    public func violations(of score: EvaluationScore) -> [String] {
        var out: [String] = []
        func check(_ name: String, _ value: Double?, _ required: Double?) {
            guard let required else { return }
            let v = value ?? 0
            if v < required { out.append("\(name) \(format(v)) is below the required \(format(required))") }
        }
        check("overall F1", score.overall.f1, f1)
        check("overall precision", score.overall.precision, precision)
        check("overall recall", score.overall.recall, recall)
        if let attributeF1 {
            for (attribute, tally) in score.byAttribute.sorted(by: { $0.key < $1.key }) {
                if let value = tally.f1, value < attributeF1 {
                    out.append("\(attribute) F1 \(format(value)) is below the required \(format(attributeF1))")
                }
            }
        }
        if let maxLookAlikesFiring, score.lookAlikesFiring.count > maxLookAlikesFiring {
            out.append("\(score.lookAlikesFiring.count) look-alikes produced the attribute they must not (at most \(maxLookAlikesFiring) allowed)")
        }
        return out
    }

    private func format(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
