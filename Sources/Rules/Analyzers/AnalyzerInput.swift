import StewardCore

/// The records an analyzer reads for what they say: the event kinds it looks at and the
/// sources it admits (empty = every source). Used by the wiring tests (an importer whose
/// events reach no rule and no analyzer feeds nothing) and by docs/rules.md. Each analyzer's
/// declaration sits below, next to the others, so that a reviewer sees them side by side;
/// it must agree with the guard at the top of the analyzer's `observe`.
public struct AnalyzerInput: Sendable {
    public var sources: [SourcePattern]
    public var kinds: Set<EventKind>

    public init(sources: [SourcePattern], kinds: Set<EventKind>) {
        self.sources = sources
        self.kinds = kinds
    }

    /// True when a record of `source` and `kind` is read by the analyzer.
    public func admits(source: String, kind: EventKind) -> Bool {
        kinds.contains(kind) && (sources.isEmpty || sources.contains { $0.matches(source) })
    }
}

extension LocationPlacesDefinition {
    public var input: AnalyzerInput { AnalyzerInput(sources: [], kinds: [.location, .visit]) }
}

extension LocationNightActivityDefinition {
    /// Every timed record counts as activity in the night, whatever it is; only location
    /// fixes are read for what they say (where the phone sleeps). Counting timestamps would
    /// make every importer "reach" this analyzer, so only `location` is declared.
    public var input: AnalyzerInput { AnalyzerInput(sources: [], kinds: [.location]) }

    /// It counts every timed record as activity in the night, so it sees every record.
    public func observes(source: String, kind: EventKind) -> Bool { true }
}

extension RecurringIncomeDefinition {
    var input: AnalyzerInput { AnalyzerInput(sources: sources, kinds: [.transaction]) }
}

extension LateBillDefinition {
    var input: AnalyzerInput { AnalyzerInput(sources: sources, kinds: [.transaction]) }
}

extension ForeignCurrencySpendDefinition {
    var input: AnalyzerInput { AnalyzerInput(sources: sources, kinds: [.transaction]) }
}

extension TenureAnalyzerDefinition {
    public var input: AnalyzerInput { AnalyzerInput(sources: [], kinds: [.position]) }
}

extension DailyHealthDefinition {
    public var input: AnalyzerInput { AnalyzerInput(sources: sources, kinds: [.healthRecord]) }
}

extension CardPointsDefinition {
    var input: AnalyzerInput { AnalyzerInput(sources: sources, kinds: [.transaction]) }
}
