/// One row of the `scans` table, as `steward report` and `steward diff` list them.
public struct StoredScan: Sendable, Hashable {
    public var id: String
    /// ISO 8601 start time as the pipeline gave it.
    public var started: String
    /// ISO 8601 time `finishScan` ran; nil for a scan that never finished.
    public var finished: String?
    public var paths: [String]
    public var toolVersion: String
    public var rulesVersion: String

    public init(id: String, started: String, finished: String?, paths: [String],
                toolVersion: String, rulesVersion: String) {
        self.id = id
        self.started = started
        self.finished = finished
        self.paths = paths
        self.toolVersion = toolVersion
        self.rulesVersion = rulesVersion
    }
}
