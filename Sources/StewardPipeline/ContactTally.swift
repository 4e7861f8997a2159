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
    /// Messages per key. Read at the end only; while messages arrive they are counted in
    /// `slotCounts`, so a remembered name costs one hash of the (short) name per message
    /// instead of three of the 64-character key.
    var counts: [String: Int] {
        var result: [String: Int] = [:]
        for (key, slot) in slotOfKey where slotCounts[slot] > 0 { result[key] = slotCounts[slot] }
        return result
    }
    /// The slot of each key counted so far (at most `distinctLimit` keys get one).
    private var slotOfKey: [String: Int] = [:]
    private var slotCounts: [Int] = []
    /// Remembered names and their key's slot (-1: the key got none, its messages are not tallied).
    private var slotOfName: [String: Int] = [:]

    mutating func add(_ name: String) {
        if let slot = slotOfName[name] {
            if slot >= 0 { slotCounts[slot] += 1 }
            return
        }
        guard !name.allSatisfy(\.isWhitespace) else { return }
        let key = ScanReport.Contact.key(forName: name)
        let slot: Int
        if let known = slotOfKey[key] {
            slot = known
        } else if slotOfKey.count < Self.distinctLimit {
            slot = slotCounts.count
            slotOfKey[key] = slot
            slotCounts.append(0)
        } else {
            slot = -1
        }
        if slotOfName.count < Self.rememberedNames { slotOfName[name] = slot }
        if slot >= 0 { slotCounts[slot] += 1 }
    }

    mutating func merge(_ other: ContactTally) {
        for (key, count) in other.counts {
            if let slot = slotOfKey[key] {
                slotCounts[slot] += count
            } else if slotOfKey.count < Self.distinctLimit {
                slotOfKey[key] = slotCounts.count
                slotCounts.append(count)
            }
        }
    }

    /// Most messages first (then by name), at most `ScanReport.Contact.listLimit`; nil when none.
    var listed: [ScanReport.Contact]? {
        let counts = self.counts
        guard !counts.isEmpty else { return nil }
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(ScanReport.Contact.listLimit)
            .map { ScanReport.Contact(key: $0.key, messages: $0.value) }
    }
}
