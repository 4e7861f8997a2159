/// Why a file was not read, in a few kinds: long lists of unread files are cut to their first
/// `UnreadFiles.listLimit` paths and the rest is counted by these kinds (docs/privacy.md, "Limits").
public enum UnreadReason: String, Sendable, Codable, CaseIterable, Comparable {
    case notRecognized = "not recognized"
    case companion = "export companion file"
    case overLimit = "over a limit"
    case damaged = "damaged or unreadable"
    case linkNotFollowed = "link not followed"
    case notRegularFile = "not a regular file"
    case missing = "no such file"
    case insideArchive = "cannot be read inside an archive"

    /// The kind of a reason text as the readers word it (ExportReader, InputDiscovery, the
    /// archive readers). Anything not matched is a file no importer recognised.
    public static func of(_ reason: String) -> UnreadReason {
        let text = reason.lowercased()
        func has(_ words: String...) -> Bool { words.contains { text.contains($0) } }
        if has("zip bomb", "larger than", "more than", "limit", "nested", "too large", "too long", "too many") { return .overLimit }
        if has("no such file") { return .missing }
        if has("symbolic link", "link inside an archive") { return .linkNotFollowed }
        if has("not a regular file") { return .notRegularFile }
        if has("inside an archive: extract") { return .insideArchive }
        if has("damaged", "cannot read", "cannot be read", "truncated", "unsupported", "no longer in the archive",
               "malicious", "overlap") { return .damaged }
        return .notRecognized
    }

    public static func < (a: UnreadReason, b: UnreadReason) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A bounded list of unread files: the first `limit` paths in path order, and every file
/// counted by kind of reason. Memory stays at `limit` entries however many files an archive
/// holds (a million one-byte members would otherwise be a million report lines).
public struct UnreadFiles: Sendable {
    /// Paths listed in a report before the rest is only counted.
    public static let listLimit = 100

    public let limit: Int
    /// The kept entries; sorted and cut to `limit` only by `listed`, so adding stays cheap.
    private var kept: [ScanReport.Unrecognized] = []
    public private(set) var total = 0
    public private(set) var counts: [UnreadReason: Int] = [:]

    public init(limit: Int = UnreadFiles.listLimit) { self.limit = max(0, limit) }

    public mutating func add(_ item: ScanReport.Unrecognized, kind: UnreadReason? = nil) {
        total += 1
        counts[kind ?? UnreadReason.of(item.reason), default: 0] += 1
        kept.append(item)
        // Trimmed in batches: amortized O(log limit) per file, never more than 2 × limit kept.
        if kept.count >= 2 * max(limit, 1) { trim() }
    }

    public mutating func add(_ other: UnreadFiles) {
        total += other.total
        for (kind, count) in other.counts { counts[kind, default: 0] += count }
        kept += other.kept
        trim()
    }

    private mutating func trim() {
        kept.sort { ($0.path, $0.reason) < ($1.path, $1.reason) }
        if kept.count > limit { kept.removeLast(kept.count - limit) }
    }

    /// The first `limit` entries by path.
    public var listed: [ScanReport.Unrecognized] {
        var copy = self
        copy.trim()
        return copy.kept
    }

    /// Files counted but not listed.
    public var omitted: Int { total - min(total, limit) }

    /// Counts by kind, in the order of `UnreadReason`.
    public var byReason: [ScanReport.ReasonCount] {
        counts.sorted { $0.key < $1.key }.map { .init(reason: $0.key.rawValue, files: $0.value) }
    }
}
