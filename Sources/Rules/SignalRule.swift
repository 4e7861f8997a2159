import StewardCore

/// One rule from `rules/signals/**.yaml`: when its `match` succeeds for an event (and, for an
/// aggregate rule, enough matches fall within its window), it supports `attribute`.
public struct SignalRule: Sendable {
    /// Dotted, unique across all rule files (`finance.gambling.bookmaker`).
    public var id: String
    public var attribute: String
    public var title: String
    public var description: String?
    /// 0–1: how sure a scorer would be of the attribute from one match.
    public var confidence: Double
    public var match: RuleMatch
    public var aggregate: RuleAggregate?
    public var examples: [RuleExample]
    /// `yields_to:` — neighbouring attributes that take the record instead: when a rule of one
    /// of them matches the same event, this rule does not count it (a pro-government post is
    /// politics.pro_government, not plain engagement). See docs/rules.md "Neighbouring attributes".
    public var yieldsTo: [String] = []
    /// Rule file (as `rules/signals/…`) and the line of the rule's entry.
    public var file: String
    public var line: Int
}

/// A positive (must fire) or negative (must not fire) example carried by a rule.
public struct RuleExample: Sendable {
    public var isPositive: Bool
    /// One event, or several for aggregate rules (`events:`).
    public var events: [Event]
    public var note: String?
    public var file: String
    public var line: Int
}
