import StewardCore

/// One line of a scoring model: when a finding for `attribute` meets the conditions, the score
/// moves by `delta` (points models) or the verdict becomes `stop` (verdict models).
public struct ModelContribution: Sendable, Hashable {
    /// Rule id reported in `Contribution.rule`, e.g. `citizen.blood_donation`.
    public var id: String
    public var attribute: String
    /// When set, only the records these rules or analyzers matched count (from the finding's
    /// `ruleCounts`), e.g. step days but not sleep nights of `health.fitness`.
    public var rules: [String]?
    /// The finding must count at least this many records.
    public var minCount: Int
    /// The finding's confidence must be at least this.
    public var minConfidence: Double
    /// Points per application; nil in verdict models.
    public var delta: Int?
    /// When set, `delta` applies once per `per` records instead of once.
    public var per: Int?
    /// Largest number of points (absolute) a `per` contribution can add or remove.
    public var cap: Int?
    /// Verdict models: the stop factor this contribution stands for, in the source's words.
    public var factor: String?
    public var basis: Basis
    /// Citation text naming a source key, e.g. `[YJ] Yanji "morality bank", 2015: …`.
    public var source: String
    /// Plain-language reason shown in reports.
    public var reason: String
    /// Line of the contribution in its model file.
    public var line: Int

    public init(id: String, attribute: String, minCount: Int = 1, minConfidence: Double = 0,
                delta: Int?, per: Int? = nil, cap: Int? = nil, factor: String? = nil,
                basis: Basis, source: String, reason: String, line: Int = 0, rules: [String]? = nil) {
        self.rules = rules
        self.id = id
        self.attribute = attribute
        self.minCount = minCount
        self.minConfidence = minConfidence
        self.delta = delta
        self.per = per
        self.cap = cap
        self.factor = factor
        self.basis = basis
        self.source = source
        self.reason = reason
        self.line = line
    }

    /// Whether a finding with this count and confidence triggers the contribution.
    public func applies(count: Int, confidence: Double) -> Bool {
        guard count >= minCount, confidence >= minConfidence else { return false }
        if let per { return count / per > 0 }
        return true
    }

    /// Points this contribution gives for a finding of `count` records (nil for verdict models).
    /// Assumes `applies` was checked.
    public func points(count: Int) -> Int? {
        guard let delta else { return nil }
        guard let per else { return delta }
        // Multiply in a widened, saturating way: counts come from untrusted exports.
        let applications = count / per
        let (product, overflow) = delta.multipliedReportingOverflow(by: applications)
        var value = overflow ? (delta < 0 ? Int.min / 2 : Int.max / 2) : product
        if let cap { value = Swift.max(-cap, Swift.min(cap, value)) }
        return value
    }
}
