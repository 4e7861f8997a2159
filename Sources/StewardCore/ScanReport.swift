/// The report of one scan: exactly the JSON contract `steward.report/1` of docs/report-contract.md (extra
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
        /// Problems that lost no record but change how records were read (e.g. which day/month
        /// order was assumed, and why). Absent from reports stored before it was kept.
        public var warnings: [String]
        /// The earliest and latest time of the records read (ISO 8601, as `Finding.firstSeen`);
        /// nil when no record had a time, and in reports stored before they were kept.
        public var firstSeen: String?
        public var lastSeen: String?
        public init(path: String, source: String, events: Int, skipped: Int, errors: [String], warnings: [String] = [],
                    firstSeen: String? = nil, lastSeen: String? = nil) {
            self.path = path
            self.source = source
            self.events = events
            self.skipped = skipped
            self.errors = errors
            self.warnings = warnings
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
        }

        private enum CodingKeys: String, CodingKey { case path, source, events, skipped, errors, warnings, firstSeen, lastSeen }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(path: try c.decode(String.self, forKey: .path), source: try c.decode(String.self, forKey: .source),
                      events: try c.decode(Int.self, forKey: .events), skipped: try c.decode(Int.self, forKey: .skipped),
                      errors: try c.decode([String].self, forKey: .errors),
                      warnings: try c.decodeIfPresent([String].self, forKey: .warnings) ?? [],
                      firstSeen: try c.decodeIfPresent(String.self, forKey: .firstSeen),
                      lastSeen: try c.decodeIfPresent(String.self, forKey: .lastSeen))
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

    /// How many files of one kind of reason (`UnreadReason`) were not read.
    public struct ReasonCount: Sendable, Codable, Hashable {
        public var reason: String
        public var files: Int
        public init(reason: String, files: Int) {
            self.reason = reason
            self.files = files
        }
    }

    /// The full counts behind `unrecognized` and `knownFiles` when either list was cut to its
    /// first `UnreadFiles.listLimit` paths (an added key, absent when nothing was cut).
    public struct UnreadTotals: Sendable, Codable, Hashable {
        /// Files not recognized (or not read for another reason), listed or not.
        public var unrecognized: Int
        /// Companion files of exports, listed or not.
        public var knownFiles: Int
        /// Both lists together, counted by kind of reason.
        public var byReason: [ReasonCount]
        public init(unrecognized: Int, knownFiles: Int, byReason: [ReasonCount]) {
            self.unrecognized = unrecognized
            self.knownFiles = knownFiles
            self.byReason = byReason
        }
    }

    public var schema: String
    public var tool: Tool
    public var scan: Scan
    public var inputs: [Input]
    public var unrecognized: [Unrecognized]
    /// Files an export ships beside its data (Takeout's `archive_browser.html`, an archive's
    /// `index.html`): named as what they are and not read, never listed as unrecognized.
    /// `reason` says what the file is.
    public var knownFiles: [Unrecognized]
    public var findings: [Finding]
    public var scores: [ScoreResult]
    /// Identical inputs read once and overlapping records counted once (an added key; absent
    /// when nothing was merged).
    public var overlaps: OverlapSummary?
    /// Set when `unrecognized` or `knownFiles` lists only the first files (see `UnreadTotals`).
    public var unreadTotals: UnreadTotals?
    /// The people who wrote to the person in the chats read (WhatsApp, Telegram, SMS, Messenger),
    /// with how many messages each sent, most first: what a contact rule reads (docs/reports.md,
    /// "Comparing people"). At most `Contact.listLimit`; nil when no chat was read.
    public var contacts: [Contact]?

    /// Someone who wrote to the person. Other people's names stay out of the report like their
    /// words do (docs/privacy.md): only a SHA-256 of the name as `Contact.key(forName:)` folds it,
    /// which a comparison can match against the name of a person it compares.
    public struct Contact: Sendable, Codable, Equatable {
        public var key: String
        public var messages: Int
        public static let listLimit = 200
        public init(key: String, messages: Int) {
            self.key = key
            self.messages = messages
        }

        /// The key of a name: lower-cased, spaces collapsed, steward's "(synthetic)" mark dropped,
        /// hashed, so "Dmitri  Volkov" in a chat and "Dmitri Volkov (synthetic)" in a comparison agree.
        public static func key(forName name: String) -> String {
            var text = name.lowercased()
            if text.hasSuffix("(synthetic)") { text = String(text.dropLast("(synthetic)".count)) }
            return SHA256.hex(of: (text.wordsOneSpaceApart() ?? "").utf8)
        }
    }

    /// Files not recognized in all, including those a cut list leaves out.
    public var unrecognizedCount: Int { unreadTotals?.unrecognized ?? unrecognized.count }
    /// Companion files in all, including those a cut list leaves out.
    public var knownFileCount: Int { unreadTotals?.knownFiles ?? knownFiles.count }

    public init(tool: Tool, scan: Scan, inputs: [Input], unrecognized: [Unrecognized], knownFiles: [Unrecognized] = [],
                findings: [Finding], scores: [ScoreResult], overlaps: OverlapSummary? = nil, unreadTotals: UnreadTotals? = nil,
                contacts: [Contact]? = nil) {
        self.contacts = contacts.flatMap { $0.isEmpty ? nil : $0 }
        self.schema = ScanReport.schemaId
        self.tool = tool
        self.scan = scan
        self.inputs = inputs
        self.unrecognized = unrecognized
        self.knownFiles = knownFiles
        self.findings = findings
        self.scores = scores
        self.overlaps = overlaps.flatMap { $0.isEmpty ? nil : $0 }
        self.unreadTotals = unreadTotals
    }

    private enum CodingKeys: String, CodingKey {
        case schema, tool, scan, inputs, unrecognized, knownFiles, findings, scores, overlaps, unreadTotals, contacts
    }

    /// `knownFiles`, `overlaps` and `unreadTotals` are later additions: reports stored before them decode with none.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.schema = try c.decode(String.self, forKey: .schema)
        self.tool = try c.decode(Tool.self, forKey: .tool)
        self.scan = try c.decode(Scan.self, forKey: .scan)
        self.inputs = try c.decode([Input].self, forKey: .inputs)
        self.unrecognized = try c.decode([Unrecognized].self, forKey: .unrecognized)
        self.knownFiles = try c.decodeIfPresent([Unrecognized].self, forKey: .knownFiles) ?? []
        self.findings = try c.decode([Finding].self, forKey: .findings)
        self.scores = try c.decode([ScoreResult].self, forKey: .scores)
        self.overlaps = try c.decodeIfPresent(OverlapSummary.self, forKey: .overlaps)
        self.unreadTotals = try c.decodeIfPresent(UnreadTotals.self, forKey: .unreadTotals)
        self.contacts = try c.decodeIfPresent([Contact].self, forKey: .contacts)
    }
}
