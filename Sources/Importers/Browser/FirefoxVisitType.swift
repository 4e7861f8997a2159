/// Firefox's `moz_historyvisits.visit_type`, the TRANSITION_* constants of
/// nsINavHistoryService (1 = LINK … 9 = RELOAD), named like Chrome's transitions.
enum FirefoxVisitType {
    static let names = [
        1: "LINK", 2: "TYPED", 3: "BOOKMARK", 4: "EMBED", 5: "REDIRECT_PERMANENT",
        6: "REDIRECT_TEMPORARY", 7: "DOWNLOAD", 8: "FRAMED_LINK", 9: "RELOAD",
    ]

    static func name(_ visitType: Int64) -> String? {
        guard let small = Int(exactly: visitType) else { return nil }
        return names[small]
    }
}
