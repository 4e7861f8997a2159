import Foundation
import StewardCore

/// Who wrote to the person in the chats of a scan, and how often (`ScanReport.contacts`). Bounded:
/// after `distinctLimit` names, messages from new names are not tallied (a chat export of a
/// large group could otherwise hold every member of a city); the list keeps the most frequent.
struct ContactTally: Sendable {
    static let distinctLimit = 10_000
    private(set) var counts: [String: Int] = [:]

    mutating func add(_ name: String) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return }
        if counts[trimmed] != nil || counts.count < Self.distinctLimit { counts[trimmed, default: 0] += 1 }
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
            .map { ScanReport.Contact(name: $0.key, messages: $0.value) }
    }
}
