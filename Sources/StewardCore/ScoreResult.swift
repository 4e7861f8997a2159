/// How strongly a score contribution is backed: a number published by the scheme itself,
/// one reported by press or research, or one steward made up to show the mechanism.
public enum Basis: String, Sendable, Codable, CaseIterable {
    case documented, reported, illustrative
}

/// One rule of a scoring model that applied, and by how much.
public struct Contribution: Sendable, Codable, Hashable {
    public var rule: String
    public var attribute: String
    /// Points added or removed; nil for verdict models (stop factors) that have no points.
    public var delta: Int?
    public var basis: Basis
    public var source: String
    /// Plain-language reason shown in reports.
    public var reason: String?

    public init(rule: String, attribute: String, delta: Int?, basis: Basis, source: String, reason: String? = nil) {
        self.rule = rule
        self.attribute = attribute
        self.delta = delta
        self.basis = basis
        self.source = source
        self.reason = reason
    }
}

/// A scoring model's result for one scan.
public struct ScoreResult: Sendable, Codable {
    public var model: String
    public var title: String?
    /// Points total, nil for verdict models.
    public var total: Int?
    /// Tier name (`AAA`, `B`, …) or verdict (`pass`, `stop`).
    public var tier: String
    public var tierLabel: String?
    public var contributions: [Contribution]
    public var consequences: [String]
    /// Notes about the model itself, e.g. how an unnamed range was treated.
    public var notes: [String]

    public init(model: String, title: String? = nil, total: Int?, tier: String, tierLabel: String? = nil,
                contributions: [Contribution], consequences: [String], notes: [String] = []) {
        self.model = model
        self.title = title
        self.total = total
        self.tier = tier
        self.tierLabel = tierLabel
        self.contributions = contributions
        self.consequences = consequences
        self.notes = notes
    }
}
