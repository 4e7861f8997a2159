import StewardCore

/// A scoring model from `rules/models/<id>.yaml`: a points scale with tiers (e.g. the municipal
/// citizen score) or a pass/stop verdict (e.g. hiring stop factors), and the contributions that
/// move it. Loaded and validated by `ScoringModel.load`; see docs/scoring.md for the file format.
public struct ScoringModel: Sendable {
    /// Points models add deltas to a base; verdict models stop on any contributing finding.
    public enum Kind: String, Sendable, CaseIterable {
        case points, verdict
    }

    /// Base score and the bounds the total is clamped to (either bound may be open).
    public struct Scale: Sendable, Hashable {
        public var base: Int
        public var min: Int?
        public var max: Int?
        /// Whether a lower total is the better place to be (risk points, as in the health
        /// code); most scales reward a higher total. `what-if --best` searches in this direction.
        public var lowerIsBetter: Bool
        public init(base: Int, min: Int? = nil, max: Int? = nil, lowerIsBetter: Bool = false) {
            self.base = base
            self.min = min
            self.max = max
            self.lowerIsBetter = lowerIsBetter
        }
    }

    /// A citation the model's contributions refer to as `[KEY]`.
    public struct Source: Sendable, Hashable {
        public var key: String
        public var citation: String
        public init(key: String, citation: String) {
            self.key = key
            self.citation = citation
        }
    }

    public var id: String
    public var title: String
    public var description: String
    public var kind: Kind
    public var sources: [Source]
    /// Nil for verdict models.
    public var scale: Scale?
    /// Highest first; the last tier of a points model has no threshold.
    public var tiers: [ModelTier]
    public var contributions: [ModelContribution]
    /// Notes about the model as a whole, copied into every result.
    public var notes: [String]
    public var examples: [ModelExample]
    /// Path of the model file, for messages.
    public var file: String
    /// Line of the `id` key, for duplicate-id messages.
    var idLine: Int = 1

    public init(id: String, title: String, description: String, kind: Kind, sources: [Source],
                scale: Scale?, tiers: [ModelTier], contributions: [ModelContribution],
                notes: [String] = [], examples: [ModelExample] = [], file: String = "") {
        self.id = id
        self.title = title
        self.description = description
        self.kind = kind
        self.sources = sources
        self.scale = scale
        self.tiers = tiers
        self.contributions = contributions
        self.notes = notes
        self.examples = examples
        self.file = file
    }

    /// Scores a scan's findings: every contribution whose attribute was found (meeting its count
    /// and confidence conditions) applies; the total is clamped to the scale and placed in a tier.
    public func evaluate(_ findings: [Finding]) -> ScoreResult {
        // Several findings for one attribute (should not happen, but findings can be merged from
        // stored scans) count together, with the strongest confidence.
        var seen: [String: (count: Int, confidence: Double, ruleCounts: [String: Int]?)] = [:]
        for finding in findings {
            let previous = seen[finding.attribute] ?? (0, 0, nil)
            let (sum, overflow) = previous.count.addingReportingOverflow(Swift.max(0, finding.count))
            var ruleCounts = previous.ruleCounts
            if let theirs = finding.ruleCounts { ruleCounts = (ruleCounts ?? [:]).merging(theirs, uniquingKeysWith: +) }
            seen[finding.attribute] = (overflow ? Int.max : sum, Swift.max(previous.confidence, finding.confidence), ruleCounts)
        }

        var fired: [Contribution] = []
        for rule in contributions {
            guard var found = seen[rule.attribute] else { continue }
            if let only = rule.rules {
                // Only the named rules' records count; a finding without per-rule counts (an
                // older stored scan) gives none, rather than crediting every record.
                found.count = only.reduce(0) { $0 + (found.ruleCounts?[$1] ?? 0) }
            }
            guard rule.applies(count: found.count, confidence: found.confidence) else { continue }
            var reason = rule.reason
            if let factor = rule.factor { reason = "Stop factor: \(factor). " + reason }
            fired.append(Contribution(rule: rule.id, attribute: rule.attribute, delta: rule.points(count: found.count),
                                      basis: rule.basis, source: rule.source, reason: reason))
        }

        var notes = self.notes
        let illustrative = fired.filter { $0.basis == .illustrative }.count
        if illustrative > 0 {
            notes.append("\(illustrative) of \(fired.count) contributions \(illustrative == 1 ? "is" : "are") illustrative: "
                + "the direction has a source, the number of points is steward's own, to show the mechanism.")
        }

        switch kind {
        case .verdict:
            let tier = fired.isEmpty ? tierNamed("pass") : tierNamed("stop")
            if let note = tier?.note { notes.append(note) }
            return ScoreResult(model: id, title: title, total: nil, tier: tier?.name ?? (fired.isEmpty ? "pass" : "stop"),
                               tierLabel: tier?.label, contributions: fired, benefits: tier?.benefits ?? [],
                               consequences: tier?.consequences ?? [], notes: notes)
        case .points:
            let scale = self.scale ?? Scale(base: 0)
            var raw = scale.base
            for contribution in fired {
                let (sum, overflow) = raw.addingReportingOverflow(contribution.delta ?? 0)
                raw = overflow ? ((contribution.delta ?? 0) < 0 ? Int.min / 2 : Int.max / 2) : sum
            }
            var total = raw
            if let low = scale.min, total < low { total = low }
            if let high = scale.max, total > high { total = high }
            if total != raw {
                // Said with the base: the contributions alone add up to something else (docs/scoring.md).
                let sum = fired.reduce(0) { $0.addingReportingOverflow($1.delta ?? 0).partialValue }
                notes.append("The base of \(scale.base) plus the contributions (\(sum > 0 ? "+" : "")\(sum)) comes to \(raw); "
                    + "the scale stops at \(total), so the total is \(total).")
            }
            let tier = tierFor(total: total)
            if let note = tier.note { notes.append(note) }
            return ScoreResult(model: id, title: title, total: total, base: scale.base, tier: tier.name, tierLabel: tier.label,
                               contributions: fired, benefits: tier.benefits, consequences: tier.consequences, notes: notes)
        }
    }

    /// The score with and without the findings for some attributes: what deleting or redacting
    /// that data would change.
    public static func whatIf(model: ScoringModel, findings: [Finding],
                              without attributes: Set<String>) -> (before: ScoreResult, after: ScoreResult) {
        (model.evaluate(findings), model.evaluate(findings.filter { !attributes.contains($0.attribute) }))
    }

    /// The tier a points total falls in (tiers are validated to be highest first, the last open).
    public func tierFor(total: Int) -> ModelTier {
        for tier in tiers {
            guard let threshold = tier.threshold else { return tier }
            if total >= threshold.minimum { return tier }
        }
        // Validation guarantees a final tier without threshold; this is only reached for
        // models built in code without one.
        return tiers.last ?? ModelTier(name: "unrated", threshold: nil, label: nil, consequences: [], note: nil, line: 0)
    }

    /// The tier with this name, if any.
    public func tierNamed(_ name: String) -> ModelTier? {
        tiers.first { $0.name == name }
    }
}
