import Foundation
import StewardCore

/// Overlap check for what the analyzers count (docs/duplicates.md): location fixes, visits and
/// transactions read from two inputs (two downloads of one Takeout, the phone's Timeline export
/// beside Records.json, a bank's CSV beside its OFX) reach the analyzers once. Shared by the
/// sessions of a scan and split into shards with a lock each, since every fix passes here.
///
/// The keys of admitted records are kept up to `capacity`, in eight bytes each (`Shard`: 16 MB
/// at the default's million keys, where a dictionary of keys and inputs took 26 MB and was most
/// of a GPX folder's peak memory); past it, records are admitted without a check and the report
/// says how many, so memory stays bounded whatever the size of the export (docs/duplicates.md).
public final class OverlapGate: @unchecked Sendable {
    public static let defaultCapacity = 1_000_000
    public static let shardCount = 16

    /// An open-addressing table (linear probing) of the keys a shard admitted. A slot holds the
    /// top 48 bits of the mixed key and, in its low 16, the input that first delivered it plus
    /// one; 0 is an empty slot. Two keys of one shard whose mixed tops are equal count as one:
    /// with 52 bits telling keys apart (48 and the shard's 4), a million keys merge a record
    /// that is not a copy about once in 9,000 scans (docs/duplicates.md). The table doubles while
    /// at most three quarters full, up to the shard's capacity.
    private final class Shard {
        let lock = NSLock()
        var slots = [UInt64](repeating: 0, count: 64)
        var count = 0
        /// (smaller input id << 32 | larger) → records merged between those two inputs.
        var mergedByPair: [UInt64: Int] = [:]
        var unchecked = 0

        /// The slot holding `tag`, or the empty slot where it belongs.
        func slot(of tag: UInt64) -> Int {
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: tag >> 16) & mask
            while slots[i] != 0 && slots[i] & OverlapGate.tagMask != tag { i = (i + 1) & mask }
            return i
        }

        func grow() {
            let old = slots
            slots = [UInt64](repeating: 0, count: old.count * 2)
            for value in old where value != 0 { slots[slot(of: value & OverlapGate.tagMask)] = value }
        }
    }

    /// The bits of a slot that come from the key, and the largest input id a slot can hold.
    static let tagMask: UInt64 = ~0xFFFF
    static let largestInputId: UInt32 = 0xFFFE

    /// A bijective mix of the key, so that keys differing only in low bits (tests' small
    /// numbers, or a hash's weak end) still differ in the slot's top 48 bits.
    static func tag(of key: UInt64) -> UInt64 {
        var x = key
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        x ^= x >> 31
        return x & tagMask
    }

    private let shards: [Shard]
    private let shardCapacity: Int
    private let pathLock = NSLock()
    private var paths: [String] = []
    private var pathIds: [String: UInt32] = [:]

    /// Family and kind pairs that two or more inputs of the scan can deliver: only their
    /// records are checked (nil: check every gated kind). A Takeout's one Records.json then
    /// costs nothing here, while two of them, or a CSV beside an OFX, are reconciled.
    private let checked: Set<String>?

    /// Inputs of a checked family and kind whose part (`OverlapInput.part`: the month of a
    /// Semantic Location History file) no other input can hold: a lone Takeout's month files
    /// are many inputs of one family, yet no two hold the same visit.
    private let uncheckedInputs: Set<String>

    public init(capacity: Int = OverlapGate.defaultCapacity, checking checked: Set<String>? = nil,
                except uncheckedInputs: Set<String> = []) {
        shards = (0..<Self.shardCount).map { _ in Shard() }
        shardCapacity = max(0, capacity) / Self.shardCount
        self.checked = checked
        self.uncheckedInputs = uncheckedInputs
    }

    /// The gate for a scan whose inputs will be read by these importers (a nil source: an input
    /// whose content is not known before it is read, such as a .tgz, so every gated kind is
    /// checked; a nil part: the input may hold any part of its family).
    public convenience init(capacity: Int = OverlapGate.defaultCapacity, inputs: [OverlapInput]) {
        var groups: [String: [OverlapInput]] = [:]
        var unknown = false
        for input in inputs {
            guard let source = input.source else { unknown = true; continue }
            for kind in OverlapKey.gatedKinds(ofSource: source) {
                groups[OverlapKey.family(of: source) + "/" + kind.rawValue, default: []].append(input)
            }
        }
        let checked = groups.filter { $0.value.count > 1 }
        self.init(capacity: capacity, checking: unknown ? nil : Set(checked.keys),
                  except: unknown ? [] : OverlapInput.aloneInTheirPart(checked.values))
    }

    /// The same for inputs of unknown part (tests, and scans whose files are not sniffed).
    public convenience init(capacity: Int = OverlapGate.defaultCapacity, inputSources: [String?]) {
        self.init(capacity: capacity,
                  inputs: inputSources.enumerated().map { OverlapInput(source: $1, path: "#\($0)", part: nil) })
    }

    /// Whether records of this source and kind read from the input at `path` are checked
    /// (sessions ask once per source and input).
    public func checks(source: String, kind: EventKind, path: String) -> Bool {
        guard OverlapKey.isGated(kind) else { return false }
        guard let checked else { return true }
        return checked.contains(OverlapKey.family(of: source) + "/" + kind.rawValue) && !uncheckedInputs.contains(path)
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

    /// The path of an input number `inputId` gave.
    public func path(of id: UInt32) -> String {
        pathLock.lock(); defer { pathLock.unlock() }
        return paths[Int(id)]
    }

    /// Whether analyzers should see the record with this key from input `input`: false when
    /// another input already delivered it.
    public func admits(key: UInt64, input: UInt32) -> Bool {
        let shard = shards[Int(key % UInt64(Self.shardCount))]
        shard.lock.lock(); defer { shard.lock.unlock() }
        // More inputs of checked families than a slot can name (65,534) go unchecked.
        guard input <= Self.largestInputId, shardCapacity > 0 else {
            shard.unchecked += 1
            return true
        }
        let tag = Self.tag(of: key)
        var i = shard.slot(of: tag)
        if shard.slots[i] != 0 {
            let first = UInt32(shard.slots[i] & 0xFFFF) - 1
            guard first != input else { return true }
            let pair = first < input ? (UInt64(first) << 32 | UInt64(input)) : (UInt64(input) << 32 | UInt64(first))
            shard.mergedByPair[pair, default: 0] += 1
            return false
        }
        guard shard.count < shardCapacity else {
            shard.unchecked += 1
            return true
        }
        if (shard.count + 1) * 4 > shard.slots.count * 3 {
            shard.grow()
            i = shard.slot(of: tag)
        }
        shard.slots[i] = tag | UInt64(input + 1)
        shard.count += 1
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
