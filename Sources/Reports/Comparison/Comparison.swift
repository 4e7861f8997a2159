import StewardCore

/// Several people's scans side by side (`steward compare`, `steward demo --compare`;
/// docs/reports.md, "Comparing people"): for each model, each person's total and tier, the
/// contributions that decide it and what the tier costs; and where two models disagree about
/// the same person. A pure function of the reports and the models' ladders.
public struct Comparison: Sendable {
    public struct Person: Sendable {
        /// How the comparison names the person (a persona's name, or a label given on the command line).
        public var label: String
        public var report: ScanReport

        public init(label: String, report: ScanReport) {
            self.label = label
            self.report = report
        }
    }

    /// One person's result under one model.
    public struct Cell: Sendable {
        public var score: ScoreResult
        /// Where the tier sits on the model's ladder: 0 the worst tier, 1 the best; nil when the
        /// model's ladder is unknown (a stored scan of a model no longer in the rules).
        public var position: Double?
        /// The contributions that decide the result: the three largest by effect (stop factors
        /// for verdict models), largest first.
        public var deciding: [Contribution]
    }

    /// Two models far apart about one person: one puts them in its upper half, the other in its
    /// lower half, at least `Comparison.disagreementGap` of the ladder apart.
    public struct Disagreement: Sendable, Equatable {
        public var person: String
        public var better: String
        public var betterTier: String
        public var worse: String
        public var worseTier: String
    }

    /// Tier positions at least this far apart (on a 0–1 ladder) count as a disagreement.
    public static let disagreementGap = 0.5

    /// The seed's contact rule, applied across the people compared: "the rest are afraid even to
    /// talk" to a D-rated person, since contact with them lowers one's own rating. Each person
    /// whose chats show someone the municipal model rates at its worst tier loses `points` per
    /// such contact. One pass: a person pulled down by a contact does not in turn pull others.
    /// The number is steward's own (illustrative); only the direction has a source.
    public enum ContactRule {
        public static let model = "citizen-1000"
        public static let rule = "citizen.contact_with_worst_tier"
        public static let attribute = "contacts"
        public static let points = -100
        public static let source = "[SEED] others avoid contact with D-rated people, since contact with them lowers one's own score; no value published"
    }

    /// Who lost points for whom under the contact rule.
    public struct ContactEffect: Sendable, Equatable {
        public var person: String
        public var contact: String
        public var points: Int
    }

    public var people: [Person]
    /// Models in the order of the first report that has them, then any others.
    public var models: [String]
    /// `cells[person][model]`.
    public var cells: [[String: Cell]]
    public var disagreements: [Disagreement]
    public var contactEffects: [ContactEffect]

    public init(people: [Person], ladders: [String: ScoreLadder]) {
        self.people = people
        var models: [String] = []
        for person in people {
            for score in person.report.scores where !models.contains(score.model) { models.append(score.model) }
        }
        self.models = models
        var cells: [[String: Cell]] = people.map { person in
            var row: [String: Cell] = [:]
            for score in person.report.scores {
                row[score.model] = Cell(score: score, position: ladders[score.model].flatMap { Self.position(of: score.tier, on: $0) },
                                        deciding: Self.deciding(score))
            }
            return row
        }
        contactEffects = Self.applyContactRule(people: people, cells: &cells, ladders: ladders)
        self.cells = cells
        var disagreements: [Disagreement] = []
        for (index, person) in people.enumerated() {
            let placed = models.compactMap { model in cells[index][model].flatMap { cell in cell.position.map { (model, cell, $0) } } }
            guard let best = placed.max(by: { $0.2 < $1.2 }), let worst = placed.min(by: { $0.2 < $1.2 }),
                  best.2 - worst.2 >= Self.disagreementGap else { continue }
            disagreements.append(Disagreement(person: person.label, better: best.0, betterTier: best.1.score.tier,
                                              worse: worst.0, worseTier: worst.1.score.tier))
        }
        self.disagreements = disagreements
    }

    /// Lowers the municipal score of everyone who chats with a person it rates at its worst tier
    /// (`ContactRule`), recomputing total, tier and what the tier costs on the model's ladder.
    static func applyContactRule(people: [Person], cells: inout [[String: Cell]],
                                 ladders: [String: ScoreLadder]) -> [ContactEffect] {
        let model = ContactRule.model
        guard let ladder = ladders[model] else { return [] }
        let worst = people.indices.filter { cells[$0][model]?.position == 0 }
        var effects: [ContactEffect] = []
        for index in people.indices {
            guard var cell = cells[index][model], let total = cell.score.total else { continue }
            let contacts = Set((people[index].report.contacts ?? []).map(\.key))
            var lowered = total
            for other in worst where other != index && contacts.contains(ScanReport.Contact.key(forName: people[other].label)) {
                lowered += ContactRule.points
                cell.score.contributions.append(Contribution(rule: ContactRule.rule, attribute: ContactRule.attribute,
                                                             delta: ContactRule.points, basis: .illustrative,
                                                             source: ContactRule.source, reason: people[other].label))
                effects.append(ContactEffect(person: people[index].label, contact: people[other].label, points: ContactRule.points))
            }
            guard lowered != total else { continue }
            lowered = max(lowered, ladder.minimum ?? lowered)
            cell.score.total = lowered
            if let tier = ladder.tiers.first(where: { tier in tier.minimum.map { lowered >= $0 } ?? true }) {
                cell.score.tier = tier.name
                cell.score.tierLabel = tier.label
                cell.score.consequences = tier.consequences
                cell.score.benefits = tier.benefits
            }
            cell.position = position(of: cell.score.tier, on: ladder)
            cell.deciding = deciding(cell.score)
            cells[index][model] = cell
        }
        return effects
    }

    /// 0 for the worst tier of the ladder, 1 for the best (the ladder lists the highest
    /// threshold first; for risk points the lowest total is best).
    static func position(of tier: String, on ladder: ScoreLadder) -> Double? {
        let bestLast = ladder.lowerIsBetter ? ladder.tiers : Array(ladder.tiers.reversed())
        guard let index = bestLast.firstIndex(where: { $0.name == tier }) else { return nil }
        return bestLast.count > 1 ? Double(index) / Double(bestLast.count - 1) : 1
    }

    /// The three contributions with the largest effect; a verdict's stop factors (no points)
    /// in the order the model lists them.
    static func deciding(_ score: ScoreResult) -> [Contribution] {
        let pointed = score.contributions.filter { $0.delta != nil }
        if pointed.isEmpty { return Array(score.contributions.prefix(3)) }
        return Array(pointed.enumerated().sorted { a, b in
            let x = abs(a.element.delta!), y = abs(b.element.delta!)
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element).prefix(3))
    }
}
