import StewardCore

/// Decides which sender in a chat export is the person who downloaded it, so that messages by
/// everyone else are marked `authoredByOthers` (third parties' words: counted, never quoted).
/// Chat exports do not say who the owner is; the owner is the one sender present in every
/// conversation, so within one export file the best cheap guess is **the most frequent
/// sender**; ties go to the participant listed last (Facebook and Instagram list the account
/// owner last in `participants`), then to the name that sorts first (deterministic).
///
/// Messages are held back until the guess is made: at the end of the file, or once
/// `capacity` messages are pending (then the guess so far is final for the rest of the file,
/// which keeps memory bounded; Facebook splits threads into files of 10,000 messages anyway).
struct ConversationOwnerGuess {
    private struct Pending {
        var event: Event
        var sender: String
        var recipient: String?
    }

    let capacity: Int
    /// Names in the order the file lists them (Meta's `participants`).
    var participants: [String] = []
    private(set) var owner: String?
    private var pending: [Pending] = []
    private var counts: [String: Int] = [:]

    init(capacity: Int = 20_000) {
        self.capacity = max(1, capacity)
    }

    /// Queues (or, once the owner is known, delivers) a message sent by `sender`.
    mutating func add(_ event: Event, sender: String?, recipient: String? = nil, into sink: EventSink) {
        guard let sender, !sender.isEmpty else {
            // No sender (system notices): nobody's words to protect or to attribute.
            var event = event
            event.authoredByOthers = true
            sink.emit(event)
            return
        }
        if let owner {
            sink.emit(attributed(Pending(event: event, sender: sender, recipient: recipient), owner: owner))
            return
        }
        counts[sender, default: 0] += 1
        pending.append(Pending(event: event, sender: sender, recipient: recipient))
        if pending.count >= capacity { flush(into: sink) }
    }

    /// Also counts a participation that is not a sent message (a DM's recipient).
    mutating func note(participant: String) {
        guard owner == nil, !participant.isEmpty else { return }
        counts[participant, default: 0] += 1
    }

    /// Makes the guess and delivers everything held back.
    mutating func flush(into sink: EventSink) {
        if owner == nil { owner = guess() }
        guard let owner else { return }
        for item in pending { sink.emit(attributed(item, owner: owner)) }
        pending.removeAll(keepingCapacity: false)
    }

    private func guess() -> String? {
        var best: (name: String, count: Int, rank: Int)?
        for (name, count) in counts {
            let rank = participants.lastIndex(of: name) ?? -1
            if let b = best {
                if count < b.count { continue }
                if count == b.count && (rank < b.rank || (rank == b.rank && name > b.name)) { continue }
            }
            best = (name, count, rank)
        }
        return best?.name
    }

    private func attributed(_ item: Pending, owner: String) -> Event {
        var event = item.event
        if item.sender == owner {
            event.authoredByOthers = false
            event.counterparty = item.recipient ?? otherParticipants(than: owner)
        } else {
            event.authoredByOthers = true
            event.counterparty = item.sender
        }
        return event
    }

    private func otherParticipants(than owner: String) -> String? {
        let others = participants.filter { $0 != owner }
        guard !others.isEmpty else { return nil }
        let shown = others.prefix(5).joined(separator: ", ")
        return others.count > 5 ? shown + " and \(others.count - 5) more" : shown
    }
}
