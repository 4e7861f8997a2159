import Foundation
import StewardCore
import Importers
import Rules
import Scoring
import Store
import Archives
import RuleFileReading
import BuiltInRules
import Localization

/// What `steward scan` is asked to do.
public struct ScanOptions: Sendable {
    public var paths: [String]
    public var rulesDirectory: String
    /// Database file; nil means no database is written (e.g. `--no-db`).
    public var databasePath: String?
    /// Files read at once (default: one per core).
    public var jobs: Int
    /// Evidence items kept per finding.
    public var evidenceLimit: Int
    /// Scoring models to run (ids); nil runs all.
    public var models: [String]?
    /// Quote other people's messages in evidence (they are only counted otherwise).
    public var quoteOthers = false
    /// Records to leave out of inference (what-if): events of these sources, and events from
    /// these paths (a path also excludes everything below it and inside it, for archives).
    public var excludedSources: [SourcePattern] = []
    public var excludedPaths: [String] = []
    /// What importers need to know about the person (own chat names, locale); the CLI maps
    /// the environment to it, so a scan reads nothing from the environment itself.
    public var importerSettings = ImporterSettings()
    /// Limits of the whole scan, across archives and nesting levels (docs/privacy.md, "Limits").
    public var scanLimits = ScanLimits()

    public init(paths: [String], rulesDirectory: String, databasePath: String?,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, evidenceLimit: Int = 20,
                models: [String]? = nil) {
        self.paths = paths
        self.rulesDirectory = rulesDirectory
        self.databasePath = databasePath
        self.jobs = max(1, jobs)
        self.evidenceLimit = evidenceLimit
        self.models = models
    }
}

/// Progress as files complete, for a progress line on a terminal.
public struct ScanProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int64
    public var bytesTotal: Int64
    public var currentPath: String
}

/// The loaded rules and models: loaded once per process, shared read-only by all workers.
public struct Ruleset: Sendable {
    public let rules: RuleSet
    public let models: [ScoringModel]
    /// The files they were read from: a folder, or the copy compiled into steward.
    public let files: RuleFiles
    /// Where the rules came from, for people: the folder, or `built-in`.
    public var directory: String { files.location }

    public static func load(directory: String) throws(StewardError) -> Ruleset {
        try load(files: .folder(directory))
    }

    /// `keepingExamples: false` checks the rules' examples and lets them go: only the rules
    /// commands run them.
    public static func load(files: RuleFiles, keepingExamples: Bool = true) throws(StewardError) -> Ruleset {
        do throws(RuleFileError) {
            let rules = try RuleSet.load(files: files, keepingExamples: keepingExamples,
                                         lexiconImage: BuiltInRuleSet.lexiconImage,
                                         examplesCheckedAtBuild: BuiltInRuleSet.examplesChecked,
                                         findingValueText: { Localizer.english.findingValue($0) })
            let known = Set(rules.attributes.map(\.id))
            let models = try ScoringModel.loadAll(files: files, knownAttributes: known)
            return Ruleset(rules: rules, models: models, files: files)
        } catch {
            throw .ruleFile(error)
        }
    }
}

extension Ruleset {
    /// `file:line: …` for each one-word lexicon term that is an everyday word of another
    /// language (`CrossLanguageTermCheck`), for `steward rules lint`.
    public var termsThatAreWordsOfAnotherLanguage: [String] {
        CrossLanguageTermCheck.problems(in: rules, files: files).map(\.description)
    }

    /// `file:line: …` for each lexicon term made only of digits and the punctuation of dates,
    /// times and amounts (`NumberShapedTermCheck`), for `steward rules lint`.
    public var termsShapedLikeNumbers: [String] {
        NumberShapedTermCheck.problems(files: files).map(\.description)
    }

    /// `file:line: …` for each lexicon term that folds like an earlier term of the same file
    /// (`FoldedDuplicateTermCheck`), for `steward rules lint`.
    public var termsWrittenTwice: [String] {
        FoldedDuplicateTermCheck.problems(files: files).map(\.description)
    }
}

/// discover → detect → parse → match → infer → score → store → report.
public enum ScanPipeline {
    public static let toolVersion = "0.1.0"

    public static func run(_ options: ScanOptions, ruleset: Ruleset,
                           progress: (@Sendable (ScanProgress) -> Void)? = nil) throws(StewardError) -> ScanReport {
        let started = Date()
        let scanId = makeScanId(started)
        let discovery = InputDiscovery().discover(options.paths)
        if !discovery.missing.isEmpty && discovery.files.isEmpty && discovery.skipped.isEmpty {
            throw .noInputs(missing: discovery.missing)
        }

        var store: ReportStore? = nil
        if let databasePath = options.databasePath {
            do throws(StoreError) {
                store = try ReportStore(path: databasePath)
                try store!.beginScan(id: scanId, started: isoTime(started), paths: options.paths,
                                     toolVersion: toolVersion, rulesVersion: ruleset.rules.version)
            } catch {
                throw .store(error)
            }
        }

        let shared = SharedScanState(store: store, scanId: scanId, quoteOthers: options.quoteOthers,
                                     excludedSources: options.excludedSources, excludedPaths: options.excludedPaths)
        let reader = ExportReader(importers: ImporterRegistry.importers(settings: options.importerSettings),
                                  scanLimits: options.scanLimits)
        // Members of a zip on disk are tasks of their own, so one Takeout archive is read by
        // every worker; results do not depend on which worker read what (sessions merge
        // order-independently, inputs and unrecognized files are sorted below).
        var planSkipped = UnreadFiles()
        let planned = reader.plan(discovery.files) { planSkipped.add(.init(path: $0, reason: $1)) }
        // Identical inputs are read once, overlapping records counted once (docs/duplicates.md).
        let overlaps = OverlapPlanning.plan(planned, options: options, reader: reader, excludes: shared.excludes(path:))
        let tasks = overlaps.tasks
        let overlap = overlaps.ledger
        let bytesTotal = tasks.reduce(Int64(0)) { $0 + $1.diskBytes }
        let workers = (0..<min(options.jobs, max(tasks.count, 1))).map { _ in
            ScanWorker(session: InferenceSession(ruleSet: ruleset.rules, evidenceLimit: options.evidenceLimit,
                                                quotingOthers: options.quoteOthers, overlap: overlap), shared: shared)
        }
        DispatchQueue.concurrentPerform(iterations: workers.count) { w in
            let worker = workers[w]
            let cursor = ZipMemberCursor()
            worker.startInference()
            while let index = shared.nextFileIndex(limit: tasks.count) {
                let task = tasks[index]
                reader.read(task, cursor: cursor, delegate: worker)
                let snapshot = shared.fileDone(bytes: task.diskBytes)
                progress?(ScanProgress(filesDone: snapshot.files, filesTotal: tasks.count, bytesDone: snapshot.bytes,
                                       bytesTotal: bytesTotal, currentPath: task.displayPath))
            }
            worker.finishInference()
        }

        // A matched record that could not be stored would leave `explain` with part of the
        // evidence: the scan is rolled back and the command fails instead.
        if let store, let error = shared.storeError {
            try? store.abandonScan()
            store.close()
            throw .store(error)
        }

        let session = workers[0].session
        for worker in workers.dropFirst() { session.merge(worker.session) }
        let findings = session.findings()
        let models = options.models.map { wanted in ruleset.models.filter { wanted.contains($0.id) } } ?? ruleset.models
        let scores = models.map { $0.evaluate(findings) }

        // Unread files are kept as bounded lists (the first `UnreadFiles.listLimit` by path)
        // with every file counted by kind of reason: an archive of a million members stays a
        // hundred report lines (docs/privacy.md, "Limits").
        var unrecognized = UnreadFiles()
        for skipped in discovery.skipped { unrecognized.add(.init(path: skipped.path, reason: skipped.reason)) }
        for missing in discovery.missing { unrecognized.add(.init(path: missing, reason: "no such file or folder"), kind: .missing) }
        unrecognized.add(planSkipped)
        var knownFiles = UnreadFiles()
        for worker in workers {
            unrecognized.add(worker.unrecognized)
            knownFiles.add(worker.knownFiles)
        }
        var allUnread = unrecognized
        allUnread.add(knownFiles)
        let unreadTotals = unrecognized.omitted + knownFiles.omitted == 0 ? nil
            : ScanReport.UnreadTotals(unrecognized: unrecognized.total, knownFiles: knownFiles.total, byReason: allUnread.byReason)
        let parsed = workers.flatMap(\.inputs).sorted { $0.path < $1.path }
        do throws(StewardError) {
            try EmptyScan.check(paths: options.paths, inputs: parsed.map { .init(path: $0.path, source: $0.source, events: $0.events, skipped: $0.skipped, errors: $0.errors) },
                                unread: allUnread)
        } catch {
            try? store?.abandonScan()
            store?.close()
            throw error
        }
        let report = ScanReport(
            tool: .init(version: toolVersion, rules: ruleset.rules.version),
            scan: .init(id: scanId, started: isoTime(started),
                        paths: options.paths),
            inputs: parsed.map { .init(path: $0.path, source: $0.source, events: $0.events, skipped: $0.skipped, errors: $0.errors,
                                       warnings: $0.warnings, firstSeen: $0.firstSeen, lastSeen: $0.lastSeen) },
            unrecognized: unrecognized.listed,
            knownFiles: knownFiles.listed,
            findings: findings,
            scores: scores,
            overlaps: overlap.summary(identicalFiles: overlaps.copies),
            unreadTotals: unreadTotals,
            contacts: workers.reduce(into: ContactTally()) { $0.merge($1.contacts) }.listed)

        if let store {
            do throws(StoreError) {
                for input in parsed {
                    try store.recordInput(scanId: scanId,
                                          input: .init(path: input.path, source: input.source, events: input.events,
                                                       skipped: input.skipped, errors: input.errors),
                                          size: input.size,
                                          mtime: input.modified.map { Timestamp(epochSeconds: Int64($0.timeIntervalSince1970), utcOffsetSeconds: 0) })
                }
                try store.finishScan(report: report)
                store.close()
            } catch {
                try? store.abandonScan()
                store.close()
                throw .store(error)
            }
        }
        return report
    }

    static func isoTime(_ date: Date) -> String {
        Timestamp(epochSeconds: Int64(date.timeIntervalSince1970), utcOffsetSeconds: 0).iso8601
    }

    static func makeScanId(_ date: Date) -> String {
        let t = Timestamp(epochSeconds: Int64(date.timeIntervalSince1970), utcOffsetSeconds: 0).civil
        func p(_ n: Int, _ w: Int = 2) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
        let suffix = String(UInt32.random(in: 0...0xFFFF), radix: 16)
        return "\(p(t.year, 4))\(p(t.month))\(p(t.day))T\(p(t.hour))\(p(t.minute))\(p(t.second))Z-\(suffix)"
    }
}

/// State the workers share: the next file to take, progress counters, and the store (SQLite
/// connections are not shared across threads without a lock).
final class SharedScanState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var filesDone = 0
    private var bytesDone: Int64 = 0
    let store: ReportStore?
    let scanId: String
    let quoteOthers: Bool
    /// The first failed write; once set, workers take no further files and the scan aborts.
    var storeError: StoreError?

    let excludedSources: [SourcePattern]
    let excludedPaths: [String]

    init(store: ReportStore?, scanId: String, quoteOthers: Bool,
         excludedSources: [SourcePattern] = [], excludedPaths: [String] = []) {
        self.store = store
        self.scanId = scanId
        self.quoteOthers = quoteOthers
        self.excludedSources = excludedSources
        self.excludedPaths = excludedPaths
    }

    /// Whether a what-if scan leaves this record out.
    func excludes(_ event: Event, path: String) -> Bool {
        if excludedSources.isEmpty && excludedPaths.isEmpty { return false }
        if excludedSources.contains(where: { $0.matches(event.source) }) { return true }
        return excludes(path: path)
    }

    /// Whether a what-if scan leaves out everything read from this path.
    func excludes(path: String) -> Bool {
        excludedPaths.contains { path == $0 || path.hasPrefix($0 + "/") || path.hasPrefix($0 + "!") }
    }

    func nextFileIndex(limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < limit, storeError == nil else { return nil }
        next += 1
        return next - 1
    }

    func fileDone(bytes: Int64) -> (files: Int, bytes: Int64) {
        lock.lock(); defer { lock.unlock() }
        filesDone += 1
        bytesDone += bytes
        return (filesDone, bytesDone)
    }

    /// A matched record on its way to the store, its excerpt already made.
    struct Match {
        let event: Event
        let path: String
        let rules: [String]
        let excerpt: String
        let recordKey: UInt64?
    }

    var isStoring: Bool { store != nil }

    func match(_ event: Event, path: String, rules: [String], recordKey: UInt64?) -> Match {
        Match(event: event, path: path, rules: rules, excerpt: event.excerpt(quotingOthers: quoteOthers), recordKey: recordKey)
    }

    /// Stores matched records, a batch under one lock (see `MatchedRecordBuffer`).
    func record(_ matches: [Match]) {
        guard let store, !matches.isEmpty else { return }
        lock.lock(); defer { lock.unlock() }
        guard storeError == nil else { return }
        do throws(StoreError) {
            for m in matches {
                try store.recordMatchedEvent(scanId: scanId, path: m.path, event: m.event, position: m.event.position,
                                             rules: m.rules, excerpt: m.excerpt, recordKey: m.recordKey)
            }
        } catch {
            storeError = error
        }
    }
}

/// One worker's matched records on their way to the store, handed over a batch at a time: a
/// lock per record let the two workers' inference threads wait on each other and on the
/// database for every match, a third more CPU and wall time on a Takeout of searches and
/// views (docs/performance.md, "Matched records stored in batches"). Used by one thread at a
/// time: the inference thread while it runs, then the worker after it has finished.
final class MatchedRecordBuffer: @unchecked Sendable {
    static let batchSize = 256
    private let shared: SharedScanState
    private var pending: [SharedScanState.Match] = []

    init(shared: SharedScanState) { self.shared = shared }

    func add(_ event: Event, path: String, rules: [String], recordKey: UInt64?) {
        guard shared.isStoring else { return }
        pending.append(shared.match(event, path: path, rules: rules, recordKey: recordKey))
        if pending.count >= Self.batchSize { flush() }
    }

    func flush() {
        shared.record(pending)
        pending.removeAll(keepingCapacity: true)
    }
}

/// One worker thread's view: its own inference session (merged at the end), its inputs.
/// Unchecked Sendable: each worker is used by exactly one thread of `concurrentPerform`, and
/// read by the caller only after all of them have returned.
final class ScanWorker: ExportReaderDelegate, @unchecked Sendable {
    let session: InferenceSession
    let shared: SharedScanState
    var inputs: [ParsedInput] = []
    var unrecognized = UnreadFiles()
    var knownFiles = UnreadFiles()
    var contacts = ContactTally()

    init(session: InferenceSession, shared: SharedScanState) {
        self.session = session
        self.shared = shared
    }

    private var inference: InferenceThread?
    private lazy var matched = MatchedRecordBuffer(shared: shared)

    /// Matching runs on a thread of its own while this worker parses (see `InferenceThread`).
    func startInference() {
        let session = self.session
        let matched = self.matched
        inference = InferenceThread { event, path in
            let fired = session.process(event, path: path)
            if !fired.isEmpty { matched.add(event, path: path, rules: fired, recordKey: session.lastRecordKey) }
        }
    }

    /// Waits until every event parsed so far has been matched and stored.
    func finishInference() {
        inference?.finish()
        inference = nil
        matched.flush()
    }

    func reader(didRead event: consuming Event, path: String) {
        if shared.excludes(event, path: path) { return }
        // The contact rule weighs people one chats with; mail senders are mostly institutions
        // and newsletters, named "Name (domain)", so mailboxes do not count (docs/formats/mail.md).
        if event.kind == .message, event.authoredByOthers, event.source != MboxParser.source,
           let name = event.counterparty { contacts.add(name) }
        if let inference {
            inference.submit(event, path: path)
        } else {
            let fired = session.process(event, path: path)
            if !fired.isEmpty { matched.add(event, path: path, rules: fired, recordKey: session.lastRecordKey) }
        }
    }

    func reader(didFinish input: ParsedInput) { inputs.append(input) }

    func reader(didSkip path: String, reason: String) {
        unrecognized.add(.init(path: path, reason: reason))
    }

    func reader(didPassKnownFile path: String, what: String) {
        knownFiles.add(.init(path: path, reason: what), kind: .companion)
    }
}

/// Runs one worker's inference on a thread of its own, fed in batches, so that parsing a big
/// file and matching its events use two cores (a Takeout's Records.json is most of its bytes,
/// and one file is parsed by one thread). The session sees exactly the events of the parser,
/// in the same order, so results equal a single-threaded run. Memory stays bounded: the parser
/// waits while `maximumQueued` batches are pending.
final class InferenceThread: @unchecked Sendable {
    static let batchSize = 1024
    static let maximumQueued = 4

    private var filling = EventBatch(capacity: InferenceThread.batchSize)
    private let consumer: BatchConsumerThread<EventBatch>

    init(match: @escaping (Event, String) -> Void) {
        consumer = BatchConsumerThread(maximumQueued: Self.maximumQueued) { batch in batch.drain(match) }
    }

    /// Called by the parsing thread only.
    func submit(_ event: consuming Event, path: String) {
        filling.append(event, path: path)
        if filling.isFull { handOver() }
    }

    /// Hands the last batch over and waits until all are matched.
    func finish() {
        handOver()
        consumer.finish()
    }

    private func handOver() {
        guard !filling.isEmpty else { return }
        consumer.send(filling)
        filling = EventBatch(capacity: Self.batchSize)
    }
}

/// Parsed records on their way from the parsing thread to the inference thread, in order.
/// Each record is moved out when it is matched, so it is destroyed once: an array of
/// (event, path) pairs was copied out element by element and then destroyed again as a whole,
/// through the runtime's generic tuple code (docs/performance.md, "Records moved, not copied,
/// to the inference thread"). Owned by one thread at a time: filled by the parser, handed over
/// under the lock, drained by the inference thread.
final class EventBatch: @unchecked Sendable {
    // Two buffers rather than one of (event, path) pairs: a pair is destroyed through the
    // runtime's generic tuple code, an event through its own specialized code.
    private let events: UnsafeMutablePointer<Event>
    private let paths: UnsafeMutablePointer<String>
    private let capacity: Int
    private var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        events = .allocate(capacity: capacity)
        paths = .allocate(capacity: capacity)
    }

    var isEmpty: Bool { count == 0 }
    var isFull: Bool { count == capacity }

    func append(_ event: consuming Event, path: String) {
        precondition(count < capacity, "event batch overfilled")
        (events + count).initialize(to: event)
        (paths + count).initialize(to: path)
        count += 1
    }

    /// Hands each record to `body` in the order appended, leaving the batch empty.
    func drain(_ body: (Event, String) -> Void) {
        let n = count
        count = 0
        for i in 0..<n {
            let event = (events + i).move()
            let path = (paths + i).move()
            body(event, path)
        }
    }

    deinit {
        events.deinitialize(count: count)
        paths.deinitialize(count: count)
        events.deallocate()
        paths.deallocate()
    }
}
