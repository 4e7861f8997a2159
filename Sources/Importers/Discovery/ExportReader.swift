import Foundation
import StewardCore
import ZIPFoundation
import Archives

/// What the reader reports about each file it met.
public protocol ExportReaderDelegate: AnyObject {
    /// One parsed record of the file at `path`, in file order, by one thread at a time: the
    /// reading thread, or the thread a parser hands its records to (`RecordReadingThread`),
    /// which the reading thread waits for before it reports the file.
    func reader(didRead event: consuming Event, path: String)
    /// A file was parsed (completely, or until a file-level error).
    func reader(didFinish input: ParsedInput)
    /// A file was not read, and why.
    func reader(didSkip path: String, reason: String)
    /// A file the export ships beside its data (`archive_browser.html`, a readme): no records,
    /// named as what it is and not read (`ExportCompanionFile`).
    func reader(didPassKnownFile path: String, what: String)
}

extension ExportReaderDelegate {
    /// Delegates that keep no list of known files report them as not read, with what they are.
    public func reader(didPassKnownFile path: String, what: String) { reader(didSkip: path, reason: what) }
}

/// The outcome of parsing one file.
public struct ParsedInput: Sendable {
    public var path: String
    public var source: String
    public var events: Int
    public var skipped: Int
    public var errors: [String]
    /// Problems that lost no record (`EventSink.warn`), e.g. the day/month order assumed.
    public var warnings: [String] = []
    public var size: Int64?
    public var modified: Date?
    /// The earliest and latest record time (ISO 8601), nil when no record had one.
    public var firstSeen: String?
    public var lastSeen: String?
}

/// discover → detect → parse for one input: sniffs the head of the file, recurses into ZIP
/// archives (nested ones too, in memory and bounded) and .tgz / .tar.gz archives (streamed in
/// one pass, see `TarGzArchiveReader`), picks the importer that is most sure,
/// and streams the rest of the file through its parser. A file-level error ends that file
/// only; it is reported with the file's path and the scan goes on.
public struct ExportReader: Sendable {
    public let importers: [any Importer]
    public let zip: ZipArchiveReader
    /// The whole scan's use of `ScanLimits`: one reader per scan, shared by its workers.
    public let budget: ScanBudget

    public init(importers: [any Importer] = ImporterRegistry.all, zipLimits: ZipArchiveReader.Limits = .init(),
                scanLimits: ScanLimits = .init()) {
        self.importers = importers
        self.zip = ZipArchiveReader(limits: zipLimits)
        self.budget = ScanBudget(limits: scanLimits)
    }

    /// Reads one file from disk (an archive is read member by member).
    public func read(_ file: DiskFileSource, delegate: ExportReaderDelegate) {
        read(source: file, diskPath: file.path, modified: file.modified, depth: 0, delegate: delegate)
    }

    /// Splits inputs into tasks for parallel workers: a ZIP archive on disk becomes one task
    /// per member (symlink members are reported through `skipped`), anything else one task.
    /// An archive that cannot be listed, or has more members than the limit, stays one task so
    /// that reading it reports the problem exactly as a sequential read does.
    public func plan(_ files: [DiskFileSource], skipped: (String, String) -> Void) -> [ReadTask] {
        var tasks: [ReadTask] = []
        for file in files {
            guard startsLikeZip(file), !isReadWhole(file), let members = listMembers(of: file) else {
                tasks.append(.file(file))
                continue
            }
            for member in members {
                switch member {
                case .task(let task): tasks.append(task)
                case .skipped(let path, let reason): skipped(path, reason)
                }
            }
        }
        return tasks
    }

    private enum PlannedMember {
        case task(ReadTask)
        case skipped(String, String)
    }

    /// A ZIP on disk that a path-reading importer takes as one document (a workbook), so it is
    /// not split into members.
    private func isReadWhole(_ file: DiskFileSource) -> Bool {
        var head: [UInt8] = []
        try? file.stream { chunk in
            head.append(contentsOf: chunk.prefix(FileProbe.headLength - head.count))
            return head.count >= FileProbe.headLength ? .stop : .more
        }
        return claimsWhole(FileProbe(path: file.displayPath, head: head, size: file.size, diskPath: file.path))
    }

    /// True when the most confident importer of a ZIP-headed file reads it from disk as a whole
    /// (an .xlsx workbook is a ZIP package of XML parts that only make sense together).
    private func claimsWhole(_ probe: FileProbe) -> Bool {
        guard probe.diskPath != nil, case .success(let found) = ImporterRegistry.detect(probe, among: importers) else { return false }
        return found.importer is any PathReadingImporter
    }

    private func startsLikeZip(_ file: DiskFileSource) -> Bool {
        var head: [UInt8] = []
        try? file.stream { chunk in
            head.append(contentsOf: chunk.prefix(4))
            return .stop
        }
        return ZipArchiveReader.looksLikeZip(head)
    }

    private func listMembers(of file: DiskFileSource) -> [PlannedMember]? {
        let archive: Archive
        do {
            close(try file.openRegularFile())
            archive = try Archive(url: URL(fileURLWithPath: file.path), accessMode: .read)
        } catch {
            return nil
        }
        var survey = SurveyedArchive(diskPath: file.path, displayPath: file.displayPath, maxEntries: zip.limits.maxMembers)
        var members: [PlannedMember] = []
        var listed = 0
        for (index, entry) in archive.enumerated() {
            if index >= zip.limits.maxMembers { return nil }
            listed += 1
            let memberPath = file.displayPath + "!" + ZipArchiveReader.displayName(entry.path)
            guard survey.admits(index, memberPath: memberPath, skipped: { members.append(.skipped($0, $1)) }) else { continue }
            switch entry.type {
            case .directory:
                continue
            case .symlink:
                members.append(.skipped(memberPath, "symbolic link inside an archive: not followed"))
            case .file:
                guard budget.admitMember() else {
                    members.append(.skipped(file.displayPath, "stopped reading: " + budget.membersExhausted))
                    return members
                }
                members.append(.task(.zipMember(archive: file, index: index, displayPath: memberPath,
                                                compressedSize: Int64(clamping: entry.compressedSize),
                                                uncompressedSize: Int64(clamping: entry.uncompressedSize),
                                                crc32: entry.checksum)))
            }
        }
        survey.finish(listed: listed) { members.append(.skipped($0, $1)) }
        return members
    }

    /// Reads one planned task; `cursor` is the calling worker's own (never shared).
    public func read(_ task: ReadTask, cursor: ZipMemberCursor, delegate: ExportReaderDelegate) {
        switch task {
        case .file(let file):
            read(file, delegate: delegate)
        case .zipMember(let file, let index, let displayPath, _, _, _):
            let found: (Archive, Entry)?
            do {
                found = try cursor.entry(at: index, of: file.path)
            } catch {
                delegate.reader(didSkip: file.displayPath, reason: describe(DiscoveryError.archive(file.displayPath, "\(error)")))
                return
            }
            guard let (archive, entry) = found else {
                delegate.reader(didSkip: displayPath, reason: "member no longer in the archive (was it changed during the scan?)")
                return
            }
            let member = ZipArchiveReader.Member(archive: archive, entry: entry, limits: zip.limits, displayPath: displayPath)
            read(source: member, diskPath: nil, modified: file.modified, depth: 1, delegate: delegate)
        }
    }

    /// Hands `body` the bytes of one planned task (for comparing candidate copies); false when
    /// the task cannot be opened or streamed (reading it reports the problem).
    public func withContent(of task: ReadTask, cursor: ZipMemberCursor,
                            _ body: (ByteSource) throws -> Void) -> Bool {
        do {
            switch task {
            case .file(let file):
                try body(file)
            case .zipMember(let file, let index, let displayPath, _, _, _):
                guard let (archive, entry) = try cursor.entry(at: index, of: file.path) else { return false }
                try body(ZipArchiveReader.Member(archive: archive, entry: entry, limits: zip.limits, displayPath: displayPath))
            }
            return true
        } catch {
            return false
        }
    }

    /// What a planned task will turn out to be, from its head alone (64 KiB), before any task is
    /// parsed: the overlap check needs to know which kinds of export a scan holds twice.
    public enum Sniffed: Sendable, Equatable {
        /// The id of the importer that will read it, and the part of that kind of export the
        /// file holds when its head tells (`Importer.overlapPart`).
        case source(String, part: String? = nil)
        /// An archive read in one pass (nested zip, .tgz): it may hold anything.
        case archive
        /// Unreadable or unrecognized: it will deliver nothing.
        case nothing
    }

    /// Sniffs each task's head on `jobs` threads (contiguous runs, so a thread's zip cursor
    /// walks each archive forwards once).
    public func sniff(_ tasks: [ReadTask], jobs: Int) -> [Sniffed] {
        let threads = max(1, min(jobs, tasks.count))
        let results = SniffSlots(count: tasks.count)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let cursor = ZipMemberCursor()
            for index in (tasks.count * thread / threads)..<(tasks.count * (thread + 1) / threads) {
                var head: [UInt8] = []
                var size: Int64?
                let read = withContent(of: tasks[index], cursor: cursor) { source in
                    size = source.size
                    try source.stream { chunk in
                        head.append(contentsOf: chunk.prefix(FileProbe.headLength - head.count))
                        return head.count >= FileProbe.headLength ? .stop : .more
                    }
                }
                guard read else { results.set(index, .nothing); continue }
                if ZipArchiveReader.looksLikeZip(head) || GzipInflater.looksLikeGzip(head) {
                    results.set(index, .archive)
                    continue
                }
                let probe = FileProbe(path: tasks[index].displayPath, head: head, size: size, diskPath: nil)
                switch ImporterRegistry.detect(probe, among: importers) {
                case .success(let found): results.set(index, .source(found.importer.id, part: found.importer.overlapPart(probe)))
                case .failure: results.set(index, .nothing)
                }
            }
        }
        return results.values
    }

    /// Reads any byte source (used for archive members and tests).
    public func read(source: ByteSource, diskPath: String?, modified: Date?, depth: Int, delegate: ExportReaderDelegate) {
        // Bytes out of an archive inside an archive count against the scan's limit for them.
        let source: ByteSource = depth >= 2 ? BudgetedSource(inner: source, budget: budget) : source
        // 1. Sniff the head.
        var head: [UInt8] = []
        do {
            try source.stream { chunk in
                head.append(contentsOf: chunk.prefix(FileProbe.headLength - head.count))
                return head.count >= FileProbe.headLength ? .stop : .more
            }
        } catch {
            delegate.reader(didSkip: source.displayPath, reason: describe(error))
            return
        }

        // 2. Archives: recurse (unless the ZIP is one document read from disk: a workbook).
        if ZipArchiveReader.looksLikeZip(head),
           !claimsWhole(FileProbe(path: source.displayPath, head: head, size: source.size, diskPath: diskPath)) {
            readArchive(source: source, diskPath: diskPath, modified: modified, depth: depth, delegate: delegate)
            return
        }

        // A gzip stream: a .tgz / .tar.gz Takeout, read member by member as it inflates; any
        // other .gz file (Strava's activities/*.fit.gz, *.gpx.gz) is read as the one file it
        // holds, detected by its inner name and content.
        if GzipInflater.looksLikeGzip(head) {
            let inflated = GzipMemberSource.inflatedHead(of: source, count: 512)
            if let inflated, !GzipMemberSource.holdsTar(inflatedHead: inflated, outerPath: source.displayPath) {
                readGzipMember(source: source, head: head, modified: modified, depth: depth, delegate: delegate)
            } else {
                readTarGz(source: source, modified: modified, depth: depth, delegate: delegate)
            }
            return
        }

        // 3. Detect.
        let probe = FileProbe(path: source.displayPath, head: head, size: source.size, diskPath: diskPath)
        let importer: any Importer
        switch ImporterRegistry.detect(probe, among: importers) {
        case .failure(let reason):
            notRead(source.displayPath, reason: reason.text, delegate: delegate)
            return
        case .success(let found):
            importer = found.importer
        }

        let path = source.displayPath
        let sink = EventSink { [unowned delegate] event in delegate.reader(didRead: event, path: path) }
        var errors: [String] = []

        // 4a. Formats read by seeking in a real file (SQLite): never extracted from archives.
        if let pathReader = importer as? any PathReadingImporter {
            guard let onDisk = probe.diskPath else {
                delegate.reader(didSkip: path, reason: pathReader.reasonInsideArchive)
                return
            }
            do throws(ParseError) { try pathReader.read(diskPath: onDisk, probe: probe, into: sink) } catch { errors.append(error.description) }
            finish(ParsedInput(
                path: path, source: importer.id, events: sink.eventCount, skipped: sink.skippedCount,
                errors: sink.errors + errors, warnings: sink.warnings, size: source.size, modified: modified,
                firstSeen: sink.firstTime?.iso8601, lastSeen: sink.lastTime?.iso8601),
                importer: importer, delegate: delegate)
            return
        }

        // 4b. Parse, streaming the whole file through the parser.
        var parser = importer.makeParser(for: probe)
        do {
            try source.stream { chunk in
                do throws(ParseError) {
                    try parser.feed(chunk, into: sink)
                } catch {
                    throw error
                }
                return parser.isComplete ? .stop : .more
            }
            do throws(ParseError) { try parser.finish(into: sink) } catch { errors.append(error.description) }
        } catch let error as ParseError {
            errors.append(error.description)
        } catch {
            errors.append(describe(error))
        }
        parser.settle(into: sink)
        finish(ParsedInput(
            path: path, source: importer.id, events: sink.eventCount, skipped: sink.skippedCount,
            errors: sink.errors + errors, warnings: sink.warnings, size: source.size, modified: modified,
                firstSeen: sink.firstTime?.iso8601, lastSeen: sink.lastTime?.iso8601),
            importer: importer, delegate: delegate)
    }

    /// A file no importer takes: a known companion file of an export is named as such, anything
    /// else is reported as unrecognized with `reason`.
    func notRead(_ path: String, reason: String, delegate: ExportReaderDelegate) {
        if let what = ExportCompanionFile.identify(path) {
            delegate.reader(didPassKnownFile: path, what: what)
        } else {
            delegate.reader(didSkip: path, reason: reason)
        }
    }

    /// Rows skipped before the first record is read, at which a file that gave no record is
    /// taken for a wrong guess rather than a damaged export (docs/formats/README.md).
    static let wrongGuessSkips = 3

    /// Delivers a parsed file. One that gave no record while every row it tried failed was a
    /// wrong guess (a text file with a few commas taken for a bank CSV): it is reported once,
    /// as not recognized with the first problem, instead of as an input with a problem per row.
    func finish(_ input: ParsedInput, importer: any Importer, delegate: ExportReaderDelegate) {
        let fileLevelErrors = input.errors.count - min(input.errors.count, input.skipped)
        guard input.events == 0, input.skipped >= Self.wrongGuessSkips, fileLevelErrors == 0 else {
            delegate.reader(didFinish: input)
            return
        }
        let first = input.errors.first.map { " (first: \($0))" } ?? ""
        notRead(input.path, reason: "looked like \(importer.title), but none of its \(input.skipped) rows could be read\(first): "
            + "probably not that format", delegate: delegate)
    }

    /// A gzip-compressed single file: read like an archive member one level deeper, so the
    /// nesting limit and the scan's budget for nested bytes apply to what it inflates to.
    private func readGzipMember(source: ByteSource, head: [UInt8], modified: Date?, depth: Int, delegate: ExportReaderDelegate) {
        guard depth < zip.limits.maxNestingDepth else {
            delegate.reader(didSkip: source.displayPath, reason: "archive nested more than \(zip.limits.maxNestingDepth) levels deep: not opened")
            return
        }
        let name = GzipMemberSource.innerName(outerPath: source.displayPath, head: head)
        read(source: GzipMemberSource(outer: source, limits: zip.limits, innerName: name), diskPath: nil,
             modified: modified, depth: depth + 1, delegate: delegate)
    }

    private func readTarGz(source: ByteSource, modified: Date?, depth: Int, delegate: ExportReaderDelegate) {
        guard depth < zip.limits.maxNestingDepth else {
            delegate.reader(didSkip: source.displayPath, reason: "archive nested more than \(zip.limits.maxNestingDepth) levels deep: not opened")
            return
        }
        do {
            try TarGzArchiveReader(limits: zip.limits, budget: budget, nested: depth >= 1).forEachMember(
                of: source, skipped: { delegate.reader(didSkip: $0, reason: $1) }
            ) { path, size in
                StreamedMemberReader(reader: self, path: path, size: size, modified: modified, depth: depth + 1, delegate: delegate)
            }
        } catch {
            delegate.reader(didSkip: source.displayPath, reason: describe(error))
        }
    }

    private func readArchive(source: ByteSource, diskPath: String?, modified: Date?, depth: Int,
                             delegate: ExportReaderDelegate) {
        guard depth < zip.limits.maxNestingDepth else {
            delegate.reader(didSkip: source.displayPath, reason: "archive nested more than \(zip.limits.maxNestingDepth) levels deep: not opened")
            return
        }
        var inMemory: Data? = nil
        if diskPath == nil {
            // An archive inside an archive cannot be seeked into, so it is inflated into
            // memory, within a fixed bound.
            if let size = source.size, size > zip.limits.maxNestedArchiveBytes {
                delegate.reader(didSkip: source.displayPath, reason: "archive inside an archive larger than \(zip.limits.maxNestedArchiveBytes >> 20) MiB: extract the outer archive and scan the inner one directly")
                return
            }
            var data = Data()
            do {
                let limit = zip.limits.maxNestedArchiveBytes
                var tooLarge = false
                let budget = self.budget
                let path = source.displayPath
                try source.stream { chunk in
                    if Int64(data.count + chunk.count) > limit { tooLarge = true; return .stop }
                    // An inner archive inflated into memory counts against the scan's limit for
                    // nested bytes (deeper sources are counted by `BudgetedSource` already).
                    if depth == 1 && !budget.admitNestedBytes(chunk.count) {
                        throw DiscoveryError.scanLimit(path, budget.nestedBytesExhausted)
                    }
                    data.append(contentsOf: chunk)
                    return .more
                }
                if tooLarge {
                    delegate.reader(didSkip: source.displayPath, reason: "archive inside an archive larger than \(limit >> 20) MiB: extract the outer archive and scan the inner one directly")
                    return
                }
            } catch {
                delegate.reader(didSkip: source.displayPath, reason: describe(error))
                return
            }
            inMemory = data
        }
        do {
            try zip.forEachMember(of: source, diskPath: diskPath, inMemory: inMemory,
                                  skipped: { delegate.reader(didSkip: $0, reason: $1) }) { member in
                guard budget.admitMember() else { throw DiscoveryError.scanLimit(source.displayPath, budget.membersExhausted) }
                read(source: member, diskPath: nil, modified: modified, depth: depth + 1, delegate: delegate)
            }
        } catch {
            delegate.reader(didSkip: source.displayPath, reason: describe(error))
        }
    }

    func describe(_ error: Error) -> String {
        if let error = error as? DiscoveryError {
            // The path is shown beside the reason already.
            switch error {
            case .notFound: return "no such file"
            case .unreadable(_, let why): return "cannot read: \(why)"
            case .archive(_, let why): return "damaged or unsupported ZIP archive: \(why)"
            case .zipBomb(_, let why): return "stopped reading: \(why) (possible zip bomb)"
            case .tarArchive(_, let why): return "damaged or unsupported tar.gz archive: \(why)"
            case .scanLimit(_, let why): return "stopped reading: \(why)"
            }
        }
        return "\(error)"
    }
}

/// Results of `ExportReader.sniff`, each slot written by exactly one thread.
private final class SniffSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [ExportReader.Sniffed]
    init(count: Int) { slots = Array(repeating: .nothing, count: count) }
    func set(_ index: Int, _ value: ExportReader.Sniffed) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = value
    }
    var values: [ExportReader.Sniffed] {
        lock.lock(); defer { lock.unlock() }
        return slots
    }
}
