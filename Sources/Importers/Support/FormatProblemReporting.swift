import Formats
import StewardCore

// What the format readers find wrong, said to an importer's sink. The readers in Formats know
// nothing of sinks, so that a reader stays a pure parser usable by the fuzzers and tests alone.

extension MarkupError {
    /// Reports the problem: a skipped record when records were lost, else a warning.
    public func report(to sink: EventSink, record: Int? = nil) {
        let position = SourcePosition(line: line, record: record)
        if losesRecords { sink.skip(description, at: position) } else { sink.warn(description, at: position) }
    }
}

extension ImmutableSQLiteInput {
    /// Warns when the database's write-ahead log holds changes an immutable read cannot see.
    func warnAboutWriteAheadLog(_ sink: EventSink) {
        if let warning = pendingWriteAheadLogWarning { sink.warn(warning) }
    }
}
