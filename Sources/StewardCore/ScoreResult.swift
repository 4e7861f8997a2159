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
    /// The points every person starts from (points models): total = base + contributions,
    /// clamped to the scale. Nil for verdict models and for reports stored before it was kept.
    public var base: Int?
    /// Tier name (`AAA`, `B`, …) or verdict (`pass`, `stop`).
    public var tier: String
    public var tierLabel: String?
    public var contributions: [Contribution]
    /// What the tier grants the person (discounts, priority): benefits, kept apart from costs.
    public var benefits: [String]
    /// What the tier costs the person (refusals, bans, deposits).
    public var consequences: [String]
    /// Notes about the model itself, e.g. how an unnamed range was treated.
    public var notes: [String]

    public init(model: String, title: String? = nil, total: Int?, base: Int? = nil, tier: String, tierLabel: String? = nil,
                contributions: [Contribution], benefits: [String] = [], consequences: [String], notes: [String] = []) {
        self.model = model
        self.title = title
        self.total = total
        self.base = base
        self.benefits = benefits
        self.tier = tier
        self.tierLabel = tierLabel
        self.contributions = contributions
        self.consequences = consequences
        self.notes = notes
    }
}

extension ScoreResult {
    private enum CodingKeys: String, CodingKey {
        case model, title, total, base, tier, tierLabel, contributions, benefits, consequences, notes
    }

    /// `base` and `benefits` are later additions to `steward.report/1`: reports stored before
    /// them decode with no base and no benefits.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(model: try c.decode(String.self, forKey: .model),
                  title: try c.decodeIfPresent(String.self, forKey: .title),
                  total: try c.decodeIfPresent(Int.self, forKey: .total),
                  base: try c.decodeIfPresent(Int.self, forKey: .base),
                  tier: try c.decode(String.self, forKey: .tier),
                  tierLabel: try c.decodeIfPresent(String.self, forKey: .tierLabel),
                  contributions: try c.decode([Contribution].self, forKey: .contributions),
                  benefits: try c.decodeIfPresent([String].self, forKey: .benefits) ?? [],
                  consequences: try c.decode([String].self, forKey: .consequences),
                  notes: try c.decodeIfPresent([String].self, forKey: .notes) ?? [])
    }
}
