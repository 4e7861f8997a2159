import StewardCore
import RuleFileReading

/// A whole-scan analysis that per-event rules cannot express: clustering location points into
/// home and workplace, job tenures from positions, recurring income, "a fee within 30 days of
/// a utility payment". One analyzer instance lives in each `InferenceSession` (one per worker
/// thread); instances are merged at the end, then asked for findings.
public protocol EventAnalyzer: AnyObject {
    /// Sees every event of the scan (reject cheaply: this is the hot path).
    func observe(_ event: Event, path: String)
    /// Sees every event of a scan together with the attributes signal rules counted it for
    /// (usually none). An analyzer whose unit is a record rules may also count (a late fee is
    /// one late bill, whether a rule or the pairing with its bill finds it) leaves those out of
    /// its count, so the attribute's finding counts each record once. The default ignores them.
    func observe(_ event: Event, path: String, countedByRulesFor attributes: [String])
    /// True for an analyzer that must see every copy of a record two inputs deliver (a bank's
    /// CSV and its OFX): one that counts distinct things itself, and for which the copies differ
    /// in what it reads (only the OFX copy carries the card's merchant code). Which copy the
    /// overlap gate lets through first depends on how workers are scheduled.
    var readsEveryCopy: Bool { get }
    /// Folds in another worker's instance of the same analyzer.
    func merge(_ other: any EventAnalyzer)
    /// Findings at the end of the scan, each with evidence and exact counts.
    func findings(evidenceLimit: Int) -> [Finding]
}

extension EventAnalyzer {
    public var readsEveryCopy: Bool { false }
    public func observe(_ event: Event, path: String, countedByRulesFor attributes: [String]) {
        observe(event, path: path)
    }
}

/// An analyzer as configured by its file `rules/analyzers/<name>.yaml`: its parameters are
/// data (documented as illustrative where no public number exists), and its file carries
/// examples that the tests and `steward rules test` run, like signal rules.
public protocol AnalyzerDefinition: Sendable {
    /// Stable id, e.g. `work.tenures`.
    var id: String { get }
    /// Where it was defined, for messages.
    var file: String { get }
    var line: Int { get }
    /// Attribute ids its findings may carry.
    var attributes: [String] { get }
    /// A fresh instance for one inference session.
    func makeAnalyzer(ruleSet: RuleSet) -> any EventAnalyzer
    /// Runs the examples of its file; each failure names file and line.
    func exampleFailures(ruleSet: RuleSet) -> [RuleExampleFailure]
    /// Number of examples `exampleFailures` checks.
    var exampleCount: Int { get }
    /// The events of its examples, for the tests that measure which lexicon terms some example
    /// contains (kinds whose examples are not events give none).
    var exampleEvents: [Event] { get }
    /// Which records it reads, so the wiring tests can tell whether an importer's events reach
    /// any analyzer (see `AnalyzerInput`).
    var input: AnalyzerInput { get }
    /// Whether the session shows it records of `source` and `kind` at all: `input` for every
    /// analyzer that reads records only for what they say. Asked once per source and kind, so
    /// an analyzer is not called for the records it would reject on its first line (that call
    /// per analyzer per record was 4 % of a chat export's profile).
    func observes(source: String, kind: EventKind) -> Bool
}

extension AnalyzerDefinition {
    public var exampleEvents: [Event] { [] }
    public func observes(source: String, kind: EventKind) -> Bool { input.admits(source: source, kind: kind) }
}

/// A kind of analyzer that a file can ask for with `analyzer: <name>`. The loader receives
/// the whole file (it must accept the `analyzer` key itself) and the taxonomy, and throws
/// `RuleFileError` for anything wrong, naming the line.
public struct AnalyzerKind: Sendable {
    public let name: String
    public let load: @Sendable (_ file: YAMLNodeReader, _ attributes: [String: Attribute]) throws -> any AnalyzerDefinition

    public init(name: String,
                load: @escaping @Sendable (_ file: YAMLNodeReader, _ attributes: [String: Attribute]) throws -> any AnalyzerDefinition) {
        self.name = name
        self.load = load
    }
}

/// Every analyzer kind steward has. Adding one: its file under Sources/Rules/Analyzers/, one
/// line here, its settings file under rules/analyzers/ with examples, and its section in
/// docs/rules.md.
public enum AnalyzerCatalog {
    public static let kinds: [AnalyzerKind] = [
        LocationPlacesDefinition.kind,
        LocationNightActivityDefinition.kind,
        RecurringIncomeDefinition.kind,
        LateBillDefinition.kind,
        ForeignCurrencySpendDefinition.kind,
        TenureAnalyzerDefinition.kind,
        DailyHealthDefinition.kind,
        CardPointsDefinition.kind,
    ]
}

extension Finding {
    /// Combines two findings of one attribute (a rule's and an analyzer's): exact counts add
    /// up (an analyzer leaves out of its count what rules counted), the stronger confidence
    /// wins, evidence is re-ranked by time, each record once, and trimmed.
    func combined(with other: Finding, evidenceLimit: Int) -> Finding {
        var result = self
        result.count += other.count
        result.confidence = max(confidence, other.confidence)
        result.firstSeen = [firstSeen, other.firstSeen].compactMap { $0 }.min()
        result.lastSeen = [lastSeen, other.lastSeen].compactMap { $0 }.max()
        result.rules = rules + other.rules.filter { !rules.contains($0) }
        result.sources = Array(Set(sources).union(other.sources)).sorted()
        result.value = other.value ?? value
        result.valueParts = other.valueParts ?? valueParts
        if months != nil || other.months != nil {
            result.months = (months ?? [:]).merging(other.months ?? [:], uniquingKeysWith: +)
        }
        if ruleCounts != nil || other.ruleCounts != nil {
            result.ruleCounts = (ruleCounts ?? [:]).merging(other.ruleCounts ?? [:], uniquingKeysWith: +)
        }
        // A record both found (a late fee a rule counted and the analyzer paired) is shown once,
        // as the rule's evidence (it came first).
        var shown = Set<String>()
        result.evidence = Array((evidence + other.evidence)
            .filter { shown.insert($0.path + "\u{0}" + $0.locator).inserted }
            .sorted { ($0.time ?? "~", $0.path, $0.locator) < ($1.time ?? "~", $1.path, $1.locator) }
            .prefix(evidenceLimit))
        return result
    }
}
