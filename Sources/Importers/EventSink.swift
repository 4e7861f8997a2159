import StewardCore

/// Where a parser delivers events and per-record problems. The pipeline attaches the path;
/// the parser only states positions. A bad record is counted and reported, and parsing goes on.
public final class EventSink {
    public private(set) var eventCount = 0
    public private(set) var skippedCount = 0
    /// The earliest and latest time among the records delivered (for the report's inventory).
    public private(set) var firstTime: Timestamp?
    public private(set) var lastTime: Timestamp?
    /// The first `maxIssues` problems, each with its position; the rest are only counted.
    public private(set) var issues: [String] = []
    /// Which of `issues` are warnings (no record lost), so reports can show them apart.
    private var isWarning: [Bool] = []
    /// The issues that lost records or ended the file: skips and their overflow line.
    public var errors: [String] { zip(issues, isWarning).filter { !$0.1 }.map(\.0) }
    /// The issues recorded with `warn`: how records were read, not records lost.
    public var warnings: [String] { zip(issues, isWarning).filter { $0.1 }.map(\.0) }
    public let maxIssues: Int
    private let handler: (consuming Event) -> Void

    public init(maxIssues: Int = 50, handler: @escaping (consuming Event) -> Void) {
        self.maxIssues = maxIssues
        self.handler = handler
    }

    /// Delivers one parsed record, or skips it when a time, coordinate or quantity is not
    /// plausible (`EventPlausibility`): the last guard before the rules do arithmetic on it.
    @inline(__always)
    public func emit(_ event: consuming Event) {
        if let problem = EventPlausibility.problem(in: event) {
            skip(problem.description, at: event.position)
            return
        }
        eventCount += 1
        if let time = event.time {
            if firstTime.map({ time.epochSeconds < $0.epochSeconds }) ?? true { firstTime = time }
            if lastTime.map({ time.epochSeconds > $0.epochSeconds }) ?? true { lastTime = time }
        }
        handler(event)
    }

    /// Records a record that could not be read, and why; the parser then carries on.
    public func skip(_ reason: String, at position: SourcePosition) {
        skippedCount += 1
        note("\(position): \(reason)", warning: false)
    }

    /// Records a problem that loses no record (e.g. an unknown date format defaulted).
    public func warn(_ message: String, at position: SourcePosition? = nil) {
        note(position.map { "\($0): \(message)" } ?? message, warning: true)
    }

    private func note(_ text: String, warning: Bool) {
        if issues.count < maxIssues {
            issues.append(text)
            isWarning.append(warning)
        } else if issues.count == maxIssues {
            issues.append("… further problems not listed")
            isWarning.append(false)
        }
    }
}

/// Collects events into an array: for tests and for small in-memory inputs.
public final class EventCollector {
    public private(set) var events: [Event] = []
    public lazy var sink: EventSink = EventSink { [unowned self] in self.events.append($0) }
    public init() {}
}
