/// One named band of a scoring model: the totals it covers, its label and what it costs or
/// grants the person. Verdict models have the two tiers `pass` and `stop` and no thresholds.
public struct ModelTier: Sendable, Hashable {
    /// Where a tier starts. Kept as written (`from` or `above`) so documentation can quote the
    /// source's own wording ("above 1050", "from 900").
    public enum Threshold: Sendable, Hashable {
        /// Totals greater than or equal to the value.
        case from(Int)
        /// Totals strictly greater than the value.
        case above(Int)

        /// The smallest whole-point total inside the tier.
        public var minimum: Int {
            switch self {
            case .from(let value): return value
            case .above(let value): return value + 1
            }
        }

        /// `from 900`, `above 1050`.
        public var text: String {
            switch self {
            case .from(let value): return "from \(value)"
            case .above(let value): return "above \(value)"
            }
        }
    }

    public var name: String
    /// Nil for the lowest tier (it takes everything below the tier above) and for verdicts.
    public var threshold: Threshold?
    public var label: String?
    /// What the tier grants (`benefits:` in the model file).
    public var benefits: [String]
    /// What the tier costs the person (`consequences:` in the model file).
    public var consequences: [String]
    /// Shown in the result's notes whenever this tier is reached (e.g. how an unnamed range is treated).
    public var note: String?
    /// Line of the tier in its model file.
    public var line: Int

    public init(name: String, threshold: Threshold?, label: String?, benefits: [String] = [], consequences: [String],
                note: String?, line: Int) {
        self.name = name
        self.threshold = threshold
        self.label = label
        self.benefits = benefits
        self.consequences = consequences
        self.note = note
        self.line = line
    }
}
