/// An example carried by a model file: a set of findings and the total and tier the model
/// must give them. `ModelExampleRunner` checks every example; a failure names its line.
public struct ModelExample: Sendable, Hashable {
    /// One finding of the example: an attribute seen `count` times with a confidence.
    public struct ExampleFinding: Sendable, Hashable {
        public var attribute: String
        public var count: Int
        public var confidence: Double
        public var ruleCounts: [String: Int]?
        public init(attribute: String, count: Int, confidence: Double = 1, ruleCounts: [String: Int]? = nil) {
            self.attribute = attribute
            self.count = count
            self.confidence = confidence
            self.ruleCounts = ruleCounts
        }
    }

    public var name: String
    public var findings: [ExampleFinding]
    /// Expected total (points models only).
    public var total: Int?
    public var tier: String
    /// Expected ids of the contributions that fire, in model order, when the example lists them.
    public var contributions: [String]?
    public var line: Int

    public init(name: String, findings: [ExampleFinding], total: Int?, tier: String,
                contributions: [String]?, line: Int) {
        self.name = name
        self.findings = findings
        self.total = total
        self.tier = tier
        self.contributions = contributions
        self.line = line
    }
}
