import StewardCore

/// No records, no score: a scan that read nothing would otherwise print the tier of a clean
/// record ("A+, pass") for an empty folder or a mistyped path. This says instead which paths
/// gave nothing and why (see docs/architecture.md, "No score without data").
enum EmptyScan {
    /// Throws `.nothingRead` when no input yielded a record.
    /// `unread` lists the first files not read (with every one counted); a root none of the
    /// listed files is under counts as empty only when nothing was left out of the list.
    static func check(paths: [String], inputs: [ScanReport.Input], unread: UnreadFiles) throws(StewardError) {
        guard inputs.allSatisfy({ $0.events == 0 }) else { return }
        var reasons = unread.listed
        reasons += inputs.prefix(UnreadFiles.listLimit).map { .init(path: $0.path, reason: "read as \($0.source), but it holds no records") }
        // A folder with no files leaves no trace in either list.
        if unread.omitted == 0 && inputs.count <= UnreadFiles.listLimit {
            for root in paths where !reasons.contains(where: { $0.path == root || $0.path.hasPrefix(root.hasSuffix("/") ? root : root + "/") }) {
                reasons.append(.init(path: root, reason: "no files in it"))
            }
        }
        let more = unread.omitted + max(0, inputs.count - UnreadFiles.listLimit)
        throw .nothingRead(paths: paths, reasons: reasons.sorted { $0.path < $1.path }, more: more)
    }
}
