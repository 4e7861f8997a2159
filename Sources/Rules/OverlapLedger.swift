import Foundation
import StewardCore

/// The records that counted toward findings, by `OverlapKey`, shared by every inference
/// session of a scan, so a record met in two inputs (two downloads of one Takeout, a bank's CSV
/// and OFX) counts once whichever worker reads it first (docs/duplicates.md).
///
/// Only matched records are entered (one entry per record and attribute), so the ledger grows
/// with what findings already count, not with the export. It holds at most `capacity` entries;
/// past that, records are counted without a check and the report says how many.
public final class OverlapLedger: @unchecked Sendable {
    /// What a session does with one record of one attribute.
    public enum Claim: Equatable {
        /// First seen: count it for every rule that fired.
        case new
        /// Already counted from another input for the rules `previous`; with this input's rules
        /// it is now counted for `union` (usually the same rules).
        case seen(previous: [Int], union: [Int])
        /// The ledger is full: count it without a check.
        case unchecked
    }

    private struct Entry {
        var combination: UInt32
        var inputs: UInt32
        /// The entry that counts the record in the report: the record's first attribute, unless
        /// the gate counts records of its kind.
        var primary: Bool
    }

    /// Entries kept at most; an entry costs about 60 bytes with the hash table's growth, so the
    /// default is about 30 MB at most.
    public static let defaultCapacity = 500_000
    public let capacity: Int

    private let lock = NSLock()
    private var entries: [UInt64: Entry] = [:]
    private var combinations: [[Int]] = []
    private var combinationIds: [[Int]: UInt32] = [:]
    private var inputSets: [[UInt32]] = []
    private var inputSetIds: [[UInt32]: UInt32] = [:]
    private var paths: [String] = []
    private var pathIds: [String: UInt32] = [:]
    private var uncheckedRecords = 0

    /// The check for what analyzers count (location fixes, visits, transactions).
    public let gate: OverlapGate

    /// Purchases a shop or wallet lists and a statement books again; nil when the scan cannot
    /// hold both.
    public let mirrors: PaymentMirrors?

    /// Families of export (`OverlapKey.family(of:)`) that two or more inputs of the scan can
    /// deliver: only their matched records are entered (nil: every family). A record of a family
    /// only one input holds cannot be met twice, and entering it would make the ledger grow with
    /// the export (one entry per matched search of a lone Takeout) for nothing.
    public let claimedFamilies: Set<String>?

    /// Inputs of a claimed family whose part (`OverlapInput.part`: the product of a My Activity
    /// file) no other input can hold: a lone Takeout's Search and YouTube histories are two
    /// inputs of one family, yet neither can meet the other's records.
    public let unclaimedInputs: Set<String>

    public init(capacity: Int = OverlapLedger.defaultCapacity, gate: OverlapGate = OverlapGate(),
                claiming claimedFamilies: Set<String>? = nil, except unclaimedInputs: Set<String> = [],
                mirrors: PaymentMirrors? = nil) {
        self.capacity = max(0, capacity)
        self.gate = gate
        self.mirrors = mirrors
        self.claimedFamilies = claimedFamilies
        self.unclaimedInputs = unclaimedInputs
    }

    /// The ledger for a scan whose inputs will be read by these importers (a nil source: an
    /// input whose content is not known before it is read, such as a .tgz, so every family is
    /// entered; a nil part: the input may hold any part of its family).
    public convenience init(capacity: Int = OverlapLedger.defaultCapacity, gate: OverlapGate, inputs: [OverlapInput]) {
        var byFamily: [String: [OverlapInput]] = [:]
        var unknown = false
        for input in inputs {
            guard let source = input.source else { unknown = true; continue }
            byFamily[OverlapKey.family(of: source), default: []].append(input)
        }
        let claimed = byFamily.filter { $0.value.count > 1 }
        self.init(capacity: capacity, gate: gate, claiming: unknown ? nil : Set(claimed.keys),
                  except: unknown ? [] : OverlapInput.aloneInTheirPart(claimed.values),
                  mirrors: PaymentMirrors.forScan(inputSources: inputs.map(\.source)))
    }

    /// The same for inputs of unknown part (tests, and scans whose files are not sniffed).
    public convenience init(capacity: Int = OverlapLedger.defaultCapacity, gate: OverlapGate, inputSources: [String?]) {
        self.init(capacity: capacity, gate: gate,
                  inputs: inputSources.enumerated().map { OverlapInput(source: $1, path: "#\($0)", part: nil) })
    }

    /// Whether matched records of this source and kind read from the input at `path` are
    /// entered (sessions ask once per source and input). A fix, visit or transaction of a source
    /// the gate knows can only meet a record of the same kind, so the gate's finer answer holds:
    /// a Takeout's Records.json (fixes) beside its Semantic Location History months (visits)
    /// is one family of several inputs, yet no record of it can be met twice.
    public func claims(source: String, kind: EventKind, path: String) -> Bool {
        if OverlapKey.gatedKinds(ofSource: source).contains(kind) { return gate.checks(source: source, kind: kind, path: path) }
        guard let claimedFamilies else { return true }
        return claimedFamilies.contains(OverlapKey.family(of: source)) && !unclaimedInputs.contains(path)
    }

    /// Everything merged, for the report: records found in several inputs, grouped by inputs
    /// (matched records of the kinds the gate checks are counted by the gate, all others here).
    public func summary(identicalFiles: [OverlapSummary.IdenticalFile]) -> OverlapSummary {
        var byInputs: [[String]: Int] = [:]
        for merged in mergedRecords() + gate.mergedRecords() + (mirrors?.mergedRecords(path: gate.path(of:)) ?? []) {
            byInputs[merged.inputs, default: 0] += merged.records
        }
        let records = byInputs.map { OverlapSummary.MergedRecords(inputs: $0.key, records: $0.value) }
            .sorted { $0.inputs.lexicographicallyPrecedes($1.inputs) }
        return OverlapSummary(identicalFiles: identicalFiles, mergedRecords: records,
                              uncheckedRecords: unchecked + gate.unchecked + (mirrors?.unchecked ?? 0))
    }

    /// Enters one record (`key`: record and attribute) fired by `rules` (ascending rule indices)
    /// in `input`. `primary`: this is the record's first attribute (it carries the report count).
    public func claim(key: UInt64, rules: [Int], input: String, primary: Bool) -> Claim {
        lock.lock(); defer { lock.unlock() }
        let inputId = intern(path: input)
        if var entry = entries[key] {
            // The same key again from the same input is another record of that input (its
            // occurrence numbers restarted, see docs/duplicates.md): counted, not merged.
            if inputSets[Int(entry.inputs)].contains(inputId) { return .unchecked }
            let previous = combinations[Int(entry.combination)]
            let union = previous == rules ? previous : Array(Set(previous).union(rules)).sorted()
            var inputs = inputSets[Int(entry.inputs)]
            if !inputs.contains(inputId) {
                inputs.append(inputId)
                inputs.sort()
                entry.inputs = intern(inputs: inputs)
            }
            if union != previous { entry.combination = intern(combination: union) }
            entry.primary = entry.primary || primary
            entries[key] = entry
            return .seen(previous: previous, union: union)
        }
        guard entries.count < capacity else {
            if primary { uncheckedRecords += 1 }
            return .unchecked
        }
        entries[key] = Entry(combination: intern(combination: rules), inputs: intern(inputs: [inputId]), primary: primary)
        return .new
    }

    /// Records found in more than one input, grouped by the inputs they were found in.
    public func mergedRecords() -> [OverlapSummary.MergedRecords] {
        lock.lock(); defer { lock.unlock() }
        var counts: [UInt32: Int] = [:]
        for entry in entries.values where entry.primary && inputSets[Int(entry.inputs)].count > 1 {
            counts[entry.inputs, default: 0] += 1
        }
        return counts.map { id, records in
            OverlapSummary.MergedRecords(inputs: inputSets[Int(id)].map { paths[Int($0)] }.sorted(), records: records)
        }.sorted { $0.inputs.lexicographicallyPrecedes($1.inputs) }
    }

    /// Matched records counted without a check because the ledger was full.
    public var unchecked: Int {
        lock.lock(); defer { lock.unlock() }
        return uncheckedRecords
    }

    private func intern(path: String) -> UInt32 {
        if let id = pathIds[path] { return id }
        let id = UInt32(paths.count)
        paths.append(path)
        pathIds[path] = id
        return id
    }

    private func intern(combination: [Int]) -> UInt32 {
        if let id = combinationIds[combination] { return id }
        let id = UInt32(combinations.count)
        combinations.append(combination)
        combinationIds[combination] = id
        return id
    }

    private func intern(inputs: [UInt32]) -> UInt32 {
        if let id = inputSetIds[inputs] { return id }
        let id = UInt32(inputSets.count)
        inputSets.append(inputs)
        inputSetIds[inputs] = id
        return id
    }
}

/// One input of a scan as the overlap check plans for it, before anything is parsed.
public struct OverlapInput: Sendable, Equatable {
    /// The importer that will read it; nil when only reading tells (an archive read in one pass).
    public var source: String?
    /// Its display path, as sessions are told it when its records arrive.
    public var path: String
    /// The part of its kind of export it holds, when its head tells (a My Activity file's
    /// product); nil: any part.
    public var part: String?

    public init(source: String?, path: String, part: String? = nil) {
        self.source = source
        self.path = path
        self.part = part
    }
}

extension OverlapInput {
    /// Paths of inputs that no other input of their group can repeat: each group holds the
    /// inputs of one family (and kind) that several inputs deliver; an input of unknown part
    /// may hold anyone's records, one of known part only those of inputs with the same part.
    static func aloneInTheirPart<Groups: Sequence>(_ groups: Groups) -> Set<String> where Groups.Element == [OverlapInput] {
        var alone: Set<String> = []
        for members in groups {
            let anyPart = members.filter { $0.part == nil }.count
            var byPart: [String: Int] = [:]
            for member in members { if let part = member.part { byPart[part, default: 0] += 1 } }
            for member in members {
                if let part = member.part, byPart[part, default: 0] + anyPart < 2 { alone.insert(member.path) }
            }
        }
        return alone
    }
}
