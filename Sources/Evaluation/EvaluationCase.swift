import StewardCore

/// One labelled case of the evaluation set (docs/rules.md, "Evaluation"): the records a person's
/// exports would hold and the exact set of attributes they must produce.
public struct EvaluationCase: Sendable {
    /// Which part of the set a case belongs to; each part is scored on its own.
    public enum Group: String, Sendable, CaseIterable {
        /// One record (or a record and its follow-up) that clearly signals its attributes.
        case signal
        /// A record written from a real-world confusion that must not produce `mustNot`.
        case lookAlike = "look-alike"
        /// A person's records across several sources, with every true attribute listed.
        case person
    }

    /// Stable id: `<lang>-s<n>` (signal), `<lang>-l<n>` (look-alike) or the person's file name.
    public var id: String
    public var language: String
    public var group: Group
    /// Every attribute the records must produce; anything else that fires is a false positive.
    public var truth: Set<String>
    /// For a look-alike: the attribute its confusion is about.
    public var mustNot: String?
    /// What the confusion is, or where the wording comes from.
    public var note: String?
    /// Record form the case was generated as (`card:5814`, `search`, …; `person` for people).
    public var form: String
    /// The data line the case came from, `eval/cases/de.tsv:12`.
    public var origin: String
    public var events: [Event]
    /// What decides the case's side of the dev/holdout split (`EvaluationSplit`): the words of
    /// its data line (with its language), or a person's file name — never its position, so
    /// adding or moving lines does not move other cases across, and every record form written
    /// from one line lands on the same side.
    public var splitKey: String

    public init(id: String, language: String, group: Group, truth: Set<String>, mustNot: String? = nil,
                note: String? = nil, form: String, origin: String, events: [Event], splitKey: String? = nil) {
        self.splitKey = splitKey ?? id
        self.id = id
        self.language = language
        self.group = group
        self.truth = truth
        self.mustNot = mustNot
        self.note = note
        self.form = form
        self.origin = origin
        self.events = events
    }

    /// The case's records as one line for error lists.
    public var summary: String {
        events.map { $0.excerpt(limit: 100, quotingOthers: true) }.joined(separator: " ⟶ ")
    }
}
