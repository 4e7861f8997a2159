/// The report of one scan: exactly the JSON contract `steward.report/1` of DESIGN.md (extra
/// keys may be added, existing ones never renamed). Every reporter renders this value.
public struct ScanReport: Sendable, Codable {
    public static let schemaId = "steward.report/1"

    public struct Tool: Sendable, Codable {
        public var name: String
        public var version: String
        public var rules: String
        public init(name: String = "steward", version: String, rules: String) {
            self.name = name
            self.version = version
            self.rules = rules
        }
    }

    public struct Scan: Sendable, Codable {
        public var id: String
        public var started: String
        public var paths: [String]
        public init(id: String, started: String, paths: [String]) {
            self.id = id
            self.started = started
            self.paths = paths
        }
    }

    public struct Input: Sendable, Codable {
        public var path: String
        public var source: String
        public var events: Int
        public var skipped: Int
        public var errors: [String]
        public init(path: String, source: String, events: Int, skipped: Int, errors: [String]) {
            self.path = path
            self.source = source
            self.events = events
            self.skipped = skipped
            self.errors = errors
        }
    }

    public struct Unrecognized: Sendable, Codable, Hashable {
        public var path: String
        public var reason: String
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    public var schema: String
    public var tool: Tool
    public var scan: Scan
    public var inputs: [Input]
    public var unrecognized: [Unrecognized]
    public var findings: [Finding]
    public var scores: [ScoreResult]
    /// Identical inputs read once and overlapping records counted once (an added key; absent
    /// when nothing was merged).
    public var overlaps: OverlapSummary?

    public init(tool: Tool, scan: Scan, inputs: [Input], unrecognized: [Unrecognized],
                findings: [Finding], scores: [ScoreResult], overlaps: OverlapSummary? = nil) {
        self.schema = ScanReport.schemaId
        self.tool = tool
        self.scan = scan
        self.inputs = inputs
        self.unrecognized = unrecognized
        self.findings = findings
        self.scores = scores
        self.overlaps = overlaps.flatMap { $0.isEmpty ? nil : $0 }
    }
}
