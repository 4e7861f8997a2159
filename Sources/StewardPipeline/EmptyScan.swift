import StewardCore

/// No records, no score: a scan that read nothing would otherwise print the tier of a clean
/// record ("A+, pass") for an empty folder or a mistyped path. This says instead which paths
/// gave nothing and why (see docs/architecture.md, "No score without data").
enum EmptyScan {
    /// Throws `.nothingRead` when no input yielded a record.
    static func check(paths: [String], inputs: [ScanReport.Input], unrecognized: [ScanReport.Unrecognized]) throws(StewardError) {
        guard inputs.allSatisfy({ $0.events == 0 }) else { return }
        var reasons = unrecognized
        reasons += inputs.map { .init(path: $0.path, reason: "read as \($0.source), but it holds no records") }
        // A folder with no files leaves no trace in either list.
        for root in paths where !reasons.contains(where: { $0.path == root || $0.path.hasPrefix(root.hasSuffix("/") ? root : root + "/") }) {
            reasons.append(.init(path: root, reason: "no files in it"))
        }
        throw .nothingRead(paths: paths, reasons: reasons.sorted { $0.path < $1.path })
    }
}
