import Foundation
import StewardCore

/// Overlap check for what the analyzers count (docs/duplicates.md): location fixes, visits and
/// transactions read from two inputs (two downloads of one Takeout, the phone's Timeline export
/// beside Records.json, a bank's CSV beside its OFX) reach the analyzers once. Shared by the
/// sessions of a scan and split into shards with a lock each, since every fix passes here.
///
/// The keys of admitted records are kept up to `capacity` (about 20 bytes each: the default
/// is about 40 MB); past it, records are admitted without a check and the report says how
/// many, so memory stays bounded whatever the size of the export.
public final class OverlapGate: @unchecked Sendable {
    public static let defaultCapacity = 2_000_000
    public static let shardCount = 16

    private final class Shard {
        let lock = NSLock()
        /// Key → input that first delivered it.
        var firstInput: [UInt64: UInt32] = [:]
        /// (smaller input id << 32 | larger) → records merged between those two inputs.
        var mergedByPair: [UInt64: Int] = [:]
        var unchecked = 0
    }

    private let shards: [Shard]
    private let shardCapacity: Int
    private let pathLock = NSLock()
    private var paths: [String] = []
    private var pathIds: [String: UInt32] = [:]

    public init(capacity: Int = OverlapGate.defaultCapacity) {
        shards = (0..<Self.shardCount).map { _ in Shard() }
        shardCapacity = max(0, capacity) / Self.shardCount
    }

    /// A small number for an input path (sessions ask once per input, not per record).
    public func inputId(_ path: String) -> UInt32 {
        pathLock.lock(); defer { pathLock.unlock() }
        if let id = pathIds[path] { return id }
        let id = UInt32(paths.count)
        paths.append(path)
        pathIds[path] = id
        return id
    }

    /// Whether analyzers should see the record with this key from input `input`: false when
    /// another input already delivered it.
    public func admits(key: UInt64, input: UInt32) -> Bool {
        let shard = shards[Int(key % UInt64(Self.shardCount))]
        shard.lock.lock(); defer { shard.lock.unlock() }
        if let first = shard.firstInput[key] {
            guard first != input else { return true }
            let pair = first < input ? (UInt64(first) << 32 | UInt64(input)) : (UInt64(input) << 32 | UInt64(first))
            shard.mergedByPair[pair, default: 0] += 1
            return false
        }
        guard shard.firstInput.count < shardCapacity else {
            shard.unchecked += 1
            return true
        }
        shard.firstInput[key] = input
        return true
    }

    /// Records kept from analyzers because another input had delivered them, per pair of inputs.
    public func mergedRecords() -> [OverlapSummary.MergedRecords] {
        var total: [UInt64: Int] = [:]
        for shard in shards {
            shard.lock.lock()
            total.merge(shard.mergedByPair, uniquingKeysWith: +)
            shard.lock.unlock()
        }
        pathLock.lock(); defer { pathLock.unlock() }
        return total.map { pair, records in
            OverlapSummary.MergedRecords(inputs: [paths[Int(pair >> 32)], paths[Int(pair & 0xFFFF_FFFF)]].sorted(), records: records)
        }.sorted { $0.inputs.lexicographicallyPrecedes($1.inputs) }
    }

    /// Records admitted without a check because the gate was full.
    public var unchecked: Int {
        shards.reduce(0) { total, shard in
            shard.lock.lock(); defer { shard.lock.unlock() }
            return total + shard.unchecked
        }
    }
}
