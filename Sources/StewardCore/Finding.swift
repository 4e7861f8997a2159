/// One record that supports a finding, with its exact place.
public struct Evidence: Sendable, Hashable, Codable {
    public var path: String
    public var locator: String
    public var time: String?
    public var excerpt: String
    /// Rule that matched this record.
    public var rule: String
    /// Where the record was, when it has a position (location records, place visits, geotagged
    /// photos): the HTML report's map draws it, rounded (docs/report-contract.md).
    public var latitude: Double?
    public var longitude: Double?

    public init(path: String, locator: String, time: String?, excerpt: String, rule: String,
                latitude: Double? = nil, longitude: Double? = nil) {
        self.path = path
        self.locator = locator
        self.time = time
        self.excerpt = excerpt
        self.rule = rule
        self.latitude = latitude
        self.longitude = longitude
    }

    private enum CodingKeys: String, CodingKey { case path, locator, time, excerpt, rule, latitude, longitude }
}

/// How firmly a finding stands (docs/rules.md, "Strength"). Every finding is reported — one
/// search can be all a scorer needs — but one resting on a single record of a rule that is
/// often wrong is marked `possible`, with what would confirm it.
public enum FindingStrength: String, Sendable, Codable, CaseIterable {
    case established
    case possible

    /// Below this confidence, a finding with a single record is only possible.
    public static let confirmedConfidence = 0.8

    /// What the reports print beside a possible finding.
    public static let confirmationHint = "possible: one record from a rule that is often wrong; a second record of the same kind would confirm it"
}

/// What the rules infer about one attribute, with exact counts and a bounded evidence sample.
public struct Finding: Sendable, Codable {
    public var attribute: String
    public var title: String
    public var sensitivity: Sensitivity
    /// 0–1: the highest confidence among the rules that fired.
    public var confidence: Double
    /// Exact number of matching records (not capped by the evidence sample).
    public var count: Int
    public var firstSeen: String?
    public var lastSeen: String?
    public var rules: [String]
    /// Records each rule or analyzer matched, by id (a record two rules match counts for both
    /// here and once in `count`). Scoring models use it where points depend on the rule, e.g.
    /// a step day and a night's sleep that both support `health.fitness`.
    public var ruleCounts: [String: Int]?
    public var sources: [String]
    /// A value when the attribute has one (e.g. an income bracket), in English.
    public var value: String?
    /// The same value as data, for the reports to say in their language; nil for findings of
    /// rules without a value and for scans stored before values were data.
    public var valueParts: [FindingValuePart]?
    public var evidence: [Evidence]
    /// Records per calendar month of their local time, keyed `YYYY-MM` (records without a time
    /// are not in it); nil when the finding's analyzer does not count by month. Exact, like
    /// `count`: the HTML report's timeline draws it.
    public var months: [String: Int]?

    /// `possible` when the finding rests on one record and its best rule's confidence is below
    /// `FindingStrength.confirmedConfidence`; derived, so stored scans read the same.
    public var strength: FindingStrength {
        count <= 1 && confidence < FindingStrength.confirmedConfidence ? .possible : .established
    }

    public init(attribute: String, title: String, sensitivity: Sensitivity, confidence: Double,
                count: Int, firstSeen: String?, lastSeen: String?, rules: [String], sources: [String],
                value: String? = nil, evidence: [Evidence], ruleCounts: [String: Int]? = nil,
                months: [String: Int]? = nil, valueParts: [FindingValuePart]? = nil) {
        self.valueParts = valueParts
        self.ruleCounts = ruleCounts
        self.months = months
        self.attribute = attribute
        self.title = title
        self.sensitivity = sensitivity
        self.confidence = confidence
        self.count = count
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.rules = rules
        self.sources = sources
        self.value = value
        self.evidence = evidence
    }
}
