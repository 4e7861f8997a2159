import Foundation
import StewardCore
import Archives

/// detect → parse for one archive member whose bytes arrive once, in order, and cannot be
/// read again (a .tgz member): the head is collected up to `FileProbe.headLength` while it
/// arrives, the importer is chosen from it, then the head and every later chunk go to the
/// parser. An archive inside the member is collected in memory (bounded like nested ZIPs)
/// and read with `ExportReader` when the member ends.
final class StreamedMemberReader: ArchiveMemberConsumer {
    private enum State {
        case sniffing
        case parsing(parser: any ExportParser, sink: EventSink, importerID: String)
        case failed(sink: EventSink, importerID: String, error: String)
        case collectingArchive(Data)
        case ignoring
    }

    private let reader: ExportReader
    private let path: String
    private let size: Int64?
    private let modified: Date?
    private let depth: Int
    private unowned let delegate: ExportReaderDelegate
    private var state = State.sniffing
    private var head: [UInt8] = []

    init(reader: ExportReader, path: String, size: Int64?, modified: Date?, depth: Int, delegate: ExportReaderDelegate) {
        self.reader = reader
        self.path = path
        self.size = size
        self.modified = modified
        self.depth = depth
        self.delegate = delegate
    }

    func feed(_ chunk: UnsafeRawBufferPointer) {
        switch state {
        case .sniffing:
            let take = min(FileProbe.headLength - head.count, chunk.count)
            head.append(contentsOf: chunk.prefix(take))
            if head.count >= FileProbe.headLength {
                decide()
                if take < chunk.count { feed(UnsafeRawBufferPointer(rebasing: chunk[take...])) }
            }
        case .parsing(var parser, let sink, let id):
            state = .ignoring   // so the parser's buffers are uniquely owned while it runs
            do throws(ParseError) {
                try parser.feed(chunk, into: sink)
                state = .parsing(parser: parser, sink: sink, importerID: id)
            } catch {
                state = .failed(sink: sink, importerID: id, error: error.description)
            }
        case .collectingArchive(var data):
            state = .ignoring   // drop the reference so `data` is uniquely owned while it grows
            if Int64(data.count + chunk.count) > reader.zip.limits.maxNestedArchiveBytes {
                delegate.reader(didSkip: path, reason: "archive inside an archive larger than \(reader.zip.limits.maxNestedArchiveBytes >> 20) MiB: extract the outer archive and scan the inner one directly")
                return
            }
            data.append(contentsOf: chunk)
            state = .collectingArchive(data)
        case .failed, .ignoring:
            break
        }
    }

    /// The member's last byte was delivered, or reading stopped early because of `problem`.
    func end(problem: String?) {
        if case .sniffing = state { decide() }
        switch state {
        case .sniffing, .ignoring:
            break
        case .parsing(var parser, let sink, let id):
            state = .ignoring
            var errors: [String] = []
            if let problem {
                errors.append(problem)
            } else {
                do throws(ParseError) { try parser.finish(into: sink) } catch { errors.append(error.description) }
            }
            parser.settle(into: sink)
            report(sink: sink, importerID: id, errors: errors)
        case .failed(let sink, let id, let error):
            report(sink: sink, importerID: id, errors: [error] + (problem.map { [$0] } ?? []))
        case .collectingArchive(let data):
            if let problem {
                delegate.reader(didSkip: path, reason: problem)
            } else {
                reader.read(source: MemorySource(data: data, displayPath: path), diskPath: nil, modified: modified,
                            depth: depth, delegate: delegate)
            }
        }
        state = .ignoring
    }

    private func report(sink: EventSink, importerID: String, errors: [String]) {
        let input = ParsedInput(
            path: path, source: importerID, events: sink.eventCount, skipped: sink.skippedCount,
            errors: sink.errors + errors, warnings: sink.warnings, size: size, modified: modified,
            firstSeen: sink.firstTime?.iso8601, lastSeen: sink.lastTime?.iso8601)
        if let importer = reader.importers.first(where: { $0.id == importerID }) {
            reader.finish(input, importer: importer, delegate: delegate)
        } else {
            delegate.reader(didFinish: input)
        }
    }

    private func decide() {
        if ZipArchiveReader.looksLikeZip(head) || GzipInflater.looksLikeGzip(head) {
            if let size, size > reader.zip.limits.maxNestedArchiveBytes {
                delegate.reader(didSkip: path, reason: "archive inside an archive larger than \(reader.zip.limits.maxNestedArchiveBytes >> 20) MiB: extract the outer archive and scan the inner one directly")
                state = .ignoring
            } else {
                state = .collectingArchive(Data(head))
            }
            head = []
            return
        }
        let probe = FileProbe(path: path, head: head, size: size)
        switch ImporterRegistry.detect(probe, among: reader.importers) {
        case .failure(let reason):
            reader.notRead(path, reason: reason.text, delegate: delegate)
            state = .ignoring
        case .success(let found):
            let path = self.path
            let delegate = self.delegate
            let sink = EventSink { [unowned delegate] event in delegate.reader(didRead: event, path: path) }
            var parser = found.importer.makeParser(for: probe)
            let id = found.importer.id
            let result: Result<Void, ParseError> = head.withUnsafeBytes { raw in
                do throws(ParseError) { try parser.feed(raw, into: sink); return .success(()) }
                catch { return .failure(error) }
            }
            switch result {
            case .success: state = .parsing(parser: parser, sink: sink, importerID: id)
            case .failure(let error): state = .failed(sink: sink, importerID: id, error: error.description)
            }
        }
        head = []
    }
}
