/// "Did you mean": the valid names nearest to a mistyped one, by edit distance (a typo such as
/// `finance.gamblng`) or by sharing the last part (`gambling` for `finance.gambling`, a file
/// name for its path).
public enum ClosestNames {
    /// Up to `limit` candidates, nearest first; none when nothing is plausibly meant.
    public static func closest(to name: String, among candidates: [String], limit: Int = 3) -> [String] {
        let wanted = Array(name.lowercased())
        let wantedTail = lastPart(name.lowercased())
        var scored: [(name: String, distance: Int)] = []
        for candidate in Set(candidates) {
            let lower = candidate.lowercased()
            var distance = editDistance(wanted, Array(lower))
            // Naming only the last part of an id or a path is a near miss, not a far one.
            if !wantedTail.isEmpty && lastPart(lower) == wantedTail { distance = min(distance, 1) }
            // A source family typed alone (`bankk` for `bank.csv`), or a wrong member of the right
            // family (`bank.xyz`): compare the first dotted parts.
            else if !lower.contains("/"), lower.contains("."), let family = lower.split(separator: ".").first {
                let wantedFamily = name.lowercased().split(separator: ".").first.map(Array.init) ?? []
                distance = min(distance, 1 + editDistance(wanted, Array(family)), 2 + editDistance(wantedFamily, Array(family)))
            }
            else if lower.contains(name.lowercased()) && name.count >= 3 { distance = min(distance, 2) }
            let allowed = max(2, wanted.count / 3)
            if distance <= allowed { scored.append((candidate, distance)) }
        }
        return scored.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }.prefix(limit).map(\.name)
    }

    private static func lastPart(_ text: String) -> String {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        // Paths end in a file or folder name; ids in their last dotted part.
        let separators: Set<Character> = trimmed.contains("/") ? ["/", "!"] : ["."]
        if let index = trimmed.lastIndex(where: { separators.contains($0) }) {
            return String(trimmed[trimmed.index(after: index)...])
        }
        return trimmed
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
