import Foundation
import StewardCore
import Formats

/// Reads the elements a `JSONArraySplitter` cuts out on a second thread, while the thread that
/// feeds the file goes on reading and splitting it: for one very large array (a Records.json
/// of several GB) one thread doing both was the one the whole scan waited for
/// (docs/performance.md, "Records.json on two reading threads").
///
/// The splitter's outputs are copied into batches in file order and `read` is called with each
/// of them on the reading thread, in the same order, exactly as it would have been called
/// inline. `read` is the only code that touches the sink while the thread runs, so the feeding
/// thread must not call the sink between `add` and `settle`. A file whose outputs fit in one
/// batch is read inline at `settle`, without a thread. Memory: at most `maximumQueued` batches
/// of about `batchBytes` each.
final class ElementReadingThread: @unchecked Sendable {
    static let maximumQueued = 4

    private enum Item {
        case element(index: Int, end: Int)
        case skipped(index: Int, reason: String)
        case warning(String)
    }

    private struct Batch {
        var bytes: [UInt8] = []
        var items: [Item] = []
    }

    private let batchBytes: Int
    private let read: (JSONArraySplitter.Output) -> Void
    private var filling = Batch()
    // Shared with the reading thread, under `condition`.
    private let condition = NSCondition()
    private var queued: [Batch] = []
    private var closed = false
    private var done = false
    private var started = false

    /// `batchBytes`: element bytes per batch (tests pass a few bytes to run the thread on
    /// small inputs).
    init(batchBytes: Int = 256 << 10, read: @escaping (JSONArraySplitter.Output) -> Void) {
        self.batchBytes = max(1, batchBytes)
        self.read = read
        filling.bytes.reserveCapacity(self.batchBytes + 4096)
    }

    /// Called by the feeding thread with each output of the splitter.
    func add(_ output: JSONArraySplitter.Output) {
        switch output {
        case .element(let index, let bytes):
            filling.bytes.append(contentsOf: bytes)
            filling.items.append(.element(index: index, end: filling.bytes.count))
        case .skipped(let index, let reason):
            filling.items.append(.skipped(index: index, reason: reason))
        case .warning(let text):
            filling.items.append(.warning(text))
        }
        if filling.bytes.count >= batchBytes || filling.items.count >= 4096 { handOver() }
    }

    /// Reads what is left and waits until every output has been read; the sink is the feeding
    /// thread's again afterwards. Safe to call more than once.
    func settle() {
        if !started {
            Self.deliver(filling, to: read)
            filling = Batch()
            return
        }
        if !filling.items.isEmpty { handOver() }
        condition.lock()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
    }

    private func handOver() {
        if !started {
            started = true
            let thread = Thread { [self] in run() }
            thread.stackSize = 8 << 20
            thread.start()
        }
        condition.lock()
        while queued.count >= Self.maximumQueued { condition.wait() }
        queued.append(filling)
        condition.broadcast()
        condition.unlock()
        filling = Batch()
        filling.bytes.reserveCapacity(batchBytes + 4096)
    }

    private func run() {
        while true {
            condition.lock()
            while queued.isEmpty && !closed { condition.wait() }
            if queued.isEmpty {
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = queued.removeFirst()
            condition.broadcast()
            condition.unlock()
            Self.deliver(batch, to: read)
        }
    }

    private static func deliver(_ batch: Batch, to read: (JSONArraySplitter.Output) -> Void) {
        batch.bytes.withUnsafeBytes { all in
            var start = 0
            for item in batch.items {
                switch item {
                case .element(let index, let end):
                    read(.element(index: index, bytes: UnsafeRawBufferPointer(rebasing: all[start..<end])))
                    start = end
                case .skipped(let index, let reason):
                    read(.skipped(index: index, reason: reason))
                case .warning(let text):
                    read(.warning(text))
                }
            }
        }
    }
}
