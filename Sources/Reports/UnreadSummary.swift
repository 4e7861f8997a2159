import StewardCore

/// The line that ends a cut list of unread files: "… and 19,900 more (20,000 in all: 19,990
/// not recognized, 10 over a limit)". The same words in every report format.
enum UnreadSummary {
    /// nil when the list holds every file.
    static func more(_ total: Int, listed: Int, totals: ScanReport.UnreadTotals?) -> String? {
        guard total > listed else { return nil }
        var line = "… and \(grouped(total - listed)) more"
        let kinds = (totals?.byReason ?? []).filter { $0.reason != UnreadReason.companion.rawValue }
        if !kinds.isEmpty {
            line += " (\(grouped(total)) in all: " + kinds.map { "\(grouped($0.files)) \($0.reason)" }.joined(separator: ", ") + ")"
        }
        return line
    }

    /// 19900 → "19,900", without Foundation's locale-dependent formatting.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
