import Foundation
import StewardCore
import Archives

/// Finds inputs whose bytes are identical (a download saved twice, a zip beside its extracted
/// folder, the same member in two archives) so that each content is read once. Only inputs that
/// could be equal are hashed: same size, and for two zip members also the same CRC-32 from the
/// central directory. A scan without copies therefore hashes nothing; a candidate is streamed
/// once more (1 MiB chunks, XXH64), which costs far less than parsing it. See docs/duplicates.md.
public struct IdenticalInputFinder: Sendable {
    /// One input not read because another with the same bytes is.
    public struct Copy: Sendable, Equatable {
        public var path: String
        public var copyOf: String
    }

    public struct Result: Sendable {
        /// The tasks to read, in their original order.
        public var tasks: [ReadTask]
        public var copies: [Copy]
        /// Bytes streamed to compare candidates.
        public var hashedBytes: Int64
    }

    public let reader: ExportReader
    /// Empty inputs are left alone: they carry nothing to count twice.
    public static let minimumSize: Int64 = 1

    public init(reader: ExportReader) { self.reader = reader }

    /// `prefers(a, b)`: whether `a` should be the copy that is read when `a` and `b` are
    /// identical (the scan prefers paths a what-if does not exclude, then the smaller path, so
    /// the choice does not depend on timing). `jobs` threads hash candidates.
    public func removeCopies(from tasks: [ReadTask], jobs: Int,
                             prefers: (String, String) -> Bool) -> Result {
        var bySize: [Int64: [Int]] = [:]
        for (index, task) in tasks.enumerated() {
            guard let size = Self.contentSize(of: task), size >= Self.minimumSize else { continue }
            bySize[size, default: []].append(index)
        }
        var candidates: [Int] = []
        // Linear in the group: an archive of 20,000 members of one size must not take 20,000²
        // comparisons (docs/privacy.md, "Limits").
        for (_, group) in bySize where group.count > 1 {
            var filesInGroup = 0
            var membersByCRC: [UInt32: Int] = [:]
            for index in group {
                if let crc = Self.memberCRC(tasks[index]) { membersByCRC[crc, default: 0] += 1 } else { filesInGroup += 1 }
            }
            for index in group {
                // A file may equal any other input of its size; a member, a file or a member of its CRC.
                let others = Self.memberCRC(tasks[index]).map { filesInGroup + membersByCRC[$0, default: 0] - 1 } ?? group.count - 1
                if others > 0 { candidates.append(index) }
            }
        }
        guard !candidates.isEmpty else { return Result(tasks: tasks, copies: [], hashedBytes: 0) }
        candidates.sort()

        let digests = hash(candidates.map { tasks[$0] }, jobs: jobs)
        var groups: [Key: [Int]] = [:]
        var hashedBytes: Int64 = 0
        for (position, index) in candidates.enumerated() {
            guard let digest = digests[position] else { continue }
            hashedBytes += Self.contentSize(of: tasks[index]) ?? 0
            groups[Key(size: Self.contentSize(of: tasks[index]) ?? 0, digest: digest), default: []].append(index)
        }
        var dropped = Set<Int>()
        var copies: [Copy] = []
        for (_, group) in groups where group.count > 1 {
            let kept = group.min { prefers(tasks[$0].displayPath, tasks[$1].displayPath) }!
            for index in group where index != kept {
                dropped.insert(index)
                copies.append(Copy(path: tasks[index].displayPath, copyOf: tasks[kept].displayPath))
            }
        }
        copies.sort { $0.path < $1.path }
        let remaining = tasks.indices.filter { !dropped.contains($0) }.map { tasks[$0] }
        return Result(tasks: remaining, copies: copies, hashedBytes: hashedBytes)
    }

    private struct Key: Hashable {
        var size: Int64
        var digest: UInt64
    }

    /// Inflated size of a task's content when known without reading it.
    static func contentSize(of task: ReadTask) -> Int64? {
        switch task {
        case .file(let file): return file.size
        case .zipMember(_, _, _, _, let size, _): return size
        }
    }

    /// The CRC-32 a zip member's central directory records; nil for a file.
    static func memberCRC(_ task: ReadTask) -> UInt32? {
        if case .zipMember(_, _, _, _, _, let crc) = task { return crc }
        return nil
    }

    /// XXH64 of each task's bytes (nil when it cannot be read: reading it later reports why).
    /// Tasks are split into contiguous runs, one per thread, so members of one archive reach a
    /// thread in increasing order and its cursor reads the central directory once.
    private func hash(_ tasks: [ReadTask], jobs: Int) -> [UInt64?] {
        let threads = max(1, min(jobs, tasks.count))
        let results = DigestSlots(count: tasks.count)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let cursor = ZipMemberCursor()
            let range = (tasks.count * thread / threads)..<(tasks.count * (thread + 1) / threads)
            for index in range {
                var hasher = ContentHash()
                let read = reader.withContent(of: tasks[index], cursor: cursor) { source in
                    try source.stream { chunk in
                        hasher.update(chunk)
                        return .more
                    }
                }
                results.set(index, read ? hasher.digest : nil)
            }
        }
        return results.values
    }
}

/// Digest slots written by hashing threads, each slot by exactly one thread.
private final class DigestSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [UInt64?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: UInt64?) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = value
    }
    var values: [UInt64?] {
        lock.lock(); defer { lock.unlock() }
        return slots
    }
}
