import Foundation
import StewardCore
import Importers
import Rules
import Store
import Archives

/// `steward redact`: a copy of each export without the records behind some findings
/// (docs/redact.md). Which records go is decided by reading every export again through its
/// importer and the rules (never from a stored, capped evidence list): a record goes when one
/// of the named rules matches it. Each file is then copied with exactly those records' bytes
/// taken out (or their text masked), everything else byte for byte.
public enum Redaction {
    /// The rules whose records go, from the names a person gave.
    public struct Selection: Sendable {
        public var names: [String]
        public var rules: Set<String>
        /// Attributes named whose findings also come from analyzers (aggregates over many
        /// records): their rule records go, what the analyzer concludes may stay.
        public var analyzerParts: [String]
    }

    /// A name redact cannot act on, and why.
    public enum Refusal: Sendable, Equatable {
        /// An analyzer, or an attribute only analyzers find: no record alone is its evidence.
        case analyzer(String)
        /// An attribute no rule and no analyzer finds.
        case noRule(String)
    }

    /// Resolves attribute and rule ids (a finding is named by its attribute). Analyzer ids
    /// and attributes only analyzers find are refused: no record by itself is their evidence.
    /// An unknown name is an error naming the closest valid ones.
    public static func select(_ names: [String], ruleset: Ruleset) throws(StewardError) -> (selection: Selection, refused: [Refusal]) {
        let rules = ruleset.rules
        var selected = Set<String>()
        var analyzerParts: [String] = []
        var refused: [Refusal] = []
        for name in names {
            if let rule = rules.rule(id: name) {
                selected.insert(rule.id)
                continue
            }
            if rules.attribute(id: name) != nil {
                let own = rules.rules.filter { $0.attribute == name }.map(\.id)
                let analyzed = rules.analyzers.contains { $0.attributes.contains(name) }
                if own.isEmpty {
                    refused.append(analyzed ? .analyzer(name) : .noRule(name))
                    continue
                }
                if analyzed { analyzerParts.append(name) }
                selected.formUnion(own)
                continue
            }
            if rules.analyzers.contains(where: { $0.id == name }) {
                refused.append(.analyzer(name))
                continue
            }
            let known = rules.attributes.map(\.id) + rules.rules.map(\.id)
            throw .unknownName(name, kind: "attribute or rule", scanId: nil, closest: ClosestNames.closest(to: name, among: known))
        }
        return (Selection(names: names, rules: selected, analyzerParts: analyzerParts), refused)
    }

    /// What redact found in one file that was read.
    public struct FilePlan: Sendable {
        public var path: String
        public var source: String
        public var events = 0
        /// Records to take out, with the texts `--mask` may replace.
        public var targets: [RecordKey: [String]] = [:]
        /// Records that matched a named rule but have no position redact can use.
        public var unplaceable = 0
        /// Named records that share their record in the file with records not named (kept).
        public var shared = 0
        /// Removed records by named rule.
        public var byRule: [String: Int] = [:]
        /// Other rules that matched the removed records (their findings lose those records too).
        public var alsoRules: [String: Int] = [:]

        /// A photo whose GPS position goes (`--strip-gps`).
        public var gps = false

        /// Whether something of this file was named.
        var hasWork: Bool { !targets.isEmpty || unplaceable > 0 || shared > 0 || gps }
    }

    /// Reads the exports through their importers and the rules, and returns per file the
    /// records the selection takes out, with the files that were not read.
    public static func plan(exports: [String], selection: Selection, ruleset: Ruleset, settings: ImporterSettings,
                            mask: Bool = false, stripGPS: Bool = false) -> Plan {
        let discovery = InputDiscovery().discover(exports)
        let reader = ExportReader(importers: ImporterRegistry.importers(settings: settings))
        let collector = PlanCollector(ruleset: ruleset, selection: selection, mask: mask, stripGPS: stripGPS)
        for file in discovery.files { reader.read(file, delegate: collector) }
        var unread = collector.unread
        unread += discovery.skipped.map { (path: $0.path, reason: $0.reason) }
        return Plan(files: collector.files, unread: unread, before: collector.before.findings(), after: collector.after.findings())
    }

    /// What `plan` found: per file the records that go, and the findings of the exports as
    /// they are and as the copy will give them (the same rules read the records that stay, or
    /// with `--mask` the masked ones), so that a finding an analyzer draws from removed records
    /// is named before anyone rescans.
    public struct Plan: Sendable {
        public var files: [String: FilePlan]
        public var unread: [(path: String, reason: String)]
        public var before: [Finding]
        public var after: [Finding]

        /// Findings that disappear or change their count, with the counts before and after
        /// (nil: no finding), in the order of the findings before.
        public var changes: [(attribute: String, before: Int?, after: Int?)] {
            let old = Dictionary(before.map { ($0.attribute, $0.count) }, uniquingKeysWith: max)
            let new = Dictionary(after.map { ($0.attribute, $0.count) }, uniquingKeysWith: max)
            let order = before.map(\.attribute) + after.map(\.attribute).filter { old[$0] == nil }
            return order.filter { old[$0] != new[$0] }.map { ($0, old[$0], new[$0]) }
        }
    }

    /// What was written for one file of the copy.
    public struct FileOutcome: Sendable {
        public enum Result: Sendable, Equatable {
            /// Copied byte for byte (nothing of it was named).
            case unchanged
            /// A photo copied without its GPS position.
            case gpsRemoved
            /// Records taken out and masked.
            case redacted(removed: Int, masked: Int)
            /// Records that should have gone stay, and why: a key of `redact.reason.*` in the
            /// catalogs (`RecordWriter.Unwritable`, `notFound`, `nestedArchive`, `unreadable`).
            case kept(records: Int, reason: String)
        }
        public static let notFound = "not_found"
        public static let nestedArchive = "nested_archive"
        public static let unreadable = "unreadable"
        public static let sharedRecord = "shared_record"
        public static let gpsNotFound = "gps_not_found"
        public static let archive = "archive"
        public static let reasons = RecordWriter.Unwritable.allCases.map(\.rawValue)
            + [notFound, nestedArchive, unreadable, sharedRecord, gpsNotFound, archive]

        public var path: String
        public var output: String
        public var result: Result
        public var byRule: [String: Int] = [:]
        public var alsoRules: [String: Int] = [:]
        /// A photo's GPS position was removed (also with `.kept`: its record could not go).
        public var gpsRemoved = false
        /// With `.kept`: records of the same file that did go.
        public var alsoRemoved = 0
        public var alsoMasked = 0
    }

    /// Writes the copy of each export into `outDirectory` (created 0700 when missing), named
    /// like the export. Fails before writing anything when an output exists already or lies
    /// inside an export.
    public static func write(exports: [String], plans: [String: FilePlan], outDirectory: String,
                             mask: Bool) throws(StewardError) -> [FileOutcome] {
        let outAbsolute = absolute(outDirectory)
        var destinations: [(export: String, output: String)] = []
        for export in exports {
            let exportAbsolute = absolute(export)
            if outAbsolute == exportAbsolute || outAbsolute.hasPrefix(exportAbsolute + "/") {
                throw .usage("--out \(outDirectory) is inside the export \(export): choose a folder outside it")
            }
            var name = exportAbsolute
            while name.hasSuffix("/") && name.count > 1 { name.removeLast() }
            let base = name.split(separator: "/").last.map(String.init) ?? "export"
            let output = outAbsolute + "/" + base
            if FileManager.default.fileExists(atPath: output) || destinations.contains(where: { $0.output == output }) {
                throw .output(output, "it exists already (redact never overwrites; choose another --out)")
            }
            destinations.append((export, output))
        }
        do throws(StoreError) { try PrivateFolders.create(outAbsolute) } catch { throw .output(outDirectory, "\(error)") }
        let scratch = outAbsolute + "/.steward-redact-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(scratch, 0o700) == 0 else { throw .output(scratch, String(cString: strerror(errno))) }
        defer { rmdir(scratch) }
        var outcomes: [FileOutcome] = []
        for (export, output) in destinations {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: export, isDirectory: &isFolder)
            let files = InputDiscovery().discover([export]).files
            if isFolder.boolValue {
                do throws(StoreError) { try PrivateFolders.create(output) } catch { throw .output(output, "\(error)") }
            }
            for file in files {
                var relative = String(file.displayPath.dropFirst(export.count))
                if isFolder.boolValue && !relative.hasPrefix("/") { relative = "/" + relative }
                let destination = output + relative
                do throws(StoreError) { try PrivateFolders.create(OutputLocations.parentFolder(of: destination)) } catch {
                    throw .output(destination, "\(error)")
                }
                do {
                    outcomes += try writeFile(file, to: destination, plans: plans, mask: mask, scratch: scratch)
                } catch {
                    throw .output(destination, "\(error)")
                }
            }
        }
        // Named records no file above accounted for: read inside an archive redact does not
        // rewrite (a .tgz Takeout). The archive was copied whole; say so.
        let accounted = Set(outcomes.map(\.path))
        for plan in plans.values.sorted(by: { $0.path < $1.path }) where plan.hasWork && !accounted.contains(plan.path) {
            let records = plan.targets.count + plan.unplaceable + plan.shared + (plan.gps ? 1 : 0)
            outcomes.append(FileOutcome(path: plan.path, output: outAbsolute, result: .kept(records: records, reason: FileOutcome.archive),
                                        byRule: plan.byRule, alsoRules: plan.alsoRules))
        }
        return outcomes
    }

    private static func writeFile(_ file: DiskFileSource, to destination: String, plans: [String: FilePlan],
                                  mask: Bool, scratch: String) throws -> [FileOutcome] {
        let display = file.displayPath
        let members = plans.values.filter { $0.path.hasPrefix(display + "!") && $0.hasWork }
        if !members.isEmpty && isZip(file.path) {
            var outcomes: [FileOutcome] = []
            try ZipRewriter.rewrite(file.path, displayPath: display, to: destination, scratch: scratch) { member, extracted in
                guard let plan = plans[member], plan.hasWork else { return [] }
                let (edits, outcome) = edit(plan, diskPath: extracted, output: destination + "!" + member.dropFirst(display.count + 1), mask: mask)
                outcomes.append(outcome)
                return edits
            }
            // Records inside archives inside this archive are not written back.
            for plan in plans.values where plan.path.hasPrefix(display + "!") && !plan.targets.isEmpty
                && plan.path.dropFirst(display.count + 1).contains("!") {
                outcomes.append(FileOutcome(path: plan.path, output: destination, result: .kept(records: plan.targets.count + plan.unplaceable + plan.shared,
                    reason: FileOutcome.nestedArchive), byRule: plan.byRule, alsoRules: plan.alsoRules))
            }
            return outcomes
        }
        guard let plan = plans[display], plan.hasWork else {
            try ByteEdits.copy(file.path, to: destination, edits: [])
            return plans[display] == nil ? [] : [FileOutcome(path: display, output: destination, result: .unchanged)]
        }
        let (edits, outcome) = edit(plan, diskPath: file.path, output: destination, mask: mask)
        try ByteEdits.copy(file.path, to: destination, edits: edits)
        return [outcome]
    }

    /// The edits for one file and what they do; a file redact cannot write is kept as it is.
    private static func edit(_ plan: FilePlan, diskPath: String, output: String, mask: Bool) -> ([ByteEdit], FileOutcome) {
        var outcome = FileOutcome(path: plan.path, output: output, result: .unchanged, byRule: plan.byRule, alsoRules: plan.alsoRules)
        if plan.gps {
            guard let edits = try? PhotoGPSStripper.edits(path: diskPath) else {
                outcome.result = .kept(records: 1, reason: FileOutcome.gpsNotFound)
                return ([], outcome)
            }
            let named = plan.targets.count + plan.unplaceable + plan.shared
            outcome.result = named > 0 ? .kept(records: named, reason: RecordWriter.Unwritable.photo.rawValue) : .gpsRemoved
            outcome.gpsRemoved = true
            return (edits, outcome)
        }
        let found: RecordEdits
        do {
            found = try RecordWriter.edits(source: plan.source, path: diskPath, targets: plan.targets, mask: mask)
        } catch RedactionError.notWritable(_, let why) {
            outcome.result = .kept(records: plan.targets.count + plan.unplaceable + plan.shared, reason: why.rawValue)
            return ([], outcome)
        } catch {
            outcome.result = .kept(records: plan.targets.count + plan.unplaceable + plan.shared, reason: FileOutcome.unreadable)
            return ([], outcome)
        }
        let missing = plan.targets.count - found.placed.count + plan.unplaceable
        if missing > 0 {
            // Some named records could not be placed: the file is kept whole rather than half done.
            outcome.result = .kept(records: missing + plan.shared, reason: FileOutcome.notFound)
            return ([], outcome)
        }
        if plan.shared > 0 {
            outcome.result = .kept(records: plan.shared, reason: FileOutcome.sharedRecord)
            if found.placed.isEmpty { return ([], outcome) }
            // The rest of the file's named records go; the line names the shared ones kept.
            outcome.alsoRemoved = found.placed.count - found.masked.count
            outcome.alsoMasked = found.masked.count
            return (found.normalized, outcome)
        }
        outcome.result = .redacted(removed: found.placed.count - found.masked.count, masked: found.masked.count)
        return (found.normalized, outcome)
    }

    static func isZip(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return ZipArchiveReader.looksLikeZip([UInt8](handle.readData(ofLength: 4)))
    }

    public static func absolute(_ path: String) -> String {
        StoredScanNames.normalize(path, workingDirectory: FileManager.default.currentDirectoryPath)
    }
}

/// Reads exports for `Redaction.plan`: one inference session sees every record, and a record
/// one of the selected rules matches becomes a target of its file. A target whose record also
/// holds records no named rule matched (a CAMT entry with several transactions) is not
/// removed: it is counted as shared and named instead.
final class PlanCollector: ExportReaderDelegate {
    /// Sees every record; `after` sees the records the copy keeps (masked with `mask`).
    let before: InferenceSession
    let after: InferenceSession
    let selection: Redaction.Selection
    let mask: Bool
    let stripGPS: Bool
    var unread: [(path: String, reason: String)] = []

    /// One file's plan while it is read, with the record whose events are arriving.
    final class FileState {
        var plan: Redaction.FilePlan
        var currentKey: RecordKey?
        var currentEvents = 0
        var currentTargeted = 0
        init(path: String, source: String) { plan = Redaction.FilePlan(path: path, source: source) }

        /// The record `currentKey` is complete: a target with unnamed events in it is shared.
        func settle() {
            if let key = currentKey, currentTargeted > 0, currentEvents > currentTargeted {
                plan.targets[key] = nil
                plan.shared += 1
            }
            currentKey = nil
            currentEvents = 0
            currentTargeted = 0
        }
    }
    private var states: [String: FileState] = [:]

    var files: [String: Redaction.FilePlan] {
        var out: [String: Redaction.FilePlan] = [:]
        for (path, state) in states {
            state.settle()
            out[path] = state.plan
        }
        return out
    }

    init(ruleset: Ruleset, selection: Redaction.Selection, mask: Bool, stripGPS: Bool) {
        self.stripGPS = stripGPS
        before = InferenceSession(ruleSet: ruleset.rules, evidenceLimit: 0)
        after = InferenceSession(ruleSet: ruleset.rules, evidenceLimit: 0)
        self.selection = selection
        self.mask = mask
    }

    /// Disk part of an archive path → whether it is a ZIP redact rewrites.
    private var zips: [String: Bool] = [:]

    /// Whether a named record read at `path` can go: its format is written back and it is in a
    /// file on disk or a member of a ZIP on disk (not in a .tgz, not in an archive in an archive).
    private func writable(_ event: Event, path: String) -> Bool {
        guard RecordWriter.methods[event.source] != nil else { return false }
        let parts = path.split(separator: "!", omittingEmptySubsequences: false)
        if parts.count == 1 { return true }
        guard parts.count == 2 else { return false }
        let disk = String(parts[0])
        if let known = zips[disk] { return known }
        let isZip = Redaction.isZip(disk)
        zips[disk] = isZip
        return isZip
    }

    func reader(didRead event: consuming Event, path: String) {
        let fired = before.process(event, path: path)
        let named = fired.contains(where: selection.rules.contains)
        // The copy keeps what redact cannot write back: so does the prediction.
        let goes = named && writable(event, path: path)
        let strips = stripGPS && event.source == "photo.exif" && event.latitude != nil
        if strips {
            // The copy's photo has no position: what a rescan reads of it (if it has a date).
            var located = copy event
            located.latitude = nil
            located.longitude = nil
            if located.time != nil { after.process(located, path: path) }
        } else if !goes {
            after.process(event, path: path)
        } else if mask {
            var masked = copy event
            let stars = String(decoding: MaskedText.csv, as: UTF8.self)
            if masked.text != nil { masked.text = stars }
            if masked.title != nil { masked.title = stars }
            if masked.counterparty != nil { masked.counterparty = stars }
            if masked.place != nil { masked.place = stars }
            if masked.url != nil { masked.url = stars }
            after.process(masked, path: path)
        }
        let state: FileState
        if let known = states[path] { state = known } else {
            state = FileState(path: path, source: event.source)
            states[path] = state
        }
        state.plan.events += 1
        if strips { state.plan.gps = true }
        let method = RecordWriter.methods[event.source]
        let key = method.flatMap { RecordWriter.key(event.position, method: $0) }
        if key != state.currentKey {
            state.settle()
            state.currentKey = key
        }
        state.currentEvents += 1
        guard named else { return }
        if let key {
            state.currentTargeted += 1
            var texts = state.plan.targets[key] ?? []
            for text in [event.text, event.title, event.counterparty, event.place, event.url] {
                if let text, !text.isEmpty, !texts.contains(text) { texts.append(text) }
            }
            state.plan.targets[key] = texts
        } else {
            state.plan.unplaceable += 1
        }
        for rule in fired {
            if selection.rules.contains(rule) { state.plan.byRule[rule, default: 0] += 1 } else { state.plan.alsoRules[rule, default: 0] += 1 }
        }
    }

    func reader(didFinish input: ParsedInput) {
        if let state = states[input.path] { state.settle(); state.plan.source = input.source }
    }

    func reader(didSkip path: String, reason: String) { unread.append((path, reason)) }
}
