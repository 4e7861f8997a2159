import StewardCore
import Formats

/// Record bytes a parser hands to its reading thread at a time unless a test asks otherwise.
let recordReadingBatchBytes = 256 << 10

/// Reads the records a streaming splitter cuts out of one large file on a second thread, while
/// the thread that feeds the file goes on reading and splitting it: for one very large file (a
/// Records.json of several GB) one thread doing both was the one the whole scan waited for
/// (docs/performance.md, "Records.json on two reading threads"; tried on TikTok's path walker
/// too, where it did not pay).
///
/// Each record is added as a `Note` (what the splitter said about it: its index, or why it was
/// dropped) with its bytes, which are copied into batches in file order; `read` is called with
/// each of them (a slice of its batch, not copied again) on the reading thread, in the same
/// order, as it would have been called inline. `read` is the only code that touches the sink
/// while the thread runs, so the feeding thread must not call the sink between `add` and
/// `settle`. A file whose records fit in one batch is read inline at `settle`, without a
/// thread. Memory: at most `maximumQueued` batches of about `batchBytes` each
/// (`BatchConsumerThread`).
final class RecordReadingThread<Note>: @unchecked Sendable {
    static var maximumQueued: Int { 4 }

    private struct Batch {
        var bytes: [UInt8] = []
        var notes: [(note: Note, end: Int)] = []
        /// Bytes held by notes themselves (`add(note:weight:)`).
        var weight = 0
    }

    private let batchBytes: Int
    private let read: (Note, ArraySlice<UInt8>) -> Void
    private var filling = Batch()
    /// Started with the first full batch.
    private var consumer: BatchConsumerThread<Batch>?

    /// `batchBytes`: record bytes per batch (tests pass a few bytes to run the thread on
    /// small inputs).
    init(batchBytes: Int = recordReadingBatchBytes, read: @escaping (Note, ArraySlice<UInt8>) -> Void) {
        self.batchBytes = max(1, batchBytes)
        self.read = read
        filling.bytes.reserveCapacity(self.batchBytes + 4096)
    }

    /// Called by the feeding thread with each record (`bytes` empty when there are none, such
    /// as for a record that was dropped).
    func add(note: Note, bytes: UnsafeRawBufferPointer) {
        filling.bytes.append(contentsOf: bytes)
        filling.notes.append((note, filling.bytes.count))
        if filling.bytes.count + filling.weight >= batchBytes || filling.notes.count >= 4096 { handOver() }
    }

    /// Called by the feeding thread with a record that carries its own data (`note` holds
    /// everything `read` needs): `weight`, about the bytes it holds, counts towards the batch
    /// size so that memory stays bounded.
    func add(note: Note, weight: Int) {
        filling.notes.append((note, filling.bytes.count))
        filling.weight += weight
        if filling.bytes.count + filling.weight >= batchBytes || filling.notes.count >= 4096 { handOver() }
    }

    /// Reads what is left and waits until every record has been read; the sink is the feeding
    /// thread's again afterwards. Safe to call more than once.
    func settle() {
        guard let consumer else {
            Self.deliver(filling, to: read)
            filling = Batch()
            return
        }
        if !filling.notes.isEmpty { handOver() }
        consumer.finish()
    }

    private func handOver() {
        let read = self.read
        let consumer = self.consumer ?? BatchConsumerThread(maximumQueued: Self.maximumQueued) { batch in Self.deliver(batch, to: read) }
        self.consumer = consumer
        consumer.send(filling)
        filling = Batch()
        filling.bytes.reserveCapacity(batchBytes + 4096)
    }

    private static func deliver(_ batch: Batch, to read: (Note, ArraySlice<UInt8>) -> Void) {
        var start = 0
        for (note, end) in batch.notes {
            read(note, batch.bytes[start..<end])
            start = end
        }
    }
}

/// What `JSONArraySplitter` says about one element, without its bytes.
enum SplitterNote {
    case element(index: Int)
    case skipped(index: Int, reason: String)
    case warning(String)
}

extension RecordReadingThread where Note == SplitterNote {
    /// Reads a splitter's outputs, handed to `read` as the splitter gave them.
    convenience init(batchBytes: Int = recordReadingBatchBytes, reading read: @escaping (JSONArraySplitter.Output) -> Void) {
        self.init(batchBytes: batchBytes) { note, bytes in
            switch note {
            case .element(let index): bytes.withUnsafeBytes { read(.element(index: index, bytes: $0)) }
            case .skipped(let index, let reason): read(.skipped(index: index, reason: reason))
            case .warning(let text): read(.warning(text))
            }
        }
    }

    private static var none: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: nil, count: 0) }

    func add(_ output: JSONArraySplitter.Output) {
        switch output {
        case .element(let index, let bytes): add(note: .element(index: index), bytes: bytes)
        case .skipped(let index, let reason): add(note: .skipped(index: index, reason: reason), bytes: Self.none)
        case .warning(let text): add(note: .warning(text), bytes: Self.none)
        }
    }
}

/// A `MarkupTokenizer` token without its bytes. A tag keeps only its name length, line, offset
/// and flags here: its buffers belong to the tokenizer and are never read again, its bytes
/// travel with the note (`MarkupTag.rawBytes`).
enum MarkupTokenNote {
    case start(MarkupTag)
    case end(MarkupTag)
    case text
    case doctype(line: Int, offset: Int64)
    case problem(MarkupError)
}

extension RecordReadingThread where Note == MarkupTokenNote {
    /// Replays a tokenizer's tokens to `read` as the tokenizer gave them.
    convenience init(batchBytes: Int = recordReadingBatchBytes, replaying read: @escaping (MarkupTokenizer.Token) -> Void) {
        self.init(batchBytes: batchBytes) { note, bytes in
            bytes.withUnsafeBufferPointer { raw in
                switch note {
                case .start(let tag): read(.start(MarkupTag(copyOf: tag, raw: raw)))
                case .end(let tag): read(.end(MarkupTag(copyOf: tag, raw: raw)))
                case .text: read(.text(raw))
                case .doctype(let line, let offset): read(.doctype(line: line, offset: offset))
                case .problem(let problem): read(.problem(problem))
                }
            }
        }
    }

    func add(_ token: MarkupTokenizer.Token) {
        let none = UnsafeRawBufferPointer(start: nil, count: 0)
        switch token {
        case .start(let tag): add(note: .start(tag), bytes: UnsafeRawBufferPointer(tag.rawBytes))
        case .end(let tag): add(note: .end(tag), bytes: UnsafeRawBufferPointer(tag.rawBytes))
        case .text(let text): add(note: .text, bytes: UnsafeRawBufferPointer(text))
        case .doctype(let line, let offset): add(note: .doctype(line: line, offset: offset), bytes: none)
        case .problem(let problem): add(note: .problem(problem), bytes: none)
        }
    }
}
