import StewardCore

/// Turns a scan report into text in one output format.
public protocol Reporter: Sendable {
    /// The whole report, ending with a newline.
    func render(_ report: ScanReport) -> String
}
