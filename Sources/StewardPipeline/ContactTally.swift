import Foundation
import StewardCore

/// Who wrote to the person in the chats of a scan, and how often (`ScanReport.contacts`), by the
/// key of each name (never the name itself). Bounded:
/// after `distinctLimit` names, messages from new names are not tallied (a chat export of a
/// large group could otherwise hold every member of a city); the list keeps the most frequent.
struct ContactTally: Sendable {
    static let distinctLimit = 10_000
    /// Names whose key is remembered. A chat repeats a handful of senders on every message, and
    /// the key (case folding, whitespace and SHA-256) cost half the CPU of a WhatsApp scan
    /// (docs/performance.md, "Per-format table"); past this many names keys are computed again.
    static let rememberedNames = 20_000
    private(set) var counts: [String: Int] = [:]
    private var keyOfName: [String: String] = [:]

    mutating func add(_ name: String) {
        let key: String
        if let known = keyOfName[name] {
            key = known
        } else {
            guard !name.allSatisfy(\.isWhitespace) else { return }
            key = ScanReport.Contact.key(forName: name)
            if keyOfName.count < Self.rememberedNames { keyOfName[name] = key }
        }
        if counts[key] != nil || counts.count < Self.distinctLimit { counts[key, default: 0] += 1 }
    }

    mutating func merge(_ other: ContactTally) {
        for (name, count) in other.counts where counts[name] != nil || counts.count < Self.distinctLimit {
            counts[name, default: 0] += count
        }
    }

    /// Most messages first (then by name), at most `ScanReport.Contact.listLimit`; nil when none.
    var listed: [ScanReport.Contact]? {
        guard !counts.isEmpty else { return nil }
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(ScanReport.Contact.listLimit)
            .map { ScanReport.Contact(key: $0.key, messages: $0.value) }
    }
}
